"""A long nav is pruned (plugin option nav_prune_above): past that many
pattern pages, every page carries the nav items of its own section only, so
the pages outside the patterns do not each hold every pattern's link."""

from __future__ import annotations

import pytest

from htmlq import parse_file
from sitekit import BASE_MKDOCS, MINIMAL_PATTERN, REPO, build_strict, write_site

TITLES = ("Alpha", "Beta", "Gamma")
FILES = {f"patterns/{t.lower()}.yml": MINIMAL_PATTERN.format(title=t) for t in TITLES}
NAV = "nav:\n  - Home: index.md\n  - Patterns: patterns/\n  - Glossary: glossary/index.md\n"


def _config(options: str = "", features: str = "") -> str:
    config = BASE_MKDOCS.format(vocabularies=REPO / "vocabularies.yml") + NAV
    if options:
        config = config.replace("      lint:", f"      {options}\n      lint:")
    if features:
        config = config.replace("  font: false\n", f"  font: false\n  features: [{features}]\n")
    return config


SITES = {
    "default": _config(),  # 3 pattern pages, under the default of 50
    "pruned": _config("nav_prune_above: 2"),
    "expand": _config("nav_prune_above: 2", "navigation.expand"),
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("prune")
    return {name: build_strict(write_site(root / name, dict(FILES), config)) for name, config in SITES.items()}


def _nav_titles(page) -> list[str]:
    nav = parse_file(page).find("nav", cls="md-nav--primary")
    return [a.text for a in nav.find_all("a", cls="md-nav__link")]


@pytest.mark.parametrize("site", ["default", "expand"])
def test_a_short_nav_and_an_expanded_one_list_every_pattern_on_every_page(sites, site):
    for page in ("index.html", "glossary/index.html", "patterns/beta/index.html"):
        titles = _nav_titles(sites[site] / page)
        assert all(t in titles for t in TITLES), (page, titles)


def test_a_long_nav_lists_the_patterns_on_pattern_pages_only(sites):
    home = _nav_titles(sites["pruned"] / "index.html")
    # the section is one link, to its first page
    assert "Patterns" in home and not any(t in home for t in TITLES), home
    link = parse_file(sites["pruned"] / "index.html").find("li", cls="md-nav__item--pruned").find("a")
    assert link.attrs["href"] == "patterns/alpha/"
    assert not any(t in _nav_titles(sites["pruned"] / "glossary/index.html") for t in TITLES)
    for title in TITLES:
        listed = _nav_titles(sites["pruned"] / f"patterns/{title.lower()}/index.html")
        assert all(t in listed for t in TITLES), (title, listed)

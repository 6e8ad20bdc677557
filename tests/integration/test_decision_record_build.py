"""The decision-record builder in full builds: the repository's own site
(questions of Deployment Patterns from its YAML, in the nav, offered from every
runtime and pattern page), a site built with use_directory_urls: false, and a
build that fails on bad decision questions."""

from __future__ import annotations

import json

import pytest
import yaml

from htmlq import parse_file
from sitekit import MINIMAL_PATTERN, REPO, TEST_LINT, build_site, build_strict, write_site

USE_LINK = "Use in a decision record"


def schema_of(page) -> dict:
    return json.loads(parse_file(page).find("article", cls="ar-dr").attrs["data-ar-dr-schema"])


def test_real_site_asks_the_placement_questions_of_deployment_patterns(real_site):
    data = yaml.safe_load((REPO / "patterns/deployment-patterns.yml").read_text(encoding="utf-8"))
    page = real_site / "decision-record" / "index.html"
    doc = parse_file(page)
    legends = [fs.find("legend").text for fs in doc.find_all("fieldset", cls="ar-dr__question")]
    declared = [q["question"] for q in data["decision_questions"]]
    assert legends[: len(declared)] == declared
    assert len(declared) >= 6
    schema = schema_of(page)
    runtimes = json.loads((real_site / "runtimes.json").read_text(encoding="utf-8"))["entries"]
    assert [r["slug"] for r in schema["runtimes"]] == sorted((r["slug"] for r in runtimes), key=lambda s: next(
        r["name"].casefold() for r in runtimes if r["slug"] == s))
    assert all(r["path"] == next(e["path"] for e in runtimes if e["slug"] == r["slug"]) for r in schema["runtimes"])
    assert [f["label"] for f in schema["failure_modes"]] == [
        "Network loss", "Provider failure", "Device pressure", "Cache loss", "Invalid artifacts", "Unavailable tools"]


def test_real_site_lists_the_builder_in_the_nav_and_offers_it_from_every_entry_page(real_site):
    home = parse_file(real_site / "index.html")
    assert "Decision record" in [a.text.strip() for a in home.find_all("a", cls="md-nav__link")]
    for folder, param in (("runtimes", "runtime"), ("patterns", "pattern")):
        for page in sorted((real_site / folder).glob("*/index.html")):
            slug = page.parent.name
            if slug == "compare":
                continue
            links = [a.attrs["href"] for a in parse_file(page).find_all("a") if a.text == USE_LINK]
            assert links == [f"../../decision-record/?{param}={slug}"], page


def test_without_directory_urls_every_link_and_path_still_resolves(tmp_path):
    config = (
        "site_name: Flat\nsite_url: https://example.org/flat/\nuse_directory_urls: false\n"
        f"theme: {{name: material, font: false}}\nplugins:\n  - search: {{enabled: false}}\n  - aruntime:\n      vocabularies: {REPO / 'vocabularies.yml'}\n      lint: {TEST_LINT}\n"
    )
    pattern = MINIMAL_PATTERN.format(title="Deployment Patterns") + "decision_questions:\n  - {id: where, question: Where does data live?}\n"
    runtime = (
        "name: Alpha\nsummary: Runs.\ncategory: browser\ndeployment: [browser]\nhardware: [webgpu]\nlicense: MIT\n"
        "homepage: https://example.org/\nsources: [{title: Docs, url: 'https://example.org/d'}]\nlast_reviewed: 2026-01-01\n"
    )
    root = write_site(tmp_path, {"patterns/deployment-patterns.yml": pattern, "runtimes/alpha.yml": runtime}, config)
    site = build_strict(root)
    schema = schema_of(site / "decision-record.html")
    assert schema["runtimes"][0]["path"] == "runtimes/alpha.html"
    assert schema["runtimes"][0]["url"] == "https://example.org/flat/runtimes/alpha.html"
    assert (site / schema["patterns"][0]["path"]).is_file()
    links = [a.attrs["href"] for a in parse_file(site / "runtimes" / "alpha.html").find_all("a") if a.text == USE_LINK]
    assert links == ["../decision-record.html?runtime=alpha"]
    builder = parse_file(site / "decision-record.html")
    entry_links = [a.attrs["href"] for a in builder.find_all("a") if a.text == "entry"]
    assert entry_links == ["runtimes/alpha.html"]
    assert (site / "assets/aruntime/js/decision-record.mjs").is_file()
    assert (site / "assets/aruntime/js/decision-record-core.mjs").is_file()


@pytest.mark.parametrize(
    "questions,message",
    [
        ("  - {id: where, question: One?}\n  - {id: where, question: Two?}\n",
         "patterns/deployment-patterns.yml:12:10: decision_questions[1].id: expected a unique id, found 'where' again (first at line 11, column 10)"),
        ("  - {id: Where?, question: One?}\n",
         "patterns/deployment-patterns.yml:11:10: decision_questions[0].id: expected lowercase letters, digits and single hyphens, found 'Where?'"),
    ],
    ids=["duplicate", "not-a-slug"],
)
def test_bad_decision_questions_fail_the_build_and_write_nothing(tmp_path, questions, message):
    pattern = MINIMAL_PATTERN.format(title="Deployment Patterns") + "decision_questions:\n" + questions
    root = write_site(tmp_path, {"patterns/deployment-patterns.yml": pattern})
    proc = build_site(root)
    assert proc.returncode != 0
    assert message in proc.stdout + proc.stderr
    assert not (root / "site").exists()

"""Pattern pages in the nav get their sidebar nav spliced from a sibling's
(build_support.NavSplice) instead of rendering it: every built file must be
byte for byte what rendering the nav on every page gives, on sites where the
splicing applies and where it must step aside."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import BASE_MKDOCS, MINIMAL_PATTERN, REPO, write_site

PATTERN_WITH_SECTIONS = """\
title: {title}
summary: A pattern with a table of contents.
audience: Everyone
status: draft
last_reviewed: 2026-01-01
key_takeaways: [One.]
sections:
  - heading: First part
    body: Text with a KV cache.
  - heading: Second part
    list: [a, b]
"""

FILES = {
    "patterns/alpha.yml": PATTERN_WITH_SECTIONS.format(title="Alpha"),
    "patterns/beta.yml": MINIMAL_PATTERN.format(title="Beta"),
    "patterns/gamma.yml": PATTERN_WITH_SECTIONS.format(title="Gamma & <Co>"),
    "patterns/delta.yml": PATTERN_WITH_SECTIONS.format(title="Delta"),
    "glossary/kv-cache.yml": "term: KV cache\nsummary: Keys and values kept between steps.\n",
    "docs/guide/index.md": "# Guide\n\n## Start\n\nText.\n",
    "docs/guide/notes.md": "# Notes\n\n## One\n\nText.\n",
    # A hand-written page under a pattern's folder: links to it are not the
    # same from that pattern's page as from its siblings'.
    "docs/patterns/delta/notes.md": "# Delta notes\n\n## One\n\nText.\n",
}

NAV = """\
nav:
  - Home: index.md
  - Guide:
      - guide/index.md
      - Notes: guide/notes.md
  - Patterns: patterns/
  - Delta notes: patterns/delta/notes.md
  - Elsewhere: https://example.org/elsewhere/
"""

DRIVER = """
import json, os, sys
os.environ["NO_MKDOCS_2_WARNING"] = "1"
from mkdocs.commands.build import build
from mkdocs.config import load_config
from aruntime import build_support

root, out = sys.argv[1:3]
os.chdir(root)
spliced = {}
for enabled in (True, False):
    build_support.NavSplice.enabled = enabled
    config = load_config(config_file="mkdocs.yml", site_dir=os.path.join(out, "on" if enabled else "off"))
    build(config)
    spliced["on" if enabled else "off"] = config.plugins["aruntime"].nav_splice.spliced
print(json.dumps(spliced))
"""

VARIANTS = {
    "folder URLs": "",
    "sections, index pages and pruning": "features: [navigation.indexes, navigation.sections, navigation.prune]\n",
    "tabs and integrated toc": "features: [navigation.tabs, navigation.sections, toc.integrate]\n",
    "file URLs": "use_directory_urls: false\n",
    "a page listed twice": "  - Beta again: patterns/beta.md\n",
}
#: Variants where no page may be spliced: relative links of file URLs are
#: not reasoned about; an item listed twice could be found at the other's place.
NOT_SPLICED = {"file URLs", "a page listed twice"}


def _build_both_ways(root: Path, out: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(root), str(out)], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file() and "search" not in p.parts}


@pytest.mark.parametrize("variant", VARIANTS)
def test_spliced_nav_is_byte_for_byte_the_rendered_one(tmp_path, variant):
    config = BASE_MKDOCS.format(vocabularies=REPO / "vocabularies.yml") + NAV
    extra = VARIANTS[variant]
    if extra.startswith("features"):
        config = config.replace("  font: false\n", "  font: false\n  " + extra)
    else:
        config += extra  # a top-level option, or one more nav entry
    root = write_site(tmp_path / "site", dict(FILES), config)
    spliced = _build_both_ways(root, tmp_path / "out")
    on, off = _files(tmp_path / "out" / "on"), _files(tmp_path / "out" / "off")
    assert on.keys() == off.keys()
    assert [name for name in on if on[name] != off[name]] == []
    assert spliced["off"] == 0
    if variant in NOT_SPLICED:
        assert spliced["on"] == 0
    else:
        # Alpha renders the nav (and its siblings' items); Beta and Gamma are
        # spliced; Delta has a page under its folder and renders its own.
        assert spliced["on"] == 2
    page = (tmp_path / "out" / "on" / ("patterns/gamma.html" if variant == "file URLs" else "patterns/gamma/index.html")).read_text(encoding="utf-8")
    nav = page[page.index("<!--ar:nav-->") : page.index("<!--/ar:nav-->")]
    assert nav.count("md-nav__link--active") >= 1 and "Gamma &amp; &lt;Co&gt;" in nav

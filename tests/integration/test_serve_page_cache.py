"""Under `mkdocs serve`, a save renders again only the pages it changes
(render_cache.py), and every page comes out exactly as a fresh build makes it.

A driver process builds the site the way `mkdocs serve` does (one plugin
instance, started in serve mode, one build per save) through a series of
edits; after each, every HTML page is compared with a fresh `mkdocs build` of
the same files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import BASE_MKDOCS, REPO, build_strict, write_site

PATTERN = """\
title: {title}
summary: About caching.
audience: Engineers
status: draft
last_reviewed: 2026-01-01
key_takeaways: [Measure the KV cache first.]
sections:
  - heading: First
    body: The KV cache grows with decode. Batching helps.
related: [glossary/kv-cache]
"""

TERM = """\
term: {term}
summary: {summary}
"""

RUNTIME = """\
name: {name}
summary: Has a KV cache.
category: inference-server
deployment: [single-node-server]
hardware: [cpu]
license: MIT
homepage: https://example.org/
sources: [{{title: Docs, url: "https://example.org/docs"}}]
last_reviewed: 2026-01-01
related: [patterns/caching]
"""

FILES = {
    "patterns/caching.yml": PATTERN.format(title="Caching"),
    "patterns/serving.yml": PATTERN.format(title="Serving").replace("related: [glossary/kv-cache]", "related: []"),
    "glossary/kv-cache.yml": TERM.format(term="KV cache", summary="Stored attention keys and values."),
    "glossary/decode.yml": TERM.format(term="Decode", summary="The token-by-token phase."),
    "glossary/prefill.yml": TERM.format(term="Prefill", summary="Reading the prompt."),
    "runtimes/alpha.yml": RUNTIME.format(name="Alpha"),
    "runtimes/beta.yml": RUNTIME.format(name="Beta"),
    "docs/notes.md": "# Notes\n\nDecode reads the KV cache.\n",
}

#: Saves, one build each: {path: new text, or None to delete the file}.
STEPS = [
    ("nothing changed", {}),
    ("a linked term's summary", {"glossary/kv-cache.yml": TERM.format(term="KV cache", summary="Cached keys and values.")}),
    ("a term nothing links", {"glossary/prefill.yml": TERM.format(term="Prefill", summary="Reading the whole prompt.")}),
    ("a runtime's name", {"runtimes/beta.yml": RUNTIME.format(name="Beta Two")}),
    ("a pattern's title (the nav)", {"patterns/serving.yml": PATTERN.format(title="Serving well").replace("related: [glossary/kv-cache]", "related: []")}),
    ("a hand-written page", {"docs/notes.md": "# Notes\n\nPrefill reads the prompt.\n"}),
    ("a new term others mention", {"glossary/batching.yml": TERM.format(term="Batching", summary="Grouping requests.")}),
    ("a deleted runtime", {"runtimes/alpha.yml": None}),
    ("a template of the site", {"overrides/partials/copyright.html": '<div class="md-copyright" id="site-footer">Footer</div>\n'}),
]

MKDOCS_YML = BASE_MKDOCS.format(vocabularies=REPO / "vocabularies.yml").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")

DRIVER = """
import json, logging, os, shutil, sys
os.environ["NO_MKDOCS_2_WARNING"] = "1"
from mkdocs.commands.build import build
from mkdocs.config import load_config

root, steps_file, out = sys.argv[1:4]
os.chdir(root)
steps = json.load(open(steps_file, encoding="utf-8"))
site_dir = os.path.join(out, "served")  # under the test's temp folder: nothing left in /tmp
config = load_config(config_file="mkdocs.yml", site_dir=site_dir)
config.plugins.on_startup(command="serve", dirty=False)  # one plugin instance for every build, as serve keeps it
shown = []  # what the terminal of `mkdocs serve` shows
class Shown(logging.Handler):
    def emit(self, record):
        shown.append(record.getMessage())
logging.getLogger("mkdocs").addHandler(Shown(logging.INFO))
logging.getLogger("mkdocs").setLevel(logging.INFO)
reused = []
for i, step in enumerate([{}] + steps):
    for rel, text in step.items():
        if text is None:
            os.remove(rel)
        else:
            os.makedirs(os.path.dirname(rel) or ".", exist_ok=True)
            with open(rel, "w", encoding="utf-8") as fh:
                fh.write(text)
    if i:
        config = load_config(config_file="mkdocs.yml", site_dir=site_dir)
    build(config)
    plugin = config.plugins["aruntime"]
    plugin._wait_for_search()
    plugin.sweeper.join()  # the last build, set aside, is deleted (devserver.SiteSweeper)
    reused.append(dict(plugin.reused))
    shutil.copytree(site_dir, os.path.join(out, str(i)))
config.plugins.on_shutdown()
print(json.dumps({"reused": reused, "cache_left": plugin.page_cache is not None, "shown": shown}))
"""


def _apply(root: Path, step: dict) -> None:
    for rel, text in step.items():
        path = root / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def _pages(site: Path) -> dict[str, bytes]:
    """Every file of a site (the exports, the search index, the sitemap...), and every folder."""
    return {str(p.relative_to(site)): p.read_bytes() if p.is_file() else b"<folder>" for p in sorted(site.rglob("*"))}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(builds under the serve driver, fresh builds of the same files, reuse counts per build)."""
    base = tmp_path_factory.mktemp("serve-cache")
    files = dict(FILES)
    root = write_site(base / "served", {**files, "overrides/.keep": ""}, MKDOCS_YML)
    steps_file = base / "steps.json"
    steps_file.write_text(json.dumps([step for _, step in STEPS]), encoding="utf-8")
    out = base / "out"
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(root), str(steps_file), str(out)],
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    fresh_root = write_site(base / "fresh", {**files, "overrides/.keep": ""}, MKDOCS_YML)
    fresh = []
    for i, (_, step) in enumerate([("first build", {})] + STEPS):
        _apply(fresh_root, step)
        shutil.rmtree(fresh_root / "site", ignore_errors=True)
        fresh.append(_pages(build_strict(fresh_root)))
    served_pages = [_pages(out / str(i)) for i in range(len(STEPS) + 1)]
    return served_pages, fresh, result


@pytest.mark.parametrize("step", range(len(STEPS) + 1), ids=["first build"] + [name for name, _ in STEPS])
def test_every_page_is_as_a_fresh_build_makes_it(served, step):
    served_pages, fresh, _ = served
    assert sorted(served_pages[step]) == sorted(fresh[step])
    differ = [name for name in fresh[step] if served_pages[step][name] != fresh[step][name]]
    assert differ == [], f"files that differ from a fresh build after {step} save(s): {differ}"


def test_a_save_renders_only_the_pages_it_changes(served):
    _, fresh, result = served
    reused = result["reused"]
    names = ["first build"] + [name for name, _ in STEPS]
    by_name = dict(zip(names, reused))
    assert by_name["first build"]["templates"] == by_name["first build"]["restored"] == 0
    unchanged = by_name["nothing changed"]
    assert unchanged["templates"] == unchanged["pages"] == unchanged["links"] > 10
    # a page as last time is not written again: its file is moved back (devserver.SiteSweeper.restore)
    assert all(build["restored"] == build["links"] for build in reused[1:])
    # One term's summary: its page, the pages listing it (glossary index and
    # letter) and pages showing it, not the rest; auto-linking again only
    # where a page links it.
    summary = by_name["a linked term's summary"]
    assert 0 < summary["templates"] < summary["pages"]
    assert summary["links"] < summary["templates"]
    quiet = by_name["a term nothing links"]
    assert quiet["links"] == quiet["templates"]
    assert quiet["templates"] > summary["templates"]
    # The nav shows pattern titles and every page shows the nav; a site
    # template renders every page.
    assert by_name["a pattern's title (the nav)"]["templates"] == 0
    assert by_name["a template of the site"]["templates"] == 0
    # A new term can be linked anywhere: pages render from cache, all link again.
    new_term = by_name["a new term others mention"]
    assert new_term["links"] == 0 < new_term["templates"]


def test_the_edits_show(served):
    served_pages, _, _ = served
    last = served_pages[-1]
    assert b"Cached keys and values." in last["glossary/kv-cache/index.html"]
    assert b"Beta Two" in last["runtimes/beta/index.html"]
    assert "runtimes/alpha/index.html" not in last
    assert b'id="site-footer"' in last["index.html"]
    assert b'href="../../glossary/batching/"' in last["patterns/caching/index.html"]


def test_pages_moved_back_are_not_reported_as_skipped(served):
    shown = served[2]["shown"]
    assert any("not written again" in line for line in shown)
    assert not [line for line in shown if line.startswith("Page skipped")]


def test_the_cache_is_let_go_on_shutdown(served):
    assert served[2]["cache_left"] is False

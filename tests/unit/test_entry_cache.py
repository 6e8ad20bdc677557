"""Rebuilds under mkdocs serve re-read only what changed (loader.EntryCache),
and report exactly what a fresh load reports."""

from __future__ import annotations

import datetime as dt
import shutil

from aruntime.loader import ContentPaths, EntryCache, load_site
from sitekit import DEMO_RUNTIME, REPO, write_site

TODAY = dt.date(2026, 6, 1)


def site(tmp_path):
    root = write_site(tmp_path, {
        "runtimes/alpha.yml": DEMO_RUNTIME,
        "runtimes/beta.yml": DEMO_RUNTIME.replace("Demo runtime", "Beta").replace("[cpu]", "[cpuu]"),
        "glossary/term.yml": "term: Term\nsummary: A term.\n",
    })
    shutil.copy(REPO / "vocabularies.yml", root / "vocabularies.yml")
    return ContentPaths(str(root))


def messages(problems):
    return sorted(str(p) for p in problems)


def test_unchanged_files_are_not_parsed_again_and_problems_still_reported(tmp_path):
    paths = site(tmp_path)
    cache = EntryCache()
    first, first_problems = load_site(paths, TODAY, cache)
    second, second_problems = load_site(paths, TODAY, cache)
    assert second.runtimes["alpha"] is first.runtimes["alpha"]  # reused, not rebuilt
    assert messages(second_problems) == messages(first_problems) == messages(load_site(paths, TODAY)[1])
    assert any("cpuu" in m for m in messages(second_problems))  # beta's error is reported every time


def test_an_edited_file_is_read_again(tmp_path):
    paths = site(tmp_path)
    cache = EntryCache()
    first, _ = load_site(paths, TODAY, cache)
    (tmp_path / "runtimes/alpha.yml").write_text(DEMO_RUNTIME.replace("Runs models.", "Runs more models."), encoding="utf-8")
    second, _ = load_site(paths, TODAY, cache)
    assert second.runtimes["alpha"] is not first.runtimes["alpha"]
    assert second.runtimes["alpha"].summary == "Runs more models."
    assert second.glossary["term"] is first.glossary["term"]


def test_a_new_vocabulary_or_day_starts_the_cache_afresh(tmp_path):
    paths = site(tmp_path)
    cache = EntryCache()
    first, _ = load_site(paths, TODAY, cache)
    vocab = tmp_path / "vocabularies.yml"
    vocab.write_text(vocab.read_text(encoding="utf-8").replace("  cpu:\n    label: CPU", "  cpu:\n    label: Processor"), encoding="utf-8")
    second, _ = load_site(paths, TODAY, cache)
    assert second.runtimes["alpha"] is not first.runtimes["alpha"]
    third, _ = load_site(paths, TODAY + dt.timedelta(days=1), cache)
    assert third.runtimes["alpha"] is not second.runtimes["alpha"]

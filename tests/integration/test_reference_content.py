"""The reference content itself: complete, sourced, dated, cross-linked and
reachable; the real site builds strict-clean."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from aruntime.loader import ContentPaths, load_site
from htmlq import parse_file


@pytest.fixture(scope="module")
def model(repo_root):
    model, problems = load_site(ContentPaths(str(repo_root)))
    assert [str(p) for p in problems] == []
    return model


def test_collections_have_the_promised_breadth(model):
    assert len(model.patterns) >= 11
    assert len(model.glossary) >= 110
    assert len(model.runtimes) >= 50
    categories = {r.category for r in model.runtimes.values()}
    assert categories == set(model.vocabularies.runtime_category), "every runtime category has at least one runtime"


def test_every_entry_is_dated_and_sourced(model):
    undated = [e.ref.key for e in model.entries() if not e.last_reviewed]
    unsourced = [e.ref.key for e in model.entries() if not e.sources]
    assert undated == []
    assert unsourced == []
    assert all(len(r.sources) >= 1 for r in model.runtimes.values())


def test_every_entry_is_used_or_related_somewhere(model):
    orphans = [
        e.ref.key for e in model.entries()
        if e.collection != "patterns" and not [b for b in model.backlinks(e.ref) if b.ref != e.ref]
    ]
    assert orphans == []


def test_patterns_and_runtimes_cross_link(model):
    for pattern in model.patterns.values():
        assert any(r.collection == "glossary" for r in pattern.related), pattern.slug
    assert sum(any(r.collection == "runtimes" for r in p.related) for p in model.patterns.values()) >= len(model.patterns) - 1
    for runtime in model.runtimes.values():
        assert any(r.collection == "glossary" for r in runtime.related) or runtime.capabilities, runtime.slug


def test_no_filler_repeats_within_a_pattern(model):
    for pattern in model.patterns.values():
        texts = list(pattern.key_takeaways)
        for section in pattern.sections:
            texts += section.items
            if section.table:
                texts += [cell for row in section.table.rows for cell in row[1:]]
        repeated = [t for t, n in Counter(texts).items() if n > 1]
        assert repeated == [], pattern.slug
        items = {i for s in pattern.sections for i in s.items}
        assert not items & set(pattern.key_takeaways), f"{pattern.slug}: a takeaway repeats a list item"


def test_pattern_pages_have_the_seed_structure(model):
    for pattern in model.patterns.values():
        kinds = {k for s in pattern.sections for k in ("list", "checklist", "steps", "table") if getattr(s, k)}
        assert {"checklist", "steps", "table"} <= kinds, pattern.slug
        assert any(s.body for s in pattern.sections), pattern.slug


def test_every_page_is_reachable_from_the_nav_or_another_page(real_site):
    """Crawl from the home page along links; every built page must be reached."""
    pages = {p.relative_to(real_site).as_posix() for p in real_site.rglob("index.html")}
    seen, todo = set(), ["index.html"]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        base = current.rsplit("/", 1)[0] + "/" if "/" in current else ""
        for a in parse_file(real_site / current).find_all("a"):
            href = a.attrs.get("href", "").split("#")[0].split("?")[0]
            if not href or re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            target = _resolve(base, href)
            if target.endswith("/") or target == "":
                target += "index.html"
            if target in pages:
                todo.append(target)
    unreachable = sorted(pages - seen - {"404.html"})
    assert unreachable == []


def _resolve(base: str, href: str) -> str:
    parts = [p for p in (base + href).split("/")]
    out: list[str] = []
    for part in parts[:-1]:
        if part == "..":
            if out:
                out.pop()
        elif part and part != ".":
            out.append(part)
    last = parts[-1]
    return "/".join(out + ([last] if last else [])) + ("/" if not last and out else "")


def test_dates_are_not_in_the_future(model):
    today = dt.date.today()
    assert all(dt.date.fromisoformat(e.last_reviewed) <= today for e in model.entries())

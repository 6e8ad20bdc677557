"""The Deployment Patterns page carries everything of the seed page, with the
seed's template defects fixed (empty review date, a takeaway that repeats a
list item, the same filler in every table row)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from htmlq import parse_file

SEED = Path(__file__).resolve().parents[1] / "fixtures/seed/deployment-patterns-page.txt"
HEADINGS = [
    "Key takeaways",
    "Patterns",
    "Placement decision",
    "Failure and fallback",
    "Implementation checklist",
    "Topology trade-offs",
    "Migration strategy",
    "Maintenance record",
]


def seed_blocks() -> dict[str, list[str]]:
    """The seed's content lines, grouped under their headings."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = lines.index("Key takeaways")
    blocks: dict[str, list[str]] = {}
    current = None
    for line in lines[start:]:
        if line.strip() in HEADINGS:
            current = line.strip()
            blocks[current] = []
        elif line.strip() and current:
            blocks[current].append(line.strip())
    return blocks


@pytest.fixture(scope="module")
def page(real_site):
    return parse_file(real_site / "patterns/deployment-patterns/index.html").find("article", cls="ar-pattern")


@pytest.fixture(scope="module")
def sections(page):
    return {s.find("h2").text: s for s in page.find_all("section") if s.find_all("h2")}


def items(block):
    return [re.sub(r"^(•|\d+\.)\s*", "", line) for line in block]


def test_title_and_summary(page):
    text = SEED.read_text(encoding="utf-8")
    assert page.find("h1").text == "Deployment Patterns"
    summary = "Choose deployment based on data placement, hardware, latency, availability, cost, operations, and trust—not on a local-versus-cloud slogan."
    assert summary in text
    assert page.find("p", cls="ar-summary").text == summary


def test_every_heading_is_there_in_order(page):
    headings = [h.text for h in page.find_all("h2")]
    positions = [headings.index(h) for h in HEADINGS]
    assert positions == sorted(positions)


def test_last_reviewed_is_a_real_date(page):
    meta = {dt.text: dt.parent.find("dd").text for dt in page.find("dl", cls="ar-meta").find_all("dt")}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["Last reviewed"])
    assert meta["Audience"] == "Technical readers"
    assert meta["Status"] == "Production guidance"
    assert re.fullmatch(r"\d+ minutes?", meta["Reading time"])


def test_list_checklist_and_steps_items_are_all_there(sections):
    blocks = seed_blocks()
    for heading in ("Patterns", "Implementation checklist", "Migration strategy"):
        rendered = [li.text for li in sections[heading].find_all("li")]
        assert rendered == items(blocks[heading]), heading


def test_paragraphs_are_all_there(sections):
    """Each seed paragraph is carried verbatim at the start of its paragraph;
    a sentence of context may follow it (issue 16: the "managed task runtime"
    sentence is kept and explained, not rewritten)."""
    blocks = seed_blocks()
    for heading in ("Failure and fallback", "Topology trade-offs"):
        rendered = [p.text for p in sections[heading].find_all("p")]
        assert len(rendered) == len(blocks[heading]), heading
        for seed, text in zip(blocks[heading], rendered):
            assert text.startswith(seed), heading


def test_takeaways_are_real_takeaways(sections):
    seed_takeaways = items(seed_blocks()["Key takeaways"])
    takeaways = [li.text for li in sections["Key takeaways"].find_all("li")]
    list_items = {li.text for name, s in sections.items() if name != "Key takeaways" for li in s.find_all("li")}
    assert not set(takeaways) & list_items, "a takeaway repeats a list item"
    # The seed's two short takeaways stay as the opening words of fuller ones;
    # the one that repeated a list item is gone.
    carried = [s for s in seed_takeaways if any(t.startswith(s) for t in takeaways)]
    assert carried == seed_takeaways[1:]
    assert not set(seed_takeaways[1:]) & set(takeaways), "a seed takeaway is still bare filler"
    assert len(takeaways) == len(set(takeaways)) >= 3


def test_placement_table_has_every_question_with_a_specific_reason(sections):
    block = seed_blocks()["Placement decision"]
    assert block[0] == "Question Why it matters"
    filler = "Record the constraint, assumption, and accepted trade-off in the Runtime Decision Record."
    questions = [row[: -len(filler)].strip() for row in block[1:]]
    table = sections["Placement decision"].find("table")
    assert [th.text for th in table.find("thead").find_all("th")] == ["Question", "Why it matters"]
    rows = [(tr.find("th").text, tr.find("td").text) for tr in table.find("tbody").find_all("tr")]
    assert [q for q, _ in rows] == questions
    reasons = [r for _, r in rows]
    assert filler not in reasons
    assert len(set(reasons)) == len(reasons)
    # The seed's advice to record each answer is kept, once, for the whole table.
    assert filler in sections["Placement decision"].text


def test_maintenance_record_ends_with_the_correction_sentence(sections):
    record = sections["Maintenance record"]
    assert seed_blocks()["Maintenance record"] == [record.find("p", cls="ar-correction-sentence").text]

"""A-Z ordering and grouping of the glossary index."""

from aruntime.model import GlossaryEntry, SiteModel, Vocabularies
from aruntime.problems import Location
from aruntime.views.glossary import index_groups, letter_bar, sort_key


def entry(slug, term, aliases=()):
    return GlossaryEntry(slug=slug, summary=f"{term} summary.", source=Location(f"glossary/{slug}.yml"), term=term, aliases=tuple(aliases))


def model(*entries):
    m = SiteModel(Vocabularies())
    for e in entries:
        m.glossary[e.slug] = e
    return m


def test_order_is_case_and_accent_insensitive_and_symbols_come_first():
    m = model(
        entry("zeta", "zeta"),
        entry("eviction", "Éviction"),
        entry("alpha", "alpha"),
        entry("beta", "Beta"),
        entry("edge", "edge"),
        entry("4bit", "4-bit quantization"),
        entry("dot", ".NET runtime"),
    )
    groups = index_groups(m)
    assert [g.letter for g in groups] == ["#", "A", "B", "E", "Z"]
    assert [i.label for i in groups[0].items] == [".NET runtime", "4-bit quantization"]
    assert [i.label for i in groups[3].items] == ["edge", "Éviction"]


def test_aliases_sit_with_their_term_not_in_rows_of_their_own():
    groups = index_groups(model(entry("time-to-first-token", "Time to first token", ["TTFT"]), entry("a", "alpha", ["Zeta"])))
    assert [g.letter for g in groups] == ["A", "T"]
    (item,) = groups[1].items
    assert (item.label, item.is_alias, item.entry.aliases) == ("Time to first token", False, ("TTFT",))


def test_letter_bar_skips_empty_letters():
    nav = {letter: group.anchor if group else None for letter, group in letter_bar(index_groups(model(entry("a", "alpha"), entry("c", "Cache"))))}
    assert nav["A"] == "letter-a" and nav["C"] == "letter-c"
    assert nav["B"] is None and nav["Z"] is None
    assert "#" not in nav


def test_sort_key_folds_case_and_accents():
    assert sort_key("Jäger")[0] == sort_key("jager")[0]

"""Glossary pages: one page per term, and the A–Z index of terms and aliases.
Both carry schema.org structured data (DefinedTerm, DefinedTermSet)."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from ..model import GlossaryEntry, SiteModel
from ..search.documents import SearchDoc
from ..urls import GLOSSARY_INDEX
from .base import PageKind, PageSpec, SinglePage, Site, entry_document, entry_view, footer_toc, plain, toc_item

OTHER_GROUP = "#"  # terms starting with a digit or symbol
ALPHABET = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
#: Above this many terms the A-Z index shows each letter's first terms and
#: links a page per letter (glossary/letters/<letter>/): one page of 20,000
#: terms was 12 MB.
SPLIT_ABOVE = 1000
PREVIEW_TERMS = 6  # terms per letter on the index page once it is split
LETTER_PAGES = "glossary/letters/"
#: A letter with more terms than this gets more than one page
#: (glossary/letters/s/, glossary/letters/s/2/, ...): at 20,000 terms one
#: letter can hold 2,000 of them.
LETTER_PAGE_TERMS = 500
_LETTER_PAGE = re.compile(r"^glossary/letters/([a-z]+)(?:/(\d+))?\.md$")


class TermPage(PageKind):
    name = "term"
    template = "aruntime/glossary-entry.html"
    collection = "glossary"

    def context(self, spec: PageSpec, site: Site) -> dict:
        term: GlossaryEntry = site.model.get(spec.ref)
        view = entry_view(site.model, term)
        view.html["definition"] = site.render(term.definition)
        toc = [toc_item("definition", "Definition")] if term.definition else []
        json_ld = {"@context": "https://schema.org", **defined_term(term, site)}
        return {"entry": term, "view": view, "toc": toc + footer_toc(view), "json_ld": json_ld}

    def search_documents(self, spec: PageSpec, site: Site) -> list[SearchDoc]:
        term: GlossaryEntry = site.model.get(spec.ref)
        page = entry_document(site, term, "glossary")
        page.fields["exact"] += list(term.aliases)
        page.fields["aliases"] = list(term.aliases)
        page.fields["text"] = [plain(site, term.definition)]
        return [page]


class GlossaryIndex(SinglePage):
    name = "glossary-index"
    template = "aruntime/glossary-index.html"
    src_uri = GLOSSARY_INDEX
    title = "Glossary"
    in_nav = True

    def context(self, spec: PageSpec, site: Site) -> dict:
        groups = index_groups(site.model)
        split = len(site.model.glossary) > SPLIT_ABOVE
        if split:
            for group in groups:
                group.page = letter_page_src_uri(group)
                group.items = group.items[:PREVIEW_TERMS]
        return {"glossary_groups": groups, "glossary_letters": letter_bar(groups), "json_ld": term_set_json_ld(site, list_terms=not split)}


class GlossaryLetterPage(PageKind):
    """One page per first letter, once the glossary is too long for one index page."""

    name = "glossary-letter"
    template = "aruntime/glossary-letter.html"

    def specs(self, model: SiteModel, options=None) -> list[PageSpec]:
        if len(model.glossary) <= SPLIT_ABOVE:
            return []
        specs = []
        for g in index_groups(model):
            count = letter_page_count(g.total)
            for k in range(1, count + 1):
                title = f"Glossary: {letter_heading(g.letter)}" + (f", page {k} of {count}" if k > 1 else "")
                specs.append(PageSpec(letter_page_src_uri(g, k), self.name, self.template, title))
        return specs

    def context(self, spec: PageSpec, site: Site) -> dict:
        groups = site.shared.get(self.name)
        if groups is None:  # once per build, not once per letter page
            groups = site.shared[self.name] = {letter_page_src_uri(g): g for g in index_groups(site.model)}
            for src_uri, group in groups.items():
                group.page = src_uri
        letter, number = _LETTER_PAGE.match(spec.src_uri).groups()
        group = groups[f"{LETTER_PAGES}{letter}.md"]
        pages = letter_pages(group, int(number or 1))
        page = pages[int(number or 1) - 1]
        shown = LetterGroup(group.letter, group.items[page.start : page.end], group.total, group.page)
        return {
            "glossary_group": shown,
            "glossary_groups": [shown],
            "glossary_letters": letter_bar(list(groups.values())),
            "glossary_pages": pages if len(pages) > 1 else [],
            "glossary_page": page,
        }

    def indexes_rendered_page(self) -> bool:
        return False  # every term has its own page in the index


def letter_heading(letter: str) -> str:
    return "0–9 and symbols" if letter == OTHER_GROUP else letter


def letter_page_src_uri(group: "LetterGroup", number: int = 1) -> str:
    """Page ``number`` of a letter: glossary/letters/s.md, then glossary/letters/s/2.md, ..."""
    letter = group.anchor.removeprefix("letter-")
    return f"{LETTER_PAGES}{letter}.md" if number == 1 else f"{LETTER_PAGES}{letter}/{number}.md"


def letter_page_count(terms: int) -> int:
    return max(1, math.ceil(terms / LETTER_PAGE_TERMS))


@dataclass(frozen=True)
class LetterPage:
    """One page of a letter: its terms ``start``..``end`` (0-based, end
    excluded), named by its first and last term for the links between pages."""

    number: int
    src_uri: str
    start: int
    end: int
    first: str
    last: str
    current: bool = False


def letter_pages(group: "LetterGroup", current: int = 1) -> list[LetterPage]:
    pages = []
    for k in range(1, letter_page_count(len(group.items)) + 1):
        start, end = (k - 1) * LETTER_PAGE_TERMS, min(len(group.items), k * LETTER_PAGE_TERMS)
        pages.append(LetterPage(k, letter_page_src_uri(group, k), start, end, group.items[start].label, group.items[end - 1].label, k == current))
    return pages


def sort_key(text: str) -> tuple:
    """Case- and accent-insensitive order ("Éviction" sorts with "eviction")."""
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return (base, text)


def group_letter(text: str) -> str:
    first = sort_key(text)[0][:1].upper()
    return first if "A" <= first <= "Z" else OTHER_GROUP


@dataclass(frozen=True)
class IndexItem:
    """A line of the A-Z index: a term, or an alias pointing to its term."""

    label: str
    entry: GlossaryEntry
    is_alias: bool = False

    @property
    def ref(self):  # ``ar_url`` links the item to its term's page
        return self.entry.ref

    @property
    def term(self) -> str:
        return self.entry.term

    @property
    def summary(self) -> str:
        return self.entry.summary


@dataclass
class LetterGroup:
    letter: str
    items: list[IndexItem] = field(default_factory=list)
    total: int = 0  # terms under this letter (items may be a preview)
    page: Optional[str] = None  # src_uri of the letter's own page, once the index is split

    @property
    def heading(self) -> str:
        return letter_heading(self.letter)

    @property
    def anchor(self) -> str:
        return "letter-other" if self.letter == OTHER_GROUP else f"letter-{self.letter.lower()}"


def index_groups(model: SiteModel) -> list[LetterGroup]:
    """Terms grouped by first letter, symbols and digits first; each term
    shows its aliases beside it (no separate "See" rows)."""
    items = [IndexItem(entry.term, entry) for entry in model.glossary.values()]
    items.sort(key=lambda i: sort_key(i.label))
    groups: dict[str, LetterGroup] = {}
    for item in items:
        groups.setdefault(group_letter(item.label), LetterGroup(group_letter(item.label))).items.append(item)
    for group in groups.values():
        group.total = len(group.items)
    order = sorted(groups, key=lambda g: (g != OTHER_GROUP, g))
    return [groups[g] for g in order]


@dataclass(frozen=True)
class LetterLink:
    """Where a letter of the letter bar links: its section (``anchor``) or its own ``page``."""

    anchor: str
    page: Optional[str] = None


def letter_bar(groups: list[LetterGroup]) -> list[tuple[str, Optional[LetterLink]]]:
    """(letter, its link or None) for #, A-Z; None where a letter has no
    terms. Only the link, not the group's terms: every letter page carries
    the bar (and under serve its context is digested, render_cache.py)."""
    present = {g.letter: LetterLink(g.anchor, g.page) for g in groups}
    letters = [OTHER_GROUP] if OTHER_GROUP in present else []
    return [(letter, present.get(letter)) for letter in letters + ALPHABET]


def defined_term(entry: GlossaryEntry, site: Site) -> dict:
    url = site.urls.absolute(site.options.site_url, entry)
    data = {
        "@type": "DefinedTerm",
        "@id": url,
        "name": entry.term,
        "description": entry.summary,
        "url": url,
        "inDefinedTermSet": site.urls.absolute(site.options.site_url, GLOSSARY_INDEX),
    }
    if entry.aliases:
        data["alternateName"] = list(entry.aliases)
    return data


def term_set_json_ld(site: Site, list_terms: bool = True) -> dict:
    """The glossary as a DefinedTermSet; its terms are listed unless the
    glossary is split by letter (each term page names its set either way)."""
    set_url = site.urls.absolute(site.options.site_url, GLOSSARY_INDEX)
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": set_url,
        "name": f"{site.options.site_name} glossary",
        "url": set_url,
    }
    if list_terms:
        data["hasDefinedTerm"] = [defined_term(e, site) for e in sorted(site.model.glossary.values(), key=lambda e: sort_key(e.term))]
    return data

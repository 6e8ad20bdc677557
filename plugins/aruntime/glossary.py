"""The glossary's A-Z index, term back-references and structured data."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from .model import GlossaryEntry, Ref, SiteModel
from .pages import url_path

OTHER_GROUP = "#"  # terms starting with a digit or symbol


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
    slug: str
    term: str
    summary: str
    is_alias: bool = False


@dataclass
class LetterGroup:
    letter: str
    items: list[IndexItem] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "letter-other" if self.letter == OTHER_GROUP else f"letter-{self.letter.lower()}"


def index_groups(model: SiteModel) -> list[LetterGroup]:
    """Terms and aliases grouped by first letter; symbols and digits first."""
    items = []
    for entry in model.glossary.values():
        items.append(IndexItem(entry.term, entry.slug, entry.term, entry.summary))
        items.extend(IndexItem(alias, entry.slug, entry.term, entry.summary, True) for alias in entry.aliases)
    items.sort(key=lambda i: sort_key(i.label))
    groups: dict[str, LetterGroup] = {}
    for item in items:
        letter = group_letter(item.label)
        groups.setdefault(letter, LetterGroup(letter)).items.append(item)
    order = sorted(groups, key=lambda g: (g != OTHER_GROUP, g))
    return [groups[g] for g in order]


ALPHABET = [chr(c) for c in range(ord("A"), ord("Z") + 1)]


def letter_nav(groups: list[LetterGroup]) -> list[tuple[str, Optional[str]]]:
    """(letter, anchor or None) for #, A-Z; None where a letter has no terms."""
    present = {g.letter: g.anchor for g in groups}
    letters = [OTHER_GROUP] if OTHER_GROUP in present else []
    return [(letter, present.get(letter)) for letter in letters + ALPHABET]


def defined_term(entry: GlossaryEntry, site_url: str, set_url: str, directory_urls: bool = True) -> dict:
    data = {
        "@type": "DefinedTerm",
        "@id": site_url + url_path("glossary", entry.slug, directory_urls),
        "name": entry.term,
        "description": entry.summary,
        "url": site_url + url_path("glossary", entry.slug, directory_urls),
        "inDefinedTermSet": set_url,
    }
    if entry.aliases:
        data["alternateName"] = list(entry.aliases)
    return data


def term_json_ld(entry: GlossaryEntry, site_url: str, directory_urls: bool = True) -> dict:
    set_url = site_url + "glossary/"
    return {"@context": "https://schema.org", **defined_term(entry, site_url, set_url, directory_urls)}


def term_set_json_ld(model: SiteModel, site_url: str, site_name: str, directory_urls: bool = True) -> dict:
    set_url = site_url + "glossary/"
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": set_url,
        "name": f"{site_name} glossary",
        "url": set_url,
        "hasDefinedTerm": [
            defined_term(e, site_url, set_url, directory_urls) for e in sorted(model.glossary.values(), key=lambda e: sort_key(e.term))
        ],
    }

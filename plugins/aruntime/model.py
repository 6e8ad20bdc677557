"""The validated content model: immutable objects the later stages read.

Every object keeps ``source`` (where it was defined) so later stages can
report problems at the right file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .problems import Location

COLLECTIONS = ("patterns", "glossary", "runtimes")
# Entry slugs that would collide with generated index pages (/runtimes/compare/ ...).
RESERVED_SLUGS = {"patterns": {"index"}, "glossary": {"index"}, "runtimes": {"index", "compare"}}


@dataclass(frozen=True)
class Ref:
    """A cross-reference such as ``glossary/kv-cache``."""

    collection: str
    slug: str

    @property
    def key(self) -> str:
        return f"{self.collection}/{self.slug}"

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    heading: str
    anchor: str
    body: Optional[str] = None  # Markdown source
    list: tuple[str, ...] = ()
    checklist: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    table: Optional[Table] = None
    # ids of list items, when the section asks for linkable items
    item_anchors: tuple[str, ...] = ()

    @property
    def items(self) -> tuple[str, ...]:
        return self.list or self.checklist or self.steps


@dataclass(frozen=True)
class Entry:
    """Fields every collection shares."""

    slug: str
    summary: str
    source: Location
    related: tuple[Ref, ...] = ()
    use_cases: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    last_reviewed: Optional[str] = None
    # False: this entry's page gets no glossary links (for a term: its
    # names are never linked anywhere).
    autolink: bool = True

    collection = ""

    @property
    def ref(self) -> Ref:
        return Ref(self.collection, self.slug)


@dataclass(frozen=True)
class Pattern(Entry):
    collection = "patterns"
    title: str = ""
    audience: str = ""
    status: str = ""
    key_takeaways: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class GlossaryEntry(Entry):
    collection = "glossary"
    term: str = ""
    aliases: tuple[str, ...] = ()
    definition: Optional[str] = None  # Markdown source

    @property
    def title(self) -> str:
        return self.term


@dataclass(frozen=True)
class Runtime(Entry):
    collection = "runtimes"
    name: str = ""
    category: str = ""
    deployment: tuple[str, ...] = ()
    hardware: tuple[str, ...] = ()
    license: str = ""
    homepage: str = ""
    repository: Optional[str] = None
    languages: tuple[str, ...] = ()
    model_formats: tuple[str, ...] = ()
    capabilities: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return self.name


@dataclass(frozen=True)
class VocabularyTerm:
    key: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Vocabularies:
    """Controlled vocabularies, each defined once in vocabularies.yml."""

    pattern_status: dict[str, VocabularyTerm] = field(default_factory=dict)
    runtime_category: dict[str, VocabularyTerm] = field(default_factory=dict)
    deployment_target: dict[str, VocabularyTerm] = field(default_factory=dict)
    hardware: dict[str, VocabularyTerm] = field(default_factory=dict)
    capability: dict[str, VocabularyTerm] = field(default_factory=dict)

    def label(self, vocabulary: str, key: str) -> str:
        term = getattr(self, vocabulary).get(key)
        return term.label if term else key


@dataclass
class SiteModel:
    """Everything loaded and validated; the only input later stages receive."""

    vocabularies: Vocabularies
    patterns: dict[str, Pattern] = field(default_factory=dict)
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)
    runtimes: dict[str, Runtime] = field(default_factory=dict)

    def collection(self, name: str) -> dict[str, Entry]:
        return getattr(self, name)

    def get(self, ref: Ref) -> Optional[Entry]:
        return self.collection(ref.collection).get(ref.slug)

    def entries(self):
        for name in COLLECTIONS:
            yield from self.collection(name).values()

    def backlinks(self, ref: Ref) -> list[Entry]:
        """Entries that use ``ref``: their ``related`` names it, or (for a
        glossary term) a runtime lists the capability of the same slug."""
        return [
            e
            for e in self.entries()
            if ref in e.related or (ref.collection == "glossary" and ref.slug in getattr(e, "capabilities", ()))
        ]

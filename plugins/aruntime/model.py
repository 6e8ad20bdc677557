"""The validated content model: immutable objects the later stages read.

Every object keeps ``source`` (where it was defined) so later stages can
report problems at the right file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Optional

from .glossary_names import GlossaryNames
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
class DecisionQuestion:
    """A question a Runtime Decision Record answers (a pattern's ``decision_questions``)."""

    id: str
    question: str
    hint: Optional[str] = None


def _fields_repr(obj) -> str:
    """What the ``__repr__`` dataclasses generate gives."""
    shown = ", ".join(f"{f.name}={getattr(obj, f.name)!r}" for f in fields(obj) if f.repr)
    return f"{type(obj).__qualname__}({shown})"


@dataclass(frozen=True, repr=False)
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

    def __repr__(self) -> str:
        # Made once: under serve the page cache digests every page's context
        # by repr (render_cache.py), an entry shows on many pages, and an
        # entry whose file is unchanged is the same object from one build to
        # the next (loader.EntryCache). Entries are immutable.
        shown = self.__dict__.get("_repr")
        if shown is None:
            shown = _fields_repr(self)
            object.__setattr__(self, "_repr", shown)
        return shown


@dataclass(frozen=True, repr=False)
class Pattern(Entry):
    collection = "patterns"
    title: str = ""
    audience: str = ""
    status: str = ""
    key_takeaways: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    decision_questions: tuple[DecisionQuestion, ...] = ()  # decision-record builder (views/decision_record.py)


@dataclass(frozen=True, repr=False)
class GlossaryEntry(Entry):
    collection = "glossary"
    term: str = ""
    aliases: tuple[str, ...] = ()
    definition: Optional[str] = None  # Markdown source

    @property
    def title(self) -> str:
        return self.term


@dataclass(frozen=True, repr=False)
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
    # Lookup tables built on first use; the model is not changed after loading.
    _backlinks: Optional[dict] = field(default=None, repr=False, compare=False)
    _glossary_names: Optional[GlossaryNames] = field(default=None, repr=False, compare=False)

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
        if self._backlinks is None:
            # One pass over all entries instead of one per page: O(n), not O(n²).
            index: dict[Ref, list[Entry]] = {}
            for entry in self.entries():
                targets = list(dict.fromkeys(entry.related))
                targets += [Ref("glossary", c) for c in getattr(entry, "capabilities", ()) if Ref("glossary", c) not in targets]
                for target in targets:
                    index.setdefault(target, []).append(entry)
            self._backlinks = index
        return list(self._backlinks.get(ref, ()))

    def glossary_slug_for_name(self, name: str) -> Optional[str]:
        """The glossary entry whose term or alias is ``name`` (glossary_names.normalise)."""
        if self._glossary_names is None:
            self._glossary_names = GlossaryNames.of(self.glossary.values())
        return self._glossary_names.lookup(name)

"""Page content: which pages the model produces, at which URLs, and the
view data their templates print (resolved links, rendered Markdown, reading
time). Plain Python; the MkDocs adapter turns ``PageSpec`` into files.
"""

from __future__ import annotations

from html import escape
import math
from dataclasses import dataclass, field
from typing import Any, Optional

from markupsafe import Markup

from .markup import MarkdownRenderer, plain_text
from .model import Entry, GlossaryEntry, Pattern, Ref, Runtime, SiteModel

WORDS_PER_MINUTE = 200

TEMPLATES = {
    "patterns": "aruntime/pattern.html",
    "glossary": "aruntime/glossary-entry.html",
    "runtimes": "aruntime/runtime.html",
}
KIND_LABELS = {"patterns": "Pattern", "glossary": "Glossary term", "runtimes": "Runtime"}


def src_uri(collection: str, slug: str) -> str:
    """Where a generated page pretends to live in docs/."""
    return f"{collection}/{slug}.md"


def url_path(collection: str, slug: str, directory_urls: bool = True) -> str:
    """Site-root-relative URL of an entry page (as MkDocs computes it)."""
    return f"{collection}/{slug}/" if directory_urls else f"{collection}/{slug}.html"


@dataclass(frozen=True)
class PageSpec:
    """One page to generate: where, with which template and title."""

    src_uri: str
    template: str
    title: str
    ref: Optional[Ref] = None
    in_nav: bool = False

    def stub(self) -> str:
        """Minimal Markdown for MkDocs: front matter only; the template renders the body.

        Every value is a YAML double-quoted string of printable ASCII, every
        other character written as an escape, so no title can break the front
        matter (MkDocs would then drop it silently and render the stub as
        Markdown). The title is HTML-escaped because Material prints
        ``page.title`` raw.
        """
        return f"---\ntemplate: {_yaml_string(self.template)}\ntitle: {_yaml_string(escape(self.title, quote=False))}\n---\n"


def _yaml_string(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= code < 0x7F:
            out.append(ch)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


GLOSSARY_INDEX = PageSpec("glossary/index.md", "aruntime/glossary-index.html", "Glossary", in_nav=True)
RUNTIME_DIRECTORY = PageSpec("runtimes/index.md", "aruntime/runtime-directory.html", "Runtime directory", in_nav=True)
RUNTIME_COMPARISON = PageSpec("runtimes/compare.md", "aruntime/runtime-compare.html", "Compare runtimes")
SEARCH_PAGE = PageSpec("search.md", "aruntime/search.html", "Search")  # /search/?q=, rendered in the browser


def page_specs(model: SiteModel) -> list[PageSpec]:
    specs = [GLOSSARY_INDEX, RUNTIME_DIRECTORY, RUNTIME_COMPARISON, SEARCH_PAGE]
    for collection in ("patterns", "glossary", "runtimes"):
        for slug, entry in sorted(model.collection(collection).items()):
            specs.append(
                PageSpec(
                    src_uri(collection, slug),
                    TEMPLATES[collection],
                    entry.title,
                    ref=entry.ref,
                    in_nav=collection == "patterns",
                )
            )
    return specs


@dataclass(frozen=True)
class LinkedEntry:
    """Another entry as a page shows it: kind, title, link, summary."""

    kind: str
    title: str
    url: str
    summary: str


@dataclass
class EntryView:
    """What an entry page's template prints besides the raw model fields."""

    entry: Entry
    url: str
    kind: str
    related: list[LinkedEntry] = field(default_factory=list)
    referenced_by: list[LinkedEntry] = field(default_factory=list)
    html: dict[str, Markup] = field(default_factory=dict)  # rendered Markdown fields by key
    reading_minutes: Optional[int] = None
    labels: dict[str, Any] = field(default_factory=dict)


def linked(entry: Entry, directory_urls: bool) -> LinkedEntry:
    return LinkedEntry(KIND_LABELS[entry.collection], entry.title, url_path(entry.collection, entry.slug, directory_urls), entry.summary)


def entry_view(model: SiteModel, ref: Ref, renderer: MarkdownRenderer, directory_urls: bool = True) -> EntryView:
    entry = model.get(ref)
    view = EntryView(entry, url_path(ref.collection, ref.slug, directory_urls), KIND_LABELS[ref.collection])
    view.related = [linked(e, directory_urls) for e in map(model.get, entry.related) if e is not None]
    view.referenced_by = [
        linked(e, directory_urls) for e in model.backlinks(ref) if e.ref not in entry.related
    ]
    if isinstance(entry, Pattern):
        for i, section in enumerate(entry.sections):
            view.html[f"section-{i}"] = renderer.render(section.body)
        view.labels["status"] = model.vocabularies.label("pattern_status", entry.status)
        view.reading_minutes = reading_minutes(pattern_words(entry, view))
    elif isinstance(entry, GlossaryEntry):
        view.html["definition"] = renderer.render(entry.definition)
    elif isinstance(entry, Runtime):
        vocab = model.vocabularies
        view.labels["category"] = vocab.label("runtime_category", entry.category)
        view.labels["deployment"] = [vocab.label("deployment_target", k) for k in entry.deployment]
        view.labels["hardware"] = [vocab.label("hardware", k) for k in entry.hardware]
        view.labels["capabilities"] = [vocab.label("capability", k) for k in entry.capabilities]
    return view


def pattern_words(pattern: Pattern, view: EntryView) -> int:
    """Words a reader reads on a pattern page (header, takeaways, sections)."""
    texts: list[str] = [pattern.title, pattern.summary, *pattern.key_takeaways]
    for i, section in enumerate(pattern.sections):
        texts.append(section.heading)
        texts.append(plain_text(str(view.html.get(f"section-{i}", ""))))
        texts.extend(section.items)
        if section.table:
            texts.extend(section.table.columns)
            texts.extend(cell for row in section.table.rows for cell in row)
    return sum(len(t.split()) for t in texts)


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def toc_tokens(view: EntryView) -> list[dict]:
    """Table of contents of an entry page (the ids its template prints)."""
    def item(anchor: str, name: str) -> dict:
        return {"level": 2, "id": anchor, "name": escape(name, quote=False), "children": []}

    entry = view.entry
    tokens = []
    if isinstance(entry, Pattern):
        tokens.append(item("key-takeaways", "Key takeaways"))
        tokens.extend(item(s.anchor, s.heading) for s in entry.sections)
    elif isinstance(entry, GlossaryEntry) and entry.definition:
        tokens.append(item("definition", "Definition"))
    elif isinstance(entry, Runtime):
        tokens.append(item("details", "Details"))
    if view.related:
        tokens.append(item("related", "Related"))
    if view.referenced_by:
        tokens.append(item("referenced-by", "Referenced by"))
    if entry.sources:
        tokens.append(item("sources", "Sources"))
    tokens.append(item("maintenance-record", "Maintenance record"))
    return tokens

"""What every page kind shares: the page spec, the site a view is built
against, linked entries, the entry page footer and the table of contents.

Plain Python: the MkDocs adapter turns ``PageSpec`` into files and asks the
page's kind for its template context.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from html import escape
from typing import Any, Callable, Optional

from markupsafe import Markup

from ..model import Entry, Ref, SiteModel
from ..search.documents import SearchDoc, html_text
from ..urls import SiteUrls

WORDS_PER_MINUTE = 200
#: What a page shows as the kind of another entry it links to.
KIND_LABELS = {"patterns": "Pattern", "glossary": "Glossary term", "runtimes": "Runtime"}


@dataclass(frozen=True)
class PageSpec:
    """One page to generate: where, of which kind, with which title."""

    src_uri: str
    kind: str  # name of the PageKind that renders it
    template: str
    title: str
    ref: Optional[Ref] = None
    in_nav: bool = False

    def stub(self) -> str:
        """Minimal Markdown for MkDocs: front matter only; the template renders the body.

        Every value is a YAML double-quoted string of printable ASCII, every
        other character written as an escape, so no title can break the front
        matter (MkDocs would then drop it silently and render the stub as
        Markdown). The title is plain text here; the adapter escapes every
        page title once, before templates render.
        """
        return f"---\ntemplate: {_yaml_string(self.template)}\ntitle: {_yaml_string(self.title)}\n---\n"


def _yaml_string(text: str) -> str:
    return '"' + _YAML_ESCAPED.sub(_yaml_escape, text) + '"'


# What a YAML double-quoted string cannot hold as it is: a quote, a
# backslash, anything but printable ASCII (one substitution per page stub,
# instead of a loop over every character of every title).
_YAML_ESCAPED = re.compile(r'["\\]|[^\x20-\x7e]')


def _yaml_escape(match: re.Match) -> str:
    ch = match.group()
    code = ord(ch)
    if ch in '"\\':
        return "\\" + ch
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


@dataclass(frozen=True)
class SiteOptions:
    """Plugin options the views need (from mkdocs.yml)."""

    site_url: str = "/"
    site_name: str = ""
    deployment_pattern: str = "deployment-patterns"
    review_max_age_days: int = 365
    today: dt.date = field(default_factory=dt.date.today)
    #: The runtime directory lists every runtime in its HTML up to this many;
    #: above it, the first page of them, the rest on listing pages (views/runtimes.py).
    directory_inline_max: int = 250
    directory_page_size: int = 100  # runtimes per listing page


@dataclass
class Site:
    """Everything a view is built from: the model, every URL, the Markdown
    renderer and the options. One per build."""

    model: SiteModel
    urls: SiteUrls
    render: Callable[[Optional[str]], Markup]
    options: SiteOptions = field(default_factory=SiteOptions)
    #: Work that several pages of one build share (views key it by name).
    shared: dict = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class LinkedEntry:
    """Another entry as a page shows it: kind, title, summary; templates link
    it with ``ar_url`` (it has a ``ref``)."""

    ref: Ref
    kind: str
    title: str
    summary: str


@dataclass
class EntryView:
    """What an entry page's template prints besides the raw model fields."""

    entry: Entry
    related: list[LinkedEntry] = field(default_factory=list)
    referenced_by: list[LinkedEntry] = field(default_factory=list)
    html: dict[str, Markup] = field(default_factory=dict)  # rendered Markdown fields by key
    reading_minutes: Optional[int] = None
    labels: dict[str, Any] = field(default_factory=dict)


def linked(entry: Entry) -> LinkedEntry:
    return LinkedEntry(entry.ref, KIND_LABELS[entry.collection], entry.title, entry.summary)


def entry_view(model: SiteModel, entry: Entry) -> EntryView:
    """The part of an entry page every collection shares: related entries and
    the entries that refer to this one."""
    view = EntryView(entry)
    view.related = [linked(e) for e in map(model.get, entry.related) if e is not None]
    view.referenced_by = [linked(e) for e in model.backlinks(entry.ref) if e.ref not in entry.related]
    return view


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def toc_item(anchor: str, name: str) -> dict:
    return {"level": 2, "id": anchor, "name": escape(name, quote=False), "children": []}


def footer_toc(view: EntryView) -> list[dict]:
    """Table of contents entries of the shared entry footer."""
    tokens = []
    if view.related:
        tokens.append(toc_item("related", "Related"))
    if view.referenced_by:
        tokens.append(toc_item("referenced-by", "Referenced by"))
    if view.entry.sources:
        tokens.append(toc_item("sources", "Sources"))
    tokens.append(toc_item("maintenance-record", "Maintenance record"))
    return tokens


def entry_document(site: Site, entry: Entry, kind: str) -> SearchDoc:
    """The page document of an entry: what every collection indexes."""
    doc = SearchDoc(site.urls.of(entry), kind, entry.title, entry.summary)
    doc.fields = {"exact": [entry.title], "title": [entry.title], "summary": [entry.summary], "use_cases": list(entry.use_cases)}
    return doc


def plain(site: Site, markdown: Optional[str]) -> str:
    """Visible text of a Markdown field."""
    return html_text(str(site.render(markdown))) if markdown else ""


class PageKind:
    """A kind of generated page: its template, which pages it makes, the
    template context of one page, and the search documents of one page.

    Subclasses set ``name`` and ``template`` and override what they need;
    ``on_page_context`` is a lookup of the page's kind and a call of
    ``context``.
    """

    name: str = ""
    template: str = ""
    collection: Optional[str] = None  # entry kinds: the collection they render
    in_nav: bool = False

    def specs(self, model: SiteModel, options: Optional[SiteOptions] = None) -> list[PageSpec]:
        """The pages of this kind; ``options`` where their number depends on plugin options."""
        if self.collection is None:
            return []
        return [
            PageSpec(f"{self.collection}/{slug}.md", self.name, self.template, entry.title, ref=entry.ref, in_nav=self.in_nav)
            for slug, entry in sorted(model.collection(self.collection).items())
        ]

    def context(self, spec: PageSpec, site: Site) -> dict:
        """Template context of the page; key ``toc`` (tokens) becomes its table of contents."""
        return {}

    def search_documents(self, spec: PageSpec, site: Site) -> list[SearchDoc]:
        """Documents of this page for the search index; [] when the page's
        own rendered text is indexed (hand-written and index pages)."""
        return []

    def indexes_rendered_page(self) -> bool:
        """Whether the search index takes this page's rendered HTML (index pages)."""
        return self.collection is None

    def data_files(self, site: Site) -> dict[str, str]:
        """Data files the pages of this kind load in the browser, {site path: JSON text}."""
        return {}


class SinglePage(PageKind):
    """A kind with exactly one page (index pages, the search page)."""

    src_uri: str = ""
    title: str = ""

    def specs(self, model: SiteModel, options: Optional[SiteOptions] = None) -> list[PageSpec]:
        return [PageSpec(self.src_uri, self.name, self.template, self.title, in_nav=self.in_nav)]

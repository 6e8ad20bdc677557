"""Page kinds, one module each: a kind owns its template name, the pages it
generates, the template context of one page and its search documents (as
mkdocs-material's blog plugin makes each page kind a class). The adapter's
``on_page_context`` is a lookup in ``KINDS``; a new page kind is one new
module, one line here and one template.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional

from ..model import SiteModel
from ..search.documents import SearchDoc, page_documents
from .base import LinkedEntry, PageKind, PageSpec, Site, SiteOptions
from .decision_record import DecisionRecordPage
from .glossary import GlossaryIndex, GlossaryLetterPage, TermPage
from .patterns import PatternPage
from .runtimes import RuntimeComparison, RuntimeDirectory, RuntimeListingPage, RuntimePage
from .search_page import SearchPage

__all__ = [
    "KINDS", "LinkedEntry", "PageKind", "PageSpec", "Site", "SiteOptions", "iter_search_documents", "kind_of", "page_specs",
    "search_documents", "view_data_files",
]

#: Every kind, in the order its pages are listed (index pages first, then
#: patterns, glossary and runtimes, each sorted by slug).
KINDS: dict[str, PageKind] = {
    kind.name: kind
    for kind in (GlossaryIndex(), GlossaryLetterPage(), RuntimeDirectory(), RuntimeListingPage(), RuntimeComparison(), SearchPage(), DecisionRecordPage(), PatternPage(), TermPage(), RuntimePage())
}


def page_specs(model: SiteModel, options: Optional[SiteOptions] = None) -> list[PageSpec]:
    """Every page to generate; ``options`` (default: SiteOptions()) decide how
    many listing pages a long runtime directory gets."""
    options = options or SiteOptions()
    return [spec for kind in KINDS.values() for spec in kind.specs(model, options)]


def view_data_files(specs: Iterable[PageSpec], site: Site) -> dict[str, str]:
    """The data files of the kinds that have pages in this build, {site path: text}."""
    out: dict[str, str] = {}
    for name in dict.fromkeys(spec.kind for spec in specs):
        out.update(KINDS[name].data_files(site))
    return out


def kind_of(spec: PageSpec) -> PageKind:
    return KINDS[spec.kind]


def iter_search_documents(specs: Iterable[PageSpec], site: Site, rendered: Iterable[tuple[str, str, str, str]] = ()) -> Iterator[SearchDoc]:
    """Every document of the search index, in a stable order: entry pages as
    their kinds describe them, then ``rendered`` pages (hand-written and index
    pages, as ``(title, url, html, summary)``) from their rendered HTML.
    A generator: the index builder holds one document at a time."""
    for spec in specs:
        yield from kind_of(spec).search_documents(spec, site)
    for title, url, html, summary in sorted(rendered, key=lambda p: p[1]):
        yield from page_documents(title, url, html, summary)


def search_documents(specs: Iterable[PageSpec], site: Site, rendered: Iterable[tuple[str, str, str, str]] = ()) -> list[SearchDoc]:
    """``iter_search_documents`` as a list."""
    return list(iter_search_documents(specs, site, rendered))

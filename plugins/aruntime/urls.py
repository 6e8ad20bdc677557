"""The one owner of the site's URLs.

Every URL of an entry page, an index page or the search page comes from here,
and everything here comes from MkDocs' own ``File.url`` (the adapter passes
``{src_uri: file.url}`` once the files are known), so ``use_directory_urls``,
sub-paths and ``mkdocs serve`` are handled exactly as MkDocs handles them — the
way mkdocs-autorefs and Sphinx resolve references instead of joining strings.

URLs are site-root-relative ("glossary/kv-cache/" or "glossary/kv-cache.html");
templates make them page-relative through the ``ar_url`` filter, JavaScript
resolves them against the site root it is given, exports prefix ``site_url``.
Nothing here imports MkDocs.
"""

from __future__ import annotations

from typing import Mapping, Optional, Union

from .model import Entry, Ref

#: Pages the plugin generates besides entry pages (src_uri in docs/).
GLOSSARY_INDEX = "glossary/index.md"
RUNTIME_DIRECTORY = "runtimes/index.md"
RUNTIME_COMPARISON = "runtimes/compare.md"
SEARCH_PAGE = "search.md"
RUNTIME_LISTING = "runtimes/page/"  # pages 2..N of a long directory: runtimes/page/<n>/ (views/runtimes.py)
DECISION_RECORD = "decision-record.md"  # the Runtime Decision Record builder (views/decision_record.py)
#: Index page of a collection (patterns have none: they are in the nav).
COLLECTION_INDEX = {"glossary": GLOSSARY_INDEX, "runtimes": RUNTIME_DIRECTORY}

Target = Union[Entry, Ref, str]


def runtime_listing_src_uri(number: int) -> str:
    """Page ``number`` of the runtime directory's listing; page 1 is the directory itself."""
    return RUNTIME_DIRECTORY if number == 1 else f"{RUNTIME_LISTING}{number}.md"


def entry_src_uri(collection: str, slug: str) -> str:
    """Where a generated entry page pretends to live in docs/."""
    return f"{collection}/{slug}.md"


class UnknownPage(KeyError):
    """A URL was asked for a page the site does not have."""


class SiteUrls:
    """Site-root-relative URL of every page, keyed by ``src_uri``."""

    def __init__(self, page_urls: Mapping[str, str]):
        self._urls = dict(page_urls)

    def __contains__(self, src_uri: str) -> bool:
        return src_uri in self._urls

    def page(self, src_uri: str) -> str:
        try:
            return self._urls[src_uri]
        except KeyError:
            raise UnknownPage(src_uri) from None

    def entry(self, ref: Ref) -> str:
        return self.page(entry_src_uri(ref.collection, ref.slug))

    def of(self, target: Target, fragment: Optional[str] = None) -> str:
        """URL of an entry, a Ref, an object with ``.ref``, a "collection/slug"
        reference or a page src_uri ("glossary/index.md"), plus an optional
        #fragment."""
        url = self.page(self.src_uri(target))
        return f"{url}#{fragment}" if fragment else url

    def src_uri(self, target: Target) -> str:
        ref = getattr(target, "ref", target)
        if isinstance(ref, Ref):
            return entry_src_uri(ref.collection, ref.slug)
        if isinstance(ref, str):
            if ref.endswith(".md"):
                return ref
            collection, _, slug = ref.partition("/")
            if slug:
                return entry_src_uri(collection, slug)
        raise UnknownPage(repr(target))

    def absolute(self, site_url: str, target: Target, fragment: Optional[str] = None) -> str:
        """Absolute URL under ``site_url`` (exports, structured data)."""
        base = site_url if site_url.endswith("/") else site_url + "/"
        return base + self.of(target, fragment)

    def entry_paths(self, collection: str) -> dict[str, str]:
        """slug -> URL of every entry page of a collection (data for JavaScript)."""
        prefix = collection + "/"
        out = {}
        for src_uri, url in self._urls.items():
            if src_uri.startswith(prefix) and src_uri.endswith(".md") and src_uri.count("/") == 1:
                slug = src_uri[len(prefix) : -3]
                if slug != "index":
                    out[slug] = url
        return dict(sorted(out.items()))


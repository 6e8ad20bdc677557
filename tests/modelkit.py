"""Core-stage helpers for unit tests: the URLs MkDocs would give a model's
pages (from MkDocs' own File), a Site to build views from, search documents."""

from __future__ import annotations

import datetime as dt

from mkdocs.structure.files import File

from aruntime.urls import SiteUrls
from aruntime.views import Site, SiteOptions, page_specs, search_documents

DOCS_PAGES = ("index.md", "about.md")


def site_urls(model, directory_urls: bool = True, docs_pages=DOCS_PAGES) -> SiteUrls:
    uris = [spec.src_uri for spec in page_specs(model)] + list(docs_pages)
    return SiteUrls({uri: File(uri, "/docs", "/site", directory_urls).url for uri in uris})


def site_for(model, render=None, directory_urls: bool = True, **options) -> Site:
    render = render or (lambda md: md or "")
    options.setdefault("site_url", "https://example.org/sub/")
    options.setdefault("today", dt.date(2026, 11, 30))
    return Site(model, site_urls(model, directory_urls), render, SiteOptions(**options))


def documents(model, render, pages=(), directory_urls: bool = True):
    return search_documents(page_specs(model), site_for(model, render, directory_urls), pages)

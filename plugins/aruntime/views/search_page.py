"""The full search results page (/search/?q=…), rendered in the browser from
the URL alone; never itself indexed."""

from __future__ import annotations

from ..urls import SEARCH_PAGE
from .base import SinglePage


class SearchPage(SinglePage):
    name = "search"
    template = "aruntime/search.html"
    src_uri = SEARCH_PAGE
    title = "Search"

    def indexes_rendered_page(self) -> bool:
        return False

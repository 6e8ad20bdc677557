"""Markdown fields -> sanitised HTML.

Markdown fields are rendered with the site's own Markdown extensions (passed
in by the adapter) and then cleaned with nh3 (the ammonia sanitiser), so
scripts, event-handler attributes and javascript:/data: URLs never reach a
page, whatever the YAML says.
"""

from __future__ import annotations

import html
import re
from typing import Any, Sequence

import markdown
import nh3
from markupsafe import Markup

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre",
    "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}
_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"align", "scope"},
    "td": {"align"},
    "ol": {"start"},
}
_SCHEMES = {"http", "https", "mailto"}

# Extensions that assume a page of their own (and would emit page-level output
# such as a table of contents marker) are not used for field snippets, nor
# snippets, which would let a YAML field include any file of the machine.
_SKIP_EXTENSIONS = {"toc", "markdown.extensions.toc", "pymdownx.snippets"}


def sanitize(fragment: str) -> Markup:
    cleaned = nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return Markup(cleaned)


class MarkdownRenderer:
    """Renders Markdown fields with the site's extensions; one instance per build."""

    def __init__(self, extensions: Sequence[Any] = (), extension_configs: dict | None = None) -> None:
        usable = [e for e in extensions if not (isinstance(e, str) and e in _SKIP_EXTENSIONS)]
        self._md = markdown.Markdown(extensions=usable, extension_configs=extension_configs or {})
        self._cache: dict[str, Markup] = {}

    def render(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        # Pages and the search index render the same fields: render each once.
        cached = self._cache.get(text)
        if cached is None:
            self._md.reset()
            # Headings inside a field body sit below the section's own <h2>.
            cached = self._cache[text] = sanitize(_demote_headings(self._md.convert(text)))
        return cached


def _demote_headings(fragment: str) -> str:
    def shift(match: re.Match) -> str:
        level = min(int(match.group(2)) + 2, 6)
        return f"<{match.group(1)}h{level}"

    return re.sub(r"<(/?)h([1-6])", shift, fragment)


def plain_text(fragment: str) -> str:
    """Visible text of an HTML fragment (for word counts and search)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))

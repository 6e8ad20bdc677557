"""Glossary auto-linking: the first mention of a term or alias in each page
section becomes a link to the term's page.

One matcher is compiled for all terms as a trie-shaped regular expression, so
a page costs about the same with 2,000 terms as with 10: matching follows the
characters of the text, not the list of terms. Matches are whole words,
case-insensitive, longest first ("KV cache" before "cache"), and may carry a
simple English plural ending ("-s", "-es"). Text inside headings, code, links,
scripts, and elements marked ``data-ar-no-autolink`` is never touched.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

SKIP_TAGS = {"a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "button", "select", "option",
             "h1", "h2", "h3", "h4", "h5", "h6", "svg", "title", "label", "summary", "dt"}
SECTION_TAGS = {"h2"}  # a new h2 starts a new section: terms may be linked again
_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][\w:-]*)")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class TermTarget:
    slug: str
    term: str
    summary: str


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (lowercase), longest first, as a trie."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = node.get("") is True
        branches = [_char(ch) + emit(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy: try the longer continuation first, fall back to ending here.
        return f"(?:{body})?" if end else body

    return emit(trie)


def _char(ch: str) -> str:
    # A space in a term matches any run of whitespace (line breaks in prose).
    return r"\s+" if ch == " " else re.escape(ch)


class TermMatcher:
    """Finds glossary terms and aliases in text with one compiled expression."""

    def __init__(self, names: dict[str, TermTarget]):
        # names: lowercased term or alias -> target
        self.names = {" ".join(k.lower().split()): v for k, v in names.items() if k.strip()}
        if self.names:
            pattern = _trie_pattern(self.names)
            self.regex = re.compile(rf"(?<![\w-])({pattern})(e?s)?(?![\w-])", re.IGNORECASE)
        else:
            self.regex = None

    def find(self, text: str):
        """Yield (start, end, target) for every whole-word mention in ``text``."""
        if self.regex is None:
            return
        for match in self.regex.finditer(text):
            key = " ".join(match.group(1).lower().split())
            target = self.names.get(key)
            if target is not None:
                yield match.start(), match.end(), target


def link_terms(
    fragment: str,
    matcher: TermMatcher,
    render_link: Callable[[TermTarget, str], str],
    *,
    exclude_slug: Optional[str] = None,
) -> str:
    """Link the first mention of each term per section in an HTML fragment."""
    if matcher.regex is None:
        return fragment
    out: list[str] = []
    skip_stack: list[str] = []
    linked: set[str] = set()
    for token in _TOKEN.split(fragment):
        if not token:
            continue
        if token.startswith("<"):
            out.append(token)
            if token.startswith("<!--"):
                continue
            name_match = _TAG_NAME.match(token)
            if not name_match:
                continue
            name = name_match.group(1).lower()
            closing = token.startswith("</")
            if closing:
                if skip_stack and skip_stack[-1] == name:
                    skip_stack.pop()
                elif name in skip_stack:
                    # Tolerate unbalanced markup: unwind to the matching opener.
                    while skip_stack and skip_stack.pop() != name:
                        pass
                continue
            if name in SECTION_TAGS:
                linked.clear()
            if name in _VOID or token.endswith("/>"):
                continue
            if name in SKIP_TAGS or "data-ar-no-autolink" in token or skip_stack:
                skip_stack.append(name)
            continue
        if skip_stack:
            out.append(token)
            continue
        out.append(_link_text(token, matcher, render_link, linked, exclude_slug))
    return "".join(out)


def _link_text(token, matcher, render_link, linked, exclude_slug) -> str:
    text = html.unescape(token)
    pieces: list[str] = []
    last = 0
    for start, end, target in matcher.find(text):
        if target.slug in linked or target.slug == exclude_slug:
            continue
        linked.add(target.slug)
        pieces.append(html.escape(text[last:start], quote=False))
        pieces.append(render_link(target, text[start:end]))
        last = end
    if not pieces:
        return token
    pieces.append(html.escape(text[last:], quote=False))
    return "".join(pieces)


class LinkTemplate:
    """The term-link template, rendered once with placeholders and then filled
    for each link: markup stays in the template, and a page with hundreds of
    links does not pay for a template render per link. Every value is
    HTML-escaped when filled, whatever the template does with it."""

    FIELDS = ("href", "text", "term", "summary", "tip_id")
    _MARK = re.compile("\x00(" + "|".join(FIELDS) + ")\x00")

    def __init__(self, render: Callable[[dict], str]):
        rendered = render({f: f"\x00{f}\x00" for f in self.FIELDS}).strip()
        self._parts = self._MARK.split(rendered)

    def fill(self, **values: str) -> str:
        return "".join(
            html.escape(values[part], quote=True) if i % 2 else part for i, part in enumerate(self._parts)
        )

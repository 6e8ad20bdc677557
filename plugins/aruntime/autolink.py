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

import functools
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable, Iterable, Optional

from .glossary_names import MAX_NAME_LENGTH, normalise

SKIP_TAGS = {"a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "button", "select", "option",
             "h1", "h2", "h3", "h4", "h5", "h6", "svg", "title", "label", "summary", "dt"}
SECTION_TAGS = {"h2"}  # a new h2 starts a new section: terms may be linked again
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
        # names: term or alias -> target. Keys are glossary_names.normalise'd;
        # the expression also matches each name's plain lowercase spelling.
        # Names past MAX_NAME_LENGTH (refused by validation) are skipped: the
        # trie nests one group per character.
        usable = {k: v for k, v in names.items() if k.strip() and len(k) <= MAX_NAME_LENGTH}
        self.names = {normalise(k): v for k, v in usable.items()}
        self._spellings = tuple(sorted(set(self.names) | {" ".join(k.lower().split()) for k in usable}))
        self._targets = _TargetsBySpelling(self.names)  # matched text -> its term (or None)
        # Case-insensitive matching costs about twice as much as exact matching
        # (the regex engine cannot skip the trie's alternatives by their first
        # character). Where lowercasing the text gives exactly what the
        # case-insensitive expression would match, the exact expression runs
        # on the lowercased text instead: see _lowercase_is_exact.
        self._exact_on_lowercase = bool(self.names) and _lowercase_is_exact(" ".join(self._spellings))
        self._compiled: dict[int, re.Pattern] = {}  # flags -> expression, compiled on first use

    def _regex(self, flags: int) -> re.Pattern:
        regex = self._compiled.get(flags)
        if regex is None:
            regex = self._compiled[flags] = _term_regex(self._spellings, flags)
        return regex

    @property
    def regex(self) -> Optional[re.Pattern]:
        """The case-insensitive matcher (None without names)."""
        return self._regex(re.IGNORECASE) if self.names else None

    def _scan(self, text: str) -> tuple[re.Pattern, str]:
        """The compiled expression to run and the text to run it on (same length, same offsets)."""
        if self._exact_on_lowercase and _lowercase_is_exact(text):
            return self._regex(0), text.lower()
        return self._regex(re.IGNORECASE), text

    def _target(self, found: str) -> Optional[TermTarget]:
        """The term a matched spelling names (looked up once per spelling: they recur)."""
        return self._targets[found]

    def find(self, text: str):
        """Yield (start, end, target) for every whole-word mention in ``text``."""
        if not self.names:
            return
        regex, scanned = self._scan(text)
        targets = self._targets
        for match in regex.finditer(scanned):
            target = targets[match.group(1)]
            if target is not None:
                yield match.start(), match.end(), target

    def slugs_in(self, text: str) -> set[str]:
        """The slugs of every term or alias mentioned in ``text`` (as ``find``, without positions)."""
        if not self.names:
            return set()
        regex, scanned = self._scan(text)
        spellings = {found for found, _ in regex.findall(scanned)}
        targets = self._targets
        return {target.slug for target in map(targets.__getitem__, spellings) if target is not None}


class _TargetsBySpelling(dict):
    """Matched text -> the term it names (None if none), normalised on first sight."""

    def __init__(self, names: dict[str, TermTarget]):
        super().__init__()
        self.names = names

    def __missing__(self, found: str) -> Optional[TermTarget]:
        self[found] = target = self.names.get(normalise(found))
        return target


@functools.lru_cache(maxsize=4)
def _term_regex(spellings: tuple[str, ...], flags: int) -> re.Pattern:
    """The compiled matcher of these names. Cached: lint and the adapter
    build matchers of the same names in one build (the pattern of 3,500
    names takes ~0.2 s to build and compile)."""
    return re.compile(rf"(?<![\w-])({_trie_pattern(spellings)})(e?s)?(?![\w-])", flags)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_UNCASED: dict[str, bool] = {}  # non-ASCII character -> it has no case mapping


def _lowercase_is_exact(text: str) -> bool:
    """True if every character of ``text`` is ASCII or has no case at all
    (no lowercase, uppercase or titlecase form: dashes, quotes, CJK...).

    If the text and all names pass, the exact expression on ``text.lower()``
    matches exactly what the case-insensitive one matches on ``text``, at the
    same offsets: lowercasing keeps the length, and the engine's extra
    case-insensitive equivalences (the Kelvin sign and "k", long s and "s",
    dotless i and "i"...) all involve a cased non-ASCII character, which sends
    the text to the case-insensitive expression (tests compare both)."""
    if text.isascii():
        return True
    for run in _NON_ASCII.findall(text):
        for ch in run:
            uncased = _UNCASED.get(ch)
            if uncased is None:
                uncased = _UNCASED[ch] = ch.lower() == ch == ch.upper() == ch.title()
            if not uncased:
                return False
    return True


class _Tokens(HTMLParser):
    """Splits HTML into (kind, tag name, raw text) with the standard library's
    HTML parser, so a ``>`` inside a quoted attribute value never ends a tag.

    The raw text of each token is the source between two parser events;
    consecutive text events are one text token. Iterative: no recursion.
    """

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.starts: list[tuple[int, str, str]] = []  # (offset, kind, tag name)
        self._line_offsets = [0]
        for line in source.splitlines(keepends=True):
            self._line_offsets.append(self._line_offsets[-1] + len(line))

    def _event(self, kind: str, tag: str = "") -> None:
        line, column = self.getpos()
        offset = self._line_offsets[line - 1] + column
        if kind == "text" and self.starts and self.starts[-1][1] == "text":
            return
        self.starts.append((offset, kind, tag))

    def handle_starttag(self, tag, attrs):
        self._event("start", tag)

    def handle_startendtag(self, tag, attrs):
        self._event("void", tag)

    def handle_endtag(self, tag):
        self._event("end", tag)

    def handle_data(self, data):
        self._event("text")

    def handle_comment(self, data):
        self._event("other")

    def handle_decl(self, decl):
        self._event("other")

    def handle_pi(self, data):
        self._event("other")

    def unknown_decl(self, data):
        self._event("other")

    def tokens(self):
        self.feed(self.source)
        self.close()
        bounds = self.starts + [(len(self.source), "", "")]
        if bounds[0][0] > 0:  # cannot happen with the parser, but never drop text
            bounds.insert(0, (0, "text", ""))
        for (offset, kind, tag), (following, _, _) in zip(bounds, bounds[1:]):
            yield kind, tag, self.source[offset:following]


# Where the two tokenizers below could disagree: a quoted attribute value
# holding "<" or ">" (any such value matches: re.search tries every "="), or
# a "<" that starts no tag, or an element whose content the parser reads as
# raw text (script, style...). When nothing matches, splitting at "<...>" finds
# exactly the tags the HTML parser finds, ~30x faster (tests compare both on
# random markup); otherwise the parser decides.
_NEEDS_PARSER = re.compile(
    r"""=\s*(?:"[^"]*[<>][^"]*"|'[^']*[<>][^']*')|<(?![a-zA-Z!?/])|</(?![a-zA-Z])"""
    r"|<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)(?![\w-])",
    re.IGNORECASE,
)
_FAST_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_FAST_TAG = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)")


def tokens(fragment: str, *, parser: bool = False):
    """(kind, tag name, raw text) of every token of ``fragment``; kind is
    start, end, void (``<x/>``), other (comment, declaration) or text."""
    if parser or _NEEDS_PARSER.search(fragment):
        yield from _Tokens(fragment).tokens()
        return
    for token in _FAST_TOKEN.split(fragment):
        if not token:
            continue
        if not token.startswith("<"):
            yield "text", "", token
            continue
        tag = _FAST_TAG.match(token)
        if token.startswith("<!--") or tag is None:
            yield ("other" if token[1:2] in ("!", "?") or token.startswith("<!--") else "text"), "", token
        elif tag.group(1):
            yield "end", tag.group(2).lower(), token
        else:
            yield ("void" if token.endswith("/>") else "start"), tag.group(2).lower(), token


def link_terms(
    fragment: str,
    matcher: TermMatcher,
    render_link: Callable[[TermTarget, str], str],
    *,
    exclude_slug: Optional[str] = None,
    parser: bool = False,
) -> str:
    """Link the first mention of each term per section in an HTML fragment.

    ``parser``: always tokenise with the HTML parser (tests compare both ways).
    """
    if not matcher.names:
        return fragment
    out: list[str] = []
    skip_stack: list[str] = []
    linked: set[str] = set()
    for kind, name, token in tokens(fragment, parser=parser):
        if kind == "text":
            # Whitespace between tags (most text tokens) can hold no name: names are stripped.
            if skip_stack or token.isspace():
                out.append(token)
            else:
                out.append(_link_text(token, matcher, render_link, linked, exclude_slug))
            continue
        out.append(token)
        if kind == "end":
            if skip_stack and skip_stack[-1] == name:
                skip_stack.pop()
            elif name in skip_stack:
                # Tolerate unbalanced markup: unwind to the matching opener.
                while skip_stack and skip_stack.pop() != name:
                    pass
            continue
        if kind not in ("start", "void"):
            continue
        if name in SECTION_TAGS:
            linked.clear()
        if kind == "void" or name in _VOID:
            continue
        if name in SKIP_TAGS or "data-ar-no-autolink" in token or skip_stack:
            skip_stack.append(name)
    return "".join(out)


def _link_text(token, matcher, render_link, linked, exclude_slug) -> str:
    text = html.unescape(token)
    pieces: list[str] = []
    last = 0
    for start, end, target in matcher.find(text):
        slug = target.slug
        if slug in linked or slug == exclude_slug:
            continue
        linked.add(slug)
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
        parts = self._MARK.split(rendered)
        # One str.format call per link: literal braces doubled, fields named.
        self._format = "".join(
            "{" + part + "}" if i % 2 else part.replace("{", "{{").replace("}", "}}") for i, part in enumerate(parts)
        ).format
        self._escaped = _EscapedValues()

    def fill(self, *, href: str, text: str, term: str, summary: str, tip_id: str) -> str:
        # Every value repeats across links (a term's name, summary and URL
        # from one folder, the matched spelling, the n-th tip id of a page):
        # each is escaped once per build.
        escaped = self._escaped
        return self._format(
            href=escaped[href], text=escaped[text], term=escaped[term], summary=escaped[summary], tip_id=escaped[tip_id]
        )


class _EscapedValues(dict):
    """value -> its HTML escape (quotes too), computed on first lookup."""

    def __missing__(self, value: str) -> str:
        self[value] = escaped = html.escape(value, quote=True)
        return escaped

"""Search documents: what gets indexed, and the pieces page kinds build them from.

Each page kind (views/) describes its own pages' documents with ``SearchDoc``
and ``heading_document``; hand-written pages are split here from their
rendered HTML (``page_documents``). Every page gives one document; every
content heading gives one more that deep-links to ``page/#anchor``.
Boilerplate sections (related, sources, maintenance record) are not indexed:
every page has them. No MkDocs here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Optional

from ..model import SiteModel
from ..urls import SiteUrls
from . import tokens as tok

#: (field, boost). Lunr bakes boosts into the index at build time.
#: ``exact`` holds one token per title/term/alias (see ``tokens.exact_key``);
#: the browser queries it only with the whole query, so an exact title or
#: term match always ranks first.
FIELDS: tuple[tuple[str, int], ...] = (
    ("exact", 50),
    ("title", 10),
    ("aliases", 8),
    ("keywords", 4),
    ("summary", 3),
    ("use_cases", 2),
    ("headings", 2),
    ("text", 1),
)
FIELD_NAMES = tuple(name for name, _ in FIELDS)

SNIPPET_CHARS = 200


@dataclass
class SearchDoc:
    url: str  # site-root-relative; headings end in #anchor
    kind: str  # pattern | glossary | runtime | page
    title: str  # what the result shows
    summary: str = ""  # plain text the result shows under the title
    parent: str = ""  # the page a heading belongs to
    fields: dict[str, list[str]] = field(default_factory=dict)

    def field_tokens(self, name: str) -> list[str]:
        if name == "exact":
            return [k for k in (tok.exact_key(t) for t in self.fields.get("exact", ())) if k]
        out: list[str] = []
        for text in self.fields.get(name, ()):
            out += tok.token_tuple(text)
        return out


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,.;:") + "…"


BLOCK_TAGS = frozenset("address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split())


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    handle_endtag = lambda self, tag: self.handle_starttag(tag, ())  # noqa: E731

    def handle_data(self, data):
        self.parts.append(data)


def html_text(fragment: str) -> str:
    """Visible text of rendered HTML; inline tags add no spaces ("*x*." stays "x.")."""
    if not fragment:
        return ""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split())


def heading_document(page: SearchDoc, anchor: str, heading: str, text: str) -> SearchDoc:
    """A document for one heading of ``page``: deep-links to ``page#anchor``."""
    doc = SearchDoc(f"{page.url}#{anchor}", page.kind, heading, snippet(text), parent=page.title)
    doc.fields = {"title": [heading], "keywords": [page.title], "text": [text]}
    return doc


# -- hand-written pages ------------------------------------------------------

SKIP_ANCHORS = {"related", "referenced-by", "sources", "maintenance-record"}


class _Sections(HTMLParser):
    """Splits rendered Markdown into the text before the first heading and
    one (level, id, heading, text) per h2/h3; skips permalink symbols."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.intro: list[str] = []
        self.sections: list[list] = []  # [level, id, heading parts, text parts]
        self._in_heading: Optional[int] = None
        self._skip = 0
        self._h1 = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._skip:
            if tag == "a":
                self._skip += 1
            return
        if tag == "a" and "headerlink" in (a.get("class") or "").split():
            self._skip = 1
        elif tag in ("h2", "h3"):
            self._in_heading = int(tag[1])
            self.sections.append([int(tag[1]), a.get("id") or "", [], []])
        elif tag == "h1":
            self._h1 = True

    def handle_endtag(self, tag):
        if self._skip:
            if tag == "a":
                self._skip -= 1
            return
        if tag in ("h2", "h3"):
            self._in_heading = None
        elif tag == "h1":
            self._h1 = False
        elif tag in ("p", "li", "td", "th", "div", "dd", "dt", "pre", "br"):
            self._text(" ")

    def handle_data(self, data):
        if self._skip or self._h1:
            return
        self._text(data)

    def _text(self, data):
        if self._in_heading is not None:
            self.sections[-1][2].append(data)
        elif self.sections:
            self.sections[-1][3].append(data)
        else:
            self.intro.append(data)


def page_documents(title: str, url: str, html: str, summary: str = "") -> list[SearchDoc]:
    """A hand-written page: one document for the page, one per h2/h3 with an id."""
    parser = _Sections()
    parser.feed(html or "")
    parser.close()
    intro = " ".join("".join(parser.intro).split())
    page = SearchDoc(url, "page", title, summary or snippet(intro))
    page.fields = {"exact": [title], "title": [title], "summary": [summary] if summary else [], "text": [intro]}
    docs = [page]
    headings = []
    for level, anchor, heading_parts, text_parts in parser.sections:
        heading = " ".join("".join(heading_parts).split())
        text = " ".join("".join(text_parts).split())
        headings.append(heading)
        page.fields["text"].append(text)
        if anchor and anchor not in SKIP_ANCHORS and heading:
            docs.append(heading_document(page, anchor, heading, text))
    page.fields["headings"] = headings
    return docs


def suggestion_names(model: SiteModel, urls: SiteUrls) -> list[list[str]]:
    """Glossary terms (and aliases) and runtime names, offered when nothing matches."""
    names = []
    for slug, entry in sorted(model.glossary.items()):
        url = urls.of(entry)
        names.append([entry.term, url, "glossary"])
        names.extend([alias, url, "glossary"] for alias in entry.aliases)
    for slug, entry in sorted(model.runtimes.items()):
        names.append([entry.name, urls.of(entry), "runtime"])
    return names

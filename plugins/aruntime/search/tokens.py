"""Tokenisation shared by the index (lunr.py) and the browser (lunr.js).

``search-core.mjs`` implements exactly the same rules; the pipeline functions
are registered under the same names in both languages, because a serialized
index names its search pipeline and lunr.js refuses to load unknown names.

Rules (NFKC, lower case, then):

* a *word* starts with a letter, digit or mark (Unicode L, N, M), may contain
  the joiners ``. _ - ' /`` and ``+ #`` between word characters, and ends with a
  word character or ``+``/``#``: ``llama.cpp``, ``tensorrt-llm``, ``c++``,
  ``c#``, ``naïve``, ``日本語`` are each one word;
* a word with joiners is also indexed by its parts (``llama``, ``cpp``;
  ``tensorrt``, ``llm``), so readers find it by either;
* ``+``/``#`` are never split off, so ``c++`` and ``c#`` stay apart from ``c``.

Lunr's own trimmer uses ``\\W``, which in JavaScript is ASCII-only and strips
``é`` or all of ``日本語``; ``aruntime-trimmer`` replaces it.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

from lunr.pipeline import Pipeline
from lunr.stop_word_filter import WORDS as STOP_WORDS
from lunr.stop_word_filter import stop_word_filter  # noqa: F401  (registers "stopWordFilter")

TRIMMER_LABEL = "aruntime-trimmer"
JOINERS = ".-_'/"
#: Longest token indexed or queried; longer runs (hashes, base64) are cut.
MAX_TOKEN = 64


def scan_word_ranges() -> list[tuple[int, int]]:
    """(first, last) code points of every run of Unicode letters, numbers
    and marks, as this Python's unicodedata has them (~0.23 s)."""
    ranges = []
    start = prev = None
    for cp in range(sys.maxunicode + 1):
        if unicodedata.category(chr(cp))[0] in "LNM":
            if start is None:
                start = prev = cp
            elif cp == prev + 1:
                prev = cp
            else:
                ranges.append((start, prev))
                start = prev = cp
    ranges.append((start, prev))
    return ranges


def word_ranges() -> list[tuple[int, int]]:
    """``scan_word_ranges()``, read from the table made for this Unicode
    version when there is one (every build with a non-ASCII character in
    it needs them), else scanned."""
    from . import unicode_word_ranges as table  # noqa: PLC0415 - only for non-ASCII text

    if table.UNIDATA_VERSION == unicodedata.unidata_version:
        return list(table.RANGES)
    return scan_word_ranges()


def word_ranges_module() -> str:
    """The text of ``unicode_word_ranges.py`` for this Python's Unicode
    version (``python -m aruntime word-ranges`` writes it; a test checks
    the committed table)."""
    rows = "".join(f"    ({a:#06x}, {b:#06x}),\n" for a, b in scan_word_ranges())
    return (
        '"""Runs of Unicode letters, numbers and marks (L, N, M): the word class\n'
        "of search/tokens.py, precomputed because scanning every code point takes\n"
        "~0.23 s a build. Written by ``python -m aruntime word-ranges``; used\n"
        'only when Python\'s Unicode version is this one."""\n\n'
        f"UNIDATA_VERSION = {unicodedata.unidata_version!r}\n\nRANGES = (\n{rows})\n"
    )


@functools.cache
def _word_class() -> str:
    """A regex character class of Unicode letters, numbers and marks (JS: [\\p{L}\\p{N}\\p{M}])."""
    ranges = word_ranges()

    def esc(cp: int) -> str:
        return re.escape(chr(cp))

    def cls(rs) -> str:
        return "".join(esc(a) if a == b else f"{esc(a)}-{esc(b)}" for a, b in rs)

    # Python's re tests a class with characters beyond U+FFFF range by range;
    # a BMP-only class becomes a lookup table. So: BMP table, then the
    # astral ranges only for astral characters.
    bmp = [(a, min(b, 0xFFFF)) for a, b in ranges if a <= 0xFFFF]
    astral = [(max(a, 0x10000), b) for a, b in ranges if b > 0xFFFF]
    return cls(bmp), cls(astral)


@functools.cache
def _patterns():
    bmp, astral = _word_class()
    w = f"(?:[{bmp}]|(?=[\\U00010000-\\U0010FFFF])[{astral}])"
    not_w = f"(?![{bmp}])(?!(?=[\\U00010000-\\U0010FFFF])[{astral}])."
    word = re.compile(f"{w}(?:(?:{w}|[.+#_\\-'/])*(?:{w}|[+#]))?")
    parts = re.compile(f"[{re.escape(JOINERS)}]+")
    lead = re.compile(f"^(?:{not_w})+", re.S)
    trail = re.compile(f"(?:(?![+#]){not_w})+$", re.S)
    return word, parts, lead, trail


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


_ASCII_WORD = re.compile(r"[a-z0-9](?:[a-z0-9.+#_\-'/]*[a-z0-9+#])?")


def words(text: str) -> list[str]:
    """The words of ``text`` as a reader typed them (no parts, stop words kept)."""
    text = normalize(text)
    # Same rule; for ASCII text the Unicode classes reduce to [a-z0-9] (5x faster).
    word = _ASCII_WORD if text.isascii() else _patterns()[0]
    found = word.findall(text)
    if found and max(map(len, found)) > MAX_TOKEN:  # rare: a length check is cheaper than cutting every word
        return [m[:MAX_TOKEN] for m in found]
    return found


#: Texts up to this long are cached (labels, parent titles and names repeat on
#: thousands of documents); body text is not: caching every paragraph held
#: hundreds of MB at 5,000 entries and is rarely hit.
CACHED_TEXT_CHARS = 200


#: Under ``mkdocs serve`` (``keep_body_tokens``) body text is cached too:
#: most of it is unchanged from one save to the next.
_body_tokens: dict[str, tuple[str, ...]] | None = None


def keep_body_tokens() -> None:
    """Cache the tokens of long texts as well, for the life of the process
    (the dev server; a one-off build would only hold memory)."""
    global _body_tokens
    if _body_tokens is None:
        _body_tokens = {}


def tokens(text: str) -> list[str]:
    """Every token indexed for ``text``: each word, then its parts."""
    return list(token_tuple(text))


def token_tuple(text: str) -> tuple[str, ...]:
    """``tokens(text)`` as the tuple the caches hold (no copy: the index
    builder extends a field's list with it)."""
    if len(text) <= CACHED_TEXT_CHARS:
        return _cached_tokens(text)
    if _body_tokens is None:
        return _tokens(text)
    found = _body_tokens.get(text)
    if found is None:
        if len(_body_tokens) > 100_000:  # texts of many earlier saves: start again
            _body_tokens.clear()
        found = _body_tokens[text] = _tokens(text)
    return found


_JOINER = re.compile(f"[{re.escape(JOINERS)}]")
_PARTS = re.compile(f"[{re.escape(JOINERS)}]+")
# For ASCII text the Unicode word class is [A-Za-z0-9]: trimming ASCII needs
# neither the class nor the scan of every code point that builds it.
_ASCII_LEAD = re.compile(r"^[^A-Za-z0-9]+")
_ASCII_TRAIL = re.compile(r"[^A-Za-z0-9+#]+$")


def _tokens(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for w in words(text):
        out.append(w)
        # letters and digits only (most words): no joiner to split at, no regex to run
        if not w.isalnum() and _JOINER.search(w):
            for part in _PARTS.split(w):
                part = trim(part)
                if len(part) > 1 and part != w:  # single letters only add noise
                    out.append(part)
    return tuple(out)


_cached_tokens = functools.lru_cache(maxsize=65536)(_tokens)


def exact_key(text: str) -> str:
    """One token standing for a whole title: its words joined with ``_``.

    Indexed in the ``exact`` field so that a query equal to a title or term
    ranks that entry first.
    """
    return "_".join(words(text))[: MAX_TOKEN * 4]


def trim(s: str) -> str:
    if s.isascii():
        return _ASCII_TRAIL.sub("", _ASCII_LEAD.sub("", s))
    _, _, lead, trail = _patterns()
    return trail.sub("", lead.sub("", s))


def trimmer(token, i=None, tokens=None):
    return token.update(lambda s, metadata=None: trim(s))


def settings() -> dict:
    """The tokenizer's settings, shipped in the search manifest so the browser
    uses the values the index was built with."""
    return {"joiners": JOINERS, "max_token": MAX_TOKEN, "trimmer": TRIMMER_LABEL, "normalization": "NFKC", "lowercase": True}


def is_stop_word(token: str) -> bool:
    return token in STOP_WORDS


Pipeline.register_function(trimmer, TRIMMER_LABEL)

"""Build the Lunr index with lunr.py and write it for lunr.js 2.3.9.

``build_index`` gives a normal ``lunr.Index``; ``serialize`` its monolithic
JSON (what ``lunr.Index.load`` reads). What the site ships is the same index
split by the first letters of its terms (``shard``), Pagefind-style: a query
fetches only the shards its words can match, plus the few chunks of result
data it shows. Scores are computed once for the whole index at build time
(lunr bakes idf and field boosts into the document vectors), so a shard
gives the same scores as the monolithic index for its terms.

Each shard is itself a lunr 2.3.9 serialized index, with one saving: postings
of fields a term does not occur in are left out, and the loader in
``search-core.mjs`` puts the empty maps back before ``lunr.Index.load``.
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import heapq
import json
import math
import re
import struct
from array import array
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress
from json.encoder import encode_basestring as quote  # a JSON string as json.dumps writes it (ensure_ascii=False)
from typing import Callable, Iterable, Iterator, Sequence

import lunr as lunr_pkg
from lunr.builder import Builder
from lunr.index import Index
from lunr.stop_word_filter import stop_word_filter

from . import tokens as tok
from .documents import FIELD_NAMES, FIELDS, SearchDoc

LUNR_JS_VERSION = "2.3.9"
FORMAT = 1
#: Estimated raw bytes above which a shard is split by one more letter.
SHARD_BUDGET = 48_000
#: Terms are never split by more leading characters than this.
MAX_PREFIX = 4
#: Result data (kind, url, title, summary) per chunk file.
DOC_CHUNK = 128
#: The header box's short answers ("top files"): for the words readers type
#: that match the most postings (two- and three-letter prefixes of common
#: words, common words), a small file holds what the first TOP_LIMIT results
#: of that one-word query need, so the box neither fetches nor scores the
#: word's whole shards. Up to TOP_WORDS words, each matching at least
#: TOP_MIN_POSTINGS (field, document) postings and costly to search
#: completely (TOP_BYTES, TOP_SCORED).
TOP_LIMIT = 10
#: Changes with the layout of a top file (part of its folder's name).
TOP_FORMAT = 1
TOP_WORDS = 1500
TOP_MIN_POSTINGS = 500
#: A word gets a top file only where the box's complete search for it would
#: fetch more than TOP_BYTES (gzip; the shards its prefixes read, estimated,
#: plus the result chunks of its first PAGE_ROWS rows) or score more than
#: TOP_SCORED postings. The first result's budget is 150 kB of search data;
#: the manifest (8-15 kB) and the top files of prefixes typed on the way
#: (2-6 kB each) take the rest. search-core.mjs scored 0.4-0.8 us a posting
#: in Node (5k bench corpus): 10,000 postings are 4-8 ms, under the 16 ms
#: keystroke goal.
TOP_BYTES = 100_000
TOP_SCORED = 10_000
#: The rows whose result chunks count in a complete answer's cost. The box
#: loads only the 8 it shows (search-store.mjs); counting 50 keeps a top file
#: for the common words of small sites, whose first 8 rows would otherwise
#: cost a second round trip (result chunks after shards). Counting 8 instead
#: (2026-12-02, 1k long-patterns): top files 1,067 -> 107, builds ~4% less
#: CPU, but 'cache' typed in the box fetched 18 -> 61 kB and showed its first
#: result ~50 ms later; readers' first result won.
PAGE_ROWS = 50
#: Raw bytes per gzip byte of a shard's cost estimate, measured on the bench
#: corpora (2.4-3.1) and rounded down so bytes are over-counted.
SHARD_COST_PER_GZIP = 2.4

assert lunr_pkg.__TARGET_JS_VERSION__ == LUNR_JS_VERSION, "lunr.py must serialize for lunr.js 2.3.9"


def ref(n: int) -> str:
    """Compact document reference: base 36."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


class _Builder(Builder):
    """lunr.py's Builder, fed tokens that went through our tokenizer already.

    ``add_tokens`` does what ``Builder.add`` does with the pipeline
    (trimmer, stopWordFilter) for such tokens, without a Token object and a
    metadata deep copy per token (the trimmer is the identity on them); the
    scoring (BM25, idf, boosts) and serialization are lunr.py's own.
    ``test_search_index`` checks that both paths serialize identically.
    """

    def add_tokens(self, doc_ref: str, fields: dict[str, list[str]]) -> None:
        self._documents[doc_ref] = {}
        self.document_count += 1
        inverted = self.inverted_index
        for field_name in self._fields:
            terms = [t for t in (s.lower() for s in fields.get(field_name, ())) if t not in tok.STOP_WORDS]
            field_ref = f"{field_name}/{doc_ref}"
            field_terms: dict[str, int] = {}
            self.field_term_frequencies[field_ref] = field_terms
            self.field_lengths[field_ref] = len(terms)
            for term in terms:
                field_terms[term] = field_terms.get(term, 0) + 1
                posting = inverted.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    inverted[term] = posting
                if doc_ref not in posting[field_name]:
                    posting[field_name][doc_ref] = {}

    def build(self, token_set: bool = True) -> Index:
        self._calculate_average_field_lengths()
        self._create_field_vectors()
        if token_set:
            self._create_token_set()
        return Index(
            inverted_index=self.inverted_index,
            field_vectors=self.field_vectors,
            token_set=self.token_set if token_set else None,
            fields=list(self._fields.keys()),
            pipeline=self.search_pipeline,
        )


def builder() -> _Builder:
    b = _Builder()
    b.pipeline.add(tok.trimmer, stop_word_filter)
    b.search_pipeline.add(tok.trimmer)
    b.ref("id")
    for name, boost in FIELDS:
        b.field(name, boost=boost)
    return b


def build_index(docs: Sequence[SearchDoc], searchable: bool = False) -> Index:
    """The index of ``docs`` (refs are base-36 positions). ``searchable``
    also builds the token set, needed only to query it from Python."""
    b = builder()
    for n, doc in enumerate(docs):
        b.add_tokens(ref(n), {name: doc.field_tokens(name) for name in FIELD_NAMES})
    return b.build(token_set=searchable)


def build_index_with_pipeline(docs: Sequence[SearchDoc]) -> Index:
    """The same index through lunr.py's ``Builder.add`` and pipeline (reference path)."""
    b = builder()
    for n, doc in enumerate(docs):
        record = {"id": ref(n)}
        for name in FIELD_NAMES:
            record[name] = doc.field_tokens(name)
        b.add(record)
    return Builder.build(b)


def dumps(data) -> str:
    """Deterministic compact JSON (same input, same bytes)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def js_order(term: str) -> bytes:
    """JavaScript compares strings by UTF-16 code units, Python by code points;
    lunr.js's TokenSet.Builder throws on terms out of *its* order."""
    return term.encode("utf-16-be")


def _dumps_fast(data) -> str:
    """Compact JSON of data built in a deterministic order (no key sorting)."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False, check_circular=False)


def serialize(index: Index) -> str:
    data = index.serialize()
    assert data["version"] == LUNR_JS_VERSION
    data["invertedIndex"] = sorted(data["invertedIndex"], key=lambda entry: js_order(entry[0]))
    data["fieldVectors"] = sorted(data["fieldVectors"], key=lambda fv: fv[0])
    return dumps(data)


# -- shards ------------------------------------------------------------------


@dataclass
class Shard:
    key: str  # every term in it starts with key (or equals it, if exact)
    exact: bool
    terms: list[str] = field(default_factory=list)


def _term_cost(posting: dict) -> int:
    """Rough serialized bytes of a term: its posting plus its vector entries."""
    cost = 24
    for name, docs in posting.items():
        if name != "_index" and docs:
            cost += len(name) + 4 + sum(len(r) + 18 for r in docs)
    return cost


def plan_shards(inverted_index: dict, budget: int = SHARD_BUDGET, max_prefix: int = MAX_PREFIX) -> list[Shard]:
    """Shards of a lunr inverted index (see ``plan_shards_by_cost``)."""
    return plan_shards_by_cost({t: len(t) + _term_cost(p) for t, p in inverted_index.items()}, budget, max_prefix)


def plan_shards_by_cost(cost: dict[str, int], budget: int = SHARD_BUDGET, max_prefix: int = MAX_PREFIX) -> list[Shard]:
    """Group terms by leading characters: one more character while a group's
    estimated bytes exceed ``budget``, up to ``max_prefix`` characters."""
    terms = sorted(cost, key=js_order)
    shards: list[Shard] = []

    def split(prefix: str, group: list[str]) -> None:
        depth = len(prefix)
        if sum(cost[t] for t in group) <= budget or depth >= max_prefix:
            shards.append(Shard(prefix, False, group))
            return
        short = [t for t in group if len(t) == depth]
        if short:
            shards.append(Shard(prefix, True, short))
        buckets: dict[str, list[str]] = {}
        for t in group:
            if len(t) > depth:
                buckets.setdefault(t[: depth + 1], []).append(t)
        for key in sorted(buckets):
            split(key, buckets[key])

    by_first: dict[str, list[str]] = {}
    for t in terms:
        by_first.setdefault(t[:1], []).append(t)
    for key in sorted(by_first):
        split(key, by_first[key])
    return shards


def shards_for(plan: Sequence[Shard], prefix: str) -> list[int]:
    """Positions of the shards whose terms can start with ``prefix``
    (``shardsFor`` in search-core.mjs)."""
    return [
        n for n, s in enumerate(plan)
        if (s.key.startswith(prefix) if s.exact else s.key.startswith(prefix) or prefix.startswith(s.key))
    ]


class ShardLookup:
    """``shards_for`` without a scan of the whole plan per prefix. A plan's
    keys are in ascending (code point) order, a parent's exact shard before
    its children: the shards under a prefix are one run of positions, and
    at most ``MAX_PREFIX`` shorter keys hold it."""

    def __init__(self, plan: Sequence[Shard]):
        self.keys = [s.key for s in plan]
        self.open = {s.key: n for n, s in enumerate(plan) if not s.exact}  # keys that hold longer terms

    def __call__(self, prefix: str) -> list[int]:
        keys = self.keys
        out = [self.open[prefix[:k]] for k in range(1, len(prefix)) if prefix[:k] in self.open]
        n = bisect.bisect_left(keys, prefix)
        while n < len(keys) and keys[n].startswith(prefix):
            out.append(n)
            n += 1
        return out


# lunr.js 2.3.9's Porter stemmer, ported as it is (lunr.py's stemmer differs
# on words such as "deploy" and "sky"): a top file is built for the clauses
# the browser builds. Same regular expressions; for words in the Basic
# Multilingual Plane JavaScript and Python read them alike.
_C = "[^aeiou][^aeiouy]*"
_V = "[aeiouy][aeiou]*"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_S_V = re.compile(f"^({_C})?[aeiouy]")
_STEP2 = {"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble", "alli": "al",
          "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate", "ator": "ate", "alism": "al",
          "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log"}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_RE_1A, _RE2_1A = re.compile(r"^(.+?)(ss|i)es$"), re.compile(r"^(.+?)([^s])s$")
_RE_1B, _RE2_1B = re.compile(r"^(.+?)eed$"), re.compile(r"^(.+?)(ed|ing)$")
_RE2_1B_2, _RE3_1B_2 = re.compile(r"(at|bl|iz)$"), re.compile(r"([^aeiouylsz])\1$")
_RE4_1B_2 = re.compile(f"^{_C}[aeiouy][^aeiouwxy]$")
_RE_1C = re.compile(r"^(.+?[^aeiou])y$")
_RE_2 = re.compile(f"^(.+?)({'|'.join(_STEP2)})$")
_RE_3 = re.compile(f"^(.+?)({'|'.join(_STEP3)})$")
_RE_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
_RE2_4 = re.compile(r"^(.+?)(s|t)(ion)$")
_RE_5, _RE_5_1 = re.compile(r"^(.+?)e$"), re.compile(r"ll$")


def lunr_js_stem(w: str) -> str:
    """What lunr.js 2.3.9's ``lunr.stemmer`` makes of ``w`` (BMP words)."""
    if len(w) < 3:
        return w
    first = w[0]
    if first == "y":
        w = "Y" + w[1:]
    if m := _RE_1A.match(w):
        w = m[1] + m[2]
    elif m := _RE2_1A.match(w):
        w = m[1] + m[2]
    if m := _RE_1B.match(w):
        if _MGR0.search(m[1]):
            w = w[:-1]
    elif m := _RE2_1B.match(w):
        if _S_V.search(m[1]):
            w = m[1]
            if _RE2_1B_2.search(w):
                w += "e"
            elif _RE3_1B_2.search(w):
                w = w[:-1]
            elif _RE4_1B_2.search(w):
                w += "e"
    if m := _RE_1C.match(w):
        w = m[1] + "i"
    if (m := _RE_2.match(w)) and _MGR0.search(m[1]):
        w = m[1] + _STEP2[m[2]]
    if (m := _RE_3.match(w)) and _MGR0.search(m[1]):
        w = m[1] + _STEP3[m[2]]
    if m := _RE_4.match(w):
        if _MGR1.search(m[1]):
            w = m[1]
    elif m := _RE2_4.match(w):
        if _MGR1.search(m[1] + m[2]):
            w = m[1] + m[2]
    if m := _RE_5.match(w):
        stem = m[1]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _RE4_1B_2.search(stem)):
            w = stem
    if _RE_5_1.search(w) and _MGR1.search(w):
        w = w[:-1]
    if first == "y":
        w = "y" + w[1:]
    return w


def word_clauses(word: str, min_chars: int = 2) -> list[tuple[str, bool, int]]:
    """The clauses the browser builds for one query word (``wordQuery`` in
    search-core.mjs), as (term, is prefix, boost): the whole word (boost 10),
    the word as a prefix unless its stem covers it, the stem as a prefix."""
    stem = lunr_js_stem(word)
    with_stem = stem != word and len(stem) >= min_chars
    clauses = [(word, False, 10)]
    if not (with_stem and word.startswith(stem)):
        clauses.append((word, True, 1))
    if with_stem:
        clauses.append((stem, True, 1))
    return clauses


@dataclass
class TopWord:
    """What the header box needs for one word: the prefixes its query
    covers (the word, and its stem when that is searched too), the shards a
    full query reads (positions in the plan, in the browser's order), per
    shard a lunr index of the candidates, the candidate documents (every
    document that can be among the first TOP_LIMIT, ties included) and the
    number of matching documents."""

    word: str
    prefixes: list[str]
    shards: list[int]
    indexes: list[dict]
    candidates: list[int]
    total: int


class TopCost:
    """What the box's complete search for a one-word query would cost
    (``TOP_BYTES``, ``TOP_SCORED``): the estimated gzip bytes of the shards
    its prefixes read and of the result chunks its first ``PAGE_ROWS`` rows
    fall in, and the postings it scores. ``candidate`` answers before
    anything is scored (the biggest ``PAGE_ROWS`` chunks: an upper
    bound); ``needed`` once the word's first rows are known."""

    def __init__(self, plan: Sequence[Shard], term_cost: dict[str, int], chunk_gzip: Sequence[int],
                 max_bytes: int = TOP_BYTES, max_scored: int = TOP_SCORED):
        self.lookup = ShardLookup(plan)
        self.shard_bytes = [sum(term_cost[t] for t in s.terms) / SHARD_COST_PER_GZIP for s in plan]
        self.chunk_bytes = list(chunk_gzip)
        self.most_rows = sum(sorted(chunk_gzip, reverse=True)[:PAGE_ROWS])
        self.max_bytes, self.max_scored = max_bytes, max_scored
        self.scores_too_many: set[str] = set()

    def shards(self, word: str) -> list[int]:
        """The shards the complete search reads for ``word``, in its order."""
        order: list[int] = []
        for prefix in [word] + [t for t, is_prefix, _ in word_clauses(word) if is_prefix and t != word]:
            order += [n for n in self.lookup(prefix) if n not in order]
        return order

    def candidate(self, word: str, under: dict[str, int]) -> bool:
        """Whether ``word`` may need a top file (``under``: postings under each prefix)."""
        # the postings of the terms under each prefix clause (the whole word's among them)
        if sum(under.get(t, 0) for t, is_prefix, _ in word_clauses(word) if is_prefix) > self.max_scored:
            self.scores_too_many.add(word)
            return True
        return sum(self.shard_bytes[n] for n in self.shards(word)) + self.most_rows > self.max_bytes

    def surely(self, word: str, shards: Sequence[int]) -> bool:
        """Whether ``word`` needs its top file whatever its first rows are."""
        return word in self.scores_too_many or sum(self.shard_bytes[n] for n in shards) > self.max_bytes

    def needed(self, word: str, shards: Sequence[int], first_docs: Iterable[int]) -> bool:
        """Whether ``word`` needs its top file, given the documents of its first rows."""
        if self.surely(word, shards):
            return True
        rows = sum(self.chunk_bytes[c] for c in {doc // DOC_CHUNK for doc in first_docs})
        return sum(self.shard_bytes[n] for n in shards) + rows > self.max_bytes


@dataclass
class _Scored:
    """A term's postings as ``ShardedIndexBuilder.shards`` scores them, for
    top words: per record (in document order, then field order) its field,
    document and score, and per document (ascending) the index of its first
    record and the sum of its records' scores. Lists, not arrays: top words
    read them again and again, and a list hands out its numbers without
    making new objects."""

    fields: Sequence[int]
    record_docs: Sequence[int]
    scores: list[float]
    docs: Sequence[int]
    starts: Sequence[int]
    sums: list[float]


def _scored(f_nos: array, docs: array, scores: list[float]) -> _Scored:
    record_docs = docs.tolist()
    if len(set(record_docs)) == len(record_docs):  # one record per document: nothing to sum
        return _Scored(f_nos, record_docs, scores, record_docs, range(len(scores)), scores)
    distinct: list[int] = []
    starts: list[int] = []
    sums: list[float] = []
    for k, (doc, score) in enumerate(zip(record_docs, scores)):
        if distinct and distinct[-1] == doc:
            sums[-1] += score
        else:
            distinct.append(doc)
            starts.append(k)
            sums.append(score)
    return _Scored(f_nos, record_docs, scores, distinct, starts, sums)


class _Reprs(dict):
    """float -> its repr (as JSON writes it), made once per distinct value."""

    def __missing__(self, x: float) -> str:
        text = self[x] = repr(x)
        return text


class _Rounded(dict):
    """score -> ``round(score, 3)``, computed once per distinct value: a
    lookup is ~6x faster than round() to digits, and scores repeat (the same
    idf, field length, boost and frequency): 1k long-patterns has ~35,000
    distinct unrounded scores in 366,000 postings."""

    def __missing__(self, x: float) -> float:
        value = self[x] = round(x, 3)
        return value


#: Distinct scores ``_Rounded`` holds before it starts again (~2 MB; 1k long-patterns
#: has ~35,000: 59,000 round() calls instead of 366,000).
_ROUNDED_KEPT = 20_000


#: A record (field, document, term frequency) as C ints: array.frombytes of it
#: costs 2/3 of array.extend with a tuple (the most frequent step of ``add``); a
#: bytearray per term (as fast) held 2 MiB more at 1k entries (it over-allocates more).
_RECORD = struct.Struct("3i")

#: The metadata lunr keeps per posting; we keep none, so every posting shares it.
_NO_METADATA: dict = {}


class ShardedIndexBuilder:
    """Builds the split index shard by shard, holding compact records instead
    of a whole lunr index in memory.

    Pass 1 (``add``) tokenises each document once and keeps, per term, one
    record ``(field, document, term frequency)`` in a flat integer array,
    plus the field lengths BM25 needs. Pass 2 (``shards``) plans the shards,
    then builds and serializes one first-character group at a time, letting
    each term's records go once its shard is built, so peak memory is about
    the records plus one group's output, not a lunr index.
    Scores are lunr.py's (BM25 with lunr's idf, field boosts, 3 decimals);
    ``test_search_index`` checks each shard against the monolithic index.
    """

    def __init__(self):
        self.lunr = builder()  # field boosts, k1/b, field lengths, average lengths
        self.fields = list(self.lunr._fields)
        self.refs: list[str] = []
        self.term_ids: dict[str, int] = {}
        self.terms: list[str] = []
        # Per term, its records (field, document, tf, ...) as C ints in document
        # order: lunr's postings as dicts took ~40 MB at 20k entries; one array
        # per term is ~80 bytes on top of its records.
        self.records: list[array | None] = []
        # Terms per field of each document, at [document * fields + field]: lunr's
        # field_lengths keyed by "field/ref" strings took ~40 MB at 20k entries.
        self.lengths = array("i")
        self._cost: list[int] | None = None

    def add(self, doc_ref: str, fields: dict[str, list[str]]) -> None:
        n = len(self.refs)
        self.refs.append(doc_ref)
        self.lunr.document_count += 1
        self._cost = None
        stop_words = tok.STOP_WORDS
        term_ids, records, lengths = self.term_ids, self.records, self.lengths
        pack_record = _RECORD.pack
        for f_no, field_name in enumerate(self.fields):
            terms = [t for t in map(str.lower, fields.get(field_name, ())) if t not in stop_words]
            lengths.append(len(terms))
            if not terms:
                continue
            for term, count in Counter(terms).items():  # in first-seen order, like a dict
                t_id = term_ids.get(term)
                if t_id is None:
                    t_id = term_ids[term] = len(self.terms)
                    self.terms.append(term)
                    records.append(array("i"))
                records[t_id].frombytes(pack_record(f_no, n, count))

    @property
    def postings(self) -> list[int]:
        """(field, document) pairs per term: lunr's idf."""
        return [len(r) // 3 for r in self.records]

    @property
    def cost(self) -> list[int]:
        """Serialized-size estimate per term (as ``_term_cost``), once every
        document is added: computed from the records at C speed instead of
        counted on each of them as they come."""
        if self._cost is None:
            ref_bytes = array("i", (len(r) + 18 for r in self.refs))
            field_bytes = [len(name) + 4 for name in self.fields]
            self._cost = [
                len(term) + 24 + sum(field_bytes[f] for f in set(r[0::3])) + sum(map(ref_bytes.__getitem__, r[1::3]))
                for term, r in zip(self.terms, self.records)
            ]
        return self._cost

    def top_words(self, limit: int = TOP_WORDS, min_postings: int = TOP_MIN_POSTINGS, need=None) -> list[str]:
        """The typed words (prefixes of indexed terms, two characters or
        more) with the most postings under them, most first; with ``need``,
        only the words ``need(word, postings under each prefix)`` accepts."""
        under: dict[str, int] = {}
        postings = self.postings
        for t_id, term in enumerate(self.terms):
            n = postings[t_id]
            for k in range(2, len(term) + 1):
                prefix = term[:k]
                under[prefix] = under.get(prefix, 0) + n
        ranked = sorted((p for p, n in under.items() if n >= min_postings), key=lambda p: (-under[p], js_order(p)))
        out = []
        for prefix in ranked:
            if len(out) >= limit:
                break
            if (prefix not in tok.STOP_WORDS and tok.words(prefix) == [prefix] and max(map(ord, prefix)) <= 0xFFFF
                    and lunr_js_stem(prefix)[:1] == prefix[:1] and (need is None or need(prefix, under))):
                out.append(prefix)
        return out

    def plan(self, budget: int = SHARD_BUDGET) -> list[Shard]:
        """The shard plan (made once per budget)."""
        cached = getattr(self, "_plan", None)
        if cached is None or cached[0] != budget:
            cached = self._plan = (budget, plan_shards_by_cost(dict(zip(self.terms, self.cost)), budget))
        return cached[1]

    def shards(self, budget: int = SHARD_BUDGET, top: Sequence[str] = (), top_limit: int = TOP_LIMIT, cost: TopCost | None = None):
        """Yield (Shard, serialized lunr index of its terms, JSON text) in shard order;
        after each first-character group, a TopWord for each word of ``top``
        in it that ``cost`` (if given) finds costly to search completely.
        Each term's records are let go once its shard is built."""
        plan = self.plan(budget)
        lookup = ShardLookup(plan)
        position = {id(shard): n for n, shard in enumerate(plan)}
        top_by_group: dict[str, list[str]] = {}
        for word in top:
            top_by_group.setdefault(word[:1], []).append(word)
        lunr_b = self.lunr
        k1, bb, n_docs = lunr_b._k1, lunr_b._b, lunr_b.document_count
        k1_plus_1 = k1 + 1
        n_fields = len(self.fields)
        # lunr's average field length: the sum over documents / the documents (each has every field)
        avg = [sum(self.lengths[f_no::n_fields]) / n_docs if n_docs else 0 for f_no in range(n_fields)]
        boosts = [lunr_b._fields[name].boost for name in self.fields]
        fields, refs, records, term_ids = self.fields, self.refs, self.records, self.term_ids
        # A (document, field) pair's vector is a "slot", numbered in lunr's (string) order
        # of its field ref "field/ref": a shard sorts its vectors by number, not by strings
        # made and compared per shard. Field names hold no "/", so that order is the fields'
        # (as "field/") and then the refs': slot = field_base[field] + ref_rank[document].
        # Per-slot strings would take ~20 MB at 20k entries; these take ~3 per document.
        field_order = sorted(range(n_fields), key=lambda f_no: fields[f_no] + "/")
        doc_order = sorted(range(n_docs), key=refs.__getitem__)
        field_base = [0] * n_fields
        for rank, f_no in enumerate(field_order):
            field_base[f_no] = rank * n_docs
        ref_rank = array("i", bytes(4 * n_docs))
        for rank, doc in enumerate(doc_order):
            ref_rank[doc] = rank
        # a slot's vector as JSON up to its numbers, '["field/ref",[', in two halves
        vector_field = [f'["{quote(fields[f_no])[1:-1]}/' for f_no in field_order]
        vector_ref = [f'{quote(refs[doc])[1:-1]}",[' for doc in doc_order]
        # per slot, BM25's length normalisation as lunr computes it for each posting (a
        # field no document has terms in has no postings: its norms are never read) and
        # the field's boost (a float times an int or the same float: the same product)
        norms = array("d", bytes(8 * n_docs * n_fields))
        slot_boost = array("d", bytes(8 * n_docs * n_fields))
        for f_no in range(n_fields):
            for doc in range(n_docs):
                slot = field_base[f_no] + ref_rank[doc]
                length = self.lengths[doc * n_fields + f_no]
                norms[slot] = k1 * (1 - bb + bb * (length / avg[f_no])) if avg[f_no] else 0.0
                slot_boost[slot] = boosts[f_no]
        # the fixed parts of a shard's JSON; a posting ("ref":{}, no metadata) per document
        head = f'{{"version":{quote(LUNR_JS_VERSION)},"fields":{_dumps_fast(list(FIELD_NAMES))},"fieldVectors":'
        tail = _dumps_fast(lunr_b.search_pipeline.serialize()) + "}"
        field_keys = [quote(name) for name in fields]
        score_text = _Reprs()
        rounded = _Rounded()
        posting_text = [quote(r) + ":{}" for r in refs]
        by_group: dict[str, list[Shard]] = {}
        for shard in plan:
            by_group.setdefault(shard.key[:1], []).append(shard)
        for first in sorted(by_group):
            words = top_by_group.get(first, ())
            # the prefixes the group's top words expand to: only their terms' scores are kept
            wanted = tuple({t for w in words for t, _, _ in word_clauses(w)})
            # term -> its records' fields and scores, and per document (in order) where
            # its records start and the sum of their scores (for top words only)
            scored: dict[str, _Scored] = {}
            for shard in by_group[first]:
                if len(rounded) > _ROUNDED_KEPT:
                    rounded.clear()
                entries = []
                vectors: dict[int, list[str]] = {}  # slot -> "term index,score" per term (in index order)
                pairs_of = vectors.get
                for new_idx, term in enumerate(shard.terms):
                    t_id = term_ids[term]
                    triples, records[t_id] = records[t_id], None
                    f_nos, docs, tfs = triples[0::3], triples[1::3], triples[2::3]
                    x = (n_docs - len(docs) + 0.5) / (len(docs) + 0.5)
                    idf = math.log(1 + abs(x))  # lunr.idf.idf
                    slots = [field_base[f_no] + ref_rank[doc] for doc, f_no in zip(docs, f_nos)]
                    scores = [rounded[idf * (k1_plus_1 * tf) / (norms[slot] + tf) * slot_boost[slot]]
                              for slot, tf in zip(slots, tfs)]
                    # "term index,score" as json.dumps writes the pair, each distinct score formatted
                    # once (1k long-patterns: ~6,000 scores in 366,000 postings; json.dumps of the
                    # vectors was a tenth of the index build)
                    before = f"{new_idx},"
                    for slot, text in zip(slots, map(score_text.__getitem__, scores)):
                        pairs = pairs_of(slot)
                        if pairs is None:
                            vectors[slot] = [before + text]
                        else:
                            pairs.append(before + text)
                    # the term's entry as lunr.py serializes it, written as text: its fields in index
                    # order (those without the term left out), each with its refs in document order
                    entry = ["[", quote(term), ',{"_index":', str(new_idx)]
                    present = sorted(set(f_nos))
                    if len(present) == 1:
                        entry += ",", field_keys[present[0]], ":{", ",".join(map(posting_text.__getitem__, docs)), "}"
                    else:  # one pass that files each posting under its field (a filter per field was 2.5x slower)
                        in_field: dict[int, list[str]] = {f_no: [] for f_no in present}
                        for f_no, text in zip(f_nos, map(posting_text.__getitem__, docs)):
                            in_field[f_no].append(text)
                        for f_no in present:
                            entry += ",", field_keys[f_no], ":{", ",".join(in_field[f_no]), "}"
                    entry.append("}]")
                    entries.append("".join(entry))
                    if wanted and term.startswith(wanted):
                        scored[term] = _scored(f_nos, docs, scores)
                # a slot gets one pair per term, in term order: each vector's indices ascend already
                field_vectors = ",".join([
                    f"{vector_field[slot // n_docs]}{vector_ref[slot % n_docs]}{','.join(vectors[slot])}]]" for slot in sorted(vectors)
                ])
                # as _dumps_fast would write {"version", "fields", "fieldVectors", "invertedIndex", "pipeline"}
                yield shard, "".join((
                    head, "[", field_vectors, '],"invertedIndex":[', ",".join(entries), '],"pipeline":', tail,
                ))
            for word in words:
                top_word = self._top_word(word, lookup, position, by_group[first], scored, top_limit, cost)
                if top_word is not None:
                    yield top_word, None
            del scored

    def _top_word(self, word: str, lookup: ShardLookup, position: dict, group: list[Shard], scored: dict, limit: int,
                  cost: TopCost | None = None) -> TopWord | None:
        """The header box's answer data for the one-word query ``word``:
        every matching document scored as the browser scores it
        (approximately: the same terms, boosts and norms, float sums in
        another order), the ones that can be among the first ``limit`` kept
        (a margin covers ties and rounding), and per shard a lunr index of
        just those documents and the terms the query expands to, so the
        browser computes their exact scores. ``scored`` holds, per term of
        the group, its postings; per_doc views of them are cached there."""
        clauses = word_clauses(word)
        prefixes = [word] + [t for t, is_prefix, _ in clauses if is_prefix and t != word]
        order: list[int] = []
        for prefix in prefixes:
            order += [n for n in lookup(prefix) if n not in order]
        by_position = {position[id(s)]: s for s in group}

        # approximate scores of every document (0 where none), and the matching ones
        approx = [0.0] * len(self.refs)
        matching: set[int] = set()
        expanded: list[list[str]] = []
        for n in order:
            terms = by_position[n].terms  # in js_order: the terms under a prefix are one run
            boosts: dict[int, int] = {}
            for c_term, is_prefix, boost in clauses:
                i = bisect.bisect_left(terms, js_order(c_term), key=js_order)
                while i < len(terms) and (terms[i].startswith(c_term) if is_prefix else terms[i] == c_term):
                    boosts[i] = boosts.get(i, 0) + boost
                    i += 1
            expanded.append([terms[i] for i in sorted(boosts)])  # in the shard's (lunr's) term order
            if not boosts:
                continue
            magnitude = math.sqrt(sum(b * b for b in boosts.values()))
            for i in sorted(boosts):
                factor = boosts[i] / magnitude
                view = scored[terms[i]]
                matching.update(view.docs)
                for doc, total in zip(view.docs, view.sums):
                    approx[doc] += factor * total
        exact_field = self.fields.index("exact")
        if word in scored:  # the whole query in the exact field: 1000 + its score
            view = scored[word]
            for k, score in enumerate(view.scores):
                if view.fields[k] == exact_field:
                    approx[view.record_docs[k]] += 1000 + score
        # the matching documents and their scores in one order; C code picks those at or above a score
        docs_matching = list(matching)
        scores = list(map(approx.__getitem__, docs_matching))
        if cost is not None and matching and not cost.surely(word, order):
            ranked = _largest(max(limit, PAGE_ROWS), scores)
            # the documents of the complete search's first PAGE_ROWS rows (ties at the last one included)
            last = ranked[min(PAGE_ROWS, len(ranked)) - 1]
            if not cost.needed(word, order, compress(docs_matching, map(last.__le__, scores))):
                return None  # the complete search is cheap enough
            best = ranked[:limit]
        else:
            best = _largest(limit, scores)
        floor = best[-1] - 1e-6 * max(1.0, abs(best[-1])) if best else 0.0
        keep = sorted(compress(docs_matching, map(floor.__le__, scores)))
        kept = set(keep)
        pipeline = self.lunr.search_pipeline.serialize()
        fields, refs = self.fields, self.refs
        indexes = []
        for terms in expanded:
            entries = []
            vectors: dict[str, list] = {}
            for new_idx, term in enumerate(terms):
                posting: dict = {"_index": new_idx}
                view = scored[term]
                docs = view.docs
                # positions in ``docs`` of the kept documents (both ascending)
                if len(docs) <= len(keep):
                    found = [i for i, doc in enumerate(docs) if doc in kept]
                else:
                    found = [i for doc in keep if (i := bisect.bisect_left(docs, doc)) < len(docs) and docs[i] == doc]
                for i in found:
                    doc = docs[i]
                    end = view.starts[i + 1] if i + 1 < len(view.starts) else len(view.scores)
                    for k in range(view.starts[i], end):
                        f_no = view.fields[k]
                        posting.setdefault(fields[f_no], {})[refs[doc]] = _NO_METADATA
                        vectors.setdefault(f"{fields[f_no]}/{refs[doc]}", []).append((new_idx, view.scores[k]))
                entries.append([term, {k: posting[k] for k in ("_index", *fields) if k in posting}])
            field_vectors = [[ref, [x for pair in sorted(vectors[ref]) for x in pair]] for ref in sorted(vectors)]
            indexes.append({"version": LUNR_JS_VERSION, "fields": list(FIELD_NAMES), "fieldVectors": field_vectors,
                            "invertedIndex": entries, "pipeline": pipeline})
        return TopWord(word, prefixes, order, indexes, keep, len(matching))


def _largest(n: int, scores: list[float]) -> list[float]:
    """``heapq.nlargest(n, scores)``. Up to a few thousand scores (every top
    word at 1,000 entries), sorting them all in C is 1.4-4.8x faster than
    nlargest's loop; at 10,000 nlargest is 3x faster."""
    if len(scores) <= 2000:
        return sorted(scores, reverse=True)[:n]
    return heapq.nlargest(n, scores)


def _hashed(name: str, text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return f"{name}.{digest}.json"


def doc_row(doc: SearchDoc) -> list:
    return [doc.kind, doc.url, doc.title, doc.summary, doc.parent]


def iter_files(docs: Iterable[SearchDoc], names: list[list[str]], budget: int = SHARD_BUDGET,
               top_words: int = TOP_WORDS, top_min_postings: int = TOP_MIN_POSTINGS,
               top_bytes: int = TOP_BYTES, top_scored: int = TOP_SCORED,
               checkpoint: Callable[[], None] = lambda: None) -> Iterator[tuple[str, str]]:
    """Every file of the search index, as (relative path, text), one at a
    time so a writer can put each on disk and let it go. ``docs`` may be a
    generator: each document is tokenised and dropped; only its result row
    (kind, url, title, summary, parent) is kept.

    ``manifest.json`` comes last and is the only fixed name (fetched without
    cache); the other files carry a content hash in their names.
    ``checkpoint`` is called before each document and between steps that
    yield no file (a writer that must stop early raises from it).
    """
    sharded = ShardedIndexBuilder()
    rows = []
    for n, doc in enumerate(docs):
        checkpoint()
        sharded.add(ref(n), {name: doc.field_tokens(name) for name in FIELD_NAMES})
        rows.append(doc_row(doc))
    checkpoint()
    chunk_texts = [dumps(rows[start : start + DOC_CHUNK]) for start in range(0, len(rows), DOC_CHUNK)]
    checkpoint()
    cost = TopCost(sharded.plan(budget), dict(zip(sharded.terms, sharded.cost)),
                   [len(gzip.compress(t.encode("utf-8"), 6)) for t in chunk_texts], top_bytes, top_scored)
    checkpoint()
    candidates = sharded.top_words(top_words, top_min_postings, cost.candidate)
    shard_list = []
    top_texts: dict[str, str] = {}  # word -> its top file, kept until every word is known (their numbers)
    for shard, text in sharded.shards(budget, candidates, cost=cost):
        if isinstance(shard, TopWord):  # after its group's shards
            top_texts[shard.word] = _top_file(shard, rows)
            checkpoint()
            continue
        name = "t/" + _hashed(ref(len(shard_list)), text)
        shard_list.append([shard.key, 1 if shard.exact else 0, name, len(text.encode("utf-8"))])
        yield name, text
    words = sorted(top_texts, key=js_order)
    # The folder is named by the top files themselves (each names its word)
    # and their order, so a browser never combines a new manifest with
    # cached top files of another build.
    h = hashlib.sha256(str(TOP_FORMAT).encode())
    for word in words:
        h.update(b"\0" + top_texts[word].encode("utf-8"))
    top_dir = "p/" + h.hexdigest()[:10] + "/"
    for n, word in enumerate(words):
        yield f"{top_dir}{ref(n)}.json", top_texts.pop(word)
    chunks = []
    for text in chunk_texts:
        name = "d/" + _hashed(ref(len(chunks)), text)
        chunks.append(name)
        yield name, text
    kinds = []  # [kind, first doc number] per run of equal kinds: counts without fetching rows
    for n, row in enumerate(rows):
        if not kinds or kinds[-1][0] != row[0]:
            kinds.append([row[0], n])
    names_text = dumps(names)
    names_file = _hashed("names", names_text)
    yield names_file, names_text
    manifest = {
        "format": FORMAT,
        "lunr": LUNR_JS_VERSION,
        "fields": list(FIELD_NAMES),
        "pipeline": sharded.lunr.search_pipeline.serialize(),
        "tokenizer": tok.settings(),
        "docs": len(rows),
        "chunk": DOC_CHUNK,
        "chunks": chunks,
        "kinds": kinds,
        "shards": shard_list,
        "names": names_file,
    }
    if words:
        manifest["top"] = {"dir": top_dir, "limit": TOP_LIMIT, "words": words}
    yield "manifest.json", dumps(manifest)


def _top_file(top: TopWord, rows: list[list]) -> str:
    """A top file: the query it answers, per shard a lunr index of the
    candidates, the number of matches, the candidates' rows."""
    return _dumps_fast({
        "word": top.word,
        "prefixes": top.prefixes,
        "shards": top.shards,
        "indexes": top.indexes,
        "total": top.total,
        "rows": {ref(doc): rows[doc] for doc in top.candidates},
    })


def build_files(docs: Sequence[SearchDoc], names: list[list[str]], budget: int = SHARD_BUDGET, **top) -> dict[str, str]:
    """Every file of the search index, as {relative path: text}."""
    return dict(iter_files(docs, names, budget, **top))


def sizes(files: dict[str, str]) -> dict[str, int]:
    raw = sum(len(t.encode("utf-8")) for t in files.values())
    gz = sum(len(gzip.compress(t.encode("utf-8"), 6)) for t in files.values())
    return {"files": len(files), "raw": raw, "gzip": gz}

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

import gzip
import hashlib
import json
from dataclasses import dataclass, field
from typing import Sequence

import lunr as lunr_pkg
from lunr.builder import Builder
from lunr.idf import idf as Idf
from lunr.index import Index
from lunr.stop_word_filter import stop_word_filter

from . import tokens as tok
from .documents import FIELDS, FIELD_NAMES, SearchDoc

LUNR_JS_VERSION = "2.3.9"
FORMAT = 1
#: Estimated raw bytes above which a shard is split by one more letter.
SHARD_BUDGET = 48_000
#: Terms are never split by more leading characters than this.
MAX_PREFIX = 4
#: Result data (kind, url, title, summary) per chunk file.
DOC_CHUNK = 128

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
    terms = sorted(inverted_index, key=js_order)
    cost = {t: len(t) + _term_cost(inverted_index[t]) for t in terms}
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


def shard_data(b: "_Builder", shards: list[Shard]) -> list[dict]:
    """Each shard as a lunr serialized index restricted to its terms.

    Field vectors are computed here straight into the shards, with lunr.py's
    scoring (``Builder._create_field_vectors``: BM25 with lunr's idf, field
    boosts, 3 decimals) -- ``test_search_index`` checks they equal the
    monolithic index's vectors term for term.
    """
    inverted = b.inverted_index
    where: dict[str, tuple[int, int]] = {}
    out = []
    for s_no, shard in enumerate(shards):
        entries = []
        for new_idx, term in enumerate(shard.terms):
            posting = inverted[term]
            where[term] = (s_no, new_idx)
            slim = {"_index": new_idx}
            for name in FIELD_NAMES:
                if posting[name]:
                    slim[name] = posting[name]
            entries.append([term, slim])
        out.append({"entries": entries, "vectors": {}})
    b._calculate_average_field_lengths()
    k1, bb, n_docs = b._k1, b._b, b.document_count
    avg = b.average_field_length
    boosts = {name: f.boost for name, f in b._fields.items()}
    # per term: (idf, shard vectors, index in shard), looked up once per pair
    info = {term: (Idf(inverted[term], n_docs), out[s_no]["vectors"], new_idx) for term, (s_no, new_idx) in where.items()}
    k1_plus_1 = k1 + 1
    for field_ref, freqs in b.field_term_frequencies.items():
        if not freqs:
            continue
        field_name = field_ref.split("/", 1)[0]
        norm = k1 * (1 - bb + bb * (b.field_lengths[field_ref] / avg[field_name]))
        boost = boosts[field_name]
        for term, tf in freqs.items():
            idf, vectors, new_idx = info[term]
            score = round(idf * (k1_plus_1 * tf) / (norm + tf) * boost, 3)
            flat = vectors.get(field_ref)
            if flat is None:
                vectors[field_ref] = [new_idx, score]
            else:
                flat += (new_idx, score)
    result = []
    for data in out:
        vectors = []
        by_ref = data["vectors"]
        for field_ref in sorted(by_ref):
            flat = by_ref[field_ref]
            if len(flat) > 2:  # lunr.Vector needs ascending indices
                pairs = sorted(zip(flat[::2], flat[1::2]))
                flat = [x for pair in pairs for x in pair]
            vectors.append([field_ref, flat])
        result.append({
            "version": LUNR_JS_VERSION,
            "fields": list(FIELD_NAMES),
            "fieldVectors": vectors,
            "invertedIndex": data["entries"],
            "pipeline": b.search_pipeline.serialize(),
        "tokenizer": tok.settings(),
        })
    return result


def _hashed(name: str, text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return f"{name}.{digest}.json"


def doc_row(doc: SearchDoc) -> list:
    return [doc.kind, doc.url, doc.title, doc.summary, doc.parent]


def build_files(docs: Sequence[SearchDoc], names: list[list[str]]) -> dict[str, str]:
    """Every file of the search index, as {relative path: text}.

    ``manifest.json`` is the only fixed name (fetched without cache); the
    other files carry a content hash in their names.
    """
    b = builder()
    for n, doc in enumerate(docs):
        b.add_tokens(ref(n), {name: doc.field_tokens(name) for name in FIELD_NAMES})
    shards = plan_shards(b.inverted_index)
    files: dict[str, str] = {}
    shard_list = []
    for shard, data in zip(shards, shard_data(b, shards)):
        text = _dumps_fast(data)
        name = "t/" + _hashed(ref(len(shard_list)), text)
        files[name] = text
        shard_list.append([shard.key, 1 if shard.exact else 0, name, len(text.encode("utf-8"))])
    chunks = []
    for start in range(0, len(docs), DOC_CHUNK):
        text = dumps([doc_row(d) for d in docs[start : start + DOC_CHUNK]])
        name = "d/" + _hashed(ref(len(chunks)), text)
        files[name] = text
        chunks.append(name)
    kinds = []  # [kind, first doc number] per run of equal kinds: counts without fetching rows
    for n, doc in enumerate(docs):
        if not kinds or kinds[-1][0] != doc.kind:
            kinds.append([doc.kind, n])
    names_text = dumps(names)
    names_file = _hashed("names", names_text)
    files[names_file] = names_text
    manifest = {
        "format": FORMAT,
        "lunr": LUNR_JS_VERSION,
        "fields": list(FIELD_NAMES),
        "pipeline": b.search_pipeline.serialize(),
        "tokenizer": tok.settings(),
        "docs": len(docs),
        "chunk": DOC_CHUNK,
        "chunks": chunks,
        "kinds": kinds,
        "shards": shard_list,
        "names": names_file,
    }
    files["manifest.json"] = dumps(manifest)
    return files


def sizes(files: dict[str, str]) -> dict[str, int]:
    raw = sum(len(t.encode("utf-8")) for t in files.values())
    gz = sum(len(gzip.compress(t.encode("utf-8"), 6)) for t in files.values())
    return {"files": len(files), "raw": raw, "gzip": gz}

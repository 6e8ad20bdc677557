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


def builder() -> Builder:
    b = Builder()
    b.pipeline.add(tok.trimmer, stop_word_filter)
    b.search_pipeline.add(tok.trimmer)
    b.ref("id")
    for name, boost in FIELDS:
        b.field(name, boost=boost)
    return b


def build_index(docs: Sequence[SearchDoc]) -> Index:
    b = builder()
    for n, doc in enumerate(docs):
        record = {"id": ref(n)}
        for name in FIELD_NAMES:
            record[name] = doc.field_tokens(name)
        b.add(record)
    return b.build()


def dumps(data) -> str:
    """Deterministic compact JSON (same input, same bytes)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def js_order(term: str) -> bytes:
    """JavaScript compares strings by UTF-16 code units, Python by code points;
    lunr.js's TokenSet.Builder throws on terms out of *its* order."""
    return term.encode("utf-16-be")


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


def plan_shards(index: Index, budget: int = SHARD_BUDGET, max_prefix: int = MAX_PREFIX) -> list[Shard]:
    terms = sorted(index.inverted_index, key=js_order)
    cost = {t: len(t) + _term_cost(index.inverted_index[t]) for t in terms}
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


def shard_data(index: Index, shards: list[Shard]) -> list[dict]:
    """Each shard as a lunr serialized index restricted to its terms."""
    where: dict[int, tuple[int, int]] = {}  # old term index -> (shard, new index)
    out = []
    for s_no, shard in enumerate(shards):
        inverted = []
        for new_idx, term in enumerate(shard.terms):
            posting = index.inverted_index[term]
            where[posting["_index"]] = (s_no, new_idx)
            slim = {"_index": new_idx}
            for name in FIELD_NAMES:
                if posting.get(name):
                    slim[name] = {r: {} for r in sorted(posting[name])}
            inverted.append([term, slim])
        out.append({
            "version": LUNR_JS_VERSION,
            "fields": list(FIELD_NAMES),
            "fieldVectors": {},
            "invertedIndex": inverted,
            "pipeline": index.pipeline.serialize(),
        })
    for field_ref, vector in index.field_vectors.items():
        elements = vector.elements
        per_shard: dict[int, list[tuple[int, float]]] = {}
        for i in range(0, len(elements), 2):
            s_no, new_idx = where[elements[i]]
            per_shard.setdefault(s_no, []).append((new_idx, elements[i + 1]))
        for s_no, pairs in per_shard.items():
            pairs.sort()
            out[s_no]["fieldVectors"][str(field_ref)] = [x for pair in pairs for x in pair]
    for data in out:
        data["fieldVectors"] = sorted(data["fieldVectors"].items())
        data["fieldVectors"] = [[k, v] for k, v in data["fieldVectors"]]
    return out


def _hashed(name: str, text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return f"{name}.{digest}.json"


def doc_row(doc: SearchDoc) -> list:
    return [doc.kind, doc.url, doc.title, doc.summary, doc.parent]


def build_files(docs: Sequence[SearchDoc], names: list[list[str]], index: Index | None = None) -> dict[str, str]:
    """Every file of the search index, as {relative path: text}.

    ``manifest.json`` is the only fixed name (fetched without cache); the
    other files carry a content hash in their names.
    """
    index = index or build_index(docs)
    shards = plan_shards(index)
    files: dict[str, str] = {}
    shard_list = []
    for shard, data in zip(shards, shard_data(index, shards)):
        text = dumps(data)
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
        "pipeline": index.pipeline.serialize(),
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

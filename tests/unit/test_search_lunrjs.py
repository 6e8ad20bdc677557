"""The Python-built index in real lunr.js 2.3.9 (the copy inside MkDocs), in Node.

Cross-language contract: the serialized index loads, our pipeline function is
registered under the same name, lunr.js returns the refs and scores lunr.py
computes, and the split index answers queries through search-core.mjs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import mkdocs.contrib.search
import pytest
from test_search_index import HAND_WRITTEN, plain, small_model

from aruntime.client_contract import client_contract
from aruntime.search import documents as D
from aruntime.search import index as I
from modelkit import documents, site_urls

NODE = shutil.which("node")
LUNR_JS = Path(mkdocs.contrib.search.__file__).parent / "templates" / "search" / "lunr.js"
CORE = Path(__file__).resolve().parents[2] / "plugins" / "aruntime" / "assets" / "js" / "search-core.mjs"

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

# What every Node script here starts with: lunr.js, search-core.mjs and the request.
PRELUDE = r"""
import { createRequire } from "module";
import fs from "fs";
import path from "path";
const [lunrPath, corePath, dir, requestPath] = process.argv.slice(2);
const lunr = createRequire(import.meta.url)(lunrPath);
const core = await import(corePath);
const request = JSON.parse(fs.readFileSync(requestPath, "utf8"));
core.configure(request.search);
core.registerPipeline(lunr);
"""

SCRIPT = PRELUDE + r"""
const out = { version: lunr.version, mono: {}, engine: {}, monoPrefix: {} };
const mono = lunr.Index.load(JSON.parse(fs.readFileSync(path.join(dir, "mono.json"), "utf8")));
for (const t of request.exact) out.mono[t] = mono.query((q) => q.term(t)).map((r) => [r.ref, Math.round(r.score * 1000) / 1000]);
for (const t of request.prefix)
  out.monoPrefix[t] = mono.query((q) => { q.term(t, { boost: 10 }); q.term(t, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING }); }).map((r) => r.ref).sort();
const engine = new core.SearchEngine(lunr, async (p) => JSON.parse(fs.readFileSync(path.join(dir, "split", p), "utf8")));
for (const q of request.queries) {
  const r = await engine.search(q);
  const rows = await engine.rows(r.hits);
  out.engine[q] = { state: r.state, urls: rows.map((x) => x.url), stop: r.stop };
}
out.suggest = (await engine.suggestions("tensort")).map((s) => s.name);
console.log(JSON.stringify(out));
"""

EXACT = ["llama.cpp", "cpp", "tensorrt", "c++", "c#", "jäger", "naïve", "日本語モデル", "cache"]
PREFIX = ["ll", "tens", "kv", "ca", "日本"]
QUERIES = ["kv", "kv cache", "KV Cache", "key-value cache", "dep", "llama", "llama.cpp", "tensorrt", "TensorRT-LLM",
           "c++", "C#", "naïve", "jager", "Jäger", "日本語", "in", "on", "in on", " ", "x", "😀😀", "cache loses",
           "title:+a", "\"kv", "kv~2", "kv^10", "*", "-kv", "+kv", "a:b:c"]


def _write_files(folder, files: dict[str, str]) -> None:
    """Built search files (site path -> text) under ``folder``."""
    for rel, text in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _run_node(tmp, script: str, request: dict, *folders, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run ``script`` in Node with lunr.js, search-core, ``folders`` and
    ``request`` (as a JSON file) as its arguments; the finished process."""
    (tmp / "run.mjs").write_text(script, encoding="utf-8")
    (tmp / "request.json").write_text(json.dumps(request), encoding="utf-8")
    proc = subprocess.run([NODE, str(tmp / "run.mjs"), str(LUNR_JS), CORE.as_uri(), *map(str, folders), str(tmp / "request.json")],
                          capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def node_result(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lunrjs")
    docs = documents(small_model(), plain, [HAND_WRITTEN])
    idx = I.build_index(docs, searchable=True)
    (tmp / "mono.json").write_text(I.serialize(idx), encoding="utf-8")
    _write_files(tmp / "split", I.build_files(docs, D.suggestion_names(small_model(), site_urls(small_model()))))
    request = {"exact": EXACT, "prefix": PREFIX, "queries": QUERIES + [p for p in PREFIX if p not in QUERIES], "search": client_contract(small_model(), site_urls(small_model()))["search"]}
    proc = _run_node(tmp, SCRIPT, request, tmp, timeout=60)
    assert proc.stderr == ""  # no version-mismatch or unregistered-function warnings
    return {"out": json.loads(proc.stdout), "docs": docs, "idx": idx}


def test_lunr_js_is_the_version_lunr_py_serializes_for(node_result):
    assert node_result["out"]["version"] == "2.3.9"


@pytest.mark.parametrize("term", EXACT)
def test_lunr_js_returns_what_lunr_py_computes(node_result, term):
    idx = node_result["idx"]
    query = idx.create_query()
    query.term(term)
    expected = [[r["ref"], round(r["score"], 3)] for r in idx.query(query)]
    got = node_result["out"]["mono"][term]
    assert [r for r, _ in got] == [r for r, _ in expected]
    assert [s for _, s in got] == pytest.approx([s for _, s in expected], abs=0.002)
    assert got, f"{term!r} should match something"


@pytest.mark.parametrize("prefix", PREFIX)
def test_split_index_finds_what_the_monolithic_one_finds(node_result, prefix):
    """The browser's split index (shards fetched by prefix) returns exactly the
    documents one monolithic lunr index returns for the same prefix query."""
    refs = node_result["out"]["monoPrefix"][prefix]
    urls = {node_result["docs"][int(r, 36)].url for r in refs}
    assert urls, f"{prefix!r} should match something"
    assert set(node_result["out"]["engine"][prefix]["urls"]) == urls


def urls(node_result, query):
    return node_result["out"]["engine"][query]["urls"]


def test_exact_title_or_term_ranks_first(node_result):
    assert urls(node_result, "kv cache")[0] == "glossary/kv-cache/"
    assert urls(node_result, "KV Cache")[0] == "glossary/kv-cache/"
    assert urls(node_result, "key-value cache")[0] == "glossary/kv-cache/"  # an alias is a term too
    assert urls(node_result, "llama.cpp")[0] == "runtimes/llama-cpp/"
    assert urls(node_result, "TensorRT-LLM")[0] == "runtimes/tensorrt-llm/"


def test_prefixes_find_entries_as_you_type(node_result):
    assert {"glossary/kv-cache/", "glossary/kv-cache-offloading/"} <= set(urls(node_result, "kv"))
    assert urls(node_result, "dep")[0] == "patterns/deployment-patterns/"
    assert "runtimes/llama-cpp/" in urls(node_result, "llama")
    assert urls(node_result, "tensorrt")[0] == "runtimes/tensorrt-llm/"


def test_c_plus_plus_and_c_sharp_find_different_runtimes(node_result):
    assert urls(node_result, "c++") == ["runtimes/llama-cpp/"]
    assert urls(node_result, "C#") == ["runtimes/tensorrt-llm/"]


def test_non_ascii_words_are_found(node_result):
    assert urls(node_result, "naïve") == ["glossary/naive-batching/"]
    assert urls(node_result, "Jäger") == ["glossary/naive-batching/"]
    assert urls(node_result, "jager") == []  # no accent folding: a different word
    assert urls(node_result, "日本語") == ["glossary/nihongo/"]


def test_several_words_narrow_the_results(node_result):
    assert urls(node_result, "cache loses") == ["patterns/deployment-patterns/#failure-modes", "patterns/deployment-patterns/"]


def test_stop_words_short_and_empty_queries_say_why(node_result):
    engine = node_result["out"]["engine"]
    assert engine["in"] == {"state": "stop", "urls": [], "stop": ["in"]}
    assert engine["in on"]["state"] == "stop" and engine["in on"]["stop"] == ["in", "on"]
    assert engine[" "]["state"] == "short" and engine["x"]["state"] == "short"
    assert engine["😀😀"]["state"] == "nothing"


def test_lunr_syntax_is_plain_text(node_result):
    engine = node_result["out"]["engine"]
    for q in ["title:+a", "\"kv", "kv~2", "kv^10", "-kv", "+kv", "a:b:c"]:
        assert engine[q]["state"] in ("ok", "stop", "nothing"), q
    assert engine["kv~2"] == {"state": "ok", "urls": [], "stop": []}  # "kv" and "2": no fuzzy search, no entry has a 2
    assert engine["\"kv"]["urls"] == engine["kv"]["urls"]
    assert engine["*"]["state"] == "short"


def test_no_results_suggest_the_closest_names(node_result):
    assert node_result["out"]["suggest"][0] == "TensorRT-LLM"


# -- the engine's own scorer against lunr.js ------------------------------------

SCORER = PRELUDE + r"""
const read = (p) => JSON.parse(fs.readFileSync(path.join(dir, p), "utf8"));
const manifest = read("manifest.json");
const shards = new Map();
const shard = (file) => shards.get(file) || shards.set(file, core.loadShard(lunr, read(file))).get(file);
const out = { compared: 0, hits: 0, differ: [] };
for (const word of request.words) {
  const { prefixes, build } = core.wordQuery(lunr, word);
  const files = new Set();
  for (const prefix of prefixes) for (const s of core.shardsFor(manifest.shards, prefix)) files.add(s[2]);
  for (const file of files) {
    const idx = shard(file);
    const want = new Map(idx.query(build).map((r) => [r.ref, r.score]));
    const got = core.scoreQuery(lunr, idx, build);
    out.compared++;
    out.hits += got.length;
    // the same documents with the same scores, to the last bit
    const same = got.length === want.size && got.every((r) => want.get(r.ref) === r.score);
    if (!same) out.differ.push([word, file, want.size, got.length]);
  }
}
console.log(JSON.stringify(out));
"""

VOCAB = ("cache cached caches caching cachet cap capacity capture car card carrier cat catalog token tokens tokenizer "
         "tokenize top topic run runtime runtimes running quant quantize quantized evict eviction ev eve even").split()


def generated_docs(n: int = 400, seed: int = 3) -> list[D.SearchDoc]:
    """Documents built from a small vocabulary of shared prefixes, with
    repeated texts (equal scores) and every field used."""
    import random

    rnd = random.Random(seed)
    words = lambda k: " ".join(rnd.choice(VOCAB) for _ in range(k))  # noqa: E731
    docs = []
    for i in range(n):
        title = words(rnd.randint(1, 3)) if i % 7 else "cache"
        fields = {"exact": [title], "title": [title], "summary": [words(rnd.randint(0, 12))], "text": [words(rnd.randint(0, 60))]}
        if i % 3 == 0:
            fields["keywords"] = [words(3)]
        if i % 5 == 0:
            fields["aliases"] = [words(2)]
            fields["headings"] = [words(4)]
            fields["use_cases"] = [words(5)]
        if i % 11 == 10:  # the same text as the previous document: equal scores
            fields = dict(docs[-1].fields)
        docs.append(D.SearchDoc(url=f"doc/{i}/", kind="glossary", title=title, summary=title, fields=fields))
    return docs


def test_engine_scorer_gives_lunr_js_scores_to_the_last_bit(tmp_path):
    """scoreQuery (the engine's scorer) returns the documents and scores
    lunr.js's Index#query returns, for every 2- and 3-letter prefix and every
    word of a generated corpus, on shards split down to four letters."""
    docs = generated_docs()
    _write_files(tmp_path / "split", I.build_files(docs, [], budget=4000))
    words = sorted({w[:k] for w in VOCAB for k in (2, 3)} | set(VOCAB) | {"zz", "c++"})
    request = {"words": words, "search": client_contract(small_model(), site_urls(small_model()))["search"]}
    out = json.loads(_run_node(tmp_path, SCORER, request, tmp_path / "split").stdout)
    assert out["differ"] == []
    assert out["compared"] > len(words) and out["hits"] > 10_000  # many shards, many scored documents


TOP = PRELUDE + r"""
const fetched = [];
const engine = new core.SearchEngine(lunr, async (p) => (fetched.push(p), JSON.parse(fs.readFileSync(path.join(dir, p), "utf8"))));
const manifest = await engine.ready();
const out = { words: manifest.top.words.length, top: 0, capped: 0, differ: [], limit: manifest.top.limit };
for (const query of [...manifest.top.words, ...request.extra]) {
  fetched.length = 0;
  const box = await engine.search(query, { limit: 8 });
  const boxFiles = [...fetched];
  const full = await engine.search(query);
  const counts = await engine.kindCounts(full.hits);
  const fromTop = boxFiles.some((f) => f.startsWith(manifest.top.dir));
  // a top file gives its first top.limit results, any other capped answer the box's 8
  const n = box.capped ? (fromTop ? manifest.top.limit : 8) : full.hits.length;
  const same = JSON.stringify(box.hits.map((h) => [h.ref, h.score])) === JSON.stringify(full.hits.slice(0, n).map((h) => [h.ref, h.score]))
    && box.hits.length === Math.min(n, full.hits.length) && Boolean(box.capped) === full.hits.length > n
    && (box.total ?? box.hits.length) === full.hits.length && (box.capped || JSON.stringify(await engine.kindCounts(box.hits)) === JSON.stringify(counts));
  if (!same) out.differ.push(query);
  if (box.capped) out.capped++;
  if (fromTop) {
    out.top++;
    // a top file alone: no shard, no chunk of result data
    if (boxFiles.some((f) => f.startsWith("t/") || f.startsWith("d/"))) out.differ.push(query + ": fetched " + boxFiles.join(" "));
    const rows = await engine.rows(box.hits.slice(0, 8));
    const fullRows = await new core.SearchEngine(lunr, async (p) => JSON.parse(fs.readFileSync(path.join(dir, p), "utf8"))).rows(full.hits.slice(0, 8));
    if (JSON.stringify(rows) !== JSON.stringify(fullRows)) out.differ.push(query + ": rows");
  }
  engine.termCache.clear();
}
console.log(JSON.stringify(out));
"""


@pytest.mark.parametrize("budget,top_bytes", [(4000, 0), (I.SHARD_BUDGET, 0), (4000, 10_000)])
def test_header_box_gives_the_complete_searchs_first_results(tmp_path, budget, top_bytes):
    """The header box's answer is the complete search's first results in the
    same order with the same scores, and the same number of matches: for
    every word with a top file (here: every prefix under 150 postings or
    more; with ``top_bytes``, only those whose complete search would fetch
    more) read from the top file alone, with the same rows; for other words
    and for several words (titles typed in full among them: the exact field)
    the first 8, picked without ranking every match."""
    docs = generated_docs()
    every = json.loads(I.build_files(docs, [], budget=budget, top_min_postings=150, top_bytes=0)["manifest.json"])["top"]["words"]
    files = I.build_files(docs, [], budget=budget, top_min_postings=150, top_bytes=top_bytes)
    _write_files(tmp_path / "split", files)
    words = json.loads(files["manifest.json"])["top"]["words"]
    titles = sorted({d.title for d in docs if " " in d.title})[:12]
    several = ["cache ev", "cache evic", "token cache", "run cache quant", "ev eve", "cachex token", "cap capacity", "top topic"]
    # searched completely (a word with a top file again would be answered from the file already loaded)
    extra = [w for w in ["cachex", "zz", "ev", "quantized", "caches"] if w not in words] + [w for w in every if w not in words] + several + titles
    request = {"extra": extra, "search": client_contract(small_model(), site_urls(small_model()))["search"]}
    out = json.loads(_run_node(tmp_path, TOP, request, tmp_path / "split").stdout)
    assert out["differ"] == []
    assert out["words"] == len(words) and out["top"] >= len(words) - 2  # the box used its top files
    assert out["capped"] > out["top"] + len(several) // 2  # and capped answers without them
    assert len(words) > 50 if top_bytes == 0 else 10 < len(words) < len(every) - 10  # cheap words: no file
    assert out["limit"] == I.TOP_LIMIT >= 8


CLAUSES = r"""
import { createRequire } from "module";
import fs from "fs";
const [lunrPath, corePath, requestPath] = process.argv.slice(2);
const lunr = createRequire(import.meta.url)(lunrPath);
const core = await import(corePath);
const request = JSON.parse(fs.readFileSync(requestPath, "utf8"));
core.configure(request.search);
console.log(JSON.stringify(Object.fromEntries(request.words.map((w) => [w, core.wordQuery(lunr, w).prefixes]))));
"""

STEM_WORDS = VOCAB + ("runs running ran caches cachings quantization quantizations deployments deploying batches batching "
                      "libraries library happy happiness relational conditional generalization tokenization vectors "
                      "agreed feed sized hopping fizzled failing filing sky skies dying lying news ies ss yes yelling "
                      "generously electricity hopefulness formalize sensitivity probability agreement adjustment "
                      "dependent activate communism homologous effective bowdlerize controlling rolling triplicate "
                      "analogous callousness decisiveness operator digitizer conformabli radicalli differentli "
                      "vileli analogousli vietnamization predication feudalism formaliti sensitiviti sensibiliti").split()


def test_top_files_are_built_for_the_clauses_the_browser_builds(tmp_path):
    """A top file answers the query of the clauses it was built for; the
    Python stemmer (lunr.py) and lunr.js's agree on them (where they did not,
    the browser would fall back to the complete search)."""
    words = sorted({w[:k] for w in STEM_WORDS for k in range(2, len(w) + 1)})
    request = {"words": words, "search": client_contract(small_model(), site_urls(small_model()))["search"]}
    browser = json.loads(_run_node(tmp_path, CLAUSES, request, timeout=60).stdout)
    python = {w: [w] + [t for t, is_prefix, _ in I.word_clauses(w) if is_prefix and t != w] for w in words}
    assert {w: p for w, p in python.items() if browser[w] != p} == {}

"""Search documents and the Lunr index, without a build (pure core)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from aruntime.markup import MarkdownRenderer
from aruntime.model import GlossaryEntry, Pattern, Runtime, Section, SiteModel, Vocabularies, VocabularyTerm
from aruntime.problems import Location
from aruntime.search import documents as D
from aruntime.search import index as I
from aruntime.search import tokens as T
from modelkit import documents, site_urls

HERE = Location("test.yml")


def small_model() -> SiteModel:
    vocab = Vocabularies(
        pattern_status={"draft": VocabularyTerm("draft", "Draft")},
        runtime_category={"local-runtime": VocabularyTerm("local-runtime", "Local runtime"), "inference-server": VocabularyTerm("inference-server", "Inference server")},
        deployment_target={"local-process": VocabularyTerm("local-process", "Local process")},
        hardware={"cpu": VocabularyTerm("cpu", "CPU"), "nvidia-gpu": VocabularyTerm("nvidia-gpu", "NVIDIA GPU")},
        capability={"quantization": VocabularyTerm("quantization", "Quantization")},
    )
    model = SiteModel(vocab)
    model.patterns["deployment-patterns"] = Pattern(
        slug="deployment-patterns", summary="Choose where inference runs.", source=HERE, title="Deployment Patterns",
        audience="Platform engineers", status="draft", last_reviewed="2026-01-01",
        key_takeaways=("Measure before you move.", "Keep a fallback."),
        sections=(
            Section("Failure modes", "failure-modes", body="A replica **crash** loses its cache.", list=("Crash", "Overload")),
            Section("Placement", "placement", steps=("Pick a region", "Pin the model")),
        ),
        use_cases=("Choosing a serving topology",),
    )
    model.glossary["kv-cache"] = GlossaryEntry(
        slug="kv-cache", summary="Stored attention keys and values.", source=HERE, term="KV cache",
        aliases=("key-value cache",), definition="Reused by each decode step; see *prefill*.",
        use_cases=("Sizing memory",),
    )
    model.glossary["kv-cache-offloading"] = GlossaryEntry(
        slug="kv-cache-offloading", summary="Moving KV cache blocks to CPU memory.", source=HERE, term="KV cache offloading",
    )
    model.glossary["naive-batching"] = GlossaryEntry(
        slug="naive-batching", summary="Naïve batching as the Jäger paper calls it.", source=HERE, term="Naïve batching",
    )
    model.glossary["nihongo"] = GlossaryEntry(slug="nihongo", summary="日本語 の 用語", source=HERE, term="日本語モデル")
    model.runtimes["llama-cpp"] = Runtime(
        slug="llama-cpp", summary="A C/C++ library for local inference.", source=HERE, name="llama.cpp",
        category="local-runtime", deployment=("local-process",), hardware=("cpu",), license="MIT",
        homepage="https://example.org", languages=("C", "C++"), capabilities=("quantization",),
    )
    model.runtimes["tensorrt-llm"] = Runtime(
        slug="tensorrt-llm", summary="NVIDIA's library for optimised LLM inference.", source=HERE, name="TensorRT-LLM",
        category="inference-server", deployment=("local-process",), hardware=("nvidia-gpu",), license="Apache-2.0",
        homepage="https://example.org", languages=("Python", "C#"),
    )
    return model


def plain(md):
    return str(MarkdownRenderer(["tables"]).render(md))


HAND_WRITTEN = (
    "About",
    "about/",
    '<h1 id="about">About</h1><p>Intro text.</p>'
    '<h2 id="how-entries-are-kept-accurate">How entries are kept accurate<a class="headerlink" href="#x">¶</a></h2><p>Every claim has a source.</p>'
    '<h3 id="review">Review</h3><p>Yearly.</p><h2>No id</h2><p>Tail.</p>',
    "",
)


@pytest.fixture(scope="module")
def docs():
    return documents(small_model(), plain, [HAND_WRITTEN])


# -- tokens ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("llama.cpp", ["llama.cpp", "llama", "cpp"]),
        ("TensorRT-LLM", ["tensorrt-llm", "tensorrt", "llm"]),
        ("C++ and C#", ["c++", "and", "c#"]),
        ("naïve Jäger café", ["naïve", "jäger", "café"]),
        ("日本語モデル", ["日本語モデル"]),
        ("(vLLM), e.g.", ["vllm", "e.g"]),
        ("ＦＵＬＬ width", ["full", "width"]),  # NFKC
        ("title:+a ~2 ^3 \"x", ["title:+a".split(":")[0], "a", "2", "3", "x"]),
    ],
)
def test_tokens_as_readers_type_them(text, expected):
    assert T.tokens(text) == expected


def test_c_plus_plus_and_c_sharp_are_not_both_c():
    assert T.tokens("C++") != T.tokens("C#")
    assert "c" not in T.tokens("C++") + T.tokens("C#")


def test_trimmer_keeps_non_ascii_letters():
    assert T.trim("«日本語»") == "日本語"
    assert T.trim("...café!!") == "café"
    assert T.trim("c++,") == "c++"


# -- documents ---------------------------------------------------------------


def test_one_document_per_page_and_per_heading(docs):
    urls = [d.url for d in docs]
    assert urls[:4] == [
        "patterns/deployment-patterns/",
        "patterns/deployment-patterns/#key-takeaways",
        "patterns/deployment-patterns/#failure-modes",
        "patterns/deployment-patterns/#placement",
    ]
    assert "about/" in urls
    assert "about/#how-entries-are-kept-accurate" in urls
    assert "about/#review" in urls
    # headings without an id cannot be linked to; boilerplate sections are not indexed
    assert not any(u.startswith("about/#no") for u in urls)
    assert len(docs) == 4 + 4 + 2 + 3  # pattern + headings, 4 terms, 2 runtimes, page + 2 headings


def test_heading_document_fields(docs):
    (doc,) = [d for d in docs if d.url.endswith("#failure-modes")]
    assert (doc.kind, doc.title, doc.parent) == ("pattern", "Failure modes", "Deployment Patterns")
    assert doc.summary == "A replica crash loses its cache. Crash Overload"
    assert doc.fields["keywords"] == ["Deployment Patterns"]
    (about,) = [d for d in docs if d.url == "about/#how-entries-are-kept-accurate"]
    assert about.title == "How entries are kept accurate"  # the permalink ¶ is not part of it
    assert about.summary.startswith("Every claim has a source.")


def test_entry_fields(docs):
    by_url = {d.url: d for d in docs}
    term = by_url["glossary/kv-cache/"]
    assert term.kind == "glossary"
    assert term.fields["exact"] == ["KV cache", "key-value cache"]
    assert term.fields["aliases"] == ["key-value cache"]
    assert term.fields["use_cases"] == ["Sizing memory"]
    assert term.fields["text"] == ["Reused by each decode step; see prefill."]  # Markdown rendered to text
    runtime = by_url["runtimes/llama-cpp/"]
    assert runtime.kind == "runtime"
    assert runtime.fields["keywords"] == ["Local runtime", "Local process", "CPU", "Quantization", "C", "C++", "MIT"]
    pattern = by_url["patterns/deployment-patterns/"]
    assert pattern.fields["headings"] == ["Key takeaways", "Failure modes", "Placement"]
    assert pattern.fields["use_cases"] == ["Choosing a serving topology"]


def test_fields_and_boosts_are_documented_and_used():
    assert dict(D.FIELDS) == {"exact": 50, "title": 10, "aliases": 8, "keywords": 4, "summary": 3, "use_cases": 2, "headings": 2, "text": 1}
    builder = I.builder()
    assert {name: f.boost for name, f in builder._fields.items()} == dict(D.FIELDS)


# -- index -------------------------------------------------------------------


def test_serialized_index_is_lunr_2_3_9_with_our_pipeline(docs):
    data = json.loads(I.serialize(I.build_index(docs)))
    assert data["version"] == "2.3.9"
    assert data["fields"] == list(D.FIELD_NAMES)
    assert data["pipeline"] == ["aruntime-trimmer"]
    terms = [t for t, _ in data["invertedIndex"]]
    assert {"llama.cpp", "llama", "cpp", "tensorrt-llm", "c++", "c#", "naïve", "jäger", "日本語モデル", "kv_cache"} <= set(terms)
    assert "and" not in terms  # stop words are not indexed
    assert terms == sorted(terms, key=lambda t: t.encode("utf-16-be"))  # lunr.js TokenSet order


def test_fast_builder_serializes_like_lunr_py_pipeline(docs):
    assert I.serialize(I.build_index(docs)) == I.serialize(I.build_index_with_pipeline(docs))


def test_title_boost_outranks_body_text(docs):
    idx = I.build_index(docs, searchable=True)
    refs = {I.ref(n): d.url for n, d in enumerate(docs)}
    # "cache" is in the KV cache title and in the failure-modes body text
    results = [refs[r["ref"]] for r in idx.search("cache")]
    assert results.index("glossary/kv-cache/") < results.index("patterns/deployment-patterns/#failure-modes")


def test_serialization_is_deterministic(docs):
    first = I.build_files(docs, D.suggestion_names(small_model(), site_urls(small_model())))
    assert first == I.build_files(docs, D.suggestion_names(small_model(), site_urls(small_model())))
    second = I.build_files(documents(small_model(), plain, [HAND_WRITTEN]), D.suggestion_names(small_model(), site_urls(small_model())))
    assert first == second
    assert I.serialize(I.build_index(docs)) == I.serialize(I.build_index(docs))


@pytest.mark.parametrize("budget", [I.SHARD_BUDGET, 300])  # 300 bytes: shards split by up to four letters
def test_split_index_covers_every_term_once_with_the_same_scores(docs, budget):
    """The shard-by-shard builder gives, for every term, the postings and
    scores the monolithic lunr.py index has."""
    idx = I.build_index(docs)
    files = I.build_files(docs, [], budget)
    manifest = json.loads(files["manifest.json"])
    assert manifest["lunr"] == "2.3.9" and manifest["docs"] == len(docs)
    seen = []
    for key, exact, name, size in manifest["shards"]:
        shard = json.loads(files[name])
        assert shard["version"] == "2.3.9" and size == len(files[name].encode())
        terms = []
        for term, posting in shard["invertedIndex"]:
            assert term == key if exact else term.startswith(key)
            assert posting["_index"] == len(terms)
            full = {k: v for k, v in idx.inverted_index[term].items() if k != "_index" and v}
            assert {k: v for k, v in posting.items() if k != "_index"} == full
            terms.append(term)
        seen.extend(terms)
        for field_ref, elements in shard["fieldVectors"]:
            full = dict(zip(idx.field_vectors[field_ref].elements[::2], idx.field_vectors[field_ref].elements[1::2]))
            for i in range(0, len(elements), 2):
                assert full[idx.inverted_index[terms[elements[i]]]["_index"]] == elements[i + 1]
    assert sorted(seen) == sorted(idx.inverted_index)
    if budget < I.SHARD_BUDGET:
        assert max(len(key) for key, *_ in manifest["shards"]) > 1
    rows = [row for name in manifest["chunks"] for row in json.loads(files[name])]
    assert [r[1] for r in rows] == [d.url for d in docs]
    assert manifest["kinds"] == [["pattern", 0], ["glossary", 4], ["runtime", 8], ["page", 10]]


def test_small_shard_budget_splits_by_longer_prefixes(docs):
    idx = I.build_index(docs)
    shards = I.plan_shards(idx.inverted_index, budget=300)
    assert max(len(s.key) for s in shards) > 1
    assert sorted(t for s in shards for t in s.terms) == sorted(idx.inverted_index)


def test_search_package_imports_nothing_from_mkdocs():
    code = (
        "import sys\nimport aruntime.search, aruntime.search.documents, aruntime.search.index, aruntime.search.tokens\n"
        "print(','.join(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith(('mkdocs.', 'material')))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_ascii_trim_shortcut_equals_the_unicode_rule():
    import random
    import string

    _, _, lead, trail = T._patterns()
    rnd = random.Random(7)
    alphabet = string.ascii_letters + string.digits + string.punctuation + " "
    for _ in range(3000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        assert T.trim(s) == trail.sub("", lead.sub("", s)), s


def test_ascii_word_shortcut_equals_the_unicode_rule():
    """words() reads ASCII text with _ASCII_WORD and other text with the
    Unicode word class: on ASCII text both find the same words; on mixed
    text words() is the Unicode rule's."""
    import random
    import string

    word = T._patterns()[0]
    rnd = random.Random(11)
    ascii_alphabet = string.ascii_letters + string.digits + ".+#_-'/ " * 3 + string.punctuation
    mixed = ascii_alphabet + "éÄß日本語ﬁ½²\u0301\u00a0—"
    for alphabet in (ascii_alphabet, mixed):
        for _ in range(3000):
            s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
            text = T.normalize(s)
            expected = word.findall(text)
            if text.isascii():
                assert T._ASCII_WORD.findall(text) == expected, s
            assert T.words(s) == [w[: T.MAX_TOKEN] for w in expected], s


def test_body_text_tokens_cached_for_the_dev_server_are_the_same_tokens():
    text = "Paged attention keeps the KV-cache in blocks; llama.cpp and TensorRT-LLM use it. " * 5
    plain = T.tokens(text)
    saved = T._body_tokens
    try:
        T.keep_body_tokens()
        assert T.tokens(text) == plain and T.tokens(text) == plain
        assert text in T._body_tokens
    finally:
        T._body_tokens = saved


# -- top files (the header box's short answers) ------------------------------


def _many_docs(n=300):
    words = "cache cached caching capacity token tokens tokenizer run runtime the and quant quantize".split()
    out = []
    for i in range(n):
        text = " ".join(words[(i * 7 + k) % len(words)] for k in range(12))
        out.append(D.SearchDoc(url=f"d/{i}/", kind="page" if i % 2 else "glossary", title=words[i % len(words)], fields={"title": [words[i % len(words)]], "text": [text]}))
    return out


def test_top_words_are_common_typed_words_not_stop_words():
    b = I.ShardedIndexBuilder()
    for n, doc in enumerate(_many_docs()):
        b.add(I.ref(n), {name: doc.field_tokens(name) for name in D.FIELD_NAMES})
    words = b.top_words(limit=1000, min_postings=50)
    assert {"ca", "cac", "cache", "tok", "token", "ru", "run", "runtime"} <= set(words)
    assert not set(words) & {"the", "and", "to"}  # stop words ("to" too) are never searched
    assert all(len(w) >= 2 and T.words(w) == [w] for w in words)
    assert b.top_words(limit=3, min_postings=50) == words[:3]  # the most postings first
    assert b.top_words(limit=1000, min_postings=10**9) == []


def test_top_files_are_listed_in_the_manifest_and_hold_the_best_documents():
    docs = _many_docs()
    files = I.build_files(docs, [], top_min_postings=50, top_bytes=0)
    manifest = json.loads(files["manifest.json"])
    top = manifest["top"]
    assert top["limit"] == I.TOP_LIMIT and top["words"] == sorted(top["words"], key=I.js_order)
    assert all(f"{top['dir']}{I.ref(n)}.json" in files for n in range(len(top["words"])))
    n = top["words"].index("cache")
    data = json.loads(files[f"{top['dir']}{I.ref(n)}.json"])
    assert data["word"] == "cache" and data["prefixes"] == ["cache", "cach"]  # the stem "cach" covers "cached", "caching"
    idx = I.build_index(docs)
    matching = {r for t, p in idx.inverted_index.items() if t.startswith("cach") for f, refs in p.items() if f != "_index" for r in refs}
    assert data["total"] == len(matching)
    assert I.TOP_LIMIT <= len(data["rows"]) < len(matching)  # the candidates, not every match
    exact = [I.ref(i) for i, d in enumerate(docs) if d.title == "cache"]
    assert set(exact) <= set(data["rows"])  # titled "cache": ranked first by the exact field
    # and without enough postings, no top files at all
    assert "top" not in json.loads(I.build_files(docs, [], top_min_postings=10**9)["manifest.json"])


def test_top_files_leave_the_shards_and_chunks_byte_identical():
    docs = _many_docs()
    plain = I.build_files(docs, [], top_min_postings=10**9)
    with_top = I.build_files(docs, [], top_min_postings=50, top_bytes=0)
    assert {k: v for k, v in with_top.items() if not k.startswith("p/") and k != "manifest.json"} == {k: v for k, v in plain.items() if k != "manifest.json"}
    m1, m2 = json.loads(plain["manifest.json"]), json.loads(with_top["manifest.json"])
    del m2["top"]
    assert m1 == m2


def test_top_files_folder_changes_with_anything_that_changes_them():
    """Top files are cached like shards: their folder is named by what they
    are built from, so a changed row (here only a document's kind, which no
    shard holds) or text gives a new folder; the same input, the same one."""
    docs = _many_docs()
    folder = lambda docs: json.loads(I.build_files(docs, [], top_min_postings=50, top_bytes=0)["manifest.json"])["top"]["dir"]  # noqa: E731
    same = folder(_many_docs())
    assert folder(docs) == same
    kind = _many_docs()
    kind[0].kind = "runtime"
    text = _many_docs()
    text[5].fields["text"] = ["cache cache cache"]
    assert len({same, folder(kind), folder(text)}) == 3


def test_shard_lookup_finds_the_shards_shards_for_finds():
    docs = _many_docs()
    b = I.ShardedIndexBuilder()
    for n, doc in enumerate(docs):
        b.add(I.ref(n), {name: doc.field_tokens(name) for name in D.FIELD_NAMES})
    for budget in (300, 4000, I.SHARD_BUDGET):
        plan = I.plan_shards_by_cost(dict(zip(b.terms, b.cost)), budget)
        lookup = I.ShardLookup(plan)
        prefixes = {t[:k] for t in b.terms for k in range(1, len(t) + 2)} | {"zz", "c", "cachez", "é"}
        assert {p: lookup(p) for p in prefixes} == {p: I.shards_for(plan, p) for p in prefixes}
        if budget == 300:  # split: a prefix spans several shards, and a shorter key's shard holds a longer prefix
            assert any(len(lookup(p)) > 1 for p in prefixes)
            assert any(len(plan[n].key) < len(p) for p in prefixes for n in lookup(p))


def test_shards_list_vectors_in_lunrs_order_with_ascending_indices():
    """As lunr.py serializes them: field refs in string order ("text/10"
    before "text/2": 300 documents have two-letter refs), and each vector's
    term indices ascending (lunr.Vector needs them so)."""
    files = I.build_files(_many_docs(), [], budget=300)
    shards = [json.loads(files[name]) for _, _, name, _ in json.loads(files["manifest.json"])["shards"]]
    assert len(shards) > 1
    for shard in shards:
        refs = [field_ref for field_ref, _ in shard["fieldVectors"]]
        assert refs == sorted(refs) and len(set(refs)) == len(refs)
        for _, elements in shard["fieldVectors"]:
            assert elements[::2] == sorted(set(elements[::2]))
    assert any("/10" in r for s in shards for r, _ in s["fieldVectors"])  # string order, not number order, was needed


def test_sharded_builder_estimates_each_term_as_the_monolithic_planner_does():
    docs = _many_docs()
    b = I.ShardedIndexBuilder()
    for n, doc in enumerate(docs):
        b.add(I.ref(n), {name: doc.field_tokens(name) for name in D.FIELD_NAMES})
    inverted = I.build_index(docs).inverted_index
    assert b.cost == [len(t) + I._term_cost(inverted[t]) for t in b.terms]
    assert b.postings == [sum(len(inverted[t][f]) for f in D.FIELD_NAMES) for t in b.terms]


def _top_words_of(files):
    return json.loads(files["manifest.json"]).get("top", {}).get("words", [])


def _gzip(text):
    import gzip

    return len(gzip.compress(text.encode("utf-8"), 6))


def test_a_word_gets_a_top_file_only_where_its_complete_search_costs_too_much():
    """Top files cost build time: a common word gets one only where the
    box's complete search for it would fetch more than ``top_bytes`` (gzip:
    the shards it reads and the result chunks of its first rows) or score
    more than ``top_scored`` postings; other words are searched completely,
    within that allowance."""
    docs = _many_docs()
    build = lambda **kw: I.build_files(docs, [], budget=4000, top_min_postings=50, **kw)  # noqa: E731
    every_files = build(top_bytes=0)
    every = _top_words_of(every_files)
    assert _top_words_of(build()) == []  # 300 short documents: every complete search is small
    allowance = 8000
    some = _top_words_of(build(top_bytes=allowance))
    assert 0 < len(some) < len(every) and set(some) <= set(every)
    assert set(_top_words_of(build(top_bytes=2 * allowance))) <= set(some)  # more allowed, fewer files
    # what a word without a top file fetches: its shards, and the chunks of its
    # first rows (here every chunk: the documents interleave)
    manifest = json.loads(every_files["manifest.json"])
    plan = [I.Shard(key, bool(exact), []) for key, exact, _, _ in manifest["shards"]]
    top = manifest["top"]
    for word in set(every) - set(some):
        data = json.loads(every_files[f"{top['dir']}{I.ref(every.index(word))}.json"])
        shards = {n for p in data["prefixes"] for n in I.shards_for(plan, p)}
        chunks = range(len(manifest["chunks"]))
        fetched = sum(_gzip(every_files[manifest["shards"][n][2]]) for n in shards) + sum(_gzip(every_files[manifest["chunks"][c]]) for c in chunks)
        assert fetched <= allowance, word
    # scoring: with any number of bytes allowed, exactly the words whose
    # clauses expand to more than top_scored postings
    idx = I.build_index(docs)

    def postings(word):
        prefixes = [t for t, is_prefix, _ in I.word_clauses(word) if is_prefix]
        return sum(len(refs) for t, p in idx.inverted_index.items() for pr in prefixes if t.startswith(pr)
                   for f, refs in p.items() if f != "_index")

    limit = 400
    scored = _top_words_of(build(top_bytes=10**9, top_scored=limit))
    assert set(scored) == {w for w in every if postings(w) > limit} and 0 < len(scored) < len(every)


# -- writing (and stopping) the index ------------------------------------------


def test_the_index_is_written_whole_or_not_at_all_when_stopped(tmp_path):
    from aruntime.search import INDEX_DIR, SearchCollector

    out = tmp_path.joinpath(*INDEX_DIR.split("/"))
    stats = SearchCollector().write(str(tmp_path), _many_docs(), [])
    assert stats["files"] > 3 and out.is_dir()
    written = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    # Under serve a newer build stops the last one's writer: asked between
    # documents and between files, it stops and leaves the index as it was.
    for after in (5, 305):  # during the 300 documents; after two of the files (3 checks between)
        asked = iter(range(10**6))
        assert SearchCollector().write(str(tmp_path), _many_docs(), [], lambda: next(asked) >= after) is None
        assert sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file()) == written
        assert not tmp_path.joinpath(*(INDEX_DIR + ".tmp").split("/")).exists()


def test_scores_rounded_from_the_cache_or_anew_give_the_same_files(monkeypatch):
    """_Rounded keeps round(score, 3) per distinct score and starts again past
    _ROUNDED_KEPT values: the files are the same whether it keeps every
    value or starts again before each shard."""
    docs = _many_docs()
    kept = I.build_files(docs, [], top_min_postings=50, top_bytes=0, budget=2_000)
    monkeypatch.setattr(I, "_ROUNDED_KEPT", 0)
    assert I.build_files(docs, [], top_min_postings=50, top_bytes=0, budget=2_000) == kept
    assert sum(name.startswith("t/") for name in kept) > 3  # several shards

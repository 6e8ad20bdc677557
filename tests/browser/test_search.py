"""Search in a real browser: the header combobox, the results page, serving
under a sub-path, and a seeded fuzz of hostile queries. Uses the repository's
own site (built once per session)."""

from __future__ import annotations

import random
import re
from urllib.parse import urlencode, urlsplit

import pytest

SHORT = "Enter at least two characters."


@pytest.fixture(scope="module")
def base(real_site, serve_dir):
    return serve_dir(real_site, "/reference/")


def open_box(page, url):
    page.goto(url)
    page.keyboard.press("/")
    box = page.locator("#ar-search-input")
    assert box.evaluate("el => el === document.activeElement")
    return box


def options(page):
    return page.locator("#ar-search-listbox [role=option]")


def status(page):
    return page.locator("#ar-search-status")


def test_typing_shows_prefix_matches_with_highlights(page, base):
    open_box(page, base + "about/")
    page.keyboard.type("kv")
    titles = page.locator("#ar-search-listbox .ar-result__title")
    titles.first.wait_for()
    assert "KV cache" in titles.all_inner_texts()
    assert re.fullmatch(r"\d+ results?(, top 8 shown)?\.", status(page).inner_text())
    marks = page.locator("#ar-search-listbox mark").all_inner_texts()
    assert marks and all(m.lower() == "kv" for m in marks)
    assert page.locator("#ar-search-listbox .ar-kind").first.inner_text() in {"Glossary", "Pattern", "Runtime", "Page"}
    assert page.errors == []


def results_for(page, words):
    """Wait until the box shows the results of `words` (each result links
    with ?h=<the words searched>): as you type, a prefix's results (from a
    top file, at once) may show first."""
    page.wait_for_function(
        "w => [...document.querySelectorAll('#ar-search-listbox [role=option]')].some(o => new URL(o.href).searchParams.get('h') === w)", arg=words)


def test_dep_finds_deployment_patterns_first(page, base):
    open_box(page, base)
    page.keyboard.type("dep")
    results_for(page, "dep")
    first = options(page).first
    assert first.locator(".ar-result__title").inner_text() == "Deployment Patterns"
    assert first.locator(".ar-kind").inner_text() == "Pattern"


def test_exact_term_ranks_first_and_words_narrow(page, base):
    open_box(page, base)
    page.keyboard.type("kv cache")
    options(page).first.wait_for()
    assert options(page).first.locator(".ar-result__title").inner_text() == "KV cache"
    wide = int(status(page).inner_text().split()[0])
    page.keyboard.type(" offloading")
    page.wait_for_function("document.querySelector('#ar-search-listbox .ar-result__title')?.textContent === 'KV cache offloading'")
    narrow = int(status(page).inner_text().split()[0])
    assert narrow < wide


@pytest.mark.parametrize("typed", ["k", " k ", "   ", "é"])
def test_fewer_than_two_characters_run_no_search(page, base, typed):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    open_box(page, base)
    page.keyboard.type(typed)
    page.wait_for_function("document.querySelector('#ar-search-status').textContent.length > 0")
    assert status(page).inner_text() == SHORT
    assert options(page).count() == 0
    assert page.locator("#ar-search-input").get_attribute("aria-expanded") == "true"
    assert not [u for u in requests if "/search/" in u and "manifest" not in u and u.endswith(".json")]


def test_stop_words_say_why_nothing_was_found(page, base):
    open_box(page, base)
    page.keyboard.type("in")
    page.wait_for_function("document.querySelector('#ar-search-status').textContent.includes('common')")
    assert status(page).inner_text() == "“in” is too common a word to search for. Add a more specific word."
    assert options(page).count() == 0


def test_runtime_names_by_parts_and_whole(page, base):
    open_box(page, base)
    for query, title in [("llama", "llama.cpp"), ("llama.cpp", "llama.cpp"), ("tensorrt", "TensorRT-LLM"), ("TensorRT-LLM", "TensorRT-LLM")]:
        page.locator("#ar-search-input").fill(query)
        page.wait_for_function(
            "t => [...document.querySelectorAll('#ar-search-listbox .ar-result__title')].some(e => e.textContent === t)", arg=title
        )


def test_keyboard_arrows_enter_and_escape(page, base):
    box = open_box(page, base + "about/")
    assert box.get_attribute("role") == "combobox"
    assert page.locator("#" + box.get_attribute("aria-controls")).get_attribute("role") == "listbox"
    assert page.locator("#ar-search-status").get_attribute("role") == "status"
    page.keyboard.type("llama.cpp")
    results_for(page, "llama.cpp")
    page.keyboard.press("ArrowDown")
    first = options(page).first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert page.locator("#ar-search-panel").is_hidden()
    assert box.get_attribute("aria-activedescendant") is None
    page.keyboard.press("Escape")
    assert box.input_value() == ""
    page.keyboard.type("llama.cpp")
    results_for(page, "llama.cpp")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/reference/runtimes/llama-cpp/"
    assert page.errors == []


def test_clicking_a_result_opens_it(page, base):
    open_box(page, base)
    page.keyboard.type("tensorrt")
    target = options(page).filter(has_text="TensorRT-LLM").first
    target.wait_for()
    with page.expect_navigation():
        target.click()
    assert urlsplit(page.url).path == "/reference/runtimes/tensorrt-llm/"


def test_slash_does_not_steal_typing_in_other_fields(page, base):
    page.goto(base + "search/")
    page.locator("#ar-results-input").click()
    page.keyboard.type("a/b")
    assert page.locator("#ar-results-input").input_value() == "a/b"
    assert page.locator("#ar-search-input").input_value() == ""


def test_enter_without_a_selection_opens_the_results_page(page, base):
    open_box(page, base)
    page.keyboard.type("cache")
    options(page).first.wait_for()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/reference/search/" and urlsplit(page.url).query == "q=cache"
    page.locator("#ar-results-list li").first.wait_for()
    assert page.locator("#ar-results-input").input_value() == "cache"


def test_enter_on_a_very_long_query_puts_at_most_the_searched_part_in_the_url(page, base):
    """A 10,000-character query is cut as the box cuts it (the contract's
    max_query_chars), so the results page URL stays short."""
    box = open_box(page, base)
    box.fill("cache " + "x" * 10_000)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    query = page.evaluate("new URLSearchParams(location.search).get('q')")
    limit = page.evaluate("self.ARuntimeContract.search.max_query_chars")
    assert query.startswith("cache ") and len(query) == limit == 200
    assert len(page.url) < 1000
    page.locator("#ar-results-input").wait_for()
    assert page.errors == []


def test_content_cannot_stand_in_for_lunr(page, base):
    """An element with id="lunr" (ids survive sanitising) is window.lunr too.
    With lunr.js loaded search works; with lunr.js missing the element is
    not taken for it: the box says search is unavailable, nothing throws."""
    add = "() => { const el = document.createElement('div'); el.id = 'lunr'; document.body.append(el); }"
    page.goto(base)
    page.evaluate(add)
    page.keyboard.press("/")
    page.keyboard.type("cache")
    options(page).first.wait_for()
    # lunr.js "loads" but defines nothing (a broken or blocked copy)
    page.route("**/lunr.js", lambda route: route.fulfill(status=200, body="/* empty */", content_type="text/javascript"))
    page.goto(base + "glossary/")
    page.evaluate(add)
    assert page.evaluate("typeof window.lunr") == "object"  # the element stands where lunr would
    page.keyboard.press("/")
    page.keyboard.type("cache")
    page.wait_for_function("document.querySelector('#ar-search-status').textContent.length > 0")
    assert options(page).count() == 0
    unexpected = [e for e in map(str, page.errors) if "lunr.js did not load" not in e]
    assert unexpected == []  # no TypeError from using the element as lunr


def results(page):
    """The results page's titles once its first page is complete: the first
    rows show first, the rest of the 50 follow (search-store.mjs)."""
    page.wait_for_function("!document.querySelector('[data-ar-results]').hasAttribute('aria-busy') && document.querySelector('#ar-results-status').textContent")
    page.wait_for_function(
        """() => {
          const total = parseInt(document.querySelector('#ar-results-status').textContent, 10);
          return !(total > 0) || document.querySelectorAll('#ar-results-list li').length >= Math.min(total, 50);
        }""")
    return page.locator("#ar-results-list .ar-result__title").all_inner_texts()


def test_results_page_renders_from_the_url_and_survives_reload_and_back(page, base):
    page.goto(base + "search/?q=kv+cache")
    first = results(page)
    assert first[0] == "KV cache"
    total = int(page.locator("#ar-results-status").inner_text().split()[0])
    assert len(first) == min(total, 50)
    if total > 50:  # 50 at a time
        page.locator("#ar-results-more").click()
        page.wait_for_function("n => document.querySelectorAll('#ar-results-list li').length > n", arg=50)
        assert len(page.locator("#ar-results-list li").all()) == min(total, 100)
    assert page.title().startswith("Search: kv cache")
    page.reload()
    assert results(page) == first
    page.locator("#ar-results-input").fill("llama")
    page.locator("#ar-results-input").press("Enter")
    page.wait_for_url("**/search/?q=llama")
    assert "llama.cpp" in results(page)
    page.go_back()
    page.wait_for_url("**/search/?q=kv+cache")
    assert results(page) == first
    assert page.locator("#ar-results-input").input_value() == "kv cache"
    page.go_forward()
    page.wait_for_url("**/search/?q=llama")
    assert "llama.cpp" in results(page)
    assert page.errors == []


def test_results_page_offers_closest_names_when_nothing_matches(page, base):
    page.goto(base + "search/?q=vllmm")
    page.locator("#ar-results-suggest li").first.wait_for()
    assert page.locator("#ar-results-status").inner_text() == "No results for “vllmm”."
    names = page.locator("#ar-results-suggest a").all_inner_texts()
    assert "vLLM" in names
    href = page.locator("#ar-results-suggest a", has_text="vLLM").first.get_attribute("href")
    assert urlsplit(href).path == "/reference/runtimes/vllm/"


def test_results_page_short_and_empty_queries(page, base):
    page.goto(base + "search/?q=x")
    page.wait_for_function("document.querySelector('#ar-results-status').textContent.length > 0")
    assert page.locator("#ar-results-status").inner_text() == SHORT
    page.goto(base + "search/")
    page.wait_for_function("document.querySelector('#ar-results-status').textContent.length > 0")
    assert page.locator("#ar-results-list li").count() == 0


@pytest.mark.parametrize("prefix", ["/", "/deep/sub/path/"])
def test_works_at_the_root_and_under_a_sub_path_fetching_only_from_the_site(page, real_site, serve_dir, prefix):
    site = serve_dir(real_site, prefix)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site))
    requests, failed = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    open_box(page, site + "glossary/kv-cache/")
    page.keyboard.type("kv")
    options(page).first.wait_for()
    hrefs = options(page).evaluate_all("els => els.map(o => o.href)")  # options are real links
    assert all(h.startswith(site) for h in hrefs)
    assert any(urlsplit(h).path == prefix + "glossary/kv-cache/" for h in hrefs)
    assert all(u.startswith(origin) or u.startswith("data:") for u in requests), [u for u in requests if not u.startswith(origin)]
    assert failed == []
    assert any(u.startswith(site + "assets/aruntime/search/") for u in requests)
    # the head preloads lunr.js and the manifest; the box uses those responses instead of asking again
    early = sorted(u for u in requests if u.endswith(("/lunr.js", "/manifest.json")))
    assert early == [site + "assets/aruntime/js/lunr.js", site + "assets/aruntime/search/manifest.json"]
    assert page.errors == []


def test_hostile_queries_in_the_box_do_not_break_the_page(page, base):
    box = open_box(page, base)
    for query in ["<img src=x onerror=window.__pwned=1>", "title:+a ~2 ^3 \"unbalanced", "x" * 10_000, "😀" * 50, "مرحبا بالعالم", "\u202e\u0000"]:
        box.fill(query)
        page.wait_for_timeout(100)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#ar-search-panel img").count() == 0
    assert page.errors == []


# -- fuzz --------------------------------------------------------------------

HOSTILE = [
    ":", "::", ":a", "a:", "ERROR: hello", "title:", "text:", "title:+a", "title:-a", "~", "~~", "a~", "a~x", "a ~",
    "^", "^^", "a^", "a^x", "+", "-", "+ ", "a -", "--a", "+-a", "*", "**", "a*", "*a", "\"", "\"\"", "\"kv", "kv\"",
    "\"kv cache", "kv~1.5", "a^1.5", "inferenceruntimes~6", "inferenceruntimes~5", "\\", "\\\\", "\\:", "c++", "c#",
    "C++ and C#", "in", "on", "it", "to be or not", "  ", "", "\t\n", "😀", "😀😀", "👨‍👩‍👧‍👦 family", "مرحبا", "שלום עולם",
    "\u202eabc\u202c", "日本語", "naïve", "Jäger", "x" * 10_000, "kv " * 3_000, "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "javascript:alert(1)", "%00", "\u0000", "\ud800", "__proto__", "constructor",
    "hasOwnProperty", "toString", "__proto__:x", "a" * 65, "é" * 200, "ǅ", "İstanbul", "ﬁ", "Ⅻ",
]
ALPHABET = list("abcdefghijklmnopqrstuvwxyz0123456789 :^~*+-\"'\\/.#_()[]{}<>!?&|@$%") + ["é", "ß", "日", "😀", "\u200d", "\u202e", "ا", "\u0301"]


def fuzz_queries(n: int = 5000, seed: int = 20261128) -> list[str]:
    rnd = random.Random(seed)
    out = list(HOSTILE)
    words = ["kv", "cache", "llama", "deploy", "runtime", "vllm", "gguf", "batch", "token", "in", "on"]
    while len(out) < n:
        kind = rnd.random()
        if kind < 0.4:
            out.append("".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 24))))
        elif kind < 0.8:
            parts = [rnd.choice(words) + rnd.choice(["", "", "*", "~2", "^3", ":", "\"", "-", "+"]) for _ in range(rnd.randint(1, 5))]
            out.append(rnd.choice(["", "+", "-", "\""]) + " ".join(parts))
        else:
            out.append("".join(chr(rnd.randint(0x20, 0x2FFF)) for _ in range(rnd.randint(1, 40))))
    return out


def test_seeded_fuzz_of_hostile_queries_never_raises(page, base):
    queries = fuzz_queries()
    assert len(queries) >= 5000
    page.goto(base)
    report = page.evaluate(
        """async (queries) => {
          const root = document.querySelector('[data-ar-search]');
          const client = await import(new URL('assets/aruntime/js/search-client.mjs', document.baseURI).href);
          const core = await import(new URL('assets/aruntime/js/search-core.mjs', document.baseURI).href);
          core.configure(self.ARuntimeContract.search);  // as the page's own script does
          const engine = await client.engine();
          const failures = [];
          let slowest = 0, found = 0;
          for (const q of queries) {
            try {
              const t = performance.now();
              const result = await engine.search(q);
              const rows = await engine.rows(result.hits.slice(0, 8));
              for (const row of rows) client.resultTitle(row, result.terms || []), client.resultSummary(row, result.terms || []);
              if (result.state === 'ok' && !result.hits.length) await engine.suggestions(q);
              core.highlight(q, result.terms || []);
              slowest = Math.max(slowest, performance.now() - t);
              if (result.hits.length) found++;
              if (!['short', 'nothing', 'stop', 'ok'].includes(result.state)) failures.push([q, 'state ' + result.state]);
            } catch (err) {
              failures.push([q, String(err && err.stack || err)]);
            }
          }
          // and through the UI, for a sample
          const input = document.querySelector('#ar-search-input');
          for (const q of queries.slice(0, 120)) {
            input.value = q;
            input.dispatchEvent(new Event('input', { bubbles: true }));
          }
          await new Promise((r) => setTimeout(r, 500));
          return { failures, slowest, found };
        }""",
        queries,
    )
    assert report["failures"] == []
    assert report["found"] > 50  # the fuzz reaches real results, not only rejections
    assert page.errors == []


# -- accessibility of the open panel and the results page ----------------------


def _axe(page) -> list[str]:
    axe = pytest.importorskip("axe_playwright_python")
    from pathlib import Path

    page.add_script_tag(path=str(Path(axe.__file__).parent / "axe.min.js"))
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)"""
    )


def test_open_search_panel_has_no_serious_accessibility_violations(page, base):
    open_box(page, base + "about/")
    page.keyboard.type("cache")
    options(page).first.wait_for()
    page.keyboard.press("ArrowDown")
    violations = _axe(page)
    assert violations == [], "\n".join(violations)


def test_results_page_has_no_serious_accessibility_violations(page, base):
    page.goto(base + "search/?q=cache")
    results(page)
    violations = _axe(page)
    assert violations == [], "\n".join(violations)


# -- the header box's top files, on a larger generated site ----------------------

GENERATED_YML = """site_name: Generated
site_url: {site_url}
theme:
  name: material
  font: false
  features:
    - navigation.instant
plugins:
  - search:
      enabled: false
  - aruntime
{offline}nav:
  - Home: index.md
  - Patterns: patterns/
"""


def _generated_site(root, offline: bool = False, site_url: str = "https://example.org/"):
    """600 entries from the benchmark's generator (scripts/bench.py), 10% of
    them long pattern pages: common words whose complete search fetches
    enough for the index to give them top files.
    Material's instant navigation takes over only links its sitemap lists:
    ``site_url`` is the address the site is served from."""
    import json
    import sys

    from sitekit import REPO, build_site

    sys.path.insert(0, str(REPO / "scripts"))
    import bench

    bench.write_ours(root, bench.generate(600, shape="long-patterns"))
    (root / "mkdocs.yml").write_text(GENERATED_YML.format(offline="  - offline\n" if offline else "", site_url=site_url), encoding="utf-8")
    proc = build_site(root)  # not --strict: generated terms are not linked from anywhere (a lint warning)
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = root / "site"
    manifest = json.loads((site / "assets/aruntime/search/manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["top"]["words"]) >= 4, "the generated site should have top files"
    return site, manifest["top"]["words"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory, serve_dir):
    root = tmp_path_factory.mktemp("generated")
    (root / "site").mkdir()
    url = serve_dir(root / "site", "/big/")
    _, words = _generated_site(root, site_url=url)
    return url, words


def box_results(page, word):
    """Hrefs (without the highlight parameter) and titles of the box's options for `word`, and its status line."""
    page.locator("#ar-search-input").fill(word)
    results_for(page, word)
    hrefs = page.locator("#ar-search-listbox [role=option]:not(.ar-search__option--all)").evaluate_all(
        "els => els.map(o => { const u = new URL(o.href); u.search = ''; return u.href; })")
    return hrefs, status(page).inner_text()


def test_header_box_shows_the_results_pages_first_results_from_top_files(page, generated):
    """For each word with a top file, the box's 8 results are the results
    page's first 8 in the same order, with the same count; the box read one
    small top file for it, not the word's shards or result chunks."""
    base, words = generated
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base)
    page.keyboard.press("/")
    for word in words[:6]:
        requests.clear()
        hrefs, said = box_results(page, word)
        fetched = [u.split("/assets/aruntime/search/")[1] for u in requests if "/assets/aruntime/search/" in u]
        assert [f for f in fetched if f.startswith("p/")] and not [f for f in fetched if f.startswith(("t/", "d/"))], (word, fetched)
        total = int(said.split()[0])
        assert len(hrefs) == 8 and said == f"{total} results, top 8 shown."
        assert results_page_links(page, base, word, total)[:8] == hrefs, word
    assert page.errors == []


def results_page_links(page, base, query, total):
    """Hrefs (without the highlight parameter) of the results page's first
    50 results for `query`, in another tab, once its count says `total`."""
    full = page.context.new_page()
    full.goto(base + "search/?" + urlencode({"q": query}))
    full.wait_for_function("!document.querySelector('[data-ar-results]').hasAttribute('aria-busy') && document.querySelector('#ar-results-list li')")
    # the first rows show at once, the rest of the page's 50 follow
    full.wait_for_function("n => document.querySelectorAll('#ar-results-list li').length === n", arg=min(total, 50))
    links = full.locator("#ar-results-list .ar-result__link").evaluate_all("els => els.map(a => { const u = new URL(a.href); u.search = ''; return u.href; })")
    assert full.locator("#ar-results-status").inner_text().startswith(f"{total} results for")
    assert len(links) == min(total, 50)  # the results page keeps complete results
    full.close()
    return links


@pytest.mark.parametrize("query", ["cache ev", "token cache", "run cache lat"])
def test_header_box_shows_the_results_pages_first_results_for_several_words(page, generated, query):
    """Several words have no top file: the box scores them completely but
    shows (and fetches the rows of) only the first 8, picked without ranking
    every match, the results page's first 8 with the same count."""
    base, _ = generated
    page.goto(base)
    page.keyboard.press("/")
    hrefs, said = box_results(page, query)
    total = int(said.split()[0])
    assert total > 8, f"{query!r} should match more than the box shows"
    assert len(hrefs) == 8 and said == f"{total} results, top 8 shown."
    assert results_page_links(page, base, query, total)[:8] == hrefs
    assert page.errors == []


def test_top_files_after_instant_navigation_and_on_the_results_page(page, generated):
    """The box answers from top files after Material's instant navigation;
    on the results page, typing in the box shows complete results there."""
    base, words = generated
    word = words[0]
    page.goto(base)
    page.wait_for_load_state("networkidle")  # Material follows links once its sitemap is in
    page.evaluate("window.__arFirstLoad = 1")  # gone if the page reloads
    # a pattern page's link in the (collapsed) nav, clicked as a reader would
    page.evaluate("document.querySelector(\"a.md-nav__link[href*='patterns/']\").click()")
    page.wait_for_function("location.pathname.includes('/patterns/')")
    assert page.evaluate("window.__arFirstLoad") == 1  # no full reload: instant navigation
    page.keyboard.press("/")
    hrefs, said = box_results(page, word)
    assert len(hrefs) == 8 and said.endswith("top 8 shown.")
    page.goto(base + "search/?q=" + words[1])
    results(page)
    page.locator("#ar-search-input").fill(word)
    page.wait_for_function("w => document.querySelector('#ar-results-status').textContent.includes('“' + w + '”')", arg=word)
    total = int(page.locator("#ar-results-status").inner_text().split()[0])
    assert page.locator("#ar-results-list li").count() == min(total, 50)
    assert page.errors == []


def test_top_files_work_from_a_folder(page, tmp_path_factory):
    site, words = _generated_site(tmp_path_factory.mktemp("generated-offline"), offline=True)
    assert list((site / "assets/aruntime/search/p").rglob("*.json.js")), "top files need script twins for file://"
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto((site / "index.html").as_uri())
    page.keyboard.press("/")
    hrefs, said = box_results(page, words[0])
    assert len(hrefs) == 8 and all(h.startswith("file://") for h in hrefs)
    assert [u for u in failed if u.startswith("file:")] == []
    # Material's offline build asks unpkg.com for its search worker's shim; nothing of ours fails
    assert [e for e in page.errors if "ERR_NAME_NOT_RESOLVED" not in e] == []


def test_seeded_fuzz_through_the_header_boxs_answers_never_raises(page, generated):
    """The 5,000 hostile queries again, as the header box asks them (top files
    where the index has them), on the generated site."""
    base, words = generated
    page.goto(base)
    report = page.evaluate(
        """async (queries) => {
          const client = await import(new URL('assets/aruntime/js/search-client.mjs', document.baseURI).href);
          const core = await import(new URL('assets/aruntime/js/search-core.mjs', document.baseURI).href);
          core.configure(self.ARuntimeContract.search);
          const engine = await client.engine();
          const failures = [];
          let capped = 0;
          for (const q of queries) {
            try {
              const result = await engine.search(q, { limit: 8 });
              const rows = await engine.rows(result.hits.slice(0, 8));
              for (const row of rows) client.resultTitle(row, result.terms || []);
              if (result.capped) capped++;
              if (!['short', 'nothing', 'stop', 'ok'].includes(result.state)) failures.push([q, 'state ' + result.state]);
            } catch (err) {
              failures.push([q, String(err && err.stack || err)]);
            }
          }
          return { failures, capped };
        }""",
        fuzz_queries() + words,
    )
    assert report["failures"] == []
    assert report["capped"] >= len(words)  # top files were used
    assert page.errors == []


def test_box_answers_shortly_again_after_leaving_the_results_page(page, generated):
    """Complete search lasts as long as the results page is open: after an
    instant navigation away from it the box reads top files again."""
    base, words = generated
    page.goto(base + "search/?q=" + words[0])
    results(page)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__arFirstLoad = 1")
    page.evaluate("document.querySelector(\"a.md-nav__link[href*='patterns/']\").click()")
    page.wait_for_function("location.pathname.includes('/patterns/')")
    assert page.evaluate("window.__arFirstLoad") == 1
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.keyboard.press("/")
    hrefs, said = box_results(page, words[1])
    assert said.endswith("top 8 shown.")
    fetched = [u.split("/assets/aruntime/search/")[1] for u in requests if "/assets/aruntime/search/" in u]
    assert [f for f in fetched if f.startswith("p/")] and not [f for f in fetched if f.startswith("t/")], fetched
    assert page.errors == []

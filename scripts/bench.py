#!/usr/bin/env python3
"""Benchmark: ARuntime (our plugin, prebuilt split Lunr index) against stock
mkdocs-material (its own search) on equivalent content, in the same run.

For each size (entries = glossary terms + runtimes + patterns) it writes two
sites into a temp folder, one as YAML collections for the aruntime plugin and
one as the equivalent Markdown for stock Material, then reports medians over
``--repeat`` runs of:

* build time (wall clock of ``mkdocs build``) and peak memory (max RSS);
* index bytes on disk, raw and gzip (ours: every file of the split index;
  stock: search/search_index.json), plus the monolithic lunr.py index ours
  would be without the split ("before");
* in-browser time to first result for a query typed as soon as the page is
  interactive (Debian chromium via Playwright, served from 127.0.0.1, no
  throttling), in the page's own clock and in parts: navigation start to
  the page interactive (DOMContentLoaded), first keystroke to the result
  (the driver's typing included) and last keystroke to the result (the
  search's own share), navigation start to the result; and the search
  bytes fetched for it;
* ours only: time of one keystroke's query once the shards are loaded (with
  the per-word result cache emptied, so every timing is a new word), the
  queries KEYSTROKE_GAP_MS apart as typed keys are.

    .venv/bin/python scripts/bench.py                      # 1k, 5k, 20k; 3 runs each
    .venv/bin/python scripts/bench.py --sizes 300 --repeat 1   # quick
"""

from __future__ import annotations

import argparse
import compileall
import functools
import gzip
import http.server
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

QUERY = "cache"  # typed in the browser; occurs in a fraction of the entries
KEYSTROKES = ["ca", "cac", "cach", "cache", "cache ev", "cache evic", "tok", "token", "runtime", "quant"]
#: Pause before each timed keystroke query: a fast typist's keys come ~100 ms
#: apart, and the browser collects garbage in such idle time. Run back to
#: back, 50 queries in well under a second, the garbage of all of them (and
#: of loading the data just before) was collected inside the timed ones: at
#: 20k long-patterns a slowest query of 20-40 ms where paced ones take <15.
KEYSTROKE_GAP_MS = 50
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

DOMAIN = (
    "cache token runtime inference batch quantization kernel tensor latency throughput replica router "
    "scheduler prefill decode memory accelerator gateway adapter eviction offload shard pipeline stream "
    "model weights checkpoint compiler graph operator session queue worker cluster node edge browser "
    "device server fallback rollback canary release metric trace budget policy sandbox agent tool"
).split()
SYLLABLES = "ka lo mi ne ra tu vo ze qua stri pen dor fal gri hel jun kor lum mar nov pri sel tor vex wyn".split()


# -- content -------------------------------------------------------------------


class Lexicon:
    def __init__(self, rnd: random.Random, size: int = 4000):
        made = set()
        while len(made) < size:
            made.add("".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 4))))
        self.words = sorted(made)
        self.rnd = rnd

    def word(self) -> str:
        return self.rnd.choice(DOMAIN) if self.rnd.random() < 0.25 else self.rnd.choice(self.words)

    def sentence(self, lo: int, hi: int) -> str:
        words = [self.word() for _ in range(self.rnd.randint(lo, hi))]
        return (" ".join(words)).capitalize() + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence(8, 16) for _ in range(sentences))


SHAPES = {
    # name: (share of pattern pages, sections per pattern, paragraphs per section body)
    "short": (0.01, 5, 2),
    "long-patterns": (0.10, 8, 4),
}


def generate(n: int, seed: int = 7, shape: str = "short") -> dict:
    """Deterministic entries for both sites: n = glossary + runtimes + patterns.

    ``short``: 1% pattern pages, mostly short glossary and runtime entries;
    ``long-patterns``: 10% long, sectioned pattern pages (all in the nav).
    """
    rnd = random.Random(seed)
    lex = Lexicon(rnd)
    pattern_share, n_sections, n_paragraphs = SHAPES[shape]
    n_patterns = max(1, int(n * pattern_share))
    n_runtimes = int(n * 0.28)
    n_glossary = n - n_patterns - n_runtimes
    vocab = {
        "category": ["inference-server", "local-runtime", "on-device", "browser", "compiler", "serving-platform", "agent-runtime"],
        "deployment": ["local-process", "desktop-application", "browser", "edge-or-mobile", "single-node-server", "kubernetes-or-cluster", "serverless"],
        "hardware": ["cpu", "nvidia-gpu", "amd-gpu", "apple-silicon", "npu", "webgpu"],
        "capability": ["continuous-batching", "paged-attention", "prefix-caching", "quantization", "streaming", "tool-calling"],
    }

    def title(words: int) -> str:
        return " ".join(lex.word() for _ in range(words)).title()

    taken: set[str] = set()

    def unique(make) -> tuple[str, str]:
        while True:
            t = make()
            slug = "-".join(t.lower().replace(".", " ").replace("-", " ").split())
            if slug not in taken:
                taken.add(slug)
                return t, slug

    glossary = []
    for _ in range(n_glossary):
        term, slug = unique(lambda: title(rnd.randint(1, 3)))
        glossary.append({
            "slug": slug, "term": term, "aliases": [unique(lambda: title(2))[0] for _ in range(rnd.randint(0, 2))],
            "summary": lex.sentence(12, 22), "definition": [lex.paragraph(3), lex.paragraph(3)],
            "use_cases": [lex.sentence(4, 8).rstrip(".") for _ in range(rnd.randint(0, 2))],
        })
    runtimes = []
    for _ in range(n_runtimes):
        name, slug = unique(lambda: title(rnd.randint(1, 2)) + rnd.choice(["", " Serve", " RT", ".cpp", "-LLM"]))
        runtimes.append({
            "slug": slug, "name": name, "summary": lex.sentence(14, 26),
            "category": rnd.choice(vocab["category"]),
            "deployment": sorted(rnd.sample(vocab["deployment"], 2)),
            "hardware": sorted(rnd.sample(vocab["hardware"], 2)),
            "capabilities": sorted(rnd.sample(vocab["capability"], 3)),
            "use_cases": [lex.sentence(4, 8).rstrip(".") for _ in range(2)],
        })
    patterns = []
    for _ in range(n_patterns):
        t, slug = unique(lambda: title(3))
        patterns.append({
            "slug": slug, "title": t, "summary": lex.sentence(15, 25),
            "takeaways": [lex.sentence(10, 18) for _ in range(3)],
            "sections": [
                {"heading": title(3), "body": [lex.paragraph(4) for _ in range(n_paragraphs)], "list": [lex.sentence(5, 9) for _ in range(4)]}
                for _ in range(n_sections)
            ],
        })
    return {"glossary": glossary, "runtimes": runtimes, "patterns": patterns}


def _yaml(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"  # JSON is YAML


SOURCE = {"title": "Generated source", "url": "https://example.org/source"}
HOME = "---\nlast_reviewed: 2026-01-01\n---\n# Benchmark site\n\nGenerated entries.\n"


def write_ours(root: Path, content: dict) -> None:
    shutil.rmtree(root, ignore_errors=True)
    for sub in ("docs", "glossary", "runtimes", "patterns"):
        (root / sub).mkdir(parents=True)
    shutil.copy(REPO / "vocabularies.yml", root / "vocabularies.yml")
    (root / "mkdocs.yml").write_text(
        "site_name: Bench\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search:\n      enabled: false\n  - aruntime\n"
        "nav:\n  - Home: index.md\n  - Patterns: patterns/\n",
        encoding="utf-8",
    )
    (root / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    for g in content["glossary"]:
        data = {"term": g["term"], "summary": g["summary"], "definition": "\n\n".join(g["definition"]), "sources": [SOURCE], "last_reviewed": "2026-01-01"}
        if g["aliases"]:
            data["aliases"] = g["aliases"]
        if g["use_cases"]:
            data["use_cases"] = g["use_cases"]
        (root / "glossary" / f"{g['slug']}.yml").write_text(_yaml(data), encoding="utf-8")
    for r in content["runtimes"]:
        data = {
            "name": r["name"], "summary": r["summary"], "category": r["category"], "deployment": r["deployment"],
            "hardware": r["hardware"], "capabilities": r["capabilities"], "license": "Apache-2.0",
            "homepage": f"https://example.org/{r['slug']}", "sources": [SOURCE], "last_reviewed": "2026-01-01",
            "use_cases": r["use_cases"],
        }
        (root / "runtimes" / f"{r['slug']}.yml").write_text(_yaml(data), encoding="utf-8")
    for p in content["patterns"]:
        data = {
            "title": p["title"], "summary": p["summary"], "audience": "Platform engineers", "status": "draft",
            "last_reviewed": "2026-01-01", "key_takeaways": p["takeaways"], "sources": [SOURCE],
            "sections": [{"heading": s["heading"], "body": "\n\n".join(s["body"]), "list": s["list"]} for s in p["sections"]],
        }
        (root / "patterns" / f"{p['slug']}.yml").write_text(_yaml(data), encoding="utf-8")


def write_stock(root: Path, content: dict) -> None:
    """The same text as plain Markdown pages for stock Material (its search on)."""
    shutil.rmtree(root, ignore_errors=True)
    docs = root / "docs"
    for sub in ("glossary", "runtimes", "patterns"):
        (docs / sub).mkdir(parents=True)
    nav = "".join(f"    - patterns/{p['slug']}.md\n" for p in sorted(content["patterns"], key=lambda p: p["title"].lower()))
    (root / "mkdocs.yml").write_text(
        "site_name: Bench\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
        f"nav:\n  - Home: index.md\n  - Patterns:\n{nav}"
        "not_in_nav: |\n  /glossary/\n  /runtimes/\n",
        encoding="utf-8",
    )
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    src = f"## Sources\n\n1. [{SOURCE['title']}]({SOURCE['url']})\n"
    for g in content["glossary"]:
        aliases = f"*Also called: {', '.join(g['aliases'])}*\n\n" if g["aliases"] else ""
        uses = "### Use cases\n\n" + "".join(f"- {u}\n" for u in g["use_cases"]) + "\n" if g["use_cases"] else ""
        text = f"# {g['term']}\n\n{aliases}{g['summary']}\n\n## Definition\n\n" + "\n\n".join(g["definition"]) + f"\n\n{uses}{src}"
        (docs / "glossary" / f"{g['slug']}.md").write_text(text, encoding="utf-8")
    for r in content["runtimes"]:
        facts = (f"- Category: {r['category']}\n- Deployment targets: {', '.join(r['deployment'])}\n"
                 f"- Hardware: {', '.join(r['hardware'])}\n- Capabilities: {', '.join(r['capabilities'])}\n- License: Apache-2.0\n")
        uses = "### Use cases\n\n" + "".join(f"- {u}\n" for u in r["use_cases"]) + "\n"
        text = f"# {r['name']}\n\n{r['summary']}\n\n## Details\n\n{facts}\n{uses}{src}"
        (docs / "runtimes" / f"{r['slug']}.md").write_text(text, encoding="utf-8")
    for p in content["patterns"]:
        body = "".join(f"## {s['heading']}\n\n" + "\n\n".join(s["body"]) + "\n\n" + "".join(f"- {i}\n" for i in s["list"]) + "\n" for s in p["sections"])
        text = f"# {p['title']}\n\n{p['summary']}\n\n## Key takeaways\n\n" + "".join(f"- {t}\n" for t in p["takeaways"]) + f"\n{body}{src}"
        (docs / "patterns" / f"{p['slug']}.md").write_text(text, encoding="utf-8")


# -- measuring -----------------------------------------------------------------

_BUILD = (
    "import resource, runpy, sys\n"
    "sys.argv = ['mkdocs', 'build', '-q', '-d', sys.argv[1]]\n"
    "try:\n    runpy.run_module('mkdocs', run_name='__main__')\nexcept SystemExit as e:\n    code = e.code\n"
    "else:\n    code = 0\n"
    "use = resource.getrusage(resource.RUSAGE_SELF)\n"
    "# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child of a\n"
    "# large bench process would report the parent's peak.\n"
    "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
    "print('MAXRSS', hwm[0] if hwm else use.ru_maxrss, file=sys.stderr)\n"
    "print('CPU', use.ru_utime + use.ru_stime, file=sys.stderr)\n"
    "sys.exit(code or 0)\n"
)
#: CPU seconds of the last build() (user + system): steadier than wall time
#: on a shared machine, reported beside it.
LAST_CPU: list[float] = []


def build(root: Path, out: Path) -> tuple[float, float]:
    """Seconds and peak MiB of one ``mkdocs build`` (its CPU seconds go to LAST_CPU)."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _BUILD, str(out)], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build failed in {root}:\n{proc.stderr[-3000:]}")
    rss = [int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("MAXRSS")]
    LAST_CPU[:] = [float(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("CPU")]
    return seconds, (rss[-1] / 1024 if rss else float("nan"))


def dir_bytes(path: Path) -> tuple[int, int]:
    raw = gz = 0
    for f in sorted(path.rglob("*")):
        if f.is_file():
            data = f.read_bytes()
            raw += len(data)
            gz += len(gzip.compress(data, 6))
    return raw, gz


def _core_site(root: Path):
    """The model, page specs and views' Site of a generated site, without a
    MkDocs build (URLs from MkDocs' own File rule, directory URLs)."""
    from mkdocs.structure.files import File

    from aruntime.loader import ContentPaths, load_site
    from aruntime.markup import MarkdownRenderer
    from aruntime.urls import SiteUrls
    from aruntime.views import Site, SiteOptions, page_specs

    model, _ = load_site(ContentPaths(str(root)))
    specs = page_specs(model)
    urls = SiteUrls({uri: File(uri, "/docs", "/site", True).url for uri in [s.src_uri for s in specs] + ["index.md"]})
    renderer = MarkdownRenderer(["tables", "attr_list"])
    return model, specs, Site(model, urls, renderer.render, SiteOptions())


def monolithic_bytes(root: Path) -> tuple[int, int, float]:
    """The single lunr.py index of the same documents (the 'before' of the split)."""
    from aruntime.search.index import build_index, serialize
    from aruntime.views import search_documents

    model, specs, site = _core_site(root)
    docs = search_documents(specs, site, [("Benchmark site", "", "<p>Generated entries.</p>", "")])
    start = time.perf_counter()
    text = serialize(build_index(docs)).encode("utf-8")
    return len(text), len(gzip.compress(text, 6)), time.perf_counter() - start


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    def __init__(self, directory: Path):
        handler = functools.partial(_Quiet, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def _gzip_size(site: Path, url: str, base: str) -> int:
    path = site / url[len(base):].split("?")[0]
    try:
        return len(gzip.compress(path.read_bytes(), 6))
    except OSError:
        return 0


#: Recorded in the page from its first script on (the page's own clock, ms
#: from navigation start): when each keystroke reached the box, and when the
#: first result for the query was in the DOM (a MutationObserver, the same for
#: both sites; the selector is set per site below). Ours also has the search
#: code's own phases as User Timing marks (aruntime:*).
_INPUT_TIMES = """
self.__arInputs = [];
document.addEventListener('input', () => self.__arInputs.push(performance.now()), true);
self.__arResultAt = NaN;
document.addEventListener('DOMContentLoaded', () => {
  const seen = new MutationObserver(() => {
    if (self.__arResultSelector && document.querySelector(self.__arResultSelector)) {
      self.__arResultAt = performance.now();
      seen.disconnect();
    }
  });
  seen.observe(document.body, { childList: true, subtree: true });
});
"""

#: The query put into the box by the page itself at DOMContentLoaded, for
#: ``first_result(..., typed="page")``: what a reader sees who has the query in
#: the box the moment the page responds, without the test driver's focus and
#: key presses (90-130 ms of round trips on this machine). Both boxes are sent
#: the events they listen to: ours ``input``, Material's ``keyup``. Deferred
#: one task so the page's own DOMContentLoaded handlers (both sites start
#: their search boxes in one) have run.
_TYPE_AT_INTERACTIVE = """
document.addEventListener('DOMContentLoaded', () => setTimeout(() => {
  const box = document.querySelector(self.__arInputSelector);
  box.focus();
  box.value = self.__arQuery;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  box.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true, key: 'e' }));
}, 0));
"""
_INPUT = {"ours": "#ar-search-input", "stock": "input.md-search__input"}

#: The first result for QUERY in each site's search box. Ours: a result of
#: QUERY itself (each links with ?h=<the words searched>), not of a prefix
#: typed on the way.
_RESULT = {"ours": f"#ar-search-listbox [role=option][href*='h={QUERY}']", "stock": ".md-search-result__item"}


def first_result(browser, site: Path, kind: str, typed: str = "driver") -> dict:
    """The first result for QUERY typed as soon as the page is interactive,
    and the search bytes fetched for it. ``typed="driver"``: the test driver
    focuses the box and types QUERY key by key; ``typed="page"``: the page
    puts QUERY into the box itself at DOMContentLoaded (_TYPE_AT_INTERACTIVE),
    so the figure is the page's and the search's alone.

    ``ms`` counts from navigation start to the first result in the DOM, in the
    page's own clock; ``wall_ms`` is the same seen from the test driver (it
    adds the driver's round trips). ``phases`` says where the time went, ms:
    ``interactive`` (navigation start to DOMContentLoaded: the driver starts
    typing then), ``first_key`` (navigation start to the first keystroke
    reaching the box: ``interactive`` plus the driver's focus and first key
    press), ``typing`` (first to last keystroke: the driver's), ``first_key_
    to_result`` and ``after_typing`` (last keystroke to the first result: the
    search's own share). Ours adds the search code's marks, ms from navigation
    start: ``search`` / ``data`` / ``scored`` (the query that showed the
    result started, its index data loaded, scored); and the keystroke
    timings (``keystroke_ms``: the header box's query as it runs it;
    ``keystroke_complete_ms``: the complete search of the results page).
    """
    server = Server(site)
    context = browser.new_context()
    page = context.new_page()
    script = _INPUT_TIMES + f"self.__arResultSelector = {json.dumps(_RESULT[kind])};"
    if typed == "page":
        script += f"self.__arInputSelector = {json.dumps(_INPUT[kind])}; self.__arQuery = {json.dumps(QUERY)};" + _TYPE_AT_INTERACTIVE
    page.add_init_script(script)
    fetched: list[str] = []
    page.on("requestfinished", lambda req: fetched.append(req.url))
    try:
        start = time.perf_counter()
        page.goto(server.url, wait_until="domcontentloaded")
        if typed == "driver":
            if kind == "ours":
                page.locator(_INPUT[kind]).focus()
            else:
                page.locator(_INPUT[kind]).click()
            page.keyboard.type(QUERY)
        page.wait_for_selector(_RESULT[kind], timeout=600_000)
        wall = (time.perf_counter() - start) * 1000
        page.wait_for_function("self.__arResultAt === self.__arResultAt")  # the observer's callback has run
        # search data: ours the index files (lunr.js is counted apart), stock its index and worker
        marks = ("/assets/aruntime/search/",) if kind == "ours" else ("search_index.json", "/workers/search")
        search_urls = [u for u in fetched if any(m in u for m in marks)]
        out = {"wall_ms": wall, "fetched_gzip": sum(_gzip_size(site, u, server.url) for u in set(search_urls))}
        if kind == "ours":
            out["lunr_gzip"] = sum(_gzip_size(site, u, server.url) for u in set(fetched) if u.endswith("/lunr.js"))
        out["phases"] = page.evaluate(
            """() => {
              const inputs = self.__arInputs, shown = self.__arResultAt;
              const first = inputs[0], last = inputs[inputs.length - 1];
              const nav = performance.getEntriesByType('navigation')[0];
              const phases = { interactive: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, first_key: first, typing: last - first,
                               first_key_to_result: shown - first, after_typing: shown - last, result: shown };
              // ours: the last search mark before the result
              const at = (name) => {
                const times = performance.getEntriesByName('aruntime:' + name).map((m) => m.startTime).filter((t) => t <= shown);
                return times.length ? Math.max(...times) : NaN;
              };
              if (performance.getEntriesByName('aruntime:search').length) Object.assign(phases, { search: at('search'), data: at('shards'), scored: at('scored'), rows: at('rows') });
              return phases;
            }"""
        )
        out["ms"] = out["phases"]["result"]
        if kind == "ours" and typed == "driver":
            out["keystroke_ms"], out["keystroke_complete_ms"] = page.evaluate(
                """async ([queries, gap]) => {
                  const client = await import(new URL('assets/aruntime/js/search-client.mjs', document.baseURI).href);
                  const core = await import(new URL('assets/aruntime/js/search-core.mjs', document.baseURI).href);
                  core.configure(self.ARuntimeContract.search);  // as the page's own script does
                  const engine = await client.engine();
                  const limit = 8;  // the header box's rows (its top files answer one-word queries)
                  for (const q of queries) await engine.search(q), await engine.search(q, { limit });  // load the data
                  const time = async (options) => {
                    const times = [];
                    for (let r = 0; r < 5; r++) for (const q of queries) {
                      engine.termCache.clear();  // time the work of a new word, not a cache hit
                      await new Promise((resolve) => setTimeout(resolve, gap));  // as keys come while typing
                      const t = performance.now(); await engine.search(q, options); times.push([performance.now() - t, q]);
                    }
                    times.sort((a, b) => a[0] - b[0]);
                    const [max, slowest] = times[times.length - 1];
                    return [times[Math.floor(times.length / 2)][0], max, slowest];
                  };
                  return [await time({ limit }), await time({})];
                }""",
                [KEYSTROKES, KEYSTROKE_GAP_MS],
            )
        return out
    finally:
        context.close()
        server.close()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def save_to_reload(root: Path, kind: str, content: dict, runs: int = 3) -> list[float]:
    """Seconds from saving an edited glossary entry to ``mkdocs serve``
    serving the page with the edit, per run (the reader's save -> reload)."""
    entry = content["glossary"][0]
    if kind == "ours":
        path = root / "glossary" / f"{entry['slug']}.yml"

        def edit(original: str, marker: str) -> str:
            data = json.loads(original)
            data["summary"] = f"{marker} {data['summary']}"
            return _yaml(data)
    else:
        path = root / "docs/glossary" / f"{entry['slug']}.md"

        def edit(original: str, marker: str) -> str:
            return original.replace(entry["summary"], f"{marker} {entry['summary']}", 1)

    return _time_reloads(root, f"glossary/{entry['slug']}/", path, edit, runs)


def reference_save_to_reload(runs: int = 3) -> list[float]:
    """save -> reload for the reference as it stands: a copy of this
    repository's site, one glossary entry's summary edited per run."""
    with tempfile.TemporaryDirectory(prefix="aruntime-bench-ref-") as tmp:
        root = Path(tmp)
        for name in ("docs", "glossary", "patterns", "runtimes", "schemas"):
            shutil.copytree(REPO / name, root / name)
        for name in ("mkdocs.yml", "vocabularies.yml"):
            shutil.copy(REPO / name, root / name)
        path = sorted((root / "glossary").glob("*.yml"))[0]

        def edit(original: str, marker: str) -> str:
            edited, n = re.subn(r"(?m)^summary: ", f"summary: {marker} ", original, count=1)
            assert n == 1, f"no summary line in {path}"
            return edited

        return _time_reloads(root, f"glossary/{path.stem}/", path, edit, runs)


def _time_reloads(root: Path, page: str, path: Path, edit, runs: int) -> list[float]:
    """Start ``mkdocs serve`` in ``root``; per run, save ``edit(text, marker)``
    to ``path`` and time until ``page`` is served with the marker. The dev
    server answers a page request only once a rebuild has finished, so this
    is the time to the browser's reload."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base})
    url = base + page
    original = path.read_text(encoding="utf-8")
    out = []
    try:
        deadline = time.time() + 1800
        while _get(url) is None:  # the first build
            if proc.poll() is not None or time.time() > deadline:
                raise SystemExit(f"mkdocs serve did not start in {root}")
            time.sleep(0.2)
        for r in range(runs):
            marker = f"benchmarker{r}x{random.randrange(10**9)}"
            time.sleep(1.0)  # let the watcher settle
            text = edit(original, marker)
            start = time.perf_counter()
            path.write_text(text, encoding="utf-8")
            while marker not in (_get(url) or ""):
                if time.perf_counter() - start > 600:
                    raise SystemExit("no reload within 600 s")
                time.sleep(0.02)
            out.append(time.perf_counter() - start)
    finally:
        path.write_text(original, encoding="utf-8")
        # Ctrl-C, not SIGTERM: MkDocs then removes its temporary site folder
        # (a terminated server leaves a whole built site in the temp folder)
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return out


def directory_timing(browser, site: Path) -> dict:
    """Ours only: ms from navigation to the first runtime card on screen, to
    the filters ready (a long directory loads its data file first), and from a
    facet click to the redrawn list (the next frame); bytes of /runtimes/ as
    HTML and of the directory's data file (if the directory is paged). The
    figures are also printed, with the bytes, on stderr."""
    html = site / "runtimes" / "index.html"
    data = site / "assets" / "aruntime" / "directory.json"
    sizes = {"directory_html_bytes": html.stat().st_size if html.exists() else float("nan")}
    if data.exists():
        sizes["directory_data_bytes"] = data.stat().st_size
        sizes["directory_data_gzip"] = len(gzip.compress(data.read_bytes()))
    server = Server(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(server.url + "runtimes/", wait_until="commit")
        page.locator(".ar-runtime-card").first.wait_for(state="visible", timeout=600_000)
        first = (time.perf_counter() - start) * 1000
        page.wait_for_function("!document.querySelector('[data-ar-filters]').hidden", timeout=600_000)
        ready = (time.perf_counter() - start) * 1000
        click = page.evaluate(
            """() => new Promise((resolve) => {
              const box = document.querySelector('input[name=hardware][value=cpu]');
              const t = performance.now();
              box.click();
              requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t), 0));
            })"""
        )
        shown = page.locator("[data-ar-row]:visible").count()
        result = {"directory_first_ms": first, "directory_ready_ms": ready, "directory_filter_ms": click, "directory_cards_after_click": shown, **sizes}
        data_note = (f", data file {fmt_bytes(sizes['directory_data_bytes'])} ({fmt_bytes(sizes['directory_data_gzip'])} gzip)"
                     if "directory_data_bytes" in sizes else "")
        print(f"  directory: /runtimes/ HTML {fmt_bytes(sizes['directory_html_bytes'])}{data_note}; first runtime {first:.0f} ms, "
              f"filters ready {ready:.0f} ms, filter click -> redraw {click:.0f} ms ({shown} cards drawn)", file=sys.stderr)
        return result
    finally:
        context.close()
        server.close()


def median(values):
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def _one_run(browser, root: Path, out: Path, kind: str, n: int, r: int, repeat: int) -> dict:
    """One build of a site and, with a browser, its first-result, keystroke
    and directory timings: what one of the ``repeat`` runs measures."""
    seconds, mib = build(root, out)
    done = {"seconds": seconds, "mib": mib, "cpu": (LAST_CPU or [float("nan")])[0]}
    print(f"  {n:>6} {kind:<5} build {r + 1}/{repeat}: {seconds:.1f} s, {done['cpu']:.1f} s CPU, {mib:.0f} MiB", file=sys.stderr)
    if not browser:
        return done
    at_once = first_result(browser, out, kind, typed="page")
    done["at_once"] = at_once["ms"]
    print(f"  {n:>6} {kind:<5} first result, query in the box at interactive {r + 1}/{repeat}: {at_once['ms']:.0f} ms ("
          + ", ".join(f"{k} {v:.0f}" for k, v in at_once["phases"].items() if k not in ("typing", "first_key_to_result")) + ")",
          file=sys.stderr)
    fr = first_result(browser, out, kind)
    done.update(first=fr["ms"], fetched=fr["fetched_gzip"], phases=fr["phases"])
    if "keystroke_ms" in fr:
        done.update(keys=fr["keystroke_ms"], complete_keys=fr["keystroke_complete_ms"])
    if kind == "ours":
        done["directory"] = directory_timing(browser, out)
    detail = " (" + ", ".join(f"{k} {v:.0f}" for k, v in fr["phases"].items())
    if "keystroke_ms" in fr:
        detail += f"; keystroke median/max {fr['keystroke_ms'][0]:.1f}/{fr['keystroke_ms'][1]:.1f} ({fr['keystroke_ms'][2]}), "
        detail += f"complete {fr['keystroke_complete_ms'][0]:.1f}/{fr['keystroke_complete_ms'][1]:.1f} ({fr['keystroke_complete_ms'][2]})"
    print(f"  {n:>6} {kind:<5} first result {r + 1}/{repeat}: {fr['ms']:.0f} ms (driver: {fr['wall_ms']:.0f}), "
          f"{fr['fetched_gzip'] / 1e3:.0f} KB{detail} ms)", file=sys.stderr)
    return done


def _measured(runs: list[dict], key: str) -> list:
    """One figure from each of a site's runs that took it (browser figures need a browser)."""
    return [done[key] for done in runs if key in done]


def run(sizes: list[int], repeat: int, workdir: Path, browser_on: bool,
        shapes: tuple[str, ...] = ("short",), serve: bool = False) -> list[dict]:
    rows = []
    # Stock runs from site-packages, compiled by pip at install; our plugin is
    # an editable install, compiled on first import unless the environment
    # says not to write bytecode (PYTHONDONTWRITEBYTECODE, which then costs
    # ours ~0.1 s per build). Compiled once here, both sides load bytecode.
    compileall.compile_dir(str(REPO / "plugins"), quiet=1)
    pw = browser = None
    if browser_on:
        if not os.path.exists(CHROMIUM):
            print(f"chromium not found at {CHROMIUM}; skipping in-browser timings", file=sys.stderr)
        else:
            from playwright.sync_api import sync_playwright

            pw = sync_playwright().start()
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
    try:
        for shape, n in [(shape, n) for shape in shapes for n in sizes]:
            content = generate(n, shape=shape)
            ours, stock = workdir / f"ours-{shape}-{n}", workdir / f"stock-{shape}-{n}"
            write_ours(ours, content)
            write_stock(stock, content)
            result = {"entries": n, "shape": shape, "runtimes": len(content["runtimes"])}
            sites = {"ours": (ours, workdir / f"site-ours-{shape}-{n}"), "stock": (stock, workdir / f"site-stock-{shape}-{n}")}
            runs = {kind: [] for kind in sites}
            # Ours and stock take turns, run by run: the machine's speed drifts
            # (other tenants, heat) over the minutes a size takes, and builds of
            # one side all first and the other's all after would count the
            # drift as a difference between them.
            for r in range(repeat):
                for kind, (root, out) in sites.items():
                    runs[kind].append(_one_run(browser, root, out, kind, n, r, repeat))
            for kind, (root, out) in sites.items():
                done = runs[kind]
                raw, gz = dir_bytes(out / ("assets/aruntime/search" if kind == "ours" else "search"))
                result[kind] = {
                    "build_s": median(_measured(done, "seconds")), "build_cpu_s": median(_measured(done, "cpu")),
                    "peak_mib": median(_measured(done, "mib")), "index_raw": raw, "index_gzip": gz,
                    "first_result_ms": median(_measured(done, "first")), "fetched_gzip": median(_measured(done, "fetched")),
                    "first_result_at_once_ms": median(_measured(done, "at_once")),
                }
                if serve:
                    reloads = save_to_reload(root, kind, content, runs=repeat)
                    result[kind]["save_to_reload_s"] = median(reloads)
                    print(f"  {n:>6} {kind:<5} save -> reload: {', '.join(f'{s:.2f}' for s in reloads)} s", file=sys.stderr)
                dirs = _measured(done, "directory")
                if dirs:
                    result[kind]["directory_first_ms"] = median([d["directory_first_ms"] for d in dirs])
                    result[kind]["directory_filter_ms"] = median([d["directory_filter_ms"] for d in dirs])
                keys, complete_keys = _measured(done, "keys"), _measured(done, "complete_keys")
                if keys:
                    result[kind]["keystroke_median_ms"] = median([k[0] for k in keys])
                    result[kind]["keystroke_max_ms"] = max(k[1] for k in keys)
                    result[kind]["keystroke_complete_median_ms"] = median([k[0] for k in complete_keys])
                    result[kind]["keystroke_complete_max_ms"] = max(k[1] for k in complete_keys)
                phases = _measured(done, "phases")
                if phases:
                    result[kind]["first_result_phases_ms"] = {k: median([p[k] for p in phases]) for k in phases[0]}
            mono_raw, mono_gz, mono_s = monolithic_bytes(ours)
            result["monolithic"] = {"index_raw": mono_raw, "index_gzip": mono_gz, "index_build_s": mono_s}
            rows.append(result)
    finally:
        if browser:
            browser.close()
            pw.stop()
    return rows


def fmt_bytes(n) -> str:
    if n != n:
        return "n/a"
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def _num(value, digits: int = 1) -> str:
    return "—" if value is None or value != value else f"{value:.{digits}f}"


def report(rows: list[dict]) -> str:
    lines = [
        "| shape | entries | site | build (s) | build CPU (s) | × stock (wall / CPU) | peak memory (MiB) | × stock | save → reload (s) "
        "| index raw | index gzip | page interactive (ms) | first result, query at interactive (ms) | first result, typed by the driver (ms) "
        "| first keystroke → result (ms) | last keystroke → result (ms) | search bytes fetched (gzip) | keystroke query (ms, median / max) |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    directory = ["", "| shape | entries | runtimes in the directory | first runtime on screen (ms) | filter click to redraw (ms) |",
                 "| --- | ---: | ---: | ---: | ---: |"]
    for row in rows:
        stock = row["stock"]
        for kind, label in (("ours", "ARuntime (split lunr.py index)"), ("stock", "stock mkdocs-material")):
            d = row[kind]
            keys = f"{d['keystroke_median_ms']:.1f} / {d['keystroke_max_ms']:.1f}" if "keystroke_median_ms" in d else "—"
            # page interactive (DOMContentLoaded: typing starts), then the driver's typing, then the search's own share
            ph = d.get("first_result_phases_ms", {})
            ratio = ratio_mem = "—"
            if kind == "ours":
                ratio = f"{_num(d['build_s'] / stock['build_s'], 2)} / {_num(d['build_cpu_s'] / stock['build_cpu_s'], 2)}"
                ratio_mem = _num(d["peak_mib"] / stock["peak_mib"], 2)
            lines.append(
                f"| {row.get('shape', 'short')} | {row['entries']:,} | {label} | {_num(d['build_s'])} | {_num(d.get('build_cpu_s'))} | {ratio} "
                f"| {_num(d['peak_mib'], 0)} | {ratio_mem} | {_num(d.get('save_to_reload_s'), 2)} | {fmt_bytes(d['index_raw'])} "
                f"| {fmt_bytes(d['index_gzip'])} | {_num(ph.get('interactive'), 0)} | {_num(d.get('first_result_at_once_ms'), 0)} | {_num(d['first_result_ms'], 0)} "
                f"| {_num(ph.get('first_key_to_result'), 0)} | {_num(ph.get('after_typing'), 0)} | {fmt_bytes(d['fetched_gzip'])} | {keys} |"
            )
        if "directory_first_ms" in row["ours"]:
            directory.append(f"| {row.get('shape', 'short')} | {row['entries']:,} | {row.get('runtimes', 0):,} "
                             f"| {_num(row['ours']['directory_first_ms'], 0)} | {_num(row['ours']['directory_filter_ms'], 0)} |")
        m = row["monolithic"]
        lines.append(
            f"| {row.get('shape', 'short')} | {row['entries']:,} | one monolithic lunr.py index (before the split) | — | — | — | — | — | — "
            f"| {fmt_bytes(m['index_raw'])} | {fmt_bytes(m['index_gzip'])} | — | — | — | — | — | {fmt_bytes(m['index_gzip'])} | — |"
        )
    return "\n".join(lines + (directory if len(directory) > 3 else []))


def hear_ctrl_c() -> None:
    """Started in the background by a shell without job control (``cmd &``
    in a script, or nohup), a process ignores SIGINT, and so does every
    child it starts: the dev servers the bench stops with Ctrl-C ran on
    until killed, and MkDocs left their built sites in the temp folder. A
    handler of our own is reset to the default in a child, which then hears
    Ctrl-C again."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def main(argv=None) -> int:
    hear_ctrl_c()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000", help="comma-separated entry counts (default 1000,5000,20000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size and site; medians are reported (default 3)")
    parser.add_argument("--workdir", type=Path, help="keep the generated sites here (default: a temp folder, removed)")
    parser.add_argument("--no-browser", action="store_true", help="skip the in-browser timings")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--shapes", default="short,long-patterns",
                        help=f"content shapes, comma-separated, of {', '.join(SHAPES)} (default both)")
    parser.add_argument("--serve", action="store_true", help="also time save -> reload under mkdocs serve")
    parser.add_argument("--serve-reference", action="store_true",
                        help="also time save -> reload under mkdocs serve for this repository's own site (a copy)")
    parser.add_argument("--quick", action="store_true",
                        help="a tiny run that checks the benchmark works (60 entries, 1 run, both shapes, serve timings, no browser)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat, args.no_browser, args.serve, args.serve_reference = "60", 1, True, True, True
    sizes = [int(s.replace("k", "000")) for s in args.sizes.split(",") if s.strip()]
    shapes = tuple(s.strip() for s in args.shapes.split(",") if s.strip())
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        parser.error(f"unknown shape(s): {', '.join(unknown)}; choose from {', '.join(SHAPES)}")
    tmp = None
    workdir = args.workdir
    if workdir is None:
        tmp = tempfile.mkdtemp(prefix="aruntime-bench-")
        workdir = Path(tmp)
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        rows = run(sizes, max(1, args.repeat), workdir, not args.no_browser, shapes, args.serve)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    reference = reference_save_to_reload(1 if args.quick else max(3, args.repeat)) if args.serve_reference else None
    print(f"Medians of {args.repeat} run(s); {os.cpu_count()} CPU(s); query typed: {QUERY!r}.\n")
    print(report(rows))
    if reference:
        print(f"\nsave -> reload under mkdocs serve, the reference as it stands: median {median(reference):.2f} s "
              f"(runs: {', '.join(f'{r:.2f}' for r in reference)})")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "reference_save_to_reload_s": reference}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

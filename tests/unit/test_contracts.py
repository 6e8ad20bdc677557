"""Python and JavaScript agree by test, not by comment.

* Tokenizer vectors (tests/contracts/tokenizer-vectors.json) run against
  tokens.py here and against search-core.mjs through node.
* The client contract the build writes holds the Python constants, in both
  of its forms (JSON, and the classic script for file:// pages).
* The search manifest ships the tokenizer settings the index was built with.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from test_search_index import small_model

from aruntime import maintenance
from aruntime.client_contract import CONTRACT_GLOBAL, CONTRACT_JS, CONTRACT_JSON, client_contract, contract_files
from aruntime.search import MAX_QUERY_CHARS, MIN_QUERY_CHARS, SHORT_QUERY_MESSAGE
from aruntime.search import tokens as T
from aruntime.views import runtimes as R
from modelkit import site_urls

REPO = Path(__file__).resolve().parents[2]
VECTORS = json.loads((REPO / "tests/contracts/tokenizer-vectors.json").read_text(encoding="utf-8"))
SEARCH_CORE = REPO / "plugins/aruntime/assets/js/search-core.mjs"
NODE = shutil.which("node")

PY = {"words": T.words, "exact_key": T.exact_key, "trim": T.trim, "tokens": T.tokens}
# Index-side tokens (parts of joined words) exist only in Python: the browser
# queries whole words and prefixes.
JS_FUNCTIONS = {"words": "words", "exact_key": "exactKey", "trim": "trim"}


@pytest.mark.parametrize("kind", list(PY))
def test_python_tokenizer_meets_the_shared_vectors(kind):
    got = [[text, PY[kind](text)] for text, _ in VECTORS[kind]]
    assert got == VECTORS[kind]


@pytest.mark.skipif(NODE is None and not __import__("os").environ.get("CI"), reason="node is not installed")
def test_javascript_tokenizer_meets_the_same_vectors(tmp_path):
    script = tmp_path / "vectors.mjs"
    script.write_text(
        f"import * as core from {json.dumps(SEARCH_CORE.as_uri())};\n"
        f"const vectors = JSON.parse(process.argv[2]);\n"
        "core.configure(JSON.parse(process.argv[3]));\n"
        f"const fns = {json.dumps(JS_FUNCTIONS)};\n"
        "const out = {};\n"
        "for (const [kind, fn] of Object.entries(fns)) out[kind] = vectors[kind].map(([text]) => [text, core[fn](text)]);\n"
        "console.log(JSON.stringify(out));\n",
        encoding="utf-8",
    )
    model = small_model()
    search = client_contract(model, site_urls(model))["search"]  # the JS takes its settings from the contract
    proc = subprocess.run([NODE or "node", str(script), json.dumps(VECTORS), json.dumps(search)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    for kind in JS_FUNCTIONS:
        assert got[kind] == VECTORS[kind], kind


def test_contract_holds_the_python_values():
    model = small_model()
    contract = client_contract(model, site_urls(model))
    assert contract["search"]["min_chars"] == MIN_QUERY_CHARS == 2
    assert contract["search"]["short_message"] == SHORT_QUERY_MESSAGE == "Enter at least two characters."
    assert contract["search"]["max_query_chars"] == MAX_QUERY_CHARS
    assert [f["key"] for f in contract["directory"]["facets"]] == [key for key, *_ in R.FACETS]
    assert (contract["compare"]["min"], contract["compare"]["max"]) == (R.COMPARE_MIN, R.COMPARE_MAX)
    assert [f["label"] for f in contract["compare"]["fields"]] == [label for _, label, _ in R.COMPARE_FIELDS]
    assert contract["corrections"]["whole_page"] == maintenance.WHOLE_PAGE
    assert contract["labels"]["hardware"]["cpu"] == "CPU"
    assert contract["pages"] == {
        "glossary_index": "glossary/",
        "runtime_directory": "runtimes/",
        "runtime_comparison": "runtimes/compare/",
        "search": "search/",
    }


def test_contract_script_carries_the_same_data_and_cannot_break_out(tmp_path):
    model = small_model()
    contract = client_contract(model, site_urls(model))
    contract["labels"]["hardware"]["evil"] = "</script><script>alert(1)</script>\u2028"
    files = contract_files(contract)
    script = files[CONTRACT_JS]
    assert "</script" not in script and "\u2028" not in script
    prefix = f"self.{CONTRACT_GLOBAL} = "
    assert script.startswith(prefix) and script.endswith(";\n")
    assert json.loads(script[len(prefix):-2]) == json.loads(files[CONTRACT_JSON]) == contract
    if NODE:  # the script form is what a classic <script> runs
        (tmp_path / "c.js").write_text(script, encoding="utf-8")
        run = f"globalThis.self = globalThis; require({json.dumps(str(tmp_path / 'c.js'))}); console.log(JSON.stringify(self.{CONTRACT_GLOBAL}))"
        proc = subprocess.run([NODE, "-e", run], capture_output=True, text=True, timeout=60)
        assert json.loads(proc.stdout) == contract


def test_search_manifest_ships_the_tokenizer_settings():
    from test_search_index import plain

    from aruntime.search.index import build_files
    from modelkit import documents

    manifest = json.loads(build_files(documents(small_model(), plain), [])["manifest.json"])
    assert manifest["tokenizer"] == T.settings()
    assert manifest["tokenizer"]["max_token"] == T.MAX_TOKEN
    assert manifest["pipeline"] and T.TRIMMER_LABEL in manifest["pipeline"]

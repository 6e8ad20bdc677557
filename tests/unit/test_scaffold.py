"""`python -m aruntime new` / `make new`: a new entry that fails every check until
its placeholders are filled in, and passes once they are."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from aruntime.scaffold import MODELINE_PREFIX, slugify

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date.today().isoformat()


@pytest.fixture()
def site(tmp_path) -> Path:
    shutil.copy(REPO / "vocabularies.yml", tmp_path / "vocabularies.yml")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - aruntime\n")
    # An existing term, whose alias a new glossary entry may not reuse.
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary/prefill.yml").write_text(
        "term: Prefill\naliases: [prompt processing]\nsummary: The phase that reads the prompt.\n"
        "sources: [{title: Docs, url: 'https://example.org/prefill'}]\n"
    )
    return tmp_path


def aruntime(site: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aruntime", *args], cwd=site, capture_output=True, text=True)


@pytest.mark.parametrize(
    "title,slug",
    [("KV cache", "kv-cache"), ("llama.cpp", "llama-cpp"), ("Éviction  policies", "eviction-policies"),
     ("C++ / ONNX Runtime", "c-onnx-runtime"), ("vLLM", "vllm")],
)
def test_slug_from_title(title, slug):
    assert slugify(title) == slug


# What an author writes in place of each placeholder (by field path).
FILL = {
    "summary": "The attention keys and values kept from earlier tokens.",
    "definition": "Keeps **keys and values** so they are not computed again.",
    "audience": "Platform engineers",
    "status": "draft",
    "key_takeaways": "Measure before you tune.",
    "heading": "Why it matters",
    "body": "Because memory is finite.",
    "title": "Example documentation",
    "url": "https://example.org/docs",
    "category": "inference-server",
    "deployment": "single-node-server",
    "hardware": "cpu",
    "license": "Apache-2.0",
    "homepage": "https://example.org/",
}


def fill(data):
    """Replace every placeholder the way an author would."""
    def walk(node, key):
        if isinstance(node, dict):
            return {k: walk(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, key) for v in node]
        if isinstance(node, str) and node.startswith("TODO"):
            return FILL[key]
        return node
    return walk(data, None)


@pytest.mark.parametrize(
    "collection,title,path,required",
    [
        ("glossary", "KV cache", "glossary/kv-cache.yml", ["summary"]),
        ("runtimes", "llama.cpp", "runtimes/llama-cpp.yml",
         ["summary", "category", "deployment[0]", "hardware[0]", "license", "homepage"]),
        ("patterns", "Cache Loss", "patterns/cache-loss.yml",
         ["summary", "audience", "status", "key_takeaways[0]", "sections[0].heading"]),
    ],
)
def test_new_entry_fails_until_filled_and_passes_once_filled(site, collection, title, path, required):
    proc = aruntime(site, "new", collection, title)
    assert proc.returncode == 0, proc.stderr
    assert f"Wrote {path}" in proc.stdout  # says where it wrote
    text = (site / path).read_text()
    lines = text.splitlines()
    assert lines[0] == f"{MODELINE_PREFIX}../schemas/{collection}.schema.json"
    assert (site / "schemas").joinpath(f"{collection}.schema.json").name in lines[0]
    data = yaml.safe_load(text)
    assert title in data.values()
    assert data["last_reviewed"] == dt.date.today()  # safe_load reads the date

    check = aruntime(site, "check")
    assert check.returncode == 1
    errors = [line for line in check.stderr.splitlines() if line.startswith("ERROR:") and path in line]
    for field in required:
        assert any(f": {field}: " in e for e in errors), (field, check.stderr)
    # Each error points at the placeholder's own line.
    for e in errors:
        line_no = int(e.split(":")[2])
        assert "TODO" in lines[line_no - 1], e

    (site / path).write_text(lines[0] + "\n" + yaml.safe_dump(fill(data), sort_keys=False, allow_unicode=True))
    check = aruntime(site, "check")
    assert check.returncode == 0, check.stderr
    assert "ERROR" not in check.stderr


def test_new_refuses_to_overwrite_and_to_reuse_a_glossary_name(site):
    assert aruntime(site, "new", "glossary", "KV cache").returncode == 0
    before = (site / "glossary/kv-cache.yml").read_text()
    again = aruntime(site, "new", "glossary", "KV Cache")
    assert again.returncode == 1
    assert "glossary/kv-cache.yml already exists" in again.stderr
    assert (site / "glossary/kv-cache.yml").read_text() == before
    alias = aruntime(site, "new", "glossary", "Prompt processing")
    assert alias.returncode == 1 and "already a name of glossary/prefill.yml" in alias.stderr
    assert not (site / "glossary/prompt-processing.yml").exists()


def test_new_rejects_titles_without_a_slug_and_reserved_names(site):
    bad = aruntime(site, "new", "runtimes", "日本語")
    assert bad.returncode == 1 and "--slug" in bad.stderr
    ok = aruntime(site, "new", "runtimes", "日本語", "--slug", "nihongo-runtime")
    assert ok.returncode == 0 and "runtimes/nihongo-runtime.yml" in ok.stdout
    reserved = aruntime(site, "new", "runtimes", "Compare")
    assert reserved.returncode == 1 and "reserved" in reserved.stderr
    unknown = aruntime(site, "new", "glosary", "X")
    assert unknown.returncode == 2 and "glossary" in unknown.stderr  # argparse names the choices


def test_make_new_shortcut(site):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    title = 'Ring "all-reduce"'
    proc = subprocess.run(
        ["make", "-s", "-C", str(REPO), "new", "COLLECTION=glossary", f"TITLE={title}", f"CONFIG={site / 'mkdocs.yml'}"],
        capture_output=True,
        text=True,
        env={**os.environ, "MAKEFLAGS": ""},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Wrote glossary/ring-all-reduce.yml" in proc.stdout
    assert yaml.safe_load((site / "glossary/ring-all-reduce.yml").read_text())["term"] == title
    usage = subprocess.run(["make", "-s", "-C", str(REPO), "new"], capture_output=True, text=True)
    assert usage.returncode != 0 and "COLLECTION=" in usage.stderr

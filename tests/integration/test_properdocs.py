"""ProperDocs, the maintained fork of MkDocs 1.x, builds the site the same way:
the same files with the same bytes, apart from the generator meta tag."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import DEMO_RUNTIME, MINIMAL_PATTERN, write_site

PROPERDOCS = shutil.which("properdocs", path=str(Path(sys.executable).parent))
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')

FILES = {
    "patterns/live.yml": MINIMAL_PATTERN.format(title="Placement")
    + "sources:\n  - {title: Docs, url: 'https://example.org/docs'}\nrelated: [glossary/kv-cache, runtimes/demo]\n",
    "glossary/kv-cache.yml": "term: KV cache\nsummary: Keys and values kept between steps.\n"
    "sources:\n  - {title: Docs, url: 'https://example.org/kv'}\n",
    "runtimes/demo.yml": DEMO_RUNTIME.replace("Runs models.", "Runs models with a KV cache."),
}


def run(tool: list[str], root: Path, out: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*tool, "build", "--strict", "-d", out], cwd=root, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="module")
def properdocs():
    if PROPERDOCS is None:
        pytest.fail("properdocs is not installed (it is in the test extra)")
    return PROPERDOCS


def test_properdocs_and_mkdocs_build_the_same_site(tmp_path, properdocs):
    root = write_site(tmp_path / "site", FILES)
    pd = run([properdocs], root, "out-properdocs")
    assert pd.returncode == 0, pd.stderr
    mk = run([sys.executable, "-m", "mkdocs"], root, "out-mkdocs")
    assert mk.returncode == 0, mk.stderr
    a, b = root / "out-properdocs", root / "out-mkdocs"
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    assert Path("patterns/live/index.html") in files_a and Path("schemas/runtimes.schema.json") in files_a
    different = []
    for rel in files_a:
        x, y = (a / rel).read_bytes(), (b / rel).read_bytes()
        if rel.suffix == ".html":
            assert b"ProperDocs" in x or not GENERATOR.search(x), rel
            x, y = GENERATOR.sub(b"", x), GENERATOR.sub(b"", y)
        if x != y:
            different.append(str(rel))
    assert different == []


def test_properdocs_fails_on_content_errors_with_their_locations(tmp_path, properdocs):
    bad = {**FILES, "runtimes/demo.yml": FILES["runtimes/demo.yml"].replace("inference-server", "inference-sever")}
    root = write_site(tmp_path / "site", bad)
    proc = run([properdocs], root, "out")
    assert proc.returncode != 0
    assert "runtimes/demo.yml:3:11: category: expected one of" in proc.stderr
    assert "(did you mean 'inference-server'?)" in proc.stderr
    assert not (root / "out/index.html").exists()

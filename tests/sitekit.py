"""Write small sites into a directory and build them with the real MkDocs."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: Test sites are tiny, unsourced and reviewed long ago on purpose; the
#: content lint has its own tests (tests/unit/test_lint.py). As plugin options:
TEST_LINT = "{no-sources: ignore, unused-term: ignore, summary-copied: ignore, review-stale: ignore, takeaway-repeats-item: ignore}"

BASE_MKDOCS = """\
site_name: Test Reference
site_url: https://example.org/sub/
repo_url: https://github.com/example/reference
edit_uri: edit/main/docs/
theme:
  name: material
  font: false
plugins:
  - search:
      enabled: false
  - aruntime:
      vocabularies: {vocabularies}
      lint: LINT_OPTIONS
markdown_extensions:
  - toc:
      permalink: true
  - tables
  - attr_list
"""
BASE_MKDOCS = BASE_MKDOCS.replace("LINT_OPTIONS", TEST_LINT.replace("{", "{{").replace("}", "}}"))


#: A valid runtime and pattern entry (validation tables change one field of them).
DEMO_RUNTIME = """\
name: Demo runtime
summary: Runs models.
category: inference-server
deployment: [single-node-server]
hardware: [cpu]
license: Apache-2.0
homepage: https://example.org/
sources:
  - {title: Docs, url: "https://example.org/docs"}
last_reviewed: 2026-01-01
"""

DEMO_PATTERN = """\
title: Demo
summary: A demo pattern.
audience: Engineers
status: draft
last_reviewed: 2026-01-01
key_takeaways: [One]
sections:
  - heading: Part
    list: [a, b]
"""


MINIMAL_PATTERN = """\
title: {title}
summary: A minimal pattern.
audience: Everyone
status: draft
last_reviewed: 2026-01-01
key_takeaways: [One.]
sections:
  - heading: Part
    body: Text.
"""


def write_site(root: Path, files: dict[str, str], mkdocs_yml: str | None = None) -> Path:
    """Write ``files`` (relative path -> text, dedented) under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    config = mkdocs_yml or BASE_MKDOCS.format(vocabularies=REPO / "vocabularies.yml")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    if "docs/index.md" not in files:
        files = {"docs/index.md": "---\nlast_reviewed: 2026-01-01\n---\n# Home\n\nHello.\n", **files}
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def build_site(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` in ``root`` the way a maintainer does (not -q: it
    silences warnings, so --strict would have none to count)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def build_strict(root: Path) -> Path:
    """``mkdocs build --strict`` in ``root``, which must succeed; the built site folder."""
    proc = build_site(root, "--strict")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "site"

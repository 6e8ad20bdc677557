"""Exports too large to hold through a build are spooled to a scratch folder
and copied into the site whole; the scratch folder is gone afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from sitekit import write_site

N = 150


def test_large_export_is_complete_and_leaves_no_scratch_folder(tmp_path):
    files = {
        f"glossary/term-{i:03d}.yml": (
            f"term: Term {i:03d}\nsummary: Summary {i}.\ndefinition: |\n  " + f"Definition {i} " + "filler words " * 180 + "\n"
        )
        for i in range(N)
    }
    root = write_site(tmp_path / "site-src", files)
    scratch_parent = tmp_path / "tmp"
    scratch_parent.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(scratch_parent)},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    exported = root / "site" / "glossary.json"
    assert exported.stat().st_size > 256 * 1024  # large enough to be spooled (plugin._SPOOL_ABOVE)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["count"] == N
    assert [e["term"] for e in data["entries"]] == [f"Term {i:03d}" for i in range(N)]
    assert all(e["definition"].startswith(f"Definition {i} filler") for i, e in enumerate(data["entries"]))
    assert list(scratch_parent.iterdir()) == []  # the scratch folder went with the build

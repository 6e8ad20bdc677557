"""The benchmark itself keeps working (`make bench`): a tiny run of every
measurement but the browser ones. No timing is asserted, only that each
figure is measured for both sites and both content shapes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from sitekit import REPO


def test_quick_benchmark_measures_every_figure(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts/bench.py"), "--quick", "--json", str(out), "--workdir", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=900, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    rows = result["rows"]
    assert {row["shape"] for row in rows} == {"short", "long-patterns"}
    for row in rows:
        for kind in ("ours", "stock"):
            figures = row[kind]
            assert figures["build_s"] > 0 and figures["build_cpu_s"] > 0 and figures["peak_mib"] > 0
            assert figures["save_to_reload_s"] > 0 and figures["index_raw"] > 0
        assert row["monolithic"]["index_raw"] > 0
    assert result["reference_save_to_reload_s"][0] > 0  # the repository's own site under serve
    assert "× stock" in proc.stdout  # the report table

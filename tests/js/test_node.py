"""Runs the node --test unit tests of the pure JS cores (tests/js/*.test.mjs)
against the contract a real build writes, so pytest (and `make test`) runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sitekit import MINIMAL_PATTERN, build_strict, write_site

HERE = Path(__file__).resolve().parent
NODE = shutil.which("node")


@pytest.fixture(scope="module")
def contract_json(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("js-contract"), {"patterns/p.yml": MINIMAL_PATTERN.format(title="P")})
    build_strict(root)
    return root / "site" / "assets" / "aruntime" / "contract.json"


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("name", sorted(p.name for p in HERE.glob("*.test.mjs")))
def test_node_unit_tests(name, contract_json):
    proc = subprocess.run(
        [NODE, "--test", str(HERE / name)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "ARUNTIME_CONTRACT": str(contract_json)},
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]

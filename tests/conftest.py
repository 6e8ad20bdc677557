"""Shared fixtures: tiny sites written into a temp dir and built once per session."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from sitekit import build_strict, write_site  # noqa: E402

# Run in the background by a shell without job control, pytest and every
# process it starts would ignore SIGINT, and the tests that stop `mkdocs
# serve` with Ctrl-C (as a maintainer does) would wait for it in vain. A
# handler of our own is reset to the default in children.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The repository's own site, built once with --strict."""
    out = tmp_path_factory.mktemp("real-site")
    proc = subprocess.run(
        # not -q: it silences warnings, and --strict then has none to count
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="module")
def site(request, tmp_path_factory) -> Path:
    """The test module's ``FILES`` written into a temp dir and built once with
    --strict; the built site folder. A module may set ``MKDOCS_YML`` too."""
    files = request.module.FILES
    root = write_site(tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1]), files, getattr(request.module, "MKDOCS_YML", None))
    return build_strict(root)

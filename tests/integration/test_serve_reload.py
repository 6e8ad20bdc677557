"""`mkdocs serve` rebuilds when a content YAML file changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from sitekit import MINIMAL_PATTERN, write_site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_until(url: str, needle: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                last = resp.read().decode()
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} never appeared at {url}")


def test_yaml_edit_triggers_rebuild(tmp_path):
    root = write_site(tmp_path, {"patterns/live.yml": MINIMAL_PATTERN.format(title="First title")})
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/sub/patterns/live/"
        fetch_until(url, "First title", 60)
        (root / "patterns/live.yml").write_text(MINIMAL_PATTERN.format(title="Second title"))
        fetch_until(url, "Second title", 60)
    finally:
        proc.terminate()
        proc.wait(timeout=10)

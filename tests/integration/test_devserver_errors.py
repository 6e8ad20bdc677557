"""`mkdocs serve` with invalid content answers with the list of problems, not a hang.

A real dev server on 127.0.0.1 serves a temp site. While a content file is
invalid, every address answers with a page listing each problem as
path:line:column (the terminal prints the same lines); fixing the file brings
the site back by itself.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sitekit import MINIMAL_PATTERN, write_site

GOOD = MINIMAL_PATTERN.format(title="Working title")
# Two problems in one file: a vocabulary value and a missing field.
BAD = GOOD.replace("status: draft", "status: drafty").replace("audience: Everyone\n", "")
EXPECTED = [
    "patterns/live.yml:1:1: required field 'audience' is missing [schema.required]",
    "patterns/live.yml:3:9: status: expected one of draft, emerging-practice, production-guidance; "
    "found 'drafty' (did you mean 'draft'?) [schema.enum]",
]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str:
    """The body at ``url`` whatever the status (the error page may come as a 404)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.read().decode()


def wait_for(url: str, predicate, timeout: float = 60, proc=None) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the dev server exited with {proc.returncode}; see its log")
        try:
            last = get(url)
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"condition never met at {url}; last answer:\n{last[:2000]}")


def problems_listed(html: str) -> list[str]:
    items = re.findall(r"<li class=\"error\"><code>(.*?)</code></li>", html, re.S)
    return [i.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&") for i in items]


MKDOCS = [sys.executable, "-m", "mkdocs"]
PROPERDOCS = [str(Path(sys.executable).parent / "properdocs")]


def serve(root, port, log_path, tool=MKDOCS):
    log = open(log_path, "w")
    proc = subprocess.Popen(
        [*tool, "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return proc, log


def stop(proc, log):
    """Ctrl-C, as a maintainer stops it: MkDocs then removes its temporary
    site folder (a SIGTERM would leave it in the temp folder)."""
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    finally:
        log.close()


@pytest.mark.parametrize("tool", [MKDOCS, PROPERDOCS], ids=["mkdocs", "properdocs"])
def test_invalid_content_at_start_shows_the_problems_then_recovers(tmp_path, tool):
    root = write_site(tmp_path / "site", {"patterns/live.yml": BAD})
    port = free_port()
    proc, log = serve(root, port, tmp_path / "serve.log", tool)
    base = f"http://127.0.0.1:{port}/sub/"
    try:
        home = wait_for(base, lambda t: "aruntime-problems" in t, proc=proc)
        assert problems_listed(home) == EXPECTED
        # Every address answers the same list: a page that would exist, and one that never will.
        for path in ("patterns/live/", "glossary/", "no/such/page/"):
            assert problems_listed(get(base + path)) == EXPECTED
        # The terminal shows the same lines.
        terminal = (tmp_path / "serve.log").read_text()
        for line in EXPECTED:
            assert line in terminal
        assert "reloads by itself" in terminal
        # The page carries the dev server's live-reload script, so an open tab reloads on its own.
        assert "livereload" in home

        (root / "patterns/live.yml").write_text(GOOD)
        page = wait_for(base + "patterns/live/", lambda t: "Working title" in t)
        assert "aruntime-problems" not in page
        assert "aruntime-problems" not in get(base)
    finally:
        stop(proc, log)


def test_breaking_a_file_while_serving_shows_the_problems_instead_of_hanging(tmp_path):
    root = write_site(tmp_path / "site", {"patterns/live.yml": GOOD})
    port = free_port()
    proc, log = serve(root, port, tmp_path / "serve.log")
    url = f"http://127.0.0.1:{port}/sub/patterns/live/"
    try:
        wait_for(url, lambda t: "Working title" in t, proc=proc)
        (root / "patterns/live.yml").write_text(BAD)
        # Before, this request waited for a good build forever; each get() has a 5 s timeout.
        page = wait_for(url, lambda t: "aruntime-problems" in t, proc=proc)
        assert problems_listed(page) == EXPECTED
        (root / "patterns/live.yml").write_text(GOOD.replace("Working title", "Fixed title"))
        page = wait_for(url, lambda t: "Fixed title" in t)
        assert "aruntime-problems" not in page
    finally:
        stop(proc, log)


def test_the_error_page_escapes_what_it_quotes_from_the_files():
    from aruntime.devserver import error_page
    from aruntime.problems import Location, Problem

    hostile = Problem(Location("runtimes/x.yml", 3, 11), "category", "found '<script>alert(1)</script>'", "schema.enum")
    html = error_page([hostile], site_name="A & B")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<title>1 content error — A &amp; B</title>" in html

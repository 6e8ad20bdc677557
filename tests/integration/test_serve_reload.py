"""`mkdocs serve` after a save: the dev server sees the save sooner than MkDocs'
0.5 s polling, the last build is swept away in the background, and nothing of
it is served or left behind.

One real dev server on 127.0.0.1 serves a tiny site with the plugin; its
temporary site folder is made under the test's own temp folder (TMPDIR), so
the test can look into it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from test_devserver_errors import free_port, get, wait_for

from aruntime.devserver import POLL_INTERVAL_MAX, PREVIOUS_BUILD_PREFIX
from sitekit import DEMO_PATTERN, MINIMAL_PATTERN, write_site

TERM = "term: KV cache\nsummary: {summary}\nlast_reviewed: 2026-01-01\n"


def _site(tmp_path):
    return write_site(
        tmp_path / "site",
        {
            "glossary/kv-cache.yml": TERM.format(summary="Keys and values kept between steps."),
            "patterns/live.yml": MINIMAL_PATTERN.format(title="Live pattern"),
            "patterns/gone.yml": DEMO_PATTERN.replace("title: Demo", "title: Pattern to delete"),
        },
    )


def test_a_save_reloads_the_page_and_the_last_build_is_swept_away(tmp_path):
    root = _site(tmp_path)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    port = free_port()
    base = f"http://127.0.0.1:{port}/sub/"
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(scratch)},
        )
        try:
            wait_for(base + "glossary/kv-cache/", lambda html: "Keys and values" in html, proc=proc)
            wait_for(base + "patterns/gone/", lambda html: "Pattern to delete" in html, proc=proc)
            (site_dir,) = [p for p in scratch.iterdir() if p.name.startswith("mkdocs_")]

            (root / "glossary/kv-cache.yml").write_text(TERM.format(summary="Edited summary."), encoding="utf-8")
            (root / "patterns/gone.yml").unlink()
            wait_for(base + "glossary/kv-cache/", lambda html: "Edited summary." in html, proc=proc)
            # The deleted pattern's page went with the last build: not served any more.
            wait_for(base + "patterns/gone/", lambda html: "Pattern to delete" not in html, proc=proc)
            assert "Live pattern" in get(base + "patterns/live/")

            # The moved-aside build is deleted in the background soon after.
            deadline = time.monotonic() + 30
            while [p for p in os.listdir(site_dir) if p.startswith(PREVIOUS_BUILD_PREFIX)]:
                assert time.monotonic() < deadline, os.listdir(site_dir)
                time.sleep(0.1)
            assert not (site_dir / "patterns" / "gone").exists()
        finally:
            # Ctrl-C, as a maintainer stops it: MkDocs removes its site folder.
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)
    assert list(scratch.iterdir()) == [], "serve left files behind"


def test_the_dev_server_polls_the_content_folders_sooner(tmp_path):
    """Through the plugin's on_serve with MkDocs' real LiveReloadServer: the
    content folders are watched, at a shorter interval than MkDocs' 0.5 s, and
    a saved entry asks for a rebuild. Fails if MkDocs' server no longer has
    what the plugin replaces (plugin._poll_sooner)."""
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    root = _site(tmp_path)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path / "out"))
    server.watch(config.docs_dir)
    server = config.plugins.on_serve(server, config=config, builder=lambda: None)
    try:
        assert server.observer.timeout < POLL_INTERVAL_MAX
        watched = {emitter.watch.path for emitter in server.observer.emitters}
        assert {config.docs_dir, str(root / "glossary"), str(root / "patterns")} <= watched
        assert all(emitter.timeout == server.observer.timeout for emitter in server.observer.emitters)

        server.observer.start()
        time.sleep(0.3)  # the emitters' first snapshots
        (root / "glossary/kv-cache.yml").write_text(TERM.format(summary="Saved again."), encoding="utf-8")
        deadline = time.monotonic() + 10
        while not server._want_rebuild:
            assert time.monotonic() < deadline, "the save was not seen"
            time.sleep(0.05)
    finally:
        server.observer.stop()
        server.observer.join()
        config.plugins.on_shutdown()

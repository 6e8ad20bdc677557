"""Real-browser fixtures: Debian chromium driven by Playwright.

Playwright never downloads a browser here; it drives /usr/bin/chromium via
executable_path. Without chromium the browser tests skip locally, but fail
in CI (CI=true), so they can never silently disappear there.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Debian chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class StaticServer:
    """Serves a built site on 127.0.0.1, optionally under a sub-path."""

    def __init__(self, directory: Path, prefix: str = "/"):
        self.root = Path(directory)
        self.prefix = prefix
        handler = functools.partial(_PrefixHandler, prefix=prefix, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{self.prefix}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class _PrefixHandler(_QuietHandler):
    def __init__(self, *args, prefix: str = "/", **kwargs):
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return "/nonexistent-outside-prefix"
        return super().translate_path("/" + path[len(self.prefix):])


@pytest.fixture(scope="session")
def serve_dir():
    """Call with a site folder (and optional sub-path prefix); returns the base URL."""
    servers = []

    def start(directory: Path, prefix: str = "/") -> str:
        server = StaticServer(directory, prefix)
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def page(browser):
    """A fresh page whose console errors and uncaught exceptions are collected."""
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()


# The browser suite runs with the theme features a Material site switches on:
# instant navigation and the light/dark palette toggle (as mkdocs.yml does).
# Only while a browser test module runs: other suites keep sitekit's config.
import sitekit  # noqa: E402

SITE_FEATURES = """\
  features:
    - navigation.instant
  palette:
    - scheme: default
      toggle:
        icon: material/weather-night
        name: Switch to dark mode
    - scheme: slate
      toggle:
        icon: material/weather-sunny
        name: Switch to light mode
"""  # block style: BASE_MKDOCS goes through str.format


@pytest.fixture(scope="module", autouse=True)
def material_features():
    plain = sitekit.BASE_MKDOCS
    sitekit.BASE_MKDOCS = plain.replace("  font: false\n", "  font: false\n" + SITE_FEATURES, 1)
    yield
    sitekit.BASE_MKDOCS = plain

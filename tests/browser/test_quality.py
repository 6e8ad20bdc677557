"""Quality bars on the real site: no HTML errors (Nu Html Checker) and no
accessibility violations of serious or critical impact (axe-core)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"

PAGES = [
    "",
    "about/",
    "contributing/",
    "patterns/deployment-patterns/",
    "patterns/agent-tool-execution/",
    "glossary/",
    "glossary/kv-cache/",
    "runtimes/",
    "runtimes/vllm/",
    "runtimes/compare/?r=vllm,sglang,llama-cpp",
    "search/?q=kv",
    "no-such-page/",  # the 404 page
]


def require(condition: bool, message: str):
    if condition:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


def axe_script() -> str:
    import axe_playwright_python

    return str(Path(axe_playwright_python.__file__).parent / "axe.min.js")


def serious_violations(page) -> list[str]:
    """axe-core's violations of serious or critical impact on the page as it is now."""
    page.add_script_tag(path=axe_script())
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)"""
    )


def test_every_page_is_valid_html(real_site):
    java = shutil.which("java")
    require(bool(java) and VNU.exists(), "Nu Html Checker needs java and node_modules/vnu-jar (make test installs it)")
    files = sorted(str(p) for p in real_site.rglob("*.html"))
    proc = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
    )
    messages = json.loads(proc.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').split(str(real_site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert len(files) > 100
    assert errors == []


@pytest.fixture(scope="module")
def site_url(real_site, serve_dir):
    # Served under a sub-path, as on GitHub Pages; a catch-all 404 like Pages.
    return serve_dir(real_site, "/reference/")


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(site_url, page, path):
    page.goto(site_url + path)
    if path.startswith("no-such-page"):
        page.goto(site_url + "404.html")
    assert serious_violations(page) == []


def test_no_serious_accessibility_violations_with_search_results_open(site_url, page):
    page.goto(site_url + "patterns/deployment-patterns/")
    page.fill("#ar-search-input", "cache")
    page.wait_for_selector("#ar-search-listbox [role=option]")
    assert serious_violations(page) == []

"""A directory of 3,000 runtimes (past directory_inline_max): the page opens
with its first 100 runtimes in the HTML, the filters load every runtime from
the compact data file and draw 100 cards at a time, and without JavaScript
every runtime is reached through the linked listing pages. Opened from a
folder (file://) the data file's script twin is used."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import sitekit
from aruntime.views.runtimes import DIRECTORY_DATA
from sitekit import REPO, build_strict, write_site

N = 3000
CATEGORIES = ["inference-server", "local-runtime", "browser", "compiler"]
HARDWARE = ["cpu", "nvidia-gpu", "amd-gpu", "apple-silicon"]
CAPABILITIES = ["quantization", "streaming", "tool-calling"]
SYLLABLES = ["ka", "lo", "mi", "ne", "ra", "tu", "vo", "ze"]


def name_of(n: int) -> str:
    word = "".join(SYLLABLES[(n // 8**i) % 8] for i in range(4))
    return f"{word.capitalize()} {n}"


def runtime_yaml(n: int) -> str:
    hardware = sorted({HARDWARE[n % 4], HARDWARE[(n // 4) % 4]})
    return (
        f"name: {name_of(n)}\nsummary: Runtime number {n} serves models.\ncategory: {CATEGORIES[n % 4]}\n"
        f"deployment: [single-node-server]\nhardware: [{', '.join(hardware)}]\nlicense: {'MIT' if n % 5 else 'Apache-2.0'}\n"
        f"capabilities: [{CAPABILITIES[n % 3]}]\nhomepage: https://example.org/{n}\n"
        f"use_cases: [{'Rare usecase marker' if n == 2345 else 'Batch scoring'}]\n"
        "sources: [{title: Docs, url: 'https://example.org/docs'}]\nlast_reviewed: 2026-01-01\n"
    )


RUNTIMES = {f"r{n:04d}": n for n in range(N)}
BY_NAME = sorted(RUNTIMES, key=lambda s: (name_of(RUNTIMES[s]).casefold(), s))


def names(slugs) -> list[str]:
    return [name_of(RUNTIMES[s]) for s in slugs]


@pytest.fixture(scope="module")
def served(tmp_path_factory, serve_dir) -> tuple[Path, str]:
    """(site folder, base URL): built with site_url at the address it is served
    from, so Material's instant navigation takes over its links (it follows
    only links its sitemap lists)."""
    root = tmp_path_factory.mktemp("directory-paged")
    url = serve_dir(root / "site", "/sub/")
    # sitekit.BASE_MKDOCS as the browser conftest sets it: instant navigation and the palette on
    config = sitekit.BASE_MKDOCS.format(vocabularies=REPO / "vocabularies.yml").replace("https://example.org/sub/", url, 1)
    files = {f"runtimes/{slug}.yml": runtime_yaml(n) for slug, n in RUNTIMES.items()}
    files["docs/index.md"] = "---\nlast_reviewed: 2026-01-01\n---\n# Home\n\n[The runtime directory](runtimes/index.md)\n"
    return build_strict(write_site(root, files, config)), url


@pytest.fixture(scope="module")
def built(served) -> Path:
    return served[0]


@pytest.fixture(scope="module")
def base(served) -> str:
    return served[1]


def visible_cards(page):
    # textContent: cards below the screen are not rendered until scrolled to (content-visibility)
    return page.locator("[data-ar-row]:visible h2").all_text_contents()


def ready(page, url):
    page.goto(url)
    page.wait_for_function("!document.querySelector('[data-ar-filters]').hidden")


def status(page):
    return page.locator("[data-ar-dir-status]").inner_text()


def more(page):
    return page.locator("[data-ar-show-more]")


def test_the_first_runtimes_are_in_the_page_and_the_filters_take_over(base, page):
    page.goto(base + "runtimes/", wait_until="commit")
    page.locator(".ar-runtime-card").first.wait_for(state="visible")  # from the HTML, before any data file
    page.wait_for_function("!document.querySelector('[data-ar-filters]').hidden")
    assert status(page) == f"{N} runtimes"
    assert visible_cards(page) == names(BY_NAME[:100])
    assert more(page).inner_text() == f"Show 100 more ({N - 100} not shown yet)"
    assert page.locator("[data-ar-pager]").is_hidden()  # "Show more" reaches every runtime now
    more(page).click()
    assert visible_cards(page) == names(BY_NAME[:200])
    # A card built from the data file reads like one from the HTML, and its link works.
    built = page.locator("[data-ar-row]").nth(150)
    built.scroll_into_view_if_needed()  # rendered once on screen (content-visibility)
    # textContent: the first card is off screen by now, and innerText of a
    # card content-visibility skips is empty
    labels = [t.strip() for t in built.locator("dt").all_text_contents()]
    assert labels == [t.strip() for t in page.locator("[data-ar-row]").first.locator("dt").all_text_contents()]
    assert labels and all(labels)
    slug = built.get_attribute("data-slug")
    assert slug == BY_NAME[150]
    assert "Runtime number" in built.locator(".ar-runtime-card__summary").text_content()
    built.locator("h2 a").click()
    page.wait_for_url(f"**/runtimes/{slug}/")
    page.wait_for_selector("article.ar-runtime")  # instant navigation changes the URL before the page arrives
    assert page.locator("h1").inner_text() == name_of(RUNTIMES[slug])
    assert page.errors == []


def test_a_filter_click_redraws_with_counts_over_every_runtime(base, page):
    ready(page, base + "runtimes/")
    page.locator("input[name=category][value=browser]").check()
    browsers = [s for s in BY_NAME if CATEGORIES[RUNTIMES[s] % 4] == "browser"]
    assert status(page) == f"{len(browsers)} of {N} runtimes"
    assert visible_cards(page) == names(browsers[:100])
    assert "category=browser" in page.url
    count = lambda facet, value: int(page.locator(f"fieldset[data-ar-facet={facet}] input[value='{value}']").locator("xpath=..").locator("[data-ar-count]").inner_text())  # noqa: E731
    assert count("license", "Apache-2.0") == sum(1 for s in browsers if RUNTIMES[s] % 5 == 0)
    assert count("category", "compiler") == N // 4  # a facet's own values count as if chosen
    page.locator("input[name=license][value='Apache-2.0']").check()
    both = [s for s in browsers if RUNTIMES[s] % 5 == 0]
    assert visible_cards(page) == names(both[:100]) and status(page) == f"{len(both)} of {N} runtimes"
    assert page.locator("[data-ar-chips] .ar-chip").count() == 3  # two filters and "Clear all"
    page.locator("[data-ar-chips] .ar-chip--clear").click()
    assert status(page) == f"{N} runtimes"
    assert page.errors == []


def test_sorting_text_filter_and_url_state_cover_every_runtime(base, page):
    ready(page, base + "runtimes/?sort=-name&hardware=amd-gpu")
    amd = [s for s in BY_NAME if "amd-gpu" in runtime_yaml(RUNTIMES[s])]
    assert visible_cards(page) == names(list(reversed(amd))[:100])
    assert page.locator("#ar-filter-sort").input_value() == "-name"
    page.reload()
    page.wait_for_function("!document.querySelector('[data-ar-filters]').hidden")
    assert visible_cards(page)[:3] == names(list(reversed(amd))[:3])
    ready(page, base + "runtimes/")
    page.fill("#ar-filter-text", "rare usecase")  # a use case: only in the data file's text column
    assert visible_cards(page) == [name_of(2345)]
    assert status(page) == f"1 of {N} runtimes"
    page.fill("#ar-filter-text", "zzzz")
    assert page.locator("[data-ar-empty]").is_visible()
    assert page.errors == []


def test_table_view_and_compare_selected(base, page):
    ready(page, base + "runtimes/?view=table")
    rows = page.locator("[data-ar-table] tbody tr")
    assert rows.count() == 100
    assert rows.first.locator("th").inner_text() == name_of(RUNTIMES[BY_NAME[0]])
    more(page).click()
    assert rows.count() == 200
    page.locator("[data-ar-view=cards]").click()
    first, far = BY_NAME[0], BY_NAME[-1]  # a card from the HTML and one only the data file has
    page.check(f"[data-ar-compare-box][value={first}]")
    page.fill("#ar-filter-text", name_of(RUNTIMES[far]).lower())
    page.check(f"[data-ar-compare-box][value={far}]")
    link = page.locator("[data-ar-compare-link]")
    assert link.get_attribute("href").endswith(f"compare/?r={first},{far}")
    link.click()
    page.wait_for_selector("[data-ar-compare-table] table")
    assert page.locator("[data-ar-compare-table] thead th").all_inner_texts() == ["Field", *names([first, far])]
    assert page.errors == []


def test_instant_navigation_into_the_directory_and_back_and_forth(base, page):
    page.goto(base)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__arFirstLoad = 1")
    page.locator("article").get_by_role("link", name="The runtime directory").click()
    page.wait_for_function("document.querySelector('[data-ar-filters]') && !document.querySelector('[data-ar-filters]').hidden")
    assert status(page) == f"{N} runtimes"
    page.locator("input[name=category][value=compiler]").check()
    assert status(page) == f"{N // 4} of {N} runtimes"
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert status(page) == f"{N} runtimes"
    page.go_back()
    page.wait_for_selector("[data-ar-directory]", state="detached")
    page.go_forward()
    page.wait_for_function("document.querySelector('[data-ar-filters]') && !document.querySelector('[data-ar-filters]').hidden")
    assert visible_cards(page) == names(BY_NAME[:100])
    assert page.evaluate("window.__arFirstLoad") == 1  # every step without a reload
    assert page.errors == []


def test_without_javascript_the_listing_pages_reach_every_runtime(base, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base + "runtimes/")
        assert visible_cards(page) == names(BY_NAME[:100])
        pager = page.get_by_role("navigation", name="All runtimes, page by page")
        assert pager.is_visible()
        pager.get_by_role("link", name="Next page").click()
        page.wait_for_url("**/runtimes/page/2/")
        assert visible_cards(page) == names(BY_NAME[100:200])
        page.get_by_role("navigation", name="All runtimes, page by page").get_by_role("link", name="Page 30", exact=True).click()
        page.wait_for_url("**/runtimes/page/30/")
        assert visible_cards(page) == names(BY_NAME[2900:])
        assert page.get_by_role("link", name="Next page").count() == 0
        page.get_by_role("link", name="Previous page").click()
        page.wait_for_url("**/runtimes/page/29/")
    finally:
        context.close()


OFFLINE_N = 300  # past the default directory_inline_max (250)


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    files = {f"runtimes/r{n:04d}.yml": runtime_yaml(n) for n in range(OFFLINE_N)}
    config = sitekit.BASE_MKDOCS.format(vocabularies=REPO / "vocabularies.yml").replace("plugins:\n", "plugins:\n  - offline\n", 1)
    return build_strict(write_site(tmp_path_factory.mktemp("directory-paged-offline"), files, config))


def test_from_a_folder_the_filters_load_the_data_files_script_twin(offline_site, page):
    assert (offline_site / (DIRECTORY_DATA + ".js")).is_file()
    page.goto((offline_site / "runtimes" / "index.html").as_uri())
    page.wait_for_function("!document.querySelector('[data-ar-filters]').hidden")
    assert status(page) == f"{OFFLINE_N} runtimes"
    page.locator("input[name=category][value=compiler]").check()
    assert status(page) == f"{OFFLINE_N // 4} of {OFFLINE_N} runtimes"
    more_cards = page.locator("[data-ar-row]:visible h2 a")
    href = more_cards.first.get_attribute("href")
    assert href.startswith("file://") and re.search(r"/runtimes/r\d{4}\.html$", href)
    # Material's repository widget cannot reach GitHub from here; nothing of ours fails.
    assert [e for e in page.errors if "ERR_NAME_NOT_RESOLVED" not in e] == []
    data = json.loads((offline_site / DIRECTORY_DATA).read_text(encoding="utf-8"))
    assert data["count"] == OFFLINE_N


VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"


def test_the_paged_directory_and_its_listing_pages_are_valid_html(built):
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.skip("Nu Html Checker needs java and node_modules/vnu-jar (make test installs it)")
    files = [built / "runtimes/index.html", built / "runtimes/page/2/index.html", built / "runtimes/page/30/index.html"]
    proc = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)], capture_output=True, text=True)
    messages = json.loads(proc.stderr or '{"messages": []}')["messages"]
    assert [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"] == []


def serious_violations(page) -> list[str]:
    """axe-core's serious or critical violations (as tests/browser/test_quality.py)."""
    import axe_playwright_python

    page.add_script_tag(path=str(Path(axe_playwright_python.__file__).parent / "axe.min.js"))
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)"""
    )


def test_no_serious_accessibility_violations_in_the_paged_directory(base, page):
    ready(page, base + "runtimes/")
    assert more(page).inner_text() == f"Show 100 more ({N - 100} not shown yet)"  # the data file's rows are in
    more(page).click()  # cards built from the data file too
    assert visible_cards(page) == names(BY_NAME[:200])
    page.locator("[data-ar-row]").nth(150).scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    page.evaluate("document.activeElement.blur()")
    page.wait_for_timeout(300)  # Material's buttons fade their colours: check the page at rest
    assert serious_violations(page) == []
    page.goto(base + "runtimes/page/2/")
    assert serious_violations(page) == []

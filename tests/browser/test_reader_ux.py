"""What a reader gets on a phone (390×844) and a desktop (1280×900), in both
colour schemes, after Material's instant navigation, and from a folder
(file://): the layout, the search list and dialog inside the screen, the
directory as a catalogue, and every feature still running."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from test_quality import serious_violations

REPO = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
PAGES = {
    "home": "",
    "pattern": "patterns/caching-and-cache-loss/",
    "term": "glossary/kv-cache/",
    "glossary": "glossary/",
    "directory": "runtimes/",
    "runtime": "runtimes/llama-cpp/",
    "compare": "runtimes/compare/?r=vllm,sglang,llama-cpp",
    "search": "search/?q=kv",
    "not found": "404.html",
}


def build_repo_site(out: Path, **env: str) -> Path:
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=REPO, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory, serve_dir):
    """The repository's site under a sub-path, with site_url at the address it
    is served from: Material's instant navigation only takes over links that
    its sitemap lists (it keeps the sitemap's port and path)."""
    out = tmp_path_factory.mktemp("ux-site")
    url = serve_dir(out, "/reference/")
    build_repo_site(out, SITE_URL=url)
    return url


@pytest.fixture
def screen(browser, request):
    """A page of the given size and colour scheme: screen(size, scheme)."""
    contexts = []

    def open_page(size="desktop", scheme="light"):
        context = browser.new_context(viewport=SIZES[size], color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
        return page

    yield open_page
    for context in contexts:
        context.close()


def overflow(page) -> float:
    """How far the page, or anything in its content, reaches past the right
    edge (Material's containers clip overflow, so scrollWidth alone hides it);
    what sits inside a sideways-scrolling region does not count."""
    return page.evaluate(
        """() => {
          const vw = document.documentElement.clientWidth;
          let worst = document.documentElement.scrollWidth - vw;
          for (const e of document.querySelectorAll('.md-content *, .md-header *')) {
            if (e.closest('.ar-scroll, .md-typeset__scrollwrap, pre, dialog, [hidden], .md-search, .md-tooltip')) continue;
            const r = e.getBoundingClientRect();
            if (r.width > 1 && r.right - vw > worst) worst = r.right - vw;
          }
          return Math.round(worst * 10) / 10;
        }"""
    )


def box(locator):
    return locator.bounding_box()


def inside_viewport(page, locator) -> bool:
    b = box(locator)
    v = page.viewport_size
    return b is not None and b["x"] >= 0 and b["y"] >= 0 and b["x"] + b["width"] <= v["width"] + 0.5 and b["y"] + b["height"] <= v["height"] + 0.5


# -- layout ------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_no_page_scrolls_sideways(site, screen, size):
    page = screen(size)
    for name, path in PAGES.items():
        page.goto(site + path)
        page.wait_for_load_state("load")
        assert overflow(page) == 0, name
    assert page.errors == []


def test_first_runtime_is_visible_on_a_phone_and_filters_wait_behind_a_button(site, screen):
    page = screen("phone")
    page.goto(site + "runtimes/")
    first = page.locator("[data-ar-row]").first
    assert inside_viewport(page, first.locator("h2"))
    toggle = page.get_by_role("button", name="Filters", exact=True)
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("fieldset[data-ar-facet=category]").is_visible()
    toggle.click()
    page.locator("fieldset[data-ar-facet=category] input").first.check()
    assert page.get_by_role("button", name="Filters (1)", exact=True).get_attribute("aria-expanded") == "true"
    page.get_by_role("button", name="Show results").click()
    assert not page.locator("fieldset[data-ar-facet=category]").is_visible()
    assert inside_viewport(page, page.locator("[data-ar-row]:visible").first.locator("h2"))
    # In the (wide) table view too, the open panel and the toolbar fit the screen.
    page.get_by_role("button", name="Table").click()
    page.get_by_role("button", name="Filters (1)", exact=True).click()
    for control in ("#ar-filter-text", "[data-ar-view=table]", "#ar-filter-sort", "[data-ar-table] [role=region]"):
        b = box(page.locator(control))
        assert b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"], control
    assert page.errors == []


def test_directory_is_a_catalogue_on_a_desktop(site, screen):
    page = screen("desktop")
    page.goto(site + "runtimes/")
    # Full width: no table-of-contents column; facets in a sidebar beside the list.
    assert not page.locator(".md-sidebar--secondary").is_visible()
    facets = box(page.locator("[data-ar-facets]"))
    first = box(page.locator("[data-ar-row]").first)
    assert facets["x"] + facets["width"] <= first["x"] and first["y"] < 900
    assert not page.get_by_role("button", name="Filters", exact=True).is_visible()
    # A long facet shows its top values and folds the rest behind "Show n more".
    capability = page.locator("fieldset[data-ar-facet=capability]")
    total = capability.locator("li").count()
    shown = capability.locator("li:visible").count()
    assert total > shown
    more = capability.get_by_role("button", name=f"Show {total - shown} more")
    more.click()
    assert capability.locator("li:visible").count() == total
    assert page.errors == []


def test_active_filters_are_chips_that_remove_themselves(site, screen):
    page = screen("desktop")
    page.goto(site + "runtimes/?category=inference-server&hardware=cpu")
    chips = page.locator("[data-ar-chips] button")
    assert [" ".join(t.split()) for t in chips.all_text_contents()] == ["Inference server × (remove filter)", "CPU × (remove filter)", "Clear all"]
    before = page.locator("[data-ar-row]:visible").count()
    chips.first.click()
    assert parse_qs(urlsplit(page.url).query) == {"hardware": ["cpu"]}
    assert page.locator("[data-ar-row]:visible").count() > before
    assert not page.is_checked("fieldset[data-ar-facet=category] input[value=inference-server]")
    assert page.errors == []


def test_table_view_sorts_by_column_and_keeps_the_state_in_the_url(site, screen):
    page = screen("desktop")
    page.goto(site + "runtimes/")
    page.get_by_role("button", name="Table").click()
    table = page.locator("[data-ar-table] table")
    assert not page.locator("[data-ar-list]").is_visible()
    names = table.locator("tbody th").all_inner_texts()
    assert names == sorted(names, key=str.casefold) and len(names) == page.locator("[data-ar-row]").count()
    header = table.locator("thead th", has_text="Runtime")
    assert header.get_attribute("aria-sort") == "ascending"
    header.get_by_role("button").click()
    assert table.locator("thead th", has_text="Runtime").get_attribute("aria-sort") == "descending"
    assert table.locator("tbody th").all_inner_texts() == names[::-1]
    assert parse_qs(urlsplit(page.url).query) == {"view": ["table"], "sort": ["-name"]}
    region = page.locator("[data-ar-table] [role=region]")
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("aria-label")
    assert page.errors == []


def test_compare_selected_is_visibly_unavailable_until_two_are_chosen(site, screen):
    page = screen("phone")
    page.goto(site + "runtimes/")
    link = page.locator("[data-ar-compare-link]")
    assert link.get_attribute("aria-disabled") is not None
    assert "md-button--primary" not in link.get_attribute("class")
    style = link.evaluate("e => getComputedStyle(e).borderStyle")
    assert style == "dashed"
    assert inside_viewport(page, link)  # the bar stays at the bottom of the screen
    page.locator("[data-ar-compare-box]").nth(0).check()
    assert link.get_attribute("aria-disabled") is not None
    page.locator("[data-ar-compare-box]").nth(1).check()
    assert link.get_attribute("aria-disabled") is None
    assert "md-button--primary" in link.get_attribute("class")
    assert page.errors == []


@pytest.mark.parametrize("size", SIZES)
def test_wide_tables_scroll_inside_a_labelled_focusable_region(site, screen, size):
    page = screen(size)
    page.goto(site + "patterns/caching-and-cache-loss/")
    region = page.locator(".ar-scroll[role=region]").first
    assert region.get_attribute("tabindex") == "0"
    label_id = region.get_attribute("aria-labelledby")
    assert page.locator(f"#{label_id}").inner_text()
    region.focus()
    scrollable = region.evaluate("e => e.scrollWidth > e.clientWidth")
    if size == "phone":
        assert scrollable
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.activeElement.scrollLeft > 0")
        assert page.locator(".ar-scroll__caption").first.is_visible()
    assert overflow(page) == 0
    # The comparison keeps its first column in view while it scrolls.
    page.goto(site + PAGES["compare"])
    page.wait_for_selector("[data-ar-compare-table] table")
    cell = page.locator("[data-ar-compare-table] tbody th").first
    x = box(cell)["x"]
    page.locator("[data-ar-compare-table] [role=region]").evaluate("e => e.scrollLeft = e.scrollWidth")
    assert abs(box(cell)["x"] - x) < 1
    last = page.locator("[data-ar-compare-table] thead th").last
    assert "llama" in last.inner_text().lower()


# -- header search -----------------------------------------------------------


def test_search_list_stays_inside_the_window_on_a_desktop(site, screen):
    page = screen("desktop")
    page.goto(site + "patterns/caching-and-cache-loss/")
    page.keyboard.press("/")
    page.keyboard.type("kv")
    show_all = page.locator("#ar-search-listbox [role=option]", has_text="Show all")
    show_all.wait_for()
    assert inside_viewport(page, page.locator("#ar-search-panel"))
    assert inside_viewport(page, show_all)
    options = page.locator("#ar-search-listbox [role=option]")
    for _ in range(options.count()):
        page.keyboard.press("ArrowDown")
        active = page.locator("#ar-search-listbox [aria-selected=true]")
        assert inside_viewport(page, active)
    assert active.inner_text().startswith("Show all")
    # Results are real links: a new tab opens on ctrl/middle-click.
    first = options.first
    assert first.evaluate("e => e.tagName") == "A" and first.get_attribute("href")
    assert page.errors == []


def test_search_opens_full_screen_on_a_phone(site, screen):
    page = screen("phone")
    page.goto(site + "glossary/kv-cache/")
    title = page.locator(".md-header__topic").first
    assert title.evaluate("e => e.scrollWidth <= e.clientWidth")  # the site title is not cut
    page.get_by_role("link", name="Search").click()
    dialog = page.locator(".ar-search__dialog")
    assert box(dialog) == {"x": 0, "y": 0, "width": 390, "height": 844}
    assert page.locator("#ar-search-input").evaluate("e => e === document.activeElement")
    page.keyboard.type("kv")
    show_all = page.locator("#ar-search-listbox [role=option]", has_text="Show all")
    show_all.wait_for()
    show_all.scroll_into_view_if_needed()
    assert inside_viewport(page, show_all)
    assert overflow(page) == 0
    page.get_by_role("button", name="Close search").click()
    assert not dialog.is_visible()
    assert page.errors == []


def test_highlight_on_arrival_and_a_way_to_clear_it(site, screen):
    page = screen("desktop")
    page.goto(site + "search/?q=prefill")
    link = page.locator(".ar-result__link").first
    link.wait_for()
    assert page.locator(".ar-result__summary a").count() == 0  # summaries are text, not links
    link.click()
    page.wait_for_selector("mark.ar-highlight")
    assert "h=prefill" in page.url
    assert all(m.lower().startswith("prefill") for m in page.locator("mark.ar-highlight").all_inner_texts())
    page.get_by_role("button", name="Clear highlighting").click()
    assert page.locator("mark.ar-highlight").count() == 0
    assert "h=" not in page.url
    assert page.errors == []


# -- corrections dialog ------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_corrections_dialog_keeps_title_and_actions_in_view(site, screen, size):
    page = screen(size)
    page.goto(site + "patterns/caching-and-cache-loss/")
    page.get_by_role("button", name="Suggest a correction", exact=True).click()
    dialog = page.get_by_role("dialog", name="Suggest a correction")
    dialog.wait_for(state="visible")
    submit = dialog.get_by_role("button", name="Open the GitHub issue form")
    close = dialog.get_by_role("button", name="Close")
    title = page.locator("#ar-corrections-title")
    for _ in range(2):
        assert inside_viewport(page, submit) and inside_viewport(page, close) and inside_viewport(page, title)
        dialog.evaluate("d => d.scrollTop = d.scrollHeight")  # the body scrolls; title and actions stay
    if size == "phone":
        assert box(dialog) == {"x": 0, "y": 0, "width": 390, "height": 844}
    close.click()
    assert page.errors == []


def test_section_buttons_only_on_content_sections(site, screen):
    page = screen("desktop")
    page.goto(site + "glossary/kv-cache/")
    buttons = page.locator("[data-ar-section-correction] button").all_inner_texts()
    assert buttons and all("Definition" in b for b in buttons)
    for aside in ("related", "referenced-by", "sources"):
        assert page.locator(f"section[aria-labelledby={aside}] [data-ar-section-correction]").count() == 0
    assert page.locator(".ar-maintenance [data-ar-open]").is_visible()


# -- glossary, related -------------------------------------------------------


def test_glossary_letter_bar_stays_in_view(site, screen):
    page = screen("phone")
    page.goto(site + "glossary/")
    assert page.locator(".ar-term-list__alias").count() == 0
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(200)
    assert inside_viewport(page, page.locator(".ar-letters"))
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 20000, height


def test_related_entries_are_grouped_by_kind_with_plain_labels(site, screen):
    page = screen("desktop")
    page.goto(site + "glossary/kv-cache/")
    groups = page.locator("section[aria-labelledby=related] .ar-linked-group h3").all_text_contents()
    assert groups and all(g.split(" (")[0] in ("Glossary terms", "Patterns", "Runtimes") for g in groups)
    assert page.locator("section[aria-labelledby=related] .ar-kind").count() == 0  # no button-like badges


def test_not_found_page_offers_search_and_the_sections(site, screen):
    page = screen("phone")
    page.goto(site + "no-such-page/")
    page.goto(site + "404.html")
    links = page.locator("article .ar-sections a")
    assert links.all_inner_texts() == ["Patterns", "Glossary", "Runtime directory"]
    page.fill("#ar-404-input", "kv cache")
    page.keyboard.press("Enter")
    page.wait_for_selector(".ar-result__link")
    assert urlsplit(page.url).path == "/reference/search/"


# -- accessibility in both schemes, with results and dialogs open -------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["pattern", "glossary", "directory", "compare", "search", "not found"])
def test_no_serious_accessibility_violations_in_either_scheme(site, screen, scheme, name):
    page = screen("desktop", scheme)
    page.goto(site + PAGES[name])
    page.wait_for_timeout(300)
    assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    assert serious_violations(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_violations_with_results_and_dialog_open(site, screen, scheme):
    page = screen("phone", scheme)
    page.goto(site + "runtimes/llama-cpp/")
    page.get_by_role("link", name="Search").click()
    page.keyboard.type("cache")
    page.locator("#ar-search-listbox [role=option]").first.wait_for()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Close search").click()
    page.get_by_role("button", name="Suggest a correction", exact=True).click()
    dialog = page.get_by_role("dialog", name="Suggest a correction")
    dialog.get_by_role("button", name="Open the GitHub issue form").click()  # errors shown
    assert serious_violations(page) == []


# -- instant navigation --------------------------------------------------------


def test_every_feature_survives_instant_navigation(site, screen):
    page = screen("desktop")
    page.goto(site)
    page.wait_for_load_state("networkidle")  # Material follows links once its sitemap is in
    assert page.evaluate("typeof window.document$") == "object"
    page.evaluate("window.__arFirstLoad = 1")  # gone if the page reloads
    page.get_by_role("link", name="Runtimes").first.click()
    page.wait_for_selector("[data-ar-directory]")
    assert page.evaluate("window.__arFirstLoad") == 1  # an instant navigation, not a reload
    page.check("fieldset[data-ar-facet=category] input[value=inference-server]")
    assert "category=inference-server" in page.url
    page.locator("[data-ar-row]:visible [data-ar-compare-box]").nth(0).check()
    page.locator("[data-ar-row]:visible [data-ar-compare-box]").nth(1).check()
    page.locator("[data-ar-compare-link]").click()
    page.wait_for_selector("[data-ar-compare-table] table")
    assert "compare" in page.url
    assert page.evaluate("window.__arFirstLoad") == 1
    # Header search from a deeper folder: results point to real pages.
    page.locator("[data-ar-compare-table] thead a").first.click()
    page.wait_for_url("**/runtimes/*/")
    page.wait_for_selector("article.ar-runtime")  # Material changes the URL before the page arrives
    page.keyboard.press("/")
    page.keyboard.type("kv cache")
    option = page.locator("#ar-search-listbox [role=option]").first
    option.wait_for()
    href = option.get_attribute("href")
    assert urlsplit(href).path.startswith("/reference/") and "/runtimes/" not in urlsplit(href).path
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector("mark.ar-highlight")
    assert page.evaluate("window.__arFirstLoad") == 1
    # Tooltips and the corrections dialog on the page reached by navigation.
    term = page.locator(".ar-term__link").first
    if term.count():
        term.focus()
        assert page.locator(".ar-term:focus-within .ar-term__tip").is_visible()
    page.get_by_role("button", name="Suggest a correction", exact=True).click()
    assert page.get_by_role("dialog", name="Suggest a correction").is_visible()
    page.keyboard.press("Escape")
    # The results page, reached from the box's "Show all".
    page.locator("#ar-search-input").fill("cache")
    show_all = page.locator("#ar-search-listbox [role=option][href$='?q=cache']")
    show_all.click()
    page.wait_for_selector(".ar-result__link")
    assert page.locator("#ar-results-input").input_value() == "cache"
    assert page.evaluate("window.__arFirstLoad") == 1
    assert page.errors == []


# -- opened from a folder (file://) ---------------------------------------------


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    """The repository's site built with Material's offline plugin (make offline)."""
    return build_repo_site(tmp_path_factory.mktemp("offline-site"), OFFLINE="true")


def test_search_filters_comparison_and_tooltips_work_from_a_folder(offline_site, screen):
    page = screen("desktop")
    page.goto((offline_site / "patterns" / "caching-and-cache-loss.html").as_uri())
    page.keyboard.press("/")
    page.keyboard.type("kv")
    option = page.locator("#ar-search-listbox [role=option]").first
    option.wait_for()
    assert option.get_attribute("href").startswith("file://") and ".html" in option.get_attribute("href")
    page.keyboard.press("Enter")  # the results page, from the folder too
    page.wait_for_selector(".ar-result__link")
    assert page.url.startswith("file://")
    page.goto((offline_site / "runtimes" / "index.html").as_uri())
    page.check("fieldset[data-ar-facet=category] input[value=browser]")
    assert page.locator("[data-ar-row]:visible").count() < page.locator("[data-ar-row]").count()
    page.goto((offline_site / "runtimes" / "compare.html").as_uri() + "?r=vllm,llama-cpp")
    page.wait_for_selector("[data-ar-compare-table] table")
    assert page.locator("[data-ar-compare-table] thead th").all_inner_texts()[1:] == ["vLLM", "llama.cpp"]
    page.goto((offline_site / "glossary" / "kv-cache.html").as_uri())
    term = page.locator(".ar-term__link").first
    term.focus()
    assert page.locator(".ar-term:focus-within .ar-term__tip").is_visible()
    # Material's repository widget cannot reach GitHub from here; nothing of ours fails.
    assert [e for e in page.errors if "ERR_NAME_NOT_RESOLVED" not in e] == []


def test_directory_back_and_forward_under_instant_navigation(site, screen):
    page = screen("desktop")
    page.goto(site)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__arFirstLoad = 1")
    page.get_by_role("link", name="Runtimes").first.click()
    page.wait_for_selector("[data-ar-directory]")
    status = page.locator("[data-ar-dir-status]")
    total = status.inner_text()
    page.check("fieldset[data-ar-facet=license] input[value=MIT]")
    one = status.inner_text()
    page.check("fieldset[data-ar-facet=category] input[value=inference-server]")
    page.go_back()
    page.wait_for_function("() => !location.search.includes('category')")
    assert status.inner_text() == one
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert status.inner_text() == total
    page.go_back()
    page.wait_for_selector("[data-ar-directory]", state="detached")
    page.go_forward()
    page.wait_for_selector("[data-ar-directory]")
    assert status.inner_text() == total
    assert page.evaluate("window.__arFirstLoad") == 1  # every step without a reload
    assert page.errors == []

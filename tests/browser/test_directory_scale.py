"""A long directory stays quick: with JavaScript the directory shows the first
100 matching runtimes and a "Show more" control (so a filter click redraws at
most 100 cards), while counts, filters and sorting cover every runtime; without
JavaScript every runtime is still listed."""

from __future__ import annotations

import pytest

from sitekit import build_strict, write_site

N = 240
CATEGORIES = ["inference-server", "local-runtime", "browser"]


def runtime_yaml(n: int) -> str:
    category = CATEGORIES[n % 3]
    return (
        f"name: Runtime {n:03d}\nsummary: Runtime number {n}.\ncategory: {category}\ndeployment: [single-node-server]\n"
        f"hardware: [cpu]\nlicense: MIT\nhomepage: https://example.org/{n}\n"
        "sources: [{title: Docs, url: 'https://example.org/docs'}]\nlast_reviewed: 2026-01-01\n"
    )


@pytest.fixture(scope="module")
def base(tmp_path_factory, serve_dir):
    files = {f"runtimes/r{n:03d}.yml": runtime_yaml(n) for n in range(N)}
    root = write_site(tmp_path_factory.mktemp("directory-scale"), files)
    return serve_dir(build_strict(root), "/sub/")


def visible_cards(page):
    return page.locator("[data-ar-row]:visible h2").all_inner_texts()


def more(page):
    return page.locator("[data-ar-show-more]")


def test_first_hundred_then_show_more_then_the_rest(base, page):
    page.goto(base + "runtimes/")
    page.wait_for_function("!document.querySelector('[data-ar-filters]').hidden")
    assert page.locator("[data-ar-dir-status]").inner_text() == f"{N} runtimes"
    names = visible_cards(page)
    assert names == [f"Runtime {n:03d}" for n in range(100)]
    assert more(page).inner_text() == f"Show 100 more ({N - 100} not shown yet)"
    more(page).click()
    assert len(visible_cards(page)) == 200
    more(page).click()
    assert len(visible_cards(page)) == N and more(page).is_hidden()


def test_a_filter_covers_every_runtime_and_starts_the_window_again(base, page):
    page.goto(base + "runtimes/")
    page.wait_for_function("!document.querySelector('[data-ar-filters]').hidden")
    more(page).click()
    page.locator("input[name=category][value=browser]").check()
    browsers = [f"Runtime {n:03d}" for n in range(N) if n % 3 == 2]
    assert page.locator("[data-ar-dir-status]").inner_text().startswith(f"{len(browsers)} of {N}")
    assert visible_cards(page) == browsers[:len(browsers)]  # 80 of them: one window
    assert more(page).is_hidden()
    page.locator("#ar-filter-sort").select_option("-name")
    assert visible_cards(page) == list(reversed(browsers))[:100]


def test_the_table_view_is_windowed_too(base, page):
    page.goto(base + "runtimes/?view=table")
    page.locator("[data-ar-table] tbody tr").first.wait_for()
    assert page.locator("[data-ar-table] tbody tr").count() == 100
    more(page).click()
    assert page.locator("[data-ar-table] tbody tr").count() == 200


def test_without_javascript_every_runtime_is_listed(base, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base + "runtimes/")
        assert page.locator("[data-ar-row]:visible").count() == N
    finally:
        context.close()

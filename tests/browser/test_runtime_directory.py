"""What a reader does in the runtime directory: filter, count, share, go back,
compare — and what they get without JavaScript."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from sitekit import build_strict, write_site

RUNTIMES = {
    # slug: (name, category, deployment, hardware, license, capabilities)
    "alpha": ("Alpha Serve", "inference-server", "[single-node-server, kubernetes-or-cluster]", "[nvidia-gpu, cpu]", "Apache-2.0", "[continuous-batching]"),
    "beta": ("beta.cpp", "local-runtime", "[local-process, desktop-application]", "[cpu, apple-silicon]", "MIT", "[quantization]"),
    "gamma": ("Gamma Web", "browser", "[browser]", "[webgpu]", "Apache-2.0", "[quantization]"),
    "delta": ("Delta Flow", "agent-runtime", "[kubernetes-or-cluster]", "[any]", "MIT", "[durable-execution]"),
    "epsilon": ("Epsilon RT", "inference-server", "[single-node-server]", "[amd-gpu]", "BSD-3-Clause", "[continuous-batching, quantization]"),
}


def runtime_yaml(name, category, deployment, hardware, license, capabilities):
    return (
        f"name: {name}\nsummary: {name} runs models.\ncategory: {category}\ndeployment: {deployment}\n"
        f"hardware: {hardware}\nlicense: {license}\nhomepage: https://example.org/\ncapabilities: {capabilities}\n"
        "sources: [{title: Docs, url: 'https://example.org/docs'}]\nlast_reviewed: 2026-01-01\n"
    )


@pytest.fixture(scope="module")
def base(tmp_path_factory, serve_dir):
    files = {f"runtimes/{slug}.yml": runtime_yaml(*fields) for slug, fields in RUNTIMES.items()}
    root = write_site(tmp_path_factory.mktemp("directory"), files)
    return serve_dir(build_strict(root), "/sub/")


def visible_names(page):
    return page.locator("[data-ar-row]:visible h2").all_inner_texts()


def status(page):
    return page.locator("[data-ar-dir-status]").inner_text()


def count_of(page, facet, value):
    label = page.locator(f"fieldset[data-ar-facet={facet}] input[value='{value}']").locator("xpath=..")
    return int(label.locator("[data-ar-count]").inner_text())


def query(page):
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def test_facet_filter_counts_and_announcement(base, page):
    page.goto(base + "runtimes/")
    assert status(page) == "5 runtimes"
    assert visible_names(page) == ["Alpha Serve", "beta.cpp", "Delta Flow", "Epsilon RT", "Gamma Web"]
    page.check("fieldset[data-ar-facet=category] input[value=inference-server]")
    assert visible_names(page) == ["Alpha Serve", "Epsilon RT"]
    assert status(page) == "2 of 5 runtimes"
    assert page.locator("[data-ar-dir-status]").get_attribute("aria-live") == "polite"
    assert query(page) == {"category": "inference-server"}
    # Counts of other facets follow the filter; the facet's own values keep theirs.
    assert count_of(page, "hardware", "nvidia-gpu") == 1
    assert count_of(page, "hardware", "webgpu") == 0
    assert count_of(page, "category", "browser") == 1
    assert count_of(page, "license", "BSD-3-Clause") == 1
    # Values within a facet are alternatives; facets combine.
    page.check("fieldset[data-ar-facet=category] input[value=browser]")
    assert visible_names(page) == ["Alpha Serve", "Epsilon RT", "Gamma Web"]
    page.check("fieldset[data-ar-facet=capability] input[value=quantization]")
    assert visible_names(page) == ["Epsilon RT", "Gamma Web"]
    assert page.errors == []


def test_text_filter_and_sorting(base, page):
    page.goto(base + "runtimes/")
    page.fill("#ar-filter-text", "web")
    assert visible_names(page) == ["Gamma Web"]
    page.fill("#ar-filter-text", "")
    page.select_option("#ar-filter-sort", "-name")
    assert visible_names(page) == ["Gamma Web", "Epsilon RT", "Delta Flow", "beta.cpp", "Alpha Serve"]
    assert query(page) == {"sort": "-name"}
    page.fill("#ar-filter-text", "durable execution")  # capability labels are searchable
    assert visible_names(page) == ["Delta Flow"]
    page.fill("#ar-filter-text", "zzz-nothing")
    assert status(page) == "0 of 5 runtimes"
    assert page.locator("[data-ar-empty]").is_visible()
    page.locator("[data-ar-empty] [data-ar-filters-reset]").click()
    assert status(page) == "5 runtimes"
    assert page.errors == []


def test_state_comes_from_the_url_and_survives_reload(base, page):
    page.goto(base + "runtimes/?hardware=cpu&license=MIT")
    assert visible_names(page) == ["beta.cpp"]
    assert page.is_checked("fieldset[data-ar-facet=hardware] input[value=cpu]")
    page.reload()
    assert visible_names(page) == ["beta.cpp"]
    assert status(page) == "1 of 5 runtimes"


def test_back_and_forward_restore_filters(base, page):
    page.goto(base + "runtimes/")
    page.check("fieldset[data-ar-facet=license] input[value=MIT]")
    page.check("fieldset[data-ar-facet=deployment] input[value=kubernetes-or-cluster]")
    assert visible_names(page) == ["Delta Flow"]
    page.go_back()
    page.wait_for_function("() => !location.search.includes('deployment')")
    assert visible_names(page) == ["beta.cpp", "Delta Flow"]
    assert not page.is_checked("fieldset[data-ar-facet=deployment] input[value=kubernetes-or-cluster]")
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert status(page) == "5 runtimes"
    page.go_forward()
    page.wait_for_function("() => location.search.includes('license')")
    assert visible_names(page) == ["beta.cpp", "Delta Flow"]
    assert page.errors == []


def test_compare_two_to_four_runtimes(base, page):
    page.goto(base + "runtimes/")
    link = page.locator("[data-ar-compare-link]")
    assert link.get_attribute("aria-disabled") is not None
    for slug in ("gamma", "alpha"):
        page.check(f"[data-ar-compare-box][value={slug}]")
    assert link.get_attribute("href").endswith("compare/?r=gamma,alpha")
    for slug in ("beta", "delta"):
        page.check(f"[data-ar-compare-box][value={slug}]")
    assert page.is_disabled("[data-ar-compare-box][value=epsilon]")  # four at most
    link.click()
    page.wait_for_selector("table")
    headers = page.locator("[data-ar-compare-table] thead th").all_inner_texts()
    assert headers == ["Field", "Gamma Web", "Alpha Serve", "beta.cpp", "Delta Flow"]
    rows = {r.locator("th").inner_text(): r.locator("td").all_inner_texts() for r in page.locator("[data-ar-compare-table] tbody tr").all()}
    assert rows["License"] == ["Apache-2.0", "Apache-2.0", "MIT", "MIT"]
    assert rows["Category"] == ["Browser runtime", "Inference server", "Local and desktop runtime", "Agent and durable-task runtime"]
    assert rows["Hardware"][3] == "Hardware-independent"
    assert page.errors == []


def test_compare_page_from_a_shared_url_any_combination(base, page):
    page.goto(base + "runtimes/compare/?r=epsilon,beta")
    page.wait_for_selector("table")
    assert page.locator("thead th").all_inner_texts() == ["Field", "Epsilon RT", "beta.cpp"]
    page.goto(base + "runtimes/compare/?r=alpha,nope")
    page.wait_for_function("() => document.querySelector('[data-ar-compare-status]').textContent.includes('Not in the directory')")
    assert "Select at least 2 runtimes" in page.locator("[data-ar-compare-status]").inner_text()
    assert page.locator("table").count() == 0
    # The form changes the selection and keeps it in the URL.
    page.check("input[name=r][value=delta]")
    page.click("form[data-ar-compare-form] button[type=submit]")
    page.wait_for_selector("table")
    assert re.search(r"\?r=alpha,delta$", page.url)
    assert page.errors == []


def test_directory_without_javascript(base, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + "runtimes/?category=browser")
        assert len(page.locator("[data-ar-row]:visible").all()) == 5  # nothing hidden, nothing missing
        assert not page.locator("form[data-ar-filters]").is_visible()
        assert "Apache-2.0" in page.locator("[data-ar-row][data-slug=alpha]").inner_text()
        page.click("text=Alpha Serve")
        assert page.url.endswith("/sub/runtimes/alpha/")
    finally:
        context.close()

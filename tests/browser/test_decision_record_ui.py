"""What a reader does with the Runtime Decision Record builder in a real
browser: fill it in, narrow the candidates, export the Markdown, come back to a
draft, open a shared link, paste a record back — under a sub-path, by
keyboard, and what they get without JavaScript, on paper and from a folder."""

from __future__ import annotations

import functools
import http.server
import re
import socket
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sitekit import BASE_MKDOCS, MINIMAL_PATTERN, REPO, build_strict, write_site

RUNTIMES = {
    # slug: (name, deployment, hardware)
    "alpha": ("Alpha Serve", "[single-node-server, kubernetes-or-cluster]", "[nvidia-gpu, cpu]"),
    "beta": ("beta.cpp", "[local-process, desktop-application]", "[cpu, apple-silicon]"),
    "gamma": ("Gamma Web", "[browser]", "[webgpu]"),
    "delta": ("Delta Flow", "[kubernetes-or-cluster]", "[any]"),
}

DEPLOYMENT = MINIMAL_PATTERN.format(title="Deployment Patterns") + """\
decision_questions:
  - id: data-locality
    question: Data locality and classification
    hint: Which data classes does the request path carry?
  - id: cold-start
    question: Cold-start tolerance
"""
FALLBACK = MINIMAL_PATTERN.format(title="Failure and Fallback") + """\
decision_questions:
  - id: degraded-mode
    question: What is the degraded mode?
"""


def runtime_yaml(name, deployment, hardware):
    return (
        f"name: {name}\nsummary: {name} runs models.\ncategory: inference-server\ndeployment: {deployment}\n"
        f"hardware: {hardware}\nlicense: Apache-2.0\nhomepage: https://example.org/\n"
        "sources: [{title: Docs, url: 'https://example.org/docs'}]\nlast_reviewed: 2026-01-01\n"
    )


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The built site under /sub/, as on GitHub Pages."""

    def translate_path(self, path):
        return super().translate_path("/" + path[len("/sub/"):] if path.startswith("/sub/") else "/nonexistent")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The site built for, and served at, http://127.0.0.1:<port>/sub/ with
    navigation.instant on: Material only swaps pages in without a reload when
    site_url is where the site is served."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/sub/"
    files = {f"runtimes/{slug}.yml": runtime_yaml(*fields) for slug, fields in RUNTIMES.items()}
    files["patterns/deployment-patterns.yml"] = DEPLOYMENT
    files["patterns/failure-and-fallback.yml"] = FALLBACK
    files["patterns/serving-topology.yml"] = MINIMAL_PATTERN.format(title="Serving Topology")
    config = (
        BASE_MKDOCS.format(vocabularies=REPO / "vocabularies.yml")
        .replace("site_url: https://example.org/sub/", f"site_url: {base}")
        .replace("  font: false\n", "  font: false\n  features: [navigation.instant]\n")
    )
    assert "navigation.instant" in config and base in config
    root = write_site(tmp_path_factory.mktemp("decision-record"), files, config)
    build_strict(root)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Handler, directory=str(root / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield root / "site", base
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def built(served) -> Path:
    return served[0]


@pytest.fixture(scope="module")
def base(served) -> str:
    return served[1]


def builder(page, url):
    page.goto(url)
    page.wait_for_selector(".ar-dr--live")
    return page


def status(page):
    page.wait_for_function("() => document.querySelector('[data-ar-dr-status]').textContent !== ''")
    return page.locator("[data-ar-dr-status]").inner_text()


def said(page, text, exact=True):
    """Wait until the live region says ``text`` (an earlier message may still be there)."""
    region = page.locator("[data-ar-dr-status]")
    (expect(region).to_have_text if exact else expect(region).to_contain_text)(text)


def offered(page):
    return [t.strip() for t in page.locator("[data-ar-dr-runtime]:visible label").all_inner_texts()]


def markdown(page):
    return page.input_value("[data-ar-dr-markdown]")


def answer(key, field):
    return f"[name='q:{key}:{field}']"


def fill_record(page):
    page.fill("#ar-dr-title", "Support assistant placement")
    page.check("input[name=target][value=kubernetes-or-cluster]")
    page.check("input[name=hardware][value=nvidia-gpu]")
    page.fill(answer("deployment-patterns/data-locality", "constraint"), "EU customer data stays in the EU.\n## not a heading")
    page.fill(answer("failure-and-fallback/degraded-mode", "tradeoff"), "Answers <script>alert(1)</script> get shorter.")
    page.check("input[name=runtime][value=alpha]")
    page.fill("#ar-dr-failure-network-loss", "Queue and retry for five minutes.")
    page.fill("#ar-dr-rollback-text", "Roll the chart back.")
    page.fill("#ar-dr-versions-text", "alpha 1.2.3")


def test_questions_come_from_every_pattern_that_declares_them(base, page):
    builder(page, base + "decision-record/")
    legends = page.locator(".ar-dr__question legend").all_inner_texts()
    assert legends == ["Data locality and classification", "Cold-start tolerance", "What is the degraded mode?"]
    # Each question asks for the constraint, the assumption and the accepted trade-off, labelled.
    labels = page.locator("[data-ar-dr-question='deployment-patterns/data-locality'] label").all_inner_texts()
    assert labels == ["Constraint", "Assumption", "Accepted trade-off"]
    described = page.get_attribute(answer("deployment-patterns/data-locality", "constraint"), "aria-describedby")
    assert page.locator(f"#{described}").inner_text() == "Which data classes does the request path carry?"
    assert page.errors == []


def test_candidates_follow_the_chosen_targets_and_hardware(base, page):
    builder(page, base + "decision-record/")
    assert offered(page) == ["Alpha Serve", "beta.cpp", "Delta Flow", "Gamma Web"]
    page.check("input[name=target][value=kubernetes-or-cluster]")
    assert offered(page) == ["Alpha Serve", "Delta Flow"]
    assert page.locator("[data-ar-dr-count]").inner_text() == "2 of 4 runtimes fit the chosen deployment patterns and hardware."
    assert page.get_attribute("[data-ar-dr-count]", "aria-live") == "polite"
    page.check("input[name=hardware][value=cpu]")
    assert offered(page) == ["Alpha Serve", "Delta Flow"]  # Delta is hardware-independent
    page.check("input[name=runtime][value=alpha]")
    page.uncheck("input[name=target][value=kubernetes-or-cluster]")
    page.check("input[name=target][value=browser]")
    page.uncheck("input[name=hardware][value=cpu]")
    page.check("input[name=hardware][value=webgpu]")
    # Gamma fits; Alpha no longer fits but stays, because it was picked.
    assert offered(page) == ["Alpha Serve", "Gamma Web"]
    assert page.errors == []


def test_export_markdown_by_download_and_copy(base, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        builder(page, base + "decision-record/")
        fill_record(page)
        text = markdown(page)
        assert text.startswith("# Runtime Decision Record: Support assistant placement\n")
        assert "- Kubernetes or cluster\n" in text and "- NVIDIA GPU\n" in text
        assert "#### Constraint\n\nEU customer data stays in the EU.\n\\## not a heading\n" in text
        # Links go to the site's pages (site_url of the build), with their review dates.
        assert f"- [Alpha Serve]({base}runtimes/alpha/) (runtimes/alpha), last reviewed 2026-01-01\n" in text
        relied = text.split("## Pattern pages relied on\n\n")[1]
        assert relied.startswith(
            f"- [Deployment Patterns]({base}patterns/deployment-patterns/) (patterns/deployment-patterns), last reviewed 2026-01-01\n"
            f"- [Failure and Fallback]({base}patterns/failure-and-fallback/) (patterns/failure-and-fallback)"
        )
        with page.expect_download() as info:
            page.click("[data-ar-dr-action=download]")
        download = info.value
        assert re.fullmatch(r"runtime-decision-record-\d{4}-\d{2}-\d{2}-support-assistant-placement\.md", download.suggested_filename)
        assert Path(download.path()).read_text(encoding="utf-8") == text
        page.click("[data-ar-dr-action=copy]")
        said(page, "Copied the Markdown record.")
        assert page.evaluate("() => navigator.clipboard.readText()") == text
        # The script in the reader's text is text, never markup.
        assert page.evaluate("() => document.querySelectorAll('.ar-dr script:not([type])').length") == 0
    finally:
        context.close()


def test_draft_survives_a_reload(base, page):
    builder(page, base + "decision-record/")
    fill_record(page)
    before = markdown(page)
    page.reload()
    page.wait_for_selector(".ar-dr--live")
    assert status(page) == "Your draft from this browser is back."
    assert page.input_value("#ar-dr-title") == "Support assistant placement"
    assert page.is_checked("input[name=runtime][value=alpha]")
    assert markdown(page) == before


def test_shared_link_opens_the_whole_record_elsewhere(base, browser, page):
    builder(page, base + "decision-record/")
    fill_record(page)
    link = page.input_value("[data-ar-dr-link]")
    assert link.startswith(base + "decision-record/#record=")
    text = markdown(page)
    other = browser.new_context()  # another browser: no draft there
    try:
        reader = builder(other.new_page(), link)
        assert status(reader) == "Loaded the record from the link."
        assert markdown(reader) == text
        assert reader.input_value(answer("deployment-patterns/data-locality", "constraint")) == "EU customer data stays in the EU.\n## not a heading"
        assert offered(reader) == ["Alpha Serve", "Delta Flow"]
        # The record is now the reader's draft; the address no longer carries it.
        assert "#record=" not in reader.url
        reader.reload()
        reader.wait_for_selector(".ar-dr--live")
        assert markdown(reader) == text
    finally:
        other.close()


def test_pasted_markdown_loads_back_for_editing(base, browser, page):
    builder(page, base + "decision-record/")
    fill_record(page)
    text = markdown(page)
    other = browser.new_context()
    try:
        reader = builder(other.new_page(), base + "decision-record/")
        reader.fill("[data-ar-dr-paste]", text.replace("- Status: Proposed", "- Status: Accepted"))
        reader.click("[data-ar-dr-action=load]")
        assert status(reader) == "Loaded the record from the pasted text."
        assert reader.input_value("#ar-dr-status") == "accepted"
        assert reader.input_value("#ar-dr-failure-network-loss") == "Queue and retry for five minutes."
        assert markdown(reader) == text.replace("- Status: Proposed", "- Status: Accepted")
        reader.fill("[data-ar-dr-paste]", "# Shopping list\n\n- milk\n")
        reader.click("[data-ar-dr-action=load]")
        said(reader, "not a Runtime Decision Record", exact=False)
        assert reader.input_value("#ar-dr-title") == "Support assistant placement"  # nothing was replaced
    finally:
        other.close()


def test_a_markdown_file_opens_and_start_over_clears_everything(base, page, tmp_path):
    builder(page, base + "decision-record/")
    fill_record(page)
    text = markdown(page)
    page.click("[data-ar-dr-action=reset]")  # the confirmation is dismissed: nothing changes
    assert page.input_value("#ar-dr-title") == "Support assistant placement"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-ar-dr-action=reset]")
    said(page, "Started a new record.")
    assert page.input_value("#ar-dr-title") == ""
    assert not page.is_checked("input[name=runtime][value=alpha]")
    assert offered(page) == ["Alpha Serve", "beta.cpp", "Delta Flow", "Gamma Web"]
    page.reload()
    page.wait_for_selector(".ar-dr--live")
    assert page.input_value("#ar-dr-title") == ""  # the draft was cleared too
    record = tmp_path / "record.md"
    record.write_text(text, encoding="utf-8")
    page.set_input_files("[data-ar-dr-file]", str(record))
    said(page, "Loaded the record from record.md.")
    assert markdown(page) == text
    assert page.errors == []


def test_runtime_and_pattern_pages_open_the_builder_with_the_entry_picked(base, page):
    page.goto(base + "runtimes/gamma/")
    page.evaluate("() => (window.notReloaded = true)")
    page.click("text=Use in a decision record")
    page.wait_for_selector(".ar-dr--live")
    assert page.is_checked("input[name=runtime][value=gamma]")
    assert status(page) == "Added Gamma Web to the candidate runtimes."
    assert page.evaluate("() => window.notReloaded") is True  # instant navigation, not a page load
    page.goto(base + "patterns/serving-topology/")
    page.click("text=Use in a decision record")
    page.wait_for_selector(".ar-dr--live")
    assert page.is_checked("input[name=pattern][value=serving-topology]")
    assert page.is_checked("input[name=runtime][value=gamma]")  # the draft kept the earlier pick
    assert page.url == base + "decision-record/"
    # Away and back again without a reload: the builder starts again on the new content.
    page.evaluate("() => (window.notReloaded = true)")
    page.click("[data-ar-dr-runtime=gamma] a")
    page.wait_for_url(base + "runtimes/gamma/")
    page.click("text=Use in a decision record")
    page.wait_for_selector(".ar-dr--live")
    assert page.evaluate("() => window.notReloaded") is True
    assert page.is_checked("input[name=pattern][value=serving-topology]")
    assert page.errors == []


def test_keyboard_only(base, page):
    builder(page, base + "decision-record/")
    page.focus("input[name=target][value=browser]")
    page.keyboard.press("Space")
    assert offered(page) == ["Gamma Web"]
    page.focus("#ar-dr-title")
    page.keyboard.type("Typed by keyboard")
    page.focus("[data-ar-dr-paste]")
    text = markdown(page).replace("Typed by keyboard", "Loaded by keyboard")
    page.keyboard.insert_text(text)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.dataset.arDrAction") == "load"
    page.keyboard.press("Enter")
    assert status(page) == "Loaded the record from the pasted text."
    assert page.input_value("#ar-dr-title") == "Loaded by keyboard"


def test_no_serious_accessibility_violations(base, page):
    from test_quality import serious_violations

    builder(page, base + "decision-record/?runtime=alpha")
    fill_record(page)
    status(page)
    assert serious_violations(page) == []


def test_real_site_builder_has_no_serious_accessibility_violations(real_site, serve_dir, page):
    from test_quality import serious_violations

    builder(page, serve_dir(real_site, "/reference/") + "decision-record/?runtime=vllm")
    page.check("input[name=target][value=single-node-server]")
    page.fill(answer("deployment-patterns/data-locality", "constraint"), "EU only.")
    assert status(page) == "Added vLLM to the candidate runtimes."
    assert serious_violations(page) == []
    assert page.errors == []


def test_without_javascript_the_questions_are_a_printable_checklist(built, base, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base + "decision-record/")
        assert page.locator("[data-ar-dr-js-note]").is_visible()
        assert not page.locator("[data-ar-dr-tools]").is_visible()
        assert page.locator(".ar-dr__question legend").count() == 3
        assert len(offered(page)) == 4
        page.emulate_media(media="print")
        assert page.locator("textarea[name='q:deployment-patterns/cold-start:tradeoff']").is_visible()
        assert not page.locator(".md-header").is_visible()
    finally:
        context.close()


def test_print_shows_the_filled_record_not_the_controls(base, page):
    builder(page, base + "decision-record/")
    fill_record(page)
    page.emulate_media(media="print")
    assert not page.locator("[data-ar-dr-output]").is_visible()
    box = answer("deployment-patterns/data-locality", "constraint")
    assert not page.locator(box).is_visible()
    assert page.locator(box + " + [data-ar-dr-mirror]").inner_text() == "EU customer data stays in the EU.\n## not a heading"
    assert offered(page) == ["Alpha Serve"]  # only what was picked
    page.emulate_media(media="screen")
    assert page.locator(box).is_visible()


def test_opened_from_a_folder_the_builder_runs(built, page):
    # The builder is part of the site's classic client script (aruntime.js),
    # which runs on file:// pages too: the no-JavaScript note goes away.
    page.goto((built / "decision-record" / "index.html").as_uri())
    page.wait_for_selector("[data-ar-decision-record][data-ar-ready]")
    assert not page.locator("[data-ar-dr-js-note]").is_visible()
    assert page.locator(".ar-dr__question").count() == 3

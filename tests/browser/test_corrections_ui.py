"""The corrections form in a real browser: validation, the issue URL it opens,
drafts, over-long text, the JSON endpoint, and the page without JavaScript.

Nothing leaves 127.0.0.1: github.com is answered by a Playwright route, so the
URL the page opens is captured, parsed and compared with the shipped template.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml
from playwright.sync_api import expect

import sitekit
from sitekit import REPO, build_strict, write_site

TEMPLATE = REPO / ".github/ISSUE_TEMPLATE/correction.yml"
ISSUE_BASE = "https://github.com/example/reference/issues/new"
LIMIT = 8191

FILES = {
    "patterns/demo.yml": """
        title: Demo pattern
        summary: A demo.
        audience: Platform engineers
        status: production-guidance
        last_reviewed: 2026-01-15
        key_takeaways: [One.]
        sections:
          - heading: First part
            body: Text.
          - heading: Second part
            list: [Local process, Browser]
    """,
    "patterns/hostile.yml": """
        title: Hostile <img src=x onerror="window.pwned=1"> & co
        summary: Escaping.
        audience: Everyone
        status: draft
        last_reviewed: 2026-01-15
        key_takeaways: [One.]
        sections:
          - heading: <b onmouseover="window.pwned=2">Bold?</b>
            body: Text.
    """,
    "docs/about.md": """
        ---
        last_reviewed: 2026-02-02
        ---
        # About

        ## How it works

        Text.
    """,
}
PATTERN_SECTIONS = ["Whole page", "Key takeaways", "First part", "Second part"]


def template_fields() -> dict[str, dict]:
    form = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    return {item["id"]: item for item in form["body"] if "id" in item}


def page_errors(page) -> list[str]:
    # A failed POST is logged by Chrome itself ("Failed to load resource"); that is the test, not a bug.
    return [e for e in page.errors if "Failed to load resource" not in e and "net::ERR" not in e]


# --- sites -------------------------------------------------------------------


@pytest.fixture(scope="module")
def github_site(tmp_path_factory, serve_dir) -> str:
    root = write_site(tmp_path_factory.mktemp("corrections-github"), FILES)
    return serve_dir(build_strict(root), "/sub/")


class Endpoint:
    """A corrections endpoint on 127.0.0.1 whose answer the test chooses."""

    def __init__(self):
        self.mode = "ok"
        self.received: list[dict] = []
        endpoint = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def cors(self):
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Methods", "POST")
                self.send_header("Access-Control-Allow-Headers", "Content-Type")

            def do_OPTIONS(self):
                self.send_response(204)
                self.cors()
                self.end_headers()

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                endpoint.received.append({"content_type": self.headers.get("Content-Type"), "body": json.loads(body)})
                if endpoint.mode == "slow":
                    time.sleep(2)
                if endpoint.mode == "drop":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                status = 500 if endpoint.mode == "500" else 201
                self.send_response(status)
                self.cors()
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/corrections"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def endpoint():
    server = Endpoint()
    yield server
    server.close()


@pytest.fixture(scope="module")
def endpoint_site(tmp_path_factory, serve_dir, endpoint) -> str:
    config = sitekit.BASE_MKDOCS.format(vocabularies=REPO / "vocabularies.yml").replace(  # with conftest's theme features
        "  - aruntime:\n",
        f"  - aruntime:\n      corrections_endpoint: {endpoint.url}\n      corrections_timeout: 0.5\n",
    )
    root = write_site(tmp_path_factory.mktemp("corrections-endpoint"), FILES, config)
    return serve_dir(build_strict(root), "/")


@pytest.fixture
def github(page):
    """Answer github.com inside the browser; the tests read the URL it was asked for."""
    page.context.route("https://github.com/**", lambda route: route.fulfill(status=200, body="issue form"))
    return page


# --- helpers ----------------------------------------------------------------


def open_form(page, section: str | None = None):
    if section is None:
        page.get_by_role("button", name="Suggest a correction", exact=True).click()
    else:
        page.get_by_role("button", name=f"Suggest a correction to “{section}”").click()
    dialog = page.get_by_role("dialog", name="Suggest a correction")
    dialog.wait_for(state="visible")
    return dialog


def fill(dialog, problem="The date is wrong.", source="https://example.org/release-notes", suggestion="", contact=""):
    dialog.get_by_label("What is wrong").fill(problem)
    dialog.get_by_label("Suggested correction").fill(suggestion)
    dialog.get_by_label("Supporting source URL").fill(source)
    dialog.get_by_label("Contact").fill(contact)


def stored_draft(page, url: str):
    return page.evaluate("(key) => localStorage.getItem(key)", f"aruntime:correction-draft:{url}")


def query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


# --- GitHub target --------------------------------------------------------------


def test_form_opens_as_a_dialog_with_the_page_prefilled_and_its_sections(github_site, page):
    page.goto(github_site + "patterns/demo/")
    opener = page.get_by_role("button", name="Suggest a correction", exact=True)
    opener.wait_for()
    assert not page.locator("a.ar-correction-link").is_visible()  # the no-JS link gives way to the button
    dialog = open_form(page)
    assert dialog.get_by_label("Title").input_value() == "Demo pattern"
    assert dialog.get_by_label("Address").input_value() == "https://example.org/sub/patterns/demo/"
    section = dialog.get_by_label("Section")
    assert section.locator("option").all_inner_texts() == PATTERN_SECTIONS
    assert section.input_value() == "Whole page"
    assert page.evaluate("document.activeElement.id") == "ar-c-section"  # focus moves into the dialog
    kinds = dialog.get_by_role("radio")
    assert [kinds.nth(i).get_attribute("value") for i in range(kinds.count())] == [
        "Error", "Outdated capability", "Unclear category boundary", "Other"]
    assert "GitHub asks you to sign in" in dialog.inner_text()
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.textContent") == opener.inner_text()  # focus returns
    assert page_errors(page) == []


def test_validation_messages_are_shown_announced_and_linked(github_site, github):
    page = github
    page.goto(github_site + "patterns/demo/")
    dialog = open_form(page)
    dialog.get_by_role("button", name="Open the GitHub issue form").click()
    summary = dialog.locator("[data-ar-errors]")
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.dataset.arErrors") == ""  # focus on the summary
    assert summary.locator("li").all_inner_texts() == [
        "Describe what is wrong.",
        "Add the address of a source that supports your correction.",
    ]
    problem = dialog.get_by_label("What is wrong")
    assert problem.get_attribute("aria-invalid") == "true"
    assert dialog.locator("#ar-c-problem-error").inner_text() == "Error: Describe what is wrong."
    # The error is part of the field's accessible description.
    assert "ar-c-problem-error" in problem.get_attribute("aria-describedby")

    fill(dialog, source="ftp://example.org/notes")
    source = dialog.get_by_label("Supporting source URL")
    assert problem.get_attribute("aria-invalid") is None  # fixed fields clear as the reader types
    assert dialog.locator("#ar-c-source-error").inner_text() == (
        "Error: Enter a web address that starts with http:// or https://, like https://example.org/docs.")
    assert source.get_attribute("aria-invalid") == "true"
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "ar-c-source"

    popups = []
    page.context.on("page", lambda p: popups.append(p))
    dialog.get_by_role("button", name="Open the GitHub issue form").click()
    page.wait_for_timeout(200)
    assert popups == []  # nothing is sent while a field is invalid
    assert page_errors(page) == []


def test_issue_url_prefills_every_template_field_by_id(github_site, github):
    page = github
    page.goto(github_site + "patterns/demo/")
    dialog = open_form(page, "Second part")
    assert dialog.get_by_label("Section").input_value() == "Second part"  # preselected from the section
    dialog.get_by_label("Outdated capability").check()
    fill(dialog, problem="Line one.\nLine two & more: 100%", suggestion="Say “three”.", contact="me@example.org")
    with page.context.expect_page() as new_tab:
        dialog.get_by_role("button", name="Open the GitHub issue form").click()
    url = new_tab.value.url
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == ISSUE_BASE
    assert len(url.encode()) <= LIMIT
    params = query(url)
    assert params.pop("template") == "correction.yml"
    assert params.pop("title") == "Correction: Demo pattern — Second part"
    fields = template_fields()
    assert list(params) == list(fields)  # every field of the form, by its id, in form order
    assert all(fields[i]["type"] in ("input", "textarea") for i in params)  # none is a dropdown/checkbox
    assert params == {
        "page-url": "https://example.org/sub/patterns/demo/",
        "page-title": "Demo pattern",
        "section": "Second part",
        "correction-type": "Outdated capability",
        "problem": "Line one.\nLine two & more: 100%",
        "suggestion": "Say “three”.",
        "source-url": "https://example.org/release-notes",
        "contact": "me@example.org",
        "last-reviewed": "2026-01-15",
        "source-file": "patterns/demo.yml",
    }
    assert "GitHub asks you to sign in" in dialog.locator("[data-ar-status]").inner_text()
    assert stored_draft(page, "https://example.org/sub/patterns/demo/") is None  # handed over: draft cleared
    assert page_errors(page) == []


def test_hand_written_page_sections_come_from_its_headings(github_site, github):
    page = github
    page.goto(github_site + "about/")
    dialog = open_form(page, "How it works")
    assert dialog.get_by_label("Section").locator("option").all_inner_texts() == ["Whole page", "How it works"]
    fill(dialog)
    with page.context.expect_page() as new_tab:
        dialog.get_by_role("button", name="Open the GitHub issue form").click()
    params = query(new_tab.value.url)
    assert (params["section"], params["page-title"], params["source-file"], params["correction-type"]) == (
        "How it works", "About", "docs/about.md", "Error")
    assert params["contact"] == "" and params["suggestion"] == ""


def test_draft_survives_reload_and_navigation_until_discarded(github_site, page):
    url = "https://example.org/sub/patterns/demo/"
    page.goto(github_site + "patterns/demo/")
    dialog = open_form(page, "First part")
    dialog.get_by_label("Unclear category boundary").check()
    fill(dialog, problem="Half-typed thought", source="https://example.org/x", contact="me")
    assert json.loads(stored_draft(page, url))["values"]["problem"] == "Half-typed thought"

    page.reload()
    assert page.get_by_text("You have an unsent draft for this page.").is_visible()
    dialog = open_form(page)
    assert "Restored your unsent draft" in dialog.locator("[data-ar-draft-note]").inner_text()
    assert dialog.get_by_label("What is wrong").input_value() == "Half-typed thought"
    assert dialog.get_by_label("Supporting source URL").input_value() == "https://example.org/x"
    assert dialog.get_by_label("Contact").input_value() == "me"
    assert dialog.get_by_label("Section").input_value() == "First part"
    assert dialog.get_by_label("Unclear category boundary").is_checked()

    # Another page has its own (empty) draft; coming back restores this one.
    page.goto(github_site + "about/")
    assert open_form(page).get_by_label("What is wrong").input_value() == ""
    page.goto(github_site + "patterns/demo/")
    dialog = open_form(page)
    assert dialog.get_by_label("What is wrong").input_value() == "Half-typed thought"

    dialog.get_by_role("button", name="Discard draft").click()
    assert dialog.get_by_label("What is wrong").input_value() == ""
    assert dialog.get_by_label("Supporting source URL").input_value() == ""
    assert dialog.get_by_label("Section").input_value() == "Whole page"
    assert dialog.locator("[data-ar-status]").inner_text() == "Draft discarded."
    assert stored_draft(page, url) is None
    page.reload()
    assert not page.get_by_text("You have an unsent draft for this page.").is_visible()
    assert open_form(page).get_by_label("What is wrong").input_value() == ""
    assert page_errors(page) == []


def test_long_text_is_offered_to_copy_never_cut(github_site, github):
    page = github
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(github_site + "patterns/demo/")
    dialog = open_form(page)
    long_text = "The benchmark table is out of date. " * 300  # ~10,800 bytes
    fill(dialog, problem=long_text, suggestion="Short fix.")
    popups = []
    page.context.on("page", lambda p: popups.append(p))
    dialog.get_by_role("button", name="Open the GitHub issue form").click()
    message = dialog.locator("[data-ar-long-message]")
    message.wait_for(state="visible")
    text = message.inner_text()
    assert "too long to fill in through a link" in text and "GitHub accepts at most 8,191" in text
    assert "Nothing has been cut" in text and "“What is wrong”" in text
    assert page.evaluate("document.activeElement.dataset.arLongMessage") == ""  # focus moves to the message
    assert popups == []  # nothing was opened behind the reader's back
    full = dialog.get_by_label("Full text of your correction").input_value()
    assert long_text.strip() in full
    assert "### What is wrong" in full and "### Supporting source URL\n\nhttps://example.org/release-notes" in full

    dialog.get_by_role("button", name="Copy the full text").click()
    expect(dialog.locator("[data-ar-status]")).to_have_text("Copied the full text of your correction.")
    assert page.evaluate("navigator.clipboard.readText()") == full

    with page.context.expect_page() as new_tab:
        dialog.get_by_role("button", name="Open the issue form").click()
    url = new_tab.value.url
    assert len(url.encode()) <= LIMIT
    params = query(url)
    assert params["problem"].startswith("[Too long for a link: paste")
    assert params["suggestion"] == "Short fix."
    assert set(params) - {"template", "title"} == set(template_fields())
    # The reader still needs the text: the draft stays until discarded.
    assert json.loads(stored_draft(page, "https://example.org/sub/patterns/demo/"))["values"]["problem"] == long_text
    assert page_errors(page) == []


def test_without_javascript_the_link_opens_the_prefilled_issue_form(github_site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(github_site + "patterns/demo/")
        link = page.get_by_role("link", name="Submit a correction")
        assert link.is_visible()
        assert not page.locator("dialog.ar-corrections").is_visible()
        params = query(link.get_attribute("href"))
        assert params["template"] == "correction.yml"
        assert params["page-url"] == "https://example.org/sub/patterns/demo/"
        assert params["page-title"] == "Demo pattern"
        assert set(params) - {"template", "title"} <= set(template_fields())
    finally:
        context.close()


# --- endpoint target ---------------------------------------------------------------


def test_endpoint_success_posts_the_documented_json(endpoint_site, endpoint, page):
    endpoint.mode = "ok"
    endpoint.received.clear()
    page.goto(endpoint_site + "patterns/demo/")
    dialog = open_form(page, "First part")
    assert "GitHub" not in dialog.locator(".ar-corrections__intro").inner_text()
    dialog.get_by_label("Other").check()
    fill(dialog, problem="Wrong.", suggestion="Right.", contact="me@example.org")
    dialog.get_by_role("button", name="Send correction").click()
    status = dialog.locator("[data-ar-status]")
    status.get_by_text("Thank you. Your correction was sent to the maintainers.").wait_for()
    assert page.evaluate("document.activeElement.dataset.arStatus") == ""
    (request,) = endpoint.received
    assert request["content_type"] == "application/json"
    assert request["body"] == {
        "page_url": "https://example.org/sub/patterns/demo/",
        "page_title": "Demo pattern",
        "section": "First part",
        "kind": "Other",
        "text": "Wrong.",
        "suggestion": "Right.",
        "source": "https://example.org/release-notes",
        "contact": "me@example.org",
        "last_reviewed": "2026-01-15",
        "source_file": "patterns/demo.yml",
    }
    assert stored_draft(page, "https://example.org/sub/patterns/demo/") is None
    assert dialog.get_by_label("What is wrong").input_value() == ""
    assert page_errors(page) == []


@pytest.mark.parametrize(
    "mode, message",
    [
        ("500", "Your correction was not sent: the server answered HTTP 500 (Internal Server Error)."),
        ("slow", "Your correction was not sent: the server did not answer within 0.5 seconds."),
        ("drop", "Your correction was not sent: the server could not be reached (network error)."),
    ],
)
def test_endpoint_failure_says_what_happened_and_keeps_everything(endpoint_site, endpoint, page, mode, message):
    endpoint.mode = mode
    page.goto(endpoint_site + "patterns/demo/")
    dialog = open_form(page)
    fill(dialog, problem=f"Failure {mode}", suggestion="Keep me", contact="c")
    started = time.monotonic()
    dialog.get_by_role("button", name="Send correction").click()
    status = dialog.locator("[data-ar-status]")
    status.get_by_text("Your correction was not sent").wait_for()
    assert time.monotonic() - started < 1.9  # the configured 0.5 s timeout, not the server's 2 s
    assert status.inner_text() == message + " Everything you typed is still here and saved in this browser; you can try again."
    assert dialog.get_by_label("What is wrong").input_value() == f"Failure {mode}"
    assert dialog.get_by_label("Suggested correction").input_value() == "Keep me"
    assert dialog.get_by_role("button", name="Send correction").is_enabled()
    page.reload()
    assert open_form(page).get_by_label("What is wrong").input_value() == f"Failure {mode}"
    page.evaluate("localStorage.clear()")
    assert page_errors(page) == []


# --- accessibility and the real site ----------------------------------------------


def test_open_form_with_errors_has_no_serious_axe_violations(github_site, page):
    axe = pytest.importorskip("axe_playwright_python")
    page.goto(github_site + "patterns/demo/")
    dialog = open_form(page)
    dialog.get_by_label("Supporting source URL").fill("not a url")
    dialog.get_by_role("button", name="Open the GitHub issue form").click()
    page.add_script_tag(path=str(Path(axe.__file__).parent / "axe.min.js"))
    violations = page.evaluate(
        """async () => (await axe.run(document.querySelector('dialog'), {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(' | ')}`)"""
    )
    assert violations == []


def test_real_pattern_page_offers_its_own_sections(real_site, serve_dir, page):
    base = serve_dir(real_site, "/reference/")
    page.goto(base + "patterns/deployment-patterns/")
    headings = [
        h for h in page.locator("article h2").all_inner_texts()
        if h.strip("¶ \n") not in ("Maintenance record",)
    ]
    dialog = open_form(page)
    options = dialog.get_by_label("Section").locator("option").all_inner_texts()
    assert options == ["Whole page", *[h.strip("¶ \n") for h in headings]]
    assert "Placement decision" in options and "Maintenance record" not in options
    assert page_errors(page) == []


def test_page_data_reaches_the_form_and_url_as_text_never_markup(github_site, github):
    page = github
    page.goto(github_site + "patterns/hostile/")
    dialog = open_form(page, '<b onmouseover="window.pwned=2">Bold?</b>')
    title = 'Hostile <img src=x onerror="window.pwned=1"> & co'
    assert dialog.get_by_label("Title").input_value() == title
    assert dialog.get_by_label("Section").input_value() == '<b onmouseover="window.pwned=2">Bold?</b>'
    fill(dialog)
    with page.context.expect_page() as new_tab:
        dialog.get_by_role("button", name="Open the GitHub issue form").click()
    params = query(new_tab.value.url)
    assert params["page-title"] == title
    assert params["section"] == '<b onmouseover="window.pwned=2">Bold?</b>'
    assert page.evaluate("window.pwned") is None
    assert page.locator("dialog img, dialog b").count() == 0
    assert page_errors(page) == []

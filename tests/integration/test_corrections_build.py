"""Built pages carry a working no-JavaScript correction link and the corrections form."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml

from htmlq import parse_file
from sitekit import BASE_MKDOCS, REPO, build_site, build_strict, write_site

TEMPLATE = REPO / ".github/ISSUE_TEMPLATE/correction.yml"

FILES = {
    "patterns/demo.yml": """
        title: Demo <script>alert('title')</script> & "quotes"
        summary: A demo.
        audience: Platform engineers
        status: production-guidance
        last_reviewed: 2026-01-15
        key_takeaways: [One.]
        sections:
          - heading: First part
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


def template_fields() -> dict[str, dict]:
    form = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    return {item["id"]: item for item in form["body"] if "id" in item}


def mkdocs_yml(options: str = "", repo_url: str = "https://github.com/example/reference") -> str:
    config = BASE_MKDOCS.format(vocabularies=REPO / "vocabularies.yml")
    config = config.replace("repo_url: https://github.com/example/reference", f"repo_url: {repo_url}")
    return config.replace("  - aruntime:\n", "  - aruntime:\n" + options)



def correction_link(page):
    return page.find("section", cls="ar-maintenance").find("a", cls="ar-correction-link")


@pytest.mark.parametrize(
    "path, title, page_url, reviewed, source_file",
    [
        ("patterns/demo/index.html", "Demo <script>alert('title')</script> & \"quotes\"",
         "https://example.org/sub/patterns/demo/", "2026-01-15", "patterns/demo.yml"),
        ("about/index.html", "About", "https://example.org/sub/about/", "2026-02-02", "docs/about.md"),
    ],
)
def test_no_js_link_opens_the_issue_form_with_the_page_prefilled(site, path, title, page_url, reviewed, source_file):
    link = correction_link(parse_file(site / path))
    assert link.text == "Submit a correction"
    assert "data-ar-correction" in link.attrs
    parts = urlsplit(link.attrs["href"])
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/example/reference/issues/new"
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    assert params.pop("template") == "correction.yml"
    assert params.pop("title") == f"Correction: {title}"
    assert params == {"page-url": page_url, "page-title": title, "last-reviewed": reviewed, "source-file": source_file}
    fields = template_fields()
    assert set(params) <= set(fields)
    assert all(fields[i]["type"] in ("input", "textarea") for i in params)


def test_form_fields_are_named_after_the_template_ids_and_labelled(site):
    page = parse_file(site / "patterns/demo/index.html")
    dialog = page.find("dialog", cls="ar-corrections")
    assert "open" not in dialog.attrs  # never shown without JavaScript
    title_id = dialog.attrs["aria-labelledby"]
    assert dialog.find(id=title_id).text == "Suggest a correction"
    form = dialog.find("form")
    controls = [n for n in form.iter() if n.tag in ("input", "select", "textarea") and n.attrs.get("name")]
    names = {n.attrs["name"] for n in controls}
    assert names == set(template_fields())
    labels = {n.attrs.get("for") for n in form.find_all("label")}
    for control in controls:
        if control.attrs.get("type") == "hidden":
            continue
        if control.attrs.get("type") == "radio":
            assert control.parent.tag == "label"
        else:
            assert control.attrs["id"] in labels, control.attrs
    kinds = [n.attrs["value"] for n in controls if n.attrs.get("name") == "correction-type"]
    assert kinds == ["Error", "Outdated capability", "Unclear category boundary", "Other"]
    assert [o.text for o in form.find("select").find_all("option")] == ["Whole page"]


def test_form_config_is_escaped_data(site):
    html = (site / "patterns/demo/index.html").read_text(encoding="utf-8")
    assert "<script>alert('title')" not in html
    form = parse_file(site / "patterns/demo/index.html").find("form", cls="ar-corrections__form")
    assert form.attrs["data-page-title"] == "Demo <script>alert('title')</script> & \"quotes\""
    assert form.attrs["data-page-url"] == "https://example.org/sub/patterns/demo/"
    assert form.attrs["data-issue-url"] == "https://github.com/example/reference/issues/new"
    assert form.attrs["data-issue-template"] == "correction.yml"
    assert form.attrs["data-endpoint"] == ""
    assert form.attrs["data-timeout-ms"] == "10000"
    assert form.attrs["data-last-reviewed"] == "2026-01-15"
    text = form.find("p", cls="ar-corrections__intro").text
    assert "GitHub asks you to sign in" in text


def test_the_page_loads_the_corrections_module_and_styles(site):
    page = parse_file(site / "about/index.html")
    # One classic script built from the modules (client_delivery.py), and the contract.
    scripts = [s.attrs for s in page.find_all("script") if "aruntime" in s.attrs.get("src", "")]
    assert scripts == [{"src": "../assets/aruntime/contract.js"}, {"defer": "", "src": "../assets/aruntime/js/aruntime.js", "data-ar-client": ""}]
    bundle = (site / "assets/aruntime/js/aruntime.js").read_text(encoding="utf-8")
    assert '__modules["corrections.mjs"]' in bundle and '__modules["corrections-core.mjs"]' in bundle
    assert any(link.attrs.get("href") == "../assets/aruntime/css/corrections.css" for link in page.find_all("link"))


def test_endpoint_and_timeout_options_reach_the_form(tmp_path):
    options = "      corrections_endpoint: https://corrections.example.org/api\n      corrections_timeout: 2.5\n"
    root = write_site(tmp_path, {}, mkdocs_yml(options, repo_url="https://gitlab.com/example/reference"))
    build_strict(root)
    page = parse_file(root / "site/index.html")
    form = page.find("form", cls="ar-corrections__form")
    assert form.attrs["data-endpoint"] == "https://corrections.example.org/api"
    assert form.attrs["data-timeout-ms"] == "2500"
    assert form.attrs["data-issue-url"] == ""
    assert form.find("button", type="submit").text == "Send correction"
    # Not a GitHub repository: no issue link, but the form is there.
    assert not page.find("section", cls="ar-maintenance").find_all("a", cls="ar-correction-link")


@pytest.mark.parametrize(
    "options, message",
    [
        ("      corrections_endpoint: http://corrections.example.org/api\n",
         "corrections_endpoint must use https:// (plain http only for 127.0.0.1 or localhost)"),
        ("      corrections_timeout: 0\n", "expected a number of seconds between 0 and 300, got 0"),
    ],
)
def test_bad_corrections_options_stop_the_build(tmp_path, options, message):
    root = write_site(tmp_path, {}, mkdocs_yml(options))
    proc = build_site(root)
    assert proc.returncode != 0
    assert message in proc.stdout + proc.stderr
    assert not (root / "site").exists()


def test_no_github_repo_and_no_endpoint_means_no_correction_control(tmp_path):
    root = write_site(tmp_path, {}, mkdocs_yml(repo_url="https://gitlab.com/example/reference"))
    build_strict(root)
    page = parse_file(root / "site/index.html")
    assert not page.find_all("dialog", cls="ar-corrections")
    assert page.find("p", cls="ar-correction-sentence")

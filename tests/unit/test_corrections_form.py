"""The correction issue form, the URLs and JSON that fill it, and the config checks."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml

from aruntime import maintenance as m

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / ".github/ISSUE_TEMPLATE/correction.yml"
CORE_JS = REPO / "plugins/aruntime/assets/js/corrections-core.mjs"
PREFILLABLE = {"input", "textarea"}  # GitHub prefills nothing else (GitHub docs: "Syntax for issue forms", field ids)


def template_fields() -> dict[str, dict]:
    form = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    return {item["id"]: item for item in form["body"] if "id" in item}


def test_issue_form_is_valid_and_labels_come_from_the_file():
    form = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= form.keys()
    assert form["labels"] == ["correction", "needs triage"]
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    for item in form["body"]:
        if item["type"] != "markdown":
            assert item["attributes"]["label"], item


def test_every_field_the_site_fills_is_a_prefillable_text_field():
    fields = template_fields()
    assert set(fields) == set(m.JSON_KEYS)
    assert {f["type"] for f in fields.values()} <= PREFILLABLE
    assert not [f for f in fields.values() if f["type"] in ("dropdown", "checkboxes")]


def test_required_fields_match_the_form_on_the_page():
    fields = template_fields()
    required = {i for i, f in fields.items() if f.get("validations", {}).get("required")}
    assert required == {m.FIELD_PAGE_URL, m.FIELD_PROBLEM, m.FIELD_SOURCE_URL}


def test_no_js_link_prefills_the_page_through_template_field_ids():
    url = m.correction_issue_url(
        "https://github.com/acme/ref/", "correction.yml", "KV cache & more", "https://x.org/g/kv/", "2026-01-02", "glossary/kv.yml"
    )
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/acme/ref/issues/new")
    params = dict(parse_qsl(parts.query))
    assert params.pop("template") == "correction.yml"
    assert params.pop("title") == "Correction: KV cache & more"
    assert params == {
        "page-url": "https://x.org/g/kv/",
        "page-title": "KV cache & more",
        "last-reviewed": "2026-01-02",
        "source-file": "glossary/kv.yml",
    }
    assert set(params) <= set(template_fields())


@pytest.mark.parametrize(
    "repo_url, expected",
    [
        ("https://github.com/acme/ref", "https://github.com/acme/ref/issues/new"),
        ("https://github.com/acme/ref.git", "https://github.com/acme/ref/issues/new"),
        ("https://github.com/acme/ref/tree/main", "https://github.com/acme/ref/issues/new"),
        ("https://gitlab.com/acme/ref", None),
        ("https://github.com/acme", None),
        ("https://github.com.evil.example/acme/ref", None),
        (None, None),
    ],
)
def test_issue_form_base(repo_url, expected):
    assert m.issue_form_base(repo_url) == expected


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://corrections.example.org/api", True),
        ("http://127.0.0.1:8123/corrections", True),
        ("http://localhost:9000/", True),
        ("http://[::1]:9000/", True),
        ("http://corrections.example.org/api", False),
        ("http://10.0.0.1/api", False),
        ("ftp://example.org/", False),
        ("https://user:pw@example.org/", False),
        ("https:///nohost", False),
    ],
)
def test_endpoint_must_be_https_except_on_loopback(url, ok):
    assert (m.endpoint_problem(url) is None) == ok


@pytest.mark.parametrize(
    "docs_dir, edit_path, expected",
    [
        ("docs", "about.md", "docs/about.md"),
        ("docs", "../patterns/demo.yml", "patterns/demo.yml"),
        ("site-src/docs", "../glossary/kv.yml", "site-src/glossary/kv.yml"),
        ("docs", None, ""),
    ],
)
def test_source_file_path(docs_dir, edit_path, expected):
    assert m.source_file_path(docs_dir, edit_path) == expected


def test_record_carries_what_the_form_needs():
    record = m.maintenance_record(
        page_title="About",
        page_url="https://x.org/about/",
        meta={"last_reviewed": "2026-02-02"},
        entry=None,
        repo_url="https://github.com/acme/ref",
        issue_template="correction.yml",
        source_file="docs/about.md",
        endpoint=None,
        timeout_seconds=0.5,
    )
    assert record.issue_url == "https://github.com/acme/ref/issues/new"
    assert record.timeout_ms == 500
    assert record.has_corrections
    assert record.kinds == ("Error", "Outdated capability", "Unclear category boundary", "Other")


# --- the browser module's constants and pure functions, run in node ----------

NODE = shutil.which("node")


def run_node(script: str):
    if not NODE:
        pytest.skip("node is not installed")
    code = f"import * as core from {json.dumps(CORE_JS.as_uri())};\n{script}"
    proc = subprocess.run([NODE, "--input-type=module", "-e", code], capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_js_field_ids_and_json_keys_match_the_template_and_python():
    out = run_node("console.log(JSON.stringify({order: core.FIELD_ORDER, keys: core.JSON_KEYS, limit: core.GITHUB_URL_LIMIT}))")
    assert out["order"] == list(template_fields())  # the URL lists fields in form order
    assert out["keys"] == m.JSON_KEYS
    assert out["limit"] == m.GITHUB_URL_LIMIT == 8191


def test_js_fits_long_text_by_replacing_fields_never_by_cutting():
    out = run_node(
        """
        const values = Object.fromEntries(core.FIELD_ORDER.map((id) => [id, id]));
        values.problem = "é".repeat(5000);
        values.suggestion = "short";
        const fit = core.fitIssueUrl({base: "https://github.com/a/b/issues/new", template: "correction.yml", title: "T", values});
        const ok = core.fitIssueUrl({base: "https://github.com/a/b/issues/new", template: "correction.yml", title: "T", values: {...values, problem: "x"}});
        console.log(JSON.stringify({fit, ok, note: core.PASTE_NOTE}));
        """
    )
    fit, ok = out["fit"], out["ok"]
    assert not fit["fits"] and fit["bytes"] > 8191 and fit["replaced"] == ["problem"]
    assert len(fit["url"].encode()) <= 8191
    params = dict(parse_qsl(urlsplit(fit["url"]).query))
    assert params["problem"] == out["note"]
    assert params["suggestion"] == "short"
    assert ok["fits"] and ok["replaced"] == [] and dict(parse_qsl(urlsplit(ok["url"]).query))["problem"] == "x"


def test_js_validation_messages():
    out = run_node(
        """
        const cases = [
          {problem: "", "source-url": ""},
          {problem: " x ", "source-url": "ftp://example.org/file"},
          {problem: "x", "source-url": "example.org"},
          {problem: "x", "source-url": "https://example.org/doc"},
          {problem: "x", "source-url": "http://example.org"},
        ];
        console.log(JSON.stringify(cases.map((c) => core.validate(c))));
        """
    )
    missing = [{"field": "problem", "message": "Describe what is wrong."},
               {"field": "source-url", "message": "Add the address of a source that supports your correction."}]
    invalid = [{"field": "source-url", "message": "Enter a web address that starts with http:// or https://, like https://example.org/docs."}]
    assert out == [missing, invalid, invalid, [], []]

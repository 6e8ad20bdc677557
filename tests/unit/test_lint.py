"""The content lint: each finding at the right file:line:column, severities from
mkdocs.yml (read by `make check` and by the build), and the three output formats."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from aruntime.lint import LintOptions, MentionCache, check_site, github_annotation, lint_site, severity_option_problems
from aruntime.loader import ContentPaths, load_site
from aruntime.problems import Location, Problem

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))
from sitekit import BASE_MKDOCS, write_site  # noqa: E402

TODAY = dt.date(2026, 6, 1)

PATTERN = """\
title: Demo
summary: How to place the demo.
audience: Engineers
status: draft
last_reviewed: 2026-01-01
key_takeaways: [Use a cache., Measure first]
sections:
  - heading: Options
    list: [use a cache, Skip it]
  - heading: Table
    table:
      columns: [Placement, Notes]
      rows:
        - [Browser, Same filler]
        - [Server, same filler.]
sources:
  - {title: Docs, url: "https://example.org/docs"}
"""
TERM = """\
term: KV cache
summary: Keys and values kept between decoding steps.
sources:
  - {title: Docs, url: "https://example.org/kv"}
last_reviewed: 2025-01-01
"""
ORPHAN = "term: Orphan\nsummary: Keys and values kept between decoding steps.\n"


def site(tmp_path: Path, files: dict[str, str], docs: dict[str, str] | None = None) -> ContentPaths:
    shutil.copy(REPO / "vocabularies.yml", tmp_path / "vocabularies.yml")
    for rel, text in {**files, **(docs or {})}.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return ContentPaths(str(tmp_path))


def lint(paths, options=None, docs_dir=None):
    model, problems = load_site(paths, today=TODAY)
    assert problems.errors == []
    return [str(p) for p in sorted(lint_site(model, paths, LintOptions.from_options(options), docs_dir, TODAY), key=lambda p: p.location)]


def test_each_finding_at_its_place(tmp_path):
    paths = site(tmp_path, {"patterns/demo.yml": PATTERN, "glossary/kv-cache.yml": TERM, "glossary/orphan.yml": ORPHAN})
    assert lint(paths, {"review_max_age_days": 365}) == [
        "glossary/kv-cache.yml:1:7: term: no entry or page relates to or mentions 'KV cache'; add it to a related list, "
        "use it in a text, or remove the term [lint.unused-term]",
        "glossary/kv-cache.yml:2:10: summary: the same summary as glossary/orphan.yml:2; say what is specific to this entry [lint.summary-copied]",
        "glossary/kv-cache.yml:5:16: last_reviewed: last reviewed 516 days ago, more than review_max_age_days (365); "
        "check the entry against its sources and update the date [lint.review-stale]",
        "glossary/orphan.yml:1:1: sources: no sources; add at least one {title, url} that supports the text [lint.no-sources]",
        "glossary/orphan.yml:1:7: term: no entry or page relates to or mentions 'Orphan'; add it to a related list, "
        "use it in a text, or remove the term [lint.unused-term]",
        "glossary/orphan.yml:2:10: summary: the same summary as glossary/kv-cache.yml:2; say what is specific to this entry [lint.summary-copied]",
        "patterns/demo.yml:6:17: key_takeaways[0]: repeats an item of section 'Options' (line 9); say what the reader "
        "should conclude instead [lint.takeaway-repeats-item]",
        "patterns/demo.yml:15:20: sections[1].table.rows[1][1]: every row of column 'Notes' says 'Same filler'; write what "
        "differs per row, or drop the column [lint.repeated-cell]",
    ]



def test_the_build_check_finds_the_same_at_the_same_places_from_the_loaded_files(tmp_path, monkeypatch):
    """check_site (the build's and `make check`'s entry point) takes positions
    from the documents the loader parsed: the same findings, no file parsed twice."""
    paths = site(tmp_path, {"patterns/demo.yml": PATTERN, "glossary/kv-cache.yml": TERM, "glossary/orphan.yml": ORPHAN})
    expected = lint(paths, {"review_max_age_days": 365})
    import aruntime.lint

    def parsed_again(*args, **kwargs):
        raise AssertionError("an entry file was parsed a second time")

    monkeypatch.setattr(aruntime.lint, "read_document", parsed_again)
    _, problems = check_site(paths, {"review_max_age_days": 365}, today=TODAY)
    assert sorted(str(p) for p in problems) == sorted(expected)


CLEAN_PATTERN = (
    PATTERN.replace("[Use a cache., Measure first]", "[Keep the KV cache warm, Measure first]")
    .replace("same filler.", "Other text")
    .replace("last_reviewed: 2026-01-01", "last_reviewed: 2026-05-01")
)
CLEAN_TERM = TERM.replace("2025-01-01", "2026-05-01")


def test_a_clean_site_has_no_findings(tmp_path):
    paths = site(tmp_path, {"patterns/demo.yml": CLEAN_PATTERN, "glossary/kv-cache.yml": CLEAN_TERM})
    assert lint(paths) == []  # "KV cache" is mentioned by a key takeaway (plural forms count too)


def test_a_term_is_used_when_related_a_capability_or_mentioned_in_docs(tmp_path):
    terms = {
        "glossary/kv-cache.yml": CLEAN_TERM,
        "glossary/related-one.yml": CLEAN_TERM.replace("KV cache", "Related one").replace("between", "across"),
        "glossary/streaming.yml": CLEAN_TERM.replace("KV cache", "Token streaming").replace("between", "after"),
        "glossary/in-docs.yml": CLEAN_TERM.replace("KV cache", "Docs term").replace("between", "before"),
        "glossary/nobody.yml": CLEAN_TERM.replace("KV cache", "Nobody").replace("between", "around"),
    }
    runtime = textwrap.dedent("""\
        name: Demo runtime
        summary: Runs models with KV caches.
        category: inference-server
        deployment: [single-node-server]
        hardware: [cpu]
        license: Apache-2.0
        homepage: https://example.org/
        capabilities: [streaming]
        related: [glossary/related-one]
        sources: [{title: Docs, url: "https://example.org/docs"}]
        last_reviewed: 2026-05-01
    """)
    paths = site(tmp_path, {**terms, "runtimes/demo.yml": runtime}, {"docs/index.md": "# Home\n\nSee the docs terms.\n"})
    found = lint(paths, docs_dir=str(tmp_path / "docs"))
    assert [f.split(":")[0] for f in found if "unused-term" in f] == ["glossary/nobody.yml"]


def test_a_mention_cache_across_runs_finds_what_a_fresh_run_finds(tmp_path):
    """Under serve the terms each text mentions are kept between runs; an
    edited text, or a term's names changing, is searched again."""
    term = CLEAN_TERM.replace("KV cache", "Nobody")
    runtime = (
        "name: Demo\nsummary: {summary}\ncategory: inference-server\ndeployment: [single-node-server]\nhardware: [cpu]\n"
        "license: MIT\nhomepage: https://example.org/\nsources: [{{title: Docs, url: \"https://example.org/docs\"}}]\n"
        "last_reviewed: 2026-05-01\n"
    )
    mentions = MentionCache()

    def unused(files):
        paths = site(tmp_path, files)
        model, problems = check_site(paths, today=TODAY)
        assert "demo" in model.runtimes
        fresh = sorted(str(p) for p in problems if p.code == "lint.unused-term")
        cached = sorted(str(p) for p in check_site(paths, today=TODAY, mentions=mentions)[1] if p.code == "lint.unused-term")
        assert cached == fresh
        return [f.split(":")[0] for f in cached]

    assert unused({"glossary/nobody.yml": term, "runtimes/demo.yml": runtime.format(summary="Runs models.")}) == ["glossary/nobody.yml"]
    # The runtime's text now mentions the term.
    assert unused({"runtimes/demo.yml": runtime.format(summary="Runs models for Somebody.")}) == ["glossary/nobody.yml"]
    assert unused({"runtimes/demo.yml": runtime.format(summary="Runs models for Nobody.")}) == []
    # The same text, but the term is named otherwise: "Nobody" no longer names it.
    assert unused({"glossary/nobody.yml": term.replace("term: Nobody", "term: No one")}) == ["glossary/nobody.yml"]
    # An alias makes the unchanged text mention it again.
    assert unused({"glossary/nobody.yml": term.replace("term: Nobody", "term: No one\naliases: [Nobody]")}) == []


def test_summary_too_long_is_measured_against_the_option(tmp_path):
    paths = site(tmp_path, {"glossary/kv-cache.yml": CLEAN_TERM, "patterns/demo.yml": CLEAN_PATTERN})
    found = lint(paths, {"summary_max_chars": 30})
    assert found == [
        "glossary/kv-cache.yml:2:10: summary: 44 characters, more than summary_max_chars (30); search results show "
        "the whole summary: keep it to one or two short sentences [lint.summary-too-long]",
    ]


def test_severities_from_options(tmp_path):
    paths = site(tmp_path, {"patterns/demo.yml": PATTERN, "glossary/kv-cache.yml": TERM, "glossary/orphan.yml": ORPHAN})
    model, _ = load_site(paths, today=TODAY)
    options = {"lint": {"summary-copied": "ignore", "no-sources": "error", "lint.unused-term": "info"}}
    found = lint_site(model, paths, LintOptions.from_options(options), None, TODAY)
    by_code = {}
    for p in found:
        by_code.setdefault(p.code, set()).add(p.severity)
    assert "lint.summary-copied" not in by_code
    assert by_code["lint.no-sources"] == {"error"}
    assert by_code["lint.unused-term"] == {"info"}
    assert by_code["lint.repeated-cell"] == {"warning"}  # the default


def test_severity_option_mistakes_are_named_with_a_suggestion():
    assert severity_option_problems({"unused-trem": "warn", "review-stale": "warning", "lint.no-sources": "info"}) == [
        "unknown lint code 'unused-trem' (did you mean 'unused-term'?); expected one of placeholder, review-stale, "
        "no-sources, repeated-cell, takeaway-repeats-item, summary-copied, unused-term, summary-too-long",
        "lint.review-stale: expected one of error, warn, info, ignore, found 'warning' (did you mean 'warn'?)",
    ]
    assert severity_option_problems(["warn"]) == ["expected a mapping of lint codes to severities, found list"]


def test_placeholders_in_an_invalid_file_are_reported_with_its_schema_errors_once(tmp_path):
    runtime = "name: X\nsummary: 'TODO: say it'\ncategory: TODO\n"
    paths = site(tmp_path, {"runtimes/x.yml": runtime})
    _, problems = check_site(paths, today=TODAY)
    lines = [str(p) for p in problems.sorted() if p.location.line in (2, 3)]
    assert lines == [
        "runtimes/x.yml:2:10: summary: still the placeholder 'TODO: say it'; replace it with the real value [lint.placeholder]",
        "runtimes/x.yml:3:11: category: expected one of agent-runtime, browser, compiler, inference-server, local-runtime, "
        "on-device, serving-platform; found 'TODO' [schema.enum]",
    ]


def test_github_annotation_escaping():
    problem = Problem(Location("glossary/a,b:c.yml", 4, 7), "related[0]", "50% done\r\nnext: line", "ref.unknown")
    assert github_annotation(problem) == (
        "::error file=glossary/a%2Cb%3Ac.yml,line=4,col=7,title=related[0] [ref.unknown]::50%25 done%0D%0Anext: line"
    )
    info = Problem(Location("x.yml", 1, 1), "", "note", "lint.unused-term", "info")
    assert github_annotation(info) == "::notice file=x.yml,line=1,col=1,title=lint.unused-term::note"


# --- the command line: formats and exit codes, options read from mkdocs.yml -----------------


def cli_site(tmp_path, lint_yaml: str = "") -> Path:
    paths = site(tmp_path, {"patterns/demo.yml": CLEAN_PATTERN, "glossary/kv-cache.yml": CLEAN_TERM, "glossary/orphan.yml": ORPHAN})
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - aruntime:\n      review_max_age_days: 100000\n" + lint_yaml)
    return Path(paths.root)


def check(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "scripts/validate_data.py"), *args], cwd=root, capture_output=True, text=True)


def test_text_format_and_exit_code(tmp_path):
    root = cli_site(tmp_path)
    proc = check(root)
    assert proc.returncode == 0  # warnings only
    assert "WARNING: glossary/orphan.yml:1:7: term: no entry or page relates to or mentions 'Orphan'" in proc.stderr
    assert "Content is valid: 1 patterns, 2 glossary, 0 runtimes; 4 warning(s)." in proc.stdout


def test_severities_in_mkdocs_yml_make_a_warning_an_error(tmp_path):
    root = cli_site(tmp_path, "      lint:\n        unused-term: error\n        summary-copied: ignore\n")
    proc = check(root)
    assert proc.returncode == 1
    assert "ERROR: glossary/orphan.yml:1:7: term: no entry" in proc.stderr
    assert "summary-copied" not in proc.stderr
    # python -m aruntime check is the same command.
    same = subprocess.run([sys.executable, "-m", "aruntime", "check"], cwd=root, capture_output=True, text=True)
    assert (same.returncode, same.stderr) == (proc.returncode, proc.stderr)


def test_json_format(tmp_path):
    root = cli_site(tmp_path)
    proc = check(root, "--format", "json")
    assert proc.returncode == 0 and proc.stderr == ""
    report = json.loads(proc.stdout)
    assert report["counts"] == {"error": 0, "warning": 4, "info": 0}
    assert report["entries"] == {"patterns": 1, "glossary": 2, "runtimes": 0}
    first = report["problems"][0]
    assert first == {
        "path": "glossary/kv-cache.yml", "line": 2, "column": 10, "field": "summary",
        "message": "the same summary as glossary/orphan.yml:2; say what is specific to this entry",
        "code": "lint.summary-copied", "severity": "warning",
    }


def test_github_format_annotates_file_and_line(tmp_path):
    root = cli_site(tmp_path)
    (root / "runtimes").mkdir()
    (root / "runtimes/bad.yml").write_text("name: Bad\nsummary: x\ncategory: inference-sever\n")
    proc = check(root, "--format", "github")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert (
        "::error file=runtimes/bad.yml,line=3,col=11,title=category [schema.enum]::expected one of agent-runtime, browser, "
        "compiler, inference-server, local-runtime, on-device, serving-platform; found 'inference-sever' "
        "(did you mean 'inference-server'?)"
    ) in lines
    assert (
        "::warning file=glossary/orphan.yml,line=1,col=7,title=term [lint.unused-term]::no entry or page relates to or "
        "mentions 'Orphan'; add it to a related list, use it in a text, or remove the term"
    ) in lines
    # Each annotation's line really holds the value it names.
    bad = (root / "runtimes/bad.yml").read_text().splitlines()
    assert bad[3 - 1][11 - 1:] == "inference-sever"


def test_make_check_passes_the_format(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    root = cli_site(tmp_path)
    proc = subprocess.run(
        ["make", "-s", "-C", str(REPO), "check", "FORMAT=github", f"CONFIG={root / 'mkdocs.yml'}"],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "::warning file=glossary/orphan.yml,line=1,col=7," in proc.stdout


# --- the build reads the same severities -------------------------------------------------


def build_with(tmp_path, lint_yaml: str, *args: str):
    """Build a tiny site whose only term nobody uses; ``lint_yaml`` goes into the plugin's options."""
    config = BASE_MKDOCS.format(vocabularies=REPO / "vocabularies.yml")
    # without the test sites' own lint options (sitekit.TEST_LINT): the defaults are what is tested
    config = "".join(line for line in config.splitlines(keepends=True) if not line.startswith("      lint: "))
    config = config.replace("\nmarkdown_extensions:", "\n" + lint_yaml + "markdown_extensions:")
    root = write_site(tmp_path, {"patterns/demo.yml": CLEAN_PATTERN, "glossary/orphan.yml": ORPHAN}, config)
    # Not build_site(): its -q would hide the warnings this checks.
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args], cwd=root, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_build_fails_on_a_lint_error_configured_in_mkdocs_yml(tmp_path):
    proc = build_with(tmp_path, "      lint:\n        unused-term: error\n")
    assert proc.returncode != 0
    assert "glossary/orphan.yml:1:7: term: no entry or page relates to or mentions 'Orphan'" in proc.stderr
    assert not (tmp_path / "site/index.html").exists()


def test_build_warns_by_default_and_strict_fails_on_the_warning(tmp_path):
    lenient = build_with(tmp_path / "a", "")
    assert lenient.returncode == 0, lenient.stderr
    assert "WARNING" in lenient.stderr and "[lint.unused-term]" in lenient.stderr
    strict = build_with(tmp_path / "b", "", "--strict")
    assert strict.returncode != 0
    quiet = build_with(tmp_path / "c", "      lint:\n        unused-term: ignore\n        no-sources: info\n", "--strict")
    assert quiet.returncode == 0, quiet.stderr
    assert "lint.unused-term" not in quiet.stderr


def test_build_rejects_an_unknown_lint_code(tmp_path):
    proc = build_with(tmp_path, "      lint:\n        unused-trem: warn\n")
    assert proc.returncode != 0
    assert "did you mean 'unused-term'?" in proc.stderr


def test_check_reports_mistakes_in_the_lint_options_of_mkdocs_yml(tmp_path):
    root = cli_site(tmp_path, "      summary_max_chars: many\n      lint:\n        review-stale: loud\n")
    proc = check(root)
    assert proc.returncode == 1
    assert "ERROR: mkdocs.yml: plugins.aruntime.lint: lint.review-stale: expected one of error, warn, info, ignore, found 'loud'" in proc.stderr
    assert "ERROR: mkdocs.yml: plugins.aruntime.summary_max_chars: expected a whole number of at least 1, found 'many'" in proc.stderr


def test_a_name_split_across_two_texts_is_no_mention(tmp_path):
    # "... KV" ends one use case and "Cache ..." starts the next: no mention of "KV cache".
    pattern = CLEAN_PATTERN.replace("[Keep the KV cache warm, Measure first]", "[Measure first]").replace(
        "sources:", "use_cases: [Sizing for KV, Cache warming]\nsources:"
    )
    paths = site(tmp_path, {"patterns/demo.yml": pattern, "glossary/kv-cache.yml": CLEAN_TERM})
    assert [f.split(" [")[-1] for f in lint(paths)] == ["lint.unused-term]"]


def test_long_summaries_are_info_by_default_and_configurable(tmp_path):
    paths = site(tmp_path, {"glossary/kv-cache.yml": CLEAN_TERM, "patterns/demo.yml": CLEAN_PATTERN})
    model, _ = load_site(paths, today=TODAY)
    default = lint_site(model, paths, LintOptions.from_options({"summary_max_chars": 30}), None, TODAY)
    assert [(p.code, p.severity) for p in default] == [("lint.summary-too-long", "info")]
    raised = lint_site(model, paths, LintOptions.from_options({"summary_max_chars": 30, "lint": {"summary-too-long": "warn"}}), None, TODAY)
    assert [(p.code, p.severity) for p in raised] == [("lint.summary-too-long", "warning")]

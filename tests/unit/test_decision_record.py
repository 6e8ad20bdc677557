"""The decision-record builder from the pattern data: questions declared in
YAML reach the built page with no code change, bad ``decision_questions`` are
reported at file:line:column, and the JavaScript core reads the schema Python
writes (fill -> Markdown -> parse back), with its own Node tests run here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_validation import PATTERN, TERM, problems_for

from aruntime.views import KINDS
from aruntime.views.decision_record import ANSWER_FIELDS, FAILURE_MODES, record_schema
from htmlq import parse_file
from modelkit import site_for
from sitekit import MINIMAL_PATTERN

REPO = Path(__file__).resolve().parents[2]
CORE_JS = REPO / "plugins/aruntime/assets/js/decision-record-core.mjs"
NODE_TESTS = REPO / "tests/js/decision-record-core.test.mjs"
NODE = shutil.which("node")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

RUNTIME = """\
name: {name}
summary: Runs models.
category: inference-server
deployment: {deployment}
hardware: {hardware}
license: Apache-2.0
homepage: https://example.org/
sources: [{{title: Docs, url: "https://example.org/docs"}}]
last_reviewed: 2026-01-01
"""

# A site whose patterns declare questions the code has never seen.
FILES = {
    "patterns/deployment-patterns.yml": MINIMAL_PATTERN.format(title="Deployment Patterns")
    + """\
decision_questions:
  - id: data-locality
    question: Data locality and classification
    hint: Which data classes does the request path carry?
  - id: quantum-readiness
    question: Is the model ready for <b>quantum</b> hardware?
""",
    "patterns/edge-fleet.yml": MINIMAL_PATTERN.format(title="Edge Fleet")
    + """\
decision_questions:
  - id: offline-days
    question: How many days must a device work offline?
""",
    "patterns/no-questions.yml": MINIMAL_PATTERN.format(title="No Questions"),
    "runtimes/alpha.yml": RUNTIME.format(name="'Alpha''s <i>Serve</i> \"2\"'", deployment="[single-node-server]", hardware="[nvidia-gpu]"),
    "runtimes/beta.yml": RUNTIME.format(name="Beta", deployment="[browser]", hardware="[webgpu]"),
}


def legends(site: Path) -> list[str]:
    doc = parse_file(site / "decision-record" / "index.html")
    return [fs.find("legend").text for fs in doc.find_all("fieldset", cls="ar-dr__question")]


def schema_of(site: Path) -> dict:
    doc = parse_file(site / "decision-record" / "index.html")
    return json.loads(doc.find("article", cls="ar-dr").attrs["data-ar-dr-schema"])


def test_questions_declared_in_yaml_appear_in_the_built_page(site):
    # Deployment Patterns first, then the other patterns that declare questions, by title.
    assert legends(site) == [
        "Data locality and classification",
        "Is the model ready for <b>quantum</b> hardware?",  # text, escaped: not markup
        "How many days must a device work offline?",
    ]
    html = (site / "decision-record" / "index.html").read_text(encoding="utf-8")
    assert "Is the model ready for &lt;b&gt;quantum&lt;/b&gt; hardware?" in html
    doc = parse_file(site / "decision-record" / "index.html")
    names = [t.attrs["name"] for t in doc.find_all("textarea") if t.attrs.get("name", "").startswith("q:")]
    assert names == [f"q:{q}:{f}" for q in ("deployment-patterns/data-locality", "deployment-patterns/quantum-readiness",
                                             "edge-fleet/offline-days") for f, _ in ANSWER_FIELDS]
    # Every failure case has its field; every deployment target and hardware value its box.
    assert [t.attrs["name"] for t in doc.find_all("textarea") if t.attrs.get("name", "").startswith("failure:")] == [
        f"failure:{k}" for k, _, _ in FAILURE_MODES
    ]
    vocabulary = (REPO / "vocabularies.yml").read_text(encoding="utf-8")
    targets = [i.attrs["value"] for i in doc.find_all("input", name="target")]
    assert len(targets) == 8 and all(f"\n  {t}:\n" in vocabulary for t in targets)


def test_the_page_schema_holds_questions_entries_and_their_links(site):
    schema = schema_of(site)
    assert [q["key"] for q in schema["questions"]] == [
        "deployment-patterns/data-locality", "deployment-patterns/quantum-readiness", "edge-fleet/offline-days"]
    assert schema["questions"][0]["hint"] == "Which data classes does the request path carry?"
    alpha = next(r for r in schema["runtimes"] if r["slug"] == "alpha")
    assert alpha == {
        "slug": "alpha", "name": "Alpha's <i>Serve</i> \"2\"", "deployment": ["single-node-server"], "hardware": ["nvidia-gpu"],
        "path": "runtimes/alpha/", "url": "https://example.org/sub/runtimes/alpha/", "last_reviewed": "2026-01-01",
    }
    assert [p["slug"] for p in schema["patterns"]] == ["deployment-patterns", "edge-fleet", "no-questions"]
    # The same paths as the runtimes.json export.
    export = json.loads((site / "runtimes.json").read_text(encoding="utf-8"))
    assert {e["slug"]: e["path"] for e in export["entries"]} == {r["slug"]: r["path"] for r in schema["runtimes"]}


def test_runtime_and_pattern_pages_link_to_the_builder_with_the_entry(site):
    runtime = parse_file(site / "runtimes" / "alpha" / "index.html")
    assert [a.attrs["href"] for a in runtime.find_all("a") if a.text == "Use in a decision record"] == ["../../decision-record/?runtime=alpha"]
    pattern = parse_file(site / "patterns" / "edge-fleet" / "index.html")
    assert [a.attrs["href"] for a in pattern.find_all("a") if a.text == "Use in a decision record"] == ["../../decision-record/?pattern=edge-fleet"]


def test_the_page_kind_is_registered_once():
    assert [k for k in KINDS.values() if k.template == "aruntime/decision-record.html"] == [KINDS["decision-record"]]


# --- validation of decision_questions ------------------------------------------

QUESTIONS = PATTERN + "decision_questions:\n"
BAD = [
    (
        QUESTIONS + "  - {id: Data Locality, question: Where is the data?}\n",
        ["patterns/demo.yml:11:10: decision_questions[0].id: expected lowercase letters, digits and single hyphens, "
         "found 'Data Locality' [schema.pattern]"],
    ),
    (
        QUESTIONS + "  - id: data\n    question: One?\n  - id: cold\n    question: Two?\n  - id: data\n    question: Three?\n",
        ["patterns/demo.yml:15:9: decision_questions[2].id: expected a unique id, found 'data' again (first at line 11, column 9) "
         "[pattern.duplicate-question]"],
    ),
    (
        QUESTIONS + "  - id: data\n    question: ''\n",
        ["patterns/demo.yml:12:15: decision_questions[0].question: expected non-empty text, found empty text [schema.minLength]"],
    ),
    (
        QUESTIONS + "  - id: data\n    question: '   '\n    hint: ' '\n",
        ["patterns/demo.yml:12:15: decision_questions[0].question: expected text, found only whitespace [text.blank]",
         "patterns/demo.yml:13:11: decision_questions[0].hint: expected text, found only whitespace [text.blank]"],
    ),
    (
        QUESTIONS + "  - id: data\n    hnit: Where?\n",
        ["patterns/demo.yml:11:5: decision_questions[0]: required field 'question' is missing [schema.required]",
         "patterns/demo.yml:12:5: decision_questions[0].hnit: unknown field (did you mean 'hint'?); expected one of id, question, hint "
         "[schema.additionalProperties]"],
    ),
    (
        PATTERN + "decision_questions: Where is the data?\n",
        ["patterns/demo.yml:10:21: decision_questions: expected a list, found 'Where is the data?' [schema.type]"],
    ),
]


@pytest.mark.parametrize("text,expected", BAD, ids=["slug", "duplicate", "empty", "blank", "field", "type"])
def test_bad_decision_questions_are_reported_with_file_line_and_column(tmp_path, text, expected):
    assert problems_for(tmp_path, {"glossary/kv-cache.yml": TERM, "patterns/demo.yml": text}) == expected


def test_rule_problems_of_a_file_are_reported_together_once_its_shape_is_valid(tmp_path):
    text = QUESTIONS + "  - {id: x, question: ' '}\n  - {id: x, question: Two?}\n  - {id: Bad, question: Three?}\n"
    problems = problems_for(tmp_path, {"glossary/kv-cache.yml": TERM, "patterns/demo.yml": text})
    # Text rules run with the schema; rules of a built entry (unique ids) once the shape is valid.
    assert [p.rsplit("[", 1)[1] for p in problems] == ["text.blank]", "schema.pattern]"]
    text = QUESTIONS + "  - {id: x, question: ' '}\n  - {id: x, question: Two?}\n"
    problems = problems_for(tmp_path, {"glossary/kv-cache.yml": TERM, "patterns/demo.yml": text})
    assert [p.rsplit("[", 1)[1] for p in problems] == ["text.blank]", "pattern.duplicate-question]"]


# --- the JavaScript core against the schema Python writes -------------------------


def run_node(code: str, *args: str) -> dict:
    if not NODE:
        if IN_CI:
            pytest.fail("node is not installed")
        pytest.skip("node is not installed")
    script = f"import * as core from {json.dumps(CORE_JS.as_uri())};\n{code}"
    proc = subprocess.run([NODE, "--input-type=module", "-e", script, *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_javascript_core_round_trips_a_record_of_the_python_schema(tmp_path):
    from aruntime.loader import ContentPaths, load_site

    shutil.copy(REPO / "vocabularies.yml", tmp_path / "vocabularies.yml")
    for rel, text in FILES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    model, problems = load_site(ContentPaths(str(tmp_path)))
    assert not problems.errors
    schema = record_schema(site_for(model), KINDS["decision-record"].context(None, site_for(model))["record"]["groups"])
    out = run_node(
        """
        const schema = JSON.parse(process.argv[1]);
        const state = core.emptyState(schema, "2026-11-30");
        state.title = "Edge rollout";
        state.targets = ["browser"];
        state.hardware = ["webgpu"];
        state.answers["edge-fleet/offline-days"].constraint = "Seven days.\\n# not a heading";
        state.runtimes = core.candidates(state, schema);
        const md = core.toMarkdown(state, schema);
        const back = core.parseMarkdown(md, schema);
        console.log(JSON.stringify({md, same: JSON.stringify(back.state) === JSON.stringify(core.normalizeState(state, schema)),
          warnings: back.warnings, runtimes: state.runtimes}));
        """,
        json.dumps(schema),
    )
    assert out["warnings"] == [] and out["same"]
    assert out["runtimes"] == ["beta"]
    assert "- [Beta](https://example.org/sub/runtimes/beta/) (runtimes/beta), last reviewed 2026-01-01\n" in out["md"]
    assert "### How many days must a device work offline?\n\n<!-- question: edge-fleet/offline-days -->\n" in out["md"]
    assert "- [Edge Fleet](https://example.org/sub/patterns/edge-fleet/) (patterns/edge-fleet), last reviewed 2026-01-01\n" in out["md"]


def test_the_core_unit_tests_pass_in_node():
    if not NODE:
        if IN_CI:
            pytest.fail("node is not installed")
        pytest.skip("node is not installed")
    proc = subprocess.run([NODE, "--test", str(NODE_TESTS)], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "# fail 0" in proc.stdout and "# pass 0" not in proc.stdout

"""Every validation rule, with the file:line:column it reports."""

import datetime as dt
import os
import shutil
import textwrap
from pathlib import Path

import pytest

from aruntime.loader import ContentPaths, load_site
from sitekit import DEMO_PATTERN, DEMO_RUNTIME

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 6, 1)

PATTERN = DEMO_PATTERN
TERM = "term: KV cache\nsummary: Cached keys and values.\n"
RUNTIME = DEMO_RUNTIME


def problems_for(tmp_path: Path, files: dict[str, str]) -> list[str]:
    shutil.copy(REPO / "vocabularies.yml", tmp_path / "vocabularies.yml")
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    _, problems = load_site(ContentPaths(str(tmp_path)), today=TODAY)
    return [str(p) for p in problems.sorted()]


def test_valid_entries_have_no_problems(tmp_path):
    assert problems_for(
        tmp_path,
        {"patterns/demo.yml": PATTERN, "glossary/kv-cache.yml": TERM, "runtimes/demo.yml": RUNTIME},
    ) == []


CASES = [
    # (file, text, expected problems)
    (
        "patterns/demo.yml",
        PATTERN.replace("audience: Engineers\n", ""),
        ["patterns/demo.yml:1:1: required field 'audience' is missing [schema.required]"],
    ),
    (
        "patterns/demo.yml",
        PATTERN + "colour: blue\n",
        ["patterns/demo.yml:10:1: colour: unknown field; expected one of summary, autolink, related, use_cases, sources, "
         "last_reviewed, title, audience, status, key_takeaways, sections, decision_questions [schema.additionalProperties]"],
    ),
    (
        "patterns/demo.yml",
        PATTERN + "sumary: typo\n",
        ["patterns/demo.yml:10:1: sumary: unknown field (did you mean 'summary'?); expected one of summary, autolink, related, "
         "use_cases, sources, last_reviewed, title, audience, status, key_takeaways, sections, decision_questions [schema.additionalProperties]"],
    ),
    (
        "patterns/demo.yml",
        PATTERN.replace("key_takeaways: [One]", "key_takeaways: One"),
        ["patterns/demo.yml:6:16: key_takeaways: expected a list, found 'One' [schema.type]"],
    ),
    (
        "patterns/demo.yml",
        PATTERN.replace("status: draft", "status: drat"),
        ["patterns/demo.yml:4:9: status: expected one of draft, emerging-practice, production-guidance; "
         "found 'drat' (did you mean 'draft'?) [schema.enum]"],
    ),
    (
        "patterns/demo.yml",
        PATTERN.replace("2026-01-01", "2026-02-30"),
        ["patterns/demo.yml:5:16: last_reviewed: expected a real calendar date, found '2026-02-30' [schema.format]"],
    ),
    (
        "patterns/demo.yml",
        PATTERN.replace("2026-01-01", "2027-01-01"),
        ["patterns/demo.yml:5:16: last_reviewed: expected a date not in the future (today is 2026-06-01), "
         "found '2027-01-01' [schema.format]"],
    ),
    (
        "patterns/demo.yml",
        PATTERN.replace("2026-01-01", "1 Jan 2026"),
        ["patterns/demo.yml:5:16: last_reviewed: expected a date as YYYY-MM-DD, found '1 Jan 2026' [schema.format]"],
    ),
    (
        "patterns/demo.yml",
        PATTERN + "sources:\n  - {title: S, url: 'javascript:alert(1)'}\n",
        ["patterns/demo.yml:11:21: sources[0].url: expected an http:// or https:// URL, found 'javascript:alert(1)': "
         "only http and https links are published [schema.format]"],
    ),
    (
        "patterns/demo.yml",
        PATTERN.replace("    list: [a, b]", "    list: [a, b]\n    steps: [c]"),
        ["patterns/demo.yml:10:5: sections[0]: expected at most one of list, checklist, steps, table, "
         "found list and steps [pattern.section-kinds]"],
    ),
    (
        "patterns/demo.yml",
        PATTERN.replace("    list: [a, b]", "    table:\n      columns: [A, B]\n      rows:\n        - [a1, b1]\n        - [a2]"),
        ["patterns/demo.yml:13:11: sections[0].table.rows[1]: expected 2 cells (one per column), found 1 [pattern.table-width]"],
    ),
    (
        "patterns/demo.yml",
        PATTERN + "related: [glossary/kv-cahce]\n",
        ["patterns/demo.yml:10:11: related[0]: expected an existing glossary entry, found 'glossary/kv-cahce' "
         "(did you mean 'glossary/kv-cache'?) [ref.unknown]"],
    ),
    (
        "patterns/demo.yml",
        PATTERN + "related: [patterns/demo]\n",
        ["patterns/demo.yml:10:11: related[0]: an entry cannot be related to itself, found 'patterns/demo' [ref.self]"],
    ),
    (
        "patterns/demo.yml",
        PATTERN + "related: ['glossary:kv-cache']\n",
        ["patterns/demo.yml:10:11: related[0]: expected a reference like glossary/<slug>, runtimes/<slug> or "
         "patterns/<slug>, found 'glossary:kv-cache' [schema.pattern]"],
    ),
    (
        "patterns/Bad_Name.yml",
        PATTERN,
        ["patterns/Bad_Name.yml:1:1: file name must be lowercase letters, digits and single hyphens, with the "
         "extension .yml, found 'Bad_Name' (did you mean 'bad-name.yml'?) [file.bad-slug]"],
    ),
    (
        "patterns/demo.yaml",
        PATTERN,
        ["patterns/demo.yaml:1:1: expected the extension .yml, found .yaml (rename to demo.yml); file names are "
         "lowercase letters, digits and single hyphens, with the extension .yml [file.extension]"],
    ),
    (
        "runtimes/demo.yml",
        RUNTIME.replace("license: Apache-2.0", "license: apache-2.0"),
        ["runtimes/demo.yml:6:10: license: expected an SPDX license identifier or 'LicenseRef-Proprietary', found "
         "'apache-2.0' (did you mean 'Apache-2.0'?) [schema.format]"],
    ),
    (
        "runtimes/demo.yml",
        RUNTIME.replace("license: Apache-2.0", "license: Proprietary"),
        ["runtimes/demo.yml:6:10: license: expected an SPDX license identifier or 'LicenseRef-Proprietary', found "
         "'Proprietary' (did you mean 'LicenseRef-Proprietary'? SPDX has no 'Proprietary' identifier; readers still "
         "see 'Proprietary') [schema.format]"],
    ),
    (
        "runtimes/demo.yml",
        RUNTIME.replace("hardware: [cpu]", "hardware: [cpu, nvidia-gpus]"),
        ["runtimes/demo.yml:5:17: hardware[1]: expected one of amd-gpu, any, apple-silicon, aws-neuron, cpu, "
         "intel-gpu, mobile-gpu, npu, nvidia-gpu, tpu, webgpu; found 'nvidia-gpus' (did you mean 'nvidia-gpu'?) [schema.enum]"],
    ),
    (
        "runtimes/demo.yml",
        RUNTIME.replace("sources:\n  - {title: Docs, url: \"https://example.org/docs\"}\n", "sources: []\n"),
        ["runtimes/demo.yml:8:10: sources: expected at least 1 item(s), found 0 [schema.minItems]"],
    ),
    (
        "glossary/kv-cache.yml",
        TERM + "aliases: KV\n",
        ["glossary/kv-cache.yml:3:10: aliases: expected a list, found 'KV' [schema.type]"],
    ),
]


@pytest.mark.parametrize("path,text,expected", CASES, ids=[c[2][0].split("[")[-1].rstrip("]") + f"-{i}" for i, c in enumerate(CASES)])
def test_rule_reports_location_field_and_expectation(tmp_path, path, text, expected):
    # A valid term is always present so references have something to resolve to.
    files = {"glossary/kv-cache.yml": TERM, path: text}
    assert problems_for(tmp_path, files) == expected


def test_all_problems_of_a_run_are_reported_at_once(tmp_path):
    problems = problems_for(
        tmp_path,
        {
            "patterns/a.yml": PATTERN.replace("status: draft", "status: nope"),
            "patterns/b.yml": PATTERN.replace("title: Demo\n", "").replace("2026-01-01", "2026-13-01"),
            "runtimes/r.yml": RUNTIME.replace("category: inference-server", "category: inference-sever"),
        },
    )
    assert [p.split(": ")[0] for p in problems] == [
        "patterns/a.yml:4:9",
        "patterns/b.yml:1:1",
        "patterns/b.yml:4:16",
        "runtimes/r.yml:3:11",
    ]
    assert "did you mean 'inference-server'?" in problems[-1]


def test_duplicate_key_stops_nothing_else(tmp_path):
    problems = problems_for(tmp_path, {"patterns/demo.yml": PATTERN + "title: Again\nstatus: bad\n"})
    assert problems[0].startswith("patterns/demo.yml:10:1: title: duplicate field; first defined at line 1")
    assert problems[1].startswith("patterns/demo.yml:11:1: status: duplicate field")


def test_bad_vocabulary_file_is_reported(tmp_path):
    (tmp_path / "vocabularies.yml").write_text("pattern_status: {}\n")
    _, problems = load_site(ContentPaths(str(tmp_path)), today=TODAY)
    messages = [str(p) for p in problems.sorted()]
    assert "vocabularies.yml:1:1: required field 'runtime_category' is missing [schema.required]" in messages
    assert "vocabularies.yml:1:17: pattern_status: expected at least 1 entry, found none [schema.minProperties]" in messages


def test_two_entries_claiming_the_same_term_or_alias_name_both_places(tmp_path):
    problems = problems_for(
        tmp_path,
        {
            "glossary/kv-cache.yml": "term: KV cache\nsummary: S.\naliases: [key-value cache]\n",
            "glossary/kv-store.yml": "term: Key-Value Cache\nsummary: S.\naliases: [kv cache, KVS]\n",
        },
    )
    assert problems == [
        "glossary/kv-store.yml:1:7: term: 'Key-Value Cache' is also claimed by glossary/kv-cache.yml:3:11 "
        "(aliases[0]); a term or alias may belong to one entry only [glossary.duplicate-name]",
        "glossary/kv-store.yml:3:11: aliases[0]: 'kv cache' is also claimed by glossary/kv-cache.yml:1:7 "
        "(term); a term or alias may belong to one entry only [glossary.duplicate-name]",
    ]


def test_glossary_term_related_to_itself(tmp_path):
    problems = problems_for(tmp_path, {"glossary/kv-cache.yml": TERM + "related: [kv-cache]\n"})
    assert problems == [
        "glossary/kv-cache.yml:3:11: related[0]: an entry cannot be related to itself, found 'glossary/kv-cache' [ref.self]"
    ]


def test_references_and_names_are_checked_in_the_same_run_as_schema_errors(tmp_path):
    """A misspelt reference shows up with the other errors, not after they are fixed."""
    problems = problems_for(
        tmp_path,
        {
            "glossary/kv-cache.yml": TERM,
            "patterns/demo.yml": PATTERN.replace("status: draft", "status: drat") + "related: [glossary/kv-cahce]\n",
            "glossary/other.yml": "term: kv  CACHE\nsummary: 7\n",
            "runtimes/demo.yml": RUNTIME.replace("hardware: [cpu]", "hardware: []") + "related: [demo]\n",
        },
    )
    codes = [(p.split(": ")[0], p.rsplit("[", 1)[1].rstrip("]")) for p in problems]
    assert codes == [
        ("glossary/other.yml:1:7", "glossary.duplicate-name"),
        ("glossary/other.yml:2:10", "schema.type"),
        ("patterns/demo.yml:4:9", "schema.enum"),
        ("patterns/demo.yml:10:11", "ref.unknown"),
        ("runtimes/demo.yml:5:11", "schema.minItems"),
        ("runtimes/demo.yml:11:11", "ref.self"),
    ]


def test_an_entry_with_any_error_is_not_counted_as_valid(tmp_path):
    shutil.copy(REPO / "vocabularies.yml", tmp_path / "vocabularies.yml")
    files = {
        "glossary/kv-cache.yml": TERM,
        "glossary/clash.yml": "term: KV Cache\nsummary: Same name.\n",  # valid alone, clashes by name
        "patterns/demo.yml": PATTERN + "related: [glossary/missing]\n",  # valid schema, bad reference
        "runtimes/demo.yml": RUNTIME,
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    model, problems = load_site(ContentPaths(str(tmp_path)), today=TODAY)
    assert len(problems.errors) == 2
    assert sorted(model.glossary) == ["clash"]  # registered first (files in order); kv-cache repeats its name
    assert model.patterns == {}
    assert sorted(model.runtimes) == ["demo"]


def test_validate_data_counts_only_valid_entries(tmp_path, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("validate_data", REPO / "scripts/validate_data.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    shutil.copy(REPO / "vocabularies.yml", tmp_path / "vocabularies.yml")
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary/a.yml").write_text(TERM + "related: [b]\n")
    (tmp_path / "glossary/c.yml").write_text("term: C\nsummary: S.\n")
    assert script.main(["-f", str(tmp_path / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert "glossary/a.yml:3:11: related[0]: expected an existing glossary entry, found 'glossary/b'" in err
    assert "(0 patterns, 1 glossary, 0 runtimes valid)" in err


def test_symlinked_collection_folder_configured_elsewhere_is_read(tmp_path):
    """Containment is about links inside a folder, not folders mkdocs.yml names."""
    shared = tmp_path / "shared-glossary"
    shared.mkdir()
    (shared / "kv-cache.yml").write_text(TERM)
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(REPO / "vocabularies.yml", site / "vocabularies.yml")
    model, problems = load_site(ContentPaths(str(site), glossary=str(shared)), today=TODAY)
    assert [str(p) for p in problems] == []
    assert list(model.glossary) == ["kv-cache"]


def test_deny_list_entries_must_be_domains_with_a_reason(tmp_path):
    vocab = (REPO / "vocabularies.yml").read_text().split("denied_source_domains:")[0]
    (tmp_path / "vocabularies.yml").write_text(vocab + "denied_source_domains:\n  Not A Domain: reason\n  example.org: ''\n")
    _, problems = load_site(ContentPaths(str(tmp_path)), today=TODAY)
    messages = [str(p) for p in problems.sorted()]
    line = vocab.count("\n") + 2
    assert any(f"vocabularies.yml:{line}:3: denied_source_domains: expected a domain name such as example.org, found 'Not A Domain'" in m for m in messages), messages
    assert any("denied_source_domains.example.org" in m and "schema.minLength" in m for m in messages), messages


def _mutations(data, rnd):
    """Variants of a valid entry: each changes one value to a wrong (or
    borderline) one, drops a key, or adds one."""
    wrong = [None, True, False, 0, 1.5, "", " ", "TODO", "x" * 2_100, [], {}, ["a"], {"a": 1},
             "2026-13-40", "2999-01-01", "not a url", "http://", "https://example.org/a b", "Apache-2.0",
             "LicenseRef-Proprietary", "MIT OR Nope", "UPPER_slug", "ok-slug"]

    def paths(value, prefix=()):
        yield prefix
        if isinstance(value, dict):
            for k, v in value.items():
                yield from paths(v, prefix + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from paths(v, prefix + (i,))

    def replaced(value, path, new):
        if not path:
            return new
        head, rest = path[0], path[1:]
        out = dict(value) if isinstance(value, dict) else list(value)
        if new is _DROP and not rest:
            del out[head]
        else:
            out[head] = replaced(value[head], rest, new)
        return out

    all_paths = [p for p in paths(data) if p]
    for path in all_paths:
        yield replaced(data, path, _DROP)
        for value in rnd.sample(wrong, 6):
            yield replaced(data, path, value)
    yield {**data, "unknown_field": "x"}


_DROP = object()


def test_compiled_schema_check_agrees_with_jsonschema():
    """validate.SchemaValidator answers "valid?" with fastjsonschema and
    reports errors with jsonschema: the two must agree on every document,
    or a broken entry could pass unreported."""
    import random

    from aruntime.problems import Problems
    from aruntime.validate import entry_validators
    from aruntime.yamlload import load_yaml

    today = dt.date.today()  # the reference's own entries are valid today
    model, problems = load_site(ContentPaths(str(REPO)), today=today)
    validators = entry_validators(model.vocabularies, today)
    rnd = random.Random(13)
    checked = invalid = 0
    for collection in ("patterns", "glossary", "runtimes"):
        files = sorted((REPO / collection).glob("*.yml"))[:8]
        for path in files:
            data = load_yaml(path.name, path.read_text(encoding="utf-8"), Problems()).data
            validator = validators[collection]
            assert validators[collection].is_valid(data), path.name
            for variant in _mutations(data, rnd):
                expected = not any(True for _ in validator.iter_errors(variant))
                assert validator.is_valid(variant) == expected, (collection, path.name, variant)
                checked += 1
                invalid += not expected
    assert checked > 2_000 and checked // 4 < invalid < checked  # the mutations really break (some) things


@pytest.mark.parametrize("folder", ["glossary", "content/glossary", ".", "../elsewhere/glossary"])
def test_a_file_is_shown_from_its_folder_as_display_shows_it(tmp_path, folder):
    paths = ContentPaths(str(tmp_path / "site"))
    directory = os.path.join(paths.root, folder)
    assert paths.display_in(paths.display(directory), "kv-cache.yml") == paths.display(os.path.join(directory, "kv-cache.yml"))

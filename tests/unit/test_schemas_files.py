"""The committed JSON Schema files: fresh, documented, and as strict as the validator
where JSON Schema can say it (checked with the generic tool check-jsonschema)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aruntime.loader import ContentPaths, load_site
from aruntime.model import COLLECTIONS
from aruntime.scaffold import MODELINE_PREFIX, add_modelines
from sitekit import DEMO_PATTERN, DEMO_RUNTIME

REPO = Path(__file__).resolve().parents[2]
CHECK_JSONSCHEMA = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))


def aruntime(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aruntime", *args], cwd=cwd, capture_output=True, text=True)


def test_committed_schema_files_are_current():
    proc = aruntime("schemas", "--check")
    assert proc.returncode == 0, proc.stderr + "\nRun `make schemas` and commit schemas/."
    assert sorted(p.name for p in (REPO / "schemas").glob("*.json")) == [f"{c}.schema.json" for c in sorted(COLLECTIONS)]


def test_a_vocabulary_change_makes_the_files_stale_and_the_command_regenerates_them(tmp_path):
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    vocab = (REPO / "vocabularies.yml").read_text()
    (tmp_path / "vocabularies.yml").write_text(
        vocab.replace("runtime_category:\n", "runtime_category:\n  quantum-runtime:\n    label: Quantum runtime\n", 1)
    )
    stale = aruntime("schemas", "--check", cwd=tmp_path)
    assert stale.returncode == 1
    assert "schemas/runtimes.schema.json" in stale.stderr and "make schemas" in stale.stderr
    assert "patterns.schema.json" not in stale.stderr  # only the file that changed
    assert aruntime("schemas", cwd=tmp_path).stdout == "Wrote schemas/runtimes.schema.json\n"
    schema = json.loads((tmp_path / "schemas/runtimes.schema.json").read_text())
    assert "quantum-runtime" in schema["properties"]["category"]["enum"]
    assert aruntime("schemas", "--check", cwd=tmp_path).returncode == 0


def _fields(schema: dict, path: str = ""):
    for name, sub in schema.get("properties", {}).items():
        yield f"{path}{name}", sub
        yield from _fields(sub, f"{path}{name}.")
        if "items" in sub:
            yield from _fields(sub["items"], f"{path}{name}[].")


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_field_has_a_title_a_description_and_examples(collection):
    schema = json.loads((REPO / f"schemas/{collection}.schema.json").read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    fields = list(_fields(schema))
    assert len(fields) > 8
    for name, sub in fields:
        assert sub.get("title") and sub.get("description") and sub.get("examples"), name


def test_vocabularies_are_enums_and_dates_urls_references_standard_keywords():
    runtimes = json.loads((REPO / "schemas/runtimes.schema.json").read_text())["properties"]
    assert "inference-server" in runtimes["category"]["enum"]
    assert "Inference server" in runtimes["category"]["description"]  # the label, for the editor's hover
    assert "cpu" in runtimes["hardware"]["items"]["enum"]
    assert runtimes["last_reviewed"]["format"] == "date"
    assert runtimes["homepage"]["format"] == "uri"
    assert runtimes["related"]["items"]["pattern"].startswith("^((patterns|glossary|runtimes)/)?")
    # The validator's private formats never leak into the files generic tools read.
    for collection in COLLECTIONS:
        schema = json.loads((REPO / f"schemas/{collection}.schema.json").read_text())
        assert set(_formats(schema)) <= {"date", "uri"}, collection


def _formats(node):
    if isinstance(node, dict):
        if isinstance(node.get("format"), str):
            yield node["format"]
        for value in node.values():
            yield from _formats(value)
    elif isinstance(node, list):
        for value in node:
            yield from _formats(value)


@pytest.fixture(scope="module")
def checker():
    if CHECK_JSONSCHEMA is None:
        pytest.fail("check-jsonschema is not installed (it is in the test extra)")
    return CHECK_JSONSCHEMA


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_check_jsonschema_accepts_every_entry(checker, collection):
    files = sorted(str(p) for p in (REPO / collection).glob("*.yml"))
    assert files
    proc = subprocess.run(
        [checker, "--schemafile", str(REPO / f"schemas/{collection}.schema.json"), *files],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


GOOD_TERM = "term: Demo term\nsummary: A demo.\nlast_reviewed: 2026-01-01\n"
GOOD_RUNTIME = DEMO_RUNTIME
GOOD_PATTERN = DEMO_PATTERN
BAD = [
    # (collection, text, what is wrong)
    ("runtimes", GOOD_RUNTIME.replace("inference-server", "inference-sever"), "misspelt vocabulary value"),
    ("runtimes", GOOD_RUNTIME.replace("[cpu]", "[cpu, gpu]"), "unknown hardware"),
    ("runtimes", GOOD_RUNTIME.replace("https://example.org/\n", "ftp://example.org/\n"), "non-http URL"),
    ("runtimes", GOOD_RUNTIME.replace("sources:\n  - {title: Docs, url: \"https://example.org/docs\"}\n", "sources: []\n"), "no sources"),
    ("glossary", GOOD_TERM.replace("2026-01-01", "2026-02-30"), "impossible date"),
    ("glossary", GOOD_TERM.replace("2026-01-01", "'1 Jan 2026'"), "not YYYY-MM-DD"),
    ("glossary", GOOD_TERM + "colour: blue\n", "unknown field"),
    ("glossary", GOOD_TERM.replace("term: Demo term\n", ""), "missing required field"),
    ("glossary", GOOD_TERM + "related: [Glossary/KV_cache]\n", "malformed reference"),
    ("glossary", GOOD_TERM.replace("A demo.", '"TODO: the definition"'), "scaffold placeholder"),
    ("patterns", GOOD_PATTERN.replace("    list: [a, b]\n", "    list: [a]\n    steps: [b]\n"), "two item kinds in a section"),
    ("patterns", GOOD_PATTERN.replace("key_takeaways: [One]", "key_takeaways: []"), "empty takeaways"),
]


@pytest.mark.parametrize("collection,text,why", BAD, ids=[b[2] for b in BAD])
def test_check_jsonschema_and_the_validator_both_reject_bad_entries(checker, tmp_path, collection, text, why):
    entry = tmp_path / collection / "demo.yml"
    entry.parent.mkdir()
    entry.write_text(text)
    proc = subprocess.run(
        [checker, "--schemafile", str(REPO / f"schemas/{collection}.schema.json"), str(entry)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, f"check-jsonschema accepted an entry with {why}:\n{proc.stdout}"
    shutil.copy(REPO / "vocabularies.yml", tmp_path / "vocabularies.yml")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    check = aruntime("check", cwd=tmp_path)
    assert check.returncode == 1, f"the lint accepted an entry with {why}"


@pytest.mark.parametrize("collection,text", [("glossary", GOOD_TERM), ("runtimes", GOOD_RUNTIME), ("patterns", GOOD_PATTERN)])
def test_the_good_examples_pass_check_jsonschema(checker, tmp_path, collection, text):
    entry = tmp_path / "demo.yml"
    entry.write_text(text)
    proc = subprocess.run([checker, "--schemafile", str(REPO / f"schemas/{collection}.schema.json"), str(entry)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def test_modelines_are_added_to_a_copy_of_the_content_and_nothing_else_changes(tmp_path):
    for name in (*COLLECTIONS, "vocabularies.yml"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    for path in (p for c in COLLECTIONS for p in (tmp_path / c).glob("*.yml")):  # as before modelines existed
        text = path.read_text(encoding="utf-8")
        if text.startswith(MODELINE_PREFIX):
            path.write_text(text.split("\n", 1)[1], encoding="utf-8")
    # One file already carries a stale modeline (another path): it is replaced, not doubled.
    first = sorted((tmp_path / "glossary").glob("*.yml"))[0]
    first.write_text("# yaml-language-server: $schema=old/glossary.json\n" + first.read_text())
    before = {p: p.read_bytes() for c in COLLECTIONS for p in (tmp_path / c).glob("*.yml")}
    check = aruntime("modelines", "--check", cwd=tmp_path)
    assert check.returncode == 1 and check.stdout.count("Missing modeline") == len(before)

    assert aruntime("modelines", cwd=tmp_path).returncode == 0
    for path, old in before.items():
        new = path.read_bytes()
        line, _, rest = new.partition(b"\n")
        collection = path.parent.name
        assert line == f"{MODELINE_PREFIX}../schemas/{collection}.schema.json".encode()
        assert rest == old.split(b"\n", 1)[1] if old.startswith(b"# yaml-language-server") else rest == old
    assert aruntime("modelines", "--check", cwd=tmp_path).returncode == 0
    assert add_modelines(ContentPaths(str(tmp_path))) == []  # idempotent
    # The content still loads exactly as before: the modeline is a comment.
    model, problems = load_site(ContentPaths(str(tmp_path)))
    assert problems.errors == [] and len(model.runtimes) == len(list((REPO / "runtimes").glob("*.yml")))


def test_every_entry_of_the_repository_carries_its_modeline():
    proc = aruntime("modelines", "--check", cwd=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_editor_settings_map_each_folder_to_its_schema():
    settings = json.loads((REPO / ".vscode/settings.json").read_text())
    mapping = settings["yaml.schemas"]
    for collection in COLLECTIONS:
        target = f"schemas/{collection}.schema.json"
        assert (REPO / target).is_file()
        globs = mapping[f"./{target}"]
        assert f"{collection}/*.yml" in globs


def test_the_site_publishes_the_committed_schema_files(real_site):
    for collection in COLLECTIONS:
        published = real_site / f"schemas/{collection}.schema.json"
        assert published.read_text() == (REPO / f"schemas/{collection}.schema.json").read_text()

"""The repository's automation: pinned actions on current majors, least privilege
per job, zizmor clean, Pages deployed from main only, Dependabot and pre-commit."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(?P<action>[\w.-]+/[\w./-]+)@(?P<ref>\S+)(?:\s+#\s*(?P<comment>.*))?$")
# The first major of each action that runs on Node 24 (earlier ones run on
# Node 20, which GitHub retires). actions/configure-pages has none yet, so it
# is not used: site_url in mkdocs.yml already gives the site its address.
MIN_MAJOR = {"actions/checkout": 5, "actions/setup-python": 6, "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def uses_lines():
    for path in WORKFLOWS:
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if re.match(r"^\s*(-\s*)?uses:", line):
                yield path.name, n, line


def test_zizmor_reports_nothing():
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent))
    if zizmor is None:
        pytest.fail("zizmor is not installed (it is in the test extra)")
    proc = subprocess.run([zizmor, "--offline", "--no-progress", "."], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings" in proc.stdout


def test_every_action_is_pinned_to_a_full_commit_with_its_version_on_a_current_major():
    lines = list(uses_lines())
    assert len(lines) >= 6
    for name, n, line in lines:
        m = USES.match(line)
        assert m, f"{name}:{n}: {line.strip()}"
        assert re.fullmatch(r"[0-9a-f]{40}", m["ref"]), f"{name}:{n}: not a full commit SHA: {m['ref']}"
        version = re.fullmatch(r"v(\d+)\.\d+\.\d+", (m["comment"] or "").strip())
        assert version, f"{name}:{n}: the comment must name the release, e.g. '# v5.0.0'"
        assert m["action"] in MIN_MAJOR, f"{name}:{n}: {m['action']} is not a known current action"
        assert int(version[1]) >= MIN_MAJOR[m["action"]], f"{name}:{n}: {m['action']} v{version[1]} runs on Node 20"
    # One action, one pin: a version bump cannot be half done.
    pins = {}
    for _, _, line in lines:
        m = USES.match(line)
        pins.setdefault(m["action"], set()).add((m["ref"], m["comment"].strip()))
    assert all(len(v) == 1 for v in pins.values()), pins


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_least_privilege_timeouts_concurrency_and_no_persisted_credentials(path):
    wf = load(path)
    assert wf.get("permissions") == {}, "no permissions for the workflow as a whole; each job asks for its own"
    assert wf.get("concurrency"), "concurrency must be set"
    for job_id, job in wf["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int) and 0 < job["timeout-minutes"] <= 60, job_id
        assert "permissions" in job, f"{job_id}: permissions per job"
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, f"{job_id}: checkout persists credentials"


def test_pages_workflow_deploys_only_from_main_with_pages_actions():
    wf = load(REPO / ".github/workflows/pages.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert "pull_request" not in wf["on"]
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert deploy["environment"]["name"] == "github-pages"
    steps = " ".join(str(s.get("uses", "")) + " " + str(s.get("run", "")) for s in build["steps"])
    assert "actions/upload-pages-artifact@" in steps
    assert "mkdocs build --strict" in steps
    assert "--format github" in steps
    assert any(str(s.get("uses", "")).startswith("actions/deploy-pages@") for s in deploy["steps"])


def test_pull_request_workflow_runs_the_lint_the_strict_build_and_the_tests_in_debian():
    wf = load(REPO / ".github/workflows/checks.yml")
    assert "pull_request" in wf["on"]
    runs = {job_id: [str(s.get("run", "")) for s in job["steps"]] for job_id, job in wf["jobs"].items()}
    everything = "\n".join(r for steps in runs.values() for r in steps)
    assert "make check FORMAT=github" in everything
    assert "make build" in everything
    (test_job,) = [j for j in wf["jobs"].values() if any(".ci/run" in str(s.get("run", "")) for s in j["steps"])]
    image = test_job["container"]["image"]
    assert image.startswith("debian:") and re.search(r"@sha256:[0-9a-f]{64}$", image)
    for job in wf["jobs"].values():
        assert job["permissions"] == {"contents": "read"}


def test_dependabot_keeps_actions_and_python_dependencies_current():
    config = yaml.safe_load((REPO / ".github/dependabot.yml").read_text())
    assert config["version"] == 2
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert {"github-actions", "pip"} <= set(ecosystems)
    for update in ecosystems.values():
        assert update["directory"] == "/" and update["schedule"]["interval"]


def test_makefile_test_target_runs_zizmor_and_the_schema_check():
    makefile = (REPO / "Makefile").read_text()
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "zizmor --offline" in recipe
    assert "aruntime schemas --check" in recipe


def test_pre_commit_hooks_are_the_projects_own_commands_and_pass():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    assert all(repo["repo"] == "local" for repo in config["repos"])
    entries = {h["id"]: h for h in hooks}
    assert entries["content-lint"]["entry"].startswith("make -s check")
    assert "schemas" in entries["schema-files"]["entry"]
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    for hook in hooks:
        files = [
            str(p.relative_to(REPO)) for p in REPO.rglob("*")
            if p.is_file() and ".venv" not in p.parts and re.search(hook["files"], str(p.relative_to(REPO)))
        ]
        assert files, hook["id"]
        args = hook["entry"].split() + ([] if hook.get("pass_filenames") is False else files)
        proc = subprocess.run(args, cwd=REPO, capture_output=True, text=True)
        assert proc.returncode == 0, f"{hook['id']}: {proc.stdout}{proc.stderr}"

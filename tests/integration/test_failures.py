"""Bad content fails `mkdocs build` loudly, completely and without writing pages."""

from __future__ import annotations

import os

from sitekit import MINIMAL_PATTERN, REPO, build_site, write_site

GOOD = MINIMAL_PATTERN.format(title="Good")


def test_invalid_entry_exits_non_zero_with_every_location(tmp_path):
    root = write_site(
        tmp_path,
        {
            "patterns/good.yml": GOOD,
            "patterns/bad.yml": GOOD.replace("status: draft", "status: drfat").replace("related", "x"),
            "runtimes/broken.yml": "name: X\nsummary: Y\ncategory: browser\n",
        },
    )
    proc = build_site(root)  # not even --strict: content errors always fail
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "patterns/bad.yml:4:9: status: expected one of draft, emerging-practice, production-guidance; found 'drfat' (did you mean 'draft'?)" in output
    assert "runtimes/broken.yml:1:1: required field 'deployment' is missing" in output
    assert "runtimes/broken.yml:1:1: required field 'sources' is missing" in output
    assert "error(s) in content files" in output
    assert not (root / "site").exists()


def test_failed_build_leaves_the_previous_site_untouched(tmp_path):
    root = write_site(tmp_path, {"patterns/good.yml": GOOD})
    assert build_site(root).returncode == 0
    before = (root / "site/patterns/good/index.html").read_text()
    (root / "patterns/good.yml").write_text(GOOD.replace("2026-01-01", "2026-01-32"))
    proc = build_site(root)
    assert proc.returncode != 0
    assert "patterns/good.yml:5:16: last_reviewed: expected a real calendar date" in proc.stdout + proc.stderr
    assert (root / "site/patterns/good/index.html").read_text() == before


def test_hand_written_page_colliding_with_a_generated_one_fails(tmp_path):
    root = write_site(tmp_path, {"patterns/good.yml": GOOD, "docs/patterns/good.md": "# Clash\n"})
    proc = build_site(root)
    assert proc.returncode != 0
    assert "docs/patterns/good.md:1:1: collides with the page generated from patterns/good.yml" in proc.stdout + proc.stderr


def test_collision_is_found_before_the_previous_site_is_emptied(tmp_path):
    root = write_site(tmp_path, {"patterns/good.yml": GOOD})
    assert build_site(root).returncode == 0
    before = sorted(p.relative_to(root / "site") for p in (root / "site").rglob("*"))
    (root / "docs/glossary").mkdir()
    (root / "docs/glossary/README.md").write_text("# Clash with the glossary index\n")
    (root / "docs/runtimes.csv").write_text("clash\n")
    proc = build_site(root)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "docs/glossary/README.md:1:1: collides with the page generated from the plugin (glossary/index.md)" in output
    assert "docs/runtimes.csv:1:1: collides with the file runtimes.csv the plugin generates" in output
    assert sorted(p.relative_to(root / "site") for p in (root / "site").rglob("*")) == before


def test_docs_front_matter_is_validated_like_the_collections(tmp_path):
    page = (
        "---\n"
        'title: "Home\\x80 ![g](y){: onerror=alert(1) }"\n'
        "description: '   '\n"
        "last_reviewed: 2026-02-30\n"
        "sources:\n"
        "  - {title: Evil, url: 'javascript:alert(1)'}\n"
        "  - {title: Data, url: 'data:text/html,x'}\n"
        "  - {title: Mirror, url: 'https://dev.to/x'}\n"
        "---\n# Home\n"
    )
    root = write_site(tmp_path, {"patterns/good.yml": GOOD, "docs/index.md": page, "docs/broken.md": "---\ntitle: [x\n---\n# B\n"})
    proc = build_site(root)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    for expected in [
        "docs/index.md:2:8: title: contains the control character U+0080 at character 5 [text.control-character]",
        "docs/index.md:3:14: description: expected text, found only whitespace [text.blank]",
        "docs/index.md:4:16: last_reviewed: expected a real calendar date, found '2026-02-30' [schema.format]",
        "docs/index.md:6:24: sources[0].url: expected an http:// or https:// URL, found 'javascript:alert(1)'",
        "docs/index.md:7:24: sources[1].url: expected an http:// or https:// URL, found 'data:text/html,x'",
        "docs/index.md:8:26: sources[2].url: dev.to may not be cited as a source",
        "docs/broken.md:2:8: invalid YAML: a flow sequence opened here is not closed",
    ]:
        assert expected in output, output
    assert not (root / "site").exists()


def test_a_docs_symlink_leaving_the_repository_is_refused(tmp_path):
    secret = tmp_path / "outside.md"
    secret.write_text("SECRET-VALUE-FROM-OUTSIDE\n")
    root = write_site(tmp_path / "site", {"patterns/good.yml": GOOD})
    (root / "docs/leak.md").symlink_to(secret)
    proc = build_site(root)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "docs/leak.md:1:1: is a symbolic link outside the repository; MkDocs would publish its target" in output
    assert "SECRET-VALUE" not in output
    assert not (root / "site").exists()


# --- make build: the command for publishing ----------------------------------------

FAKE_MKDOCS = """\
#!/bin/sh
# Stands in for "python -m mkdocs build --strict -d .site-build".
mkdir -p .site-build && echo new > .site-build/index.html
case "$FAKE_MODE" in
  fail) exit 1 ;;
  hang) echo started > started; sleep 60 ;;
esac
"""


def _make_build(tmp_path, mode, *, interrupt=False):
    import signal
    import subprocess
    import time

    (tmp_path / "Makefile").write_text((REPO / "Makefile").read_text())
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "stamp").write_text("")
    fake = tmp_path / "fake-python"
    fake.write_text(FAKE_MKDOCS)
    fake.chmod(0o755)
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text("old")
    cmd = ["make", "-s", "build", f"PY={fake}", "STAMP=stamp"]
    env = {**os.environ, "FAKE_MODE": mode}
    if not interrupt:
        return subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60).returncode
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not (tmp_path / "started").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C in the terminal signals the whole group
    return proc.wait(timeout=30)


def test_make_build_swaps_in_the_new_site_only_on_success(tmp_path):
    assert _make_build(tmp_path, "ok") == 0
    assert (tmp_path / "site/index.html").read_text() == "new\n"
    assert not (tmp_path / ".site-build").exists() and not (tmp_path / ".site-old").exists()


def test_make_build_failure_removes_the_partial_build_and_keeps_the_site(tmp_path):
    assert _make_build(tmp_path, "fail") != 0
    assert (tmp_path / "site/index.html").read_text() == "old"
    assert not (tmp_path / ".site-build").exists()


def test_make_build_interrupted_removes_the_partial_build_and_keeps_the_site(tmp_path):
    assert _make_build(tmp_path, "hang", interrupt=True) != 0
    assert (tmp_path / "site/index.html").read_text() == "old"
    assert not (tmp_path / ".site-build").exists()


def test_a_docs_page_at_a_generated_single_page_is_a_clear_error(tmp_path):
    """Index pages, the search page and the decision record are generated too:
    a hand-written page at their place is reported, not a traceback."""
    root = write_site(tmp_path, {"docs/search.md": "# Mine\n", "docs/decision-record.md": "# Mine too\n"})
    proc = build_site(root)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "docs/search.md" in proc.stderr and "docs/decision-record.md" in proc.stderr
    assert not (root / "site").exists()

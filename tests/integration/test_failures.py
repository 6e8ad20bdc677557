"""Bad content fails `mkdocs build` loudly, completely and without writing pages."""

from __future__ import annotations

from sitekit import MINIMAL_PATTERN, build_site, write_site

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

"""A build keeps its compiled templates in the project's .cache folder, and
the next build (another process) uses them: it compiles, and so writes,
none of them again, and its pages are the same."""

from __future__ import annotations

from sitekit import MINIMAL_PATTERN, build_strict

FILES = {
    "patterns/p.yml": MINIMAL_PATTERN.format(title="A pattern"),
    "glossary/t.yml": "term: Token\nsummary: A term.\n",
}


def cache_files(root):
    folder = root / ".cache" / "aruntime" / "templates"
    return {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} if folder.is_dir() else {}


def test_the_next_build_compiles_no_template_again(site):
    root = site.parent
    first = cache_files(root)
    # the theme's page templates and the plugin's, one file each
    assert len(first) >= 20, sorted(first)
    assert all(name.endswith(".cache") for name in first)
    page = (site / "patterns" / "p" / "index.html").read_text(encoding="utf-8")

    build_strict(root)
    assert cache_files(root) == first  # nothing compiled, so nothing written
    assert (site / "patterns" / "p" / "index.html").read_text(encoding="utf-8") == page

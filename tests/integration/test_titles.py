"""Titles are escaped exactly once, wherever the theme prints them: in <title>,
the header, the nav and the page, for generated pages and hand-written ones
(front-matter title and description included)."""

from __future__ import annotations

from htmlq import parse_file
from sitekit import MINIMAL_PATTERN

TITLE = "Tom & Jerry <img src=x onerror=alert(1)>"
FILES = {
    "docs/index.md": "---\nlast_reviewed: 2026-01-01\n---\n# Home\n\nHello.\n",
    "docs/about.md": f"---\ntitle: '{TITLE}'\ndescription: 'Say \"hi\" <script>alert(2)</script>'\nlast_reviewed: 2026-01-01\n---\n\nBody.\n",
    "patterns/p.yml": MINIMAL_PATTERN.format(title=f"'{TITLE}'"),
    "glossary/t.yml": f"term: '{TITLE}'\nsummary: A term.\n",
}
MKDOCS_YML = None


def check_page(html_path, title=TITLE):
    html = html_path.read_text(encoding="utf-8")
    page = parse_file(html_path)
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "&amp;amp;" not in html and "&amp;lt;" not in html  # never escaped twice
    assert page.find("title").text.startswith(title)
    return page


def test_generated_pages_print_titles_once_escaped(site):
    page = check_page(site / "patterns/p/index.html")
    assert page.find("h1").text == TITLE
    assert TITLE in [n.text for n in page.find_all("span", cls="md-ellipsis")]  # header topic
    check_page(site / "glossary/t/index.html")


def test_hand_written_front_matter_title_and_description_are_escaped(site):
    page = check_page(site / "about/index.html")
    (meta,) = [m for m in page.find_all("meta") if m.attrs.get("name") == "description"]
    assert meta.attrs["content"] == 'Say "hi" <script>alert(2)</script>'
    # the nav of every page names the patterns page by its title, as text
    home = parse_file(site / "index.html")
    assert TITLE in [n.text for n in home.find_all("span", cls="md-ellipsis")]

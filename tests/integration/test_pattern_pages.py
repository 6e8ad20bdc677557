"""Build a tiny site in a temp dir with the real MkDocs and check its HTML."""

from __future__ import annotations

import pytest

from htmlq import parse_file
from sitekit import build_site, write_site

LONG_BODY = " ".join(["word"] * 430)

FILES = {
    "patterns/demo.yml": f"""
        title: Demo <script>alert('title')</script>
        summary: A "demo" & <b>test</b>.
        audience: Platform engineers
        status: production-guidance
        last_reviewed: 2026-01-15
        key_takeaways:
          - Takeaway one.
          - Takeaway two.
        use_cases: [Testing pages]
        sections:
          - heading: Prose part
            body: |
              Some *Markdown* text. <script>alert('body')</script>
              <img src=x onerror="alert('img')"> [bad](javascript:alert('link')) [good](https://example.org/)

              {LONG_BODY}
          - heading: A list
            anchor_items: true
            list: [Local process, Browser]
          - heading: A checklist
            checklist: [Check one, Check two]
          - heading: Steps
            steps: [First step, Second step]
          - heading: A table
            table:
              columns: [Question, Why it matters]
              rows:
                - [Cold start, Loading weights takes time.]
                - [Hardware, Memory decides placement.]
        related: [glossary/kv-cache, patterns/other]
        sources:
          - title: A source
            url: https://example.org/source
    """,
    "patterns/other.yml": """
        title: Another pattern
        summary: Second.
        audience: Everyone
        status: draft
        last_reviewed: 2026-01-01
        key_takeaways: [Short.]
        sections:
          - heading: Only
            body: Text.
    """,
    "glossary/kv-cache.yml": """
        term: KV cache
        summary: Stored attention keys and values.
    """,
    "docs/about.md": """
        ---
        last_reviewed: 2026-02-02
        sources:
          - title: About source
            url: https://example.org/about
        ---
        # About

        A hand-written page.
    """,
}



@pytest.fixture(scope="module")
def page(site):
    return parse_file(site / "patterns/demo/index.html")


def test_pattern_page_is_generated_at_its_url(site):
    assert (site / "patterns/demo/index.html").is_file()
    assert (site / "patterns/other/index.html").is_file()


def test_header_shows_title_summary_and_metadata(page):
    article = page.find("article", cls="ar-pattern")
    assert article.find("h1").text == "Demo <script>alert('title')</script>"
    assert article.find("p", cls="ar-summary").text == 'A "demo" & <b>test</b>.'
    meta = {dt.text: dt.parent.find("dd").text for dt in article.find("dl", cls="ar-meta").find_all("dt")}
    assert meta == {
        "Audience": "Platform engineers",
        "Reading time": "3 minutes",  # ~460 words at 200 words per minute
        "Status": "Production guidance",
        "Last reviewed": "2026-01-15",
    }


def test_takeaways_and_every_section_kind_render(page):
    assert [li.text for li in page.find("section", cls="ar-takeaways").find_all("li")] == ["Takeaway one.", "Takeaway two."]
    headings = [h.text for h in page.find("article", cls="ar-pattern").find_all("h2")]
    assert headings == ["Key takeaways", "Prose part", "A list", "A checklist", "Steps", "A table", "Related", "Sources", "Maintenance record"]
    assert page.find("section", aria_labelledby="prose-part").find("em").text == "Markdown"
    items = page.find("section", aria_labelledby="a-list").find_all("li")
    assert [(li.text, li.attrs.get("id")) for li in items] == [("Local process", "local-process"), ("Browser", "browser")]
    assert [li.text for li in page.find("ul", cls="ar-checklist").find_all("li")] == ["Check one", "Check two"]
    assert [li.text for li in page.find("ol", cls="ar-steps").find_all("li")] == ["First step", "Second step"]
    table = page.find("section", aria_labelledby="a-table").find("table")
    assert [th.text for th in table.find("thead").find_all("th")] == ["Question", "Why it matters"]
    assert [[c.text for c in tr.children if not isinstance(c, str)] for tr in table.find("tbody").find_all("tr")] == [
        ["Cold start", "Loading weights takes time."],
        ["Hardware", "Memory decides placement."],
    ]


def test_related_entries_link_with_their_summaries(page):
    related = page.find("section", aria_labelledby="related")
    links = [(a.text, a.attrs["href"]) for a in related.find_all("a")]
    assert links == [("KV cache", "../../glossary/kv-cache/"), ("Another pattern", "../other/")]
    assert "Stored attention keys and values." in related.text


def test_sources_and_maintenance_record(page):
    assert [(a.text, a.attrs["href"]) for a in page.find("section", aria_labelledby="sources").find_all("a")] == [
        ("A source", "https://example.org/source")
    ]
    record = page.find("section", cls="ar-maintenance")
    assert "Last reviewed 2026-01-15" in record.text
    assert record.find("p", cls="ar-correction-sentence").text == (
        "Found an error, outdated capability, or unclear category boundary? Submit a correction with a supporting source."
    )
    link = record.find("a", cls="ar-correction-link")
    assert link.attrs["href"].startswith("https://github.com/example/reference/issues/new?template=correction.yml&")
    assert "page-url=https%3A%2F%2Fexample.org%2Fsub%2Fpatterns%2Fdemo%2F" in link.attrs["href"]


def test_hand_written_pages_get_the_maintenance_record(site):
    page = parse_file(site / "about/index.html")
    record = page.find("section", cls="ar-maintenance")
    assert "Last reviewed 2026-02-02" in record.text
    assert [a.text for a in record.find_all("a") if "ar-correction-link" not in a.attrs.get("class", "")] == ["About source"]
    assert record.find("a", cls="ar-correction-link")


def test_hostile_content_never_reaches_the_page_as_markup(site):
    html = (site / "patterns/demo/index.html").read_text()
    assert "alert('title')</script>" not in html
    assert "alert('body')" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert '<a href="https://example.org/" rel="noopener noreferrer">good</a>' in html
    assert "<title>Demo &lt;script&gt;alert('title')&lt;/script&gt; - Test Reference</title>" in html


def test_table_of_contents_lists_the_sections(page):
    toc = page.find("nav", cls="md-nav--secondary")
    assert [a.text for a in toc.find_all("a")][:3] == ["Key takeaways", "Prose part", "A list"]


def test_patterns_are_in_nav_and_sitemap_terms_only_in_sitemap(site):
    home = parse_file(site / "index.html")
    nav = " ".join(a.attrs.get("href", "") for a in home.find("nav", cls="md-nav--primary").find_all("a"))
    assert "patterns/demo/" in nav and "patterns/other/" in nav
    assert "glossary/kv-cache/" not in nav
    sitemap = (site / "sitemap.xml").read_text()
    for path in ("patterns/demo/", "patterns/other/", "glossary/kv-cache/"):
        assert f"<loc>https://example.org/sub/{path}</loc>" in sitemap


def test_edit_link_points_at_the_yaml_source(tmp_path):
    root = write_site(tmp_path, {"patterns/other.yml": FILES["patterns/other.yml"]})
    config = (root / "mkdocs.yml").read_text().replace("theme:\n  name: material", "theme:\n  name: material\n  features: [content.action.edit]")
    (root / "mkdocs.yml").write_text(config)
    assert build_site(root, "--strict").returncode == 0
    page = parse_file(root / "site/patterns/other/index.html")
    edit = [a for a in page.find_all("a") if "md-content__button" in a.attrs.get("class", "")]
    assert edit and edit[0].attrs["href"] == "https://github.com/example/reference/edit/main/patterns/other.yml"

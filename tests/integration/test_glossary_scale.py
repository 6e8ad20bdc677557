"""A generated glossary of 2,000 terms builds and links correctly; the
2,000 terms under one letter are split over pages of LETTER_PAGE_TERMS."""

from __future__ import annotations

from aruntime.views.glossary import LETTER_PAGE_TERMS, PREVIEW_TERMS
from htmlq import parse_file
from sitekit import build_strict, write_site

N = 2000


def test_two_thousand_terms(tmp_path):
    files = {
        f"glossary/term-{i:04d}.yml": f"term: Term {i:04d}\naliases: [T{i:04d} alias]\nsummary: Definition number {i}.\n"
        for i in range(N)
    }
    files["patterns/uses-terms.yml"] = """
        title: Uses terms
        summary: Mentions Term 0007 and the T1999 alias.
        audience: Everyone
        status: draft
        last_reviewed: 2026-01-01
        key_takeaways: [Term 0500 matters.]
        sections:
          - heading: Body
            body: Term 0007 again, term 1234, and not Term 99999.
    """
    root = write_site(tmp_path, files)
    site = build_strict(root)
    assert len(list((site / "glossary").glob("term-*/index.html"))) == N
    # past SPLIT_ABOVE terms the index previews each letter and a page per letter lists them all
    index = parse_file(site / "glossary/index.html")
    assert len(index.find("article", cls="ar-glossary-index").find_all("dt")) == PREVIEW_TERMS
    letter = parse_file(site / "glossary/letters/t/index.html")
    terms = letter.find("article", cls="ar-glossary-index").find_all("dt")
    assert len(terms) == LETTER_PAGE_TERMS  # one row per term, its alias beside it
    assert terms[0].find("span", cls="ar-term-list__aliases").text == "(also T0000 alias)"
    # the letter's pages, each named by its first and last term, list every term once
    pages = N // LETTER_PAGE_TERMS
    nav = letter.find("nav", cls="ar-letter-pages")
    links = [(a.text, a.attrs["href"]) for a in nav.find_all("a")]
    assert links[:2] == [("Term 0000 – Term 0499", "./"), ("Term 0500 – Term 0999", "2/")] and len(links) == pages
    assert [a.text for a in nav.find_all("a", aria_current="page")] == ["Term 0000 – Term 0499"]
    assert letter.find("p", cls="ar-letter-pages__next").find("a").attrs["href"] == "2/"
    listed = [dt.find("a").text for dt in terms]
    for k in range(2, pages + 1):
        page = parse_file(site / f"glossary/letters/t/{k}/index.html")
        listed += [dt.find("a").text for dt in page.find("article", cls="ar-glossary-index").find_all("dt")]
        assert page.find("h1").text == f"T, page {k} of {pages}"
        assert page.find("nav", cls="ar-letters").find("a", aria_current="page").text == "T"
    assert listed == [f"Term {i:04d}" for i in range(N)]
    assert not (site / f"glossary/letters/t/{pages + 1}").exists()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "glossary/letters/t/2/</loc>" in sitemap
    links = [
        (a.text, a.attrs["href"])
        for a in parse_file(site / "patterns/uses-terms/index.html").find_all("a", cls="ar-term__link")
    ]
    assert links == [
        ("Term 0007", "../../glossary/term-0007/"),
        ("T1999 alias", "../../glossary/term-1999/"),
        ("Term 0500", "../../glossary/term-0500/"),
        ("Term 0007", "../../glossary/term-0007/"),
        ("term 1234", "../../glossary/term-1234/"),
    ]

"""A generated glossary of 2,000 terms builds and links correctly."""

from __future__ import annotations

from aruntime.views.glossary import PREVIEW_TERMS
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
    assert len(terms) == N  # one row per term, its alias beside it
    assert terms[0].find("span", cls="ar-term-list__aliases").text == "(also T0000 alias)"
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

"""A long glossary is split by letter: the A-Z index shows each letter's first
terms and links a page per letter that lists all of them; a short one stays
one page (tests/integration/test_glossary_pages.py)."""

from __future__ import annotations

import json
import string

from aruntime.views.glossary import PREVIEW_TERMS, SPLIT_ABOVE
from htmlq import parse_file

N = SPLIT_ABOVE + 40
WORDS = [a + b for a in string.ascii_lowercase for b in string.ascii_lowercase]


def term_name(n: int) -> str:
    first = string.ascii_uppercase[n % 26]
    return f"{first}{WORDS[n // 26 % len(WORDS)]} term {n}"


FILES = {f"glossary/t{n}.yml": f"term: {term_name(n)}\nsummary: Term number {n}.\n" for n in range(N)}
FILES["glossary/digits.yml"] = "term: 4-bit quantization\nsummary: Weights in four bits.\n"


def test_the_index_previews_each_letter_and_links_its_page(site):
    index = parse_file(site / "glossary/index.html")
    sections = index.find_all("section", cls="ar-letter-group")
    assert len(sections) == 27  # 0-9 and symbols, A-Z
    a_section = index.find("section", aria_labelledby="letter-a")
    assert len(a_section.find_all("dt")) == PREVIEW_TERMS
    more = a_section.find("p", cls="ar-letter-group__more").find("a")
    a_total = sum(1 for n in range(N) if n % 26 == 0)
    assert more.text == f"All {a_total} terms under A" and more.attrs["href"] == "../glossary/letters/a/".removeprefix("../glossary/")
    bar = {a.text: a.attrs["href"] for a in index.find("nav", cls="ar-letters").find_all("a")}
    assert bar["A"] == "letters/a/" and bar["#"] == "letters/other/"
    assert (site / "glossary/index.html").stat().st_size < 400_000
    json_ld = json.loads(index.find("script", type="application/ld+json").text)
    assert json_ld["@type"] == "DefinedTermSet" and "hasDefinedTerm" not in json_ld


def test_a_letter_page_lists_every_term_of_its_letter(site):
    page = parse_file(site / "glossary/letters/b/index.html")
    names = [dt.find("a").text for dt in page.find("article", cls="ar-glossary-index").find_all("dt")]
    assert names == sorted((term_name(n) for n in range(N) if n % 26 == 1), key=str.casefold)
    assert page.find("h1").text == "B"
    current = [a for a in page.find("nav", cls="ar-letters").find_all("a") if a.attrs.get("aria-current") == "page"]
    assert [a.text for a in current] == ["B"]
    first = page.find("article", cls="ar-glossary-index").find("dt").find("a").attrs["href"]
    assert (site / "glossary/letters/b" / first / "index.html").resolve().is_file()
    other = parse_file(site / "glossary/letters/other/index.html")
    assert [dt.find("a").text for dt in other.find("article", cls="ar-glossary-index").find_all("dt")] == ["4-bit quantization"]


def test_letter_pages_are_in_the_sitemap_and_out_of_the_search_index(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "glossary/letters/a/" in sitemap
    manifest = json.loads((site / "assets/aruntime/search/manifest.json").read_text(encoding="utf-8"))
    rows = [row for name in manifest["chunks"] for row in json.loads((site / "assets/aruntime/search" / name).read_text(encoding="utf-8"))]
    assert not [r for r in rows if "/letters/" in r[1]]

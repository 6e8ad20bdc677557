"""Glossary term pages, the A-Z index, exports and auto-linking in a real build."""

from __future__ import annotations

import json

from htmlq import parse_file

PATTERN = """
    title: {title}
    summary: About caching.
    audience: Engineers
    status: draft
    last_reviewed: 2026-01-01
    key_takeaways: [Measure the KV cache first.]
    sections:
      - heading: First
        body: The KV cache grows with decode. The KV cache again; a key-value cache too.
      - heading: Second
        body: "Again the kv cache, and `KV cache` in code, and [KV cache](https://example.org/) as a link."
    related: {related}
    {extra}
"""

FILES = {
    "glossary/kv-cache.yml": """
        term: KV cache
        aliases: [key-value cache]
        summary: Stored attention keys and values of processed tokens.
        definition: |
          During decode the KV cache avoids recomputation.
        related: [glossary/decode]
        sources:
          - title: PagedAttention paper
            url: https://arxiv.org/abs/2309.06180
    """,
    "glossary/decode.yml": """
        term: Decode
        summary: The token-by-token generation phase.
        related: [kv-cache]
    """,
    "glossary/eviction.yml": """
        term: Éviction
        summary: Removing entries from a cache.
    """,
    "glossary/four-bit.yml": """
        term: 4-bit quantization
        aliases: [INT4]
        summary: Storing weights in four bits.
    """,
    "glossary/secret.yml": """
        term: Hidden term
        summary: Never auto-linked.
        autolink: false
    """,
    "patterns/caching.yml": PATTERN.format(title="Caching", related="[glossary/kv-cache]", extra=""),
    "patterns/quiet.yml": PATTERN.format(title="Quiet", related="[]", extra="autolink: false"),
    "runtimes/demo.yml": """
        name: Demo runtime
        summary: Has a KV cache and mentions a Hidden term.
        category: inference-server
        deployment: [single-node-server]
        hardware: [cpu]
        license: MIT
        homepage: https://example.org/
        capabilities: [prefix-caching]
        sources: [{title: Docs, url: "https://example.org/docs"}]
        last_reviewed: 2026-01-01
        related: [glossary/decode]
    """,
    "docs/notes.md": """
        ---
        last_reviewed: 2026-01-01
        ---
        # Notes about the KV cache

        Decode reads the KV cache.

        ## Again

        The decode phase.
    """,
    "docs/plain.md": """
        ---
        last_reviewed: 2026-01-01
        autolink: false
        ---
        # Plain

        Decode reads the KV cache.
    """,
}



def test_term_page_shows_term_aliases_summary_definition_and_links(site):
    page = parse_file(site / "glossary/kv-cache/index.html")
    article = page.find("article", cls="ar-term-page")
    assert article.find("h1").text == "KV cache"
    assert article.find("p", cls="ar-aliases").text == "Also called: key-value cache"
    assert article.find("p", cls="ar-summary").text == "Stored attention keys and values of processed tokens."
    assert "avoids recomputation" in article.find("section", aria_labelledby="definition").text
    related = article.find("section", aria_labelledby="related")
    assert [(a.text, a.attrs["href"]) for a in related.find_all("a")] == [("Decode", "../decode/")]
    assert "The token-by-token generation phase." in related.text
    used_by = article.find("section", aria_labelledby="referenced-by")
    assert [a.text for a in used_by.find_all("a")] == ["Caching"]  # Decode is already under Related
    assert article.find("section", aria_labelledby="sources").find("a").attrs["href"] == "https://arxiv.org/abs/2309.06180"
    assert article.find("section", cls="ar-maintenance")


def test_runtimes_using_a_term_as_capability_count_as_users(site):
    page = parse_file(site / "glossary/decode/index.html")
    used = page.find("section", aria_labelledby="referenced-by")
    assert "Demo runtime" in [a.text for a in used.find_all("a")]


def json_ld(path) -> dict:
    """The page's one JSON-LD block."""
    (script,) = [s for s in parse_file(path).find_all("script") if s.attrs.get("type") == "application/ld+json"]
    return json.loads(script.text)


def test_term_page_json_ld(site):
    data = json_ld(site / "glossary/kv-cache/index.html")
    assert data["@type"] == "DefinedTerm"
    assert data["name"] == "KV cache"
    assert data["alternateName"] == ["key-value cache"]
    assert data["url"] == "https://example.org/sub/glossary/kv-cache/"
    assert data["inDefinedTermSet"] == "https://example.org/sub/glossary/"


def test_index_lists_terms_and_aliases_a_to_z(site):
    page = parse_file(site / "glossary/index.html")
    index = page.find("article", cls="ar-glossary-index")
    groups = [(s.find("h2").text, [dt.text for dt in s.find_all("dt")]) for s in index.find_all("section", cls="ar-letter-group")]
    assert groups == [
        ("0–9 and symbols", ["4-bit quantization (also INT4)"]),
        ("D", ["Decode"]),
        ("E", ["Éviction"]),
        ("H", ["Hidden term"]),
        ("K", ["KV cache (also key-value cache)"]),
    ]
    # Aliases sit with their term (no separate "See" rows), linked through it.
    four_bit = [dt for dt in index.find_all("dt") if dt.text.startswith("4-bit")][0]
    assert four_bit.find("a").attrs["href"] == "four-bit/"
    assert four_bit.find("span", cls="ar-term-list__aliases").text == "(also INT4)"
    letters = index.find("nav", cls="ar-letters")
    linked = [a.text for a in letters.find_all("a")]
    assert linked == ["#", "D", "E", "H", "K"]
    assert "B" in [s.text for s in letters.find_all("span")]


def test_index_json_ld_is_a_defined_term_set(site):
    data = json_ld(site / "glossary/index.html")
    assert data["@type"] == "DefinedTermSet"
    assert [t["name"] for t in data["hasDefinedTerm"]] == ["4-bit quantization", "Decode", "Éviction", "Hidden term", "KV cache"]


def test_glossary_json_export(site):
    data = json.loads((site / "glossary.json").read_text())
    assert data["collection"] == "glossary" and data["count"] == 5
    kv = [e for e in data["entries"] if e["slug"] == "kv-cache"][0]
    assert kv["term"] == "KV cache" and kv["aliases"] == ["key-value cache"]
    assert kv["related"] == ["glossary/decode"]
    assert kv["url"] == "https://example.org/sub/glossary/kv-cache/"
    assert kv["sources"] == [{"title": "PagedAttention paper", "url": "https://arxiv.org/abs/2309.06180"}]


def term_links(path):
    page = parse_file(path)
    return [(a.text, a.attrs["href"]) for a in page.find_all("a", cls="ar-term__link")]


def test_pattern_page_links_first_mention_per_section(site):
    links = term_links(site / "patterns/caching/index.html")
    assert links == [
        ("KV cache", "../../glossary/kv-cache/"),  # key takeaways
        ("KV cache", "../../glossary/kv-cache/"),  # section "First"
        ("decode", "../../glossary/decode/"),
        ("kv cache", "../../glossary/kv-cache/"),  # section "Second" (code and link skipped)
    ]


def test_term_link_has_an_accessible_tooltip(site):
    page = parse_file(site / "patterns/caching/index.html")
    link = page.find("a", cls="ar-term__link")
    tip = page.find(id=link.attrs["aria-describedby"])
    assert tip.attrs["role"] == "tooltip"
    assert "".join(c for c in tip.children if isinstance(c, str)) == "KV cache: Stored attention keys and values of processed tokens."


def test_hand_written_pages_are_auto_linked_except_headings(site):
    assert term_links(site / "notes/index.html") == [
        ("Decode", "../glossary/decode/"),
        ("KV cache", "../glossary/kv-cache/"),
        ("decode", "../glossary/decode/"),
    ]


def test_opt_outs(site):
    assert term_links(site / "patterns/quiet/index.html") == []
    assert term_links(site / "plain/index.html") == []
    runtime = term_links(site / "runtimes/demo/index.html")
    assert ("KV cache", "../../glossary/kv-cache/") in runtime
    assert not [t for t in runtime if "secret" in t[1]]


def test_term_is_not_linked_on_its_own_page(site):
    links = term_links(site / "glossary/kv-cache/index.html")
    assert ("decode", "../decode/") in links
    assert not [link for link in links if "kv-cache" in link[1]]


def test_pages_outside_the_nav_share_a_correct_sidebar(site):
    """The sidebar nav of term and runtime pages is rendered once and reused."""
    def sidebar(path):
        page = parse_file(site / path)
        nav = page.find("nav", cls="md-nav--primary")
        return [(a.text, a.attrs["href"]) for a in nav.find_all("a") if a.attrs.get("href")]

    term, runtime, other_term = sidebar("glossary/kv-cache/index.html"), sidebar("runtimes/demo/index.html"), sidebar("glossary/decode/index.html")
    assert term == runtime == other_term
    hrefs = dict(term)
    assert hrefs["Caching"] == "../../patterns/caching/" and hrefs["Quiet"] == "../../patterns/quiet/"
    for _, href in [t for t in term if not t[1].startswith("https:")]:
        target = (site / "glossary/kv-cache" / href).resolve()
        assert (target / "index.html").is_file() or target.is_file(), href
    # A page in the nav still gets its own nav, with itself marked active.
    pattern = parse_file(site / "patterns/caching/index.html").find("nav", cls="md-nav--primary")
    assert [a.text for a in pattern.find_all("a", cls="md-nav__link--active")] == ["Caching"]

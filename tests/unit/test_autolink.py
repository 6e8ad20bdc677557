"""Glossary auto-linking on HTML fragments: edge cases."""


import pytest

from aruntime.autolink import TermMatcher, TermTarget, link_terms

TERMS = {
    "KV cache": "kv-cache",
    "key-value cache": "kv-cache",
    "cache": "cache",
    "canary release": "canary-release",
    "C++": "cpp",
    "decode": "decode",
    "prefill": "prefill",
}


@pytest.fixture(scope="module")
def matcher():
    return TermMatcher({name: TermTarget(slug, name, f"About {name}.") for name, slug in TERMS.items()})


def link(html, matcher, **kw):
    return link_terms(html, matcher, lambda t, text: f"[{t.slug}|{text}]", **kw)


def test_longest_match_wins_over_a_shorter_term(matcher):
    assert link("<p>The KV cache is a cache.</p>", matcher) == "<p>The [kv-cache|KV cache] is a [cache|cache].</p>"


def test_only_the_first_mention_per_section_is_linked(matcher):
    html = "<p>decode, decode</p><p>decode</p><h2>Next</h2><p>decode</p>"
    assert link(html, matcher) == "<p>[decode|decode], decode</p><p>decode</p><h2>Next</h2><p>[decode|decode]</p>"


def test_aliases_link_to_their_term_and_count_as_its_mention(matcher):
    assert link("<p>A key-value cache, or KV cache.</p>", matcher) == "<p>A [kv-cache|key-value cache], or KV cache.</p>"


def test_case_insensitive_whole_words_with_punctuation(matcher):
    assert link("<p>(Prefill) then DECODE.</p>", matcher) == "<p>([prefill|Prefill]) then [decode|DECODE].</p>"
    assert link("<p>decoder prefilled pre-decode decode-time</p>", matcher) == "<p>decoder prefilled pre-decode decode-time</p>"


def test_plural_endings_are_part_of_the_link(matcher):
    assert link("<p>Two canary releases and caches.</p>", matcher) == "<p>Two [canary-release|canary releases] and [cache|caches].</p>"


def test_terms_split_over_lines_still_match(matcher):
    assert link("<p>a canary\n  release</p>", matcher) == "<p>a [canary-release|canary\n  release]</p>"


def test_symbols_in_terms(matcher):
    assert link("<p>Written in C++, not C.</p>", matcher) == "<p>Written in [cpp|C++], not C.</p>"


def test_never_inside_headings_code_links_or_scripts(matcher):
    html = (
        "<h2>decode</h2><h3>prefill</h3><pre><code>decode cache</code></pre><p><code>prefill</code> "
        '<a href="x">decode</a> <script>var cache = 1</script><span data-ar-no-autolink>cache</span></p>'
    )
    assert link(html, matcher) == html


def test_nested_markup_inside_skipped_elements(matcher):
    html = '<p><a href="x"><em>decode</em> <b>cache</b></a> prefill</p>'
    assert link(html, matcher) == '<p><a href="x"><em>decode</em> <b>cache</b></a> [prefill|prefill]</p>'


def test_text_is_reescaped_and_attributes_untouched(matcher):
    html = '<p title="decode">Prefill &amp; decode &lt;b&gt;</p>'
    assert link(html, matcher) == '<p title="decode">[prefill|Prefill] &amp; [decode|decode] &lt;b&gt;</p>'


def test_own_page_term_is_not_linked(matcher):
    assert link("<p>KV cache and decode</p>", matcher, exclude_slug="kv-cache") == "<p>KV cache and [decode|decode]</p>"


def test_comments_and_void_elements(matcher):
    html = "<p><!-- decode --><br>decode<img src='a.png' alt='cache'></p>"
    assert link(html, matcher) == "<p><!-- decode --><br>[decode|decode]<img src='a.png' alt='cache'></p>"


def test_thousands_of_terms_compile_into_one_trie_shaped_expression():
    names = {f"term{i} alpha{i}": TermTarget(f"t{i}", f"term{i}", "s") for i in range(2000)}
    names["decode"] = TermTarget("decode", "decode", "s")
    m = TermMatcher(names)
    text = "<p>" + " ".join(["the decode step and some words term7 alpha7 here"] * 400) + " term1999 alpha1999</p>"
    out = link_terms(text, m, lambda t, s: f"[{t.slug}]")
    assert "[decode]" in out and "[t7]" in out and "[t1999]" in out
    # The cost must not grow with the number of terms the way 2,000 separate
    # alternatives would: shared beginnings are written once (a trie), so the
    # engine tries "term" once per position, not once per name. (Structure,
    # not a timing: timed tests fail on a busy machine.)
    assert m.regex.pattern.count("term") == 1


def test_a_greater_than_sign_inside_an_attribute_value_stays_in_the_attribute(matcher):
    html = '<p><span title="a > decode &quot; onmouseover=alert(1) x">decode</span> cache</p>'
    out = link(html, matcher)
    assert out == '<p><span title="a > decode &quot; onmouseover=alert(1) x">[decode|decode]</span> [cache|cache]</p>'


def test_quoted_greater_than_in_a_skipped_element_keeps_it_skipped(matcher):
    html = '<p><a href="x" title="1 > 0">decode</a> prefill</p>'
    assert link(html, matcher) == '<p><a href="x" title="1 > 0">decode</a> [prefill|prefill]</p>'


def test_stray_less_than_signs_and_unclosed_markup_are_kept(matcher):
    html = "<p>a < b and decode <code>cache"
    assert link(html, matcher) == "<p>a &lt; b and [decode|decode] <code>cache"  # text re-escaped


def test_deeply_nested_markup_does_not_recurse(matcher):
    html = "<div>" * 5000 + "decode" + "</div>" * 5000
    assert link(html, matcher) == "<div>" * 5000 + "[decode|decode]" + "</div>" * 5000


def test_a_two_thousand_character_term_does_not_break_linking():
    names = {"t" * 2000: TermTarget("long", "t" * 2000, "s"), "a" * 1500: TermTarget("alias", "a", "s"), "decode": TermTarget("decode", "decode", "s")}
    assert link_terms("<p>decode</p>", TermMatcher(names), lambda t, s: f"[{t.slug}]") == "<p>[decode]</p>"


def test_fast_tokenizer_agrees_with_the_html_parser_whenever_it_is_used(matcher):
    """Random markup: where the fast path is taken, it links exactly what the
    HTML parser-based path links; where a quoted value holds < or >, the
    parser is used."""
    import random

    from aruntime.autolink import _NEEDS_PARSER

    rng = random.Random(5)
    pieces = [
        "<p>", "</p>", "<h2>", "</h2>", "<a href='x'>", "</a>", "<code>", "</code>", "<br>", "<img src=a.png alt=cache/>",
        "<!-- decode -->", "<span data-ar-no-autolink>", "</span>", "<em class=\"k\">", "</em>", "<script>", "</script>",
        " decode ", " KV cache ", " prefill, ", " cache ", " a < b ", " x > y ", "&amp;", "&lt;decode&gt;", "\n", " C++ ",
        "<div title=\"a > decode\">", "</div>", "<b title='<i>'>", "</b>", "<!DOCTYPE html>", "<?pi x?>", "<p id=a title=b>",
    ]
    used_fast = used_parser = 0
    for _ in range(3000):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        if _NEEDS_PARSER.search(html):
            used_parser += 1
        else:
            used_fast += 1
            assert link(html, matcher) == link(html, matcher, parser=True), html
    assert used_fast > 100 and used_parser > 100


def test_exact_matching_on_lowercased_text_finds_what_case_insensitive_matching_finds():
    """Matching runs a case-sensitive expression on the lowercased text when
    that is exact (ASCII or caseless characters only); random texts with
    mixed case, caseless and cased non-ASCII characters (Kelvin sign, long s,
    dotless i, sharp s) find the same mentions at the same offsets as the
    case-insensitive expression."""
    import random
    import re

    names = {name: TermTarget(name.replace(" ", "-"), name, "s") for name in
             ["KV cache", "cache", "kernel", "sink", "is", "insight", "c++", "batch size", "io", "x—y"]}
    matcher = TermMatcher(names)
    rng = random.Random(11)
    alphabet = list("KVkvCcAaHhEeSsIiNnRrLl+ -\n") + ["—", "’", "中", "\u212a", "\u017f", "\u0131", "\u0130", "é", "ß"]
    words = ["KV cache", "CACHE", "Kernels", "sinks", "IS", "Insight", "C++", "batch  size", "IO", "x—y"]
    fast = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet + words) for _ in range(rng.randint(1, 30)))
        expected = [(m.start(), m.end(), matcher._target(m.group(1))) for m in matcher.regex.finditer(text)]
        expected = [(s, e, t) for s, e, t in expected if t is not None]
        assert list(matcher.find(text)) == expected, text
        assert matcher.slugs_in(text) == {t.slug for _, _, t in expected}, text
        fast += not matcher._scan(text)[0].flags & re.IGNORECASE
    assert 300 < fast < 2700  # both ways were taken


def test_a_cased_non_ascii_name_keeps_case_insensitive_matching():
    # The long s matches "s" and "S" only case-insensitively: no lowercasing shortcut.
    matcher = TermMatcher({"\u017fink": TermTarget("sink", "sink", "s")})
    assert [(s, e, t.slug) for s, e, t in matcher.find("A SINK.")] == [(2, 6, "sink")]

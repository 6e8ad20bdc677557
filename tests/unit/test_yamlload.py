"""The YAML loader keeps positions and turns YAML surprises into problems."""

from aruntime.problems import Problems
from aruntime.yamlload import load_yaml


def load(text):
    problems = Problems()
    return load_yaml("x.yml", text, problems), [str(p) for p in problems]


def test_locations_of_nested_values_are_one_based():
    doc, problems = load("title: T\nsections:\n  - heading: H\n    list: [a, b]\n")
    assert problems == []
    assert str(doc.location(("sections", 0, "heading"))) == "x.yml:3:14"
    assert str(doc.location(("sections", 0, "list", 1))) == "x.yml:4:15"
    assert str(doc.location(("sections", 0, "heading"), key=True)) == "x.yml:3:5"


def test_missing_path_falls_back_to_the_nearest_parent():
    doc, _ = load("a:\n  b: 1\n")
    assert str(doc.location(("a", "zzz"))) == "x.yml:2:3"


def test_duplicate_key_names_both_lines():
    _, problems = load("title: A\nsummary: s\ntitle: B\n")
    assert problems == ["x.yml:3:1: title: duplicate field; first defined at line 1 [yaml.duplicate-key]"]


def test_non_string_keys_are_problems():
    _, problems = load("1: one\ntrue: yes\n")
    assert problems == [
        "x.yml:1:1: field names must be text, found '1' [yaml.non-string-key]",
        "x.yml:2:1: field names must be text, found 'true' [yaml.non-string-key]",
    ]


def test_dates_stay_text_so_impossible_dates_do_not_crash():
    doc, problems = load("last_reviewed: 2026-02-30\n")
    assert problems == []
    assert doc.data == {"last_reviewed": "2026-02-30"}


def test_unclosed_bracket_is_reported_where_it_was_opened():
    _, problems = load("a: 1\nb: 2\nc: 3\nd: [x, y\ne: 5\nf: 6\n")
    assert problems == [
        "x.yml:4:4: invalid YAML: a flow sequence opened here is not closed: did not find expected ',' or ']' "
        "(noticed at line 5) [yaml.syntax]"
    ]


def test_unclosed_quote_is_reported_where_it_was_opened():
    _, problems = load('a: 1\nb: "abc\nc: 2\n')
    assert len(problems) == 1 and problems[0].startswith("x.yml:2:4: invalid YAML: a quoted scalar opened here is not closed")


def test_other_syntax_errors_are_reported_where_they_are_found():
    _, problems = load("a: 1\n b: 2\n")
    assert len(problems) == 1 and problems[0].startswith("x.yml:2:3: invalid YAML: mapping values are not allowed")


def test_front_matter_lines_are_shifted_to_the_page():
    problems = Problems()
    load_yaml("docs/p.md", "title: [x\n", problems, first_line=2)
    assert str(problems.items[0].location) == "docs/p.md:2:8"


def test_empty_file_is_a_problem():
    _, problems = load("")
    assert problems == ["x.yml:1:1: expected a mapping of fields, found an empty file [yaml.empty]"]

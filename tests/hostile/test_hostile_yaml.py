"""Hostile content, one case per row: each gives a path:line error with the
exact code and field, or loads cleanly (and is then shown escaped; see
test_hostile_pages.py). The resource cases are stopped by the structural
limits (document size, values after alias expansion, nesting, field length),
not by luck: their expected codes are the limits' own.

Every case runs under a generous watchdog (SIGALRM) and has its peak Python
memory measured; the design goal, enforced by the limits, is < 5 s and
< 200 MB per case on a small machine.
"""

from __future__ import annotations

import datetime as dt
import shutil
import signal
import textwrap
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import pytest

from aruntime.loader import ContentPaths, load_site
from sitekit import DEMO_PATTERN, DEMO_RUNTIME

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 6, 1)
WATCHDOG_SECONDS = 60
MEMORY_LIMIT = 200 * 1024 * 1024

PATTERN = DEMO_PATTERN
TERM = "term: Demo term\nsummary: A demo term.\n"
RUNTIME = DEMO_RUNTIME
BASE = {"patterns/base.yml": PATTERN, "glossary/base.yml": "term: Base\nsummary: The base term.\n", "runtimes/base.yml": RUNTIME}


def laughs(levels: int) -> str:
    """Billion laughs: ``levels`` anchors, each 9 aliases of the one before."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return TERM + "\n".join(lines) + "\n"


@dataclass
class Case:
    name: str
    path: str
    text: str | bytes | None
    # (code, field, line) of every problem expected in ``path``; [] = loads cleanly
    expected: list[tuple[str, str, int]]
    setup: Optional[Callable[[Path], None]] = None
    limit: bool = False  # stopped by a structural limit
    extra: dict[str, str] = field(default_factory=dict)


def runtime_with(**fields: str) -> str:
    text = RUNTIME
    for key, value in fields.items():
        text = "\n".join(f"{key}: {value}" if line.startswith(f"{key}:") else line for line in text.splitlines()) + "\n"
    return text


def source_url(url: str) -> str:
    return RUNTIME.replace('url: "https://example.org/docs"', f"url: {url}")


def symlink_outside(root: Path) -> None:
    secret = root.parent / (root.name + "-outside") / "secret.yml"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text("term: SECRET-VALUE-FROM-OUTSIDE\nsummary: SECRET-VALUE-FROM-OUTSIDE\n")
    (root / "glossary/leak.yml").symlink_to(secret)


def symlink_system(root: Path) -> None:
    (root / "glossary/passwd.yml").symlink_to("/etc/passwd")


def symlink_dangling(root: Path) -> None:
    (root / "glossary/gone.yml").symlink_to(root / "nowhere.yml")


def symlink_inside(root: Path) -> None:
    (root / "shared").mkdir()
    (root / "shared/term.yml").write_text(TERM)
    (root / "glossary/linked.yml").symlink_to(root / "shared/term.yml")


def folder_outside(root: Path) -> None:
    outside = root.parent / (root.name + "-outside-folder")
    outside.mkdir()
    (outside / "x.yml").write_text("term: SECRET-VALUE-FROM-OUTSIDE\nsummary: S.\n")
    (root / "patterns").rename(root / "patterns-real")
    (root / "patterns").symlink_to(outside)


def folder_entry(root: Path) -> None:
    (root / "runtimes/dir.yml").mkdir()
    (root / "runtimes/dir.yml/x.yml").write_text(RUNTIME)


CASES = [
    # --- YAML structure: aliases, nesting, tags, keys ---------------------------
    Case("self-referential sequence alias", "glossary/t.yml", TERM + "x: &a [*a]\n", [("yaml.recursive-alias", "x[0]", 3)], limit=True),
    Case("self-referential mapping alias", "glossary/t.yml", TERM + "x: &m {k: *m}\n", [("yaml.recursive-alias", "x.k", 3)], limit=True),
    Case("alias cycle through two anchors", "glossary/t.yml", TERM + "x: &a [&b [*a]]\n", [("yaml.recursive-alias", "x[0][0]", 3)], limit=True),
    Case("billion laughs, 9 levels", "glossary/t.yml", laughs(9), [("limit.nodes", "*", 0)], limit=True),
    Case("billion laughs, 8 levels", "glossary/t.yml", laughs(8), [("limit.nodes", "*", 0)], limit=True),
    Case("billion laughs, 7 levels", "glossary/t.yml", laughs(7), [("limit.nodes", "*", 0)], limit=True),
    Case("billion laughs, 5 levels (59,049 values)", "glossary/t.yml", laughs(5), [("limit.nodes", "*", 0)], limit=True),
    Case("one list aliased 20,000 times", "glossary/t.yml", TERM + "a: &a [x]\nb: [" + ", ".join(["*a"] * 20_000) + "]\n",
         [("limit.nodes", "*", 0)], limit=True),
    Case("500 levels of flow nesting in an unknown field", "glossary/t.yml", TERM + "x: " + "[" * 500 + "]" * 500 + "\n",
         [("limit.depth", "*", 3)], limit=True),
    Case("500 levels of block nesting in an unknown field", "glossary/t.yml",
         TERM + "x:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 501)), [("limit.depth", "*", 0)], limit=True),
    Case("5,000 levels of flow nesting (parser's own limit)", "glossary/t.yml", TERM + "x: " + "[" * 5000 + "]" * 5000 + "\n",
         [("yaml.syntax", "", 3)], limit=True),
    Case("!!float abc", "glossary/t.yml", TERM + "autolink: !!float abc\n", [("yaml.bad-scalar", "autolink", 3)]),
    Case("!!int abc", "glossary/t.yml", TERM + "autolink: !!int abc\n", [("yaml.bad-scalar", "autolink", 3)]),
    Case("!!bool maybe", "glossary/t.yml", TERM + "autolink: !!bool maybe\n", [("yaml.bad-scalar", "autolink", 3)]),
    Case("!!binary", "glossary/t.yml", TERM.replace("term: Demo term", "term: !!binary aGVsbG8="), [("yaml.tag", "term", 1)]),
    Case("!!python/object/apply", "glossary/t.yml", TERM + "x: !!python/object/apply:os.system [echo pwned]\n", [("yaml.tag", "x", 3), ("schema.additionalProperties", "x", 3)]),
    Case("a local tag", "glossary/t.yml", TERM.replace("term: Demo term", "term: !shout Demo term"), [("yaml.tag", "term", 1)]),
    Case("!!set", "glossary/t.yml", TERM + "aliases: !!set {a, b}\n", [("yaml.tag", "aliases", 3)]),
    Case("merge key", "glossary/t.yml", "base: &b {term: T, summary: S}\n<<: *b\n", [("yaml.merge-key", "", 2), ("schema.additionalProperties", "base", 1),
         ("schema.required", "", 1), ("schema.required", "", 1)]),
    Case("duplicate key", "glossary/t.yml", TERM + "term: Other\n", [("yaml.duplicate-key", "term", 3)]),
    Case("non-text key", "glossary/t.yml", TERM + "1: one\n", [("yaml.non-string-key", "", 3)]),
    Case("complex key", "glossary/t.yml", TERM + "? [a, b]\n: c\n", [("yaml.non-string-key", "", 3)]),
    Case("empty file", "glossary/t.yml", "", [("yaml.empty", "", 1)]),
    Case("only a comment", "glossary/t.yml", "# nothing here\n", [("yaml.empty", "", 1)]),
    Case("a list at the top", "glossary/t.yml", "- term: T\n", [("schema.type", "", 1)]),
    Case("a scalar at the top", "glossary/t.yml", "just text\n", [("schema.type", "", 1)]),
    Case("two documents", "glossary/t.yml", TERM + "---\nterm: Again\n", [("yaml.syntax", "", 3)]),
    Case("unclosed bracket on line 4", "runtimes/r.yml", RUNTIME.replace("hardware: [cpu]", "hardware: [cpu"), [("yaml.syntax", "", 5)]),
    Case("unclosed quote", "glossary/t.yml", 'term: "Demo\nsummary: S.\n', [("yaml.syntax", "", 1)]),
    Case("tab indentation", "glossary/t.yml", TERM + "aliases:\n\t- x\n", [("yaml.syntax", "", 4)]),
    Case("invalid UTF-8", "glossary/t.yml", b"term: \xff\xfe bad\nsummary: S.\n", [("file.encoding", "", 1)]),
    Case("UTF-16 file", "glossary/t.yml", TERM.encode("utf-16"), [("file.encoding", "", 1)]),
    Case("raw NUL byte", "glossary/t.yml", "term: De\x00mo\nsummary: S.\n", [("text.control-character", "", 1)]),
    Case("raw U+FFFE", "glossary/t.yml", "term: De\ufffemo\nsummary: S.\n", [("text.control-character", "", 1)]),
    # --- sizes ------------------------------------------------------------------
    Case("300 KB file", "glossary/t.yml", TERM + "definition: " + "a" * 300_000 + "\n", [("limit.document-size", "", 1)], limit=True),
    Case("1 MB title", "patterns/p.yml", PATTERN.replace("title: Demo", "title: " + "T" * 1_000_000), [("limit.document-size", "", 1)], limit=True),
    Case("150 KB title", "patterns/p.yml", PATTERN.replace("title: Demo", "title: " + "T" * 150_000), [("limit.field-length", "title", 1)], limit=True),
    Case("2,000-character term", "glossary/t.yml", TERM.replace("Demo term", "t" * 2000), [("limit.field-length", "term", 1)], limit=True),
    Case("1,500-character alias", "glossary/t.yml", TERM + "aliases: [" + "a" * 1500 + "]\n", [("limit.field-length", "aliases[0]", 3)], limit=True),
    Case("25,000-character definition", "glossary/t.yml", TERM + "definition: " + "word " * 5000 + "\n", [("limit.field-length", "definition", 3)], limit=True),
    Case("5,000-character summary", "runtimes/r.yml", runtime_with(summary="x" * 5000), [("limit.field-length", "summary", 2)], limit=True),
    Case("3,000-character URL", "runtimes/r.yml", runtime_with(homepage="https://example.org/" + "a" * 3000), [("limit.field-length", "homepage", 7)], limit=True),
    # --- characters ---------------------------------------------------------------
    Case("U+0080 in a term", "glossary/t.yml", 'term: "Term\\x80 ![g](y){: onerror=alert(1) }"\nsummary: S.\n', [("text.control-character", "term", 1)]),
    Case("U+007F in a pattern title", "patterns/p.yml", PATTERN.replace("title: Demo", 'title: "Demo\\x7f"'), [("text.control-character", "title", 1)]),
    Case("U+009F in a runtime name", "runtimes/r.yml", runtime_with(name='"Demo\\x9f runtime"'), [("text.control-character", "name", 1)]),
    Case("U+FFFE in a summary", "glossary/t.yml", 'term: T\nsummary: "S\\uFFFE."\n', [("text.control-character", "summary", 2)]),
    Case("U+FFFF in an alias", "glossary/t.yml", TERM + 'aliases: ["A\\uFFFF"]\n', [("text.control-character", "aliases[0]", 3)]),
    Case("bidi override in a term", "glossary/t.yml", 'term: "Demo \\u202Eterm"\nsummary: S.\n', [("text.control-character", "term", 1)]),
    Case("bidi isolate in a heading", "patterns/p.yml", PATTERN.replace("heading: Part", 'heading: "Part \\u2066x"'), [("text.control-character", "sections[0].heading", 8)]),
    Case("NUL escape in a summary", "glossary/t.yml", 'term: T\nsummary: "S\\0."\n', [("text.control-character", "summary", 2)]),
    Case("ESC escape in a list item", "patterns/p.yml", PATTERN.replace("list: [a, b]", 'list: [a, "\\e[31mred"]'), [("text.control-character", "sections[0].list[1]", 9)]),
    Case("tab in a title", "patterns/p.yml", PATTERN.replace("title: Demo", 'title: "De\\tmo"'), [("text.control-character", "title", 1)]),
    Case("line break inside a title", "patterns/p.yml", PATTERN.replace("title: Demo", "title: |\n  Line one\n  line two"), [("text.control-character", "title", 1)]),
    Case("bare CR in a runtime summary", "runtimes/r.yml", runtime_with(summary='"Harmless\\r=cmd|\' /C calc\'!A0"'), [("text.control-character", "summary", 2)]),
    Case("lone surrogate", "glossary/t.yml", 'term: T\nsummary: "S\\uD800."\n', [("yaml.syntax", "", 2)]),
    Case("control character in a source title", "runtimes/r.yml", RUNTIME.replace("title: Docs", 'title: "Do\\x1bcs"'),
         [("text.control-character", "sources[0].title", 9)]),
    Case("control character in an unknown field", "glossary/t.yml", TERM + 'x: "\\x01"\n', [("schema.additionalProperties", "x", 3), ("text.control-character", "x", 3)]),
    Case("whitespace-only term", "glossary/t.yml", 'term: "   "\nsummary: S.\n', [("text.blank", "term", 1)]),
    Case("no-break-space-only summary", "glossary/t.yml", 'term: T\nsummary: "\\u00a0\\u00a0"\n', [("text.blank", "summary", 2)]),
    Case("empty term", "glossary/t.yml", 'term: ""\nsummary: S.\n', [("schema.minLength", "term", 1)]),
    # --- URLs ---------------------------------------------------------------------
    Case("credentials in a URL", "runtimes/r.yml", source_url('"http://user:pass@example.org/"'), [("schema.format", "sources[0].url", 9)]),
    Case("quote in a URL", "runtimes/r.yml", source_url("'https://example.org/\"onmouseover=alert(1)'"), [("schema.format", "sources[0].url", 9)]),
    Case("angle brackets in a URL", "runtimes/r.yml", runtime_with(homepage='"https://example.org/<script>"'), [("schema.format", "homepage", 7)]),
    Case("space in a URL", "runtimes/r.yml", runtime_with(homepage='"https://example.org/a b"'), [("schema.format", "homepage", 7)]),
    Case("malformed IPv6 host", "runtimes/r.yml", runtime_with(homepage='"https://[::1"'), [("schema.format", "homepage", 7)]),
    Case("javascript: source", "runtimes/r.yml", source_url('"javascript:alert(1)"'), [("schema.format", "sources[0].url", 9)]),
    Case("data: homepage", "runtimes/r.yml", runtime_with(homepage='"data:text/html,<script>alert(1)</script>"'), [("schema.format", "homepage", 7)]),
    Case("port out of range", "runtimes/r.yml", runtime_with(homepage='"https://example.org:99999/"'), [("schema.format", "homepage", 7)]),
    Case("host without a dot", "runtimes/r.yml", RUNTIME + 'repository: "https://localhost/x"\n', [("schema.format", "repository", 11)]),
    Case("bad percent-escape", "runtimes/r.yml", runtime_with(homepage='"https://example.org/%zz"'), [("schema.format", "homepage", 7)]),
    Case("denied source domain", "runtimes/r.yml", source_url('"https://dev.to/someone/a-post"'), [("source.denied-domain", "sources[0].url", 9)]),
    Case("denied source subdomain", "runtimes/r.yml", source_url('"https://www.hivebook.wiki/wiki/x"'), [("source.denied-domain", "sources[0].url", 9)]),
    Case("denied search-index source", "runtimes/r.yml", source_url('"https://docsearch.algolia.com/mcp/docs/repo/a/b"'),
         [("source.denied-domain", "sources[0].url", 9)]),
    # --- references and names, reported with everything else ---------------------
    Case("misspelt reference beside a schema error", "patterns/p.yml",
         PATTERN.replace("status: draft", "status: drat") + "related: [glossary/bsae]\n", [("schema.enum", "status", 4), ("ref.unknown", "related[0]", 10)]),
    Case("reference to itself", "glossary/t.yml", TERM + "related: [t]\n", [("ref.self", "related[0]", 3)]),
    Case("term claimed twice, different spacing and case", "glossary/t.yml", "term: '  BASE '\nsummary: S.\n", [("glossary.duplicate-name", "term", 1)]),
    Case("alias repeating its own term", "glossary/t.yml", TERM + "aliases: [demo  TERM]\n", [("glossary.duplicate-name", "aliases[0]", 3)]),
    # --- files ----------------------------------------------------------------------
    Case("symlink to a file outside the repository", "glossary/leak.yml", None, [("file.outside-repository", "", 1)], setup=symlink_outside),
    Case("symlink to a system file", "glossary/passwd.yml", None, [("file.outside-repository", "", 1)], setup=symlink_system),
    Case("dangling symlink", "glossary/gone.yml", None, [("file.dangling-link", "", 1)], setup=symlink_dangling),
    Case("collection folder linked outside the repository", "patterns", None, [("file.outside-repository", "", 1)], setup=folder_outside),
    Case("folder named like an entry", "runtimes/dir.yml", None, [("file.folder", "", 1)], setup=folder_entry),
    Case("space in a file name", "glossary/my term.yml", TERM, [("file.bad-slug", "", 1)]),
    Case("capitals in a file name", "glossary/Term.yml", TERM, [("file.bad-slug", "", 1)]),
    Case(".YML extension", "glossary/term.YML", TERM, [("file.extension", "", 1)]),
    Case(".yaml extension", "glossary/term.yaml", TERM, [("file.extension", "", 1)]),
    Case("reserved slug", "runtimes/compare.yml", RUNTIME, [("file.reserved-slug", "", 1)]),
    # --- hostile but valid: loads, and every page shows it escaped -------------
    Case("script tag in a title", "patterns/p.yml", PATTERN.replace("title: Demo", "title: \"<script>alert(1)</script>\""), []),
    Case("attribute-list payload in a Markdown field", "glossary/t.yml", TERM + "definition: '*f*{: tabindex=1 autofocus onfocus=alert(1) }'\n", []),
    Case("javascript: link in a Markdown field", "glossary/t.yml", TERM + "definition: '[click](javascript:alert(1))'\n", []),
    Case("template syntax in a summary", "glossary/t.yml", "term: T\nsummary: \"{{ 7*7 }} {% raw %}\"\n", []),
    Case("emoji and astral characters", "glossary/t.yml", "term: \"Cache \U0001F600 \U00010348\"\nsummary: S.\n", []),
    Case("right-to-left text without overrides", "glossary/t.yml", "term: ذاكرة\nsummary: نص عربي.\n", []),
    Case("a small legitimate alias", "glossary/t.yml", TERM + "use_cases: &u [Serving]\nrelated: [base]\n", []),
    Case("folded summary with a final line break", "glossary/t.yml", "term: T\nsummary: >\n  Folded\n  text.\n", []),
    Case("summary at the length limit", "glossary/t.yml", "term: T\nsummary: " + "s" * 1000 + "\n", []),
    Case("term at the length limit", "glossary/t.yml", "term: " + "t" * 100 + "\nsummary: S.\n", []),
    Case("tab and line breaks in a Markdown field", "glossary/t.yml", TERM + 'definition: "Line\\n\\n\\tcode"\n', []),
    Case("symlink inside the repository", "glossary/linked.yml", None, [], setup=symlink_inside),
    Case("international host name", "runtimes/r.yml", runtime_with(homepage='"https://bücher.example/"'), []),
    Case("IPv6 host", "runtimes/r.yml", runtime_with(homepage='"https://[2001:db8::1]:8443/x"'), []),
]


def test_there_are_at_least_sixty_cases():
    assert len(CASES) >= 60
    assert len({c.name for c in CASES}) == len(CASES)


class Watchdog(Exception):
    pass


def _alarm(signum, frame):
    raise Watchdog(f"case took more than {WATCHDOG_SECONDS} s")


def run_case(tmp_path: Path, case: Case):
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(REPO / "vocabularies.yml", root / "vocabularies.yml")
    for rel, text in {**BASE, **case.extra}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    if case.text is not None:
        target = root / case.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(case.text, bytes):
            target.write_bytes(case.text)
        else:
            target.write_text(case.text, encoding="utf-8")
    if case.setup:
        case.setup(root)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(WATCHDOG_SECONDS)
    tracemalloc.start()
    try:
        model, problems = load_site(ContentPaths(str(root)), today=TODAY)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return model, problems, peak


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(tmp_path, case):
    model, problems, peak = run_case(tmp_path, case)
    assert peak < MEMORY_LIMIT, f"peak Python memory {peak / 1e6:.0f} MB"
    # The valid base entries are never affected by a hostile neighbour
    # (except where the case claims their names or cites them).
    others = [str(p) for p in problems if p.location.path != case.path]
    assert others == []
    found = [(p.code, p.field, p.location.line) for p in problems.sorted() if p.location.path == case.path]
    expected = sorted(case.expected)
    if any(field == "*" for _, field, _ in expected):  # location depends on the limit's position
        assert [code for code, _, _ in found] == [code for code, _, _ in expected], [str(p) for p in problems]
    else:
        assert sorted(found) == expected, [str(p) for p in problems]
    for problem in problems:
        text = str(problem)
        assert len(text) < 600, "messages stay short whatever the input"
        assert "SECRET-VALUE" not in text and "root:" not in text
        assert text.isprintable()
    if case.expected:
        slug = Path(case.path).stem
        collection = case.path.split("/")[0]
        assert slug not in model.collection(collection), "an entry with an error is not counted as valid"
    else:
        assert Path(case.path).stem in model.collection(case.path.split("/")[0])


def test_limits_are_what_stop_the_resource_cases():
    limit_codes = {"limit.nodes", "limit.depth", "limit.document-size", "limit.field-length", "yaml.recursive-alias", "yaml.syntax"}
    for case in CASES:
        if case.limit:
            assert {code for code, _, _ in case.expected} <= limit_codes, case.name


def test_symlinked_content_outside_the_repository_is_never_read(tmp_path):
    case = next(c for c in CASES if c.setup is symlink_outside)
    model, problems, _ = run_case(tmp_path, case)
    assert "leak" not in model.glossary
    assert all("SECRET" not in e.summary for e in model.entries())


def test_billion_laughs_stops_fast_without_the_memory(tmp_path):
    """The 454-byte file of the issue: 9 anchors of 9 aliases."""
    case = next(c for c in CASES if c.name == "billion laughs, 9 levels")
    assert len(laughs(9)) < 600
    _, problems, peak = run_case(tmp_path, case)
    assert [p.code for p in problems] == ["limit.nodes"]
    assert peak < 50 * 1024 * 1024

"""What the generator writes stays safe whatever the (valid) content says:
page stubs, Markdown fields, the CSV export."""

from __future__ import annotations

import csv
import io
import random
from html.parser import HTMLParser

import pytest
from mkdocs.utils.meta import get_data

from aruntime.exports import runtimes_csv
from aruntime.markup import MarkdownRenderer
from aruntime.model import Runtime, SiteModel, Source, Vocabularies
from aruntime.problems import Location
from aruntime.views.base import PageSpec
from modelkit import site_urls

# --- page stubs ------------------------------------------------------------------


def test_no_title_can_break_a_generated_page_front_matter():
    """MkDocs drops front matter it cannot parse and renders the stub as
    Markdown; the stub is printable ASCII, so that cannot happen."""
    rng = random.Random(11)
    alphabet = [chr(c) for c in [*range(0, 0x250), 0x2028, 0x202E, 0xFEFF, 0xFFFE, 0xFFFF, 0x1F600, 0x10FFFF]]
    alphabet += list('"\\:-#&*!|>{}[]%@`\'\n\r\t') + ["---", "...", "\n---\n"]
    titles = ["Term\x80 ![g](y){: onerror=alert(1) }", "*f*{: tabindex=1 autofocus onfocus=alert(1) }", "a\n---\nb: c"]
    titles += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    for title in titles:
        stub = PageSpec("patterns/x.md", "pattern", "aruntime/pattern.html", title).stub()
        assert stub.isascii() and all(ch.isprintable() or ch == "\n" for ch in stub)
        body, meta = get_data(stub)
        assert meta == {"template": "aruntime/pattern.html", "title": title}, repr(title)
        assert body.strip() == ""


# --- Markdown fields ----------------------------------------------------------------

EXTENSIONS = [
    "toc", "admonition", "attr_list", "def_list", "tables", "md_in_html", "abbr", "footnotes",
    "pymdownx.superfences", "pymdownx.details", "pymdownx.tabbed", "pymdownx.magiclink", "pymdownx.snippets",
]
PAYLOADS = [
    "Term\x80 ![g](y){: onerror=alert(1) }",
    "*f*{: tabindex=1 autofocus onfocus=alert(1) }",
    "[click](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](vbscript:msgbox(1))",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<a href='  javascript:alert(1)'>v</a>",
    '<div markdown="1" onclick="alert(1)">*x*</div>',
    "[x](y){: href=javascript:alert(1) }",
    "[x](y){: onclick=alert(1) style=color:red }",
    "![x](javascript:alert(1))",
    "<iframe src=javascript:alert(1)></iframe>",
    "<details open ontoggle=alert(1)><summary>s</summary></details>",
    "[x]: javascript:alert(1)\n\n[y][x]",
    "<https://example.org/\" onmouseover=\"alert(1)>",
    "<form action=javascript:alert(1)><button formaction=javascript:alert(1)>x</button></form>",
    "<object data=javascript:alert(1)></object>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<base href=javascript:alert(1)//>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    "<script>alert(1)</script>",
    "<!--><script>alert(1)</script>-->",
    "Term {: onerror=alert(1) }\n{: onclick=alert(1) }",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    "!!! note \"<img src=x onerror=alert(1)>\"\n    body",
    "--8<-- \"/etc/passwd\"",
]


class _Audit(HTMLParser):
    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "background", "poster", "srcset"}

    def __init__(self):
        super().__init__()
        self.bad: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "iframe", "object", "embed", "form", "base", "meta", "svg", "math"):
            self.bad.append((tag,))
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc"):
                self.bad.append((tag, name, value))
            if name in self.URL_ATTRIBUTES and value is not None:
                scheme = value.strip().split(":", 1)[0].lower() if ":" in value.split("/", 1)[0] else ""
                if scheme not in ("", "http", "https", "mailto"):
                    self.bad.append((tag, name, value))


@pytest.fixture(scope="module")
def renderer():
    return MarkdownRenderer(EXTENSIONS, {"pymdownx.snippets": {"base_path": ["/"], "check_paths": False}})


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_output_has_no_event_handler_or_unsafe_link(renderer, payload):
    out = str(renderer.render(payload))
    audit = _Audit()
    audit.feed(out)
    assert audit.bad == [], out
    assert "root:" not in out  # snippets never include a file


# --- CSV ------------------------------------------------------------------------------


def _runtime(slug: str, summary: str, name: str = "Runtime") -> Runtime:
    return Runtime(
        slug=slug, summary=summary, source=Location(f"runtimes/{slug}.yml"), name=name, category="browser",
        deployment=("browser",), hardware=("cpu",), license="MIT", homepage="https://example.org/",
        sources=(Source("Docs", "https://example.org/docs"),), languages=("-x", "@y"),
    )


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", " =1", "\uff1d1+1", "\uff0b1", "\uff201", "\r=cmd", "\n=cmd"],
)
def test_csv_cells_never_start_like_a_formula(value):
    model = SiteModel(vocabularies=Vocabularies(), runtimes={"r": _runtime("r", value, name=value)})
    rows = list(csv.reader(io.StringIO(runtimes_csv(model, "https://example.org/", site_urls(model)))))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1]))
    for column in ("summary", "name", "languages"):
        assert row[column].startswith("'"), (column, row[column])


def test_a_line_break_in_a_cell_never_starts_a_row():
    summary = "Harmless\r=cmd|' /C calc'!A0\n@SUM(1)"
    model = SiteModel(vocabularies=Vocabularies(), runtimes={"r": _runtime("r", summary)})
    text = runtimes_csv(model, "https://example.org/", site_urls(model))
    lines = text.splitlines()
    assert len(lines) == 2 and all(line.startswith('"') for line in lines)
    assert "\r" not in text
    row = dict(zip(*csv.reader(io.StringIO(text))))
    assert row["summary"] == "Harmless =cmd|' /C calc'!A0 @SUM(1)"

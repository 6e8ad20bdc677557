"""A site built from a payload corpus — a payload in every field of every
collection and in a hand-written page — never runs any of it: chromium loads
every page with a dialog listener, and no element carries an event-handler
attribute or a script link that came from content.

The payloads are valid content (they pass validation); what they try is to
get markup through plain-text fields, Markdown extensions (attr_list), links,
the term tooltips, the search results and the front matter.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitekit import build_strict, write_site

# Plain-text payloads: markup, attribute breakouts, template syntax.
P = [
    '"><img src=x onerror=alert("p0")>',
    "<script>alert('p1')</script>",
    "'><svg onload=alert('p2')>",
    "{{ 7*7 }}{% raw %}<b onmouseover=alert('p3')>x</b>",
    "javascript:alert('p4')",
    "</title><script>alert('p5')</script>",
    "<iframe srcdoc='<script>alert(\"p6\")</script>'>",
    "`<img src=x onerror=alert('p7')>`",
    "*f*{: tabindex=1 autofocus onfocus=alert('p8') }",
    "![g](y){: onerror=alert('p9') }",
]
# Markdown payloads (fields rendered as Markdown and sanitised).
M = (
    "*f*{: tabindex=1 autofocus onfocus=alert('m0') }\n\n"
    "![g](y){: onerror=alert('m1') }\n\n"
    "[click](javascript:alert('m2')) [data](data:text/html,<script>alert('m3')</script>)\n\n"
    "<img src=x onerror=alert('m4')> <svg onload=alert('m5')></svg>\n\n"
    "<details open ontoggle=alert('m6')><summary>s</summary></details>\n\n"
    "<div markdown=\"1\" onclick=\"alert('m7')\">*x*</div>\n\n"
    "[x](y){: href=javascript:alert('m8') }\n\n"
    "<a href=\"#\" title=\"a > b &quot; onmouseover=alert('m9') x\">Payload term</a>\n\n"
    "<p id=\"lunr\">clobber</p> <form id=\"document\"></form>\n"
)
# Front matter of a hand-written page.
D = ['Home "><img src=x onerror=alert("d0")>', "</title><script>alert('d1')</script>"]
URL = "https://example.org/?q='onmouseover=alert(1)//&x=y"  # a quote breaks out of nothing: hrefs are escaped


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(text)


def yaml_list(items) -> str:
    return "[" + ", ".join(q(i) for i in items) + "]"


def sources() -> str:
    return f"sources:\n  - {{title: {q(P[0])}, url: {q('https://example.org/docs')}}}\n  - {{title: {q(P[1])}, url: {q(URL)}}}\n"


def corpus() -> dict[str, str]:
    files = {}
    for i, payload in enumerate(P):
        files[f"patterns/p{i}.yml"] = (
            f"title: {q('Pattern ' + payload)}\nsummary: {q(P[(i + 1) % len(P)])}\naudience: {q(P[(i + 2) % len(P)])}\n"
            f"status: draft\nlast_reviewed: 2026-01-01\nkey_takeaways: {yaml_list(P[:3])}\n"
            f"use_cases: {yaml_list(P[3:5])}\nrelated: [glossary/t{i}, runtimes/r{i}]\n"
            "sections:\n"
            f"  - heading: {q(payload)}\n    body: {q(M)}\n    list: {yaml_list(P[5:8])}\n    anchor_items: true\n"
            f"  - heading: {q('Checks ' + payload)}\n    checklist: {yaml_list(P[8:])}\n"
            f"  - heading: {q('Steps ' + payload)}\n    steps: {yaml_list(P[:2])}\n"
            f"  - heading: {q('Table ' + payload)}\n    table:\n      columns: {yaml_list(P[:2])}\n      rows:\n        - {yaml_list(P[2:4])}\n"
            + sources()
        )
        files[f"glossary/t{i}.yml"] = (
            f"term: {q(f'Payload term {i} ' + payload[:60])}\naliases: {yaml_list([f'alias {i} ' + P[(i + 3) % len(P)][:60]])}\n"
            f"summary: {q(payload)}\ndefinition: {q(M)}\nuse_cases: {yaml_list(P[:2])}\nlast_reviewed: 2026-01-01\n"
            f"related: [patterns/p{i}]\n" + sources()
        )
        files[f"runtimes/r{i}.yml"] = (
            f"name: {q('Runtime ' + payload)}\nsummary: {q(payload + ' Payload term 1')}\ncategory: browser\n"
            "deployment: [browser]\nhardware: [webgpu]\nlicense: MIT\n"
            f"homepage: {q(URL)}\nrepository: {q('https://example.org/repo')}\n"
            f"languages: {yaml_list(P[:2])}\nmodel_formats: {yaml_list(P[2:4])}\ncapabilities: [streaming]\n"
            f"use_cases: {yaml_list(P[4:6])}\nlast_reviewed: 2026-01-01\n" + sources()
        )
    # A hand-written page: payloads in its front matter (its Markdown body is
    # the author's own HTML-capable Markdown, trusted like a template). The
    # body holds the auto-linking case: a ">" inside an attribute value.
    files["docs/index.md"] = (
        f"---\ntitle: {q(D[0])}\ndescription: {q(D[1])}\nlast_reviewed: 2026-01-01\n" + sources()
        + "---\n# Home\n\nPayload term 1 and alias 2 are linked here.\n\n"
        + "<a href=\"#\" title=\"a > Payload term 2 &quot; onmouseover=alert('d2') x\">Payload term 3</a>\n"
    )
    return files


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory, serve_dir):
    root = write_site(tmp_path_factory.mktemp("hostile-site"), corpus())
    build_strict(root)
    return root / "site", serve_dir(root / "site")


def page_paths(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)).replace("index.html", "") for p in site.rglob("*.html"))


FIND_UNSAFE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.trim().toLowerCase();
      if (name.startsWith('on')) bad.push(`${el.tagName} ${name}=${attr.value}`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'].includes(name)
          && /^(javascript|data|vbscript):/.test(value)) bad.push(`${el.tagName} ${name}=${attr.value}`);
    }
  }
  return bad;
}"""


def test_the_corpus_reaches_every_collection_and_a_docs_page(hostile_site):
    site, _ = hostile_site
    paths = page_paths(site)
    assert {p.split("/")[0] for p in paths} >= {"patterns", "glossary", "runtimes"}
    assert len([p for p in paths if p.startswith("glossary/t")]) == len(P)
    text = (site / "patterns/p0/index.html").read_text()
    assert "&lt;img src=x onerror=alert(&#34;p0&#34;)&gt;" in text or "&lt;img src=x onerror=alert(&quot;p0&quot;)&gt;" in text


@pytest.fixture(scope="session")
def visits(hostile_site, browser):
    """Every page loaded once: (dialogs as "path: message", unsafe attributes by path)."""
    site, base = hostile_site
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    current = [""]
    page.on("dialog", lambda dialog: (dialogs.append(f"{current[0]}: {dialog.message}"), dialog.dismiss()))
    unsafe: dict[str, list[str]] = {}
    paths = page_paths(site) + ["search/?q=alert", "search/?q=payload", "runtimes/compare/?r=r0,r1,r2"]
    for path in paths:
        current[0] = path
        page.goto(base + path, wait_until="load")
        # Hover and focus everything a payload could hang a handler on.
        page.evaluate("() => document.querySelectorAll('a, [tabindex], img, b, em').forEach(el => {"
                      " el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); el.focus && el.focus(); })")
        page.wait_for_timeout(50)
        found = page.evaluate(FIND_UNSAFE)
        if found:
            unsafe[path] = found
    context.close()
    assert len(paths) > 3 * len(P)
    return dialogs, unsafe


def test_no_page_runs_a_payload(visits):
    dialogs, unsafe = visits
    assert "\n".join(sorted(set(dialogs))) == ""
    assert unsafe == {}


def test_docs_front_matter_payloads_are_printed_as_text(hostile_site):
    site, _ = hostile_site
    html = (site / "index.html").read_text()
    assert '<img src=x onerror=alert("d0")>' not in html
    assert "alert(&#34;d0&#34;)" in html or "alert(&quot;d0&quot;)" in html

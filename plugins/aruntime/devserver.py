"""What ``mkdocs serve`` shows while the content has errors.

A failed rebuild would leave MkDocs' dev server waiting for a good build, so
every request hangs. Instead, in serve mode the plugin builds an error site:
``index.html`` and ``404.html`` (which the dev server answers for every
missing path) list each problem as ``path:line:column: ...``, the same list
the terminal shows. The dev server adds its live-reload script to the page,
so it turns back into the site by itself once the files are fixed.
"""

from __future__ import annotations

import os
from html import escape
from typing import Iterable

from .problems import ERROR, Problem

PAGES = ("index.html", "404.html")


def error_page(problems: Iterable[Problem], site_name: str = "") -> str:
    """A self-contained HTML page listing the problems (errors first)."""
    problems = sorted(problems, key=lambda p: (p.severity != ERROR, p.location, p.code))
    errors = sum(p.severity == ERROR for p in problems)
    items = "\n".join(
        f'<li class="{escape(p.severity)}"><code>{escape(str(p))}</code></li>' for p in problems
    )
    title = f"{errors} content error{'s' if errors != 1 else ''}"
    name = f" — {escape(site_name)}" if site_name else ""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}{name}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1a1a1a; background: #fff; }}
h1 {{ color: #a40000; font-size: 1.5rem; }}
ul {{ padding-left: 1.2rem; }}
li {{ margin: .4rem 0; }}
li.error code {{ color: #a40000; }}
code {{ white-space: pre-wrap; word-break: break-word; }}
</style>
</head>
<body>
<main>
<h1 id="aruntime-content-errors">{title}: the site is not built</h1>
<p>Fix these in the files named below. This page reloads by itself when the content is valid again.</p>
<ul id="aruntime-problems">
{items}
</ul>
</main>
</body>
</html>
"""


def error_mode(config, problems: Iterable[Problem]) -> str:
    """Turn this build of the dev server into the error site; return its page.

    Nothing of the real site is rendered: no nav, no theme templates (404.html,
    sitemap.xml), no extra templates; the plugin adds no files and writes the
    returned page in on_post_build. ``config`` is MkDocs' (or ProperDocs')
    config, used by attribute only.
    """
    config.nav = []
    config.theme.static_templates.clear()
    config.extra_templates = []
    return error_page(problems, config.site_name)


def write_error_site(site_dir: str, html: str) -> None:
    """Answer every request of the dev server with ``html``."""
    os.makedirs(site_dir, exist_ok=True)
    for name in PAGES:
        with open(os.path.join(site_dir, name), "w", encoding="utf-8") as fh:
            fh.write(html)


def terminal_notice(count: int) -> str:
    return (
        f"{count} error(s) in content files (listed above). The dev server shows them at every address "
        "and reloads by itself when they are fixed."
    )

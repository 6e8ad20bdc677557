"""How client code and data reach the browser in every mode.

The ES modules in ``assets/js/*.mjs`` are the source (Node's test runner imports
them). Browsers load neither ES modules nor fetched JSON from a folder
(``file://``), so the site always ships them as **one classic script**,
``assets/aruntime/js/aruntime.js``, built here: each module becomes a function
whose exports are an object, and its imports read those objects, in dependency
order. The same file runs over http(s), after instant navigation and from a
folder; nothing is copied by hand.

Data files (the search index, ``runtimes.json``) are JSON. A build for a folder
(Material's ``offline`` plugin) also writes each as a script twin,
``<file>.js``, which stores the parsed data in ``self.ARuntimeData[path]``;
``client.mjs`` loads the twin when the page is a ``file://`` page.

The transform understands exactly the module syntax this project uses
(``import {a, b as c} from "./x.mjs"``, ``import * as x from "./x.mjs"``,
``export function|class|const|let``, ``export {a, b}``); anything else is an error naming the file and line.
No MkDocs here.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

BUNDLE_PATH = "assets/aruntime/js/aruntime.js"
DATA_GLOBAL = "ARuntimeData"

_IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"\./([\w.-]+\.mjs)";[ \t]*$', re.M)
_IMPORT_ALL = re.compile(r'^import\s*\*\s*as\s+([A-Za-z_$][\w$]*)\s+from\s*"\./([\w.-]+\.mjs)";[ \t]*$', re.M)
_EXPORT_DECL = re.compile(r"^export\s+((?:async\s+)?function\*?|class|const|let)\s+([A-Za-z_$][\w$]*)", re.M)
_EXPORT_LIST = re.compile(r"^export\s*\{([^}]*)\};?[ \t]*$", re.M)
_LEFTOVER = re.compile(r"^\s*(import|export)\b", re.M)


class BundleError(ValueError):
    """A module uses syntax the bundler does not turn into a classic script."""


def _names(spec: str) -> list[tuple[str, str]]:
    """'a, b as c' -> [('a', 'a'), ('b', 'c')]"""
    out = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        name, _, alias = part.partition(" as ")
        out.append((name.strip(), (alias or name).strip()))
    return out


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _module(name: str, text: str) -> tuple[str, list[str], list[str]]:
    """(function body, imported module names, exported names) of one module."""
    deps: list[str] = []
    exports: list[str] = []

    def imp(m: re.Match) -> str:
        deps.append(m.group(2))
        pairs = ", ".join(n if n == a else f"{n}: {a}" for n, a in _names(m.group(1)))
        return f'const {{ {pairs} }} = __modules["{m.group(2)}"];'

    def decl(m: re.Match) -> str:
        exports.append(m.group(2))
        return f"{m.group(1)} {m.group(2)}"

    def export_list(m: re.Match) -> str:
        exports.extend(alias for _, alias in _names(m.group(1)))
        return ""

    def imp_all(m: re.Match) -> str:
        deps.append(m.group(2))
        return f'const {m.group(1)} = __modules["{m.group(2)}"];'

    body = _IMPORT.sub(imp, text)
    body = _IMPORT_ALL.sub(imp_all, body)
    body = _EXPORT_DECL.sub(decl, body)
    body = _EXPORT_LIST.sub(export_list, body)
    left = _LEFTOVER.search(body)
    if left:
        raise BundleError(
            f"{name}:{_line(body, left.start(1))}: module syntax the bundler does not handle "
            f"(expected 'import {{ ... }} from \"./x.mjs\";', 'import * as x from \"./x.mjs\";' or 'export function|class|const|let'); "
            f"found {body[left.start(1):].splitlines()[0]!r}"
        )
    return body, deps, exports


def bundle(js_dir: str | os.PathLike) -> str:
    """Every ``*.mjs`` of ``js_dir`` as one classic script, dependencies first."""
    js_dir = Path(js_dir)
    modules = {p.name: _module(p.name, p.read_text(encoding="utf-8")) for p in sorted(js_dir.glob("*.mjs"))}
    order: list[str] = []
    visiting: set[str] = set()

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if name in order:
            return
        if name not in modules:
            raise BundleError(f"{chain[-1]}: imports ./{name}, which is not in {js_dir.name}/")
        if name in visiting:
            raise BundleError(f"import cycle: {' -> '.join((*chain, name))}")
        visiting.add(name)
        for dep in modules[name][1]:
            visit(dep, (*chain, name))
        visiting.discard(name)
        order.append(name)

    for name in modules:
        visit(name, ())
    parts = [
        "// Built by plugins/aruntime/client_delivery.py from assets/js/*.mjs; edit those.\n",
        "(function () {\n\"use strict\";\nconst __modules = {};\n",
    ]
    for name in order:
        body, _, exports = modules[name]
        parts.append(
            f'// ---- {name}\n__modules["{name}"] = (function () {{\n{body.rstrip()}\n'
            f"return {{ {', '.join(exports)} }};\n}})();\n"
        )
    parts.append("})();\n")
    return "".join(parts)


def data_script(path: str, text: str) -> str:
    """A JSON file as a classic script that registers it under its site path."""
    safe = text.strip().replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"(self.{DATA_GLOBAL} = self.{DATA_GLOBAL} || {{}})[{json.dumps(path)}] = {safe};\n"


def write_data_scripts(site_dir: str | os.PathLike, paths: list[str]) -> int:
    """Write ``<file>.js`` next to each site-relative JSON file or folder of them; returns the count."""
    site_dir = Path(site_dir)
    count = 0
    for rel in paths:
        target = site_dir / rel
        files = sorted(target.rglob("*.json")) if target.is_dir() else [target]
        for file in files:
            site_path = file.relative_to(site_dir).as_posix()
            file.with_name(file.name + ".js").write_text(data_script(site_path, file.read_text(encoding="utf-8")), encoding="utf-8")
            count += 1
    return count

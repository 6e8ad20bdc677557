"""Hand-written pages in docs/: their front matter is validated with the same
rules as the YAML collections, and a page that would overwrite a generated
one is found before anything is written.

Front matter is read the way MkDocs reads it (``mkdocs.utils.meta``): a
``---`` line, YAML, a ``---`` or ``...`` line. MkDocs drops invalid front
matter silently and renders it as Markdown; here it is an error.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from typing import Iterable

from .loader import ContentPaths, containing_base, folder_escapes, inside, read_text
from .problems import Location, Problems
from .schemas import SOURCES, TEXT
from .validate import check_sources, check_text, format_checks, report_schema_errors, schema_validator
from .yamlload import load_yaml

# mkdocs.utils.meta.YAML_RE
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")

# The fields the site's templates print or link; other keys (Material's
# `hide`, `template`, `search`...) are left to MkDocs, their text still checked.
FRONT_MATTER_SCHEMA = {
    "type": "object",
    "properties": {
        "title": TEXT,
        "description": TEXT,
        "last_reviewed": {"type": "string", "format": "review-date"},
        "sources": SOURCES,
        "autolink": {"type": "boolean"},
    },
}


def docs_files(paths: ContentPaths, problems: Problems) -> list[tuple[str, str]]:
    """(src_uri, absolute path) of every file MkDocs would publish from docs/.

    A symlink that leaves the repository is reported and not read (MkDocs
    would copy its target into the site).
    """
    docs_dir = os.path.join(paths.root, paths.docs)
    if not os.path.isdir(docs_dir):
        return []
    if folder_escapes(paths.root, docs_dir):
        problems.add(Location(paths.display(docs_dir)), "", "is a symbolic link to a folder outside the repository; MkDocs would publish it", "file.outside-repository")
        return []
    base = containing_base(paths.root, docs_dir)
    found = []
    for dirpath, dirnames, filenames in os.walk(docs_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in [*dirnames, *sorted(filenames)]:
            abs_path = os.path.join(dirpath, name)
            if os.path.islink(abs_path):
                shown = paths.display(abs_path)
                if not os.path.exists(abs_path):
                    problems.add(Location(shown), "", "is a symbolic link to nothing (a dangling link); remove it or fix its target", "file.dangling-link")
                elif not inside(base, abs_path):
                    problems.add(Location(shown), "", "is a symbolic link outside the repository; MkDocs would publish its target", "file.outside-repository")
                    if name in dirnames:
                        dirnames.remove(name)
                    continue
            if name in filenames and not name.startswith("."):
                found.append((os.path.relpath(abs_path, docs_dir).replace(os.sep, "/"), abs_path))
    return found


def front_matter(text: str):
    """(YAML text, line it starts on) of a page's front matter, or None."""
    match = FRONT_MATTER.match(text)
    return (match.group(1), 2) if match else None


def check_docs(paths: ContentPaths, problems: Problems, today: dt.date, denied: dict[str, str]) -> None:
    """Validate the front matter of every Markdown page in docs/."""
    validator = schema_validator(FRONT_MATTER_SCHEMA, format_checks(today))
    for _, abs_path in docs_files(paths, problems):
        if not abs_path.lower().endswith(MARKDOWN_EXTENSIONS):
            continue
        shown = paths.display(abs_path)
        text = read_text(abs_path, shown, containing_base(paths.root, os.path.join(paths.root, paths.docs)), problems)
        if text is None:
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # as MkDocs reads it
        found = front_matter(text)
        if found is None:
            continue
        doc = load_yaml(shown, found[0], problems, first_line=found[1])
        if doc.data is None:
            continue
        if not isinstance(doc.data, dict):
            problems.add(Location(shown, 2), "", "expected front matter as a mapping of fields", "schema.type")
            continue
        report_schema_errors(doc, validator, problems)
        check_text(doc, problems)
        check_sources(doc, denied, problems)


def _page_url(src_uri: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a Markdown page (index and README are their folder)."""
    stem = posixpath.splitext(src_uri)[0]
    parent, name = posixpath.split(stem)
    if name.lower() in ("index", "readme"):
        return parent + "/" if parent else ""
    return stem + "/" if directory_urls else stem + ".html"


def collisions(
    paths: ContentPaths,
    specs: Iterable,
    generated_files: Iterable[str] = (),
    generated_folders: Iterable[str] = (),
    directory_urls: bool = True,
) -> Problems:
    """Hand-written files that would overwrite a generated page or file.

    ``specs`` are the generated pages (``pages.PageSpec``), ``generated_files``
    site paths of other generated files, and ``generated_folders`` site
    folders the plugin owns (its assets). Meant to run in on_config, before
    MkDocs writes (or empties) anything.
    """
    problems = Problems()
    pages = {}
    for spec in specs:
        origin = f"{getattr(paths, spec.ref.collection)}/{spec.ref.slug}.yml" if spec.ref else f"the plugin ({spec.src_uri})"
        pages[_page_url(spec.src_uri, directory_urls)] = origin
    files = set(generated_files)
    folders = tuple(f.rstrip("/") + "/" for f in generated_folders)
    for src_uri, abs_path in docs_files(paths, Problems()):
        shown = paths.display(abs_path)
        if src_uri.lower().endswith(MARKDOWN_EXTENSIONS):
            origin = pages.get(_page_url(src_uri, directory_urls))
            if origin is not None:
                problems.add(
                    Location(shown),
                    "",
                    f"collides with the page generated from {origin}; rename or remove one of them",
                    "docs.collision",
                )
        elif src_uri in files or src_uri.startswith(folders):
            problems.add(Location(shown), "", f"collides with the file {src_uri} the plugin generates; rename or remove it", "docs.collision")
    return problems

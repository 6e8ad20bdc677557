"""New entries and schema modelines: ``python -m aruntime new glossary "KV cache"``.

A new entry file has the right name (the slug of its title), today's date,
every required field, and the ``# yaml-language-server: $schema=...`` modeline
that gives editors completion and checks from ``schemas/``. Fields the author
must write hold a placeholder starting with ``TODO``: a value no check
accepts (the lint reports ``lint.placeholder``; vocabulary fields and URLs
also fail validation), so an unfinished entry cannot be published.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata

from .licenses import PROPRIETARY
from .loader import ContentPaths, load_site
from .model import COLLECTIONS, RESERVED_SLUGS, Vocabularies
from .schemas import PLACEHOLDER, SLUG_PATTERN, schema_path

MODELINE_PREFIX = "# yaml-language-server: $schema="


class ScaffoldError(Exception):
    """Why no file was written; the message is shown to the maintainer."""


def slugify(title: str) -> str:
    """``"KV cache"`` -> ``kv-cache``; ``"llama.cpp"`` -> ``llama-cpp``; accents folded."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def modeline(paths: ContentPaths, collection: str) -> str:
    """The modeline for an entry of ``collection``: a path relative to its folder."""
    target = os.path.join(paths.root, schema_path(collection))
    rel = os.path.relpath(target, paths.collection_dir(collection)).replace(os.sep, "/")
    return MODELINE_PREFIX + rel


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _todo(text: str) -> str:
    return _q(f"{PLACEHOLDER}: {text}")


def _keys(vocabulary: dict) -> str:
    return ", ".join(sorted(vocabulary))


_SOURCES = f"""\
sources:
  - title: {_todo("the title of a page that supports the text above")}
    url: {_todo("its https:// address")}
"""


def entry_text(collection: str, title: str, vocab: Vocabularies, today: dt.date, line: str) -> str:
    """The text of a new entry file."""
    date = today.isoformat()
    if collection == "glossary":
        return f"""\
{line}
term: {_q(title)}
summary: {_todo("the one-sentence definition, in plain text")}
definition: {_todo("the longer explanation, in Markdown (or delete this field)")}
{_SOURCES}last_reviewed: {date}
# Optional: aliases: [other name], related: [glossary/<slug>, runtimes/<slug>], use_cases: [...]
"""
    if collection == "patterns":
        return f"""\
{line}
title: {_q(title)}
summary: {_todo("one or two plain-text sentences: what the page helps decide")}
audience: {_todo("who the page is for, e.g. Platform engineers")}
status: {PLACEHOLDER}  # one of: {_keys(vocab.pattern_status)}
last_reviewed: {date}
key_takeaways:
  - {_todo("what a reader should remember (not a copy of a list item)")}
sections:
  - heading: {_todo("the first section's heading")}
    body: {_todo("the section's text, in Markdown; add list, checklist, steps or table as needed")}
{_SOURCES}# Optional: related: [glossary/<slug>, runtimes/<slug>], use_cases: [...]
"""
    if collection == "runtimes":
        return f"""\
{line}
name: {_q(title)}
summary: {_todo("one or two plain-text sentences: what it is and what it is for")}
category: {PLACEHOLDER}  # one of: {_keys(vocab.runtime_category)}
deployment: [{PLACEHOLDER}]  # any of: {_keys(vocab.deployment_target)}
hardware: [{PLACEHOLDER}]  # any of: {_keys(vocab.hardware)}
license: {PLACEHOLDER}  # an SPDX identifier such as Apache-2.0, or {PROPRIETARY}
homepage: {_todo("the project's https:// home page")}
{_SOURCES}last_reviewed: {date}
# Optional: repository, languages, model_formats, capabilities, use_cases, related
"""
    raise ScaffoldError(f"unknown collection '{collection}'; expected one of {', '.join(COLLECTIONS)}")


def new_entry(
    paths: ContentPaths,
    collection: str,
    title: str,
    slug: str | None = None,
    today: dt.date | None = None,
) -> str:
    """Write a new entry; return its path. Never overwrites a file."""
    if collection not in COLLECTIONS:
        raise ScaffoldError(f"unknown collection '{collection}'; expected one of {', '.join(COLLECTIONS)}")
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the title is empty; give the term, runtime name or page title")
    slug = slug or slugify(title)
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise ScaffoldError(
            f"cannot make a file name from {title!r}; give one with --slug (lowercase letters, digits and single hyphens)"
        )
    if slug in RESERVED_SLUGS.get(collection, ()):
        raise ScaffoldError(f"'{slug}' is reserved for a generated page of {collection}/; give another name with --slug")
    directory = paths.collection_dir(collection)
    target = os.path.join(directory, f"{slug}.yml")
    shown = paths.display(target)
    if os.path.exists(target) or os.path.exists(os.path.join(directory, f"{slug}.yaml")):
        raise ScaffoldError(f"{shown} already exists; edit it, or choose another file name with --slug")
    model, _ = load_site(paths)
    if collection == "glossary":
        owner = model.glossary_slug_for_name(title)
        if owner:
            raise ScaffoldError(f"'{title}' is already a name of {paths.glossary}/{owner}.yml; add to that entry instead")
    text = entry_text(collection, title, model.vocabularies, today or dt.date.today(), modeline(paths, collection))
    os.makedirs(directory, exist_ok=True)
    # "x": fail rather than overwrite a file created since the check above.
    with open(target, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return shown


def add_modelines(paths: ContentPaths, check_only: bool = False) -> list[str]:
    """Give every entry file its collection's modeline (first line).

    A file's other lines stay byte for byte. Returns the files that were (or,
    with ``check_only``, would be) changed.
    """
    changed = []
    for collection in COLLECTIONS:
        directory = paths.collection_dir(collection)
        if not os.path.isdir(directory):
            continue
        line = modeline(paths, collection)
        for filename in sorted(os.listdir(directory)):
            if not filename.endswith(".yml"):
                continue
            path = os.path.join(directory, filename)
            with open(path, encoding="utf-8", newline="") as fh:
                text = fh.read()
            bom = "\ufeff" if text.startswith("\ufeff") else ""
            body = text[len(bom):]
            first, sep, rest = body.partition("\n")
            if first.rstrip("\r") == line:
                continue
            newline = "\r\n" if first.endswith("\r") else "\n"
            if first.startswith(MODELINE_PREFIX):
                body = rest  # a modeline pointing elsewhere: replace it
            new = bom + line + newline + body
            changed.append(paths.display(path))
            if not check_only:
                with open(path, "w", encoding="utf-8", newline="") as fh:
                    fh.write(new)
    return changed

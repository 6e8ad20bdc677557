"""Load and validate the whole site: vocabularies, then every collection,
then cross-references and glossary names (register first, resolve after
everything is loaded), then the front matter of the hand-written pages.

Every check runs on every file whatever the others found, so one run reports
all problems; an entry with any error is left out of the model.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import stat
from dataclasses import dataclass
from typing import Optional

from .glossary_names import GlossaryNames
from .model import COLLECTIONS, RESERVED_SLUGS, Ref, SiteModel, Vocabularies
from .problems import Location, Problems, did_you_mean
from .schemas import REF_PATTERN, SLUG_PATTERN
from .validate import build_denied_sources, build_vocabularies, entry_validators, validate_entry
from .yamlload import MAX_DOCUMENT_BYTES, LoadedDocument, load_yaml


@dataclass(frozen=True)
class ContentPaths:
    """Where the content lives, relative to ``root``."""

    root: str
    patterns: str = "patterns"
    glossary: str = "glossary"
    runtimes: str = "runtimes"
    vocabularies: str = "vocabularies.yml"
    docs: Optional[str] = "docs"  # hand-written pages (front matter is validated); None: skip

    def collection_dir(self, name: str) -> str:
        return os.path.join(self.root, getattr(self, name))

    def display(self, abs_path: str) -> str:
        """Paths in messages are relative to the site root, with forward slashes."""
        return os.path.relpath(abs_path, self.root).replace(os.sep, "/")

    def display_in(self, shown_folder: str, filename: str) -> str:
        """``display`` of a file in a folder shown as ``shown_folder``
        (without working the folder's path out again for each file)."""
        return filename if shown_folder == "." else f"{shown_folder}/{filename}"


@functools.lru_cache(maxsize=64)
def _real(path: str) -> str:
    return os.path.realpath(path)


def inside(root: str, abs_path: str) -> bool:
    """Whether ``abs_path``, all symlinks resolved, is inside ``root``."""
    real_root = _real(root)
    real = os.path.realpath(abs_path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def containing_base(root: str, directory: str) -> str:
    """The folder files listed in ``directory`` must stay inside: the
    repository (``root``), or the directory itself when mkdocs.yml
    configures it outside the repository."""
    return root if _lexically_inside(root, directory) else directory


def _lexically_inside(root: str, path: str) -> bool:
    root, path = os.path.abspath(root), os.path.abspath(path)
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def folder_escapes(root: str, directory: str) -> bool:
    """A folder inside the repository that is (or sits in) a link leading out of it."""
    return _lexically_inside(root, directory) and not inside(root, directory)


def read_text(abs_path: str, shown: str, base: Optional[str], problems: Problems) -> Optional[str]:
    """The UTF-8 text of a content file, or None (a problem is reported).

    A file whose real path (symlinks resolved) leaves ``base`` is never
    opened, and nothing of a file that cannot be read is shown in the message.
    ``base`` None: a path configured in mkdocs.yml, read as configured.
    """
    # Only a link can leave ``base``: the folders it lists are inside it.
    if base is not None and os.path.islink(abs_path) and not inside(base, abs_path):
        problems.add(Location(shown), "", "is a symbolic link to a file outside the repository; it is not read", "file.outside-repository")
        return None
    try:
        with open(abs_path, "rb") as fh:
            raw = fh.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        problems.add(Location(shown), "", f"cannot read file: {exc.strerror}", "file.unreadable")
        return None
    if len(raw) > MAX_DOCUMENT_BYTES:
        problems.add(Location(shown), "", f"file too large: more than {MAX_DOCUMENT_BYTES:,} bytes", "limit.document-size")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(Location(shown), "", f"expected UTF-8 text, found an invalid byte at offset {exc.start}", "file.encoding")
        return None


def read_document(abs_path: str, shown: str, problems: Problems, base: Optional[str] = None) -> LoadedDocument:
    text = read_text(abs_path, shown, base, problems)
    if text is None:
        return LoadedDocument(shown)
    return load_yaml(shown, text, problems)


_SLUG_RULE = "lowercase letters, digits and single hyphens, with the extension .yml"


def collection_files(paths: ContentPaths, name: str, problems: Problems) -> list[tuple[str, str]]:
    """(slug, absolute path) of each entry file, sorted; bad names are problems.

    Files that are not YAML (a README) are ignored; everything that looks like
    an entry but cannot be one is reported, never skipped silently.
    """
    directory = paths.collection_dir(name)
    if not os.path.isdir(directory):
        return []
    if folder_escapes(paths.root, directory):
        problems.add(Location(paths.display(directory)), "", "is a symbolic link to a folder outside the repository; it is not read", "file.outside-repository")
        return []
    base = containing_base(paths.root, directory)
    shown_folder = paths.display(directory)
    found = []
    for filename in sorted(os.listdir(directory)):
        if filename.startswith("."):
            continue
        abs_path = os.path.join(directory, filename)
        shown = paths.display_in(shown_folder, filename)
        stem, ext = os.path.splitext(filename)
        if ext.lower() not in (".yml", ".yaml"):
            continue
        try:
            mode = os.lstat(abs_path).st_mode
        except OSError as exc:
            problems.add(Location(shown), "", f"cannot read file: {exc.strerror}", "file.unreadable")
            continue
        if stat.S_ISLNK(mode):
            if not os.path.exists(abs_path):
                problems.add(Location(shown), "", "is a symbolic link to nothing (a dangling link); remove it or fix its target", "file.dangling-link")
                continue
            if not inside(base, abs_path):
                problems.add(Location(shown), "", "is a symbolic link to a file outside the repository; it is not read", "file.outside-repository")
                continue
        if os.path.isdir(abs_path):
            problems.add(Location(shown), "", "is a folder named like an entry; an entry is one file", "file.folder")
            continue
        if not os.path.isfile(abs_path):
            problems.add(Location(shown), "", "is not a regular file", "file.not-regular")
            continue
        if ext != ".yml":
            problems.add(
                Location(shown),
                "",
                f"expected the extension .yml, found {ext} (rename to {stem}.yml); file names are {_SLUG_RULE}",
                "file.extension",
            )
            continue
        if stem in RESERVED_SLUGS.get(name, ()):
            problems.add(Location(shown), "", f"'{stem}' is reserved for a generated page of {name}/; choose another file name", "file.reserved-slug")
            continue
        if not re.fullmatch(SLUG_PATTERN, stem):
            suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
            problems.add(
                Location(shown),
                "",
                f"file name must be {_SLUG_RULE}, found {stem!r}"
                + (f" (did you mean '{suggestion}.yml'?)" if suggestion else ""),
                "file.bad-slug",
            )
            continue
        found.append((stem, abs_path))
    return found


class EntryCache:
    """Parsed and validated entries kept between rebuilds (``mkdocs serve``):
    a file whose text is unchanged is not parsed and validated again.

    Keyed by the file's path and exact text; everything else an entry's
    validation depends on (the vocabularies file, today's date) is the cache's
    generation, and a new generation starts empty. Cross-entry checks
    (references, glossary names) always run on everything.
    """

    def __init__(self):
        self.generation: object = None
        self.entries: dict[tuple[str, str], tuple[LoadedDocument, object, list]] = {}

    def start(self, generation: object) -> None:
        if generation != self.generation:
            self.generation, self.entries = generation, {}

    def get(self, shown: str, text: str):
        return self.entries.get((shown, text))

    def put(self, shown: str, text: str, doc: LoadedDocument, entry, file_problems: list) -> None:
        self.entries[(shown, text)] = (doc, entry, file_problems)


def _load_entry(name, slug, abs_path, shown, base, validator, problems, denied, cache: Optional[EntryCache]):
    """(document, entry or None) of one file; its problems go to ``problems``."""
    text = read_text(abs_path, shown, base, problems)
    if text is None:
        return LoadedDocument(shown), None
    cached = cache.get(shown, text) if cache is not None else None
    if cached is None:
        file_problems = Problems()
        doc = load_yaml(shown, text, file_problems)
        entry = validate_entry(name, slug, doc, validator, file_problems, denied)
        cached = (doc, entry, list(file_problems))
        if cache is not None:
            cache.put(shown, text, *cached)
    doc, entry, file_problems = cached
    problems.extend(file_problems)
    return doc, entry


@dataclass
class _Loaded:
    """One entry file as loaded, valid or not."""

    collection: str
    slug: str
    doc: LoadedDocument

    @property
    def ref(self) -> Ref:
        return Ref(self.collection, self.slug)


def load_site(
    paths: ContentPaths,
    today: dt.date | None = None,
    cache: Optional[EntryCache] = None,
    documents: Optional[dict[Ref, LoadedDocument]] = None,
) -> tuple[SiteModel, Problems]:
    """Load, validate and cross-check everything. Never raises on bad content.

    ``cache`` (under ``mkdocs serve``) skips parsing and validating files whose
    text has not changed since the last run. ``documents``, if given, receives
    each entry file's parsed document (lint reads positions from them)."""
    problems = Problems()
    today = today or dt.date.today()
    vocab_path = os.path.join(paths.root, paths.vocabularies)
    denied: dict[str, str] = {}
    if os.path.isfile(vocab_path):
        vocab_text = read_text(vocab_path, paths.display(vocab_path), None, Problems())
        if cache is not None:
            cache.start((vocab_text, today))
        vocab_doc = read_document(vocab_path, paths.display(vocab_path), problems)
        vocab = build_vocabularies(vocab_doc, problems)
        denied = build_denied_sources(vocab_doc, problems)
    else:
        problems.add(Location(paths.vocabularies), "", "vocabularies file not found", "file.missing")
        vocab = Vocabularies()
    model = SiteModel(vocabularies=vocab)
    validators = entry_validators(vocab, today)
    slugs: dict[str, set[str]] = {}
    loaded: list[_Loaded] = []
    for name in COLLECTIONS:
        files = collection_files(paths, name, problems)
        base = containing_base(paths.root, paths.collection_dir(name))
        shown_folder = paths.display(paths.collection_dir(name))
        # Register every slug before validating, so a reference to an entry that
        # is itself invalid reports that entry's problems, not "unknown entry".
        slugs[name] = {slug for slug, _ in files}
        for slug, abs_path in files:
            shown = paths.display_in(shown_folder, os.path.basename(abs_path))
            doc, entry = _load_entry(name, slug, abs_path, shown, base, validators[name], problems, denied, cache)
            loaded.append(_Loaded(name, slug, doc))
            if documents is not None:
                documents[Ref(name, slug)] = doc
            if entry is not None:
                model.collection(name)[slug] = entry
    # References and names are read from the YAML itself, so an entry with a
    # schema error still has its references and names checked in this run.
    resolve_references(loaded, slugs, problems)
    check_glossary_names(loaded, problems)
    if paths.docs is not None:
        from .docs_pages import check_docs  # noqa: PLC0415 - docs_pages imports this module

        check_docs(paths, problems, today, denied)
    _drop_entries_with_errors(model, problems)
    return model, problems


def _drop_entries_with_errors(model: SiteModel, problems: Problems) -> None:
    """An entry with any error (its own, a reference, a name) is not valid."""
    bad_files = {p.location.path for p in problems.errors}
    for name in COLLECTIONS:
        entries = model.collection(name)
        for slug in [s for s, e in entries.items() if e.source.path in bad_files]:
            del entries[slug]


def _raw_list(doc: LoadedDocument, field: str) -> list[tuple[int, str]]:
    """(index, text) of the strings in a list field, whatever else is wrong."""
    values = doc.data.get(field) if isinstance(doc.data, dict) else None
    if not isinstance(values, list):
        return []
    return [(i, v) for i, v in enumerate(values) if isinstance(v, str)]


def check_glossary_names(loaded: list[_Loaded], problems: Problems) -> None:
    """No two glossary entries may claim the same term or alias (glossary_names.normalise)."""
    names: GlossaryNames[Location] = GlossaryNames()
    for item in sorted((i for i in loaded if i.collection == "glossary"), key=lambda i: i.slug):
        doc = item.doc
        term = doc.data.get("term") if isinstance(doc.data, dict) else None
        claims = [("term", term)] if isinstance(term, str) else []
        claims += [(f"aliases[{i}]", a) for i, a in _raw_list(doc, "aliases")]
        for field, name in claims:
            path = ("term",) if field == "term" else ("aliases", int(field[8:-1]))
            where = doc.location(path)
            earlier = names.register(item.slug, field, name, where)
            if earlier is None:
                continue
            if earlier.slug == item.slug:
                problems.add(where, field, f"'{name}' is already a name of this term ({earlier.field})", "glossary.duplicate-name")
            else:
                other = earlier.where
                problems.add(
                    where,
                    field,
                    f"'{name}' is also claimed by {other.path}:{other.line}:{other.column} ({earlier.field}); "
                    "a term or alias may belong to one entry only",
                    "glossary.duplicate-name",
                )


def resolve_references(loaded: list[_Loaded], slugs: dict[str, set[str]], problems: Problems) -> None:
    """Check every ``related`` reference once all slugs are known."""
    for item in loaded:
        for i, value in _raw_list(item.doc, "related"):
            if not re.fullmatch(REF_PATTERN, value):
                continue  # the schema check reports its form
            collection, _, slug = value.rpartition("/")
            ref = Ref(collection or item.collection, slug)
            where = item.doc.location(("related", i))
            field = f"related[{i}]"
            if ref == item.ref:
                problems.add(where, field, f"an entry cannot be related to itself, found '{ref}'", "ref.self")
            elif ref.slug not in slugs[ref.collection]:
                problems.add(
                    where,
                    field,
                    f"expected an existing {ref.collection} entry, found '{ref}'"
                    + did_you_mean(ref.slug, slugs[ref.collection]).replace("'", f"'{ref.collection}/", 1),
                    "ref.unknown",
                )

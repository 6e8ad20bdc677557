"""Load and validate the whole site: vocabularies, then every collection,
then cross-references (register first, resolve after everything is loaded).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from .model import COLLECTIONS, RESERVED_SLUGS, Ref, SiteModel, Vocabularies
from .problems import Location, Problems, did_you_mean
from .schemas import SLUG_PATTERN
from .validate import build_vocabularies, entry_validators, validate_entry
from .yamlload import LoadedDocument, load_yaml


@dataclass(frozen=True)
class ContentPaths:
    """Where the content lives, relative to ``root``."""

    root: str
    patterns: str = "patterns"
    glossary: str = "glossary"
    runtimes: str = "runtimes"
    vocabularies: str = "vocabularies.yml"

    def collection_dir(self, name: str) -> str:
        return os.path.join(self.root, getattr(self, name))

    def display(self, abs_path: str) -> str:
        """Paths in messages are relative to the site root, with forward slashes."""
        return os.path.relpath(abs_path, self.root).replace(os.sep, "/")


def read_document(abs_path: str, shown: str, problems: Problems) -> LoadedDocument:
    try:
        with open(abs_path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        problems.add(Location(shown), "", f"cannot read file: {exc.strerror}", "file.unreadable")
        return LoadedDocument(shown)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(Location(shown), "", f"expected UTF-8 text, found an invalid byte at offset {exc.start}", "file.encoding")
        return LoadedDocument(shown)
    return load_yaml(shown, text, problems)


def collection_files(paths: ContentPaths, name: str, problems: Problems) -> list[tuple[str, str]]:
    """(slug, absolute path) of each entry file, sorted; bad names are problems."""
    directory = paths.collection_dir(name)
    if not os.path.isdir(directory):
        return []
    found = []
    for filename in sorted(os.listdir(directory)):
        abs_path = os.path.join(directory, filename)
        if filename.startswith(".") or not os.path.isfile(abs_path):
            continue
        stem, ext = os.path.splitext(filename)
        shown = paths.display(abs_path)
        if ext == ".yaml":
            problems.add(Location(shown), "", f"expected the .yml extension, found .yaml (rename to {stem}.yml)", "file.extension")
            continue
        if ext != ".yml":
            continue
        if stem in RESERVED_SLUGS.get(name, ()):
            problems.add(Location(shown), "", f"'{stem}' is reserved for a generated page of {name}/; choose another file name", "file.reserved-slug")
            continue
        if not re.fullmatch(SLUG_PATTERN, stem):
            suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
            problems.add(
                Location(shown),
                "",
                f"file name must be a slug of lowercase letters, digits and single hyphens, found '{stem}'"
                + (f" (did you mean '{suggestion}.yml'?)" if suggestion else ""),
                "file.bad-slug",
            )
            continue
        found.append((stem, abs_path))
    return found


def load_site(paths: ContentPaths, today: dt.date | None = None) -> tuple[SiteModel, Problems]:
    """Load, validate and cross-check everything. Never raises on bad content."""
    problems = Problems()
    today = today or dt.date.today()
    vocab_path = os.path.join(paths.root, paths.vocabularies)
    if os.path.isfile(vocab_path):
        vocab = build_vocabularies(read_document(vocab_path, paths.display(vocab_path), problems), problems)
    else:
        problems.add(Location(paths.vocabularies), "", "vocabularies file not found", "file.missing")
        vocab = Vocabularies()
    model = SiteModel(vocabularies=vocab)
    validators = entry_validators(vocab, today)
    slugs: dict[str, set[str]] = {}
    documents: dict[Ref, LoadedDocument] = {}
    for name in COLLECTIONS:
        files = collection_files(paths, name, problems)
        # Register every slug before validating, so a reference to an entry that
        # is itself invalid reports that entry's problems, not "unknown entry".
        slugs[name] = {slug for slug, _ in files}
        for slug, abs_path in files:
            doc = read_document(abs_path, paths.display(abs_path), problems)
            entry = validate_entry(name, slug, doc, validators[name], problems)
            if entry is not None:
                model.collection(name)[slug] = entry
                documents[entry.ref] = doc
    resolve_references(model, slugs, documents, problems)
    check_glossary_names(model, documents, problems)
    return model, problems


def check_glossary_names(model: SiteModel, documents: dict[Ref, LoadedDocument], problems: Problems) -> None:
    """No two glossary entries may claim the same term or alias (case-insensitive)."""
    claimed: dict[str, tuple[str, Location]] = {}
    for slug, entry in sorted(model.glossary.items()):
        doc = documents[entry.ref]
        names = [("term", entry.term, doc.location(("term",)))]
        names += [(f"aliases[{i}]", a, doc.location(("aliases", i))) for i, a in enumerate(entry.aliases)]
        own: set[str] = set()
        for field, name, where in names:
            key = " ".join(name.casefold().split())
            if key in own:
                problems.add(where, field, f"'{name}' is already a name of this term", "glossary.duplicate-name")
                continue
            own.add(key)
            if key in claimed:
                other_field, other = claimed[key]
                problems.add(
                    where,
                    field,
                    f"'{name}' is also claimed by {other.path}:{other.line}:{other.column} ({other_field}); "
                    "a term or alias may belong to one entry only",
                    "glossary.duplicate-name",
                )
            else:
                claimed[key] = (field, where)


def resolve_references(
    model: SiteModel,
    slugs: dict[str, set[str]],
    documents: dict[Ref, LoadedDocument],
    problems: Problems,
) -> None:
    """Check every ``related`` reference once all slugs are known."""
    for entry in model.entries():
        doc = documents[entry.ref]
        for i, ref in enumerate(entry.related):
            where = doc.location(("related", i))
            field = f"related[{i}]"
            if ref == entry.ref:
                problems.add(where, field, f"an entry cannot be related to itself, found '{ref}'", "ref.self")
            elif ref.slug not in slugs[ref.collection]:
                problems.add(
                    where,
                    field,
                    f"expected an existing {ref.collection} entry, found '{ref}'"
                    + did_you_mean(ref.slug, slugs[ref.collection]).replace("'", f"'{ref.collection}/", 1),
                    "ref.unknown",
                )

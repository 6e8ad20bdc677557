"""Maintainer commands: ``python -m aruntime <command>`` (see maintainers/tooling.md).

  new COLLECTION TITLE   write a new entry with placeholders (never overwrites)
  check                  validate and lint the content (--format text|json|github)
  schemas                write schemas/*.schema.json (--check: fail if stale)
  modelines              add the schema modeline to every entry (--check: list missing)

Every command reads mkdocs.yml (``-f``) for the content folders and options.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import lint
from .loader import read_document
from .model import COLLECTIONS
from .problems import Problems
from .scaffold import ScaffoldError, add_modelines, new_entry
from .schemas import schema_files
from .validate import build_vocabularies


def _paths(config_file: str):
    options, docs_dir = lint.read_site_config(config_file)
    return lint.content_paths(config_file, options, docs_dir), options, docs_dir


def cmd_new(args) -> int:
    paths, _, _ = _paths(args.config_file)
    try:
        shown = new_entry(paths, args.collection, args.title, slug=args.slug)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {shown}")
    print("Replace every TODO in it, then run `make check` (the entry fails until every TODO is gone).")
    return 0


def run_check(config_file: str, fmt: str = "text") -> int:
    """Validate and lint; print in ``fmt``; 1 if any error. Used by scripts/validate_data.py too."""
    options, docs_dir = lint.read_site_config(config_file)
    mistakes = lint.option_problems(options)
    if mistakes:
        for mistake in mistakes:
            print(f"ERROR: {config_file}: plugins.aruntime.{mistake}", file=sys.stderr)
        return 1
    paths = lint.content_paths(config_file, options, docs_dir)
    model, problems = lint.check_site(paths, options, docs_dir=os.path.join(paths.root, docs_dir))
    ordered = problems.sorted()
    errors = [p for p in ordered if p.severity == "error"]
    warnings = [p for p in ordered if p.severity == "warning"]
    entries = {n: len(model.collection(n)) for n in COLLECTIONS}
    counts = ", ".join(f"{count} {n}" for n, count in entries.items())
    if fmt == "json":
        sys.stdout.write(lint.format_json(ordered, entries))
        return 1 if errors else 0
    if fmt == "github":
        sys.stdout.write(lint.format_github(ordered))
    else:
        sys.stderr.write(lint.format_text(ordered))
    if errors:
        print(f"{len(errors)} error(s), {len(warnings)} warning(s) in content ({counts} valid).", file=sys.stderr)
        return 1
    infos = len(ordered) - len(errors) - len(warnings)
    print(f"Content is valid: {counts}; {len(warnings)} warning(s)." + (f" {infos} note(s) at info level." if infos else ""))
    return 0


def cmd_check(args) -> int:
    return run_check(args.config_file, args.format)


def cmd_schemas(args) -> int:
    paths, _, _ = _paths(args.config_file)
    problems = Problems()
    vocab_path = os.path.join(paths.root, paths.vocabularies)
    vocab = build_vocabularies(read_document(vocab_path, paths.display(vocab_path), problems), problems)
    if problems.errors:
        for p in problems.sorted():
            print(f"ERROR: {p}", file=sys.stderr)
        return 1
    stale = []
    for rel, text in schema_files(vocab).items():
        path = os.path.join(paths.root, rel)
        try:
            with open(path, encoding="utf-8") as fh:
                current = fh.read()
        except FileNotFoundError:
            current = None
        if current == text:
            continue
        stale.append(rel)
        if not args.check:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            print(f"Wrote {rel}")
    if args.check and stale:
        print(
            f"Stale schema files: {', '.join(stale)}; run `python -m aruntime schemas` (or `make schemas`) and commit them.",
            file=sys.stderr,
        )
        return 1
    if not stale:
        print("Schema files are up to date.")
    return 0


def cmd_modelines(args) -> int:
    paths, _, _ = _paths(args.config_file)
    changed = add_modelines(paths, check_only=args.check)
    for shown in changed:
        print(("Missing modeline: " if args.check else "Added modeline: ") + shown)
    if args.check and changed:
        return 1
    if not changed:
        print("Every entry has its modeline.")
    return 0


def cmd_word_ranges(args) -> int:
    from .search import tokens  # noqa: PLC0415 - a maintainer's command, rarely run

    path = os.path.join(os.path.dirname(os.path.abspath(tokens.__file__)), "unicode_word_ranges.py")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(tokens.word_ranges_module())
    print(f"Wrote {path} for Unicode {tokens.unicodedata.unidata_version}")
    return 0


def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    parser = argparse.ArgumentParser(prog="python -m aruntime", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("new", parents=[common], help="write a new entry with placeholders")
    p.add_argument("collection", choices=COLLECTIONS)
    p.add_argument("title", help='the term, runtime name or page title, e.g. "KV cache"')
    p.add_argument("--slug", help="file name without .yml (default: made from the title)")
    p.set_defaults(run=cmd_new)

    p = sub.add_parser("check", parents=[common], help="validate and lint the content without building")
    p.add_argument("--format", choices=lint.FORMATS, default="text")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("schemas", parents=[common], help="write the JSON Schema files of the collections")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file is stale")
    p.set_defaults(run=cmd_schemas)

    p = sub.add_parser("modelines", parents=[common], help="add the schema modeline to every entry file")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if an entry lacks its modeline")
    p.set_defaults(run=cmd_modelines)

    p = sub.add_parser("word-ranges", help="write the search tokenizer's Unicode table for this Python's Unicode version")
    p.set_defaults(run=cmd_word_ranges)

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Validate the content (vocabularies and all collections) without building.

Prints every problem as path:line:column: field: message [code] and exits 1
if any is an error. Reads the plugin options from mkdocs.yml when present.
"""

from __future__ import annotations

import argparse
import os
import sys

import yaml

from aruntime.loader import ContentPaths, load_site


def plugin_options(config_file: str) -> dict:
    """The aruntime plugin's options in mkdocs.yml (a plain read; no MkDocs needed)."""
    try:
        with open(config_file, encoding="utf-8") as fh:
            # mkdocs.yml may hold !!python tags; they are irrelevant here.
            config = yaml.load(fh, Loader=_Lenient) or {}
    except FileNotFoundError:
        return {}
    for plugin in config.get("plugins") or ():
        if isinstance(plugin, dict) and "aruntime" in plugin:
            return plugin["aruntime"] or {}
    return {}


class _Lenient(yaml.SafeLoader):
    pass


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    args = parser.parse_args(argv)
    options = plugin_options(args.config_file)
    paths = ContentPaths(
        os.path.dirname(os.path.abspath(args.config_file)),
        patterns=options.get("patterns_dir", "patterns"),
        glossary=options.get("glossary_dir", "glossary"),
        runtimes=options.get("runtimes_dir", "runtimes"),
        vocabularies=options.get("vocabularies", "vocabularies.yml"),
    )
    model, problems = load_site(paths)
    for problem in problems.sorted():
        print(f"{problem.severity.upper()}: {problem}", file=sys.stderr)
    counts = ", ".join(f"{len(model.collection(n))} {n}" for n in ("patterns", "glossary", "runtimes"))
    if problems.errors:
        print(f"{len(problems.errors)} error(s), {len(problems.warnings)} warning(s) in content ({counts} valid).", file=sys.stderr)
        return 1
    print(f"Content is valid: {counts}; {len(problems.warnings)} warning(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

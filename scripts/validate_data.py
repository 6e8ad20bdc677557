#!/usr/bin/env python3
"""Validate and lint the content (vocabularies and all collections) without building.

Prints every problem as path:line:column: field: message [code] and exits 1
if any is an error. Reads the plugin options from mkdocs.yml when present,
including the lint severities (``lint:``), ``review_max_age_days`` and
``summary_max_chars``. ``--format github`` prints GitHub workflow annotations
(``::error file=...,line=...,col=...``), ``--format json`` one JSON document
(shape in ``aruntime.lint.format_json``). Same as ``python -m aruntime check``.
"""

from __future__ import annotations

import argparse
import sys

from aruntime.__main__ import run_check
from aruntime.lint import FORMATS, read_site_config


def plugin_options(config_file: str) -> dict:
    """The aruntime plugin's options in mkdocs.yml (a plain read; no MkDocs needed)."""
    return read_site_config(config_file)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    args = parser.parse_args(argv)
    return run_check(args.config_file, args.format)


if __name__ == "__main__":
    sys.exit(main())

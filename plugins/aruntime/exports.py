"""Machine-readable exports of each collection: /patterns.json,
/glossary.json, /runtimes.json and /runtimes.csv.

Shape (the same for every collection):

    {"collection": "runtimes", "count": 2, "entries": [
        {"slug": "...", "url": "https://.../runtimes/slug/",
         "path": "runtimes/slug/", <every field>,
         "related": ["glossary/kv-cache", ...],
         "sources": [{"title": "...", "url": "..."}], ...}, ...]}

``url`` is absolute (under ``site_url``); ``path`` is the same page relative
to the site root, for clients that resolve it against where the site is
actually served. Field names are those of the YAML files; vocabulary values are the keys of
vocabularies.yml. Output is deterministic (sorted keys and entries).

Each entry is serialised on its own (its JSON record, its CSV row) and the
files are joined from those texts, so under ``mkdocs serve`` an unchanged
entry's texts are reused from the last build (``ExportCache``).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from typing import NamedTuple, Optional

from .memo import RunMemo
from .model import COLLECTIONS, Entry, SiteModel
from .urls import SiteUrls

_INTERNAL = {"source", "collection"}
CSV_LIST_SEPARATOR = "; "


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def entry_record(entry: Entry, site_url: str, urls: SiteUrls) -> dict:
    record = {"slug": entry.slug, "url": urls.absolute(site_url, entry), "path": urls.of(entry)}
    for f in dataclasses.fields(entry):
        if f.name in _INTERNAL or f.name == "slug":
            continue
        value = getattr(entry, f.name)
        if f.name == "related":
            value = [ref.key for ref in value]
        elif f.name == "sections":
            value = [
                {k: v for k, v in _plain(s).items() if v not in (None, [], ())}
                for s in value
            ]
        record[f.name] = _plain(value)
    return record


def collection_export(model: SiteModel, collection: str, site_url: str, urls: SiteUrls) -> dict:
    entries = [entry_record(e, site_url, urls) for _, e in sorted(model.collection(collection).items())]
    return {"collection": collection, "count": len(entries), "entries": entries}


def export_json(model: SiteModel, collection: str, site_url: str, urls: SiteUrls, cache: Optional["ExportCache"] = None) -> str:
    """``collection_export`` as JSON (sorted keys, indent 1), joined from each
    entry's own text: what ``json.dumps`` of the whole gives."""
    cache = cache if cache is not None else _Uncached
    texts = [cache.texts(e, site_url, urls).record for _, e in sorted(model.collection(collection).items())]
    entries = "[\n  " + ",\n  ".join(texts) + "\n ]" if texts else "[]"
    return f'{{\n "collection": {_json(collection)},\n "count": {len(texts)},\n "entries": {entries}\n}}\n'


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)


RUNTIME_CSV_COLUMNS = [
    "slug", "name", "summary", "category", "deployment", "hardware", "license", "homepage", "repository",
    "languages", "model_formats", "capabilities", "use_cases", "related", "sources", "last_reviewed", "url",
]


def runtimes_csv(model: SiteModel, site_url: str, urls: SiteUrls, cache: Optional["ExportCache"] = None) -> str:
    """One row per runtime; list fields joined with '; ', sources as their URLs."""
    cache = cache if cache is not None else _Uncached
    rows = [cache.texts(e, site_url, urls).row for _, e in sorted(model.collection("runtimes").items())]
    return _csv_line(RUNTIME_CSV_COLUMNS) + "".join(rows)


def _csv_line(cells: list[str]) -> str:
    buffer = io.StringIO()
    # Every cell quoted: a line break or a quote inside a cell can never start a row.
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerow(cells)
    return buffer.getvalue()


def _csv_row(record: dict) -> str:
    row = []
    for column in RUNTIME_CSV_COLUMNS:
        value = record.get(column)
        if column == "sources":
            value = [s["url"] for s in value]
        if isinstance(value, list):
            value = CSV_LIST_SEPARATOR.join(value)
        row.append(_csv_safe("" if value is None else value))
    return _csv_line(row)


class _Texts(NamedTuple):
    record: str  # the JSON record, indented as an item of "entries"
    row: Optional[str]  # the CSV row (runtimes only)


class ExportCache:
    """Each entry's serialised record and CSV row, by the entry's content.

    The key is the entry's ``repr`` (every field, and the file and line it
    came from; made once per entry object) and its page's URL and path: an
    edited entry, a renamed page or another ``site_url`` serialises again.
    Under ``mkdocs serve`` one cache lives across rebuilds and keeps only
    what the last build used; without it each export serialises everything.
    """

    def __init__(self) -> None:
        self._memo = RunMemo()

    def texts(self, entry: Entry, site_url: str, urls: SiteUrls) -> _Texts:
        url, path = urls.absolute(site_url, entry), urls.of(entry)
        return self._memo.get((repr(entry), url, path), lambda: _serialise(entry, site_url, urls))

    def end_build(self) -> None:
        """Forget what this build did not use (edited and deleted entries)."""
        self._memo.next_run()


class _Uncached:
    """A one-off build's exports: every entry serialised, nothing kept (the
    keys and texts of ExportCache are two more copies of the content: +6 MiB
    of peak memory at 1k long-patterns entries)."""

    @staticmethod
    def texts(entry: Entry, site_url: str, urls: SiteUrls) -> _Texts:
        return _serialise(entry, site_url, urls)

    @staticmethod
    def end_build() -> None:
        pass


def _serialise(entry: Entry, site_url: str, urls: SiteUrls) -> _Texts:
    record = entry_record(entry, site_url, urls)
    return _Texts(_json(record).replace("\n", "\n  "), _csv_row(record) if entry.collection == "runtimes" else None)


# A cell starting with one of these may run as a formula in spreadsheet
# software (OWASP "CSV injection"), fullwidth forms included: some
# spreadsheets fold them to ASCII. Whitespace first is guarded too, since
# importers strip it.
_FORMULA_START = frozenset("=+-@\t\r\n \uff1d\uff0b\uff0d\uff20\u3000")
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def _csv_safe(value: str) -> str:
    """A cell as written: on one line, and never read as a formula."""
    value = _LINE_BREAKS.sub(" ", value)
    return "'" + value if value[:1] in _FORMULA_START else value


def export_names() -> list[str]:
    """Site paths of the exports (the files ``export_files`` writes)."""
    return [f"{name}.json" for name in COLLECTIONS] + ["runtimes.csv"]


def export_files(model: SiteModel, site_url: str, urls: SiteUrls, cache: Optional[ExportCache] = None) -> dict[str, str]:
    """Every export as (site path -> text); ``cache``: the texts of the
    last build's entries (under serve), kept for the next."""
    cache = cache if cache is not None else _Uncached
    files = {f"{name}.json": export_json(model, name, site_url, urls, cache) for name in COLLECTIONS}
    files["runtimes.csv"] = runtimes_csv(model, site_url, urls, cache)
    cache.end_build()
    return files

"""Content lint: what validation accepts but a maintainer should still fix.

Runs on the loaded model (no site build): stale reviews, entries without
sources, duplicated filler (a table column with the same text in every row, a
key takeaway that repeats a list item, a summary copied from another entry),
glossary terms nothing relates to or mentions, summaries too long for a search
result, and placeholders the scaffold left (``TODO``).

Each finding has a code (``lint.review-stale`` ...) whose severity is set in
mkdocs.yml, read by both ``make check`` and the build::

    plugins:
      - aruntime:
          lint:
            review-stale: error      # error | warn | info | ignore
            unused-term: info

``check_site`` is what both callers run: validation, then lint, with the
configured severities applied. The formatters print the result as text, JSON
or GitHub workflow annotations.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

import yaml

from .autolink import TermMatcher, TermTarget
from .loader import ContentPaths, EntryCache, collection_files, load_site, read_document
from .memo import RunMemo
from .model import COLLECTIONS, SiteModel
from .problems import ERROR, WARNING, Problem, Problems, closest
from .schemas import PLACEHOLDER
from .yamlload import dotted

INFO = "info"
SEVERITIES = ("error", "warn", "info", "ignore")
_SEVERITY = {"error": ERROR, "warn": WARNING, "info": INFO}

# code -> (default severity, what it finds)
CODES: dict[str, tuple[str, str]] = {
    "placeholder": ("error", "a value the scaffold left as TODO"),
    "review-stale": ("warn", "last_reviewed older than review_max_age_days"),
    "no-sources": ("warn", "a glossary term or pattern page without sources"),
    "repeated-cell": ("warn", "a table column with the same text in every row"),
    "takeaway-repeats-item": ("warn", "a key takeaway that repeats a list item of the page"),
    "summary-copied": ("warn", "a summary identical to another entry's"),
    "unused-term": ("warn", "a glossary term no entry or page relates to or mentions"),
    # info by default: many runtime summaries run past the limit today; raise it
    # to warn in mkdocs.yml once they are shortened.
    "summary-too-long": ("info", "a summary longer than summary_max_chars"),
}

DEFAULT_REVIEW_MAX_AGE_DAYS = 365
# A search result shows the whole summary; about two sentences fit.
DEFAULT_SUMMARY_MAX_CHARS = 320
_PLACEHOLDER_RE = re.compile(rf"\s*{PLACEHOLDER}\b")


@dataclass(frozen=True)
class LintOptions:
    severities: dict[str, str] = field(default_factory=dict)  # code -> error|warn|info|ignore
    review_max_age_days: int = DEFAULT_REVIEW_MAX_AGE_DAYS
    summary_max_chars: int = DEFAULT_SUMMARY_MAX_CHARS

    @classmethod
    def from_options(cls, options: Mapping[str, Any] | None) -> "LintOptions":
        """From the plugin's options (a dict from mkdocs.yml, or the plugin's Config)."""
        options = options or {}
        raw = options.get("lint") or {}
        return cls(
            severities={_code_name(k): v for k, v in raw.items()},
            review_max_age_days=options.get("review_max_age_days") or DEFAULT_REVIEW_MAX_AGE_DAYS,
            summary_max_chars=options.get("summary_max_chars") or DEFAULT_SUMMARY_MAX_CHARS,
        )

    def severity(self, code: str) -> str:
        return self.severities.get(code, CODES[code][0])


def _code_name(key: str) -> str:
    return str(key).removeprefix("lint.")


def severity_option_problems(raw: Any) -> list[str]:
    """What is wrong with a ``lint:`` mapping of code -> severity (empty if fine)."""
    if raw is None:
        return []
    if not isinstance(raw, dict):
        return [f"expected a mapping of lint codes to severities, found {type(raw).__name__}"]
    out = []
    for key, value in raw.items():
        name = _code_name(key)
        if name not in CODES:
            guess = closest(name, CODES)
            hint = f" (did you mean '{guess}'?)" if guess else ""
            out.append(f"unknown lint code '{key}'{hint}; expected one of {', '.join(CODES)}")
        elif value not in SEVERITIES:
            guess = closest(str(value), SEVERITIES)
            hint = f" (did you mean '{guess}'?)" if guess else ""
            out.append(f"lint.{name}: expected one of {', '.join(SEVERITIES)}, found {value!r}{hint}")
    return out


def option_problems(options: Mapping[str, Any]) -> list[str]:
    """Mistakes in the lint's plugin options as read from mkdocs.yml without MkDocs
    (the build checks the same through config.py)."""
    out = [f"lint: {p}" for p in severity_option_problems(options.get("lint"))]
    for name in ("review_max_age_days", "summary_max_chars"):
        value = options.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            out.append(f"{name}: expected a whole number of at least 1, found {value!r}")
    return out


# --- reading mkdocs.yml without MkDocs ------------------------------------------


class _Lenient(yaml.SafeLoader):
    pass


# mkdocs.yml may hold !ENV or !!python tags; they are irrelevant here.
_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def read_site_config(config_file: str) -> tuple[dict, str]:
    """(the aruntime plugin's options, docs_dir) from mkdocs.yml; a plain read."""
    try:
        with open(config_file, encoding="utf-8") as fh:
            config = yaml.load(fh, Loader=_Lenient) or {}
    except FileNotFoundError:
        return {}, "docs"
    options: dict = {}
    for plugin in config.get("plugins") or ():
        if isinstance(plugin, dict) and "aruntime" in plugin:
            options = plugin["aruntime"] or {}
    return options, config.get("docs_dir") or "docs"


def content_paths(config_file: str, options: Mapping[str, Any], docs_dir: str = "docs") -> ContentPaths:
    """Where the content lives, as the build sees it (``docs_dir`` from mkdocs.yml)."""
    return ContentPaths(
        os.path.dirname(os.path.abspath(config_file)),
        docs=docs_dir,
        patterns=options.get("patterns_dir", "patterns"),
        glossary=options.get("glossary_dir", "glossary"),
        runtimes=options.get("runtimes_dir", "runtimes"),
        vocabularies=options.get("vocabularies", "vocabularies.yml"),
    )


# --- the checks ---------------------------------------------------------------------


def check_site(
    paths: ContentPaths,
    options: Mapping[str, Any] | None = None,
    docs_dir: str | None = None,
    today: dt.date | None = None,
    cache: EntryCache | None = None,
    mentions: MentionCache | None = None,
) -> tuple[SiteModel, Problems]:
    """Validate and lint the content; lint severities from ``options`` applied
    (``cache``: see loader.EntryCache; ``mentions``: see MentionCache)."""
    today = today or dt.date.today()
    # Lint reports positions in the files the loader has just parsed: it
    # reads them from the loader's documents instead of parsing them again.
    documents: dict = {}
    model, problems = load_site(paths, today=today, cache=cache, documents=documents)
    reported = {p.location for p in problems}
    problems.extend(
        p
        for p in lint_site(model, paths, LintOptions.from_options(options), docs_dir, today, documents, mentions)
        # A placeholder the validator already reports (TODO is no category) once is enough.
        if not (p.code == "lint.placeholder" and p.location in reported)
    )
    return model, problems


def lint_site(
    model: SiteModel,
    paths: ContentPaths,
    options: LintOptions,
    docs_dir: str | None = None,
    today: dt.date | None = None,
    documents: Mapping | None = None,
    mentions: MentionCache | None = None,
) -> list[Problem]:
    """Lint findings; ``documents``: entry Ref -> its parsed file, where the
    caller has them (otherwise a file is parsed again when a finding needs a
    position in it); ``mentions``: the last run's searches for term names."""
    today = today or dt.date.today()
    found = Problems()
    docs = _Documents(model, paths, documents or {})
    _placeholders(paths, found)
    _stale_reviews(model, docs, options.review_max_age_days, today, found)
    _no_sources(model, docs, found)
    _table_filler(model, docs, found)
    _takeaway_repeats(model, docs, found)
    _copied_summaries(model, docs, found)
    _unused_terms(model, docs, docs_dir, found, mentions if mentions is not None else MentionCache())
    _long_summaries(model, docs, options.summary_max_chars, found)
    out = []
    for p in found:
        level = options.severity(p.code.removeprefix("lint."))
        if level != "ignore":
            out.append(Problem(p.location, p.field, p.message, p.code, _SEVERITY[level]))
    return out


class _Documents(dict):
    """Each valid entry's document: the loader's, or parsed again only when a
    finding needs the position of one of its values (most entries have none)."""

    def __init__(self, model: SiteModel, paths: ContentPaths, loaded: Mapping):
        super().__init__(loaded)
        self.model, self.paths = model, paths

    def __missing__(self, ref):
        entry = self.model.get(ref)
        abs_path = os.path.join(self.paths.collection_dir(ref.collection), f"{ref.slug}.yml")
        self[ref] = doc = read_document(abs_path, entry.source.path, Problems())
        return doc


def _placeholders(paths: ContentPaths, found: Problems) -> None:
    # Every file, valid or not: a scaffolded entry lists all of its TODOs at once.
    marker = PLACEHOLDER.encode()
    for name in COLLECTIONS:
        for _, abs_path in collection_files(paths, name, Problems()):
            try:
                with open(abs_path, "rb") as fh:
                    if marker not in fh.read():
                        continue  # no placeholder can be in it: skip parsing
            except OSError:
                continue  # validation reports unreadable files
            doc = read_document(abs_path, paths.display(abs_path), Problems())
            for path, value in _strings(doc.data, ()):
                if _PLACEHOLDER_RE.match(value):
                    found.add(
                        doc.location(path),
                        dotted(path),
                        f"still the placeholder {value.strip()!r}; replace it with the real value",
                        "lint.placeholder",
                    )


def _strings(data, path):
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, path + (i,))


def _stale_reviews(model, docs, max_age: int, today: dt.date, found: Problems) -> None:
    for entry in model.entries():
        if not entry.last_reviewed:
            continue
        age = (today - dt.date.fromisoformat(entry.last_reviewed)).days
        if age > max_age:
            found.add(
                docs[entry.ref].location(("last_reviewed",)),
                "last_reviewed",
                f"last reviewed {age} days ago, more than review_max_age_days ({max_age}); "
                "check the entry against its sources and update the date",
                "lint.review-stale",
            )


def _no_sources(model, docs, found: Problems) -> None:
    # Runtimes must have sources (a validation error); terms and patterns should.
    for entry in [*model.glossary.values(), *model.patterns.values()]:
        if not entry.sources:
            key = "term" if entry.collection == "glossary" else "title"
            found.add(
                docs[entry.ref].location((key,), key=True),
                "sources",
                "no sources; add at least one {title, url} that supports the text",
                "lint.no-sources",
            )


def _norm(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".!;:")


def _table_filler(model, docs, found: Problems) -> None:
    for pattern in model.patterns.values():
        for i, section in enumerate(pattern.sections):
            table = section.table
            if table is None or len(table.rows) < 2:
                continue
            for c, column in enumerate(table.columns):
                cells = [row[c] for row in table.rows if c < len(row)]
                if len(cells) == len(table.rows) and len({_norm(v) for v in cells}) == 1:
                    found.add(
                        docs[pattern.ref].location(("sections", i, "table", "rows", 1, c)),
                        f"sections[{i}].table.rows[1][{c}]",
                        f"every row of column '{column}' says {cells[0]!r}; write what differs per row, or drop the column",
                        "lint.repeated-cell",
                    )


def _takeaway_repeats(model, docs, found: Problems) -> None:
    for pattern in model.patterns.values():
        items = {}
        for s, section in enumerate(pattern.sections):
            kind = "list" if section.list else "checklist" if section.checklist else "steps"
            for n, item in enumerate(section.items):
                items.setdefault(_norm(item), (section.heading, kind, s, n))
        for t, takeaway in enumerate(pattern.key_takeaways):
            hit = items.get(_norm(takeaway))
            if hit:
                heading, kind, s, n = hit
                where = docs[pattern.ref].location(("sections", s, kind, n))
                found.add(
                    docs[pattern.ref].location(("key_takeaways", t)),
                    f"key_takeaways[{t}]",
                    f"repeats an item of section '{heading}' (line {where.line}); say what the reader should conclude instead",
                    "lint.takeaway-repeats-item",
                )


def _copied_summaries(model, docs, found: Problems) -> None:
    by_text: dict[str, list] = {}
    for entry in model.entries():
        by_text.setdefault(_norm(entry.summary), []).append(entry)
    for entries in by_text.values():
        if len(entries) < 2:
            continue
        places = {e.ref: docs[e.ref].location(("summary",)) for e in entries}
        for entry in entries:
            others = ", ".join(f"{p.path}:{p.line}" for r, p in places.items() if r != entry.ref)
            found.add(
                places[entry.ref],
                "summary",
                f"the same summary as {others}; say what is specific to this entry",
                "lint.summary-copied",
            )


def _entry_texts(entry) -> Iterable[str]:
    yield entry.summary
    yield from entry.use_cases
    for name in ("definition",):
        if getattr(entry, name, None):
            yield getattr(entry, name)
    yield from getattr(entry, "key_takeaways", ())
    for section in getattr(entry, "sections", ()):
        yield section.heading
        if section.body:
            yield section.body
        yield from section.items
        if section.table:
            yield from section.table.columns
            for row in section.table.rows:
                yield from row


class MentionCache:
    """The glossary terms each text mentions (by slug), kept from one run to
    the next under ``mkdocs serve``: a text is searched again only when it
    changed or the names terms are matched by did (a term or alias added,
    removed or moved to another term, which may change any text's matches).

    Keyed by the exact text searched; the names are the cache's generation,
    and a new generation starts empty. A run keeps only the texts it read."""

    def __init__(self) -> None:
        self.names: object = None
        self._memo = RunMemo()

    def start(self, names: dict) -> None:
        """``names``: name -> slug, every term and alias."""
        key = sorted(names.items())
        if key == self.names:
            self._memo.next_run()
        else:
            self.names, self._memo = key, RunMemo()

    def slugs_in(self, text: str, matcher: TermMatcher) -> frozenset[str]:
        return self._memo.get(text, lambda: frozenset(matcher.slugs_in(text)))


def _unused_terms(model, docs, docs_dir: str | None, found: Problems, mentions: MentionCache) -> None:
    # Terms some entry relates to need no text search; usually that is nearly all.
    candidates = [e for e in model.glossary.values() if not model.backlinks(e.ref)]
    if not candidates:
        return
    # Every name, not just the candidates': the longest name wins, as when the
    # site links terms ("KV cache" is no mention of "cache"). The autolinker
    # compiles the same expression, which autolink._term_regex then hands it.
    names = {name: e.slug for e in model.glossary.values() for name in (e.term, *e.aliases)}
    matcher = TermMatcher({name: TermTarget(slug, "", "") for name, slug in names.items()})
    mentions.start(names)
    unmentioned = {e.slug for e in candidates}
    for entry in model.entries():
        own = entry.slug if entry.collection == "glossary" else None
        # One search per entry; "|" keeps a name from spanning two texts (a space in a name matches any whitespace).
        text = "\n|\n".join(_entry_texts(entry))
        unmentioned -= mentions.slugs_in(text, matcher) - {own}
        if not unmentioned:
            return  # every candidate is mentioned: the rest need not be read
    if docs_dir and os.path.isdir(docs_dir):
        for dirpath, _, filenames in os.walk(docs_dir):
            for filename in filenames:
                if filename.endswith((".md", ".markdown")) and unmentioned:
                    with open(os.path.join(dirpath, filename), encoding="utf-8", errors="replace") as fh:
                        unmentioned -= mentions.slugs_in(fh.read(), matcher)
    for entry in candidates:
        if entry.slug not in unmentioned:
            continue
        found.add(
            docs[entry.ref].location(("term",)),
            "term",
            f"no entry or page relates to or mentions '{entry.term}'; add it to a related list, "
            "use it in a text, or remove the term",
            "lint.unused-term",
        )


def _long_summaries(model, docs, limit: int, found: Problems) -> None:
    for entry in model.entries():
        if len(entry.summary) > limit:
            found.add(
                docs[entry.ref].location(("summary",)),
                "summary",
                f"{len(entry.summary)} characters, more than summary_max_chars ({limit}); "
                "search results show the whole summary: keep it to one or two short sentences",
                "lint.summary-too-long",
            )


# --- output -------------------------------------------------------------------------

FORMATS = ("text", "json", "github")
_GITHUB_LEVEL = {ERROR: "error", WARNING: "warning", INFO: "notice"}


def counts(problems: Iterable[Problem]) -> dict[str, int]:
    out = {ERROR: 0, WARNING: 0, INFO: 0}
    for p in problems:
        out[p.severity] = out.get(p.severity, 0) + 1
    return out


def format_text(problems: list[Problem]) -> str:
    return "".join(f"{p.severity.upper()}: {p}\n" for p in problems)


def format_json(problems: list[Problem], entries: Mapping[str, int]) -> str:
    return json.dumps(
        {
            "problems": [
                {
                    "path": p.location.path,
                    "line": p.location.line,
                    "column": p.location.column,
                    "field": p.field,
                    "message": p.message,
                    "code": p.code,
                    "severity": p.severity,
                }
                for p in problems
            ],
            "counts": counts(problems),
            "entries": dict(entries),
        },
        indent=2,
        ensure_ascii=False,
    ) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the problem's line."""
    loc = problem.location
    title = f"{problem.field} [{problem.code}]" if problem.field else problem.code
    props = f"file={_escape_property(loc.path)},line={loc.line},col={loc.column},title={_escape_property(title)}"
    return f"::{_GITHUB_LEVEL.get(problem.severity, 'warning')} {props}::{_escape_data(problem.message)}"


def format_github(problems: list[Problem]) -> str:
    return "".join(github_annotation(p) + "\n" for p in problems)

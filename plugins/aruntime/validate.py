"""Validation: loaded YAML documents -> typed model objects, plus problems.

Every rule appends a ``Problem`` at the offending value's file, line and
column; nothing here raises on bad content, so one run reports everything.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, Callable
from urllib.parse import urlsplit

import jsonschema
from markdown.extensions.toc import slugify_unicode

from .model import (
    DecisionQuestion,
    GlossaryEntry,
    Pattern,
    Ref,
    Runtime,
    Section,
    Source,
    Table,
    Vocabularies,
    VocabularyTerm,
)
from .problems import Problems, closest, did_you_mean
from .schemas import SECTION_ITEM_KINDS, SLUG_PATTERN, VOCABULARIES_SCHEMA, collection_schemas
from .yamlload import LoadedDocument, dotted

from .licenses import PROPRIETARY, PROPRIETARY_LABEL

# Anchors the page templates use themselves; section anchors must not collide.
RESERVED_ANCHORS = frozenset(
    {"key-takeaways", "related", "referenced-by", "sources", "maintenance-record", "definition", "details"}
)

_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of fields",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "nothing",
}


def describe(value: Any) -> str:
    """How a found value is shown in a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


# --- formats ---------------------------------------------------------------


class FormatProblem(ValueError):
    """Raised by a format check; its text is the message shown to the author."""


def check_date(value: str, today: dt.date) -> None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise FormatProblem(f"expected a date as YYYY-MM-DD, found {describe(value)}")
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise FormatProblem(f"expected a real calendar date, found {describe(value)}") from None
    if date > today:
        raise FormatProblem(f"expected a date not in the future (today is {today.isoformat()}), found {describe(value)}")


def check_url(value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise FormatProblem(f"expected an http:// or https:// URL, found {describe(value)}")


@functools.lru_cache(maxsize=1)
def _spdx():
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def check_license(value: str) -> None:
    if value == PROPRIETARY:
        return
    expected = f"expected an SPDX license identifier or '{PROPRIETARY}'"
    if value.strip().lower() == PROPRIETARY_LABEL.lower():
        raise FormatProblem(
            f"{expected}, found {describe(value)} (did you mean '{PROPRIETARY}'? "
            f"SPDX has no '{PROPRIETARY_LABEL}' identifier; readers still see '{PROPRIETARY_LABEL}')"
        )
    licensing = _spdx()
    result = licensing.validate(value)
    if result.errors or result.normalized_expression != value:
        known = [s.key for s in licensing.known_symbols.values()] + [PROPRIETARY]
        guess = result.normalized_expression if not result.errors else closest(value, known)
        hint = f" (did you mean '{guess}'?)" if guess else ""
        raise FormatProblem(f"{expected}, found {describe(value)}{hint}")


def format_checker(today: dt.date) -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("review-date", raises=FormatProblem)(lambda v: not isinstance(v, str) or check_date(v, today) is None)
    checker.checks("http-url", raises=FormatProblem)(lambda v: not isinstance(v, str) or check_url(v) is None)
    checker.checks("license", raises=FormatProblem)(lambda v: not isinstance(v, str) or check_license(v) is None)
    return checker


# --- schema errors -> problems -----------------------------------------------


def schema_validator(schema: dict, checker=None) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema, format_checker=checker)


def report_schema_errors(doc: LoadedDocument, validator, problems: Problems) -> bool:
    """Validate ``doc.data``; report every error. True if valid."""
    ok = True
    seen: set[tuple] = set()
    for error in sorted(validator.iter_errors(doc.data), key=lambda e: [str(p) for p in e.absolute_path]):
        for path, message, on_key in _explain(error):
            field = dotted(path)
            if (field, message) in seen:
                continue
            seen.add((field, message))
            ok = False
            problems.add(doc.location(path, key=on_key), field, message, f"schema.{error.validator}")
    return ok


def _explain(error: jsonschema.ValidationError):
    """Yield (path, message, points_at_key) for one jsonschema error."""
    path = tuple(error.absolute_path)
    schema, value, kind = error.schema, error.instance, error.validator
    if kind == "required":
        for name in error.validator_value:
            if isinstance(value, dict) and name not in value:
                yield path, f"required field '{name}' is missing", False
                # Point at the mapping itself; the path names the parent.
        return
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for name in value:
            if name not in allowed:
                yield path + (name,), f"unknown field{did_you_mean(name, allowed)}; expected one of {', '.join(allowed)}", True
        return
    if kind == "type":
        yield path, f"expected {_TYPE_NAMES.get(error.validator_value, error.validator_value)}, found {describe(value)}", False
    elif kind == "enum":
        choices = [str(c) for c in error.validator_value]
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        yield path, f"expected one of {', '.join(choices)}; found {describe(value)}{hint}", False
    elif kind == "minItems":
        yield path, f"expected at least {error.validator_value} item(s), found {len(value)}", False
    elif kind == "minProperties":
        yield path, f"expected at least {error.validator_value} entry, found none", False
    elif kind == "minLength":
        yield path, "expected non-empty text, found empty text", False
    elif kind == "format":
        yield path, str(error.cause) if error.cause else error.message, False
    elif kind == "pattern":
        if error.validator_value == SLUG_PATTERN or "propertyNames" in error.schema_path:
            yield path, f"expected lowercase letters, digits and single hyphens, found {describe(value)}", False
        else:
            yield path, f"expected a reference like glossary/<slug>, runtimes/<slug> or patterns/<slug>, found {describe(value)}", False
    else:
        yield path, error.message, False


# --- vocabularies ------------------------------------------------------------


def build_vocabularies(doc: LoadedDocument, problems: Problems) -> Vocabularies:
    if doc.data is None or not report_schema_errors(doc, schema_validator(VOCABULARIES_SCHEMA), problems):
        return Vocabularies()
    return Vocabularies(
        **{
            name: {key: VocabularyTerm(key, v["label"], v.get("description", "")) for key, v in terms.items()}
            for name, terms in doc.data.items()
        }
    )


# --- entries ------------------------------------------------------------------


def _refs(values: list[str] | None, own_collection: str) -> tuple[Ref, ...]:
    out = []
    for value in values or ():
        collection, _, slug = value.rpartition("/")
        out.append(Ref(collection or own_collection, slug))
    return tuple(out)


def _sources(values) -> tuple[Source, ...]:
    return tuple(Source(s["title"], s["url"]) for s in values or ())


def _shared(slug: str, doc: LoadedDocument, data: dict, collection: str) -> dict:
    return {
        "slug": slug,
        "summary": data["summary"],
        "source": doc.location(()),
        "related": _refs(data.get("related"), collection),
        "use_cases": tuple(data.get("use_cases", ())),
        "sources": _sources(data.get("sources")),
        "last_reviewed": data.get("last_reviewed"),
        "autolink": data.get("autolink", True),
    }


def section_anchor(heading: str, taken: set[str]) -> str:
    """A unique, readable id for a section heading (MkDocs toc-style slug)."""
    base = slugify_unicode(heading, "-") or "section"
    anchor, n = base, 1
    while anchor in taken or anchor in RESERVED_ANCHORS:
        anchor = f"{base}_{n}"
        n += 1
    taken.add(anchor)
    return anchor


def build_decision_questions(doc: LoadedDocument, problems: Problems) -> tuple[DecisionQuestion, ...]:
    """A pattern's ``decision_questions`` (decision-record builder): ids unique, questions not blank."""
    out, first = [], {}
    for i, raw in enumerate(doc.data.get("decision_questions") or ()):
        at = doc.location(("decision_questions", i, "id"))
        if raw["id"] in first:
            seen = first[raw["id"]]
            message = f"expected a unique id, found {describe(raw['id'])} again (first at line {seen.line}, column {seen.column})"
            problems.add(at, f"decision_questions[{i}].id", message, "pattern.duplicate-question")
        first.setdefault(raw["id"], at)
        for key in [k for k in ("question", "hint") if k in raw and not raw[k].strip()]:
            where = doc.location(("decision_questions", i, key))
            problems.add(where, f"decision_questions[{i}].{key}", "expected text, found only spaces", "pattern.blank-question")
        out.append(DecisionQuestion(raw["id"], raw["question"].strip(), (raw.get("hint") or "").strip() or None))
    return tuple(out)


def build_pattern(slug: str, doc: LoadedDocument, problems: Problems) -> Pattern:
    data = doc.data
    taken: set[str] = set()
    sections = []
    for i, raw in enumerate(data["sections"]):
        kinds = [k for k in SECTION_ITEM_KINDS if k in raw]
        if len(kinds) > 1:
            problems.add(
                doc.location(("sections", i, kinds[1]), key=True),
                f"sections[{i}]",
                f"expected at most one of {', '.join(SECTION_ITEM_KINDS)}, found {' and '.join(kinds)}",
                "pattern.section-kinds",
            )
        table = None
        if "table" in raw:
            columns = raw["table"]["columns"]
            for r, row in enumerate(raw["table"]["rows"]):
                if len(row) != len(columns):
                    problems.add(
                        doc.location(("sections", i, "table", "rows", r)),
                        f"sections[{i}].table.rows[{r}]",
                        f"expected {len(columns)} cells (one per column), found {len(row)}",
                        "pattern.table-width",
                    )
            table = Table(tuple(columns), tuple(tuple(row) for row in raw["table"]["rows"]))
        anchor = section_anchor(raw["heading"], taken)
        items = raw.get("list") or raw.get("checklist") or raw.get("steps") or ()
        item_anchors = tuple(section_anchor(item, taken) for item in items) if raw.get("anchor_items") else ()
        sections.append(
            Section(
                heading=raw["heading"],
                anchor=anchor,
                item_anchors=item_anchors,
                body=raw.get("body"),
                list=tuple(raw.get("list", ())),
                checklist=tuple(raw.get("checklist", ())),
                steps=tuple(raw.get("steps", ())),
                table=table,
            )
        )
    return Pattern(
        **_shared(slug, doc, data, "patterns"),
        title=data["title"],
        audience=data["audience"],
        status=data["status"],
        key_takeaways=tuple(data["key_takeaways"]),
        sections=tuple(sections),
        decision_questions=build_decision_questions(doc, problems),
    )


def build_glossary_entry(slug: str, doc: LoadedDocument, problems: Problems) -> GlossaryEntry:
    data = doc.data
    return GlossaryEntry(
        **_shared(slug, doc, data, "glossary"),
        term=data["term"],
        aliases=tuple(data.get("aliases", ())),
        definition=data.get("definition"),
    )


def build_runtime(slug: str, doc: LoadedDocument, problems: Problems) -> Runtime:
    data = doc.data
    return Runtime(
        **_shared(slug, doc, data, "runtimes"),
        name=data["name"],
        category=data["category"],
        deployment=tuple(data["deployment"]),
        hardware=tuple(data["hardware"]),
        license=data["license"],
        homepage=data["homepage"],
        repository=data.get("repository"),
        languages=tuple(data.get("languages", ())),
        model_formats=tuple(data.get("model_formats", ())),
        capabilities=tuple(data.get("capabilities", ())),
    )


BUILDERS: dict[str, Callable[[str, LoadedDocument, Problems], Any]] = {
    "patterns": build_pattern,
    "glossary": build_glossary_entry,
    "runtimes": build_runtime,
}


def entry_validators(vocab: Vocabularies, today: dt.date) -> dict[str, jsonschema.Draft202012Validator]:
    checker = format_checker(today)
    return {name: schema_validator(schema, checker) for name, schema in collection_schemas(vocab).items()}


def validate_entry(collection: str, slug: str, doc: LoadedDocument, validator, problems: Problems):
    """Return the model object for a valid document, or None (problems reported)."""
    if doc.data is None:
        return None
    if not report_schema_errors(doc, validator, problems):
        return None
    return BUILDERS[collection](slug, doc, problems)

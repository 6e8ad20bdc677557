"""Validation: loaded YAML documents -> typed model objects, plus problems.

Every rule appends a ``Problem`` at the offending value's file, line and
column; nothing here raises on bad content, so one run reports everything.
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import json
import re
from typing import Any, Callable
from urllib.parse import urlsplit

import fastjsonschema
from markdown.extensions.toc import slugify_unicode

from .licenses import PROPRIETARY, PROPRIETARY_LABEL
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


# RFC 3986 / WHATWG: characters a URL never contains unencoded. A space, a
# quote or an angle bracket in a "URL" is a copy-paste accident or an attack.
_URL_FORBIDDEN = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f-\x9f\u2028\u2029]')
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_DNS_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
MAX_URL_LENGTH = 2000


def _url_problem(value: str, why: str) -> FormatProblem:
    return FormatProblem(f"expected an http:// or https:// URL, found {describe(value)}: {why}")


def check_url(value: str) -> None:
    """A strict http(s) URL: no credentials, no forbidden characters, a real host."""
    bad = _URL_FORBIDDEN.search(value)
    if bad:
        shown = "a space" if bad.group() == " " else f"U+{ord(bad.group()):04X}" if not bad.group().isprintable() else repr(bad.group())
        raise _url_problem(value, f"{shown} is not allowed in a URL (percent-encode it)")
    if _BAD_PERCENT.search(value):
        raise _url_problem(value, "'%' must start a percent-escape such as %20")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError as exc:
        raise _url_problem(value, f"malformed ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise _url_problem(value, "only http and https links are published")
    if not value.lower().startswith(parts.scheme + "://"):
        raise _url_problem(value, f"expected '{parts.scheme}://' followed by a host")
    if "@" in parts.netloc:
        raise _url_problem(value, "a user name or password in a URL is not allowed")
    _check_host(value, parts.netloc.rpartition(":")[0] if _has_port(parts.netloc) else parts.netloc)


def _has_port(netloc: str) -> bool:
    return ":" in netloc.rpartition("]")[2]


def _check_host(value: str, host: str) -> None:
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host[1:-1] if host.endswith("]") else "x")
        except ValueError:
            raise _url_problem(value, f"malformed IPv6 host {host!r}") from None
        return
    if not host:
        raise _url_problem(value, "no host name")
    if re.fullmatch(r"[0-9.]+", host):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            raise _url_problem(value, f"malformed IPv4 host {host!r}") from None
        return
    try:
        ascii_host = (host if host.isascii() else host.encode("idna").decode("ascii")).lower()
    except (UnicodeError, ValueError):
        raise _url_problem(value, f"malformed host name {host!r}") from None
    labels = ascii_host.rstrip(".").split(".")
    if len(ascii_host) > 253 or len(labels) < 2 or not all(_DNS_LABEL.fullmatch(label) for label in labels):
        raise _url_problem(value, f"malformed host name {host!r}")


def url_host(value: str) -> str:
    """The lowercase host of a URL that passed ``check_url``."""
    return (urlsplit(value).hostname or "").rstrip(".")


def denied_by(url: str, denied: dict[str, str]) -> str | None:
    """The deny-list domain ``url`` falls under (the domain or a subdomain of it)."""
    host = url_host(url)
    for domain in denied:
        if host == domain or host.endswith("." + domain):
            return domain
    return None


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
    try:
        result = licensing.validate(value)
    except Exception:  # license_expression itself fails on some input ("http://": AttributeError)
        raise FormatProblem(f"{expected}, found {describe(value)}") from None
    if result.errors or result.normalized_expression != value:
        known = [s.key for s in licensing.known_symbols.values()] + [PROPRIETARY]
        guess = result.normalized_expression if not result.errors else closest(value, known)
        hint = f" (did you mean '{guess}'?)" if guess else ""
        raise FormatProblem(f"{expected}, found {describe(value)}{hint}")


def format_checks(today: dt.date) -> dict[str, Callable[[Any], bool]]:
    """The schemas' own formats: name -> check (True, or FormatProblem with the reason)."""
    return {
        "review-date": lambda v: not isinstance(v, str) or check_date(v, today) is None,
        "http-url": lambda v: not isinstance(v, str) or check_url(v) is None,
        "license": lambda v: not isinstance(v, str) or check_license(v) is None,
    }


# --- text in every field ------------------------------------------------------
# Limits are documented in maintainers/limits-and-security.md.

# Never allowed in any field: C0 controls but tab and line feed, DEL, C1
# controls, bidi overrides and isolates (they reorder what a reader sees),
# noncharacters and lone surrogates.
_FORBIDDEN_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)
# Markdown fields may hold tabs and line breaks; plain-text fields are one line.
MARKDOWN_FIELDS = frozenset({"body", "definition"})
FIELD_LIMITS = {
    "term": 100,  # glossary_names.MAX_NAME_LENGTH
    "aliases": 100,
    "title": 200,
    "name": 200,
    "heading": 200,
    "audience": 200,
    "columns": 200,
    "label": 200,
    "languages": 200,
    "model_formats": 200,
    "body": 20_000,
    "definition": 20_000,
    "url": MAX_URL_LENGTH,
    "homepage": MAX_URL_LENGTH,
    "repository": MAX_URL_LENGTH,
}
TEXT_LIMIT = 1_000  # every other text: summary, list items, table cells, descriptions


def _field_name(path: tuple) -> str:
    return next((p for p in reversed(path) if isinstance(p, str)), "")


def _char_name(ch: str) -> str:
    code = ord(ch)
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return f"the bidirectional control U+{code:04X}"
    if code in (0xFFFE, 0xFFFF) or 0xFDD0 <= code <= 0xFDEF:
        return f"the noncharacter U+{code:04X}"
    if 0xD800 <= code <= 0xDFFF:
        return f"the lone surrogate U+{code:04X}"
    if ch == "\t":
        return "a tab"
    if ch == "\n":
        return "a line break"
    return f"the control character U+{code:04X}"


_PLAIN_TEXT_BAD = re.compile(_FORBIDDEN_CHARS.pattern[:-1] + r"\t]|\n(?!\n*\Z)")


def text_problem(value: str, field: str) -> tuple[str, str] | None:
    """(message, code) for the first rule ``value`` breaks, or None."""
    markdown = field in MARKDOWN_FIELDS
    limit = FIELD_LIMITS.get(field, TEXT_LIMIT)
    if len(value) > limit:
        return f"too long: {len(value):,} characters, the limit is {limit:,}", "limit.field-length"
    # One regular expression per value: plain text is also one line (a block
    # scalar's final line break is fine, no other).
    bad = (_FORBIDDEN_CHARS if markdown else _PLAIN_TEXT_BAD).search(value)
    if bad is not None:
        where = bad.start() + 1
        hint = "" if markdown or bad.group() not in "\t\n" else "; plain-text fields are one line (use >- to fold long text)"
        return f"contains {_char_name(bad.group())} at character {where}{hint}", "text.control-character"
    if value and (value[0].isspace() or value[-1].isspace()) and not value.strip():
        return "expected text, found only whitespace", "text.blank"
    return None


def check_text(doc: LoadedDocument, problems: Problems) -> bool:
    """Every string in the document (any field, known or not). True if all pass."""
    ok = True
    stack: list[tuple[tuple, Any]] = [((), doc.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((path + (k,), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((path + (i,), v) for i, v in reversed(list(enumerate(value))))
        elif isinstance(value, str):
            found = text_problem(value, _field_name(path))
            if found:
                ok = False
                problems.add(doc.location(path), dotted(path), found[0], found[1])
    return ok


def check_sources(doc: LoadedDocument, denied: dict[str, str], problems: Problems) -> bool:
    """No source on the deny-list of mirrors and aggregators (vocabularies.yml)."""
    ok = True
    sources = doc.data.get("sources") if isinstance(doc.data, dict) else None
    for i, source in enumerate(sources if isinstance(sources, list) else ()):
        url = source.get("url") if isinstance(source, dict) else None
        if not isinstance(url, str) or not denied:
            continue
        try:
            domain = denied_by(url, denied)
        except ValueError:
            continue  # a malformed URL: reported by the schema check
        if domain:
            ok = False
            problems.add(
                doc.location(("sources", i, "url")),
                f"sources[{i}].url",
                f"{domain} may not be cited as a source: {denied[domain]} (denied_source_domains in vocabularies.yml)",
                "source.denied-domain",
            )
    return ok


# --- schema errors -> problems -----------------------------------------------


class SchemaValidator:
    """A JSON Schema as two validators of the same schema and formats.

    jsonschema reports every error with its path (what ``report_schema_errors``
    needs) but walks the schema for each document: ~0.15 ms per entry, a
    tenth of loading a 5,000-entry site. fastjsonschema compiles the schema
    to Python once and only says valid or not, ~20x faster. Nearly every
    document is valid, so it goes first; an invalid one is walked again by
    jsonschema for its errors. ``test_validation`` checks the two agree.
    """

    def __init__(self, schema: dict, formats: dict[str, Callable[[Any], bool]] | None = None):
        self.schema, self.formats = schema, formats or {}
        self._full = None
        # Every format the schema names; one without a check passes (as in jsonschema).
        fast_formats = {name: self._conforms(name) for name in _format_names(schema)}
        self._compiled = fastjsonschema.compile({k: v for k, v in schema.items() if k != "$schema"}, formats=fast_formats)

    def _conforms(self, name: str) -> Callable[[Any], bool]:
        check = self.formats.get(name)
        if check is None:
            return lambda value: True

        def conforms(value: Any) -> bool:
            try:
                return bool(check(value))
            except FormatProblem:
                return False

        return conforms

    def is_valid(self, data: Any) -> bool:
        try:
            self._compiled(data)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    def iter_errors(self, data: Any):
        if self._full is None:
            # jsonschema is imported only when a document is invalid (~80 ms a build otherwise).
            import jsonschema  # noqa: PLC0415

            checker = jsonschema.FormatChecker(formats=())
            for name, check in self.formats.items():
                checker.checks(name, raises=FormatProblem)(check)
            self._full = jsonschema.Draft202012Validator(self.schema, format_checker=checker)
        return self._full.iter_errors(data)


def _format_names(schema: Any) -> set[str]:
    if isinstance(schema, dict):
        names = {schema["format"]} if isinstance(schema.get("format"), str) else set()
        for value in schema.values():
            names |= _format_names(value)
        return names
    if isinstance(schema, list):
        return set().union(*map(_format_names, schema)) if schema else set()
    return set()


def schema_validator(schema: dict, formats=None) -> SchemaValidator:
    return SchemaValidator(schema, formats)


def report_schema_errors(doc: LoadedDocument, validator: SchemaValidator, problems: Problems) -> bool:
    """Validate ``doc.data``; report every error. True if valid."""
    if validator.is_valid(doc.data):
        return True
    ok = True
    seen: set[tuple] = set()
    for error in sorted(validator.iter_errors(doc.data), key=lambda e: [str(p) for p in e.absolute_path]):
        if tuple(error.absolute_path) in doc.bad_paths:
            ok = False  # already reported by the YAML loader
            continue
        for path, message, on_key in _explain(error):
            field = dotted(path)
            if (field, message) in seen:
                continue
            seen.add((field, message))
            ok = False
            problems.add(doc.location(path, key=on_key), field, message, f"schema.{error.validator}")
    return ok


def _explain(error):  # a jsonschema.ValidationError
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
        if error.validator_value == DENIED_SOURCES_SCHEMA["propertyNames"]["pattern"]:
            yield path, f"expected a domain name such as example.org, found {describe(value)}", False
        elif error.validator_value == SLUG_PATTERN or "propertyNames" in error.schema_path:
            yield path, f"expected lowercase letters, digits and single hyphens, found {describe(value)}", False
        else:
            yield path, f"expected a reference like glossary/<slug>, runtimes/<slug> or patterns/<slug>, found {describe(value)}", False
    else:
        yield path, error.message, False


# --- vocabularies ------------------------------------------------------------


DENIED_SOURCES_KEY = "denied_source_domains"
DENIED_SOURCES_SCHEMA = {
    "type": "object",
    "propertyNames": {"pattern": r"^[a-z0-9-]+(\.[a-z0-9-]+)+$"},
    "additionalProperties": {"type": "string", "minLength": 1},
}


def build_vocabularies(doc: LoadedDocument, problems: Problems) -> Vocabularies:
    """The controlled vocabularies (every top-level key but the deny-list)."""
    if isinstance(doc.data, dict) and DENIED_SOURCES_KEY in doc.data:
        doc = LoadedDocument(
            doc.path,
            {k: v for k, v in doc.data.items() if k != DENIED_SOURCES_KEY},
            doc.value_locations,
            doc.key_locations,
        )
    if doc.data is None or not report_schema_errors(doc, schema_validator(VOCABULARIES_SCHEMA), problems):
        return Vocabularies()
    if not check_text(doc, problems):
        return Vocabularies()
    return Vocabularies(
        **{
            name: {key: VocabularyTerm(key, v["label"], v.get("description", "")) for key, v in terms.items()}
            for name, terms in doc.data.items()
        }
    )


def build_denied_sources(doc: LoadedDocument, problems: Problems) -> dict[str, str]:
    """Domain -> why it may not be cited, from vocabularies.yml's deny-list."""
    if not isinstance(doc.data, dict) or DENIED_SOURCES_KEY not in doc.data:
        return {}
    part = LoadedDocument(doc.path, {DENIED_SOURCES_KEY: doc.data[DENIED_SOURCES_KEY]}, doc.value_locations, doc.key_locations)
    schema = {"type": "object", "properties": {DENIED_SOURCES_KEY: DENIED_SOURCES_SCHEMA}}
    ok = report_schema_errors(part, schema_validator(schema), problems)
    if not (check_text(part, problems) and ok):
        return {}
    return {domain.lower(): " ".join(reason.split()) for domain, reason in part.data[DENIED_SOURCES_KEY].items()}


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
    """A pattern's ``decision_questions`` (decision-record builder): ids unique
    (blank questions and hints are text.blank, checked with every field)."""
    out, first = [], {}
    for i, raw in enumerate(doc.data.get("decision_questions") or ()):
        at = doc.location(("decision_questions", i, "id"))
        if raw["id"] in first:
            seen = first[raw["id"]]
            message = f"expected a unique id, found {describe(raw['id'])} again (first at line {seen.line}, column {seen.column})"
            problems.add(at, f"decision_questions[{i}].id", message, "pattern.duplicate-question")
        first.setdefault(raw["id"], at)
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


#: The last compiled entry validators, by (schemas, today): compiling them is
#: ~25 ms, and under ``mkdocs serve`` every save would compile them again.
_ENTRY_VALIDATORS: dict[tuple[str, dt.date], dict[str, SchemaValidator]] = {}


def entry_validators(vocab: Vocabularies, today: dt.date) -> dict[str, SchemaValidator]:
    schemas = collection_schemas(vocab)
    key = (json.dumps(schemas, sort_keys=True, default=repr), today)
    validators = _ENTRY_VALIDATORS.get(key)
    if validators is None:
        formats = format_checks(today)
        validators = {name: schema_validator(schema, formats) for name, schema in schemas.items()}
        _ENTRY_VALIDATORS.clear()
        _ENTRY_VALIDATORS[key] = validators
    return validators


def validate_entry(
    collection: str, slug: str, doc: LoadedDocument, validator, problems: Problems, denied: dict[str, str] | None = None
):
    """Return the model object for a valid document, or None (problems reported).

    Every check runs whatever the others found, so one run reports all of a
    file's problems.
    """
    if doc.data is None:
        return None
    shape_ok = report_schema_errors(doc, validator, problems)
    text_ok = check_text(doc, problems)
    sources_ok = check_sources(doc, denied or {}, problems)
    if not shape_ok:
        return None
    # The builder's own rules (unique ids, table widths) need a valid shape only.
    entry = BUILDERS[collection](slug, doc, problems)
    return entry if text_ok and sources_ok else None

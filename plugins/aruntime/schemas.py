"""JSON Schemas of the three collections: the one statement of the content model.

Vocabulary-controlled fields get their ``enum`` from vocabularies.yml at load
time, so a new category or hardware value is added in exactly one place.
Rules JSON Schema cannot express well (real dates, references, table widths,
one item kind per section) are checked in ``validate.py``.

Every field carries a ``title``, a ``description`` and ``examples``: JSON
Schema annotations, which validation ignores. ``json_schema`` turns the same
definition into a standalone file for editors and generic tools
(yaml-language-server, check-jsonschema): the validator's own formats become
standard ``format``/``pattern`` keywords there. ``python -m aruntime schemas``
writes those files to ``schemas/``; a test fails when they are stale.
"""

from __future__ import annotations

import copy
import json

from .licenses import PROPRIETARY, PROPRIETARY_LABEL
from .model import COLLECTIONS, Vocabularies

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
REF_PATTERN = r"^((patterns|glossary|runtimes)/)?[a-z0-9]+(-[a-z0-9]+)*$"
# Values the scaffold (``python -m aruntime new``) leaves for the author to
# replace; the lint reports any that remain (lint.placeholder).
PLACEHOLDER = "TODO"
SCHEMA_DIR = "schemas"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def doc(schema: dict, title: str, description: str, *examples) -> dict:
    """``schema`` with annotations (ignored by validation, shown by editors)."""
    out = {**schema, "title": title, "description": description}
    if examples:
        out["examples"] = list(examples)
    return out


TEXT = {"type": "string", "minLength": 1, "format": "plain-text"}
MARKDOWN = {"type": "string", "minLength": 1, "format": "markdown"}
DATE = {"type": "string", "format": "review-date"}
URL = {"type": "string", "format": "http-url"}
TEXT_LIST = {"type": "array", "items": TEXT}
REFS = {"type": "array", "items": {"type": "string", "pattern": REF_PATTERN}}
SOURCES = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["title", "url"],
        "additionalProperties": False,
        "properties": {
            "title": doc(TEXT, "Source title", "What the source is, as a reader would cite it.", "vLLM documentation: Quickstart"),
            "url": doc(URL, "Source URL", "An http:// or https:// address of the source.", "https://docs.vllm.ai/en/latest/"),
        },
    },
}
SHARED = {
    "summary": doc(
        TEXT,
        "Summary",
        "Plain text, one or two sentences; shown under the title, in search results and in link tooltips.",
        "A technique that stores the attention keys and values of earlier tokens so they are not recomputed.",
    ),
    "autolink": doc(
        {"type": "boolean"},
        "Auto-link glossary terms",
        "false: this entry's page gets no glossary links (for a glossary term: its names are never linked).",
        False,
    ),
    "related": doc(
        REFS,
        "Related entries",
        "References to other entries: glossary/<slug>, runtimes/<slug> or patterns/<slug> "
        "(a bare slug means this entry's own collection). Every reference must name an existing entry.",
        ["glossary/kv-cache", "runtimes/vllm"],
    ),
    "use_cases": doc(TEXT_LIST, "Use cases", "Short plain-text use cases; searchable.", ["Serving chat models to many users"]),
    "sources": doc(
        SOURCES,
        "Sources",
        "Pages that support the facts of this entry, each as {title, url}.",
        [{"title": "vLLM documentation", "url": "https://docs.vllm.ai/en/latest/"}],
    ),
    "last_reviewed": doc(
        DATE,
        "Last reviewed",
        "The date a maintainer last checked this entry against its sources, as YYYY-MM-DD: a real date, not in the future.",
        "2026-01-15",
    ),
}

SECTION_ITEM_KINDS = ("list", "checklist", "steps", "table")


def _enum(vocabulary: dict, name: str = "") -> dict:
    schema = {"type": "string", "enum": sorted(vocabulary)}
    if name:
        labels = "; ".join(f"{key}: {vocabulary[key].label}" for key in sorted(vocabulary))
        schema["description"] = f"A key of `{name}` in vocabularies.yml ({labels})."
    return schema


def _obj(required: list[str], properties: dict) -> dict:
    return {
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": properties,
    }


def _choice(vocab: Vocabularies, name: str, title: str, description: str) -> dict:
    values = getattr(vocab, name)
    schema = _enum(values, name)
    return doc(schema, title, f"{description} {schema.get('description', '')}".strip(), *sorted(values)[:1])


def _choices(vocab: Vocabularies, name: str, title: str, description: str, min_items: int) -> dict:
    values = getattr(vocab, name)
    item = _enum(values, name)
    schema = {"type": "array", "items": item}
    if min_items:
        schema["minItems"] = min_items
    return doc(schema, title, f"{description} {item.get('description', '')}".strip(), sorted(values)[:2])


def collection_schemas(vocab: Vocabularies) -> dict[str, dict]:
    items = "Plain-text items, one per line."
    section = _obj(
        ["heading"],
        {
            "heading": doc(TEXT, "Heading", "The section's heading (plain text); also its link target.", "Failure modes"),
            "body": doc(MARKDOWN, "Body", "Markdown text shown under the heading.", "Pick the placement by **where the data may go**."),
            "anchor_items": doc(
                {"type": "boolean"},
                "Linkable items",
                "true: every item of the section's list gets its own link target.",
                True,
            ),
            "list": doc({**TEXT_LIST, "minItems": 1}, "List", f"A bulleted list. {items} At most one of list, checklist, steps, table.", ["Local process", "Browser"]),
            "checklist": doc({**TEXT_LIST, "minItems": 1}, "Checklist", f"A checklist. {items} At most one of list, checklist, steps, table.", ["Pin the model artifact by digest"]),
            "steps": doc({**TEXT_LIST, "minItems": 1}, "Steps", f"Ordered steps. {items} At most one of list, checklist, steps, table.", ["Measure the baseline", "Change one thing"]),
            "table": doc(
                _obj(
                    ["columns", "rows"],
                    {
                        "columns": doc({**TEXT_LIST, "minItems": 1}, "Columns", "Column headings.", ["Placement", "Typical use"]),
                        "rows": doc(
                            {"type": "array", "minItems": 1, "items": TEXT_LIST},
                            "Rows",
                            "Rows of plain-text cells, every row as wide as the columns.",
                            [["Browser", "Private, offline features"]],
                        ),
                    },
                ),
                "Table",
                "A table as {columns, rows}. At most one of list, checklist, steps, table.",
                {"columns": ["Placement", "Typical use"], "rows": [["Browser", "Private, offline features"]]},
            ),
        },
    )
    return {
        "patterns": _obj(
            ["title", "summary", "audience", "status", "last_reviewed", "key_takeaways", "sections"],
            {
                **SHARED,
                "title": doc(TEXT, "Title", "The page title (plain text).", "Deployment Patterns"),
                "audience": doc(TEXT, "Audience", "Who the page is for (plain text).", "Platform engineers"),
                "status": _choice(vocab, "pattern_status", "Status", "How settled the guidance is."),
                "key_takeaways": doc(
                    {**TEXT_LIST, "minItems": 1},
                    "Key takeaways",
                    "What a reader should remember, in plain text; not a copy of a list item below.",
                    ["Place inference where the data may go."],
                ),
                "sections": doc(
                    {"type": "array", "minItems": 1, "items": doc(section, "Section", "A heading with optional Markdown body and at most one of list, checklist, steps, table.")},
                    "Sections",
                    "The page's sections, in order.",
                    [{"heading": "Patterns", "list": ["Local process", "Browser"]}],
                ),
                # Questions of the Runtime Decision Record builder (views/decision_record.py).
                "decision_questions": doc(
                    {
                        "type": "array",
                        "items": _obj(
                            ["id", "question"],
                            {
                                "id": doc(
                                    {"type": "string", "pattern": SLUG_PATTERN},
                                    "Question id",
                                    "A slug naming the question in a decision record's link; unique on the page.",
                                    "data-locality",
                                ),
                                "question": doc(TEXT, "Question", "The question as the decision record shows it.", "Data locality and classification"),
                                "hint": doc(
                                    TEXT,
                                    "Hint",
                                    "What to consider when answering (plain text).",
                                    "Which data classes does the request path carry?",
                                ),
                            },
                        ),
                    },
                    "Decision questions",
                    "Questions the Runtime Decision Record builder asks when this page is used for a decision.",
                    [{"id": "data-locality", "question": "Data locality and classification"}],
                ),
            },
        ),
        "glossary": _obj(
            ["term", "summary"],
            {
                **SHARED,
                "term": doc(TEXT, "Term", "The term as readers write it; unique among all terms and aliases.", "KV cache"),
                "aliases": doc(TEXT_LIST, "Aliases", "Other names of the term; each unique among all terms and aliases.", ["key-value cache"]),
                "definition": doc(MARKDOWN, "Definition", "The longer explanation, in Markdown.", "The **KV cache** holds the attention keys and values of earlier tokens."),
            },
        ),
        "runtimes": _obj(
            ["name", "summary", "category", "deployment", "hardware", "license", "homepage", "sources", "last_reviewed"],
            {
                **SHARED,
                "sources": {**SHARED["sources"], "minItems": 1, "description": "Pages that support the facts of this entry, each as {title, url}; at least one."},
                "name": doc(TEXT, "Name", "The runtime's name as its project writes it.", "vLLM"),
                "category": _choice(vocab, "runtime_category", "Category", "The runtime's kind."),
                "deployment": _choices(vocab, "deployment_target", "Deployment targets", "Where it runs: at least one placement of the Deployment Patterns page.", 1),
                "hardware": _choices(vocab, "hardware", "Hardware", "Hardware it runs models on; at least one.", 1),
                "license": doc(
                    {"type": "string", "format": "license"},
                    "License",
                    f"An SPDX license identifier or expression, or {PROPRIETARY} for a closed licence "
                    f"(readers see '{PROPRIETARY_LABEL}').",
                    "Apache-2.0",
                    PROPRIETARY,
                ),
                "homepage": doc(URL, "Homepage", "The project's home page (http:// or https://).", "https://vllm.ai/"),
                "repository": doc(URL, "Repository", "The source repository (http:// or https://).", "https://github.com/vllm-project/vllm"),
                "languages": doc(TEXT_LIST, "Languages", "Programming languages it offers APIs for.", ["Python", "C++"]),
                "model_formats": doc(TEXT_LIST, "Model formats", "Model file formats it loads.", ["safetensors", "GGUF"]),
                "capabilities": _choices(vocab, "capability", "Capabilities", "Features it supports.", 0),
            },
        ),
    }


VOCABULARY_TERM = _obj(["label"], {"label": TEXT, "description": TEXT})
VOCABULARIES_SCHEMA = _obj(
    list(Vocabularies.__dataclass_fields__),
    {
        name: {"type": "object", "minProperties": 1, "additionalProperties": VOCABULARY_TERM, "propertyNames": {"pattern": SLUG_PATTERN}}
        for name in Vocabularies.__dataclass_fields__
    },
)


# --- standalone JSON Schema files ----------------------------------------------

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
URL_PATTERN = r"^[hH][tT][tT][pP][sS]?://[^\s/?#]+[^\s]*$"
# An SPDX identifier, or an expression of them with AND / OR / WITH and parentheses.
SPDX_PATTERN = r"^\(*[A-Za-z0-9][A-Za-z0-9.+-]*\)*( (AND|OR|WITH) \(*[A-Za-z0-9][A-Za-z0-9.+-]*\)*)*$"
NOT_PLACEHOLDER = rf"^(?!\s*{PLACEHOLDER}\b)"

_TITLES = {
    "patterns": ("ARuntime pattern page", "One pattern page of implementation guidance: patterns/<slug>.yml."),
    "glossary": ("ARuntime glossary term", "One glossary term: glossary/<slug>.yml."),
    "runtimes": ("ARuntime runtime-directory entry", "One runtime of the directory: runtimes/<slug>.yml."),
}


def _standard(node):
    """The validator's schema with its own formats replaced by standard keywords."""
    if isinstance(node, list):
        return [_standard(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {key: _standard(value) for key, value in node.items()}
    fmt = out.get("format")
    if fmt == "review-date":
        out.update(format="date", pattern=DATE_PATTERN)
    elif fmt == "http-url":
        out.update(format="uri", pattern=URL_PATTERN)
    elif fmt == "license":
        del out["format"]
        out["anyOf"] = [{"const": PROPRIETARY}, {"pattern": SPDX_PATTERN}]
        out["pattern"] = NOT_PLACEHOLDER
    elif fmt in ("plain-text", "markdown"):
        del out["format"]
        out["pattern"] = NOT_PLACEHOLDER
    props = out.get("properties", {})
    kinds = [k for k in SECTION_ITEM_KINDS if k in props]
    if len(kinds) > 1:
        pairs = [[a, b] for i, a in enumerate(kinds) for b in kinds[i + 1 :]]
        out["not"] = {"anyOf": [{"required": pair} for pair in pairs]}
    return out


def json_schema(collection: str, vocab: Vocabularies) -> dict:
    """The standalone JSON Schema (draft 2020-12) of one collection's entry files."""
    body = _standard(copy.deepcopy(collection_schemas(vocab)[collection]))
    title, description = _TITLES[collection]
    return {
        "$schema": SCHEMA_DIALECT,
        "title": title,
        "description": description
        + " Generated from plugins/aruntime/schemas.py and vocabularies.yml by `python -m aruntime schemas`; do not edit.",
        **body,
    }


def schema_path(collection: str) -> str:
    """Where a collection's schema file lives, in the repository and on the site."""
    return f"{SCHEMA_DIR}/{collection}.schema.json"


def schema_files(vocab: Vocabularies) -> dict[str, str]:
    """{relative path: file text} of every collection's JSON Schema file."""
    return {
        schema_path(name): json.dumps(json_schema(name, vocab), indent=2, ensure_ascii=False) + "\n"
        for name in COLLECTIONS
    }

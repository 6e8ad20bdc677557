"""JSON Schemas of the three collections: the one statement of the content model.

Vocabulary-controlled fields get their ``enum`` from vocabularies.yml at load
time, so a new category or hardware value is added in exactly one place.
Rules JSON Schema cannot express well (real dates, references, table widths,
one item kind per section) are checked in ``validate.py``.
"""

from __future__ import annotations

from .model import Vocabularies

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
REF_PATTERN = r"^((patterns|glossary|runtimes)/)?[a-z0-9]+(-[a-z0-9]+)*$"

TEXT = {"type": "string", "minLength": 1, "format": "plain-text"}
MARKDOWN = {"type": "string", "minLength": 1}
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
        "properties": {"title": TEXT, "url": URL},
    },
}
SHARED = {
    "summary": TEXT,
    "autolink": {"type": "boolean"},
    "related": REFS,
    "use_cases": TEXT_LIST,
    "sources": SOURCES,
    "last_reviewed": DATE,
}

SECTION_ITEM_KINDS = ("list", "checklist", "steps", "table")


def _enum(vocabulary: dict) -> dict:
    return {"type": "string", "enum": sorted(vocabulary)}


def _obj(required: list[str], properties: dict) -> dict:
    return {
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": properties,
    }


def collection_schemas(vocab: Vocabularies) -> dict[str, dict]:
    section = _obj(
        ["heading"],
        {
            "heading": TEXT,
            "body": MARKDOWN,
            "anchor_items": {"type": "boolean"},
            "list": {**TEXT_LIST, "minItems": 1},
            "checklist": {**TEXT_LIST, "minItems": 1},
            "steps": {**TEXT_LIST, "minItems": 1},
            "table": _obj(
                ["columns", "rows"],
                {
                    "columns": {**TEXT_LIST, "minItems": 1},
                    "rows": {"type": "array", "minItems": 1, "items": TEXT_LIST},
                },
            ),
        },
    )
    return {
        "patterns": _obj(
            ["title", "summary", "audience", "status", "last_reviewed", "key_takeaways", "sections"],
            {
                **SHARED,
                "title": TEXT,
                "audience": TEXT,
                "status": _enum(vocab.pattern_status),
                "key_takeaways": {**TEXT_LIST, "minItems": 1},
                "sections": {"type": "array", "minItems": 1, "items": section},
                # Questions of the Runtime Decision Record builder (views/decision_record.py).
                "decision_questions": {
                    "type": "array",
                    "items": _obj(["id", "question"], {"id": {"type": "string", "pattern": SLUG_PATTERN}, "question": TEXT, "hint": TEXT}),
                },
            },
        ),
        "glossary": _obj(
            ["term", "summary"],
            {
                **SHARED,
                "term": TEXT,
                "aliases": TEXT_LIST,
                "definition": MARKDOWN,
            },
        ),
        "runtimes": _obj(
            ["name", "summary", "category", "deployment", "hardware", "license", "homepage", "sources", "last_reviewed"],
            {
                **SHARED,
                "sources": {**SOURCES, "minItems": 1},
                "name": TEXT,
                "category": _enum(vocab.runtime_category),
                "deployment": {"type": "array", "minItems": 1, "items": _enum(vocab.deployment_target)},
                "hardware": {"type": "array", "minItems": 1, "items": _enum(vocab.hardware)},
                "license": {"type": "string", "format": "license"},
                "homepage": URL,
                "repository": URL,
                "languages": TEXT_LIST,
                "model_formats": TEXT_LIST,
                "capabilities": {"type": "array", "items": _enum(vocab.capability)},
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

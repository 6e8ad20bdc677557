"""The Runtime Decision Record builder (/decision-record/).

Generated from the content: the questions are every pattern's
``decision_questions`` (a question added in YAML appears with no code change),
the deployment patterns and hardware are the controlled vocabularies, the
candidates are the runtime directory. The page prints all of it as a form
that is a printable checklist without JavaScript; ``schema`` is the same data
as JSON for decision-record.mjs, whose pure core
(decision-record-core.mjs) turns a filled form into the Markdown record
documented in maintainers/decision-record.md and parses it back.

Everything stays in the reader's browser: no value of a record is sent anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..model import DecisionQuestion, Entry, Pattern, SiteModel
from ..urls import DECISION_RECORD, SiteUrls
from .base import PageSpec, SinglePage, Site, toc_item
from .runtimes import sorted_runtimes

#: Version of the record format (the Markdown marker and the link fragment).
FORMAT = 1
#: What each question records (field key, label).
ANSWER_FIELDS = (
    ("constraint", "Constraint"),
    ("assumption", "Assumption"),
    ("tradeoff", "Accepted trade-off"),
)
#: Failure cases a record states behaviour for: those the Deployment Patterns
#: page names under "Failure and fallback" (key, label, prompt).
FAILURE_MODES = (
    ("network-loss", "Network loss", "What does the feature do when the network between its parts is lost?"),
    ("provider-failure", "Provider failure", "What happens when a hosted model, API or other provider fails or is rate-limited?"),
    ("device-pressure", "Device pressure", "What happens under memory, thermal or battery pressure on the device or node?"),
    ("cache-loss", "Cache loss", "What happens when model, prompt or KV caches are evicted or lost?"),
    ("invalid-artifacts", "Invalid artifacts", "What happens when a model file, adapter or policy fails its checks or does not load?"),
    ("unavailable-tools", "Unavailable tools", "What happens when a tool or function the system calls is unavailable?"),
)
#: Record statuses, as architectural decision records use them (adr.github.io).
STATUSES = (
    ("proposed", "Proposed"),
    ("accepted", "Accepted"),
    ("rejected", "Rejected"),
    ("deprecated", "Deprecated"),
    ("superseded", "Superseded"),
)
#: The vocabulary the hardware "any" key means: matches every hardware choice.
HARDWARE_INDEPENDENT = "any"


@dataclass(frozen=True)
class Question:
    """One question as the builder asks it; ``key`` is "<pattern>/<id>"."""

    key: str
    pattern: str
    question: str
    hint: Optional[str]
    dom_id: str

    @classmethod
    def of(cls, pattern: Pattern, q: DecisionQuestion) -> "Question":
        return cls(f"{pattern.slug}/{q.id}", pattern.slug, q.question, q.hint, f"ar-dr-q-{pattern.slug}-{q.id}")


@dataclass(frozen=True)
class QuestionGroup:
    pattern: Pattern
    questions: tuple[Question, ...]


def question_groups(model: SiteModel, first: str) -> list[QuestionGroup]:
    """Patterns that declare decision questions: ``first`` (Deployment Patterns), then by title."""
    patterns = sorted(model.patterns.values(), key=lambda p: (p.slug != first, p.title.casefold(), p.slug))
    return [QuestionGroup(p, tuple(Question.of(p, q) for q in p.decision_questions)) for p in patterns if p.decision_questions]


def _link(urls: SiteUrls, site_url: str, entry: Entry) -> dict:
    """``path`` (site-root-relative, as in the exports) and ``url`` (absolute
    when the site has an absolute ``site_url``, else None: the browser then
    resolves ``path`` against where the site is served)."""
    absolute = urls.absolute(site_url, entry) if site_url.startswith(("http://", "https://")) else None
    return {"path": urls.of(entry), "url": absolute, "last_reviewed": entry.last_reviewed}


def record_schema(site: Site, groups: list[QuestionGroup]) -> dict:
    """What the browser code needs to fill, export and parse a record (JSON)."""
    model, urls, site_url = site.model, site.urls, site.options.site_url
    vocab = model.vocabularies
    return {
        "format": FORMAT,
        "site_name": site.options.site_name,
        "fields": [{"key": k, "label": label} for k, label in ANSWER_FIELDS],
        "statuses": [{"key": k, "label": label} for k, label in STATUSES],
        "failure_modes": [{"key": k, "label": label, "hint": hint} for k, label, hint in FAILURE_MODES],
        "targets": [{"key": k, "label": t.label} for k, t in vocab.deployment_target.items()],
        "hardware": [{"key": k, "label": t.label} for k, t in vocab.hardware.items()],
        "hardware_independent": HARDWARE_INDEPENDENT,
        "questions": [
            {"key": q.key, "pattern": q.pattern, "question": q.question, "hint": q.hint} for g in groups for q in g.questions
        ],
        "patterns": [
            {"slug": p.slug, "title": p.title, **_link(urls, site_url, p)}
            for p in sorted(model.patterns.values(), key=lambda p: (p.title.casefold(), p.slug))
        ],
        "runtimes": [
            {"slug": r.slug, "name": r.name, "deployment": list(r.deployment), "hardware": list(r.hardware), **_link(urls, site_url, r)}
            for r in sorted_runtimes(model)
        ],
    }


class DecisionRecordPage(SinglePage):
    name = "decision-record"
    template = "aruntime/decision-record.html"
    src_uri = DECISION_RECORD
    title = "Runtime Decision Record builder"

    def context(self, spec: PageSpec, site: Site) -> dict:
        model = site.model
        groups = question_groups(model, site.options.deployment_pattern)
        vocab = model.vocabularies
        runtimes = [
            (r, " ".join(r.deployment), " ".join(r.hardware), ", ".join(vocab.label("deployment_target", k) for k in r.deployment),
             ", ".join(vocab.label("hardware", k) for k in r.hardware))
            for r in sorted_runtimes(model)
        ]
        toc = [
            toc_item("ar-dr-about", "About the record"),
            toc_item("ar-dr-placement", "Deployment patterns and hardware"),
            toc_item("ar-dr-questions", "Placement decisions"),
            toc_item("ar-dr-candidates", "Candidate runtimes"),
            toc_item("ar-dr-failure", "Failure and fallback"),
            toc_item("ar-dr-rollback", "Rollback plan"),
            toc_item("ar-dr-versions", "Pinned versions"),
            toc_item("ar-dr-guidance", "Pattern pages relied on"),
            toc_item("ar-dr-output", "Markdown record"),
        ]
        return {
            "record": {
                "groups": groups,
                "fields": ANSWER_FIELDS,
                "failure_modes": FAILURE_MODES,
                "statuses": STATUSES,
                "targets": [(k, t.label) for k, t in vocab.deployment_target.items()],
                "hardware": [(k, t.label) for k, t in vocab.hardware.items()],
                "runtimes": runtimes,
                "patterns": sorted(model.patterns.values(), key=lambda p: (p.title.casefold(), p.slug)),
                "schema": record_schema(site, groups),
            },
            "toc": toc,
        }

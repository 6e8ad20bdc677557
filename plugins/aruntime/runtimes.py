"""The runtime directory: facets from the controlled vocabularies, the
directory rows, links from runtime fields to other pages, and review age."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from .model import Runtime, SiteModel
from .pages import url_path

# Facets of the directory: (facet key, Runtime field, vocabulary or None).
FACETS = (
    ("category", "category", "runtime_category", "Category"),
    ("deployment", "deployment", "deployment_target", "Deployment target"),
    ("hardware", "hardware", "hardware", "Hardware"),
    ("license", "license", None, "License"),
    ("capability", "capabilities", "capability", "Capability"),
)
SORTS = (("name", "Name (A–Z)"), ("-name", "Name (Z–A)"), ("category", "Category"), ("-reviewed", "Recently reviewed"))


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    count: int  # runtimes with this value, before any filter


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class Link:
    label: str
    url: Optional[str] = None  # site-root-relative, or None for plain text


@dataclass
class RuntimeFacts:
    """What the runtime page and directory show about one runtime."""

    runtime: Runtime
    category: Link
    deployment: list[Link] = field(default_factory=list)
    hardware: list[str] = field(default_factory=list)
    capabilities: list[Link] = field(default_factory=list)
    review_age_days: Optional[int] = None
    review_overdue: bool = False


def _values(runtime: Runtime, attr: str) -> tuple[str, ...]:
    value = getattr(runtime, attr)
    return value if isinstance(value, tuple) else (value,)


def facets(model: SiteModel) -> list[Facet]:
    """Every facet with every value of its vocabulary (licenses: those in use)."""
    runtimes = list(model.runtimes.values())
    out = []
    for key, attr, vocabulary, label in FACETS:
        counts: dict[str, int] = {}
        for runtime in runtimes:
            for value in _values(runtime, attr):
                counts[value] = counts.get(value, 0) + 1
        if vocabulary:
            terms = getattr(model.vocabularies, vocabulary)
            values = [FacetValue(k, t.label, counts.get(k, 0)) for k, t in terms.items()]
        else:
            values = [FacetValue(k, k, n) for k, n in sorted(counts.items(), key=lambda kv: kv[0].casefold())]
        out.append(Facet(key, label, tuple(values)))
    return out


def row_data(runtime: Runtime) -> dict[str, str]:
    """Space-separated facet values for the row's data-* attributes (filters.mjs reads them)."""
    return {key: " ".join(_values(runtime, attr)) for key, attr, _, _ in FACETS}


def search_text(runtime: Runtime, model: SiteModel) -> str:
    vocab = model.vocabularies
    parts = [runtime.name, runtime.summary, runtime.license, *runtime.languages, *runtime.model_formats, *runtime.use_cases]
    parts.append(vocab.label("runtime_category", runtime.category))
    parts += [vocab.label("deployment_target", k) for k in runtime.deployment]
    parts += [vocab.label("hardware", k) for k in runtime.hardware]
    parts += [vocab.label("capability", k) for k in runtime.capabilities]
    return " ".join(parts).casefold()


def deployment_anchor(model: SiteModel, pattern_slug: str, target: str) -> Optional[str]:
    """URL of a deployment target's place on the Deployment Patterns page, if it has one."""
    pattern = model.patterns.get(pattern_slug)
    if pattern is None:
        return None
    for section in pattern.sections:
        if target in section.item_anchors:
            return url_path("patterns", pattern_slug) + "#" + target
    return None


def glossary_url_for(model: SiteModel, key: str, label: str) -> Optional[str]:
    """The glossary page for a capability: same slug, or a term/alias equal to its label."""
    if key in model.glossary:
        return url_path("glossary", key)
    slug = model.glossary_slug_for_name(label)
    return url_path("glossary", slug) if slug else None


def runtime_facts(
    model: SiteModel,
    runtime: Runtime,
    *,
    deployment_pattern: str,
    today: dt.date,
    max_age_days: int,
) -> RuntimeFacts:
    vocab = model.vocabularies
    facts = RuntimeFacts(runtime, Link(vocab.label("runtime_category", runtime.category)))
    facts.deployment = [
        Link(vocab.label("deployment_target", k), deployment_anchor(model, deployment_pattern, k)) for k in runtime.deployment
    ]
    facts.hardware = [vocab.label("hardware", k) for k in runtime.hardware]
    facts.capabilities = [
        Link(vocab.label("capability", k), glossary_url_for(model, k, vocab.label("capability", k))) for k in runtime.capabilities
    ]
    if runtime.last_reviewed:
        facts.review_age_days = (today - dt.date.fromisoformat(runtime.last_reviewed)).days
        facts.review_overdue = facts.review_age_days > max_age_days
    return facts


def sorted_runtimes(model: SiteModel) -> list[Runtime]:
    return sorted(model.runtimes.values(), key=lambda r: (r.name.casefold(), r.slug))


def comparison_labels(model: SiteModel) -> dict[str, dict[str, str]]:
    """Vocabulary labels the comparison page needs to show keys as words."""
    vocab = model.vocabularies
    return {
        name: {k: t.label for k, t in getattr(vocab, name).items()}
        for name in ("runtime_category", "deployment_target", "hardware", "capability")
    }

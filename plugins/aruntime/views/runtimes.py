"""Runtime pages, the runtime directory and the comparison page.

The directory's facets come from the controlled vocabularies (licenses: the
values in use); the facet keys, sorts and comparison fields are also handed to
the browser through the client contract (client_contract.py), so Python and
JavaScript read them from one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from ..licenses import license_label
from ..model import Ref, Runtime, SiteModel
from ..search.documents import SearchDoc
from ..urls import RUNTIME_COMPARISON, RUNTIME_DIRECTORY
from .base import PageKind, PageSpec, SinglePage, Site, entry_document, entry_view, footer_toc, toc_item

# Facets of the directory: (facet key, Runtime field, vocabulary or None, label).
FACETS = (
    ("category", "category", "runtime_category", "Category"),
    ("deployment", "deployment", "deployment_target", "Deployment target"),
    ("hardware", "hardware", "hardware", "Hardware"),
    ("license", "license", None, "License"),
    ("capability", "capabilities", "capability", "Capability"),
)
SORTS = (("name", "Name (A–Z)"), ("-name", "Name (Z–A)"), ("category", "Category"), ("-reviewed", "Recently reviewed"))
COMPARE_MIN, COMPARE_MAX = 2, 4
#: Rows of the comparison table: (runtimes.json field, label, vocabulary or None).
COMPARE_FIELDS = (
    ("summary", "Summary", None),
    ("category", "Category", "runtime_category"),
    ("deployment", "Deployment targets", "deployment_target"),
    ("hardware", "Hardware", "hardware"),
    ("license", "License", "license"),
    ("languages", "Languages", None),
    ("model_formats", "Model formats", None),
    ("capabilities", "Capabilities", "capability"),
    ("homepage", "Homepage", None),
    ("repository", "Repository", None),
    ("last_reviewed", "Last reviewed", None),
)
#: Vocabularies whose labels the browser needs to show keys as words.
LABELLED_VOCABULARIES = ("runtime_category", "deployment_target", "hardware", "capability")


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
    """A label that links to another page when ``ref`` is set (``ar_url``)."""

    label: str
    ref: Optional[Ref] = None
    fragment: Optional[str] = None


@dataclass
class RuntimeFacts:
    """What the runtime page and directory show about one runtime."""

    runtime: Runtime
    category: Link
    license: str = ""  # as readers see it ("Proprietary" for LicenseRef-Proprietary)
    deployment: list[Link] = field(default_factory=list)
    hardware: list[str] = field(default_factory=list)
    capabilities: list[Link] = field(default_factory=list)
    review_age_days: Optional[int] = None
    review_overdue: bool = False


class RuntimePage(PageKind):
    name = "runtime"
    template = "aruntime/runtime.html"
    collection = "runtimes"

    def context(self, spec: PageSpec, site: Site) -> dict:
        runtime: Runtime = site.model.get(spec.ref)
        view = entry_view(site.model, runtime)
        return {"entry": runtime, "view": view, "facts": runtime_facts(site, runtime), "toc": [toc_item("details", "Details"), *footer_toc(view)]}

    def search_documents(self, spec: PageSpec, site: Site) -> list[SearchDoc]:
        runtime: Runtime = site.model.get(spec.ref)
        page = entry_document(site, runtime, "runtime")
        vocab = site.model.vocabularies
        page.fields["keywords"] = [
            vocab.label("runtime_category", runtime.category),
            *(vocab.label("deployment_target", k) for k in runtime.deployment),
            *(vocab.label("hardware", k) for k in runtime.hardware),
            *(vocab.label("capability", k) for k in runtime.capabilities),
            *runtime.languages,
            *runtime.model_formats,
            license_label(runtime.license),
        ]
        return [page]


class RuntimeDirectory(SinglePage):
    name = "runtime-directory"
    template = "aruntime/runtime-directory.html"
    src_uri = RUNTIME_DIRECTORY
    title = "Runtime directory"
    in_nav = True

    def context(self, spec: PageSpec, site: Site) -> dict:
        rows = [(r, runtime_facts(site, r), row_data(r), search_text(r, site.model)) for r in sorted_runtimes(site.model)]
        return {"runtime_rows": rows, "runtime_facets": facets(site.model), "runtime_sorts": SORTS}


class RuntimeComparison(SinglePage):
    name = "runtime-comparison"
    template = "aruntime/runtime-compare.html"
    src_uri = RUNTIME_COMPARISON
    title = "Compare runtimes"

    def context(self, spec: PageSpec, site: Site) -> dict:
        return {"runtime_choices": sorted_runtimes(site.model)}


def _values(runtime: Runtime, attr: str) -> tuple[str, ...]:
    value = getattr(runtime, attr)
    return value if isinstance(value, tuple) else (value,)


def facets(model: SiteModel) -> list[Facet]:
    """Every facet with every value of its vocabulary (licenses: those in use)."""
    out = []
    for key, attr, vocabulary, label in FACETS:
        counts: dict[str, int] = {}
        for runtime in model.runtimes.values():
            for value in _values(runtime, attr):
                counts[value] = counts.get(value, 0) + 1
        if vocabulary:
            terms = getattr(model.vocabularies, vocabulary)
            values = [FacetValue(k, t.label, counts.get(k, 0)) for k, t in terms.items()]
        else:
            values = [FacetValue(k, license_label(k), n) for k, n in sorted(counts.items(), key=lambda kv: license_label(kv[0]).casefold())]
        out.append(Facet(key, label, tuple(values)))
    return out


def row_data(runtime: Runtime) -> dict[str, str]:
    """Space-separated facet values for the row's data-* attributes (filters.mjs reads them)."""
    return {key: " ".join(_values(runtime, attr)) for key, attr, _, _ in FACETS}


def search_text(runtime: Runtime, model: SiteModel) -> str:
    vocab = model.vocabularies
    parts = [runtime.name, runtime.summary, license_label(runtime.license), *runtime.languages, *runtime.model_formats, *runtime.use_cases]
    parts.append(vocab.label("runtime_category", runtime.category))
    parts += [vocab.label("deployment_target", k) for k in runtime.deployment]
    parts += [vocab.label("hardware", k) for k in runtime.hardware]
    parts += [vocab.label("capability", k) for k in runtime.capabilities]
    return " ".join(parts).casefold()


def deployment_link(model: SiteModel, pattern_slug: str, target: str, label: str) -> Link:
    """A deployment target, linked to its item on the Deployment Patterns page if it has one."""
    pattern = model.patterns.get(pattern_slug)
    if pattern is not None and any(target in s.item_anchors for s in pattern.sections):
        return Link(label, pattern.ref, target)
    return Link(label)


def capability_link(model: SiteModel, key: str, label: str) -> Link:
    """A capability, linked to the glossary term of the same slug, or whose term or alias is its label."""
    if key in model.glossary:
        return Link(label, Ref("glossary", key))
    slug = model.glossary_slug_for_name(label)
    return Link(label, Ref("glossary", slug) if slug else None)


def runtime_facts(site: Site, runtime: Runtime) -> RuntimeFacts:
    model, options = site.model, site.options
    vocab = model.vocabularies
    facts = RuntimeFacts(runtime, Link(vocab.label("runtime_category", runtime.category)), license_label(runtime.license))
    facts.deployment = [
        deployment_link(model, options.deployment_pattern, k, vocab.label("deployment_target", k)) for k in runtime.deployment
    ]
    facts.hardware = [vocab.label("hardware", k) for k in runtime.hardware]
    facts.capabilities = [capability_link(model, k, vocab.label("capability", k)) for k in runtime.capabilities]
    if runtime.last_reviewed:
        facts.review_age_days = (options.today - dt.date.fromisoformat(runtime.last_reviewed)).days
        facts.review_overdue = facts.review_age_days > options.review_max_age_days
    return facts


def sorted_runtimes(model: SiteModel) -> list[Runtime]:
    return sorted(model.runtimes.values(), key=lambda r: (r.name.casefold(), r.slug))


def vocabulary_labels(model: SiteModel) -> dict[str, dict[str, str]]:
    """Labels the browser needs to show keys as words: the vocabularies, and
    the licences in use (LicenseRef-Proprietary reads "Proprietary")."""
    vocab = model.vocabularies
    labels = {name: {k: t.label for k, t in getattr(vocab, name).items()} for name in LABELLED_VOCABULARIES}
    labels["license"] = {r.license: license_label(r.license) for r in sorted(model.runtimes.values(), key=lambda r: r.license)}
    return labels

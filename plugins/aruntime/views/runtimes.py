"""Runtime pages, the runtime directory, its listing pages and the comparison page.

The directory's facets come from the controlled vocabularies (licenses: the
values in use); the facet keys, sorts and comparison fields are also handed to
the browser through the client contract (client_contract.py), so Python and
JavaScript read them from one place.

Up to ``SiteOptions.directory_inline_max`` runtimes the directory page lists
every runtime in its HTML, and filters.mjs reads the rows from it. A longer
directory (5,600 runtimes made 8.9 MB of HTML) carries the first
``directory_page_size`` runtimes by name; its filters load every runtime from
a compact, columnar data file (``DIRECTORY_DATA``, ``directory_data``), and
the complete list stays readable without JavaScript on listing pages
(runtimes/page/2/ ... N/, linked from the directory and from each other, in
the sitemap, not in the search index).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from typing import Optional

from ..licenses import license_label
from ..model import Ref, Runtime, SiteModel
from ..search.documents import SearchDoc
from ..urls import RUNTIME_COMPARISON, RUNTIME_DIRECTORY, runtime_listing_src_uri
from .base import PageKind, PageSpec, SinglePage, Site, SiteOptions, entry_document, entry_view, footer_toc, toc_item

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
#: The directory's rows as a compact data file, once the directory is paged
#: (path handed to the browser through the client contract).
DIRECTORY_DATA = "assets/aruntime/directory.json"
DIRECTORY_DATA_FORMAT = 1
#: Pager links either side of the current page (the first and last are always linked).
PAGER_SPREAD = 2
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
        runtimes = shared_sorted_runtimes(site)
        context = {"runtime_facets": facets(site.model), "runtime_sorts": SORTS, "runtime_total": len(runtimes), "runtime_pager": None}
        if is_paged(len(runtimes), site.options):
            size = site.options.directory_page_size
            context["runtime_rows"] = [(r, runtime_facts(site, r), None, None) for r in runtimes[:size]]
            context["runtime_pager"] = pager(1, runtimes, size)
        else:
            context["runtime_rows"] = [(r, runtime_facts(site, r), row_data(r), search_text(r, site.model)) for r in runtimes]
        return context

    def data_files(self, site: Site) -> dict[str, str]:
        if not is_paged(len(site.model.runtimes), site.options):
            return {}
        text = json.dumps(directory_data(site), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return {DIRECTORY_DATA: text + "\n"}


class RuntimeListingPage(PageKind):
    """Page 2..N of a long directory: its runtimes by name, as cards, with
    links to the other pages; the directory page itself is page 1."""

    name = "runtime-listing"
    template = "aruntime/runtime-listing.html"

    def specs(self, model: SiteModel, options: Optional[SiteOptions] = None) -> list[PageSpec]:
        options = options or SiteOptions()
        n = len(model.runtimes)
        if not is_paged(n, options):
            return []
        count = page_count(n, options.directory_page_size)
        return [
            PageSpec(runtime_listing_src_uri(k), self.name, self.template, f"Runtime directory, page {k} of {count}")
            for k in range(2, count + 1)
        ]

    def context(self, spec: PageSpec, site: Site) -> dict:
        runtimes = shared_sorted_runtimes(site)
        size = site.options.directory_page_size
        number = int(spec.src_uri.rsplit("/", 1)[1].removesuffix(".md"))
        page_rows = runtimes[(number - 1) * size : number * size]
        return {
            "runtime_rows": [(r, runtime_facts(site, r), None, None) for r in page_rows],
            "runtime_pager": pager(number, runtimes, size),
            "runtime_total": len(runtimes),
        }

    def indexes_rendered_page(self) -> bool:
        return False  # every runtime has its own page in the index


def is_paged(runtime_count: int, options: SiteOptions) -> bool:
    """Whether the directory is too long to list every runtime in its HTML."""
    return runtime_count > options.directory_inline_max


def page_count(runtime_count: int, page_size: int) -> int:
    return max(1, math.ceil(runtime_count / page_size))


@dataclass(frozen=True)
class PagerLink:
    number: int
    src_uri: str  # linked with ``ar_url``
    first: str  # name of the first and last runtime on the page
    last: str


@dataclass(frozen=True)
class Pager:
    """Links between the pages of the listing: previous, next, and the page
    numbers near the current one plus the first and the last (``None`` marks a gap)."""

    number: int
    count: int
    total: int  # runtimes on all pages
    shown_from: int  # 1-based position of the first runtime on this page
    shown_to: int
    links: tuple[Optional[PagerLink], ...]
    previous: Optional[PagerLink] = None
    next: Optional[PagerLink] = None


def pager(number: int, runtimes: list[Runtime], page_size: int) -> Pager:
    count = page_count(len(runtimes), page_size)

    def link(k: int) -> PagerLink:
        chunk = runtimes[(k - 1) * page_size : k * page_size]
        return PagerLink(k, runtime_listing_src_uri(k), chunk[0].name, chunk[-1].name)

    wanted = sorted({1, count, *range(max(1, number - PAGER_SPREAD), min(count, number + PAGER_SPREAD) + 1)})
    links: list[Optional[PagerLink]] = []
    for k in wanted:
        if links and links[-1] is not None and k > links[-1].number + 1:
            links.append(None)
        links.append(link(k))
    return Pager(
        number, count, len(runtimes), (number - 1) * page_size + 1, min(len(runtimes), number * page_size), tuple(links),
        previous=link(number - 1) if number > 1 else None,
        next=link(number + 1) if number < count else None,
    )


def directory_data(site: Site) -> dict:
    """Every runtime of the directory as columns (filters.mjs ``decodeDirectory``):
    one list per field, in name order; facet values as indices into
    ``facets[key]`` (value keys) and ``labels[key]``, so no label is repeated.
    ``text`` holds the words the text filter matches that no other column has.
    Page paths are ``path_affixes`` around the slug when every runtime's URL
    (from MkDocs, via ``site.urls``) is that, else a ``path`` column."""
    model = site.model
    runtimes = shared_sorted_runtimes(site)
    out_facets, labels, columns = {}, {}, {}
    for facet, (key, attr, _, _) in zip(facets(model), FACETS):
        index = {v.key: i for i, v in enumerate(facet.values)}
        out_facets[key] = [v.key for v in facet.values]
        labels[key] = [v.label for v in facet.values]
        columns[key] = [[index[v] for v in _values(r, attr)] for r in runtimes]
    paths = [site.urls.of(r) for r in runtimes]
    affixes = path_affixes(paths, [r.slug for r in runtimes])
    if affixes is None:
        columns["path"] = paths
    columns.update(
        slug=[r.slug for r in runtimes],
        name=[r.name for r in runtimes],
        summary=[r.summary for r in runtimes],
        reviewed=[r.last_reviewed or "" for r in runtimes],
        text=[" ".join((*r.languages, *r.model_formats, *r.use_cases)) for r in runtimes],
    )
    data = {"format": DIRECTORY_DATA_FORMAT, "count": len(runtimes), "facets": out_facets, "labels": labels, "columns": columns}
    if affixes is not None:
        data["path_affixes"] = list(affixes)
    return data


def path_affixes(paths: list[str], slugs: list[str]) -> Optional[tuple[str, str]]:
    """(prefix, suffix) if every path is prefix + its slug + suffix, else None."""
    if not paths:
        return None
    prefix, _, suffix = paths[0].partition(slugs[0])
    if all(path == prefix + slug + suffix for path, slug in zip(paths, slugs)):
        return prefix, suffix
    return None


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


def shared_sorted_runtimes(site: Site) -> list[Runtime]:
    """``sorted_runtimes``, once per build (the directory, its listing pages and its data file share it)."""
    found = site.shared.get("sorted-runtimes")
    if found is None:
        found = site.shared["sorted-runtimes"] = sorted_runtimes(site.model)
    return found


def vocabulary_labels(model: SiteModel) -> dict[str, dict[str, str]]:
    """Labels the browser needs to show keys as words: the vocabularies, and
    the licences in use (LicenseRef-Proprietary reads "Proprietary")."""
    vocab = model.vocabularies
    labels = {name: {k: t.label for k, t in getattr(vocab, name).items()} for name in LABELLED_VOCABULARIES}
    labels["license"] = {r.license: license_label(r.license) for r in sorted(model.runtimes.values(), key=lambda r: r.license)}
    return labels

"""The page-content stage without a build: which pages each kind makes, the
context each kind gives its template, and the exports — against URLs from
MkDocs' own File rule, in both URL styles."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
import yaml
from test_search_index import plain, small_model

from aruntime.exports import ExportCache, collection_export, export_files
from aruntime.model import COLLECTIONS, Ref
from aruntime.views import KINDS, kind_of, page_specs
from aruntime.views.runtimes import capability_link, facets, runtime_facts
from modelkit import site_for, site_urls


@pytest.fixture
def model():
    return small_model()


def spec_of(model, src_uri):
    (spec,) = [s for s in page_specs(model) if s.src_uri == src_uri]
    return spec


def test_each_kind_makes_its_pages_with_its_template(model):
    specs = page_specs(model)
    by_uri = {s.src_uri: s for s in specs}
    assert by_uri["patterns/deployment-patterns.md"].kind == "pattern"
    assert by_uri["patterns/deployment-patterns.md"].in_nav
    assert by_uri["glossary/kv-cache.md"].template == "aruntime/glossary-entry.html"
    assert not by_uri["glossary/kv-cache.md"].in_nav
    assert by_uri["runtimes/llama-cpp.md"].ref == Ref("runtimes", "llama-cpp")
    assert {"glossary/index.md", "runtimes/index.md", "runtimes/compare.md", "search.md"} <= set(by_uri)
    assert len(specs) == len(by_uri)  # no page twice
    # every kind makes pages, but letter pages only for a glossary too long for one index page,
    # and listing pages only for a directory too long for one page
    assert {kind_of(s).name for s in specs} == set(KINDS) - {"glossary-letter", "runtime-listing"}


def test_stub_is_front_matter_only_and_keeps_any_title(model):
    spec = dataclasses.replace(spec_of(model, "glossary/kv-cache.md"), title='A "quoted" <title>: with --- dashes')
    stub = spec.stub()
    assert stub.startswith("---\n") and stub.endswith("\n---\n")
    meta = yaml.safe_load(stub[4:-4])  # the stub's YAML is printable ASCII (test_outputs.py)
    assert meta == {"template": "aruntime/glossary-entry.html", "title": 'A "quoted" <title>: with --- dashes'}


def test_pattern_context_has_rendered_sections_reading_time_and_toc(model):
    site = site_for(model, plain)
    spec = spec_of(model, "patterns/deployment-patterns.md")
    context = kind_of(spec).context(spec, site)
    view = context["view"]
    assert "<strong>crash</strong>" in str(view.html["section-0"])
    assert view.reading_minutes == 1
    assert view.labels["status"] == "Draft"
    assert [t["id"] for t in context["toc"]] == ["key-takeaways", "failure-modes", "placement", "maintenance-record"]


def test_term_context_has_structured_data_with_the_builds_urls(model):
    for directory_urls, path in ((True, "glossary/kv-cache/"), (False, "glossary/kv-cache.html")):
        site = site_for(model, plain, directory_urls, site_url="https://example.org/sub/")
        spec = spec_of(model, "glossary/kv-cache.md")
        json_ld = kind_of(spec).context(spec, site)["json_ld"]
        assert json_ld["url"] == "https://example.org/sub/" + path
        assert json_ld["inDefinedTermSet"] == "https://example.org/sub/" + ("glossary/" if directory_urls else "glossary/index.html")
        assert json_ld["alternateName"] == ["key-value cache"]


def test_glossary_index_context_groups_terms_with_their_aliases(model):
    site = site_for(model, plain)
    spec = spec_of(model, "glossary/index.md")
    context = kind_of(spec).context(spec, site)
    items = {item.label: item for group in context["glossary_groups"] for item in group.items}
    assert "KV cache" in items and "key-value cache" not in items  # aliases sit beside their term
    assert items["KV cache"].entry.aliases == ("key-value cache",)
    assert context["json_ld"]["@type"] == "DefinedTermSet"


def test_runtime_facts_link_capabilities_and_flag_overdue_reviews(model):
    model.runtimes["llama-cpp"] = dataclasses.replace(model.runtimes["llama-cpp"], last_reviewed="2024-01-01")
    site = site_for(model, plain, today=dt.date(2026, 11, 30), review_max_age_days=365)
    facts = runtime_facts(site, model.runtimes["llama-cpp"])
    assert facts.review_overdue and facts.review_age_days == (dt.date(2026, 11, 30) - dt.date(2024, 1, 1)).days
    assert [(link.label, link.ref) for link in facts.capabilities] == [("Quantization", None)]  # no such term
    assert facts.hardware == ["CPU"]
    # the deployment pattern has no anchored items in this model: plain text
    assert [link.ref for link in facts.deployment] == [None]


def test_capability_links_to_the_term_of_the_same_slug_or_name(model):
    assert capability_link(model, "kv-cache", "whatever").ref == Ref("glossary", "kv-cache")
    assert capability_link(model, "kvc", "Key-Value Cache").ref == Ref("glossary", "kv-cache")  # alias, any case
    assert capability_link(model, "nothing", "Nothing").ref is None


def test_directory_facets_count_runtimes_per_value(model):
    by_key = {f.key: {v.key: v.count for v in f.values} for f in facets(model)}
    assert by_key["hardware"] == {"cpu": 1, "nvidia-gpu": 1}
    assert by_key["license"] == {"Apache-2.0": 1, "MIT": 1}  # licenses: the values in use
    assert by_key["capability"] == {"quantization": 1}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_exports_carry_absolute_urls_and_site_paths_in_the_builds_style(model, directory_urls):
    files = export_files(model, "https://example.org/sub/", site_urls(model, directory_urls))
    runtimes = json.loads(files["runtimes.json"])
    (llama,) = [e for e in runtimes["entries"] if e["slug"] == "llama-cpp"]
    path = "runtimes/llama-cpp/" if directory_urls else "runtimes/llama-cpp.html"
    assert llama["path"] == path and llama["url"] == "https://example.org/sub/" + path
    assert runtimes["count"] == 2 and runtimes["collection"] == "runtimes"
    assert files["runtimes.csv"].splitlines()[0].startswith('"slug","name","summary"')  # every cell quoted


def test_exports_joined_from_each_entry_are_the_whole_as_json_and_a_cache_serialises_only_what_changed(model):
    site = "https://example.org/"
    urls = site_urls(model)

    def whole(m, collection, site_url=site):
        return json.dumps(collection_export(m, collection, site_url, urls), ensure_ascii=False, sort_keys=True, indent=1) + "\n"

    cache = ExportCache()
    first = export_files(model, site, urls, cache)
    assert all(first[f"{c}.json"] == whole(model, c) for c in COLLECTIONS)
    slug, runtime = sorted(model.runtimes.items())[0]
    edited = dataclasses.replace(
        model, runtimes={**model.runtimes, slug: dataclasses.replace(runtime, summary='Edited: "quoted",\nwith a line break')}
    )
    # An edited entry, another site_url, an emptied collection: as without the cache.
    for m, site_url in [(edited, site), (edited, "https://other.example/"), (dataclasses.replace(edited, glossary={}), site)]:
        cached = export_files(m, site_url, urls, cache)
        assert cached == export_files(m, site_url, urls)
        assert all(cached[f"{c}.json"] == whole(m, c, site_url) for c in COLLECTIONS)
    assert "Edited" in cached["runtimes.csv"] and "Edited" in cached["runtimes.json"]
    assert json.loads(cached["glossary.json"]) == {"collection": "glossary", "count": 0, "entries": []}

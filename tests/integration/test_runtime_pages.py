"""Runtime pages, the directory (complete without JavaScript) and exports."""

from __future__ import annotations

import csv
import io
import json

from htmlq import parse_file
from sitekit import build_site, write_site

RUNTIME = """
    name: {name}
    summary: {summary}
    category: {category}
    deployment: {deployment}
    hardware: {hardware}
    license: {license}
    homepage: https://example.org/{slug}
    {extra}
    sources: [{{title: Docs, url: "https://example.org/{slug}/docs"}}]
    last_reviewed: {reviewed}
"""


def runtime(slug, name, category="inference-server", deployment="[single-node-server]", hardware="[cpu]",
            license="Apache-2.0", reviewed="2026-01-01", extra="", summary=None):
    return RUNTIME.format(slug=slug, name=name, category=category, deployment=deployment, hardware=hardware,
                          license=license, reviewed=reviewed, extra=extra, summary=summary or f"{name} serves models.")


FILES = {
    "patterns/deployment-patterns.yml": """
        title: Deployment Patterns
        summary: Where to run.
        audience: Everyone
        status: draft
        last_reviewed: 2026-01-01
        key_takeaways: [Choose deliberately.]
        sections:
          - heading: Patterns
            anchor_items: true
            list: [Local process, Single-node server, Kubernetes or cluster]
    """,
    "glossary/continuous-batching.yml": "term: Continuous batching\nsummary: Batching per iteration.\n",
    "glossary/quant.yml": "term: Quantization\nsummary: Fewer bits per weight.\n",
    "runtimes/alpha.yml": runtime(
        "alpha", "Alpha Serve", deployment="[single-node-server, kubernetes-or-cluster, serverless]",
        hardware="[nvidia-gpu, cpu]",
        extra="repository: https://github.com/example/alpha\n    languages: [Python, C++]\n    model_formats: [safetensors]\n"
              "    capabilities: [continuous-batching, quantization, streaming]\n    use_cases: [Chat backends]\n"
              "    related: [runtimes/beta]",
    ),
    "runtimes/beta.yml": runtime("beta", "beta.cpp", category="local-runtime", deployment="[local-process]", license="MIT",
                                 reviewed="2020-01-01"),
    "runtimes/gamma.yml": runtime("gamma", "=Gamma <b>", category="browser", deployment="[browser]", hardware="[webgpu]",
                                  license="LicenseRef-Proprietary", summary="Hostile <script>alert(1)</script> name."),
}



def facts(page):
    dl = page.find("section", aria_labelledby="details").find("dl")
    dts = dl.find_all("dt")
    dds = dl.find_all("dd")
    return {dt.text: dd for dt, dd in zip(dts, dds)}


def test_runtime_page_shows_every_field_with_links(site):
    page = parse_file(site / "runtimes/alpha/index.html")
    assert page.find("h1").text == "Alpha Serve"
    f = facts(page)
    assert f["Category"].text == "Inference server"
    assert [(a.text, a.attrs["href"]) for a in f["Deployment targets"].find_all("a")] == [
        ("Single-node server", "../../patterns/deployment-patterns/#single-node-server"),
        ("Kubernetes or cluster", "../../patterns/deployment-patterns/#kubernetes-or-cluster"),
    ]
    assert f["Deployment targets"].text == "Single-node server, Kubernetes or cluster, Serverless"
    assert f["Hardware"].text == "NVIDIA GPU, CPU"
    assert f["License"].text == "Apache-2.0"
    assert f["Languages"].text == "Python, C++"
    assert f["Model formats"].text == "safetensors"
    assert [(a.text, a.attrs["href"]) for a in f["Capabilities"].find_all("a")] == [
        ("Continuous batching", "../../glossary/continuous-batching/"),
        ("Quantization", "../../glossary/quant/"),
    ]
    assert f["Capabilities"].text == "Continuous batching, Quantization, Token streaming"
    assert f["Homepage"].find("a").attrs["href"] == "https://example.org/alpha"
    assert f["Repository"].find("a").attrs["href"] == "https://github.com/example/alpha"
    assert f["Last reviewed"].text == "2026-01-01"
    assert [a.text for a in page.find("section", aria_labelledby="related").find_all("a")] == ["beta.cpp"]
    assert page.find("section", cls="ar-maintenance")


def test_review_notice_only_when_older_than_the_configured_age(site):
    old = parse_file(site / "runtimes/beta/index.html")
    notice = old.find("div", cls="ar-review-notice")
    assert "last reviewed on 2020-01-01" in notice.text
    recent = parse_file(site / "runtimes/alpha/index.html")
    assert not recent.find_all("div", cls="ar-review-notice")


def test_directory_lists_every_runtime_without_javascript(site):
    page = parse_file(site / "runtimes/index.html")
    cards = page.find_all("li", cls="ar-runtime-card")
    assert [c.find("h2").text for c in cards] == ["=Gamma <b>", "Alpha Serve", "beta.cpp"]
    alpha = cards[1]
    assert alpha.find("a").attrs["href"] == "alpha/"
    assert "Alpha Serve serves models." in alpha.text
    assert "Deployment Single-node server, Kubernetes or cluster, Serverless" in alpha.text
    assert alpha.attrs["data-f-deployment"] == "single-node-server kubernetes-or-cluster serverless"
    assert page.find("p", cls="ar-directory__status").text == "3 runtimes"
    # The filter form is progressive enhancement: hidden until the script runs.
    assert "hidden" in page.find("form", cls="ar-filters").attrs


def test_directory_filters_come_from_the_vocabularies(site, repo_root):
    import yaml

    vocab = yaml.safe_load((repo_root / "vocabularies.yml").read_text())
    page = parse_file(site / "runtimes/index.html")
    fieldsets = {f.attrs["data-ar-facet"]: f for f in page.find_all("fieldset") if "data-ar-facet" in f.attrs}
    def values(key):
        return [i.attrs["value"] for i in fieldsets[key].find_all("input")]

    assert values("category") == list(vocab["runtime_category"])
    assert values("deployment") == list(vocab["deployment_target"])
    assert values("hardware") == list(vocab["hardware"])
    assert values("capability") == list(vocab["capability"])
    assert values("license") == ["Apache-2.0", "MIT", "LicenseRef-Proprietary"]  # in the order of their labels


def test_hostile_runtime_fields_are_escaped(site):
    html = (site / "runtimes/index.html").read_text()
    assert "<script>alert(1)" not in html and "=Gamma &lt;b&gt;" in html


def test_json_export_has_every_field(site):
    data = json.loads((site / "runtimes.json").read_text())
    assert data["collection"] == "runtimes" and data["count"] == 3
    alpha = data["entries"][0]
    assert alpha == {
        "slug": "alpha",
        "url": "https://example.org/sub/runtimes/alpha/",
        "path": "runtimes/alpha/",
        "name": "Alpha Serve",
        "summary": "Alpha Serve serves models.",
        "category": "inference-server",
        "deployment": ["single-node-server", "kubernetes-or-cluster", "serverless"],
        "hardware": ["nvidia-gpu", "cpu"],
        "license": "Apache-2.0",
        "homepage": "https://example.org/alpha",
        "repository": "https://github.com/example/alpha",
        "languages": ["Python", "C++"],
        "model_formats": ["safetensors"],
        "capabilities": ["continuous-batching", "quantization", "streaming"],
        "use_cases": ["Chat backends"],
        "related": ["runtimes/beta"],
        "sources": [{"title": "Docs", "url": "https://example.org/alpha/docs"}],
        "last_reviewed": "2026-01-01",
        "autolink": True,
    }


def test_csv_export(site):
    rows = list(csv.DictReader(io.StringIO((site / "runtimes.csv").read_text())))
    assert [r["slug"] for r in rows] == ["alpha", "beta", "gamma"]
    assert rows[0]["deployment"] == "single-node-server; kubernetes-or-cluster; serverless"
    assert rows[0]["sources"] == "https://example.org/alpha/docs"
    assert rows[2]["name"] == "'=Gamma <b>"  # no spreadsheet formula


def test_patterns_and_glossary_exports_share_the_shape(site):
    for name in ("patterns", "glossary"):
        data = json.loads((site / f"{name}.json").read_text())
        assert set(data) == {"collection", "count", "entries"} and data["collection"] == name
        assert all({"slug", "url"} <= set(e) for e in data["entries"])
    pattern = json.loads((site / "patterns.json").read_text())["entries"][0]
    assert pattern["sections"][0]["list"] == ["Local process", "Single-node server", "Kubernetes or cluster"]


def test_reserved_slug_is_an_error(tmp_path):
    root = write_site(tmp_path, {"runtimes/compare.yml": runtime("compare", "Compare")})
    proc = build_site(root)
    assert proc.returncode != 0
    assert "runtimes/compare.yml:1:1: 'compare' is reserved for a generated page of runtimes/" in proc.stdout + proc.stderr


def test_a_closed_licence_reads_proprietary_everywhere_a_reader_sees_it(site):
    page = parse_file(site / "runtimes/gamma/index.html")
    assert facts(page)["License"].text == "Proprietary"
    directory = parse_file(site / "runtimes/index.html")
    (card,) = [c for c in directory.find_all("li", cls="ar-runtime-card") if c.attrs.get("data-slug") == "gamma"]
    assert "Proprietary" in card.text and "LicenseRef" not in card.text
    contract = json.loads((site / "assets/aruntime/contract.json").read_text(encoding="utf-8"))
    assert contract["labels"]["license"]["LicenseRef-Proprietary"] == "Proprietary"
    # the export keeps the SPDX form for machines
    export = json.loads((site / "runtimes.json").read_text(encoding="utf-8"))
    assert {e["slug"]: e["license"] for e in export["entries"]}["gamma"] == "LicenseRef-Proprietary"

"""Every internal link, script, stylesheet, form action and #fragment of every
built page resolves — with ``use_directory_urls`` true or false, at a domain
root or under a sub-path. A crawler over every HTML file, not a sample; it
also follows the page paths the build hands to JavaScript (exports, the
client contract)."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from htmlq import parse_file
from sitekit import REPO, TEST_LINT, build_strict, write_site

MKDOCS_YML = """\
site_name: Link Test
site_url: {site_url}
use_directory_urls: {directory_urls}
repo_url: https://github.com/example/reference
edit_uri: edit/main/docs/
theme:
  name: material
  font: false
plugins:
  - search:
      enabled: false
  - aruntime:
      vocabularies: {vocabularies}
      lint: {lint}
markdown_extensions:
  - toc:
      permalink: true
  - tables
  - attr_list
nav:
  - Home: index.md
  - Patterns: patterns/
  - Glossary: glossary/index.md
  - Runtimes: runtimes/index.md
  - About: about.md
"""

FILES = {
    "docs/index.md": """
        ---
        last_reviewed: 2026-01-01
        ---
        # Home

        Read [Deployment Patterns](patterns/deployment-patterns.md), the [glossary](glossary/index.md),
        the [KV cache](glossary/kv-cache.md#definition) entry and [About](about.md#team).
    """,
    "docs/about.md": """
        ---
        last_reviewed: 2026-01-01
        ---
        # About

        ## Team

        Compare [runtimes](runtimes/compare.md) or [search](search.md).
    """,
    "patterns/deployment-patterns.yml": """
        title: Deployment Patterns
        summary: Where inference runs.
        audience: Everyone
        status: draft
        last_reviewed: 2026-01-01
        key_takeaways: [Place the KV cache deliberately.]
        sections:
          - heading: Patterns
            anchor_items: true
            list: [Local process, Single-node server, Browser]
          - heading: Decision table
            table:
              columns: [Option, Why]
              rows: [[Local, Privacy], [Server, Scale]]
        related: [glossary/kv-cache, runtimes/alpha]
        sources: [{title: Docs, url: "https://example.org/docs"}]
    """,
    "patterns/caching.yml": """
        title: Caching
        summary: Keep what is expensive.
        audience: Engineers
        status: draft
        last_reviewed: 2026-01-01
        key_takeaways: [Measure hit rates.]
        sections:
          - heading: Prefix caching
            body: Reuse a shared prefix of the prompt.
        related: [patterns/deployment-patterns, glossary/prefix-caching]
    """,
    "glossary/kv-cache.yml": """
        term: KV cache
        aliases: [key-value cache]
        summary: Stored attention keys and values.
        definition: Reused by every decode step.
        related: [glossary/prefix-caching]
    """,
    "glossary/prefix-caching.yml": """
        term: Prefix caching
        summary: Reusing the KV cache of a shared prompt prefix.
        related: [kv-cache]
    """,
    "runtimes/alpha.yml": """
        name: Alpha Serve
        summary: Serves models with a KV cache.
        category: inference-server
        deployment: [single-node-server, local-process]
        hardware: [cpu]
        license: MIT
        homepage: https://example.org/alpha
        capabilities: [prefix-caching]
        related: [runtimes/beta, glossary/kv-cache]
        sources: [{title: Docs, url: "https://example.org/alpha/docs"}]
        last_reviewed: 2026-01-01
    """,
    "runtimes/beta.yml": """
        name: Beta
        summary: Runs in a browser.
        category: browser
        deployment: [browser]
        hardware: [webgpu]
        license: Apache-2.0
        homepage: https://example.org/beta
        sources: [{title: Docs, url: "https://example.org/beta/docs"}]
        last_reviewed: 2026-01-01
    """,
}

VARIANTS = {
    "files-at-root": ("https://example.org/", False),
    "files-under-sub-path": ("https://example.org/reference/", False),
    "directories-under-sub-path": ("https://example.org/reference/", True),
}
HOST = "http://crawl.test"


@pytest.fixture(scope="module", params=list(VARIANTS))
def built(request, tmp_path_factory):
    site_url, directory_urls = VARIANTS[request.param]
    config = MKDOCS_YML.format(site_url=site_url, directory_urls=str(directory_urls).lower(), vocabularies=REPO / "vocabularies.yml", lint=TEST_LINT)
    root = write_site(tmp_path_factory.mktemp(request.param), FILES, config)
    build_strict(root)
    return root / "site", urlsplit(site_url).path, directory_urls


def target_file(site: Path, prefix: str, path: str) -> Path | None:
    """The built file a URL path is served from (as a static host serves it)."""
    path = unquote(path)
    if not path.startswith(prefix):
        return None
    rel = path[len(prefix):]
    candidate = site / rel
    if rel == "" or rel.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def ids(file: Path, cache: dict) -> set:
    if file not in cache:
        cache[file] = {n.attrs.get("id") for n in parse_file(file).iter() if n.attrs.get("id")} | {
            n.attrs.get("name") for n in parse_file(file).find_all("a") if n.attrs.get("name")
        }
    return cache[file]


def links_of(file: Path):
    page = parse_file(file)
    for node in page.iter():
        for attr in ("href", "src", "action"):
            value = node.attrs.get(attr)
            if value is None or (node.tag == "link" and node.attrs.get("rel") in ("canonical", "alternate")):
                continue
            yield node.tag, attr, value


def test_every_internal_link_and_fragment_resolves(built):
    site, prefix, _ = built
    broken, checked, id_cache = [], 0, {}
    for file in sorted(site.rglob("*.html")):
        page_url = HOST + prefix + file.relative_to(site).as_posix()
        for tag, attr, value in links_of(file):
            url = urlsplit(urljoin(page_url, value))
            if url.scheme not in ("http", "https") or f"{url.scheme}://{url.netloc}" != HOST:
                continue  # other hosts, mailto:, javascript: never appears (sanitised)
            checked += 1
            target = target_file(site, prefix, url.path)
            where = f"{file.relative_to(site)}: <{tag} {attr}={value!r}>"
            if target is None:
                broken.append(f"{where} -> no file for {url.path}")
            elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in ids(target, id_cache):
                broken.append(f"{where} -> no #{url.fragment} in {target.relative_to(site)}")
    assert broken == []
    assert checked > 300  # the crawl really ran over every page (about 25 links each)


def test_pages_reached_from_the_index_pages_exist_in_the_url_style_of_the_build(built):
    site, prefix, directory_urls = built
    glossary_index = site / "glossary" / "index.html"
    hrefs = {n.attrs["href"] for n in parse_file(glossary_index).find("article").find_all("a") if "href" in n.attrs}
    expected = "kv-cache/" if directory_urls else "kv-cache.html"
    assert expected in hrefs


def test_paths_handed_to_javascript_resolve(built):
    site, prefix, _ = built
    contract = json.loads((site / "assets/aruntime/contract.json").read_text(encoding="utf-8"))
    paths = list(contract["pages"].values()) + [contract["search"]["manifest"], contract["search"]["lunr"], contract["compare"]["data"]]
    for collection in ("patterns", "glossary", "runtimes"):
        export = json.loads((site / f"{collection}.json").read_text(encoding="utf-8"))
        paths += [entry["path"] for entry in export["entries"]]
        assert all(entry["url"].endswith(entry["path"]) for entry in export["entries"])
    missing = [p for p in paths if target_file(site, prefix, posixpath.join(prefix, p)) is None]
    assert missing == []


def test_every_page_preloads_what_the_search_boxs_first_query_fetches(built):
    # The box fetches lunr.js and the manifest at the contract's paths: a
    # preload at another URL would fetch twice instead of once.
    site, prefix, _ = built
    search = json.loads((site / "assets/aruntime/contract.json").read_text(encoding="utf-8"))["search"]
    # a fetch preload is matched only by a CORS request: crossorigin
    wanted = {(HOST + prefix + search["lunr"], "script", False), (HOST + prefix + search["manifest"], "fetch", True)}
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for file in pages:
        page_url = HOST + prefix + file.relative_to(site).as_posix()
        preloads = {
            (urljoin(page_url, n.attrs["href"]), n.attrs.get("as"), "crossorigin" in n.attrs)
            for n in parse_file(file).find_all("link")
            if n.attrs.get("rel") == "preload"
        }
        assert preloads == wanted, file.relative_to(site)

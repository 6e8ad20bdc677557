"""A directory longer than ``directory_inline_max`` is paged: /runtimes/ carries
its first ``directory_page_size`` runtimes by name and links listing pages
(runtimes/page/2/ ...) that together list every runtime once, are linked to
each other, are in the sitemap and out of the search index; the filters get
every runtime from a compact data file (with a script twin for a build opened
from a folder). A short directory stays one page that lists every runtime
(tests/browser/test_runtime_directory.py, test_directory_scale.py)."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest

from aruntime.views.runtimes import DIRECTORY_DATA
from htmlq import parse_file
from sitekit import BASE_MKDOCS, REPO, build_site, build_strict, write_site

N, INLINE_MAX, PAGE_SIZE = 23, 10, 5
PAGES = 5  # 23 runtimes, 5 a page
CATEGORIES = ["inference-server", "local-runtime", "browser"]
HOSTILE = '<script>alert("x")</script> & Co'


def name_of(n: int) -> str:
    # not in slug order, mixed case: the pages follow the names
    return HOSTILE if n == 7 else f"{'Zeta' if n % 2 else 'alpha'} runtime {N - n:02d}"


def runtime_yaml(n: int) -> str:
    return (
        f"name: {json.dumps(name_of(n))}\nsummary: Runtime number {n}.\ncategory: {CATEGORIES[n % 3]}\n"
        f"deployment: [single-node-server]\nhardware: [cpu{', nvidia-gpu' if n % 2 else ''}]\nlicense: MIT\n"
        f"homepage: https://example.org/{n}\nuse_cases: [Batch scoring number {n}]\nlanguages: [Rust]\n"
        "sources: [{title: Docs, url: 'https://example.org/docs'}]\nlast_reviewed: 2026-01-01\n"
    )


FILES = {f"runtimes/r{n:02d}.yml": runtime_yaml(n) for n in range(N)}
OPTIONS = f"  - aruntime:\n      directory_inline_max: {INLINE_MAX}\n      directory_page_size: {PAGE_SIZE}\n"
MKDOCS_YML = BASE_MKDOCS.format(vocabularies=REPO / "vocabularies.yml").replace("  - aruntime:\n", OPTIONS, 1)
BY_NAME = sorted(range(N), key=lambda n: (name_of(n).casefold(), f"r{n:02d}"))


def cards(page) -> list[tuple[str, str]]:
    """(slug, name) of every runtime card on a page."""
    return [(li.attrs["data-slug"], li.find("h2").text) for li in page.find_all("li", cls="ar-runtime-card")]


def label(node) -> str:
    """Text as a screen reader reads it (visually hidden words included, spaces kept)."""
    parts = []

    def walk(n):
        for child in n.children:
            parts.append(child) if isinstance(child, str) else walk(child)

    walk(node)
    return " ".join("".join(parts).split())


def page_file(site: Path, url_path: str) -> Path:
    return site / url_path / "index.html"


def test_the_directory_carries_the_first_page_and_links_the_rest(site):
    page = parse_file(page_file(site, "runtimes"))
    article = page.find("article", cls="ar-directory")
    assert "data-ar-paged" in article.attrs
    assert page.find("p", cls="ar-directory__status").text == f"{N} runtimes — page 1 of {PAGES}, by name"
    assert cards(page) == [(f"r{n:02d}", name_of(n)) for n in BY_NAME[:PAGE_SIZE]]
    first = page.find("li", cls="ar-runtime-card")
    assert "data-text" not in first.attrs  # the filters read the data file, not the cards
    pager = page.find("nav", cls="ar-pager")
    assert pager.find("p").text == f"Runtimes 1–{PAGE_SIZE} of {N}, by name. All runtimes, {PAGES} pages:"
    links = {label(a): a.attrs["href"] for a in pager.find_all("a")}
    assert links == {"Page 1": "./", "Page 2": "page/2/", "Page 3": "page/3/", "Page 5": "page/5/", "Next page ›": "page/2/"}
    assert [label(a) for a in pager.find_all("a", aria_current="page")] == ["Page 1"]


def test_the_listing_pages_list_every_runtime_once_in_name_order(site):
    seen, url, visited = [], "runtimes/", []
    while url is not None:  # follow "Next" from the directory to the last page
        page = parse_file(page_file(site, url))
        visited.append(url)
        seen += cards(page)
        nxt = page.find("nav", cls="ar-pager").find_all("a", rel="next")
        url = posixpath.normpath(posixpath.join(url, nxt[0].attrs["href"])) + "/" if nxt else None
    assert visited == ["runtimes/"] + [f"runtimes/page/{k}/" for k in range(2, PAGES + 1)]
    assert seen == [(f"r{n:02d}", name_of(n)) for n in BY_NAME]
    assert not (site / "runtimes/page/1").exists() and not (site / f"runtimes/page/{PAGES + 1}").exists()


def test_a_listing_page_links_back_and_to_its_runtimes(site):
    page = parse_file(page_file(site, "runtimes/page/3"))
    assert page.find("h1").text == f"Runtimes, page 3 of {PAGES}"
    assert page.find("title").text.startswith(f"Runtime directory, page 3 of {PAGES}")
    assert page.find("ol", cls="ar-runtime-list").attrs["start"] == str(2 * PAGE_SIZE + 1)
    pager = page.find("nav", cls="ar-pager")
    assert pager.find("a", rel="prev").attrs["href"] == "../2/"
    assert pager.find("a", rel="next").attrs["href"] == "../4/"
    assert [label(a) for a in pager.find_all("a", aria_current="page")] == ["Page 3"]
    assert page.find("p", cls="ar-kicker").find("a").attrs["href"] == "../../"
    for li in page.find_all("li", cls="ar-runtime-card"):
        href = li.find("h2").find("a").attrs["href"]
        assert (site / "runtimes/page/3" / href / "index.html").resolve().is_file(), href
    last = parse_file(page_file(site, f"runtimes/page/{PAGES}"))
    assert not last.find("nav", cls="ar-pager").find_all("a", rel="next")
    assert len(cards(last)) == N - (PAGES - 1) * PAGE_SIZE


def test_names_are_escaped_on_the_listing_pages(site):
    html = "".join(page_file(site, u).read_text(encoding="utf-8") for u in ["runtimes"] + [f"runtimes/page/{k}" for k in range(2, PAGES + 1)])
    assert "<script>alert" not in html
    assert html.count("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co") + html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co") >= 1


def test_listing_pages_are_in_the_sitemap_and_out_of_the_search_index(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for k in range(2, PAGES + 1):
        assert f"<loc>https://example.org/sub/runtimes/page/{k}/</loc>" in sitemap
    manifest = json.loads((site / "assets/aruntime/search/manifest.json").read_text(encoding="utf-8"))
    rows = [row for name in manifest["chunks"] for row in json.loads((site / "assets/aruntime/search" / name).read_text(encoding="utf-8"))]
    assert [r for r in rows if "runtimes/r" in r[1]]  # the runtimes themselves are indexed
    assert not [r for r in rows if "/page/" in r[1]]


def test_the_data_file_holds_every_runtime_compactly(site):
    contract = json.loads((site / "assets/aruntime/contract.json").read_text(encoding="utf-8"))
    assert contract["directory"]["data"] == DIRECTORY_DATA
    data = json.loads((site / DIRECTORY_DATA).read_text(encoding="utf-8"))
    assert data["count"] == N
    cols = data["columns"]
    assert cols["slug"] == [f"r{n:02d}" for n in BY_NAME] and cols["name"] == [name_of(n) for n in BY_NAME]
    assert data["path_affixes"] == ["runtimes/", "/"] and "path" not in cols
    for slug in cols["slug"]:
        assert (site / "runtimes" / slug / "index.html").is_file()
    # facet values are indices into one list of keys and one of labels per facet
    category = [data["facets"]["category"][i] for (i,) in cols["category"]]
    assert category == [CATEGORIES[n % 3] for n in BY_NAME]
    hardware = data["labels"]["hardware"]
    assert [[hardware[i] for i in row] for row in cols["hardware"]][:2] == [
        ["CPU", "NVIDIA GPU"] if n % 2 else ["CPU"] for n in BY_NAME[:2]
    ]
    assert cols["text"][0] == f"Rust Batch scoring number {BY_NAME[0]}"
    raw = (site / DIRECTORY_DATA).read_text(encoding="utf-8")
    assert raw.count("Inference server") <= 1  # no label repeated per runtime


def test_a_short_directory_lists_every_runtime_and_writes_no_data_file(tmp_path):
    files = {f"runtimes/r{n:02d}.yml": runtime_yaml(n) for n in range(INLINE_MAX)}
    site = build_strict(write_site(tmp_path, files, MKDOCS_YML))
    page = parse_file(page_file(site, "runtimes"))
    assert len(cards(page)) == INLINE_MAX and "data-ar-paged" not in page.find("article", cls="ar-directory").attrs
    assert not page.find_all("nav", cls="ar-pager")
    assert not (site / DIRECTORY_DATA).exists() and not (site / "runtimes/page").exists()


def test_a_build_for_a_folder_has_the_data_file_as_a_script_too(tmp_path):
    config = MKDOCS_YML.replace("plugins:\n", "plugins:\n  - offline\n", 1)
    site = build_strict(write_site(tmp_path, FILES, config))
    twin = (site / (DIRECTORY_DATA + ".js")).read_text(encoding="utf-8")
    prefix = f'(self.ARuntimeData = self.ARuntimeData || {{}})["{DIRECTORY_DATA}"] = '
    assert twin.startswith(prefix)
    data = json.loads(twin[len(prefix):].rstrip().rstrip(";"))
    assert data == json.loads((site / DIRECTORY_DATA).read_text(encoding="utf-8"))
    assert data["path_affixes"] == ["runtimes/", ".html"]  # no directory URLs from a folder
    assert (site / "runtimes/page/2.html").is_file()
    assert "</script>" not in twin  # data never ends a script element
    # from a folder the box loads its data as scripts: nothing to preload (a fetch of file:// fails)
    assert 'rel="preload"' not in page_file(site, "runtimes").read_text(encoding="utf-8")


@pytest.mark.parametrize("option, value", [("directory_page_size", 0), ("directory_inline_max", "many")])
def test_a_bad_option_is_an_error_that_names_it(tmp_path, option, value):
    config = MKDOCS_YML.replace(OPTIONS, f"  - aruntime:\n      {option}: {value}\n", 1)
    proc = build_site(write_site(tmp_path, {"runtimes/r00.yml": runtime_yaml(0)}, config), "--strict")
    assert proc.returncode != 0
    output = proc.stdout + proc.stderr
    assert re.search(rf"option '{option}'", output), output
    assert "expected a whole number of at least 1" in output or "Expected type" in output, output

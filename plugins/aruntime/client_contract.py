"""The client contract: every value the browser code shares with Python,
written once by the build into ``assets/aruntime/contract.json`` and, for
pages opened from a folder (``file://``, where ``fetch`` is blocked), as the
classic script ``assets/aruntime/contract.js``.

JavaScript reads these values instead of keeping its own copies; tests check
the written file against the Python constants and the JS against the file.
Paths are site-root-relative (the browser resolves them against the site
root it is given). No MkDocs here.
"""

from __future__ import annotations

import json

from .maintenance import CORRECTION_KINDS, GITHUB_URL_LIMIT, JSON_KEYS, WHOLE_PAGE
from .model import SiteModel
from .search import INDEX_DIR, MAX_QUERY_CHARS, MAX_QUERY_WORDS, MIN_QUERY_CHARS, SHORT_QUERY_MESSAGE, tokens
from .urls import GLOSSARY_INDEX, RUNTIME_COMPARISON, RUNTIME_DIRECTORY, SEARCH_PAGE, SiteUrls
from .views.runtimes import COMPARE_FIELDS, COMPARE_MAX, COMPARE_MIN, DIRECTORY_DATA, FACETS, SORTS, vocabulary_labels

FORMAT = 1
CONTRACT_JSON = "assets/aruntime/contract.json"
CONTRACT_JS = "assets/aruntime/contract.js"
#: The global the classic script assigns (on ``self``; not a DOM-clobberable name lookup).
CONTRACT_GLOBAL = "ARuntimeContract"
LUNR_JS = "assets/aruntime/js/lunr.js"
SEARCH_MANIFEST = INDEX_DIR + "/manifest.json"
#: Kinds of search result (SearchDoc.kind) as the browser names them.
SEARCH_KINDS = {
    "pattern": {"label": "Pattern", "one": "pattern", "many": "patterns"},
    "glossary": {"label": "Glossary", "one": "glossary term", "many": "glossary terms"},
    "runtime": {"label": "Runtime", "one": "runtime", "many": "runtimes"},
    "page": {"label": "Page", "one": "page", "many": "pages"},
}


def client_contract(model: SiteModel, urls: SiteUrls) -> dict:
    return {
        "format": FORMAT,
        "pages": {
            "glossary_index": urls.page(GLOSSARY_INDEX),
            "runtime_directory": urls.page(RUNTIME_DIRECTORY),
            "runtime_comparison": urls.page(RUNTIME_COMPARISON),
            "search": urls.page(SEARCH_PAGE),
        },
        "search": {
            "index_dir": INDEX_DIR + "/",
            "manifest": SEARCH_MANIFEST,
            "lunr": LUNR_JS,
            "min_chars": MIN_QUERY_CHARS,
            "short_message": SHORT_QUERY_MESSAGE,
            "max_query_chars": MAX_QUERY_CHARS,
            "max_words": MAX_QUERY_WORDS,
            "tokenizer": tokens.settings(),
            "kinds": SEARCH_KINDS,
        },
        "directory": {
            "facets": [{"key": key, "field": attr, "vocabulary": vocab, "label": label} for key, attr, vocab, label in FACETS],
            "sorts": [{"key": key, "label": label} for key, label in SORTS],
            "data": DIRECTORY_DATA,  # written only for a directory too long for one page (views/runtimes.py)
        },
        "compare": {
            "min": COMPARE_MIN,
            "max": COMPARE_MAX,
            "fields": [{"key": key, "label": label, "vocabulary": vocab} for key, label, vocab in COMPARE_FIELDS],
            "data": "runtimes.json",
        },
        "labels": vocabulary_labels(model),
        "corrections": {
            "whole_page": WHOLE_PAGE,
            "kinds": list(CORRECTION_KINDS),
            "json_keys": JSON_KEYS,
            "url_limit": GITHUB_URL_LIMIT,
        },
    }


def search_preloads() -> list[dict[str, str]]:
    """What every page's head asks the browser to fetch early, site-root-
    relative: lunr.js and the search manifest, which the header box's first
    query needs before its own index files. Fetched while the page loads
    (low priority), a query typed at once waits only for its shards; the box
    then picks them up as it would fetch them (same URL, as script / fetch).
    The manifest's preload may come from the HTTP cache where the box asks
    for it without: a manifest older than the site's index files is renewed
    by the engine when one of them is gone (SearchEngine#renew)."""
    return [{"href": LUNR_JS, "as": "script"}, {"href": SEARCH_MANIFEST, "as": "fetch"}]


def contract_files(contract: dict) -> dict[str, str]:
    """The contract as JSON and as a classic script, {site path: text}."""
    text = json.dumps(contract, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # JSON inside a script: "</" and U+2028/9 must not end or break it.
    script_safe = text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return {
        CONTRACT_JSON: text + "\n",
        CONTRACT_JS: f"self.{CONTRACT_GLOBAL} = {script_safe};\n",
    }

"""The Maintenance record every page ends with, and the corrections flow.

The record's link is the no-JavaScript path of the corrections flow: a GitHub
issue form prefilled through URL parameters named after the form's field ids
(.github/ISSUE_TEMPLATE/correction.yml). With JavaScript, the same record opens
the corrections form (templates/aruntime/partials/corrections.html,
assets/js/corrections.mjs), which fills every field of the issue form or posts
the correction as JSON to ``corrections_endpoint``.
"""

from __future__ import annotations

import functools
import ipaddress
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urlencode, urlsplit

from .model import Entry, Source

CORRECTION_SENTENCE = (
    "Found an error, outdated capability, or unclear category boundary? "
    "Submit a correction with a supporting source."
)

# Field ids of .github/ISSUE_TEMPLATE/correction.yml. Each is the URL parameter
# that prefills the field; GitHub prefills only `input` and `textarea` fields.
FIELD_PAGE_URL = "page-url"
FIELD_PAGE_TITLE = "page-title"
FIELD_SECTION = "section"
FIELD_KIND = "correction-type"
FIELD_PROBLEM = "problem"
FIELD_SUGGESTION = "suggestion"
FIELD_SOURCE_URL = "source-url"
FIELD_CONTACT = "contact"
FIELD_LAST_REVIEWED = "last-reviewed"
FIELD_SOURCE_FILE = "source-file"

# Issue-form field id -> key of the JSON body sent to corrections_endpoint.
JSON_KEYS = {
    FIELD_PAGE_URL: "page_url",
    FIELD_PAGE_TITLE: "page_title",
    FIELD_SECTION: "section",
    FIELD_KIND: "kind",
    FIELD_PROBLEM: "text",
    FIELD_SUGGESTION: "suggestion",
    FIELD_SOURCE_URL: "source",
    FIELD_CONTACT: "contact",
    FIELD_LAST_REVIEWED: "last_reviewed",
    FIELD_SOURCE_FILE: "source_file",
}

CORRECTION_KINDS = ("Error", "Outdated capability", "Unclear category boundary", "Other")
WHOLE_PAGE = "Whole page"

# GitHub answers 414 URI Too Long above this many bytes (github/docs#5136).
GITHUB_URL_LIMIT = 8191

LOOPBACK_HOSTS = ("localhost",)


@dataclass(frozen=True)
class MaintenanceRecord:
    last_reviewed: Optional[str]
    sources: tuple[Source, ...] = ()
    correction_url: Optional[str] = None
    sentence: str = CORRECTION_SENTENCE
    # What the corrections form needs (data-* attributes of the form).
    page_title: str = ""
    page_url: str = ""
    source_file: str = ""
    issue_url: Optional[str] = None
    issue_template: str = ""
    endpoint: Optional[str] = None
    timeout_ms: int = 10000
    kinds: tuple[str, ...] = CORRECTION_KINDS
    url_limit: int = GITHUB_URL_LIMIT

    @property
    def has_corrections(self) -> bool:
        return bool(self.issue_url or self.endpoint)


@functools.lru_cache(maxsize=8)  # asked once per page, always with the site's one repo_url
def github_repo_url(repo_url: Optional[str]) -> Optional[str]:
    """``https://github.com/<owner>/<repo>`` from mkdocs.yml's repo_url, or None."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url.strip())
    path = [p for p in parts.path.split("/") if p]
    if parts.scheme not in ("http", "https") or parts.hostname != "github.com" or len(path) < 2:
        return None
    repo = path[1][:-4] if path[1].endswith(".git") else path[1]
    return f"https://github.com/{path[0]}/{repo}"


def issue_form_base(repo_url: Optional[str]) -> Optional[str]:
    """The new-issue URL of the repository, without a query."""
    repo = github_repo_url(repo_url)
    return f"{repo}/issues/new" if repo else None


def correction_title(page_title: str) -> str:
    return f"Correction: {page_title}"


def correction_issue_url(
    repo_url: Optional[str],
    template: str,
    page_title: str,
    page_url: str,
    last_reviewed: Optional[str] = None,
    source_file: str = "",
) -> Optional[str]:
    """The new-issue URL of the correction form with the page prefilled."""
    base = issue_form_base(repo_url)
    if base is None:
        return None
    params = {
        "template": template,
        "title": correction_title(page_title),
        FIELD_PAGE_URL: page_url,
        FIELD_PAGE_TITLE: page_title,
    }
    if last_reviewed:
        params[FIELD_LAST_REVIEWED] = last_reviewed
    if source_file:
        params[FIELD_SOURCE_FILE] = source_file
    return f"{base}?{urlencode(params)}"


def endpoint_problem(url: str) -> Optional[str]:
    """Why ``url`` cannot receive corrections, or None when it can.

    Production endpoints must be HTTPS. Plain http is accepted only for a
    loopback host (127.0.0.0/8, ::1, localhost) so tests and local development
    can run a server without a certificate; a browser never sends a published
    page's corrections there by accident.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return "corrections_endpoint is not a valid URL"
    if not host:
        return f"corrections_endpoint must be a full https:// URL, got {url!r}"
    if parts.username or parts.password:
        return "corrections_endpoint must not contain credentials"
    if parts.scheme == "https":
        return None
    if parts.scheme == "http" and _is_loopback(host):
        return None
    return f"corrections_endpoint must use https:// (plain http only for 127.0.0.1 or localhost), got {url!r}"


def _is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def source_file_path(docs_dir: str, edit_path: Optional[str]) -> str:
    """The repository path of a page's source: ``docs/about.md`` or ``patterns/x.yml``.

    ``edit_path`` is the page's path relative to the docs folder (generated
    entry pages point ``../<collection>/<slug>.yml`` at their YAML); None for a
    generated page without a source file gives "".
    """
    if not edit_path:
        return ""
    parts: list[str] = []
    for part in f"{docs_dir.strip('/')}/{edit_path}".replace("\\", "/").split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/".join(parts)


def _meta_sources(meta: dict) -> tuple[Source, ...]:
    out = []
    for item in meta.get("sources") or ():
        if isinstance(item, dict) and item.get("title") and item.get("url"):
            out.append(Source(str(item["title"]), str(item["url"])))
    return tuple(out)


def maintenance_record(
    *,
    page_title: str,
    page_url: str,
    meta: dict,
    entry: Optional[Entry],
    repo_url: Optional[str],
    issue_template: str,
    source_file: str = "",
    endpoint: Optional[str] = None,
    timeout_seconds: float = 10,
) -> MaintenanceRecord:
    if entry is not None:
        last_reviewed, sources = entry.last_reviewed, entry.sources
        title = entry.title
    else:
        reviewed = meta.get("last_reviewed")
        last_reviewed = str(reviewed) if reviewed else None
        sources = _meta_sources(meta)
        title = page_title
    return MaintenanceRecord(
        last_reviewed=last_reviewed,
        sources=sources,
        correction_url=correction_issue_url(repo_url, issue_template, title, page_url, last_reviewed, source_file),
        page_title=title,
        page_url=page_url,
        source_file=source_file,
        issue_url=issue_form_base(repo_url),
        issue_template=issue_template,
        endpoint=endpoint or None,
        timeout_ms=max(1, int(round(float(timeout_seconds) * 1000))),
    )

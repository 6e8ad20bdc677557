"""The Maintenance record every page ends with, and the correction link.

The link is the no-JavaScript path of the corrections flow: a GitHub issue
form prefilled through URL parameters named after the form's field ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional
from urllib.parse import urlencode

from .model import Entry, Source

CORRECTION_SENTENCE = (
    "Found an error, outdated capability, or unclear category boundary? "
    "Submit a correction with a supporting source."
)

# Field ids of .github/ISSUE_TEMPLATE/correction.yml that the page prefills.
FIELD_PAGE_URL = "page-url"
FIELD_PAGE_TITLE = "page-title"


@dataclass(frozen=True)
class MaintenanceRecord:
    last_reviewed: Optional[str]
    sources: tuple[Source, ...] = ()
    correction_url: Optional[str] = None
    sentence: str = CORRECTION_SENTENCE
    extra: dict[str, Any] = field(default_factory=dict)


def correction_issue_url(repo_url: Optional[str], template: str, page_title: str, page_url: str) -> Optional[str]:
    """The new-issue URL of the correction form with the page prefilled."""
    if not repo_url or "github.com" not in repo_url:
        return None
    query = urlencode(
        {
            "template": template,
            "title": f"Correction: {page_title}",
            FIELD_PAGE_URL: page_url,
            FIELD_PAGE_TITLE: page_title,
        }
    )
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


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
        correction_url=correction_issue_url(repo_url, issue_template, title, page_url),
    )

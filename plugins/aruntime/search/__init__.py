"""Site search: documents (documents.py), the Lunr index and its files
(index.py), tokenisation shared with the browser (tokens.py).

``SearchCollector`` is what the MkDocs adapter talks to: it is told about
rendered pages (hand-written and index pages) as they render, and writes the
index of every document after the build. Nothing here imports MkDocs.
"""

from __future__ import annotations

import os
import shutil
from .documents import SearchDoc
from .index import build_files

#: Where the index is written, relative to the site root.
INDEX_DIR = "assets/aruntime/search"
#: What the browser accepts as a query (handed to it in the client contract).
MIN_QUERY_CHARS = 2  # fewer (after trimming) run no search
SHORT_QUERY_MESSAGE = "Enter at least two characters."
MAX_QUERY_CHARS = 200  # longer input is cut, in the box and in the URL
MAX_QUERY_WORDS = 8  # words after the eighth are ignored


class SearchCollector:
    def __init__(self) -> None:
        self.pages: list[tuple[str, str, str, str]] = []

    def add_page(self, title: str, url: str, html: str = "", summary: str = "") -> None:
        """A page indexed from its rendered HTML (hand-written and index pages)."""
        self.pages.append((title or "", url, html or "", summary or ""))

    def write(self, site_dir: str, docs: list[SearchDoc], names: list[list[str]]) -> dict:
        """Build the index of ``docs`` (plus the suggestion ``names``) and
        write it under ``site_dir/INDEX_DIR``; returns sizes."""
        files = build_files(docs, names)
        out = os.path.join(site_dir, *INDEX_DIR.split("/"))
        tmp = out + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        for rel, text in files.items():
            path = os.path.join(tmp, *rel.split("/"))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        shutil.rmtree(out, ignore_errors=True)
        os.replace(tmp, out)
        return {"documents": len(docs), "files": len(files), "bytes": sum(len(t.encode("utf-8")) for t in files.values())}

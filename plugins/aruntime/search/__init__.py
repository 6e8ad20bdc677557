"""Site search: documents (documents.py), the Lunr index and its files
(index.py), tokenisation shared with the browser (tokens.py).

``SearchCollector`` is what the MkDocs adapter talks to: it is told about
hand-written pages as they render and writes the index after the build.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import os
import shutil
from typing import Callable, Optional

from .documents import build_documents, suggestion_names
from .index import build_files

#: Where the index is written, relative to the site root.
INDEX_DIR = "assets/aruntime/search"
#: Pages never indexed (the results page itself).
EXCLUDED_SRC_URIS = frozenset({"search.md"})


class SearchCollector:
    def __init__(self) -> None:
        self.pages: list[tuple[str, str, str, str]] = []

    def add_page(self, src_uri: str, title: str, url: str, html: str = "", summary: str = "") -> None:
        """A hand-written page (or a generated page that is not an entry)."""
        if src_uri in EXCLUDED_SRC_URIS:
            return
        self.pages.append((title or "", url, html or "", summary or ""))

    def write(self, site_dir: str, model, render: Callable[[Optional[str]], str], directory_urls: bool = True) -> dict:
        """Build the index and write it under ``site_dir/INDEX_DIR``; returns sizes.

        ``render`` turns a Markdown field into HTML (the site's renderer).
        """
        docs = build_documents(model, render, self.pages, directory_urls)
        files = build_files(docs, suggestion_names(model, directory_urls))
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

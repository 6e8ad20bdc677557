"""Site search: documents (documents.py), the Lunr index and its files
(index.py), tokenisation shared with the browser (tokens.py).

``SearchCollector`` is what the MkDocs adapter talks to: it is told about
rendered pages (hand-written and index pages) as they render, and writes the
index of every document after the build. Nothing here imports MkDocs.
"""

from __future__ import annotations

import os
import shutil
from typing import Callable, Iterable

from .documents import SearchDoc
from .index import iter_files

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

    def write(self, site_dir: str, docs: Iterable[SearchDoc], names: list[list[str]],
              cancelled: Callable[[], bool] = lambda: False) -> dict | None:
        """Build the index of ``docs`` (plus the suggestion ``names``) and
        write it under ``site_dir/INDEX_DIR``; returns sizes. ``cancelled``
        is asked between documents and files: once it says yes, nothing more
        is built or written (None is returned)."""
        out = os.path.join(site_dir, *INDEX_DIR.split("/"))
        tmp = out + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        count = size = 0
        made: set[str] = set()  # folders made (a few, for ~1,000-2,000 files)

        def checkpoint() -> None:
            if cancelled():
                raise _Cancelled

        try:
            for rel, text in iter_files(docs, names, checkpoint=checkpoint):  # one file at a time
                checkpoint()
                path = os.path.join(tmp, *rel.split("/"))
                folder = os.path.dirname(path)
                if folder not in made:
                    os.makedirs(folder, exist_ok=True)
                    made.add(folder)
                data = text.encode("utf-8")
                with open(path, "wb") as fh:
                    fh.write(data)
                count, size = count + 1, size + len(data)
        except _Cancelled:
            shutil.rmtree(tmp, ignore_errors=True)
            return None
        shutil.rmtree(out, ignore_errors=True)
        os.replace(tmp, out)
        return {"files": count, "bytes": size}


class _Cancelled(Exception):
    pass

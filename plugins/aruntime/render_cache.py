"""Under ``mkdocs serve``: each page's HTML from the last build, reused when
nothing it is made from has changed.

A save rebuilds the whole site, and most of a rebuild is Material's templates
rendering pages that come out the same. Instead of tracking which pages read
which entries, a page's *inputs* are digested: its view context (which holds
every other entry it shows), its maintenance record, its title, meta, body
and table of contents, and what every page shares (the config, the nav, every
page's URL and the theme's template files). The same digest as last build
means the same template output, so it is read back instead of rendered.

Glossary auto-linking runs after the template. Its result is reused too when
the page's template output is the same, the set of linkable names is the
same, and the terms the page linked last time (their term and summary, which
the link's tooltip shows) are the same; editing one term's summary then links
again only the pages that link that term.

Pages are kept in a scratch folder (at 20,000 pages their HTML would not fit
in memory), removed by ``close()``. Plain Python; no MkDocs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from typing import Iterable, Optional


def digest(*parts) -> str:
    """A key for ``parts``: their ``repr``s, which for the values used here
    (strings, numbers, dates, lists, dicts and the model's dataclasses) are
    complete and stable from one build to the next."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def template_files_digest(dirs: Iterable[str]) -> str:
    """The theme's template files as they are on disk (name, size, mtime):
    an edited template renders every page again. Folders starting with a dot
    (Material's 14,000 icons) are skipped: they change only with the theme,
    whose templates change with it."""
    stats = []
    for top in dirs:
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                stats.append((path, st.st_size, st.st_mtime_ns))
    return digest(stats)


@dataclass
class _Stored:
    template_key: str
    link_key: Optional[str] = None  # digest of what auto-linking used; None: no linked output stored
    linked: tuple = ()  # the terms auto-linking linked in it, as the link key saw them


class PageOutputCache:
    """The last build's output of each page, by source path.

    ``template(name, key)`` is the template output stored under ``key`` or
    None; ``linked(name, key)`` the page after auto-linking, if stored with
    the same link key. A page whose inputs changed is stored again.
    """

    def __init__(self):
        self._folder: Optional[str] = None
        self._stored: dict[str, _Stored] = {}
        self._files: dict[str, str] = {}

    def knows(self, name: str) -> bool:
        return name in self._stored

    def template(self, name: str, key: str) -> Optional[str]:
        stored = self._stored.get(name)
        if stored is None or stored.template_key != key:
            return None
        return self._read(name, "t")

    def linked_terms(self, name: str) -> tuple:
        stored = self._stored.get(name)
        return stored.linked if stored is not None else ()

    def linked(self, name: str, link_key: str) -> Optional[str]:
        stored = self._stored.get(name)
        if stored is None or stored.link_key != link_key:
            return None
        return self._read(name, "l")

    def put_template(self, name: str, key: str, html: str) -> None:
        self._write(name, "t", html)
        self._stored[name] = _Stored(key)

    def put_linked(self, name: str, link_key: str, linked: tuple, html: str) -> None:
        stored = self._stored.get(name)
        if stored is None:
            return
        self._write(name, "l", html)
        stored.link_key, stored.linked = link_key, linked

    def forget_others(self, names: Iterable[str]) -> None:
        """Drop every page not in ``names`` (deleted entries)."""
        keep = set(names)
        for name in [n for n in self._stored if n not in keep]:
            del self._stored[name]
            for part in ("t", "l"):
                path = self._files.pop((name, part), None)
                if path is not None:
                    _remove(path)

    def close(self) -> None:
        folder, self._folder = self._folder, None
        self._stored.clear()
        self._files.clear()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    def _path(self, name: str, part: str) -> str:
        path = self._files.get((name, part))
        if path is None:
            if self._folder is None:
                self._folder = tempfile.mkdtemp(prefix="aruntime-pages-")
            path = self._files[(name, part)] = os.path.join(self._folder, f"{len(self._files)}.{part}.html")
        return path

    def _write(self, name: str, part: str, html: str) -> None:
        with open(self._path(name, part), "w", encoding="utf-8", errors="surrogatepass", newline="") as fh:
            fh.write(html)

    def _read(self, name: str, part: str) -> Optional[str]:
        path = self._files.get((name, part))
        if path is None:
            return None
        try:
            with open(path, encoding="utf-8", errors="surrogatepass", newline="") as fh:
                return fh.read()
        except OSError:  # the scratch folder was cleaned away: render again
            return None


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass

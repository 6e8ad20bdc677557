"""Under ``mkdocs serve``: each page's HTML from the last build, reused when
nothing it is made from has changed.

A save rebuilds the whole site, and most of a rebuild is Material's templates
rendering pages that come out the same. Instead of tracking which pages read
which entries, a page's *inputs* are digested: its view context (which holds
every other entry it shows), its maintenance record, its title, meta, body
and table of contents, and what every page shares (the config, the nav and
the theme's template files). The same digest as last build
means the same template output, so it is read back instead of rendered.

Glossary auto-linking runs after the template. Its result, the finished page
(the adapter's last fix-up applied too), is reused when the page's template
output is the same, the set of linkable names is the same, and the terms the
page linked last time (their term and summary, which the link's tooltip
shows) are the same; editing one term's summary then links again only the
pages that link that term.

Pages are kept in an anonymous temporary file (at 20,000 pages their HTML
would not fit in memory): it has no name on disk, so nothing is left behind
however the server stops (``mkdocs serve`` stopped by a signal runs no
clean-up). Plain Python; no MkDocs.
"""

from __future__ import annotations

import hashlib
import os
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


def nav_state(items) -> list:
    """A nav (MkDocs' ``Navigation.items``) as its templates read it: kind,
    title and URL of every item, nested."""
    return [
        (type(item).__name__, item.title, getattr(item, "url", None), nav_state(getattr(item, "children", None) or []))
        for item in items
    ]


def toc_state(toc) -> list:
    """A page's table of contents (MkDocs' ``AnchorLink``s) as values."""
    return [(a.id, a.title, a.level, toc_state(a.children)) for a in toc or []]


@dataclass
class _Stored:
    template_key: str
    template: tuple  # (offset, length) in the pack
    link_key: Optional[str] = None  # digest of what auto-linking used; None: no linked output stored
    linked_slugs: tuple = ()  # the terms auto-linking linked in it
    linked: tuple = ()  # (offset, length) of the linked output


class PageOutputCache:
    """The last build's output of each page, by source path.

    ``template(name, key)`` is the template output stored under ``key`` or
    None; ``linked(name, link_key)`` the page after auto-linking, if stored
    with the same link key. A page whose inputs changed is stored again.

    Outputs are appended to one temporary file (one write per page, not a
    file each) and read back by offset; the file is rewritten with only what
    is still used when it has grown to three times that. ``folder``: where
    the temporary file goes (the system's default).
    """

    def __init__(self, folder: Optional[str] = None):
        self._folder = folder
        self._pack = None
        self._size = 0
        self._stored: dict[str, _Stored] = {}

    def knows(self, name: str) -> bool:
        return name in self._stored

    def template(self, name: str, key: str) -> Optional[str]:
        stored = self._stored.get(name)
        if stored is None or stored.template_key != key:
            return None
        return self._read(stored.template)

    def linked_terms(self, name: str) -> tuple:
        stored = self._stored.get(name)
        return stored.linked_slugs if stored is not None else ()

    def linked(self, name: str, link_key: str) -> Optional[str]:
        stored = self._stored.get(name)
        if stored is None or stored.link_key != link_key:
            return None
        return self._read(stored.linked)

    def put_template(self, name: str, key: str, html: str) -> None:
        self._stored[name] = _Stored(key, self._write(html))

    def put_linked(self, name: str, link_key: str, slugs: tuple, html: str) -> None:
        stored = self._stored.get(name)
        if stored is not None:
            stored.link_key, stored.linked_slugs, stored.linked = link_key, slugs, self._write(html)

    def end_build(self, names: Iterable[str]) -> None:
        """After a build: forget pages not in ``names`` (deleted), and
        rewrite the pack if most of it is no longer used."""
        keep = set(names)
        for name in [n for n in self._stored if n not in keep]:
            del self._stored[name]
        live = sum(s.template[1] + (s.linked[1] if s.linked else 0) for s in self._stored.values())
        if self._pack is not None and self._size > 3 * live + (1 << 20):
            self._compact()

    def close(self) -> None:
        if self._pack is not None:
            self._pack.close()
            self._pack = None
        self._stored.clear()
        self._size = 0

    def _open(self):
        # Unlinked at once on POSIX, deleted on close on Windows.
        return tempfile.TemporaryFile("w+b", prefix="aruntime-pages-", dir=self._folder)

    def _write(self, html: str) -> tuple:
        if self._pack is None:
            self._pack, self._size = self._open(), 0
        data = html.encode("utf-8", "surrogatepass")
        self._pack.seek(self._size)
        self._pack.write(data)
        place = (self._size, len(data))
        self._size += len(data)
        return place

    def _read(self, place: tuple) -> Optional[str]:
        if not place:  # no linked output stored
            return None
        self._pack.seek(place[0])
        return self._pack.read(place[1]).decode("utf-8", "surrogatepass")

    def _compact(self) -> None:
        old = self._pack
        self._pack, self._size = self._open(), 0
        for stored in self._stored.values():
            for attr in ("template", "linked"):
                place = getattr(stored, attr)
                if place:
                    old.seek(place[0])
                    setattr(stored, attr, self._write(old.read(place[1]).decode("utf-8", "surrogatepass")))
        old.close()

"""Build-wide helpers the adapter uses: the garbage-collector policy of a
build, compiled templates kept across rebuilds, the sidebar nav reused
between pages outside the nav and spliced between sibling pages in it,
Material's interface texts looked up once per build, and the theme's files
listed without its hidden folders. Plain Python (and Jinja); no MkDocs.
"""

from __future__ import annotations

import contextlib
import gc
import os
import tempfile

from jinja2 import BytecodeCache, FileSystemLoader
from markupsafe import Markup


class TemplateBytecodeCache(BytecodeCache):
    """Compiled templates, keyed by Jinja (template name and file, and a
    checksum of the source, so an edited template compiles again): kept for
    the life of the process (`mkdocs serve` rebuilds) and, when given a
    folder, on disk between processes (one-off builds compile none of the
    ~50 templates again: ~0.25 s a build). Disk errors only cost the
    compile: a read-only checkout or a full disk never fails a build. Each
    file holds marshalled code Python runs: the folder is the project's
    own, never a shared temporary one."""

    def __init__(self, directory: str | None = None):
        self.code: dict[str, bytes] = {}
        self.directory = directory

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, key + ".cache")

    def load_bytecode(self, bucket):
        code = self.code.get(bucket.key)
        if code is None and self.directory:
            try:
                with open(self._path(bucket.key), "rb") as f:
                    code = f.read()
            except OSError:
                return
        if code is not None:
            bucket.bytecode_from_string(code)  # a stale checksum leaves the bucket empty: Jinja compiles
            if bucket.code is not None:
                self.code[bucket.key] = code

    def dump_bytecode(self, bucket):
        code = self.code[bucket.key] = bucket.bytecode_to_string()
        if not self.directory:
            return
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        except OSError:
            return
        # written whole, then renamed: a build running beside this one never reads half a file
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(code)
            os.replace(tmp, self._path(bucket.key))
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


#: Where a build keeps compiled templates, under the folder of mkdocs.yml
#: (ignored by git, like Material's own .cache).
TEMPLATE_CACHE_DIR = os.path.join(".cache", "aruntime", "templates")
TEMPLATE_BYTECODE = TemplateBytecodeCache()


class ThemeLoader(FileSystemLoader):
    """Jinja's loader of the theme folders, listing their files without
    walking hidden folders. MkDocs lists every theme file on every build to
    copy the static ones, and drops every path with a part starting with a
    dot; Material's ``.icons`` holds 14,000 of its 14,300 files (0.3 s a
    build). Templates load as with Jinja's own loader."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                for filename in filenames:
                    template = os.path.join(dirpath, filename)[len(searchpath):].strip(os.path.sep).replace(os.path.sep, "/")
                    found.add(template[2:] if template[:2] == "./" else template)
        return sorted(found)


def list_theme_without_hidden_folders(theme) -> None:
    """Make ``theme`` (MkDocs' Theme, one per build) give environments whose
    loader is a ThemeLoader; a theme whose loader is not Jinja's own
    FileSystemLoader is left as it is."""
    get_env = theme.get_env
    if getattr(get_env, "lists_hidden_folders", True) is False:
        return

    def theme_env():
        env = get_env()
        loader = env.loader
        if type(loader) is FileSystemLoader:
            env.loader = ThemeLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    theme_env.lists_hidden_folders = False
    theme.get_env = theme_env


class BuildGarbagePolicy:
    """Python's cyclic garbage collector during a build.

    A build allocates millions of small objects that live until it ends
    (pages, their HTML, the search postings); with the default thresholds the
    collector rescans them again and again — half the wall time of a 2,000-page
    build (measured with gc disabled: 54 s -> 25 s; stock Material the same).
    While a build runs, young collections happen less often, and what is known
    to live until the end (the model, the read pages) is moved out of the
    collector's way with gc.freeze(); afterwards everything is as it was, so
    under ``mkdocs serve`` one build's objects are freed before the next.
    """

    YOUNG_THRESHOLD = 50_000

    def __init__(self):
        self.saved = None

    def start(self):
        if self.saved is None:
            self.saved = gc.get_threshold()
            gc.set_threshold(max(self.saved[0], self.YOUNG_THRESHOLD), *self.saved[1:])

    def keep(self):
        if self.saved is not None:
            gc.freeze()

    def end(self):
        if self.saved is not None:
            gc.unfreeze()
            gc.set_threshold(*self.saved)
            self.saved = None


class NavReuse:
    """Sidebar nav markup reused between pages outside the nav.

    Material renders the whole nav into every page. For a page that is not in
    the nav nothing in it is active, so every such page at the same folder
    depth gets identical markup (its links are relative to the depth). The
    first such page at a depth renders it; its output (between the markers
    main.html prints around the nav) is handed to the next ones as
    ``ar_nav_html``, so templates print a value and call no Python.
    """

    START, END = "<!--ar:nav-->", "<!--/ar:nav-->"

    def __init__(self):
        self.html: dict[int, Markup] = {}

    @staticmethod
    def key(page, spec):
        if spec is None or spec.in_nav or spec.ref is None:
            return None
        return page.url.count("/")

    def get(self, page, spec):
        key = self.key(page, spec)
        return self.html.get(key) if key is not None else None

    def remember(self, page, spec, output: str) -> None:
        key = self.key(page, spec)
        if key is None or key in self.html:
            return
        start, end = output.find(self.START), output.find(self.END)
        if 0 <= start < end:
            self.html[key] = Markup(output[start + len(self.START) : end])


class NavSplice:
    """Sidebar nav markup of pages *in* the nav, spliced instead of rendered.

    Material renders the whole nav into every page (nav-item.html, one macro
    call per item): with 2,000 pattern pages in the nav that is 2,000 × 2,000
    items. Two sibling pages P0 and P (same parent section, URLs ``D/a/`` and
    ``D/b/``) get the same nav markup except for their own two items: the
    same sections are active, and every other link is relative to the same
    folder depth. So the first page of such a group renders the nav as usual
    and, in the same context, each sibling's item alone (main.html); the
    items are located in its nav. Each later sibling P renders only its own
    (active) item and P0's (now inactive) one, and gets P0's nav with those
    two items swapped in.

    A page takes part only if that reasoning holds for it: a leaf page with a
    folder URL under which no other nav URL lies, not an index page, and no
    two nav entries with one URL. If the first page's items are not all found
    where expected, in order, its group is rendered as usual.
    """

    #: Off: every page renders its nav (tests compare both ways).
    enabled = True

    def __init__(self, nav=None):
        self.groups: dict[str, _NavGroup] = {}  # page src_uri -> its group
        self.spliced = 0
        if nav is None or not self.enabled:
            return
        leaves: list = []  # (parent, page) of every leaf page, in nav order
        urls: list[str] = []  # every nav page's and link's URL
        _walk_nav(nav.items, None, leaves, urls)
        if len(set(urls)) != len(urls):
            return  # one URL twice: an item could be found at the other's place
        parents = set()  # every folder some nav URL lies under
        for url in urls:
            parts = url.rstrip("/").split("/")
            parents.update("/".join(parts[:i]) + "/" for i in range(1, len(parts)))
        by_key: dict[tuple, list] = {}
        for parent, page in leaves:
            url = page.url
            if not url.endswith("/") or url in parents or getattr(page, "is_index", True) or getattr(page, "is_homepage", True):
                continue
            by_key.setdefault((id(parent), url[:-1].rpartition("/")[0]), []).append(page)
        for members in by_key.values():
            if len(members) > 1:
                group = _NavGroup(members)
                for page in members:
                    self.groups[page.file.src_uri] = group

    def context(self, page) -> dict:
        """Template values for ``page``: ``ar_nav_splice`` (render two items
        and call ``join``) or ``ar_nav_learn`` (render the nav, then each
        sibling's item for ``add``); none for a page rendered as usual."""
        group = self.groups.get(page.file.src_uri)
        if group is None:
            return {}
        if group.spans is not None:
            self.spliced += 1
            return {"ar_nav_splice": _SplicedNav(group, page)}
        if group.learner is None:
            group.learner = page.file.src_uri
            return {"ar_nav_learn": group}
        return {}

    def remember(self, page, output: str) -> None:
        """After the first page of a group: locate its siblings' items in its nav."""
        group = self.groups.get(page.file.src_uri)
        if group is None or group.learner != page.file.src_uri or group.spans is not None:
            return
        start, end = output.find(NavReuse.START), output.find(NavReuse.END)
        items, group.items = group.items, []
        if not 0 <= start < end or len(items) != len(group.members):
            return
        nav = output[start + len(NavReuse.START) : end]
        spans, at = [], 0
        for item in items:
            found = nav.find(item, at)
            if found < 0:
                return  # not rendered the way the reasoning assumes: no splicing for this group
            spans.append((found, found + len(item)))
            at = found + len(item)
        group.nav, group.spans, group.first = nav, spans, group.index[page.file.src_uri]


def _walk_nav(items, parent, leaves: list, urls: list) -> None:
    for item in items:
        if getattr(item, "is_section", False):
            _walk_nav(item.children or [], item, leaves, urls)
        elif getattr(item, "is_page", False):
            leaves.append((parent, item))
            urls.append(item.url)
        elif getattr(item, "is_link", False):
            urls.append(item.url)


class _NavGroup:
    """Sibling pages whose nav markup differs only in their own items."""

    def __init__(self, members: list):
        self.members = members  # in nav order
        self.index = {page.file.src_uri: i for i, page in enumerate(members)}
        self.learner = None  # src_uri of the page whose nav the group's is made from
        self.items: list[str] = []  # each member's item in the learner's context, in order
        self.nav = ""
        self.spans = None  # (start, end) of each member's item in ``nav``
        self.first = -1  # the learner's index in ``members``

    @property
    def leaves(self) -> list:
        return self.members

    def add(self, item) -> str:
        self.items.append(str(item))
        return ""


class _SplicedNav:
    """One page's nav: its group's nav with two items swapped."""

    def __init__(self, group: _NavGroup, page):
        self.group = group
        self.index = group.index[page.file.src_uri]
        self.first = group.members[group.first]

    def join(self, own_item, first_item) -> Markup:
        g = self.group
        swaps = sorted([(g.spans[self.index], str(own_item)), (g.spans[g.first], str(first_item))])
        pieces, at = [], 0
        for (start, end), item in swaps:
            pieces += [g.nav[at:start], item]
            at = end
        pieces.append(g.nav[at:])
        return Markup("".join(pieces))


class Translations:
    """Material's interface texts, each looked up once per build.

    partials/language.html sets its ``t`` to ``ar_translation.bound(lang,
    fallback)`` with Material's language modules: a plain function, so each
    of Material's ``lang.t(key)`` calls (some fifteen a page) is one Python
    call instead of a Jinja macro's. The answer is Material's, ``lang.t(key)
    or fallback.t(key) or key``, kept for the build (one Jinja environment,
    one site language)."""

    def __init__(self):
        self.texts: dict[str, object] = {}

    def __call__(self, key, lang, fallback):
        text = self.texts.get(key)
        if text is None:
            text = self.texts[key] = lang.t(key) or fallback.t(key) or key
        return text

    def bound(self, lang, fallback):
        """``t(key)`` for these language modules: the kept text, else looked up."""
        texts = self.texts

        def t(key):
            text = texts.get(key)
            return text if text is not None else self(key, lang, fallback)

        return t

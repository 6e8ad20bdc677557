"""``mkdocs serve``: what it shows while the content has errors, how soon it
sees a save, and what of the last build it deletes.

A failed rebuild would leave MkDocs' dev server waiting for a good build, so
every request hangs. Instead, in serve mode the plugin builds an error site:
``index.html`` and ``404.html`` (which the dev server answers for every
missing path) list each problem as ``path:line:column: ...``, the same list
the terminal shows. The dev server adds its live-reload script to the page,
so it turns back into the site by itself once the files are fixed.
"""

from __future__ import annotations

import itertools
import os
import shutil
import threading
import time
from html import escape
from typing import Iterable

from .problems import ERROR, Problem

PAGES = ("index.html", "404.html")


def error_page(problems: Iterable[Problem], site_name: str = "") -> str:
    """A self-contained HTML page listing the problems (errors first)."""
    problems = sorted(problems, key=lambda p: (p.severity != ERROR, p.location, p.code))
    errors = sum(p.severity == ERROR for p in problems)
    items = "\n".join(
        f'<li class="{escape(p.severity)}"><code>{escape(str(p))}</code></li>' for p in problems
    )
    title = f"{errors} content error{'s' if errors != 1 else ''}"
    name = f" — {escape(site_name)}" if site_name else ""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}{name}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1a1a1a; background: #fff; }}
h1 {{ color: #a40000; font-size: 1.5rem; }}
ul {{ padding-left: 1.2rem; }}
li {{ margin: .4rem 0; }}
li.error code {{ color: #a40000; }}
code {{ white-space: pre-wrap; word-break: break-word; }}
</style>
</head>
<body>
<main>
<h1 id="aruntime-content-errors">{title}: the site is not built</h1>
<p>Fix these in the files named below. This page reloads by itself when the content is valid again.</p>
<ul id="aruntime-problems">
{items}
</ul>
</main>
</body>
</html>
"""


def error_mode(config, problems: Iterable[Problem]) -> str:
    """Turn this build of the dev server into the error site; return its page.

    Nothing of the real site is rendered: no nav, no theme templates (404.html,
    sitemap.xml), no extra templates; the plugin adds no files and writes the
    returned page in on_post_build. ``config`` is MkDocs' (or ProperDocs')
    config, used by attribute only.
    """
    config.nav = []
    config.theme.static_templates.clear()
    config.extra_templates = []
    return error_page(problems, config.site_name)


def write_error_site(site_dir: str, html: str) -> None:
    """Answer every request of the dev server with ``html``."""
    os.makedirs(site_dir, exist_ok=True)
    for name in PAGES:
        with open(os.path.join(site_dir, name), "w", encoding="utf-8") as fh:
            fh.write(html)


def terminal_notice(count: int) -> str:
    return (
        f"{count} error(s) in content files (listed above). The dev server shows them at every address "
        "and reloads by itself when they are fixed."
    )


# How often the dev server looks for saved files. MkDocs polls every watched
# folder every 0.5 s (polling works on network and container mounts, where
# file-system events do not), so a save waits 0.25 s on average before the
# rebuild starts. Polling more often costs a scan of every watched file each
# time: ~1 ms for this repository, ~25 ms at 1,000 entries, ~120 ms at 5,000.
POLL_INTERVAL_MIN = 0.1
POLL_INTERVAL_MAX = 0.5  # MkDocs' own
#: The share of one core the scans may take.
POLL_CPU_SHARE = 0.1


def poll_interval(scan_seconds: float) -> float:
    """Seconds between two polls when one scan of the watched paths takes
    ``scan_seconds``: as often as the CPU share allows, never less often than
    MkDocs does."""
    return min(POLL_INTERVAL_MAX, max(POLL_INTERVAL_MIN, scan_seconds / POLL_CPU_SHARE))


def scan_seconds(paths: Iterable[str]) -> float:
    """What one poll of ``paths`` costs: a snapshot of each and the comparison
    with the last one, as watchdog's polling emitter takes them."""
    from watchdog.utils.dirsnapshot import DirectorySnapshot, DirectorySnapshotDiff

    start = time.perf_counter()
    for path in paths:
        try:
            before = DirectorySnapshot(path)
            DirectorySnapshotDiff(before, DirectorySnapshot(path))
        except OSError:
            continue
    return (time.perf_counter() - start) / 2  # two snapshots were taken; a poll takes one


#: Hidden, so MkDocs' cleaning of the site folder skips it (it skips dot names).
PREVIOUS_BUILD_PREFIX = ".aruntime-previous-build-"


class SiteSweeper:
    """Keeps the last build's files in place through a rebuild; deletes,
    once the new build is written, only those it did not write again.

    MkDocs deletes every file and folder of the last build before it writes
    the first page, then makes every page's folder again: at 1,000 pages
    0.1-0.2 s of deleting and as much of making folders, all before the
    reload. Instead, just before MkDocs cleans (``set_aside``), the last
    build's top-level entries are renamed into one hidden folder, which the
    cleaning skips, and renamed back once it is done (``put_back``); the
    build then writes over them. After the build (``sweep``), a file whose
    modification time and size are still those noted before the build was
    not written again (a deleted page, the last search index) and is
    deleted, in the background, with the folders that leaves empty; the
    next build and ``join`` wait for that. This relies on the file system
    giving a rewritten file a new modification time, as those of the
    temporary folder MkDocs serves from do (tmpfs, ext4, APFS, NTFS).
    """

    def __init__(self) -> None:
        self._threads: list[threading.Thread] = []
        self._numbers = itertools.count(1)
        self._site_dir: str | None = None
        self._before: dict[str, tuple[int, int]] = {}  # site path -> (mtime_ns, size) before this build
        self._aside: str | None = None  # the hidden folder the last build is in, until put back

    def set_aside(self, site_dir: str) -> int:
        """Note the last build's files and move them out of MkDocs' way;
        return how many top-level entries moved."""
        self.join()
        self._site_dir, self._before, self._aside = site_dir, _files_in(site_dir), None
        try:
            names = [name for name in os.listdir(site_dir) if not name.startswith(".")]
        except OSError:
            return 0  # no site folder yet
        if not names:
            return 0
        aside = os.path.join(site_dir, f"{PREVIOUS_BUILD_PREFIX}{os.getpid()}-{next(self._numbers)}")
        try:
            os.mkdir(aside)
        except OSError:
            return 0  # MkDocs cleans as usual; sweep finds nothing left to delete
        self._aside = aside
        moved = 0
        for name in names:
            try:
                os.rename(os.path.join(site_dir, name), os.path.join(aside, name))
                moved += 1
            except OSError:
                pass  # left for MkDocs to delete
        return moved

    def put_back(self) -> None:
        """After MkDocs' cleaning: the last build's files back where they were."""
        aside, self._aside = self._aside, None
        if aside is None:
            return
        for name in os.listdir(aside):
            try:
                os.rename(os.path.join(aside, name), os.path.join(self._site_dir, name))
            except OSError:
                pass  # deleted with the folder below
        try:
            os.rmdir(aside)
        except OSError:
            self._start(shutil.rmtree, aside, True)

    def sweep(self) -> None:
        """After the build: delete, in the background, what it did not write again."""
        self.put_back()  # if the build never got to it
        site_dir, before, self._before = self._site_dir, self._before, {}
        stale = [path for path, noted in before.items() if _noted(os.path.join(site_dir, path)) == noted]
        if stale:
            self._start(_delete, site_dir, stale, before)

    def join(self) -> None:
        """Wait for every deletion started."""
        for thread in self._threads:
            thread.join()
        self._threads = []

    def _start(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, name="aruntime-site-sweeper", daemon=True)
        thread.start()
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]


def _noted(path: str):
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _files_in(site_dir: str) -> dict[str, tuple[int, int]]:
    """Every file below ``site_dir`` (not its hidden top-level entries): site path -> (mtime_ns, size)."""
    found: dict[str, tuple[int, int]] = {}
    folders = [""]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(os.path.join(site_dir, folder)) as entries:
                for entry in entries:
                    path = f"{folder}/{entry.name}" if folder else entry.name
                    if not folder and entry.name.startswith("."):
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(path)
                    else:
                        st = entry.stat(follow_symlinks=False)
                        found[path] = (st.st_mtime_ns, st.st_size)
        except OSError:
            continue
    return found


def _delete(site_dir: str, stale: list[str], noted: dict) -> None:
    folders = set()
    for path in stale:
        abs_path = os.path.join(site_dir, path)
        if _noted(abs_path) != noted[path]:
            continue  # written since it was found stale
        try:
            os.unlink(abs_path)
        except OSError:
            continue
        parent = os.path.dirname(path)
        while parent:
            folders.add(parent)
            parent = os.path.dirname(parent)
    for folder in sorted(folders, key=lambda f: f.count("/"), reverse=True):
        try:
            os.rmdir(os.path.join(site_dir, folder))  # only if this left it empty
        except OSError:
            pass

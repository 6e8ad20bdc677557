"""``mkdocs serve``: what it shows while the content has errors, how soon it
sees a save, and what it clears before a rebuild.

A failed rebuild would leave MkDocs' dev server waiting for a good build, so
every request hangs. Instead, in serve mode the plugin builds an error site:
``index.html`` and ``404.html`` (which the dev server answers for every
missing path) list each problem as ``path:line:column: ...``, the same list
the terminal shows. The dev server adds its live-reload script to the page,
so it turns back into the site by itself once the files are fixed.
"""

from __future__ import annotations

import itertools
import logging
import os
import shutil
import subprocess
import sys
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
    """Empties the site folder before a rebuild without waiting for the disk,
    and deletes the last build once the new one is written.

    MkDocs deletes every file and folder of the last build before it writes
    the first page: one ``unlink`` and ``rmdir`` per page, 0.1 s at 1,000
    pages on a quiet disk and up to 2 s on a busy one, all before the reload.
    Instead the last build's top-level entries are renamed into one hidden
    folder inside the site folder (a few renames, ``set_aside``), and that is
    deleted by another process started after the new build is written
    (``delete_set_aside``): deleting while the build runs would take the
    build's turns at the disk, and a deleting thread (as before) also took
    its turns at the interpreter: each of the next build's file operations
    then waited for the interpreter lock, 1.5 s a rebuild at 1,000 entries
    when a save followed the last one within a second or two. (Writing the new build
    over the last one's files instead is slower on ext4: truncating a file
    written a second ago waits for its data to reach the disk.) Should serve
    stop first, MkDocs removes the whole site folder, hidden folders
    included, after ``join`` has let the threads finish.

    A page whose output is the last build's (the page cache knows) need not
    be written at all: ``restore`` renames it back from the folder set aside,
    its whole folder where that holds nothing else (no folder to create: on
    ext4 1,000 renamed folders took 0.045 s, 1,000 new folders with the file
    renamed into each 0.08-0.15 s). At 1,000 entries writing the pages was
    half of a rebuild.
    """

    def __init__(self) -> None:
        self._deleting: list[subprocess.Popen | threading.Thread] = []
        self._numbers = itertools.count(1)
        self._aside: list[str] = []  # folders set aside and not yet being deleted
        self._last: tuple[str, str] | None = None  # (site folder, its last build set aside), if restorable
        self._complete: str | None = None  # the site folder whose last build was written whole

    def set_aside(self, site_dir: str) -> int:
        """Move the last build out of the way; return how many entries moved."""
        try:
            names = [name for name in os.listdir(site_dir) if not name.startswith(".")]
        except OSError:
            return 0  # no site folder yet
        # only a build written whole may give files back: one that failed
        # half-way may hold a page newer than the page cache knows
        complete, self._complete, self._last = self._complete == site_dir, None, None
        if not names:
            return 0
        aside = os.path.join(site_dir, f"{PREVIOUS_BUILD_PREFIX}{os.getpid()}-{next(self._numbers)}")
        try:
            os.mkdir(aside)
        except OSError:
            return 0  # MkDocs cleans as usual
        self._aside.append(aside)
        if complete:
            self._last = (site_dir, aside)
        moved = 0
        for name in names:
            try:
                os.rename(os.path.join(site_dir, name), os.path.join(aside, name))
                moved += 1
            except OSError:
                pass  # left for MkDocs to delete
        return moved

    def written(self, site_dir: str) -> None:
        """The build in ``site_dir`` is complete: the next may restore from it."""
        self._complete = site_dir

    def restore(self, site_dir: str, dest_uri: str) -> bool:
        """Move the last build's ``dest_uri`` back into ``site_dir``, where
        this build would write the same bytes; False where it cannot (the
        caller writes the file then)."""
        if self._last is None or self._last[0] != site_dir or not dest_uri or os.path.isabs(dest_uri):
            return False
        parts = dest_uri.split("/")
        if ".." in parts or parts[0].startswith("."):
            return False
        old = os.path.join(self._last[1], *parts)
        new = os.path.join(site_dir, *parts)
        try:
            if len(parts) > 1 and self._restore_folder(os.path.dirname(old), os.path.dirname(new), parts[-1]):
                return True
            os.makedirs(os.path.dirname(new), exist_ok=True)
            os.rename(old, new)
        except OSError:
            return False
        return True

    @staticmethod
    def _restore_folder(old: str, new: str, name: str) -> bool:
        """Rename the folder ``old`` to ``new`` when the page file ``name`` is
        all it holds and ``new`` is not there yet (this build has written
        nothing into it)."""
        if os.path.lexists(new) or os.listdir(old) != [name]:
            return False
        os.makedirs(os.path.dirname(new), exist_ok=True)
        os.rename(old, new)
        return True

    def delete_set_aside(self) -> None:
        """Start deleting, in another process, what was set aside."""
        self._last = None
        aside, self._aside = self._aside, []
        if not aside:
            return
        try:
            worker = subprocess.Popen([sys.executable, "-c", _DELETE_ALL, *aside], stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:  # no process to spare: a thread, as slow as it is
            worker = threading.Thread(target=_delete_all, args=(aside,), name="aruntime-site-sweeper", daemon=True)
            worker.start()
        self._deleting = [w for w in self._deleting if _running(w)] + [worker]

    def join(self) -> None:
        """Delete what is set aside and wait for every deletion started (before serve removes the folder)."""
        self.delete_set_aside()
        for worker in self._deleting:
            worker.wait() if isinstance(worker, subprocess.Popen) else worker.join()
        self._deleting = []


def _running(worker) -> bool:
    return worker.poll() is None if isinstance(worker, subprocess.Popen) else worker.is_alive()


_DELETE_ALL = "import shutil, sys\nfor folder in sys.argv[1:]:\n    shutil.rmtree(folder, True)\n"


#: The logger of MkDocs' page writing (mkdocs/commands/build.py).
MKDOCS_BUILD_LOG = "mkdocs.commands.build"


class RestoredPagesLog(logging.Filter):
    """MkDocs says "Page skipped: '<page>'. Generated empty output." for a
    page a plugin returns empty (mkdocs/commands/build.py): for the pages
    ``SiteSweeper.restore`` gave back, which are not skipped, it is not
    shown. Other messages, and that one for other pages, pass."""

    def __init__(self) -> None:
        super().__init__()
        self._messages: set[str] = set()

    def add(self, src_uri: str) -> None:
        self._messages.add(f"Page skipped: '{src_uri}'. Generated empty output.")

    def clear(self) -> None:
        self._messages.clear()

    def filter(self, record: logging.LogRecord) -> bool:
        return not self._messages or record.getMessage() not in self._messages


def _delete_all(folders: list[str]) -> None:
    for folder in folders:
        shutil.rmtree(folder, True)

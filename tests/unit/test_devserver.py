"""The dev server's helpers: how often it polls, and setting the last build
aside before a rebuild, deleted once the new one is written."""

from __future__ import annotations

import logging
import os

import pytest

from aruntime.devserver import (
    POLL_INTERVAL_MAX,
    POLL_INTERVAL_MIN,
    PREVIOUS_BUILD_PREFIX,
    RestoredPagesLog,
    SiteSweeper,
    poll_interval,
    scan_seconds,
)


@pytest.mark.parametrize(
    "scan, expected",
    [
        (0.0, POLL_INTERVAL_MIN),  # a small site: as often as the floor allows
        (0.015, 0.15),  # a scan may take a tenth of the time between scans
        (0.2, POLL_INTERVAL_MAX),  # a huge site: never less often than MkDocs
    ],
)
def test_poll_interval_keeps_the_scans_to_a_tenth_of_a_core(scan, expected):
    assert poll_interval(scan) == pytest.approx(expected)


def test_scan_seconds_grows_with_the_files_watched(tmp_path):
    few, many = tmp_path / "few", tmp_path / "many"
    for folder, count in ((few, 2), (many, 2000)):
        folder.mkdir()
        for i in range(count):
            (folder / f"{i}.yml").write_text("x")
    assert scan_seconds([str(many)]) > scan_seconds([str(few)])
    assert scan_seconds([str(tmp_path / "missing")]) < 0.01


def _site(root):
    (root / "glossary" / "kv-cache").mkdir(parents=True)
    (root / "glossary" / "kv-cache" / "index.html").write_text("old page")
    (root / "index.html").write_text("old home")
    (root / ".keep").write_text("hidden: MkDocs never deletes it, nor do we")
    return root


def test_the_last_build_is_set_aside_at_once_and_deleted_once_the_new_one_is_written(tmp_path):
    site = _site(tmp_path / "site")
    sweeper = SiteSweeper()
    assert sweeper.set_aside(str(site)) == 2
    # Right after, only hidden names are left: MkDocs' cleaning has nothing to do.
    assert all(name.startswith(".") for name in os.listdir(site))
    (site / "index.html").write_text("new home")  # the new build
    # Nothing is deleted while the build runs.
    (aside,) = [name for name in os.listdir(site) if name.startswith(PREVIOUS_BUILD_PREFIX)]
    assert (site / aside / "glossary" / "kv-cache" / "index.html").read_text() == "old page"
    sweeper.delete_set_aside()
    sweeper.join()
    assert sorted(os.listdir(site)) == [".keep", "index.html"]


def test_builds_in_a_row_and_serve_stopping_before_the_deletion(tmp_path):
    site = _site(tmp_path / "site")
    sweeper = SiteSweeper()
    sweeper.set_aside(str(site))
    (site / "index.html").write_text("new home")  # a build that failed: nothing deleted yet
    assert sweeper.set_aside(str(site)) == 1
    sweeper.join()  # serve stops: what is set aside is deleted first
    assert sorted(os.listdir(site)) == [".keep"]
    assert not [name for name in os.listdir(site) if name.startswith(PREVIOUS_BUILD_PREFIX)]


def test_a_page_as_last_time_is_moved_back_from_a_build_written_whole(tmp_path):
    site = _site(tmp_path / "site")
    sweeper = SiteSweeper()
    sweeper.written(str(site))  # the last build completed
    sweeper.set_aside(str(site))
    assert sweeper.restore(str(site), "glossary/kv-cache/index.html")
    assert (site / "glossary" / "kv-cache" / "index.html").read_text() == "old page"
    # what the last build did not have, and paths that leave the site, are written as usual
    assert not sweeper.restore(str(site), "glossary/new/index.html")
    assert not sweeper.restore(str(site), "../outside.html")
    assert not sweeper.restore(str(site), "/etc/passwd")
    assert not sweeper.restore(str(tmp_path / "other-site"), "index.html")
    sweeper.delete_set_aside()
    sweeper.join()
    assert sorted(os.listdir(site)) == [".keep", "glossary"]
    # once deleted, nothing is restored
    assert not sweeper.restore(str(site), "index.html")


def test_a_page_folder_holding_only_the_page_is_moved_back_whole(tmp_path):
    site = _site(tmp_path / "site")
    (site / "glossary" / "decode").mkdir()
    (site / "glossary" / "decode" / "index.html").write_text("decode page")
    (site / "glossary" / "decode" / "diagram.svg").write_text("<svg/>")  # the page's folder holds more
    sweeper = SiteSweeper()
    sweeper.written(str(site))
    sweeper.set_aside(str(site))
    (aside,) = [site / name for name in os.listdir(site) if name.startswith(PREVIOUS_BUILD_PREFIX)]
    old_folder = os.stat(aside / "glossary" / "kv-cache").st_ino
    assert sweeper.restore(str(site), "glossary/kv-cache/index.html")
    assert os.stat(site / "glossary" / "kv-cache").st_ino == old_folder  # renamed, not made anew
    assert sweeper.restore(str(site), "glossary/decode/index.html")
    assert os.listdir(site / "glossary" / "decode") == ["index.html"]  # the diagram is this build's to copy
    assert (aside / "glossary" / "decode" / "diagram.svg").exists()
    sweeper.join()


def test_nothing_is_moved_back_from_a_build_that_failed(tmp_path):
    site = _site(tmp_path / "site")
    sweeper = SiteSweeper()
    sweeper.written(str(site))
    sweeper.set_aside(str(site))
    (site / "index.html").write_text("half of a build")  # this build fails: written() is not called
    sweeper.delete_set_aside()
    sweeper.set_aside(str(site))  # the next build
    # the failed build's page may be newer than what the page cache knows
    assert not sweeper.restore(str(site), "index.html")
    sweeper.join()


def test_only_the_skip_messages_of_pages_moved_back_are_hidden():
    log = RestoredPagesLog()

    def shown(message):
        return log.filter(logging.LogRecord("mkdocs.commands.build", logging.INFO, __file__, 1, message, None, None))

    assert shown("Page skipped: 'glossary/a.yml'. Generated empty output.")
    log.add("glossary/a.yml")
    assert not shown("Page skipped: 'glossary/a.yml'. Generated empty output.")
    assert shown("Page skipped: 'glossary/b.yml'. Generated empty output.")
    assert shown("Building documentation...")
    log.clear()
    assert shown("Page skipped: 'glossary/a.yml'. Generated empty output.")


def test_a_missing_or_empty_site_folder_is_left_alone(tmp_path):
    sweeper = SiteSweeper()
    assert sweeper.set_aside(str(tmp_path / "missing")) == 0
    (tmp_path / "empty").mkdir()
    assert sweeper.set_aside(str(tmp_path / "empty")) == 0
    sweeper.delete_set_aside()
    assert os.listdir(tmp_path / "empty") == []
    sweeper.join()

"""The dev server's helpers: how often it polls, and keeping the last build's
files through a rebuild, deleting only those it did not write again."""

from __future__ import annotations

import os
import time

import pytest

from aruntime.devserver import (
    POLL_INTERVAL_MAX,
    POLL_INTERVAL_MIN,
    PREVIOUS_BUILD_PREFIX,
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
    for rel, text in [
        ("glossary/kv-cache/index.html", "old page"),
        ("patterns/gone/index.html", "a page this build does not write"),
        ("patterns/gone/data.json", "{}"),
        ("index.html", "old home"),
    ]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
        past = time.time() - 60  # written by the last build, a while ago
        os.utime(root / rel, (past, past))
    (root / ".keep").write_text("hidden: MkDocs never deletes it, nor do we")
    return root


def _files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_a_rebuild_writes_over_the_last_build_and_only_what_it_did_not_write_again_is_deleted(tmp_path):
    site = _site(tmp_path / "site")
    sweeper = SiteSweeper()
    assert sweeper.set_aside(str(site)) == 3
    # Until put back, only hidden names: MkDocs' cleaning has nothing to delete.
    assert all(name.startswith(".") for name in os.listdir(site))
    sweeper.put_back()
    assert sorted(os.listdir(site)) == [".keep", "glossary", "index.html", "patterns"]
    (site / "index.html").write_text("new home")  # the build writes over the last one's files
    (site / "glossary/kv-cache/index.html").write_text("old page")  # the same text, written again
    (site / "runtimes/new").mkdir(parents=True)
    (site / "runtimes/new/index.html").write_text("a new page")
    sweeper.sweep()
    sweeper.join()
    # The page not written again went, with the folders that left empty.
    assert _files(site) == [".keep", "glossary", "glossary/kv-cache", "glossary/kv-cache/index.html", "index.html",
                            "runtimes", "runtimes/new", "runtimes/new/index.html"]
    assert (site / "index.html").read_text() == "new home"
    # The next build: nothing it does not write again survives it.
    sweeper.set_aside(str(site))
    sweeper.put_back()
    sweeper.sweep()
    sweeper.join()
    assert _files(site) == [".keep"]


def test_a_failed_build_puts_the_last_one_back(tmp_path):
    site = _site(tmp_path / "site")
    sweeper = SiteSweeper()
    sweeper.set_aside(str(site))
    sweeper.put_back()  # on_build_error
    sweeper.put_back()  # twice is harmless
    assert "patterns/gone/index.html" in _files(site)
    assert not [name for name in os.listdir(site) if name.startswith(PREVIOUS_BUILD_PREFIX)]


def test_a_file_written_after_it_was_found_stale_is_kept(tmp_path):
    from aruntime.devserver import _delete, _files_in

    site = _site(tmp_path / "site")
    noted = _files_in(str(site))
    (site / "index.html").write_text("written meanwhile, longer")
    _delete(str(site), ["index.html", "patterns/gone/index.html"], noted)
    assert (site / "index.html").exists() and not (site / "patterns/gone/index.html").exists()
    assert (site / "patterns/gone/data.json").exists()  # its folder is not empty: kept


def test_a_missing_or_empty_site_folder_is_left_alone(tmp_path):
    sweeper = SiteSweeper()
    assert sweeper.set_aside(str(tmp_path / "missing")) == 0
    sweeper.put_back()
    sweeper.sweep()
    (tmp_path / "empty").mkdir()
    assert sweeper.set_aside(str(tmp_path / "empty")) == 0
    sweeper.sweep()
    sweeper.join()
    assert os.listdir(tmp_path / "empty") == []

"""The dev server's helpers: how often it polls, and setting the last build
aside before a rebuild, deleted once the new one is written."""

from __future__ import annotations

import os

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


def test_a_missing_or_empty_site_folder_is_left_alone(tmp_path):
    sweeper = SiteSweeper()
    assert sweeper.set_aside(str(tmp_path / "missing")) == 0
    (tmp_path / "empty").mkdir()
    assert sweeper.set_aside(str(tmp_path / "empty")) == 0
    sweeper.delete_set_aside()
    assert os.listdir(tmp_path / "empty") == []
    sweeper.join()

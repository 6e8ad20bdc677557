"""The dev server's helpers: how often it polls, and emptying the site folder in the background."""

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


def test_sweep_empties_the_site_folder_at_once_and_deletes_in_the_background(tmp_path):
    site = _site(tmp_path / "site")
    sweeper = SiteSweeper()
    assert sweeper.sweep(str(site)) == 2
    # Right after the sweep, only hidden names are left: MkDocs' cleaning has nothing to do.
    assert all(name.startswith(".") for name in os.listdir(site))
    sweeper.join()
    assert sorted(os.listdir(site)) == [".keep"]


def test_sweeps_in_a_row_and_a_new_build_written_meanwhile(tmp_path):
    site = _site(tmp_path / "site")
    sweeper = SiteSweeper()
    sweeper.sweep(str(site))
    (site / "index.html").write_text("new home")  # the next build writes while the last one is deleted
    assert sweeper.sweep(str(site)) == 1
    sweeper.join()
    assert sorted(os.listdir(site)) == [".keep"]
    assert not [name for name in os.listdir(site) if name.startswith(PREVIOUS_BUILD_PREFIX)]


def test_sweep_of_a_missing_or_empty_site_folder_does_nothing(tmp_path):
    sweeper = SiteSweeper()
    assert sweeper.sweep(str(tmp_path / "missing")) == 0
    (tmp_path / "empty").mkdir()
    assert sweeper.sweep(str(tmp_path / "empty")) == 0
    assert os.listdir(tmp_path / "empty") == []
    sweeper.join()

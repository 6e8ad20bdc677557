"""The serve page cache (render_cache.py): keys, storage and clean-up."""

from __future__ import annotations

import datetime as dt
import os

from aruntime.model import Ref
from aruntime.render_cache import PageOutputCache, digest, template_files_digest


def test_digest_is_stable_and_sees_every_part():
    value = {"entry": Ref("glossary", "kv-cache"), "when": dt.date(2026, 1, 1), "rows": [("a", 1)]}
    assert digest(value, "x") == digest({"entry": Ref("glossary", "kv-cache"), "when": dt.date(2026, 1, 1), "rows": [("a", 1)]}, "x")
    assert digest(value, "x") != digest(value, "y")
    assert digest("ab", "c") != digest("a", "bc")  # parts are separated
    assert digest({**value, "when": dt.date(2026, 1, 2)}, "x") != digest(value, "x")


def test_template_files_digest_changes_when_a_template_is_edited_but_not_for_dot_folders(tmp_path):
    (tmp_path / "main.html").write_text("one")
    (tmp_path / ".icons").mkdir()
    (tmp_path / ".icons/a.svg").write_text("<svg/>")
    before = template_files_digest([str(tmp_path)])
    (tmp_path / ".icons/b.svg").write_text("<svg/>")
    assert template_files_digest([str(tmp_path)]) == before
    (tmp_path / "main.html").write_text("two, longer")
    assert template_files_digest([str(tmp_path)]) != before


def test_outputs_come_back_only_under_their_keys():
    cache = PageOutputCache()
    try:
        assert not cache.knows("a.md") and cache.template("a.md", "k") is None
        cache.put_template("a.md", "k1", "<p>Ä \U0001f600</p>")
        cache.put_template("b.md", "k2", "<p>b</p>")
        assert cache.knows("a.md")
        assert cache.template("a.md", "k1") == "<p>Ä \U0001f600</p>"
        assert cache.template("a.md", "k2") is None
        assert cache.template("b.md", "k2") == "<p>b</p>"
        assert cache.linked("a.md", "L") is None
        cache.put_linked("a.md", "L", ("kv-cache",), "<p>linked</p>")
        assert cache.linked("a.md", "L") == "<p>linked</p>" and cache.linked("a.md", "M") is None
        assert cache.linked_terms("a.md") == ("kv-cache",)
        # Storing the template again drops the linked output that came from the old one.
        cache.put_template("a.md", "k3", "<p>new</p>")
        assert cache.linked("a.md", "L") is None and cache.linked_terms("a.md") == ()
    finally:
        cache.close()


def test_end_build_forgets_deleted_pages_and_compacts_the_pack():
    cache = PageOutputCache()
    try:
        big = "x" * 300_000
        for generation in range(12):
            cache.put_template("a.md", f"k{generation}", big + str(generation))
            cache.put_template("gone.md", "k", "bye")
        cache.end_build(["a.md"])
        assert not cache.knows("gone.md")
        assert cache.template("a.md", "k11") == big + "11"
        folder = cache._folder
        sizes = [os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)]
        assert len(sizes) == 1 and sizes[0] < 1_000_000  # 12 generations written, one kept
    finally:
        cache.close()


def test_close_removes_the_scratch_folder():
    cache = PageOutputCache()
    cache.put_template("a.md", "k", "<p>a</p>")
    folder = cache._folder
    assert os.path.isdir(folder)
    cache.close()
    assert not os.path.exists(folder)
    assert not cache.knows("a.md")

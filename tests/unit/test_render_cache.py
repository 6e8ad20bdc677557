"""The serve page cache (render_cache.py): keys, storage and clean-up."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import subprocess
import sys

import pytest

from aruntime.model import GlossaryEntry, Pattern, Ref, Runtime, Section, Source
from aruntime.problems import Location
from aruntime.render_cache import PageOutputCache, digest, template_files_digest


def test_digest_is_stable_and_sees_every_part():
    value = {"entry": Ref("glossary", "kv-cache"), "when": dt.date(2026, 1, 1), "rows": [("a", 1)]}
    assert digest(value, "x") == digest({"entry": Ref("glossary", "kv-cache"), "when": dt.date(2026, 1, 1), "rows": [("a", 1)]}, "x")
    assert digest(value, "x") != digest(value, "y")
    assert digest("ab", "c") != digest("a", "bc")  # parts are separated
    assert digest({**value, "when": dt.date(2026, 1, 2)}, "x") != digest(value, "x")


ENTRIES = [
    Runtime(slug="vllm", summary="Serves models.", source=Location("runtimes/vllm.yml", 1, 1), name="vLLM",
            sources=(Source("Docs", "https://example.org/"),), hardware=("gpu",)),
    Pattern(slug="serving", summary="How to serve.", source=Location("patterns/serving.yml", 1, 1), title="Serving",
            sections=(Section("Part", "part", body="Text."),), related=(Ref("glossary", "kv-cache"),)),
    GlossaryEntry(slug="kv-cache", summary="Keys and values.", source=Location("glossary/kv-cache.yml", 1, 1),
                  term="KV cache", aliases=("KV",)),
]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.collection)
def test_an_entry_key_sees_every_field_and_is_made_once(entry):
    """Entries keep their repr (the page cache's digests read it on every page
    showing them): it must still change with any field."""
    assert repr(entry) is repr(entry)
    for f in dataclasses.fields(entry):
        value = getattr(entry, f.name)
        other = {str: lambda v: v + "!", bool: lambda v: not v, tuple: lambda v: v + (v[0] if v else "x",),
                 type(None): lambda v: "set", Location: lambda v: Location(v.path, v.line + 1, v.column)}[type(value)](value)
        changed = dataclasses.replace(entry, **{f.name: other})
        assert repr(changed) != repr(entry), f.name
        assert digest(changed) != digest(entry), f.name


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
        assert os.fstat(cache._pack.fileno()).st_size > 3_000_000
        cache.end_build(["a.md"])
        assert not cache.knows("gone.md")
        assert cache.template("a.md", "k11") == big + "11"
        assert os.fstat(cache._pack.fileno()).st_size < 1_000_000  # 12 generations written, one kept
    finally:
        cache.close()


KILLED_WRITER = """
import os, signal, sys
from aruntime.render_cache import PageOutputCache
cache = PageOutputCache(sys.argv[1])
cache.put_template("a.md", "k", "<p>a</p>" * 1000)
assert cache.template("a.md", "k").startswith("<p>a</p>")
print("written", flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # as a dev server stopped without clean-up
"""


def test_nothing_is_left_on_disk_even_when_the_server_is_killed(tmp_path):
    proc = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(tmp_path)], capture_output=True, text=True)
    assert "written" in proc.stdout, proc.stderr
    assert proc.returncode == -signal.SIGKILL
    assert list(tmp_path.iterdir()) == []
    cache = PageOutputCache(str(tmp_path))
    cache.put_template("a.md", "k", "<p>a</p>")
    assert list(tmp_path.iterdir()) == []  # the file has no name while in use
    cache.close()
    assert not cache.knows("a.md")

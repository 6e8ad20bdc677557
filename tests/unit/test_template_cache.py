"""Compiled templates kept on disk between builds (build_support.TemplateBytecodeCache):
a later process renders without compiling, an edited template compiles
again, and a cache folder that cannot be written never fails a render."""

import os

import jinja2
import pytest

from aruntime.build_support import TemplateBytecodeCache


def environment(templates, cache):
    """A Jinja environment as a new build process makes one: its own cache
    object (nothing in memory yet), and a record of what it compiled."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), bytecode_cache=cache)
    env.compiled = []
    compile_source = env.compile

    def counting(source, name=None, filename=None, *args, **kwargs):
        env.compiled.append(name)
        return compile_source(source, name, filename, *args, **kwargs)

    env.compile = counting
    return env


@pytest.fixture
def templates(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("<h1>{{ title | e }}</h1>")
    return folder


def test_a_later_process_renders_from_the_disk_without_compiling(tmp_path, templates):
    cache_dir = str(tmp_path / "cache")
    first = environment(templates, TemplateBytecodeCache(cache_dir))
    assert first.get_template("page.html").render(title="KV <cache>") == "<h1>KV &lt;cache&gt;</h1>"
    assert first.compiled == ["page.html"]
    assert [name for name in os.listdir(cache_dir) if name.endswith(".cache")], "nothing written to the cache folder"
    assert not [name for name in os.listdir(cache_dir) if name.endswith(".tmp")]

    later = environment(templates, TemplateBytecodeCache(cache_dir))
    assert later.get_template("page.html").render(title="KV <cache>") == "<h1>KV &lt;cache&gt;</h1>"
    assert later.compiled == []


def test_an_edited_template_compiles_again(tmp_path, templates):
    cache_dir = str(tmp_path / "cache")
    environment(templates, TemplateBytecodeCache(cache_dir)).get_template("page.html")
    (templates / "page.html").write_text("<h2>{{ title | e }}</h2>")
    later = environment(templates, TemplateBytecodeCache(cache_dir))
    assert later.get_template("page.html").render(title="x") == "<h2>x</h2>"
    assert later.compiled == ["page.html"]


def test_a_process_reuses_its_own_compiled_templates_without_a_folder(templates):
    cache = TemplateBytecodeCache(None)  # as under `mkdocs serve`, between two rebuilds' environments
    environment(templates, cache).get_template("page.html")
    second = environment(templates, cache)
    assert second.get_template("page.html").render(title="x") == "<h1>x</h1>"
    assert second.compiled == []


def test_a_cache_folder_that_cannot_be_written_only_costs_the_compile(tmp_path, templates):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    cache = TemplateBytecodeCache(str(blocked / "templates"))
    env = environment(templates, cache)
    assert env.get_template("page.html").render(title="x") == "<h1>x</h1>"
    assert env.compiled == ["page.html"]


def test_a_damaged_cache_file_is_compiled_over(tmp_path, templates):
    cache_dir = tmp_path / "cache"
    environment(templates, TemplateBytecodeCache(str(cache_dir))).get_template("page.html")
    for name in os.listdir(cache_dir):
        (cache_dir / name).write_bytes(b"not bytecode")
    later = environment(templates, TemplateBytecodeCache(str(cache_dir)))
    assert later.get_template("page.html").render(title="x") == "<h1>x</h1>"
    assert later.compiled == ["page.html"]

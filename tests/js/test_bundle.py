"""client_delivery.py: the modules become one classic script that runs where
ES modules cannot (file://), and module syntax it cannot turn into a script
is an error with the file and line."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from aruntime.client_delivery import BundleError, bundle, data_script, write_data_scripts

NODE = shutil.which("node")


def write(tmp_path, files):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_modules_run_as_one_classic_script_in_dependency_order(tmp_path):
    js = write(tmp_path, {
        "b.mjs": 'import { twice as double, NAME } from "./a.mjs";\nexport const out = double(21) + NAME;\nglobalThis.result = out;\n',
        "a.mjs": "export function twice(n) {\n  return 2 * n;\n}\nconst NAME = '!';\nexport { NAME };\nconst init = 1;\n",
        "c.mjs": "const init = 2; // same top-level name as a.mjs: each module has its own scope\nexport class C {}\n",
        "d.mjs": 'import * as a from "./a.mjs";\nglobalThis.viaNamespace = a.twice(2);\n',
    })
    script = bundle(js)
    assert "import" not in script and "export" not in script
    proc = subprocess.run([NODE, "-e", script + "\nconsole.log(JSON.stringify([globalThis.result, globalThis.viaNamespace]))"], capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == ["42!", 4]


def test_unsupported_syntax_names_file_and_line(tmp_path):
    js = write(tmp_path, {"a.mjs": "const x = 1;\nexport default x;\n"})
    with pytest.raises(BundleError, match=r"^a\.mjs:2: module syntax the bundler does not handle"):
        bundle(js)


def test_missing_module_and_cycles_are_errors(tmp_path):
    js = write(tmp_path, {"a.mjs": 'import { b } from "./b.mjs";\nexport const a = 1;\n'})
    with pytest.raises(BundleError, match=r"a\.mjs: imports \./b\.mjs, which is not in"):
        bundle(js)
    write(tmp_path, {"b.mjs": 'import { a } from "./a.mjs";\nexport const b = 1;\n'})
    with pytest.raises(BundleError, match="import cycle"):
        bundle(js)


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_site_bundle_parses_and_holds_every_module():
    from pathlib import Path

    js_dir = Path(__file__).resolve().parents[2] / "plugins/aruntime/assets/js"
    script = bundle(js_dir)
    for module in js_dir.glob("*.mjs"):
        assert f'__modules["{module.name}"]' in script
    proc = subprocess.run([NODE, "--check", "-"], input=script, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_data_scripts_register_the_same_data_and_cannot_break_out(tmp_path):
    (tmp_path / "idx").mkdir()
    data = {"x": "</script><script>alert(1)</script>\u2028", "n": [1, 2]}
    (tmp_path / "idx" / "manifest.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert write_data_scripts(tmp_path, ["idx"]) == 1
    script = (tmp_path / "idx" / "manifest.json.js").read_text(encoding="utf-8")
    assert "</script" not in script and "\u2028" not in script
    run = f"globalThis.self = globalThis; {script}; console.log(JSON.stringify(self.ARuntimeData))"
    proc = subprocess.run([NODE, "-e", run], capture_output=True, text=True, timeout=30)
    assert json.loads(proc.stdout) == {"idx/manifest.json": data}
    assert data_script("a.json", "{}") == '(self.ARuntimeData = self.ARuntimeData || {})["a.json"] = {};\n'

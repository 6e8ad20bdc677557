"""The core must not depend on MkDocs, so it can move when MkDocs 1.x does."""

import subprocess
import sys

CORE = ["problems", "yamlload", "model", "schemas", "validate", "loader", "markup", "pages", "maintenance"]


def test_core_modules_import_nothing_from_mkdocs():
    code = (
        "import sys\n"
        + "".join(f"import aruntime.{name}\n" for name in CORE)
        + "bad = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith(('mkdocs.', 'material')))\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_plugin_is_registered_by_entry_point():
    from importlib.metadata import entry_points

    (ep,) = [ep for ep in entry_points(group="mkdocs.plugins") if ep.name == "aruntime"]
    assert ep.value == "aruntime.plugin:ARuntimePlugin"
    assert ep.load().__name__ == "ARuntimePlugin"

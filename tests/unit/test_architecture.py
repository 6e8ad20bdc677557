"""The core must not depend on MkDocs, so it can move when MkDocs 1.x does.

Every module of the package is core except the adapter (plugin.py) and the
plugin options (config.py); the list is discovered, not written down, so a new
module is covered the day it is added.
"""

import pkgutil
import subprocess
import sys

import aruntime

ADAPTER = {"aruntime.plugin", "aruntime.config"}


def core_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(aruntime.__path__, "aruntime.")]
    return sorted(n for n in names if n not in ADAPTER)


def test_every_core_module_is_checked():
    modules = core_modules()
    assert {"aruntime.urls", "aruntime.views.runtimes", "aruntime.search.index", "aruntime.exports"} <= set(modules)
    assert not ADAPTER & set(modules)


def test_core_modules_import_nothing_from_mkdocs():
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in core_modules())
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

"""etl_core is usable without Streamlit: importing all of it never imports streamlit."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import etl_core
from tests.conftest import ROOT


def test_etl_core_never_imports_streamlit():
    modules = [m.name for m in pkgutil.walk_packages(etl_core.__path__, "etl_core.")
               if ".migrations" not in m.name and not m.name.endswith("__main__")]
    script = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules) + \
        "print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert len(modules) > 10
    assert out.stdout.strip() == "False"

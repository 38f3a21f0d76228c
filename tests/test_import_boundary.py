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


def test_the_pages_never_import_the_http_api():
    """FastAPI, uvicorn and sse-starlette load only when the API is served, never with a page."""
    import ast

    scripts = [ROOT / "app.py", ROOT / "ui.py", *sorted((ROOT / "pages").glob("*.py"))]
    modules = {"ui"}
    for script in scripts:
        for node in ast.walk(ast.parse(script.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("etl_core"):
                modules |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                modules |= {a.name for a in node.names if a.name.startswith("etl_core")}
    script = ("import importlib, sys\n"
              f"for m in {sorted(modules)!r}:\n"
              "    try:\n"
              "        importlib.import_module(m)\n"
              "    except ImportError:\n"
              "        pass  # a name imported from a module, not a module\n"
              "print(sorted(n for n in ('fastapi', 'uvicorn', 'sse_starlette') if n in sys.modules))")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "etl_core.api_keys" in modules and "etl_core.pipelines" in modules
    assert out.stdout.strip() == "[]"

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


# what neither `--help` nor `list` needs: the engine, migrations, SQL rendering, charts, the API, the scheduler
HEAVY = ("polars", "alembic", "sqlglot", "plotly", "fastapi", "apscheduler", "httpx")


def modules_loaded_by_command(*args: str, env: dict[str, str]) -> tuple[str, list[str]]:
    """Run ``python -m etl_core ARGS`` in a fresh process; its output and which heavy libraries it imported."""
    script = ("import runpy, sys\n"
              f"sys.argv = ['etl_core', *{list(args)!r}]\n"
              "try:\n"
              "    runpy.run_module('etl_core', run_name='__main__', alter_sys=True)\n"
              "except SystemExit as stop:\n"
              "    assert not stop.code, stop.code\n"
              f"print(sorted(n for n in {HEAVY!r} if n in sys.modules), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout, out.stderr.strip().splitlines()[-1]


def test_help_and_list_start_without_polars(tmp_path):
    """`--help` and `list` import what they need only: no Polars, no Alembic once the database is up to date, no API."""
    import os

    env = {**os.environ, "SLUICE_DATA_DIR": str(tmp_path / "data"), "SLUICE_LOAD_SAMPLES": "true"}
    env.pop("DATABASE_URL", None)
    first, _ = modules_loaded_by_command("list", env=env)  # the first start loads the samples: Polars then
    listed, heavy = modules_loaded_by_command("list", env=env)
    assert listed == first and listed.startswith("monthly_revenue\t9 steps; never run; ")
    assert heavy == "[]"
    helped, heavy = modules_loaded_by_command("--help", env=env)
    assert "add" in helped and "list" in helped and heavy == "[]"

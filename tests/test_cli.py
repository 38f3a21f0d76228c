"""python -m etl_core profile: the same profile the app stores; clean failures."""

from __future__ import annotations

import json
import subprocess
import sys

from etl_core.analyzers import profile
from etl_core.loaders import read_file
from tests.conftest import ROOT, SAMPLES


def run(*args):
    return subprocess.run([sys.executable, "-m", "etl_core", *args], cwd=ROOT, capture_output=True, text=True)


def test_profile_json_is_the_stored_profile():
    out = run("profile", str(SAMPLES / "orders.csv"), "--json")
    assert out.returncode == 0, out.stderr
    printed = json.loads(out.stdout)
    expected = profile(read_file(SAMPLES / "orders.csv").frame.collect())
    assert printed["rows"] == expected["rows"] == 6000
    assert printed["columns"] == json.loads(json.dumps(expected["columns"]))
    revenue = next(c for c in printed["columns"] if c["name"] == "revenue")
    assert set(revenue) >= {"name", "dtype", "semantic_type", "nulls", "distinct", "min", "max", "mean"}


def test_profile_as_text_for_excel_and_json():
    out = run("profile", str(SAMPLES / "products.xlsx"))
    assert out.returncode == 0
    assert out.stdout.startswith("products.xlsx: 40 rows x 6 columns")
    assert "header is on row 3" in out.stdout
    out = run("profile", str(SAMPLES / "customers.json"))
    assert "address.city" in out.stdout


def test_delimiter_option(write):
    path = write("t.csv", "a;b\n1;2\n")
    printed = json.loads(run("profile", str(path), "--json", "--delimiter", ",").stdout)
    assert [c["name"] for c in printed["columns"]] == ["a;b"]


def test_unreadable_file_gives_one_line_and_non_zero_exit(write):
    for path in (write("bad.csv", bytes(range(256))), write("e.json", b"42"), write("x.docx", b"x"),
                 ROOT / "no-such-file.csv"):
        out = run("profile", str(path))
        assert out.returncode == 1
        assert out.stdout == ""
        assert out.stderr.startswith("error: ") and out.stderr.count("\n") == 1, out.stderr
        assert "Traceback" not in out.stderr


def test_the_command_line_sees_what_the_app_sees_on_a_fresh_data_directory(tmp_path):
    """A first command on a new data directory loads the samples and the sample pipeline, as the app's first
    start does (before, 'list' printed nothing until the app had been opened once)."""
    import os

    env = {**os.environ, "SLUICE_DATA_DIR": str(tmp_path / "data"), "SLUICE_LOAD_SAMPLES": "true"}
    env.pop("DATABASE_URL", None)
    listed = subprocess.run([sys.executable, "-m", "etl_core", "list"], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    sample = json.loads((SAMPLES / "pipelines" / "monthly_revenue.json").read_text())["name"]
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith(sample), listed.stdout
    # its connections were closed at exit: SQLite folded the write-ahead log back into the file
    assert not (tmp_path / "data" / "sluice.db-wal").exists()
    asked = subprocess.run([sys.executable, "-m", "etl_core", "ask", "how many orders", "--source", "orders"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert asked.returncode == 0 and "6,000" in asked.stdout, asked.stdout + asked.stderr


def test_a_command_run_in_process_leaves_the_collector_as_it_found_it(tmp_path, monkeypatch, capsys):
    """The command line pauses the cyclic collector while a command's module loads and sets those objects aside:
    a caller in the same process gets it back enabled, with nothing frozen."""
    import gc

    from etl_core.__main__ import main

    monkeypatch.setenv("SLUICE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SLUICE_LOAD_SAMPLES", "false")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["list"]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert main(["export", "nothing"]) == 1 and "nothing" in capsys.readouterr().err
    assert gc.isenabled() and gc.get_freeze_count() == 0

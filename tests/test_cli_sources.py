"""python -m etl_core add: a data source added from the command line is the one the page adds."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from etl_core import sources
from etl_core.config import Settings
from etl_core.db import open_database, session_scope
from tests.conftest import ROOT, SAMPLES


@pytest.fixture
def add(tmp_path):
    env = {**os.environ, "SLUICE_DATA_DIR": str(tmp_path / "cli-data"), "SLUICE_LOAD_SAMPLES": "false"}
    env.pop("DATABASE_URL", None)

    def _add(*args: str, **more_env: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "etl_core", "add", *args], cwd=ROOT, env={**env, **more_env},
                              capture_output=True, text=True, timeout=120)

    _add.settings = Settings.load(env)
    return _add


def stored(settings: Settings, name: str):
    engine = open_database(settings.database_url)
    try:
        with session_scope(engine) as session:
            source = sources.get_source(session, name)
            return source, sources.scan_source(settings, source).collect()
    finally:
        engine.dispose()


def test_add_stores_the_copy_and_profile_the_page_stores(add, session, settings):
    out = add(str(SAMPLES / "orders.csv"), "--name", "sales")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("added sales: 6,000 rows x ")
    by_cli, cli_rows = stored(add.settings, "sales")
    by_page = sources.add_file(session, settings, file_name="orders.csv", data=SAMPLES / "orders.csv").source
    page_rows = sources.scan_source(settings, by_page).collect()
    assert (by_cli.kind, by_cli.format, by_cli.row_count, by_cli.column_count) == \
           (by_page.kind, by_page.format, by_page.row_count, by_page.column_count)
    assert by_cli.profile == by_page.profile
    assert cli_rows.equals(page_rows)


def test_a_large_source_is_added_with_its_profile_complete(add, session, settings):
    # every source counts as large here: the command fills in the costly statistics before it returns
    out = add(str(SAMPLES / "orders.csv"), "--name", "sales", SLUICE_BACKGROUND_PROFILE_ROWS="0")
    assert out.returncode == 0, out.stderr
    by_cli, _ = stored(add.settings, "sales")
    by_page = sources.add_file(session, settings, file_name="orders.csv", data=SAMPLES / "orders.csv").source
    assert "pending" not in by_cli.profile
    assert by_cli.profile == by_page.profile


def test_adding_the_same_file_again_says_where_it_is(add):
    assert add(str(SAMPLES / "orders.csv")).returncode == 0
    again = add(str(SAMPLES / "orders.csv"))
    assert again.returncode == 0, again.stderr
    assert again.stdout == "note: 'orders.csv' is already loaded as 'orders'.\n"


def test_a_sheet_of_a_workbook(add):
    out = add(str(SAMPLES / "products.xlsx"), "--sheet", "Products", "--name", "catalogue")
    assert out.returncode == 0, out.stderr
    source, rows = stored(add.settings, "catalogue")
    assert source.sheet == "Products" and rows.height == source.row_count == 40


@pytest.mark.parametrize(("args", "message"), [
    (["no-such-file.csv"], "error: there is no file 'no-such-file.csv'."),
    ([str(SAMPLES / "products.xlsx"), "--sheet", "Nope"], "error: 'products.xlsx' has none of the sheets asked for."),
    ([str(SAMPLES / "orders.csv"), "--sheet", "Products"], "error: 'orders.csv' is not an Excel workbook"),
    ([str(ROOT / "README.md")], "error: 'README.md' is not a file type Sluice reads."),
])
def test_what_cannot_be_added_is_said_in_one_line(add, args, message):
    out = add(*args)
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.startswith(message) and out.stderr.count("\n") == 1, out.stderr


def test_a_name_taken_is_refused_and_an_unreadable_file_changes_nothing(add, write):
    assert add(str(SAMPLES / "orders.csv"), "--name", "sales").returncode == 0
    taken = add(str(SAMPLES / "customers.json"), "--name", "sales")
    assert taken.returncode == 1
    assert taken.stderr.startswith("error: A data source called 'sales' already exists.")
    unreadable = add(str(write("bad.csv", bytes(range(256)))))
    assert unreadable.returncode == 1 and unreadable.stderr.startswith("error: ") and "Traceback" not in unreadable.stderr
    engine = open_database(add.settings.database_url)
    with session_scope(engine) as session:
        assert [s.name for s in sources.list_sources(session)] == ["sales"]
    engine.dispose()

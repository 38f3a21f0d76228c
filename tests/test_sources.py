"""Data sources kept in the real database: add, dedupe, re-read, replace, versions, delete, restart."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import polars as pl
import pytest

from etl_core import sources
from etl_core.db import open_database, session_scope
from etl_core.errors import ConflictError, InputError, NotFoundError
from etl_core.loaders import ReadOptions
from tests.conftest import ROOT, SAMPLES

ORDERS = "order_id,region,amount\n1,North,10.5\n2,South,20\n3,North,7\n"


def add(session, settings, name="orders.csv", content=ORDERS, **kwargs):
    return sources.add_file(session, settings, file_name=name, data=content.encode(), **kwargs)


def stored_files(settings):
    return sorted(p.name for p in settings.data_dir.rglob("*") if p.parent.name in ("uploads", "parquet"))


def test_add_keeps_original_parquet_copy_profile_and_options(session, settings):
    added = add(session, settings)
    source = added.source
    assert (source.name, source.kind, source.format, source.file_name) == ("orders", "file", "csv", "orders.csv")
    assert (source.row_count, source.column_count, source.size_bytes) == (3, 3, len(ORDERS))
    assert source.options["delimiter"] == "," and source.options["encoding"] == "utf-8"
    assert source.profile["schema"] == {"order_id": "Int64", "region": "String", "amount": "Float64"}
    assert sources.original_file(settings, source).read_text() == ORDERS
    frame = sources.scan_source(settings, source).collect()
    assert frame["amount"].to_list() == [10.5, 20.0, 7.0]


def test_the_same_file_twice_is_stored_once(session, settings):
    first = add(session, settings)
    again = add(session, settings)
    assert again.already_loaded and again.source.id == first.source.id
    assert "already loaded as 'orders'" in again.notes[0]
    other_name = add(session, settings, name="copy.csv")
    assert other_name.source.name == "copy"
    assert len([f for f in stored_files(settings) if f.endswith(".csv")]) == 1


def test_names_are_made_free(session, settings):
    add(session, settings)
    second = add(session, settings, content=ORDERS + "4,East,1\n")
    assert second.source.name == "orders (2)"


def test_rename_and_conflicts(session, settings):
    a = add(session, settings).source
    add(session, settings, name="other.csv", content="x\n1\n")
    assert sources.rename_source(session, a.id, "  sales   2024 ").name == "sales 2024"
    with pytest.raises(ConflictError, match="already exists"):
        sources.rename_source(session, a.id, "other")
    with pytest.raises(InputError, match="needs a name"):
        sources.rename_source(session, a.id, "   ")
    assert sources.get_source(session, "sales 2024").id == a.id


def test_reread_with_other_options_splits_columns(session, settings):
    source = add(session, settings, name="semi.csv", content="a;b;c\n1;2;3\n").source
    forced = sources.reread_source(session, settings, source.id, ReadOptions(format="csv", delimiter=",")).source
    assert sources.scan_source(settings, forced).collect().columns == ["a;b;c"]
    fixed = sources.reread_source(session, settings, source.id, ReadOptions(format="csv", delimiter=";")).source
    assert fixed.options["delimiter"] == ";"
    assert sources.scan_source(settings, fixed).collect().columns == ["a", "b", "c"]
    assert len([f for f in stored_files(settings) if f.endswith(".parquet")]) == 1, "old copies are removed"


def test_accepting_suggested_number_columns(session, settings):
    source = add(session, settings, name="p.csv", content='item,price\nA,$3.00\nB,"$1,200.50"\n').source
    assert source.profile["suggestions"] == {"price": "us"}
    options = ReadOptions.model_validate(source.options).merged(number_columns={"price": "us"})
    source = sources.reread_source(session, settings, source.id, options).source
    assert sources.scan_source(settings, source).collect()["price"].to_list() == [3.0, 1200.5]
    assert source.profile["suggestions"] == {}


def test_replace_reports_schema_changes_and_keeps_the_previous_version(session, settings):
    source = add(session, settings).source
    next_month = "order_id,region,amount,channel\n4,East,1.5,web\n5,West,2.5,shop\n"
    replaced, diff = sources.replace_file(session, settings, source.id, file_name="orders-feb.csv",
                                          data=next_month.replace("4,East", "x4,East").encode())
    assert diff == {"added": ["channel"], "removed": [],
                    "retyped": [{"column": "order_id", "was": "Int64", "now": "String"}], "rows_before": 3, "rows_after": 2}
    assert (replaced.name, replaced.id, replaced.file_name, replaced.row_count) == ("orders", source.id, "orders-feb.csv", 2)
    assert [v["file_name"] for v in replaced.versions] == ["orders.csv"]
    restored = sources.restore_version(session, settings, source.id, 0)
    assert restored.file_name == "orders.csv" and restored.row_count == 3
    assert sources.scan_source(settings, restored).collect()["amount"].to_list() == [10.5, 20.0, 7.0]
    assert [v["file_name"] for v in restored.versions] == ["orders-feb.csv"]
    removed = sources.remove_version(session, settings, source.id, 0)
    assert removed.versions == []
    assert len(stored_files(settings)) == 2, "only the current original and its Parquet copy remain"
    with pytest.raises(NotFoundError, match="no earlier version"):
        sources.restore_version(session, settings, source.id, 3)


def test_delete_removes_files_only_it_used(session, settings):
    a = add(session, settings).source
    b = add(session, settings, name="copy.csv").source  # same bytes as a
    sources.delete_source(session, settings, a.id)
    assert sources.original_file(settings, b).exists(), "b still uses the stored bytes"
    sources.delete_source(session, settings, b.id)
    assert stored_files(settings) == []
    with pytest.raises(NotFoundError, match="no data source"):
        sources.get_source(session, b.id)


def test_query_source_is_read_afresh_on_refresh(session, settings, tmp_path):
    import sqlite3

    db = settings.data_dir / "databases" / "shop.db"  # where SQLite sources may be read
    db.parent.mkdir(parents=True)
    with sqlite3.connect(db) as connection:
        connection.execute("create table t (x integer)")
        connection.execute("insert into t values (1), (2)")
    source = sources.add_query(session, settings, name="t", url=f"sqlite:///{db}", query="select * from t").source
    assert source.row_count == 2
    with sqlite3.connect(db) as connection:
        connection.execute("insert into t values (3)")
    refreshed = sources.reread_source(session, settings, source.id).source
    assert refreshed.row_count == 3


def test_samples_load_once(session, settings):
    loaded = sources.load_samples(session, settings, SAMPLES)
    assert [s.name for s in loaded] == ["products", "customers", "orders"]
    orders = sources.get_source(session, "orders")
    assert orders.row_count >= 5000
    sources.delete_source(session, settings, orders.id)
    assert sources.load_samples(session, settings, SAMPLES) == [], "a deleted sample stays deleted"


def test_sources_survive_a_restart_in_a_new_process(any_settings):
    engine = open_database(any_settings.database_url)
    with session_scope(engine) as session:
        add(session, any_settings, name="orders.csv")
        add(session, any_settings, name="notes.json", content='[{"a": 1, "b": {"c": "x"}}]')
    engine.dispose()
    script = (
        "import json, sys\n"
        "from etl_core.config import Settings\nfrom etl_core.db import open_database, session_scope\n"
        "from etl_core import sources\n"
        f"settings = Settings(data_dir=__import__('pathlib').Path({str(any_settings.data_dir)!r}), "
        f"database_url={any_settings.database_url!r})\n"
        "with session_scope(open_database(settings.database_url)) as s:\n"
        "    print(json.dumps([[x.name, x.row_count, sources.scan_source(settings, x).collect().columns]"
        " for x in sources.list_sources(s)]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert sorted(json.loads(out.stdout)) == [["notes", 1, ["a", "b.c"]], ["orders", 3, ["order_id", "region", "amount"]]]


def test_profile_matches_the_parquet_copy(session, settings):
    source = add(session, settings).source
    frame = sources.scan_source(settings, source).collect()
    assert source.profile["rows"] == frame.height
    assert [c["name"] for c in source.profile["columns"]] == frame.columns
    assert source.profile["columns"][2]["mean"] == pytest.approx(frame["amount"].mean())
    assert isinstance(frame, pl.DataFrame)


def test_location_never_shows_a_database_password():
    from etl_core.models import DataSource

    query = DataSource(name="q", kind="query", format="query",
                       connection={"url": "postgresql://analyst:hunter2@db.internal/sales", "query": "select 1"})
    assert sources.location(query) == "postgresql://analyst:***@db.internal/sales"
    upload = DataSource(name="f", kind="file", format="csv", file_name="orders.csv")
    assert sources.location(upload) == "orders.csv"


@pytest.fixture
def large(settings):
    """Settings under which the three-row ORDERS counts as large: its profile completes in the background."""
    return dataclasses.replace(settings, background_profile_rows=2)


def exact_profile(settings, source):
    from etl_core.analyzers import profile

    return profile(sources.scan_source(settings, source).collect())


def test_a_large_source_is_stored_with_its_quick_profile_then_completed_exactly(session, large, engine):
    source = add(session, large).source
    assert source.profile["pending"] == ["distinct counts", "medians", "top values", "duplicate rows"]
    assert source.profile["columns"][2]["mean"] == pytest.approx(12.5)  # the fast statistics are there at once
    assert sources.scan_source(large, source).collect().height == 3, "usable while its profile is pending"
    with session_scope(engine) as other:  # another session, as the app's thread has
        completed = sources.complete_profile(other, large, source.id)
    assert "pending" not in completed.profile
    exact = exact_profile(large, source)
    assert {k: completed.profile[k] for k in exact} == exact
    assert completed.profile["schema"] == source.profile["schema"], "what the reader noticed is kept"
    session.expire_all()
    assert sources.get_source(session, source.id).profile == completed.profile
    assert sources.complete_profile(session, large, source.id).profile == completed.profile, "done once"


def test_small_sources_are_profiled_completely_at_once(session, settings):
    source = add(session, settings).source
    assert "pending" not in source.profile and source.profile["columns"][1]["distinct"] == 2


def test_a_fill_in_a_thread_stores_the_exact_profile(session, large, engine):
    from etl_core import profile_fill

    first = add(session, large).source
    second = add(session, large, name="more.csv", content=ORDERS + "4,East,1\n").source
    started = profile_fill.fill_in_background(engine, large, sources.list_sources(session))
    assert sorted(s.name for s in started) == ["more", "orders"]
    assert profile_fill.wait(60)
    session.expire_all()
    for source in (first, second):
        stored = sources.get_source(session, source.id)
        assert "pending" not in stored.profile
        assert stored.profile["columns"] == exact_profile(large, stored)["columns"]
    assert profile_fill.fill_in_background(engine, large, sources.list_sources(session)) == []


def test_a_process_stopped_before_the_fill_leaves_the_source_usable_and_the_fill_resumes(large, engine):
    from etl_core import profile_fill

    script = (
        "import os, signal\nfrom pathlib import Path\n"
        "from etl_core.config import Settings\nfrom etl_core.db import open_database, session_scope\n"
        "from etl_core import sources\n"
        f"settings = Settings(data_dir=Path({str(large.data_dir)!r}), database_url={large.database_url!r}, "
        "background_profile_rows=2, load_samples=False)\n"
        "with session_scope(open_database(settings.database_url)) as s:\n"
        f"    sources.add_file(s, settings, file_name='orders.csv', data={ORDERS.encode()!r})\n"
        "os.kill(os.getpid(), signal.SIGKILL)  # the app stopped: its filling thread dies with it\n"
    )
    killed = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert killed.returncode == -9, killed.stderr
    with session_scope(engine) as session:
        source = sources.get_source(session, "orders")
        assert source.profile["pending"] and source.row_count == 3
        assert sources.scan_source(large, source).collect()["amount"].to_list() == [10.5, 20.0, 7.0]
        assert profile_fill.fill_in_background(engine, large, [source]) == [source]
    assert profile_fill.wait(60)
    with session_scope(engine) as session:
        source = sources.get_source(session, "orders")
        assert "pending" not in source.profile and source.profile["duplicate_rows"] == 0


def test_a_fill_for_a_deleted_source_stores_nothing(session, large, engine):
    from etl_core import profile_fill

    source = add(session, large).source
    sources.delete_source(session, large, source.id)
    profile_fill.fill_in_background(engine, large, [source])
    assert profile_fill.wait(60)
    assert sources.list_sources(session) == [] and sources.profile_pending(session, source.id) == []
    assert f"There is no data source '{source.id}'" in profile_fill.failure(engine, source)


@pytest.mark.parametrize("rows_over", [2, 1_000])
def test_a_copy_too_large_to_collect_is_profiled_from_the_file(session, settings, monkeypatch, rows_over):
    import etl_core.loaders

    in_memory = add(session, dataclasses.replace(settings, background_profile_rows=rows_over)).source
    sources.delete_source(session, settings, in_memory.id)
    monkeypatch.setattr(etl_core.loaders, "IN_MEMORY_BYTES", 0)  # every file streams to its copy
    streamed = add(session, dataclasses.replace(settings, background_profile_rows=rows_over)).source
    assert streamed.profile == in_memory.profile

"""Validation before running, preview, output schema, events, outputs, checks, cancel and time limits."""

from __future__ import annotations

import threading
import time

import polars as pl
import pytest

from etl_core.errors import PipelineError
from etl_core.executor import Cancel, execute, output_schema, preview, validate
from etl_core.spec import parse_spec, resolve_params
from tests.pipeline_helpers import ORDERS, context, run, spec

SUMMARY = [
    {"type": "filter", "condition": "status = 'done'"},
    {"type": "aggregate", "group_by": ["cust"], "measures": [{"agg": "sum", "column": "qty", "name": "qty"}]},
    {"type": "sort", "by": [{"column": "cust"}]},
]


def test_a_missing_column_is_reported_before_any_data_is_read():
    read = []
    ctx = context()
    original = ctx.source
    ctx.source = lambda name: read.append(name) or original(name)
    parsed = parse_spec(spec({"type": "derive", "column": "revenue", "expression": "amount * qty"},
                             {"type": "filter", "condition": "status = 'done'"},
                             {"type": "filter", "condition": "reveneu > 1"}))
    with pytest.raises(PipelineError, match=r"^Step 4 \(filter\): column 'reveneu' does not exist\. "
                                            r"Did you mean 'revenue'\?$"):
        validate(parsed, {}, ctx)
    assert read == ["orders"], "only the schema was resolved"


def test_preview_after_any_step_and_its_cache():
    parsed = parse_spec(spec(*SUMMARY))
    frame, schema = preview(parsed, {}, context(), 2, rows=2)
    assert frame.height == 2 and frame["status"].to_list() == ["done", "done"]
    assert schema["day"] == "date"
    frame, schema = preview(parsed, {}, context(), 3)
    assert schema == {"cust": "string", "qty": "integer"}
    again, _ = preview(parsed, {}, context(), 3)
    assert again is frame, "the same spec, parameters and sources are served from the cache"


def test_output_schema_without_running():
    parsed = parse_spec(spec(*SUMMARY))
    assert output_schema(parsed, {}, context()) == {"cust": "string", "qty": "integer"}


def test_run_emits_events_and_counts_rows(tmp_path):
    events = []
    result = run(*SUMMARY, {"type": "output", "format": "parquet", "path": "by_cust.parquet"}, tmp_path=tmp_path,
                 listeners=[events.append])
    assert result.status == "succeeded", result.error
    kinds = [e.kind for e in events]
    assert kinds[0] == "run_started" and kinds[-1] == "run_finished"
    finished = [(e.step, e.rows) for e in events if e.kind == "step_finished"]
    done = [r for r in ORDERS if r["status"] == "done"]
    assert finished == [(1, 6), (2, len(done)), (3, 3), (4, 3), (5, 3)]
    written = pl.read_parquet(tmp_path / "outputs" / "by_cust.parquet")
    assert written.to_dicts() == [{"cust": c, "qty": sum(r["qty"] for r in done if r["cust"] == c)} for c in "abc"]
    assert result.outputs[0]["rows"] == 3 and (result.rows_in, result.rows_out) == (6, 3)


def test_stepwise_times_every_step(tmp_path):
    result = run(*SUMMARY, tmp_path=tmp_path, stepwise=True)
    assert [s.rows for s in result.steps] == [6, 5, 3, 3]
    assert all(s.duration_s is not None and s.duration_s >= 0 for s in result.steps)


def test_stepwise_tells_each_step_as_it_ends(tmp_path):
    """A listener follows a stepwise run: each step's finish, with its rows and time, comes before the next starts."""
    events = []
    result = run(*SUMMARY, tmp_path=tmp_path, stepwise=True, listeners=[events.append])
    told = [(e.kind, e.step) for e in events if e.kind.startswith("step_")]
    assert told == [(kind, i) for i in range(1, 5) for kind in ("step_started", "step_finished")]
    finished = [(e.rows, e.duration_s) for e in events if e.kind == "step_finished"]
    assert finished == [(s.rows, s.duration_s) for s in result.steps]


def test_stepwise_stops_at_a_failing_check_with_the_steps_before_it_finished(tmp_path):
    events = []
    result = run({"type": "validate", "rules": [{"rule": "not_null", "column": "amount"}]}, *SUMMARY,
                 tmp_path=tmp_path, stepwise=True, listeners=[events.append])
    told = [(e.kind, e.step) for e in events if e.kind.startswith("step_")]
    assert result.status == "failed" and result.failed_step == 2
    assert told == [("step_started", 1), ("step_finished", 1), ("step_started", 2), ("step_failed", 2)]


@pytest.mark.parametrize("fmt", ["parquet", "csv", "excel", "json"])
def test_every_file_format(tmp_path, fmt):
    result = run({"type": "select", "columns": ["id", "note"]}, {"type": "output", "format": fmt, "path": "out"},
                 tmp_path=tmp_path)
    path = result.outputs[0]["path"]
    assert result.status == "succeeded" and path.endswith({"parquet": ".parquet", "csv": ".csv", "excel": ".xlsx",
                                                            "json": ".json"}[fmt])
    reader = {"parquet": pl.read_parquet, "csv": pl.read_csv, "json": pl.read_json,
              "excel": lambda p: pl.read_excel(p)}[fmt]
    assert reader(path)["id"].to_list() == [r["id"] for r in ORDERS]


def test_csv_output_cannot_carry_a_formula(tmp_path):
    tables = {"orders": pl.DataFrame({"x": ["=cmd|' /C calc'!A0", "ok"]})}
    result = run({"type": "output", "format": "csv", "path": "x.csv"}, tmp_path=tmp_path, tables=tables)
    assert (tmp_path / "outputs" / "x.csv").read_text().splitlines()[1] == "'=cmd|' /C calc'!A0"
    assert result.status == "succeeded"


def test_table_output_replace_and_append(tmp_path):
    step = {"type": "output", "format": "table", "url": "sqlite:///warehouse.db", "table": "orders_copy"}
    assert run(step, tmp_path=tmp_path).status == "succeeded"
    assert run({**step, "mode": "append"}, tmp_path=tmp_path).status == "succeeded"
    import sqlite3

    with sqlite3.connect(tmp_path / "databases" / "warehouse.db") as connection:  # the data directory's databases
        assert connection.execute("select count(*) from orders_copy").fetchone()[0] == 2 * len(ORDERS)


@pytest.mark.parametrize("path", ["../escape.parquet", "/etc/passwd", "a/../../b.parquet"])
def test_an_output_outside_the_outputs_folder_is_refused(tmp_path, path):
    result = run({"type": "output", "format": "parquet", "path": path}, tmp_path=tmp_path)
    assert result.status == "failed"
    assert "Step 2 (output)" in result.error and "outside the outputs folder" in result.error
    assert not any(tmp_path.rglob("*.parquet"))


def test_validate_fail_writes_nothing(tmp_path):
    result = run({"type": "validate", "rules": [{"rule": "not_null", "column": "amount"},
                                                 {"rule": "row_count_at_least", "rows": 100}]},
                 {"type": "output", "format": "parquet", "path": "v.parquet"}, tmp_path=tmp_path)
    assert result.status == "failed" and result.failed_step == 2
    assert "amount has no empty values: 1 row(s) break it" in result.error
    assert "the table has at least 100 rows: it has 6" in result.error
    assert list((tmp_path / "outputs").glob("*")) == [], "no output and no temporary file left behind"


def test_validate_warn_and_drop_report_counts(tmp_path):
    warn = run({"type": "validate", "on_failure": "warn", "rules": [{"rule": "unique", "column": "id"}]},
               tmp_path=tmp_path)
    assert warn.status == "succeeded" and warn.rows_out == 6
    assert any("id has no duplicates: 2 row(s) break it (rows kept)" in w for w in warn.warnings)
    drop = run({"type": "validate", "on_failure": "drop", "rules": [{"rule": "in_set", "column": "status",
                                                                      "values": ["done"]}]}, tmp_path=tmp_path)
    assert drop.rows_out == 5 and any("1 row(s) break it (rows dropped)" in w for w in drop.warnings)


def test_a_cast_that_fails_on_some_rows(tmp_path):
    tables = {"orders": pl.DataFrame({"n": ["1", "2", "three", "four"]})}
    empty = run({"type": "cast", "columns": {"n": "integer"}}, tmp_path=tmp_path, tables=tables)
    assert empty.status == "succeeded"
    strict = run({"type": "cast", "columns": {"n": "integer"}, "on_error": "fail"}, tmp_path=tmp_path, tables=tables)
    assert strict.status == "failed"
    assert strict.error.startswith("Step 2 (cast): 2 value(s) in 'n' cannot be read as integer (the first is 'three')")


def test_a_deleted_source_names_the_step(tmp_path):
    result = run({"type": "join", "source": "gone", "on": ["cust"]}, tmp_path=tmp_path)
    assert result.status == "failed" and result.error.startswith("Step 2 (join): There is no data source 'gone'")


def test_a_join_that_multiplies_rows_is_warned_in_validation(tmp_path):
    tables = {"orders": pl.DataFrame({"k": [1, 2]}), "customers": pl.DataFrame({"k": [1] * 50, "v": range(50)})}
    result = run({"type": "join", "source": "customers", "on": ["k"]}, tmp_path=tmp_path, tables=tables)
    assert any("one key matches up to 50 rows" in w for w in result.warnings)


def test_cancel_ends_a_run_promptly_and_leaves_no_output(tmp_path):
    big = pl.DataFrame({"a": range(3_000_000)})
    steps = [{"type": "derive", "column": "b", "expression": "a * 2"}, {"type": "sort", "by": [{"column": "b",
             "descending": True}]}, {"type": "output", "format": "parquet", "path": "big.parquet"}]
    parsed = parse_spec(spec(*steps))
    cancel = Cancel()
    threading.Timer(0.05, cancel.cancel).start()
    started = time.monotonic()
    result = execute(parsed, {}, context({"orders": big}, tmp_path / "outputs"), cancel=cancel)
    assert result.status == "cancelled" and time.monotonic() - started < 2
    time.sleep(1.5)  # the abandoned pass finishes in the background and cleans up after itself
    assert not list((tmp_path / "outputs").glob("*.parquet"))


def test_time_limit(tmp_path):
    big = pl.DataFrame({"a": range(3_000_000)})
    parsed = parse_spec(spec({"type": "sort", "by": [{"column": "a", "descending": True}]},
                             {"type": "output", "format": "parquet", "path": "t.parquet"}, time_limit_s=0.01))
    result = execute(parsed, resolve_params(parsed), context({"orders": big}, tmp_path / "outputs"))
    assert result.status == "failed" and "timed out after 0.01 s" in result.error


def test_row_counts_at_the_ends_only(tmp_path):
    parsed = parse_spec(spec(*SUMMARY, row_counts="ends"))
    result = execute(parsed, {}, context(outputs=tmp_path / "outputs"))
    assert [s.rows for s in result.steps] == [None, None, 3, 3]
    assert result.rows_out == 3

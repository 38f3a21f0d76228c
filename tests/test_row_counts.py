"""Rows after each step in a fused run: exact, the same as materialising each step, and the outputs unchanged."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from etl_core import executor
from etl_core.executor import execute
from etl_core.spec import parse_spec, resolve_params
from etl_core.steps import StepContext

ROWS = 250_000  # enough rows that the streaming engine splits them into many morsels


def tables() -> dict[str, pl.DataFrame]:
    rng = np.random.default_rng(7)
    orders = pl.DataFrame({
        "id": np.arange(ROWS), "cust": rng.integers(0, 500, ROWS), "qty": rng.integers(0, 10, ROWS),
        "status": np.array(["done", "open", "void"])[rng.integers(0, 3, ROWS)],
        "amount": rng.uniform(0, 100, ROWS).round(2)})
    customers = pl.DataFrame({"cust": np.arange(400), "region": np.array(["N", "S", "E", "W"])[np.arange(400) % 4]})
    visits = pl.DataFrame({"cust": np.repeat(np.arange(0, 500, 5), 3), "visit": np.arange(300)})  # 3 per customer
    return {"orders": orders, "customers": customers, "visits": visits}


FILTER = {"type": "filter", "condition": "status = 'done'"}
AGGREGATE = {"type": "aggregate", "group_by": ["region"],
             "measures": [{"agg": "sum", "column": "qty", "name": "qty"}, {"agg": "count", "name": "n"}]}
OUTPUT = {"type": "output", "format": "parquet", "path": "out.parquet"}

PIPELINES = {
    "filter, left join (unique keys), filter, aggregate, sort": [
        FILTER, {"type": "join", "source": "customers", "on": ["cust"], "how": "left"},
        {"type": "filter", "condition": "qty > 2"}, {"type": "derive", "column": "big", "expression": "amount * 2"},
        AGGREGATE, {"type": "sort", "by": [{"column": "region"}]}, OUTPUT],
    "inner join drops rows, many-to-many join adds them, then an aggregate": [
        {"type": "join", "source": "customers", "on": ["cust"], "how": "inner"},
        {"type": "join", "source": "visits", "on": ["cust"], "how": "left"}, FILTER, AGGREGATE, OUTPUT],
    "an aggregate without groups, and a measure named like the hidden count": [
        FILTER, {"type": "aggregate", "measures": [{"agg": "count", "name": "__sluice_rows"},
                                                   {"agg": "sum", "column": "qty", "name": "qty"}]}, OUTPUT],
    "an output in the middle, dedupe, then a limit": [
        FILTER, {"type": "output", "format": "csv", "path": "middle.csv"},
        {"type": "dedupe", "columns": ["cust"]}, {"type": "limit", "rows": 50},
        {"type": "derive", "column": "twice", "expression": "qty * 2"}, OUTPUT],
    "validate dropping rows, then an aggregate": [
        FILTER, {"type": "validate", "on_failure": "drop", "rules": [{"rule": "in_range", "column": "qty", "min": 1}]},
        {"type": "aggregate", "group_by": ["cust"], "measures": [{"agg": "sum", "column": "qty", "name": "qty"}]},
        {"type": "sort", "by": [{"column": "cust"}]}, OUTPUT],
}


def _run(steps: list[dict], ctx: StepContext, **run) -> tuple[list[int | None], dict[str, pl.DataFrame]]:
    parsed = parse_spec({"name": "t", "steps": [{"type": "source", "source": "orders"}, *steps]})
    result = execute(parsed, resolve_params(parsed), ctx, **run)
    assert result.status == "succeeded", result.error
    written = {o["path"].rsplit("/", 1)[-1]: (pl.read_parquet(o["path"]) if o["format"] == "parquet"
                                               else pl.read_csv(o["path"])) for o in result.outputs}
    return [s.rows for s in result.steps], written


def _context(tmp_path, name: str, source_rows=lambda name: None) -> StepContext:
    data = tables()
    return StepContext(source=lambda n: data[n].lazy(), source_rows=source_rows, outputs_dir=tmp_path / name)


@pytest.mark.parametrize("small_join_rows", [1_000_000, 0], ids=["small joins share the pass", "no join is small"])
@pytest.mark.parametrize("steps", PIPELINES.values(), ids=PIPELINES.keys())
def test_rows_after_each_step_match_materialising_each_step(tmp_path, monkeypatch, steps, small_join_rows):
    monkeypatch.setattr(executor, "SMALL_JOIN_ROWS", small_join_rows)  # a count before a large join is apart
    fused_rows, fused_out = _run(steps, _context(tmp_path, "fused"))
    each_rows, each_out = _run(steps, _context(tmp_path, "stepwise"), stepwise=True)
    assert fused_rows == each_rows
    assert None not in fused_rows, "every step has its rows"
    assert fused_out.keys() == each_out.keys()
    for name, frame in fused_out.items():  # the same rows (an aggregate without a sort has no set order)
        assert frame.sort(frame.columns).equals(each_out[name].sort(frame.columns)), name


def test_a_stored_sources_known_rows_are_taken_as_they_are(tmp_path):
    steps = PIPELINES["filter, left join (unique keys), filter, aggregate, sort"]
    rows, _ = _run(steps, _context(tmp_path, "known", source_rows=lambda name: ROWS))
    assert rows[0] == ROWS
    assert rows == _run(steps, _context(tmp_path, "stepwise"), stepwise=True)[0]


def test_rows_from_a_csv_file_read_as_it_streams(tmp_path):
    path = tmp_path / "orders.csv"
    tables()["orders"].write_csv(path)
    data = tables()
    ctx = StepContext(source=lambda n: pl.scan_csv(path) if n == "orders" else data[n].lazy(),
                      outputs_dir=tmp_path / "csv")
    steps = PIPELINES["filter, left join (unique keys), filter, aggregate, sort"]
    rows, written = _run(steps, ctx)
    each_rows, each_written = _run(steps, _context(tmp_path, "stepwise"), stepwise=True)
    assert rows == each_rows and written["out.parquet"].equals(each_written["out.parquet"])

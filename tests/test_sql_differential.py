"""The same spec two ways: the Polars executor and the compiled SQL on DuckDB must agree."""

from __future__ import annotations

import json
import math

import duckdb
import polars as pl
import pytest

from etl_core.executor import build_plan, declared_frame
from etl_core.spec import parse_spec, resolve_params
from etl_core.sqlgen import SqlNotSupportedError, compile_sql
from tests.conftest import SAMPLES
from tests.pipeline_helpers import context, frames, spec

CASES = {
    "select": [{"type": "select", "columns": ["id", "note"]}],
    "drop": [{"type": "drop", "columns": ["note"]}],
    "rename": [{"type": "rename", "columns": {"cust": "customer"}}],
    "cast": [{"type": "cast", "columns": {"qty": "float", "id": "string"}}],
    "filter": [{"type": "filter", "condition": "status = 'done' AND (amount > 8 OR qty BETWEEN 2 AND 4)"}],
    "filter_dates": [{"type": "filter", "condition": "day >= '2024-02-06' AND cust IN ('a', 'b')"}],
    "derive": [{"type": "derive", "column": "unit", "expression": "ROUND(amount / qty, 2)"},
               {"type": "derive", "column": "label", "expression": "CASE WHEN qty > 2 THEN 'many' ELSE 'few' END"}],
    "fill_nulls_value": [{"type": "fill_nulls", "columns": ["amount"], "value": 0}],
    "fill_nulls_mean": [{"type": "fill_nulls", "columns": ["amount"], "strategy": "mean"}],
    "fill_nulls_median": [{"type": "fill_nulls", "columns": ["amount"], "strategy": "median"}],
    "drop_nulls": [{"type": "drop_nulls", "columns": ["amount", "note"]}],
    "dedupe": [{"type": "dedupe"}],
    "sort_limit": [{"type": "sort", "by": [{"column": "qty", "descending": True}, {"column": "id"}]},
                   {"type": "limit", "rows": 3}],
    "join_inner": [{"type": "join", "source": "customers", "on": ["cust"]}],
    "join_left": [{"type": "join", "source": "customers", "on": ["cust"], "how": "left"}],
    "join_right": [{"type": "join", "source": "customers", "on": ["cust"], "how": "right"}],
    "join_full": [{"type": "join", "source": "customers", "on": ["cust"], "how": "full"}],
    "join_semi": [{"type": "join", "source": "customers", "on": ["cust"], "how": "semi"}],
    "join_anti": [{"type": "join", "source": "customers", "on": ["cust"], "how": "anti"}],
    "union": [{"type": "union", "source": "more"}],
    "aggregate": [{"type": "aggregate", "group_by": ["cust"], "measures": [
        {"agg": "sum", "column": "amount"}, {"agg": "mean", "column": "qty"}, {"agg": "median", "column": "qty"},
        {"agg": "min", "column": "day"}, {"agg": "max", "column": "amount"}, {"agg": "count"},
        {"agg": "count", "column": "amount", "name": "n_amount"}, {"agg": "count_distinct", "column": "id"},
        {"agg": "std", "column": "qty"}]}],
    "unpivot": [{"type": "unpivot", "index": ["id"], "columns": ["qty", "amount"]}],
    "text": [{"type": "text", "column": "note", "operation": "trim"},
             {"type": "text", "column": "note", "operation": "upper", "output": "up"},
             {"type": "text", "column": "status", "operation": "replace", "pattern": "o", "replacement": "0"},
             {"type": "text", "column": "note", "operation": "replace", "pattern": "[0-9]", "replacement": "#",
              "regex": True, "output": "masked"},
             {"type": "text", "column": "note", "operation": "extract", "pattern": "-([0-9]+)", "output": "num"},
             {"type": "text", "column": "note", "operation": "split", "pattern": "-", "into": ["a", "b"]}],
    "date_part": [{"type": "date_part", "column": "day", "part": p, "output": f"day_{p}"}
                  for p in ("year", "quarter", "month", "week", "weekday", "day", "month_start", "week_start",
                            "weekday_name", "month_name", "weekend", "day_start", "quarter_start", "year_start")],
    "aggregate_where": [{"type": "aggregate", "group_by": ["cust"], "measures": [
        {"agg": "sum", "column": "amount", "name": "done", "where": "status = 'done'"},
        {"agg": "count", "name": "open", "where": "status = 'open'"}, {"agg": "sum", "column": "amount"}]}],
    "window_rank_share": [
        {"type": "window", "function": "rank", "column": "amount", "order_by": [{"column": "amount", "descending": True}],
         "output": "place"},
        {"type": "window", "function": "rank", "column": "qty", "partition_by": ["cust"],
         "order_by": [{"column": "qty"}], "output": "place_in_cust"},
        {"type": "window", "function": "share", "column": "amount", "output": "share"},
        {"type": "window", "function": "share", "column": "qty", "partition_by": ["cust"], "output": "cust_share"}],
    "window_in_order": [
        {"type": "aggregate", "group_by": ["day"], "measures": [{"agg": "sum", "column": "qty", "name": "qty"}]},
        {"type": "window", "function": "change_pct", "column": "qty", "order_by": [{"column": "day"}], "output": "pct"},
        {"type": "window", "function": "difference", "column": "qty", "order_by": [{"column": "day"}], "output": "diff"},
        {"type": "window", "function": "previous", "column": "qty", "order_by": [{"column": "day"}], "output": "prev"},
        {"type": "window", "function": "next", "column": "qty", "order_by": [{"column": "day"}], "output": "after"},
        {"type": "window", "function": "cumulative_sum", "column": "qty", "order_by": [{"column": "day"}],
         "output": "running"},
        {"type": "window", "function": "row_number", "order_by": [{"column": "day"}], "output": "n"}],
    "window_lookup": [  # 'the same status as order 1': each row beside the value looked up, then compared
        {"type": "window", "function": "lookup", "column": "status", "where": "id = 1", "output": "status_of_1"},
        {"type": "window", "function": "lookup", "column": "qty", "where": "cust = 'b'", "output": "least_qty_of_b"},
        {"type": "window", "function": "lookup", "column": "amount", "where": "status = 'none'", "output": "nothing"},
        {"type": "filter", "condition": "status = status_of_1 AND id <> 1"}],
    "sql": [{"type": "sql", "query": "SELECT cust, SUM(qty) AS q, COUNT(*) AS n FROM data GROUP BY cust"}],
    "validate_drop": [{"type": "validate", "on_failure": "drop", "rules": [
        {"rule": "not_null", "column": "amount"}, {"rule": "in_range", "column": "qty", "min": 1, "max": 4},
        {"rule": "in_set", "column": "status", "values": ["done"]}, {"rule": "matches", "column": "cust",
                                                                    "pattern": "^[ab]$"}]}],
    "output": [{"type": "output", "format": "parquet", "path": "x.parquet"}],
}


def both_ways(parsed, tables: dict[str, pl.DataFrame], params=None) -> tuple[list[dict], list[dict]]:
    params = resolve_params(parsed, params)
    ctx = context(tables)
    plan = build_plan(parsed, params, ctx)
    if not parsed.output_types:
        parsed = parsed.model_copy(update={"output_types": plan.output_schema})
        plan = build_plan(parsed, params, ctx)
    polars_result = declared_frame(plan, plan.frames[-1]).collect()
    connection = duckdb.connect()
    for name, frame in tables.items():
        connection.register(name, frame.to_arrow())
    sql_result = pl.from_arrow(connection.sql(compile_sql(parsed, params, ctx)).to_arrow_table())
    assert polars_result.schema == sql_result.schema, "declared output types make the engines agree on types"
    return canonical(polars_result), canonical(sql_result)


def canonical(frame: pl.DataFrame) -> list[dict]:
    rows = [{k: (round(v, 9) if isinstance(v, float) and not math.isnan(v) else v) for k, v in r.items()}
            for r in frame.to_dicts()]
    return sorted(rows, key=lambda r: json.dumps(r, default=str, sort_keys=True))


@pytest.mark.parametrize("case", list(CASES))
def test_each_step_type_agrees(case):
    polars_rows, sql_rows = both_ways(parse_spec(spec(*CASES[case])), frames())
    assert polars_rows == sql_rows
    assert polars_rows, "a case that returns nothing proves nothing"


def test_order_is_kept_when_the_last_step_sorts():
    parsed = parse_spec(spec({"type": "sort", "by": [{"column": "amount", "descending": True}, {"column": "id"}]}))
    params = {}
    ctx = context()
    plan = build_plan(parsed, params, ctx)
    connection = duckdb.connect()
    for name, frame in frames().items():
        connection.register(name, frame.to_arrow())
    sql_ids = pl.from_arrow(connection.sql(compile_sql(parsed, params, ctx)).to_arrow_table())["id"].to_list()
    assert sql_ids == plan.frames[-1].collect()["id"].to_list()


@pytest.fixture(scope="module")
def samples() -> dict[str, pl.DataFrame]:
    from etl_core.loaders import read_file

    return {name: read_file(SAMPLES / file).frame.collect()
            for name, file in (("orders", "orders.csv"), ("customers", "customers.json"), ("products", "products.xlsx"))}


def test_the_sample_pipeline_agrees(samples):
    parsed = parse_spec((SAMPLES / "pipelines" / "monthly_revenue.json").read_text())
    polars_rows, sql_rows = both_ways(parsed, samples, {"since": "2024-06-01"})
    assert polars_rows == sql_rows and len(polars_rows) > 100


def test_the_reference_pipeline_agrees(samples):
    from bench.reference import reference_spec

    polars_rows, sql_rows = both_ways(reference_spec("out.parquet"), samples)
    assert polars_rows == sql_rows and len(polars_rows) > 100


@pytest.mark.parametrize(("step", "reason"), [
    ({"type": "sample", "rows": 2}, "random samples differ"),
    ({"type": "pivot", "index": ["cust"], "on": "status", "values": "qty"}, "come from the data"),
    ({"type": "fill_nulls", "strategy": "forward"}, "row order"),
])
def test_steps_sql_cannot_express_say_so(step, reason):
    parsed = parse_spec(spec(step))
    with pytest.raises(SqlNotSupportedError, match=f"Step 2 \\({step['type']}\\): cannot be written as SQL: .*{reason}"):
        compile_sql(parsed, {}, context())

"""Every step type on small frames, checked against plain Python over the same rows."""

from __future__ import annotations

import datetime as dt
import statistics

import pytest

from etl_core.errors import ColumnNotFoundError, SpecError, TypeMismatchError
from etl_core.steps import STEP_TYPES, help_text
from tests.pipeline_helpers import CUSTOMERS, MORE, ORDERS, run_frame


def rows(frame):
    return frame.to_dicts()


def test_select_drop_rename():
    assert run_frame({"type": "select", "columns": ["qty", "id"]}).columns == ["qty", "id"]
    assert run_frame({"type": "drop", "columns": ["note", "day"]}).columns == ["id", "cust", "amount", "qty", "status"]
    renamed = run_frame({"type": "rename", "columns": {"cust": "customer", "qty": "quantity"}})
    assert renamed.columns == ["id", "customer", "amount", "quantity", "status", "day", "note"]


def test_cast_with_formats_and_empty_on_error():
    tables = {"orders": __import__("polars").DataFrame(
        {"n": ["1", "2,500", "x"], "d": ["05/03/2024", "31/12/2024", "soon"], "f": [1, 0, 1]})}
    frame = run_frame({"type": "cast", "columns": {"n": "integer", "d": "date", "f": "boolean"},
                       "formats": {"d": "%d/%m/%Y"}}, tables=tables)
    assert frame["n"].to_list() == [1, 2500, None]
    assert frame["d"].to_list() == [dt.date(2024, 3, 5), dt.date(2024, 12, 31), None]
    assert frame["f"].to_list() == [True, False, True]


def test_filter():
    expected = [r["id"] for r in ORDERS if r["status"] == "done" and r["amount"] is not None and r["amount"] > 8]
    assert run_frame({"type": "filter", "condition": "status = 'done' AND amount > 8"})["id"].to_list() == expected


def test_filter_with_a_date_parameter():
    frame = run_frame({"type": "filter", "condition": "day >= :since"},
                      parameters=[{"name": "since", "type": "date", "default": "2024-03-01"}])
    assert frame["id"].to_list() == [r["id"] for r in ORDERS if r["day"] >= dt.date(2024, 3, 1)]


def test_derive_and_division_by_zero():
    frame = run_frame({"type": "derive", "column": "unit", "expression": "amount / qty"})
    expected = [None if r["amount"] is None or r["qty"] == 0 else r["amount"] / r["qty"] for r in ORDERS]
    assert frame["unit"].to_list() == expected


@pytest.mark.parametrize(("strategy", "value", "expected"), [
    ("value", 0, [r["amount"] if r["amount"] is not None else 0 for r in ORDERS]),
    ("forward", None, [10.0, 20.0, 5.0, 5.0, 7.5, 7.5]),
    ("backward", None, [10.0, 20.0, 5.0, 7.5, 7.5, 7.5]),
    ("mean", None, [r["amount"] if r["amount"] is not None else
                    statistics.mean(x["amount"] for x in ORDERS if x["amount"] is not None) for r in ORDERS]),
    ("median", None, [r["amount"] if r["amount"] is not None else
                      statistics.median(x["amount"] for x in ORDERS if x["amount"] is not None) for r in ORDERS]),
])
def test_fill_nulls(strategy, value, expected):
    step = {"type": "fill_nulls", "columns": ["amount"], "strategy": strategy}
    if value is not None:
        step["value"] = value
    assert run_frame(step)["amount"].to_list() == pytest.approx(expected)


def test_drop_nulls():
    assert run_frame({"type": "drop_nulls", "columns": ["note"]}).height == sum(r["note"] is not None for r in ORDERS)
    assert run_frame({"type": "drop_nulls"}).height == sum(all(v is not None for v in r.values()) for r in ORDERS)


def test_dedupe_all_columns_and_subset():
    assert run_frame({"type": "dedupe"}).height == len({tuple(r.values()) for r in ORDERS})
    first = run_frame({"type": "dedupe", "columns": ["cust"], "keep": "first"})
    assert first["id"].to_list() == [1, 2, 4]
    last = run_frame({"type": "dedupe", "columns": ["cust"], "keep": "last"})
    assert sorted(last["id"].to_list()) == [3, 4, 5]


def test_sort_limit_sample():
    ordered = run_frame({"type": "sort", "by": [{"column": "amount", "descending": True}, {"column": "id"}]})
    expected = sorted(ORDERS, key=lambda r: (r["amount"] is None, -(r["amount"] or 0), r["id"]))
    assert ordered["id"].to_list() == [r["id"] for r in expected]
    assert run_frame({"type": "limit", "rows": 2})["id"].to_list() == [1, 2]
    sample = run_frame({"type": "sample", "rows": 3, "seed": 7})
    again = run_frame({"type": "sample", "rows": 3, "seed": 7})
    assert sample.height == 3 and sample.equals(again)
    assert run_frame({"type": "sample", "fraction": 0.5, "seed": 1}).height == 3


@pytest.mark.parametrize("how", ["inner", "left", "right", "full", "semi", "anti"])
def test_join_kinds(how):
    frame = run_frame({"type": "join", "source": "customers", "on": ["cust"], "how": how})
    regions = {c["cust"]: c for c in CUSTOMERS}
    order_custs = {r["cust"] for r in ORDERS}
    expected_rows = {
        "inner": sum(r["cust"] in regions for r in ORDERS),
        "left": len(ORDERS),
        "right": sum(r["cust"] in regions for r in ORDERS) + sum(c not in order_custs for c in regions),
        "full": len(ORDERS) + sum(c not in order_custs for c in regions),
        "semi": sum(r["cust"] in regions for r in ORDERS),
        "anti": sum(r["cust"] not in regions for r in ORDERS),
    }[how]
    assert frame.height == expected_rows
    if how in ("inner", "left", "full", "right"):
        assert "amount_right" in frame.columns and "region" in frame.columns
    if how == "left":
        assert frame.filter(frame["cust"] == "a")["region"].to_list() == ["N", "N"]
    if how in ("semi", "anti"):
        assert frame.columns == list(ORDERS[0])


def test_join_on_differently_named_keys():
    tables = {"orders": __import__("polars").DataFrame(ORDERS),
              "customers": __import__("polars").DataFrame([{"code": "a", "region": "N"}])}
    frame = run_frame({"type": "join", "source": "customers", "left_on": ["cust"], "right_on": ["code"]}, tables=tables)
    assert frame["region"].to_list() == ["N", "N"] and "code" in frame.columns


def test_union_by_name():
    frame = run_frame({"type": "union", "source": "more"})
    assert frame.height == len(ORDERS) + len(MORE)
    assert frame["extra"].to_list()[-1] == "new" and frame["extra"].null_count() == len(ORDERS)


def test_aggregate_against_python():
    frame = run_frame({"type": "aggregate", "group_by": ["cust"], "measures": [
        {"agg": "sum", "column": "amount", "name": "total"}, {"agg": "count", "name": "n"},
        {"agg": "count", "column": "amount", "name": "with_amount"},
        {"agg": "count_distinct", "column": "id", "name": "ids"}, {"agg": "max", "column": "qty", "name": "top"},
        {"agg": "mean", "column": "qty", "name": "avg_qty"}, {"agg": "median", "column": "qty", "name": "med"},
        {"agg": "std", "column": "qty", "name": "sd"}, {"agg": "min", "column": "day", "name": "first_day"},
    ]}).sort("cust")
    for got in rows(frame):
        mine = [r for r in ORDERS if r["cust"] == got["cust"]]
        amounts = [r["amount"] for r in mine if r["amount"] is not None]
        qtys = [r["qty"] for r in mine]
        assert got["total"] == pytest.approx(sum(amounts))
        assert got["n"] == len(mine) and got["with_amount"] == len(amounts)
        assert got["ids"] == len({r["id"] for r in mine}) and got["top"] == max(qtys)
        assert got["avg_qty"] == pytest.approx(statistics.mean(qtys))
        assert got["med"] == pytest.approx(statistics.median(qtys))
        assert got["sd"] == (pytest.approx(statistics.stdev(qtys)) if len(qtys) > 1 else None)
        assert got["first_day"] == min(r["day"] for r in mine)


def test_aggregate_without_groups_gives_one_row():
    frame = run_frame({"type": "aggregate", "measures": [{"agg": "count", "name": "rows"}]})
    assert rows(frame) == [{"rows": len(ORDERS)}]


def test_pivot_and_unpivot():
    pivot = run_frame({"type": "pivot", "index": ["cust"], "on": "status", "values": "qty", "agg": "sum"}).sort("cust")
    for got in rows(pivot):
        for status in ("done", "open"):
            matching = [r["qty"] for r in ORDERS if r["cust"] == got["cust"] and r["status"] == status]
            assert got[status] == sum(matching)  # no matching rows sum to 0
    long = run_frame({"type": "unpivot", "index": ["id"], "columns": ["qty", "amount"]})
    assert long.height == 2 * len(ORDERS) and set(long["variable"]) == {"qty", "amount"}


@pytest.mark.parametrize(("step", "column", "expected"), [
    ({"operation": "trim", "column": "note"}, "note", [None if r["note"] is None else r["note"].strip() for r in ORDERS]),
    ({"operation": "upper", "column": "status"}, "status", [r["status"].upper() for r in ORDERS]),
    ({"operation": "lower", "column": "note", "output": "low"}, "low",
     [None if r["note"] is None else r["note"].lower() for r in ORDERS]),
    ({"operation": "replace", "column": "note", "pattern": "-", "replacement": "/"}, "note",
     [None if r["note"] is None else r["note"].replace("-", "/") for r in ORDERS]),
    ({"operation": "replace", "column": "note", "pattern": "[0-9]+", "replacement": "#", "regex": True}, "note",
     [None if r["note"] is None else __import__("re").sub("[0-9]+", "#", r["note"]) for r in ORDERS]),
    ({"operation": "extract", "column": "note", "pattern": "-([0-9]+)", "output": "num"}, "num",
     [None if r["note"] is None or "-" not in r["note"] else r["note"].split("-")[1] for r in ORDERS]),
])
def test_text_operations(step, column, expected):
    assert run_frame({"type": "text", **step})[column].to_list() == expected


def test_text_split_into_columns():
    frame = run_frame({"type": "text", "operation": "split", "column": "note", "pattern": "-", "into": ["letter", "n"]})
    assert frame["letter"].to_list()[1] == "x" and frame["n"].to_list()[1] == "1"


@pytest.mark.parametrize(("part", "expected"), [
    ("year", lambda d: d.year), ("quarter", lambda d: (d.month - 1) // 3 + 1), ("month", lambda d: d.month),
    ("week", lambda d: d.isocalendar()[1]), ("weekday", lambda d: d.isoweekday()), ("day", lambda d: d.day),
    ("month_start", lambda d: d.replace(day=1)), ("week_start", lambda d: d - dt.timedelta(days=d.weekday())),
])
def test_date_parts(part, expected):
    frame = run_frame({"type": "date_part", "column": "day", "part": part, "output": "p"})
    assert frame["p"].to_list() == [expected(r["day"]) for r in ORDERS]


@pytest.mark.parametrize(("part", "expected"), [
    ("weekday_name", lambda d: d.strftime("%A")), ("month_name", lambda d: d.strftime("%B")),
    ("weekend", lambda d: d.isoweekday() >= 6), ("quarter_start", lambda d: d.replace(month=(d.month - 1) // 3 * 3 + 1,
                                                                                        day=1)),
    ("year_start", lambda d: d.replace(month=1, day=1)), ("day_start", lambda d: d),
])
def test_calendar_parts(part, expected):
    frame = run_frame({"type": "date_part", "column": "day", "part": part, "output": "p"})
    assert frame["p"].to_list() == [expected(r["day"]) for r in ORDERS]


def test_a_measure_over_some_rows():
    frame = run_frame({"type": "aggregate", "group_by": ["cust"], "measures": [
        {"agg": "sum", "column": "amount", "name": "done", "where": "status = 'done'"},
        {"agg": "count", "name": "open", "where": "status = 'open'"}]}).sort("cust")
    for row in frame.to_dicts():
        mine = [r for r in ORDERS if r["cust"] == row["cust"]]
        assert row["done"] == sum(r["amount"] or 0 for r in mine if r["status"] == "done")
        assert row["open"] == sum(1 for r in mine if r["status"] == "open")


def test_window_rank_share_and_the_row_before():
    window = {"type": "window", "order_by": [{"column": "id"}]}
    ranked = run_frame({"type": "window", "function": "rank", "column": "qty", "order_by": [{"column": "qty",
                        "descending": True}], "output": "place"})
    assert ranked["place"].to_list() == [1 + sum(x["qty"] > r["qty"] for x in ORDERS) for r in ORDERS]
    total = sum(r["amount"] or 0 for r in ORDERS)
    shared = run_frame({"type": "window", "function": "share", "column": "amount", "output": "share"})
    assert shared["share"].to_list() == pytest.approx([None if r["amount"] is None else r["amount"] / total * 100
                                                       for r in ORDERS], nan_ok=True)
    change = run_frame({**window, "function": "change_pct", "column": "qty", "output": "pct"})
    quantities = [r["qty"] for r in ORDERS]
    assert change["pct"].to_list() == [None] + [None if a == 0 else (b / a - 1) * 100
                                                for a, b in zip(quantities, quantities[1:], strict=False)]
    numbered = run_frame({**window, "function": "row_number", "partition_by": ["cust"], "output": "n"})
    seen: dict[str, int] = {}
    assert numbered["n"].to_list() == [seen.__setitem__(r["cust"], seen.get(r["cust"], 0) + 1) or seen[r["cust"]]
                                       for r in ORDERS]
    previous = run_frame({**window, "function": "previous", "column": "id", "offset": 2, "output": "before"})
    assert previous["before"].to_list() == [None, None, *[r["id"] for r in ORDERS[:-2]]]
    running = run_frame({**window, "function": "cumulative_sum", "column": "qty", "output": "running"})
    assert running["running"].to_list() == [sum(quantities[: i + 1]) for i in range(len(ORDERS))]


def test_sql_step():
    frame = run_frame({"type": "sql", "query": "SELECT cust, SUM(qty) AS q FROM data GROUP BY cust ORDER BY cust"})
    assert rows(frame) == [{"cust": c, "q": sum(r["qty"] for r in ORDERS if r["cust"] == c)} for c in ("a", "b", "c")]


@pytest.mark.parametrize("query", [
    "SELECT * FROM customers", "SELECT * FROM read_csv('/etc/passwd')", "DELETE FROM data",
    "SELECT * FROM data; DROP TABLE data", "SELECT system('ls') FROM data",
])
def test_sql_step_reads_only_this_table(query):
    with pytest.raises(Exception, match="Step 2 \\(sql\\)"):
        run_frame({"type": "sql", "query": query})


def test_validate_drop_keeps_good_rows():
    frame = run_frame({"type": "validate", "on_failure": "drop", "rules": [
        {"rule": "not_null", "column": "amount"}, {"rule": "in_range", "column": "qty", "min": 1},
        {"rule": "unique", "column": "id"}]})
    assert frame["id"].to_list() == [1, 3, 5]


def test_every_step_type_is_tested_and_documented():
    import pathlib

    tested = pathlib.Path(__file__).read_text()
    docs = (pathlib.Path(__file__).parents[1] / "docs" / "pipelines.md").read_text()
    for step_type in STEP_TYPES:
        assert f'"{step_type}"' in tested or step_type in ("source", "output", "validate"), step_type
        assert f'"type": "{step_type}"' in docs, f"docs/pipelines.md has no example of {step_type}"
        assert help_text(step_type)


@pytest.mark.parametrize(("step", "error", "message"), [
    ({"type": "filter", "condition": "reveneu > 1"}, ColumnNotFoundError, r"Step 2 \(filter\): column 'reveneu' does not exist"),
    ({"type": "filter", "condition": "amont > 1"}, ColumnNotFoundError, "Did you mean 'amount'"),
    ({"type": "select", "columns": ["nope"]}, ColumnNotFoundError, r"Step 2 \(select\)"),
    ({"type": "filter", "condition": "status > 5"}, TypeMismatchError, "compares"),
    ({"type": "derive", "column": "x", "expression": "status * 2"}, TypeMismatchError, "arithmetic needs numbers"),
    ({"type": "aggregate", "measures": [{"agg": "sum", "column": "status"}]}, TypeMismatchError, "not numeric"),
    ({"type": "rename", "columns": {"cust": "id"}}, SpecError, "two columns the name 'id'"),
    ({"type": "join", "source": "customers", "on": ["nope"]}, ColumnNotFoundError, r"Step 2 \(join\)"),
    ({"type": "date_part", "column": "status", "part": "year"}, TypeMismatchError, "not a date"),
    ({"type": "window", "function": "share", "column": "status", "output": "s"}, TypeMismatchError, "not numeric"),
    ({"type": "window", "function": "rank", "column": "nope", "order_by": [{"column": "nope"}], "output": "r"},
     ColumnNotFoundError, "nope"),
])
def test_step_errors_name_the_step_and_column(step, error, message):
    with pytest.raises(error, match=message):
        run_frame(step)

"""Profiles checked against an independent computation in pandas."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import polars as pl
import pytest

from etl_core.analyzers import profile


@pytest.fixture(scope="module")
def frame() -> pl.DataFrame:
    rng = np.random.default_rng(7)
    n = 5000
    amount = rng.normal(100, 25, n).round(2)
    amount[rng.choice(n, 300, replace=False)] = np.nan
    return pl.DataFrame({
        "order_id": np.arange(1, n + 1),
        "amount": amount,
        "qty": rng.integers(1, 20, n),
        "region": rng.choice(["North", "South", "East", "West"], n, p=[0.4, 0.3, 0.2, 0.1]),
        "day": [dt.date(2024, 1, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 366, n)],
        "email": [f"user{i}@example.com" for i in range(n)],
        "comment": [None if i % 3 else f"free text number {i} here" for i in range(n)],
        "flag": rng.choice([True, False], n),
        "constant": ["same"] * n,
    }).with_columns(pl.col("amount").fill_nan(None))


@pytest.fixture(scope="module")
def report(frame):
    return profile(frame)


def column(report, name):
    return next(c for c in report["columns"] if c["name"] == name)


def test_counts_match_pandas(frame, report):
    expected = frame.to_pandas()
    assert report["rows"] == len(expected)
    assert report["column_count"] == expected.shape[1]
    for name in expected.columns:
        c = column(report, name)
        assert c["nulls"] == int(expected[name].isna().sum()), name
        assert c["distinct"] == int(expected[name].nunique(dropna=True)), name


@pytest.mark.parametrize("name", ["amount", "qty", "order_id"])
def test_numeric_statistics_match_pandas(frame, report, name):
    series = frame.to_pandas()[name]
    c = column(report, name)
    assert c["min"] == pytest.approx(series.min())
    assert c["max"] == pytest.approx(series.max())
    assert c["mean"] == pytest.approx(series.mean(), rel=1e-6)
    assert c["median"] == pytest.approx(series.median(), rel=1e-6)
    assert c["std"] == pytest.approx(series.std(), rel=1e-6)
    assert sum(c["chart"]["counts"]) == series.notna().sum()


def test_top_values_match_pandas(frame, report):
    counts = frame.to_pandas()["region"].value_counts()
    c = column(report, "region")
    assert [(t["value"], t["count"]) for t in c["top_values"]] == list(counts.items())
    assert c["chart"] == {"kind": "bar", "labels": list(counts.index), "counts": [int(v) for v in counts.values]}


def test_date_range_and_histogram(frame, report):
    days = pd.to_datetime(frame.to_pandas()["day"])
    c = column(report, "day")
    assert c["min"] == days.min().date().isoformat()
    assert c["max"] == days.max().date().isoformat()
    assert c["chart"]["kind"] == "histogram" and sum(c["chart"]["counts"]) == len(days)
    assert c["chart"]["labels"][0] <= c["min"]


@pytest.mark.parametrize(("name", "semantic"), [
    ("order_id", "identifier"), ("amount", "decimal"), ("qty", "integer"), ("region", "category"),
    ("day", "date"), ("email", "email"), ("comment", "text"), ("flag", "boolean"), ("constant", "category"),
])
def test_semantic_types(report, name, semantic):
    assert column(report, name)["semantic_type"] == semantic


def test_warnings(report):
    assert "constant: every value is the same" in column(report, "constant")["warnings"]
    assert "mostly null (67% missing)" in column(report, "comment")["warnings"]
    assert "likely an identifier (every value is different)" in column(report, "order_id")["warnings"]
    assert column(report, "region")["warnings"] == []


def test_duplicate_rows_and_mixed_types():
    frame = pl.DataFrame({"a": [1, 1, 2, 1], "b": ["x", "x", "y", "x"], "code": ["10", "x", "12", "abc"]})
    report = profile(frame.select("a", "b"))
    assert report["duplicate_rows"] == 2
    assert report["warnings"][0] == "2 duplicate rows (50.0%)."
    mixed = profile(frame)["columns"][2]["warnings"]
    assert any(w.startswith("mixed types: 50%") for w in mixed)


def test_url_and_samples():
    frame = pl.DataFrame({"link": ["https://a.example/x", "http://b.example", None, "https://a.example/x"]})
    c = profile(frame)["columns"][0]
    assert c["semantic_type"] == "url"
    assert c["samples"] == ["https://a.example/x", "http://b.example"]


def test_empty_and_all_null_columns():
    report = profile(pl.DataFrame({"a": [None, None], "b": [1.0, float("nan")]}, schema={"a": pl.String, "b": pl.Float64}))
    assert "empty: every value is missing" in report["columns"][0]["warnings"]
    assert report["columns"][1]["max"] is None or report["columns"][1]["max"] == 1.0


def test_profile_is_json_serialisable(report):
    import json

    assert json.loads(json.dumps(report))["rows"] == 5000


def test_few_distinct_numbers_are_charted_value_by_value(frame, report):
    c = column(report, "qty")
    counts = frame["qty"].value_counts().sort("qty")
    assert c["chart"] == {"kind": "values", "labels": counts["qty"].to_list(), "counts": counts["count"].to_list()}
    assert len(c["top_values"]) == 10
    assert column(report, "amount")["chart"]["kind"] == "histogram"


def test_a_quick_profile_leaves_the_costly_statistics_out_and_names_them(frame, report):
    quick = profile(frame, quick=True)
    assert quick["pending"] == ["distinct counts", "medians", "top values", "duplicate rows"]
    assert "pending" not in report, "the complete profile has nothing pending"
    assert quick["duplicate_rows"] is None and report["duplicate_rows"] == 0
    for fast, exact in zip(quick["columns"], report["columns"], strict=True):
        assert (fast["distinct"], fast["median"], fast["top_values"]) == (None, None, [])
        for key in ("name", "dtype", "nulls", "null_pct", "min", "max", "mean", "std", "samples"):
            assert fast[key] == exact[key], (fast["name"], key)
    assert column(quick, "amount")["chart"] == column(report, "amount")["chart"]
    # what only distinct counts can tell waits for them; what the values tell is said at once
    assert column(quick, "constant")["warnings"] == [] and column(quick, "region")["semantic_type"] == "text"
    assert column(quick, "email")["semantic_type"] == "email"
    assert "comment: mostly null (67% missing)" in quick["warnings"]


def test_a_quick_profile_of_a_lazy_frame_is_the_same_streamed(frame):
    assert profile(frame.lazy(), quick=True) == profile(frame, quick=True)
    assert profile(frame.lazy()) == profile(frame)

"""Chat answer latency on a 1M-row table: p50 and p95 of typical questions, side by side with the
same result computed by hand-written Polars (the floor: what the data work alone costs).

    python bench/bench_chat.py [--rows 1000000] [--repeat 15]

The catalogue (column roles and the value index) is built once per table version and kept by
the chat, so it is timed separately; each answer includes reading the question, compiling the
plan to a pipeline spec, the executor's run of that spec, the sentence, the chart and the SQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from etl_core.chat import answer_question
from etl_core.chat.catalogue import build

TARGET_P50_MS = 100  # issue 9: under 100 ms on 1M rows after the first load


def make_tables(rows: int) -> dict[str, pl.DataFrame]:
    rng = np.random.default_rng(7)
    customers, products = 50_000, 2_000
    days = (dt.date(2025, 12, 31) - dt.date(2023, 1, 1)).days
    orders = pl.DataFrame({
        "order_id": [f"O-{i:07d}" for i in range(rows)],
        "order_date": pl.Series(np.datetime64("2023-01-01") + rng.integers(0, days, rows)).cast(pl.Date),
        "customer_id": [f"C-{i:05d}" for i in rng.integers(0, customers, rows)],
        "product_id": [f"P-{i:04d}" for i in rng.integers(0, products, rows)],
        "region": np.array(["North", "South", "East", "West"])[rng.integers(0, 4, rows)],
        "channel": np.array(["Online", "Store", "Partner"])[rng.integers(0, 3, rows)],
        "status": np.array(["completed", "completed", "cancelled", "returned", "pending"])[rng.integers(0, 5, rows)],
        "quantity": rng.integers(1, 10, rows),
        "revenue": rng.uniform(5, 3000, rows).round(2),
    })
    product_table = pl.DataFrame({"product_id": [f"P-{i:04d}" for i in range(products)],
                                  "category": np.array(["Hardware", "Garden", "Kitchen", "Office"])[
                                      rng.integers(0, 4, products)]})
    return {"orders": orders, "products": product_table}


def floors(tables: dict[str, pl.DataFrame]) -> dict[str, Callable[[], object]]:
    """Each question answered by hand in Polars: the least work the same result needs."""
    o = tables["orders"].lazy()
    latest = tables["orders"]["order_date"].max()
    quarter_start = dt.date(latest.year, 3 * ((latest.month - 1) // 3) + 1, 1)
    last_quarter = (dt.date(quarter_start.year - (quarter_start.month == 1), (quarter_start.month - 4) % 12 + 1, 1),
                    quarter_start)
    return {
        "total revenue": lambda: o.select(pl.col("revenue").sum()).collect(),
        "revenue by region": lambda: o.group_by("region").agg(pl.col("revenue").sum()).sort("revenue").collect(),
        "top 5 customers by revenue": lambda: o.group_by("customer_id").agg(pl.col("revenue").sum())
        .top_k(5, by="revenue").collect(),
        "revenue per month in 2024": lambda: o.filter(pl.col("order_date").dt.year() == 2024)
        .group_by(pl.col("order_date").dt.truncate("1mo")).agg(pl.col("revenue").sum()).sort("order_date").collect(),
        "how many orders last quarter": lambda: o.filter(pl.col("order_date").is_between(*last_quarter, closed="left"))
        .select(pl.col("order_id").n_unique()).collect(),
        "average quantity for Online": lambda: o.filter(pl.col("channel") == "Online")
        .select(pl.col("quantity").mean()).collect(),
        "revenue by category": lambda: o.join(tables["products"].lazy(), on="product_id", how="left")
        .group_by("category").agg(pl.col("revenue").sum()).sort("revenue").collect(),
        "is there any order over 2999": lambda: o.filter(pl.col("revenue") > 2999).select(pl.len()).collect(),
        "which channel has the highest revenue": lambda: o.group_by("channel").agg(pl.col("revenue").sum())
        .top_k(1, by="revenue").collect(),
        "percentage of revenue by region": lambda: o.group_by("region").agg(pl.col("revenue").sum())
        .with_columns(pl.col("revenue") / pl.col("revenue").sum() * 100).collect(),
        "average order value by channel": lambda: o.group_by("channel").agg(
            pl.col("revenue").sum() / pl.col("order_id").n_unique()).collect(),
        "which weekday has the most orders": lambda: o.group_by(pl.col("order_date").dt.weekday())
        .agg(pl.col("order_id").n_unique().alias("n")).top_k(1, by="n").collect(),
        "revenue growth by year": lambda: o.group_by(pl.col("order_date").dt.truncate("1y")).agg(pl.col("revenue").sum())
        .sort("order_date").with_columns(pl.col("revenue").pct_change() * 100).collect(),
        "which customer has the highest revenue": lambda: o.group_by("customer_id").agg(pl.col("revenue").sum())
        .top_k(1, by="revenue").collect(),
        "total quantity by status for completed orders in 2025": lambda: o.filter(
            (pl.col("status") == "completed") & (pl.col("order_date").dt.year() == 2025))
        .group_by("status").agg(pl.col("quantity").sum()).collect(),
    }


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    action()  # warm: the first call pays for imports and caches
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append((time.perf_counter() - start) * 1000)
    return runs


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    tables = make_tables(args.rows)
    start = time.perf_counter()
    catalogue = build(tables)
    catalogue_ms = (time.perf_counter() - start) * 1000
    print(f"\nChat latency on {args.rows:,} rows ({args.repeat} runs per question after a warm-up)")
    print(f"catalogue built once per table version: {catalogue_ms:,.0f} ms\n")
    print(f"{'question':<56} {'p50 ms':>8} {'p95 ms':>8} {'Polars ms':>10} {'ratio':>6}")
    every, floor_all = [], []
    for question, floor in floors(tables).items():
        answer = answer_question(question, tables, catalogue=catalogue)
        if answer.value is None:
            raise SystemExit(f"not answered: {question}: {answer.text}")
        runs = timed(lambda q=question: answer_question(q, tables, catalogue=catalogue), args.repeat)
        base = timed(floor, args.repeat)
        every += runs
        floor_all += base
        p50, p95, base50 = statistics.median(runs), percentile(runs, 0.95), statistics.median(base)
        print(f"{question:<56} {p50:>8.1f} {p95:>8.1f} {base50:>10.1f} {p50 / base50:>6.1f}")
    p50 = statistics.median(every)
    print(f"\n{'all questions':<56} {p50:>8.1f} {percentile(every, 0.95):>8.1f} "
          f"{statistics.median(floor_all):>10.1f} {p50 / statistics.median(floor_all):>6.1f}")
    print(f"target: p50 under {TARGET_P50_MS} ms: {'met' if p50 < TARGET_P50_MS else 'NOT met'}")


if __name__ == "__main__":
    main()

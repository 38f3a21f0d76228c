"""The reference pipeline through Sluice's executor beside the same work hand-written in
Polars, DuckDB and pandas; from CSV and from Parquet; wall time, ratio and peak memory.
From Parquet also the default run as a user starts it: run_pipeline over stored sources.

    .venv/bin/python bench/bench_pipeline.py                  # 1M order lines
    .venv/bin/python bench/bench_pipeline.py --rows 10000000 --repeat 1

Reference: read orders, join customers and products, keep completed orders since a
date, derive revenue and month, aggregate by month, region and category (sum, count,
distinct count), sort, write Parquet. The Sluice cases run the real executor: validation,
events, row counts per step, and (in 'with run records') a RunRecorder writing to SQLite.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import harness
from bench.reference import SINCE, reference_spec

CUSTOMERS, PRODUCTS = 50_000, 2_000


def make_data(rows: int) -> Path:
    import numpy as np
    import polars as pl

    folder = harness.CACHE / f"pipeline_{rows}"
    if (folder / "orders.parquet").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(3)
    regions = np.array(["North", "South", "East", "West"])
    statuses = np.array(["completed", "completed", "completed", "cancelled", "returned", "pending"])
    orders = pl.DataFrame({
        "order_id": np.arange(rows),
        "order_date": pl.date_range(pl.date(2022, 1, 1), pl.date(2024, 12, 31), eager=True)
        .sample(rows, with_replacement=True, seed=3),
        "customer_id": rng.integers(0, CUSTOMERS, rows),
        "product_id": rng.integers(0, PRODUCTS, rows),
        "status": statuses[rng.integers(0, len(statuses), rows)],
        "quantity": rng.integers(1, 10, rows),
        "unit_price": rng.uniform(1, 300, rows).round(2),
        "discount": rng.choice([0.0, 0.05, 0.1], rows),
    })
    customers = pl.DataFrame({"customer_id": np.arange(CUSTOMERS), "region": regions[rng.integers(0, 4, CUSTOMERS)],
                              "segment": rng.choice(["Consumer", "Business"], CUSTOMERS)})
    products = pl.DataFrame({"product_id": np.arange(PRODUCTS), "category": rng.choice(
        ["Hardware", "Garden", "Kitchen", "Office"], PRODUCTS), "list_price": rng.uniform(1, 300, PRODUCTS)})
    for name, frame in (("orders", orders), ("customers", customers), ("products", products)):
        frame.write_csv(folder / f"{name}.csv")
        frame.write_parquet(folder / f"{name}.parquet")
    return folder


def prepare_runs_db(folder: Path) -> None:
    from etl_core.db import open_database

    open_database(f"sqlite:///{folder}/runs.db").dispose()


def _scan(folder: str, fmt: str):
    import polars as pl

    def scan(name: str) -> pl.LazyFrame:
        path = Path(folder) / f"{name}.{fmt}"
        return pl.scan_parquet(path) if fmt == "parquet" else pl.scan_csv(path, try_parse_dates=True)
    return scan


# ---- cases -----------------------------------------------------------------------------

def case_polars(folder: str, fmt: str) -> None:
    import polars as pl

    scan = _scan(folder, fmt)
    (scan("orders").join(scan("customers"), on="customer_id", how="left")
     .join(scan("products"), on="product_id", how="left")
     .filter((pl.col("status") == "completed") & (pl.col("order_date") >= pl.lit(SINCE).str.to_date()))
     .with_columns(net_revenue=pl.col("quantity") * pl.col("unit_price") * (1 - pl.col("discount")),
                   month=pl.col("order_date").dt.truncate("1mo"))
     .group_by("month", "region", "category")
     .agg(revenue=pl.col("net_revenue").sum(), orders=pl.len(), customers=pl.col("customer_id").n_unique())
     .sort("month", "region", "category")
     .sink_parquet(Path(tempfile.mkdtemp()) / "out.parquet", engine="streaming"))


def _sluice(folder: str, fmt: str, listeners=(), row_counts: str = "steps", stepwise: bool = False) -> None:
    import polars as pl

    from etl_core.executor import execute
    from etl_core.steps import StepContext

    def source_rows(name: str) -> int | None:
        # a stored data source knows its rows (its Parquet copy's); a CSV read afresh does not
        return pl.scan_parquet(Path(folder) / f"{name}.parquet").select(pl.len()).collect().item() if fmt == "parquet" \
            else None

    spec = reference_spec("out.parquet").model_copy(update={"row_counts": row_counts})
    ctx = StepContext(source=_scan(folder, fmt), source_rows=source_rows, outputs_dir=Path(tempfile.mkdtemp()))
    result = execute(spec, {}, ctx, listeners=list(listeners), stepwise=stepwise)
    if result.status != "succeeded":
        raise SystemExit(result.error)


def case_sluice(folder: str, fmt: str) -> None:
    _sluice(folder, fmt)


def case_sluice_ends(folder: str, fmt: str) -> None:
    _sluice(folder, fmt, row_counts="ends")


def case_sluice_stepwise(folder: str, fmt: str) -> None:
    """Each step materialised and timed in turn: what "Run again, timing each step" costs."""
    _sluice(folder, fmt, stepwise=True)


def case_sluice_recorded(folder: str, fmt: str) -> None:
    from etl_core.db import make_engine, session_scope
    from etl_core.models import PipelineRun
    from etl_core.pipelines import RunRecorder

    engine = make_engine(f"sqlite:///{folder}/runs.db")  # created and migrated before the clock started
    with session_scope(engine) as session:
        run = PipelineRun(pipeline_name="reference", status="running")
        session.add(run)
        session.commit()
        session.refresh(run)
    recorder = RunRecorder(engine, run.id)
    _sluice(folder, fmt, [recorder])
    from etl_core.executor import RunResult

    recorder.finish(RunResult(status="succeeded"))


def warm_run() -> None:
    """A process that has run before (the app, the scheduler, the worker): its first run is not timed."""
    rows = next(int(a.removeprefix(str(harness.CACHE / "pipeline_"))) for a in sys.argv if "pipeline_" in a)
    case_sluice_run(str(harness.CACHE / f"pipeline_{rows}"), "parquet")


def case_sluice_run(folder: str, fmt: str) -> None:
    """The default run: run_pipeline over the stored sources' Parquet copies (the same rows), claimed and
    recorded in SQLite, executed in a child process; in a process that has run before (a fresh process,
    as the command line is, is bench_cli_run's)."""
    from bench.bench_cli_run import _settings
    from etl_core import pipelines
    from etl_core.db import make_engine

    rows = int(Path(folder).name.removeprefix("pipeline_"))
    settings = _settings(harness.CACHE / f"cli_run_{rows}")  # made by main() before the clock
    run = pipelines.run_pipeline(make_engine(settings.database_url), settings, pipelines.RunRequest("reference"))
    if run.status != "succeeded":
        raise SystemExit(run.error)


def case_duckdb(folder: str, fmt: str) -> None:
    import duckdb

    reader = "read_parquet" if fmt == "parquet" else "read_csv_auto"
    out = Path(tempfile.mkdtemp()) / "out.parquet"
    duckdb.sql(f"""
        COPY (
          SELECT date_trunc('month', o.order_date) AS month, c.region, p.category,
                 SUM(o.quantity * o.unit_price * (1 - o.discount)) AS revenue, COUNT(*) AS orders,
                 COUNT(DISTINCT o.customer_id) AS customers
          FROM {reader}('{folder}/orders.{fmt}') o
          LEFT JOIN {reader}('{folder}/customers.{fmt}') c USING (customer_id)
          LEFT JOIN {reader}('{folder}/products.{fmt}') p USING (product_id)
          WHERE o.status = 'completed' AND o.order_date >= DATE '{SINCE}'
          GROUP BY ALL ORDER BY 1, 2, 3
        ) TO '{out}' (FORMAT parquet)""")


def case_pandas(folder: str, fmt: str) -> None:
    import pandas as pd

    def read(name: str):
        path = f"{folder}/{name}.{fmt}"
        return pd.read_parquet(path) if fmt == "parquet" else pd.read_csv(path)

    orders = read("orders")
    orders["order_date"] = pd.to_datetime(orders["order_date"])
    merged = orders.merge(read("customers"), on="customer_id", how="left").merge(read("products"), on="product_id",
                                                                                 how="left")
    kept = merged[(merged["status"] == "completed") & (merged["order_date"] >= pd.Timestamp(SINCE))].copy()
    kept["net_revenue"] = kept["quantity"] * kept["unit_price"] * (1 - kept["discount"])
    kept["month"] = kept["order_date"].dt.to_period("M").dt.to_timestamp()
    result = kept.groupby(["month", "region", "category"]).agg(
        revenue=("net_revenue", "sum"), orders=("order_id", "size"), customers=("customer_id", "nunique")).reset_index()
    result.sort_values(["month", "region", "category"]).to_parquet(Path(tempfile.mkdtemp()) / "out.parquet")


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
IMPORTS = {"polars": ["polars"], "duckdb": ["duckdb"], "pandas": ["pandas", "pyarrow"],
           "sluice": ["polars", "etl_core.executor", "bench.reference", "sqlglot.dialects.duckdb"],
           "sluice_ends": ["polars", "etl_core.executor", "bench.reference", "sqlglot.dialects.duckdb"],
           "sluice_stepwise": ["polars", "etl_core.executor", "bench.reference", "sqlglot.dialects.duckdb"],
           "sluice_recorded": ["polars", "etl_core.executor", "etl_core.pipelines", "bench.reference",
                               "sqlglot.dialects.duckdb"],
           "sluice_run": ["polars", "etl_core.pipelines", "bench.bench_cli_run"]}
LABELS = [("polars", "Polars, hand-written lazy query (streaming)"), ("sluice", "Sluice executor (rows per step)"),
          ("sluice_ends", "Sluice executor (row_counts: ends)"),
          ("sluice_stepwise", "Sluice executor, each step timed (stepwise)"),
          ("sluice_recorded", "Sluice executor with run records (SQLite)"),
          ("sluice_run", "run_pipeline: stored copies, recorded, a child"), ("duckdb", "DuckDB SQL"),
          ("pandas", "pandas")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument("--case", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        harness.child_main(CASES, IMPORTS, args.case, {"sluice_run": warm_run})
        return
    folder = make_data(args.rows)
    prepare_runs_db(folder)
    print(f"Reference pipeline over {args.rows:,} order lines ({CUSTOMERS:,} customers, {PRODUCTS:,} products)")
    labels = [(n, label) for n, label in LABELS if not (args.skip_pandas and n == "pandas")]
    from bench.bench_cli_run import data_dir

    data_dir(args.rows)  # the same rows as stored sources, and the reference pipeline saved
    results = {}
    for fmt in ("csv", "parquet"):  # sources are stored as Parquet: run_pipeline only reads those
        cases = [(n, label) for n, label in labels if fmt == "parquet" or n != "sluice_run"]
        results[fmt] = harness.compare(__file__, f"From {fmt.upper()}", cases, [str(folder), fmt], args.repeat,
                                       "polars")
    csv, parquet = results["csv"], results["parquet"]
    for name in ("sluice", "sluice_ends"):
        print(f"\n{name} / hand-written Polars: {csv[name][0] / csv['polars'][0]:.2f}x from CSV, "
              f"{parquet[name][0] / parquet['polars'][0]:.2f}x from Parquet (target <= 1.15x)", end="")
    print()
    for fmt, taken in results.items():
        print(f"Timing each step (stepwise) / the fused default from {fmt.upper()}: "
              f"{taken['sluice_stepwise'][0] / taken['sluice'][0]:.2f}x, peak {taken['sluice_stepwise'][1]:.0f} MB "
              f"against {taken['sluice'][1]:.0f} MB")
    print(f"Run records cost: {parquet['sluice_recorded'][0] / parquet['sluice'][0]:.2f}x")
    print(f"The default run (run_pipeline, stored copies) / hand-written Polars from Parquet: "
          f"{parquet['sluice_run'][0] / parquet['polars'][0]:.2f}x (target <= 1.15x; its peak MB is the calling "
          f"process's, the run's child reads as 'Sluice executor')")
    if "pandas" in csv:
        print(f"pandas / Sluice: {csv['pandas'][0] / csv['sluice'][0]:.1f}x from CSV (target > 4x)")
    print(f"Sluice from the Parquet copy vs re-reading the CSV: {csv['sluice'][0] / parquet['sluice'][0]:.1f}x "
          f"faster (target > 2x); peak memory {parquet['sluice'][1]:.0f} MB (target < 1 GB at 10M rows)")


if __name__ == "__main__":
    main()

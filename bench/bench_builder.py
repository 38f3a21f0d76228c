"""How long the builder takes to answer an interaction on a 1M-row source (issue 10: under 300 ms).

    python bench/bench_builder.py [--rows 1000000] [--repeat 7]

Two measures, on a 1M-row orders source joined to a products source, with six steps:

- the engine's share of a rerun: check every step, count rows after each, preview the
  selected step (``etl_core.builder``), for a rerun that changed nothing, an edited filter,
  a moved step and an added step (each edit with new values, so nothing is served from
  an earlier one's cache);
- the whole page's rerun through Streamlit's AppTest (script, widgets, the preview table,
  the flow chart), for the same interactions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from etl_core import builder, sources  # noqa: E402
from etl_core.config import Settings  # noqa: E402
from etl_core.db import open_database, session_scope  # noqa: E402
from etl_core.drafts import Draft  # noqa: E402

TARGET_MS = 300


def make_files(folder: Path, rows: int) -> tuple[Path, Path]:
    rng = np.random.default_rng(7)
    days = (dt.date(2025, 12, 31) - dt.date(2023, 1, 1)).days
    orders = pl.DataFrame({
        "order_id": np.arange(rows),
        "order_date": pl.Series(np.datetime64("2023-01-01") + rng.integers(0, days, rows)).cast(pl.Date),
        "product_id": rng.integers(0, 2_000, rows),
        "region": np.array(["North", "South", "East", "West"])[rng.integers(0, 4, rows)],
        "status": np.array(["completed", "completed", "cancelled", "returned"])[rng.integers(0, 4, rows)],
        "quantity": rng.integers(1, 10, rows),
        "unit_price": rng.uniform(5, 300, rows).round(2),
    })
    products = pl.DataFrame({"product_id": np.arange(2_000),
                             "category": np.array(["Hardware", "Garden", "Kitchen", "Office"])[rng.integers(0, 4, 2_000)]})
    orders_path, products_path = folder / "orders.parquet", folder / "products.parquet"
    orders.write_parquet(orders_path)
    products.write_parquet(products_path)
    return orders_path, products_path


def make_draft() -> Draft:
    draft = Draft.from_source("orders", "bench")
    draft.add_step("join", data={"source": "products", "on": ["product_id"], "how": "left"})
    draft.add_step("filter", data={"condition": "status = 'completed' AND quantity > 1"})
    draft.add_step("derive", data={"column": "gross", "expression": "quantity * unit_price"})
    draft.add_step("date_part", data={"column": "order_date", "part": "month_start", "output": "month"})
    draft.add_step("aggregate", data={"group_by": ["month", "category"], "measures": [
        {"agg": "sum", "column": "gross", "name": "gross"}, {"agg": "count", "name": "orders"}]})
    return draft


def edits(draft: Draft, round_: int) -> dict[str, callable]:
    """The interactions timed, each new in every round (its results are not in the cache yet)."""
    ids = [s.id for s in draft.state.steps]
    return {
        "rerun, nothing changed": lambda: None,
        "edit the filter": lambda: draft.set_field(ids[2], "condition", f"quantity * unit_price > {round_}"),
        "move a step": lambda: draft.move_step(ids[4], -1 if draft.state.position(ids[4]) == 4 else 1),
        "add a step": lambda: draft.add_step("limit", data={"rows": 1000 + round_}),
    }


def engine_rerun(session, settings: Settings, draft: Draft) -> None:
    """What the page asks of etl_core on every rerun."""
    ctx, versions = builder.context_for(session, settings, draft.state)
    checked = builder.check_draft(draft.state, ctx, versions)
    builder.rows_and_preview(checked, checked.steps[-1].id)


def measure_engine(settings: Settings, engine, repeat: int) -> dict[str, list[float]]:
    draft = make_draft()
    times: dict[str, list[float]] = {}
    with session_scope(engine) as session:
        engine_rerun(session, settings, draft)  # the first look: sources opened, the cache filled
        for round_ in range(1, repeat + 1):
            for name, edit in edits(draft, round_).items():
                edit()
                start = time.perf_counter()
                engine_rerun(session, settings, draft)
                times.setdefault(name, []).append(time.perf_counter() - start)
    return times


def measure_page(data_dir: Path, repeat: int) -> dict[str, list[float]]:
    from streamlit.testing.v1 import AppTest

    os.environ.update(SLUICE_DATA_DIR=str(data_dir), SLUICE_LOAD_SAMPLES="false")
    os.environ.pop("DATABASE_URL", None)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.session_state["draft"] = draft = make_draft()
    at.switch_page("pages/builder.py").run()
    times: dict[str, list[float]] = {}
    for round_ in range(1, repeat + 1):
        for name, edit in edits(draft, 1_000 + round_).items():  # values the engine measure did not cache
            edit()
            start = time.perf_counter()
            at.run()
            times.setdefault(name, []).append(time.perf_counter() - start)
            assert not at.exception, at.exception
    return times


def report(title: str, times: dict[str, list[float]]) -> None:
    print(f"\n{title}")
    print(f"{'interaction':<28} {'median ms':>10} {'max ms':>8}  target {TARGET_MS} ms")
    for name, values in times.items():
        median = statistics.median(values) * 1000
        print(f"{name:<28} {median:>10.0f} {max(values) * 1000:>8.0f}  {'met' if median < TARGET_MS else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        settings = Settings(data_dir=data_dir, database_url=f"sqlite:///{data_dir / 'sluice.db'}", load_samples=False,
                            max_upload_mb=2_000)
        engine = open_database(settings.database_url)
        orders, products = make_files(Path(folder), args.rows)
        with session_scope(engine) as session:
            for path in (orders, products):
                sources.add_file(session, settings, file_name=path.name, data=path.read_bytes())
        print(f"{args.rows:,} order rows; {args.repeat} rounds; {os.cpu_count()} cores")
        report("etl_core's share of a rerun (check, row counts, preview)", measure_engine(settings, engine, args.repeat))
        engine.dispose()
        report("the builder page's whole rerun (AppTest)", measure_page(data_dir, args.repeat))


if __name__ == "__main__":
    main()

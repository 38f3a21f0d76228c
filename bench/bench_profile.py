"""Load-and-profile benchmark: Sluice beside the Polars read floor and a pandas profile.

Generates a CSV (12 columns: ids, numbers, categories, text, dates), then runs each case
in a fresh child process, several times, and prints the median time, the ratio to the
read floor, and the child's peak memory, side by side in one run, then the ratios at
every size in one table:

    .venv/bin/python bench/bench_profile.py                 # 1M rows
    .venv/bin/python bench/bench_profile.py --rows 1000000 10000000 --skip-excel
    .venv/bin/python bench/bench_profile.py --excel-rows 100000 --skip-csv

Figures are ratios on purpose: these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import harness

CACHE = harness.CACHE


def make_csv(rows: int) -> Path:
    import numpy as np
    import polars as pl

    path = CACHE / f"profile_{rows}.csv"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    regions = np.array(["North", "South", "East", "West"])
    frame = pl.DataFrame({
        "order_id": np.arange(rows),
        "customer_id": rng.integers(0, 50_000, rows),
        "product": np.array([f"P-{i:04d}" for i in range(2000)])[rng.integers(0, 2000, rows)],
        "region": regions[rng.integers(0, 4, rows)],
        "quantity": rng.integers(1, 20, rows),
        "unit_price": rng.uniform(1, 500, rows).round(2),
        "discount": rng.choice([0.0, 0.05, 0.1], rows),
        "revenue": rng.uniform(1, 5000, rows).round(2),
        "status": np.array(["completed", "cancelled", "returned"])[rng.integers(0, 3, rows)],
        "order_date": pl.date_range(pl.date(2020, 1, 1), pl.date(2024, 12, 31), eager=True)
        .sample(rows, with_replacement=True, seed=1),
        "score": rng.normal(50, 10, rows).round(3),
        "comment": np.array(["", "fast delivery", "late", "damaged box", "great"])[rng.integers(0, 5, rows)],
    })
    frame.write_csv(path)
    return path


def make_excel(rows: int) -> Path:
    import polars as pl

    path = CACHE / f"profile_{rows}.xlsx"
    if not path.exists():
        pl.read_csv(make_csv(rows)).head(rows).write_excel(path)
    return path


# ---- the cases, each run in its own process ------------------------------------------

def case_polars_read(path: str) -> None:
    import polars as pl

    pl.read_csv(path, try_parse_dates=True)


def case_polars_describe(path: str) -> None:
    import polars as pl

    frame = pl.read_csv(path, try_parse_dates=True)
    frame.describe()
    frame.select(pl.all().n_unique())


def case_sluice_profile(path: str) -> None:
    from etl_core.analyzers import profile
    from etl_core.loaders import read_file

    # what `python -m etl_core profile` does: sniff, read, find types, the exact profile
    profile(read_file(Path(path)).frame.collect())


def case_sluice_quick(path: str) -> None:
    from etl_core.analyzers import profile
    from etl_core.loaders import read_file

    # sniff, read, find types, the quick profile (no distinct counts, medians, top values, duplicate rows)
    profile(read_file(Path(path)).frame.collect(), quick=True)


def _add(path: str, folder: str):
    from etl_core import sources
    from etl_core.config import Settings
    from etl_core.loaders import read_file

    settings = Settings(data_dir=Path(folder), database_url=f"sqlite:///{folder}/sluice.db")
    done = sources.materialise(settings, read_file(Path(path)), "bench", Path(path).name)
    return settings, done


def case_sluice_add(path: str) -> None:
    import tempfile

    # what adding a source does before the page shows it: read and type, write the Parquet copy, profile it
    # (over 200,000 rows, quickly: the rest follows in the background)
    with tempfile.TemporaryDirectory() as folder:
        _add(path, folder)


def case_sluice_add_complete(path: str) -> None:
    import tempfile

    import polars as pl

    from etl_core import storage
    from etl_core.analyzers import profile

    # adding a source, then what completing its profile does (sources.complete_profile without the database)
    with tempfile.TemporaryDirectory() as folder:
        settings, done = _add(path, folder)
        if done.profile.get("pending"):
            profile(pl.scan_parquet(storage.parquet_path(settings, done.parquet_file)).collect())


def case_pandas(path: str) -> None:
    import pandas as pd

    frame = pd.read_csv(path, parse_dates=["order_date"])
    frame.describe(include="all")
    frame.isna().sum()
    frame.nunique()
    frame.median(numeric_only=True)
    for column in frame.columns:
        frame[column].value_counts().head(10)
    frame.duplicated().sum()


def case_excel_sluice(path: str) -> None:
    from etl_core.loaders import read_file

    read_file(Path(path)).frame.collect()


def case_excel_openpyxl(path: str) -> None:
    import pandas as pd

    pd.read_excel(path, engine="openpyxl")


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
# imported before the clock starts: the figures compare work, not interpreter start-up
IMPORTS = {"polars_read": ["polars"], "polars_describe": ["polars"], "pandas": ["pandas"],
           "excel_openpyxl": ["pandas", "openpyxl"],
           "sluice_profile": ["polars", "etl_core.loaders", "etl_core.analyzers"],
           "sluice_quick": ["polars", "etl_core.loaders", "etl_core.analyzers"],
           "sluice_add": ["polars", "etl_core.loaders", "etl_core.analyzers", "etl_core.sources"],
           "sluice_add_complete": ["polars", "etl_core.loaders", "etl_core.analyzers", "etl_core.sources"],
           "excel_sluice": ["polars", "etl_core.loaders", "fastexcel"]}


def compare(title, cases, path, repeat, floor):
    return harness.compare(__file__, title, cases, [str(path)], repeat, floor, interleave=True)


SLUICE_CASES = [
    ("sluice_profile", "Sluice: read, find types, exact profile"),
    ("sluice_quick", "Sluice: read, find types, quick profile"),
    ("sluice_add", "Sluice: add a source, shown (+ Parquet copy)"),
    ("sluice_add_complete", "Sluice: add a source, profile complete"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--excel-rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-csv", action="store_true")
    parser.add_argument("--skip-excel", action="store_true")
    parser.add_argument("--skip-pandas", action="store_true", help="leave out pandas and Polars describe (slow at 10M)")
    parser.add_argument("--case", nargs=2, metavar=("NAME", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        harness.child_main(CASES, IMPORTS, args.case)
        return
    ratios: dict[int, dict[str, float]] = {}
    for rows in [] if args.skip_csv else args.rows:
        path = make_csv(rows)
        print(f"\nCSV: {rows:,} rows x 12 columns, {path.stat().st_size / 1e6:.0f} MB")
        others = [] if args.skip_pandas else [("polars_describe", "Polars read + describe + n_unique"),
                                              ("pandas", "pandas: read + describe/nunique/value_counts")]
        results = compare("Load and profile", [("polars_read", "Polars read only (the floor)"), *SLUICE_CASES,
                                               *others], path, args.repeat, "polars_read")
        ratios[rows] = {name: results[name][4] for name, _ in SLUICE_CASES}
        if not args.skip_pandas:
            for name in ("sluice_profile", "sluice_quick"):
                print(f"{name}: {results['pandas'][0] / results[name][0]:.2f}x faster than pandas")
    if ratios:
        print("\nx the read floor (target: within 2x)" + "".join(f"{r:>14,}" for r in ratios))
        for name, label in SLUICE_CASES:
            print(f"{label:<48}" + "".join(f"{ratios[r][name]:>14.2f}" for r in ratios))
    if not args.skip_excel:
        path = make_excel(args.excel_rows)
        print(f"\nExcel: {args.excel_rows:,} rows x 12 columns")
        results = compare("Excel read", [
            ("excel_sluice", "Sluice (calamine via fastexcel)"),
            ("excel_openpyxl", "pandas with openpyxl"),
        ], path, args.repeat, "excel_sluice")
        print(f"\nopenpyxl vs Sluice: {results['excel_openpyxl'][0] / results['excel_sluice'][0]:.1f}x slower (target >= 5x)")


if __name__ == "__main__":
    main()

"""`python -m etl_core run` of the reference pipeline over stored sources, whole process, beside the same
work as a hand-written Polars script, whole process too.

    .venv/bin/python bench/bench_cli_run.py                      # 5,000,000 stored order lines, median of 7
    .venv/bin/python bench/bench_cli_run.py --rows 1000000 --repeat 9 --before cc3761f

A data directory is made once (bench/.cache/cli_run_<rows>/): orders, customers and products added as
data sources (so the run reads their stored Parquet copies) and the reference pipeline saved. The script
reads the same Parquet copies and writes the same Parquet output. Both are timed from the moment the
process is started until it exits, and the cases take turns; the peak memory column is the measuring
process's, not the command's. 'Before' runs the command from the tree of ``--before`` (extracted once
with ``git archive``) on the same data directory.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import harness

SCRIPT = '''
import sys
import polars as pl

orders, customers, products, out = sys.argv[1:]
(pl.scan_parquet(orders).join(pl.scan_parquet(customers), on="customer_id", how="left")
 .join(pl.scan_parquet(products), on="product_id", how="left")
 .filter((pl.col("status") == "completed") & (pl.col("order_date") >= pl.lit("2023-06-01").str.to_date()))
 .with_columns(net_revenue=pl.col("quantity") * pl.col("unit_price") * (1 - pl.col("discount")),
               month=pl.col("order_date").dt.truncate("1mo"))
 .group_by("month", "region", "category")
 .agg(revenue=pl.col("net_revenue").sum(), orders=pl.len(), customers=pl.col("customer_id").n_unique())
 .sort("month", "region", "category")
 .sink_parquet(out))
'''


def data_dir(rows: int) -> Path:
    """A data directory with the three sources stored and the reference pipeline saved (made once)."""
    folder = harness.CACHE / f"cli_run_{rows}"
    if (folder / "ready").exists():
        return folder
    from bench.bench_pipeline import make_data
    from bench.reference import reference_spec
    from etl_core import pipelines, sources
    from etl_core.db import open_database, session_scope

    csv = make_data(rows)
    settings = _settings(folder)
    engine = open_database(settings.database_url)
    with session_scope(engine) as session:
        for name in ("orders", "customers", "products"):
            sources.add_file(session, settings, file_name=f"{name}.csv", data=csv / f"{name}.csv")
        pipelines.save_pipeline(session, settings, reference_spec("reference.parquet"), replace=True)
    (folder / "script.py").write_text(SCRIPT)
    (folder / "ready").touch()
    return folder


def _settings(folder: Path):
    from etl_core.config import Settings

    return Settings(data_dir=folder, database_url=f"sqlite:///{folder}/sluice.db", load_samples=False,
                    max_upload_mb=100_000)  # a 5M-row orders file is 250 MB


def _copies(folder: Path) -> list[str]:
    from sqlmodel import Session, select

    from etl_core import storage
    from etl_core.db import make_engine
    from etl_core.models import DataSource

    settings = _settings(folder)
    with Session(make_engine(settings.database_url)) as session:
        found = {s.name: s for s in session.exec(select(DataSource))}
    return [str(storage.parquet_path(settings, found[name].parquet_file)) for name in ("orders", "customers", "products")]


def _env(folder: str, tree: Path) -> dict[str, str]:
    env = {**os.environ, "SLUICE_DATA_DIR": folder, "SLUICE_LOAD_SAMPLES": "false", "PYTHONPATH": str(tree)}
    env.pop("DATABASE_URL", None)
    return env


def case_script(folder: str, *copies: str) -> None:
    subprocess.run([sys.executable, str(Path(folder) / "script.py"), *copies, str(Path(folder) / "script_out.parquet")],
                   check=True, env=_env(folder, harness.ROOT))


def case_cli(folder: str, *copies: str) -> None:
    subprocess.run([sys.executable, "-m", "etl_core", "run", "reference"], cwd=harness.ROOT, check=True,
                   env=_env(folder, harness.ROOT), stdout=subprocess.DEVNULL)


def case_cli_before(folder: str, *copies: str) -> None:
    subprocess.run([sys.executable, "-m", "etl_core", "run", "reference"], cwd=BEFORE, check=True,
                   env=_env(folder, BEFORE), stdout=subprocess.DEVNULL)


BEFORE = harness.CACHE / "cli_run_before"
CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
LABELS = [("script", "hand-written Polars script (python script.py)"),
          ("cli", "python -m etl_core run reference"), ("cli_before", "python -m etl_core run reference (before)")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--before", help="also run the command from this commit's tree (extracted once)")
    parser.add_argument("--case", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        harness.child_main(CASES, {}, args.case)
        return
    folder = data_dir(args.rows)
    labels = LABELS[:2]
    if args.before:
        if not (BEFORE / "etl_core").is_dir():
            BEFORE.mkdir(parents=True, exist_ok=True)
            archive = subprocess.run(["git", "archive", args.before, "etl_core", "data/samples"], cwd=harness.ROOT,
                                     check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", str(BEFORE)], input=archive, check=True)
        labels = LABELS
    for name, _ in labels:  # a first run of each: the database's migrations, the files in the page cache
        CASES[name](str(folder), *_copies(folder))
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    results = harness.compare(__file__, f"The reference pipeline over {args.rows:,} stored order lines, whole process",
                              labels, [str(folder), *_copies(folder)], args.repeat, "script")
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    print(f"python -m etl_core run / the script: {results['cli'][0] / results['script'][0]:.2f}x (target <= 1.25x)")


if __name__ == "__main__":
    main()

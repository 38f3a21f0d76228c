"""Larger than memory: the reference pipeline over a 100M-row orders CSV, streamed end to end.

    .venv/bin/python bench/bench_large.py                     # 100,000,000 order lines (about 5 GB of CSV)
    .venv/bin/python bench/bench_large.py --rows 20000000 --repeat 1

The CSV files are generated once, in chunks (never whole in memory), into bench/.cache/large_<rows>/
and reused. Each case runs in a fresh process; the benchmark samples the resident memory of that
process and of every process it starts, every 0.1 s, and prints the wall time and the peak of the whole
tree (anonymous memory apart: the rest is file pages mapped from the page cache, which the system can
drop at any time). Cases: the same work hand-written in Polars (streaming, sunk to Parquet), Sluice's
executor reading the CSV files (rows after every step, the default, and the output sunk), and DuckDB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import bench_pipeline, harness

CHUNK = 5_000_000


def make_data(rows: int) -> Path:
    """orders.csv (rows lines, written a chunk at a time), customers.csv and products.csv; made once."""
    import numpy as np
    import polars as pl

    folder = harness.CACHE / f"large_{rows}"
    if (folder / "ready").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    need = rows * 52 + (1 << 30)  # about 51 bytes a line, and room to spare
    if shutil.disk_usage(folder).free < need:
        raise SystemExit(f"not enough disk for {rows:,} rows in {folder}: about {need / 1e9:.0f} GB needed; "
                         "pass a smaller --rows")
    started = time.perf_counter()
    rng = np.random.default_rng(3)
    statuses = np.array(["completed", "completed", "completed", "cancelled", "returned", "pending"])
    first_day = np.datetime64("2022-01-01")
    with open(folder / "orders.csv", "wb") as out:
        for start in range(0, rows, CHUNK):
            n = min(CHUNK, rows - start)
            pl.DataFrame({
                "order_id": np.arange(start, start + n),
                "order_date": first_day + rng.integers(0, 1096, n).astype("timedelta64[D]"),
                "customer_id": rng.integers(0, bench_pipeline.CUSTOMERS, n),
                "product_id": rng.integers(0, bench_pipeline.PRODUCTS, n),
                "status": statuses[rng.integers(0, len(statuses), n)],
                "quantity": rng.integers(1, 10, n),
                "unit_price": rng.uniform(1, 300, n).round(2),
                "discount": rng.choice([0.0, 0.05, 0.1], n),
            }).write_csv(out, include_header=start == 0)
    small = bench_pipeline.make_data(1_000)  # the same customers and products as the engine benchmark
    for name in ("customers", "products"):
        shutil.copy(small / f"{name}.csv", folder / f"{name}.csv")
    (folder / "ready").touch()
    size = (folder / "orders.csv").stat().st_size
    print(f"generated {rows:,} order lines ({size / 1e9:.1f} GB of CSV) in {time.perf_counter() - started:.0f} s")
    return folder


# ---- cases (each in its own process) ----------------------------------------------------

def case_polars(folder: str) -> None:
    bench_pipeline.case_polars(folder, "csv")


def case_sluice(folder: str) -> None:
    bench_pipeline.case_sluice(folder, "csv")


def case_duckdb(folder: str) -> None:
    bench_pipeline.case_duckdb(folder, "csv")


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
LABELS = [("polars", "Polars, hand-written lazy query (streaming)"),
          ("sluice", "Sluice executor (rows per step, output sunk)"), ("duckdb", "DuckDB SQL")]


# ---- the whole process tree's memory ----------------------------------------------------

def _tree(root: int) -> list[int]:
    """``root`` and every process descended from it (the run's child, a fork server)."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def _resident_kb(pid: int) -> tuple[int, int]:
    """(all resident, anonymous resident) in kB; (0, 0) for a process that has gone."""
    try:
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    except (OSError, ValueError):
        return 0, 0
    return int(fields.get("VmRSS", "0 kB").split()[0]), int(fields.get("RssAnon", "0 kB").split()[0])


def run_case(name: str, folder: Path) -> dict[str, float]:
    """Wall time of the whole process, and the peak resident memory of its tree, sampled every 0.1 s."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, __file__, "--case", name, str(folder)], cwd=harness.ROOT,
                               env={**os.environ, "PYTHONPATH": str(harness.ROOT)}, stderr=subprocess.PIPE)
    peak = peak_anon = 0
    while process.poll() is None:
        sizes = [_resident_kb(pid) for pid in _tree(process.pid)]
        peak, peak_anon = max(peak, sum(s[0] for s in sizes)), max(peak_anon, sum(s[1] for s in sizes))
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"case {name} failed:\n{process.stderr.read().decode()}")
    return {"seconds": seconds, "peak_mb": peak / 1024, "peak_anon_mb": peak_anon / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--cases", nargs="+", default=[n for n, _ in LABELS], choices=[n for n, _ in LABELS])
    parser.add_argument("--case", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        name, folder = args.case
        CASES[name](folder)
        return
    folder = make_data(args.rows)
    size = (folder / "orders.csv").stat().st_size
    print(f"Reference pipeline over {args.rows:,} order lines from CSV ({size / 1e9:.1f} GB); "
          f"load average {os.getloadavg()[0]:.1f}; {os.cpu_count()} cores")
    chosen = [(name, label) for name, label in LABELS if name in args.cases]
    runs: dict[str, list[dict[str, float]]] = {name: [] for name, _ in chosen}
    for _ in range(args.repeat):  # the cases take turns, so other work's load falls on each alike
        for name, _ in chosen:
            runs[name].append(run_case(name, folder))
    results = {name: {"seconds": statistics.median(r["seconds"] for r in got),  # memory: the highest of the runs
                      "peak_mb": max(r["peak_mb"] for r in got), "peak_anon_mb": max(r["peak_anon_mb"] for r in got)}
               for name, got in runs.items()}
    print(f"{'case (whole process; median time, highest peak of ' + str(args.repeat) + ')':<48} {'s':>8} {'x Polars':>9} "
          f"{'peak MB':>8} {'anon MB':>8}")
    for name, label in chosen:
        r, base = results[name], results.get("polars", results[name])["seconds"]
        print(f"{label:<48} {r['seconds']:>8.1f} {r['seconds'] / base:>9.2f} {r['peak_mb']:>8,.0f} "
              f"{r['peak_anon_mb']:>8,.0f}", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()

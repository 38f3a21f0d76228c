"""What running a pipeline in its own process costs: the run path (a child forked from the
warm fork server as in the app, or from the calling process itself as on the command line; events
piped back) beside the same run executed in the calling process.

    .venv/bin/python bench/bench_run_process.py                 # 1,000 and 1,000,000 order lines
    .venv/bin/python bench/bench_run_process.py --rows 1000 --repeat 7

Both cases claim and record the run in SQLite the same way; only where the executor runs
differs. The fork server is started before the clock, as the app starts it at launch.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import harness

SPEC = {"name": "bench_run", "steps": [
    {"type": "source", "source": "orders"},
    {"type": "filter", "condition": "status = 'completed'"},
    {"type": "derive", "column": "revenue", "expression": "quantity * unit_price"},
    {"type": "aggregate", "group_by": ["product_id"],
     "measures": [{"agg": "sum", "column": "revenue", "name": "revenue"}]},
    {"type": "output", "format": "parquet", "path": "bench_run.parquet"}]}


def data_dir(rows: int) -> Path:
    """A data directory holding one stored source, 'orders', of ``rows`` lines (made once)."""
    import numpy as np
    import polars as pl

    from etl_core import sources
    from etl_core.db import open_database, session_scope

    folder = harness.CACHE / f"run_process_{rows}"
    if (folder / "ready").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(5)
    frame = pl.DataFrame({"product_id": rng.integers(0, 2000, rows), "quantity": rng.integers(1, 10, rows),
                          "unit_price": rng.uniform(1, 300, rows).round(2),
                          "status": np.array(["completed", "cancelled"])[rng.integers(0, 2, rows)]})
    settings = _settings(folder)
    engine = open_database(settings.database_url)
    with session_scope(engine) as session:
        sources.add_file(session, settings, file_name="orders.csv", data=frame.write_csv().encode())
    (folder / "ready").touch()
    return folder


def _settings(folder: Path):
    from etl_core.config import Settings

    return Settings(data_dir=folder, database_url=f"sqlite:///{folder}/sluice.db", load_samples=False)


def case_in_process(folder: str) -> None:
    """The run path as it was: claim, record, execute here."""
    from sqlmodel import Session

    from etl_core import pipelines
    from etl_core.db import make_engine
    from etl_core.executor import RunResult, execute
    from etl_core.models import PipelineRun
    from etl_core.spec import parse_spec

    settings = _settings(Path(folder))
    engine = make_engine(settings.database_url)
    spec = parse_spec(SPEC)
    with Session(engine, expire_on_commit=False) as session:
        run = PipelineRun(pipeline_name=spec.name, status="running")
        session.add(run)
        session.commit()
        recorder = pipelines.RunRecorder(engine, run.id)
        used: dict = {}
        result: RunResult = execute(spec, {}, pipelines.context(session, settings, refresh_remote=True, used=used),
                                    listeners=[recorder])
    recorder.finish(result, used)
    assert result.status == "succeeded", result.error


def case_child_process(folder: str) -> None:
    """The run path now: run_pipeline, the executor in a child process."""
    from etl_core import pipelines
    from etl_core.db import make_engine
    from etl_core.spec import parse_spec

    settings = _settings(Path(folder))
    run = pipelines.run_pipeline(make_engine(settings.database_url), settings, pipelines.RunRequest(parse_spec(SPEC)))
    assert run.status == "succeeded", run.error


def case_child_from_server(folder: str) -> None:
    """The run path of a process with threads of its own (the app, the API, the worker): the fork server."""
    from etl_core import run_process

    run_process._start_context = lambda: run_process._CONTEXT
    case_child_process(folder)


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
IMPORTS = {name: ["polars", "etl_core.pipelines"] for name in ("in_process", "child_process", "child_from_server")}
SETUP = {"child_from_server": lambda: __import__("etl_core.run_process", fromlist=["warm_up"]).warm_up()}
LABELS = [("in_process", "executor in the calling process (before)"),
          ("child_from_server", "run_pipeline: a child of the fork server"),
          ("child_process", "run_pipeline: a child forked from the caller")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--case", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        harness.child_main(CASES, IMPORTS, args.case, SETUP)
        return
    for rows in args.rows:
        folder = data_dir(rows)
        harness.compare(__file__, f"A filter, derive, aggregate and Parquet output over {rows:,} stored rows",
                        LABELS, [str(folder)], args.repeat, "in_process")


if __name__ == "__main__":
    main()

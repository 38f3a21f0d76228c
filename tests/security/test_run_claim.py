"""Claiming a run: one at a time when a pipeline refuses overlap; a killed run is marked interrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

from sqlmodel import Session, select

from etl_core import pipelines, sources
from etl_core.config import Settings
from etl_core.db import open_database, session_scope
from etl_core.models import PipelineRun
from etl_core.spec import parse_spec
from tests.conftest import ROOT

TRIALS = 6


def slow_spec(name: str = "slow", rows: int = 2000) -> dict:
    """A self-join on one key: rows x rows rows, slow enough to overlap; :limit cuts the left side."""
    return {"name": name, "concurrency": "refuse",
            "parameters": [{"name": "limit", "type": "integer", "default": str(rows)}],
            "steps": [{"type": "source", "source": "grid"},
                      {"type": "filter", "condition": "i < :limit"},
                      {"type": "join", "source": "grid", "on": ["k"], "max_row_factor": 1e12},
                      {"type": "derive", "column": "x", "expression": "i * i_right % 7"},
                      {"type": "aggregate", "group_by": ["x"],
                       "measures": [{"agg": "count_distinct", "column": "i", "name": "n"}]},
                      {"type": "output", "format": "csv", "path": f"{name}.csv"}]}


def add_grid(engine, settings: Settings, rows: int) -> None:
    csv = "k,i,tag\n" + "".join(f"1,{i},t{i}\n" for i in range(rows))
    with session_scope(engine) as session:
        sources.add_file(session, settings, file_name="grid.csv", data=csv.encode())


def runs_of(engine, name: str) -> list[PipelineRun]:
    with Session(engine) as session:
        return list(session.exec(select(PipelineRun).where(PipelineRun.pipeline_name == name).order_by(PipelineRun.id)))


# ---- (a) two runs at once --------------------------------------------------------------

def run_twice_at_once(engines, settings: Settings, name: str) -> list[PipelineRun]:
    barrier = threading.Barrier(len(engines), timeout=30)
    results: list[PipelineRun] = []

    def start(own) -> None:
        barrier.wait()
        results.append(pipelines.run_pipeline(own, settings, pipelines.RunRequest(name)))

    threads = [threading.Thread(target=start, args=(own,)) for own in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_runs_started_at_once_execute_once(any_settings):
    settings = any_settings
    engine = open_database(settings.database_url)
    add_grid(engine, settings, 2000)
    with session_scope(engine) as session:
        pipelines.save_pipeline(session, settings, parse_spec(slow_spec()))
    engines = [open_database(settings.database_url) for _ in range(2)]  # one each, as two processes have
    for _ in range(TRIALS):
        results = run_twice_at_once(engines, settings, "slow")
        assert sorted(run.status for run in results) == ["failed", "succeeded"], [r.error for r in results]
        refused = next(run for run in results if run.status == "failed")
        assert "'slow' is already running" in refused.error
    for each in (engine, *engines):
        each.dispose()


# ---- (b) a killed run ------------------------------------------------------------------

def cli(settings: Settings, *args: str, wait: bool = True):
    env = {**os.environ, "SLUICE_DATA_DIR": str(settings.data_dir), "SLUICE_LOAD_SAMPLES": "false"}  # its own sources only
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "etl_core", *args]
    if wait:
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for_status(engine, name: str, status: str, timeout_s: float = 60) -> PipelineRun:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = [run for run in runs_of(engine, name) if run.status == status]
        if found:
            return found[0]
        time.sleep(0.02)
    raise AssertionError(f"no run of {name} became {status}: {[r.status for r in runs_of(engine, name)]}")


def test_a_killed_run_is_interrupted_and_does_not_block(engine, settings):
    add_grid(engine, settings, 12000)
    with session_scope(engine) as session:
        pipelines.save_pipeline(session, settings, parse_spec(slow_spec(rows=12000)))
    first = cli(settings, "run", "slow", wait=False)
    try:
        running = wait_for_status(engine, "slow", "running")
        second = cli(settings, "run", "slow", "--param", "limit=10")
        assert second.returncode == 1 and "'slow' is already running" in second.stderr
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert cli(settings, "list").stdout.startswith("slow\t6 steps; last run failed")  # the refused one
    with Session(engine) as session:
        assert session.get(PipelineRun, running.id).status == "interrupted"  # found when the CLI started
    third = pipelines.run_pipeline(engine, settings, pipelines.RunRequest("slow", params={"limit": "10"}))
    assert third.status == "succeeded", third.error
    killed = runs_of(engine, "slow")[0]
    assert killed.id == running.id and killed.status == "interrupted"
    assert killed.error == "The process running it stopped (killed or crashed)." and killed.finished_at is not None

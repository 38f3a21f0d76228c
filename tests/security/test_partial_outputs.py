"""A run leaves no temporary output file behind, whatever happens, and stale ones are swept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from etl_core import pipelines, sources
from etl_core.config import Settings
from etl_core.db import session_scope
from etl_core.spec import parse_spec


def add_grid(engine, settings: Settings, rows: int) -> None:
    csv = "k,i,tag\n" + "".join(f"1,{i},t{i}\n" for i in range(rows))
    with session_scope(engine) as session:
        sources.add_file(session, settings, file_name="grid.csv", data=csv.encode())


def partial_files(settings: Settings) -> list[Path]:
    return sorted((settings.data_dir / "outputs").rglob("*.partial"))


@pytest.mark.parametrize("stepwise", [False, True])
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_run_failing_after_an_output_leaves_no_partial_file(engine, settings, stepwise, fmt):
    add_grid(engine, settings, 10)
    # Python's re accepts a look-ahead, Polars' regex engine refuses it: the step fails while running
    spec = parse_spec({"name": "fails_late", "steps": [
        {"type": "source", "source": "grid"},
        {"type": "output", "format": fmt, "path": "early"},
        {"type": "text", "column": "tag", "operation": "replace", "pattern": "(?=1)", "replacement": "", "regex": True},
        {"type": "output", "format": "parquet", "path": "late"}]})
    run = pipelines.run_pipeline(engine, settings, pipelines.RunRequest(spec, stepwise=stepwise))
    assert run.status == "failed" and "regex" in run.error
    assert partial_files(settings) == []


def test_stale_partial_files_are_swept_when_a_run_starts(engine, settings):
    add_grid(engine, settings, 10)
    outputs = settings.data_dir / "outputs"
    outputs.mkdir(parents=True)
    dead = outputs / ".old.csv.999999-0a1b2c3d.partial"  # its process is gone
    live = outputs / f".busy.csv.{os.getpid()}-0a1b2c3d.partial"  # a run in this process is writing it
    for path in (dead, live):
        path.write_text("half")
    spec = parse_spec({"name": "quick", "steps": [{"type": "source", "source": "grid"},
                                                  {"type": "output", "format": "csv", "path": "quick"}]})
    assert pipelines.run_pipeline(engine, settings, pipelines.RunRequest(spec)).status == "succeeded"
    assert partial_files(settings) == [live]

"""Saved pipelines and recorded runs in the real database; the pipeline commands."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time

import polars as pl
import pytest
from sqlmodel import Session, select

from etl_core import pipelines, sources
from etl_core.db import session_scope
from etl_core.errors import ConflictError, PipelineError
from etl_core.models import PipelineRun
from etl_core.spec import parse_spec
from tests.conftest import ROOT, SAMPLES

SAMPLE_SPEC = json.loads((SAMPLES / "pipelines" / "monthly_revenue.json").read_text())


@pytest.fixture
def loaded(engine, settings):
    with session_scope(engine) as session:
        sources.load_samples(session, settings, SAMPLES)
        pipelines.load_sample_pipeline(session, settings)
    return engine


def test_the_sample_pipeline_is_saved_with_declared_types(loaded, settings):
    with Session(loaded) as session:
        pipeline = pipelines.get_pipeline(session, "monthly_revenue")
    assert pipeline.spec["output_types"] == {"month": "date", "region": "string", "category": "string",
                                             "revenue": "float", "orders": "integer", "customers": "integer"}


def test_a_run_is_recorded_with_steps_logs_sources_and_outputs(loaded, settings):
    run = pipelines.run_pipeline(loaded, settings, pipelines.RunRequest("monthly_revenue", params={"since": "2025-01-01"}))
    assert run.status == "succeeded", run.error
    orders = pl.read_csv(SAMPLES / "orders.csv", try_parse_dates=True)
    completed = orders.filter((pl.col("status") == "completed") & (pl.col("order_date") >= pl.date(2025, 1, 1)))
    assert run.rows_in == orders.height and run.steps[3]["rows"] == completed.height
    assert run.params == {"since": "2025-01-01"} and run.trigger == "manual"
    assert set(run.sources_used) == {"orders", "customers", "products"}
    written = pl.read_parquet(run.outputs[0]["path"])
    assert written["orders"].sum() == completed.height
    assert written["revenue"].sum() == pytest.approx(
        (completed["quantity"] * completed["unit_price"] * (1 - completed["discount"])).sum())
    with Session(loaded) as session:
        logs = pipelines.run_logs(session, run.id)
    assert [log.kind for log in logs][0] == "run_started" and logs[-1].kind == "run_finished"
    assert [log.rows for log in logs if log.kind == "step_finished"] == [s["rows"] for s in run.steps]


def test_a_query_sources_rows_are_those_read_for_the_run(engine, settings):
    import sqlite3

    db = settings.data_dir / "databases" / "shop.db"  # where SQLite sources may be read
    db.parent.mkdir(parents=True)
    with sqlite3.connect(db) as connection:
        connection.execute("create table t (x integer)")
        connection.execute("insert into t values (1), (2)")
    with session_scope(engine) as session:
        sources.add_query(session, settings, name="t", url=f"sqlite:///{db}", query="select * from t")
    with sqlite3.connect(db) as connection:
        connection.execute("insert into t values (3), (4), (5)")  # after it was added: the run reads it afresh
    spec = parse_spec({"name": "q", "steps": [{"type": "source", "source": "t"},
                                              {"type": "filter", "condition": "x > 1"},
                                              {"type": "aggregate", "measures": [{"agg": "count", "name": "n"}]}]})
    run = pipelines.run_pipeline(engine, settings, pipelines.RunRequest(spec))
    assert run.status == "succeeded", run.error
    assert [s["rows"] for s in run.steps] == [5, 4, 1]


def test_a_failed_run_is_recorded_with_its_step(loaded, settings):
    spec = parse_spec({"name": "broken", "steps": [{"type": "source", "source": "orders"},
                                                   {"type": "filter", "condition": "reveneu > 1"}]})
    run = pipelines.run_pipeline(loaded, settings, pipelines.RunRequest(spec))
    assert run.status == "failed" and run.failed_step == 2
    assert run.error == "Step 2 (filter): column 'reveneu' does not exist. Did you mean 'revenue'?"


def test_an_interrupted_run_is_recorded_with_its_log_and_its_end(loaded, settings):
    """The log is written with the run's finish: an interrupt after the first step still leaves both."""
    def interrupt(event):
        if event.kind == "step_finished":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pipelines.run_pipeline(loaded, settings, pipelines.RunRequest("monthly_revenue", listeners=[interrupt]))
    with Session(loaded) as session:
        run = pipelines.last_run(session, "monthly_revenue")
        kinds = [log.kind for log in pipelines.run_logs(session, run.id)]
    assert run.status == "failed" and run.error.startswith("Sluice stopped unexpectedly: KeyboardInterrupt")
    assert kinds == ["run_started", "step_finished", "step_failed", "run_finished"]


def test_a_source_deleted_since_saving(loaded, settings):
    with session_scope(loaded) as session:
        sources.delete_source(session, settings, sources.get_source(session, "products").id)
    run = pipelines.run_pipeline(loaded, settings, pipelines.RunRequest("monthly_revenue"))
    assert run.status == "failed" and run.error.startswith("Step 3 (join): There is no data source 'products'")


def slow_spec(concurrency: str) -> dict:
    return {**SAMPLE_SPEC, "name": f"slow_{concurrency}", "concurrency": concurrency}


def test_a_second_run_at_once_is_refused(loaded, settings):
    spec = parse_spec(slow_spec("refuse"))
    with session_scope(loaded) as session:
        pipelines.save_pipeline(session, settings, spec)
        session.add(PipelineRun(pipeline_name=spec.name, status="running", runner=f"{os.uname().nodename}:{os.getpid()}"))
    run = pipelines.run_pipeline(loaded, settings, pipelines.RunRequest(spec.name))
    assert run.status == "failed" and "is already running" in run.error
    with Session(loaded) as session:  # the log says why too, though the executor never started
        logs = pipelines.run_logs(session, run.id)
    assert [(log.kind, log.message) for log in logs] == [("step_failed", run.error), ("run_finished", run.error)]


def test_a_second_run_waits_when_the_pipeline_says_so(loaded, settings):
    spec = parse_spec(slow_spec("wait"))
    with session_scope(loaded) as session:
        blocker = PipelineRun(pipeline_name=spec.name, status="running", runner=f"{os.uname().nodename}:{os.getpid()}")
        session.add(blocker)
        session.commit()
        session.refresh(blocker)

    def release():
        time.sleep(1.0)
        with session_scope(loaded) as session:
            session.get(PipelineRun, blocker.id).status = "succeeded"

    threading.Thread(target=release).start()
    started = time.monotonic()
    run = pipelines.run_pipeline(loaded, settings, pipelines.RunRequest(spec))
    assert run.status == "succeeded" and time.monotonic() - started >= 0.9


def test_a_crashed_run_does_not_block_forever(loaded, settings):
    with session_scope(loaded) as session:
        session.add(PipelineRun(pipeline_name="monthly_revenue", status="running",
                                runner=f"{os.uname().nodename}:999999"))
    assert pipelines.run_pipeline(loaded, settings, pipelines.RunRequest("monthly_revenue")).status == "succeeded"


def test_duplicate_names_are_refused(loaded, settings):
    with Session(loaded) as session, pytest.raises(ConflictError, match="already exists"):
        pipelines.save_pipeline(session, settings, parse_spec(SAMPLE_SPEC))


@pytest.mark.parametrize("step, message", [
    ({"type": "filter", "condition": "status = = 'x'"}, "Step 2 (filter): 'status = = 'x'' is not a valid expression"),
    ({"type": "join", "source": "customers", "left_on": ["order_date"], "right_on": ["customer_id"]},
     "Step 2 (join): key 'order_date' is date here but 'customer_id' is string in 'customers'."),
    ({"type": "filter", "condition": "reveneu > 1"}, "Step 2 (filter): column 'reveneu' does not exist."),
], ids=["expression that does not parse", "join keys of different types", "unknown column"])
def test_a_spec_that_does_not_validate_is_refused_and_the_stored_one_kept(loaded, settings, step, message):
    with Session(loaded) as session:
        before = pipelines.get_pipeline(session, "monthly_revenue").spec
        broken = parse_spec({**before, "steps": [before["steps"][0], step, *before["steps"][1:]]})
        with pytest.raises(PipelineError, match=re.escape(message)):
            pipelines.save_pipeline(session, settings, broken, replace=True)
        with pytest.raises(PipelineError, match=re.escape(message)):
            pipelines.save_pipeline(session, settings, broken.model_copy(update={"name": "new one"}))
    with Session(loaded) as session:
        assert pipelines.get_pipeline(session, "monthly_revenue").spec == before
        assert [p.name for p in pipelines.list_pipelines(session)] == ["monthly_revenue"]


def test_a_parameter_without_a_default_is_checked_with_a_stand_in(loaded, settings):
    """Its runs must give a value; the spec is still checked, with a value of the parameter's type."""
    spec = parse_spec({"name": "least", "parameters": [{"name": "least", "type": "integer"}],
                       "steps": [{"type": "source", "source": "orders"}, {"type": "filter", "condition": "quantity >= :least"}]})
    with Session(loaded) as session:
        saved = pipelines.save_pipeline(session, settings, spec)
    assert saved.spec["output_types"]["quantity"] == "integer"


def cli(data_dir, *args):
    env = {**os.environ, "SLUICE_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "etl_core", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_commands_list_export_import_run_sql(loaded, settings, tmp_path):
    listed = cli(settings.data_dir, "list")
    assert listed.stdout.startswith("monthly_revenue\t9 steps; never run;")
    exported = cli(settings.data_dir, "export", "monthly_revenue").stdout
    spec_file = tmp_path / "copy.json"
    spec_file.write_text(exported.replace('"monthly_revenue"', '"copy_of_revenue"', 1))
    assert cli(settings.data_dir, "import", str(spec_file)).stdout == "imported copy_of_revenue (9 steps)\n"
    again = json.loads(cli(settings.data_dir, "export", "copy_of_revenue").stdout)
    assert again == {**json.loads(exported), "name": "copy_of_revenue"}, "export and import round-trip exactly"
    refused = cli(settings.data_dir, "import", str(spec_file))
    assert refused.returncode == 1 and "already exists" in refused.stderr
    broken = json.loads(exported)
    broken["steps"][3]["condition"] = "status = = 'x'"
    spec_file.write_text(json.dumps({**broken, "name": "copy_of_revenue"}))
    refused = cli(settings.data_dir, "import", str(spec_file), "--replace")  # the same rule as the builder's Save
    assert refused.returncode == 1 and refused.stderr.startswith("error: Step 4 (filter): 'status = = 'x'' is not a valid")
    spec_file.write_text(exported.replace('"monthly_revenue"', '"copy_of_revenue"', 1))
    ran = cli(settings.data_dir, "run", "copy_of_revenue", "--param", "since=2025-06-01")
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    assert lines[0] == "step 1/9 source orders: 6,000 rows"
    assert lines[-1].startswith("run ") and " succeeded in " in lines[-1]
    assert "copy_of_revenue\t9 steps; last run succeeded" in cli(settings.data_dir, "list").stdout
    sql = cli(settings.data_dir, "sql", "copy_of_revenue", "--dialect", "postgres").stdout
    assert "WITH step_1_source AS" in sql and "CAST('2024-01-01' AS DATE)" in sql


def test_run_from_a_spec_file_and_failures(loaded, settings, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "bad", "steps": [{"type": "source", "source": "orders"},
                                                        {"type": "fliter", "condition": "x"}]}))
    out = cli(settings.data_dir, "run", str(bad))
    assert out.returncode == 1
    assert out.stderr == "error: Step 2 (fliter): unknown step type 'fliter'. Did you mean 'filter'?\n"
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"name": "adhoc", "steps": [{"type": "source", "source": "orders"},
                                                           {"type": "limit", "rows": 3}]}))
    assert cli(settings.data_dir, "run", str(good)).stdout.endswith("6,000 rows in, 3 out\n")
    assert cli(settings.data_dir, "run", "monthly_revenue", "--param", "since=soon").returncode == 1
    assert "Traceback" not in cli(settings.data_dir, "run", "nope").stderr


def test_preview_follows_the_source_version(loaded, settings):
    spec = parse_spec({"name": "p", "steps": [{"type": "source", "source": "orders"}, {"type": "limit", "rows": 2}]})
    with Session(loaded) as session:
        first, schema = pipelines.preview_step(session, settings, spec, 2)
        assert first.height == 2 and schema["order_date"] == "date"
        orders = sources.get_source(session, "orders")
        sources.replace_file(session, settings, orders.id, file_name="orders.csv",
                             data=b"order_id,order_date\nX-1,2025-01-01\n")
        again, schema = pipelines.preview_step(session, settings, spec, 2)
    assert again["order_id"].to_list() == ["X-1"], "a new version of the source is not served from the cache"


def test_ask_from_the_command_line(loaded, settings):
    out = cli(settings.data_dir, "ask", "total revenue in 2024", "--source", "orders", "--json")
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    orders = pl.read_csv(SAMPLES / "orders.csv", try_parse_dates=True)
    assert answer["value"] == pytest.approx(orders.filter(pl.col("order_date").dt.year() == 2024)["revenue"].sum())
    assert answer["text"].endswith("in 2024.")
    assert [(m["agg"], m["column"]) for m in answer["plan"]["measures"]] == [("sum", "revenue")]
    assert any(chip["phrase"] == "revenue" for chip in answer["reading"]), "the reading is in the JSON"
    unknown = cli(settings.data_dir, "ask", "flux capacitor", "--source", "orders")
    assert unknown.returncode == 1 and unknown.stdout.startswith("I can't answer that")


def test_a_running_runs_log_is_readable_while_it_runs(loaded, settings):
    """The run history page follows a long run: its first line is written at once, not only at the end."""
    seen: list[list[str]] = []

    def look(event) -> None:  # called after the recorder, in the calling process, while the child runs
        if event.kind == "step_started" and not seen:
            with Session(loaded) as session:
                run = session.exec(select(PipelineRun).order_by(PipelineRun.id.desc())).first()
                seen.append([line.kind for line in pipelines.run_logs(session, run.id)] + [run.status])

    run = pipelines.run_pipeline(loaded, settings, pipelines.RunRequest("monthly_revenue", listeners=[look]))
    assert seen == [["run_started", "running"]]
    with Session(loaded) as session:
        kinds = [line.kind for line in pipelines.run_logs(session, run.id)]
    assert kinds[0] == "run_started" and kinds[-1] == "run_finished" and kinds.count("run_started") == 1

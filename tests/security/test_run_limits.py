"""A run's memory ceiling and its stop: the run's work ends with it, in its own process."""

from __future__ import annotations

import dataclasses
import threading
import time

from etl_core import pipelines, run_process
from etl_core.executor import Cancel, Event, process_alive
from etl_core.spec import parse_spec
from tests.security.test_run_claim import add_grid, slow_spec


def sorted_cross_join(name: str) -> dict:
    """Every row with every row, then sorted: the sort must hold all of it in memory."""
    return {"name": name,
            "steps": [{"type": "source", "source": "grid"},
                      {"type": "join", "source": "grid", "on": ["k"], "max_row_factor": 1e12},
                      {"type": "sort", "by": [{"column": "tag_right"}]},
                      {"type": "output", "format": "csv", "path": f"{name}.csv"}]}


class ChildWatcher:
    """A listener that notes which child processes run the pipeline while it runs."""

    def __init__(self) -> None:
        self.pids: set[int] = set()

    def __call__(self, event: Event) -> None:
        self.pids.update(run_process.running_children())


def leftovers(settings) -> list[str]:
    outputs = settings.data_dir / "outputs"
    return sorted(p.name for p in outputs.rglob("*")) if outputs.exists() else []


def test_a_run_past_the_memory_ceiling_is_stopped_with_a_message(engine, settings):
    add_grid(engine, settings, 20_000)
    watcher = ChildWatcher()
    capped = dataclasses.replace(settings, run_memory_mb=600)
    spec = parse_spec(sorted_cross_join("too_big"))
    run = pipelines.run_pipeline(engine, capped, pipelines.RunRequest(spec, listeners=[watcher]))
    assert run.status == "failed"
    assert "more than 600 MB of memory" in run.error and "SLUICE_RUN_MEMORY_MB" in run.error
    assert watcher.pids and not any(process_alive(pid) for pid in watcher.pids)
    assert leftovers(settings) == []  # neither the output nor its temporary file
    # the process that asked (the app, here the test) goes on: the next run works
    small = pipelines.run_pipeline(engine, capped, pipelines.RunRequest(parse_spec(slow_spec("after", rows=10))))
    assert small.status == "succeeded", small.error


def test_a_timed_out_run_stops_its_work(engine, settings):
    add_grid(engine, settings, 30_000)
    watcher = ChildWatcher()
    spec = parse_spec({**slow_spec("slow_one", rows=30_000), "time_limit_s": 1})
    started = time.monotonic()
    run = pipelines.run_pipeline(engine, settings, pipelines.RunRequest(spec, listeners=[watcher]))
    assert run.status == "failed" and "timed out after 1 s" in run.error
    assert time.monotonic() - started < 20
    assert watcher.pids and not any(process_alive(pid) for pid in watcher.pids)
    time.sleep(1)  # an abandoned pass used to finish in the background and write its file late
    assert leftovers(settings) == []


def test_a_cancelled_run_stops_its_work(engine, settings):
    add_grid(engine, settings, 30_000)
    watcher, cancel = ChildWatcher(), Cancel(None)

    def stop_when_started(event: Event) -> None:
        if event.kind == "step_started":
            threading.Timer(0.3, cancel.cancel).start()

    spec = parse_spec(slow_spec("cancel_me", rows=30_000))
    run = pipelines.run_pipeline(engine, settings, pipelines.RunRequest(spec, listeners=[watcher, stop_when_started],
                                                                        cancel=cancel))
    assert run.status == "cancelled" and "cancelled" in run.error
    assert watcher.pids and not any(process_alive(pid) for pid in watcher.pids)
    assert leftovers(settings) == []


def test_the_listeners_hear_the_run_from_the_child_in_order(engine, settings):
    add_grid(engine, settings, 50)
    heard: list[str] = []
    spec = parse_spec(slow_spec("heard", rows=50))
    run = pipelines.run_pipeline(engine, settings, pipelines.RunRequest(spec, listeners=[lambda e: heard.append(e.kind)]))
    assert run.status == "succeeded", run.error
    assert heard[0] == "run_started" and heard[-1] == "run_finished"
    assert heard.count("step_finished") == len(spec.steps)
    assert (settings.data_dir / "outputs" / "heard.csv").is_file()


def test_the_run_process_never_runs_the_callers_main_module_again(settings, tmp_path):
    """Under Streamlit the main module is the page script: a child that imported it again would draw the page."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = tmp_path / "unguarded.py"
    script.write_text(f"""
print("the script ran", flush=True)
from etl_core import pipelines, sources
from etl_core.config import Settings
from etl_core.db import open_database, session_scope
from etl_core.spec import parse_spec
settings = Settings(data_dir=__import__("pathlib").Path({str(settings.data_dir)!r}),
                    database_url={settings.database_url!r}, load_samples=False)
engine = open_database(settings.database_url)
with session_scope(engine) as session:
    sources.add_file(session, settings, file_name="grid.csv", data=b"k,i\\n1,1\\n1,2\\n")
spec = parse_spec({{"name": "once", "steps": [{{"type": "source", "source": "grid"}}]}})
print(pipelines.run_pipeline(engine, settings, pipelines.RunRequest(spec)).status, flush=True)
""")
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.stdout.splitlines() == ["the script ran", "succeeded"], done.stdout + done.stderr


def test_any_run_stops_from_the_run_history_cancel_in_another_process(engine, settings):
    """A run started by the command line or the API (no stop button of its own) obeys Run history's Cancel."""
    from sqlmodel import Session, select

    from etl_core import run_control
    from etl_core.db import make_engine
    from etl_core.models import PipelineRun

    add_grid(engine, settings, 30_000)
    watcher, finished = ChildWatcher(), []
    spec = parse_spec(slow_spec("from_elsewhere", rows=30_000))
    worker = threading.Thread(target=lambda: finished.append(pipelines.run_pipeline(
        engine, settings, pipelines.RunRequest(spec, trigger="cli", listeners=[watcher]))))
    worker.start()
    other = make_engine(settings.database_url)  # the page's own engine, as another process has
    running = None
    for _ in range(600):
        with Session(other) as session:
            running = session.exec(select(PipelineRun).where(PipelineRun.pipeline_name == "from_elsewhere",
                                                             PipelineRun.status == "running")).first()
        if running is not None:
            break
        time.sleep(0.1)
    assert running is not None
    run_control.request_cancel(other, running.id)
    worker.join(60)
    assert finished and finished[0].status == "cancelled" and finished[0].error == "the run was cancelled."
    assert watcher.pids and not any(process_alive(pid) for pid in watcher.pids)
    other.dispose()


def test_a_single_threaded_caller_forks_the_run_itself_within_the_same_limits(engine, settings, tmp_path):
    """The command line forks its run directly (no fork server to start); the ceiling and time limit still hold.
    A process running threads of its own (the app, the API, the worker) uses the fork server."""
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    add_grid(engine, settings, 30_000)  # here: adding a source runs Polars, the script below does not
    script = tmp_path / "cli_like.py"
    script.write_text(f"""
import dataclasses, json, pathlib
from etl_core import pipelines, run_process
from etl_core.config import Settings
from etl_core.db import open_database
from etl_core.spec import parse_spec
used = []
choose = run_process._start_context
run_process._start_context = lambda: used.append(choose().get_start_method()) or choose()
settings = Settings(data_dir=pathlib.Path({str(settings.data_dir)!r}), database_url={settings.database_url!r},
                    load_samples=False, run_memory_mb=600)
engine = open_database(settings.database_url)
runs = [pipelines.run_pipeline(engine, settings, pipelines.RunRequest(parse_spec(spec)))
        for spec in ({sorted_cross_join("forked_too_big")!r}, {{**{slow_spec("forked_slow", rows=30_000)!r}, "time_limit_s": 1}})]
import threading  # the app, the API and the worker run threads a forked child would inherit mid-lock
threading.Thread(target=threading.Event().wait, daemon=True).start()
print(json.dumps({{"used": used, "runs": [[r.status, r.error] for r in runs],
                  "with_a_thread": choose().get_start_method()}}))
""")
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["used"] == ["fork", "fork"] and report["with_a_thread"] == "forkserver"
    (too_big, too_big_error), (slow, slow_error) = report["runs"]
    assert too_big == "failed" and "more than 600 MB of memory" in too_big_error
    assert slow == "failed" and "timed out after 1 s" in slow_error
    assert leftovers(settings) == []


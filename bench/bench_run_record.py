"""What keeping a run costs: ``run_pipeline`` minus executing (record the run, claim it, log its events,
write its finish), with one SQLite commit per event, each waiting for the disk (before), beside the log written with the
finish in one commit that SQLite's WAL need not wait on (synchronous=NORMAL).

    .venv/bin/python bench/bench_run_record.py                  # 1,000 and 1,000,000 stored rows
    .venv/bin/python bench/bench_run_record.py --rows 1000 --repeat 9

A real run of the pipeline of bench_run_process.py is made once per size, outside the clock, and its
events and result are kept; each case then calls ``run_pipeline`` with the child process replaced by a
replay of those events, so the time measured is the bookkeeping alone. The engine is connected before
the clock, as the app and the command line have theirs open when a run starts.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import harness
from bench.bench_run_process import SPEC, _settings, data_dir

EVENTS = "run_record_events.pickle"
ENGINE: list = []


def capture(folder: Path) -> int:
    """Run the pipeline for real once and keep what the child sent back; the number of events."""
    from etl_core import pipelines
    from etl_core.db import make_engine
    from etl_core.spec import parse_spec

    events: list = []
    settings = _settings(folder)
    run = pipelines.run_pipeline(make_engine(settings.database_url), settings,
                                 pipelines.RunRequest(parse_spec(SPEC), listeners=[events.append]))
    assert run.status == "succeeded", run.error
    result = _result_of(run)
    (folder / EVENTS).write_bytes(pickle.dumps((events, result, run.sources_used)))
    return len(events)


def _result_of(run):
    from etl_core.executor import RunResult, StepResult

    steps = [StepResult(position=s["step"], step_type=s["type"], summary=s["summary"], rows=s["rows"],
                        duration_s=s["duration_s"]) for s in run.steps]
    return RunResult(status=run.status, rows_in=run.rows_in, rows_out=run.rows_out, duration_s=run.duration_s,
                     steps=steps, outputs=run.outputs, warnings=run.warnings)


def _connect(before: bool = False) -> None:
    from sqlalchemy import event

    from etl_core.db import make_engine

    engine = make_engine(_settings(Path(sys.argv[-1])).database_url)
    if before:  # SQLite's default then: every commit waits for the disk
        event.listen(engine, "connect", lambda connection, _: connection.execute("PRAGMA synchronous=FULL"))
    with engine.connect():
        pass
    ENGINE.append(engine)


def _bookkeeping(folder: str, recorder_class=None) -> None:
    from etl_core import pipelines
    from etl_core.spec import parse_spec

    events, result, used = pickle.loads((Path(folder) / EVENTS).read_bytes())

    def replay(spec, params, settings, *, listeners, cancel, stepwise):
        for event in events:
            for listener in listeners:
                listener(event)
        return result, used

    pipelines.execute_in_child = replay
    if recorder_class is not None:
        pipelines.RunRecorder = recorder_class
    run = pipelines.run_pipeline(ENGINE[0], _settings(Path(folder)), pipelines.RunRequest(parse_spec(SPEC)))
    assert run.status == "succeeded", run.error


def _per_event_recorder():
    """The recorder as it was: a session and a commit for every event kept."""
    from etl_core import pipelines
    from etl_core.db import session_scope
    from etl_core.models import RunLog

    class PerEventRecorder(pipelines.RunRecorder):
        def __call__(self, event) -> None:
            if event.kind == "step_started":
                return
            with session_scope(self.engine) as session:
                session.add(RunLog(run_id=self.run_id, at=event.at, kind=event.kind, step=event.step,
                                   step_type=event.step_type, rows=event.rows, duration_s=event.duration_s,
                                   message=event.message[:2000]))

    return PerEventRecorder


def case_commit_per_event(folder: str) -> None:
    _bookkeeping(folder, _per_event_recorder())


def case_one_commit(folder: str) -> None:
    _bookkeeping(folder)


def _warm_up(before: bool = False) -> None:
    """A process that has run before (the app, the scheduler): a first run, untimed, compiles the statements."""
    _connect(before)
    _bookkeeping(sys.argv[-1], _per_event_recorder() if before else None)


case_commit_per_event_warm, case_one_commit_warm = case_commit_per_event, case_one_commit
CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
IMPORTS = {name: ["polars", "etl_core.pipelines"] for name in CASES}
SETUP = {"commit_per_event": lambda: _connect(before=True), "one_commit": _connect,
         "commit_per_event_warm": lambda: _warm_up(before=True), "one_commit_warm": _warm_up}
LABELS = [("commit_per_event", "a commit per event (before), first run"),
          ("one_commit", "the log batched (first line, then the finish), first run"),
          ("commit_per_event_warm", "a commit per event (before), a later run"),
          ("one_commit_warm", "the log batched (first line, then the finish), a later run")]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--case", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        harness.child_main(CASES, IMPORTS, args.case, SETUP)
        return
    for rows in args.rows:
        folder = data_dir(rows)
        count = capture(folder)
        harness.compare(__file__, f"Keeping a run of {rows:,} stored rows ({count} events): run_pipeline "
                                  "minus executing", LABELS, [str(folder)], args.repeat, "commit_per_event")


if __name__ == "__main__":
    main()

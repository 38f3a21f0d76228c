"""A run in its own process: a memory ceiling, and a stop that stops the work.

Polars cannot stop a running query from Python, and a failed allocation in its Rust
code aborts the whole process. So a pipeline run executes in a child process: the
parent (the app, the command line, the scheduler, the API) forwards the child's events
to the run's listeners, watches its time and memory, and kills it when the run is
cancelled, passes its time limit or passes the memory ceiling. The parent then records
the run with a message that says which, and removes the child's temporary outputs.

Children are forked from a server process that has already imported the engine
(multiprocessing's forkserver), so a run starts in milliseconds, not the second an
interpreter takes to import Polars; the server starts on the first run (``warm_up``
starts it earlier). A process that is itself as fit to fork as that server (the command
line: one thread, Polars imported and no query run yet) forks the child directly and
saves the server's start. Either way the child is watched and stopped the same way.
Memory is read from /proc (Linux, where Sluice is hosted); elsewhere runs have no ceiling.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from etl_core.config import Settings
from etl_core.errors import RunStoppedError, SluiceError
from etl_core.executor import Cancel, Event, Listener, RunResult, sweep_stale_partials
from etl_core.spec import PipelineSpec

POLL_S = 0.05
_CONTEXT = multiprocessing.get_context("forkserver")
# imported once by the server, shared by every child (Python 3.11 imports these with the server's
# working directory on the path, which is the project root for the app, the tests and the command line);
# also what a run imports lazily: the SQL dialect expressions are read in, and the database driver
_PRELOAD = ["etl_core.pipelines", "etl_core.run_process", "sqlglot.dialects.duckdb", "sqlite3"]
_CONTEXT.set_forkserver_preload(_PRELOAD)
_FORK = multiprocessing.get_context("fork") if sys.platform == "linux" else None
# the threads importing Polars starts (its allocator's, its spill cleaner): the fork server runs them too
_IMPORT_THREADS = {"jemalloc_bg_thd", "polars-ooc-clea"}
_main_lock = threading.Lock()
_live: dict[int, BaseProcess] = {}
_live_lock = threading.Lock()


def warm_up() -> None:
    """Start the fork server and wait for its imports (the app does it in the background at launch),
    so the first run starts at once."""
    child = _CONTEXT.Process(target=_nothing, name="sluice-warm-up", daemon=True)
    with _without_main_module():
        child.start()
    child.join()


def _nothing() -> None:
    """A child that only proves the fork server is ready."""


@contextmanager
def _without_main_module() -> Iterator[None]:
    """Start a child as from an interactive session: multiprocessing would otherwise run the parent's main
    module again in the server and in every child, and under Streamlit that is the page script itself."""
    with _main_lock:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")  # no file, no spec: nothing to import
        try:
            yield
        finally:
            sys.modules["__main__"] = main


def _start_context() -> BaseContext:
    """Fork this process itself when nothing runs beside the calling thread but the threads importing
    Polars starts: no query has started Polars' pools, no server or scheduler threads hold a lock the
    child would inherit locked. That is the state the fork server forks from; the command line is in
    it, the app, the API and the worker are not, and use the server."""
    if _FORK is None:
        return _CONTEXT
    me = str(threading.get_native_id())
    try:
        others = [Path(f"/proc/self/task/{task}/comm").read_text().strip()
                  for task in os.listdir("/proc/self/task") if task != me]
    except OSError:  # a thread ended while we looked: it was not alone
        return _CONTEXT
    if not all(name in _IMPORT_THREADS for name in others):
        return _CONTEXT
    for module in _PRELOAD:  # what the server would have imported, once here rather than in every child
        importlib.import_module(module)
    return _FORK


def running_children() -> list[int]:
    """Process ids of runs executing now in children of this process."""
    with _live_lock:
        return list(_live)


def execute_in_child(spec: PipelineSpec, params: dict[str, Any], settings: Settings, *, listeners: list[Listener],
                     cancel: Cancel, stepwise: bool = False) -> tuple[RunResult, dict[str, Any]]:
    """Execute ``spec`` in a child process; the result and which source versions it used.

    Never raises for what the run does: a stop, a memory ceiling or a crashed child
    is a failed (or cancelled) result with a message.
    """
    context = _start_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, args=(sender, spec, params, settings, stepwise),
                            name=f"sluice-run-{spec.name}"[:60], daemon=True)
    with _without_main_module():
        child.start()
    sender.close()  # the child holds the only sending end: its exit ends the pipe
    with _live_lock:
        _live[child.pid] = child
    try:
        return _watch(child, receiver, spec, settings, listeners, cancel)
    finally:
        if child.is_alive():  # an interrupt in the parent (Ctrl-C, a bug): the run's work stops too
            child.kill()
        child.join()
        receiver.close()
        with _live_lock:
            _live.pop(child.pid, None)
        sweep_stale_partials(settings.data_dir / "outputs")  # what a killed child was writing


def _watch(child: BaseProcess, receiver: Connection, spec: PipelineSpec, settings: Settings,
           listeners: list[Listener], cancel: Cancel) -> tuple[RunResult, dict[str, Any]]:
    emit = _forwarder(listeners)
    limit_mb = settings.run_memory_mb
    while True:
        try:
            if receiver.poll(POLL_S):
                message = receiver.recv()
                if message[0] == "event":
                    emit(message[1])  # then the limits below: a busy stream of events does not outrun them
                elif message[0] == "result":
                    return message[1], message[2]
                else:
                    return _stopped(spec, emit, SluiceError(f"Sluice stopped unexpectedly: {message[1]}")), {}
        except EOFError:  # the child ended without a result: killed from outside, or aborted
            child.join()
            return _stopped(spec, emit, _died(child)), {}
        try:
            cancel.check()
            used = _resident_mb(child.pid)
            if limit_mb and used is not None and used > limit_mb:
                raise RunStoppedError(
                    f"the run used more than {limit_mb:,} MB of memory and was stopped.",
                    hint="Filter rows or keep fewer columns before the costly step (a join, a pivot, a sort), "
                         "or raise SLUICE_RUN_MEMORY_MB.")
        except RunStoppedError as error:
            child.kill()
            child.join()
            return _stopped(spec, emit, error), {}


def _stopped(spec: PipelineSpec, emit: Listener, error: SluiceError) -> RunResult:
    """The result of a run the parent ended, told to the listeners as the executor tells a failure."""
    from etl_core.errors import RunCancelledError

    status = "cancelled" if isinstance(error, RunCancelledError) else "failed"
    emit(Event("step_failed", message=str(error)))
    emit(Event("run_finished", status=status, message=str(error)))
    return RunResult(status=status, error=str(error))


def _died(child: BaseProcess) -> SluiceError:
    code = child.exitcode
    if code is not None and code < 0:
        how = f"was killed (signal {-code})"
        hint = "A process killed from outside is often the system running out of memory: filter earlier."
    else:
        how, hint = f"ended unexpectedly (exit code {code})", "Try the run again; if it repeats, report it."
    return RunStoppedError(f"the process running the pipeline {how}.", hint=hint)


def _forwarder(listeners: list[Listener]) -> Callable[[Event], None]:
    active = list(listeners)

    def emit(event: Event) -> None:
        for listener in list(active):
            try:
                listener(event)
            except Exception:  # a listener watches a run; one that fails is dropped, the run goes on
                active.remove(listener)
    return emit


def _resident_mb(pid: int) -> float | None:
    """The child's resident memory in MB (/proc/PID/statm's second field, in pages); None where unknown."""
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 1_048_576


def _child_main(sender: Connection, spec: PipelineSpec, params: dict[str, Any], settings: Settings,
                stepwise: bool) -> None:
    """In the child: open the database, resolve sources, execute, send events and then the result."""
    from sqlmodel import Session

    from etl_core import db, pipelines
    from etl_core.executor import execute

    engine = db.make_engine(settings.database_url)
    used: dict[str, Any] = {}
    try:
        with Session(engine, expire_on_commit=False) as session:  # reads sources; short writes only on refresh
            ctx = pipelines.context(session, settings, refresh_remote=True, used=used)
            # the parent keeps the time limit; no limit here, or the child would stop itself without stopping Polars
            result = execute(spec, params, ctx, listeners=[lambda event: sender.send(("event", event))],
                             cancel=Cancel(None), stepwise=stepwise)
        sender.send(("result", result, used))
    except BaseException as error:  # a bug: the parent records it; nothing to show the analyst but its name
        sender.send(("crash", repr(error)))
    finally:
        sender.close()
        engine.dispose()

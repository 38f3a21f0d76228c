"""Runs started over the API: each goes through ``pipelines.run_pipeline`` in a worker thread, and its events
are forwarded (to a stream, to the audit log) as the executor emits them."""

from __future__ import annotations

import asyncio
import json
import logging
import queue
import threading
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from etl_core import api_keys, pipelines
from etl_core.api.auth import Caller, RunSlots
from etl_core.api.errors import INTERNAL_MESSAGE, ApiError, error_body
from etl_core.api.middleware import one_line
from etl_core.api.schemas import RunDetail, preview_of, run_detail
from etl_core.config import Settings
from etl_core.db import session_scope
from etl_core.errors import ConnectionFailedError, RequestRefusedError
from etl_core.executor import Cancel, Event
from etl_core.loaders import fetch
from etl_core.models import PipelineRun, RunLog
from etl_core.spec import PipelineSpec

audit = logging.getLogger("sluice.api.audit")
RECORDED_WAIT_S = 60.0  # how long a 202 waits for the run's record (it is written first thing)
SIGNATURE_HEADER = "X-Sluice-Signature"


class ApiRun:
    """One run for one key: started once, in a thread; its slot is given back when it ends."""

    def __init__(self, engine: Engine, settings: Settings, slots: RunSlots, who: Caller, spec: PipelineSpec,
                 params: dict[str, str], *, stepwise: bool = False) -> None:
        self.engine, self.settings, self.slots, self.who, self.spec, self.params = engine, settings, slots, who, spec, params
        self.stepwise = stepwise
        self.cancel = Cancel(spec.time_limit_s or settings.run_time_limit_s)
        self.recorded = threading.Event()
        self.run_id: int | None = None
        self.started = False
        self.forward: Callable[[str, dict[str, Any]], None] | None = None
        self.failure: BaseException | None = None

    def execute(self) -> PipelineRun | None:
        """Run it (blocking) and give the key's slot back, whatever happens."""
        request = pipelines.RunRequest(self.spec.name, params=self.params, trigger="api", stepwise=self.stepwise,
                                       cancel=self.cancel, listeners=[self._listen], on_recorded=self._recorded)
        try:
            return pipelines.run_pipeline(self.engine, self.settings, request)
        except BaseException as error:  # the run is recorded as failed; the waiting side is told
            self.failure = error
            raise
        finally:
            self.slots.give_back(self.who)
            self.recorded.set()

    def _recorded(self, run_id: int) -> None:
        self.run_id = run_id
        self.recorded.set()
        self._send("queued", {"run_id": run_id, "pipeline": self.spec.name, "status_url": f"/runs/{run_id}"})

    def _listen(self, event: Event) -> None:
        if event.kind == "run_started":
            self.started = True
        if event.kind in ("run_started", "step_failed", "run_finished"):
            audit.info("run %s key=%s pipeline=%s event=%s status=%s %s", self.run_id, self.who.name, self.spec.name,
                       event.kind, event.status or "", one_line(event.message[:200]))
        if event.kind != "run_finished":  # the stream's last word is the recorded run (complete or error)
            self._send(event.kind, _event_data(event, self.run_id))

    def _send(self, kind: str, data: dict[str, Any]) -> None:
        if self.forward is not None:
            self.forward(kind, data)

    def outcome(self, run: PipelineRun) -> ApiError | None:
        """How a finished run answers: None for success; 409 refused, 504 out of time, 500 failed."""
        if run.status == "succeeded":
            return None
        error = run.error or f"the run {run.status}."
        timed_out = "timed out" in error and self.cancel.deadline is not None and time.monotonic() >= self.cancel.deadline
        if timed_out:
            return ApiError(504, error, step=run.failed_step, run_id=run.id)
        if not self.started and "already running" in error:
            return ApiError(409, error, run_id=run.id)
        return ApiError(500, error, step=run.failed_step, run_id=run.id)


def _event_data(event: Event, run_id: int | None) -> dict[str, Any]:
    data = {"run_id": run_id, "step": event.step, "type": event.step_type, "rows": event.rows,
            "duration_s": event.duration_s, "message": event.message}
    return {k: v for k, v in data.items() if v is not None}


def detail(engine: Engine, settings: Settings, run: PipelineRun) -> RunDetail:
    """The run as the API shows it, with the first rows of its result when a final output file holds them."""
    return run_detail(run, _result_preview(engine, settings, run))


def _result_preview(engine: Engine, settings: Settings, run: PipelineRun):
    if run.status != "succeeded" or not run.outputs:
        return None
    last = max(o["step"] for o in run.outputs)
    for output in sorted(run.outputs, key=lambda o: (o["step"] != last, o["format"] != "parquet")):
        try:
            path = output_path(engine, settings, run, Path(output["path"]).name) if output.get("path") else None
        except ApiError:  # gone, or written again by a later run: no rows to show for this one
            path = None
        found = preview_of(path, output["format"]) if path else None
        if found is not None:
            return found
    return None


def output_path(engine: Engine, settings: Settings, run: PipelineRun, file: str) -> Path:
    """A file the run recorded as an output, still as that run wrote it; nothing else is ever served."""
    recorded = [Path(o["path"]) for o in run.outputs if o.get("path") and Path(o["path"]).name == file]
    outputs_dir = (settings.data_dir / "outputs").resolve()
    if not recorded:
        raise ApiError(404, f"Run {run.id} wrote no file '{file}'.")
    path = recorded[0].resolve()
    if not path.is_relative_to(outputs_dir) or not path.is_file():
        raise ApiError(404, f"The file '{file}' of run {run.id} is no longer there.")
    newer = _later_writer(engine, run, str(recorded[0]))
    if newer is not None:
        raise ApiError(410, f"Run {newer} has written '{file}' again since run {run.id}.",
                       kind="gone")
    return path


def _later_writer(engine: Engine, run: PipelineRun, path: str) -> int | None:
    """A later run, of any pipeline (another one, exposed or not, may write the same file), that wrote the file."""
    from sqlmodel import select

    with session_scope(engine) as session:
        later = session.exec(select(PipelineRun).where(PipelineRun.id > run.id, PipelineRun.status == "succeeded"))
        return next((r.id for r in later if any(o.get("path") == path for o in r.outputs)), None)


# ---- the three ways to run ------------------------------------------------------------

def run_and_wait(api_run: ApiRun) -> PipelineRun:
    run = api_run.execute()
    if run is None:
        raise ApiError(500, "The run did not finish.")
    return run


def stream(api_run: ApiRun) -> AsyncIterator[dict[str, str]]:
    """Start the run now (so its slot is given back even if the client never reads) and return its server-sent
    events as the executor emits them; the last is `complete` (the run) or `error`."""
    events: queue.Queue[tuple[str, Any]] = queue.Queue()
    wake = _Wake()

    def put(kind: str, data: Any) -> None:
        events.put((kind, data))
        wake.up()

    def work() -> None:
        try:
            put("done", api_run.execute())
        except BaseException as error:  # told to the stream; run_pipeline recorded the run as failed
            put("done", error)

    api_run.forward = put
    threading.Thread(target=work, name=f"sluice-api-stream-{api_run.spec.name}", daemon=True).start()
    return _events(api_run, events, wake)


class _Wake:
    """Wakes a stream's coroutine from the run's thread the moment an event is queued: a stream waits on the
    event loop, holding none of its few worker threads, and without polling (which delayed every event)."""

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.event: asyncio.Event | None = None

    def listen(self) -> asyncio.Event:
        self.event = asyncio.Event()
        self.loop = asyncio.get_running_loop()
        return self.event

    def up(self) -> None:
        loop, event = self.loop, self.event
        if loop is None or event is None:  # nobody listens yet: the stream reads the queue when it starts
            return
        try:
            loop.call_soon_threadsafe(event.set)
        except RuntimeError:  # the server's loop is closed: nobody will read
            pass


async def _events(api_run: ApiRun, events: queue.Queue, wake: _Wake) -> AsyncIterator[dict[str, str]]:
    queued = wake.listen()
    while True:
        queued.clear()  # before looking: an event put after the look sets it again
        try:
            kind, data = events.get_nowait()
        except queue.Empty:
            await queued.wait()
            continue
        if kind != "done":
            yield {"event": kind, "data": json.dumps(data, default=str)}
            continue
        if isinstance(data, BaseException):
            body = error_body("internal", INTERNAL_MESSAGE)
            yield {"event": "error", "data": json.dumps(body)}
            return
        shown = (await asyncio.to_thread(detail, api_run.engine, api_run.settings, data)).model_dump(mode="json")
        problem = api_run.outcome(data)
        if problem is None:
            yield {"event": "complete", "data": json.dumps(shown)}
        else:
            body = error_body(problem.kind, problem.message, problem.step, problem.run_id)
            yield {"event": "error", "data": json.dumps(body | {"run": shown})}
        return


def start_in_background(api_run: ApiRun, webhook_url: str | None, secret: str) -> int:
    """Start the run in a thread and return its id as soon as it is recorded; the webhook, signed with the key's
    secret, is called when it ends."""
    def work() -> None:
        try:
            run = api_run.execute()
        except BaseException:
            audit.exception("background run of %s failed unexpectedly", api_run.spec.name)
            run = _load(api_run.engine, api_run.run_id)
        if webhook_url and run is not None:
            deliver_webhook(api_run.engine, api_run.settings, run, webhook_url, secret)

    threading.Thread(target=work, name=f"sluice-api-async-{api_run.spec.name}", daemon=True).start()
    api_run.recorded.wait(RECORDED_WAIT_S)
    if api_run.run_id is None:
        raise ApiError(500, "The run could not be started.") from api_run.failure
    return api_run.run_id


def _load(engine: Engine, run_id: int | None) -> PipelineRun | None:
    if run_id is None:
        return None
    with session_scope(engine) as session:
        return session.get(PipelineRun, run_id)


# ---- webhooks ------------------------------------------------------------------------------

def check_webhook(url: str, settings: Settings) -> None:
    """422 now for an address a webhook could never be sent to (the same rules as endpoint sources)."""
    try:
        fetch.check_url(url, allowed_hosts=settings.allowed_hosts)
    except (RequestRefusedError, ConnectionFailedError) as error:
        raise ApiError(422, f"webhook_url: {error}") from error


def deliver_webhook(engine: Engine, settings: Settings, run: PipelineRun, url: str, secret: str) -> bool:
    """POST the run, signed, retrying with doubling waits; the outcome is kept as a line of the run's log."""
    body = json.dumps({"event": "run.finished", "run": detail(engine, settings, run).model_dump(mode="json")}).encode()
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: api_keys.sign(secret, body),
               "X-Sluice-Run": str(run.id), "User-Agent": "Sluice-webhook"}
    said = ""
    for attempt in range(1, settings.api_webhook_attempts + 1):
        try:
            status = fetch.post(url, body, headers, allowed_hosts=settings.allowed_hosts, timeout_s=settings.http_timeout_s)
            said = f"answered {status}"
            if 200 <= status < 300:
                _note(engine, run.id, f"webhook delivered on attempt {attempt} ({said})")
                return True
        except RequestRefusedError as error:  # the address turned internal since it was checked: never retried
            _note(engine, run.id, f"webhook refused: {error}")
            return False
        except ConnectionFailedError as error:
            said = str(error)
        if attempt < settings.api_webhook_attempts:
            time.sleep(settings.api_webhook_backoff_s * 2 ** (attempt - 1))
    _note(engine, run.id, f"webhook not delivered after {settings.api_webhook_attempts} attempts: {said}")
    return False


def _note(engine: Engine, run_id: int, message: str) -> None:
    audit.info("run %s %s", run_id, message)
    with session_scope(engine) as session:
        session.add(RunLog(run_id=run_id, kind="webhook", message=message[:2000]))

"""The scheduler: one APScheduler background scheduler per process, fed from the database.

Schedules live in ``Pipeline.schedule``; every few seconds (SLUICE_SCHEDULER_POLL) the
scheduler reads them, adds, replaces or removes its in-memory jobs, checks for firings
nobody handled (a sleep, a stop, a change), writes its heartbeat, and once an hour applies
retention (the heartbeat keeps what it removed). A job's firing goes through ``firing.check``,
which claims it in the database, so any number of processes (app replicas, workers) may run
schedulers on one database.

The app starts it once per process (ui.py); ``python -m etl_core worker`` runs it without
Streamlit.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from collections import Counter
from datetime import timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine
from sqlmodel import Session, select

from etl_core import firing, pipelines, retention, schedules
from etl_core.config import Settings
from etl_core.db import session_scope
from etl_core.errors import SluiceError
from etl_core.models import SchedulerHeartbeat, utcnow

log = logging.getLogger(__name__)
RUN_THREADS = 4
RETENTION_EVERY = timedelta(hours=1)
RETENTION_FIRST = timedelta(seconds=30)  # after a start: the app's first page comes first


class Scheduler:
    """The schedules of one database, run in this process."""

    def __init__(self, engine: Engine, settings: Settings, *, kind: str = "app") -> None:
        self.engine, self.settings, self.kind = engine, settings, kind
        self.runner = pipelines.this_runner()
        self.started_at = utcnow()
        self.stop = threading.Event()
        self.jobs: dict[str, str] = {}  # pipeline name -> the rule it was scheduled with (JSON)
        self.busy: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.beat_lock = threading.Lock()  # a sync still running while shutdown beats: one row, never two inserts
        self.background = BackgroundScheduler(
            timezone="UTC", executors={"default": ThreadPoolExecutor(RUN_THREADS)},
            # a late firing still reaches firing.check, which applies the schedule's own grace period
            job_defaults={"coalesce": True, "max_instances": 3, "misfire_grace_time": None})

    @property
    def running(self) -> bool:
        return self.background.running

    def start(self) -> Scheduler:
        self.started_at = utcnow()  # a restart in the same process says so: a missed run asks who was running when
        self.stop.clear()
        pipelines.mark_interrupted_runs(self.engine)
        self.background.start()
        self.background.add_job(self.sync, IntervalTrigger(seconds=self.settings.scheduler_poll_s), id="sync",
                                next_run_time=utcnow(), max_instances=1)
        self.background.add_job(self.apply_retention, IntervalTrigger(seconds=RETENTION_EVERY.total_seconds()),
                                id="retention", next_run_time=utcnow() + RETENTION_FIRST, max_instances=1)
        log.info("scheduler started (%s %s)", self.kind, self.runner)
        return self

    def shutdown(self) -> None:
        if not self.background.running:
            return
        self.stop.set()  # a retry waiting out its backoff gives up
        self.background.shutdown(wait=False)
        self.beat(state="stopped")
        log.info("scheduler stopped (%s %s)", self.kind, self.runner)

    def sync(self) -> None:
        """Bring the jobs in line with the database, hand over firings nobody handled, and say we are alive."""
        with Session(self.engine) as session:
            found = {p.name: rule for p, rule in schedules.scheduled_pipelines(session, enabled_only=True)}
        for name, rule in found.items():
            signature = rule.model_dump_json()
            if self.jobs.get(name) == signature:
                continue
            try:
                trigger = schedules.build_trigger(rule)
            except SluiceError as error:  # a rule stored by hand that does not read: the others still run
                log.warning("schedule of %s skipped: %s", name, error)
                continue
            self.background.add_job(self.fire_due, trigger, args=[name], id=f"schedule:{name}",
                                    name=f"{name}: {schedules.describe(rule)}", replace_existing=True)
            self.jobs[name] = signature
        for name in set(self.jobs) - set(found):
            self.background.remove_job(f"schedule:{name}")
            del self.jobs[name]
        for name in self.jobs:
            if not self.busy[name]:  # a catch-up check; firing.check does nothing when nothing is due
                self.background.add_job(self.fire_due, args=[name], next_run_time=utcnow())
        self.beat(schedules=len(found))

    def fire_due(self, name: str) -> None:
        with self.lock:
            self.busy[name] += 1
        try:
            firing.check(self.engine, self.settings, name, stop=self.stop)
        except Exception:  # a bug in one firing must not stop the others; it is in the log
            log.exception("firing %s failed", name)
        finally:
            with self.lock:
                self.busy[name] -= 1

    def apply_retention(self) -> None:
        """Remove what is older than the setting; the heartbeat keeps what went, for run history to show."""
        removed = retention.remove_old(self.engine, self.settings)
        said = removed.words(self.settings.retention_days) if removed else "off (SLUICE_RETENTION_DAYS is 0)"
        self.beat(cleaned=f"{utcnow():%Y-%m-%d %H:%M} UTC: {said}")

    def beat(self, *, state: str = "running", schedules: int | None = None, cleaned: str | None = None) -> None:
        if self.stop.is_set():
            state = "stopped"  # a sync finishing after shutdown must not say it is running again
        with self.beat_lock, session_scope(self.engine) as session:
            row = session.exec(select(SchedulerHeartbeat).where(SchedulerHeartbeat.runner == self.runner)).first()
            row = row or SchedulerHeartbeat(runner=self.runner, kind=self.kind)
            row.started_at, row.beat_at, row.state = self.started_at, utcnow(), state
            if schedules is not None:
                row.schedules = schedules
            if cleaned is not None:
                row.retention = cleaned
            session.add(row)


# ---- one per process -------------------------------------------------------------------

_STARTED: dict[str, Scheduler] = {}
_GUARD = threading.Lock()


def start_once(engine: Engine, settings: Settings, *, kind: str = "app") -> Scheduler:
    """This process's scheduler for the database, started on the first call (the app reruns; it must not multiply)."""
    with _GUARD:
        current = _STARTED.get(_key(engine))
        if current is None or not current.running:
            current = _STARTED[_key(engine)] = Scheduler(engine, settings, kind=kind).start()
        return current


def stop_for(engine: Engine) -> None:
    """Shut down this process's scheduler of the engine's database, if it runs one (the app's cache releases it)."""
    with _GUARD:
        scheduler = _STARTED.pop(_key(engine), None)
    if scheduler is not None:
        scheduler.shutdown()


def _key(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def run_worker(engine: Engine, settings: Settings, *, until: threading.Event | None = None) -> int:
    """Run the schedules without Streamlit until SIGTERM or SIGINT (or ``until`` is set)."""
    until = until or threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: until.set())
    scheduler = start_once(engine, settings, kind="worker")
    print(f"worker {socket.gethostname()}:{os.getpid()} running schedules every "
          f"{settings.scheduler_poll_s:g} s on {engine.url.render_as_string()}; stop with Ctrl+C", flush=True)
    until.wait()
    stop_for(scheduler.engine)
    return 0

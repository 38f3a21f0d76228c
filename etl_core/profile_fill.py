"""The costly statistics of large sources, filled in by a thread of the app process after the quick profile.

The command line completes a profile before it returns; the app starts a thread per source whose stored
profile is still pending (the one just added, or one left pending by a process that stopped), and the
page shows the statistics once they are stored. Both call ``sources.complete_profile``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from sqlalchemy import Engine

from etl_core import sources
from etl_core.config import Settings
from etl_core.db import session_scope
from etl_core.errors import SluiceError
from etl_core.models import DataSource

log = logging.getLogger(__name__)
_lock = threading.Lock()
Key = tuple[str, int, str]  # the database, the source's id, its Parquet copy
_running: dict[Key, threading.Thread] = {}
_failed: dict[Key, str] = {}  # a fill that failed is not tried again for the same copy in this process


def fill_in_background(engine: Engine, settings: Settings, candidates: Iterable[DataSource]) -> list[DataSource]:
    """Start filling every candidate whose profile is pending (once per copy in this process); return those."""
    pending = [s for s in candidates if s.profile.get("pending") and s.id is not None]
    with _lock:
        for source in pending:
            key = _key(engine, source)
            if key not in _running and key not in _failed:
                thread = threading.Thread(target=_fill, args=(engine, settings, key), daemon=True,
                                          name=f"sluice-profile-{source.id}")
                _running[key] = thread
                thread.start()
    return pending


def failure(engine: Engine, source: DataSource) -> str | None:
    """Why filling this source's profile failed in this process, if it did."""
    with _lock:
        return _failed.get(_key(engine, source))


def wait(timeout: float | None = None) -> bool:
    """Wait for the fills under way (for tests and benchmarks); True when none is left."""
    with _lock:
        threads = list(_running.values())
    for thread in threads:
        thread.join(timeout)
    return not any(thread.is_alive() for thread in threads)


def _key(engine: Engine, source: DataSource) -> Key:
    return str(engine.url), source.id or 0, source.parquet_file or ""


def _fill(engine: Engine, settings: Settings, key: Key) -> None:
    try:
        with session_scope(engine) as session:
            sources.complete_profile(session, settings, key[1])
    except SluiceError as error:  # deleted meanwhile, its copy gone: nothing to fill, or it stays marked pending
        log.info("The profile of source %s was not completed: %s", key[1], error)
        with _lock:
            _failed[key] = str(error)
    except Exception as error:
        log.exception("The profile of source %s could not be completed", key[1])
        with _lock:
            _failed[key] = f"{type(error).__name__}: {error}"
    finally:
        with _lock:
            _running.pop(key, None)

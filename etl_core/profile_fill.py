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
_running: dict[tuple[int, str], threading.Thread] = {}  # (source id, Parquet copy) -> its filling thread


def fill_in_background(engine: Engine, settings: Settings, candidates: Iterable[DataSource]) -> list[DataSource]:
    """Start filling every candidate whose profile is pending (once per copy in this process); return those."""
    pending = [s for s in candidates if s.profile.get("pending") and s.id is not None]
    with _lock:
        for source in pending:
            key = (source.id, source.parquet_file or "")
            if key not in _running:
                thread = threading.Thread(target=_fill, args=(engine, settings, key), daemon=True,
                                          name=f"sluice-profile-{source.id}")
                _running[key] = thread
                thread.start()
    return pending


def wait(timeout: float | None = None) -> bool:
    """Wait for the fills under way (for tests and benchmarks); True when none is left."""
    with _lock:
        threads = list(_running.values())
    for thread in threads:
        thread.join(timeout)
    return not any(thread.is_alive() for thread in threads)


def _fill(engine: Engine, settings: Settings, key: tuple[int, str]) -> None:
    try:
        with session_scope(engine) as session:
            sources.complete_profile(session, settings, key[0])
    except SluiceError as error:  # deleted meanwhile, its copy gone: nothing to fill, or it stays marked pending
        log.info("The profile of source %s was not completed: %s", key[0], error)
    except Exception:
        log.exception("The profile of source %s could not be completed", key[0])
    finally:
        with _lock:
            _running.pop(key, None)

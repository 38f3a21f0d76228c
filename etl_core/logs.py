"""Sluice's logging, set up in one place by every entry point: the app, the command line, the worker, the API.

Sluice's own loggers (``etl_core.*``, and ``sluice.*`` for the API's audit lines) write INFO and above
to stderr: the scheduler starting and stopping, what retention removed, a webhook not delivered. Only
those loggers are touched. Streamlit keeps its own logger, uvicorn its own, and the root logger stays
as the host left it, so under Streamlit (where the root logger is at WARNING with no handler) the
lines are no longer lost, and nothing is printed twice.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

SLUICE_LOGGERS = ("etl_core", "sluice")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _Stderr(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a line is logged (tests swap it; a handler must not keep an old one)."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)

    @property
    def stream(self) -> TextIO:
        return sys.stderr


def set_up_logging(level: int = logging.INFO) -> None:
    """Send Sluice's log lines at ``level`` and above to stderr; calling it again changes nothing else."""
    for name in SLUICE_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(level)
        if not any(isinstance(handler, _Stderr) for handler in logger.handlers):
            handler = _Stderr()
            handler.setFormatter(logging.Formatter(FORMAT))
            logger.addHandler(handler)

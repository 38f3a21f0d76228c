"""Webhook notifications for scheduled runs, in the JSON body Slack and Teams incoming webhooks accept.

The body's ``text`` is what Slack and Teams show; ``sluice`` carries the run for other receivers.
A delivery is retried with backoff; when it still fails the failure is returned (and logged),
and the run it tells of is never changed by it.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from etl_core.config import Settings
from etl_core.errors import RequestRefusedError, SluiceError
from etl_core.loaders.fetch import post_json
from etl_core.models import PipelineRun

log = logging.getLogger(__name__)
ATTEMPTS = 3
BACKOFF_S = 1.0
ICONS = {"succeeded": "✅", "failed": "❌", "missed": "⏰", "interrupted": "⚠️", "cancelled": "⏹️", "skipped": "⏭️"}


def message(run: PipelineRun, attempts: int = 1) -> dict[str, Any]:
    """The webhook body for a run's outcome."""
    when = f" (scheduled for {run.scheduled_for:%Y-%m-%d %H:%M:%S} UTC)" if run.scheduled_for else ""
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    if run.status == "succeeded":
        detail = f" in {run.duration_s or 0:.1f} s: {run.rows_in or 0:,} rows in, {run.rows_out or 0:,} out"
    else:
        detail = f": {run.error}" if run.error else ""
    text = f"{ICONS.get(run.status, '')} Sluice: '{run.pipeline_name}' {run.status}{when}{tries}{detail}".strip()
    return {"text": text, "sluice": {"run_id": run.id, "pipeline": run.pipeline_name, "status": run.status,
                                     "trigger": run.trigger, "attempts": attempts, "error": run.error,
                                     "failed_step": run.failed_step, "rows_in": run.rows_in, "rows_out": run.rows_out,
                                     "scheduled_for": run.scheduled_for.isoformat() if run.scheduled_for else None,
                                     "duration_s": run.duration_s}}


def send(settings: Settings, url: str, body: dict[str, Any], *, attempts: int = ATTEMPTS) -> str | None:
    """Deliver a body; None when delivered, otherwise why not (after every attempt)."""
    problem = ""
    for attempt in range(1, attempts + 1):
        try:
            status = post_json(url, body, allowed_hosts=settings.allowed_hosts, timeout_s=settings.http_timeout_s)
        except RequestRefusedError as error:
            problem = str(error)
            break  # an address Sluice refuses stays refused: no point retrying
        except SluiceError as error:
            problem = str(error)
        else:
            if status < 300:
                return None
            problem = f"the webhook answered HTTP {status}"
            if 400 <= status < 500 and status != 429:
                break  # the receiver refuses the body: retrying sends the same
        if attempt < attempts:
            time.sleep(BACKOFF_S * 2 ** (attempt - 1))
    log.warning("webhook not delivered: %s", problem)
    return f"The webhook was not delivered: {problem}"

"""What the API shows of a stored spec: every text with its URL passwords and secret query values masked."""

from __future__ import annotations

from typing import Any

from etl_core.database_access import masked


def redacted(value: Any) -> Any:
    """The value with every string masked (a table output's URL may carry a password; the API never shows it)."""
    if isinstance(value, str):
        return masked(value)
    if isinstance(value, list):
        return [redacted(v) for v in value]
    if isinstance(value, dict):
        return {k: redacted(v) for k, v in value.items()}
    return value

"""POST /ask: the chat engine's answer over data sources, as JSON (the same engine as the chat and `ask`)."""

from __future__ import annotations

import json
import math
from typing import Any

from sqlalchemy import Engine

from etl_core import sources
from etl_core.config import Settings
from etl_core.db import session_scope

MAX_ROWS = 1000


def ask(engine: Engine, settings: Settings, question: str, source_names: list[str]) -> dict[str, Any]:
    """value, text, reading, alternatives, plan, SQL, the table's rows and the chart as Plotly JSON."""
    from etl_core.chat import LLMConfig, answer_question  # the chat engine loads its vocabulary on first use

    with session_scope(engine) as session:
        tables = {name: sources.scan_source(settings, sources.get_source(session, name)).collect()
                  for name in dict.fromkeys(source_names)}
    answer = answer_question(question, tables, llm=LLMConfig.from_settings(settings))
    table = answer.table
    result = {
        "answered": answer.answered,
        "value": answer.value,
        "text": answer.text,
        "reading": [{"phrase": c.phrase, "meaning": c.meaning, "kind": c.kind, "options": [o.label for o in c.options]}
                    for c in answer.reading],
        "alternatives": [{"label": a.label, "plan": a.plan.model_dump(mode="json")} for a in answer.alternatives],
        "plan": answer.plan.model_dump(mode="json") if answer.plan else None,
        "sql": answer.sql,
        "columns": {n: str(t) for n, t in table.schema.items()} if table is not None else {},
        "rows": table.head(MAX_ROWS).to_dicts() if table is not None else [],
        "total_rows": table.height if table is not None else 0,
        "chart": json.loads(answer.figure.to_json()) if answer.figure is not None else None,
        "notes": answer.notes,
    }
    return _finite(json.loads(json.dumps(result, default=str)))  # dates, decimals and numpy numbers as JSON


def _finite(value: Any) -> Any:
    """NaN and infinity are not JSON: they read as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    return value

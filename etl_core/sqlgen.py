"""A pipeline as one SQL query: a common table expression per step, in a chosen dialect.

Every step renders itself as a SELECT over the previous step (DuckDB's dialect); sqlglot
transpiles the whole query to the target engine. The final SELECT casts to the
pipeline's declared output types, so engines agree on types.
"""

from __future__ import annotations

from typing import Any

import sqlglot
import sqlglot.errors

from etl_core.errors import PipelineError
from etl_core.executor import build_plan
from etl_core.spec import PipelineSpec
from etl_core.steps import SQL_TYPES, Output, Sort, StepContext
from etl_core.steps.base import q

DIALECTS = ("duckdb", "postgres", "spark", "trino", "snowflake", "bigquery")


class SqlNotSupportedError(PipelineError):
    """A step has no faithful SQL form."""


def compile_sql(spec: PipelineSpec, params: dict[str, Any], ctx: StepContext, dialect: str = "duckdb") -> str:
    """The whole pipeline as one query for ``dialect``."""
    if dialect not in DIALECTS:
        raise PipelineError(f"'{dialect}' is not a dialect Sluice writes.", hint=f"Use one of: {', '.join(DIALECTS)}.")
    plan = build_plan(spec, params, ctx)
    ctes, previous = [], ""
    for index, step in enumerate(spec.steps):
        schema = plan.schemas[index - 1] if index else {}
        try:
            body = f"SELECT * FROM {previous}" if step.disabled else step.sql(previous, schema, ctx)
        except NotImplementedError as exc:
            raise SqlNotSupportedError(f"cannot be written as SQL: {exc}.", step=index + 1, step_type=step.type) from exc
        name = f"step_{index + 1}_{step.type}"
        ctes.append(f"{name} AS (\n  {body}\n)")
        previous = name
    types = spec.output_types or plan.output_schema
    columns = ", ".join(f"CAST({q(c)} AS {SQL_TYPES[t]}) AS {q(c)}" for c, t in types.items())
    query = f"WITH {', '.join(ctes)}\nSELECT {columns} FROM {previous}{_final_order(spec)}"
    try:
        return sqlglot.transpile(query, read="duckdb", write=dialect, pretty=True)[0]
    except sqlglot.errors.SqlglotError as exc:
        raise PipelineError(f"the SQL could not be written for {dialect}: {str(exc).splitlines()[0]}") from exc


def _final_order(spec: PipelineSpec) -> str:
    """A sort as the last real step orders the result (an ORDER BY inside a CTE does not)."""
    steps = [s for s in spec.steps if not isinstance(s, Output) and not s.disabled]
    last = steps[-1]
    if isinstance(last, Sort):
        return " ORDER BY " + ", ".join(f"{q(k.column)} {'DESC' if k.descending else 'ASC'} NULLS LAST" for k in last.by)
    return ""

"""Small frames and a context for pipeline tests (no database needed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from sqlmodel import Session

from etl_core import database_access
from etl_core.config import Settings
from etl_core.errors import NotFoundError
from etl_core.executor import Plan, build_plan, execute
from etl_core.models import Pipeline
from etl_core.spec import parse_spec, resolve_params
from etl_core.steps import StepContext

ORDERS = [
    {"id": 1, "cust": "a", "amount": 10.0, "qty": 2, "status": "done", "day": dt.date(2024, 1, 5), "note": " Big "},
    {"id": 2, "cust": "b", "amount": 20.0, "qty": 0, "status": "done", "day": dt.date(2024, 2, 5), "note": "x-1"},
    {"id": 3, "cust": "a", "amount": 5.0, "qty": 1, "status": "open", "day": dt.date(2024, 2, 10), "note": None},
    {"id": 4, "cust": "c", "amount": None, "qty": 3, "status": "done", "day": dt.date(2024, 3, 1), "note": "y-22"},
    {"id": 5, "cust": "b", "amount": 7.5, "qty": 5, "status": "done", "day": dt.date(2024, 3, 9), "note": "z-3"},
    {"id": 5, "cust": "b", "amount": 7.5, "qty": 5, "status": "done", "day": dt.date(2024, 3, 9), "note": "z-3"},
]
CUSTOMERS = [{"cust": "a", "region": "N", "amount": 1}, {"cust": "b", "region": "S", "amount": 2},
             {"cust": "d", "region": "E", "amount": 3}]
MORE = [{"id": 9, "cust": "z", "extra": "new"}]


def frames() -> dict[str, pl.DataFrame]:
    return {"orders": pl.DataFrame(ORDERS), "customers": pl.DataFrame(CUSTOMERS), "more": pl.DataFrame(MORE)}


def context(tables: dict[str, pl.DataFrame] | None = None, outputs: Path | None = None) -> StepContext:
    """Outputs go to ``outputs``; table outputs follow the rules of a data directory beside it."""
    tables = tables or frames()

    def source(name: str) -> pl.LazyFrame:
        if name not in tables:
            raise NotFoundError(f"There is no data source '{name}'.")
        return tables[name].lazy()

    if outputs is None:
        return StepContext(source=source, outputs_dir=Path("/nonexistent/outputs"))
    settings = Settings(data_dir=outputs.parent, database_url=f"sqlite:///{outputs.parent / 'sluice.db'}")
    return StepContext(source=source, outputs_dir=outputs,
                       table_target=lambda url: database_access.output_url(url, settings))


def spec(*steps: dict, source: str = "orders", **extra) -> dict:
    return {"name": "t", "steps": [{"type": "source", "source": source}, *steps], **extra}


def run_frame(*steps: dict, tables=None, params=None, **extra) -> pl.DataFrame:
    """The frame after the last step, through the real planner."""
    parsed = parse_spec(spec(*steps, **extra))
    plan: Plan = build_plan(parsed, resolve_params(parsed, params), context(tables))
    return plan.frames[-1].collect()


def run(*steps: dict, tmp_path: Path, tables=None, params=None, **kwargs):
    parsed = parse_spec(spec(*steps))
    return execute(parsed, resolve_params(parsed, params), context(tables, tmp_path / "outputs"), **kwargs)


def store_as_is(session: Session, spec: dict) -> Pipeline:
    """A stored pipeline that no longer validates, as a source changed since saving leaves one: written past the
    save's check, which refuses such a spec."""
    pipeline = Pipeline(name=spec["name"], description=spec.get("description", ""), spec=spec)
    session.add(pipeline)
    session.commit()
    session.refresh(pipeline)
    return pipeline

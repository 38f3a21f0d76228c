"""An answer's plan as a pipeline spec whose steps give the same table (the engine's own steps, no code)."""

from __future__ import annotations

import re

from etl_core.chat.plan import DateRange, QueryPlan
from etl_core.chat.sql import condition_sql
from etl_core.errors import InputError
from etl_core.spec import PipelineSpec
from etl_core.steps import Aggregate, Dedupe, Derive, DropNulls, Filter, Join, Limit, Output, Select, Sort, Source
from etl_core.steps.base import lit, q
from etl_core.steps.reshape import Measure
from etl_core.steps.rows import SortKey

AGGS = {"sum": "sum", "mean": "mean", "median": "median", "min": "min", "max": "max", "count": "count",
        "n_unique": "count_distinct", "std": "std"}


def pipeline_name(question: str) -> str:
    """A name from the question: 'Revenue by region?' -> revenue_by_region."""
    slug = re.sub(r"[^a-z0-9]+", "_", question.lower()).strip("_")[:60].rstrip("_")
    return slug or "chat_answer"


def plan_to_spec(plan: QueryPlan, name: str, description: str = "") -> PipelineSpec:
    """Steps reproducing the answer's table: source, lookups, filters, time bucket, aggregate, sort, limit,
    and a Parquet output named after the pipeline. The bucket must be resolved (not 'auto')."""
    if plan.intent not in ("aggregate", "lookup", "list"):
        raise InputError("Only answers with a table (totals, rankings, lists, trends) can be saved as a pipeline.",
                         hint="Ask for the figures you want to keep, e.g. 'revenue by region'.")
    if plan.share or plan.change:
        raise InputError("Answers with a share % or change % column cannot be saved as a pipeline yet "
                         "(the pipeline steps have no running totals).",
                         hint="Save the same question without 'share' or 'growth'; the totals are what the pipeline keeps.")
    if plan.bucket == "auto":
        raise InputError("The time bucket of this answer is not settled.", hint="Ask again with 'per month' or 'weekly'.")
    unsupported = [m.agg for m in plan.measures if m.agg not in AGGS]
    if unsupported:
        raise InputError(f"'{unsupported[0]}' has no pipeline step yet.", hint="Use sum, average, median, min, max or count.")
    steps: list = [Source(source=plan.table)]
    steps += [Join(source=j.table, on=j.on, how="left", suffix=f"_{j.table}") for j in plan.joins]
    conditions = [condition_sql(f) for f in plan.filters]
    if plan.date_ranges:
        ranges = [_range_sql(r) for r in plan.date_ranges]
        conditions.append(ranges[0] if len(ranges) == 1 else "(" + " OR ".join(f"({r})" for r in ranges) + ")")
    if conditions:
        steps.append(Filter(condition=" AND ".join(conditions)))
    if plan.intent == "list":
        steps += [Select(columns=[plan.column]), DropNulls(columns=[plan.column]), Dedupe(),
                  Sort(by=[SortKey(column=plan.column)])]
    else:
        steps += _aggregate_steps(plan)
    steps.append(Output(format="parquet", path=f"{pipeline_name(name)}.parquet"))
    return PipelineSpec(name=name, description=description, steps=steps)


def _aggregate_steps(plan: QueryPlan) -> list:
    steps, keys = [], list(plan.group_by)
    if plan.bucket:
        steps.append(Derive(column=plan.bucket, expression=f"DATE_TRUNC('{plan.bucket}', {q(plan.date_column)})"))
        keys = [plan.bucket, *keys]
    if len(plan.date_ranges) == 2:
        first, second = plan.date_ranges
        steps.append(Derive(column="period", expression=f"CASE WHEN {_range_sql(first)} THEN {lit(first.label)} "
                                                         f"ELSE {lit(second.label)} END"))
        keys = ["period", *keys]
    measures = [Measure(agg=AGGS[m.agg], column=m.column, name=m.name) for m in plan.measures]
    steps.append(Aggregate(group_by=keys, measures=measures))
    if keys:
        if plan.bucket:
            order = [SortKey(column=k) for k in keys]
        else:
            order = [SortKey(column=measures[0].output(), descending=plan.sort_desc is not False)]
            order += [SortKey(column=k) for k in keys]
        steps.append(Sort(by=order))
    if plan.limit and keys:
        steps.append(Limit(rows=plan.limit))
    return steps


def _range_sql(item: DateRange) -> str:
    day = f"CAST({q(item.column)} AS DATE)"
    parts = ([f"{day} >= {lit(item.start)}"] if item.start else []) + ([f"{day} < {lit(item.end)}"] if item.end else [])
    return " AND ".join(parts) or "TRUE"

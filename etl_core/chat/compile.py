"""A query plan as one pipeline spec: the only way a plan is computed.

The executor runs the spec for the answer, sqlgen prints it as the SQL shown, and "save as pipeline"
keeps it: one plan, one computation. Every condition is a SQL expression checked by the same
allow-list as a pipeline's filters.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from etl_core.chat.plan import AGG_WORDS, Filter, Measure, QueryPlan, SortKey
from etl_core.errors import InputError
from etl_core.spec import PipelineSpec
from etl_core.steps import (
    Aggregate,
    DatePart,
    Dedupe,
    Derive,
    DropNulls,
    Join,
    Limit,
    Output,
    Select,
    Sort,
    Source,
    Window,
)
from etl_core.steps import Filter as FilterStep
from etl_core.steps import Measure as StepMeasure
from etl_core.steps import SortKey as StepSortKey
from etl_core.steps.base import lit, q

AGGS = {"sum": "sum", "mean": "mean", "median": "median", "min": "min", "max": "max", "count": "count",
        "n_unique": "count_distinct", "std": "std", "var": "var"}
ROW = "row number"
CALENDAR_ORDER = {"weekday_name": "weekday", "month_name": "month"}
RANK = "_rank"  # a helper column: never a table's own 'rank', which it would replace
ANSWER = "answer"
COMBINED = {"ratio": "{a} / {b}", "difference": "{a} - {b}", "abs_difference": "ABS({a} - {b})",
            "change_pct": "({b} / {a} - 1) * 100", "percent": "100.0 * {a} / {b}"}


@dataclass
class Compiled:
    """The spec, and what its result's columns are."""

    spec: PipelineSpec
    keys: list[str] = field(default_factory=list)  # group columns, in order
    measures: list[str] = field(default_factory=list)  # each measure's column
    answer: str | None = None  # the column whose values answer


def measure_names(plan: QueryPlan, taken: set[str]) -> list[str]:
    names: list[str] = []
    for measure in plan.measures:
        name = measure.label or _name(measure, names)
        if measure.where_label and not measure.label:
            name += f" ({measure.where_label})"
        while name in names or name in taken:
            name += "'"
        names.append(name)
    return names


def _name(measure: Measure, names: list[str]) -> str:
    if measure.combine:
        a, b = (names[i] if i < len(names) else "?" for i in measure.of)
        return {"ratio": f"{a} per {b}", "difference": "difference", "abs_difference": "difference",
                "change_pct": "change %", "percent": "share %"}[measure.combine]
    if measure.column is None:
        return "number of rows"
    return f"{AGG_WORDS[measure.agg]} {measure.column}"


def compile_plan(plan: QueryPlan, name: str = "chat answer", output: str | None = None) -> Compiled:
    """The plan as steps: source, lookups, row numbers, calendar parts, conditions, then the answer's shape."""
    if plan.intent in ("describe", "help"):
        raise InputError("This answer has no table of its own to compute.", hint="Ask for figures, e.g. 'revenue by region'.")
    if plan.bucket == "auto":
        raise InputError("The time bucket of this answer is not settled.", hint="Ask again with 'per month' or 'weekly'.")
    steps: list = [Source(source=plan.table)]
    steps += [Join(source=j.table, on=j.on, how="left", suffix=f"_{j.table}") for j in plan.joins]
    if plan.row_order or any(k.column == "@row" for k in plan.order):
        steps.append(Window(function="row_number", output=ROW))
    steps += [DatePart(column=p.column, part=p.part, output=p.name) for p in plan.parts]
    keys = list(plan.group_by)
    if plan.bucket:
        steps.append(DatePart(column=plan.date_column, part=f"{plan.bucket}_start", output=plan.bucket))
        keys = [plan.bucket, *keys]
    answer_column = plan.column
    if plan.offset and plan.offset_by is None and plan.filters and all(
            f.column == plan.column and f.op in ("==", "in") for f in plan.filters):
        # 'the next launch date after 04/28/91': the next date listed, past every row of that one and the blank ones
        steps += [FilterStep(condition=f"{q(plan.column)} IS NOT NULL"),
                  Window(function="previous", column=plan.column, order_by=[StepSortKey(column=ROW)], offset=1,
                         output=RUN),
                  FilterStep(condition=f"{q(RUN)} IS NULL OR {q(RUN)} <> {q(plan.column)}")]
    if plan.offset:
        step = ("next" if plan.offset > 0 else "previous") if abs(plan.offset) == 1 else \
            f"{abs(plan.offset)} rows {'on' if plan.offset > 0 else 'back'}"
        answer_column = f"{plan.column} ({step})"
        steps.append(Window(function="next" if plan.offset > 0 else "previous", column=plan.column,
                            order_by=[StepSortKey(column=plan.offset_by or ROW)], offset=abs(plan.offset),
                            output=answer_column))
    if plan.same is not None:
        steps.append(Window(function="lookup", column=plan.same.column, output=same_column(plan),
                            where=" AND ".join(condition_sql(f) for f in plan.same.where)))
    if plan.streak:
        return _streak(plan, steps)
    condition = _where(plan)
    if condition:
        steps.append(FilterStep(condition=condition))
    compiled = _rows(plan, steps, answer_column) if plan.intent in ("pick", "list") else _aggregate(plan, steps, keys)
    if output:
        compiled.spec.steps.append(Output(format="parquet", path=output))
    return compiled


STREAK = "longest run"
RUN = "_same as the row before"  # a helper column: the value of the row listed before


def _streak(plan: QueryPlan, steps: list) -> Compiled:
    """The longest run of consecutive rows meeting the filters, in the table's order, within the periods named: each
    row is flagged, a running count of flags taken from the row number keeps a run's rows on one value, and the
    runs are counted."""
    if not plan.filters:
        raise InputError("A run of consecutive rows needs a condition the rows meet.", hint="Ask e.g. 'how many "
                         "consecutive wins'.")
    period = _where(plan.model_copy(update={"filters": [], "streak": False}))
    known = " AND ".join(f"{q(c)} IS NOT NULL" for c in dict.fromkeys(f.column for f in plan.filters))
    steps.append(FilterStep(condition=f"{period} AND {known}" if period else known))  # a blank result (a cancelled
    # game) neither makes nor breaks a run
    flag, run, island = "_meets", "_met_so_far", "_run"  # helper columns, named so no table's own is replaced
    steps += [Window(function="row_number", output=ROW),
              Derive(column=flag, expression=f"CASE WHEN {' AND '.join(condition_sql(f) for f in plan.filters)} "
                                             "THEN 1 ELSE 0 END"),
              Window(function="cumulative_sum", column=flag, order_by=[StepSortKey(column=ROW)], output=run),
              Derive(column=island, expression=f"{q(ROW)} - {q(run)}"),
              FilterStep(condition=f"{q(flag)} = 1"),
              Aggregate(group_by=[island], measures=[StepMeasure(agg="count", name="_rows")]),
              Aggregate(measures=[StepMeasure(agg="max", column="_rows", name=STREAK)])]
    return Compiled(PipelineSpec(name=plan.table, steps=steps), [], [STREAK], STREAK)


def same_column(plan: QueryPlan) -> str:
    return f"{plan.same.column} of {plan.same.label}"


def _where(plan: QueryPlan) -> str:
    parts = [condition_sql(f) for f in plan.filters]
    if plan.same is not None:  # equal to the reference's value, and not the reference itself
        reference = " AND ".join(condition_sql(f) for f in plan.same.where)
        column, looked_up = q(plan.same.column), q(same_column(plan))
        if plan.same.ignore_case:
            column, looked_up = f"LOWER({column})", f"LOWER({looked_up})"
        parts.append(f"{column} {'=' if plan.same.op == '==' else plan.same.op} {looked_up} AND NOT ({reference})")
    by_column: dict[str, list[str]] = {}
    for item in plan.date_ranges:
        day = f"CAST({q(item.column)} AS DATE)"
        bounds = ([f"{day} >= {lit(item.start)}"] if item.start else []) + ([f"{day} < {lit(item.end)}"] if item.end else [])
        by_column.setdefault(item.column, []).append(" AND ".join(bounds) or "TRUE")
    for ranges in by_column.values():  # 'in 2023 and 2024': either period
        parts.append(ranges[0] if len(ranges) == 1 else "(" + " OR ".join(f"({r})" for r in ranges) + ")")
    return " AND ".join(parts)


def condition_sql(item: Filter, names: dict[str, str] | None = None) -> str:
    """A filter as a SQL condition; '@k' names the k-th measure's column."""
    column = q(_resolve(item.column, names))
    value = item.value
    if isinstance(value, str) and value.startswith("@") and names:
        value_sql = q(_resolve(value, names))
    elif item.op not in ("in", "not_in", "between"):
        value_sql = lit(value)
    if item.op in ("in", "not_in"):
        values = ", ".join(lit(v) for v in (value if isinstance(value, list) else [value]))
        return f"{column} {'NOT ' if item.op == 'not_in' else ''}IN ({values})"
    if item.op == "between":
        return f"{column} BETWEEN {lit(value[0])} AND {lit(value[1])}"
    if item.op in ("contains", "starts_with", "ends_with"):
        escaped = str(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = {"contains": "%{}%", "starts_with": "{}%", "ends_with": "%{}"}[item.op].format(escaped)
        return f"{column} ILIKE {lit(pattern)}"
    if item.op == "is_null":
        return f"{column} IS NULL"
    if item.op == "not_null":
        return f"{column} IS NOT NULL"
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        column = f"CAST({column} AS DATE)"
    if item.op == "!=":
        return f"({column} IS NULL OR {column} <> {value_sql})"  # 'not West' keeps the rows with no region
    return f"{column} {'=' if item.op == '==' else item.op} {value_sql}"


def test_sql(plan: QueryPlan, test: Filter, names: dict[str, str] | None = None) -> str:
    """A yes/no test; with words ('more', 'less'), the word that holds, and nothing when the two are equal."""
    holds = condition_sql(test, names)
    if not plan.test_words:
        return holds
    equal = condition_sql(test.model_copy(update={"op": "=="}), names)
    first, second = plan.test_words
    return f"CASE WHEN {holds} THEN {lit(first)} WHEN NOT ({holds}) AND NOT ({equal}) THEN {lit(second)} END"


def _resolve(name: str, names: dict[str, str] | None) -> str:
    if names and name.startswith("@"):
        if name not in names:
            raise InputError(f"The plan refers to '{name}', which it does not compute.")
        return names[name]
    return name


# ---- aggregates -------------------------------------------------------------------------------

def _aggregate(plan: QueryPlan, steps: list, keys: list[str]) -> Compiled:
    if not plan.measures:
        raise InputError("The plan computes nothing.", hint="Name a measure, e.g. 'total revenue'.")
    names = measure_names(plan, set(keys))
    refs = {f"@{i}": n for i, n in enumerate(names)}
    base = [(i, m) for i, m in enumerate(plan.measures) if m.combine is None]
    for part in plan.parts:  # a day or month name sorts by its number, kept beside it
        if part.name in keys and part.part in CALENDAR_ORDER:
            steps.append(DatePart(column=part.column, part=CALENDAR_ORDER[part.part], output=f"{part.name} #"))
    hidden = [f"{p.name} #" for p in plan.parts if p.name in keys and p.part in CALENDAR_ORDER]
    hidden_keys = {p.name for p in plan.parts if p.name in keys and p.part in CALENDAR_ORDER}
    steps.append(Aggregate(group_by=[*keys, *hidden], measures=[
        StepMeasure(agg=AGGS[m.agg], column=m.column, name=names[i], where=" AND ".join(condition_sql(f) for f in m.where)
                    or None) for i, m in base]))
    for i, m in enumerate(plan.measures):
        if m.combine:
            a, b = (q(names[k]) for k in m.of)
            expression = COMBINED[m.combine].format(a=a, b=b)
            steps.append(Derive(column=names[i], expression=f"ROUND({expression}, 6)" if m.combine != "difference"
                                else expression))
    answer = names[plan.answer_measure()]
    if plan.share:
        steps.append(Window(function="share", column=answer, partition_by=keys[:1] if plan.bucket and len(keys) > 1
                            else [], output="share %"))
    if plan.change and plan.bucket:
        steps.append(Window(function="change_pct", column=answer, partition_by=keys[1:],
                            order_by=[StepSortKey(column=keys[0])], output="change %"))
    if plan.having:
        steps.append(FilterStep(condition=" AND ".join(condition_sql(h, refs) for h in plan.having)))
    if plan.intent == "count":
        steps.append(Aggregate(measures=[StepMeasure(agg="count", name="groups")]))
        return Compiled(PipelineSpec(name=plan.table, steps=steps), [], ["groups"], "groups")
    order = [StepSortKey(column=_resolve(k.column, refs), descending=k.descending) for k in plan.order]
    calendar = [k for k in keys if any(p.name == k for p in plan.parts)]
    if not order and keys:
        if plan.bucket or calendar:  # time and the calendar in their own order: Monday first, January first
            order = [StepSortKey(column=f"{k} #" if k in hidden_keys else k) for k in keys]
        elif plan.intent == "top" and plan.having and not plan.limit:  # the groups that meet it, by name
            order = [StepSortKey(column=k) for k in keys]
        else:
            order = [StepSortKey(column=answer, descending=True), *(StepSortKey(column=k) for k in keys)]
    if plan.intent == "top" and (plan.ties or plan.nth):
        steps.append(Window(function="rank", column=order[0].column, order_by=[order[0]], output=RANK))
        steps.append(FilterStep(condition=f"{q(RANK)} = {plan.nth}" if plan.nth else f"{q(RANK)} <= {plan.limit or 1}"))
    if order:
        steps.append(Sort(by=order))
    if plan.limit and not (plan.intent == "top" and plan.ties):
        steps.append(Limit(rows=plan.limit))
    shown = [*keys, *names, *(["share %"] if plan.share else []), *(["change %"] if plan.change and plan.bucket else [])]
    if plan.test is not None:
        steps.append(Derive(column=ANSWER, expression=test_sql(plan, plan.test, refs)))
        shown.append(ANSWER)
    steps.append(Select(columns=shown))
    label = keys[-1] if keys else None
    value = ANSWER if plan.test is not None else label if plan.intent == "top" else "share %" if plan.share \
        else "change %" if plan.change and plan.bucket else answer
    return Compiled(PipelineSpec(name=plan.table, steps=steps), keys, names, value)


# ---- rows -------------------------------------------------------------------------------------

def _rows(plan: QueryPlan, steps: list, answer_column: str) -> Compiled:
    if not plan.column:
        raise InputError("The plan does not say which column to show.")
    if plan.intent == "list":
        steps += [Select(columns=[plan.column]), DropNulls(columns=[plan.column]), Dedupe(),
                  Sort(by=[StepSortKey(column=plan.column)])]
        return Compiled(PipelineSpec(name=plan.table, steps=steps), answer=plan.column)
    order = [StepSortKey(column=ROW if k.column == "@row" else k.column, descending=k.descending) for k in plan.order]
    if order and (plan.ties or plan.nth):
        steps.append(Window(function="rank", column=order[0].column, order_by=[order[0]], output=RANK))
        wanted = plan.nth or 1
        steps.append(FilterStep(condition=f"{q(RANK)} = {wanted}" if plan.nth or plan.limit == 1
                                else f"{q(RANK)} <= {plan.limit}"))
    if order:
        steps.append(Sort(by=order))
    elif not plan.offset and plan.test is None:  # a lookup: the values found, each once, in order
        steps += [Select(columns=[answer_column]), Dedupe(), Sort(by=[StepSortKey(column=answer_column)])]
        return Compiled(PipelineSpec(name=plan.table, steps=steps), answer=answer_column)
    if plan.limit and not plan.ties and not plan.nth:
        steps.append(Limit(rows=plan.limit))
    shown = list(dict.fromkeys([answer_column, *plan.context, *(k.column for k in order if k.column != ROW)]))
    if plan.test is not None:
        test = plan.test.model_copy(update={"column": answer_column if plan.test.column == plan.column
                                            else plan.test.column})
        steps.append(Derive(column=ANSWER, expression=test_sql(plan, test)))
        shown.append(ANSWER)
    if plan.ties and not order:
        pass
    steps.append(Select(columns=shown))
    return Compiled(PipelineSpec(name=plan.table, steps=steps), answer=ANSWER if plan.test is not None else answer_column)


def pipeline_name(question: str) -> str:
    """A name from the question: 'Revenue by region?' -> revenue_by_region."""
    slug = re.sub(r"[^a-z0-9]+", "_", question.lower()).strip("_")[:60].rstrip("_")
    return slug or "chat_answer"


def sort_keys(keys: list[SortKey]) -> list[StepSortKey]:
    return [StepSortKey(column=k.column, descending=k.descending) for k in keys]

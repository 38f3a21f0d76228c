"""Answers that would run and look right but are not, caught before the plan runs: a row compared with has no value,
a span asked about is still going, a total of cells that are all empty (0 would look like a figure)."""

from __future__ import annotations

from collections.abc import Callable

from etl_core.chat.plan import Filter, Measure, QueryPlan
from etl_core.errors import InputError
from etl_core.inference import is_span_length

Count = Callable[[QueryPlan], object]  # a plan's value, run the one way every plan is run


def check(plan: QueryPlan, count: Count) -> None:
    if plan.same is not None:
        _reference_has_a_value(plan, count)
    _spans_ended(plan, count)
    _blank_total(plan, count)


def _reference_has_a_value(plan: QueryPlan, count: Count) -> None:
    """'the same saves as August 11' when August 11 has none: an empty cell equals nothing, yet a reader may take two
    empty cells as the same; neither answer is safe."""
    probe = QueryPlan(table=plan.table, joins=plan.joins, parts=plan.parts, measures=[Measure(agg="count")],
                      filters=[*plan.same.where, Filter(column=plan.same.column, op="not_null")])
    if count(probe) == 0:
        raise InputError(f"{plan.same.label} has no {plan.same.column}, so I can not say which rows have the same.")


def _spans_ended(plan: QueryPlan, count: Count) -> None:
    """'how long has X been mayor' while X still is: a total of spans that are all still going ('2022–', 'Incumbent')
    would answer 0; their length depends on today's date. Spans still going beside ended ones are left out, as they are
    from averages and extremes."""
    for measure in plan.measures:
        if measure.agg != "sum" or measure.column is None or not is_span_length(measure.column) or plan.group_by:
            continue
        probe = QueryPlan(table=plan.table, joins=plan.joins, parts=plan.parts, date_ranges=plan.date_ranges,
                          measures=[Measure(agg="count")],
                          filters=[*plan.filters, *measure.where, Filter(column=measure.column, op="not_null")])
        if count(probe) == 0:
            raise InputError(f"No span counted in {measure.column} has ended, so its length "
                             f"depends on today's date.", hint="Ask about spans that have ended, or for the start.")


def _blank_total(plan: QueryPlan, count: Count) -> None:
    """'how many people live in Barrow' where Barrow's Population is '—': a sum of empty cells is 0 in Sluice, but
    the table does not say 0; it says nothing."""
    if plan.group_by or plan.intent not in ("value", "table"):
        return
    for measure in plan.measures:
        if measure.agg != "sum" or measure.column is None or measure.combine is not None:
            continue
        filters = [*plan.filters, *measure.where]
        probe = QueryPlan(table=plan.table, joins=plan.joins, parts=plan.parts, date_ranges=plan.date_ranges,
                          measures=[Measure(agg="count")], filters=[*filters, Filter(column=measure.column, op="not_null")])
        if count(probe) == 0 and count(probe.model_copy(update={"filters": filters})):
            where = " and ".join(f.words() for f in filters)
            raise InputError(f"{measure.column} is empty{' where ' + where if where else ''}: the table gives no figure.")

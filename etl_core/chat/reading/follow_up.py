"""Follow-ups change the previous answer's plan: 'only for Online', 'and by month?', 'top 10 instead', 'what about
2023?', 'as a pie chart', 'excluding West'."""

from __future__ import annotations

from etl_core.chat.plan import Chip, QueryPlan, SortKey
from etl_core.chat.reading.conditions import apply, find_conditions
from etl_core.chat.reading.dates import read_dates, weekday_filters
from etl_core.chat.reading.measures import read_groups
from etl_core.chat.reading.question import read_top
from etl_core.chat.reading.state import Reader, Unanswerable
from etl_core.chat.tokens import Token

OPENERS = {"and", "now", "only", "just", "what about", "how about", "same", "also", "instead", "as", "but", "then",
           "excluding", "except", "without", "not", "ignoring", "exclude", "for", "in", "by", "split"}
FILLER = {"and", "now", "only", "just", "what", "how", "about", "same", "also", "instead", "but", "then", "for", "the",
          "what about", "how about",
          "that", "this", "those", "please", "ignoring", "in", "of", "show", "it", "them", "again", "do"}


def is_follow_up(tokens: list[Token]) -> bool:
    if not tokens:
        return False
    first = tokens[0].text
    said = " ".join(t.text for t in tokens)
    return first in OPENERS or said.startswith(("what about", "how about")) or tokens[-1].text in ("only", "instead") \
        or (len(tokens) <= 3 and tokens[0].is_("value", "year"))


def change(r: Reader, previous: QueryPlan) -> QueryPlan | None:
    """The previous plan with what the follow-up changes; None when it changes nothing (a new question)."""
    plan = previous.model_copy(deep=True)
    r.plan = plan
    chart = _chart(r)
    top = read_top(r)
    ranges, year_filters = read_dates(r, set())
    part_filters = weekday_filters(r, set())
    conditions = find_conditions(r, set())
    plan.group_by, bucket = [], plan.bucket
    groups = read_groups(r)
    plan.group_by = previous.group_by
    instead = any(t.text == "instead" for t in r.tokens)
    changed = bool(chart or top or ranges or year_filters or part_filters or conditions or groups or plan.bucket != bucket)
    if not changed:
        return None
    if plan.bucket != bucket and not top and plan.intent in ("top",):
        plan.intent, plan.limit, plan.ties, plan.order = "table", None, False, []
    if groups:
        plan.group_by = groups if instead else [*plan.group_by, *(g for g in groups if g not in plan.group_by)]
        if plan.intent == "value":
            plan.intent = "table"
    if plan.bucket and plan.intent == "value":
        plan.intent = "table"
    if top:
        count, descending, token = top
        plan.limit = count
        if plan.intent in ("table", "top"):
            plan.order = [SortKey(column=f"@{plan.answer_measure()}", descending=descending is not False),
                          *(SortKey(column=g) for g in plan.group_by)]
            plan.ties = False
        r.use(token, f"the {'top' if descending is not False else 'bottom'} {count}", "limit")
    if ranges:
        touched = {d.column for d in ranges}
        plan.date_ranges = [d for d in plan.date_ranges if d.column not in touched] + ranges
    filters = year_filters + part_filters
    if filters:
        touched = {f.column for f in filters}
        plan.filters = [f for f in plan.filters if f.column not in touched] + filters
    if conditions:
        touched = {c.filter.column for c in conditions}
        plan.filters = [f for f in plan.filters if f.column not in touched]
        apply(r, conditions)
    for token in r.tokens:
        if not token.used and (token.text in FILLER or token.is_("function")):
            r.absorb(token)
    unplaced = r.unplaced()
    if unplaced:
        raise Unanswerable(f"I could not place {', '.join(repr(t.text) for t in unplaced)} in a change to the last answer.",
                           hint=r.hint([t.text for t in unplaced]))
    plan.joins = [*plan.joins, *(j for j in r.joins_used() if j not in plan.joins)]
    plan.reading = [*previous.reading, *r.chips, Chip(phrase="(follow-up)", meaning="changes the previous answer")]
    plan.notes = [*previous.notes, *r.notes]
    return plan


def _chart(r: Reader) -> bool:
    from etl_core.chat.reading import _chart as chart

    before = r.plan.chart
    chart(r)
    return r.plan.chart != before

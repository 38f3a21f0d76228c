"""Questions for a figure over rows: 'total revenue', 'average fare by class', 'revenue per customer', 'average order value'."""

from __future__ import annotations

from etl_core.chat.plan import Measure, SortKey
from etl_core.chat.reading.asked import row_noun
from etl_core.chat.reading.conditions import _filters
from etl_core.chat.reading.measures import Phrase, measure, say_measure
from etl_core.chat.reading.question import Question
from etl_core.chat.reading.state import Reader, Unanswerable
from etl_core.chat.wording import singular


def _entity_value(r: Reader, q: Question) -> bool:
    """'average order value': the table's figure per thing it counts (total revenue / distinct orders)."""
    for index, token in enumerate(r.tokens[1:], start=1):
        thing = r.tokens[index - 1]
        if token.used or token.text not in ("value", "size") or thing.used:
            continue
        keys = [c for c in r.columns_of(thing, {"id"}) if c.table == r.table]
        figure = r.default_measure() if token.text == "value" else next(
            (c for c in r.of_role("measure") if "quantity" in c.concepts), None)
        if not keys or figure is None:
            continue
        plan = r.plan
        plan.measures = [Measure(agg="sum", column=figure.name), Measure(agg="n_unique", column=keys[0].name),
                         Measure(combine="ratio", of=[0, 1], label=f"{thing.text} {token.text}")]
        r.use(token, f"{thing.text} {token.text}: total {figure.name} / distinct {keys[0].name}", "measure")
        r.absorb(thing, *(t for t in r.tokens[max(0, index - 2):index] if t.is_("agg") and t.first("agg").value == "mean"))
        plan.group_by = list(q.groups)
        plan.intent = "table" if q.groups or plan.bucket else "value"
        _filters(r, q)
        return True
    return False


def _compared_measure(r: Reader, q: Question) -> list[Phrase]:
    """'revenue between 100 and 200': the measure compared is the figure asked for, when nothing else is."""
    if q.kind not in ("none", "what", "how much") or q.groups or r.plan.bucket:
        return []
    compared = [c for c in q.conditions if c.kind == "compare" and c.column is not None and c.column.role == "measure"]
    if len(compared) != 1 or any(t.content and not t.used for t in r.tokens):
        return []
    named = next((t for t in compared[0].tokens if r.columns_of(t)), None)
    if named is None or singular(named.text) != named.text:
        return []  # 'salaries over 90000' names the rows: counted, below
    return [Phrase(None, compared[0].column, [])]


def _measures(r: Reader, q: Question, phrases: list[Phrase], absorb_verbs: bool = False) -> bool:
    """'total revenue', 'average fare by class', 'revenue per month', 'revenue per customer' (a ratio)."""
    plan = r.plan
    if not phrases:
        if not (q.groups or plan.bucket):
            return False
        plan.measures = [Measure(agg="count")]
        named = [t for t in r.tokens if not t.used and row_noun(r, t)]
        for token in named[:1]:
            r.use(token, f"count the rows of {r.table}", "measure")
        if not named:
            r.notes.append("No measure named: counting rows.")
    for phrase in phrases:
        if phrase.tokens and all(t.used for t in phrase.tokens):
            continue  # taken by the phrase before it: 'revenue per unit sold'
        ratio = _per(r, phrase)
        if ratio:
            continue
        plan.measures.append(measure(r, phrase))
        say_measure(r, phrase, len(plan.measures) - 1)
    if absorb_verbs:
        r.absorb(*(t for t in r.tokens if t.is_("earning", "transaction") and not t.is_("column")))
        each = next((t for t in r.tokens if t.text in ("each", "both") and not t.used), None)
        several = any(c.kind == "value" and c.filter.op == "in" for c in q.conditions)
        if each is not None and several and len(plan.measures) == 1 and plan.measures[0].column:
            plan.intent, plan.column = "pick", plan.measures[0].column  # 'X and Y each won how many': per row
            plan.measures = []
            r.absorb(each)
            _filters(r, q)
            return True
    fixed = {c.filter.column for c in q.conditions if c.kind == "compare" and c.filter.op == "=="}
    if not q.groups and plan.measures and all(m.column in fixed and m.agg != "count" for m in plan.measures):
        raise Unanswerable("The question fixes the very figure it asks for.", hint=r.hint())  # 'with a 2937 length'
    plan.group_by = list(q.groups)
    if len(plan.measures) > 1 and not any(m.combine for m in plan.measures):
        plan.answer = 0  # 'revenue and quantity by region': the first named is the answer, the rest beside it
    if q.groups or plan.bucket:
        plan.intent = "table"
        _period_change(r)
        if q.top:
            plan.order = [SortKey(column="@0", descending=q.top[1] is not False), *(SortKey(column=g) for g in q.groups)]
            plan.limit = q.top[0]
            r.use(q.top[2], f"the {'top' if q.top[1] is not False else 'bottom'} {q.top[0]}", "limit")
        _filters(r, q)
        return True
    return _finish_value(r, q)


def _period_change(r: Reader) -> None:
    """'revenue growth by month', 'month over month change in orders': each period against the one before."""
    token = next((t for t in r.tokens if t.is_("change") and not t.used), None)
    if token is not None and r.plan.bucket:
        r.plan.change = True
        r.use(token, f"% change on the previous {r.plan.bucket}", "measure")


def _per(r: Reader, phrase: Phrase) -> bool:
    """'revenue per customer': total revenue / distinct customers; 'revenue per unit' a ratio of two measures."""
    last = phrase.tokens[-1] if phrase.tokens else None
    per = next((t for t in r.tokens[r.index(last) + 1:] if t.text == "per" or not t.is_("function")), None) \
        if last is not None else None
    if per is None or per.text != "per" or per.used:
        return False
    target = r.after(per)
    if target is None or target.used:
        return False
    plan = r.plan
    own = target.is_("table") and target.first("table").value == r.table
    if own or row_noun(r, target) and not target.is_("column", "table"):
        plan.measures.append(measure(r, phrase, "mean"))
        say_measure(r, phrase, len(plan.measures) - 1, f"average {phrase.column.name} per row")
        r.absorb(per, target)
        return True
    columns = r.columns_of(target, {"id", "category", "text", "measure"})
    if not columns:
        return False
    column = columns[0]
    start = len(plan.measures)
    top = measure(r, phrase, "sum" if phrase.agg in (None, "mean", "sum") else phrase.agg)
    if column.role == "measure":
        bottom = Measure(agg="sum", column=r.name(column))
    elif r.unique_per_row(column):
        plan.measures.append(measure(r, phrase, "mean"))
        say_measure(r, phrase, start, f"average {phrase.column.name} per {column.name}")
        r.absorb(per, target)
        return True
    else:
        bottom = Measure(agg="n_unique", column=r.name(column))
    plan.measures += [top, bottom, Measure(combine="ratio", of=[start, start + 1],
                                           label=f"{phrase.column.name} per {column.name}")]
    say_measure(r, phrase, start, f"total {phrase.column.name} / {'total' if column.role == 'measure' else 'distinct'} "
                                  f"{column.name}")
    r.absorb(per, target)
    return True


def _finish_value(r: Reader, q: Question) -> bool:
    r.plan.intent = "value"
    _filters(r, q)
    return True

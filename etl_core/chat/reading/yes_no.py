"""Yes/no questions: 'is there any X', 'are order ids unique', 'is the average age above 30', 'is the richest one self-made'."""

from __future__ import annotations

from etl_core.chat.plan import Filter, Measure
from etl_core.chat.reading.conditions import _filters, say
from etl_core.chat.reading.pending import Condition
from etl_core.chat.reading.positions import ordinal
from etl_core.chat.reading.question import Question
from etl_core.chat.reading.state import Reader, Unanswerable
from etl_core.chat.reading.superlatives import superlative

EXISTS_WORDS = {"any", "anyone", "anybody", "someone", "somebody", "anything", "there"}


def _yes_no(r: Reader, q: Question) -> None:
    """'is there any X', 'are order ids unique', 'is the richest person self-made', 'is the average age above 30'."""
    plan = r.plan
    r.absorb(q.word)
    unique = next((t for t in r.tokens if t.text in ("unique", "distinct") and not t.used), None)
    if unique is not None:
        column = next((c for t in r.tokens if not t.used and t is not unique for c in r.columns_of(t)), None)
        if column is not None:
            plan.measures = [Measure(agg="count"), Measure(agg="n_unique", column=r.name(column))]
            plan.intent, plan.test = "test", Filter(column="@1", op="==", value="@0")
            r.use(unique, f"is every {column.name} different?", "measure")
            r.absorb(*(t for t in r.tokens if not t.used and any(c is column for c in r.columns_of(t))))
            r.absorb(*(t for t in r.tokens if t.text in ("every", "all", "each") and not t.used))
            _filters(r, q)
            return
    if any(set(t.text.split()) & EXISTS_WORDS and not t.used for t in r.tokens[:4]):
        r.absorb(*(t for t in r.tokens if set(t.text.split()) & EXISTS_WORDS and not t.used))
        _exists(r, q)
        return
    counted = [c for c in q.conditions if c.count]
    if counted:  # 'does evansville have more than 4 stations'
        q.conditions.remove(counted[0])
        plan.measures = [Measure(agg="count")]
        plan.intent, plan.test = "test", Filter(column="@0", op=counted[0].filter.op, value=counted[0].filter.value)
        say(r, counted[0], f"are there {counted[0].filter.words().replace('rows ', '')} rows?")
        _filters(r, q)
        return
    measured = [c for c in q.conditions if c.kind == "compare" and c.agg]
    if measured:  # 'is the average age above 30'
        condition = measured[0]
        q.conditions.remove(condition)
        plan.measures = [Measure(agg=condition.agg, column=r.name(condition.column))]
        plan.intent, plan.test = "test", Filter(column="@0", op=condition.filter.op, value=condition.filter.value)
        say(r, condition, f"is the {condition.agg} {condition.filter.words()}?")
        r.absorb(condition.agg_token)
        _filters(r, q)
        return
    for rule in (superlative, ordinal):
        if rule(r, q):
            apply_test(r, q.conditions)
            if plan.intent == "value" and plan.measures:
                plan.test = plan.test.model_copy(update={"column": "@0"})
            plan.intent = "test" if plan.intent in ("value",) else plan.intent
            _filters(r, q)
            return
    if q.conditions:
        _exists(r, q)
        return
    raise Unanswerable("I could not tell what the yes/no question asks.", hint=r.hint())


def _exists(r: Reader, q: Question) -> None:
    plan = r.plan
    plan.measures = [Measure(agg="count")]
    plan.intent, plan.test = "test", Filter(column="@0", op=">", value=0)
    r.chips.append(r.chips[0].model_copy(update={"phrase": "any", "meaning": "are there any such rows?"})
                   if r.chips else _chip("any", "are there any such rows?"))
    _filters(r, q)


def _chip(phrase: str, meaning: str):
    from etl_core.chat.plan import Chip

    return Chip(phrase=phrase, meaning=meaning)


def apply_test(r: Reader, conditions: list[Condition]) -> None:
    """A yes/no question about the row or group found ('is the richest person self-made?'): its last condition
    is what is asked, on the answer; the others choose the rows."""
    if not conditions:
        raise Unanswerable("I could not tell what the yes/no question asks about the answer.", hint=r.hint())
    asked = conditions.pop()
    plan = r.plan
    target = plan.column if plan.intent == "pick" else plan.group_by[-1] if plan.group_by else None
    if asked.column is not None and plan.intent == "pick" and r.name(asked.column) != plan.column:
        plan.context = [plan.column, *plan.context]
        plan.column = r.name(asked.column)
        target = plan.column
    if target is None or (asked.column is not None and r.name(asked.column) != target):
        raise Unanswerable("I could not tell what the yes/no question asks about the answer.", hint=r.hint())
    plan.test = Filter(column=target, op=asked.filter.op, value=asked.filter.value)
    say(r, asked, f"is it {asked.filter.words()}?")

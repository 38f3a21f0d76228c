"""Questions that count: 'how many orders', 'how many customers ordered more than 30 times', 'orders last week'."""

from __future__ import annotations

from etl_core.chat.catalogue import Column
from etl_core.chat.plan import Filter, Measure
from etl_core.chat.reading.aggregates import _finish_value, _measures
from etl_core.chat.reading.asked import asked_column, row_noun
from etl_core.chat.reading.conditions import _filters, say
from etl_core.chat.reading.measures import Phrase, count_phrase, default_agg, find_measures, rank_like
from etl_core.chat.reading.named_values import OUTCOME_WORDS
from etl_core.chat.reading.pending import Condition
from etl_core.chat.reading.question import Question
from etl_core.chat.reading.state import Reader, Unanswerable
from etl_core.chat.tokens import Token
from etl_core.chat.vocabulary import WHO_PARTS
from etl_core.chat.wording import singular


def _total_of_things(r: Reader) -> Token | None:
    """'what is the total of seats', 'the total amount of mountains': a total of things, not of a figure, counts them."""
    for token in r.tokens:
        if token.used or token.text != "total":
            continue
        rest = r.tokens[r.index(token) + 1:]
        while rest and rest[0].text in ("amount", "of") and not rest[0].used:
            rest = rest[1:]
        if len(rest) < len(r.tokens) - r.index(token) - 1 and rest and not rest[0].used and \
                not any(c.numeric for c in r.columns_of(rest[0])) and not rest[0].is_("agg", "number", "value"):
            r.absorb(*r.tokens[r.index(token) + 1:r.index(rest[0])])
            return token
    return None


def _emphasis(r: Reader, q: Question) -> None:
    """'how many total players', 'how many cyclists total': 'total' says all of them, not a sum."""
    if q.word is None:
        return
    at = r.index(q.word)
    for token in r.tokens[at + 1:at + 3]:  # right after 'how many', or after the thing counted
        if token.text == "total" and not token.used:
            r.absorb(token, meaning="all of them")


def _how_many(r: Reader, q: Question) -> bool:
    """'how many orders', 'how many points did X get', 'how many customers ordered more than 30 times'."""
    phrase = count_phrase(r, q.word)
    target = phrase.tokens[1] if len(phrase.tokens) > 1 else r.after(q.word)
    plan = r.plan
    grouped = [c for c in q.conditions if c.count or c.agg]
    if phrase.column is not None and phrase.column.role in ("category", "text") and not grouped and \
            not r.unique_per_row(phrase.column) and any(c.kind == "compare" and c.column is not None and
                                                         c.column.role == "measure" for c in q.conditions):
        totals = [c for c in q.conditions if c.kind == "compare" and c.column is not None and c.column.role == "measure"]
        if r.choose([f"{phrase.column.name} groups whose total {totals[0].column.name} qualifies",
                     f"{phrase.column.name} values with a qualifying row"]) == 0:
            for condition in totals:  # 'how many regions have revenue over 1M': the regions' totals
                condition.agg = default_agg(condition.column)
            grouped = totals
    if phrase.column is not None and phrase.column.role == "measure" and not grouped and not rank_like(phrase.column):
        return _measures(r, q, [Phrase("sum", phrase.column, [q.word, target], q.word)], absorb_verbs=True)
    if phrase.column is not None and rank_like(phrase.column):  # 'the total number of positions listed': the rows
        phrase = Phrase("count", None, phrase.tokens, q.word)
    # the table's own names count its rows ('how many riders' where a rider has several rows too), unless some
    # rows have none, or the question asks for the different ones
    distinct = any(t.text in ("different", "distinct", "unique", "separate") for t in r.tokens)
    named_rows = phrase.column is not None and phrase.column is r.label() and not distinct and \
        not (phrase.column.nulls and r.unique_per_row(phrase.column))
    if phrase.column is not None and phrase.column.role in ("id", "category", "text", "year", "boolean") \
            and r.unique_per_row(phrase.column) and not named_rows and not target.is_("table"):
        blanks = phrase.column.nulls > 0  # 'how many locations' where some rows have none: the rows that have one
        plan.measures = [Measure(agg="count", column=r.name(phrase.column) if blanks else None)]
        r.use(target, f"count rows with a {phrase.column.name}" if blanks else
              f"count rows (each has its own {phrase.column.name})", "measure")
        r.absorb(q.word, *(t for t in r.tokens if t.text in ("different", "distinct", "unique", "separate", "total")))
        return _finish_counts(r, q)
    if phrase.column is not None and phrase.column.role in ("id", "category", "text", "year", "boolean") \
            and not r.unique_per_row(phrase.column) and (not named_rows or grouped):
        named_value = any(c.column is phrase.column for c in q.conditions if c.kind == "value")
        if grouped:
            return _count_groups(r, q, phrase, grouped)
        if not named_value:
            agg = "n_unique" if distinct else ["n_unique", "count"][r.choose(
                [f"distinct {phrase.column.name} values", "rows"])]
            plan.measures = [Measure(agg="n_unique", column=r.name(phrase.column)) if agg == "n_unique"
                             else Measure(agg="count")]
            r.use(target, f"count {'distinct ' + phrase.column.name if agg == 'n_unique' else 'rows'}", "measure")
            r.absorb(q.word, *(t for t in r.tokens if t.text in ("different", "distinct", "unique", "separate")))
            return _finish_counts(r, q)
    if grouped:
        raise Unanswerable("I could not tell what is grouped to count.", hint="Name it, e.g. 'how many customers ...'.")
    counted = target if target is not None and not target.used else None
    if counted is not None and q.word is not None and any(
            t.text in ("from", "in", "at", "by", "for", "with") for t in r.tokens[r.index(q.word) + 1:r.index(counted)]):
        counted = None  # 'how many from china': where they are from, not what the rows are called
    sold = [c for c in r.of_role("measure") if c.concepts == {"quantity"}]
    if counted is not None and counted.text in ("items", "item", "pieces") and len(sold) == 1 and \
            any(t.is_("transaction") and not t.used for t in r.tokens):  # 'how many items did we sell': the quantity
        return _measures(r, q, [Phrase("sum", sold[0], [q.word, counted], q.word)], absorb_verbs=True)
    if counted is not None and counted.text in OUTCOME_WORDS and not counted.senses:
        raise Unanswerable(f"I found no column of results (won, lost) in '{r.table}' to count '{counted.text}' in.",
                           hint=r.hint([counted.text]))
    if counted is not None and not (row_noun(r, counted) or counted.is_("column")) and (
            counted.senses and not counted.is_("function") or not r.generic):
        counted = None  # 'how many games' in 'schedule': left unplaced, so the count of rows is asked back
    people = _people_named_again(r, counted)
    if people is not None:  # 'how many people stayed 3 years in office', a person on three rows: each counted once
        plan.measures = [Measure(agg="n_unique", column=r.name(people))]
        r.use(q.word, f"count distinct {people.name}", "measure")
        r.use(counted, f"each {people.name} once", "word")
        return _finish_counts(r, q)
    plan.measures = [Measure(agg="count")]
    r.use(q.word, "count rows", "measure")
    if counted is not None:
        r.use(counted, f"the rows of {r.table}", "word")
        if counted.is_("table"):  # 'how many distinct products' in products: each row is one
            r.absorb(*(t for t in r.tokens if t.text in ("different", "distinct", "unique", "separate")))
    return _finish_counts(r, q)


PEOPLE = {"people", "persons", "individuals", "men", "women"}


def _people_named_again(r: Reader, counted: Token | None) -> Column | None:
    """The column of names, when the rows counted are people and a name stands on several rows (terms, seasons)."""
    label = r.label()
    if counted is None or counted.text not in PEOPLE or label is None or r.unique_per_row(label) \
            or label.role not in ("text", "category", "id") or not set(label.parts) & WHO_PARTS:
        return None
    return label


def _finish_counts(r: Reader, q: Question) -> bool:
    """A count alone, or by the groups named ('how many orders by status')."""
    if q.groups or r.plan.bucket:
        r.plan.group_by, r.plan.intent = list(q.groups), "table"
        _filters(r, q)
        return True
    return _finish_value(r, q)


def _bare_count(r: Reader, q: Question) -> bool:
    """'orders last week', 'salaries over 90000', 'tickets since March 2025': the rows named and a condition, counted."""
    if q.kind != "none" or not (q.conditions or q.ranges or q.filters) or find_measures(r) or q.top:
        return False
    rest = [t for t in r.tokens if not t.used and t.content]
    plural = [t for c in q.conditions for t in c.tokens if c.kind == "compare" and singular(t.text) != t.text
              and r.columns_of(t, {"measure"})]
    if not rest and plural:  # 'salaries over 90000': how many
        rest = plural[:1]
    elif len(rest) != 1 or not (row_noun(r, rest[0]) or any(
            c.role == "id" or c is r.label() for c in r.columns_of(rest[0]))):
        return False
    r.plan.measures = [Measure(agg="count")]
    if not rest[0].used:
        r.use(rest[0], f"count the rows of {r.table}", "measure")
    return _finish_counts(r, q)


def _count_groups(r: Reader, q: Question, phrase: Phrase, grouped: list[Condition]) -> bool:
    """'how many customers ordered more than 30 times': group, keep the groups that meet it, count them."""
    _keep_groups(r, q, phrase.column, grouped)
    r.plan.intent = "count"
    r.use(phrase.tokens[-1], f"count {phrase.column.name} groups", "measure")
    r.absorb(*phrase.tokens)
    _filters(r, q)
    return True


def groups_meeting(r: Reader, q: Question) -> bool:
    """'which customers ordered more than 5 times', 'which cities have more than 2 buildings': the groups that meet it,
    most first."""
    grouped = [c for c in q.conditions if c.count or c.agg]
    if q.kind not in ("which", "who", "what", "list") or not grouped:
        return False
    column, token = asked_column(r, q)
    if column is None or column.role not in ("category", "text", "id") or r.unique_per_row(column) or token is None:
        return False
    _keep_groups(r, q, column, grouped)
    r.plan.intent = "top"
    r.use(token, f"the {column.name} groups that meet it", "group")

    _filters(r, q)
    return True


def _keep_groups(r: Reader, q: Question, column: Column, grouped: list[Condition]) -> None:
    plan = r.plan
    plan.group_by = [r.name(column)]
    for condition in grouped:
        q.conditions.remove(condition)
        if condition.count:
            plan.measures.append(Measure(agg="count"))
        else:
            plan.measures.append(Measure(agg=condition.agg, column=r.name(condition.column)))
        plan.having.append(Filter(column=f"@{len(plan.measures) - 1}", op=condition.filter.op, value=condition.filter.value))
        say(r, condition, f"keep {column.name} groups where {condition.filter.words()}")
        r.absorb(condition.agg_token)
    r.absorb(*(t for t in r.tokens if t.is_("transaction") and not t.used))  # 'customers who ordered ...'

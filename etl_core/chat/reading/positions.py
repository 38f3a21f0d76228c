"""Questions about a row by its place: the first, the last, the 3rd, the latest, in 5th place, the one after X."""

from __future__ import annotations

from etl_core.chat.catalogue import Column
from etl_core.chat.plan import Filter, SortKey
from etl_core.chat.reading.asked import asked_column, day_of, row_noun
from etl_core.chat.reading.dates import date_column
from etl_core.chat.reading.measures import rank_like
from etl_core.chat.reading.question import Question, when_column, who_column
from etl_core.chat.reading.state import Reader, Unanswerable
from etl_core.chat.tokens import Token

TEMPORAL = {"earliest", "latest", "most recent", "newest", "oldest"}
ENDS = {"first", "last", "final", "earliest", "latest", "most recent", "newest", "second to last", "second last",
        "penultimate", "third to last"}
PLACE_WORDS = {"place", "position", "finished", "finish", "placed", "ranked", "rank", "came", "standing", "spot",
               "finishing", "seed", "seeded"}


def ordinal(r: Reader, q: Question) -> bool:
    """'the first', 'the last', 'the 3rd', 'the latest', 'in 5th place': a row by its position."""
    token = next((t for t in r.tokens if not t.used and (t.is_("ordinal", "last") or t.text in ENDS)), None)
    if token is None:
        return False
    from_end = token.is_("last") or token.text in ("latest", "most recent", "newest")
    n = token.first("last").value if token.is_("last") else token.first("ordinal").value if token.is_("ordinal") else 1
    asked, asked_token = asked_column(r, q)
    dates_named = date_column(r, ("date", "year"))
    rows_named = any(t.is_("table") or row_noun(r, t) for t in r.tokens if not t.used and t is not asked_token)
    after_word = asked_token is not None and r.index(asked_token) > r.index(token)
    if asked is not None and asked is dates_named and q.kind not in ("when",) and rows_named and after_word \
            and r.label() is not None:
        asked, asked_token = r.label(), None  # 'the earliest installed sensor': the sensor, ordered by installation
    if asked_token is not None:
        r.use(asked_token, f"the answer: {asked.name}", "column")
    asked = asked or (when_column(r) if q.kind == "when" else who_column(r) if q.kind == "who" else r.label())
    if asked is None:
        return False
    place = [t for t in r.tokens if t.text in PLACE_WORDS and not t.used]
    positions = [c for c in r.catalogue.of_table(r.table) if rank_like(c) and c.role in ("measure", "id")]
    dates = date_column(r, ("date", "year"))
    options: list[tuple[str, object]] = []
    if token.text in TEMPORAL or token.text in ("earliest",):
        if dates is None:
            raise Unanswerable(f"There is no date column to tell what is '{token.text}'.", hint=r.hint())
        options = [(f"by {dates.name}", dates)]
    else:
        if place and positions:
            options.append((f"{positions[0].name} = {n}", ("position", positions[0])))
        options.append(("in the table's order", None))
        if dates is not None and not place:
            options.append((f"by {dates.name}", dates))
    label, choice = options[r.choose([o[0] for o in options])]
    plan = r.plan
    plan.intent, plan.column = "pick", day_of(r, asked, asked_token)
    if isinstance(choice, tuple):
        plan.filters.append(Filter(column=r.name(choice[1]), op="==", value=n if not from_end else None))
        if from_end:
            plan.filters.pop()
            plan.order = [SortKey(column=r.name(choice[1]), descending=True)]
            plan.nth = n
        else:
            plan.ties = True
        r.absorb(*place)
    elif choice is None:
        plan.row_order = True
        plan.order = [SortKey(column="@row", descending=from_end)]
        plan.nth = n
    else:
        plan.order = [SortKey(column=r.name(choice), descending=from_end)]
        plan.filters.append(Filter(column=r.name(choice), op="not_null"))
        plan.nth, plan.ties = n, True
    r.use(token, f"the {token.text} row, {label}", "order")
    plan.context = [c for c in dict.fromkeys([*(k.column for k in plan.order if not k.column.startswith("@")),
                                               *([r.label().name] if r.label() else [])]) if c != plan.column]
    return True


def neighbour(r: Reader, q: Question) -> bool:
    """'who came after X', 'the game before December 22', 'which team is directly above X': the next row in the table."""
    for token in r.tokens:
        if token.used or not token.is_("neighbour"):
            continue
        anchor = r.after(token)
        if anchor is None or anchor.used or not r.row_named(anchor) or anchor.is_("year", "number") \
                and not anchor.is_("quoted"):
            continue
        if q.kind in ("how many", "how much", "yesno"):
            return False
        places = {s.column for s in r.row_named(anchor)}
        anchored = sorted(places, key=lambda c: c is not r.label())[0]
        asked, asked_token = asked_column(r, q, exclude={r.index(anchor)}) if q.kind in ("what", "which") else (None, None)
        if asked_token is not None and asked_token.is_("column") and r.index(asked_token) < r.index(token):
            r.use(asked_token, f"the answer: {asked.name}", "column")
        else:
            asked = anchored
        plan = r.plan
        plan.intent, plan.column, plan.row_order = "pick", r.name(asked), True
        plan.offset = token.first("neighbour").value
        value = next(s.value for s in r.row_named(anchor) if s.column is anchored)
        plan.filters.append(Filter(column=r.name(anchored), op="==", value=value))
        r.use(anchor, f"the row where {anchored.name} is {value}", "filter")
        order = _order_named(r, anchor)
        plan.offset_by = r.name(order) if order is not None else None
        r.use(token, f"the row {'after' if plan.offset > 0 else 'before'} it, in the "
                     f"{'order of ' + order.name if order is not None else 'table' + chr(39) + 's order'}", "order")
        for other in r.tokens[: r.index(token)]:  # 'the next town after riverside': 'next' says it again
            if other.is_("neighbour") and not other.used and other.first("neighbour").value == plan.offset \
                    and r.index(token) - r.index(other) <= 5:
                r.absorb(other, meaning=f"the same as '{token.text}'")
        before = r.at(r.index(token) - 1)
        if before is not None and before.text in ("directly", "right", "immediately", "just"):
            r.absorb(before)
            before = r.at(r.index(before) - 1)
        if before is not None and not before.used and before.text.endswith("ed") and \
                all(s.kind in ("earning", "relation", "transaction") for s in before.senses):
            r.absorb(before, meaning="how the rows follow each other")  # 'finished', 'placed' directly above
        return True
    return False


def _order_named(r: Reader, anchor: Token) -> Column | None:
    """'below jo vonlanthen in the grid', 'after austria in rank': the neighbour in a column of numbers' order, where
    the table's own order would give another row."""
    at = r.index(anchor) + 1
    if r.at(at) is None or r.at(at).text != "in":
        return None
    words = [r.at(at)]
    if r.at(at + 1) is not None and r.at(at + 1).text == "the":
        words.append(r.at(at + 1))
    named = r.at(r.index(words[-1]) + 1)
    if named is None or named.used:
        return None
    columns = [c for c in r.columns_of(named) if c.table == r.table and c.dtype.is_numeric()]
    if len(columns) != 1:
        return None
    r.absorb(*words, meaning="in the order of")
    r.use(named, f"the order: {columns[0].name}", "order")
    # a table listed by another column is read both ways: the same answer is given, different ones asked back
    # ('below jo vonlanthen in the grid' in a table of the finish, 16th on the grid)
    return columns[0] if r.choose([f"in the order of {columns[0].name}", "in the table's order"]) == 0 else None

"""Questions about the rows at an end: the most, the youngest, the top 5, the first, the last, the 3rd, the one after X.

The answer is the asked column's value on those rows ('the city of the youngest billionaire'), or the
labels of the groups ranked ('the 3 countries with the most billionaires').
"""

from __future__ import annotations

import polars as pl

from etl_core.chat.catalogue import Column, singular
from etl_core.chat.dates import as_date
from etl_core.chat.plan import Filter, Measure, SortKey
from etl_core.chat.reading import conditions as cond
from etl_core.chat.reading.dates import add_part, date_column
from etl_core.chat.reading.entities import entity_keys, entity_table, key_of
from etl_core.chat.reading.measures import Phrase, default_agg, measure, rank_like, say_measure
from etl_core.chat.reading.question import Question, when_column, where_column, who_column
from etl_core.chat.reading.state import Reader, Unanswerable
from etl_core.chat.tokens import Token
from etl_core.chat.vocabulary import (
    MEASURE_SUFFIXES,
    NUMBER_WORDS,
    RANKING_ADJECTIVES,
    WHEN_PARTS,
    WHERE_PARTS,
    WHO_PARTS,
)

ASKED = WHEN_PARTS | WHERE_PARTS
TIME_NOUNS = {"year", "season", "month", "week", "day", "date", "time", "decade", "period", "quarter"}
FREQUENCY_WORDS = {"frequency", "representation", "popularity", "occurrences", "appearances", "count", "counts",
                   "number of rows", "entries"}

TEMPORAL = {"earliest", "latest", "most recent", "newest", "oldest"}
ENDS = {"first", "last", "final", "earliest", "latest", "most recent", "newest", "second to last", "second last",
        "penultimate", "third to last"}
PLACE_WORDS = {"place", "position", "finished", "finish", "placed", "ranked", "rank", "came", "standing", "spot",
               "finishing", "seed", "seeded"}
ANSWER_ROLES = {"category", "text", "id", "measure", "date", "year", "boolean"}


def asked_column(r: Reader, q: Question, exclude: set[int] = frozenset()) -> tuple[Column | None, Token | None]:
    """The column the question asks for: named after 'which', 'what', 'list the'; a name for 'who', a date for 'when'."""
    if q.kind == "when":
        named = next(((c, t) for t in r.tokens if not t.used and r.index(t) not in exclude
                      for c in r.columns_of(t, {"date", "year"})), None)
        return named or (when_column(r), None)
    start = r.index(q.word) + 1 if q.word is not None else 0
    for token in r.tokens[start:]:
        if r.index(token) in exclude or token.used:
            continue
        if token.is_("neighbour", "comparator") and not token.is_("column"):
            break
        if token.is_("table") and token.first("table").value == r.table and r.label() is not None:
            named = [s.column for s in token.of("column") if s.strength >= 3 and s.column.dtype == pl.String]
            return (named[0] if named else r.label()), token  # 'which product' in products: the product's name;
            # 'which race' in races with a Race column: the Race
        columns = r.columns_of(token, ANSWER_ROLES)
        if q.kind == "who":
            columns = [c for c in columns if c.dtype == pl.String and not rank_like(c) and set(c.parts) & WHO_PARTS]
        elif q.kind == "where" and where_column(r) is not None:
            columns = [c for c in columns if set(c.parts) & WHERE_PARTS]  # 'where was the first game held': the
            # game is what is asked about, the venue the answer
        if columns and not token.is_("agg", "super"):
            return columns[0], token
        part = calendar_part(r, token) or year_of(r, token)
        if part is not None:
            return part, token
        if token.is_("value") and not token.is_("column"):
            break
    if q.kind == "who":
        return who_column(r), None
    if q.kind == "when":
        return when_column(r), None
    if q.kind == "where":
        return where_column(r), None
    return _rows_named(r, q)


def _rows_named(r: Reader, q: Question) -> tuple[Column | None, Token | None]:
    """'which communes have ...' in a table named only 'table': a noun of no other meaning right after 'which' or
    'what' says what the rows are, and the column that names the rows answers."""
    noun = r.at(r.index(q.word) + 1) if q.word is not None and q.kind in ("which", "what") else None
    rest = [t for t in r.tokens[r.index(q.word) + 1:] if t.text not in ("else", "other")] if noun is not None else []
    if q.kind == "what" and len(rest) > 1 and rest[0].text in ("was", "were", "is", "are") and \
            rest[1].text.endswith(("ed", "en", "wn", "built", "held", "won", "made", "sold")) and \
            (q.conditions or q.ranges or q.filters or r.plan.filters or r.plan.date_ranges) and \
            r.generic and r.label() is not None:
        return r.label(), None  # 'what was built in 1847': the rows, by the column that names them
    if noun is None or noun.used or noun.senses or not r.generic or not noun.text.isalpha() or len(noun.text) < 3 \
            or singular(noun.text) in TIME_NOUNS:  # 'which year' is never the rows' names
        return None, None
    return r.label(), (noun if r.label() is not None else None)


def day_of(r: Reader, column: Column, token: Token | None) -> str:
    """'on what date': the day of a timestamp, not its time."""
    if token is not None and token.text in ("date", "day") and str(column.dtype).startswith("Datetime"):
        return add_part(r, column, "day_start")
    return r.name(column)


def calendar_part(r: Reader, token: Token) -> Column | None:
    """'which weekday', 'what hour', 'which month': a calendar part of the date column, as a column to group by."""
    if not token.is_("part") or token.first("part").value == "weekend" or token.used:
        return None
    column = date_column(r, ("date",))
    if column is None:
        return None
    part = token.first("part").value
    if part == "month_name" and not _months_repeat(column):
        part = "month"  # one year of data: 'which month' is the calendar month itself
        name = add_part(r, column, "month_start")
    else:
        name = add_part(r, column, part)
    return Column(r.table, name, pl.String, [name], 31, "category")


def year_of(r: Reader, token: Token) -> Column | None:
    """'which year', 'what year' where no column is called a year: the only column of years ('Released: 1973'),
    else the year of the only date column."""
    if token.used or token.text not in ("year", "years") or r.columns_of(token):
        return None
    dates = [c for c in r.catalogue.of_table(r.table) if c.role in ("date", "year")]
    if len(dates) != 1:
        return None
    if dates[0].role == "year":
        return dates[0]
    name = add_part(r, dates[0], "year")
    return Column(r.table, name, pl.Int32, [name], dates[0].distinct, "year")


def _months_repeat(column: Column) -> bool:
    low, high = as_date(column.low), as_date(column.high)
    return low is not None and high is not None and (high.year * 12 + high.month) - (low.year * 12 + low.month) >= 12


def row_noun(r: Reader, token: Token | None) -> bool:
    """A word for the rows: 'people', 'times', the table's own name, or (in a table named only 'table') the
    thing its rows are, as the analyst calls it ('billionaires')."""
    if token is None:
        return False
    if token.is_("row", "table") and not token.is_("value"):
        return True
    if not token.senses and r.generic and len(token.text) > 3 and token.text.isalpha() and token.text not in ASKED \
            and token.text not in cond.OUTCOME_WORDS:  # 'how many victories' where no column holds results: no rows
        return True
    return token.is_("column") and any(c is r.label() for c in r.columns_of(token))


def count_of(n: int | None, word: Token | None) -> int | None:
    if word is not None and word.text in NUMBER_WORDS and word.text not in ("once", "twice", "thrice"):
        return NUMBER_WORDS[word.text]
    if word is not None and word.is_("number") and not word.is_("year") and isinstance(word.first("number").value, int):
        word.used = word.used or "how many are asked for"
        return word.first("number").value
    return n


def _criterion(r: Reader, token: Token, q: Question):
    """What a superlative ranks by: (column or None for a count of rows, highest first, tokens, agg)."""
    if token.is_("rank_adj") and token.text not in ENDS - {"oldest"}:
        for concept, descending in RANKING_ADJECTIVES[token.text]:
            found = r.by_concept(concept, {"measure", "date", "year"})
            if found:
                if found[0].role in ("date", "year") and concept in ("birth", "born", "founded", "established", "date"):
                    return found[0], descending, [token], None
                if found[0].role == "measure":
                    return found[0], descending, [token], None
        raise Unanswerable(f"No column here tells what '{token.text}' ranks by.", hint=r.hint())
    descending = token.first("super").value if token.is_("super") else True
    by = _by_measure(r, token)
    if by is not None:  # 'the largest order by revenue', 'top 5 products by revenue'
        return by[0], descending, by[1], by[2]
    following = r.after(token)
    if following is not None and following.is_("agg") and following.first("agg").value == "count":
        counted = r.after(following)
        return None, descending, [token, following, *([counted] if row_noun(r, counted) else [])], None
    if token.text in ("most common", "most frequent", "most popular", "least common", "least frequent", "rarest"):
        return None, descending, [token], None  # 'the most common gender': genders by their rows
    frequency = next((t for t in r.tokens if t.text in FREQUENCY_WORDS and not t.used), None)
    if frequency is not None:  # 'the highest representation', 'in terms of frequency', 'by count'
        around = [t for t in r.tokens[r.index(frequency) - 3: r.index(frequency)] if t.text in ("in terms of", "by",
                                                                                                "based on", "of")]
        return None, descending, [token, frequency, *around], None
    if following is not None and not following.used:
        if entity_table(r, following) and r.default_measure() is not None and not r.columns_of(following, {"measure"}) \
                and token.text not in ("most", "least", "fewest"):
            r.notes.append(f"'{token.text} {following.text}' is ranked by {r.default_measure().name}.")
            return r.default_measure(), descending, [token], None  # 'our biggest customer': by revenue
        if row_noun(r, following) and not r.columns_of(following, {"measure"}, strength=2):
            return None, descending, [token, following], None
        numeric = [c for c in [r.column_of(following, {"measure", "year", "date"}, strength=2)] if c is not None]
        if not numeric and following.is_("column"):  # 'the most goals': Home Goals or Away Goals, each a reading
            heads = [c for c in r.columns_of(following, {"measure"}) if c.core and c.core[-1] == singular(following.text)
                     or c.core and c.core[-1] == following.text]
            numeric = [c for c in [r.column_of(following, {"measure"})] if c in heads] if heads else []
        if numeric:
            suffix = r.at(r.index(following) + 1)
            extra = [suffix] if suffix is not None and suffix.text in MEASURE_SUFFIXES and not suffix.used else []
            return numeric[0], descending, [token, following, *extra], None
        counted = [c for c in r.columns_of(following, {"category", "text", "id"}, strength=2) if not r.unique_per_row(c)
                   and c.distinct < 0.5 * r.catalogue.rows[r.table]]
        if counted and token.text in ("most", "least", "fewest"):  # 'the most venues': distinct venues
            return counted[0], descending, [token, following], "n_unique"
        if following.is_("column"):
            raise Unanswerable(f"I could not tell which column '{token.text} {following.text}' ranks by.",
                               hint=r.hint([following.text]))
        if following.is_("agg") and r.after(following) is not None:
            target = r.after(following)
            numeric = r.columns_of(target, {"measure"}, strength=2)
            if numeric:
                return numeric[0], descending, [token, following, target], following.first("agg").value
        if row_noun(r, following):
            return None, descending, [token, following], None
    if token.text in ("most common", "most frequent", "most popular", "least common", "least frequent", "rarest",
                      "popular", "most", "least", "fewest"):
        return None, descending, [token], None
    return "unknown", descending, [token], None


def _by_measure(r: Reader, token: Token):
    """'... by revenue', '... in terms of quantity': the measure a ranking is by, named after it."""
    for index in range(r.index(token) + 1, len(r.tokens) - 1):
        word, target = r.tokens[index], r.tokens[index + 1]
        if word.text in ("by", "in terms of", "based on") and not target.used:
            agg = target.first("agg").value if target.is_("agg") else None
            named = r.after(target) if agg else target
            numeric = r.columns_of(named, {"measure"}) if named is not None else []
            if numeric:
                return numeric[0], [word, target, named] if agg else [word, target], agg
            if target.is_("agg") and target.first("agg").value == "count":
                return None, [word, target, *([named] if row_noun(r, named) else [])], None
    return None


def superlative(r: Reader, q: Question) -> bool:
    token = next((t for t in r.tokens if not t.used and (t.is_("super") and t.text not in ("top", "bottom") or
                                                        t.is_("rank_adj") and t.text not in ENDS - {"oldest"})), None)
    if token is None and q.top is not None:
        token = q.top[2]
    if token is None:
        return False
    if q.groups and token.is_("agg") and q.top is None:
        return False  # 'max revenue by region': an aggregate for each group
    column, descending, tokens, agg = _criterion(r, token, q)
    if column == "unknown":
        column, descending, tokens, agg = _ranked_by(r, token, q)
    if q.top is not None and q.top[1] is not None:
        descending = q.top[1]
    if column is not None and rank_like(column) and token.text in ("top", "best", "highest", "bottom", "worst", "lowest"):
        descending = token.text in ("bottom", "worst", "lowest")  # 'the top 5 ranks' are ranks 1 to 5
    for t in tokens:
        r.absorb(t)
    if q.top is not None:
        r.absorb(q.top[2])
    r.absorb(q.word)
    asked, asked_token = asked_column(r, q)
    named = r.at(r.index(token) + 1)
    named = r.at(r.index(named) + 1) if named is not None and named.is_("number") else named
    start = r.index(q.word) + 1 if q.word is not None else 0
    nothing_before = all(t.is_("function", "number", "list") or t is token or t.used and t.is_("super", "rank_adj")
                         for t in r.tokens[start:r.index(token)])
    if column is not None and named is not None and named in tokens and asked_token is None and nothing_before:
        asked = column  # 'which are the top 4 fares': the fares themselves
    n = q.top[0] if q.top else count_of(None, r.at(r.index(asked_token) - 1) if asked_token else None)
    plan = r.plan
    if asked_token is not None:
        r.use(asked_token, f"the answer: {asked.name}", "column")
    entity = entity_table(r, r.after(token))
    exact_key = asked_token is not None and any(s.strength == 3 and s.column.role == "id" for s in asked_token.of("column"))
    if entity is not None and column is None:
        entity = None  # 'the most customers' counts them; it does not rank them
    if entity is not None and (asked is None or asked is key_of(r, entity) or q.kind == "who"):
        asked = key_of(r, entity)  # 'who is our biggest customer': the customer
        r.absorb(r.after(token))
    elif entity is not None:
        r.absorb(r.after(token))  # 'what city does our biggest customer live in': the city of the customer
    if asked is None and column is not None and q.kind in ("what", "how much", "none", "list"):
        asked = column  # 'what is the highest capacity': the value itself
    if asked is None:
        asked = r.label()
        if asked is None:
            raise Unanswerable("I could not tell which column names the rows.", hint=r.hint())
    direction = "highest" if descending else "lowest"
    said = column.name if column is not None else "number of rows"
    r.use(token, f"ranked by {said}, {direction} first", "order")
    if asked is column and n is None and column.role in ("measure", "date", "year"):
        plan.intent = "value"  # 'the highest unit price', 'the latest order date': the extreme itself
        plan.measures = [Measure(agg="max" if descending else "min", column=r.name(column))]
        return True
    if column is None and asked.role == "measure" and not (asked.dtype.is_integer() and asked.distinct <= 20):
        raise Unanswerable(f"I could not tell what '{token.text}' counts for each {asked.name}.", hint=r.hint())
    if entity is not None and column is not None and asked is not column:
        return _groups(r, q, asked, column, descending, n, agg, token, entity, exact_key)
    if column is None or agg == "n_unique" or (asked is not column and not r.unique_per_row(asked)
                                               and asked is not r.label() and (n is not None or _grouped(r, column, agg, asked,
                                                                                                      token))):
        return _groups(r, q, asked, column, descending, n, agg, token, entity, exact_key)
    plan.intent, plan.column = "pick", day_of(r, asked, asked_token)
    if column.role == "measure":
        plan.filters.append(Filter(column=r.name(column), op="not_null"))
    plan.order = [SortKey(column=r.name(column), descending=descending)]
    plan.limit, plan.ties = (n or 1), n is None
    plan.context = [c for c in dict.fromkeys([r.name(column), *([r.label().name] if r.label() else [])])
                    if c != plan.column]
    return True


def _ranked_by(r: Reader, token: Token, q: Question):
    """'top 5 products by revenue', 'highest revenue channel': the measure named elsewhere; 'the top 5 statuses'
    with none named: by how many rows each has."""
    for other in r.tokens[r.index(token) + 1:]:
        if other.used:
            continue
        numeric = r.columns_of(other, {"measure"})
        if numeric:
            before = r.before(other)
            agg = before.first("agg").value if before is not None and before.is_("agg") else None
            return numeric[0], token.first("super").value if token.is_("super") else True, \
                [other, *([before] if agg else [])], agg
    following = r.after(token)
    if following is not None and following.is_("number"):
        following = r.after(following)
    named = following is not None and (r.columns_of(following, {"category", "text", "boolean", "id"}, strength=1)
                                       or following.is_("table"))
    if token.text in ("top", "bottom", "best", "worst") and named and r.default_measure() is not None:
        r.notes.append(f"'{token.text}' ranks by {r.default_measure().name} (no figure was named).")
        return r.default_measure(), token.text in ("top", "best"), [token], None  # 'top 3 regions': by revenue
    if token.text in ("top", "bottom") and r.generic and named:
        return None, token.text == "top", [token], None  # 'the top 5 civil statuses': by how many rows each has
    raise Unanswerable(f"I could not tell what '{token.text}' ranks by.", hint=r.hint())


def _grouped(r: Reader, column: Column, agg: str | None, asked: Column, token: Token) -> bool:
    """A ranked column that repeats is ranked by its groups: by their totals for an amount over many rows each
    ('which channel has the most revenue'), by the single row for a level ('which sensor had the highest
    temperature') or a row named ('the richest billionaire'); with few rows each, both are readings. An aggregate
    named ('by average attendance') is always by groups."""
    if agg is not None:
        return True
    following = r.after(token)
    if any(t.text in ("single", "one", "individual", "reading", "record", "entry") and not t.used for t in r.tokens) \
            or following is not None and row_noun(r, following) and not following.is_("column"):
        return False
    if default_agg(column) != "sum" or asked.role in ("date", "year") or rank_like(column):
        return False
    if r.catalogue.rows[r.table] >= 5 * max(asked.distinct, 1):
        return True  # many rows to each: 'the most revenue' is their total
    return r.choose([f"{asked.name} groups ranked by their total {column.name}",
                     f"the {asked.name} of the single row with the {'highest' if True else ''} {column.name}"]) == 0


def _groups(r: Reader, q: Question, asked: Column, column: Column | None, descending: bool, n: int | None,
            agg: str | None, token: Token, entity: str | None = None, exact: bool = False) -> bool:
    plan = r.plan
    keys = [r.name(asked)] if exact else entity_keys(r, asked, entity)
    keys[-1]
    plan.intent, plan.group_by = "top", keys
    phrase = Phrase(agg, column, [])
    plan.measures = [measure(r, phrase) if column is not None else Measure(agg="count")]
    if column is not None:
        say_measure(r, Phrase(plan.measures[0].agg, column, []), 0)
    plan.order = [SortKey(column="@0", descending=descending), *(SortKey(column=k) for k in keys)]
    plan.limit, plan.ties = (n or 1), n is None
    return True


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
        r.use(token, f"the row {'after' if plan.offset > 0 else 'before'} it, in the table's order", "order")
        before = r.at(r.index(token) - 1)
        if before is not None and before.text in ("directly", "right", "immediately", "just"):
            r.absorb(before)
            before = r.at(r.index(before) - 1)
        if before is not None and not before.used and before.text.endswith("ed") and \
                all(s.kind in ("earning", "relation", "transaction") for s in before.senses):
            r.absorb(before, meaning="how the rows follow each other")  # 'finished', 'placed' directly above
        return True
    return False


def apply_test(r: Reader, conditions: list[cond.Condition]) -> None:
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
    cond.say(r, asked, f"is it {asked.filter.words()}?")

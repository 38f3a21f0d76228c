"""When: years, months, quarters, halves, 'last quarter', 'since March', weekdays and weekends.

On a column of dates a period is a date range; on a column of years ('Year', 'Season') it is a
condition on the year. Relative periods count back from the latest date in the data.
"""

from __future__ import annotations

import calendar
import datetime as dt

from etl_core.chat.catalogue import Column
from etl_core.chat.dates import add_months, as_date, month_range, period_start, relative_range, year_range
from etl_core.chat.plan import ChipOption, DateRange, Filter, Part
from etl_core.chat.reading.state import Reader
from etl_core.chat.tokens import Token
from etl_core.chat.vocabulary import UNIT_FORMS
from etl_core.chat.wording import singular

OPEN_WORDS = {"since": ">=", "after": ">", "from": ">=", "before": "<", "until": "<=", "till": "<=", "up to": "<=",
              "through": "<=", "by": "<=", "prior to": "<", "starting": ">=", "earlier than": "<", "later than": ">"}
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
         "quarter": "quarter", "quarters": "quarter", "year": "year", "years": "year"}


def date_column(r: Reader, roles: tuple[str, ...] = ("date", "year")) -> Column | None:
    """The dates a question is about: a date column it names, else the only one, else the one called a date."""
    dates = [c for c in r.catalogue.of_table(r.table) if c.role in roles]
    if not dates:
        return None
    named = [c for t in r.tokens for c in r.columns_of(t, set(roles)) if c in dates]
    if named:
        return named[0]
    if len(dates) == 1:
        return dates[0]
    ranked = sorted(dates, key=lambda c: (c.role != "date", "date" not in c.parts, len(c.parts)))
    chosen = ranked[r.choose([f"dates from {c.name}" for c in ranked])]
    r.notes.append(f"Dates are taken from '{chosen.name}' (the table has {len(dates)} date columns).")
    return chosen


def read_dates(r: Reader, skip: set[int]) -> tuple[list[DateRange], list[Filter]]:
    """The periods the question names, as date ranges (a date column) or year conditions (a year column)."""
    column = date_column(r)
    if column is None:
        return [], []
    ranges: list[DateRange] = []
    filters: list[Filter] = []
    latest = as_date(r.catalogue.latest.get(f"{r.table}.{column.name}")) if column.role == "date" else None
    index = 0
    while index < len(r.tokens):
        token = r.tokens[index]
        index += 1
        if r.index(token) in skip or token.used:
            continue
        found = _period_at(r, token, column, latest)
        if found is None:
            continue
        period, used = found
        named = _named_before(r, token, column)
        if named is not None:
            used = [*used, named]
        if isinstance(period, Filter):
            filters.append(period)
            r.use(token, f"keep rows where {period.words()}", "date", [ChipOption(
                label="drop this condition", path=f"filters.#{id(period)}", remove=True)])
        else:
            ranges.append(period)
            r.use(token, f"keep dates of {column.name}: {period.label}", "date", [ChipOption(
                label="drop this period", path=f"date_ranges.#{id(period)}", remove=True)])
        r.absorb(*used)
    return ranges, _either(filters)


def _either(filters: list[Filter]) -> list[Filter]:
    """'in 1980 or 1982': equal-year conditions on one column are one condition, either year."""
    equal = [f for f in filters if f.op == "=="]
    if len(equal) < 2 or len({f.column for f in equal}) > 1:
        return filters
    rest = [f for f in filters if f.op != "=="]
    return [*rest, Filter(column=equal[0].column, op="in", value=[f.value for f in equal])]


def _opener(r: Reader, token: Token) -> Token | None:
    """The word before a period, past 'the year' ('after the year 2000') when an open word stands before those."""
    opener = r.at(r.index(token) - 1)
    at = r.index(token) - 1
    while opener is not None and opener.text in ("the", "year") and r.index(token) - at < 3:
        at -= 1
        opener = r.at(at)
    if opener is not None and opener.text in OPEN_WORDS and not opener.used and not a_row_by_its_year(r, token):
        r.absorb(*r.tokens[at + 1: r.index(token)])
        return opener
    return r.at(r.index(token) - 1)


def a_row_by_its_year(r: Reader, number: Token) -> bool:
    """'what album came after the 2004 album': one row named by its year ('the 2004 album'), not the rows after it."""
    article, noun = r.at(r.index(number) - 1), r.at(r.index(number) + 1)
    return article is not None and article.text in ("the", "a") and noun is not None and not noun.is_("number") \
        and noun.text.isalpha() and singular(noun.text) == noun.text and (not noun.senses or noun.is_("row", "table", "column"))


def _period_at(r: Reader, token: Token, column: Column, latest: dt.date | None):
    following = r.at(r.index(token) + 1)
    opener = _opener(r, token)
    open_op = OPEN_WORDS.get(opener.text) if opener is not None and not opener.used else None
    if token.is_("year") and following is not None and following.is_("quarter") and column.role == "date":
        start = dt.date(token.first("year").value, 3 * following.first("quarter").value - 2, 1)  # '2024 Q3'
        return DateRange(column=column.name, start=start, end=add_months(start, 3),
                         label=f"Q{following.first('quarter').value} {start.year}"), [following]
    if token.is_("year"):
        return _year(r, token, column, latest, open_op, opener)
    if token.is_("decade"):  # 'in the 1970s', 'before the 1970s'
        start = token.first("decade").value
        span = 10  # 'the 1800s' is a century as often as a decade: asked back when they answer differently
        low, high = (getattr(v, "year", v) for v in (column.low, column.high))
        known = isinstance(low, int | float) and isinstance(high, int | float)
        if start % 100 == 0 and known and (high < start or low > start + 9) and low <= start + 99 and high >= start:
            span = 100  # 'the 1800s' where no year falls in 1800–1809: the century, the only reading with rows
        elif start % 100 == 0:
            span = (10, 100)[r.choose([f"the decade {start}–{start + 9}", f"the century {start}–{start + 99}"])]
        opener = opener if opener is not None and opener.text not in ("the",) else r.at(r.index(token) - 2)
        open_op = OPEN_WORDS.get(opener.text) if opener is not None and not opener.used else None
        if column.role == "year":
            found = Filter(column=r.name(column), op="between", value=[start, start + span - 1]) if not open_op else \
                Filter(column=r.name(column), op="<" if open_op in ("<", "<=") else ">" if open_op == ">" else ">=",
                       value=start if open_op in ("<", "<=", ">=") else start + span - 1)
            return found, [opener] if open_op else []
        period = DateRange(column=column.name, start=dt.date(start, 1, 1), end=dt.date(start + span, 1, 1),
                           label=f"the {start}s" if span == 10 else f"{start}–{start + 99}")
        return (_open(column.name, open_op, period), [opener]) if open_op else (period, [])
    if token.is_("month") and column.role == "date" and _month_is_meant(r, token):
        month = token.first("month").value
        one_day = _one_day(r, token, column, month)
        if one_day is not None:
            first = min(one_day[1] + [token], key=r.index)  # 'before the 22nd of june 1930': the word before the day
            bound = open_op or OPEN_WORDS.get(r.at(r.index(first) - 1).text if r.index(first) else "")
            counted = any(t.is_("agg") for t in r.tokens)  # 'how many wins before march 4, 2005'; 'who did they
            # play after june 2' is the row beside that day (reading/positions.py)
            if bound is not None and bound in ("<", "<=", ">", ">=") and counted:
                word = opener if open_op else r.at(r.index(first) - 1)
                return _open(column.name, bound, one_day[0]), [word, *one_day[1]]  # 'before march 4, 2005'
            return one_day
        year_token = following if following is not None and following.is_("year") else None
        if year_token is not None:
            period = month_range(column.name, year_token.first("year").value, month)
            used = [year_token]
        elif latest is not None:
            year = latest.year if month <= latest.month else latest.year - 1
            period = month_range(column.name, year, month)
            earliest = as_date(column.low)
            if not open_op and earliest is not None and add_months(dt.date(year - 1, month, 1), 1) > earliest and \
                    r.choose([f"{period.label}, the latest one in the data", f"{period.label.split()[0]} of any year"]):
                # 'how many singles came out in March' over six years: every March, or the last one; asked back
                return Filter(column=add_part(r, column, "month_name"), op="==", value=calendar.month_name[month]), []
            r.notes.append(f"'{token.text}' is taken as {period.label}, the latest one in the data.")
            used = []
        else:
            return None
        if open_op:
            return _open(column.name, open_op, period), [opener, *used]
        return period, used
    if token.is_("quarter") and following is not None and following.is_("year") and column.role == "date":
        start = dt.date(following.first("year").value, 3 * token.first("quarter").value - 2, 1)
        return DateRange(column=column.name, start=start, end=add_months(start, 3),
                         label=f"Q{token.first('quarter').value} {start.year}"), [following]
    if token.text in ("last", "past", "previous", "this", "current") and latest is not None:
        return _relative(r, token, column, latest)
    if token.is_("to_date") and latest is not None:
        unit = token.first("to_date").value
        start = period_start(latest, unit)
        return DateRange(column=column.name, start=start, end=latest + dt.timedelta(days=1),
                         label=f"{unit} to date ({start} to {latest})"), []
    if token.is_("date") and column.role == "date":
        day = token.first("date").value
        if open_op:
            return _open(column.name, open_op, DateRange(column=column.name, start=day,
                                                         end=day + dt.timedelta(days=1), label=day.isoformat())), [opener]
        return DateRange(column=column.name, start=day, end=day + dt.timedelta(days=1), label=day.isoformat()), []
    if token.text in ("first", "second", "1st", "2nd", "h1", "h2") and column.role == "date":
        return _half(r, token, column)
    return None


def _one_day(r: Reader, token: Token, column: Column, month: int):
    """'april 5 2005', 'march 3rd, 1991', '14 march 1991', 'the 22nd of june 1930': one day, with its words."""
    following, before = r.at(r.index(token) + 1), r.at(r.index(token) - 1)
    if _day_of_month(following) is not None:
        day_words, year_token = [following], r.at(r.index(following) + 1)
    elif _day_of_month(before) is not None:
        day_words, year_token = [before], following
    elif before is not None and before.text == "of" and _day_of_month(r.at(r.index(token) - 2)) is not None:
        day_words, year_token = [r.at(r.index(token) - 2), before], following
    else:
        return None
    if year_token is None or not year_token.is_("year"):
        return None
    try:
        day = dt.date(year_token.first("year").value, month, _day_of_month(day_words[0]))
    except ValueError:
        return None
    return DateRange(column=column.name, start=day, end=day + dt.timedelta(days=1), label=day.isoformat()), \
        [*day_words, year_token]


def _day_of_month(token: Token | None) -> int | None:
    """'5', '5th': a day of a month (not a year, not 'first')."""
    if token is None or token.used or token.is_("year") or not token.text[:1].isdigit():
        return None
    sense = token.first("ordinal", "number")
    return sense.value if sense is not None and isinstance(sense.value, int) and 1 <= sense.value <= 31 else None


def _named_before(r: Reader, token: Token, column: Column) -> Token | None:
    """'released in 2011', 'founded before 1990': the column's own name just before the period."""
    for back in (1, 2):
        before = r.at(r.index(token) - back)
        if before is None or before.used:
            continue
        if any(c is column for c in r.columns_of(before, {"date", "year"})):
            return before
        if before.text not in ("in", "on", "during", "since", "before", "after", "from", "until", "of", "was", "were"):
            return None
    return None


def _month_is_meant(r: Reader, token: Token) -> bool:
    """'may' is a month after 'in' or before a year or a day, not in 'may I ask'."""
    if token.text != "may":
        return True
    previous, following = r.at(r.index(token) - 1), r.at(r.index(token) + 1)
    return (previous is not None and previous.text in ("in", "of", "since", "until", "before", "after", "during")) or \
        (following is not None and following.is_("year", "number"))


def _year(r: Reader, token: Token, column: Column, latest, open_op, opener):
    year = token.first("year").value
    unit = r.at(r.index(token) + 1)
    if unit is not None and unit.text in UNIT_FORMS:
        return None  # '2,000 m of prominence' is a height, not a year
    previous = r.at(r.index(token) - 1)
    compared = previous is not None and (previous.is_("comparator") and previous.text not in OPEN_WORDS or (
        previous.text == "and" and any(t.text == "between" for t in r.tokens[max(0, r.index(token) - 3):])))
    if compared and column.role != "year":
        return None  # 'revenue over 2000', 'between 1000 and 2000': numbers compared, not years
    span = _year_span(r, token)
    if span is not None:
        last, used = span
        if column.role == "year":
            return Filter(column=r.name(column), op="between", value=[year, last]), used
        return DateRange(column=column.name, start=dt.date(year, 1, 1), end=dt.date(last + 1, 1, 1),
                         label=f"{year} to {last}"), used
    if column.role == "year":
        op = open_op or "=="
        if opener is not None and opener.text == "between":
            return None  # a range of years is a comparison
        return Filter(column=r.name(column), op=op, value=year), [opener] if open_op else []
    period = year_range(column.name, year)
    previous = r.at(r.index(token) - 1)
    half = previous is not None and previous.text == "of" and r.at(r.index(token) - 2) is not None and \
        r.at(r.index(token) - 2).text == "half"
    if half:
        return None
    if open_op:
        return _open(column.name, open_op, period), [opener]
    return period, []


def _year_span(r: Reader, token: Token) -> tuple[int, list[Token]] | None:
    """'1941-1949' (two years in a row), 'from 1990 to 2001', 'between 2020 and 2022': the last year, the words."""
    following = r.at(r.index(token) + 1)
    opener = r.at(r.index(token) - 1)
    if following is not None and following.is_("year") and following.first("year").value > token.first("year").value:
        return following.first("year").value, [following]
    joined = r.at(r.index(token) + 2)
    if following is not None and joined is not None and joined.is_("year") and (
            following.text in ("to", "through", "thru", "until", "till") or
            following.text == "and" and opener is not None and opener.text == "between"):
        return joined.first("year").value, [following, joined, *([opener] if opener is not None and opener.text in (
            "between", "from") else [])]
    return None


def _open(column: str, op: str, period: DateRange) -> DateRange:
    """'after 2021' starts in 2022; 'until March' takes in March; 'since', 'before' the start itself."""
    if op in (">=",):
        return DateRange(column=column, start=period.start, label=f"since {period.start}")
    if op == ">":
        return DateRange(column=column, start=period.end, label=f"from {period.end}")
    if op == "<":
        return DateRange(column=column, end=period.start, label=f"before {period.start}")
    return DateRange(column=column, end=period.end, label=f"up to {period.end - dt.timedelta(days=1)}")


def _relative(r: Reader, token: Token, column: Column, latest: dt.date):
    following = r.at(r.index(token) + 1)
    count = None
    used = []
    if following is not None and following.is_("number"):
        count = following.first("number").value
        used.append(following)
        following = r.at(r.index(following) + 1)
    if following is None or following.text not in UNITS:
        return None
    period = relative_range(column.name, token.text, count, UNITS[following.text], latest)
    r.notes.append(f"'{token.text} {following.text}' is counted back from the latest date in the data ({latest}).")
    return period, [*used, following]


def _half(r: Reader, token: Token, column: Column):
    following = r.at(r.index(token) + 1)
    if token.text in ("h1", "h2"):
        year_token, first = following, token.text == "h1"
        used = [following]
    else:
        if following is None or following.text != "half":
            return None
        of = r.at(r.index(following) + 1)
        year_token = r.at(r.index(of) + 1) if of is not None and of.text == "of" else of
        first, used = token.text in ("first", "1st"), [following, of, year_token]
    if year_token is None or not year_token.is_("year"):
        return None
    start = dt.date(year_token.first("year").value, 1 if first else 7, 1)
    return DateRange(column=column.name, start=start, end=add_months(start, 6),
                     label=f"{'first' if first else 'second'} half of {start.year}"), used


def weekday_filters(r: Reader, skip: set[int]) -> list[Filter]:
    """'on Mondays', 'on a Sunday', 'weekends', 'on weekdays' as conditions on a calendar part."""
    column = date_column(r, ("date",))
    if column is None:
        return []
    found = []
    for token in r.tokens:
        if r.index(token) in skip or token.used:
            continue
        if token.is_("weekday"):
            part = add_part(r, column, "weekday_name")
            found.append(Filter(column=part, op="==", value=token.first("weekday").value))
        elif token.text in ("weekend", "weekends", "weekdays") and not _grouping(r, token):
            part = add_part(r, column, "weekend")
            found.append(Filter(column=part, op="==", value=token.text != "weekdays"))
        else:
            continue
        r.use(token, f"keep rows where {found[-1].words()}", "date")
    return found


def _grouping(r: Reader, token: Token) -> bool:
    previous = r.at(r.index(token) - 1)
    return previous is not None and previous.text in ("by", "per", "each", "vs", "versus")


def add_part(r: Reader, column: Column, part: str) -> str:
    """A calendar part of a date column, added to the plan once; its column's name."""
    name = {"weekday_name": "weekday", "month_name": "month", "weekend": "weekend", "hour": "hour",
            "quarter": "quarter", "year": "year", "month": "month number", "day": "day", "month_start": "month",
            "day_start": "date"}[part]
    existing = next((p for p in r.plan.parts if p.column == r.name(column) and p.part == part), None)
    if existing:
        return existing.name
    taken = set(r.own) | {p.name for p in r.plan.parts}
    if name in taken:
        name = f"{column.name} {name}"
    r.plan.parts.append(Part(column=r.name(column), part=part, name=name))
    return name

"""The column a question asks for (after 'which', a name for 'who', a date for 'when'), and the words for its rows."""

from __future__ import annotations

import polars as pl

from etl_core.chat.catalogue import Column
from etl_core.chat.dates import as_date
from etl_core.chat.reading.dates import add_part, date_column
from etl_core.chat.reading.measures import rank_like
from etl_core.chat.reading.named_values import OUTCOME_WORDS
from etl_core.chat.reading.question import Question, when_column, where_column, who_column
from etl_core.chat.reading.state import Reader
from etl_core.chat.tokens import Token
from etl_core.chat.vocabulary import WHEN_PARTS, WHERE_PARTS, WHO_PARTS
from etl_core.chat.wording import singular

ASKED = WHEN_PARTS | WHERE_PARTS
TIME_NOUNS = {"year", "season", "month", "week", "day", "date", "time", "decade", "period", "quarter"}
ANSWER_ROLES = {"category", "text", "id", "measure", "date", "year", "boolean"}


def asked_column(r: Reader, q: Question, exclude: set[int] = frozenset()) -> tuple[Column | None, Token | None]:
    """The column the question asks for: named after 'which', 'what', 'list the'; a name for 'who', a date for 'when'."""
    if q.kind == "when":
        named = next(((c, t) for t in r.tokens if not t.used and r.index(t) not in exclude
                      for c in r.columns_of(t, {"date", "year"})), None)
        return named or (when_column(r), None)
    start = r.index(q.word) + 1 if q.word is not None else 0
    following = r.at(start) if q.word is not None else None
    if q.kind == "which" and following is not None and following.text in ("is", "was", "are", "were") \
            and r.label() is not None and not any(t.is_("column") and not t.used for t in r.tokens[start + 1:start + 4]
                                                  if not t.is_("super", "rank_adj")):
        return r.label(), None  # 'of the buildings, which is only 48 m tall': the row's own name
    for token in r.tokens[start:]:
        if r.index(token) in exclude or token.used:
            continue
        if token.is_("neighbour", "comparator") and not token.is_("column"):
            break
        if token.is_("table") and token.first("table").value == r.table and r.label() is not None:
            named = [s.column for s in token.of("column") if s.strength >= 3 and s.column.dtype == pl.String]
            return (named[0] if named else r.label()), token  # 'which product' in products: the product's name;
            # 'which race' in races with a Race column: the Race
        if q.word is not None and r.index(token) == start and q.kind in ("which", "what") and not token.senses \
                and _passive(r, token):
            named = _rows_named(r, q)  # 'which tracks were not produced by X': the tracks, not their producers
            if named[0] is not None:
                return named
        columns = r.columns_of(token, ANSWER_ROLES)
        if q.kind == "who":
            columns = [c for c in columns if c.dtype == pl.String and not rank_like(c) and (
                set(c.parts) & WHO_PARTS or _who_was_the(r, q, token))]
        elif q.kind == "where" and where_column(r) is not None:
            columns = [c for c in columns if set(c.parts) & WHERE_PARTS]  # 'where was the first game held': the
            # game is what is asked about, the venue the answer
        if columns and not token.is_("agg", "super"):
            head = _head_noun(r, token)
            if head is not None:
                return head
            named = _name_of(r, token)
            return (r.columns_of(named, ANSWER_ROLES)[0], named) if named is not None else (columns[0], token)
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


def _head_noun(r: Reader, token: Token) -> tuple[Column, Token] | None:
    """'the fastest women's winning time': in words naming columns one after another, the last is what is asked
    (the time); the words before it only say which, when they do ('women's': Women's time of Men's and Women's)."""
    following = r.at(r.index(token) + 1)
    if following is None or following.used or following.is_("value", "agg", "super"):
        return None
    heads = [c for c in r.columns_of(following, ANSWER_ROLES) if c.role == "measure"]
    said = {singular(w) for w in token.text.split() if len(w) > 1} - {singular(w) for w in following.text.split()}
    narrowed = [c for c in heads if said & {singular(p) for p in c.parts}]
    if len(heads) < 2 or len(narrowed) != 1:
        return None
    r.absorb(token, meaning=f"which {following.text}: {narrowed[0].name}")
    return narrowed[0], following


def _name_of(r: Reader, token: Token) -> Token | None:
    """'the name of the last network' where a column is called Network: that column names the thing, not a Title
    column 'name' is only a synonym for."""
    if token.text not in ("name", "names") or any(s.strength >= 3 for s in token.of("column")):
        return None
    at = r.index(token) + 1
    if r.at(at) is None or r.at(at).text != "of":
        return None
    at += 1
    while r.at(at) is not None and (r.at(at).text in ("the", "a", "an") or r.at(at).is_("ordinal", "last", "super")):
        at += 1
    named = r.at(at)
    if named is None or named.used or not any(s.strength >= 3 and s.column.dtype == pl.String and
                                              s.column.table == r.table for s in named.of("column")):
        return None
    r.absorb(token, meaning="the name: the column after it")
    return named


def _who_was_the(r: Reader, q: Question, token: Token) -> bool:
    """'who was the opening act', 'who is the operator': the column named right after 'who is the' is the answer,
    whatever its name."""
    between = [t.text for t in r.tokens[r.index(q.word) + 1: r.index(token)]] if q.word is not None else []
    return len(between) == 2 and between[0] in ("is", "was", "were", "are") and between[1] in ("the", "a", "an") \
        and any(s.strength >= 3 for s in token.of("column"))


LEADING_NOUN = {"was", "is", "were", "are", "the", "only", "sole", "one"}


def _passive(r: Reader, noun: Token) -> bool:
    """'tracks were (not) produced by': the noun is what was done to, the one after 'by' who did it."""
    words = [t.text for t in r.tokens[r.index(noun) + 1:r.index(noun) + 5]]
    if not words or words[0] not in ("was", "were", "is", "are", "has been", "have been"):
        return False
    rest = words[2:] if len(words) > 1 and words[1] == "not" else words[1:]
    return len(rest) >= 2 and rest[1] == "by"


def _rows_named(r: Reader, q: Question) -> tuple[Column | None, Token | None]:
    """'which communes have ...' in a table named only 'table': a noun of no other meaning right after 'which' or
    'what' says what the rows are, and the column that names the rows answers."""
    noun = r.at(r.index(q.word) + 1) if q.word is not None and q.kind in ("which", "what") else None
    while noun is not None and noun.text in LEADING_NOUN and not noun.used and q.kind == "what":
        noun = r.after(noun)  # 'what was the only single released in 2006': the single
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
            and token.text not in OUTCOME_WORDS:  # 'how many victories' where no column holds results: no rows
        return True
    return token.is_("column") and any(c is r.label() for c in r.columns_of(token))

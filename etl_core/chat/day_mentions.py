"""A day or a month named in a question, as the cells of a column of days written as text that it means.

'on march 25th', 'the 22nd of june 1930', 'january 30, 1968', 'in october', 'in the month of october': on a
column whose cells write days ('25 Mar', '30-Jan-68', 'Sat., Oct. 5'), the words are one token whose values are
the cells on that day or in that month, so every rule that reads a named value reads them: a filter ('how many
games in october'), a row named ('the attendance on january 30, 1968'), a row beside it ('the game after
december 22'). Columns of real dates are read by reading/dates.py instead.
"""

from __future__ import annotations

from etl_core.chat.catalogue import Catalogue
from etl_core.chat.tokens import Sense, Token

MAY_BEFORE = {"in", "of", "on", "since", "before", "after", "during", "until", "from", "to", "and", "or", "between"}


def mark_days(tokens: list[Token], catalogue: Catalogue, tables: list[str]) -> list[Token]:
    """The tokens with each day or month mention merged into one token valued as the cells it names."""
    columns = [(c, catalogue.days[(c.table, c.name)]) for c in catalogue.columns
               if c.table in tables and (c.table, c.name) in catalogue.days]
    if not columns:
        return tokens
    merged: list[Token] = []
    index = 0
    counted = any(t.is_("agg") for t in tokens)  # a bound on days counts rows; 'the game after X' is a row beside it
    years = [(c, days) for c, days in columns if any(d.year for d in days.values()) and not any(
        other.table == c.table and other.role in ("date", "year") for other in catalogue.columns)]
    while index < len(tokens):
        mention = _mention_at(tokens, index) if tokens[index].is_("month") else None
        if mention is None and years and _year_named(tokens, index):  # 'released in 1991' on '14 March 1991'
            mention = index, index + 1, (None, None, tokens[index].first("year").value)
        if mention is None:
            merged.append(tokens[index])
            index += 1
            continue
        start, end, (month, day, year) = mention
        bound = _bound_before(tokens, start, index)
        if bound is not None and month is not None and year is not None and counted:  # 'how many before march 4, 2005'
            senses = [Sense("value", cell, column) for column, days in columns
                      if all(d.year is not None for d in days.values())
                      for cell, found in days.items() if _on_the_side(found, bound, (year, month, day))]
            if senses:
                start -= 1
                del merged[len(merged) - (index - start):]
                words = tokens[start:end]
                merged.append(Token(words[0].start, words[-1].end, " ".join(t.text for t in words), senses))
                index = end
                continue
        senses = [Sense("value", cell, column) for column, days in (columns if month else years)
                  for cell, found in days.items() if found.holds(month, day, year)]
        if not senses and _on_or_in(tokens, start):
            senses = _none_on(catalogue, columns, tokens[start:end], month, year)
        if not senses:
            merged.append(tokens[index])
            index += 1
            continue
        taken = start - index  # words before the month already passed ('the 22nd of')
        del merged[len(merged) + taken:]
        words = tokens[start:end]
        merged.append(Token(words[0].start, words[-1].end, " ".join(t.text for t in words), senses))
        index = end
    return merged


BOUNDS = {"before": "<", "prior to": "<", "until": "<=", "till": "<=", "after": ">", "since": ">="}


def _bound_before(tokens: list[Token], start: int, index: int) -> str | None:
    """'before march 4, 2005', 'since 22 june 1930': the word that makes the day a bound."""
    word = _at(tokens, start - 1)
    return BOUNDS.get(word.text) if word is not None and start <= index else None


def _on_the_side(found, op: str, named: tuple[int, int, int | None]) -> bool:
    """Whether a cell's day lies on the side of the day named that the bound says ('before' a month: before it
    starts; 'after' a month: after it ends)."""
    cell = (found.year, found.month, found.day or 1)
    low = (named[0], named[1], named[2] or 1)
    high = (named[0], named[1], named[2] or 31)
    return {"<": cell < low, "<=": cell <= high, ">": cell > high, ">=": cell >= low}[op]


def _on_or_in(tokens: list[Token], start: int) -> bool:
    """'in september', 'on december 25': a day or month as such, not one end of 'between august 15 and ...'."""
    before = _at(tokens, start - 1)
    return before is not None and before.text in ("in", "on", "during") and not any(
        t.text in ("between", "from") for t in tokens[max(0, start - 4):start])


def _none_on(catalogue: Catalogue, columns: list, words: list[Token], month: int | None, year: int | None) -> list[Sense]:
    """A day or month with no row, in a table whose one column of days writes every row's day: the rows on it are none
    ('how many games in september' of a season that ends in April is 0). A year the table does not reach, or one it
    does not write, says nothing."""
    if month is None or len(columns) != 1:
        return []
    column, days = columns[0]
    if len(days) < len(catalogue.texts.get((column.table, column.name), [])) or column.nulls:
        return []
    years = [d.year for d in days.values() if d.year is not None]
    if year is not None and not (years and min(years) <= year <= max(years)):
        return []
    return [Sense("value", " ".join(t.text for t in words).title(), column)]


def _mention_at(tokens: list[Token], index: int) -> tuple[int, int, tuple[int, int | None, int | None]] | None:
    """The span [start, end) of the mention around the month at ``index``, and its (month, day, year)."""
    month_token = tokens[index]
    if month_token.text == "may" and not _says_may_the_month(tokens, index):
        return None
    month = month_token.first("month").value
    start, end, day, year = index, index + 1, None, None
    following = _at(tokens, end)
    if following is not None and _day(following) is not None:
        day, end = _day(following), end + 1
    elif _day(_at(tokens, index - 1)) is not None:  # '22 june'
        day, start = _day(tokens[index - 1]), index - 1
    elif _at(tokens, index - 1) is not None and tokens[index - 1].text == "of" and _day(_at(tokens, index - 2)) is not None:
        day, start = _day(tokens[index - 2]), index - 2  # 'the 22nd of june'
    year_token = _at(tokens, end)
    if year_token is not None and year_token.is_("year"):
        year, end = year_token.first("year").value, end + 1
    if day is None and start >= 2 and tokens[start - 1].text == "of" and tokens[start - 2].text in ("month", "months"):
        start -= 2  # 'the month of october'
    return start, end, (month, day, year)


def _year_named(tokens: list[Token], index: int) -> bool:
    """'in 1991', 'during 2008': a year as a period, not a number compared ('over 1991')."""
    before = _at(tokens, index - 1)
    return tokens[index].is_("year") and before is not None and before.text in ("in", "during", "of")


def _says_may_the_month(tokens: list[Token], index: int) -> bool:
    """'in may', 'may 5': the month; 'may I ask' is not."""
    before, after = _at(tokens, index - 1), _at(tokens, index + 1)
    return (before is not None and before.text in MAY_BEFORE) or (after is not None and _day(after) is not None)


def _day(token: Token | None) -> int | None:
    """A day of a month: '25', '25th' (not a year, not '1.5')."""
    if token is None or token.is_("year"):
        return None
    for kind in ("ordinal", "number"):
        sense = token.first(kind)
        if sense is not None and isinstance(sense.value, int) and 1 <= sense.value <= 31 and token.text[:1].isdigit():
            return sense.value
    return None


def _at(tokens: list[Token], index: int) -> Token | None:
    return tokens[index] if 0 <= index < len(tokens) else None

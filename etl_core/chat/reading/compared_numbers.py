"""Conditions that compare a number: 'revenue over 500', 'more than 5 items', 'between 10 and 20', 'whose age is 21'."""

from __future__ import annotations

import re

from etl_core.chat.catalogue import SIDES
from etl_core.chat.plan import Filter
from etl_core.chat.reading.asked import row_noun
from etl_core.chat.reading.dates import a_row_by_its_year
from etl_core.chat.reading.pending import Condition, negated
from etl_core.chat.reading.row_figures import PEOPLE
from etl_core.chat.reading.state import Reader
from etl_core.chat.reading.units import TIME_UNITS, durations_named, in_seconds, measured_in_unit, sized, unit_columns
from etl_core.chat.tokens import Token
from etl_core.chat.vocabulary import AGGREGATES, SCALE_WORDS, SUPERLATIVES, UNIT_FORMS, UNITS
from etl_core.chat.wording import singular
from etl_core.quantities import FORMS

SKIP_BEFORE = {"is", "was", "are", "were", "of", "a", "an", "the", "with", "where", "having", "has", "have", "had",
               "its", "their", "his", "her", "to", "in", "at", "by", "for", "and", "that", "than"}
UNIT_WORDS = {"feet", "ft", "foot", "metres", "meters", "m", "km", "kilometres", "kilometers", "miles", "mi", "kg",
              "kilograms", "lbs", "pounds", "cm", "inches", "degrees", "celsius", "c", "fahrenheit", "dollars", "usd",
              "euros", "eur", "gbp", "seconds", "minutes", "hours", "days", "weeks", "months", "years", "people",
              "spectators", "fans", "votes", "kw", "mw", "hz", "khz", "mhz", "percent", "points", "volts", "v"} | UNIT_FORMS
ORDER_WORDS = {"before": "<", "after": ">", "since": ">=", "until": "<=", "prior to": "<"}
PLAIN_SUPERLATIVES = {"highest", "lowest", "largest", "smallest", "biggest", "maximum", "minimum", "max", "min",
                      "greatest"}


def _comparisons(r: Reader, skip: set[int]) -> list[Condition]:
    """'revenue over 500', 'more than 5 items', 'a weight of at least 45', '10 or more goals', 'between 10 and 20'."""
    found = []
    for index, token in enumerate(r.tokens):
        if index in skip or token.used:
            continue
        if token.is_("comparator") and token.first("comparator").value not in ("from",):
            condition = _comparison_at(r, token)
        elif token.is_("rank_adj") and _than_number(r, token):
            condition = _adjective_at(r, token)  # 'taller than 200 meters', 'longer than 5 minutes'
        elif token.text in ORDER_WORDS and r.after(token) is not None and (r.after(token).is_("number") or _column_then_number(
                r, r.after(token))) and not a_row_by_its_year(r, r.after(token)):
            condition = _comparison_at(r, token)  # 'established before 1955', 'before page 42' on a column of numbers
        elif token.is_("number") and _trailing(r, token):
            condition = _comparison_at(r, None, number=token)
        elif token.is_("number") and r.at(index + 1) is not None and r.at(index + 1).text in ("times", "occasions"):
            condition = _times_at(r, token)  # 'which opponents did they play 3 times'
        elif token.is_("number") and not token.is_("year"):
            condition = _equal_at(r, token)
        else:
            continue
        if condition is not None:
            found.append(condition)
            for taken in condition.tokens:
                taken.used = taken.used or f"condition: {condition.filter.words()}"
    return found


NUMBERED = {"measure", "year", "id"}  # a column a number is compared in: a figure, a year, the rows' own numbers


def _column_then_number(r: Reader, token: Token) -> bool:
    following = r.at(r.index(token) + 1)
    return any(c.numeric for c in r.columns_of(token, NUMBERED, strength=2)) and following is not None and \
        following.is_("number") and not following.used


def _times_at(r: Reader, number: Token) -> Condition:
    """'3 times', 'only 1 times' ('only once'): a number of rows, exactly."""
    before = r.at(r.index(number) - 1)
    linking = [before] if before is not None and before.text in ("only", "exactly", "just") and not before.used else []
    return Condition("compare", [*linking, number, r.at(r.index(number) + 1)],
                     Filter(column="rows", op="==", value=number.first("number").value), None, count=True)


def _than_number(r: Reader, word: Token) -> bool:
    than, number = r.at(r.index(word) + 1), r.at(r.index(word) + 2)
    return than is not None and than.text == "than" and number is not None and number.is_("number")


def _adjective_at(r: Reader, word: Token) -> Condition | None:
    """'taller than 200 meters': the column the adjective ranks by (its unit's, else the one of its idea), compared."""
    than = r.at(r.index(word) + 1)
    value, taken, percent = read_number(r, r.at(r.index(word) + 2))
    if value is None or percent:
        return None
    unit = r.at(r.index(taken[-1]) + 1)
    ideas = word.first("rank_adj").value
    columns = [c for c in (unit_columns(r, unit.text) or (durations_named(r) if unit.text in TIME_UNITS else [])
                           if unit is not None else []) if any(i in c.concepts for i, _ in ideas)] \
        or [c for c in r.of_role("measure") if any(i in c.concepts for i, _ in ideas)]
    if len(columns) != 1:
        return None
    higher = next(up for idea, up in ideas if idea in columns[0].concepts)
    used = [word, than, *taken, *([unit] if unit is not None and unit.text in UNIT_WORDS | {w for f in UNITS.values()
                                                                                               for w in f} else [])]
    if columns[0].duration:  # 'slower than two minutes': 120 seconds
        value = in_seconds(r, columns[0], used, value)
    return Condition("compare", used, Filter(column=r.name(columns[0]), op=">" if higher else "<", value=value), columns[0])


def _equal_at(r: Reader, number: Token) -> Condition | None:
    """'whose age is 21', 'with a philanthropy score of 5', 'laps = 200': a column equal to a number."""
    linking = []
    back = r.index(number) - 1
    while back >= 0 and r.tokens[back].text in ("is", "of", "was", "=", "equals", "equal to", "a", "an", "being", "exactly"):
        linking.append(r.tokens[back])
        back -= 1
    named = r.tokens[back] if back >= 0 and linking else None
    if named is None or named.used or not any(t.text in ("is", "of", "was", "=", "equals", "equal to") for t in linking):
        return _counted_at(r, number)
    columns = r.columns_of(named, {"measure", "year", "id"}, strength=2)
    value, taken, _ = read_number(r, number)
    if not columns and value is not None:
        return _counted_at(r, number)  # 'which building is 48 m tall': the figure after the number
    if not columns or value is None:
        return None
    filter_ = Filter(column=r.name(columns[0]), op="==", value=value)
    return Condition("compare", [named, *linking, *taken], filter_, columns[0])


def _counted_at(r: Reader, number: Token) -> Condition | None:
    """'which county has 774 households', 'the rider who earned only 2 points': a number before the measure it counts."""
    value, taken, percent = read_number(r, number)
    named = r.at(r.index(taken[-1]) + 1) if value is not None else None
    if named is None or named.used or percent:
        return None
    columns, size = sized(r, named, r.columns_of(named, {"measure"}, strength=2))  # '48 m tall'
    if not columns:
        return None
    before = r.at(r.index(number) - 1)
    linking = [before] if before is not None and before.text in ("only", "exactly", "just") and not before.used else []
    nouns = noun_after(r, named, columns[0]) + size
    return Condition("compare", [*linking, *taken, named, *nouns], Filter(column=r.name(columns[0]), op="==", value=value),
                     columns[0])


def noun_after(r: Reader, named: Token, column) -> list[Token]:
    """'13 silver medals', 'exactly 7 bronze medals': 'medals' after the column's own name is its noun, not the Total
    it could name alone."""
    noun = r.at(r.index(named) + 1)
    if noun is not None and not noun.used and noun.is_("column") and not noun.is_("value") \
            and column in r.columns_of(named, strength=3) and all(s.strength < 3 for s in noun.of("column")):
        return [noun]
    return []


def read_number(r: Reader, token: Token | None) -> tuple[float | None, list[Token], bool]:
    """The number at token: '1.5 million', '20k', '30 percent'; the tokens it took, and whether it was a percent."""
    if token is None or not token.is_("number"):
        return None, [], False
    value = token.first("number").value
    taken = [token]
    following = r.at(r.index(token) + 1)
    if following is not None and following.is_("scale") and not unit_columns(r, following.text):
        value, taken = value * SCALE_WORDS[following.text], [*taken, following]  # '2 m' is metres where a column is
        following = r.at(r.index(following) + 1)
    percent = following is not None and following.text in ("percent", "%")
    if percent:
        taken.append(following)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value, taken, percent


def _trailing(r: Reader, number: Token) -> str | None:
    following = _trailing_token(r, number)
    return following.first("trailing").value if following is not None else None


def _trailing_token(r: Reader, number: Token) -> Token | None:
    """'10 or more', '3 medals or fewer', '2 gold medals or more': the words after the number (and its noun) that
    make it a bound."""
    following = r.at(r.index(number) + 1)
    if following is not None and following.is_("scale"):
        following = r.at(r.index(following) + 1)
    for _ in range(2):  # past a noun or two: 'medals', 'gold medals'
        if following is None or following.is_("trailing"):
            break
        if not (following.is_("column", "row") or _names_the_rows(r, following)) or following.used:
            return None
        following = r.at(r.index(following) + 1)
    return following if following is not None and following.is_("trailing") and not following.used else None


def _comparison_at(r: Reader, word: Token | None, number: Token | None = None) -> Condition | None:
    named: list[Token] = []
    if number is None:
        number = r.after(word)
        if number is not None and number.text in ("$",):
            number = r.after(number)
        columns = r.columns_of(number, {"measure", "year"}, strength=2) if number is not None and not number.used else []
        of = r.at(r.index(number) + 1) if columns else None
        if columns and of is not None and of.text == "of":  # 'under the age of 25': the column between
            named, number = [number, of], r.at(r.index(of) + 1)
    if number is not None and not named and word is not None and word.text in ORDER_WORDS and \
            _column_then_number(r, number):
        named, number = [number], r.at(r.index(number) + 1)  # 'before page 42', 'after week 5': the column, its number
    value, taken, percent = read_number(r, number)
    if value is None:
        return None
    op = (ORDER_WORDS.get(word.text) or word.first("comparator").value) if word is not None else _trailing(r, number)
    high = None
    last = taken[-1]
    if op == "between":
        joiner = r.at(r.index(last) + 1)
        high, more, _ = read_number(r, r.at(r.index(joiner) + 1)) if joiner is not None and joiner.text in ("and", "to") \
            else (None, [], False)
        if high is None:
            return None
        taken += [joiner, *more]
        last = taken[-1]
    trailing = r.at(r.index(last) + 1)
    bound = _trailing_token(r, number) if word is None else None
    if word is None and trailing is not None and trailing.is_("trailing"):
        taken.append(trailing)
        last = trailing
    elif bound is not None:  # '3 medals or fewer': the bound after the noun, taken with it
        taken.append(bound)
    negation = word is not None and negated(r, word)
    if named:
        column = r.columns_of(named[0], NUMBERED, strength=2)[0]
        agg, agg_token, count = None, None, False
    else:
        column, named, agg, agg_token, count = _compared_column(r, word or number, last)
    if column is None and not count:
        return None
    if column is not None and not _a_year_of(column, value):
        return None  # 'held office for more than 10 years': a length of time, not the year taking office
    if column is not None and column.duration:
        value = in_seconds(r, column, [*taken, *named], value)
        high = in_seconds(r, column, [*taken, *named], high) if high is not None else None
    if column is not None and percent and column.high is not None and isinstance(column.high, int | float) \
            and abs(column.high) <= 1.0 and value > 1:
        value = value / 100  # '5%' of a column of fractions (0.05)
        if high is not None:
            high = high / 100
    if negation:
        op = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "==": "!="}.get(op, op)
    target = r.name(column) if column is not None else "rows"
    filter_ = Filter(column=target, op=op, value=[value, high] if op == "between" else value)
    tokens = [t for t in (negation or None, word, *taken, *named) if t is not None]
    return Condition("compare", tokens, filter_, column, agg, agg_token, count)


def _a_year_of(column, value: float) -> bool:
    """A number compared with a column of years is one of its years, near the ones it holds (not '10')."""
    if column.role != "year" or not isinstance(column.low, int | float) or not isinstance(column.high, int | float):
        return True
    return column.low - 100 <= value <= column.high + 100


def _names_value_before(r: Reader, token: Token) -> bool:
    """'Partner channel': the column noun after its own value."""
    before = r.before(token)
    return before is not None and before.is_("value") and any(
        s.column in r.columns_of(token) for s in before.of("value"))


def _word_of_a_figure(r: Reader, token: Token):
    """The one column of figures whose name holds the plural noun after a number, in its words or its unit in brackets;
    none where the noun is the table's own rows or a value."""
    if singular(token.text) == token.text or token.is_("value", "row", "table") or len(token.text) < 4:
        return None
    word = singular(token.text)
    found = [c for c in r.of_role("measure") if word in {singular(w) for w in re.findall(r"[a-z]+", c.name.lower())}]
    return found[0] if len(found) == 1 else None


def _names_the_rows(r: Reader, token: Token) -> bool:
    """'more than 8 properties' in a table named only 'table' (an unknown plural noun), 'more than 8 places' where
    Place names the rows: after the number, the rows counted."""
    return singular(token.text) != token.text and not token.is_("value") and token.text not in ("columns", "fields") \
        and row_noun(r, token)


def _named_before(r: Reader, start: Token, columns: list):
    """The one of several columns a unit fits that is named just before the comparison ('a prominence of')."""
    back = r.index(start) - 1
    while back >= 0 and r.tokens[back].text in ("of", "a", "an", "the", "with", "its", "their", "is", "was"):
        back -= 1
    token = r.at(back) if back >= 0 else None
    chosen = [c for c in r.columns_of(token, {"measure"}) if c in columns] if token is not None and not token.used else []
    return (chosen[0], token) if len(chosen) == 1 else None


def _figure_named_elsewhere(r: Reader, start: Token, counted: Token):
    """The one column of figures the question names besides the number's own noun, near it: 'teams that played more
    than 16 games' is Played over 16, 'games with less than 30,000 people in attendance' Attendance under 30,000."""
    near = r.tokens[max(0, r.index(start) - 3): r.index(counted) + 4]
    found = {c: t for t in near if t is not counted and not t.used and not t.is_("value")
             for c in r.columns_of(t, {"measure"}, strength=2)}
    return next(iter(found.items())) if len(found) == 1 else None


def _compared_column(r: Reader, start: Token, end: Token):
    """The column a comparison is about: named right after the number ('more than 10 points'), or just before the
    comparator ('a weight of at least 45'); 'times' or the table's rows after it count rows."""
    following = r.after(end)
    if following is not None and not following.used:
        numeric, size = sized(r, following, r.columns_of(following, {"measure", "year"}))  # '500 feet tall'
        said = _named_before(r, start, numeric) if numeric and FORMS.get(following.text) is not None else None
        if said is not None:  # 'a prominence of more than 2,500 m': of the columns in metres, the one named
            numeric, size = [said[0]], [*size, said[1]]
        elif len(numeric) > 1 and FORMS.get(following.text) is not None:
            measured = measured_in_unit(r, following)  # 'higher than 4500 metres': the height
            if measured is not None:
                numeric, size = [measured[0]], [*size, *measured[1]]
        if len(numeric) > 1:  # 'more than 30 goals' beside Goals for and Goals against: 'scored' says which, else
            sided = [c for c in numeric if any(c.parts[-1] in SIDES.get(t.text, ()) for t in r.tokens)]  # asked back
            numeric = sided if len(sided) == 1 else [numeric[r.choose([f"'{following.text}' as {c.name}" for c in numeric])]]
            side = [t for t in r.tokens if not t.used and t.text not in ("score", "scored", "against")
                    and numeric[0].parts[-1] in SIDES.get(t.text, ())] if sided else []  # 'conceded', 'let in'
        else:
            side = []
        if numeric:
            return numeric[0], [following, *side, *size, *noun_after(r, following, numeric[0])], None, None, False
        named = _word_of_a_figure(r, following)
        if named is not None:  # 'more than 30 steps' of 'size (steps)', 'less than 100 seats' of 'Total no. of seats'
            return named, [following], None, None, False
        if following.is_("row", "table") or following.text in ("times", "occasions") or _names_the_rows(r, following):
            elsewhere = _figure_named_elsewhere(r, start, following) if following.text not in ("times", "occasions") \
                else None
            if elsewhere is not None:  # 'played more than 16 games', 'less than 30,000 people in attendance'
                return elsewhere[0], [following, elsewhere[1]], None, None, False
            populated = [c for c in r.of_role("measure") if c.numeric and "population" in c.concepts]
            if following.text in PEOPLE and len(populated) == 1:
                return populated[0], [following], None, None, False  # 'communities with at least 100 people'
            return None, [following], None, None, True
        plural = singular(following.text) != following.text and not following.senses
        unit = [following] if following.text in UNIT_WORDS or plural else []  # 'won at least 10 games'
    else:
        unit = []
    back = r.index(start) - 1
    seen = 0
    while back >= 0 and seen < 5:
        token = r.tokens[back]
        back -= 1
        if token.text in SKIP_BEFORE or token.is_("negation") or token.text in ("reach", "reached", "exceed"):
            continue
        seen += 1
        numeric = [c for c in r.columns_of(token, {"measure", "year"}, strength=2)]
        if numeric and not token.used:
            agg_token = r.before(token)
            agg = AGGREGATES.get(agg_token.text) if agg_token is not None and agg_token.is_("agg") else None
            if agg in ("count", "n_unique"):
                agg = None
            if agg is None and agg_token is not None and agg_token.is_("super") and r.tokens[0].is_("yesno") \
                    and agg_token.text in PLAIN_SUPERLATIVES:  # 'is the highest capacity over 60000'
                agg = "max" if SUPERLATIVES[agg_token.text] else "min"
            # 'total revenue over 1000': the words name the measure as well; they stay for it
            return numeric[0], ([] if agg else [token]) + unit, agg, agg_token if agg else None, False
        if token.is_("value") and not token.is_("column") or _names_value_before(r, token):
            continue  # 'the average discount in the Partner channel above 5%': a filter in between
        if token.is_("value", "column") or token.is_("question"):
            break
    measured = measured_in_unit(r, unit[0]) if unit else None
    if measured is not None:
        return measured[0], unit + measured[1], None, None, False
    subject = r.before(start)
    if subject is not None and (subject.is_("table", "row") or subject.text in ("any", "an", "a")) and \
            r.default_measure() is not None:
        return r.default_measure(), unit, None, None, False  # 'orders over 2k': over 2k of revenue
    return None, unit, None, None, False

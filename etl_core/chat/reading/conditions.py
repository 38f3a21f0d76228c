"""Which rows a question is about: values named, numbers compared, yes/no columns, empty cells.

Each condition is found once and kept pending: the question's shape decides whether it filters
rows, becomes a condition on groups ('regions with revenue over 1M'), or is the answer itself
('is the richest person self-made?'). Dates are in dates.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl_core.chat.catalogue import Column, inside_others, singular
from etl_core.chat.plan import Chip, ChipOption, Filter
from etl_core.chat.reading.state import Reader, Unanswerable
from etl_core.chat.tokens import Token
from etl_core.chat.vocabulary import AGGREGATES, SCALE_WORDS, SUPERLATIVES

SKIP_BEFORE = {"is", "was", "are", "were", "of", "a", "an", "the", "with", "where", "having", "has", "have", "had",
               "its", "their", "his", "her", "to", "in", "at", "by", "for", "and", "that", "than"}
UNIT_WORDS = {"feet", "ft", "foot", "metres", "meters", "m", "km", "kilometres", "kilometers", "miles", "mi", "kg",
              "kilograms", "lbs", "pounds", "cm", "inches", "degrees", "celsius", "c", "fahrenheit", "dollars", "usd",
              "euros", "eur", "gbp", "seconds", "minutes", "hours", "days", "weeks", "months", "years", "people",
              "spectators", "fans", "votes", "kw", "mw", "hz", "khz", "mhz", "percent", "points", "volts", "v"}
ORDER_WORDS = {"before": "<", "after": ">", "since": ">=", "until": "<=", "prior to": "<"}
NULL_WORDS = {"missing", "empty", "blank", "null", "without a", "no"}


@dataclass
class Condition:
    """A condition on rows, before the shape of the question decides what it is."""

    kind: str  # value, compare, flag, null, text
    tokens: list[Token]
    filter: Filter
    column: Column | None = None
    agg: str | None = None  # 'average discount above 5%': compares an aggregate, a condition on groups
    agg_token: Token | None = None
    count: bool = False  # 'more than 5 times': compares a number of rows
    options: list[ChipOption] = field(default_factory=list)


def find_conditions(r: Reader, skip: set[int]) -> list[Condition]:
    """Every condition the question states, in order; tokens in ``skip`` are kept for other rules. A condition's
    tokens are taken at once (no measure or group reads them again); its chip is said when it is applied."""
    found: list[Condition] = []
    for finder in (_comparisons, _signs, _nulls, _flags, _values, _outcomes):
        for condition in finder(r, skip):
            found.append(condition)
            for token in condition.tokens:
                token.used = token.used or f"condition: {condition.filter.words()}"
    return sorted(found, key=lambda c: r.index(c.tokens[-1]))


def negated(r: Reader, token: Token) -> Token | None:
    previous = r.at(r.index(token) - 1)
    if previous is not None and previous.is_("negation") and not previous.used:
        return previous
    two_back = r.at(r.index(token) - 2)
    if previous is not None and previous.text in ("the", "a", "any") and two_back is not None and \
            two_back.is_("negation") and not two_back.used:
        return two_back
    return None


# ---- values -----------------------------------------------------------------------------

def _values(r: Reader, skip: set[int]) -> list[Condition]:
    """'in West', "the 'Technology' category", 'Online or Partner', 'not cancelled', 'non-self-made'."""
    conditions: list[Condition] = []
    for index, token in enumerate(r.tokens):
        if index in skip or token.used or not r.values_of(token):
            continue
        if _weak_value(r, token):
            continue
        column = _value_column(r, token)
        values = sorted({s.value for s in r.values_of(token) if s.column is column}, key=str)
        if not values:
            continue
        name = r.name(column)
        negation = negated(r, token)
        joined = conditions[-1] if conditions and conditions[-1].kind == "value" and conditions[-1].column is column \
            and _joined_by_or(r, conditions[-1].tokens[-1], token) else None
        if joined is not None and not negation:  # 'Online or Partner'; 'excluding West and East'
            listed = joined.filter.value if isinstance(joined.filter.value, list) else [joined.filter.value]
            op = "not_in" if joined.filter.op in ("!=", "not_in") else "in"
            joined.filter = Filter(column=name, op=op, value=[*listed, *values])
            joined.tokens += [t for t in r.tokens[r.index(joined.tokens[-1]) + 1: r.index(token)]] + [token]
            continue
        op = ("!=" if len(values) == 1 else "not_in") if negation else ("==" if len(values) == 1 else "in")
        options = [ChipOption(label=f"{c.name} (another column with '{token.text}')", path="filters.{i}.column",
                               value=r.name(c)) for c in {s.column for s in r.values_of(token)} if c is not column]
        if len(values) == 1 and not negation and inside_others(r.catalogue, column, values[0]):
            # 'Mark Skaife' is also in 'Mark Skaife / Tony Longhurst': naming him means every row he is in; the
            # chip offers the cell alone
            op = "contains"
            options.append(ChipOption(label=f"{column.name} is exactly {values[0]}", path="filters.{i}.op", value="=="))
        conditions.append(Condition("value", [t for t in (negation, token) if t], Filter(
            column=name, op=op, value=values[0] if len(values) == 1 else values), column, options=options))
    return conditions


OUTCOME_WORDS = {"win": "W", "wins": "W", "won": "W", "winning": "W", "victory": "W", "victories": "W",
                 "lose": "L", "loses": "L", "lost": "L", "losing": "L", "loss": "L", "losses": "L", "defeat": "L",
                 "defeats": "L"}
OUTCOME_VALUES = {"W": {"w", "won", "win", "winner", "victory"}, "L": {"l", "lost", "loss", "defeat"}}
_OUTCOME_CELL = re.compile(r"^[WLDT](\b|\s|$)")


def _outcomes(r: Reader, skip: set[int]) -> list[Condition]:
    """'how many games did they win', 'how many wins', 'what number of games were lost': a column of results ('W 31-9',
    'L 23-20'; 'Won', 'Lost') names the outcome the word means."""
    found = []
    for index, token in enumerate(r.tokens):
        side = OUTCOME_WORDS.get(token.text)
        if side is None or index in skip or token.used or token.is_("value", "column"):
            continue
        places = _outcome_columns(r, side)
        if not places:
            continue
        column, filter_ = places[r.choose([f"'{token.text}' as {f.words()}" for _, f in places])] if len(places) > 1 \
            else places[0]
        found.append(Condition("value", [token], filter_, column))
    return found


def _outcome_columns(r: Reader, side: str) -> list[tuple[Column, Filter]]:
    found = []
    for column in r.of_role("category", "text", "boolean"):
        texts = [str(t) for t in r.catalogue.texts.get((column.table, column.name), [])]
        if not texts or len(texts) > 200:
            continue
        exact = [t for t in texts if t.strip().lower() in OUTCOME_VALUES[side]]
        if exact and len(texts) <= 6:  # 'Won' / 'Nominated', 'Win' / 'Loss' / 'Draw
            value = exact[0] if len(exact) == 1 else exact
            found.append((column, Filter(column=r.name(column), op="==" if len(exact) == 1 else "in", value=value)))
        elif sum(bool(_OUTCOME_CELL.match(t)) for t in texts) >= 0.9 * len(texts) and len(texts) > 2:
            found.append((column, Filter(column=r.name(column), op="starts_with", value=side)))
    return found


def _weak_value(r: Reader, token: Token) -> bool:
    """A value that is also a word of the question's grammar ('total', 'most', 'first') or a column's own name
    is read as the word; quoted, it is the value."""
    if token.is_("quoted"):
        return False
    if token.is_("agg", "super", "question", "yesno", "row", "rank_adj", "ordinal", "last", "neighbour", "comparator",
                 "list", "describe", "share", "change", "part", "bucket", "function", "negation", "month",
                 "weekday") and len(token.text.split()) == 1:
        return True
    if any(s.strength >= 3 for s in token.of("column")) and len(token.text.split()) == 1:
        return True  # 'gold' in a table with a Gold column: the column; 'open' near 'opened_at' is still a value
    return token.is_("number") and not token.is_("year") and not _named_next_to(r, token)


def _named_next_to(r: Reader, token: Token) -> bool:
    places = {s.column for s in r.values_of(token)}
    return any(c in places for t in (r.before(token), r.after(token)) if t is not None for c in r.columns_of(t))


def _value_column(r: Reader, token: Token) -> Column:
    places = list(dict.fromkeys(s.column for s in r.values_of(token)))
    if len(places) == 1:
        return places[0]
    for neighbour in (r.after(token), r.before(token)):  # "the 'Technology' category", 'nationality Japan'
        if neighbour is None:
            continue
        named = [c for c in r.columns_of(neighbour) if c in places]
        if named:
            r.use(neighbour, f"the column {named[0].name}", "column")
            return named[0]
    own = [c for c in places if c.table == r.table] or places
    ranked = sorted(own, key=lambda c: (c.role not in ("category", "boolean"), c.distinct))
    return ranked[r.choose([f"'{token.text}' in {c.name}" for c in ranked])]


def _joined_by_or(r: Reader, first: Token, second: Token) -> bool:
    between = r.tokens[r.index(first) + 1: r.index(second)]
    return not between or any(t.text in ("or", "and", "nor") for t in between) and all(
        t.text in ("or", "and", "nor", "either", "the", "a", "an", "both") for t in between)


# ---- numbers compared ---------------------------------------------------------------------

def _comparisons(r: Reader, skip: set[int]) -> list[Condition]:
    """'revenue over 500', 'more than 5 items', 'a weight of at least 45', '10 or more goals', 'between 10 and 20'."""
    found = []
    for index, token in enumerate(r.tokens):
        if index in skip or token.used:
            continue
        if token.is_("comparator") and token.first("comparator").value not in ("from",):
            condition = _comparison_at(r, token)
        elif token.text in ORDER_WORDS and r.after(token) is not None and r.after(token).is_("number"):
            condition = _comparison_at(r, token)  # 'established before 1955' on a column of numbers
        elif token.is_("number") and _trailing(r, token):
            condition = _comparison_at(r, None, number=token)
        elif token.is_("number") and not token.is_("year"):
            condition = _equal_at(r, token)
        else:
            continue
        if condition is not None:
            found.append(condition)
            for taken in condition.tokens:
                taken.used = taken.used or f"condition: {condition.filter.words()}"
    return found


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
    columns = r.columns_of(named, {"measure"}, strength=2)
    if not columns:
        return None
    before = r.at(r.index(number) - 1)
    linking = [before] if before is not None and before.text in ("only", "exactly", "just") and not before.used else []
    return Condition("compare", [*linking, *taken, named], Filter(column=r.name(columns[0]), op="==", value=value),
                     columns[0])


def read_number(r: Reader, token: Token | None) -> tuple[float | None, list[Token], bool]:
    """The number at token: '1.5 million', '20k', '30 percent'; the tokens it took, and whether it was a percent."""
    if token is None or not token.is_("number"):
        return None, [], False
    value = token.first("number").value
    taken = [token]
    following = r.at(r.index(token) + 1)
    if following is not None and following.is_("scale"):
        value, taken = value * SCALE_WORDS[following.text], [*taken, following]
        following = r.at(r.index(following) + 1)
    percent = following is not None and following.text in ("percent", "%")
    if percent:
        taken.append(following)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value, taken, percent


def _trailing(r: Reader, number: Token) -> str | None:
    following = r.at(r.index(number) + 1)
    if following is not None and following.is_("scale"):
        following = r.at(r.index(following) + 1)
    return following.first("trailing").value if following is not None and following.is_("trailing") else None


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
    if word is None and trailing is not None and trailing.is_("trailing"):
        taken.append(trailing)
        last = trailing
    negation = word is not None and negated(r, word)
    if named:
        column = r.columns_of(named[0], {"measure", "year"}, strength=2)[0]
        agg, agg_token, count = None, None, False
    else:
        column, named, agg, agg_token, count = _compared_column(r, word or number, last)
    if column is None and not count:
        return None
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


def _names_value_before(r: Reader, token: Token) -> bool:
    """'Partner channel': the column noun after its own value."""
    before = r.before(token)
    return before is not None and before.is_("value") and any(
        s.column in r.columns_of(token) for s in before.of("value"))


PLAIN_SUPERLATIVES = {"highest", "lowest", "largest", "smallest", "biggest", "maximum", "minimum", "max", "min",
                      "greatest"}


def _names_the_rows(r: Reader, token: Token) -> bool:
    """'more than 8 properties' in a table named only 'table' (an unknown plural noun), 'more than 8 places' where
    Place names the rows: after the number, the rows counted."""
    from etl_core.chat.reading.ranking import row_noun  # ranking reads conditions: imported when asked

    return singular(token.text) != token.text and not token.is_("value") and token.text not in ("columns", "fields") \
        and row_noun(r, token)


def _compared_column(r: Reader, start: Token, end: Token):
    """The column a comparison is about: named right after the number ('more than 10 points'), or just before the
    comparator ('a weight of at least 45'); 'times' or the table's rows after it count rows."""
    following = r.after(end)
    if following is not None and not following.used:
        numeric = r.columns_of(following, {"measure", "year"})
        if numeric:
            return numeric[0], [following], None, None, False
        if following.is_("row", "table") or following.text in ("times", "occasions") or _names_the_rows(r, following):
            return None, [following], None, None, True
        unit = [following] if following.text in UNIT_WORDS else []
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
    subject = r.before(start)
    if subject is not None and (subject.is_("table", "row") or subject.text in ("any", "an", "a")) and \
            r.default_measure() is not None:
        return r.default_measure(), unit, None, None, False  # 'orders over 2k': over 2k of revenue
    return None, unit, None, None, False


# ---- yes/no columns and empty cells ----------------------------------------------------------

def _flags(r: Reader, skip: set[int]) -> list[Condition]:
    """A yes/no column named as a state: 'survivors', 'self-made', 'not self-made', 'remote eligible'."""
    found = []
    for index, token in enumerate(r.tokens):
        if index in skip or token.used:
            continue
        flags = r.columns_of(token, {"boolean"})
        if not flags:
            continue
        column = flags[0]
        negation = negated(r, token)
        truth = _truth(column)
        filter_ = Filter(column=r.name(column), op="==", value=truth[1] if negation else truth[0])
        found.append(Condition("flag", [t for t in (negation, token) if t], filter_, column))
    return found


def _truth(column: Column) -> tuple[object, object]:
    """What 'yes' and 'no' are in this column: True/False, 1/0, or its own words."""
    if column.dtype.is_integer():
        return 1, 0
    if column.dtype.is_numeric() or str(column.dtype) == "Boolean":
        return True, False
    return ("Yes", "No") if str(column.high or "").istitle() else ("yes", "no")


def _signs(r: Reader, skip: set[int]) -> list[Condition]:
    """'negative revenue' is revenue < 0, 'positive' > 0, 'zero discount' == 0."""
    found = []
    for index, token in enumerate(r.tokens):
        if index in skip or token.used or token.text not in ("negative", "positive", "zero"):
            continue
        target = r.after(token)
        column = r.column_of(target, {"measure"}) if target is not None and not target.used else None
        if column is None:
            continue
        op, value = {"negative": ("<", 0), "positive": (">", 0), "zero": ("==", 0)}[token.text]
        found.append(Condition("compare", [token, target], Filter(column=r.name(column), op=op, value=value), column))
    return found


def _nulls(r: Reader, skip: set[int]) -> list[Condition]:
    """'readings missing a temperature', 'with no discount' (a column of numbers: empty, or zero)."""
    found = []
    for index, token in enumerate(r.tokens):
        if index in skip or token.used or token.text not in NULL_WORDS and token.text not in ("without", "lacking"):
            continue
        target = r.after(token)
        if target is None or target.used:
            continue
        columns = r.columns_of(target, strength=2)
        if not columns:
            continue
        column = columns[0]
        if token.text == "no" and column.numeric:
            filter_ = Filter(column=r.name(column), op="==", value=0)  # 'no discount' is a discount of 0
        else:
            filter_ = Filter(column=r.name(column), op="is_null")
        found.append(Condition("null", [token, target], filter_, column))
    found += _none_of(r, skip)
    return found


def _none_of(r: Reader, skip: set[int]) -> list[Condition]:
    """'countries that did not win any gold medals', 'a nation that did not earn a bronze': a count of none."""
    found = []
    for index, token in enumerate(r.tokens):
        if index in skip or token.used or token.text != "not":
            continue
        between: list[Token] = []
        for target in r.tokens[index + 1:index + 5]:
            columns = [c for c in r.columns_of(target, {"measure"}, strength=2) if c.dtype.is_integer()]
            if columns and not target.used:
                following = r.at(r.index(target) + 1)
                unit = [following] if following is not None and following.text in ("medal", "medals") else []
                found.append(Condition("compare", [token, *between, target, *unit],
                                       Filter(column=r.name(columns[0]), op="==", value=0), columns[0]))
                break
            if target.used or target.is_("value", "column", "number", "negation") or not (
                    target.text in ("any", "a", "an", "one", "single") or target.is_("earning", "transaction")):
                break
            between.append(target)
    return found


def apply(r: Reader, conditions: list[Condition]) -> None:
    """Pending conditions become the plan's row filters, each said as a chip. Two values of one column cannot
    both hold for a row: 'Oregon Route 69 ... Oregon Route 90' keeps the rows of either."""
    by_column: dict[str, Condition] = {}
    for condition in list(conditions):
        if condition.kind != "value" or condition.filter.op not in ("==", "in"):
            continue
        first = by_column.setdefault(condition.filter.column, condition)
        if first is not condition:
            listed = [*(first.filter.value if first.filter.op == "in" else [first.filter.value]),
                      *(condition.filter.value if condition.filter.op == "in" else [condition.filter.value])]
            first.filter = Filter(column=first.filter.column, op="in", value=listed)
            first.tokens += condition.tokens
            conditions.remove(condition)
    for condition in conditions:
        if condition.count:
            raise Unanswerable(f"I could not tell what '{' '.join(t.text for t in condition.tokens)}' is counted over.",
                               hint="Name what is grouped, e.g. 'customers with more than 5 orders'.")
        r.plan.filters.append(condition.filter)
        place = f"#{id(condition.filter)}"  # the filter's place is settled when the plan is finished
        options = [ChipOption(label=o.label, path=o.path.format(i=place), value=o.value) for o in condition.options]
        options.append(ChipOption(label="drop this condition", path=f"filters.{place}", remove=True))
        say(r, condition, f"keep rows where {condition.filter.words()}", options)


def say(r: Reader, condition: Condition, meaning: str, options: list[ChipOption] | None = None) -> None:
    """A condition's chip: its phrase, what it was taken as, and what else it could be."""
    phrase = " ".join(t.text for t in condition.tokens)
    r.chips.append(Chip(phrase=phrase, meaning=meaning, kind="filter", options=options or []))
    for token in condition.tokens:
        token.used = meaning

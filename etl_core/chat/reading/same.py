"""'the same number of gold medals as Belarus', 'the same position as Ardo Kreek': rows like a reference row.

The rule reads 'same <column> as <value>': the column compared, and the rows the value names (the reference).
The plan keeps rows whose column equals the reference's value, the reference rows left out, as a person means
'which other countries'; what is asked of those rows (which, how many) is read as for any condition.
"""

from __future__ import annotations

import polars as pl

from etl_core.chat.catalogue import Column
from etl_core.chat.plan import Filter, Same
from etl_core.chat.reading.state import Reader
from etl_core.chat.tokens import Token

QUANTITY_WORDS = ("number of", "amount of", "count of", "total", "total of", "total number of")


MORE = {"more": ">", "greater": ">", "higher": ">", "fewer": "<", "less": "<", "lower": "<"}


def read_same(r: Reader) -> None:
    """Fill ``r.plan.same`` from 'same <column> as <value>' or 'more <column> than <value>', and use its words; leave
    the question alone otherwise."""
    for token in r.tokens:
        if token.text == "same" and not token.used:
            found = _same_as(r, token)
            if found is not None:
                r.plan.same = found
            return
        if token.text in MORE and not token.used and r.plan.same is None:
            found = _more_than(r, token)
            if found is not None:
                r.plan.same = found
                return


def _more_than(r: Reader, more: Token) -> Same | None:
    """'how many nations received more medals than canada': rows above a named row's figure, the row left out."""
    start = r.index(more)
    before, after = r.at(start - 1), r.at(start + 1)
    if before is not None and before.text.split()[-1] == "or" or after is not None and after.text.split()[0] == "or":
        return None  # 'more or less bids than': a choice between the two words, read elsewhere
    than_at = next((i for i in range(start + 1, min(len(r.tokens), start + 5)) if r.tokens[i].text == "than"), None)
    if than_at is None or than_at == start + 1:
        return None  # 'more than 5': a number, read elsewhere
    between = r.tokens[start + 1:than_at]
    columns = [(t, r.column_of(t, {"measure"})) for t in between if r.columns_of(t, {"measure"})]
    strong = [(t, c) for t, c in columns if any(s.strength >= 3 for s in t.of("column"))]
    if len(columns) > 1 and len(strong) == 1:
        columns = strong
    if len(columns) != 1 or any(t.is_("value", "number", "year", "negation") or t.text in MORE or t.text == "or"
                                for t in between):
        return None
    named, column = columns[0]
    rest = r.tokens[than_at + 1:]
    if not rest or rest[0].is_("number", "year"):
        return None
    reference = _reference(r, rest, column)
    if reference is None:
        return None
    refs, ref_column = reference
    values = sorted({s.value for t in refs for s in r.row_named(t) if s.column is ref_column}, key=str)
    if len(values) != 1 or not r.unique_per_row(ref_column) or any(
            s.column is ref_column for t in r.tokens[:start] for s in r.row_named(t)):
        return None  # 'did Online have more revenue than Partner': two groups compared, read elsewhere
    op = MORE[more.text]
    r.use(more, f"rows with {'more' if op == '>' else 'less'} {column.name} than {values[0]}", "filter")
    r.use(named, f"the column {column.name}", "column")
    r.absorb(*(t for t in between if t is not named), r.tokens[than_at])
    for token in refs:
        r.use(token, f"{ref_column.name} is {token.text}: the row compared with", "filter")
    return Same(column=r.name(column), where=[Filter(column=r.name(ref_column), op="==", value=values[0])],
                label=str(values[0]), op=op)


def _same_as(r: Reader, same: Token) -> Same | None:
    start = r.index(same)
    as_at = next((i for i in range(start + 1, min(len(r.tokens), start + 7)) if r.tokens[i].text == "as"), None)
    if as_at is None:
        return None
    between = r.tokens[start + 1:as_at]
    columns = [(t, r.column_of(t)) for t in between if r.columns_of(t)]
    strong = [(t, c) for t, c in columns if any(s.strength >= 3 for s in t.of("column"))]
    if len(columns) > 1 and len(strong) == 1:
        columns = strong  # 'the same number of gold medals': Gold, 'medals' only the noun after it
    if len(columns) != 1:
        return None
    named, column = columns[0]
    if any(column in r.columns_of(t) for t in r.tokens[:start]):
        return None  # 'how many attacks were of the same type of attack as': what is counted is what is compared
    extra = [t for t in between if t is not named]
    if any(t.is_("value", "number", "year", "negation", "comparator") for t in extra):
        return None  # 'the same team in 2010 as': more than one column's words
    reference = _reference(r, r.tokens[as_at + 1:], column) or _said_first(r, start, as_at, column)
    if reference is None:
        return None
    refs, ref_column = reference
    values = sorted({s.value for t in refs for s in r.row_named(t) if s.column is ref_column}, key=str)
    where = Filter(column=r.name(ref_column), op="==" if len(values) == 1 else "in",
                   value=values[0] if len(values) == 1 else values)
    r.use(same, f"rows with the same {column.name} as {' and '.join(map(str, values))}, not counting them", "filter")
    r.use(named, f"the column {column.name}", "column")
    r.absorb(*extra, r.tokens[as_at])  # 'number of', 'medals' in 'the same number of gold medals as'
    for token in refs:
        r.use(token, f"{ref_column.name} is {token.text}: the row compared with", "filter")
    return Same(column=r.name(column), where=[where], label=" and ".join(map(str, values)),
                ignore_case=column.dtype == pl.String)


def _said_first(r: Reader, start: int, as_at: int, compared: Column) -> tuple[list[Token], Column] | None:
    """'vfb admira has the same number of wins as what other team?', 'X has the same block as how many other
    players?': the question in the place of the reference; the row compared with is the one named before 'same'."""
    after = r.at(as_at + 1)
    if after is None or not after.is_("question", "agg") and after.text not in ("which", "what", "who"):
        return None
    named = [t for t in r.tokens[:start] if not t.used and r.row_named(t) and not t.is_("number", "year")]
    if len(named) != 1:
        return None
    found = _reference(r, named, compared)
    if found is not None:
        other = next((t for t in r.tokens[as_at + 1:as_at + 4] if t.text in ("other", "others", "another")), None)
        if other is not None and not other.used:
            r.absorb(other, meaning="other than the row compared with")
            rows = r.at(r.index(other) + 1)  # 'how many other teams': the rows, each a team
            if after.is_("agg") and rows is not None and not rows.used and (rows.is_("row", "table") or
                                                                            r.label() in r.columns_of(rows)):
                r.absorb(rows, meaning=f"the rows of {r.table}")
    return found


def _reference(r: Reader, rest: list[Token], compared: Column) -> tuple[list[Token], Column] | None:
    """The value(s) after 'as': 'belarus', 'the duke of coimbra', 'leicester city and manchester united'."""
    refs: list[Token] = []
    for token in rest:
        if token.used:
            break
        if r.row_named(token) and not token.is_("number", "year"):
            refs.append(token)
        elif token.text in ("the", "and", "that", "of", "those", "s", "'s") or token.is_("function") and not refs:
            continue
        else:
            break
    if not refs:
        return None
    shared = set.intersection(*({s.column for s in r.row_named(t)} for t in refs)) - {compared}
    if not shared:
        return None
    label = r.label()
    ranked = sorted(shared, key=lambda c: (c is not label, c.distinct != r.catalogue.rows.get(r.table), c.name))
    return refs, ranked[0]

"""Conditions on yes/no columns, signs and empty cells: 'self-made', 'negative revenue', 'missing a temperature'."""

from __future__ import annotations

from etl_core.chat.catalogue import Column
from etl_core.chat.plan import Filter
from etl_core.chat.reading.compared_numbers import noun_after
from etl_core.chat.reading.measures import rank_like
from etl_core.chat.reading.pending import Condition, negated
from etl_core.chat.reading.state import Reader
from etl_core.chat.tokens import Token

NULL_WORDS = {"missing", "empty", "blank", "null", "without a", "no"}


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
        nouns = noun_after(r, target, column) if token.text == "no" and column.numeric else []  # 'no gold medals'
        found.append(Condition("null", [token, target, *nouns], filter_, column))
    found += _none_of(r, skip)
    found += _not_given(r, skip, found)
    return found


HAVING = {"have", "has", "had", "a", "an", "any", "been", "get", "got", "given", "receive", "received", "be", "listed"}


def _not_given(r: Reader, skip: set[int], found: list[Condition]) -> list[Condition]:
    """'athletes that are not ranked', 'years that do not have a runner-up': rows whose cell in that column is
    empty (a count of none is _none_of's)."""
    taken = {id(t) for c in found for t in c.tokens}
    conditions = []
    for index, token in enumerate(r.tokens):
        if index in skip or token.used or token.text != "not" or id(token) in taken:
            continue
        between = []
        for target in r.tokens[index + 1:index + 4]:
            columns = r.columns_of(target, strength=2)
            if columns and not target.used and not target.is_("value"):
                column = columns[0]
                following = r.at(r.index(target) + 1)
                if column.role == "measure" and column.dtype.is_integer() and not rank_like(column) or not column.nulls or \
                        following is not None and following.is_("number") or rank_like(column) and column.empty_on_top:
                    break  # 'did not win any medals' is none of them; 'did not finish 56 laps' is about the laps;
                    # a ranking whose first places are empty shows them as medals: they are ranked
                conditions.append(Condition("null", [token, *between, target], Filter(column=r.name(column), op="is_null"),
                                            column))
                break
            if target.used or target.text not in HAVING:
                break
            between.append(target)
    return conditions


def _none_of(r: Reader, skip: set[int]) -> list[Condition]:
    """'countries that did not win any gold medals', 'a nation that did not earn a bronze': a count of none."""
    found = []
    for index, token in enumerate(r.tokens):
        if index in skip or token.used or token.text != "not":
            continue
        between: list[Token] = []
        for target in r.tokens[index + 1:index + 5]:
            columns = [c for c in r.columns_of(target, {"measure"}, strength=2) if c.dtype.is_integer() and not rank_like(c)]
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

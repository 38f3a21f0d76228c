"""Conditions on yes/no columns, signs and empty cells: 'self-made', 'negative revenue', 'missing a temperature'."""

from __future__ import annotations

from etl_core.chat.catalogue import Column
from etl_core.chat.plan import Filter
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

"""A condition read from the question, pending until the shape decides what it is, and the 'not' that negates one."""

from __future__ import annotations

from dataclasses import dataclass, field

from etl_core.chat.catalogue import Column
from etl_core.chat.plan import ChipOption, Filter
from etl_core.chat.reading.state import Reader
from etl_core.chat.tokens import Token


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


NEGATED_ACROSS = 3  # 'not produced by Max', 'did not finish 56 laps': a few words of no meaning of their own between


def negated(r: Reader, token: Token, column: Column | None = None) -> Token | None:
    """The 'not' a condition is said under: right before it, or before a verb and its little words ('not
    produced by'), or before the name of the condition's own column ('not last elected in 2005'); never across
    another column, a value, a number or another condition."""
    back = r.index(token) - 1
    while back >= 0 and r.index(token) - back <= NEGATED_ACROSS + 1:
        before = r.tokens[back]
        if before.is_("negation"):
            return before if not before.used else None
        if column is not None and not before.used and column in r.columns_of(before):
            back -= 1
            continue
        if before.used or before.is_("value", "column", "number", "year", "date", "comparator", "super", "agg",
                                     "question", "comparative", "rank_adj", "ordinal", "last"):
            return None
        back -= 1
    return None

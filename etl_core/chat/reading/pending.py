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


def negated(r: Reader, token: Token) -> Token | None:
    previous = r.at(r.index(token) - 1)
    if previous is not None and previous.is_("negation") and not previous.used:
        return previous
    two_back = r.at(r.index(token) - 2)
    if previous is not None and previous.text in ("the", "a", "any") and two_back is not None and \
            two_back.is_("negation") and not two_back.used:
        return two_back
    return None

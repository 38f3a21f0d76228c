"""'placed in the top 10', 'finished in the top three', 'top 3 finishes': places up to a number in a column of
ranks, a condition on the rows rather than the first rows of a ranking ('the top 3 countries')."""

from __future__ import annotations

from etl_core.chat.plan import Filter
from etl_core.chat.reading.measures import rank_like
from etl_core.chat.reading.pending import Condition
from etl_core.chat.reading.state import Reader
from etl_core.chat.tokens import Token

INSIDE = {"in", "within", "inside", "into"}
PLACING = {"placed", "place", "finished", "finish", "came", "ended", "end"}  # the verb before 'in the top 10'
PLACES = {"spots", "spot", "places", "place", "positions", "position", "finishes", "finish", "finishers"}


def ranks(r: Reader) -> list:
    """The columns of places as numbers (Rank, Pos, Position)."""
    return [c for c in r.catalogue.of_table(r.table) if rank_like(c) and c.numeric and not c.empty_on_top]
    # a ranking whose first places are empty shows them as medals: 'in the top 10' would leave out the first three


def placing_top(r: Reader, token: Token) -> bool:
    """'in the top 10' where the table has a column of places: a place, not a cut of the ranking."""
    if token.text != "top" or not ranks(r):
        return False
    before = r.at(r.index(token) - 1)
    if before is not None and before.text == "the":
        before = r.at(r.index(before) - 1)
    number = r.at(r.index(token) + 1)
    return before is not None and before.text in INSIDE and number is not None and number.is_("number") \
        and not number.is_("year") and isinstance(number.first("number").value, int)


def top_places(r: Reader, skip: set[int]) -> list[Condition]:
    found = []
    for index, token in enumerate(r.tokens):
        if index in skip or token.used or not placing_top(r, token):
            continue
        columns = ranks(r)
        column = columns[0] if len(columns) == 1 else columns[r.choose([f"'top' by {c.name}" for c in columns])]
        number = r.at(index + 1)
        before = [t for t in r.tokens[max(0, index - 3):index] if t.text in INSIDE | {"the"} | PLACING and not t.used]
        following = r.at(index + 2)
        noun = [following] if following is not None and following.text in PLACES and not following.used else []
        found.append(Condition("compare", [*before, token, number, *noun],
                               Filter(column=r.name(column), op="<=", value=number.first("number").value), column))
    return found

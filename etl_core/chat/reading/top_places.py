"""'placed in the top 10', 'finished in the top three', 'top 3 finishes': places up to a number in a column of
ranks, a condition on the rows rather than the first rows of a ranking ('the top 3 countries')."""

from __future__ import annotations

import re

from etl_core.chat.plan import Filter
from etl_core.chat.reading.measures import rank_like
from etl_core.chat.reading.pending import Condition
from etl_core.chat.reading.state import Reader
from etl_core.chat.tokens import Token
from etl_core.chat.wording import stem

INSIDE = {"in", "within", "inside", "into", "from"}
PLACING = {"placed", "place", "finished", "finish", "came", "ended", "end"}  # the verb before 'in the top 10'
GRID = {"grid": {"start"}, "pole": {"start"}}  # where a race is started from
PLACES = {"spots", "spot", "places", "place", "positions", "position", "finishes", "finish", "finishers"}


def ranks(r: Reader) -> list:
    """The columns of places as numbers (Rank, Pos, Position)."""
    found = [c for c in r.catalogue.of_table(r.table) if rank_like(c) and c.numeric and not c.empty_on_top]
    return found or [c for c in r.catalogue.of_table(r.table) if c.role == "place"]  # '7th' read as 7
    # a ranking whose first places are empty shows them as medals: 'in the top 10' would leave out the first three


def placing_top(r: Reader, token: Token) -> bool:
    """'in the top 10' where the table has a column of places: a place, not a cut of the ranking."""
    if token.text != "top" or not ranks(r):
        return False
    before = r.at(r.index(token) - 1)
    if before is not None and before.text == "the":
        before = r.at(r.index(before) - 1)
    number = r.at(r.index(token) + 1)
    noun = r.at(r.index(token) + 2)
    return (before is not None and before.text in INSIDE or noun is not None and noun.text in PLACES) \
        and number is not None and number.is_("number") and not number.is_("year") \
        and isinstance(number.first("number").value, int)  # 'in the top 10', 'from the top 5', 'top-10 finishes'


BETTER = {"or better": "<=", "or higher": "<=", "or above": "<=", "or worse": ">=", "or lower": ">=", "or below": ">="}
_NTH = re.compile(r"(\d+)(st|nd|rd|th)")


def places_or_better(r: Reader, skip: set[int]) -> list[Condition]:
    """'placed 5th or better', 'finish at least 3rd', '10th or worse': a bound on the places, as numbers."""
    found = []
    for index, token in enumerate(r.tokens):
        matched = _NTH.fullmatch(token.text)
        n = int(matched.group(1)) if matched else token.first("ordinal").value if token.is_("ordinal") else None
        if index in skip or token.used or n is None or not ranks(r):
            continue
        before, after, then = r.at(index - 1), r.at(index + 1), r.at(index + 2)
        if after is not None and after.text in BETTER and not after.used:
            op, words = BETTER[after.text], [token, after]
        elif after is not None and then is not None and f"{after.text} {then.text}" in BETTER and not then.used:
            op, words = BETTER[f"{after.text} {then.text}"], [token, after, then]
        elif before is not None and before.text in ("at least", "at worst") and not before.used:
            op, words = "<=", [before, token]
        else:
            continue
        columns = ranks(r)
        if len(columns) != 1:
            continue
        verb = r.at(r.index(words[0]) - 1)
        words = [verb, *words] if verb is not None and verb.text in PLACING and not verb.used else words  # 'placed'
        found.append(Condition("compare", words, Filter(column=r.name(columns[0]), op=op, value=n), columns[0]))
    return found


def top_places(r: Reader, skip: set[int]) -> list[Condition]:
    found = places_or_better(r, skip)
    for index, token in enumerate(r.tokens):
        if index in skip or token.used or not placing_top(r, token):
            continue
        columns = ranks(r)
        naming = [t for t in r.tokens if not t.used and ({stem(w) for w in t.text.split()} | GRID.get(t.text, set()))
                  & {stem(p) for c in columns for p in c.parts}]
        named = [c for c in columns if any(({stem(w) for w in t.text.split()} | GRID.get(t.text, set()))
                                           & {stem(p) for p in c.parts} for t in naming)]
        if len(named) == 1:  # 'finish in the top 5', 'start from the top 5 on the grid': of Start and Finish
            columns = named
            for word in naming:
                r.use(word, f"the places of {named[0].name}", "word")
        column = columns[0] if len(columns) == 1 else columns[r.choose([f"'top' by {c.name}" for c in columns])]
        number = r.at(index + 1)
        before = [t for t in r.tokens[max(0, index - 3):index] if t.text in INSIDE | {"the"} | PLACING and not t.used]
        following = r.at(index + 2)
        noun = [following] if following is not None and following.text in PLACES and not following.used else []
        found.append(Condition("compare", [*before, token, number, *noun],
                               Filter(column=r.name(column), op="<=", value=number.first("number").value), column))
    return found

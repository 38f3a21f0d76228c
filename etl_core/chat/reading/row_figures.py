"""'How many people live in Bold', 'how many people attended the Giants game', 'how many graduate students does Yale
have': a count over the one row a name picks is 1 whatever is asked; the figure wanted is that row's, in the one
column of figures the other words name ('attended': Attendance, 'graduate': Graduate enrollment, people who 'live'
somewhere: Population)."""

from __future__ import annotations

from etl_core.chat.catalogue import Column
from etl_core.chat.plan import Measure
from etl_core.chat.reading.state import Reader
from etl_core.chat.tokens import Token

PEOPLE = {"people", "persons", "residents", "inhabitants", "citizens", "individuals"}
LIVING = {"live", "lives", "lived", "living", "reside", "resides", "resided", "dwell", "call"}


def figure_of_the_row(r: Reader) -> bool:
    """The row's figure in place of the count, when exactly one column of figures is named; False when none or
    several are (the count is then declined)."""
    counted = [t for t in r.tokens if (t.used or "").startswith("the rows of")]
    free = [t for t in r.tokens if not t.used or t in counted]
    named: dict[Column, list[Token]] = {}
    for token in free:
        for column in r.columns_of(token, {"measure"}):
            if column.numeric:
                named.setdefault(column, []).append(token)
    living = [t for t in free if t.text in LIVING] if any(t.text in PEOPLE for t in free) else []
    if living:  # 'how many people live in X': its population
        for column in r.of_role("measure"):
            if "population" in column.concepts and column.numeric:
                named.setdefault(column, []).extend(living)
    if len(named) != 1:
        return False
    column, tokens = next(iter(named.items()))
    r.plan.measures = [Measure(agg="sum", column=r.name(column))]
    for token in tokens:
        token.used = None
        r.use(token, f"the {column.name}", "column")
    nouns = [t for t in r.tokens[r.index(counted[0]) + 1:r.index(counted[0]) + 2] if not t.used and not t.senses] \
        if counted else []
    for token in [*counted, *nouns]:  # 'graduate students', 'people': what the figure counts
        token.used = f"counted in {column.name}"
    return True

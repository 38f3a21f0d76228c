"""'What is the difference between the Elthorne hundred and the Gore hundred in 1831': two columns of figures named,
compared in the rows the rest of the question picks (one row, or the total of several)."""

from __future__ import annotations

from etl_core.chat.plan import Measure
from etl_core.chat.reading.question import Question
from etl_core.chat.reading.state import Reader
from etl_core.chat.tokens import Token

BETWEEN = {"between", "of"}


def difference_of_columns(r: Reader, q: Question) -> bool:
    """'the difference between A and B' where A and B each name one column of figures (and no value): A's figure
    minus B's, in the rows the conditions keep."""
    word = next((t for t in r.tokens if t.is_("difference") and not t.used), None)
    if word is None or q.kind not in ("what", "how many", "how much", "none"):
        return False
    after = r.tokens[r.index(word) + 1:]
    if not after or after[0].text not in BETWEEN:
        return False
    joiner = next((t for t in after if t.text == "and"), None)
    if joiner is None:
        return False
    first, second = _column_between(r, after[1:], joiner), _column_between(r, after[after.index(joiner) + 1:], None)
    if first is None or second is None or first[0] is second[0]:
        return False
    plan = r.plan
    plan.measures = [Measure(agg="sum", column=r.name(first[0])), Measure(agg="sum", column=r.name(second[0])),
                     Measure(combine="difference", of=[0, 1], label="difference")]
    r.use(word, "the difference", "measure")
    r.absorb(after[0], joiner)
    for column, token in (first, second):
        r.use(token, f"the {column.name}", "column")
    return True


def _column_between(r: Reader, tokens: list[Token], end: Token | None):
    """The one column of figures named first in the words (past 'the'), and its token; none when a value comes first."""
    for token in tokens:
        if token is end:
            return None
        if token.used or token.text in ("the", "a", "an"):
            continue
        if token.is_("value"):
            return None
        columns = r.columns_of(token, {"measure"}, strength=2)
        return (columns[0], token) if len(columns) == 1 else None
    return None

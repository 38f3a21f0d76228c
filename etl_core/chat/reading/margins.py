"""'the goal difference on october 19', 'the largest margin of victory', 'won by the most points': the gap between a
result's two numbers ('3–1', 'W 24–17'), read from the column of margins prepared beside a column of results."""

from __future__ import annotations

import re

from etl_core.chat.catalogue import Column
from etl_core.chat.plan import Filter
from etl_core.chat.reading.named_values import OUTCOME_WORDS, drew_something, outcome_columns
from etl_core.chat.reading.pending import Condition
from etl_core.chat.reading.state import Reader
from etl_core.chat.tokens import Sense, Token

MARGIN_WORDS = {"margin", "margins", "difference", "differential"}
UNITS = {"goal", "goals", "point", "points", "run", "runs", "frame", "frames", "score", "scores", "set", "sets"}
OUTCOMES = {"victory", "winning", "win", "defeat", "loss", "losing"}
WON_BY = {"won", "win", "wins", "beat", "beaten", "lost", "lose", "loses", "defeated"}
_MARGIN_NAME = re.compile(r"^Margin \((.+)\)$", re.S)


def read_margins(r: Reader) -> None:
    """Words for the gap in a result take the column of margins: 'goal difference', 'difference in score', 'margin
    of victory', 'won by the most points'. A difference between two rows named ('in attendance between X and Y') is
    left to the rule that compares them."""
    found = [(c, m.group(1)) for c in r.catalogue.of_table(r.table) if (m := _MARGIN_NAME.match(c.name))]
    if len(found) != 1:
        return  # none, or two columns of results ('1st leg', '2nd leg'): the words do not say which
    margin, source = found[0]
    between = any(t.text in ("between", "and", "vs", "versus") for t in r.tokens)
    for index, token in enumerate(r.tokens):
        if token.used:
            continue
        if token.text in MARGIN_WORDS and _a_results_gap(r, index, source, between):
            _take(r, token, margin, [t for t in (r.at(index - 1),) if t is not None and t.text in UNITS])
        elif token.text in UNITS and _won_by(r, index):
            _take(r, token, margin, [])


def _a_results_gap(r: Reader, index: int, source: str, between: bool) -> bool:
    """'margin', 'goal difference', 'difference in score' or 'of points', 'the difference' with no two things
    compared."""
    token, before, after, then = r.tokens[index], r.at(index - 1), r.at(index + 1), r.at(index + 2)
    if token.text.startswith("margin") or token.text == "differential" or before is not None and before.text in UNITS:
        return True
    if after is not None and after.text in ("in", "of") and then is not None:
        return then.text in UNITS or any(s.column.name == source for s in then.of("column"))
    if after is not None and after.text == "between":
        return [t.text for t in r.tokens[index + 2:index + 5]] in (["the", "two", "teams"], ["the", "teams"])
    return not between


def _won_by(r: Reader, index: int) -> bool:
    """'won by the most points', 'beat them by the fewest goals': a win's size."""
    words = [t.text for t in r.tokens[max(0, index - 4):index]]
    return "by" in words and bool(set(words) & WON_BY) and r.tokens[index - 1].is_("super")


def _any_outcome(r: Reader, word: str) -> bool:
    """'of victory' says nothing more where no column tells wins from losses: every game decided has a winner's
    margin; where one does, the word is a condition of its own."""
    side = OUTCOME_WORDS.get(word)
    return word in OUTCOMES and (side is None or not outcome_columns(r, side))


def _take(r: Reader, token: Token, margin: Column, units: list[Token]) -> None:
    token.senses = [Sense("column", column=margin, strength=3)]
    index = r.index(token)
    rest = r.tokens[index + 1:]
    words = [t.text for t in rest]
    if words[:1] and words[0] in ("in", "of") and len(words) > 1 and (words[1] in UNITS or _any_outcome(r, words[1])):
        units += rest[:2]  # 'difference in goals', 'margin of victory' where no column says which games were won
        rest, words = rest[2:], words[2:]
    elif words[:1] and words[0] in UNITS:
        units.append(rest[0])  # 'margin points'
        rest, words = rest[1:], words[1:]
    if words[:1] and rest[0].is_("earning"):
        units.append(rest[0])  # 'goals scored'
        rest, words = rest[1:], words[1:]
    for said in (["between", "the", "two", "teams"], ["between", "the", "teams"], ["between", "both", "teams"]):
        if words[:len(said)] == said:
            units += rest[:len(said)]
    before = r.tokens[max(0, index - 4):index]
    if token.text in UNITS:  # 'won by the most points': the win is the gap
        units += [t for t in before if t.text in WON_BY | {"by"}]
    r.absorb(*units, meaning=f"the gap in {margin.name}")


DRAWN = {"draw", "draws", "drawn", "drew", "tied", "stalemate", "stalemates"}
ENDED = {"ended", "finished", "end", "ends", "finish", "were", "was", "are", "is", "remained", "stayed"}


def level_results(r: Reader, skip: set[int]) -> list[Condition]:
    """'how many games ended level', 'which opponents did they draw with', 'the only game that ended in a tie': a
    result whose two numbers are equal, read from the column of margins (a shoot-out in brackets aside)."""
    found = [c for c in r.catalogue.of_table(r.table) if _MARGIN_NAME.match(c.name)]
    if len(found) != 1:
        return []
    conditions = []
    for index, token in enumerate(r.tokens):
        if index in skip or token.used or not _drawn(r, index):
            continue
        words = [t for t in r.tokens[max(0, index - 3):index] if t.text in ENDED | {"in", "a", "to"} and not t.used]
        words = [*words, token]  # 'ended in a tie', 'finished level', 'held to a draw'
        conditions.append(Condition("value", words, Filter(column=r.name(found[0]), op="==", value=0), found[0]))
    return conditions


def _drawn(r: Reader, index: int) -> bool:
    token, before = r.tokens[index], r.at(index - 1)
    if token.text in DRAWN:
        return not drew_something(r, index)
    if token.text == "tie":  # 'ended in a tie'; 'which tie' in a cup is a match
        return before is not None and before.text == "a" and (r.at(index - 2) is not None and r.at(index - 2).text == "in")
    return token.text in ("level", "all square", "square") and before is not None and before.text in ENDED

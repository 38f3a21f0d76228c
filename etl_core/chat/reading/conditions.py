"""Which rows a question is about: values named, numbers compared, yes/no columns, empty cells.

Each condition is found once and kept pending (pending.py): the question's shape decides whether it filters
rows, becomes a condition on groups ('regions with revenue over 1M'), or is the answer itself
('is the richest person self-made?'). Values are found in named_values.py, numbers compared in
compared_numbers.py, yes/no columns, signs and empty cells in flags_and_blanks.py; dates in dates.py.
"""

from __future__ import annotations

from etl_core.chat.plan import Chip, ChipOption, Filter
from etl_core.chat.reading.compared_numbers import _comparisons
from etl_core.chat.reading.flags_and_blanks import _flags, _nulls, _signs
from etl_core.chat.reading.margins import level_results
from etl_core.chat.reading.named_values import _insides, _outcomes, _places, _values
from etl_core.chat.reading.pending import Condition
from etl_core.chat.reading.question import Question
from etl_core.chat.reading.state import Reader, Unanswerable
from etl_core.chat.reading.top_places import top_places


def find_conditions(r: Reader, skip: set[int]) -> list[Condition]:
    """Every condition the question states, in order; tokens in ``skip`` are kept for other rules. A condition's
    tokens are taken at once (no measure or group reads them again); its chip is said when it is applied."""
    found: list[Condition] = []
    for finder in (top_places, _comparisons, _signs, _nulls, _flags, _values, _places, _insides, level_results,
                   _outcomes):
        for condition in finder(r, skip):
            found.append(condition)
            for token in condition.tokens:
                token.used = token.used or f"condition: {condition.filter.words()}"
    return sorted(found, key=lambda c: r.index(c.tokens[-1]))


def _filters(r: Reader, q: Question) -> None:
    """Conditions no shape took filter the rows; periods and calendar parts too."""
    r.plan.filters += q.filters
    r.plan.date_ranges += q.ranges
    apply(r, q.conditions)
    q.conditions = []


def apply(r: Reader, conditions: list[Condition]) -> None:
    """Pending conditions become the plan's row filters, each said as a chip. Two values of one column cannot
    both hold for a row: 'Oregon Route 69 ... Oregon Route 90' keeps the rows of either."""
    by_column: dict[str, Condition] = {}
    for condition in list(conditions):
        if condition.kind != "value" or condition.filter.op not in ("==", "in"):
            continue
        first = by_column.setdefault(condition.filter.column, condition)
        if first is not condition:
            _not_met(r, first, condition)
            listed = [*(first.filter.value if first.filter.op == "in" else [first.filter.value]),
                      *(condition.filter.value if condition.filter.op == "in" else [condition.filter.value])]
            first.filter = Filter(column=first.filter.column, op="in", value=listed)
            first.tokens += condition.tokens
            conditions.remove(condition)
    for condition in conditions:
        if condition.count:
            raise Unanswerable(f"I could not tell what '{' '.join(t.text for t in condition.tokens)}' is counted over.",
                               hint="Name what is grouped, e.g. 'customers with more than 5 orders'.")
        r.plan.filters.append(condition.filter)
        place = f"#{id(condition.filter)}"  # the filter's place is settled when the plan is finished
        options = [ChipOption(label=o.label, path=o.path.format(i=place), value=o.value) for o in condition.options]
        options.append(ChipOption(label="drop this condition", path=f"filters.{place}", remove=True))
        shown_as = condition.column.shown_as if condition.column is not None else None
        say(r, condition, f"keep rows where {condition.filter.words(shown_as)}", options)


MEETING = {"played", "play", "plays", "met", "meet", "meets", "faced", "face", "faces", "beat", "beats", "defeated",
           "defeat", "defeats", "against", "vs", "versus", "v"}


def _not_met(r: Reader, first: Condition, other: Condition) -> None:
    """'the score when Kelso Rovers played Westmere': two sides of one match, each in its own column of the row
    (home, away); keeping the rows of either would answer about other matches."""
    between = r.tokens[r.index(first.tokens[-1]) + 1:r.index(other.tokens[0])]
    if any(t.text in MEETING for t in between):
        names = " and ".join(f"'{c.filter.value}'" for c in (first, other))
        raise Unanswerable(f"{names} are two sides of one match; I can only find the rows of either, not a row "
                           "with both.", hint="Ask about each side's rows, e.g. 'which games did X play'.")


def say(r: Reader, condition: Condition, meaning: str, options: list[ChipOption] | None = None) -> None:
    """A condition's chip: its phrase, what it was taken as, and what else it could be."""
    phrase = " ".join(t.text for t in condition.tokens)
    r.chips.append(Chip(phrase=phrase, meaning=meaning, kind="filter", options=options or []))
    for token in condition.tokens:
        token.used = meaning

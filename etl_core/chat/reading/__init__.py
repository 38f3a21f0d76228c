"""A question in plain words -> its readings as query plans, with no network.

The question is lexed into typed tokens once (chat/tokens.py); small rules then build the plan:
periods (dates.py), conditions (conditions.py), groups and measures (measures.py), and the shape
of the question (shapes.py and the shapes it tries: compare.py, superlatives.py, positions.py,
how_many.py, aggregates.py, yes_no.py). Every token is used by a rule or carries no
meaning of its own; a content word nothing used means no answer. Where a rule meets a real choice,
the question is read once per option: readings whose answers agree give the answer, readings that
disagree are offered back as choices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl_core.chat.catalogue import Catalogue
from etl_core.chat.day_mentions import mark_days
from etl_core.chat.plan import QueryPlan
from etl_core.chat.reading import follow_up
from etl_core.chat.reading.conditions import find_conditions
from etl_core.chat.reading.dates import read_dates, weekday_filters
from etl_core.chat.reading.margins import read_margins
from etl_core.chat.reading.measures import read_groups
from etl_core.chat.reading.question import Question, question_kind, read_top
from etl_core.chat.reading.same import read_same
from etl_core.chat.reading.settle import settle
from etl_core.chat.reading.shapes import build
from etl_core.chat.reading.spans import read_spans
from etl_core.chat.reading.state import Choices, Reader, Unanswerable, Unplaced
from etl_core.chat.reading.units import in_said_units, qualifying_units
from etl_core.chat.tokens import Token, lex, split_words
from etl_core.chat.vocabulary import CHARTS, DESCRIBE_WORDS, GREETINGS, MAX_QUESTION, RANKING_ADJECTIVES
from etl_core.chat.wording import singular

MAX_READINGS = 6

__all__ = ["Reading", "Unanswerable", "Unplaced", "read"]


@dataclass
class Reading:
    plan: QueryPlan
    choices: list[str]  # the option taken at each choice point


def read(question: str, catalogue: Catalogue, tables: list[str], previous: QueryPlan | None = None) -> list[Reading]:
    """Every reading of the question (the preferred first), or Unanswerable saying why there is none."""
    text = " ".join(question.split())
    if not text:
        raise Unanswerable("The question is empty.", hint="Ask something like 'total revenue by region'.")
    if len(text) > MAX_QUESTION:
        raise Unanswerable(f"The question is longer than {MAX_QUESTION} characters.", hint="Ask one short question at a time.")
    text, either = _either_way(text)
    paths: list[tuple[int, ...]] = [()]
    seen = {()}
    readings: list[Reading] = []
    errors: list[Unanswerable] = []
    while paths and len(readings) + len(errors) < MAX_READINGS:
        choices = Choices(paths.pop(0))
        try:
            readings.append(Reading(_read_once(text, catalogue, tables, previous, choices), choices.labels))
        except Unanswerable as error:
            errors.append(error)
        for other in choices.others():
            if other not in seen:
                seen.add(other)
                paths.append(other)
    if either:  # 'more or less than 8': read as 'more than 8?', answered with the word that holds
        readings = [r for r in readings if r.plan.test is not None and r.plan.test.op in either[2]
                    and _same_number(r.plan.test.value, either[3])]
        for reading in readings:
            reading.plan.test_words = list(either[:2])
        if not readings:
            raise Unanswerable(f"I could not tell what is {either[0]} or {either[1]}.",
                               hint="Ask whether it is more than the number, e.g. 'are there more than 8 rows'.")
    if not readings:
        raise errors[0]
    return readings


_EITHER = re.compile(r"\b(more|above|over|greater|higher|bigger|larger|less|below|under|fewer|lower|smaller)"
                     r",? or (less|below|under|fewer|lower|smaller|more|above|over|greater|higher|bigger|larger)\b")
_UP = {"more", "above", "over", "greater", "higher", "bigger", "larger"}


def _either_way(text: str) -> tuple[str, tuple[str, str, tuple[str, ...], float] | None]:
    """'are there more or less than 8 rows' -> 'are there more than 8 rows', and the two words, the test's ops and
    the number the test must be against (not 'are there rows over 8', a test of whether any row is)."""
    found = _EITHER.search(text.lower())
    number = re.match(r"\s+(?:than\s+)?(\d[\d,]*(?:\.\d+)?)\b", text[found.end():]) if found else None
    if found is None or number is None or (found.group(1) in _UP) == (found.group(2) in _UP):
        return text, None
    ops = (">", ">=") if found.group(1) in _UP else ("<", "<=")
    return text[:found.end(1)] + text[found.end(2):], (found.group(1), found.group(2), ops,
                                                       float(number.group(1).replace(",", "")))


def _same_number(value: object, number: float) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and abs(value - number) < 1e-9


def _read_once(text: str, catalogue: Catalogue, tables: list[str], previous: QueryPlan | None,
               choices: Choices) -> QueryPlan:
    catalogue = in_said_units(text, catalogue, tables)
    tokens = mark_days(lex(text, catalogue, tables), catalogue, tables)
    if previous is not None and previous.table in tables and follow_up.is_follow_up(tokens):
        reader = Reader(tokens, catalogue, previous.table, choices, {j.table: j.on for j in previous.joins})
        plan = follow_up.change(reader, previous)
        if plan is not None:
            return plan
        tokens = mark_days(lex(text, catalogue, tables), catalogue, tables)
    table = _pick_table(tokens, catalogue, tables, choices)
    r = Reader(tokens, catalogue, table, choices)
    if _greeting(tokens):
        return QueryPlan(table=table, intent="help")
    if any(t.is_("describe") for t in tokens):
        return _describe(r)
    _chart(r)
    kind, word = question_kind(r)
    q = Question(kind, word)
    _time_taken(r)
    qualifying_units(r)
    read_margins(r)
    read_spans(r)
    reserved = _reserved(r)
    q.ranges, q.filters = read_dates(r, reserved)  # first: 'the last 6 months' is a period, not a top 6
    q.filters += weekday_filters(r, reserved)
    q.top = read_top(r)
    read_same(r)  # before the conditions: the row compared with is no filter of its own
    q.conditions = find_conditions(r, reserved)
    q.groups = read_groups(r)
    build(r, q)
    settle(r)
    unplaced = r.unplaced()
    if unplaced:
        said = ", ".join(f"'{t.text}'" for t in unplaced)
        raise Unplaced(f"I could not place {said}: {'it matches' if len(unplaced) == 1 else 'they match'} "
                       f"no column, value or word I know in '{table}'.", _droppable(unplaced),
                       hint=r.hint([t.text for t in unplaced]))
    return r.finish()


TIME_VERBS = {"take", "took", "taken", "takes", "last", "lasted", "lasts", "serve", "served", "hold", "held", "reign",
              "reigned", "stay", "stayed", "run", "ran", "play", "played", "survive", "survived", "live", "lived"}


def _time_taken(r: Reader) -> None:
    """'how long did it take', 'how long did he serve': a length of time, never a distance or a track's length."""
    if not any(t.text in TIME_VERBS for t in r.tokens):
        return
    for token in r.tokens:
        if token.text == "long":
            token.senses = [s for s in token.senses if s.kind != "column" or "duration" in s.column.concepts]


def _droppable(unplaced: list[Token]) -> list[str]:
    """Words a reading without them could still be offered for: never a 'no', a number or a comparison, whose
    leaving out would turn the question around."""
    if any(t.is_("negation", "number", "comparator", "year", "super", "comparative", "quoted") for t in unplaced):
        return []
    return [t.text for t in unplaced]


def _reserved(r: Reader) -> set[int]:
    """Tokens other rules must leave for the question's shape: two things compared, the row a neighbour is of."""
    from etl_core.chat.reading.compare import find_pair, than_comparator
    from etl_core.chat.reading.positions import anchor_of, steps_before

    kept: set[int] = set()
    comparing = any(t.is_("comparative", "super", "difference", "change", "rank_adj") or than_comparator(t)
                    or t.text in ("vs", "versus", "compared") for t in r.tokens) \
        or r.tokens and r.tokens[0].is_("yesno") and any(t.text == "or" for t in r.tokens)
    pair = find_pair(r) if comparing else None
    if pair is not None:
        kept |= {r.index(t) for side in pair[:2] for t in side.tokens}
    for token in r.tokens:
        if token.is_("neighbour"):
            anchor, _ = anchor_of(r, token)
            if anchor is not None and r.row_named(anchor) and not anchor.is_("year", "number"):
                kept.add(r.index(anchor))
                kept |= {r.index(t) for t in steps_before(r, token)}  # 'two places behind X': not a 2nd place
    return kept


def _pick_table(tokens: list[Token], catalogue: Catalogue, tables: list[str], choices: Choices) -> str:
    """The table the question names most: its name, its columns (a measure weighs more), its values."""
    if len(tables) == 1:
        return tables[0]
    scores = dict.fromkeys(tables, 0.0)
    for token in tokens:  # each phrase counts once per table, by its strongest meaning there
        best = dict.fromkeys(tables, 0.0)
        for sense in token.senses:
            if sense.kind == "table":
                weight, table = 2.0, sense.value
            elif sense.kind == "column":  # only the table holding a measure can compute it
                weight, table = (3 if sense.column.role == "measure" else 1) * sense.strength / 3, sense.column.table
            elif sense.kind == "value":
                weight, table = 0.5, sense.column.table
            elif sense.kind == "transaction":
                weight, table = 2.0, max(tables, key=lambda t: catalogue.rows[t])
            else:
                continue
            best[table] = max(best[table], weight)
        for table, weight in best.items():
            scores[table] += weight
    for token in tokens:  # 'the most expensive': the tables with a price
        for table in {c.table for c in catalogue.columns if c.table in tables and _ranks(token, c)}:
            scores[table] += 1
    ranking = any(t.is_("super") and t.text not in ("most", "least", "fewest") for t in tokens)
    measured = any(s.kind == "column" and s.column.role == "measure" for t in tokens for s in t.senses)
    for table in tables:  # a table that can look another up answers for its columns too ('top customers by revenue')
        for other in catalogue.join_keys(table):
            scores[table] += (1.0 if ranking and not measured else 0.5) * min(scores[other], 2)
    words = {singular(w) for t in tokens for w in t.text.split()}
    for table in tables:
        if any(w in (singular(table.lower()) + "ed", singular(table.lower()) + "d") for w in words):
            scores[table] += 2  # 'customers who ordered': counted in orders
    best = max(scores.values())
    ranked = sorted((t for t in tables if scores[t] == best), key=lambda t: -catalogue.rows[t])
    return ranked[0]


def _ranks(token: Token, column) -> bool:
    words = RANKING_ADJECTIVES.get(token.text) if token.is_("rank_adj") else None
    return bool(words) and any(set(w.split()) <= set(column.parts) for w, _ in words)


def _greeting(tokens: list[Token]) -> bool:
    return bool(tokens) and tokens[0].is_("greeting") and all(t.is_("greeting", "function") for t in tokens)


def _describe(r: Reader) -> QueryPlan:
    word = next(t for t in r.tokens if t.is_("describe"))
    column = next((c for t in r.tokens[r.index(word) + 1:] for c in r.columns_of(t)), None)
    plan = QueryPlan(table=r.table, intent="describe", column=r.name(column) if column else None)
    if word.text in ("distribution", "histogram", "spread"):
        if column is None or column.role != "measure":
            raise Unanswerable("A distribution needs a column of numbers.", hint=r.hint())
        plan.chart = "histogram"
    return plan


def _chart(r: Reader) -> None:
    for token in r.tokens:
        if token.is_("chart") and not token.used:
            before = r.at(r.index(token) - 1)
            after = r.at(r.index(token) + 1)
            if (before is not None and before.text in ("as", "a", "an", "in")) or (after is not None and after.text in (
                    "chart", "plot", "graph")) or token.text.endswith(("chart", "plot")):
                r.plan.chart = CHARTS[token.text]
                r.use(token, f"drawn as a {CHARTS[token.text]}", "word")
                for other in (before, after):
                    if other is not None and other.text in ("as", "a", "an", "chart", "plot", "graph", "in"):
                        r.absorb(other)


def words_of(question: str) -> list[str]:
    return split_words(question)


_ = (GREETINGS, DESCRIBE_WORDS)

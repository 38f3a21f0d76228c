"""Questions in plain words -> answers: a value, a sentence, a table, a chart, and the reading behind them.

``answer_question`` is the entry for the chat page, the command line and the HTTP API. The built-in
reader needs no network; no code is ever generated or run. A question is read into query plans
(chat/reading); each plan is compiled to one pipeline spec and run by the executor (chat/answer.py).
When the readings of a question give different answers, the answer is a question back: its
``alternatives``, each a plan the analyst can choose.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go
import polars as pl

from etl_core.chat.answer import run, sql_of
from etl_core.chat.catalogue import Catalogue, build
from etl_core.chat.describe import describe_plan, examples, suggestions
from etl_core.chat.figures import figure_for
from etl_core.chat.llm import LLMConfig, plan_with_llm
from etl_core.chat.plan import Chip, QueryPlan
from etl_core.chat.prepare import prepare_tables
from etl_core.chat.reading import Unanswerable, Unplaced, read
from etl_core.errors import InputError

__all__ = ["Alternative", "Answer", "LLMConfig", "QueryPlan", "answer_plan", "answer_question", "suggestions"]

ORDINAL_REPLIES = {"first": 0, "1": 0, "one": 0, "second": 1, "2": 1, "two": 1, "third": 2, "3": 2, "three": 2,
                   "fourth": 3, "4": 3, "last": -1}


@dataclass
class Alternative:
    """One reading offered back: its words, and the plan that answers it."""

    label: str
    plan: QueryPlan


@dataclass
class Answer:
    """What a question gets. ``value`` is None when the question could not be answered or is asked back."""

    value: Any
    text: str
    table: pl.DataFrame | None = None
    figure: go.Figure | None = None
    plan: QueryPlan | None = None
    sql: str | None = None
    notes: list[str] = field(default_factory=list)
    alternatives: list[Alternative] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return self.plan is not None and self.plan.intent != "help" and self.value is not None

    @property
    def reading(self) -> list[Chip]:
        return self.plan.reading if self.plan is not None else []


def answer_question(question: str, tables: dict[str, pl.DataFrame], previous: QueryPlan | None = None,
                    catalogue: Catalogue | None = None, llm: LLMConfig | None = None,
                    choices: list[Alternative] | None = None) -> Answer:
    """Answer from the tables in play; a question it cannot read gets a decline or a question back, never a guess.

    ``catalogue`` (from catalogue.build) may be kept between questions; its tables must then be prepared
    already (chat.prepare). ``choices`` are the alternatives of the last answer: a reply such as 'the first
    one' takes one. With ``llm`` set, an LLM fills in the plan first; an unusable plan falls back to the
    built-in reader and the answer says so."""
    if not tables:
        return Answer(None, "There is no data to ask about yet: attach a file or pick a data source.")
    read_as: list[str] = []
    if catalogue is None:  # a caller that keeps a catalogue prepared its tables with it (conversations does)
        tables, read_as, written, units = prepare_tables(tables)
        catalogue = build(tables, written, units)
    chosen = pick_choice(question, choices or [])
    answer = answer_plan(chosen.plan, tables) if chosen is not None else _answer(question, tables, previous, catalogue, llm)
    answer.notes += read_as
    return answer


def pick_choice(reply: str, choices: list[Alternative]) -> Alternative | None:
    """'the first one', '2', 'option two', or the choice's own words."""
    if not choices:
        return None
    text = " ".join(re.findall(r"[a-z0-9%]+", reply.lower()))
    for label in (c.label.lower() for c in choices):
        if text and text == " ".join(re.findall(r"[a-z0-9%]+", label)):
            return next(c for c in choices if c.label.lower() == label)
    words = set(text.split()) - {"the", "one", "option", "choice", "reading", "please", "i", "mean", "meant", "number"}
    if len(words) == 1 or text in ("the first one", "the second one", "the last one"):
        word = next(iter(words or {text.split()[1]}))
        if word in ORDINAL_REPLIES and abs(ORDINAL_REPLIES[word]) <= len(choices):
            index = ORDINAL_REPLIES[word]
            return choices[index] if index < len(choices) else None
    return None


def answer_plan(plan: QueryPlan, tables: dict[str, pl.DataFrame]) -> Answer:
    """The answer to one plan: chosen from a question back, edited through its reading, or an LLM's."""
    if plan.intent == "help":
        return Answer(None, examples(build(tables)), plan=plan)
    try:
        result = run(plan, tables)
    except InputError as error:
        return Answer(None, f"I can't answer that: {error}", plan=plan)
    text = result.text
    sql = sql_of(result.compiled, tables) if result.compiled is not None else None
    return Answer(result.value, text, result.table, figure_for(plan, result), plan, sql, list(plan.notes))


def _answer(question: str, tables: dict[str, pl.DataFrame], previous: QueryPlan | None, catalogue: Catalogue,
            llm: LLMConfig | None) -> Answer:
    fallback = ""
    if llm is not None and question.strip():
        try:
            plan = plan_with_llm(question, tables, catalogue, previous, llm)
            answer = answer_plan(plan, tables)
            if answer.value is not None or plan.intent == "help":
                return answer
            reason = answer.text.removeprefix("I can't answer that: ").rstrip(".")
            fallback = f"(The LLM planner could not be used: its plan gave no answer ({reason}). Answered by the " \
                       "built-in planner.) "
        except InputError as error:  # an unusable reply
            fallback = f"(The LLM planner could not be used: {error}. Answered by the built-in planner.) "
    try:
        readings = read(question, catalogue, list(tables), previous)
    except Unplaced as error:
        offered = _without_words(question, error, tables, catalogue, previous)
        return offered or Answer(None, f"{fallback}I can't answer that: {error}\n\n{examples(catalogue)}")
    except Unanswerable as error:
        return Answer(None, f"{fallback}I can't answer that: {error}\n\n{examples(catalogue)}")
    if readings[0].plan.intent == "help":
        return Answer(None, examples(catalogue), plan=readings[0].plan)
    answers = [(reading, answer_plan(reading.plan, tables)) for reading in readings]
    usable = [(reading, a) for reading, a in answers if a.value is not None]
    if not usable:
        answer = answers[0][1]
        answer.text = fallback + answer.text
        return answer
    first = usable[0][1]
    if all(same_value(first.value, a.value) for _, a in usable[1:]):
        if len(usable) > 1:
            first.notes.append(f"{len(usable)} readings of the question give this same answer.")
        if fallback:
            first.text, first.notes = fallback + first.text, [*first.notes, fallback.strip("() ")]
        return first
    return _tie_broken_by_order(usable) or _ask_back(usable)


def _without_words(question: str, error: Unplaced, tables: dict[str, pl.DataFrame], catalogue: Catalogue,
                   previous: QueryPlan | None) -> Answer | None:
    """Words that could not be placed ('flagship'): no number, but the question read without them, offered as a
    choice the analyst can take (or ask again in other words)."""
    text = question
    dropped = list(error.words)
    if not dropped:
        return None
    for _ in range(2):  # 'for the flagship stores': 'stores' may be left over once 'flagship' goes
        for word in dropped:
            text = re.sub(rf"(?i)\b{re.escape(word)}\b", " ", text)
        try:
            readings = read(text, catalogue, list(tables), previous)
            break
        except Unplaced as again:
            if not again.words:
                return None
            dropped += [w for w in again.words if w not in dropped]
        except Unanswerable:
            return None
    else:
        return None
    usable = [a.plan for a in (answer_plan(r.plan, tables) for r in readings) if a.value is not None]
    if not usable or usable[0].intent == "help":
        return None
    said = ", ".join(f"'{w}'" for w in dropped)
    alternatives = [Alternative(f"{describe_plan(plan)}, leaving out {said}", plan) for plan in usable[:3]]
    listed = "\n".join(f"{i}. {a.label}" for i, a in enumerate(alternatives, start=1))
    text = (f"I could not place {said} in '{usable[0].table}', so I have not answered. Did you mean:\n{listed}\n\n"
            f"Or ask again naming a column or a value. {error.hint or ''}".rstrip())
    return Answer(None, text, plan=None, alternatives=alternatives)


def _tie_broken_by_order(usable: list) -> Answer | None:
    """'the last episode' read by the table's order and by the latest air date, where two episodes share that date and
    the last listed is one of them: the readings agree, the table's order only picks among the tied rows."""
    ordered = [a for _, a in usable if a.plan.row_order and not isinstance(a.value, list)]
    tied = [a for _, a in usable if a.plan.ties and isinstance(a.value, list)]
    if len(ordered) != 1 or len(tied) + 1 != len(usable) or not all(
            any(same_value(ordered[0].value, v) for v in a.value) for a in tied):
        return None
    answer = ordered[0]
    answer.notes.append(f"{len(tied[0].value)} rows tie by {tied[0].plan.order[0].column}; the one the table lists "
                        f"{'last' if answer.plan.order and answer.plan.order[0].descending else 'first'} is taken.")
    return answer


def _ask_back(usable: list) -> Answer:
    """Readings that disagree: the question back, each reading a choice."""
    alternatives = []
    for reading, answer in usable:
        label = describe_plan(answer.plan)
        if any(a.label == label for a in alternatives):
            label = f"{label} ({'; '.join(reading.choices)})"
        alternatives.append(Alternative(label, answer.plan))
    listed = "\n".join(f"{i}. {a.label}" for i, a in enumerate(alternatives, start=1))
    text = f"This question can be read in {len(alternatives)} ways that give different answers. Did you mean:\n{listed}"
    return Answer(None, text, plan=None, alternatives=alternatives)


def same_value(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, list) and len(a) == 1:
        return same_value(a[0], b)
    if isinstance(b, list) and len(b) == 1:
        return same_value(a, b[0])
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b

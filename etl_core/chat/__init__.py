"""Questions in plain words -> answers: a value, a sentence, a table, a chart, and the plan behind them.

``answer_question`` is the entry for the chat page, the command line and the HTTP API.
The deterministic planner needs no network; no code is ever generated or run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go
import polars as pl

from etl_core.chat.catalogue import Catalogue, build
from etl_core.chat.execute import run_plan
from etl_core.chat.figures import figure_for
from etl_core.chat.llm import LLMConfig, plan_with_llm
from etl_core.chat.plan import QueryPlan
from etl_core.chat.planner import Unanswerable, plan_question
from etl_core.chat.prepare import prepare_tables
from etl_core.chat.sql import plan_sql
from etl_core.errors import InputError

__all__ = ["Answer", "LLMConfig", "QueryPlan", "answer_question", "suggestions"]


@dataclass
class Answer:
    """What a question gets. ``value`` is None when the question could not be answered."""

    value: Any
    text: str
    table: pl.DataFrame | None = None
    figure: go.Figure | None = None
    plan: QueryPlan | None = None
    sql: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return self.plan is not None and self.plan.intent != "help"


def answer_question(question: str, tables: dict[str, pl.DataFrame], previous: QueryPlan | None = None,
                    catalogue: Catalogue | None = None, llm: LLMConfig | None = None) -> Answer:
    """Answer from the tables in play; a question it cannot map gets help, never a guess.

    ``catalogue`` (from catalogue.build) may be kept between questions; its tables must then be
    ready already (chat.prepare). With ``llm`` set, an LLM fills in the plan first; an unusable
    plan falls back to the deterministic planner and the answer says so."""
    if not tables:
        return Answer(None, "There is no data to ask about yet: attach a file or pick a data source.")
    read_as: list[str] = []
    if catalogue is None:  # a caller that keeps a catalogue prepared its tables with it (conversations does)
        tables, read_as = prepare_tables(tables)  # numbers written as text ('$1,250.50') are numbers here
        catalogue = build(tables)
    answer = _plan_and_answer(question, tables, previous, catalogue, llm)
    answer.notes += read_as
    return answer


def _plan_and_answer(question: str, tables: dict[str, pl.DataFrame], previous: QueryPlan | None,
                     catalogue: Catalogue, llm: LLMConfig | None) -> Answer:
    fallback = ""
    if llm is not None and " ".join(question.split()):
        try:
            plan = plan_with_llm(question, tables, catalogue, previous, llm)
            return _answer(plan, tables, catalogue) if plan.intent != "help" else Answer(None, _examples(catalogue), plan=plan)
        except InputError as error:  # an unusable reply, or a plan that failed when run
            fallback = f"(The LLM planner could not be used: {error}. Answered by the built-in planner.) "
    try:
        plan = plan_question(question, catalogue, previous)
    except Unanswerable as error:
        return Answer(None, f"{fallback}I can't answer that: {error}\n\n{_examples(catalogue)}")
    if plan.intent == "help":
        return Answer(None, _examples(catalogue), plan=plan)
    try:
        answer = _answer(plan, tables, catalogue)
    except InputError as error:
        return Answer(None, f"{fallback}I can't answer that: {error}", plan=plan, sql=plan_sql(plan, _columns(tables)))
    if fallback:
        answer.text = fallback + answer.text
        answer.notes.append(fallback.strip("() "))
    return answer


def _answer(plan: QueryPlan, tables: dict[str, pl.DataFrame], catalogue: Catalogue) -> Answer:
    try:
        result = run_plan(plan, tables)
    except (InputError, pl.exceptions.PolarsError) as error:  # one line an analyst can read
        raise InputError(str(error).splitlines()[0]) from error
    if plan.bucket == "auto" and result.bucket:
        plan = plan.model_copy(update={"bucket": result.bucket})  # kept settled: a saved pipeline needs the unit
    text = result.text
    unused = [n for n in plan.notes if n.startswith("Not used:")]
    if unused:  # say what was left out rather than pass off a partial reading as the answer
        text += f" {unused[0]}"
    return Answer(result.value, text, result.table, figure_for(plan, result), plan, plan_sql(plan, _columns(tables)),
                  list(plan.notes))


def _columns(tables: dict[str, pl.DataFrame]) -> dict[str, list[str]]:
    return {name: frame.columns for name, frame in tables.items()}


def suggestions(catalogue: Catalogue, table: str | None = None, limit: int = 5) -> list[str]:
    """Questions that fit the data's own columns and values."""
    table = table or max(catalogue.rows, key=lambda t: catalogue.rows[t])
    columns = catalogue.of_table(table)
    measures = [c.name for c in columns if c.role == "measure"]
    categories = [c for c in columns if c.role == "category"]
    dates = [c.name for c in columns if c.role == "date"]
    found = []
    if measures and categories:
        found.append(f"total {measures[0]} by {categories[0].name}")
        ranked = max(categories, key=lambda c: c.distinct)  # 'top 5' of a column with 4 values ranks nothing
        found.append(f"top {min(5, max(ranked.distinct - 1, 1))} {ranked.name} by {measures[0]}")
    if measures and dates:
        found.append(f"{measures[0]} per month")
    if categories:
        value = next((str(v) for v, places in catalogue.values.items() for c, _ in places if c is categories[0]), None)
        if value and measures:
            found.append(f"average {measures[-1]} for {value}")
        found.append(f"which {categories[0].name} are there")
    found.append("what's in this table")
    return found[:limit]


def _examples(catalogue: Catalogue) -> str:
    tables = ", ".join(f"{t} ({n:,} rows)" for t, n in catalogue.rows.items())
    lines = "\n".join(f"- {s}" for s in suggestions(catalogue))
    return f"I can answer questions about {tables}. For example:\n{lines}"

"""Plans and tables in words: a reading's short label (for the question back), examples, suggestion chips."""

from __future__ import annotations

from etl_core.chat.catalogue import Catalogue
from etl_core.chat.compile import measure_names
from etl_core.chat.plan import QueryPlan


def describe_plan(plan: QueryPlan) -> str:
    """'total revenue per distinct customer_id', 'the city of the row with the lowest age where ...'."""
    names = measure_names(plan, set(plan.group_by))
    where = [f.words() for f in plan.filters] + ([plan.same.words()] if plan.same else []) + \
        [f"{r.column} in {r.label}" for r in plan.date_ranges]
    said = f" where {' and '.join(where)}" if where else ""
    if plan.intent == "list":
        return f"the distinct {plan.column} values{said}"
    if plan.intent == "pick":
        if plan.offset:
            order = f" by {plan.offset_by}" if plan.offset_by else ""
            return f"the {plan.column} of the row {'after' if plan.offset > 0 else 'before'} the one{said}{order}"
        if plan.order:
            key = plan.order[0]
            by = "the table's order" if key.column == "@row" else key.column
            end = ("last" if key.descending else "first") if key.column == "@row" else \
                ("highest" if key.descending else "lowest")
            nth = f"number {plan.nth} " if plan.nth and plan.nth > 1 else ""
            return f"the {plan.column} of the {nth}{end} row by {by}{said}"
        return f"the {plan.column} of the rows{said}"
    answer = names[plan.answer_measure()] if names else "rows"
    groups = ([plan.bucket] if plan.bucket else []) + plan.group_by
    by = f" by {', '.join(groups)}" if groups else ""
    having = " and ".join(h.model_copy(update={"column": names[int(h.column[1:])] if h.column.startswith("@") else
                                               h.column}).words() for h in plan.having)
    if plan.intent == "top" and having and not plan.order and not plan.limit:
        return f"the {', '.join(plan.group_by)} groups with {having}{said}"
    if plan.intent == "top":
        direction = "highest" if not plan.order or plan.order[0].descending else "lowest"
        return f"the {', '.join(plan.group_by)} with the {direction} {answer}{said}"
    if plan.intent == "count":
        return f"the number of {', '.join(plan.group_by)} groups with {having}{said}"
    if plan.test is not None:
        return f"whether {answer} {plan.test.words().split(' ', 1)[-1]}{said}"
    return f"{answer}{by}{said}"


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
        value = next((str(v) for places in catalogue.values.values() for c, v in places if c is categories[0]), None)
        if value and measures:
            found.append(f"average {measures[-1]} for {value}")
        found.append(f"which {categories[0].name} are there")
    found.append("what's in this table")
    return found[:limit]


def examples(catalogue: Catalogue) -> str:
    tables = ", ".join(f"{t} ({n:,} rows)" for t, n in catalogue.rows.items())
    lines = "\n".join(f"- {s}" for s in suggestions(catalogue))
    return f"I can answer questions about {tables}. For example:\n{lines}"

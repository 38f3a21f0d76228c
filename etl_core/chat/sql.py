"""A query plan as the equivalent SQL, shown in the answer's expander (never executed)."""

from __future__ import annotations

from etl_core.chat.plan import Filter, QueryPlan
from etl_core.steps.base import lit, q

AGG_SQL = {"sum": "SUM({})", "mean": "AVG({})", "median": "MEDIAN({})", "min": "MIN({})", "max": "MAX({})",
           "count": "COUNT({})", "n_unique": "COUNT(DISTINCT {})", "std": "STDDEV_SAMP({})", "var": "VAR_SAMP({})"}


def plan_sql(plan: QueryPlan, columns: dict[str, list[str]] | None = None) -> str:
    """columns (each table's column names) lets a plan with joins name the looked-up columns."""
    where = [condition_sql(f) for f in plan.filters]
    ranges = []
    for r in plan.date_ranges:
        parts = ([f"{q(r.column)} >= {lit(r.start)}"] if r.start else []) + ([f"{q(r.column)} < {lit(r.end)}"] if r.end else [])
        ranges.append(" AND ".join(parts) or "TRUE")
    if ranges:
        where.append("(" + " OR ".join(f"({r})" for r in ranges) + ")" if len(ranges) > 1 else ranges[0])
    clause = f"\nWHERE {' AND '.join(where)}" if where else ""
    source = _from(plan, columns or {})
    if plan.intent == "list":
        return f"SELECT DISTINCT {q(plan.column)}\nFROM {source}{clause}\nORDER BY 1"
    if plan.intent == "exists":
        return f"SELECT COUNT(*) > 0 AS any_rows\nFROM {source}{clause}"
    if plan.intent == "all_unique":
        return f"SELECT COUNT(*) = COUNT(DISTINCT {q(plan.column)}) AS all_unique\nFROM {source}{clause}"
    if plan.intent in ("describe", "help"):
        return f"SELECT *\nFROM {source}\nLIMIT 100"
    keys = []
    if plan.bucket:
        unit = plan.bucket if plan.bucket != "auto" else "month"
        keys.append(f"DATE_TRUNC('{unit}', {q(plan.date_column)}) AS {q(unit)}")
    keys += [q(c) for c in plan.group_by]
    measures = [f"{AGG_SQL[m.agg].format(q(m.column) if m.column else '*')} AS {q(m.name)}" for m in plan.measures]
    select = ", ".join(keys + measures)
    group = f"\nGROUP BY {', '.join(str(i + 1) for i in range(len(keys)))}" if keys else ""
    order = ""
    if keys and plan.measures:
        direction = "ASC" if plan.sort_desc is False else "DESC"
        order = "\nORDER BY 1" if plan.bucket else f"\nORDER BY {q(plan.measures[0].name)} {direction}"
    limit = f"\nLIMIT {plan.limit}" if plan.limit else ""
    return f"SELECT {select}\nFROM {source}{clause}{group}{order}{limit}"


def condition_sql(item: Filter) -> str:
    column = q(item.column)
    if item.op in ("in", "not_in"):
        values = ", ".join(lit(v) for v in (item.value if isinstance(item.value, list) else [item.value]))
        return f"{column} {'NOT ' if item.op == 'not_in' else ''}IN ({values})"
    if item.op == "between":
        return f"{column} BETWEEN {lit(item.value[0])} AND {lit(item.value[1])}"
    if item.op in ("contains", "starts_with", "ends_with"):
        pattern = {"contains": "%{}%", "starts_with": "{}%", "ends_with": "%{}"}[item.op].format(item.value)
        return f"{column} ILIKE {lit(pattern)}"
    return f"{column} {'=' if item.op == '==' else item.op} {lit(item.value)}"


def _from(plan: QueryPlan, columns: dict[str, list[str]]) -> str:
    if not plan.joins:
        return q(plan.table)
    own = set(columns.get(plan.table, []))
    picked, joins = ["m.*"], []
    for index, join in enumerate(plan.joins, start=1):
        alias = f"j{index}"
        for name in columns.get(join.table, []):
            if name in join.on:
                continue
            picked.append(f"{alias}.{q(name)}" + (f" AS {q(f'{name}_{join.table}')}" if name in own else ""))
        condition = " AND ".join(f"m.{q(k)} = {alias}.{q(k)}" for k in join.on)
        joins.append(f"LEFT JOIN {q(join.table)} AS {alias} ON {condition}")
    return f"(\n  SELECT {', '.join(picked)}\n  FROM {q(plan.table)} AS m {' '.join(joins)}\n) AS joined"

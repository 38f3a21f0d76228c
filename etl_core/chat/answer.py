"""A plan's answer: its spec run by the executor, then read as a value and said in a sentence.

The value is what the question asks for: the labels for 'which X', the number for 'how many',
the measure's values in the table's order for a grouped figure, a yes or no, None when there
is nothing to say. The table carries the rest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from etl_core.analyzers import profile
from etl_core.chat.checks import check
from etl_core.chat.compile import ANSWER, Compiled, compile_plan, measure_names
from etl_core.chat.plan import AGG_WORDS, QueryPlan
from etl_core.errors import InputError, SluiceError
from etl_core.executor import result_frame
from etl_core.inference import duration_text
from etl_core.sqlgen import compile_sql
from etl_core.steps import StepContext

MAX_ROWS = 1_000
HISTOGRAM_SAMPLE = 100_000
BLANK = "(blank)"
MAX_TIED = 3


@dataclass
class Result:
    value: Any
    table: pl.DataFrame | None
    text: str
    compiled: Compiled | None = None
    values: pl.Series | None = None  # one column's values, for a histogram
    notes: list[str] = field(default_factory=list)
    figures: pl.DataFrame | None = None  # the table before durations were written as text: what a chart plots


def context(tables: dict[str, pl.DataFrame]) -> StepContext:
    def source(name: str) -> pl.LazyFrame:
        if name not in tables:
            raise InputError(f"There is no table '{name}' in play.", hint=f"Tables: {', '.join(tables)}.")
        return tables[name].lazy()

    return StepContext(source=source, source_rows=lambda name: tables[name].height if name in tables else None)


def run(plan: QueryPlan, tables: dict[str, pl.DataFrame]) -> Result:
    """The plan's result, through the one path every plan takes: compile, then the executor."""
    if plan.intent == "describe":
        return _describe(plan, tables)
    check(plan, lambda probe: run(probe, tables).value)
    compiled = compile_plan(plan)
    try:
        frame = result_frame(compiled.spec, {}, context(tables), rows=MAX_ROWS + 1)
    except SluiceError as error:
        raise InputError(str(error).splitlines()[0]) from error
    more = frame.height > MAX_ROWS
    numbers = rounded_sums(plan, compiled, frame.head(MAX_ROWS), tables)
    frame = as_written(plan, compiled, numbers)
    value = read_value(plan, compiled, frame)
    text = sentence(plan, compiled, frame, value) + tied_at_cut(plan, compiled, frame, tables)
    if more:
        text += f" (The first {MAX_ROWS:,} rows are shown.)"
    return Result(value, frame, text, compiled, figures=numbers if frame is not numbers else None)


KEEPS_UNIT = {"sum", "mean", "median", "min", "max", "first", "last"}


def as_written(plan: QueryPlan, compiled: Compiled, frame: pl.DataFrame) -> pl.DataFrame:
    """Durations computed in seconds, written back as the table writes them ('4:47'): the column itself, and a
    total, average, extreme or difference of it."""
    if not plan.shown_as:
        return frame
    shown = {name: fmt for name, fmt in plan.shown_as.items() if name in frame.columns}
    for measure, name in zip(plan.measures, compiled.measures, strict=False):
        if measure.column in plan.shown_as and measure.agg in KEEPS_UNIT and name in frame.columns:
            shown[name] = plan.shown_as[measure.column]
    for measure, name in zip(plan.measures, compiled.measures, strict=False):
        sides = [compiled.measures[i] for i in measure.of if i < len(compiled.measures)]
        if measure.combine in ("difference", "abs_difference") and sides and all(s in shown for s in sides):
            shown[name] = shown[sides[0]]
    shown = {n: f for n, f in shown.items() if frame.schema[n].is_numeric()}
    return frame.with_columns(pl.col(n).map_elements(lambda v, f=f: duration_text(v, f), return_dtype=pl.String)
                              for n, f in shown.items()) if shown else frame


def decimals_of(values: pl.Series, most: int = 4) -> int | None:
    """The decimals a column of amounts is written with (2 for 12.50 and 3.1), or None when its values
    carry more than ``most`` (measurements, ratios): their sums are left as computed."""
    sample = values.drop_nulls().head(10_000)
    if not sample.dtype.is_float() or sample.len() == 0:
        return None
    for places in range(most + 1):
        if ((sample - sample.round(places)).abs() < 1e-9).all():
            return places
    return None


def rounded_sums(plan: QueryPlan, compiled: Compiled, frame: pl.DataFrame, tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Sums of amounts at their column's own decimals: 773,865.58, not the float noise 773865.5800000005."""
    if plan.intent in ("pick", "list", "describe"):
        return frame
    sources = [tables[plan.table]] + [tables[j.table] for j in plan.joins if j.table in tables]
    rounding = {}
    for name, measure in zip(compiled.measures, plan.measures, strict=False):
        if measure.agg != "sum" or measure.column is None or name not in frame.columns \
                or not frame.schema[name].is_float():
            continue
        column = next((t[measure.column] for t in sources if measure.column in t.columns), None)
        places = decimals_of(column) if column is not None else None
        if places is not None:
            rounding[name] = places
    return frame.with_columns(pl.col(n).round(p) for n, p in rounding.items()) if rounding else frame


def tied_at_cut(plan: QueryPlan, compiled: Compiled, frame: pl.DataFrame, tables: dict[str, pl.DataFrame]) -> str:
    """' 12 postal_code values tie at 10 (number of rows); showing 5 of them.' when a top-N cut falls in a tie."""
    if plan.intent != "top" or not plan.limit or plan.ties or plan.nth or frame.height != plan.limit:
        return ""
    with_ties = compile_plan(plan.model_copy(update={"ties": True}))
    rank = next((step for step in with_ties.spec.steps if getattr(step, "function", None) == "rank"), None)
    if rank is None or rank.column not in frame.columns:
        return ""
    try:
        every = result_frame(with_ties.spec, {}, context(tables), rows=MAX_ROWS + 1)
    except SluiceError:
        return ""
    if every.height <= frame.height:
        return ""
    cut = frame[rank.column][-1]
    tied = every.filter(pl.col(rank.column) == cut).height
    shown = frame.filter(pl.col(rank.column) == cut).height
    what = f"{' / '.join(compiled.keys)} values" if compiled.keys else "rows"
    return f" {tied:,} {what} tie at {fmt(cut)} ({rank.column}); showing {shown} of them."


def sql_of(compiled: Compiled, tables: dict[str, pl.DataFrame]) -> str | None:
    try:
        return compile_sql(compiled.spec, {}, context(tables), "duckdb")
    except SluiceError:
        return None


def read_value(plan: QueryPlan, compiled: Compiled, frame: pl.DataFrame) -> Any:
    if plan.intent == "test" or plan.test is not None:
        if frame.height == 0 or frame[ANSWER][0] is None:
            return None
        return str(frame[ANSWER][0]) if plan.test_words else bool(frame[ANSWER][0])
    column = compiled.answer
    if frame.height == 0 or column is None:
        return [] if plan.intent in ("list", "table") else None
    values = [plain(v) for v in frame[column].to_list()]
    if plan.intent == "value":
        bases = [m for m in plan.measures if m.combine is None]
        if len(bases) == len(plan.measures) > 1:  # 'total revenue and quantity': both figures
            return [plain(frame[n][0]) for n in compiled.measures]
        return values[0]
    if plan.intent == "count":
        return values[0]
    if plan.intent in ("pick",):
        if plan.offset and len(values) > 1:
            return None  # the row named is there more than once: 'the one after it' is not one row
        unique = list(dict.fromkeys(values)) if not plan.order or plan.ties else values
        if plan.ties and len(unique) > 1 and len(values) > MAX_TIED:
            return None  # many rows tie and name different things: the question does not single one out
        if plan.shared and len(unique) > 1:
            return None  # 'both played which position' when they played different ones: no answer shared
        return unique[0] if len(unique) == 1 else unique
    if plan.intent in ("top", "pick") and plan.ties and len(values) > MAX_TIED:
        return None  # many rows tie for first: the question does not tell them apart
    if plan.intent == "top" and (plan.limit == 1 or plan.nth or plan.having) and len(values) == 1:
        return values[0]
    return values


def plain(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dt.datetime):
        return value.isoformat() if (value.hour, value.minute, value.second) != (0, 0, 0) else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def fmt(value: Any) -> str:
    if value is None:
        return BLANK
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4g}" if 0 < abs(value) < 1 else f"{value:,.2f}"  # a rate of 0.0498 is not 0.05
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, dt.datetime | dt.date):
        return plain(value)
    return str(value)


# ---- sentences --------------------------------------------------------------------------------

def period(value: Any, unit: str | None) -> str:
    """A period's start as its name: 2025, Jun 2025, 2025 Q2, the week of 2025-06-02."""
    if not isinstance(value, dt.date):
        return fmt(value)
    if unit == "year":
        return str(value.year)
    if unit == "quarter":
        return f"{value.year} Q{(value.month - 1) // 3 + 1}"
    if unit == "month":
        return f"{value:%b %Y}"
    if unit == "week":
        return f"the week of {value.isoformat()[:10]}"
    return fmt(value)


def where_words(plan: QueryPlan) -> str:
    parts = [f.words(plan.shown_as.get(f.column)) for f in plan.filters] + ([plan.same.words()] if plan.same else [])
    for item in plan.date_ranges:
        label = item.label or f"{item.start} to {item.end}"
        opened = label.split()[0] in ("from", "since", "before", "up", "until")
        parts.append(f"{item.column} {label}" if opened else f"{item.column} in {label}")
    return (" where " + " and ".join(parts)) if parts else ""


def sentence(plan: QueryPlan, compiled: Compiled, frame: pl.DataFrame, value: Any) -> str:
    where = where_words(plan)
    if frame.height == 0:
        return f"Nothing matches{where}."
    if plan.test is not None:
        return _test_sentence(plan, compiled, frame, value, where)
    names = compiled.measures
    if plan.streak:  # the periods named bound the rows; the conditions make the run
        scope = where_words(plan.model_copy(update={"filters": []})).replace(" where ", " among the rows where ", 1)
        return f"The longest run of consecutive rows{scope}, in the table's order, where " \
               f"{' and '.join(f.words() for f in plan.filters)}: {fmt(value)}."
    if plan.intent == "value":
        if len(names) == 1 and plan.measures[0].agg == "count" and plan.measures[0].column is None:
            count = frame[names[0]][0]
            return f"There {'is' if count == 1 else 'are'} {fmt(count)} row{'' if count == 1 else 's'} in {plan.table}{where}."
        said = "; ".join(f"{n} is {fmt(frame[n][0])}" for n in names if not _helper(plan, names, n)) or \
            f"{names[-1]} is {fmt(frame[names[-1]][0])}"
        return _upper(said) + where + "."
    if plan.intent == "count":
        return f"{fmt(value)} {'group' if value == 1 else 'groups'} of {', '.join(plan.group_by)} " \
               f"{'has' if value == 1 else 'have'} " \
               f"{' and '.join(h.words() for h in _having_words(plan, measure_names(plan, set(plan.group_by))))}{where}."
    if plan.intent == "list":
        shown = ", ".join(fmt(v) for v in value[:15]) + (f" and {len(value) - 15} more" if len(value) > 15 else "")
        return f"{len(value):,} {plan.column} value{'s' if len(value) != 1 else ''}{where}: {shown}."
    if plan.intent == "pick":
        return _pick_sentence(plan, compiled, frame, value, where)
    if plan.intent == "top" and plan.having and not plan.order and not plan.limit:  # the groups that meet a condition
        having = " and ".join(h.words() for h in _having_words(plan, names))
        listed = ", ".join(f"{_label(r, compiled.keys)} ({fmt(r[names[-1]])})" for r in frame.head(15).iter_rows(named=True))
        more = f" and {frame.height - 15} more" if frame.height > 15 else ""
        return f"{frame.height:,} {', '.join(plan.group_by)} group{'s' if frame.height != 1 else ''} " \
               f"{'has' if frame.height == 1 else 'have'} {having}{where}: {listed}{more}."
    return _table_sentence(plan, compiled, frame, where)


def _helper(plan: QueryPlan, names: list[str], name: str) -> bool:
    """A measure only there to compute another (the parts of a ratio) is shown in the table, not said first."""
    index = names.index(name)
    used = {i for m in plan.measures if m.combine for i in m.of}
    return index in used and index != plan.answer_measure()


def _having_words(plan: QueryPlan, names: list[str]):
    refs = {f"@{i}": n for i, n in enumerate(names)}
    return [h.model_copy(update={"column": refs.get(h.column, h.column)}) for h in plan.having]


def _label(row: dict, keys: list[str], bucket: str | None = None) -> str:
    """Every grouping value of a row, the period named as a period: 'Oct 2024 / Electronics / Web'."""
    return " / ".join(period(row[k], bucket) if bucket and k == bucket else key(row[k]) for k in keys)


def key(value: Any) -> str:
    """A grouping value names its group: the year 1974 and store 1001 are written without separators."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else fmt(value)


def _table_sentence(plan: QueryPlan, compiled: Compiled, frame: pl.DataFrame, where: str) -> str:
    keys, names = compiled.keys, compiled.measures
    answer = names[plan.answer_measure()]
    if plan.intent == "top":
        direction = "highest" if not plan.order or plan.order[0].descending else "lowest"
        leaders = [_label(r, keys, plan.bucket) for r in frame.iter_rows(named=True)]
        figure = fmt(frame[answer][0])
        if plan.ties and len(leaders) > MAX_TIED:
            return (f"{len(leaders)} rows tie for the {direction} {answer}{where} ({figure} each), so the question does "
                    f"not single one out: {', '.join(leaders[:8])}{' ...' if len(leaders) > 8 else ''}.")
        if plan.ties and len(leaders) > 1:
            return f"{' and '.join(leaders)} tie for the {direction} {answer}{where}: {figure} each."
        if len(leaders) == 1:
            return f"{leaders[0]} has the {direction} {answer}{where}: {figure}."
        return f"The {direction} {len(leaders)} by {answer}{where}: " + ", ".join(
            f"{_label(r, keys, plan.bucket)} ({fmt(r[answer])})" for r in frame.iter_rows(named=True)) + "."
    if plan.share and "share %" in frame.columns:
        lead = frame.sort("share %", descending=True, nulls_last=True).row(0, named=True)
        return (f"Share of {answer} by {', '.join(keys)}{where}: {_label(lead, keys, plan.bucket)} has the largest share, "
                f"{fmt(lead['share %'])}% ({fmt(lead[answer])}).")
    if plan.change and "change %" in frame.columns and frame.height > 1:
        last = frame.row(-1, named=True)
        change = last["change %"]
        return (f"{_upper(answer)} by {keys[0]}{where}: the latest {keys[0]} ({period(last[keys[0]], plan.bucket)}) is "
                f"{fmt(last[answer])}"
                + (f", {change:+.1f}% on the one before." if change is not None else "."))
    if plan.bucket and len(keys) == 1:
        peak = frame.sort(answer, descending=True, nulls_last=True).row(0, named=True)
        highest = period(peak[keys[0]], plan.bucket)
        return f"{_upper(answer)} by {keys[0]}{where}: {frame.height} periods; the highest is {highest} with {fmt(peak[answer])}."
    lead = frame.row(0, named=True)
    first = "first" if not plan.order or plan.order[0].descending else "lowest"
    return (f"{_upper(answer)} by {', '.join(keys)}{where}: {frame.height} row{'s' if frame.height != 1 else ''}; "
            f"{first} is {_label(lead, keys, plan.bucket)} with {fmt(lead[answer])}.")


def _pick_sentence(plan: QueryPlan, compiled: Compiled, frame: pl.DataFrame, value: Any, where: str) -> str:
    column = compiled.answer
    if value is None and plan.ties and plan.order and frame.height > 1:
        tied = list(dict.fromkeys(fmt(v) for v in frame[column].to_list()))
        key = plan.order[0]
        return (f"{len(tied)} different {column} values tie for the {'highest' if key.descending else 'lowest'} "
                f"{key.column}{where}, so the question does not single one out: {', '.join(tied[:8])}"
                f"{' ...' if len(tied) > 8 else ''}.")
    if value is None and plan.shared and frame.height > 1:
        differ = ", ".join(dict.fromkeys(fmt(v) for v in frame[column].to_list()))
        return f"The rows named do not share one {column}{where}: they have {differ}."
    values = value if isinstance(value, list) else [value]
    shown = ", ".join(fmt(v) for v in values[:15]) + (f" and {len(values) - 15} more" if len(values) > 15 else "")
    if plan.order and not plan.row_order:
        key = plan.order[0]
        position = f"the {'highest' if key.descending else 'lowest'} {key.column}" if not plan.nth or plan.nth == 1 \
            else f"number {plan.nth} by {key.column}"
        return f"{_upper(column)} of the row with {position}{where}: {shown}."
    if plan.offset:
        return f"{_upper(column)}{where}: {shown}."
    if plan.row_order:
        end = "last" if plan.order and plan.order[0].descending else "first"
        place = end if (plan.nth or 1) == 1 else f"number {plan.nth} from the {'end' if end == 'last' else 'top'}"
        return f"{_upper(column)} of the {place} row in the table{where}: {shown}."
    return f"{_upper(column)}{where}: {shown}."


def _test_sentence(plan: QueryPlan, compiled: Compiled, frame: pl.DataFrame, value: Any, where: str) -> str:
    yes = _upper(value) if plan.test_words and value else f"Neither: it is {fmt(plan.test.value)}" if plan.test_words \
        else "Yes" if value else "No"
    row = frame.row(0, named=True)
    shown = "; ".join(f"{k} is {fmt(v)}" for k, v in row.items() if k != ANSWER)
    return f"{yes}: {shown}{where}."


def _upper(text: str) -> str:
    """'total Amount ($)' -> 'Total Amount ($)': str.capitalize would lower the column's own capitals."""
    return text[:1].upper() + text[1:]


# ---- describe ---------------------------------------------------------------------------------

def _describe(plan: QueryPlan, tables: dict[str, pl.DataFrame]) -> Result:
    frame = tables[plan.table]
    report = profile(frame if plan.column is None else frame.select(plan.column))
    table = pl.DataFrame([{"column": c["name"], "type": c["semantic_type"], "nulls": c["nulls"], "distinct": c["distinct"],
                           "min": None if c["min"] is None else str(c["min"]),
                           "max": None if c["max"] is None else str(c["max"]),
                           "top": ", ".join(str(t["value"]) for t in c["top_values"][:3])} for c in report["columns"]])
    values = None
    if plan.column:
        c = report["columns"][0]
        span = f" from {c['min']} to {c['max']}" if c["min"] is not None else ""
        text = f"{c['name']} is {c['semantic_type']}: {c['distinct']:,} distinct values, {c['nulls']:,} empty{span}."
        if frame.schema[plan.column].is_numeric():
            series = frame[plan.column].drop_nulls()
            values = series.sample(HISTOGRAM_SAMPLE, seed=0) if series.len() > HISTOGRAM_SAMPLE else series
        value = c["distinct"]
    else:
        kinds: dict[str, int] = {}
        for c in report["columns"]:
            kinds[c["semantic_type"]] = kinds.get(c["semantic_type"], 0) + 1
        text = (f"'{plan.table}' has {report['rows']:,} rows and {report['column_count']} columns ("
                + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])) + ").")
        if report["warnings"]:
            text += " Note: " + "; ".join(report["warnings"][:3]) + "."
        value = report["rows"]
    return Result(value, table, text, None, values)


def agg_word(agg: str) -> str:
    return AGG_WORDS.get(agg, agg)

"""What is computed and what it is grouped by: 'total revenue', 'average fare', 'how many orders', 'by region',
'per month', 'by weekday'."""

from __future__ import annotations

from dataclasses import dataclass, field

from etl_core.chat.catalogue import Column
from etl_core.chat.plan import AGG_WORDS, ChipOption, Measure
from etl_core.chat.reading.dates import add_part, date_column
from etl_core.chat.reading.state import Reader, Unanswerable
from etl_core.chat.tokens import Token
from etl_core.chat.vocabulary import AGGREGATES, MEASURE_SUFFIXES
from etl_core.chat.wording import singular
from etl_core.inference import is_span_length

# a measure named with no aggregate word is summed, unless it is a level, a rate or a price: then averaged
AVERAGED = {"price", "rate", "pct", "percent", "percentage", "ratio", "score", "age", "temperature", "humidity", "rating",
            "height", "weight", "speed", "density", "discount", "voltage", "battery", "happiness", "average", "avg",
            "mean", "margin", "share", "level", "grade", "index", "yield", "elevation", "altitude", "depth", "length",
            "capacity", "size", "area", "duration", "time", "fare", "salary", "scale", "philanthropy", "per"}
GROUP_WORDS = {"by", "per", "each", "every", "across", "broken down by", "split by", "grouped by", "group by"}
RANK_PARTS = {"rank", "ranking", "position", "pos", "place", "placing", "seed", "standing", "no", "number"}


@dataclass
class Phrase:
    """A measure as the question says it."""

    agg: str | None
    column: Column | None  # None: rows
    tokens: list[Token] = field(default_factory=list)
    agg_token: Token | None = None

    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)


def default_agg(column: Column) -> str:
    if is_span_length(column.name):
        return "sum"  # the years a person served, over each of their terms
    concepts = column.concepts | set(column.parts)
    return "mean" if concepts & AVERAGED else "sum"


def rank_like(column: Column) -> bool:
    """A rank or position: lower is better, and it is never summed."""
    return bool(set(column.parts) & RANK_PARTS) and column.role in ("measure", "id", "category")


def find_measures(r: Reader) -> list[Phrase]:
    """Aggregate words with the column they apply to, and measure columns named alone, in order. Read once per
    reading: a choice between two columns is made once."""
    if r.measure_phrases is None:
        r.measure_phrases = _find_measures(r)
    return [p for p in r.measure_phrases if not all(t.used for t in p.tokens) or not p.tokens]


def _find_measures(r: Reader) -> list[Phrase]:
    found: list[Phrase] = []
    for token in r.tokens:
        if token.used:
            continue
        if token.is_("agg") and token.first("agg").value not in ("count", "n_unique"):
            target = _target(r, token)
            column = r.column_of(target, {"measure", "year", "date", "boolean"}) if target is not None else None
            columns = [column] if column is not None else []
            if columns:
                same = next((p for p in found if p.tokens[-1] is target), None)
                if same is not None and token.text == "how much":
                    same.tokens.insert(0, token)  # 'on average, how much fare': the average
                elif same is not None and same.agg_token is not None and same.agg_token.text == "how much":
                    same.agg, same.agg_token = token.first("agg").value, token
                    same.tokens.insert(0, token)
                else:
                    found.append(Phrase(token.first("agg").value, columns[0], [token, target], token))
            continue
        if token.is_("column") and r.columns_of(token, {"measure"}) and not any(token in p.tokens for p in found) \
                and not _infinitive(r, token):
            column = r.column_of(token, {"measure"})
            same = next((p for p in found if p.column is column and p.agg is None), None)
            if same is not None:  # 'what position did he finish in': two words for one figure
                same.tokens.insert(0, token)
            else:
                found.append(Phrase(None, column, [token]))
    return found


def _infinitive(r: Reader, token: Token) -> bool:
    """'how long did it take her to finish': a verb after 'to', not the figure a synonym names (Rank for 'finish')."""
    before = r.at(r.index(token) - 1)
    return before is not None and before.text == "to" and all(s.strength < 3 for s in token.of("column"))


def _target(r: Reader, token: Token) -> Token | None:
    following = r.after(token)
    while following is not None and (following.is_("agg") or following.text in (",",)) and not following.is_("column"):
        following = r.after(following)
    return following if following is not None and not following.used else None


def measure(r: Reader, phrase: Phrase, agg: str | None = None) -> Measure:
    """The plan's measure for a phrase; the agg taken is said as a chip with the others offered."""
    if phrase.column is None:
        return Measure(agg="count")
    agg = agg or phrase.agg or default_agg(phrase.column)
    if not phrase.column.numeric and agg in ("sum", "mean", "median", "std", "var"):
        raise Unanswerable(f"'{phrase.column.name}' is not a column of numbers, so it has no {AGG_WORDS[agg]}.",
                           hint=r.hint())
    return Measure(agg=agg, column=r.name(phrase.column))


def say_measure(r: Reader, phrase: Phrase, position: int, meaning: str | None = None, agg: str | None = None) -> None:
    """The measure's chip, offering the other measures and aggregations (``position`` in the plan's measures)."""
    agg = agg or (r.plan.measures[position].agg if position < len(r.plan.measures) else phrase.agg)
    plan_measure = Measure(agg=agg or "sum", column=None)
    if phrase.column is not None:
        others = [c for c in r.of_role("measure") if c is not phrase.column][:6]
        options = [ChipOption(label=c.name, path=f"measures.{position}.column", value=r.name(c)) for c in others]
        options += [ChipOption(label=f"{AGG_WORDS[a]} instead", path=f"measures.{position}.agg", value=a)
                    for a in ("sum", "mean", "median", "min", "max") if a != plan_measure.agg]
        said = meaning or f"{AGG_WORDS.get(plan_measure.agg or '', '')} {phrase.column.name}".strip()
        if phrase.tokens:
            r.use(phrase.tokens[-1], said, "measure", options)
    for token in phrase.tokens:
        r.absorb(token)
        following = r.at(r.index(token) + 1)
        if token is phrase.tokens[-1] and following is not None and following.text in MEASURE_SUFFIXES \
                and not any(s.strength >= 3 for s in following.of("column")) and not following.used:
            r.absorb(following)  # 'total salary cost', 'revenue figures'


def count_phrase(r: Reader, token: Token) -> Phrase:
    """'how many X': X's rows, or its distinct values when X is a column whose values repeat."""
    target = r.after(token)
    while target is not None and target.text in ("different", "distinct", "unique", "separate", "total"):
        target = r.after(target)  # 'how many distinct regions': the column after the word
    if target is not None and not target.used and target.text in ("times", "occasions"):
        return Phrase("count", None, [token, target], token)  # 'how many times': rows, never the distinct dates
    if target is not None and not target.used:
        other = target.first("table").value if target.is_("table") else None
        if other is not None and other != r.table and other in r.joinable:  # 'how many customers ordered ...' in
            return Phrase("n_unique", r.catalogue.column(r.table, r.joinable[other]), [token, target], token)  # orders
        column = r.column_of(target, {"id", "category", "text", "boolean", "year", "date", "measure"})
        if column is not None and not target.is_("table") and _modifier_only(target, column):
            column = None  # 'how many games' beside 'Game site': the games are the rows, not the sites
        if column is not None and target.is_("table"):
            return Phrase("count", None, [token, target], token)
        if column is not None:
            return Phrase("n_unique", column, [token, target], token)
    return Phrase("count", None, [token], token)


def _modifier_only(target: Token, column: Column) -> bool:
    """A noun that is only the first word of a longer column name ('game' of Game site, 'lift' of Lift manufacturer)
    names what that column describes, not the column."""
    core = [singular(p) for p in column.core]
    said = [singular(w) for w in target.text.split()]
    return len(core) >= 2 and said == core[:1] and core[-1] != said[-1] and \
        max((s.strength for s in target.of("column") if s.column is column), default=3) <= 1


# ---- grouping ---------------------------------------------------------------------------------

def read_groups(r: Reader) -> list[str]:
    """'by region', 'per channel', 'for each category', 'by month' (a time series), 'by weekday' (a calendar part)."""
    groups: list[str] = []
    for token in r.tokens:
        if token.used:
            continue
        if token.is_("bucket"):
            unit = token.first("bucket").value
            column = date_column(r, ("date",))
            if column is None:
                years = date_column(r, ("year",))
                if years is None or unit not in ("year", "auto"):
                    raise Unanswerable("There is no date column to group by time.", hint=r.hint())
                groups.append(r.name(years))
                r.use(token, f"group by {years.name}", "group")
                continue
            r.plan.bucket, r.plan.date_column = (unit if unit != "auto" else auto_unit(column)), r.name(column)
            if token.is_("change"):  # 'month over month': a series, each against the one before
                r.plan.change = True
            r.use(token, f"a time series of {column.name} by {unit if unit != 'auto' else 'a fitting period'}", "group")
            continue
        if not (token.is_("function") and token.text in GROUP_WORDS or token.text in GROUP_WORDS or token.is_("grouping")):
            continue
        before = r.at(r.index(token) - 1)
        if token.text in ("each", "every") and not (before is not None and before.text in ("for", "in", "per", "by")):
            continue  # 'name each contestant': every one of them, not a grouping
        whole = r.at(r.index(token) + 1)
        if token.text == "across" and whole is not None and whole.text in ("all", "every"):
            over = r.after(whole)  # 'total revenue across all order lines', 'across all regions': one total
            r.absorb(token, whole, *([over] if over is not None and not over.used and (
                over.is_("table", "row") or r.columns_of(over)) else []), meaning="over all of them")
            continue
        target = r.after(token)
        if target is None or target.used:
            continue
        if token.text == "per" and _per_row(r, target):
            continue  # 'revenue per order' on one row per order: an average over rows (shapes decide)
        if target.is_("part") and target.first("part").value != "weekend":
            column = date_column(r, ("date",))
            if column is None:
                raise Unanswerable(f"There is no date column to take '{target.text}' from.", hint=r.hint())
            name = add_part(r, column, target.first("part").value)
            groups.append(name)
            r.use(target, f"group by {name} of {column.name}", "group")
            r.absorb(token)
            continue
        columns = r.columns_of(target, {"category", "text", "id", "boolean", "year", "date", "measure"})
        if not columns:
            continue
        column = columns[0]
        if column.role == "measure" and not (column.dtype.is_integer() and column.distinct <= 20
                                             and default_agg(column) == "mean"):
            continue  # 'top 5 regions by quantity' ranks by the measure; it does not group by it
        if token.text in ("per", "each", "every") and (column.role == "id" or column is r.label()):
            continue  # 'revenue per customer': a ratio, read by the shape; 'revenue per channel' groups
        name = r.name(column)
        groups.append(name)
        others = [c for c in r.of_role("category") if c is not column][:6]
        r.use(target, f"group by {column.name}", "group",
              [ChipOption(label=c.name, path=f"group_by.{len(groups) - 1}", value=r.name(c)) for c in others])
        r.absorb(token)
        _more_groups(r, target, groups)
    return groups


def _more_groups(r: Reader, after: Token, groups: list[str]) -> None:
    """'by category and channel', 'by region, channel'."""
    index = r.index(after) + 1
    while index + 1 < len(r.tokens) and r.tokens[index].text in ("and", ",") :
        target = r.tokens[index + 1]
        columns = r.columns_of(target, {"category", "text", "id", "boolean", "year"})
        if not columns or target.used:
            return
        groups.append(r.name(columns[0]))
        r.use(target, f"group by {columns[0].name}", "group")
        r.absorb(r.tokens[index])
        index += 2


def _per_row(r: Reader, target: Token) -> bool:
    columns = r.columns_of(target, {"id", "category", "text"})
    table_named = target.is_("table") and target.first("table").value == r.table
    return table_named or bool(columns) and r.unique_per_row(columns[0]) and r.catalogue.rows[r.table] > 1


def auto_unit(column: Column) -> str:
    """'over time': a bucket that gives a readable number of points for the dates' span."""
    from etl_core.chat.dates import as_date

    low, high = as_date(column.low), as_date(column.high)
    if low is None or high is None:
        return "month"
    days = (high - low).days
    return "day" if days <= 62 else "week" if days <= 366 else "month" if days <= 3 * 366 else "quarter"


def agg_word(token: Token | None) -> str | None:
    return AGGREGATES.get(token.text) if token is not None and token.is_("agg") else None

"""Two things compared, and parts of a whole: 'A or B', 'how many more than', 'did it grow from 2024 to 2025',
'what share comes from Online'.

Each side is the same measure over its own rows (a conditional aggregate), so one pass computes both
and the difference, the change or the share beside them.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl_core.chat.catalogue import Column
from etl_core.chat.dates import month_range, year_range
from etl_core.chat.plan import DateRange, Filter, Measure, SortKey
from etl_core.chat.reading.asked import asked_column, row_noun
from etl_core.chat.reading.conditions import say
from etl_core.chat.reading.dates import date_column
from etl_core.chat.reading.flags_and_blanks import _truth
from etl_core.chat.reading.measures import Phrase, find_measures, measure, rank_like, say_measure
from etl_core.chat.reading.pending import Condition
from etl_core.chat.reading.question import Question
from etl_core.chat.reading.state import Reader, Unanswerable
from etl_core.chat.tokens import Token
from etl_core.chat.vocabulary import EVENTS, GREW_UP, RANKING_ADJECTIVES

JOINERS = {"or", "and", "vs", "versus", "than", "to", "compared to", "compared with", "against", "over", "nor"}


@dataclass
class Side:
    label: str
    where: list[Filter]
    tokens: list[Token]
    column: str | None = None  # the column both values are in
    value: object = None


def find_pair(r: Reader) -> tuple[Side, Side, Token | None] | None:
    """Two values of one column, or two periods, joined by 'or', 'and', 'vs', 'than', 'to'."""
    tokens = r.tokens
    for i, first in enumerate(tokens):
        if first.used:
            continue
        for j in range(i + 2, min(len(tokens), i + 6)):
            second = tokens[j]
            between = tokens[i + 1:j]
            if second.used or not all(t.text in JOINERS or t.text in ("the", "with", "in", "on") or t.text in EVENTS
                                      or _verb_before_than(t, between)
                                      or than_comparator(t) or _measure_named(r, t) or t.is_("comparative")
                                      and "than" in (u.text for u in between) for t in between) \
                    or not any(t.text in JOINERS or than_comparator(t) for t in between):
                continue
            sides = _values(r, first, second) or _periods(r, first, second)
            if sides:
                return (*sides, next((t for t in between if t.text in JOINERS or than_comparator(t)), None))
    return None


def than_comparator(token: Token) -> bool:
    """'bigger than', 'more than' (one token): 'is Online bigger than Partner' compares the two."""
    return token.is_("comparator") and token.text.endswith(" than") and token.first("comparator").value in (">", "<")


def _measure_named(r: Reader, token: Token) -> bool:
    """'is Online revenue bigger than Partner revenue', 'did West have fewer orders than East': the figure (or the rows)
    counted, named between the two."""
    return not token.is_("value") and (bool(r.columns_of(token, {"measure"})) or token.is_("table", "row"))


def _verb_before_than(token: Token, between: list[Token]) -> bool:
    """'did A complete than B', 'did A score than B': a word of no meaning here, before the 'than'."""
    than = next((i for i, t in enumerate(between) if t.text == "than"), None)
    return than is not None and between.index(token) < than and _verb_like(token)


def _verb_like(token: Token) -> bool:
    return not token.is_("column", "value", "number", "year", "date", "comparative", "super", "negation", "comparator",
                         "agg", "question")


def _values(r: Reader, first: Token, second: Token) -> tuple[Side, Side] | None:
    a, b = _named(r, first), _named(r, second)
    if not a or not b or first.is_("year") or second.is_("year"):
        return None
    shared = [c for c in dict.fromkeys(s.column for s in a) if c in {s.column for s in b}]
    if not shared:
        return None
    column = shared[0]
    value_a = next(s.value for s in a if s.column is column)
    value_b = next(s.value for s in b if s.column is column)
    name = r.name(column)
    return (Side(str(value_a), [Filter(column=name, value=value_a)], [first], name, value_a),
            Side(str(value_b), [Filter(column=name, value=value_b)], [second], name, value_b))


def _named(r: Reader, token: Token) -> list:
    """A side's values: the cells it names, else the one cell per column holding it as a name ('adamson')."""
    return r.row_named(token)


def _periods(r: Reader, first: Token, second: Token) -> tuple[Side, Side] | None:
    column = date_column(r)
    if column is None:
        return None
    if first.is_("year") and second.is_("year"):
        years = first.first("year").value, second.first("year").value
        if column.role == "year":
            return tuple(Side(str(y), [Filter(column=r.name(column), value=y)], [t], r.name(column), y)
                         for y, t in zip(years, (first, second), strict=True))
        ranges = [year_range(column.name, y) for y in years]
    elif first.is_("month") and second.is_("month") and column.role == "date":
        latest = r.catalogue.latest.get(f"{r.table}.{column.name}")
        year = getattr(latest, "year", None)
        following = r.at(r.index(second) + 1)
        if following is not None and following.is_("year"):
            year = following.first("year").value
            r.absorb(following)
        if year is None:
            return None
        ranges = [month_range(column.name, year, t.first("month").value) for t in (first, second)]
    else:
        return None
    return tuple(Side(p.label, [Filter(column=r.name(column), op=">=", value=p.start),
                                Filter(column=r.name(column), op="<", value=p.end)], [t])
                 for p, t in zip(ranges, (first, second), strict=True))


def _last_two_years(r: Reader) -> tuple[Side, Side, None] | None:
    """'growth by region', 'which category grew the most' with no periods named: the last year in the data against
    the one before, said in a note (the periods can be named instead)."""
    change = next((t for t in r.tokens if not t.used and t.is_("change")), None)
    column = date_column(r, ("date",)) if change is not None and not r.plan.bucket else None
    latest = r.catalogue.latest.get(f"{r.table}.{column.name}") if column is not None else None
    if latest is None or getattr(column.low, "year", latest.year) >= latest.year:
        return None
    ranges = [year_range(column.name, year) for year in (latest.year - 1, latest.year)]
    r.notes.append(f"'{change.text}' is {ranges[0].label} to {ranges[1].label}, the last two years in the data "
                   f"({ranges[1].label} up to {latest}); name two periods to compare others.")
    a, b = (Side(p.label, [Filter(column=r.name(column), op=">=", value=p.start),
                           Filter(column=r.name(column), op="<", value=p.end)], [change]) for p in ranges)
    return a, b, None


def two_things(r: Reader, q: Question, conditions: list[Condition]) -> bool:
    """'which had more X, A or B', 'is A bigger than B', 'how many more X did A have than B', 'difference between A
    and B', 'did revenue grow from 2024 to 2025', 'growth by category from 2024 to 2025', 'revenue 2023 vs 2024'."""
    pair = find_pair(r) or _last_two_years(r)
    if pair is None:
        return False
    a, b, joiner = pair
    words = {t.text for t in r.tokens if not t.used}
    comparing = [t for t in r.tokens if not t.used and (t.is_("comparative", "super", "difference", "change", "rank_adj")
                                                         or than_comparator(t))]
    versus = bool(words & {"vs", "versus", "compared", "against"})
    if not comparing and q.kind == "yesno" and joiner is not None and joiner.text == "or" and a.column is not None:
        return _which_has_rows(r, a, b)  # 'was there an election in 1980 or 1982?': the one that has
    if not comparing and not versus:
        return False
    change = any(t.is_("change") for t in comparing)
    phrase = _measure(r, comparing, a, b)
    plan = r.plan
    base = measure(r, phrase)
    if phrase.column is not None and phrase.column.role in ("date", "year") and phrase.agg in ("min", "max"):
        base = base.model_copy(update={"label": phrase.column.name})  # one date each: 'the lowest Release date'
    if phrase.column is not None:
        say_measure(r, phrase, 0, agg=base.agg)
    for side in (a, b):
        r.use(side.tokens[0], f"the rows where {' and '.join(f.words() for f in side.where)}", "filter")
    r.absorb(joiner, *(t for t in r.tokens if t.text in ("between", "from", "compared", "than", "to") and not t.used))
    r.absorb(*(t for t in r.tokens[r.index(a.tokens[-1]) + 1:r.index(b.tokens[0])] if _verb_like(t)))  # 'complete'
    for t in comparing:  # 'how many more laps', 'how many kW more': the figure asked is the difference
        before = r.at(r.index(t) - 1)
        if before is not None and before.is_("column") and r.at(r.index(t) - 2) is not None:
            before = r.at(r.index(t) - 2)
        if before is not None and before.text in ("how many", "how much") and not before.used:
            r.absorb(before)
    descending = _direction(comparing) if r.ranked_high is None else r.ranked_high
    ranked_by = r.column_named(base.column) if base.column else None
    placing = next((t.text for t in comparing if t.text in ("higher", "better", "lower", "worse")), None)
    if ranked_by is not None and rank_like(ranked_by) and placing:  # 'finished higher': the smaller position
        descending = placing in ("lower", "worse")
    judged = next((t.text for t in comparing if t.text in ("better", "worse", "best", "worst")), None)
    if ranked_by is not None and ranked_by.duration and judged:  # 'the best time': the shorter
        descending = judged in ("worse", "worst")
    counting = any(t.text in ("more", "fewer", "less") for t in comparing)
    if ranked_by is not None and counting and isinstance(ranked_by.high, int | float) and ranked_by.high <= 0 \
            and ranked_by.low is not None and ranked_by.low < 0:
        descending = not descending  # deductions kept as -3, -5: 'fewer deductions' is the one nearer nought
    for t in comparing:
        r.use(t, "compared", "order")
    asked = None
    choosing = q.kind in ("which", "who") or (q.kind == "yesno" and joiner is not None and joiner.text == "or")
    if choosing and a.column is not None and not change and not any(t.is_("difference") for t in comparing):
        return _which_of_two(r, a, b, base, descending)
    if q.kind in ("which", "what", "who") and not q.groups:
        asked, token = asked_column(r, q)
        if asked is not None and a.column is not None and r.name(asked) == a.column and not change:
            r.absorb(token)
            return _which_of_two(r, a, b, base, descending)
        if asked is not None and asked.role in ("category", "id", "text", "boolean") and token is not None:
            r.use(token, f"for each {asked.name}", "group")
            q.groups = [r.name(asked)]
    if versus and not comparing and not q.groups:
        return _side_by_side(r, a, b, base)
    plan.measures = [base.model_copy(update={"where": a.where, "where_label": a.label}),
                     base.model_copy(update={"where": b.where, "where_label": b.label}),
                     Measure(combine="difference", of=[1, 0] if change else [0, 1])]
    if change:
        plan.measures.append(Measure(combine="change_pct", of=[0, 1]))
    if q.kind == "yesno" or (change and q.kind == "none" and words & {"did", "has", "have", "does", "do"}):
        plan.intent, plan.answer = "test", 2
        plan.test = Filter(column="@2", op=">" if descending else "<", value=0)
        return True
    if q.groups:
        plan.intent, plan.group_by = "table", list(q.groups)
        percent = any(t.text in ("percent", "percentage", "%", "percentages") for t in r.tokens)
        plan.answer = 3 if change and (percent or any(t.text == "growth" for t in r.tokens)) else 2
        if q.kind in ("which", "what", "who"):
            plan.intent = "top"
            plan.order = [SortKey(column=f"@{plan.answer}", descending=descending), SortKey(column=plan.group_by[0])]
            plan.limit, plan.ties = 1, True
        return True
    plan.intent, plan.answer = "value", 2
    if any(t.is_("difference") for t in comparing) and not change:
        plan.measures[2] = Measure(combine="abs_difference", of=[0, 1], label="difference")
    elif not descending and not change:  # 'how many fewer laps did A do than B': B's less A's
        plan.measures[2] = Measure(combine="difference", of=[1, 0])
    return True


def _side_by_side(r: Reader, a: Side, b: Side, base: Measure) -> bool:
    """'revenue 2023 vs 2024', 'Online vs Partner': the two as rows of one table (a time series for periods)."""
    plan = r.plan
    plan.measures, plan.intent = [base], "table"
    if a.column is not None:
        plan.group_by = [a.column]
        plan.filters.append(Filter(column=a.column, op="in", value=[a.value, b.value]))
        return True
    column = a.where[0].column
    unit = "year" if a.label.isdigit() else "month"
    plan.bucket, plan.date_column = unit, column
    plan.date_ranges += [DateRange(column=column, start=side.where[0].value, end=side.where[1].value, label=side.label)
                         for side in (a, b)]
    return True


def _which_has_rows(r: Reader, a: Side, b: Side) -> bool:
    plan = r.plan
    plan.measures = [Measure(agg="count")]
    plan.filters.append(Filter(column=a.column, op="in", value=[a.value, b.value]))
    plan.intent, plan.group_by = "top", [a.column]
    plan.having = [Filter(column="@0", op=">", value=0)]
    plan.order = [SortKey(column="@0", descending=True), SortKey(column=a.column)]
    for side in (a, b):
        r.use(side.tokens[0], f"one of the two: {side.label}", "filter")
    r.absorb(*(t for t in r.tokens if t.text in ("or", "either") and not t.used))
    return True


def _which_of_two(r: Reader, a: Side, b: Side, base: Measure, descending: bool) -> bool:
    """'which had more X, A or B': the two as groups, the one ranked first."""
    plan = r.plan
    plan.measures = [base]
    plan.filters.append(Filter(column=a.column, op="in", value=[a.value, b.value]))
    plan.intent, plan.group_by = "top", [a.column]
    plan.order = [SortKey(column="@0", descending=descending), SortKey(column=a.column)]
    plan.limit, plan.ties = 1, True
    return True


def _measure(r: Reader, comparing: list[Token], a: Side, b: Side) -> Phrase:
    found = [p for p in find_measures(r) if not set(p.tokens) & set(a.tokens + b.tokens)]
    if found:
        return found[0]
    for token in comparing:
        if token.is_("rank_adj"):
            for concept, high in RANKING_ADJECTIVES[token.text]:  # 'older': an age, else a birth date, else a date
                columns = r.by_concept(concept, {"measure"}) or r.by_concept(concept, {"date", "year"})
                if columns:
                    r.ranked_high = high
                    timed = columns[0].role in ("date", "year")
                    return Phrase("min" if timed and not high else "max" if timed else None, columns[0], [])
    counted = [t for t in r.tokens if not t.used and row_noun(r, t)]
    counting = any(t.text in ("more", "fewer", "less", "most", "least", "fewest") for t in comparing)
    if not counting or any(t.is_("difference") for t in comparing):
        raise Unanswerable("I could not tell what the two are compared by.", hint=r.hint())
    r.absorb(*counted)
    return Phrase("count", None, counted)


def _direction(comparing: list[Token]) -> bool:
    for token in comparing:
        if token.is_("comparative"):
            return token.first("comparative").value
        if token.is_("super"):
            return token.first("super").value
        if token.is_("change"):
            return token.text in GREW_UP or token.text in ("change", "changed", "growth")
        if token.is_("rank_adj"):
            return RANKING_ADJECTIVES[token.text][0][1]
        if than_comparator(token):
            return token.first("comparator").value == ">"
    return True


def share(r: Reader, q: Question, conditions: list[Condition], phrases: list[Phrase]) -> bool:
    """'what share of revenue comes from Online', '% of orders cancelled', 'survival rate', 'share of revenue by
    region'. The last condition named is the part; the others choose the whole."""
    word = next((t for t in r.tokens if not t.used and t.is_("share") or t.text == "majority"), None)
    if word is None:
        return False
    plan = r.plan
    phrase = phrases[0] if phrases else Phrase("count", None, [])
    if phrase.column is not None and phrase.column.role == "boolean":
        flag = phrase.column
        part = [Filter(column=r.name(flag), op="==", value=_truth(flag)[0])]
        phrase = Phrase("count", None, phrase.tokens)
    elif q.groups and not conditions:
        base = measure(r, phrase)
        plan.measures, plan.share, plan.intent, plan.group_by = [base], True, "table", list(q.groups)
        if phrase.column is not None:
            say_measure(r, phrase, 0)
        r.use(word, "each group's share of the total (%)", "measure")
        return True
    else:
        if not conditions:
            raise Unanswerable(f"I could not tell which part '{word.text}' is about.",
                               hint="Say the part, e.g. 'what share of revenue comes from Online'.")
        asked = conditions.pop()
        if asked.kind == "compare" and asked.count:
            raise Unanswerable("I could not tell which part is asked about.", hint=r.hint())
        part = [asked.filter]
        say(r, asked, f"the part: {asked.filter.words()}")
    base = measure(r, phrase)
    plan.measures = [base.model_copy(update={"where": part, "where_label": " and ".join(f.words() for f in part)}),
                     base, Measure(combine="percent", of=[0, 1], label="share %")]
    if phrase.column is not None:
        say_measure(r, phrase, 1)
    r.absorb(*phrase.tokens)
    r.use(word, "the part's share of the whole (%)", "measure")
    plan.intent, plan.answer = ("table" if q.groups else "value"), 2
    plan.group_by = list(q.groups)
    if word.text == "majority":
        plan.intent, plan.test = "test", Filter(column="@2", op=">", value=50)
    return True


def groups_of(r: Reader, column: Column) -> str:
    return r.name(column)

"""The question's shape decides the plan: how many, what is X of Y, which X, list the X, total M by G, is there any,
and the shapes in compare.py and ranking.py. The first shape that fits builds the plan."""

from __future__ import annotations

from etl_core.chat.catalogue import singular
from etl_core.chat.plan import Filter, Measure, SortKey
from etl_core.chat.reading import compare, ranking
from etl_core.chat.reading import conditions as cond
from etl_core.chat.reading.measures import (
    Phrase,
    count_phrase,
    default_agg,
    find_measures,
    measure,
    rank_like,
    say_measure,
)
from etl_core.chat.reading.question import Question
from etl_core.chat.reading.state import Reader, Unanswerable
from etl_core.chat.tokens import Token

EXISTS_WORDS = {"any", "anyone", "anybody", "someone", "somebody", "anything", "there"}


def build(r: Reader, q: Question) -> None:
    """Fill the reader's plan from the question's shape; the conditions left filter its rows."""
    _build(r, q)
    check_answer_kind(r, q)


def _build(r: Reader, q: Question) -> None:
    if compare.two_things(r, q, q.conditions):
        _filters(r, q)
        return
    phrases = find_measures(r)
    if compare.share(r, q, q.conditions, phrases):
        _filters(r, q)
        return
    if q.kind == "yesno":
        _yes_no(r, q)
        return
    for rule in (ranking.neighbour, ranking.superlative, ranking.ordinal):
        if rule(r, q):
            _filters(r, q)
            return
    counter = next((t for t in r.tokens if not t.used and t.is_("agg") and t.first("agg").value == "count"
                    and t.text != "count"), None)
    before = r.at(r.index(counter) - 1) if counter is not None else None
    averaged = before is not None and before.is_("agg") and before.first("agg").value not in ("count", "sum")
    if q.kind in ("what", "which", "none", "list") and counter is None and not q.groups:
        counter = _total_of_things(r)
    if q.kind in ("what", "which", "none", "list") and counter is not None and not q.groups and not averaged:
        q.kind, q.word = "how many", counter  # 'what is the total number of titles', 'tell me the number of ...'
        r.absorb(*(t for t in r.tokens[:r.index(counter)] if t.is_("question", "list", "function", "agg")))
    if q.kind == "how many":
        _emphasis(r, q)
    if q.kind == "how many" and _how_many(r, q):
        return
    if _bare_count(r, q):
        return
    if _entity_value(r, q):
        return
    phrases = find_measures(r) or _compared_measure(r, q)
    if _measures(r, q, phrases):
        return
    if _lookup(r, q):
        return
    raise Unanswerable("I could not tell what to compute.", hint=r.hint())


def check_answer_kind(r: Reader, q: Question) -> None:
    """'which driver', 'who': a name is asked for, never a figure; a figure built for them is a misreading."""
    plan = r.plan
    if plan.test is None:
        _one_row_counted(r)
        _answer_is_its_own_filter(r)
        _each_of_several(r)
    if plan.test is not None or q.kind not in ("which", "who"):
        return
    if plan.intent in ("value", "table", "count"):
        raise Unanswerable("The question asks which one, but I could only read a figure from it.",
                           hint="Say what decides it, e.g. 'which region has the most revenue'.")


def _one_row_counted(r: Reader) -> None:
    """'how many people live in Bold', 'how many counties does Geis represent': a count over the one row a name
    picks is 1 whatever is asked; the question wants a figure of that row, which the words did not name."""
    plan = r.plan
    if plan.group_by or not plan.measures or any(m.agg not in ("count", "n_unique") or m.combine for m in plan.measures):
        return
    for item in plan.filters:
        column = r.column_named(item.column)
        if item.op == "==" and not isinstance(item.value, list) and column is not None and not column.numeric \
                and r.unique_per_row(column) and (column.table, column.name) not in r.catalogue.days:
            # a name, not a figure that happens to be unique ("211 households"), nor a day ('games on November 17')
            figures = [c.name for c in r.of_role("measure")][:3]
            raise Unanswerable(f"'{item.value}' names one row of {r.table}, so counting in it gives 1; "
                               "I could not tell which of its figures you want.",
                               hint=f"Ask for a column of that row, e.g. '{figures[0]} of {item.value}'." if figures
                               else "Ask for a column of that row by its name.")


def _each_of_several(r: Reader) -> None:
    """'Japan and France each won how many gold medals': a figure for each one named, never their sum."""
    plan = r.plan
    if plan.group_by or not plan.measures or not any(t.text in ("each", "both", "apiece") for t in r.tokens):
        return
    several = next((f for f in plan.filters if f.op == "in" and isinstance(f.value, list) and len(f.value) > 1), None)
    if several is not None:
        what = plan.measures[0].column or "count"
        raise Unanswerable(f"'{' and '.join(map(str, several.value))}' each have their own figure; one number "
                           "would add them up.", hint=f"Ask '{what} by {several.column}' and read each one's row.")


def _answer_is_its_own_filter(r: Reader) -> None:
    """'which person had the position of farmer' read as 'Position where Position is Farmer': an answer that only
    repeats the value the question named is a misreading of what was asked."""
    plan = r.plan
    if plan.intent not in ("pick", "list") or plan.column is None or plan.offset:
        return  # a neighbour is another row
    ranked = bool(plan.order or plan.limit)  # a ranking chooses among several values named
    named = [f for f in plan.filters if f.column == plan.column and (f.op == "==" or f.op == "in" and not ranked)]
    if named:
        label, shown = r.label(), named[0].words().split(" is ", 1)[-1]
        raise Unanswerable(f"That would only give back {shown}, what the question names; I could not "
                           "tell what it asks about it.",
                           hint=f"Name the column you want for those rows, e.g. 'the {label.name} where "
                                f"{plan.column} is {shown}'." if label is not None and label.name != plan.column else
                           "Name the column you want.")


def _filters(r: Reader, q: Question) -> None:
    """Conditions no shape took filter the rows; periods and calendar parts too."""
    r.plan.filters += q.filters
    r.plan.date_ranges += q.ranges
    cond.apply(r, q.conditions)
    q.conditions = []


# ---- how many ---------------------------------------------------------------------------------

def _total_of_things(r: Reader) -> Token | None:
    """'what is the total of seats', 'the total amount of mountains': a total of things, not of a figure, counts them."""
    for token in r.tokens:
        if token.used or token.text != "total":
            continue
        rest = r.tokens[r.index(token) + 1:]
        while rest and rest[0].text in ("amount", "of") and not rest[0].used:
            rest = rest[1:]
        if len(rest) < len(r.tokens) - r.index(token) - 1 and rest and not rest[0].used and \
                not any(c.numeric for c in r.columns_of(rest[0])) and not rest[0].is_("agg", "number", "value"):
            r.absorb(*r.tokens[r.index(token) + 1:r.index(rest[0])])
            return token
    return None


def _emphasis(r: Reader, q: Question) -> None:
    """'how many total players', 'how many cyclists total': 'total' says all of them, not a sum."""
    if q.word is None:
        return
    at = r.index(q.word)
    for token in r.tokens[at + 1:at + 3]:  # right after 'how many', or after the thing counted
        if token.text == "total" and not token.used:
            r.absorb(token, meaning="all of them")


def _how_many(r: Reader, q: Question) -> bool:
    """'how many orders', 'how many points did X get', 'how many customers ordered more than 30 times'."""
    phrase = count_phrase(r, q.word)
    target = phrase.tokens[1] if len(phrase.tokens) > 1 else r.after(q.word)
    plan = r.plan
    grouped = [c for c in q.conditions if c.count or c.agg]
    if phrase.column is not None and phrase.column.role in ("category", "text") and not grouped and \
            not r.unique_per_row(phrase.column) and any(c.kind == "compare" and c.column is not None and
                                                         c.column.role == "measure" for c in q.conditions):
        totals = [c for c in q.conditions if c.kind == "compare" and c.column is not None and c.column.role == "measure"]
        if r.choose([f"{phrase.column.name} groups whose total {totals[0].column.name} qualifies",
                     f"{phrase.column.name} values with a qualifying row"]) == 0:
            for condition in totals:  # 'how many regions have revenue over 1M': the regions' totals
                condition.agg = default_agg(condition.column)
            grouped = totals
    if phrase.column is not None and phrase.column.role == "measure" and not grouped and not rank_like(phrase.column):
        return _measures(r, q, [Phrase("sum", phrase.column, [q.word, target], q.word)], absorb_verbs=True)
    if phrase.column is not None and rank_like(phrase.column):  # 'the total number of positions listed': the rows
        phrase = Phrase("count", None, phrase.tokens, q.word)
    # the table's own names count its rows ('how many riders' where a rider has several rows too), unless some
    # rows have none, or the question asks for the different ones
    distinct = any(t.text in ("different", "distinct", "unique", "separate") for t in r.tokens)
    named_rows = phrase.column is not None and phrase.column is r.label() and not distinct and \
        not (phrase.column.nulls and r.unique_per_row(phrase.column))
    if phrase.column is not None and phrase.column.role in ("id", "category", "text", "year", "boolean") \
            and r.unique_per_row(phrase.column) and not named_rows and not target.is_("table"):
        blanks = phrase.column.nulls > 0  # 'how many locations' where some rows have none: the rows that have one
        plan.measures = [Measure(agg="count", column=r.name(phrase.column) if blanks else None)]
        r.use(target, f"count rows with a {phrase.column.name}" if blanks else
              f"count rows (each has its own {phrase.column.name})", "measure")
        r.absorb(q.word, *(t for t in r.tokens if t.text in ("different", "distinct", "unique", "separate", "total")))
        return _finish_counts(r, q)
    if phrase.column is not None and phrase.column.role in ("id", "category", "text", "year", "boolean") \
            and not r.unique_per_row(phrase.column) and not named_rows:
        named_value = any(c.column is phrase.column for c in q.conditions if c.kind == "value")
        if grouped:
            return _count_groups(r, q, phrase, grouped)
        if not named_value:
            agg = "n_unique" if distinct else ["n_unique", "count"][r.choose(
                [f"distinct {phrase.column.name} values", "rows"])]
            plan.measures = [Measure(agg="n_unique", column=r.name(phrase.column)) if agg == "n_unique"
                             else Measure(agg="count")]
            r.use(target, f"count {'distinct ' + phrase.column.name if agg == 'n_unique' else 'rows'}", "measure")
            r.absorb(q.word, *(t for t in r.tokens if t.text in ("different", "distinct", "unique", "separate")))
            return _finish_counts(r, q)
    if grouped:
        raise Unanswerable("I could not tell what is grouped to count.", hint="Name it, e.g. 'how many customers ...'.")
    counted = target if target is not None and not target.used else None
    if counted is not None and counted.text in cond.OUTCOME_WORDS and not counted.senses:
        raise Unanswerable(f"I found no column of results (won, lost) in '{r.table}' to count '{counted.text}' in.",
                           hint=r.hint([counted.text]))
    if counted is not None and not (ranking.row_noun(r, counted) or counted.is_("column")):
        if counted.senses and not counted.is_("function"):
            counted = None
        elif not r.generic:
            raise Unanswerable(f"I could not find what '{counted.text}' are in '{r.table}'.", hint=r.hint([counted.text]))
    plan.measures = [Measure(agg="count")]
    r.use(q.word, "count rows", "measure")
    if counted is not None:
        r.use(counted, f"the rows of {r.table}", "word")
        if counted.is_("table"):  # 'how many distinct products' in products: each row is one
            r.absorb(*(t for t in r.tokens if t.text in ("different", "distinct", "unique", "separate")))
    return _finish_counts(r, q)


def _finish_counts(r: Reader, q: Question) -> bool:
    """A count alone, or by the groups named ('how many orders by status')."""
    if q.groups or r.plan.bucket:
        r.plan.group_by, r.plan.intent = list(q.groups), "table"
        _filters(r, q)
        return True
    return _finish_value(r, q)


def _entity_value(r: Reader, q: Question) -> bool:
    """'average order value': the table's figure per thing it counts (total revenue / distinct orders)."""
    for index, token in enumerate(r.tokens[1:], start=1):
        thing = r.tokens[index - 1]
        if token.used or token.text not in ("value", "size") or thing.used:
            continue
        keys = [c for c in r.columns_of(thing, {"id"}) if c.table == r.table]
        figure = r.default_measure() if token.text == "value" else next(
            (c for c in r.of_role("measure") if "quantity" in c.concepts), None)
        if not keys or figure is None:
            continue
        plan = r.plan
        plan.measures = [Measure(agg="sum", column=figure.name), Measure(agg="n_unique", column=keys[0].name),
                         Measure(combine="ratio", of=[0, 1], label=f"{thing.text} {token.text}")]
        r.use(token, f"{thing.text} {token.text}: total {figure.name} / distinct {keys[0].name}", "measure")
        r.absorb(thing, *(t for t in r.tokens[max(0, index - 2):index] if t.is_("agg") and t.first("agg").value == "mean"))
        plan.group_by = list(q.groups)
        plan.intent = "table" if q.groups or plan.bucket else "value"
        _filters(r, q)
        return True
    return False


def _compared_measure(r: Reader, q: Question) -> list[Phrase]:
    """'revenue between 100 and 200': the measure compared is the figure asked for, when nothing else is."""
    if q.kind not in ("none", "what", "how much") or q.groups or r.plan.bucket:
        return []
    compared = [c for c in q.conditions if c.kind == "compare" and c.column is not None and c.column.role == "measure"]
    if len(compared) != 1 or any(t.content and not t.used for t in r.tokens):
        return []
    named = next((t for t in compared[0].tokens if r.columns_of(t)), None)
    if named is None or singular(named.text) != named.text:
        return []  # 'salaries over 90000' names the rows: counted, below
    return [Phrase(None, compared[0].column, [])]


def _bare_count(r: Reader, q: Question) -> bool:
    """'orders last week', 'salaries over 90000', 'tickets since March 2025': the rows named and a condition, counted."""
    if q.kind != "none" or not (q.conditions or q.ranges or q.filters) or find_measures(r) or q.top:
        return False
    rest = [t for t in r.tokens if not t.used and t.content]
    plural = [t for c in q.conditions for t in c.tokens if c.kind == "compare" and singular(t.text) != t.text
              and r.columns_of(t, {"measure"})]
    if not rest and plural:  # 'salaries over 90000': how many
        rest = plural[:1]
    elif len(rest) != 1 or not (ranking.row_noun(r, rest[0]) or any(
            c.role == "id" or c is r.label() for c in r.columns_of(rest[0]))):
        return False
    r.plan.measures = [Measure(agg="count")]
    if not rest[0].used:
        r.use(rest[0], f"count the rows of {r.table}", "measure")
    return _finish_counts(r, q)


def _count_groups(r: Reader, q: Question, phrase: Phrase, grouped: list[cond.Condition]) -> bool:
    """'how many customers ordered more than 30 times': group, keep the groups that meet it, count them."""
    plan = r.plan
    column = phrase.column
    plan.group_by = [r.name(column)]
    for condition in grouped:
        q.conditions.remove(condition)
        if condition.count:
            plan.measures.append(Measure(agg="count"))
        else:
            plan.measures.append(Measure(agg=condition.agg, column=r.name(condition.column)))
        plan.having.append(Filter(column=f"@{len(plan.measures) - 1}", op=condition.filter.op, value=condition.filter.value))
        cond.say(r, condition, f"keep {column.name} groups where {condition.filter.words()}")
        r.absorb(condition.agg_token)
    plan.intent = "count"
    r.use(phrase.tokens[-1], f"count {column.name} groups", "measure")
    r.absorb(*phrase.tokens)
    _filters(r, q)
    return True


# ---- measures ---------------------------------------------------------------------------------

def _measures(r: Reader, q: Question, phrases: list[Phrase], absorb_verbs: bool = False) -> bool:
    """'total revenue', 'average fare by class', 'revenue per month', 'revenue per customer' (a ratio)."""
    plan = r.plan
    if not phrases:
        if not (q.groups or plan.bucket):
            return False
        plan.measures = [Measure(agg="count")]
        named = [t for t in r.tokens if not t.used and ranking.row_noun(r, t)]
        for token in named[:1]:
            r.use(token, f"count the rows of {r.table}", "measure")
        if not named:
            r.notes.append("No measure named: counting rows.")
    for phrase in phrases:
        if phrase.tokens and all(t.used for t in phrase.tokens):
            continue  # taken by the phrase before it: 'revenue per unit sold'
        ratio = _per(r, phrase)
        if ratio:
            continue
        plan.measures.append(measure(r, phrase))
        say_measure(r, phrase, len(plan.measures) - 1)
    if absorb_verbs:
        r.absorb(*(t for t in r.tokens if t.is_("earning", "transaction") and not t.is_("column")))
        each = next((t for t in r.tokens if t.text in ("each", "both") and not t.used), None)
        several = any(c.kind == "value" and c.filter.op == "in" for c in q.conditions)
        if each is not None and several and len(plan.measures) == 1 and plan.measures[0].column:
            plan.intent, plan.column = "pick", plan.measures[0].column  # 'X and Y each won how many': per row
            plan.measures = []
            r.absorb(each)
            _filters(r, q)
            return True
    fixed = {c.filter.column for c in q.conditions if c.kind == "compare" and c.filter.op == "=="}
    if not q.groups and plan.measures and all(m.column in fixed and m.agg != "count" for m in plan.measures):
        raise Unanswerable("The question fixes the very figure it asks for.", hint=r.hint())  # 'with a 2937 length'
    plan.group_by = list(q.groups)
    if len(plan.measures) > 1 and not any(m.combine for m in plan.measures):
        plan.answer = 0  # 'revenue and quantity by region': the first named is the answer, the rest beside it
    if q.groups or plan.bucket:
        plan.intent = "table"
        _period_change(r)
        if q.top:
            plan.order = [SortKey(column="@0", descending=q.top[1] is not False), *(SortKey(column=g) for g in q.groups)]
            plan.limit = q.top[0]
            r.use(q.top[2], f"the {'top' if q.top[1] is not False else 'bottom'} {q.top[0]}", "limit")
        _filters(r, q)
        return True
    return _finish_value(r, q)


def _period_change(r: Reader) -> None:
    """'revenue growth by month', 'month over month change in orders': each period against the one before."""
    token = next((t for t in r.tokens if t.is_("change") and not t.used), None)
    if token is not None and r.plan.bucket:
        r.plan.change = True
        r.use(token, f"% change on the previous {r.plan.bucket}", "measure")


def _per(r: Reader, phrase: Phrase) -> bool:
    """'revenue per customer': total revenue / distinct customers; 'revenue per unit' a ratio of two measures."""
    last = phrase.tokens[-1] if phrase.tokens else None
    per = next((t for t in r.tokens[r.index(last) + 1:] if t.text == "per" or not t.is_("function")), None) \
        if last is not None else None
    if per is None or per.text != "per" or per.used:
        return False
    target = r.after(per)
    if target is None or target.used:
        return False
    plan = r.plan
    own = target.is_("table") and target.first("table").value == r.table
    if own or ranking.row_noun(r, target) and not target.is_("column", "table"):
        plan.measures.append(measure(r, phrase, "mean"))
        say_measure(r, phrase, len(plan.measures) - 1, f"average {phrase.column.name} per row")
        r.absorb(per, target)
        return True
    columns = r.columns_of(target, {"id", "category", "text", "measure"})
    if not columns:
        return False
    column = columns[0]
    start = len(plan.measures)
    top = measure(r, phrase, "sum" if phrase.agg in (None, "mean", "sum") else phrase.agg)
    if column.role == "measure":
        bottom = Measure(agg="sum", column=r.name(column))
    elif r.unique_per_row(column):
        plan.measures.append(measure(r, phrase, "mean"))
        say_measure(r, phrase, start, f"average {phrase.column.name} per {column.name}")
        r.absorb(per, target)
        return True
    else:
        bottom = Measure(agg="n_unique", column=r.name(column))
    plan.measures += [top, bottom, Measure(combine="ratio", of=[start, start + 1],
                                           label=f"{phrase.column.name} per {column.name}")]
    say_measure(r, phrase, start, f"total {phrase.column.name} / {'total' if column.role == 'measure' else 'distinct'} "
                                  f"{column.name}")
    r.absorb(per, target)
    return True


def _finish_value(r: Reader, q: Question) -> bool:
    r.plan.intent = "value"
    _filters(r, q)
    return True


# ---- what is X of Y, which X, list the X ---------------------------------------------------------

def _lookup(r: Reader, q: Question) -> bool:
    """'what is the capacity of X', 'who manages X', 'when was S02 installed', 'which channels appear', 'list the X'."""
    if q.kind not in ("what", "which", "who", "when", "where", "list", "how long", "none"):
        return False
    asked, token = ranking.asked_column(r, q)
    if asked is None:
        return False
    plan = r.plan
    if token is not None:
        r.use(token, f"the answer: {asked.name}", "column")
    r.absorb(q.word)
    plan.column = r.name(asked)
    if q.conditions or q.ranges or q.filters:
        plan.intent = "pick"
        plan.context = [c.name for c in (r.label(),) if c is not None and c.name != plan.column]
        one = _any_one(r)
        if one is not None:  # 'name one nation that ...': any will do, so the first listed
            plan.order, plan.row_order, plan.limit = [SortKey(column="@row")], True, 1
            r.use(one, "one of them: the first listed", "limit")
    else:
        plan.intent = "list"
    _filters(r, q)
    return True


def _any_one(r: Reader) -> Token | None:
    """'name one', 'name a', 'give me an', 'tell me one': the question asks for any one of the rows found."""
    words = [t for t in r.tokens[:4] if t.text not in ("me", "us")]
    if len(words) >= 2 and words[0].text in ("name", "give", "tell", "list") and words[1].text in ("one", "a", "an", "any") \
            and not words[1].used:
        return words[1]
    return None


# ---- yes or no --------------------------------------------------------------------------------

def _yes_no(r: Reader, q: Question) -> None:
    """'is there any X', 'are order ids unique', 'is the richest person self-made', 'is the average age above 30'."""
    plan = r.plan
    r.absorb(q.word)
    unique = next((t for t in r.tokens if t.text in ("unique", "distinct") and not t.used), None)
    if unique is not None:
        column = next((c for t in r.tokens if not t.used and t is not unique for c in r.columns_of(t)), None)
        if column is not None:
            plan.measures = [Measure(agg="count"), Measure(agg="n_unique", column=r.name(column))]
            plan.intent, plan.test = "test", Filter(column="@1", op="==", value="@0")
            r.use(unique, f"is every {column.name} different?", "measure")
            r.absorb(*(t for t in r.tokens if not t.used and any(c is column for c in r.columns_of(t))))
            r.absorb(*(t for t in r.tokens if t.text in ("every", "all", "each") and not t.used))
            _filters(r, q)
            return
    if any(set(t.text.split()) & EXISTS_WORDS and not t.used for t in r.tokens[:4]):
        r.absorb(*(t for t in r.tokens if set(t.text.split()) & EXISTS_WORDS and not t.used))
        _exists(r, q)
        return
    counted = [c for c in q.conditions if c.count]
    if counted:  # 'does evansville have more than 4 stations'
        q.conditions.remove(counted[0])
        plan.measures = [Measure(agg="count")]
        plan.intent, plan.test = "test", Filter(column="@0", op=counted[0].filter.op, value=counted[0].filter.value)
        cond.say(r, counted[0], f"are there {counted[0].filter.words().replace('rows ', '')} rows?")
        _filters(r, q)
        return
    measured = [c for c in q.conditions if c.kind == "compare" and c.agg]
    if measured:  # 'is the average age above 30'
        condition = measured[0]
        q.conditions.remove(condition)
        plan.measures = [Measure(agg=condition.agg, column=r.name(condition.column))]
        plan.intent, plan.test = "test", Filter(column="@0", op=condition.filter.op, value=condition.filter.value)
        cond.say(r, condition, f"is the {condition.agg} {condition.filter.words()}?")
        r.absorb(condition.agg_token)
        _filters(r, q)
        return
    for rule in (ranking.superlative, ranking.ordinal):
        if rule(r, q):
            ranking.apply_test(r, q.conditions)
            if plan.intent == "value" and plan.measures:
                plan.test = plan.test.model_copy(update={"column": "@0"})
            plan.intent = "test" if plan.intent in ("value",) else plan.intent
            _filters(r, q)
            return
    if q.conditions:
        _exists(r, q)
        return
    raise Unanswerable("I could not tell what the yes/no question asks.", hint=r.hint())


def _exists(r: Reader, q: Question) -> None:
    plan = r.plan
    plan.measures = [Measure(agg="count")]
    plan.intent, plan.test = "test", Filter(column="@0", op=">", value=0)
    r.chips.append(r.chips[0].model_copy(update={"phrase": "any", "meaning": "are there any such rows?"})
                   if r.chips else _chip("any", "are there any such rows?"))
    _filters(r, q)


def _chip(phrase: str, meaning: str):
    from etl_core.chat.plan import Chip

    return Chip(phrase=phrase, meaning=meaning)


def remaining_words(tokens: list[Token]) -> list[str]:
    return [t.text for t in tokens if not t.used and t.content]

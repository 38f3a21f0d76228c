"""The deterministic planner: a question in plain words -> a QueryPlan, with no network.

It reads the question the way search-driven BI tools do: words that name columns
(exactly, by their parts, by synonyms, or by close spelling), words that are values
found in the columns, and a small grammar for aggregations, grouping, time, ranking and
comparisons (../shared/CHAT-GRAMMAR.md). Every match is written into plan.notes, so the
answer can say what each word meant. What it cannot place, it says, rather than guess.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import difflib
import re

from etl_core.chat.catalogue import Catalogue, Column, singular, words
from etl_core.chat.dates import add_months, parse_when, period_start, relative_range, year_range
from etl_core.chat.plan import DateRange, Filter, Join, Measure, QueryPlan
from etl_core.chat.vocabulary import (
    AGG_WORDS,
    CHARTS,
    COMPARISON,
    CUT_WORDS,
    FILLER,
    MAX_QUESTION,
    MEASURE_SUFFIXES,
    MONTHS,
    ROW_NOUNS,
    STOP,
    TRANSACTION_VERBS,
    UNIT_WORDS,
    normalise,
    parse_number,
)
from etl_core.errors import InputError


class Unanswerable(InputError):
    """The question cannot be mapped; the message says what is known and what to ask."""


def plan_question(question: str, catalogue: Catalogue, previous: QueryPlan | None = None) -> QueryPlan:
    text = " ".join(question.split())
    if not text:
        raise Unanswerable("The question is empty.", hint="Ask something like 'total revenue by region'.")
    if len(text) > MAX_QUESTION:
        raise Unanswerable(f"The question is longer than {MAX_QUESTION} characters.",
                           hint="Ask one short question at a time.")
    low = normalise(text.lower().rstrip("?!. "))
    if re.fullmatch(r"(hi|hello|hey|help|thanks|thank you|what can you do|what can i ask|how does this work)\b.*", low):
        return QueryPlan(table=_main_table(catalogue), intent="help")
    if previous is not None and _is_follow_up(low):
        return _follow_up(low, catalogue, previous)
    return _Reader(low, catalogue).plan()


def _main_table(catalogue: Catalogue) -> str:
    return max(catalogue.rows, key=lambda t: catalogue.rows[t])


def _is_follow_up(low: str) -> bool:
    return bool(re.match(r"(and|now|only|just|what about|how about|same|also|instead|as an? |but |then |excluding |except |"
                         r"without |not |ignoring )", low)) or bool(re.search(r"\bonly$", low)) or \
        bool(re.search(r"\binstead\b", low))


def _follow_up(low: str, catalogue: Catalogue, previous: QueryPlan) -> QueryPlan:
    """Change the previous plan: and by month, only for West, top 10 instead, as a pie chart, what about 2023."""
    reader = _Reader(low, catalogue, table=previous.table, joins={j.table: j.on for j in previous.joins})
    plan = previous.model_copy(deep=True)
    plan.notes = []
    chart = reader.chart()
    if chart:
        plan.chart = chart
    top = reader.top()
    if top:
        plan.limit, plan.sort_desc = top
    unit = reader.bucket_unit()
    group = reader.group_columns()
    if unit:
        plan.bucket, plan.date_column = unit, plan.date_column or reader.date_column()
        if not top:
            plan.limit = None  # a ranking does not carry over to a time series
        plan.group_by = [g for g in plan.group_by if g not in group]
    if group:
        plan.group_by = group if re.search(r"\binstead\b", low) else [*plan.group_by, *[g for g in group
                                                                                       if g not in plan.group_by]]
    ranges = reader.date_ranges()
    if ranges:
        plan.date_ranges = ranges
    filters = reader.value_filters()
    if filters:
        touched = {f.column for f in filters}
        plan.filters = [f for f in plan.filters if f.column not in touched] + filters
    plan.notes = reader.notes
    plan.joins = reader.plan_joins(plan)
    if not (chart or top or unit or group or ranges or filters):
        return _Reader(low, catalogue).plan()  # not a change after all: a new question
    return plan


class _Reader:
    """One question's reading; keeps notes of what each word matched."""

    def __init__(self, low: str, catalogue: Catalogue, table: str | None = None,
                 joins: dict[str, list[str]] | None = None) -> None:
        self.low, self.catalogue = low, catalogue
        self.table = table or self._pick_table()
        self.joinable = catalogue.join_keys(self.table)  # other table -> the key it is looked up by
        self.joins: dict[str, list[str]] = dict(joins or {})
        self.own = {c.name for c in catalogue.of_table(self.table)}
        self.joined_names: dict[str, str] = {}
        self.kept = set(self.joins)  # a follow-up keeps the previous plan's joins
        self.compared: set[str] = set()  # columns compared with a number ('revenue over 500')
        self.flag_words: set[str] = set()  # the words of yes/no columns named as a state
        self.per_row = False  # 'per order' where each row is one order: an average over rows, not a grouping
        # numbers taken by comparisons are not years: 'between 1000 and 2000'
        self.dates_text = re.sub(COMPARISON, " ", low)
        self.notes: list[str] = []
        self.used: set[str] = set()  # words already explained

    # ---- the whole plan ------------------------------------------------------------------
    def plan(self) -> QueryPlan:
        low = self.low
        plan = QueryPlan(table=self.table)
        if re.search(r"\b(describe|summari[sz]e|overview|profile|distribution|histogram|spread)\b|"
                     r"what'?s in (this|the)|what is in (this|the)", low):
            words_after = re.sub(r"^.*?\b(describe|summari[sz]e|overview|profile|distribution|histogram|spread)\b", "", low)
            described = self._first_column(words_after, None)
            plan.intent, plan.column = "describe", described.name if described else None
            if re.search(r"\b(distribution|histogram|spread)\b", low):
                if described is None or described.role != "measure":
                    raise Unanswerable("A distribution needs a column of numbers.", hint=self._columns_hint())
                plan.chart = "histogram"  # one column's values: how they spread
            return self._finish(plan)
        plan.chart = self.chart() or "auto"
        flags = self.flag_filters()  # first: 'remote eligible' is the flag, not the office 'Remote'
        plan.filters = self.value_filters() + self.comparisons() + self.sign_filters() + flags
        plan.date_ranges = self.date_ranges()
        plan.date_column = self.date_column()
        unique = re.search(r"\b(?:are|is) (all |every |each )?(the )?(.+?) unique\b", low)
        if unique:
            column = self._first_column(unique.group(3), None)
            if column:
                plan.intent, plan.column = "all_unique", column.name
                return self._finish(plan)
        if re.match(r"(is|are|was|were) there\b|(?:does|do|did|has|have|had|is|are|was|were) (?:any|anyone|anybody|"
                    r"someone|somebody)\b|any\b", low):
            plan.intent = "exists"
            return self._finish(plan)
        lookup = re.search(r"(which|what|who) (\w+(?: \w+)?) (?:has|have|had|with|sold|made|bought|generated|got|placed|"
                           r"ordered|purchased|spent|earned|received|brought in|drove|did|\w+ed)"
                           r"(?: the)? (highest|most|largest|biggest|lowest|least|smallest|fewest)\b(.*)", low)
        if lookup:
            return self._lookup(plan, lookup.group(2), lookup.group(3), self.measures(lookup.group(4)))
        who = re.fullmatch(r"who (?:is |was )?(\w+)(?: the)? (most|highest|least|lowest)\b(.*)", low)
        person = who and next((c for c in self.catalogue.of_table(self.table)
                               if "name" in c.parts and c.role in ("text", "category", "id")), None)
        paid = person and self.measures(who.group(1) + who.group(3))
        if paid:  # 'who earns the most': the name with the most pay
            return self._lookup(plan, person.name, who.group(2), paid)
        pricey = re.fullmatch(r"(?:(?:what|which) is |what's )?(?:the )?(most expensive|priciest|highest priced|cheapest|"
                              r"least expensive|lowest priced) ([a-z_]+)(?: by (.+))?", low)
        if pricey:
            named = next((t for t in self.catalogue.rows if singular(t.lower()) == singular(pricey.group(2))), None)
            if named and named != self.table:  # 'the most expensive product' is a question about products
                return _Reader(low, self.catalogue, table=named).plan()
            direction = "lowest" if pricey.group(1) in ("cheapest", "least expensive", "lowest priced") else "highest"
            agg = "min" if direction == "lowest" else "max"  # a product's price, not the sum of its prices
            return self._lookup(plan, pricey.group(2), direction, self.measures(pricey.group(3) or "price", agg))
        flipped = re.fullmatch(r"(?:(?:what|which) (?:is|are) |what's )?(?:the )?(highest|lowest|biggest|largest|smallest|"
                               r"most|least|top|best|worst|bottom)\s+(\d+ )?((?:[a-z_]+ ){1,3}?)([a-z_]+)", low)
        before = set(self.used), list(self.notes)  # a reading tried and not taken leaves no trace
        label = flipped and self._first_column(flipped.group(4), {"category", "text", "id"})
        measures = label and singular(flipped.group(4)) in {singular(p) for p in label.parts} and \
            self.measures(flipped.group(3))
        if measures and flipped.group(2):  # 'the 3 lowest revenue products': a ranking
            plan.group_by, plan.measures = [label.name], measures
            plan.limit = int(flipped.group(2))
            plan.sort_desc = flipped.group(1) not in ("lowest", "smallest", "least", "worst", "bottom")
            return self._finish(plan)
        if measures:
            return self._lookup(plan, flipped.group(4), flipped.group(1), measures)  # 'highest revenue channel'
        self.used, self.notes = before
        top = self.top()
        if top:
            plan.limit, plan.sort_desc = top
        plan.bucket = self.bucket_unit()
        ranked = re.search(r"\b(top|bottom|best|worst|highest|lowest|biggest|largest|smallest)\s+(?:\d+\s+)?"
                           r"((?:[a-z0-9_]+ ){0,3}?[a-z0-9_]+)\s+(?:by|in terms of|for)\s+((?:[a-z0-9_]+ ?){1,3})", low)
        if ranked and self._longest_column(self._phrase(ranked.group(2)), {"category", "text", "id", "boolean"}):
            group = self._longest_column(self._phrase(ranked.group(2)), {"category", "text", "id", "boolean"})
            plan.group_by = [group.name]
            plan.measures = self.measures(ranked.group(3)) or self.measures()
            self.notes.append(f"'{ranked.group(2)}' is ranked: grouped by {group.name}.")
            noun = words(ranked.group(2))[-1]
            if not top and singular(noun) == noun and ranked.group(1) not in ("top", "bottom"):
                plan.limit, plan.sort_desc = 1, ranked.group(1) in ("best", "highest", "biggest", "largest")
                plan.intent = "lookup"  # 'the largest order by revenue', 'worst channel by revenue': the one
                return self._finish(plan)
        else:
            plan.group_by = self.group_columns()
            plan.measures = self.measures()
            ranked_alone = re.search(r"\b(?:top|bottom|best|worst)\s+(?:\d+\s+)?((?:[a-z0-9_]+ ?){1,3})", low)
            if top and not plan.group_by and ranked_alone:  # 'top 10 products': ranked by the main measure
                group = self._longest_column(self._phrase(ranked_alone.group(1)), {"category", "text", "id", "boolean"})
                default = self._default_measure()
                if group is not None:
                    plan.group_by = [group.name]
                    if [m for m in plan.measures if m.agg == "n_unique" and m.column == group.name] or not plan.measures:
                        plan.measures = [Measure(agg="sum", column=default.name)] if default else [Measure(agg="count")]
                        self.notes.append(f"'{ranked_alone.group(0).strip()}' is ranked by "
                                          f"{plan.measures[0].name} (no measure named).")
        plan.share = bool(re.search(r"\b(share|percentage|percent|proportion)\b|% of", low))
        plan.change = bool(re.search(r"\b(growth|change|grew|year over year|month over month|yoy|mom)\b", low))
        if plan.change and not plan.bucket:
            plan.bucket = "year" if re.search(r"year over year|yoy|annual", low) else "month"
        if re.search(r"\b(over time|trend|trends|timeline)\b", low) and not plan.bucket:
            plan.bucket = "auto"  # resolved in execution from the date range
        if plan.bucket and not plan.date_column:
            raise Unanswerable("There is no date column to group by time.", hint=self._columns_hint())
        listing = re.match(r"(which|list|show me|show|what are|name)( the| all| all the)? (.+?)( in | for | with |$)", low) \
            or re.match(r"(what|which)( the)? (.+?) (are there|exist|do we have|are available)( in | for | with |$)", low)
        if not plan.measures and listing and not plan.group_by and not plan.bucket and not self._unknown_words():
            column = self._first_column(listing.group(3), {"category", "text", "id"})
            if column:
                plan.intent, plan.column = "list", column.name
                return self._finish(plan)
        if not plan.measures:
            ids = self._named_columns({"id"})
            if ids:
                plan.measures = [Measure(agg="n_unique", column=ids[0].name)]
                self.notes.append(f"'{' '.join(ids[0].parts[:-1]) or ids[0].name}' is counted as distinct {ids[0].name}.")
        if not plan.measures and (plan.group_by or plan.bucket or top or plan.share):
            plan.measures = [Measure(agg="count")]
            self.notes.append("No measure named: counting rows.")
        if not plan.measures:
            unknown = self._unknown_words()
            if unknown:
                raise Unanswerable(f"I could not match {', '.join(repr(w) for w in unknown)} to a column or a value.",
                                   hint=self._columns_hint(unknown))
            if plan.filters or plan.date_ranges:
                plan.measures = [Measure(agg="count")]
            else:
                raise Unanswerable("I could not tell what to compute.", hint=self._columns_hint())
        return self._finish(plan)

    def _finish(self, plan: QueryPlan) -> QueryPlan:
        unused = self._unknown_words()
        for word in unused:  # 'revenue for Electronics' with no such value: answering all revenue would mislead
            if re.search(rf"\b(?:for|in|from|at|of|where|with|without|excluding|except|not|only|is)\s+(?:the\s+)?{word}\b",
                         self.low) and plan.intent != "describe":
                raise Unanswerable(f"I could not find '{word}' in any column of '{self.table}'.",
                                   hint=self._values_hint())
            measured = (rf"\b(?:total|sum of|sum|average|avg|mean|median|max|min|maximum|minimum|count of|number of|"
                        rf"variance of|std of)\s+(?:the\s+)?(?:[a-z_]+\s+)?{word}\b|"
                        rf"^(?:the\s+)?{word}\s+(?:by|per|for each|over time)\b")
            tokens = words(self.low)
            at = tokens.index(word)
            following = tokens[at + 1] if at + 1 < len(tokens) else None
            measure_parts = {singular(p) for m in plan.measures if m.column for c in self.catalogue.columns
                             if c.name == m.column for p in c.parts}
            if word in MEASURE_SUFFIXES and at and singular(tokens[at - 1]) in measure_parts:
                continue  # 'total salary cost' is the salary: the suffix adds nothing
            if following in measure_parts and plan.intent != "describe":  # 'shipping cost' is not any cost
                raise Unanswerable(f"There is no column for '{word} {following}' in '{self.table}'.",
                                   hint=self._columns_hint([word]))
            if re.search(measured, self.low) and plan.intent != "describe":  # 'profit by region' with no profit column
                raise Unanswerable(f"There is no column for '{word}' in '{self.table}'.", hint=self._columns_hint([word]))
        if unused and plan.intent != "describe":
            self.notes.append(f"Not used: {', '.join(repr(w) for w in unused)} (they match no column or value).")
        plan.notes = self.notes
        plan.joins = self.plan_joins(plan)
        return plan

    def plan_joins(self, plan: QueryPlan) -> list[Join]:
        """The joins whose columns the plan uses (a word tried against a table does not join it)."""
        used = {f.column for f in plan.filters} | {m.column for m in plan.measures} | set(plan.group_by) | {plan.column}
        tables = {self.joined_names.get(name) for name in used} | {j.table for j in plan.joins if j.table in self.kept}
        return [Join(table=table, on=on) for table, on in self.joins.items() if table in tables]

    def _joined(self, column: Column) -> Column:
        """A column of a looked-up table, as the joined frame names it; the join is kept for the plan."""
        key = self.joinable[column.table]
        if column.table not in self.joins:
            self.joins[column.table] = [key]
            self.notes.append(f"'{column.table}' is joined on {key} for {column.name}.")
        name = column.name if column.name not in self.own else f"{column.name}_{column.table}"
        self.joined_names[name] = column.table
        return dataclasses.replace(column, name=name)

    def _lookup(self, plan: QueryPlan, label: str, direction: str, measures: list[Measure]) -> QueryPlan:
        """The one label with the highest or lowest measure: 'which customer has the highest revenue'."""
        column = self._first_column(label, {"category", "text", "id"})
        if column is None:
            raise Unanswerable(f"I could not match '{label}' to a column.", hint=self._columns_hint())
        plan.group_by = [column.name]
        plan.measures = measures or [Measure(agg="count")]
        plan.limit, plan.sort_desc = 1, direction in ("highest", "most", "largest", "biggest", "top", "best")
        plan.intent = "lookup"
        self.notes.append(f"'{label}' is the column {column.name}.")
        return self._finish(plan)

    # ---- pieces ----------------------------------------------------------------------------
    def _pick_table(self) -> str:
        """The table whose columns and values the question names most."""
        scores = dict.fromkeys(self.catalogue.rows, 0)
        tokens = words(self.low)
        first = next((t for t in tokens if t not in STOP), None)
        for table in scores:  # 'how many orders from Enterprise customers' is about the table named first
            name = table.lower()
            if first is not None and first == name:
                scores[table] += 3
            if re.search(rf"\b(?:in|from) (?:the )?{re.escape(name)}(?: table)?$", self.low):
                scores[table] += 5  # 'are product ids unique in products': the table is named as the place
            if any(t in (singular(name) + "ed", singular(name) + "ing", singular(name) + "d") for t in tokens):
                scores[table] += 4  # 'customers who ordered in 2025' count in orders, not in customers
        if set(tokens) & TRANSACTION_VERBS:  # 'products sold in 2024' are counted in the sales, not the product list
            scores[_main_table(self.catalogue)] += 4
        for column in self.catalogue.columns:
            if column.parts and all(singular(p) in {singular(t) for t in tokens} for p in column.parts):
                # 'product names' is product_name before name; a measure weighs more, since only the table that
                # holds it can answer ('revenue by product name' is about orders, which can look products up)
                scores[column.table] += 1 + len(column.parts) + 2 * (column.role == "measure")
        for token in tokens:
            for column, _ in self.catalogue.values.get(token, []):
                scores[column.table] += 1
        best = max(scores.values())
        if best == 0:
            return _main_table(self.catalogue)
        return max((t for t in scores if scores[t] == best), key=lambda t: self.catalogue.rows[t])

    def chart(self) -> str | None:
        found = re.search(r"\bas (?:a |an )?(pie|line|bar|table|scatter|histogram)\b|\b(pie|line|bar) chart\b", self.low)
        return CHARTS[found.group(1) or found.group(2)] if found else None

    def top(self) -> tuple[int, bool] | None:
        found = re.search(r"\b(top|best|highest|biggest|largest|most|bottom|worst|lowest|smallest|least|fewest)"
                          r"\s+(\d+)\b", self.low) or re.search(r"\b(top|bottom)\b", self.low)
        if not found:
            return None
        count = int(found.group(2)) if found.lastindex and found.lastindex >= 2 and found.group(2) else 10
        return min(count, 10_000), found.group(1) in ("top", "best", "highest", "biggest", "largest", "most")

    def bucket_unit(self) -> str | None:
        found = re.search(r"\b(per|by|each|every|a)\s+(day|week|month|quarter|year)\b|"
                          r"\b(daily|weekly|monthly|quarterly|yearly|annually)\b", self.low)
        if not found:
            return None
        return UNIT_WORDS[found.group(2) or found.group(3)]

    def date_column(self) -> str | None:
        dates = [c for c in self.catalogue.of_table(self.table) if c.role == "date"]
        if not dates:
            return None
        named = [c for c in dates if set(c.parts) & set(words(self.low))]
        chosen = (named or sorted(dates, key=lambda c: ("date" not in c.parts, len(c.parts))))[0]
        if len(dates) > 1 and not named:
            self.notes.append(f"Dates are taken from '{chosen.name}' (the table has {len(dates)} date columns).")
        return chosen.name

    def group_columns(self) -> list[str]:
        columns = []
        phrases = []
        for found in re.finditer(r"\b(?:by|per|for each|for every|broken down by|across|split by)\s+"
                                 r"((?:[a-z0-9_$%()]+ ?){1,4}(?:(?:,|,? and) (?:[a-z0-9_$%()]+ ?){1,3})?)", self.low):
            parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", found.group(1).strip())
            phrases.append(parts[0])
            phrases += [p for p in parts[1:] if self._longest_column(self._phrase(p), {"category", "text", "id", "boolean"})]
        for text in phrases:
            phrase = self._phrase(text)
            if not phrase or phrase[0] in UNIT_WORDS:
                continue
            column = self._longest_column(phrase, {"category", "text", "id", "boolean", "date"})
            if column is None and self._longest_column(phrase, {"measure"}) is None:
                elsewhere = [c.table for c in self.catalogue.find(phrase[:2]) if c.table != self.table]
                where = (f" It is in '{elsewhere[0]}', which shares no key column with '{self.table}' to look it up by."
                         if elsewhere else "")
                raise Unanswerable(f"'{' '.join(phrase)}' is not a column of '{self.table}'.{where}",
                                   hint=self._columns_hint(phrase))
            if column and column.role == "id" and column.distinct == self.catalogue.rows.get(column.table) \
                    and re.match(r"per|for each|for every", found.group(0)) and text is phrases[0]:
                self.per_row = True  # 'average quantity per order', 'revenue per order': over the orders, not by each
                self.notes.append(f"'{found.group(0).strip()}': each row is one {column.name}, so this is per row.")
                continue
            if column and column.name not in columns:
                columns.append(column.name)
                self.notes.append(f"'by {' '.join(phrase[:len(column.parts)])}' groups by {column.name}.")
        return columns

    def measures(self, text: str | None = None, named_agg: str | None = None) -> list[Measure]:
        """The measures the words ask for. A measure named with no aggregate word is summed (averaged when it is a
        price or a rate, or per row), or taken by named_agg: 'the most expensive product' has the highest price."""
        text = self.low if text is None else text
        found: list[Measure] = []
        for pattern, agg in AGG_WORDS:
            for match in re.finditer(rf"\b(?:{pattern})\b\s*((?:[a-z0-9_$%()]+ ?){{0,4}})", text):
                phrase = self._phrase(match.group(1))
                column = None
                for start in range(len(phrase)):  # 'how many cancelled orders': the noun may follow a value
                    column = self._longest_column(phrase[start:], {"measure", "id", "category", "text"})
                    if column:
                        break
                if agg == "count" and column is not None and column.role == "id":
                    found.append(Measure(agg="n_unique", column=column.name))
                    self.notes.append(f"'{match.group(0).strip()}' counts distinct {column.name}.")
                elif agg == "count" and phrase and column is None and not self._countable(phrase[0]):
                    continue  # 'how many unicorns': nothing here is called that
                elif agg == "count":
                    found.append(Measure(agg="count"))
                elif agg == "n_unique" and column is not None:
                    found.append(Measure(agg="n_unique", column=column.name))
                elif column is not None and column.role == "measure":
                    found.append(Measure(agg=agg, column=column.name))
                    self.notes.append(f"'{match.group(0).strip()}' is the {agg} of {column.name}.")
                elif agg not in ("count", "n_unique") and pattern.startswith(("total", "average")) and not phrase:
                    default = self._default_measure()
                    if default:
                        found.append(Measure(agg=agg, column=default.name))
                        self.notes.append(f"No amount named: using {default.name}.")
        if not found:
            for column in self._named_columns({"measure"}, text):
                plural = any(t != singular(t) and singular(t) in {singular(p) for p in column.parts} for t in words(text))
                if column.name in self.compared and (self._named_columns({"id"}) or plural):
                    continue  # 'orders with revenue under 50' and 'salaries over 90000' count rows
                agg = named_agg or ("mean" if self.per_row or set(column.parts) & {"price", "rate", "pct", "percent", "ratio",
                                                                                   "score"} else "sum")
                found.append(Measure(agg=agg, column=column.name))
                taken = {"mean": "averaged", "sum": "summed", "max": "its highest value", "min": "its lowest value"}[agg]
                self.notes.append(f"'{' '.join(column.parts)}' is {column.name}, {taken}.")
                if len(found) == 2 or " and " not in text:  # 'revenue and quantity by region': two measures
                    break
        unique = []
        for measure in found:
            if measure not in unique:
                unique.append(measure)
        if any(m.agg == "n_unique" for m in unique):  # 'how many distinct regions': not also a row count
            unique = [m for m in unique if not (m.agg == "count" and m.column is None)] or unique
        return unique

    def value_filters(self) -> list[Filter]:
        tokens = re.findall(r"[a-z0-9&][a-z0-9&.'_-]*", self.low)
        by_column: dict[str, tuple[Column, list, bool]] = {}
        index = 0
        while index < len(tokens):
            for size in range(8, 0, -1):
                phrase = " ".join(tokens[index:index + size])
                if size == 1 and (phrase in STOP or len(phrase) < 2) or set(tokens[index:index + size]) <= self.flag_words:
                    continue
                known = self.catalogue.values.get(phrase) or (self.catalogue.values.get(singular(phrase), [])
                                                                      if size == 1 else [])  # 'partners': Partner
                places = [(c, v) for c, v in known
                          if c.table == self.table or (c.table in self.joinable and c.name != self.joinable[c.table])]
                if places:
                    column, value = sorted(places, key=lambda p: (p[0].table != self.table, p[0].distinct))[0]
                    if column.table != self.table:
                        column = self._joined(column)
                    negated = index > 0 and tokens[index - 1] in ("not", "except", "excluding", "without") or \
                        " ".join(tokens[max(0, index - 2):index]) == "other than"
                    current = by_column.setdefault(column.name, (column, [], negated))
                    current[1].append(value)
                    self.used.update(tokens[index:index + size])
                    self.notes.append(f"'{phrase}' is a value of {column.name}.")
                    index += size
                    break
            else:
                index += 1
        filters = []
        for name, (_, values, negated) in by_column.items():
            if len(values) == 1:
                filters.append(Filter(column=name, op="!=" if negated else "==", value=values[0]))
            else:
                filters.append(Filter(column=name, op="not_in" if negated else "in", value=values))
        return filters

    def comparisons(self) -> list[Filter]:
        filters = []
        for found in re.finditer(COMPARISON, self.low):
            before, word, low_value = found.group(1), found.group(2), parse_number(found.group(3), found.group(4))
            if low_value is None:
                continue
            before_words = self._phrase(re.sub(r"\b(is|are|was|were)\s*$", "", before.strip()), last=True)
            after = self._phrase(found.group(7) or "")
            column = self._longest_column(after, {"measure"})
            if column is None and after and after[0] in ("items", "units", "pieces", "pcs"):  # 'more than 5 items'
                column = next((c for c in self.catalogue.of_table(self.table)
                               if c.role == "measure" and "quantity" in c.concepts), None)
            if column is None and after and after[0] not in STOP and not self._countable(after[0]):
                raise Unanswerable(f"I could not tell what '{found.group(0).strip()}' compares: no column matches "
                                   f"'{after[0]}'.", hint=self._columns_hint(after[:1]))
            for start in range(len(before_words)):  # 'average unit price above 200': the column ends the words
                column = column or self._longest_column(before_words[start:], {"measure"})
            column = column or self._default_measure()
            if column is None:
                continue
            if word == "between":
                high = parse_number(found.group(5) or "", found.group(6))
                if high is None:
                    continue
                filters.append(Filter(column=column.name, op="between", value=[low_value, high]))
            else:
                op = {"over": ">", "more than": ">", "greater than": ">", "above": ">", "at least": ">=",
                      "under": "<", "less than": "<", "below": "<", "at most": "<=", "exactly": "=="}[word]
                filters.append(Filter(column=column.name, op=op, value=low_value))
            self.notes.append(f"'{found.group(0).strip()}' filters {column.name}.")
            self.compared.add(column.name)
        return filters

    def flag_filters(self) -> list[Filter]:
        """A yes/no column named as a state: 'tickets that were reopened' is reopened true, 'not reopened' false."""
        tokens = words(self.low)
        filters = []
        for column in self.catalogue.of_table(self.table):
            if column.role != "boolean" or not column.parts or re.search(rf"\b(?:by|per) {' '.join(column.parts)}\b", self.low):
                continue
            at = next((i for i in range(len(tokens)) if tokens[i:i + len(column.parts)] == column.parts), None)
            if at is None:
                continue
            negated = at > 0 and tokens[at - 1] in ("not", "never", "non", "no")
            filters.append(Filter(column=column.name, op="==", value=not negated))
            self.used.update(column.parts)
            self.flag_words.update(column.parts)
            self.notes.append(f"'{' '.join(tokens[max(0, at - negated):at + len(column.parts)])}' filters "
                              f"{column.name} is {str(not negated).lower()}.")
        return filters

    def sign_filters(self) -> list[Filter]:
        """'negative revenue' is revenue < 0, 'positive' > 0, 'no discount' or 'zero discount' == 0."""
        filters = []
        for found in re.finditer(r"\b(negative|positive|no|zero|without(?: a| any)?)\s+((?:[a-z_]+ ?){1,3})", self.low):
            column = self._longest_column(self._phrase(found.group(2)), {"measure"})
            if column is None:
                continue
            op, value = {"negative": ("<", 0), "positive": (">", 0)}.get(found.group(1), ("==", 0))
            filters.append(Filter(column=column.name, op=op, value=value))
            self.used.add(found.group(1).split()[0])
            self.compared.add(column.name)
            self.notes.append(f"'{found.group(0).strip()}' filters {column.name} {op} {value}.")
        return filters

    def date_ranges(self) -> list[DateRange]:
        column = self.date_column()
        if column is None:
            return []
        latest = self.catalogue.latest.get(f"{self.table}.{column}")
        latest = latest.date() if isinstance(latest, dt.datetime) else latest
        low = self.dates_text
        versus = re.search(r"\b((?:19|20)\d\d)\s*(?:vs\.?|versus|compared (?:with|to)|and|against)\s*((?:19|20)\d\d)\b", low)
        if versus:
            return [year_range(column, int(versus.group(1))), year_range(column, int(versus.group(2)))]
        quarter = re.search(r"\bq([1-4])\s+((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\s+q([1-4])\b", low)
        if quarter:
            number, year = int(quarter.group(1) or quarter.group(4)), int(quarter.group(2) or quarter.group(3))
            start = dt.date(year, 3 * number - 2, 1)
            self.used.add(f"q{number}")
            return [DateRange(column=column, start=start, end=add_months(start, 3), label=f"Q{number} {year}")]
        half = re.search(r"\b(?:(first|second|1st|2nd) half(?: of)?|h([12]))\s+((?:19|20)\d\d)\b", low)
        if half:
            first = half.group(1) in ("first", "1st") or half.group(2) == "1"
            start = dt.date(int(half.group(3)), 1 if first else 7, 1)
            self.used.update({"first", "second", "half", "1st", "2nd", "h1", "h2"})
            return [DateRange(column=column, start=start, end=add_months(start, 6),
                              label=f"{'first' if first else 'second'} half of {start.year}")]
        month_year = re.search(rf"\b({'|'.join(MONTHS)})\s+((?:19|20)\d\d)\b", low)
        if month_year and not re.search(r"\b(since|after|before|until)\s+" + month_year.group(0), low):
            start = dt.date(int(month_year.group(2)), MONTHS[month_year.group(1)], 1)
            return [DateRange(column=column, start=start, end=add_months(start, 1), label=month_year.group(0).title())]
        if latest is None:
            return []
        relative = re.search(r"\b(last|past|previous|this|current)\s+(\d+\s+)?(day|week|month|quarter|year)s?\b", low)
        if relative:
            return [relative_range(column, relative.group(1), relative.group(2), relative.group(3), latest, self.notes)]
        to_date = re.search(r"\b(year|month|quarter) to date\b|\bytd\b|\bmtd\b", low)
        if to_date:
            unit = {"ytd": "year", "mtd": "month"}.get(to_date.group(0), to_date.group(1))
            start = period_start(latest, unit)
            self.notes.append(f"'{to_date.group(0)}' is measured to the latest date in the data, {latest}.")
            return [DateRange(column=column, start=start, end=latest + dt.timedelta(days=1),
                              label=f"{unit} to date ({start} to {latest})")]
        since = re.search(rf"\b(since|after|from|before|until|up to)\s+(?:(\d{{4}}-\d\d-\d\d)|({'|'.join(MONTHS)})"
                          rf"(?:\s+((?:19|20)\d\d))?|((?:19|20)\d\d))\b", low)
        if since:
            when = parse_when(since, latest)
            if when:
                day_given = since.group(2) is not None
                # 'until' and 'after' a day, a month or a year take in all of it: 'after 2021' starts in 2022
                period_end = when + dt.timedelta(days=1) if day_given else \
                    add_months(when, 1) if since.group(3) else dt.date(when.year + 1, 1, 1)
                if since.group(1) in ("until", "up to"):
                    return [DateRange(column=column, end=period_end, label=f"up to {period_end - dt.timedelta(days=1)}")]
                if since.group(1) == "before":
                    return [DateRange(column=column, end=when, label=f"before {when}")]
                if since.group(1) == "after":
                    return [DateRange(column=column, start=period_end, label=f"from {period_end}")]
                return [DateRange(column=column, start=when, label=f"since {when}")]
        month_only = re.search(rf"\bin\s+({'|'.join(MONTHS)})\b", low)
        if month_only:
            month = MONTHS[month_only.group(1)]
            year = latest.year if month <= latest.month else latest.year - 1
            start = dt.date(year, month, 1)
            self.notes.append(f"'{month_only.group(1)}' is taken as {calendar.month_name[month]} {year}, "
                              "the latest one in the data.")
            label = f"{calendar.month_name[month]} {year}"
            return [DateRange(column=column, start=start, end=add_months(start, 1), label=label)]
        year = re.search(r"\b(?:in|during|for|of)\s+((?:19|20)\d\d)\b", low)
        if not year and not re.search(r"\b(over|under|than|above|below|least|most|between|top|bottom)\s+\$?(19|20)\d\d\b",
                                      low):
            year = re.search(r"(?<![\d,.$])\b((?:19|20)\d\d)\b(?![\d,.])", low)
        if year:
            return [year_range(column, int(year.group(1)))]
        return []

    # ---- matching helpers ------------------------------------------------------------------
    def _phrase(self, text: str, last: bool = False) -> list[str]:
        """The words of a column name: up to the first joining word (or, with last, after the last one)."""
        tokens = [t for t in words(text) if t not in ("the", "a", "an", "of", "all", "each", "our", "my")]
        if last:
            cuts = [i for i, t in enumerate(tokens) if t in CUT_WORDS]
            return tokens[cuts[-1] + 1:][-3:] if cuts else tokens[-3:]
        cut = []
        for token in tokens:
            if token in CUT_WORDS:
                break
            cut.append(token)
        return cut

    def _longest_column(self, phrase: list[str], roles: set[str]) -> Column | None:
        rest = _without_table_name(phrase, self.table)
        if rest and rest != phrase and len(rest) <= 2:
            found = self.catalogue.find(rest, roles, self.table)
            if found and [singular(p) for p in found[0].parts] == [singular(w) for w in rest]:
                self.used.update(phrase)
                return found[0]
        for size in range(min(len(phrase), 4), 0, -1):
            found = self.catalogue.find(phrase[:size], roles, self.table) or self._find_elsewhere(phrase[:size], roles)
            if found:
                self.used.update(phrase[:size])
                if len(found) > 1 and found[0].parts != phrase[:size]:
                    self.notes.append(f"'{' '.join(phrase[:size])}' could mean {', '.join(c.name for c in found[:3])}; "
                                      f"using {found[0].name}.")
                return found[0]
        return None

    def _find_elsewhere(self, phrase: list[str], roles: set[str]) -> list[Column]:
        """A column of a table this one can look up ('customer segment', 'category'). The table's own
        name in the phrase ('customer') is dropped and favours that table; an exact name beats a synonym."""
        ranked = []
        for table, key in self.joinable.items():
            rest = _without_table_name(phrase, table)
            if not rest:
                continue
            for column in self.catalogue.find(rest, roles, table)[:1]:
                if column.name != key:
                    exact = [singular(p) for p in column.parts] == [singular(w) for w in rest]
                    ranked.append((rest == phrase, not exact, column))
        if not ranked:
            return []
        return [self._joined(min(ranked, key=lambda r: r[:2])[2])]

    def _first_column(self, text: str, roles: set[str] | None) -> Column | None:
        tokens = [t for t in words(text) if t not in STOP or t in ("date", "day", "name", "type", "value")]
        for start in range(len(tokens)):
            found = self._longest_column(tokens[start:], roles or {"measure", "date", "category", "text", "id", "boolean"})
            if found:
                return found
        return None

    def _named_columns(self, roles: set[str], text: str | None = None) -> list[Column]:
        tokens = words(self.low if text is None else text)
        named = []
        for start in range(len(tokens)):
            if tokens[start] in STOP:
                continue
            column = self._longest_column(tokens[start:], roles)
            if column and column not in named:
                named.append(column)
        return named

    def _default_measure(self) -> Column | None:
        measures = [c for c in self.catalogue.of_table(self.table) if c.role == "measure"]
        for preferred in ("revenue", "quantity", "price"):
            for column in measures:
                if preferred in column.concepts:
                    return column
        return measures[0] if len(measures) == 1 else None

    def _unknown_words(self) -> list[str]:
        table_words = {w for table in self.catalogue.rows for w in words(table)}
        filler = FILLER | ROW_NOUNS | table_words | {singular(w) for w in table_words}
        named = {singular(p) for c in self.catalogue.columns if c.table == self.table or c.table in self.joinable
                 for p in c.parts}
        return [t for t in words(self.low) if t not in STOP and t not in self.used and not t.isdigit()
                and singular(t) not in named
                and t not in MONTHS and t not in UNIT_WORDS and t not in filler and len(t) > 2
                and not re.fullmatch(r"\d+(k|m)?", t)]

    def _countable(self, word: str) -> bool:
        """A word 'how many' can count: rows, a table's name, or a value that filters ('cancelled')."""
        return word in ROW_NOUNS or word in self.used or \
            any(singular(word) == singular(w) for t in self.catalogue.rows for w in words(t)) or \
            word in self.catalogue.values

    def _values_hint(self) -> str:
        tables = {self.table, *self.joinable}
        shown = []
        for column in self.catalogue.columns:
            if column.table in tables and column.role == "category" and len(shown) < 4:
                values = [str(v) for places in self.catalogue.values.values() for c, v in places if c is column]
                shown.append(f"{column.name} ({', '.join(values[:4])}{', ...' if len(values) > 4 else ''})")
        return f"Values you can filter by: {'; '.join(shown)}." if shown else self._columns_hint()

    def _columns_hint(self, unknown: list[str] | None = None) -> str:
        columns = [c.name for c in self.catalogue.of_table(self.table)]
        near = [m for w in unknown or [] for m in difflib.get_close_matches(w, columns, n=2, cutoff=0.5)]
        shown = ", ".join(dict.fromkeys(near + columns[:12]))
        return f"Columns in '{self.table}': {shown}."


def _without_table_name(phrase: list[str], table: str) -> list[str]:
    """'customer names' about the customers table is 'names'."""
    table_words = {singular(w) for w in words(table)}
    return [w for w in phrase if singular(w) not in table_words]

"""What words mean to the planner: stop words, aggregate words, time units, and the rewrites that
spell a phrasing the one way the readers know ('0.3 or more' is 'at least 0.3')."""

from __future__ import annotations

import calendar
import re

MAX_QUESTION = 500
COMPARISON = (r"((?:[a-z_]+ ){0,4})(over|more than|greater than|above|at least|under|less than|below|at most|"
              r"exactly|between)\s+\$?(-?[\d,.]*\d)(?:\s?(k|m)\b)?(?:\s+and\s+\$?(-?[\d,.]*\d)(?:\s?(k|m)\b)?)?"
              r"\s*((?:[a-z_]+ ?){0,3})")
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
STOP = {"the", "a", "an", "of", "in", "for", "by", "per", "and", "or", "to", "is", "are", "was", "were", "what",
        "which", "who", "how", "me", "show", "give", "list", "all", "each", "every", "with", "from", "on", "at",
        "that", "this", "there", "any", "do", "does", "did", "we", "our", "my", "it", "as", "be", "has", "have",
        "had", "than", "over", "under", "between", "top", "bottom", "last", "past", "since", "before", "after",
        "many", "much", "number", "total", "sum", "average", "avg", "mean", "median", "count", "chart", "plot",
        "trend", "time", "where", "not", "except", "excluding", "only", "now", "instead", "about", "please",
        "year", "month", "quarter", "week", "day", "monthly", "weekly", "daily", "yearly", "quarterly", "up",
        "highest", "lowest", "most", "least", "max", "min", "maximum", "minimum", "distinct", "unique", "get",
        "tell", "values", "value", "graph", "line", "bar", "pie", "table", "more", "less", "greater", "above",
        "below", "vs", "versus", "compared", "share", "percentage", "percent", "growth", "until", "rows", "records",
        "change", "different", "broken", "down", "across", "biggest", "largest", "smallest", "best", "worst",
        "longest", "shortest"}
AGG_WORDS = [
    (r"how many|number of|count of|headcount|count", "count"), (r"total|sum of|sum", "sum"),
    (r"average|avg|mean", "mean"), (r"median", "median"),
    (r"minimum|min|lowest|smallest|cheapest|shortest", "min"),
    (r"maximum|max|highest|largest|biggest|most expensive|longest", "max"),
    (r"distinct|unique|different", "n_unique"), (r"standard deviation|std", "std"), (r"variance", "var"),
]
UNIT_WORDS = {"daily": "day", "day": "day", "days": "day", "weekly": "week", "week": "week", "weeks": "week",
              "monthly": "month", "month": "month", "months": "month", "quarterly": "quarter", "quarter": "quarter",
              "quarters": "quarter", "yearly": "year", "annually": "year", "year": "year", "years": "year"}
CHARTS = {"pie": "pie", "line": "line", "bar": "bar", "table": "table", "scatter": "scatter", "histogram": "histogram"}


TRANSACTION_VERBS = {"sold", "bought", "purchased", "ordered", "placed", "shipped", "spent", "paid"}
CUT_WORDS = {"in", "for", "by", "per", "where", "with", "over", "under", "since", "and", "as", "from", "last", "between",
             "during", "on", "at", "vs", "than", "is", "are", "has", "have", "had", "was", "were", "until", "before",
             "after", "do", "does", "did"}

# nouns that stand for the rows themselves: 'how many people in Berlin', 'hires since 2023'
ROW_NOUNS = {"rows", "records", "lines", "entries", "times", "people", "persons", "anyone", "anybody", "someone",
             "everyone", "staff", "headcount", "hires", "joiners", "starters"}

# words that may follow a measure's name and add nothing: 'total salary cost', 'revenue figures'
MEASURE_SUFFIXES = {"cost", "costs", "amount", "amounts", "figure", "figures", "bill", "spend"}

# words an answer need not use: the readers consume them, or they are verbs that name no column
# ('customers who signed up in 2024')
FILLER = {"ids", "sold", "made", "there", "are", "any", "unique", "instead", "chart", "percentage", "growth",
          "standard", "deviation", "variance", "ytd", "mtd", "during", "fewest", "exist", "expensive", "cheapest",
          "priciest", "through", "single", "placed", "came", "come", "signed", "live", "lives", "sell", "bought",
          "purchased", "spent", "spend", "generated", "earned", "received", "registered", "joined", "ordered"}


def normalise(low: str) -> str:
    """One spelling per phrasing: '0.3 or more' is 'at least 0.3', '10+' 'at least 10', '5 best selling' 'best 5';
    'in total' and 'overall' add nothing."""
    low = re.sub(r"\b(?:of |is |=\s*)?(\$?-?[\d,.]*\d(?:\s?[km]\b)?)\s*(?:or|and) (?:more|above|higher|greater|over|up)\b",
                 r"at least \1", low)
    low = re.sub(r"\b(?:of |is |=\s*)?(\$?-?[\d,.]*\d(?:\s?[km]\b)?)\s*(?:or|and) (?:less|fewer|below|lower|under)\b",
                 r"at most \1", low)
    low = re.sub(r"\b(\d[\d,.]*)\+", r"at least \1", low)
    low = re.sub(r"\b(with|where|having) (?:a |an |the )?((?:[a-z_%]+ ){1,3})(?:of|=|equal to|equals|is) "
                 r"(\$?-?[\d,.]*\d)\b(?!\s*(?:%|or |and |k\b|m\b))", r"\1 \2exactly \3", low)  # 'with a score of 5'
    low = re.sub(r"\s*\b(?:in total|overall|altogether|all together|in all)\b", "", low).strip()
    low = re.sub(r"\b(best|top|worst|most|least|highest|lowest)[- ](?:selling|performing|grossing|earning)\b", r"\1", low)
    return re.sub(r"\b(\d+) (top|best|worst|bottom|biggest|largest|highest|lowest|smallest)\b", r"\2 \1", low)  # '5 best'


def parse_number(text: str, suffix: str | None) -> float | None:
    """'1,500' -> 1500, '2.5' with suffix 'k' -> 2500; None when it is not a number."""
    try:
        value = float(text.replace(",", "").rstrip("."))
    except ValueError:
        return None
    value *= {"k": 1_000, "m": 1_000_000}.get(suffix or "", 1)
    return int(value) if value.is_integer() else value

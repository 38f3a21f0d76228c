"""What words mean to the reader, kept as data: each phrase and the kind of token it becomes.

The reader (chat/reading) never matches text itself: the lexer (chat/tokens.py) turns a question
into tokens using these tables, the catalogue's column names and the values in the tables, and
rules build the plan from the tokens. Teaching the chat a new word is a line here.
"""

from __future__ import annotations

import calendar

from etl_core.quantities import UNITS as QUANTITY_UNITS

MAX_QUESTION = 500

# aggregate words: the phrase -> the aggregation it asks for
AGGREGATES = {
    "total": "sum", "sum": "sum", "sum of": "sum", "combined": "sum", "cumulative": "sum", "aggregate": "sum",
    "average": "mean", "avg": "mean", "mean": "mean", "on average": "mean", "typical": "mean",
    "median": "median", "minimum": "min", "min": "min", "maximum": "max", "max": "max",
    "standard deviation": "std", "std": "std", "stdev": "std", "variance": "var",
    "how many": "count", "number of": "count", "count of": "count", "count": "count", "headcount": "count",
    "the number of": "count", "how much": "sum",
    "distinct": "n_unique", "unique": "n_unique", "different": "n_unique", "separate": "n_unique",
}

# most / least: the direction of a ranking (True: highest first)
SUPERLATIVES = {
    "most": True, "highest": True, "largest": True, "biggest": True, "greatest": True, "top": True, "maximum": True,
    "max": True, "best": True, "most common": True, "most frequent": True, "most popular": True, "popular": True,
    "best selling": True, "best-selling": True, "top selling": True, "top performing": True, "best performing": True,
    "highest grossing": True, "top grossing": True, "highest earning": True, "worst selling": False,
    "worst performing": False, "lowest selling": False,
    "least": False, "lowest": False, "smallest": False, "fewest": False, "bottom": False, "minimum": False,
    "min": False, "worst": False, "least common": False, "least frequent": False, "rarest": False,
}
COMPARATIVES = {"more": True, "higher": True, "larger": True, "bigger": True, "greater": True, "better": True,
                "less": False, "fewer": False, "lower": False, "smaller": False, "worse": False}

# adjectives that rank by an idea: the concepts they look for in column names, and the direction
RANKING_ADJECTIVES: dict[str, list[tuple[str, bool]]] = {
    "oldest": [("age", True), ("birth", False), ("born", False), ("founded", False), ("established", False)],
    "youngest": [("age", False), ("birth", True), ("born", True)],
    "older": [("age", True), ("birth", False), ("born", False), ("founded", False), ("established", False),
              ("built", False), ("opened", False), ("released", False), ("date", False), ("year", False)],
    "newer": [("date", True), ("year", True), ("founded", True), ("established", True), ("formed", True)],
    "earlier": [("date", False), ("year", False)], "later": [("date", True), ("year", True)],
    "newest": [("date", True), ("year", True)],
    "younger": [("age", False), ("birth", True), ("born", True)],
    "richest": [("worth", True), ("wealth", True), ("net worth", True)],
    "wealthiest": [("worth", True), ("wealth", True)],
    "poorest": [("worth", False), ("wealth", False)],
    "tallest": [("height", True)], "taller": [("height", True)],
    "shortest": [("height", False), ("length", False), ("duration", False), ("hours", False),
                 ("minutes", False), ("days", False)], "shorter": [("height", False), ("length", False)],
    "heaviest": [("weight", True)], "lightest": [("weight", False)], "heavier": [("weight", True)],
    "lighter": [("weight", False)],
    "longest": [("length", True), ("duration", True), ("hours", True), ("minutes", True), ("days", True)],
    "longer": [("length", True), ("duration", True)],
    "cheapest": [("price", False), ("cost", False), ("fare", False)], "cheaper": [("price", False), ("cost", False)],
    "most expensive": [("price", True), ("cost", True), ("fare", True)], "priciest": [("price", True)],
    "more expensive": [("price", True), ("cost", True)],
    "hottest": [("temperature", True)], "warmest": [("temperature", True)], "coldest": [("temperature", False)],
    "warmer": [("temperature", True)], "colder": [("temperature", False)], "hotter": [("temperature", True)],
    "most populous": [("population", True)], "least populous": [("population", False)],
    "happiest": [("happiness", True)], "unhappiest": [("happiness", False)],
    "most attended": [("attendance", True)], "least attended": [("attendance", False)],
    "busiest": [("attendance", True), ("passengers", True), ("traffic", True)],
    "fastest": [("speed", True), ("duration", False)], "slowest": [("speed", False), ("duration", True)],
    "quickest": [("speed", True), ("duration", False)], "faster": [("speed", True), ("duration", False)],
    "slower": [("speed", False), ("duration", True)], "quicker": [("speed", True), ("duration", False)],
    "deepest": [("depth", True)], "deeper": [("depth", True)], "shallowest": [("depth", False)],
    "shallower": [("depth", False)], "widest": [("width", True)], "largest by area": [("area", True)],
    "earliest": [("date", False)], "latest": [("date", True)], "most recent": [("date", True)],
    "first": [("date", False)], "last": [("date", True)],
}

# a number compared: the phrase before it -> the operator
COMPARATORS = {
    "more than": ">", "greater than": ">", "higher than": ">", "larger than": ">", "bigger than": ">", "over": ">",
    "above": ">", "exceeding": ">", "in excess of": ">", "upwards of": ">", "beyond": ">",
    "at least": ">=", "no less than": ">=", "not less than": ">=", "a minimum of": ">=", "minimum of": ">=",
    "less than": "<", "fewer than": "<", "lower than": "<", "smaller than": "<", "under": "<", "below": "<",
    "at most": "<=", "no more than": "<=", "not more than": "<=", "a maximum of": "<=", "up to": "<=",
    "exactly": "==", "equal to": "==", "equals": "==", "equal": "==", "of exactly": "==",
    "between": "between", "from": "from",
}
# after a number: '10 or more', '5 or less'
TRAILING_COMPARATORS = {"or more": ">=", "or above": ">=", "or higher": ">=", "or greater": ">=", "or over": ">=",
                        "and above": ">=", "and up": ">=", "and over": ">=", "plus": ">=", "or less": "<=",
                        "or fewer": "<=", "or below": "<=", "or lower": "<=", "or under": "<=", "and below": "<=",
                        "at most": "<=", "at least": ">=", "at the most": "<=", "at the least": ">="}  # after the number

NEGATIONS = {"not", "no", "non", "never", "without", "except", "excluding", "other than", "aside from", "apart from",
             "besides", "but not", "nor", "n't", "neither", "exclude", "excluded"}

BUCKETS = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter", "yearly": "year",
           "annually": "year", "annual": "year", "per day": "day", "per week": "week", "per month": "month",
           "per quarter": "quarter", "per year": "year", "by day": "day", "by week": "week", "by month": "month",
           "by quarter": "quarter", "by year": "year", "each day": "day", "each week": "week", "each month": "month",
           "each quarter": "quarter", "each year": "year", "a day": "day", "a week": "week", "a month": "month",
           "a year": "year", "every month": "month", "every year": "year", "every week": "week",
           "over time": "auto", "trend": "auto", "trends": "auto", "timeline": "auto", "over the years": "year",
           "over the months": "month", "year over year": "year", "yoy": "year", "month over month": "month",
           "mom": "month", "week over week": "week", "quarter over quarter": "quarter"}

GROUPING = {"broken down by", "break down by", "breakdown by", "split by", "grouped by", "group by", "for each", "for every",
            "in each", "per each"}
TO_DATE = {"year to date": "year", "month to date": "month", "quarter to date": "quarter", "ytd": "year", "mtd": "month",
           "qtd": "quarter"}

# calendar parts named in a question: the phrase -> the part it is
PARTS = {
    "weekday": "weekday_name", "weekdays": "weekday_name", "day of the week": "weekday_name",
    "day of week": "weekday_name", "days of the week": "weekday_name", "which day of the week": "weekday_name",
    "week day": "weekday_name", "month of the year": "month_name", "month of year": "month_name",
    "calendar month": "month_name", "which month": "month_name", "what month": "month_name", "hour": "hour",
    "hour of the day": "hour", "hour of day": "hour", "time of day": "hour", "hours": "hour",
    "weekend": "weekend", "weekends": "weekend", "quarter of the year": "quarter",
}
WEEKDAYS = {name.lower(): name for name in calendar.day_name}
WEEKDAYS |= {name.lower() + "s": name for name in calendar.day_name}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
            "fifteenth": 15, "twentieth": 20}
LAST_WORDS = {"last": 1, "final": 1, "second to last": 2, "second last": 2, "penultimate": 2, "third to last": 3}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
                "hundred": 100, "a hundred": 100, "zero": 0, "once": 1, "twice": 2, "thrice": 3}
SCALE_WORDS = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "million": 1_000_000,
               "millions": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}

# units a column's name gives ('Elevation (m)'), in the forms a question writes them
UNITS = QUANTITY_UNITS
EVENTS = {"game", "match", "race", "fixture", "bout", "fight", "contest", "meeting", "tie", "event", "episode"}  # a row
UNIT_FORMS = {form for forms in UNITS.values() for form in forms}
UNIT_PHRASES = {form for form in UNIT_FORMS if " " in form}  # 'square km', 'km squared': one token

# position in the table's own order
NEIGHBOURS = {"after": 1, "next": 1, "following": 1, "behind": 1, "succeeded": 1,
              "before": -1, "previous": -1, "preceding": -1, "prior to": -1, "ahead of": -1,
              "listed below": 1, "listed under": 1, "listed above": -1, "placed below": 1, "placed above": -1,
              "ranked below": 1, "ranked above": -1, "finished below": 1, "finished above": -1,
              "directly after": 1, "right after": 1, "immediately after": 1, "directly before": -1,
              "right before": -1, "immediately before": -1, "directly above": -1, "directly below": 1,
              "just after": 1, "just before": -1, "preceded": -1, "immediately above": -1, "immediately below": 1,
              "right above": -1, "right below": 1, "just above": -1, "just below": 1, "above": -1, "below": 1,
              "took over from": 1, "replaced": 1, "was replaced by": -1, "directly behind": 1, "right behind": 1,
              "just behind": 1, "immediately behind": 1}

CHARTS = {"pie": "pie", "pie chart": "pie", "line": "line", "line chart": "line", "bar": "bar", "bar chart": "bar",
          "bars": "bar", "table": "table", "scatter": "scatter", "scatter plot": "scatter", "histogram": "histogram"}

SHARE_WORDS = {"share", "percentage", "percent", "proportion", "fraction", "%", "ratio", "rate"}
CHANGE_WORDS = {"growth": "change", "grow": "change", "grew": "change", "grown": "change", "change": "change",
                "changed": "change", "increase": "change", "increased": "change", "rise": "change", "rose": "change",
                "decline": "change", "declined": "change", "decrease": "change", "decreased": "change",
                "drop": "change", "dropped": "change", "fell": "change", "fall": "change",
                "year over year": "change", "yoy": "change", "month over month": "change", "mom": "change",
                "week over week": "change", "quarter over quarter": "change"}
GREW_UP = {"grow", "grew", "grown", "increase", "increased", "rise", "rose", "growth", "improve", "improved"}
DIFFERENCE_WORDS = {"difference", "gap", "margin", "differ", "differential"}

QUESTION_WORDS = {"what", "which", "who", "whom", "whose", "when", "where", "how"}
YES_NO = {"is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can", "could", "will", "would",
          "should", "true or false", "true", "false", "yes or no"}
LIST_WORDS = {"list", "name", "names", "show", "give", "tell", "display", "enumerate", "identify", "find", "get",
              "provide", "return", "what are", "which are", "print"}
DESCRIBE_WORDS = {"describe", "summarise", "summarize", "overview", "profile", "distribution", "histogram", "spread",
                  "what is in", "whats in", "what's in", "summary"}
GREETINGS = {"hi", "hello", "hey", "help", "thanks", "thank you", "what can you do", "what can i ask",
             "how does this work"}

# nouns that stand for the rows themselves: 'how many people in Berlin', 'how many times'
ROW_NOUNS = {"rows", "row", "records", "record", "entries", "entry", "lines", "line", "items", "times", "people",
             "persons", "person", "anyone", "anybody", "someone", "somebody", "everyone", "staff", "individuals",
             "individual", "respondents", "respondent", "cases", "instances", "occurrences", "occasions", "ones",
             "one", "observations", "results", "hires", "joiners", "starters", "all", "those", "each",
             "participants", "participant", "members", "member"}

# words that carry no meaning of their own in a question about a table
FUNCTION_WORDS = {
    "the", "a", "an", "of", "in", "for", "to", "by", "per", "and", "or", "is", "are", "was", "were", "be", "been", "being",
    "me", "i", "we", "us", "our", "my", "you", "your", "it", "its", "they", "them", "their", "he", "she", "his", "her",
    "him", "this", "that", "these", "those", "there", "here", "with", "on", "at", "as", "into", "onto", "about", "do",
    "does", "did", "done", "has", "have", "had", "having", "please", "can", "could", "would", "will", "should", "may",
    "just", "only", "also", "any", "all", "some", "each", "every", "than", "then", "so", "such", "what", "which", "who",
    "whom", "whose", "when", "where", "how", "much", "many", "if", "whether", "up", "out", "off", "both", "either",
    "overall", "altogether", "in total", "in all", "all together", "ever", "currently", "so far",
    "listed", "list", "shown", "show", "given", "recorded", "mentioned", "presented", "included", "present", "appear",
    "appears", "appeared", "exist", "exists", "existed", "available", "according", "according to", "chart", "table",
    "dataset", "data", "data set", "file", "sheet", "spreadsheet", "above", "below", "following", "get", "got",
    "tell", "give", "find", "name", "named", "called", "known", "one", "ones", "again", "value", "values",
    "number", "figure", "figures", "amount", "level", "rate", "count", "entry", "entries", "row", "rows", "record",
    "records", "result", "results", "category", "categories", "type", "types", "kind", "kinds", "column", "field",
    "respectively", "whole", "entire", "throughout", "during", "from", "among", "amongst", "between",
    "within", "across", "under", "over", "via", "along", "is there", "are there", "there is", "there are",
    "come", "comes", "came", "coming", "belong", "belongs", "belonged", "go", "goes", "went", "occur", "occurs",
    "occurred", "happen", "happened", "take", "took", "taken", "make", "made", "makes", "see",
    "seen", "look", "represented", "representation", "representing", "associated", "associate", "related", "relate",
    "held", "hold", "holds", "possess", "contain", "contains", "contained", "involve", "involved", "including",
    "includes", "include", "featured", "feature", "features", "way", "ways", "sort", "thing", "things", "s",
}
# words whose meaning the reader has no rule for yet ('consecutive wins', 'what else'): never taken for another
UNSUPPORTED = {"consecutive", "straight", "streak", "row", "apart", "else", "same", "respectively", "alphabetically",
               "cumulative", "median of", "ratio of", "average of the"}

# verbs that tie a subject to a measure and add nothing: 'how many points did Ashford get'
EARNING_VERBS = {"get", "got", "gets", "earn", "earned", "earns", "win", "won", "wins", "score", "scored", "scores",
                 "finished", "finish", "completed", "complete", "ran", "run", "played", "play", "managed",
                 "receive", "received", "receives", "make", "made", "collect", "collected",
                 "achieve", "achieved", "record", "recorded", "register", "registered", "have", "has", "had",
                 "take", "took", "bring", "brought", "generate", "generated", "produce", "produced", "sell", "sold",
                 "pay", "paid", "spend", "spent", "cost", "costs", "weigh", "weighs", "measure", "measures", "reach",
                 "reached", "attract", "attracted", "draw", "drew", "post", "posted", "log", "logged", "total",
                 "totalled", "totaled", "amass", "amassed", "accumulate", "accumulated", "claim", "claimed"}
# verbs a question about the fact table uses without naming a column: 'products sold in 2024'
TRANSACTION_VERBS = {"sold", "bought", "purchased", "ordered", "placed", "shipped", "spent", "paid", "sell", "buy",
                     "order", "purchase"}

# words that may follow a measure's name and add nothing: 'total salary cost', 'revenue figures'
MEASURE_SUFFIXES = {"cost", "costs", "amount", "amounts", "figure", "figures", "bill", "spend", "value", "values",
                    "total", "totals", "number", "numbers", "count", "level", "levels", "score", "scores", "medal",
                    "medals", "mark", "marks", "rating", "ratings", "grade", "grades", "tally"}

# the idea a word stands for, so 'sales' finds 'revenue' and 'pay' finds 'salary'
SYNONYMS = {
    "revenue": {"revenue", "sales", "amount", "turnover", "income", "rev", "takings", "gross"},
    "quantity": {"quantity", "qty", "units", "volume", "pieces", "pcs"},
    "price": {"price", "rate", "fare"},
    "salary": {"salary", "pay", "paid", "earn", "earns", "earned", "earning", "earnings", "wage", "wages",
               "compensation"},
    "date": {"date", "day", "when", "time", "timestamp", "dt", "created", "ordered", "datetime"},
    "customer": {"customer", "client", "buyer", "cust", "account"},
    "product": {"product", "item", "sku", "article"},
    "region": {"region", "territory", "zone"},
    "order": {"order", "purchase", "transaction"},
    "name": {"name", "nm", "title"},
    "category": {"category", "cat", "type", "group", "segment", "genre", "class", "kind"},
    "country": {"country", "nation", "nationality"},
    "city": {"city", "town"},
    "worth": {"worth", "wealth", "net worth", "fortune", "finalworth"},
    "age": {"age", "aged"},
    "gender": {"gender", "sex"},
    "position": {"position", "pos", "place", "placing", "rank", "ranking", "standing", "finish"},
    "year": {"year", "season", "yr"},
    "attendance": {"attendance", "crowd", "spectators", "attendances", "attendees", "attendee", "audience", "attended",
                   "attend", "fans", "turnout"},
    "temperature": {"temperature", "temp", "temperatures"},
    "team": {"team", "club", "side", "squad"},
    "goals": {"goals", "goal"},
    "points": {"points", "pts", "point"},
    "total": {"total", "medals", "medal", "overall"},  # a medal table's Total: 'how many medals did X win'

    "capacity": {"capacity", "seats", "seat", "seating", "holds"},
    "manager": {"manager", "coach", "boss", "head coach"},
    "venue": {"venue", "stadium", "ground", "arena", "location", "site"},
    "height": {"height", "tall", "elevation", "altitude"},
    "floors": {"floors", "floor", "stories", "storeys", "story", "storey"},
    "draw": {"draw", "draws", "drawn", "drew"},
    "weight": {"weight", "heavy"},
    "population": {"population", "inhabitants", "residents"},
    "length": {"length", "long", "distance"},
    "duration": {"duration", "time", "length"},
    "birth": {"birth", "born", "birthdate", "birthday", "dob"},
    # verbs name the column of their noun: 'won by X' is the winner column, 'released in' the release date
    "win": {"win", "won", "wins", "winner", "winners", "winning", "victory", "victories"},
    "loss": {"loss", "losses", "lost", "lose", "loser", "losers", "defeat", "defeats", "defeated"},
    "release": {"release", "released", "releases"},
    "location": {"location", "located", "locations"},
    "finish": {"finish", "finished", "finishing"},
    "opponent": {"opponent", "opponents", "opposition", "against"},
    "director": {"director", "directed", "directs"},
    "writer": {"writer", "written", "wrote", "writers", "author", "authored"},
    "producer": {"producer", "produced", "producers"},
    "found": {"founded", "established", "formed", "founding"},
}

# verbs that relate a table's rows to its subject and add no condition of their own:
# 'what was the last team he played for', 'which album was released first'
RELATION_VERBS = {"play", "played", "plays", "playing", "compete", "competed", "competes", "competing", "appear",
                  "appeared", "appears", "air", "aired", "airs", "held", "hold", "holds", "serve", "served", "serves",
                  "represent", "represented", "represents", "star", "starred", "stars", "feature", "featured", "host",
                  "hosted", "record", "recorded", "listed", "list", "shown", "located", "take place", "took place",
                  "takes place", "occur", "occurred", "happen", "happened", "come", "came", "comes", "go", "went",
                  "run", "ran", "race", "raced", "participate", "participated", "enter", "entered", "live", "lived",
                  "released", "release", "releases", "issued", "published", "launched", "built", "opened", "born",
                  "performed", "perform", "performs", "sang", "sung", "filmed", "shot", "broadcast", "staged",
                  "nominated", "elected", "appointed", "signed", "licensed", "based", "situated",
                  "covered", "covers", "scheduled", "organised", "organized", "contested", "attended", "visited",
                  "created", "designed", "produced", "written", "directed", "composed", "charted", "lie", "lies", "sit", "sits"}

# who / where / when point at columns of these ideas
WHO_PARTS = {"name", "player", "driver", "rider", "athlete", "person", "winner", "artist", "author", "candidate",
             "member", "manager", "coach", "competitor", "cyclist", "actor", "director", "representative", "holder",
             "incumbent", "owner", "skater", "swimmer", "boxer", "runner", "champion", "personname", "singer",
             "employee", "agent", "fighter", "wrestler", "jockey", "pilot", "leader", "president", "chairman",
             "nominee", "recipient", "writer", "composer", "team", "club", "opponent", "nation"}
WHERE_PARTS = {"venue", "location", "city", "site", "country", "stadium", "ground", "town", "state",
               "region", "where", "address", "arena", "circuit", "track", "course", "host"}
WHEN_PARTS = {"date", "year", "time", "season", "when", "day", "month", "period", "timestamp", "dates", "years"}

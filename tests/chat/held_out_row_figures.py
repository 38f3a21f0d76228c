"""Held-out questions about one figure of one named row, asked in the analyst's own words rather than
the column's header. The question names a single row (a parish, a game by its week, date or
opponent, a university, a species, a player) and asks "how many ...", and the answer is a number
already sitting in that row under a header the question does not repeat: "how many residents does
Ashwell have?" -> Population; "how many fans showed up for the week 6 game?" -> Attendance; "how
many faculty does the University of Westmarch employ?" -> Academic staff; "how many Eurasian beavers
have been set free?" -> Total released; "how many appearances did Marco Imhof make?" -> Games in
campaign. A few controls use the header's own word ("what is the population of Great Oakley?"), and
traps ask for a figure the table does not hold.

Written by a helper who had not read the engine's code, docs or tests. First run at 167d6b3, before
anything was taught from this file: 21 right, 0 wrong, 21 declined.

Five tables (cells written as Wikipedia and spreadsheet exports write them; numbers are text with
thousands separators, "—" is an empty cell):
  * ``parishes``     -- civil parishes of one county: Name, Status (Town / Village / Parish),
    Population ("12,342"; one "—", a parish whose figure was not published), Households (one "—"),
    District. "Great Oakley" and "Little Oakley" are both rows.
  * ``season``       -- a 1983 football game log: Week, Date ("September 4, 1983"), Opponent ("at "
    in front for away games), Result ("W 27–0", "T 23–23"), Record, Attendance ("61,512"). Dallas
    and Atlanta are each played twice (home and away).
  * ``universities`` -- Institution, Location, Founded, Undergraduate enrollment, Graduate
    enrollment, Academic staff, Endowment ("$3.1 billion"); one "—" in Graduate enrollment and one
    in Academic staff.
  * ``releases``     -- a species reintroduction programme: Species (common name, singular, "Red
    kite"), Scientific name, Country of origin (one "—"), Total released ("1,012"), First release,
    Last release (years).
  * ``squad``        -- a national squad list: Name, Position (GK / DF / MF / FW), Club, Games in
    campaign, Goals. "Alain Frei" and "Thomas Frei" are both rows; every other surname is unique.

Question groups (42): parishes 5 + 2 traps, season 6 + 3 traps, universities 7 + 4 traps, releases
5 + 3 traps, squad 5 + 2 traps -> 28 answerable (7 of them controls that use the header's word),
14 traps (all expected None).

Conventions (decided before computing, written here so the answers can be checked):
  * The row is found by the name the question gives: the cell as written, or its plural or a
    surname when that is unique ("red kites" -> "Red kite"; "Stettler" -> "Lukas Stettler";
    "large blue butterflies" -> "Large blue"). A game is found by its week ("the week 6 game"), by
    "the season opener" (Week 1), by its opponent when only one game was against that team, or by
    opponent and date ("the game against Dallas on November 20, 1983" -> the "at Dallas Cowboys"
    row of that date).
  * Words -> columns: people live in / residents / inhabitants -> Population; households ->
    Households; people attended / fans showed up / spectators / turned out -> Attendance; graduate
    students / postgraduates -> Graduate enrollment; undergrads -> Undergraduate enrollment;
    faculty / academics -> Academic staff; set free / reintroduced / put back into the wild / let
    go / released -> Total released; games played / appearances / matches featured in -> Games in
    campaign; find the net / scored -> Goals.
  * The answer is the cell's number with separators removed, as a plain int ("12,342" -> 12342).
  * None means the engine should decline:
      - the figure asked has no column (TV viewers, international students, survivors, assists,
        minutes played);
      - the row named is not in the table (Elmstead, the Green Bay Packers, lynx);
      - the row's cell is empty ("—": Barrow's population, Fenmoor State's academic staff);
      - the noun fits two or more figure columns and no word says which ("students" with both
        enrollments; "people" at a university with two enrollments and staff);
      - the row named is two rows ("the game against Dallas" with no date; they played twice);
      - the table gives only a total where the question asks one year of it (red kites released
        in 1995, when the row covers releases from 1989 to 2004).
    Each trap has an assert below showing why.

Every expected answer is computed with pandas from the frames below (None only for questions the
tables cannot answer, each backed by an assert).
"""
from __future__ import annotations

import io as _io
import re

import pandas as pd

# --------------------------------------------------------------------------------------
# Number helpers
# --------------------------------------------------------------------------------------

EMPTY = {"", "—", "–", "-", "n/a", "nan"}
_NUM = r"[0-9][0-9,]*(?:\.[0-9]+)?"


def to_num(v) -> float | None:
    """'12,342' -> 12342.0; '—' -> None."""
    t = str(v).strip()
    if t.lower() in EMPTY:
        return None
    assert re.fullmatch(_NUM, t), t
    return float(t.replace(",", ""))


def col_num(df: pd.DataFrame, col: str) -> pd.Series:
    vals = pd.Series([to_num(v) for v in df[col]], dtype=object)
    return pd.to_numeric(vals, errors="coerce").set_axis(df.index)


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------

parishes = pd.DataFrame(
    [
        ("Ashwell", "Village", "1,874", "792", "North Wexley"),
        ("Barrow", "Parish", "—", "—", "Marden"),
        ("Great Oakley", "Village", "1,132", "468", "Marden"),
        ("Little Oakley", "Parish", "406", "171", "Marden"),
        ("Hinton", "Village", "2,283", "961", "South Wexley"),
        ("Kelsall", "Village", "2,590", "1,104", "North Wexley"),
        ("Thornbury", "Town", "12,342", "5,318", "South Wexley"),
        ("Wexley St Mary", "Town", "8,917", "3,842", "North Wexley"),
        ("Preston on the Hill", "Parish", "97", "38", "South Wexley"),
        ("Dunham", "Village", "744", "309", "Marden"),
        ("Churchstow", "Village", "1,508", "633", "North Wexley"),
        ("Saxby", "Parish", "213", "89", "South Wexley"),
    ],
    columns=["Name", "Status", "Population", "Households", "District"],
)

season = pd.DataFrame(
    [
        ("1", "September 4, 1983", "Los Angeles Rams", "W 27–0", "1–0", "61,512"),
        ("2", "September 11, 1983", "at New Orleans Saints", "L 17–20", "1–1", "58,903"),
        ("3", "September 18, 1983", "Dallas Cowboys", "W 24–21", "2–1", "64,117"),
        ("4", "September 25, 1983", "at Chicago Bears", "W 10–3", "3–1", "55,402"),
        ("5", "October 2, 1983", "Atlanta Falcons", "L 13–28", "3–2", "49,860"),
        ("6", "October 9, 1983", "at Philadelphia Eagles", "W 31–14", "4–2", "67,231"),
        ("7", "October 16, 1983", "Minnesota Vikings", "W 20–17", "5–2", "57,058"),
        ("8", "October 23, 1983", "at Atlanta Falcons", "L 6–9", "5–3", "44,719"),
        ("9", "October 30, 1983", "Tampa Bay Buccaneers", "W 35–10", "6–3", "52,866"),
        ("10", "November 6, 1983", "at Detroit Lions", "T 23–23", "6–3–1", "71,940"),
        ("11", "November 13, 1983", "New York Giants", "W 19–16", "7–3–1", "62,385"),
        ("12", "November 20, 1983", "at Dallas Cowboys", "L 14–30", "7–4–1", "63,990"),
        ("13", "November 27, 1983", "St. Louis Cardinals", "W 28–7", "8–4–1", "46,201"),
        ("14", "December 4, 1983", "at Washington Redskins", "L 10–27", "8–5–1", "55,036"),
    ],
    columns=["Week", "Date", "Opponent", "Result", "Record", "Attendance"],
)

universities = pd.DataFrame(
    [
        ("Halden University", "Halden", "1846", "14,210", "6,835", "2,114", "$3.1 billion"),
        ("Carrow College", "Carrow", "1889", "2,045", "118", "236", "$412 million"),
        ("University of Westmarch", "Westmarch", "1901", "28,667", "9,402", "3,870", "$2.4 billion"),
        ("St. Aldhelm's University", "Ashby", "1872", "6,318", "2,941", "812", "$905 million"),
        ("Northgate Institute of Technology", "Northgate", "1921", "5,902", "7,116", "1,347",
         "$1.7 billion"),
        ("Fenmoor State University", "Fenmoor", "1957", "21,480", "3,275", "—", "$310 million"),
        ("Linwood College", "Linwood", "1834", "1,782", "—", "198", "$655 million"),
        ("Bramhall University", "Bramhall", "1962", "17,034", "4,560", "1,921", "$780 million"),
        ("Queensferry University", "Queensferry", "1894", "11,876", "5,203", "1,488", "$1.1 billion"),
        ("Ravenscourt University", "Ravenscourt", "1880", "9,640", "3,118", "1,256", "$2.0 billion"),
    ],
    columns=["Institution", "Location", "Founded", "Undergraduate enrollment", "Graduate enrollment",
             "Academic staff", "Endowment"],
)

releases = pd.DataFrame(
    [
        ("Red kite", "Milvus milvus", "Spain", "1,012", "1989", "2004"),
        ("White-tailed eagle", "Haliaeetus albicilla", "Norway", "148", "1975", "2012"),
        ("Eurasian beaver", "Castor fiber", "Norway", "416", "2009", "2019"),
        ("Osprey", "Pandion haliaetus", "Scotland", "64", "1996", "2001"),
        ("Great bustard", "Otis tarda", "Russia", "327", "2004", "2018"),
        ("White stork", "Ciconia ciconia", "Poland", "250", "2019", "2023"),
        ("Pine marten", "Martes martes", "Scotland", "51", "2015", "2017"),
        ("Large blue", "Phengaris arion", "Sweden", "2,340", "1983", "1992"),
        ("Corncrake", "Crex crex", "—", "1,287", "2003", "2015"),
        ("Short-haired bumblebee", "Bombus subterraneus", "Sweden", "1,136", "2012", "2016"),
        ("Chough", "Pyrrhocorax pyrrhocorax", "France", "37", "2013", "2013"),
    ],
    columns=["Species", "Scientific name", "Country of origin", "Total released", "First release",
             "Last release"],
)

squad = pd.DataFrame(
    [
        ("Yann Sommerhalder", "GK", "FC Basel", "10", "0"),
        ("Lukas Stettler", "DF", "Young Boys", "9", "1"),
        ("Alain Frei", "DF", "FC Zürich", "10", "0"),
        ("Thomas Frei", "MF", "FC St. Gallen", "7", "2"),
        ("Reto Brunner", "DF", "Grasshoppers", "8", "0"),
        ("Marco Imhof", "MF", "FC Luzern", "10", "3"),
        ("Cédric Favre", "MF", "Servette", "6", "1"),
        ("Nils Gerber", "FW", "FC Basel", "9", "7"),
        ("Patrick Kälin", "FW", "FC Sion", "5", "2"),
        ("Dario Vogel", "MF", "FC Lugano", "4", "0"),
        ("Simon Zbinden", "DF", "Young Boys", "3", "0"),
        ("Jonas Hürzeler", "GK", "FC Thun", "1", "0"),
        ("Fabian Roth", "FW", "Grasshoppers", "8", "4"),
        ("Michel Pittet", "MF", "FC Aarau", "2", "1"),
    ],
    columns=["Name", "Position", "Club", "Games in campaign", "Goals"],
)

TABLES: dict[str, pd.DataFrame] = {
    "parishes": parishes,
    "season": season,
    "universities": universities,
    "releases": releases,
    "squad": squad,
}

# --------------------------------------------------------------------------------------
# Question helpers
# --------------------------------------------------------------------------------------


def _py(v):
    if hasattr(v, "item"):
        v = v.item()
    return v


def figure(x) -> int | float:
    """A plain Python number: int when whole, else float."""
    x = float(_py(x))
    assert not pd.isna(x), "NaN"
    return int(x) if x.is_integer() else x


def cell(df: pd.DataFrame, m: pd.Series, col: str) -> int | float:
    """The figure in `col` of the one row `m` selects."""
    rows = df.index[m.fillna(False).astype(bool)]
    assert len(rows) == 1, (col, list(rows))
    return figure(col_num(df, col)[rows[0]])


def row(df: pd.DataFrame, key_col: str, key: str, col: str) -> int | float:
    return cell(df, df[key_col] == key, col)


def _mentions(df: pd.DataFrame, w: str) -> bool:
    if any(w.lower() in str(c).lower() for c in df.columns):
        return True
    return any(df[c].astype(str).str.contains(w, case=False, regex=False).any() for c in df.columns)


def lacks(df: pd.DataFrame, *words: str) -> None:
    """No header and no cell mentions the figure or subject asked; returns None."""
    for w in words:
        assert not _mentions(df, w), (w, list(df.columns))
    return None


def missing_row(df: pd.DataFrame, key_col: str, *words: str) -> None:
    """The row named is not in the table (no key cell, nor any other cell, mentions it)."""
    assert key_col in df.columns
    return lacks(df, *words)


def empty_cell(df: pd.DataFrame, key_col: str, key: str, col: str) -> None:
    """The row is there but its cell is empty ("—"); returns None."""
    rows = df.index[df[key_col] == key]
    assert len(rows) == 1, (key, list(rows))
    assert str(df.loc[rows[0], col]).strip() in EMPTY, (key, col, df.loc[rows[0], col])
    return None


def ambiguous(answers: dict) -> None:
    """The readings (column -> answer) differ, so picking one would be a guess; returns None."""
    assert len(answers) >= 2
    vals = [repr(a) for a in answers.values()]
    assert len(set(vals)) == len(vals), ("the readings agree, so the trap is moot", answers)
    return None


def two_rows(df: pd.DataFrame, m: pd.Series, col: str) -> None:
    """The row named matches several rows whose figures differ; returns None."""
    vals = list(col_num(df, col)[m.fillna(False).astype(bool)])
    assert len(vals) >= 2 and len(set(vals)) == len(vals), vals
    return None


def total_only(df: pd.DataFrame, key_col: str, key: str, year: int) -> None:
    """The row's releases span several years around `year`, and only the total is given; no column
    holds a figure for one year. Returns None."""
    rows = df.index[df[key_col] == key]
    assert len(rows) == 1, key
    first = int(df.loc[rows[0], "First release"])
    last = int(df.loc[rows[0], "Last release"])
    assert first < year < last, (first, year, last)
    assert not any(str(year) in c for c in df.columns)
    assert not any(w in c.lower() for c in df.columns for w in ("per year", "annual", "in " + str(year)))
    return None


# --------------------------------------------------------------------------------------
# Sanity of the tables
# --------------------------------------------------------------------------------------

for _name, _df in TABLES.items():
    assert 8 <= len(_df) <= 15, (_name, len(_df))
assert parishes["Name"].is_unique and universities["Institution"].is_unique
assert releases["Species"].is_unique and squad["Name"].is_unique and season["Week"].is_unique
assert any("," in t for t in parishes["Population"]) and any("," in t for t in season["Attendance"])
assert any("," in t for t in releases["Total released"])
# every figure column reads as numbers (or "—")
for _df, _cols in [
    (parishes, ["Population", "Households"]),
    (season, ["Attendance"]),
    (universities, ["Undergraduate enrollment", "Graduate enrollment", "Academic staff"]),
    (releases, ["Total released"]),
    (squad, ["Games in campaign", "Goals"]),
]:
    for _c in _cols:
        _ = col_num(_df, _c)
# the surname "Frei" is two players; every other surname used below is one
_surnames = squad["Name"].str.split().str[-1]
assert (_surnames == "Frei").sum() == 2
for _s in ("Stettler", "Imhof", "Gerber", "Roth", "Kälin", "Favre", "Brunner"):
    assert (_surnames == _s).sum() == 1, _s
# "Oakley" is two parishes; the question names the full one
assert parishes["Name"].str.contains("Oakley").sum() == 2

_wk = pd.to_numeric(season["Week"])
_dallas = season["Opponent"].str.contains("Dallas Cowboys")
assert _dallas.sum() == 2

# --------------------------------------------------------------------------------------
# Questions: (table, question, expected, kind), kind = ("synonym" | "control", column) or "trap"
# --------------------------------------------------------------------------------------

_QUESTIONS: list[tuple[str, str, object, object]] = [
    # ================= parishes: Name, Status, Population, Households, District =================
    ("parishes", "how many people live in Thornbury?",
     row(parishes, "Name", "Thornbury", "Population"), ("synonym", "Population")),
    ("parishes", "how many residents does Ashwell have?",
     row(parishes, "Name", "Ashwell", "Population"), ("synonym", "Population")),
    # Great Oakley is a separate row
    ("parishes", "how many inhabitants does Little Oakley have?",
     row(parishes, "Name", "Little Oakley", "Population"), ("synonym", "Population")),
    ("parishes", "what is the population of Great Oakley?",
     row(parishes, "Name", "Great Oakley", "Population"), ("control", "Population")),
    ("parishes", "how many households are there in Hinton?",
     row(parishes, "Name", "Hinton", "Households"), ("control", "Households")),
    # traps
    ("parishes", "how many people live in Elmstead?",
     missing_row(parishes, "Name", "Elmstead"), "trap"),
    ("parishes", "how many people live in Barrow?",
     empty_cell(parishes, "Name", "Barrow", "Population"), "trap"),

    # ================= season: Week, Date, Opponent, Result, Record, Attendance =================
    # Dallas was played twice; the date picks the away game
    ("season", "how many people attended the game against Dallas on November 20, 1983?",
     cell(season, _dallas & (season["Date"] == "November 20, 1983"), "Attendance"),
     ("synonym", "Attendance")),
    ("season", "how many fans showed up for the week 6 game?",
     cell(season, _wk == 6, "Attendance"), ("synonym", "Attendance")),
    ("season", "how many spectators were at the season opener?",
     cell(season, _wk == _wk.min(), "Attendance"), ("synonym", "Attendance")),
    ("season", "how many turned out for the Tampa Bay game?",
     cell(season, season["Opponent"].str.contains("Tampa Bay"), "Attendance"),
     ("synonym", "Attendance")),
    ("season", "how many people were in the stands when they played the Detroit Lions?",
     cell(season, season["Opponent"].str.contains("Detroit Lions"), "Attendance"),
     ("synonym", "Attendance")),
    ("season", "what was the attendance at the Minnesota Vikings game?",
     cell(season, season["Opponent"].str.contains("Minnesota Vikings"), "Attendance"),
     ("control", "Attendance")),
    # traps
    ("season", "how many TV viewers watched the game against the St. Louis Cardinals?",
     lacks(season, "viewer", "tv", "televis", "rating", "audience"), "trap"),
    # two Dallas games (home in week 3, away in week 12), different crowds, no date given
    ("season", "how many fans came to the game against the Dallas Cowboys?",
     two_rows(season, _dallas, "Attendance"), "trap"),
    ("season", "how many people attended the game against the Green Bay Packers?",
     missing_row(season, "Opponent", "Packers", "Green Bay"), "trap"),

    # ================= universities: two enrollments, Academic staff, Endowment =================
    ("universities", "how many graduate students does Northgate Institute of Technology have?",
     row(universities, "Institution", "Northgate Institute of Technology", "Graduate enrollment"),
     ("synonym", "Graduate enrollment")),
    ("universities", "how many undergrads are there at Bramhall University?",
     row(universities, "Institution", "Bramhall University", "Undergraduate enrollment"),
     ("synonym", "Undergraduate enrollment")),
    ("universities", "how many postgraduates study at Queensferry University?",
     row(universities, "Institution", "Queensferry University", "Graduate enrollment"),
     ("synonym", "Graduate enrollment")),
    ("universities", "how many faculty does the University of Westmarch employ?",
     row(universities, "Institution", "University of Westmarch", "Academic staff"),
     ("synonym", "Academic staff")),
    ("universities", "how many academics work at St. Aldhelm's University?",
     row(universities, "Institution", "St. Aldhelm's University", "Academic staff"),
     ("synonym", "Academic staff")),
    ("universities", "what is the undergraduate enrollment of Halden University?",
     row(universities, "Institution", "Halden University", "Undergraduate enrollment"),
     ("control", "Undergraduate enrollment")),
    ("universities", "how many academic staff does Ravenscourt University have?",
     row(universities, "Institution", "Ravenscourt University", "Academic staff"),
     ("control", "Academic staff")),
    # traps
    # 'students' fits both enrollments (and their sum); no word says undergraduate or graduate
    ("universities", "how many students does Carrow College have?",
     ambiguous({
         "Undergraduate enrollment": row(universities, "Institution", "Carrow College",
                                         "Undergraduate enrollment"),
         "Graduate enrollment": row(universities, "Institution", "Carrow College",
                                    "Graduate enrollment"),
         "both": row(universities, "Institution", "Carrow College", "Undergraduate enrollment")
         + row(universities, "Institution", "Carrow College", "Graduate enrollment"),
     }), "trap"),
    # 'people' fits two enrollments and the staff
    ("universities", "how many people are at Bramhall University?",
     ambiguous({c: row(universities, "Institution", "Bramhall University", c)
                for c in ("Undergraduate enrollment", "Graduate enrollment", "Academic staff")}),
     "trap"),
    ("universities", "how many international students does Halden University have?",
     lacks(universities, "international", "overseas", "foreign"), "trap"),
    ("universities", "how many faculty members does Fenmoor State University have?",
     empty_cell(universities, "Institution", "Fenmoor State University", "Academic staff"), "trap"),

    # ================= releases: Species, ..., Total released, First/Last release =================
    ("releases", "how many Eurasian beavers have been set free?",
     row(releases, "Species", "Eurasian beaver", "Total released"), ("synonym", "Total released")),
    ("releases", "how many red kites were reintroduced?",
     row(releases, "Species", "Red kite", "Total released"), ("synonym", "Total released")),
    ("releases", "how many great bustards did the programme put back into the wild?",
     row(releases, "Species", "Great bustard", "Total released"), ("synonym", "Total released")),
    ("releases", "how many large blue butterflies were let go?",
     row(releases, "Species", "Large blue", "Total released"), ("synonym", "Total released")),
    ("releases", "how many white storks were released?",
     row(releases, "Species", "White stork", "Total released"), ("control", "Total released")),
    # traps
    ("releases", "how many ospreys survived?",
     lacks(releases, "surviv", "alive", "living", "dead", "mortality"), "trap"),
    ("releases", "how many lynx were released?",
     missing_row(releases, "Species", "lynx"), "trap"),
    # red kite releases ran 1989-2004; the table gives only the total
    ("releases", "how many red kites were released in 1995?",
     total_only(releases, "Species", "Red kite", 1995), "trap"),

    # ================= squad: Name, Position, Club, Games in campaign, Goals =================
    ("squad", "how many games did Stettler play?",
     row(squad, "Name", "Lukas Stettler", "Games in campaign"), ("synonym", "Games in campaign")),
    ("squad", "how many appearances did Marco Imhof make?",
     row(squad, "Name", "Marco Imhof", "Games in campaign"), ("synonym", "Games in campaign")),
    ("squad", "how many matches did Patrick Kälin feature in?",
     row(squad, "Name", "Patrick Kälin", "Games in campaign"), ("synonym", "Games in campaign")),
    ("squad", "how many times did Nils Gerber find the net?",
     row(squad, "Name", "Nils Gerber", "Goals"), ("synonym", "Goals")),
    # Alain Frei is a separate row
    ("squad", "how many goals did Thomas Frei score?",
     row(squad, "Name", "Thomas Frei", "Goals"), ("control", "Goals")),
    # traps
    ("squad", "how many assists did Cédric Favre provide?",
     lacks(squad, "assist"), "trap"),
    # 'play' would lead to Games in campaign, but minutes have no column
    ("squad", "how many minutes did Reto Brunner play?",
     lacks(squad, "minute", "mins"), "trap"),
]

ROW_FIGURE_QUESTIONS: list[tuple[str, str, object]] = [(t, q, a) for t, q, a, _k in _QUESTIONS]

# facts the trap comments rely on
assert len(set(col_num(season, "Attendance")[_dallas])) == 2
assert "Green Bay Packers" not in set(season["Opponent"])
assert "Elmstead" not in set(parishes["Name"]) and "lynx" not in set(releases["Species"].str.lower())
assert [c for c in universities.columns if "enrollment" in c.lower()] == [
    "Undergraduate enrollment", "Graduate enrollment"]
assert not any("student" in c.lower() for c in universities.columns)
assert not any("people" in c.lower() for c in universities.columns)

ANSWERABLE_COUNT = 28
CONTROL_COUNT = 7
TRAP_COUNT = 14
assert len(ROW_FIGURE_QUESTIONS) == ANSWERABLE_COUNT + TRAP_COUNT, len(ROW_FIGURE_QUESTIONS)
assert sum(a is None for _t, _q, a in ROW_FIGURE_QUESTIONS) == TRAP_COUNT
assert sum(k != "trap" and k[0] == "control" for *_x, k in _QUESTIONS) == CONTROL_COUNT
assert len({q.lower() for _t, q, _a in ROW_FIGURE_QUESTIONS}) == len(ROW_FIGURE_QUESTIONS)
for _t, _q, _a, _k in _QUESTIONS:
    assert _t in TABLES and TABLES[_t] is globals()[_t], _t
    _ql = _q.lower()
    assert _ql.startswith(("how many ", "what is ", "what was ")), _q
    if _k == "trap":
        assert _a is None, (_q, _a)
        continue
    assert isinstance(_a, int) and not isinstance(_a, bool), (_q, type(_a))
    _kind, _col = _k
    assert _col in TABLES[_t].columns, (_q, _col)
    _head = _col.lower().split()[-1]
    # a synonym question never uses the header's head word; a control always does
    if _kind == "synonym":
        assert _head not in _ql and _col.lower() not in _ql, (_q, _col)
    else:
        assert _kind == "control" and _head in _ql, (_q, _col)

# every table survives a CSV round trip with its cells as written
for _name, _df in TABLES.items():
    _buf = _io.StringIO()
    _df.to_csv(_buf, index=False)
    _back = pd.read_csv(_io.StringIO(_buf.getvalue()), dtype=str, keep_default_na=False)
    assert list(_back.columns) == list(_df.columns), _name
    assert (_back.values == _df.astype(str).values).all(), _name

if __name__ == "__main__":
    print(len(ROW_FIGURE_QUESTIONS), "questions:", ANSWERABLE_COUNT, "answerable,", TRAP_COUNT, "traps")
    for _t, _q, _a in ROW_FIGURE_QUESTIONS:
        print(f"{_t:12} | {_q:80} | {_a!r}")

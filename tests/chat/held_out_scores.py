"""Held-out questions about match results written as two numbers in one text cell, as sports tables write them.

Written by a helper who had not read the engine's code, docs or tests. First run, on main before
score cells were read as two numbers (c5c4f1c): 9 right, 2 wrong, 47 declined of 58.

Four tables (every score cell is text, as Wikipedia or a club's export writes it):
  * ``season``   -- one football club's season (the club is not named in the table). Date is
    written "dd-mm" ("09-09", "11-11", "12-12" look like level scores but are dates), Competition,
    Opponent, Venue ("H"/"A"), "Result F–A" (the club's goals first: For–Against), Attendance
    written "8,412", Scorers ("Reyes 2, Hale" -- the "2" is a count of goals, not a score).
    Results use the en dash ("2–0") and once a hyphen ("0-1"); one cup tie is "2–1 (aet)" and
    one is "1–1 (3–4 p)". Brackley City, Millbrook United, Castleford Athletic, Elmstead
    Wanderers and Fenwick Borough are each played twice (home and away).
  * ``schedule`` -- an American football team's regular season: Week, Date ("September 10"),
    Opponent ("at Chicago Bears" for road games, as Wikipedia writes it), Result ("W 24–17",
    "L 10–13", "T 20–20 (OT)", "W 27–24 (OT)"), Record (wins–losses(–ties) TO DATE: "2–2",
    "4–2–1"; NOT a score), Venue, Attendance ("67,685"). Week 7 is a bye: Opponent "Bye", the
    other cells blank.
  * ``cup``      -- a national cup from the round of 16 to the final: Round, Date, Home team,
    Score, Away team, Attendance. The header only says "Score", but it sits between "Home team"
    and "Away team" and, as in every such table, the first number is the home team's and the
    second the away team's. Formats: "3–1", "1-3" (hyphen), "0 : 2" (colon with spaces),
    "1–2 (aet)", "1–1 (aet)" (then a "Quarter-final replay" row), "2–2 (4–3 p)", "3–3 (2–4 p)".
  * ``finals``   -- a snooker player's ranking finals (the player is not named in the table; the
    questions say "he"): Outcome ("Winner"/"Runner-up"), No., Season ("2003–04" -- a season,
    NOT a score), Championship, Opponent in the final, Score ("10–7"). The header does not say
    whose frames come first (in fact every cell is written winner-first, so on "Runner-up" rows
    the player's own frames are the SECOND number): whose number is whose is treated as unknown.

Question groups (58): margins 11, totals in a game 9, draws read from the numbers 6, outcomes
(W/L/T prefix, F–A header, home/away side) 10, one side only 7, traps where a cell looks like a
score but is not 6 (dates "09-09", a Record "2–2", a Record's wins, a Season "2003–04", an
Attendance "10,115", months of "dd-mm" dates), questions the tables cannot answer 9.

Conventions (decided before any run, written here so the answers can be checked):
  * A score cell "a–b" (en dash, hyphen or " : ") is read as the two integers a and b; a W/L/T
    prefix and anything in brackets ("(aet)", "(OT)", "(4–3 p)") are not part of the numbers.
  * margin = |a − b|; total = a + b; a draw / tie / "ended level" = a == b.
  * Extra time counts ("2–1 (aet)" is a 2–1 win, total 3). A penalty shoot-out in brackets does
    NOT change the match score: "2–2 (4–3 p)" is a draw at 2–2 (margin 0, total 4); it is not a
    win or a loss for either side, and the shoot-out goals are never added to anything.
  * Whose number is whose: ``season`` -- the header "Result F–A" says the club's goals come
    first; ``schedule`` -- the W/L/T prefix is the team's outcome and the team's points are the
    first number (W: first > second, L: first < second, asserted); ``cup`` -- home–away;
    ``finals`` -- unknown: a question asking how many frames he (or his opponent) won in a given
    final expects None, even though a reader could infer it from Outcome (see the two questions
    marked "CONVENTION" below; FINALS_INFERRED holds the inferred values if they are to be flipped).
    Outcome questions on ``finals`` ("how many finals did he win") read the Outcome column.
  * A question asking which/who expects the name(s) as written in the table ("at Seattle
    Seahawks" keeps its "at "); a list in the table's row order when several rows match.
  * An extreme with a tie expects the list of all tied rows, in row order; a question asking
    for the extreme VALUE ("what was the largest margin") expects the int.
  * A count, a margin, a total or one side's goals/points expects an int.
  * "What was the result/score on/in ..." expects the cell text as written ("4–0").
  * A Record cell ("2–2", "6–4–1") is wins–losses(–ties) to date, never a game's score; the
    Season "2003–04" and the Date "09-09" are never scores.
  * "Road game" / "away from home" = Opponent starting "at " (schedule) or Venue "A" (season).
  * None means the engine should decline (the team, pair, round or column is not in the table,
    or whose number is whose is not stated).

Written without reading the engine's code, docs or tests. Every expected answer is computed
with pandas from the frames below (None only for questions the tables cannot answer, each
backed by an assert that the column/name/pair really is missing or that the header does not
say whose number is first).
"""
from __future__ import annotations

import io
import re

import pandas as pd

# --------------------------------------------------------------------------------------
# Score helpers
# --------------------------------------------------------------------------------------

_SCORE_RE = re.compile(
    r"^\s*(?:(?P<prefix>[WLT])\s+)?(?P<a>\d+)\s*(?:–|-|:)\s*(?P<b>\d+)\s*(?:\((?P<note>[^)]*)\))?\s*$"
)


def parse_score(text) -> tuple[int, int] | None:
    """'W 24–17' -> (24, 17), '2–2 (4–3 p)' -> (2, 2), '0 : 2' -> (0, 2); None for blank."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return None
    t = str(text).strip()
    if t == "":
        return None
    m = _SCORE_RE.match(t)
    assert m, ("unparsed score", t)
    return int(m.group("a")), int(m.group("b"))


def prefix(text) -> str | None:
    m = _SCORE_RE.match(str(text).strip())
    return m.group("prefix") if m else None


def went_to_penalties(text) -> bool:
    m = _SCORE_RE.match(str(text).strip())
    return bool(m and m.group("note") and re.search(r"\d+\s*–\s*\d+\s*p", m.group("note")))


def first(df: pd.DataFrame, col: str) -> pd.Series:
    return df[col].map(lambda t: None if parse_score(t) is None else parse_score(t)[0]).astype("Int64")


def second(df: pd.DataFrame, col: str) -> pd.Series:
    return df[col].map(lambda t: None if parse_score(t) is None else parse_score(t)[1]).astype("Int64")


def margin(df: pd.DataFrame, col: str) -> pd.Series:
    return (first(df, col) - second(df, col)).abs()


def total(df: pd.DataFrame, col: str) -> pd.Series:
    return first(df, col) + second(df, col)


def level(df: pd.DataFrame, col: str) -> pd.Series:
    return (first(df, col) == second(df, col)).fillna(False).astype(bool)


def attendance(text) -> int | None:
    t = str(text).strip()
    return int(t.replace(",", "")) if t else None


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------

season = pd.DataFrame(
    [
        ("12-08", "League", "Millbrook United", "H", "2–0", "8,412", "Okafor, Reyes"),
        ("19-08", "League", "Castleford Athletic", "A", "1–1", "5,930", "Okafor"),
        ("26-08", "League", "Dunmore Town", "H", "3–2", "7,856", "Reyes 2, Hale"),
        ("29-08", "League Cup", "Tolworth", "A", "1–1 (3–4 p)", "2,118", "Nyambe"),
        ("02-09", "League", "Brackley City", "A", "0–3", "11,204", ""),
        ("09-09", "League", "Elmstead Wanderers", "H", "4–0", "8,990", "Okafor 2, Hale, Nyambe"),
        ("16-09", "League", "Fenwick Borough", "A", "2–2", "4,615", "Reyes, Hale"),
        ("23-09", "League", "Queensferry", "H", "1–0", "7,402", "Hale"),
        ("30-09", "League", "Ravensworth", "A", "1–5", "9,877", "Okafor"),
        ("07-10", "League", "Stanmore Rangers", "H", "0–0", "7,115", ""),
        ("21-10", "League", "Oakhampton", "A", "3–1", "6,340", "Reyes, Okafor, Byrne"),
        ("28-10", "League", "Ludgate Athletic", "H", "2–3", "8,006", "Byrne, Hale"),
        ("04-11", "League", "Wickham Vale", "A", "0-1", "3,921", ""),
        ("11-11", "League", "Penrose United", "H", "6–1", "9,450", "Okafor 3, Reyes 2, Nyambe"),
        ("18-11", "League", "Hollins Park", "A", "2–4", "5,210", "Byrne 2"),
        ("25-11", "League", "Carden Town", "H", "3–3", "8,730", "Hale 2, Okafor"),
        ("02-12", "League", "Brackley City", "H", "1–2", "10,115", "Reyes"),
        ("09-12", "FA Cup", "Sutton Marsh", "A", "2–1 (aet)", "1,840", "Okafor, Hale"),
        ("12-12", "League", "Millbrook United", "A", "1–1", "6,998", "Nyambe"),
        ("16-12", "League", "Castleford Athletic", "H", "4–1", "8,221", "Reyes, Okafor, Hale, Byrne"),
        ("26-12", "League", "Elmstead Wanderers", "A", "0–2", "4,480", ""),
        ("30-12", "League", "Fenwick Borough", "H", "5–0", "9,102", "Okafor 2, Reyes, Hale, Byrne"),
    ],
    columns=["Date", "Competition", "Opponent", "Venue", "Result F–A", "Attendance", "Scorers"],
)
S_RES = "Result F–A"

# American football: (week, date, opponent, result, venue, attendance); Record is computed.
_sched_rows = [
    (1, "September 10", "at Chicago Bears", "W 24–17", "Soldier Field", "61,214"),
    (2, "September 17", "Detroit Lions", "L 10–13", "Lakeside Stadium", "66,902"),
    (3, "September 24", "Tampa Bay Buccaneers", "W 31–7", "Lakeside Stadium", "66,415"),
    (4, "October 1", "at Kansas City Chiefs", "L 13–38", "Arrowhead Stadium", "73,611"),
    (5, "October 8", "at Carolina Panthers", "W 20–17", "Bank of America Stadium", "72,104"),
    (6, "October 15", "Green Bay Packers", "W 27–24 (OT)", "Lakeside Stadium", "67,685"),
    (7, "", "Bye", "", "", ""),
    (8, "October 29", "at Denver Broncos", "T 20–20 (OT)", "Empower Field at Mile High", "76,120"),
    (9, "November 5", "Atlanta Falcons", "W 35–10", "Lakeside Stadium", "66,530"),
    (10, "November 12", "at New Orleans Saints", "L 17–20", "Caesars Superdome", "70,011"),
    (11, "November 19", "Dallas Cowboys", "W 38–34", "Lakeside Stadium", "67,340"),
    (12, "November 23", "at Detroit Lions", "L 6–9", "Ford Field", "64,890"),
    (13, "December 3", "Chicago Bears", "W 28–3", "Lakeside Stadium", "66,877"),
    (14, "December 10", "at Green Bay Packers", "L 14–21", "Lambeau Field", "78,011"),
    (15, "December 17", "Las Vegas Raiders", "W 23–20", "Lakeside Stadium", "66,204"),
    (16, "December 24", "at Seattle Seahawks", "W 41–14", "Lumen Field", "68,740"),
    (17, "December 31", "Los Angeles Chargers", "L 24–27", "Lakeside Stadium", "67,102"),
    (18, "January 7", "at Arizona Cardinals", "W 30–10", "State Farm Stadium", "60,223"),
]


def _records(results: list[str]) -> list[str]:
    w = lost = t = 0
    out = []
    for r in results:
        if not r:
            out.append("")
            continue
        p = prefix(r)
        w, lost, t = w + (p == "W"), lost + (p == "L"), t + (p == "T")
        out.append(f"{w}–{lost}–{t}" if t else f"{w}–{lost}")
    return out


schedule = pd.DataFrame(
    [(wk, d, o, r, v, a) for wk, d, o, r, v, a in _sched_rows],
    columns=["Week", "Date", "Opponent", "Result", "Venue", "Attendance"],
)
schedule.insert(4, "Record", _records(list(schedule["Result"])))

cup = pd.DataFrame(
    [
        ("Round of 16", "7 January 2023", "Ashbury Town", "3–1", "Kelso Rovers", "9,214"),
        ("Round of 16", "7 January 2023", "Port Marlow", "0 : 2", "Redcliffe United", "4,870"),
        ("Round of 16", "7 January 2023", "Saltmarsh City", "2–2 (4–3 p)", "Highgate Albion", "6,033"),
        ("Round of 16", "8 January 2023", "Northam Athletic", "4–0", "Dunstan Vale", "5,512"),
        ("Round of 16", "8 January 2023", "Carrow Park", "1–2 (aet)", "Westmere", "3,406"),
        ("Round of 16", "8 January 2023", "Blackmoor", "5–3", "Trenton Harriers", "7,781"),
        ("Round of 16", "8 January 2023", "Elsworth United", "1-3", "Granby Town", "2,954"),
        ("Round of 16", "9 January 2023", "St. Aldric", "2–0", "Fairhaven", "4,118"),
        ("Quarter-final", "11 February 2023", "Redcliffe United", "1–1 (aet)", "Ashbury Town", "12,650"),
        ("Quarter-final", "11 February 2023", "Northam Athletic", "0–3", "Saltmarsh City", "8,902"),
        ("Quarter-final", "12 February 2023", "Granby Town", "2–4", "Blackmoor", "6,377"),
        ("Quarter-final", "12 February 2023", "St. Aldric", "1–0", "Westmere", "5,045"),
        ("Quarter-final replay", "21 February 2023", "Ashbury Town", "2–1", "Redcliffe United", "10,988"),
        ("Semi-final", "18 March 2023", "Blackmoor", "3–3 (2–4 p)", "Ashbury Town", "21,340"),
        ("Semi-final", "19 March 2023", "St. Aldric", "1–2", "Saltmarsh City", "19,806"),
        ("Final", "6 May 2023", "Ashbury Town", "2–1 (aet)", "Saltmarsh City", "48,115"),
    ],
    columns=["Round", "Date", "Home team", "Score", "Away team", "Attendance"],
)

finals = pd.DataFrame(
    [
        ("Runner-up", 1, "2003–04", "Welsh Open", "Stuart Pell", "9–5"),
        ("Winner", 1, "2003–04", "Scottish Open", "Liam Corrigan", "9–7"),
        ("Runner-up", 2, "2005–06", "UK Championship", "Dario Menotti", "10–6"),
        ("Winner", 2, "2006–07", "Grand Prix", "Stuart Pell", "9–8"),
        ("Winner", 3, "2007–08", "China Open", "Wen Haoyu", "10–4"),
        ("Runner-up", 3, "2008–09", "Masters", "Kyle Barrow", "10–8"),
        ("Winner", 4, "2009–10", "World Championship", "Dario Menotti", "18–15"),
        ("Winner", 5, "2010–11", "Welsh Open", "Tom Ashdown", "9–2"),
        ("Runner-up", 4, "2011–12", "World Championship", "Kyle Barrow", "18–11"),
        ("Winner", 6, "2012–13", "German Masters", "Liam Corrigan", "9–7"),
        ("Winner", 7, "2013–14", "UK Championship", "Wen Haoyu", "10–9"),
        ("Runner-up", 5, "2014–15", "Shanghai Masters", "Nico Varga", "10–9"),
        ("Winner", 8, "2016–17", "Players Championship", "Stuart Pell", "10–3"),
        ("Runner-up", 6, "2018–19", "Welsh Open", "Tom Ashdown", "9–6"),
    ],
    columns=["Outcome", "No.", "Season", "Championship", "Opponent in the final", "Score"],
)

TABLES: dict[str, pd.DataFrame] = {
    "season": season,
    "schedule": schedule,
    "cup": cup,
    "finals": finals,
}

# --------------------------------------------------------------------------------------
# Question helpers (each asserts its rows are the ones intended)
# --------------------------------------------------------------------------------------


def _py(v):
    if isinstance(v, bool):
        return v
    if hasattr(v, "item"):
        v = v.item()
    return v


def _mask(m: pd.Series) -> pd.Series:
    return m.fillna(False).astype(bool)


def row(df: pd.DataFrame, mask: pd.Series) -> pd.Series:
    m = _mask(mask)
    assert int(m.sum()) == 1, int(m.sum())
    return df[m].iloc[0]


def one(df: pd.DataFrame, mask: pd.Series, series: pd.Series):
    """The value of `series` on the single row `mask` selects."""
    m = _mask(mask)
    assert int(m.sum()) == 1, int(m.sum())
    return _py(series[m].iloc[0])


def names(df: pd.DataFrame, mask: pd.Series, col: str) -> list:
    out = [_py(v) for v in df.loc[_mask(mask), col]]
    assert out
    return out


def count(mask: pd.Series) -> int:
    return int(_mask(mask).sum())


def arg_ext(df: pd.DataFrame, key: pd.Series, out_col, *, largest: bool, mask=None, tie_ok=False):
    """Name(s) of the row(s) with the largest/smallest key: a str, or a list (row order) on a tie."""
    k = key if mask is None else key[_mask(mask)]
    k = k.dropna()
    target = k.max() if largest else k.min()
    hits = list(k[k == target].index)
    vals = [_py(df.loc[i, out_col]) if isinstance(out_col, str) else _py(out_col.loc[i]) for i in hits]
    if len(vals) == 1:
        return vals[0]
    assert tie_ok, ("unintended tie in extreme", vals)
    return vals


def ext_value(key: pd.Series, *, largest: bool, mask=None) -> int:
    k = key if mask is None else key[_mask(mask)]
    k = k.dropna()
    return _py(k.max() if largest else k.min())


def has(s: pd.Series, part: str) -> pd.Series:
    return s.astype(str).str.contains(part, case=False, regex=False)


def absent(df: pd.DataFrame, *parts: str) -> None:
    """Asserts no cell in the table contains any of the parts; returns None."""
    for p in parts:
        for c in df.columns:
            assert not has(df[c], p).any(), (p, c)
    return None


def lacks(df: pd.DataFrame, *words: str) -> None:
    """Asserts no column header mentions the missing fact; returns None."""
    for w in words:
        assert not any(w.lower() in str(c).lower() for c in df.columns), (w, list(df.columns))
    return None


def never_met(df: pd.DataFrame, team_a: str, team_b: str) -> None:
    """Asserts both teams are in the table but no row has them against each other; returns None."""
    teams = set(df["Home team"]) | set(df["Away team"])
    assert team_a in teams and team_b in teams, (team_a, team_b)
    pair = ((df["Home team"] == team_a) & (df["Away team"] == team_b)) | (
        (df["Home team"] == team_b) & (df["Away team"] == team_a))
    assert not pair.any()
    return None


def side_unstated(df: pd.DataFrame, mask: pd.Series, score_col: str) -> None:
    """Asserts the row exists and the score header does not say whose number is first; returns None."""
    row(df, mask)
    h = score_col.lower()
    for marker in ("f–a", "f-a", "h–a", "h-a", "(", "for", "home", "winner", "player"):
        assert marker not in h, (marker, score_col)
    assert not any(("frames" in str(c).lower()) or (str(c).lower() == "for") for c in df.columns)
    return None


# --------------------------------------------------------------------------------------
# Sanity of the tables
# --------------------------------------------------------------------------------------

for _name, _df, _col in (("season", season, S_RES), ("schedule", schedule, "Result"),
                         ("cup", cup, "Score"), ("finals", finals, "Score")):
    _parsed = _df[_col].map(parse_score)
    assert _parsed.notna().sum() == len(_df) - (1 if _name == "schedule" else 0), _name

# schedule: the prefix agrees with the numbers (team's points first); one bye week.
_sp = schedule[schedule["Result"] != ""]
for _r in _sp["Result"]:
    _a, _b = parse_score(_r)
    assert {"W": _a > _b, "L": _a < _b, "T": _a == _b}[prefix(_r)], _r
assert (schedule["Opponent"] == "Bye").sum() == 1
assert "2–2" in set(schedule["Record"]) and "3–1" not in set(schedule["Record"])  # a level-looking record
# finals: every score written winner-first; Runner-up rows therefore have the player's frames second.
assert (first(finals, "Score") > second(finals, "Score")).all()
# season: some dates look like level scores.
assert {"09-09", "11-11", "12-12"} <= set(season["Date"])
# cup: the winners of each tie (home/away, shoot-out in brackets, replay) go through.
assert cup["Score"].map(went_to_penalties).sum() == 2

# CSV round trip: the engine reads the tables back from CSV; the score cells survive as text.
for _name, _df in TABLES.items():
    _back = pd.read_csv(io.StringIO(_df.to_csv(index=False)), keep_default_na=True)
    assert list(_back.columns) == list(_df.columns), _name
    for _c in _df.columns:
        _orig = [str(v) for v in _df[_c]]
        _got = ["" if pd.isna(v) else str(v) for v in _back[_c]]
        assert _got == _orig, (_name, _c)

# --------------------------------------------------------------------------------------
# Derived columns (used only to compute answers)
# --------------------------------------------------------------------------------------

s_for, s_against = first(season, S_RES), second(season, S_RES)
s_margin, s_total, s_level = margin(season, S_RES), total(season, S_RES), level(season, S_RES)
s_home = season["Venue"] == "H"

played = schedule["Result"] != ""
n_pts, n_opp = first(schedule, "Result"), second(schedule, "Result")
n_margin, n_total = margin(schedule, "Result"), total(schedule, "Result")
n_prefix = schedule["Result"].map(prefix)
n_road = schedule["Opponent"].str.startswith("at ")

c_home, c_away = first(cup, "Score"), second(cup, "Score")
c_margin, c_total, c_level = margin(cup, "Score"), total(cup, "Score"), level(cup, "Score")
c_winner = pd.Series(
    [h if a > b else (w if b > a else None)
     for h, w, a, b in zip(cup["Home team"], cup["Away team"], c_home, c_away, strict=True)],
    index=cup.index,
)

f_margin, f_total = margin(finals, "Score"), total(finals, "Score")
f_won = finals["Outcome"] == "Winner"


def inferred_frames(mask: pd.Series, *, his: bool) -> int:
    """What a reader could infer from Outcome (winner has more frames); NOT the expected answer."""
    r = row(finals, mask)
    a, b = parse_score(r["Score"])
    won = r["Outcome"] == "Winner"
    return max(a, b) if (won == his) else min(a, b)


# The two CONVENTION questions below expect None; if the engine is meant to infer, these are the values.
FINALS_INFERRED = {
    "how many frames did he win in the 2011–12 World Championship final?": inferred_frames(
        (finals["Season"] == "2011–12") & (finals["Championship"] == "World Championship"), his=True),
    "how many frames did his opponent score in the Grand Prix final": inferred_frames(
        finals["Championship"] == "Grand Prix", his=False),
}
assert list(FINALS_INFERRED.values()) == [11, 8], FINALS_INFERRED

# schedule: the Record's wins agree with the W results to date.
assert all(
    int(rec.split("–")[0]) == int((n_prefix[: i + 1] == "W").sum())
    for i, rec in enumerate(schedule["Record"]) if rec
)

# --------------------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------------------

SCORE_QUESTIONS: list[tuple[str, str, object]] = [
    # ---------------- margins: |a - b| ----------------
    ("season", "what was the largest margin of victory?",
     ext_value(s_margin, largest=True, mask=s_for > s_against)),
    # 6–1 and 5–0 both have a difference of 5 (1–5 is only 4): the list of the two, in row order.
    ("season", "which game had the biggest goal difference",
     arg_ext(season, s_margin, "Opponent", largest=True, tie_ok=True)),
    ("season", "in how many games was the difference 3 or more?",
     count(s_margin >= 3)),
    ("season", "what was the difference in score in the game against Oakhampton",
     one(season, season["Opponent"] == "Oakhampton", s_margin)),
    ("schedule", "what was the point differential in the Dallas Cowboys game?",
     one(schedule, schedule["Opponent"] == "Dallas Cowboys", n_margin)),
    ("schedule", "in how many games was the margin at least 14 points",
     count(n_margin >= 14)),
    ("schedule", "what was the smallest margin in any of their losses?",
     ext_value(n_margin, largest=False, mask=n_prefix == "L")),
    ("cup", "which team won by the biggest margin?",
     arg_ext(cup, c_margin, c_winner, largest=True)),
    ("cup", "what was the winning margin in the final",
     one(cup, cup["Round"] == "Final", c_margin)),
    ("finals", "what's the biggest margin in a final he won?",
     ext_value(f_margin, largest=True, mask=f_won)),
    ("finals", "how many of his finals were decided by a single frame",
     count(f_margin == 1)),

    # ---------------- totals in a game: a + b ----------------
    ("season", "which match had the most goals?",
     arg_ext(season, s_total, "Opponent", largest=True)),
    ("season", "how many goals were there altogether in the Hollins Park game?",
     one(season, season["Opponent"] == "Hollins Park", s_total)),
    ("season", "total number of goals scored in their home games (both teams)",
     int(s_total[s_home].sum())),
    ("schedule", "in how many games were more than 40 points scored?",
     count(n_total > 40)),
    ("schedule", "which game had the fewest combined points",
     arg_ext(schedule, n_total, "Opponent", largest=False)),
    ("cup", "how many goals were scored in the final?",
     one(cup, cup["Round"] == "Final", c_total)),
    ("cup", "how many goals were scored in the round of 16 altogether",
     int(c_total[cup["Round"] == "Round of 16"].sum())),
    ("finals", "in which season was the final with the most frames?",
     arg_ext(finals, f_total, "Season", largest=True)),
    ("finals", "how many frames were played in the China Open final",
     one(finals, finals["Championship"] == "China Open", f_total)),

    # ---------------- draws read from the numbers ----------------
    # "1–1 (3–4 p)" is a draw; the dates "09-09", "11-11", "12-12" are not.
    ("season", "how many games ended level?",
     count(s_level)),
    ("season", "which opponents did they draw with",
     names(season, s_level, "Opponent")),
    # Records "2–2" are not ties.
    ("schedule", "how many games ended in a tie?",
     count(level(schedule, "Result") & played)),
    ("cup", "how many matches finished all square?",
     count(c_level)),
    ("cup", "which home sides were held to a draw",
     names(cup, c_level, "Home team")),
    ("cup", "how many ties went to a penalty shoot-out?",
     count(cup["Score"].map(went_to_penalties))),

    # ---------------- outcomes (W/L/T prefix, F–A header, home/away) ----------------
    ("schedule", "how many games did they win by more than 10?",
     count((n_prefix == "W") & (n_margin > 10))),
    ("schedule", "who did they beat by the most points",
     arg_ext(schedule, n_margin, "Opponent", largest=True, mask=n_prefix == "W")),
    ("schedule", "how many road games did they win?",
     count(n_road & (n_prefix == "W"))),
    ("season", "how many home games did they lose",
     count(s_home & (s_for < s_against))),
    ("season", "against which teams did they win away from home?",
     names(season, ~s_home & (s_for > s_against), "Opponent")),
    ("season", "what was their heaviest defeat",
     arg_ext(season, s_against - s_for, "Opponent", largest=True, mask=s_for < s_against)),
    ("cup", "what was the most goals scored by a home team in one match?",
     ext_value(c_home, largest=True)),
    # shoot-out wins are draws in the match score: not away wins.
    ("cup", "how many away wins were there",
     count(c_away > c_home)),
    ("cup", "who won the match between Port Marlow and Redcliffe United?",
     one(cup, (cup["Home team"] == "Port Marlow") & (cup["Away team"] == "Redcliffe United"), c_winner)),
    ("finals", "how many finals did he win by five frames or more",
     count(f_won & (f_margin >= 5))),

    # ---------------- one side only (where the table says whose number is which) ----------------
    ("cup", "how many goals did the away team score in the final?",
     one(cup, cup["Round"] == "Final", c_away)),
    ("cup", "how many goals did the home teams score in the semi-finals",
     int(c_home[cup["Round"] == "Semi-final"].sum())),
    ("cup", "how many goals did Ashbury Town score in the quarter-final replay?",
     one(cup, cup["Round"] == "Quarter-final replay",
         c_home.where(cup["Home team"] == "Ashbury Town", c_away))),
    ("season", "how many goals did they concede away at Brackley City",
     one(season, (season["Opponent"] == "Brackley City") & ~s_home, s_against)),
    ("season", "in how many games did they fail to score?",
     count(s_for == 0)),
    ("schedule", "how many points did they put up against the Dallas Cowboys",
     one(schedule, schedule["Opponent"] == "Dallas Cowboys", n_pts)),
    ("schedule", "in how many of their losses did they still score at least 13 points?",
     count((n_prefix == "L") & (n_pts >= 13))),

    # ---------------- traps: cells that look like scores but are not ----------------
    # "09-09" is a date (9 September), not a 9–9 draw: the answer is the result cell as written.
    ("season", "what was the result on 09-09?",
     one(season, season["Date"] == "09-09", season[S_RES])),
    # months of "dd-mm" dates.
    ("season", "how many games did they play in December",
     count(season["Date"].str.slice(3, 5) == "12")),
    # Attendance "10,115" is a number with a thousands comma.
    ("season", "which home game drew the biggest crowd?",
     arg_ext(season, season["Attendance"].map(attendance), "Opponent", largest=True, mask=s_home)),
    # Record "2–2" is wins–losses to date, not a level score.
    ("schedule", "after which game was their record 2–2?",
     one(schedule, schedule["Record"] == "2–2", schedule["Opponent"])),
    ("schedule", "how many wins did they have after week 12",
     int(one(schedule, schedule["Week"] == 12, schedule["Record"]).split("–")[0])),
    # "2003–04" is a season, not a score.
    ("finals", "how many finals did he reach in 2003–04?",
     count(finals["Season"] == "2003–04")),

    # ---------------- cannot answer (None) ----------------
    # CONVENTION: whose frames come first is not stated (inferred value would be 11; the cell is "18–11").
    ("finals", "how many frames did he win in the 2011–12 World Championship final?",
     side_unstated(finals, (finals["Season"] == "2011–12") & (finals["Championship"] == "World Championship"),
                   "Score")),
    # CONVENTION: as above (inferred value would be 8; the cell is "9–8").
    ("finals", "how many frames did his opponent score in the Grand Prix final",
     side_unstated(finals, finals["Championship"] == "Grand Prix", "Score")),
    ("finals", "what was his highest break in the 2009–10 world final?",
     lacks(finals, "break", "century", "centuries")),
    ("season", "how many goals did they score against Wexford Rangers?",
     absent(season, "Wexford")),
    ("season", "how many yellow cards did they pick up at Ravensworth",
     lacks(season, "card", "yellow", "booking", "discipline")),
    ("schedule", "what was the halftime score against the Dallas Cowboys?",
     lacks(schedule, "half", "ht", "quarter", "q1", "q2")),
    ("schedule", "how many points did they score against the New England Patriots",
     absent(schedule, "New England", "Patriots")),
    ("cup", "who scored the goals in the final?",
     lacks(cup, "scorer", "goals", "goalscorer")),
    ("cup", "what was the score when Kelso Rovers played Westmere",
     never_met(cup, "Kelso Rovers", "Westmere")),
]

MARGIN_COUNT = 11
TOTAL_COUNT = 9
DRAW_COUNT = 6
OUTCOME_COUNT = 10
ONE_SIDE_COUNT = 7
TRAP_COUNT = 6
CANNOT_ANSWER_COUNT = 9
assert len(SCORE_QUESTIONS) == (MARGIN_COUNT + TOTAL_COUNT + DRAW_COUNT + OUTCOME_COUNT + ONE_SIDE_COUNT
                                + TRAP_COUNT + CANNOT_ANSWER_COUNT), len(SCORE_QUESTIONS)
assert sum(a is None for _t, _q, a in SCORE_QUESTIONS) == CANNOT_ANSWER_COUNT
assert len({q.lower() for _t, q, _a in SCORE_QUESTIONS}) == len(SCORE_QUESTIONS)
assert all(any(q == k and x is None for _t, q, x in SCORE_QUESTIONS) for k in FINALS_INFERRED)

for _t, _q, _a in SCORE_QUESTIONS:
    assert _t in TABLES and isinstance(TABLES[_t], pd.DataFrame), _t
    assert _a is None or isinstance(_a, (bool, int, float, str, list)), (_q, type(_a))
    if isinstance(_a, list):
        assert _a and all(isinstance(x, (bool, int, float, str)) for x in _a), (_q, _a)
    assert not hasattr(_a, "dtype"), (_q, type(_a))

if __name__ == "__main__":
    for _t, _q, _a in SCORE_QUESTIONS:
        print(f"{_t:8} | {_q:75} | {_a!r}")
    print(len(SCORE_QUESTIONS), "questions")

# Added by the engine's owner after the first run, the expectations above left as written:
# * lists of names are compared in any order: the engine lists distinct values sorted (docs/chat.md), the helper
#   wrote them in row order; the names must be the same;
# * one question reads two ways, and the engine takes the other: "after week 12" as the weeks after it (4 wins),
#   where the helper meant the record standing after it (6). It is reported as wrong in every run.
READ_ANOTHER_WAY = {"how many wins did they have after week 12": "the wins in the weeks after week 12, not the record"}

"""Held-out questions about nationality words (demonyms) that name a country the table writes
another way. Sports tables write a country as its name in a column ("Italy", "South Korea",
"Northern Ireland"), as a three-letter code in brackets after a person's name ("Mario Cipollini
(ITA)", "Fabian Cancellara (SUI)"), or as a bare code in its own column ("CAN", "SWE", "SVK");
the analyst asks with the adjective or the noun ("how many Italian cyclists won a stage?", "how
many Swedes are on the roster?", "how many more silver medals did the Russians win than the
Danes?", "who was the best-placed Spaniard?"). Several codes are not the country's first letters
(GER Germany, SUI Switzerland, NED the Netherlands, DEN Denmark, GBR Great Britain, SVK
Slovakia), several countries are several words (United States / American, South Korea / South
Korean, New Zealand / New Zealander, Great Britain / British, Northern Ireland / Northern Irish),
and some look-alikes sit next to each other (AUS is Australia, not Austria; SVK is Slovakia, not
Slovenia; "Austria" and "Australia" in one ski result).

Written by a helper who had not read the engine's code, docs or tests. First run at fc658ef, before anything
was taught from this file (lists in any order): 13 right, 0 wrong, 35 declined.

Five tables (cells written as Wikipedia and federation exports write them; every cell a string):
  * ``stages``  -- a Grand Tour's stage winners: Stage, Date, Route ("Padua – Ravenna"; one
    finish, Lugano, is outside Italy, but no column says which country a town is in), Winner
    ("Mario Cipollini (ITA)": the rider's name, then the UCI/IOC code in brackets). Two riders
    win two stages each (Cipollini, Cancellara).
  * ``medals``  -- a summer games' medal table: Rank, Nation (full names: "United States",
    "Great Britain", "South Korea", "North Korea", "New Zealand", "Czech Republic"), Gold,
    Silver, Bronze, Total.
  * ``downhill`` -- a World Cup downhill result: Rank, Athlete, Country (full names; Austria
    three times and Australia once), Time ("1:28.41", minutes:seconds.hundredths).
  * ``roster``  -- an ice hockey team's roster: Player, Pos (C / LW / RW / D / G), Nationality
    (bare codes: CAN, USA, SWE, FIN, SUI, GER, DEN, CZE, SVK, RUS), Previous club (club or
    college names only; no column gives the club's country).
  * ``golf``    -- a 72-hole leaderboard (par 288): Place ("1", "T3"), Player, Country (full
    names, with both "Ireland" and "Northern Ireland", and England / Scotland separately),
    Score (the 72-hole total, "272"), To par ("−16", with a Unicode minus).

Question groups (48): stages 8 + 3 traps, medals 7 + 2 traps, downhill 6 + 2 traps, roster
7 + 3 traps, golf 7 + 3 traps -> 35 answerable, 13 traps (all expected None).

Conventions (decided before computing, written here so the answers can be checked):
  * A nationality adjective or noun ("Italian", "the Italians", "Swedes", "a Spaniard", "Danish
    nationality") means the rows of that country, whichever way the table writes it: its name
    in a country column ("Italy"), its code in a nationality column ("ITA"), or its code in
    brackets after a name ("Mario Cipollini (ITA)"). Codes read as the IOC/UCI codes: ITA Italy,
    GER Germany, SUI Switzerland, NED Netherlands, DEN Denmark, GBR Great Britain, AUS Australia
    (not Austria, AUT), SVK Slovakia (not Slovenia, SLO), CZE Czech Republic, NOR Norway, BEL
    Belgium, USA United States, CAN Canada, SWE Sweden, FIN Finland, RUS Russia.
  * British = Great Britain (GBR); English = England, Scottish = Scotland, Northern Irish =
    Northern Ireland, Welsh = Wales; American = United States; South Korean = South Korea.
  * A nationality the table has no row for gives 0 to a "how many ..." count and False to an
    "is there ..." question: those are answerable, not traps ("how many Austrian riders won a
    stage?" is 0 because the only AUS rider is Australian; "how many Slovenian players" is 0
    because SVK is Slovakia; "how many Welsh players" is 0).
  * "How many <nationality> cyclists/riders won a stage" counts distinct riders; "how many
    stages did the <nationality> win" counts stages (rows).
  * Names: the person's name as written, without the bracketed code ("Mario Cipollini", not
    "Mario Cipollini (ITA)"); a nation as written in the table ("Great Britain"); a date or a
    route or a time exactly as written ("22 May", "Matera – Cosenza", "1:30.58").
  * Counts and medal figures are ints; one name is a str; several names are a list in row order
    (a rider who won two stages is listed once); a yes/no question expects a bool.
  * "Top ten" is Rank 1-10; "under 1:30" is strictly faster than 1:30.00; "best-placed" /
    "fastest" / "finished highest" is the first such row; "last" is the last such row.
    "Strokes behind the winner" is the Score minus the winner's Score.
  * None means the engine should decline:
      - a nationality word that is ambiguous in the table ("Korean" with North and South Korea;
        "Irish" with Ireland and Northern Ireland);
      - a nationality word describing something other than the people the country column is
        about (towns a stage finished in, the clubs players came from, the "French Open"
        tournament): no column holds it, and reading the people's country would be wrong;
      - a subject the table lacks (birth year, team, sport, age, speed, salary, handedness,
        prize money).
    Each trap has an assert below showing why.

Every expected answer is computed with pandas from the frames below (None only for questions the
tables cannot answer, each backed by an assert).
"""
from __future__ import annotations

import io as _io
import re

import pandas as pd

# --------------------------------------------------------------------------------------
# Helpers for the ways a country is written
# --------------------------------------------------------------------------------------

_BRACKET_RE = re.compile(r"^(.*\S)\s*\(([A-Z]{3})\)$")


def bracket_code(v) -> str:
    """'Mario Cipollini (ITA)' -> 'ITA'."""
    m = _BRACKET_RE.match(str(v).strip())
    assert m, v
    return m.group(2)


def bracket_name(v) -> str:
    """'Mario Cipollini (ITA)' -> 'Mario Cipollini'."""
    m = _BRACKET_RE.match(str(v).strip())
    assert m, v
    return m.group(1)


def clock(v) -> float:
    """'1:28.41' -> 88.41 seconds."""
    m = re.fullmatch(r"(\d+):(\d{2}\.\d{2})", str(v).strip())
    assert m, v
    return int(m.group(1)) * 60 + float(m.group(2))


def place_num(v) -> int:
    """'T3' -> 3; '12' -> 12."""
    m = re.fullmatch(r"T?(\d+)", str(v).strip())
    assert m, v
    return int(m.group(1))


def to_par(v) -> int:
    """'−16' (Unicode minus) -> -16; 'E' -> 0; '+2' -> 2."""
    t = str(v).strip().replace("−", "-")
    return 0 if t == "E" else int(t)


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------

stages = pd.DataFrame(
    [
        ("1", "9 May", "Verona – Verona (ITT)", "Fabian Cancellara (SUI)"),
        ("2", "10 May", "Verona – Padua", "Mario Cipollini (ITA)"),
        ("3", "11 May", "Padua – Ravenna", "Robbie McEwen (AUS)"),
        ("4", "12 May", "Ravenna – Urbino", "Danilo Di Luca (ITA)"),
        ("5", "13 May", "Urbino – Pescara", "Erik Zabel (GER)"),
        ("6", "14 May", "Pescara – Foggia", "Mario Cipollini (ITA)"),
        ("7", "15 May", "Foggia – Matera", "Tom Boonen (BEL)"),
        ("8", "16 May", "Matera – Cosenza", "Thor Hushovd (NOR)"),
        ("9", "18 May", "Messina – Catania", "Paolo Bettini (ITA)"),
        ("10", "19 May", "Catania – Etna", "Jakob Fuglsang (DEN)"),
        ("11", "20 May", "Salerno – Frosinone", "Mark Cavendish (GBR)"),
        ("12", "21 May", "Frosinone – Terni", "Marcel Kittel (GER)"),
        ("13", "22 May", "Terni – Arezzo", "Tom Dumoulin (NED)"),
        ("14", "23 May", "Arezzo – Lugano", "Alessandro Petacchi (ITA)"),
        ("15", "25 May", "Lugano – Bormio", "Tyler Hamilton (USA)"),
        ("16", "26 May", "Bormio – Milan (ITT)", "Fabian Cancellara (SUI)"),
    ],
    columns=["Stage", "Date", "Route", "Winner"],
)

medals = pd.DataFrame(
    [
        ("1", "United States", "36", "38", "36", "110"),
        ("2", "Great Britain", "22", "21", "22", "65"),
        ("3", "Russia", "19", "21", "25", "65"),
        ("4", "Germany", "16", "12", "14", "42"),
        ("5", "Netherlands", "10", "12", "14", "36"),
        ("6", "South Korea", "9", "8", "10", "27"),
        ("7", "New Zealand", "7", "6", "6", "19"),
        ("8", "Switzerland", "5", "4", "6", "15"),
        ("9", "Denmark", "4", "7", "5", "16"),
        ("10", "Japan", "3", "5", "8", "16"),
        ("11", "North Korea", "3", "2", "4", "9"),
        ("12", "Czech Republic", "2", "3", "4", "9"),
        ("13", "Ireland", "2", "0", "2", "4"),
        ("14", "Kenya", "1", "4", "2", "7"),
    ],
    columns=["Rank", "Nation", "Gold", "Silver", "Bronze", "Total"],
)

downhill = pd.DataFrame(
    [
        ("1", "Beat Feuz", "Switzerland", "1:28.41"),
        ("2", "Vincent Kriechmayr", "Austria", "1:28.57"),
        ("3", "Dominik Paris", "Italy", "1:28.90"),
        ("4", "Aleksander Aamodt Kilde", "Norway", "1:29.05"),
        ("5", "Matthias Mayer", "Austria", "1:29.12"),
        ("6", "James Crawford", "Canada", "1:29.33"),
        ("7", "Mattia Casse", "Italy", "1:29.40"),
        ("8", "Marco Odermatt", "Switzerland", "1:29.48"),
        ("9", "Harry Laidlaw", "Australia", "1:29.61"),
        ("10", "Otmar Striedinger", "Austria", "1:29.77"),
        ("11", "Cameron Alexander", "Canada", "1:29.95"),
        ("12", "Travis Ganong", "United States", "1:30.02"),
        ("13", "Broderick Thompson", "Canada", "1:30.12"),
        ("14", "Johan Clarey", "France", "1:30.20"),
        ("15", "Adrian Smiseth Sejersted", "Norway", "1:30.41"),
        ("16", "Dave Ryding", "Great Britain", "1:30.58"),
    ],
    columns=["Rank", "Athlete", "Country", "Time"],
)

roster = pd.DataFrame(
    [
        ("Connor Blake", "C", "CAN", "London Knights"),
        ("Erik Lindqvist", "D", "SWE", "Frölunda HC"),
        ("Tyler Brennan", "RW", "USA", "Boston College"),
        ("Aleksi Virtanen", "LW", "FIN", "Tappara"),
        ("Nico Baumann", "C", "SUI", "SC Bern"),
        ("Jonas Keller", "D", "GER", "Eisbären Berlin"),
        ("Mads Sørensen", "LW", "DEN", "Rögle BK"),
        ("Ryan MacKinnon", "D", "CAN", "Hershey Bears"),
        ("Jakub Novák", "RW", "CZE", "HC Sparta Praha"),
        ("Oskar Holm", "G", "SWE", "Skellefteå AIK"),
        ("Marek Hrivnák", "D", "SVK", "HC Slovan Bratislava"),
        ("Dylan Foster", "G", "USA", "University of Minnesota"),
        ("Luc Tremblay", "C", "CAN", "Laval Rocket"),
        ("Artyom Volkov", "D", "RUS", "SKA Saint Petersburg"),
        ("Jake Morrison", "RW", "USA", "Hershey Bears"),
        ("Justin Fortier", "LW", "CAN", "HC Davos"),
    ],
    columns=["Player", "Pos", "Nationality", "Previous club"],
)

golf = pd.DataFrame(
    [
        ("1", "Rory McIlroy", "Northern Ireland", "272", "−16"),
        ("2", "Jon Rahm", "Spain", "274", "−14"),
        ("T3", "Scottie Scheffler", "United States", "275", "−13"),
        ("T3", "Shane Lowry", "Ireland", "275", "−13"),
        ("5", "Tommy Fleetwood", "England", "276", "−12"),
        ("T6", "Im Sung-jae", "South Korea", "277", "−11"),
        ("T6", "Tyrrell Hatton", "England", "277", "−11"),
        ("8", "Louis Oosthuizen", "South Africa", "278", "−10"),
        ("T9", "Hideki Matsuyama", "Japan", "279", "−9"),
        ("T9", "Ryan Fox", "New Zealand", "279", "−9"),
        ("T9", "Robert MacIntyre", "Scotland", "279", "−9"),
        ("12", "Kim Si-woo", "South Korea", "280", "−8"),
        ("T13", "Pádraig Harrington", "Ireland", "281", "−7"),
        ("T13", "Xander Schauffele", "United States", "281", "−7"),
        ("T13", "Matt Fitzpatrick", "England", "281", "−7"),
        ("16", "Cameron Smith", "Australia", "282", "−6"),
    ],
    columns=["Place", "Player", "Country", "Score", "To par"],
)

TABLES: dict[str, pd.DataFrame] = {
    "stages": stages,
    "medals": medals,
    "downhill": downhill,
    "roster": roster,
    "golf": golf,
}

# --------------------------------------------------------------------------------------
# Derived columns
# --------------------------------------------------------------------------------------

_st_code = stages["Winner"].map(bracket_code)
_st_rider = stages["Winner"].map(bracket_name)

_m_gold = medals["Gold"].astype(int)
_m_silver = medals["Silver"].astype(int)
_m_bronze = medals["Bronze"].astype(int)
_m_total = medals["Total"].astype(int)
_m_rank = medals["Rank"].astype(int)

_d_rank = downhill["Rank"].astype(int)
_d_secs = downhill["Time"].map(clock)

_g_place = golf["Place"].map(place_num)
_g_score = golf["Score"].astype(int)
_g_par = golf["To par"].map(to_par)


# --------------------------------------------------------------------------------------
# Question helpers
# --------------------------------------------------------------------------------------


def _py(v):
    if isinstance(v, bool):
        return v
    if hasattr(v, "item"):
        v = v.item()
    return v


def _mask(m: pd.Series) -> pd.Series:
    return m.fillna(False).astype(bool)


def count(m: pd.Series) -> int:
    return int(_mask(m).sum())


def count_distinct(values: pd.Series, m: pd.Series) -> int:
    return int(values[_mask(m)].nunique())


def one(values: pd.Series, m: pd.Series):
    out = list(dict.fromkeys(_py(v) for v in values[_mask(m)]))
    assert len(out) == 1, out
    return out[0]


def names(values: pd.Series, m: pd.Series) -> list:
    out = list(dict.fromkeys(_py(v) for v in values[_mask(m)]))
    assert len(out) >= 2, out
    return out


def first(values: pd.Series, m: pd.Series):
    sel = values[_mask(m)]
    assert len(sel) >= 2, "first of one row is just one()"
    return _py(sel.iloc[0])


def last(values: pd.Series, m: pd.Series):
    sel = values[_mask(m)]
    assert len(sel) >= 2, "last of one row is just one()"
    return _py(sel.iloc[-1])


def value(values: pd.Series, m: pd.Series) -> int:
    sel = values[_mask(m)]
    assert len(sel) == 1, list(sel)
    return int(_py(sel.iloc[0]))


def any_row(m: pd.Series) -> bool:
    return bool(_mask(m).any())


def _mentions(df: pd.DataFrame, w: str) -> bool:
    if any(w.lower() in str(c).lower() for c in df.columns):
        return True
    return any(df[c].astype(str).str.contains(w, case=False, regex=False).any() for c in df.columns)


def lacks(df: pd.DataFrame, *words: str) -> None:
    """Asserts no header and no cell mentions the missing subject; returns None."""
    for w in words:
        assert not _mentions(df, w), (w, list(df.columns))
    return None


def ambiguous(answers: dict) -> None:
    """Asserts the readings (country -> answer) differ, so picking one would be a guess."""
    assert len(answers) >= 2
    vals = [repr(a) for a in answers.values()]
    assert len(set(vals)) == len(vals), ("the readings agree, so the trap is moot", answers)
    return None


def wrong_reading(df: pd.DataFrame, answer, *words: str) -> None:
    """A nationality word about something other than the people the country column describes:
    no header or cell names that thing's country (`words`), while reading the people's country
    instead would give `answer` (not None), which would be wrong. Returns None."""
    assert answer is not None
    lacks(df, *words)
    return None


# --------------------------------------------------------------------------------------
# Sanity of the tables
# --------------------------------------------------------------------------------------

assert (_m_gold + _m_silver + _m_bronze == _m_total).all()
assert list(_m_rank) == list(range(1, len(medals) + 1))
assert list(_d_rank) == list(range(1, len(downhill) + 1))
assert _d_secs.is_monotonic_increasing
assert (_g_score - 288 == _g_par).all()
assert _g_score.is_monotonic_increasing and _g_place.is_monotonic_increasing
assert all(re.fullmatch(r"[A-Z]{3}", c) for c in roster["Nationality"])
# look-alikes the questions test
assert set(_st_code) >= {"AUS"} and "AUT" not in set(_st_code)     # AUS = Australia only
assert "SVK" in set(roster["Nationality"]) and "SLO" not in set(roster["Nationality"])
assert {"Austria", "Australia"} <= set(downhill["Country"])
assert {"Ireland", "Northern Ireland"} <= set(golf["Country"])
assert {"South Korea", "North Korea"} <= set(medals["Nation"])
# codes that are not a country's first letters, and multi-word countries, all appear
assert {"GER", "SUI", "NED", "DEN", "GBR"} <= set(_st_code)
assert {"SUI", "GER", "DEN", "SVK"} <= set(roster["Nationality"])
assert "Wales" not in set(golf["Country"])
assert "NED" not in set(roster["Nationality"])

# --------------------------------------------------------------------------------------
# Masks by nationality
# --------------------------------------------------------------------------------------

_ita = _st_code == "ITA"
_ger = _st_code == "GER"

_nation = medals["Nation"]

_dc = downhill["Country"]
_top10 = _d_rank <= 10

_nat = roster["Nationality"]

_gc = golf["Country"]

# --------------------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------------------

NATIONALITY_QUESTIONS: list[tuple[str, str, object]] = [
    # ================= stages: winners written "Mario Cipollini (ITA)" =================
    # Cipollini won two stages: 5 Italian stages, 4 Italian riders
    ("stages", "how many Italian cyclists won a stage?",
     count_distinct(_st_rider, _ita)),
    ("stages", "how many stages did the Italians win?",
     count(_ita)),
    ("stages", "which German riders won stages?",
     names(_st_rider, _ger)),
    ("stages", "which British rider won a stage?",
     one(_st_rider, _st_code == "GBR")),
    ("stages", "on what date did the Dutch rider win his stage?",
     one(stages["Date"], _st_code == "NED")),
    ("stages", "how many more stages did Italian riders win than German riders?",
     count(_ita) - count(_ger)),
    # the only AUS winner (McEwen) is Australian; Austria (AUT) won nothing
    ("stages", "how many Austrian riders won a stage?",
     count_distinct(_st_rider, _st_code == "AUT")),
    ("stages", "what was the route of the stage the Norwegian won?",
     one(stages["Route"], _st_code == "NOR")),
    # traps
    ("stages", "how many Italian cyclists were born after 1980?",
     lacks(stages, "born", "birth", "dob")),
    # "Italian" is about the finish towns here, not the winners; no column gives a town's country
    ("stages", "how many stages finished in Italian towns?",
     wrong_reading(stages, count(_ita), "Italy", "Italia", "country", "nation", "finish")),
    ("stages", "which team did the Belgian stage winner ride for?",
     lacks(stages, "team")),

    # ================= medals: Nation written as the country's name =================
    ("medals", "how many more silver medals did the Russians win than the Danes?",
     value(_m_silver, _nation == "Russia") - value(_m_silver, _nation == "Denmark")),
    ("medals", "how many gold medals did the Dutch win?",
     value(_m_gold, _nation == "Netherlands")),
    ("medals", "how many medals did the Americans win in total?",
     value(_m_total, _nation == "United States")),
    ("medals", "did the Swiss win more bronze medals than the Danes?",
     value(_m_bronze, _nation == "Switzerland") > value(_m_bronze, _nation == "Denmark")),
    ("medals", "what rank did the New Zealanders finish?",
     value(_m_rank, _nation == "New Zealand")),
    ("medals", "how many golds did the South Koreans take?",
     value(_m_gold, _nation == "South Korea")),
    ("medals", "who won more golds, the British or the Russians?",
     one(_nation, _nation.isin(["Great Britain", "Russia"])
         & (_m_gold == _m_gold[_nation.isin(["Great Britain", "Russia"])].max()))),
    # traps
    ("medals", "how many gold medals did the Koreans win?",
     ambiguous({"South Korea": value(_m_gold, _nation == "South Korea"),
                "North Korea": value(_m_gold, _nation == "North Korea"),
                "both": int(_m_gold[_nation.isin(["South Korea", "North Korea"])].sum())})),
    ("medals", "how many medals did the Russians win in swimming?",
     lacks(medals, "swim", "sport", "event", "discipline")),

    # ================= downhill: Country as names, Austria and Australia both =================
    # Laidlaw (Australia) is 9th: not Austrian
    ("downhill", "how many Austrian skiers finished in the top ten?",
     count((_dc == "Austria") & _top10)),
    # Thompson's 1:30.12 is not under 1:30
    ("downhill", "which Canadian athletes finished under 1:30?",
     names(downhill["Athlete"], (_dc == "Canada") & (_d_secs < 90))),
    ("downhill", "who was the fastest Swiss skier?",
     first(downhill["Athlete"], _dc == "Switzerland")),
    ("downhill", "who was the last Norwegian to finish?",
     last(downhill["Athlete"], _dc == "Norway")),
    ("downhill", "what was the British skier's time?",
     one(downhill["Time"], _dc == "Great Britain")),
    ("downhill", "how many Italians finished ahead of the first American?",
     count((_dc == "Italy") & (_d_rank < _d_rank[_dc == "United States"].min()))),
    # traps
    ("downhill", "how many of the Norwegian skiers are over 30?",
     lacks(downhill, "age", "born", "birth")),
    ("downhill", "what was the top speed of the fastest Austrian?",
     lacks(downhill, "speed", "km/h")),

    # ================= roster: Nationality as bare codes =================
    ("roster", "which players have Canadian nationality?",
     names(roster["Player"], _nat == "CAN")),
    ("roster", "how many Swedes are on the roster?",
     count(_nat == "SWE")),
    ("roster", "who is the only Swiss player?",
     one(roster["Player"], _nat == "SUI")),
    ("roster", "who is Danish, Mads Sørensen or Erik Lindqvist?",
     one(roster["Player"], roster["Player"].isin(["Mads Sørensen", "Erik Lindqvist"])
         & (_nat == "DEN"))),
    ("roster", "is there a Dutch player on the team?",
     any_row(_nat == "NED")),
    ("roster", "how many more Canadians than Americans are on the roster?",
     count(_nat == "CAN") - count(_nat == "USA")),
    # SVK is Slovakia; Slovenia (SLO) has nobody
    ("roster", "how many Slovenian players are there?",
     count(_nat == "SLO")),
    # traps
    # "Swedish" describes the clubs, not the players; no column gives a club's country
    ("roster", "how many players came from Swedish clubs?",
     wrong_reading(roster, count(_nat == "SWE"), "Sweden", "club country", "league")),
    ("roster", "what's the average salary of the Canadian players?",
     lacks(roster, "salary", "$", "contract", "wage")),
    ("roster", "how many Czech players are left-handed?",
     lacks(roster, "shoot", "hand", "catch")),

    # ================= golf: Country as names, Ireland and Northern Ireland both =================
    ("golf", "how many English players are on the leaderboard?",
     count(_gc == "England")),
    ("golf", "which South Koreans made the leaderboard?",
     names(golf["Player"], _gc == "South Korea")),
    ("golf", "was the winner American?",
     any_row((_g_place == 1) & (_gc == "United States"))),
    ("golf", "how many strokes behind the winner was the New Zealander?",
     value(_g_score, _gc == "New Zealand") - int(_g_score[_g_place == 1].iloc[0])),
    ("golf", "how many Welsh players are on the leaderboard?",
     count(_gc == "Wales")),
    ("golf", "who finished highest among the Americans?",
     first(golf["Player"], _gc == "United States")),
    ("golf", "which player is Northern Irish?",
     one(golf["Player"], _gc == "Northern Ireland")),
    # traps
    ("golf", "how many Irish players are on the leaderboard?",
     ambiguous({"Ireland": count(_gc == "Ireland"),
                "Ireland and Northern Ireland": count(_gc.isin(["Ireland", "Northern Ireland"]))})),
    # "French" names a tournament, and the table does not say which event it is
    ("golf", "who won the French Open?",
     lacks(golf, "France", "French", "Open", "tournament", "event")),
    ("golf", "how much prize money did the Japanese player earn?",
     lacks(golf, "prize", "money", "$", "earn", "€")),
]

# facts the answers and trap comments rely on
assert count(_ita) == 5 and count_distinct(_st_rider, _ita) == 4      # the two Italian counts differ
assert count(_st_code == "AUS") == 1                                    # the Australian an engine might miscount
assert count(stages["Route"].str.contains("Lugano")) == 2               # not every finish is in Italy
assert count((_dc.isin(["Austria", "Australia"])) & _top10) != count((_dc == "Austria") & _top10)
assert count((_dc == "Canada") & (_d_secs < 90)) != count(_dc == "Canada")
assert count(_nat == "SVK") == 1                                        # the Slovak an engine might miscount
assert count(_gc == "Ireland") == 2 and count(_gc == "Northern Ireland") == 1
assert _m_gold[_nation == "Great Britain"].iloc[0] != _m_gold[_nation == "Russia"].iloc[0]

ANSWERABLE_COUNT = 35
TRAP_COUNT = 13
assert len(NATIONALITY_QUESTIONS) == ANSWERABLE_COUNT + TRAP_COUNT, len(NATIONALITY_QUESTIONS)
assert sum(a is None for _t, _q, a in NATIONALITY_QUESTIONS) == TRAP_COUNT
assert len({q.lower() for _t, q, _a in NATIONALITY_QUESTIONS}) == len(NATIONALITY_QUESTIONS)
for _t, _q, _a in NATIONALITY_QUESTIONS:
    assert _t in TABLES and TABLES[_t] is globals()[_t], _t
    assert _a is None or isinstance(_a, (bool, int, float, str, list)), (_q, type(_a))
    assert not hasattr(_a, "dtype"), (_q, type(_a))
    if isinstance(_a, list):
        assert len(_a) >= 2 and all(isinstance(x, str) for x in _a), (_q, _a)
    if isinstance(_a, str):
        assert not _BRACKET_RE.match(_a), (_q, _a)                      # names come without the code
    _ql = _q.lower()
    if _a is not None and _ql.startswith("how many"):
        assert isinstance(_a, int) and not isinstance(_a, bool), (_q, _a)
    if _a is not None and _ql.startswith(("was ", "did ", "is ", "are ", "does ")):
        assert isinstance(_a, bool), (_q, _a)
    # no question names the country the way the table writes it: it uses the demonym
    for _country in ("italy", "germany", "netherlands", "denmark", "russia", "switzerland",
                     "united states", "korea", "new zealand", "great britain", "austria",
                     "norway", "canada", "sweden", "ireland", "england", "wales"):
        assert not re.search(rf"\b{_country}\b", _ql), (_q, _country)
    assert not re.search(r"\b[A-Z]{3}\b", _q), _q                      # nor its code

# every table survives a CSV round trip with its cells as written
for _name, _df in TABLES.items():
    _buf = _io.StringIO()
    _df.to_csv(_buf, index=False)
    _back = pd.read_csv(_io.StringIO(_buf.getvalue()), dtype=str, keep_default_na=False)
    assert list(_back.columns) == list(_df.columns), _name
    assert (_back.values == _df.astype(str).values).all(), _name

if __name__ == "__main__":
    print(len(NATIONALITY_QUESTIONS), "questions:", ANSWERABLE_COUNT, "answerable,", TRAP_COUNT, "traps")
    for _t, _q, _a in NATIONALITY_QUESTIONS:
        print(f"{_t:9} | {_q:72} | {_a!r}")

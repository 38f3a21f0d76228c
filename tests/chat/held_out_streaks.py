"""Held-out questions about streaks (runs of consecutive rows) on three small made-up tables whose row order is time
order: a football team's season results in the order played, the list of a cycling classic's winners year by year,
and a maternity ward's births in the order the babies were born.

- results: Date (ISO text, '2023-10-05'), Opponent, Venue ('Home'/'Away'), Result ('W'/'L'/'D'), Score (the team's
  goals first, '2-1'); 22 games from September 2023 to February 2024.
- winners: Year, Winner, Nationality (country name, 'Belgium'), Team; 20 editions, 2001-2020. Tom Van Kerckhove wins
  three years in a row; Marco Bellandi and Luca Ferraresi each win twice, not in consecutive years.
- births: No., Time ('HH:MM', one day), Sex ('Girl'/'Boy'), Weight (kg); 20 babies.

Written without reading the planner, its docs or the other question sets' questions; every expected answer is
computed here with pandas from the frames below, through this file's own run-length helpers (_longest_run,
_longest_equal_run), never typed by hand. The questions are the short ones people type ('how many consecutive
wins', 'longest winning streak', 'how many boys in a row'), 4 plain counts as controls, and 3 the tables cannot
answer (expected None: a column the table lacks).

Run conventions:
- 'How many consecutive X' / 'X in a row' / 'longest streak of X' means the length of the LONGEST run of X: the most
  adjacent rows, in the table's order, that all meet the condition. It is 0 when no row meets it.
- A run is counted over ALL rows of the table and is broken by any row that does not meet the condition. With two
  conditions ('consecutive home games they won') a row must meet both; an away win breaks a run of home wins (the
  home games are NOT taken on their own first).
- A time period named in the question ('in October', 'in January') filters the rows first; the run is then counted in
  the remaining order. The periods asked about are contiguous in these tables, so a run that starts before the period
  or goes on after it counts only its rows inside the period.
- 'Unbeaten' means not lost (a win or a draw); 'without a win' means a loss or a draw.
- A nationality asked by demonym ('Belgian riders') is the country in the Nationality column ('Belgium').
- 'The same rider' is a run of equal Winner cells.

Contract for an expected value: a count -> int; None when the table cannot answer. Each entry is (table, question,
expected); ask it with only its table.

First run, on main before the engine was taught runs of consecutive rows (c35d321): 5 right, 2 wrong, 21 declined
of 28. After: 13 right, 0 wrong, 15 declined (most of the rest name a table's rows by a word it cannot check, 'games'
of a table called 'results', or a nationality by its demonym, 'Belgian riders').
"""

from __future__ import annotations

import pandas as pd

# --- run-length helpers


def _longest_run(mask: pd.Series) -> int:
    """Length of the longest run of consecutive True values, in the series' order (0 if none)."""
    mask = mask.astype(bool).reset_index(drop=True)
    if not mask.any():
        return 0
    run_id = (mask != mask.shift()).cumsum()
    return int(mask.groupby(run_id).sum().max())


def _longest_equal_run(values: pd.Series) -> int:
    """Length of the longest run of consecutive equal values, in the series' order (0 if empty)."""
    values = values.reset_index(drop=True)
    if values.empty:
        return 0
    run_id = (values != values.shift()).cumsum()
    return int(values.groupby(run_id).size().max())


# --- results: a football team's 2023–24 season, games in the order played

_RESULTS = [
    # Date, Opponent, Venue, Result, Score
    ("2023-09-16", "Ashford Rovers", "Home", "W", "2-0"),
    ("2023-09-23", "Bramwell Athletic", "Away", "L", "0-1"),
    ("2023-09-30", "Castlegate Town", "Home", "W", "3-1"),
    ("2023-10-05", "Dunmore United", "Away", "W", "2-1"),
    ("2023-10-08", "Eastbrook City", "Home", "W", "1-0"),
    ("2023-10-14", "Fenwick Albion", "Home", "W", "4-2"),
    ("2023-10-21", "Greyhaven FC", "Home", "W", "2-0"),
    ("2023-10-28", "Holloway Wanderers", "Away", "D", "1-1"),
    ("2023-11-04", "Ironbridge Rangers", "Home", "W", "3-2"),
    ("2023-11-11", "Juniper Vale", "Away", "L", "0-2"),
    ("2023-11-18", "Kestrel Park", "Away", "L", "1-3"),
    ("2023-11-25", "Linford Borough", "Home", "L", "0-1"),
    ("2023-12-02", "Ashford Rovers", "Home", "D", "2-2"),
    ("2023-12-09", "Bramwell Athletic", "Away", "W", "1-0"),
    ("2023-12-16", "Castlegate Town", "Home", "D", "0-0"),
    ("2023-12-23", "Dunmore United", "Away", "L", "1-2"),
    ("2023-12-30", "Eastbrook City", "Home", "W", "2-1"),
    ("2024-01-06", "Fenwick Albion", "Away", "W", "3-0"),
    ("2024-01-13", "Greyhaven FC", "Home", "W", "2-1"),
    ("2024-01-20", "Holloway Wanderers", "Away", "L", "0-3"),
    ("2024-01-27", "Ironbridge Rangers", "Home", "D", "1-1"),
    ("2024-02-03", "Juniper Vale", "Away", "W", "2-0"),
]
results = pd.DataFrame(_RESULTS, columns=["Date", "Opponent", "Venue", "Result", "Score"])

# the Score agrees with the Result (the team's goals first)
for _score, _result in zip(results["Score"], results["Result"], strict=True):
    _for, _against = (int(x) for x in _score.split("-"))
    assert _result == ("W" if _for > _against else "L" if _for < _against else "D"), (_score, _result)

# --- winners: a cycling classic's winners, one row per year

_WINNERS = [
    # Year, Winner, Nationality, Team
    (2001, "Pieter Vandamme", "Belgium", "Lotto-Vega"),
    (2002, "Marco Bellandi", "Italy", "Fassa-Rossi"),
    (2003, "Jens Hollmann", "Germany", "Telekon"),
    (2004, "Marco Bellandi", "Italy", "Fassa-Rossi"),
    (2005, "Tom Van Kerckhove", "Belgium", "Quick-Stride"),
    (2006, "Tom Van Kerckhove", "Belgium", "Quick-Stride"),
    (2007, "Tom Van Kerckhove", "Belgium", "Quick-Stride"),
    (2008, "Bart Claeys", "Belgium", "Lotto-Vega"),
    (2009, "Luca Ferraresi", "Italy", "Liquimar"),
    (2010, "Sven Ostergaard", "Denmark", "Saxo Nord"),
    (2011, "Julien Moreau", "France", "Cofidal"),
    (2012, "Julien Moreau", "France", "Cofidal"),
    (2013, "Kasper Lund", "Denmark", "Cofidal"),
    (2014, "Ruben Dijkstra", "Netherlands", "Rabo Polder"),
    (2015, "Davide Roscioli", "Italy", "Liquimar"),
    (2016, "Luca Ferraresi", "Italy", "Liquimar"),
    (2017, "Enrico Sala", "Italy", "Fassa-Rossi"),
    (2018, "Wout Peeters", "Belgium", "Lotto-Vega"),
    (2019, "Jasper Michiels", "Netherlands", "Rabo Polder"),
    (2020, "Kasper Lund", "Denmark", "Cofidal"),
]
winners = pd.DataFrame(_WINNERS, columns=["Year", "Winner", "Nationality", "Team"])

# --- births: a maternity ward's births over one day, in order of birth

_BIRTHS = [
    # No., Time, Sex, Weight (kg)
    (1, "00:17", "Boy", 3.62),
    (2, "01:05", "Girl", 2.95),
    (3, "02:48", "Girl", 2.88),
    (4, "03:30", "Boy", 3.41),
    (5, "04:12", "Girl", 3.12),
    (6, "05:55", "Girl", 2.79),
    (7, "07:20", "Girl", 3.05),
    (8, "08:03", "Girl", 3.27),
    (9, "09:41", "Boy", 3.71),
    (10, "10:26", "Boy", 3.88),
    (11, "11:58", "Boy", 3.56),
    (12, "13:14", "Girl", 3.20),
    (13, "14:02", "Boy", 3.94),
    (14, "15:37", "Girl", 2.71),
    (15, "16:45", "Girl", 3.33),
    (16, "18:09", "Boy", 3.02),
    (17, "19:22", "Girl", 3.58),
    (18, "20:50", "Boy", 4.05),
    (19, "22:16", "Boy", 3.47),
    (20, "23:31", "Girl", 2.98),
]
births = pd.DataFrame(_BIRTHS, columns=["No.", "Time", "Sex", "Weight (kg)"])

TABLES = {"results": results, "winners": winners, "births": births}

# --- expected answers, computed from the frames

_res = results["Result"]
_home = results["Venue"] == "Home"
_away = results["Venue"] == "Away"
_month = pd.to_datetime(results["Date"]).dt.month
_october = results[_month == 10]
_january = results[_month == 1]
_nat = winners["Nationality"]
_sex = births["Sex"]
_kg = births["Weight (kg)"]

STREAK_QUESTIONS: list[tuple[str, str, object]] = [
    # results: runs over all games in order
    ("results", "how many consecutive wins did the team have?", _longest_run(_res == "W")),
    ("results", "what was the longest winning streak?", _longest_run(_res == "W")),
    ("results", "how many games in a row did they lose at most?", _longest_run(_res == "L")),
    ("results", "what was their longest unbeaten run?", _longest_run(_res != "L")),
    ("results", "how many games in a row did they go without a win?", _longest_run(_res != "W")),
    ("results", "most draws in a row?", _longest_run(_res == "D")),
    # two conditions: a run broken by any row not meeting both
    ("results", "how many consecutive home games did they win?", _longest_run((_res == "W") & _home)),
    ("results", "how many away games in a row did they lose?", _longest_run((_res == "L") & _away)),
    # a period filters the rows first
    ("results", "what is the most consecutive wins in October?", _longest_run(_october["Result"] == "W")),
    ("results", "longest winning streak in january", _longest_run(_january["Result"] == "W")),
    # winners
    (
        "winners",
        "how many consecutive years did Tom Van Kerckhove win?",
        _longest_run(winners["Winner"] == "Tom Van Kerckhove"),
    ),
    ("winners", "how many times in a row did Marco Bellandi win?", _longest_run(winners["Winner"] == "Marco Bellandi")),
    ("winners", "how many consecutive titles did Belgian riders win?", _longest_run(_nat == "Belgium")),
    ("winners", "what is the longest run of wins by Italian riders?", _longest_run(_nat == "Italy")),
    ("winners", "how many years in a row did French riders win?", _longest_run(_nat == "France")),
    ("winners", "how many years in a row did Cofidal win the race?", _longest_run(winners["Team"] == "Cofidal")),
    ("winners", "what is the most consecutive wins by the same rider?", _longest_equal_run(winners["Winner"])),
    # births
    ("births", "how many consecutive girls were born?", _longest_run(_sex == "Girl")),
    ("births", "how many boys in a row were born?", _longest_run(_sex == "Boy")),
    ("births", "what is the longest run of babies weighing over 3.5 kg?", _longest_run(_kg > 3.5)),
    ("births", "how many girls in a row weighed under 3 kg?", _longest_run((_sex == "Girl") & (_kg < 3))),
    # controls: plain counts
    ("results", "how many games did they win?", int((_res == "W").sum())),
    ("results", "how many home games did they lose?", int(((_res == "L") & _home).sum())),
    ("winners", "how many times did Luca Ferraresi win?", int((winners["Winner"] == "Luca Ferraresi").sum())),
    ("births", "how many girls were born?", int((_sex == "Girl").sum())),
    # unanswerable: a column the table lacks
    ("results", "how many consecutive sellouts did they have?", None),
    ("winners", "how many consecutive editions were won by a rider under 25?", None),
    ("births", "how many consecutive babies were delivered by caesarean?", None),
]

"""Held-out questions on a football league: a final table and the season's 380 results, not sales data.

Written without reading the planner, its docs or the other question sets; every expected answer is computed
here with pandas from the frames below. The table is built from the results, so the two always agree.

First run: 14 right, 20 wrong, 18 declined of 52 (one of the wrong, 'total attendance in 2023 vs 2024', has
the right totals but labels the years '2023', not '2023-01-01').
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from tests.chat.expected import grouped

# team, manager, stadium, capacity: made up, every capacity different so 'the biggest' has one answer
CLUBS = [
    ("Ashford Rovers", "Martin Keel", "Mill Lane", 18250),
    ("Bramley Town", "Gary Osei", "The Brickfield", 21400),
    ("Castlebrook United", "Helen Varga", "Castle Meadow", 24775),
    ("Dunmore Athletic", "Paul Ridley", "Dunmore Park", 31200),
    ("Eastwick City", "Sofia Lindqvist", "Eastwick Stadium", 52300),
    ("Fenwick Albion", "Tom Achterberg", "The Goldstone", 30150),
    ("Glenhaven Wanderers", "Ian McCrae", "Glen Road", 40600),
    ("Harrowgate FC", "Dean Whitlock", "Harrow Fields", 27900),
    ("Ivybridge Rangers", "Luis Moreno", "Ivy Lane Arena", 61450),
    ("Kingsmere Town", "Chris Dunleavy", "Kings Park", 16800),
    ("Lindow Park", "Anna Kowalczyk", "Lindow Common", 25600),
    ("Marlow Forest", "Rob Hennessy", "The Forest Ground", 47850),
    ("Northcote United", "Sam Bright", "Northcote Road", 19900),
    ("Oakfield Villa", "Nina Petrova", "Oakfield Park", 38400),
    ("Pemberton County", "Joe Harker", "County Ground", 22650),
    ("Queensferry Harriers", "Callum Reid", "Ferry Park", 53900),
    ("Redcliffe Athletic", "Ola Sandberg", "Redcliffe Stadium", 33300),
    ("Stanmore Borough", "Mike Fenton", "Borough Park", 26150),
    ("Thornbury Rovers", "Kate Ellison", "Thornbury Lane", 20300),
    ("Westholme City", "Andre Duval", "Westholme Stadium", 58700),
]
TEAMS = [club[0] for club in CLUBS]
REFEREES = ["Alan Parkes", "Bea Collins", "Craig Hollis", "Darren Moss", "Emma Stroud", "Frank Tolley", "Gavin Price",
            "Hugh Beecham", "Imran Qadir", "Jon Askew", "Karen Doyle", "Lee Marsh", "Mark Ordway", "Neil Pryce",
            "Owen Lacey", "Phil Rowntree"]


def _fixtures() -> list[tuple[int, str, str]]:
    """(round, home, away): a double round robin by the circle method, the second half the first reversed."""
    teams = TEAMS.copy()
    rounds = []
    for r in range(len(teams) - 1):
        pairs = [(teams[i], teams[-1 - i]) for i in range(len(teams) // 2)]
        rounds.append([(a, b) if (r + i) % 2 == 0 else (b, a) for i, (a, b) in enumerate(pairs)])
        teams = [teams[0], teams[-1], *teams[1:-1]]
    second = [[(b, a) for a, b in games] for games in rounds]
    return [(r, home, away) for r, games in enumerate(rounds + second) for home, away in games]


def _round_days() -> list[dt.date]:
    """38 match days: the Saturdays from 12 Aug 2023 to 18 May 2024 less four international breaks, plus Boxing Day."""
    breaks = {dt.date(2023, 9, 9), dt.date(2023, 10, 14), dt.date(2023, 11, 18), dt.date(2024, 3, 23)}
    days = [dt.date(2023, 8, 12) + dt.timedelta(weeks=w) for w in range(41)]
    days = [d for d in days if d not in breaks] + [dt.date(2023, 12, 26)]
    return sorted(days)


def _matches() -> pd.DataFrame:
    rng = np.random.default_rng(2023)
    strength = dict(zip(TEAMS, rng.uniform(0.6, 1.6, len(TEAMS)), strict=True))
    capacity = {team: cap for team, _, _, cap in CLUBS}
    days = _round_days()
    rows = []
    for r, home, away in _fixtures():
        # weekend rounds spill into Sunday and Monday; Boxing Day is a Tuesday round with a few on Wednesday
        spread = [0, 1] if days[r].weekday() == 1 else [0, 1, 2]
        weights = [0.75, 0.25] if len(spread) == 2 else [0.6, 0.3, 0.1]
        day = days[r] + dt.timedelta(days=int(rng.choice(spread, p=weights)))
        home_goals = rng.poisson(1.45 * strength[home] / strength[away] ** 0.8)
        away_goals = rng.poisson(1.15 * strength[away] / strength[home] ** 0.8)
        full = min(1.0, rng.uniform(0.72, 0.97) + 0.05 * strength[away])
        rows.append({"Date": day, "Home Team": home, "Away Team": away, "Home Goals": int(home_goals),
                     "Away Goals": int(away_goals), "Attendance": int(capacity[home] * full) - int(rng.integers(0, 40)),
                     "Referee": REFEREES[int(rng.integers(0, len(REFEREES)))]})
    frame = pd.DataFrame(rows).sort_values(["Date", "Home Team"], ignore_index=True)
    frame["Date"] = pd.to_datetime(frame["Date"])
    return frame


def _league(results: pd.DataFrame) -> pd.DataFrame:
    """The final table from the results, in finishing order: points, then goal difference, goals for, name."""
    home = results.rename(columns={"Home Team": "Team", "Home Goals": "GF", "Away Goals": "GA"})
    away = results.rename(columns={"Away Team": "Team", "Away Goals": "GF", "Home Goals": "GA"})
    games = pd.concat([home[["Team", "GF", "GA"]], away[["Team", "GF", "GA"]]])
    games = games.assign(W=games.GF > games.GA, D=games.GF == games.GA, L=games.GF < games.GA)
    table = games.groupby("Team").agg(Played=("GF", "size"), Won=("W", "sum"), Drawn=("D", "sum"), Lost=("L", "sum"),
                                      GF=("GF", "sum"), GA=("GA", "sum")).reset_index()
    table = table.rename(columns={"GF": "Goals For", "GA": "Goals Against"})
    table["Goal Difference"] = table["Goals For"] - table["Goals Against"]
    table["Points"] = 3 * table["Won"] + table["Drawn"]
    table = table.sort_values(["Points", "Goal Difference", "Goals For", "Team"], ascending=[False, False, False, True],
                              ignore_index=True)
    clubs = pd.DataFrame(CLUBS, columns=["Team", "Manager", "Stadium", "Capacity"])
    table = table.merge(clubs, on="Team", how="left")
    table.insert(0, "Pos", range(1, len(table) + 1))
    return table


matches = _matches()
league = _league(matches)
assert (league["Won"] + league["Drawn"] + league["Lost"] == league["Played"]).all() and (league["Played"] == 38).all()
assert league["Goals For"].sum() == league["Goals Against"].sum() == (matches["Home Goals"] + matches["Away Goals"]).sum()

# --- helpers that refuse a tie, so no expected answer depends on how a tie is broken


def _row(frame: pd.DataFrame, by: str, largest: bool = True) -> pd.Series:
    """The one row holding the extreme of `by`."""
    extreme = frame[by].max() if largest else frame[by].min()
    rows = frame[frame[by] == extreme]
    assert len(rows) == 1, f"a tie on {by}"
    return rows.iloc[0]


def _top(series: pd.Series, n: int, ascending: bool = False) -> list[str]:
    """The labels of the first n of a measure, refusing a tie at the cut or inside it."""
    ordered = series.sort_values(ascending=ascending)
    assert ordered.iloc[: n + 1].is_unique, f"a tie in the top {n}"
    return [str(label) for label in ordered.index[:n]]


def _label_of_extreme(series: pd.Series, largest: bool = True) -> str:
    return _top(series, 1, ascending=not largest)[0]


def _team(name: str) -> pd.Series:
    return league.set_index("Team").loc[name]


def _position(pos: int) -> pd.Series:
    return league.iloc[pos - 1]


goals = matches["Home Goals"] + matches["Away Goals"]
home_win = matches["Home Goals"] > matches["Away Goals"]
away_win = matches["Home Goals"] < matches["Away Goals"]
month = matches["Date"].dt.to_period("M").dt.start_time.dt.date.astype(str)  # a month is named by its first day
weekday = matches["Date"].dt.day_name()
home_attendance = matches.groupby("Home Team")["Attendance"].mean()
refereed = matches.groupby("Referee").size()
by_position = league.set_index("Team")["Pos"]


def _after(team: str) -> str:
    return str(_position(int(by_position[team]) + 1)["Team"])


def _above(team: str) -> str:
    return str(_position(int(by_position[team]) - 1)["Team"])


def _over(series: pd.Series, threshold: float) -> list[str]:
    """Labels whose measure is over a threshold, largest first (ties by label), as grouped() orders them."""
    table = series[series > threshold].rename("m").reset_index()
    return [str(v) for v in table.sort_values(["m", table.columns[0]], ascending=[False, True]).iloc[:, 0]]


def _series(frame: pd.DataFrame, value: str | None, agg: str = "sum") -> dict:
    """A time series by month: {first day of the month: measure} in time order."""
    keyed = frame.assign(_month=frame["Date"].dt.to_period("M").dt.start_time.dt.date.astype(str))
    measure = keyed.groupby("_month").size() if value is None else keyed.groupby("_month")[value].agg(agg)
    return {str(k): float(v) for k, v in measure.sort_index().items()}


def _by_weekday(measure: pd.Series) -> dict:
    """{weekday: measure} Monday first: days of the week are read in calendar order, not ranked."""
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    return {day: float(measure[day]) for day in days if day in measure.index}


def _pct(part: float, whole: float) -> float:
    return float(100 * part / whole)  # shares are answered as percentages, 0 to 100


draw = matches["Home Goals"] == matches["Away Goals"]
year = matches["Date"].dt.year
first_marlow_home = matches[matches["Home Team"] == "Marlow Forest"].sort_values("Date")
assert first_marlow_home["Date"].iloc[0] < first_marlow_home["Date"].iloc[1]
by_month = matches["Date"].dt.to_period("M")
jan, feb = (matches.loc[by_month == pd.Period(m, "M"), "Attendance"].mean() for m in ("2024-01", "2024-02"))

LEAGUE_QUESTIONS: list[tuple[object, object]] = [
    # totals, averages and counts, with and without a filter
    ("how many matches ended in a draw", int(draw.sum())),
    ("average attendance at Ashford Rovers home games", float(home_attendance["Ashford Rovers"])),
    ("How many matches did Frank Tolley referee?", int(refereed["Frank Tolley"])),
    ("how many goals were scored in total?", int(goals.sum())),
    ("number of home wins", int(home_win.sum())),
    ("how many matches did each referee take charge of", grouped(matches, "Referee")),
    # a cell looked up by the team's name
    ("how many points did Oakfield Villa get", int(_team("Oakfield Villa")["Points"])),
    ("who manages Castlebrook United?", _team("Castlebrook United")["Manager"]),
    ("what is the capacity of Dunmore Athletic's stadium", int(_team("Dunmore Athletic")["Capacity"])),
    ("Eastwick City stadium", _team("Eastwick City")["Stadium"]),
    ("Where do Lindow Park play their home games?", _team("Lindow Park")["Stadium"]),
    # the row behind an extreme: the name, not the number
    ("which team scored the most goals", _row(league, "Goals For")["Team"]),
    ("who is the manager of the team with the fewest points", _row(league, "Points", largest=False)["Manager"]),
    ("Which stadium has the biggest capacity", _row(league, "Capacity")["Stadium"]),
    ("On what date was the highest attendance?", _row(matches, "Attendance")["Date"].date().isoformat()),
    ("Which referee took charge of the most matches?", _label_of_extreme(refereed)),
    # rankings: the names in rank order
    ("top 3 teams by goals for", _top(league.set_index("Team")["Goals For"], 3)),
    ("bottom 5 home teams by average attendance", _top(home_attendance, 5, ascending=True)),
    ("Top 5 stadiums by capacity", _top(league.set_index("Stadium")["Capacity"], 5)),
    # row order: the table is in finishing order
    ("which team finished first", _position(1)["Team"]),
    ("WHO FINISHED LAST?", _position(len(league))["Team"]),
    ("which team came after Harrowgate FC", _after("Harrowgate FC")),
    ("which team is directly above Kingsmere Town in the table", _above("Kingsmere Town")),
    ("the team in 5th place", _position(5)["Team"]),
    # differences (the first team named has the larger figure, so the sign is not in question)
    ("how many more points did Glenhaven Wanderers get than Lindow Park",
     int(_team("Glenhaven Wanderers")["Points"] - _team("Lindow Park")["Points"])),
    ("difference in goals scored between Marlow Forest and Oakfield Villa",
     int(_team("Marlow Forest")["Goals For"] - _team("Oakfield Villa")["Goals For"])),
    ("goal difference of the top team minus the bottom team",
     int(_position(1)["Goal Difference"] - _position(len(league))["Goal Difference"])),
    # yes or no
    ("did Redcliffe Athletic score more goals than Harrowgate FC",
     bool(_team("Redcliffe Athletic")["Goals For"] > _team("Harrowgate FC")["Goals For"])),
    ("is the highest capacity over 60000", bool(league["Capacity"].max() > 60000)),
    ("Were there more home wins than away wins?", bool(home_win.sum() > away_win.sum())),
    # conditions on rows and on groups
    ("how many teams won more than 20 games", int((league["Won"] > 20).sum())),
    ("which referees took charge of more than 28 matches", _over(refereed, 28)),  # most matches first, ties by name
    ("how many teams averaged a home attendance above 40000?", int((home_attendance > 40000).sum())),
    # calendar parts: a month is named by its first day, a weekday by its English name; by-weekday answers Monday first
    ("which month had the most goals", _label_of_extreme(goals.groupby(month).sum())),
    ("which weekday has the highest average attendance", _label_of_extreme(matches.groupby(weekday)["Attendance"].mean())),
    ("how many matches were played on a Sunday", int((weekday == "Sunday").sum())),
    ("Average attendance by day of week", _by_weekday(matches.groupby(weekday)["Attendance"].mean())),
    # period comparisons: two years as a time series by each year's first day
    ("total attendance in 2023 vs 2024", {f"{y}-01-01": int(v) for y, v in matches.groupby(year)["Attendance"].sum().items()}),
    ("did average attendance go up from January to February 2024?", bool(feb > jan)),
    # shares, as percentages
    ("what share of points did the top 4 teams get", _pct(league["Points"].head(4).sum(), league["Points"].sum())),
    ("% of matches won by the home team", _pct(home_win.sum(), len(matches))),
    # a list of values, alphabetical
    ("list the referees", sorted(matches["Referee"].unique().tolist())),
    # derived measures and ratios
    ("goals per game for Eastwick City", float(_team("Eastwick City")["Goals For"] / _team("Eastwick City")["Played"])),
    ("Average goals per match", float(goals.mean())),
    ("points per game for the champions", float(_position(1)["Points"] / _position(1)["Played"])),
    # first, last, earliest
    ("when was the first match of the season", matches["Date"].min().date().isoformat()),
    ("Who did Marlow Forest play in their first home game?", first_marlow_home["Away Team"].iloc[0]),
    # a time series: {first day of the month: total} in time order
    ("Total attendance by month", _series(matches, "Attendance")),
    # nothing in the tables answers these: an honest engine declines
    ("how many yellow cards were shown", None),
    ("revenue by team", None),
    ("points for Narnia FC", None),
    ("average ticket price", None),
]

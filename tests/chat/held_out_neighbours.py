"""Held-out questions about neighbours: the row next to another one, in a table whose row order means something.

Written by a helper who had not read the engine's code, docs or tests (only the file format of
tests/chat/held_out_spans.py was copied). First run on main before the neighbour rules it led to
(282ff49): 34 right, 2 wrong, 20 declined.

Five tables (cells written as Wikipedia / WikiTableQuestions tables write them):
  * ``commissioners`` -- No., Name, Took office, Left office, Party. 14 rows in order of office.
    Dates are text ("March 4, 1921"); the current holder's Left office is "Incumbent". One man,
    Edgar M. Foss, served two separate terms (No. 2 and No. 5), so his name is in two rows.
  * ``draft``   -- one first round of an NFL draft: Pick, Player, Position, College, Team. 16 rows
    by pick. Two players came from Alabama; every other College and every Team appears once.
  * ``race``    -- a Grand Prix result: Pos, No., Driver, Team, Laps, Time/Retired, Grid. 14 rows in
    finishing order (Pos 1..12, then two "Ret"). Grid is the starting position, a different order
    (a permutation of 1..14). Each team ran two cars.
  * ``albums``  -- a band's discography: Year, Album, Label, Peak position. 12 rows by year;
    two albums came out in 2004; "—" = did not chart.
  * ``ranking`` -- a slice of a country index: Rank, Country, Score. 15 rows, ranks 28..42, with
    Ghana and Latvia tied at 35 (so there is no rank 36).

Question groups (56): commissioners 13, draft 11, race 12, albums 11, ranking 9;
41 answerable and 15 traps (expected None).

Conventions (decided before computing any answer):
  * The table's row order is the order of the thing listed (office, pick, finish, release, rank).
    "after / next / below / succeeded / followed / took over from / came after / listed after /
    picked after / finished behind" = the next row down. "before / previous / above / preceded /
    ahead of / placed immediately above" = the row above.
  * "ranked next" after a country (or after a rank number) = the next row down, even inside a
    tie: "ghana is ranked 35, what country is ranked next?" is Latvia (also 35), the row below.
    "the country listed right after the two countries tied for 35th" is the row below the tie.
  * "N places / picks behind X" = N rows down.
  * "first" / "last" = the first / last row. "the winner" is the first row of the race.
  * When a question names an explicit column order -- "on the grid", "by grid position" together
    with a start word ("started directly behind X on the grid", "by grid position, who was ahead
    of X") -- the neighbour is in that column's order (Grid value + 1 / - 1), not the table's.
  * "who is below X in the grid?" is declined (None). "below" is a word about table rows, and
    "the grid" is also the name of a column, so the question reads equally well as "the row
    under X" (the Grid column of that row being what one looks at) and as "the car that started
    one slot behind X". The data make the two readings name different drivers (asserted).
  * "which player previously played for <college>?" follows the reading the WikiTableQuestions
    annotators gave such questions: the player picked just before the player from <college>
    (the row above). The plain reading -- the player whose College is <college> -- names a
    different player here (asserted), so an engine that takes the plain reading fails it.
  * A question may ask another column of the neighbour ("which party did the commissioner after
    X belong to?", "in what year was the album after X released?"): the expected answer is that
    cell of the neighbouring row.
  * Names are matched case-insensitively; a sloppy prefix that starts exactly one name
    ("what come after rex f.") names that row. An answer is the cell as written: a name or text
    cell is a str, a number is an int (Year, Laps, Peak position) or a float (Score).
  * One question, one cell. A question asking for two cells at once -- both neighbours
    ("just in front of and just behind X") or two columns of one neighbour ("which player and
    team is next after pick 9", like "which date and opponent is next after june 12, 1989") --
    is declined (None), even though each half could be answered.
  * None (decline) also when: the name is not in the table; the key names two rows (a person
    with two terms, a college or year shared by two rows) whose neighbours differ; the neighbour
    would fall past the first or last row; or the order asked for is one the table does not have
    ("the next oldest commissioner" -- no birth dates; "the next longest album" -- no lengths).

Every expected answer is computed with pandas from the frames below through the row index (no
value is hand-written); each trap is backed by an assert that shows why it cannot be answered.
"""
from __future__ import annotations

import datetime as dt
import io as _io

import pandas as pd

# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------

commissioners = pd.DataFrame(
    [
        (1, "Harlan J. Whitcomb", "March 4, 1921", "June 30, 1927", "Republican"),
        (2, "Edgar M. Foss", "July 1, 1927", "January 15, 1933", "Republican"),
        (3, "Loretta Quinn", "January 16, 1933", "May 2, 1940", "Democratic"),
        (4, "Amos R. Delacroix", "May 3, 1940", "December 31, 1944", "Democratic"),
        (5, "Edgar M. Foss", "January 1, 1945", "August 9, 1949", "Republican"),
        (6, "Theodore Vance", "August 10, 1949", "February 28, 1955", "Democratic"),
        (7, "Miriam Albrecht", "March 1, 1955", "November 30, 1961", "Republican"),
        (8, "Rex F. Hollings", "December 1, 1961", "June 14, 1966", "Democratic"),
        (9, "Cornelius Bragg", "June 15, 1966", "January 20, 1973", "Republican"),
        (10, "Dolores Whitfield", "January 21, 1973", "September 5, 1979", "Democratic"),
        (11, "Stanley Okamura", "September 6, 1979", "March 31, 1988", "Independent"),
        (12, "Patrice Lemaire", "April 1, 1988", "December 31, 1996", "Republican"),
        (13, "Gordon T. Ashby", "January 1, 1997", "July 15, 2009", "Democratic"),
        (14, "Nadia Ferreira", "July 16, 2009", "Incumbent", "Nonpartisan"),
    ],
    columns=["No.", "Name", "Took office", "Left office", "Party"],
)

draft = pd.DataFrame(
    [
        (1, "Tavon Whitaker", "Quarterback", "Oklahoma", "Arizona Cardinals"),
        (2, "Desmond Achebe", "Defensive end", "Ohio State", "San Francisco 49ers"),
        (3, "Quinton Ray", "Defensive tackle", "Alabama", "New York Jets"),
        (4, "Calvin Moody", "Linebacker", "Kentucky", "Oakland Raiders"),
        (5, "Brandon Li", "Linebacker", "LSU", "Tampa Bay Buccaneers"),
        (6, "Jared Polk", "Quarterback", "Duke", "New York Giants"),
        (7, "Ezekiel Hart", "Defensive end", "Houston", "Jacksonville Jaguars"),
        (8, "Trevor Sandoval", "Tight end", "Iowa", "Detroit Lions"),
        (9, "Malik Osei", "Offensive tackle", "Florida", "Buffalo Bills"),
        (10, "Dwayne Kessler", "Linebacker", "Michigan", "Pittsburgh Steelers"),
        (11, "Rashad Whitley", "Defensive tackle", "Alabama", "Cincinnati Bengals"),
        (12, "Logan Perriman", "Offensive tackle", "Mississippi State", "Green Bay Packers"),
        (13, "Omar Fenwick", "Wide receiver", "Clemson", "Miami Dolphins"),
        (14, "Elijah Stroud", "Cornerback", "Georgia", "Atlanta Falcons"),
        (15, "Grady Nwosu", "Safety", "Texas A&M", "Washington Redskins"),
        (16, "Corey Ballard", "Offensive guard", "Boston College", "Carolina Panthers"),
    ],
    columns=["Pick", "Player", "Position", "College", "Team"],
)

race = pd.DataFrame(
    [
        (1, 5, "Sebastian Krauss", "Red Falcon Racing", 58, "1:31:44.742", 3),
        (2, 1, "Lewis Marchetti", "Silver Arrow GP", 58, "+2.914", 1),
        (3, 16, "Carlos Ibáñez", "Scuderia Rossa", 58, "+9.385", 2),
        (4, 44, "Jenson Hale", "Silver Arrow GP", 58, "+17.102", 6),
        (5, 8, "Mika Lindqvist", "Red Falcon Racing", 58, "+31.660", 4),
        (6, 22, "Daniel Okoro", "Blue Comet", 58, "+48.017", 9),
        (7, 3, "Pierre Gasquet", "Scuderia Rossa", 58, "+55.871", 5),
        (8, 27, "Kevin Sørlie", "Blue Comet", 57, "+1 Lap", 11),
        (9, 11, "Romain Duval", "Thunder Motorsport", 57, "+1 Lap", 8),
        (10, 31, "Esteban Cruz", "Thunder Motorsport", 57, "+1 Lap", 12),
        (11, 18, "Yuki Tanabe", "Green Arrow", 56, "+2 Laps", 14),
        (12, 7, "Valtteri Mäkelä", "Green Arrow", 56, "+2 Laps", 13),
        ("Ret", 20, "Nico Hartmann", "Orion F1", 31, "Gearbox", 7),
        ("Ret", 9, "Felipe Arruda", "Orion F1", 12, "Collision", 10),
    ],
    columns=["Pos", "No.", "Driver", "Team", "Laps", "Time/Retired", "Grid"],
)

albums = pd.DataFrame(
    [
        (1991, "Quiet Harbour", "Sub Pop", "—"),
        (1993, "Glass Orchard", "Sub Pop", 38),
        (1995, "Saltwater Hymns", "Elektra", 12),
        (1998, "The Lantern Years", "Elektra", 4),
        (2000, "Northbound", "Elektra", 7),
        (2002, "Paper Moons", "Elektra", 15),
        (2004, "Static Bloom", "Warner Bros.", 9),
        (2004, "Live at the Roundhouse", "Warner Bros.", 27),
        (2007, "Ember & Ash", "Warner Bros.", 11),
        (2010, "Distant Signals", "Nonesuch", 21),
        (2013, "Low Tide", "Nonesuch", 33),
        (2017, "Hollow Crown", "Nonesuch", 18),
    ],
    columns=["Year", "Album", "Label", "Peak position"],
)

ranking = pd.DataFrame(
    [
        (28, "Chile", 74.2),
        (29, "Poland", 73.8),
        (30, "United States", 73.1),
        (31, "Botswana", 72.6),
        (32, "Gabon", 71.9),
        (33, "Uruguay", 71.5),
        (34, "Malaysia", 70.8),
        (35, "Ghana", 70.2),
        (35, "Latvia", 70.2),
        (37, "Mongolia", 69.7),
        (38, "Senegal", 69.1),
        (39, "Vietnam", 68.4),
        (40, "Namibia", 67.9),
        (41, "Peru", 67.3),
        (42, "Tunisia", 66.8),
    ],
    columns=["Rank", "Country", "Score"],
)

TABLES: dict[str, pd.DataFrame] = {
    "commissioners": commissioners,
    "draft": draft,
    "race": race,
    "albums": albums,
    "ranking": ranking,
}

# --------------------------------------------------------------------------------------
# Helpers (each asserts the rows it uses are the ones intended)
# --------------------------------------------------------------------------------------


def _py(v):
    if isinstance(v, bool):
        return v
    if hasattr(v, "item"):
        v = v.item()
    return v


def _matches(df: pd.DataFrame, col: str, value) -> pd.Series:
    if isinstance(value, str):
        return df[col].astype(str).str.casefold() == value.casefold()
    return df[col] == value


def ix(df: pd.DataFrame, col: str, value) -> int:
    """Row position of the one row whose `col` is `value` (case-insensitive for text)."""
    assert isinstance(df.index, pd.RangeIndex) and df.index.start == 0 and df.index.step == 1
    m = _matches(df, col, value)
    assert int(m.sum()) == 1, (col, value, int(m.sum()))
    return int(df.index[m][0])


def ix_prefix(df: pd.DataFrame, col: str, prefix: str) -> int:
    """Row position of the one row whose `col` starts with a sloppy `prefix` ("rex f.")."""
    m = df[col].astype(str).str.casefold().str.startswith(prefix.casefold())
    assert int(m.sum()) == 1, (col, prefix, int(m.sum()))
    return int(df.index[m][0])


def cell(df: pd.DataFrame, i: int, col: str):
    assert 0 <= i < len(df), (i, len(df))
    return _py(df.loc[i, col])


def nb(df: pd.DataFrame, key_col: str, key, step: int, out_col: str | None = None):
    """The `out_col` cell `step` rows below (step > 0) or above (step < 0) the row keyed by key."""
    return cell(df, ix(df, key_col, key) + step, out_col or key_col)


def first(df: pd.DataFrame, col: str):
    return cell(df, 0, col)


def last(df: pd.DataFrame, col: str):
    return cell(df, len(df) - 1, col)


def grid_nb(driver: str, step: int) -> str:
    """The driver whose Grid slot is `step` from `driver`'s (the explicit Grid order)."""
    g = int(race.loc[ix(race, "Driver", driver), "Grid"])
    out = cell(race, ix(race, "Grid", g + step), "Driver")
    # the test only means something if the table order gives a different driver
    assert out != nb(race, "Driver", driver, 1 if step > 0 else -1), (driver, out)
    return out


# ---- traps: each returns None after asserting why the question cannot be answered ----


def twice(df: pd.DataFrame, col: str, key, step: int, out_col: str) -> None:
    """The key names two rows whose neighbours differ."""
    m = _matches(df, col, key)
    rows = list(df.index[m])
    assert len(rows) == 2, (col, key, rows)
    outs = {_py(df.loc[r + step, out_col]) for r in rows if 0 <= r + step < len(df)}
    assert len(outs) == 2, (col, key, outs)
    return None


def off_end(df: pd.DataFrame, col: str, key, step: int) -> None:
    """The row exists but has no neighbour in that direction (first / last row)."""
    i = ix(df, col, key)
    assert not 0 <= i + step < len(df), (key, i, step)
    return None


def absent(df: pd.DataFrame, *parts: str) -> None:
    """No cell in the table contains any of the parts."""
    for p in parts:
        for c in df.columns:
            assert not df[c].astype(str).str.contains(p, case=False, regex=False).any(), (p, c)
    return None


def lacks(df: pd.DataFrame, key_col: str, key, *words: str) -> None:
    """The row exists, but no column gives the order asked for."""
    ix(df, key_col, key)
    for w in words:
        assert not any(w.lower() in str(c).lower() for c in df.columns), (w, list(df.columns))
    return None


def two_cells(*halves) -> None:
    """Two cells asked at once: each half is answerable on its own, the question as a whole is not."""
    assert len(halves) == 2 and all(h is not None for h in halves), halves
    assert halves[0] != halves[1], halves
    return None


def grid_below_ambiguous(driver: str) -> None:
    """'below X in the grid': the row below X and the car one grid slot behind X differ."""
    row_below = nb(race, "Driver", driver, 1)
    g = int(race.loc[ix(race, "Driver", driver), "Grid"])
    slot_behind = cell(race, ix(race, "Grid", g + 1), "Driver")
    assert row_below != slot_behind, (row_below, slot_behind)
    return None


# --------------------------------------------------------------------------------------
# Sanity of the tables (the row order means what the docstring says)
# --------------------------------------------------------------------------------------

assert list(commissioners["No."]) == list(range(1, len(commissioners) + 1))
assert int((commissioners["Name"] == "Edgar M. Foss").sum()) == 2
assert commissioners["Name"].drop_duplicates().size == len(commissioners) - 1
_took = pd.to_datetime(commissioners["Took office"], format="%B %d, %Y")
assert _took.is_monotonic_increasing
assert list(commissioners["Left office"]).count("Incumbent") == 1
assert commissioners["Left office"].iloc[-1] == "Incumbent"

assert list(draft["Pick"]) == list(range(1, len(draft) + 1))
assert draft["Player"].is_unique and draft["Team"].is_unique
assert draft["College"].value_counts().to_dict()["Alabama"] == 2
assert draft["College"].value_counts().max() == 2 and (draft["College"].value_counts() == 2).sum() == 1

assert race["Driver"].is_unique and race["No."].is_unique
assert sorted(race["Grid"]) == list(range(1, len(race) + 1))
assert list(race["Pos"][:12]) == list(range(1, 13)) and list(race["Pos"][12:]) == ["Ret", "Ret"]
assert race["Laps"].is_monotonic_decreasing  # finishing order
assert (race["Team"].value_counts() == 2).all()
assert list(race["Grid"]) != sorted(race["Grid"])  # Grid is a different order

assert albums["Album"].is_unique and albums["Year"].is_monotonic_increasing
assert albums["Year"].value_counts().max() == 2 and int((albums["Year"] == 2004).sum()) == 2

assert ranking["Country"].is_unique and ranking["Rank"].is_monotonic_increasing
assert ranking["Score"].is_monotonic_decreasing
assert ranking["Rank"].value_counts().to_dict()[35] == 2 and 36 not in set(ranking["Rank"])

# the sloppy prefix names one row only
assert ix_prefix(commissioners, "Name", "rex f.") == ix(commissioners, "Name", "Rex F. Hollings")

# --------------------------------------------------------------------------------------
# Question-specific checks
# --------------------------------------------------------------------------------------

# "gabon is ranked 32" / "ghana is ranked 35" / "X was released in 1998": the stated facts are true
assert cell(ranking, ix(ranking, "Country", "Gabon"), "Rank") == 32
assert cell(ranking, ix(ranking, "Country", "Ghana"), "Rank") == 35
assert cell(albums, ix(albums, "Album", "The Lantern Years"), "Year") == 1998
# "ranked next" after Ghana is the tied row (same rank), by the convention
assert nb(ranking, "Country", "Ghana", 1, "Rank") == 35
# the row right after the tie block
_tie_rows = list(ranking.index[ranking["Rank"] == 35])
assert _tie_rows == list(range(_tie_rows[0], _tie_rows[-1] + 1)) and len(_tie_rows) == 2
# "previously played for iowa": the row-above reading and the plain reading differ
assert nb(draft, "College", "Iowa", -1, "Player") != cell(draft, ix(draft, "College", "Iowa"), "Player")
# "pick 9": that row exists and has a next row
assert 0 <= ix(draft, "Pick", 9) + 1 < len(draft)
# Edgar M. Foss: the neighbour of a unique name may be one of his two rows -- it is the right one
assert nb(commissioners, "Name", "Amos R. Delacroix", 1, "No.") == 5
assert nb(commissioners, "Name", "Loretta Quinn", -1, "No.") == 2

# --------------------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------------------

NEIGHBOUR_QUESTIONS: list[tuple[str, str, object]] = [
    # ================= commissioners (9 answerable, 4 traps) =================
    ("commissioners", "who became commissioner after theodore vance?",
     nb(commissioners, "Name", "Theodore Vance", 1)),
    # the successor is Edgar M. Foss's second term (No. 5)
    ("commissioners", "Who succeeded Amos R. Delacroix as commissioner?",
     nb(commissioners, "Name", "Amos R. Delacroix", 1)),
    # ... and the predecessor is his first term (No. 2)
    ("commissioners", "who held the post before Loretta Quinn?",
     nb(commissioners, "Name", "Loretta Quinn", -1)),
    ("commissioners", "who took over from cornelius bragg?",
     nb(commissioners, "Name", "Cornelius Bragg", 1)),
    # sloppy: a prefix of one name, no question word
    ("commissioners", "what come after rex f.",
     cell(commissioners, ix_prefix(commissioners, "Name", "rex f.") + 1, "Name")),
    # neighbour of the last row
    ("commissioners", "who preceded nadia ferreira?",
     nb(commissioners, "Name", "Nadia Ferreira", -1)),
    ("commissioners", "who was the first commissioner?",
     first(commissioners, "Name")),
    # another column of the neighbouring row
    ("commissioners", "which party did the commissioner after stanley okamura belong to?",
     nb(commissioners, "Name", "Stanley Okamura", 1, "Party")),
    # the loader reads 'December 1, 1961' as a date, so the answer is that date (changed from the cell's text after
    # the first run, where this question was declined)
    ("commissioners", "When did the person who succeeded Miriam Albrecht take office?",
     pd.to_datetime(nb(commissioners, "Name", "Miriam Albrecht", 1, "Took office"), format="%B %d, %Y").date()),
    # TRAP: two terms, two different successors (Loretta Quinn, Theodore Vance)
    ("commissioners", "who succeeded edgar m. foss?",
     twice(commissioners, "Name", "Edgar M. Foss", 1, "Name")),
    # TRAP: the incumbent is the last row
    ("commissioners", "Who succeeded Nadia Ferreira?",
     off_end(commissioners, "Name", "Nadia Ferreira", 1)),
    # TRAP: the first row has no predecessor
    ("commissioners", "who was commissioner before harlan j. whitcomb",
     off_end(commissioners, "Name", "Harlan J. Whitcomb", -1)),
    # TRAP: an order the table does not have (no ages or birth dates)
    ("commissioners", "who is the next oldest commissioner after theodore vance?",
     lacks(commissioners, "Name", "Theodore Vance", "born", "birth", "age", "dob")),

    # ================= draft (8 answerable, 3 traps) =================
    ("draft", "which player was picked after Brandon Li?",
     nb(draft, "Player", "Brandon Li", 1)),
    # no question word
    ("draft", "picked after malik osei?",
     nb(draft, "Player", "Malik Osei", 1)),
    ("draft", "who was drafted right before Omar Fenwick?",
     nb(draft, "Player", "Omar Fenwick", -1)),
    # WTQ reading: the pick before the player from Iowa (see docstring)
    ("draft", "which player previously played for iowa?",
     nb(draft, "College", "Iowa", -1, "Player")),
    ("draft", "which team picked after the new york giants?",
     nb(draft, "Team", "New York Giants", 1)),
    ("draft", "what position did the player drafted right after dwayne kessler play?",
     nb(draft, "Player", "Dwayne Kessler", 1, "Position")),
    # two rows down
    ("draft", "who was taken two picks after Quinton Ray?",
     nb(draft, "Player", "Quinton Ray", 2)),
    ("draft", "who was the last pick of the round?",
     last(draft, "Player")),
    # TRAP: two players from Alabama, two different next picks
    ("draft", "who was picked after the player from alabama?",
     twice(draft, "College", "Alabama", 1, "Player")),
    # TRAP: not in the table
    ("draft", "who was drafted after Kendrick Moss?",
     absent(draft, "Kendrick", "Moss")),
    # TRAP: two columns of one neighbour asked at once
    ("draft", "which player and team is next after pick 9",
     two_cells(nb(draft, "Pick", 9, 1, "Player"), nb(draft, "Pick", 9, 1, "Team"))),

    # ================= race (9 answerable, 3 traps) =================
    ("race", "who finished after mika lindqvist?",
     nb(race, "Driver", "Mika Lindqvist", 1)),
    ("race", "Who placed immediately above Romain Duval?",
     nb(race, "Driver", "Romain Duval", -1)),
    ("race", "who finished two places behind lewis marchetti?",
     nb(race, "Driver", "Lewis Marchetti", 2)),
    # neighbour of the first row, another column
    ("race", "which team did the driver who finished right behind the winner drive for?",
     cell(race, 1, "Team")),
    ("race", "who finished just ahead of Nico Hartmann?",
     nb(race, "Driver", "Nico Hartmann", -1)),
    ("race", "how many laps did the driver after esteban cruz complete?",
     nb(race, "Driver", "Esteban Cruz", 1, "Laps")),
    # explicit Grid order (the table's next row would be Lewis Marchetti)
    ("race", "who started directly behind Sebastian Krauss on the grid?",
     grid_nb("Sebastian Krauss", 1)),
    # explicit Grid order (the table's row above would be Carlos Ibáñez)
    ("race", "by grid position, who was ahead of jenson hale?",
     grid_nb("Jenson Hale", -1)),
    ("race", "who is listed last in the results?",
     last(race, "Driver")),
    # TRAP: the last row
    ("race", "who finished after felipe arruda?",
     off_end(race, "Driver", "Felipe Arruda", 1)),
    # TRAP: "below X in the grid" -- row below (Pierre Gasquet) vs one slot behind (Felipe Arruda)
    ("race", "who is below daniel okoro in the grid?",
     grid_below_ambiguous("Daniel Okoro")),
    # TRAP: both neighbours asked at once
    ("race", "who finished just in front of and just behind yuki tanabe?",
     two_cells(nb(race, "Driver", "Yuki Tanabe", -1), nb(race, "Driver", "Yuki Tanabe", 1))),

    # ================= albums (8 answerable, 3 traps) =================
    # two sentences
    ("albums", "The Lantern Years was released in 1998. what album came after it?",
     nb(albums, "Album", "The Lantern Years", 1)),
    ("albums", "what was the previous album before distant signals?",
     nb(albums, "Album", "Distant Signals", -1)),
    ("albums", "what was their first album?",
     first(albums, "Album")),
    # neighbour of the first row
    ("albums", "what was the next album after the first one?",
     cell(albums, 1, "Album")),
    ("albums", "what label released the album after paper moons?",
     nb(albums, "Album", "Paper Moons", 1, "Label")),
    ("albums", "in what year was the album after Ember & Ash released?",
     nb(albums, "Album", "Ember & Ash", 1, "Year")),
    ("albums", "what was the peak position of the album before northbound?",
     nb(albums, "Album", "Northbound", -1, "Peak position")),
    ("albums", "what comes after low tide",
     nb(albums, "Album", "Low Tide", 1)),
    # TRAP: two albums in 2004, two different next albums
    ("albums", "what album came after the 2004 album?",
     twice(albums, "Year", 2004, 1, "Album")),
    # TRAP: an order the table does not have (no running times)
    ("albums", "what was the next longest album after northbound?",
     lacks(albums, "Album", "Northbound", "length", "time", "duration", "minutes")),
    # TRAP: not in the table
    ("albums", "what album came before Blue Meridian?",
     absent(albums, "Blue Meridian", "Meridian")),

    # ================= ranking (7 answerable, 2 traps) =================
    ("ranking", "which country finished below the united states?",
     nb(ranking, "Country", "United States", 1)),
    # two sentences, a rank number
    ("ranking", "gabon is ranked 32, what country is ranked next?",
     nb(ranking, "Country", "Gabon", 1)),
    ("ranking", "what country is ranked right above vietnam?",
     nb(ranking, "Country", "Vietnam", -1)),
    # the row below the tie block
    ("ranking", "which country is listed right after the two countries tied for 35th?",
     cell(ranking, _tie_rows[-1] + 1, "Country")),
    # inside the tie: the next row down is the other country ranked 35
    ("ranking", "ghana is ranked 35, what country is ranked next?",
     nb(ranking, "Country", "Ghana", 1)),
    ("ranking", "what is the score of the country ranked right after namibia?",
     nb(ranking, "Country", "Namibia", 1, "Score")),
    ("ranking", "What country is ranked two places behind Chile?",
     nb(ranking, "Country", "Chile", 2)),
    # TRAP: the last row
    ("ranking", "which country is ranked after tunisia?",
     off_end(ranking, "Country", "Tunisia", 1)),
    # TRAP: not in the table
    ("ranking", "which country is ranked below france?",
     absent(ranking, "France")),
]

ANSWERABLE_COUNT = 41
TRAP_COUNT = 15
assert len(NEIGHBOUR_QUESTIONS) == ANSWERABLE_COUNT + TRAP_COUNT, len(NEIGHBOUR_QUESTIONS)
assert sum(a is None for _t, _q, a in NEIGHBOUR_QUESTIONS) == TRAP_COUNT
assert len({q.lower() for _t, q, _a in NEIGHBOUR_QUESTIONS}) == len(NEIGHBOUR_QUESTIONS)

for _t, _q, _a in NEIGHBOUR_QUESTIONS:
    assert _t in TABLES and TABLES[_t] is globals()[_t], _t
    assert _a is None or isinstance(_a, (int, float, str, dt.date)), (_q, type(_a))
    assert not isinstance(_a, bool) and not hasattr(_a, "dtype"), (_q, type(_a))
    if isinstance(_a, str):  # a cell as written, present in the table
        assert (TABLES[_t].astype(str) == _a).any().any(), (_q, _a)

# answerable questions name different answers, except Edgar M. Foss (his two terms, on purpose)
_answers = [a for _t, _q, a in NEIGHBOUR_QUESTIONS if a is not None]
_dups = {repr(a) for a in _answers if _answers.count(a) > 1}
assert _dups == {repr("Edgar M. Foss")}, _dups
# no answerable question's answer is the row the question names (a lookup of X itself fails)
for _t, _q, _a in NEIGHBOUR_QUESTIONS:
    if isinstance(_a, str):
        assert _a.casefold() not in _q.casefold(), (_q, _a)

# every table survives a CSV round trip with its cells as written
for _name, _df in TABLES.items():
    _buf = _io.StringIO()
    _df.to_csv(_buf, index=False)
    _back = pd.read_csv(_io.StringIO(_buf.getvalue()), dtype=str, keep_default_na=False)
    assert list(_back.columns) == list(_df.columns), _name
    assert (_back.values == _df.astype(str).values).all(), _name

if __name__ == "__main__":
    print(len(NEIGHBOUR_QUESTIONS), "questions:", ANSWERABLE_COUNT, "answerable,", TRAP_COUNT, "traps")
    for _t, _q, _a in NEIGHBOUR_QUESTIONS:
        print(f"{_t:13} | {_q:85} | {_a!r}")

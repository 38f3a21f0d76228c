"""Held-out questions about finishing places written as text ordinals in an athlete's or driver's
career table, as Wikipedia writes them: a Position / Finish / Place column with cells "1st", "2nd",
"3rd", "7th", "15th (sf)", "19th (h)", and cells that hold no place at all ("DNF", "DNS", "DSQ",
"DNQ", "—"), and a Start column written the same way ("21st"). The analyst asks for counts in the
top N, the best or worst place (answered as the table writes it), a place at one competition,
which competitions/years/events were won, and which of two years went better.

Written by a helper who had not read the engine's code, docs or tests. First run at fc658ef, before anything
was taught from this file: 13 right, 0 wrong, 32 declined.

Four tables (cells written as Wikipedia exports write them; every cell is text except the int
Year / Season columns of ``indy500`` and ``skier``):
  * ``sprinter`` -- a 400 m runner's competition record: Year, Competition, Venue, Position,
    Event, Notes (times, "—" when none). Merged cells: an empty Year continues the row above, so
    the 4×400 m relay rows belong to 2002 (World Junior Championships), 2005 and 2007 (World
    Championships) and 2008 (Olympic Games). Position has "(sf)" (out in the semi-final) and
    "(h)" (out in the heats) notes, one "DNF" (2005 relay) and one "DNS" (2010).
  * ``indy500``  -- an Indianapolis 500 driver's results: Year (int), Chassis, Engine, Start,
    Finish, Team. Start and Finish are both ordinals. 2007: did not qualify (Start "—", Finish
    "DNQ"); 2013: qualified 20th and did not start the race (Finish "DNS").
  * ``skier``    -- an alpine skier's World Cup race results: Season (int, the year the season
    ends: 2014 is 2013–14), Date ("7 Dec 2013"), Location, Discipline (Downhill / Super-G /
    Giant slalom / Combined), Place (ordinals, one "DNF", one "DSQ", one "DNS").
  * ``swimmer``  -- a freestyle swimmer's results: Year, Meet, Venue, Event, Place ("14th (sf)",
    "19th (h)", "DSQ", "DNS"). Merged cells: an empty Year continues the row above (2009, 2010,
    2011, 2012, 2013, 2014 and 2016 each have more than one event; the blank rows belong to the
    year written above them).

Question groups (45): sprinter 8 + 3 traps, indy500 10 + 4 traps, skier 7 + 3 traps, swimmer
7 + 3 traps -> 32 answerable, 13 traps (all expected None).

Conventions (decided before computing, written here so the answers can be checked):
  * A place is the number of its ordinal: "1st" is 1, "15th (sf)" is 15. A note in brackets
    ("(sf)", "(h)", "(q)") does not change the place. "DNF", "DNS", "DSQ", "DNQ" and "—" have no
    place: they are never in a top N, never the best and never the worst.
  * "top N" / "top-N finish" / "placed in the top N" means places 1..N. "Podium" and "medal"
    mean the top 3. "Win" / "won" means 1st.
  * A better / higher place is a smaller number; "best" is the smallest place, "worst" the
    largest. A best/worst place is answered as the table writes it ("2nd", "11th (sf)").
  * "fail to finish" counts "DNF" cells; "disqualified" counts "DSQ"; "fail to qualify" counts
    "DNQ"; "knocked out in the heats" counts places noted "(h)" (not "(sf)").
  * In ``indy500`` "finish" reads Finish and "start" / "grid" / "pole" reads Start ("pole" is a
    Start of "1st"); "finished better than he started" compares the two places in one row and
    skips rows where either has no place.
  * A merged (empty) Year is the year of the row above it.
  * "how many times" counts rows. Counts are ints. Which/where questions expect the cell as
    written; one value is a str, several values a list in row order (repeats dropped). Years
    from an int Year / Season column are ints. A yes/no question expects a bool.
  * None means the engine should decline:
      - a competition, year or event the table does not have;
      - a quantity no column holds (points, times, speeds);
      - a place asked at a competition where the table has several events and no word says
        which one, or "top 5" in ``indy500`` where Start and Finish are both places and nothing
        says which;
      - a best place asked among rows that have no place at all (only a "DNF").
    Each trap has an assert below showing why.

Every expected answer is computed with pandas from the frames below (None only for questions the
tables cannot answer, each backed by an assert).
"""
from __future__ import annotations

import io as _io
import re

import pandas as pd

# --------------------------------------------------------------------------------------
# Place helpers
# --------------------------------------------------------------------------------------

NO_PLACE = {"DNF", "DNS", "DSQ", "DNQ", "—"}
_ORD_RE = re.compile(r"([0-9]+)(st|nd|rd|th)(?: \(([a-z]+)\))?")


def _suffix_ok(n: int, suf: str) -> bool:
    if n % 100 in (11, 12, 13):
        return suf == "th"
    return suf == {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def place(v) -> int | None:
    """'1st' -> 1; '15th (sf)' -> 15; 'DNF' / 'DNS' / 'DSQ' / 'DNQ' / '—' -> None."""
    t = str(v).strip()
    if t in NO_PLACE:
        return None
    m = _ORD_RE.fullmatch(t)
    assert m, t
    n = int(m.group(1))
    assert _suffix_ok(n, m.group(2)), t
    return n


def note(v) -> str | None:
    """'15th (sf)' -> 'sf'; '7th' -> None; 'DNF' -> None."""
    m = _ORD_RE.fullmatch(str(v).strip())
    return m.group(3) if m else None


def col_place(df: pd.DataFrame, col: str) -> pd.Series:
    return pd.to_numeric(pd.Series([place(v) for v in df[col]], dtype=object),
                         errors="coerce").set_axis(df.index)


def filled_year(df: pd.DataFrame, col: str = "Year") -> pd.Series:
    """A merged Year cell (empty) takes the year of the row above; returns ints."""
    s = df[col].astype(str).replace("", pd.NA).ffill()
    assert s.notna().all(), col
    return s.astype(int)


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------

sprinter = pd.DataFrame(
    [
        ("2001", "World Youth Championships", "Debrecen, Hungary", "4th", "400 m", "53.41"),
        ("2002", "World Junior Championships", "Kingston, Jamaica", "2nd", "400 m", "51.88"),
        ("", "World Junior Championships", "Kingston, Jamaica", "1st", "4×400 m relay", "3:29.22"),
        ("2003", "Pan American Games", "Santo Domingo, Dominican Republic", "3rd", "400 m", "51.02"),
        ("2005", "World Championships", "Helsinki, Finland", "11th (sf)", "400 m", "50.87"),
        ("", "World Championships", "Helsinki, Finland", "DNF", "4×400 m relay", "—"),
        ("2006", "Commonwealth Games", "Melbourne, Australia", "1st", "400 m", "50.51"),
        ("2007", "World Championships", "Osaka, Japan", "6th", "400 m", "50.12"),
        ("", "World Championships", "Osaka, Japan", "3rd", "4×400 m relay", "3:22.10"),
        ("2008", "Olympic Games", "Beijing, China", "15th (sf)", "400 m", "51.13"),
        ("", "Olympic Games", "Beijing, China", "5th", "4×400 m relay", "3:23.50"),
        ("2009", "World Championships", "Berlin, Germany", "2nd", "400 m", "49.89"),
        ("2010", "Commonwealth Games", "Delhi, India", "DNS", "400 m", "—"),
        ("2011", "World Championships", "Daegu, South Korea", "23rd (h)", "400 m", "52.40"),
        ("2012", "Olympic Games", "London, United Kingdom", "7th", "400 m", "50.55"),
    ],
    columns=["Year", "Competition", "Venue", "Position", "Event", "Notes"],
)

indy500 = pd.DataFrame(
    [
        (2000, "G-Force GF05", "Oldsmobile Aurora", "12th", "8th", "Team Menard"),
        (2001, "G-Force GF05", "Oldsmobile Aurora", "5th", "3rd", "Team Menard"),
        (2002, "Dallara IR-02", "Chevrolet", "18th", "24th", "Kelley Racing"),
        (2003, "Dallara IR-03", "Toyota", "2nd", "1st", "Kelley Racing"),
        (2004, "Dallara IR-03", "Toyota", "7th", "12th", "Kelley Racing"),
        (2005, "Panoz G-Force GF09", "Toyota", "25th", "31st", "Panther Racing"),
        (2006, "Dallara IR-05", "Honda", "4th", "2nd", "Panther Racing"),
        (2007, "Dallara IR-05", "Honda", "—", "DNQ", "Dreyer & Reinbold Racing"),
        (2008, "Dallara IR-05", "Honda", "11th", "5th", "Dreyer & Reinbold Racing"),
        (2009, "Dallara IR-05", "Honda", "1st", "17th", "Andretti Green Racing"),
        (2010, "Dallara IR-05", "Honda", "9th", "33rd", "Andretti Autosport"),
        (2011, "Dallara IR-05", "Honda", "28th", "4th", "Andretti Autosport"),
        (2012, "Dallara DW12", "Chevrolet", "3rd", "1st", "Andretti Autosport"),
        (2013, "Dallara DW12", "Chevrolet", "20th", "DNS", "Andretti Autosport"),
    ],
    columns=["Year", "Chassis", "Engine", "Start", "Finish", "Team"],
)

skier = pd.DataFrame(
    [
        (2014, "7 Dec 2013", "Lake Louise, Canada", "Downhill", "4th"),
        (2014, "8 Dec 2013", "Lake Louise, Canada", "Super-G", "2nd"),
        (2014, "21 Dec 2013", "Val d'Isère, France", "Giant slalom", "DNF"),
        (2014, "11 Jan 2014", "Altenmarkt, Austria", "Downhill", "1st"),
        (2014, "26 Jan 2014", "Cortina d'Ampezzo, Italy", "Super-G", "9th"),
        (2015, "6 Dec 2014", "Lake Louise, Canada", "Downhill", "1st"),
        (2015, "7 Dec 2014", "Lake Louise, Canada", "Super-G", "14th"),
        (2015, "20 Dec 2014", "Val d'Isère, France", "Combined", "DSQ"),
        (2015, "10 Jan 2015", "Bad Kleinkirchheim, Austria", "Downhill", "3rd"),
        (2015, "24 Jan 2015", "St. Moritz, Switzerland", "Super-G", "27th"),
        (2016, "5 Dec 2015", "Lake Louise, Canada", "Downhill", "2nd"),
        (2016, "19 Dec 2015", "Val d'Isère, France", "Downhill", "DNS"),
        (2016, "23 Jan 2016", "Cortina d'Ampezzo, Italy", "Downhill", "6th"),
        (2016, "27 Feb 2016", "La Thuile, Italy", "Super-G", "1st"),
        (2016, "13 Mar 2016", "Lenzerheide, Switzerland", "Super-G", "11th"),
    ],
    columns=["Season", "Date", "Location", "Discipline", "Place"],
)

swimmer = pd.DataFrame(
    [
        ("2009", "World Championships", "Rome, Italy", "200 m freestyle", "14th (sf)"),
        ("", "World Championships", "Rome, Italy", "400 m freestyle", "19th (h)"),
        ("2010", "Pan Pacific Championships", "Irvine, United States", "200 m freestyle", "5th"),
        ("", "Pan Pacific Championships", "Irvine, United States", "400 m freestyle", "3rd"),
        ("2011", "World Championships", "Shanghai, China", "200 m freestyle", "6th"),
        ("", "World Championships", "Shanghai, China", "4×200 m freestyle relay", "2nd"),
        ("2012", "Olympic Games", "London, United Kingdom", "200 m freestyle", "4th"),
        ("", "Olympic Games", "London, United Kingdom", "400 m freestyle", "9th (h)"),
        ("", "Olympic Games", "London, United Kingdom", "4×200 m freestyle relay", "2nd"),
        ("2013", "World Championships", "Barcelona, Spain", "200 m freestyle", "1st"),
        ("", "World Championships", "Barcelona, Spain", "4×200 m freestyle relay", "DSQ"),
        ("2014", "Commonwealth Games", "Glasgow, Scotland", "200 m freestyle", "2nd"),
        ("", "Commonwealth Games", "Glasgow, Scotland", "400 m freestyle", "1st"),
        ("2015", "World Championships", "Kazan, Russia", "200 m freestyle", "11th (sf)"),
        ("2016", "Olympic Games", "Rio de Janeiro, Brazil", "200 m freestyle", "DNS"),
        ("", "Olympic Games", "Rio de Janeiro, Brazil", "4×200 m freestyle relay", "5th"),
    ],
    columns=["Year", "Meet", "Venue", "Event", "Place"],
)

TABLES: dict[str, pd.DataFrame] = {
    "sprinter": sprinter,
    "indy500": indy500,
    "skier": skier,
    "swimmer": swimmer,
}

# --------------------------------------------------------------------------------------
# Derived places and years
# --------------------------------------------------------------------------------------

_a_pos = col_place(sprinter, "Position")
_a_year = filled_year(sprinter)
_a_400 = sprinter["Event"] == "400 m"

_i_start = col_place(indy500, "Start")
_i_fin = col_place(indy500, "Finish")

_k_place = col_place(skier, "Place")

_w_place = col_place(swimmer, "Place")
_w_year = filled_year(swimmer)


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
    # NaN (no place) compares False already; fillna keeps that explicit
    return m.fillna(False).astype(bool)


def count(m: pd.Series) -> int:
    return int(_mask(m).sum())


def one(df: pd.DataFrame, m: pd.Series, col: str):
    out = list(dict.fromkeys(_py(v) for v in df.loc[_mask(m), col]))
    assert len(out) == 1, (col, out)
    return out[0]


def names(df: pd.DataFrame, m: pd.Series, col: str) -> list:
    out = list(dict.fromkeys(_py(v) for v in df.loc[_mask(m), col]))
    assert len(out) >= 2, (col, out)
    return out


def best(df: pd.DataFrame, m: pd.Series, places: pd.Series, col: str) -> str:
    """The cell (as written) with the smallest place among rows m; ties must read alike."""
    p = places[_mask(m)].dropna()
    assert len(p), "no placed row"
    return one(df, _mask(m) & (places == p.min()), col)


def worst(df: pd.DataFrame, m: pd.Series, places: pd.Series, col: str) -> str:
    p = places[_mask(m)].dropna()
    assert len(p), "no placed row"
    return one(df, _mask(m) & (places == p.max()), col)


def higher_of(years: pd.Series, places: pd.Series, m: pd.Series, a: int, b: int) -> int:
    """Of years a and b, the one with the better (smaller) place among rows m (one row each)."""
    pa = places[_mask(m) & (years == a)]
    pb = places[_mask(m) & (years == b)]
    assert len(pa) == 1 and len(pb) == 1 and pa.notna().all() and pb.notna().all(), (a, b)
    assert pa.iloc[0] != pb.iloc[0], "a tie"
    return a if pa.iloc[0] < pb.iloc[0] else b


def any_row(m: pd.Series) -> bool:
    return bool(_mask(m).any())


def _mentions(df: pd.DataFrame, w: str) -> bool:
    if any(w.lower() in str(c).lower() for c in df.columns):
        return True
    return any(df[c].astype(str).str.contains(w, case=False, regex=False).any() for c in df.columns)


def lacks(df: pd.DataFrame, *words: str) -> None:
    """Asserts no header and no cell mentions the missing quantity/subject; returns None."""
    for w in words:
        assert not _mentions(df, w), (w, list(df.columns))
    return None


def absent(m: pd.Series) -> None:
    """Asserts no row matches the competition/year/event asked about; returns None."""
    assert not _mask(m).any()
    return None


def ambiguous(answers: dict) -> None:
    """Asserts the readings differ, so picking one would be a guess; returns None."""
    assert len(answers) >= 2
    vals = [repr(a) for a in answers.values()]
    assert len(set(vals)) == len(vals), ("the readings agree, so the trap is moot", answers)
    return None


def placeless(places: pd.Series, m: pd.Series) -> None:
    """Asserts the rows asked about exist but none has a place; returns None."""
    assert _mask(m).any() and places[_mask(m)].isna().all()
    return None


# --------------------------------------------------------------------------------------
# Sanity of the tables
# --------------------------------------------------------------------------------------

for _df, _cols in ((sprinter, ["Position"]), (indy500, ["Start", "Finish"]), (skier, ["Place"]),
                   (swimmer, ["Place"])):
    for _c in _cols:
        for _v in _df[_c]:
            place(_v)  # every cell is an ordinal or a no-place mark
assert 8 <= len(sprinter) <= 16 and 8 <= len(indy500) <= 16 and 8 <= len(skier) <= 16
assert 8 <= len(swimmer) <= 16
assert (sprinter["Year"] == "").sum() == 4 and (swimmer["Year"] == "").sum() == 8
assert set(_a_year[sprinter["Year"] == ""]) == {2002, 2005, 2007, 2008}
assert sorted(skier["Season"].unique().tolist()) == [2014, 2015, 2016]

# --------------------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------------------

_a_wch = sprinter["Competition"] == "World Championships"
_a_oly = sprinter["Competition"] == "Olympic Games"
_i_all = pd.Series(True, index=indy500.index)
_k_dh = skier["Discipline"] == "Downhill"
_w_wch = swimmer["Meet"] == "World Championships"
_w_oly = swimmer["Meet"] == "Olympic Games"
_w_relay = swimmer["Event"] == "4×200 m freestyle relay"

PLACE_QUESTIONS: list[tuple[str, str, object]] = [
    # ================= sprinter: Position, merged Year cells ===============================
    # 2nd, 1st (2002 relay), 3rd, 1st, 3rd (2007 relay), 2nd
    ("sprinter", "how many times did she finish in the top 3?",
     count(_a_pos <= 3)),
    # 11th (sf), DNF, 6th, 3rd (relay), 2nd, 23rd (h)
    ("sprinter", "what was her best finish at the World Championships?",
     best(sprinter, _a_wch, _a_pos, "Position")),
    ("sprinter", "what position did she finish in the 400 m at the 2008 Olympics?",
     one(sprinter, _a_oly & (_a_year == 2008) & _a_400, "Position")),
    ("sprinter", "which competitions did she win?",
     names(sprinter, _a_pos == 1, "Competition")),
    ("sprinter", "how many races did she fail to finish?",
     count(sprinter["Position"] == "DNF")),
    # 2005: "11th (sf)" and the relay's DNF (a merged Year row): DNF is not a worst place
    ("sprinter", "what was the worst position she achieved in 2005?",
     worst(sprinter, _a_year == 2005, _a_pos, "Position")),
    # 2007: 6th in the 400 m, 3rd in the relay (the relay row's Year cell is empty)
    ("sprinter", "what was her best finish in 2007?",
     best(sprinter, _a_year == 2007, _a_pos, "Position")),
    ("sprinter", "did she finish higher in the 400 m at the 2007 World Championships than at the "
                 "2009 World Championships?",
     higher_of(_a_year, _a_pos, _a_wch & _a_400, 2007, 2009) == 2007),
    # traps
    # 2008 Olympics: 400 m "15th (sf)" and relay "5th"; no word says which event
    ("sprinter", "what position did she finish in at the 2008 Olympics?",
     ambiguous({e: one(sprinter, _a_oly & (_a_year == 2008) & (sprinter["Event"] == e), "Position")
                for e in sprinter.loc[_a_oly & (_a_year == 2008), "Event"]})),
    ("sprinter", "what was her place at the 2004 Olympics?",
     absent(_a_oly & (_a_year == 2004))),
    ("sprinter", "how many points did she score at the 2009 World Championships?",
     lacks(sprinter, "point", "pts")),

    # ================= indy500: Start and Finish both ordinals ============================
    # Start 5th, 2nd, 4th, 1st, 3rd
    ("indy500", "how many times did he start from the top 5 on the grid?",
     count(_i_start <= 5)),
    ("indy500", "how many times did he finish in the top 5?",
     count(_i_fin <= 5)),
    ("indy500", "what was his best finish in the Indy 500?",
     best(indy500, _i_all, _i_fin, "Finish")),
    # DNQ (2007) and DNS (2013) are not worse than 33rd: they have no place
    ("indy500", "what was his worst finish?",
     worst(indy500, _i_all, _i_fin, "Finish")),
    ("indy500", "in which years did he win the race?",
     names(indy500, _i_fin == 1, "Year")),
    # 2005: 31st; 2011: 4th
    ("indy500", "in which year did he finish higher, 2005 or 2011?",
     higher_of(indy500["Year"], _i_fin, _i_all, 2005, 2011)),
    ("indy500", "what was his starting position in 2006?",
     one(indy500, indy500["Year"] == 2006, "Start")),
    # rows where both Start and Finish have a place and Finish < Start
    ("indy500", "how many times did he finish better than he started?",
     count(_i_fin < _i_start)),
    ("indy500", "how many times did he fail to qualify?",
     count(indy500["Finish"] == "DNQ")),
    ("indy500", "which team was he driving for when he started from pole?",
     one(indy500, _i_start == 1, "Team")),
    # traps
    # "top 5" fits Start (5 times) and Finish (6 times); nothing says which
    ("indy500", "how many times was he in the top 5?",
     ambiguous({"Start": count(_i_start <= 5), "Finish": count(_i_fin <= 5)})),
    ("indy500", "how many points did he score in 2003?",
     lacks(indy500, "point", "pts")),
    ("indy500", "what was his fastest qualifying speed?",
     lacks(indy500, "speed", "mph", "km/h", "time", "qualif")),
    ("indy500", "where did he finish in 1999?",
     absent(indy500["Year"] == 1999)),

    # ================= skier: World Cup results, Place ====================================
    ("skier", "how many World Cup wins does she have?",
     count(_k_place == 1)),
    # Downhill: 4th, 1st, 1st, 3rd, 2nd, DNS, 6th
    ("skier", "how many downhill podiums did she have?",
     count(_k_dh & (_k_place <= 3))),
    ("skier", "where did she win in the 2015 season?",
     one(skier, (skier["Season"] == 2015) & (_k_place == 1), "Location")),
    # 2015: 1st, 14th, DSQ, 3rd, 27th
    ("skier", "what was her worst place in the 2015 season?",
     worst(skier, skier["Season"] == 2015, _k_place, "Place")),
    ("skier", "how many times did she fail to finish a race?",
     count(skier["Place"] == "DNF")),
    # 2016: 2nd, DNS, 6th, 1st, 11th
    ("skier", "how many top-10 finishes did she have in 2016?",
     count((skier["Season"] == 2016) & (_k_place <= 10))),
    # Val d'Isère: DNF, DSQ, DNS
    ("skier", "did she ever win at Val d'Isère?",
     any_row((skier["Location"] == "Val d'Isère, France") & (_k_place == 1))),
    # traps
    # the only giant slalom is a DNF: no place to call best
    ("skier", "what was her best giant slalom result?",
     placeless(_k_place, skier["Discipline"] == "Giant slalom")),
    ("skier", "what was her fastest time at Lake Louise?",
     lacks(skier, "time", "sec")),
    ("skier", "how many World Cup points did she earn in 2015?",
     lacks(skier, "point", "pts")),

    # ================= swimmer: Place with (h)/(sf), merged Year cells ====================
    # Olympic Games: 4th, 9th (h), 2nd (relay), DNS, 5th (relay)
    ("swimmer", "how many medals did he win at the Olympics?",
     count(_w_oly & (_w_place <= 3))),
    # 400 m freestyle: 19th (h), 3rd, 9th (h), 1st
    ("swimmer", "what was his best finish in the 400 m freestyle?",
     best(swimmer, swimmer["Event"] == "400 m freestyle", _w_place, "Place")),
    # 200 m freestyle: 14th (sf), 5th, 6th, 4th, 1st, 2nd, 11th (sf), DNS
    ("swimmer", "what was his worst finish in the 200 m freestyle?",
     worst(swimmer, swimmer["Event"] == "200 m freestyle", _w_place, "Place")),
    # the 2016 relay row's Year cell is empty (merged with the 200 m freestyle DNS above)
    ("swimmer", "what place did he get in the relay at the 2016 Olympics?",
     one(swimmer, _w_oly & (_w_year == 2016) & _w_relay, "Place")),
    ("swimmer", "how many times was he knocked out in the heats?",
     count(swimmer["Place"].map(note) == "h")),
    ("swimmer", "which events did he win?",
     names(swimmer, _w_place == 1, "Event")),
    # World Championships: 14th (sf), 19th (h), 6th, 2nd, 1st, DSQ, 11th (sf)
    ("swimmer", "how many top-8 finishes did he have at the World Championships?",
     count(_w_wch & (_w_place <= 8))),
    # traps
    ("swimmer", "what was his best time in the 200 m freestyle?",
     lacks(swimmer, "time", "sec")),
    # 2012 Olympics: three events, three places; no word says which
    ("swimmer", "what place did he get at the 2012 Olympics?",
     ambiguous({e: one(swimmer, _w_oly & (_w_year == 2012) & (swimmer["Event"] == e), "Place")
                for e in swimmer.loc[_w_oly & (_w_year == 2012), "Event"]})),
    ("swimmer", "what was his place in the 100 m butterfly at the 2013 World Championships?",
     absent(swimmer["Event"].str.contains("butterfly"))),
]

# facts the answers and traps rely on
assert count(_i_start <= 5) != count(_i_fin <= 5)           # the Start/Finish "top 5" trap
assert _i_fin.isna().sum() == 2 and _i_start.isna().sum() == 1
assert _a_pos.isna().sum() == 2 and _k_place.isna().sum() == 3 and _w_place.isna().sum() == 2
assert (skier["Discipline"] == "Giant slalom").sum() == 1
assert count(swimmer["Place"].map(note) == "sf") == 2         # (sf) is not (h)
assert 2004 not in set(_a_year) and 1999 not in set(indy500["Year"])
assert any_row(_w_wch & (_w_year == 2013))                   # the 2013 meet exists; the event does not
# a naive text sort would get these wrong ("11th" < "2nd"; "DNF" > "11th")
assert sorted(sprinter.loc[_a_year == 2005, "Position"])[-1] == "DNF"
assert min(indy500["Finish"]) != best(indy500, _i_all, _i_fin, "Finish")

ANSWERABLE_COUNT = 32
TRAP_COUNT = 13
assert len(PLACE_QUESTIONS) == ANSWERABLE_COUNT + TRAP_COUNT, len(PLACE_QUESTIONS)
assert sum(a is None for _t, _q, a in PLACE_QUESTIONS) == TRAP_COUNT
assert len({q.lower() for _t, q, _a in PLACE_QUESTIONS}) == len(PLACE_QUESTIONS)
for _t, _q, _a in PLACE_QUESTIONS:
    assert _t in TABLES and TABLES[_t] is globals()[_t], _t
    assert _a is None or isinstance(_a, (bool, int, str, list)), (_q, type(_a))
    assert not hasattr(_a, "dtype"), (_q, type(_a))
    if isinstance(_a, list):
        assert len(_a) >= 2 and all(isinstance(x, (str, int)) and not hasattr(x, "dtype") for x in _a), (_q, _a)
    _ql = _q.lower()
    if _a is not None and _ql.startswith("how many"):
        assert isinstance(_a, int) and not isinstance(_a, bool), (_q, _a)
    if _a is not None and _ql.startswith(("was ", "did ", "is ", "are ", "does ")):
        assert isinstance(_a, bool), (_q, _a)

# every table survives a CSV round trip with its cells as written
for _name, _df in TABLES.items():
    _buf = _io.StringIO()
    _df.to_csv(_buf, index=False)
    _back = pd.read_csv(_io.StringIO(_buf.getvalue()), dtype=str, keep_default_na=False)
    assert list(_back.columns) == list(_df.columns), _name
    assert (_back.values == _df.astype(str).values).all(), _name

if __name__ == "__main__":
    print(len(PLACE_QUESTIONS), "questions:", ANSWERABLE_COUNT, "answerable,", TRAP_COUNT, "traps")
    for _t, _q, _a in PLACE_QUESTIONS:
        print(f"{_t:9} | {_q:80} | {_a!r}")

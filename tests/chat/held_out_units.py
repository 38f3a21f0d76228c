"""Held-out questions about figures with units: counting, listing, picking, reading, comparing,
subtracting, adding and averaging numbers whose unit is written in the header's brackets
("Power (kW)", "Prominence (m)", "Trails (miles)"), inside every cell under a bare header
("1,450 tonnes", "133.0 m", "28 knots", "97.9 MHz"), or twice in one cell ("14,505 ft (4,421 m)",
"10.65 sq mi (27.6 km²)", and a header "Height ft / m" with cells "629 / 192"). The analyst names
the unit in the question ("taller than 150 metres", "10 kw or more", "less than 50 km squared").

Written by a helper who had not read the engine's code, docs or tests. First run at 72ce8e8, before
anything was taught from this file (lists compared in any order, as the tests compare them): 11 right,
6 wrong, 38 declined. The 6 wrong were units ignored: "taller than 4000 meters" compared with the
Elevation in feet, "taller than 2.5 miles", "more than 100 km of trails" against miles, "longer than
400 feet" against metres, and two figures in metres where two columns are.

Five tables (cells written as Wikipedia and spreadsheet exports write them):
  * ``buildings`` -- tallest buildings of one city: Building, Height ft / m (cells "629 / 192",
    feet first, metres second; one "—" = not known), Floors, Completed, Use (Office / Hotel /
    Residential / Mixed use / Government). Two units in one cell, split by the header.
  * ``peaks``     -- US mountain peaks: Peak, Range, Elevation (cells "14,505 ft (4,421 m)": feet
    first, metres in brackets), Prominence (m) (metres only, in the header; one "—"), First
    ascent (year; "—" = not recorded). Metres appear in two columns (Elevation's cells and
    Prominence's header); feet only in Elevation.
  * ``parks``     -- state parks: Park, Region (North / Coast / Valley / Highlands), Area (cells
    "10.65 sq mi (27.6 km²)", the big one "482 sq mi (1,248.4 km²)"), Trails (miles) (miles only,
    in the header; one "—"), Established.
  * ``ships``     -- a navy's ships: Ship, Type, Displacement (cells "1,450 tonnes"; one "—"),
    Length (cells "133.0 m"), Speed (cells "28 knots"), Commissioned. Every unit is in the
    cells, none in a header; length only in metres, speed only in knots.
  * ``stations``  -- FM stations of a region: Call sign, City, Frequency (cells "97.9 MHz"),
    Power (kW) (unit in the header; "0.25", "3.3"; one "—"), Format.

Question groups (55): buildings 9 + 2 traps, peaks 9 + 3 traps, parks 8 + 3 traps, ships 8 + 3
traps, stations 8 + 2 traps -> 42 answerable, 13 traps (all expected None).

Conventions (decided before computing, written here so the answers can be checked):
  * "more than" / "over" / "above" / "taller than" / "higher than" / "longer than" / "larger
    than" / "bigger than" is >; "at least" / "or more" is >=; "under" / "less than" / "below" /
    "shorter than" is <; "at most" is <=; "N m tall" / "N ft high" / "displaces N tonnes" / "is
    on N MHz" is ==.
  * The number in a cell is read with thousands separators removed ("14,505 ft" is 14505,
    "1,248.4 km²" is 1248.4) and the unit dropped ("28 knots" is 28). An empty cell ("—") never
    satisfies a comparison and is left out of counts, sums, averages and superlatives.
  * Two-unit cells: the number in the unit the question names ("taller than 150 metres" reads
    192 from "629 / 192"; "higher than 14,000 feet" reads 14505 from "14,505 ft (4,421 m)";
    "less than 50 km squared" reads 27.6 from "10.65 sq mi (27.6 km²)"). Nothing is converted:
    the table's own figures are used, so a boundary answer follows the table's rounding.
  * Unit words: metres / meters / m; feet / ft; square kilometers / km squared / km² / sq km;
    square miles / sq mi; miles (a length) is not square miles; tonnes / tons of displacement ->
    Displacement; knots -> Speed; kw / kW -> Power (kW); MHz -> Frequency.
  * A figure answer is the number (int when the cell holds a whole number, else float), not the
    text with its unit. Differences are the larger minus the smaller as the question orders them.
    Sums and averages of one-decimal figures are rounded to one decimal (each such answer is
    asserted to be exact at that precision).
  * Counts are ints. Which/who questions expect the name as written in the table; one name is a
    str, several names a list in row order. A yes/no question expects a bool.
  * None means the engine should decline:
      - a unit no column has (yards, m² of floor space, miles of height, acres, km/h, kHz);
      - a unit mismatch where the table gives only one unit and the question asks another
        (prominence in feet when the table has it in metres only, trails in km when the table
        has miles only, ship length in feet when the table has metres only, transmitter power
        in watts when the table has kW only): the engine should decline rather than convert;
      - a unit that fits two columns and no word says which ("peaks with more than 3,000 m":
        Elevation's metres or Prominence (m));
      - a subject or quantity the table lacks (visitors, a ship's draught, a tower's height).
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


def _float(t: str) -> float:
    return float(t.replace(",", ""))


def to_num(v) -> float | None:
    """'1,912' -> 1912.0; '0.25' -> 0.25; '—' -> None (a bare number, unit in the header)."""
    t = str(v).strip()
    if t.lower() in EMPTY:
        return None
    assert re.fullmatch(_NUM, t), t
    return _float(t)


def with_unit(v, unit: str) -> float | None:
    """'1,450 tonnes' -> 1450.0 for unit 'tonnes'; '113.6 m' -> 113.6 for 'm'; '—' -> None."""
    t = str(v).strip()
    if t.lower() in EMPTY:
        return None
    m = re.fullmatch(rf"({_NUM})\s*{re.escape(unit)}", t)
    assert m, (t, unit)
    return _float(m.group(1))


_TWO_RE = re.compile(rf"^({_NUM})\s*([^\d(]+?)\s*\(({_NUM})\s*([^)]+?)\)$")


def two_units(v) -> dict[str, float] | None:
    """'14,505 ft (4,421 m)' -> {'ft': 14505.0, 'm': 4421.0};
    '10.65 sq mi (27.6 km²)' -> {'sq mi': 10.65, 'km²': 27.6}; '—' -> None."""
    t = str(v).strip()
    if t.lower() in EMPTY:
        return None
    m = _TWO_RE.match(t)
    assert m, t
    return {m.group(2): _float(m.group(1)), m.group(4): _float(m.group(3))}


def slash_pair(v) -> tuple[float, float] | None:
    """'629 / 192' -> (629.0, 192.0) (order given by the header, e.g. 'Height ft / m')."""
    t = str(v).strip()
    if t.lower() in EMPTY:
        return None
    m = re.fullmatch(rf"({_NUM})\s*/\s*({_NUM})", t)
    assert m, t
    return _float(m.group(1)), _float(m.group(2))


def series(values) -> pd.Series:
    return pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce")


def col_with_unit(df: pd.DataFrame, col: str, unit: str) -> pd.Series:
    return series(df[col].map(lambda v: with_unit(v, unit))).set_axis(df.index)


def col_two(df: pd.DataFrame, col: str, unit: str) -> pd.Series:
    return series(df[col].map(lambda v: (two_units(v) or {}).get(unit))).set_axis(df.index)


def col_num(df: pd.DataFrame, col: str) -> pd.Series:
    return series(df[col].map(to_num)).set_axis(df.index)


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------

buildings = pd.DataFrame(
    [
        ("Meridian Tower", "755 / 230", "58", "2017", "Office"),
        ("Bow Crest Centre", "682 / 208", "52", "2012", "Office"),
        ("Harbourfront Place", "629 / 192", "50", "1984", "Office"),
        ("First Union Plaza", "590 / 180", "45", "1990", "Office"),
        ("Riverside Court", "541 / 165", "48", "2009", "Residential"),
        ("Lancaster Building", "500 / 152", "37", "1979", "Office"),
        ("Centennial Tower", "492 / 150", "36", "1967", "Mixed use"),
        ("Grand Pacific Hotel", "436 / 133", "33", "1931", "Hotel"),
        ("Westgate Residences", "410 / 125", "38", "2015", "Residential"),
        ("Stockmen's Exchange", "328 / 100", "24", "1958", "Office"),
        ("Dominion Bank Building", "—", "12", "1922", "Office"),
        ("Albion Block", "243 / 74", "18", "1912", "Mixed use"),
        ("Mercer Lofts", "197 / 60", "16", "2004", "Residential"),
        ("Old Post Office", "157 / 48", "7", "1894", "Government"),
        ("Tanner House", "131 / 40", "11", "1928", "Hotel"),
    ],
    columns=["Building", "Height ft / m", "Floors", "Completed", "Use"],
)

peaks = pd.DataFrame(
    [
        ("Mount Whitney", "Sierra Nevada", "14,505 ft (4,421 m)", "3,072", "1873"),
        ("Mount Elbert", "Sawatch Range", "14,440 ft (4,401 m)", "2,772", "1874"),
        ("Mount Rainier", "Cascade Range", "14,411 ft (4,392 m)", "4,026", "1870"),
        ("Mount Shasta", "Cascade Range", "14,179 ft (4,322 m)", "2,977", "1854"),
        ("Pikes Peak", "Front Range", "14,115 ft (4,302 m)", "1,678", "1820"),
        ("Grand Teton", "Teton Range", "13,775 ft (4,199 m)", "1,990", "1898"),
        ("Kings Peak", "Uinta Mountains", "13,528 ft (4,123 m)", "1,686", "—"),
        ("Wheeler Peak", "Sangre de Cristo Mountains", "13,167 ft (4,013 m)", "1,089", "—"),
        ("Boundary Peak", "White Mountains", "13,147 ft (4,007 m)", "77", "—"),
        ("Humphreys Peak", "San Francisco Peaks", "12,633 ft (3,851 m)", "1,864", "—"),
        ("Mount Adams", "Cascade Range", "12,281 ft (3,743 m)", "1,946", "1854"),
        ("Mount Hood", "Cascade Range", "11,249 ft (3,429 m)", "2,353", "1857"),
        ("Mount St. Helens", "Cascade Range", "8,363 ft (2,549 m)", "1,404", "1853"),
        ("Black Elk Peak", "Black Hills", "7,244 ft (2,208 m)", "—", "—"),
        ("Mount Mitchell", "Black Mountains", "6,684 ft (2,037 m)", "1,856", "1835"),
        ("Mount Washington", "Presidential Range", "6,288 ft (1,917 m)", "1,872", "1642"),
    ],
    columns=["Peak", "Range", "Elevation", "Prominence (m)", "First ascent"],
)

parks = pd.DataFrame(
    [
        ("Cedar Hollow", "Highlands", "10.65 sq mi (27.6 km²)", "14.5", "1936"),
        ("Blue Heron Marsh", "Coast", "4.2 sq mi (10.9 km²)", "6", "1972"),
        ("Granite Falls", "Highlands", "38.4 sq mi (99.5 km²)", "31", "1921"),
        ("Pine Barrens", "North", "482 sq mi (1,248.4 km²)", "112", "1958"),
        ("Saltmarsh Point", "Coast", "2.9 sq mi (7.5 km²)", "4.5", "1980"),
        ("Red Rock Canyon", "Valley", "61.8 sq mi (160.1 km²)", "42", "1949"),
        ("Lakeview", "North", "19.3 sq mi (50.0 km²)", "18", "1964"),
        ("Eagle Ridge", "Highlands", "126 sq mi (326.3 km²)", "67.5", "1933"),
        ("Driftwood Beach", "Coast", "1.1 sq mi (2.8 km²)", "2", "1991"),
        ("Mill Creek", "Valley", "7.75 sq mi (20.1 km²)", "9", "1977"),
        ("Whispering Pines", "North", "23.5 sq mi (60.9 km²)", "25", "1968"),
        ("Sandy Cove", "Coast", "0.85 sq mi (2.2 km²)", "1.5", "2003"),
        ("Prairie Bluff", "Valley", "44.2 sq mi (114.5 km²)", "36", "1955"),
        ("Old Quarry", "Valley", "0.6 sq mi (1.6 km²)", "—", "2011"),
        ("Bear Lake", "Highlands", "20 sq mi (51.8 km²)", "22", "1940"),
    ],
    columns=["Park", "Region", "Area", "Trails (miles)", "Established"],
)

ships = pd.DataFrame(
    [
        ("Valiant", "Destroyer", "7,350 tonnes", "152.4 m", "30 knots", "2011"),
        ("Sentinel", "Destroyer", "7,800 tonnes", "155.0 m", "31 knots", "2015"),
        ("Resolute", "Frigate", "4,900 tonnes", "133.0 m", "28 knots", "2006"),
        ("Intrepid", "Frigate", "4,900 tonnes", "133.0 m", "28 knots", "2007"),
        ("Guardian", "Frigate", "5,150 tonnes", "138.7 m", "27 knots", "2018"),
        ("Kestrel", "Corvette", "1,440 tonnes", "80.6 m", "26 knots", "1999"),
        ("Osprey", "Corvette", "1,450 tonnes", "80.6 m", "26 knots", "2000"),
        ("Harrier", "Patrol vessel", "985 tonnes", "68.2 m", "22 knots", "2014"),
        ("Petrel", "Patrol vessel", "—", "54.5 m", "24 knots", "2016"),
        ("Triton", "Submarine", "7,400 tonnes", "97.0 m", "25 knots", "2010"),
        ("Albatross", "Replenishment oiler", "26,200 tonnes", "196.0 m", "20 knots", "1994"),
        ("Endeavour", "Amphibious transport dock", "18,500 tonnes", "176.0 m", "18 knots",
         "2003"),
        ("Meridian", "Survey ship", "3,600 tonnes", "90.6 m", "15 knots", "2002"),
        ("Halcyon", "Minehunter", "740 tonnes", "52.5 m", "15 knots", "1989"),
        ("Curlew", "Minehunter", "740 tonnes", "52.5 m", "15 knots", "1990"),
    ],
    columns=["Ship", "Type", "Displacement", "Length", "Speed", "Commissioned"],
)

stations = pd.DataFrame(
    [
        ("KQRS", "Millbrook", "92.5 MHz", "100", "Classic rock"),
        ("KMBK", "Millbrook", "88.3 MHz", "5", "Public radio"),
        ("KZLT", "Fenwick", "97.9 MHz", "50", "Country"),
        ("KWVR", "Westmoor", "101.5 MHz", "25", "Top 40"),
        ("KFNW", "Fenwick", "89.7 MHz", "0.25", "College"),
        ("KASH", "Ashworth", "104.3 MHz", "10", "Country"),
        ("KTHB", "Thornbury", "106.9 MHz", "6", "Adult contemporary"),
        ("KLVN", "Linden", "99.1 MHz", "—", "Sports"),
        ("KGRP", "Grantham", "95.3 MHz", "3.3", "Country"),
        ("KOLD", "Oldfield", "102.7 MHz", "100", "Oldies"),
        ("KCBR", "Castleford", "93.7 MHz", "10", "News/talk"),
        ("KBRW", "Bridgewater", "107.7 MHz", "1", "Spanish"),
        ("KEBT", "Eastbury", "90.9 MHz", "15", "Public radio"),
        ("KNVL", "Northvale", "100.3 MHz", "35", "Hot adult contemporary"),
        ("KSTA", "St. Aldric", "105.1 MHz", "0.1", "Religious"),
    ],
    columns=["Call sign", "City", "Frequency", "Power (kW)", "Format"],
)

TABLES: dict[str, pd.DataFrame] = {
    "buildings": buildings,
    "peaks": peaks,
    "parks": parks,
    "ships": ships,
    "stations": stations,
}

# --------------------------------------------------------------------------------------
# Derived numbers
# --------------------------------------------------------------------------------------

_pairs = buildings["Height ft / m"].map(slash_pair)
_b_ft = series(p[0] if p else None for p in _pairs).set_axis(buildings.index)
_b_m = series(p[1] if p else None for p in _pairs).set_axis(buildings.index)
_b_floors = col_num(buildings, "Floors")

_p_ft = col_two(peaks, "Elevation", "ft")
_p_m = col_two(peaks, "Elevation", "m")
_p_prom = col_num(peaks, "Prominence (m)")

_k_sqmi = col_two(parks, "Area", "sq mi")
_k_km2 = col_two(parks, "Area", "km²")
_k_trails = col_num(parks, "Trails (miles)")

_s_t = col_with_unit(ships, "Displacement", "tonnes")
_s_len = col_with_unit(ships, "Length", "m")
_s_kn = col_with_unit(ships, "Speed", "knots")

_r_mhz = col_with_unit(stations, "Frequency", "MHz")
_r_kw = col_num(stations, "Power (kW)")


# --------------------------------------------------------------------------------------
# Question helpers
# --------------------------------------------------------------------------------------


def _py(v):
    if isinstance(v, bool):
        return v
    if hasattr(v, "item"):
        v = v.item()
    return v


def figure(x) -> int | float:
    """A plain Python number: int when whole, else float."""
    x = float(_py(x))
    assert not pd.isna(x), "NaN"
    return int(x) if x.is_integer() else x


def exact1(x) -> int | float:
    """Rounds a sum/average of one-decimal figures to one decimal, asserting nothing is lost."""
    x = float(_py(x))
    r = round(x, 1)
    assert abs(x - r) < 1e-9, ("not exact at one decimal", x)
    return figure(r)


def _mask(m: pd.Series) -> pd.Series:
    # NaN (an empty cell) compares False already; fillna keeps that explicit
    return m.fillna(False).astype(bool)


def count(m: pd.Series) -> int:
    return int(_mask(m).sum())


def one(df: pd.DataFrame, m: pd.Series, col: str) -> str:
    out = [_py(v) for v in df.loc[_mask(m), col]]
    assert len(out) == 1, (col, out)
    return out[0]


def names(df: pd.DataFrame, m: pd.Series, col: str) -> list:
    out = list(dict.fromkeys(_py(v) for v in df.loc[_mask(m), col]))
    assert len(out) >= 2, (col, out)
    return out


def value_of(df: pd.DataFrame, key_col: str, key: str, values: pd.Series) -> int | float:
    rows = df.index[df[key_col] == key]
    assert len(rows) == 1, (key, list(rows))
    return figure(values[rows[0]])


def argmax(df: pd.DataFrame, values: pd.Series, col: str) -> str:
    top = values.max()
    return one(df, values == top, col)


def argmin(df: pd.DataFrame, values: pd.Series, col: str) -> str:
    low = values.min()
    return one(df, values == low, col)


def any_row(m: pd.Series) -> bool:
    return bool(_mask(m).any())


def _mentions(df: pd.DataFrame, w: str) -> bool:
    if any(w.lower() in str(c).lower() for c in df.columns):
        return True
    return any(df[c].astype(str).str.contains(w, case=False, regex=False).any() for c in df.columns)


def lacks(df: pd.DataFrame, *words: str) -> None:
    """Asserts no header and no cell mentions the missing unit/figure/subject; returns None."""
    for w in words:
        assert not _mentions(df, w), (w, list(df.columns))
    return None


def only_unit(df: pd.DataFrame, col: str, has: str, missing: tuple[str, ...], word: str) -> None:
    """A unit-mismatch trap: `col` is the only column whose header names the quantity (`word`),
    it carries unit `has` (in its header or in every non-empty cell), and neither its header nor
    its cells carry any unit in `missing`; returns None (the engine should decline rather than
    convert)."""
    assert col in df.columns, col
    assert [c for c in df.columns if word.lower() in c.lower()] == [col], (word, list(df.columns))
    in_header = has.lower() in col.lower()
    cells = [str(v) for v in df[col] if str(v).strip() not in EMPTY]
    in_cells = bool(cells) and all(has in v for v in cells)
    assert in_header or in_cells, (col, has)
    for w in missing:
        assert w.lower() not in col.lower(), (w, col)
        assert not df[col].astype(str).str.contains(w, case=False, regex=False).any(), (w, col)
    return None


def ambiguous(answers: dict) -> None:
    """Asserts the readings (column -> answer) differ, so picking one would be a guess."""
    assert len(answers) >= 2
    vals = [repr(a) for a in answers.values()]
    assert len(set(vals)) == len(vals), ("the readings agree, so the trap is moot", answers)
    return None


# --------------------------------------------------------------------------------------
# Sanity of the tables
# --------------------------------------------------------------------------------------

# the two units of a cell agree (so either reading is the table's own figure)
for _f, _m in zip(_b_ft, _b_m, strict=True):
    if pd.notna(_f):
        assert abs(_f * 0.3048 - _m) < 0.6, (_f, _m)
for _f, _m in zip(_p_ft, _p_m, strict=True):
    assert abs(_f * 0.3048 - _m) < 0.6, (_f, _m)
for _sq, _km in zip(_k_sqmi, _k_km2, strict=True):
    assert round(_sq * 2.589988, 1) == _km, (_sq, _km)
assert (buildings["Height ft / m"] == "—").sum() == 1
assert (peaks["Prominence (m)"] == "—").sum() == 1
assert (parks["Trails (miles)"] == "—").sum() == 1
assert (ships["Displacement"] == "—").sum() == 1
assert (stations["Power (kW)"] == "—").sum() == 1
assert any("," in t for t in peaks["Elevation"]) and any("," in t for t in parks["Area"])
assert any("," in t for t in ships["Displacement"])
# boundaries the questions test
assert count(_b_m == 150) == 1 and count(_b_ft == 500) == 1 and count(_b_m == 48) == 1
assert count(_k_km2 == 50.0) == 1 and count(_k_sqmi == 20) == 1
assert count(_r_kw == 10) == 2 and count(_s_kn == 30) == 1
assert count(_s_t == 1440) == 1 and count(_s_t == 1450) == 1

# --------------------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------------------

_cascade = peaks["Range"] == "Cascade Range"
_coast = parks["Region"] == "Coast"
_frigate = ships["Type"] == "Frigate"
_country = stations["Format"] == "Country"

UNIT_QUESTIONS: list[tuple[str, str, object]] = [
    # ================= buildings: "Height ft / m" with cells "629 / 192" =================
    # Dominion Bank Building's height is "—": not under anything
    ("buildings", "how many buildings are under 200 ft?",
     count(_b_ft < 200)),
    # Centennial Tower is exactly 150 m: not taller than 150
    ("buildings", "which buildings are taller than 150 metres?",
     names(buildings, _b_m > 150, "Building")),
    ("buildings", "which building is 48 meters tall?",
     one(buildings, _b_m == 48, "Building")),
    ("buildings", "how many metres tall is Riverside Court?",
     value_of(buildings, "Building", "Riverside Court", _b_m)),
    ("buildings", "how tall in feet is the tallest building?",
     figure(_b_ft.max())),
    ("buildings", "how much taller is Meridian Tower than Harbourfront Place in feet?",
     figure(value_of(buildings, "Building", "Meridian Tower", _b_ft)
            - value_of(buildings, "Building", "Harbourfront Place", _b_ft))),
    # Lancaster Building is exactly 500 ft: included
    ("buildings", "how many buildings stand at least 500 feet tall?",
     count(_b_ft >= 500)),
    ("buildings", "what's the combined height in feet of the two hotels?",
     figure(_b_ft[buildings["Use"] == "Hotel"].sum())),
    ("buildings", "is the Grand Pacific Hotel taller than 140 m?",
     any_row((buildings["Building"] == "Grand Pacific Hotel") & (_b_m > 140))),
    # traps
    ("buildings", "how many buildings are taller than 100 yards?",
     lacks(buildings, "yard", "yd")),
    ("buildings", "which buildings have more than 50,000 m² of floor space?",
     lacks(buildings, "m²", "m2", "sq", "floor area", "floor space")),

    # ================= peaks: Elevation "14,505 ft (4,421 m)", Prominence (m) =================
    ("peaks", "how many peaks are taller than 4000 meters?",
     count(_p_m > 4000)),
    ("peaks", "how many of the peaks are higher than 14,000 feet?",
     count(_p_ft > 14000)),
    ("peaks", "which peak is the highest?",
     argmax(peaks, _p_m, "Peak")),
    ("peaks", "how high is Mount Hood in metres?",
     value_of(peaks, "Peak", "Mount Hood", _p_m)),
    ("peaks", "what's the elevation of Pikes Peak in ft?",
     value_of(peaks, "Peak", "Pikes Peak", _p_ft)),
    ("peaks", "how much higher is Mount Rainier than Mount Hood in feet?",
     figure(value_of(peaks, "Peak", "Mount Rainier", _p_ft)
            - value_of(peaks, "Peak", "Mount Hood", _p_ft))),
    ("peaks", "which peaks have a prominence of more than 2,500 m?",
     names(peaks, _p_prom > 2500, "Peak")),
    ("peaks", "which peak is 12,633 ft high?",
     one(peaks, _p_ft == 12633, "Peak")),
    ("peaks", "what is the average elevation in feet of the Cascade Range peaks?",
     exact1(_p_ft[_cascade].mean())),
    # traps
    # metres are in Elevation's cells and in Prominence's header; nothing says which
    ("peaks", "how many peaks have more than 3,000 m?",
     ambiguous({"Elevation (m in the cells)": count(_p_m > 3000),
                "Prominence (m)": count(_p_prom > 3000)})),
    # prominence is given in metres only
    ("peaks", "how many peaks have a prominence greater than 5,000 ft?",
     only_unit(peaks, "Prominence (m)", "(m)", ("ft", "feet"), "prominence")),
    ("peaks", "how many peaks are taller than 2.5 miles?",
     lacks(peaks, "mile", " mi ", " mi)")),

    # ================= parks: Area "10.65 sq mi (27.6 km²)", Trails (miles) =================
    ("parks", "how many parks are above 100 square kilometers in size?",
     count(_k_km2 > 100)),
    # Lakeview is exactly 50.0 km²: not less than 50
    ("parks", "number of parks with an area less than 50 km squared",
     count(_k_km2 < 50)),
    # Bear Lake is exactly 20 sq mi: not more than 20
    ("parks", "how many parks cover more than 20 square miles?",
     count(_k_sqmi > 20)),
    ("parks", "what is the total area in km² of the parks in the Coast region?",
     exact1(_k_km2[_coast].sum())),
    ("parks", "how many miles of trails does Eagle Ridge have?",
     value_of(parks, "Park", "Eagle Ridge", _k_trails)),
    ("parks", "which park is the largest?",
     argmax(parks, _k_km2, "Park")),
    ("parks", "what is the area of Mill Creek in square miles?",
     value_of(parks, "Park", "Mill Creek", _k_sqmi)),
    ("parks", "which parks have at least 30 miles of trails?",
     names(parks, _k_trails >= 30, "Park")),
    # traps
    # trail length is given in miles only
    ("parks", "how many parks have more than 100 km of trails?",
     only_unit(parks, "Trails (miles)", "(miles)", ("km", "kilomet"), "trail")),
    ("parks", "which parks are bigger than 5,000 acres?",
     lacks(parks, "acre", "ha)", "hectare")),
    ("parks", "how many parks get more than 1 million visitors a year?",
     lacks(parks, "visit", "attendance")),

    # ================= ships: "1,450 tonnes", "113.6 m", "28 knots" in the cells ==============
    # Osprey is 1,450 tonnes: 1,440 picks Kestrel only
    ("ships", "which ship displaces 1,440 tonnes?",
     one(ships, _s_t == 1440, "Ship")),
    # Petrel's displacement is "—"
    ("ships", "how many ships displace more than 5,000 tonnes?",
     count(_s_t > 5000)),
    ("ships", "how many ships are longer than 100 metres?",
     count(_s_len > 100)),
    ("ships", "what is the difference in tonnes between Albatross and Endeavour?",
     figure(value_of(ships, "Ship", "Albatross", _s_t)
            - value_of(ships, "Ship", "Endeavour", _s_t))),
    ("ships", "how long is the Meridian in metres?",
     value_of(ships, "Ship", "Meridian", _s_len)),
    ("ships", "which ship has the biggest displacement?",
     argmax(ships, _s_t, "Ship")),
    # Valiant does exactly 30 knots: included
    ("ships", "which ships can make 30 knots or more?",
     names(ships, _s_kn >= 30, "Ship")),
    ("ships", "what's the average length in m of the frigates?",
     exact1(_s_len[_frigate].mean())),
    # traps
    # length is given in metres only
    ("ships", "how many ships are longer than 400 feet?",
     only_unit(ships, "Length", " m", ("ft", "feet", "foot"), "length")),
    # speed is given in knots only, and km/h appears nowhere
    ("ships", "what is the top speed of Guardian in km/h?",
     only_unit(ships, "Speed", "knots", ("km/h", "kph", "kmh"), "speed")),
    ("ships", "which ships have a draught of more than 5 m?",
     lacks(ships, "draught", "draft")),

    # ================= stations: "97.9 MHz" in the cells, Power (kW) in the header ===========
    # two stations are exactly 10 kW: included; KLVN's power is "—"
    ("stations", "how many stations broadcast at 10 kw or more?",
     count(_r_kw >= 10)),
    ("stations", "what is the power of station KTHB in kw?",
     value_of(stations, "Call sign", "KTHB", _r_kw)),
    ("stations", "which station has the lowest frequency?",
     argmin(stations, _r_mhz, "Call sign")),
    ("stations", "which station is on 101.5 MHz?",
     one(stations, _r_mhz == 101.5, "Call sign")),
    ("stations", "how many stations transmit above 100 MHz?",
     count(_r_mhz > 100)),
    ("stations", "what is the total power in kW of the country stations?",
     exact1(_r_kw[_country].sum())),
    ("stations", "how many kW more does KZLT put out than KWVR?",
     figure(value_of(stations, "Call sign", "KZLT", _r_kw)
            - value_of(stations, "Call sign", "KWVR", _r_kw))),
    ("stations", "which stations run at less than 1 kW?",
     names(stations, _r_kw < 1, "Call sign")),
    # traps
    # power is given in kW only; the question asks watts
    ("stations", "how many stations broadcast with more than 20,000 watts?",
     only_unit(stations, "Power (kW)", "(kw)", ("watt", "(w)"), "power")),
    # frequency is given in MHz only, and kHz appears nowhere
    ("stations", "which stations are below 1000 kHz?",
     only_unit(stations, "Frequency", "MHz", ("khz",), "frequenc")),
]

# facts the trap comments rely on (each trap would have an answer if read another way)
assert count(_p_m > 3000) != count(_p_prom > 3000)
assert "Prominence (m)" in peaks.columns and all(" m)" in v for v in peaks["Elevation"])
assert count(_s_len > 400 * 0.3048) != 0       # converting would give an answer: decline instead
assert count(_r_kw > 20) != 0                    # likewise 20,000 W = 20 kW
assert count(_k_trails > 100 / 1.609344) != 0    # likewise 100 km of trails
assert count(_p_prom > 5000 * 0.3048) != 0       # likewise 5,000 ft of prominence

ANSWERABLE_COUNT = 42
TRAP_COUNT = 13
assert len(UNIT_QUESTIONS) == ANSWERABLE_COUNT + TRAP_COUNT, len(UNIT_QUESTIONS)
assert sum(a is None for _t, _q, a in UNIT_QUESTIONS) == TRAP_COUNT
assert len({q.lower() for _t, q, _a in UNIT_QUESTIONS}) == len(UNIT_QUESTIONS)
for _t, _q, _a in UNIT_QUESTIONS:
    assert _t in TABLES and TABLES[_t] is globals()[_t], _t
    assert _a is None or isinstance(_a, (bool, int, float, str, list)), (_q, type(_a))
    if isinstance(_a, list):
        assert len(_a) >= 2 and all(isinstance(x, str) for x in _a), (_q, _a)
    assert not hasattr(_a, "dtype"), (_q, type(_a))
    _ql = _q.lower()
    # a count of rows ("how many peaks ...", "number of parks ...") is an int; "how many metres
    # tall is ...", "how many miles of trails ..." and "how many kW more ..." read a figure
    if _a is not None and re.match(r"(how many|number of) (of the )?(buildings|peaks|parks|ships|"
                                   r"stations)\b", _ql):
        assert isinstance(_a, int) and not isinstance(_a, bool), (_q, _a)
    if _a is not None and _ql.startswith(("was ", "did ", "is ", "are ", "does ")):
        assert isinstance(_a, bool), (_q, _a)
    # no question names a long header (several words or a unit in brackets) exactly
    for _c in TABLES[_t].columns:
        if " " in _c or "(" in _c:
            assert _c.lower() not in _ql, (_q, _c)

# every table survives a CSV round trip with its cells as written
for _name, _df in TABLES.items():
    _buf = _io.StringIO()
    _df.to_csv(_buf, index=False)
    _back = pd.read_csv(_io.StringIO(_buf.getvalue()), dtype=str, keep_default_na=False)
    assert list(_back.columns) == list(_df.columns), _name
    assert (_back.values == _df.astype(str).values).all(), _name

if __name__ == "__main__":
    print(len(UNIT_QUESTIONS), "questions:", ANSWERABLE_COUNT, "answerable,", TRAP_COUNT, "traps")
    for _t, _q, _a in UNIT_QUESTIONS:
        print(f"{_t:9} | {_q:72} | {_a!r}")

"""Numbers written with their unit in the cells: one unit ('3,465 ft'), two ('90 metres (295 ft)', '14,505 ft' over
'4,421 m', '629 / 192' under 'Height ft / m'), and what is no unit at all (scores, years in names, words)."""

from __future__ import annotations

import polars as pl

from etl_core.quantities import canonical_unit, unit_number_expr, unit_numbers, unit_pairs


def test_a_unit_is_known_in_the_forms_tables_and_questions_write_it():
    assert [canonical_unit(w) for w in ("metres", "m", "km²", "sq. mi", "square kilometers", "km squared", "MHz",
                                        "tonnes", "kW", "knots", "inches")] == \
        ["m", "m", "km2", "mi2", "km2", "km2", "mhz", "t", "kw", "kn", "in"]
    assert canonical_unit("goals") is None and canonical_unit("") is None
    assert canonical_unit("M") is None and canonical_unit("£m") is None  # millions, money


def test_two_units_in_a_cell_are_read_as_two_figures():
    frame = pl.DataFrame({
        "Height": ["90 metres (295 ft)", "48 metres (157 ft)", "—"],
        "Elevation": ["14,505 ft\n4,421 m", "14,000 ft\n4,267 m", "3,465 ft\n1,056 m"],
        "Land area": ["10.65 sq mi (27.6 km²)", "1 sq mi (2.6 km²)", "2 sq mi (5.2 km²)"],
        "Height\nft / m": ["629 / 192", "500 / 152", "310 / 94"],
    })
    pairs = unit_pairs(frame, skip=[])
    assert {n: (p.first, p.second) for n, p in pairs.items()} == {
        "Height": ("metres", "ft"), "Elevation": ("ft", "m"), "Land area": ("sq mi", "km²"), "Height\nft / m": ("ft", "m")}
    read = frame.with_columns(e for n, p in pairs.items() for e in p.exprs(n))
    assert read["Height (ft)"].to_list() == [295, 157, None] and read["Height"].to_list() == [90, 48, None]
    assert read["Elevation"].to_list() == [14505, 14000, 3465] and read["Elevation (m)"].to_list() == [4421, 4267, 1056]
    assert read["Land area (km²)"].to_list() == [27.6, 2.6, 5.2]
    assert read["Height (m)"].to_list() == [192, 152, 94] and read["Height\nft / m"].to_list() == [629, 500, 310]


def test_what_is_no_unit_stays_text():
    frame = pl.DataFrame({
        "Score": ["3–1", "2–2", "0–1"],  # a result, not a quantity
        "Event": ["2007 Worlds", "1998 FIFA World Cup", "2010 Games"],  # a year in a name
        "Mixed": ["12 ft (3.7 m)", "40 kg (88 lb)", "9 ft (2.7 m)"],  # not the same two units in every cell
        "W/L": ["10 / 4", "8 / 6", "3 / 11"],  # no units in the header
    })
    assert unit_pairs(frame, skip=[]) == {}
    assert unit_numbers(frame, skip=[]) == {}
    assert unit_numbers(pl.DataFrame({"Displacement": ["1,450 tonnes", "1,440 tonnes", "Unknown", "4,000 tonnes",
                                                                      "2,100 tonnes", "880 tonnes"]}),
                        skip=[]) == {"Displacement": "tonnes"}


def test_a_hostile_header_is_read_in_linear_time():
    """A header of 100,000 letters before 'ft / m' (a file made to stall the reader) is no header of two units."""
    frame = pl.DataFrame({"a" * 100_000 + " ft / m": ["1 / 2", "3 / 4", "5 / 6"]})
    assert unit_pairs(frame, skip=[]) == {}


def test_a_compound_quantity_a_decimal_comma_and_a_day_are_not_two_units():
    frame = pl.DataFrame({"Running time": ["1 h 30 min", "2 h 5 min", "1 h 45 min"],
                          "Height": ["1 m 80 cm", "1 m 95 cm", "2 m 5 cm"], "Day": ["12 May", "3 June", "9 May"],
                          "Start": ["9am", "10am", "2pm"]})
    assert unit_pairs(frame, skip=[]) == {}
    assert unit_numbers(frame, skip=[]) == {}
    legs = pl.DataFrame({"Distance": ["2,5 km", "10,4 km", "1,450 km"]})
    read = legs.with_columns(unit_number_expr("Distance"))
    assert read["Distance"].to_list() == [2.5, 10.4, 1450.0]

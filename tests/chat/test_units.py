"""Figures with units: in the header ('Elevation (m)'), in every cell ('3,465 ft', '1,450 tonnes', '97.9 MHz') or
twice in a cell ('90 metres (295 ft)', '629 / 192' under 'Height ft / m'). The unit a question names picks the figure
kept in it; a figure kept in another unit of the same kind is never compared with it (no silent conversion), and a
question in a unit the table does not have is declined, saying which unit it has."""

from __future__ import annotations

import polars as pl

from etl_core.chat import answer_question
from etl_core.chat.prepare import prepare

BUILDINGS = {"buildings": pl.DataFrame({
    "Name": ["Ratan Planet", "Krishna Tower", "Sai Heights", "Old Mill", "Harbour Point"],
    "Height": ["90 metres (295 ft)", "48 metres (157 ft)", "61 metres (200 ft)", "—", "152 metres (499 ft)"],
    "Floors": [16, 12, 18, 5, 41],
})}
PEAKS = {"peaks": pl.DataFrame({
    "Peak": ["Whitney", "Williamson", "Keith", "Hood", "Saka"],
    "Elevation": ["14,505 ft", "14,379 ft", "13,982 ft", "11,249 ft", "3,465 ft"],
    "Prominence (m)": [3072, 506, 403, 2350, 1000],
})}
SHIPS = {"ships": pl.DataFrame({
    "Class": ["Rari class", "Malabar class", "UT507 class", "UT515 class", "UT710 class"],
    "Displacement": ["1,450 tonnes", "1,440 tonnes", "1,500 tonnes", "4,000 tonnes", "2,100 tonnes"],
    "Length": ["58 m", "51 m", "63 m", "72 m", "60 m"],
})}
STATIONS = {"stations": pl.DataFrame({
    "Branding": ["Mom's Radio 97.9", "DYAP 88.3", "Radyo 101.5", "Kiss 104.3"],
    "Frequency": ["97.9 MHz", "88.3 MHz", "101.5 MHz", "104.3 MHz"],
    "Power (kW)": [5, 10, 25, 1],
})}


def ask(question: str, tables: dict):
    return answer_question(question, tables)


def test_a_unit_in_every_cell_is_the_unit_a_question_names():
    assert ask("how many peaks are below 12,000 feet?", PEAKS).value == 2
    assert ask("how many ships displace more than 1,450 tonnes?", SHIPS).value == 3
    assert ask("what is the difference in tonnes between the malabar class and the ut507 class?", SHIPS).value == 60
    assert ask("which station has the least amount of mhz?", STATIONS).value == "DYAP 88.3"
    assert ask("which station has the lowest frequency?", STATIONS).value == "DYAP 88.3"  # a column, not a count
    assert ask("how many stations have at least 5 kw?", STATIONS).value == 3
    assert ask("how many kW more does Radyo 101.5 put out than DYAP 88.3?", STATIONS).value == 15


def test_two_units_in_a_cell_answer_in_the_unit_asked():
    assert ask("which buildings are taller than 150 metres?", BUILDINGS).value == "Harbour Point"
    assert ask("how many buildings stand at least 200 feet tall?", BUILDINGS).value == 3
    assert ask("of the buildings, which is only 48 meters tall?", BUILDINGS).value == "Krishna Tower"
    assert ask("how tall in feet is the tallest building?", BUILDINGS).value == 499
    assert ask("which building is the tallest?", BUILDINGS).value == "Harbour Point"  # one figure, not asked back
    notes = prepare(BUILDINGS["buildings"]).notes
    assert any("two units" in n and "'Height (ft)'" in n for n in notes), notes


def test_a_header_naming_two_units_reads_both_numbers():
    towers = {"buildings": pl.DataFrame({"Name": ["Rhodes", "LeVeque", "Huntington", "Miranova"],
                                      "Height\nft / m": ["629 / 192", "555 / 169", "512 / 156", "198 / 60"]})}
    assert ask("what is the number of buildings under 200 ft?", towers).value == 1
    assert ask("which buildings are taller than 160 m?", towers).value == ["LeVeque", "Rhodes"]


def test_a_unit_the_table_does_not_keep_is_declined_not_converted():
    for question, tables in (("how many peaks are taller than 2.5 miles?", PEAKS),
                             ("how many ships are longer than 200 feet?", SHIPS),
                             ("how many stations transmit more than 5,000 watts?", STATIONS)):
        answer = ask(question, tables)
        assert answer.value is None, (question, answer.text)
    declined = ask("how many ships are longer than 200 feet?", SHIPS)
    assert "'Length' is in" in declined.text and "metres" in declined.text


def test_a_unit_fits_the_figure_the_words_name():
    assert ask("which peaks have a prominence of more than 2,000 m?", PEAKS).value == ["Hood", "Whitney"]
    assert ask("how many peaks have more than 2,000 m of prominence?", PEAKS).value == 2
    trails = {"parks": pl.DataFrame({"Park": ["Eagle Ridge", "Cedar Hollow", "Pine Barrens"],
                                     "Trails (miles)": [67.5, 12.0, 30.0], "Area (km²)": [120.5, 40.2, 310.0]})}
    assert ask("how many miles of trails does Eagle Ridge have?", trails).value == 67.5
    assert ask("which parks have at least 30 miles of trails?", trails).value == ["Eagle Ridge", "Pine Barrens"]
    assert ask("how many parks are above 100 square kilometers in size?", trails).value == 2
    assert ask("how many parks cover less than 50 km squared?", trails).value == 1


def test_how_much_is_a_figure_never_a_name():
    answer = ask("how much taller is the peak of williamson than that of keith?", PEAKS)
    assert answer.value is None or isinstance(answer.value, int | float)


def test_a_figure_named_in_another_unit_than_its_own_is_declined_and_money_is_no_unit():
    peaks = {"peaks": pl.DataFrame({"Peak": ["A", "B", "C"], "Height": ["3,000 ft", "5,000 ft", "4,000 ft"],
                                    "Length": ["12 m", "30 m", "7 m"]})}
    for question in ("average height in m", "peaks higher than 1000 m", "how many peaks are taller than 70 inches?"):
        declined = ask(question, peaks)
        assert declined.value is None and "'Height' is in feet" in declined.text, (question, declined.text)
    assert abs(ask("average length in m", peaks).value - 49 / 3) < 1e-5
    roads = {"roads": pl.DataFrame({"Road": ["A", "B", "C"], "Length (km)": [12, 40, 7], "Cost (£m)": [300, 95, 1200]})}
    assert ask("what is the total length in km?", roads).value == 59  # '£m' is millions of pounds, not metres

"""Numbers written with a unit: '3,465 ft', '1,450 tonnes', '656 km2', and two units in one cell ('90 metres (295 ft)',
'14,505 ft' over '4,421 m', '629 / 192' under a header 'Height ft / m'). For reading a table, not for storing it: the
number in the unit it is written in, and which unit that is."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from etl_core.inference import LONG_CELL, PLACEHOLDERS, few_words

# each unit in the forms tables and questions write it
UNITS = {"m": {"m", "metre", "metres", "meter", "meters", "mtr", "mtrs"}, "ft": {"ft", "feet", "foot"},
         "km": {"km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"}, "mi": {"mi", "mile", "miles"},
         "kg": {"kg", "kgs", "kilogram", "kilograms", "kilo", "kilos"}, "lb": {"lb", "lbs"},
         "min": {"min", "mins", "minute", "minutes"}, "s": {"s", "sec", "secs", "second", "seconds"},
         "h": {"h", "hr", "hrs", "hour", "hours"}, "cm": {"cm", "centimetre", "centimetres", "centimeters"},
         "km2": {"km2", "sq km", "square kilometres", "square kilometers", "square km", "km squared",
                 "square kilometre", "square kilometer", "sqkm"},
         "km3": {"km3", "cubic kilometres", "cubic kilometers", "cubic km"},
         "mi2": {"mi2", "sq mi", "square miles", "square mile", "sqmi", "miles squared"},
         "m2": {"m2", "sq m", "square metres", "square meters", "metres squared", "meters squared"},
         "ft2": {"ft2", "sq ft", "square feet", "square foot", "sqft"},
         "ha": {"ha", "hectare", "hectares"}, "acre": {"acre", "acres"},
         "t": {"t", "tonne", "tonnes", "ton", "tons", "metric tons"}, "kw": {"kw", "kilowatt", "kilowatts"},
         "mw": {"mw", "megawatt", "megawatts"}, "hp": {"hp", "horsepower"}, "kn": {"kn", "knot", "knots", "kt", "kts"},
         "mhz": {"mhz", "megahertz"}, "khz": {"khz", "kilohertz"}, "mph": {"mph"}, "kmh": {"km h", "kmh", "kph"},
         "g": {"g", "gram", "grams"}, "l": {"l", "litre", "litres", "liter", "liters"}, "in": {"inch", "inches"}}
FORMS = {form: unit for unit, forms in UNITS.items() for form in forms}
NAMES = {"m": "metres", "ft": "feet", "km": "kilometres", "mi": "miles", "kg": "kilograms", "lb": "pounds",
         "min": "minutes", "s": "seconds", "h": "hours", "cm": "centimetres", "km2": "square kilometres",
         "km3": "cubic kilometres", "mi2": "square miles", "m2": "square metres", "ft2": "square feet", "ha": "hectares",
         "acre": "acres", "t": "tonnes", "kw": "kW", "mw": "MW", "hp": "horsepower", "mhz": "MHz", "khz": "kHz",
         "mph": "mph", "kmh": "km/h", "kn": "knots", "g": "grams", "l": "litres", "in": "inches"}  # how a message names each


def canonical_unit(written: str) -> str | None:
    """'metres', 'km²', 'sq. mi' -> 'm', 'km2', 'mi2'; None for a word that is no unit, for money ('£m', '$bn') and for
    a capital 'M' (millions more often than metres)."""
    if re.search(r"[$£€¥]", written) or written.strip() in ("M", "T", "G"):
        return None
    text = unicodedata.normalize("NFKD", written).lower()
    text = " ".join(re.findall(r"[a-z0-9]+", text))
    return FORMS.get(text) or FORMS.get(text.replace(" ", ""))


@lru_cache(maxsize=10_000)
def header_unit(name: str) -> str | None:
    """The unit a column's name gives: 'Elevation (m)', 'Area in km²', 'Length (miles)', 'max. depth in meter'; not
    a header that is one short word ('M', 'T')."""
    words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", name).lower())
    inside = re.findall(r"[(\[]([^)\]]*)[)\]]", name)
    tail = [" ".join(words[-2:]), words[-1]] if len(words) > 1 or words and len(words[0]) > 2 else []
    for text in [*inside[::-1], *tail]:
        unit = canonical_unit(text)
        if unit is not None:
            return unit
    return None


NOT_UNITS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
             "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
             "am", "pm", "a.m.", "p.m.", "st", "nd", "rd", "th"}
_NUMBER = r"([-+]?\d[\d,]*(?:\.\d+)?)"
_UNIT_WORD = r"((?:sq\.?\s?|square\s|cubic\s)?[^\W\d_][^\W\d_]*\.?[²³23]?)"
_ONE = re.compile(rf"^\s*{_NUMBER}\s*([^\d\s(\[/,;:][^\d\s(\[/,;:]*[23]?)\b(?:\s*[\(\[].*)?$")
# two quantities with a bracket, a slash or a line between them ('1 h 30 min' is one quantity, not two)
_TWO = re.compile(rf"^\s*{_NUMBER}\s*{_UNIT_WORD}[ \t]*(?:[(/\[]|\n)\s*{_NUMBER}\s*{_UNIT_WORD}\s*[)\]]?\s*$")
_BARE_TWO = re.compile(rf"^\s*{_NUMBER}\s*[(/]\s*{_NUMBER}\s*\)?\s*$")
MAX_HEADER = 120  # the header pattern backtracks on long text; a header naming two units is short
_HEADER_TWO = re.compile(r"^(.*?)[\s(\[]*([^\W\d_]+[²³23]?)\s*[/(]\s*([^\W\d_]+[²³23]?)\s*[)\]]?\s*$", re.S)


def _cells(sample: pl.DataFrame, name: str) -> list[str] | None:
    """The cells with a number, unless one is longer than a figure is ever written (the patterns would crawl over it)."""
    split = few_words([v.strip() for v in sample[name].drop_nulls().to_list() if v.strip().lower() not in PLACEHOLDERS])
    return split[0] if split is not None and all(len(v) <= LONG_CELL for v in split[0]) else None


def unit_numbers(sample: pl.DataFrame, skip: list[str]) -> dict[str, str]:
    """Text columns of numbers with one unit after them ('49.8 te (496 kN)', '20 mph', '1,200 ft', '656 km2'), a few
    cells of words aside ('Unmeasured'): the unit as written."""
    found: dict[str, str] = {}
    for name, dtype in sample.schema.items():
        if dtype != pl.String or name in skip:
            continue
        cells = _cells(sample, name)
        matched = [_ONE.match(v) for v in cells or []]
        if not matched or not all(matched):
            continue
        units = {m.group(2).lower() for m in matched}
        if all(re.fullmatch(r"1[89]\d\d|20\d\d", m.group(1)) for m in matched):
            continue  # '2007 Worlds', '1998 FIFA World Cup': a year in a name, not a quantity
        if units & NOT_UNITS:
            continue  # '12 May', '9am', '21st': a day, a time, a place
        if len(units) == 1 and len(next(iter(units))) <= 12:
            found[name] = next(iter(units))
    return found


def number_of(text: pl.Expr) -> pl.Expr:
    """'1,450' is 1450 and '2,5' is 2.5: a comma before three digits groups thousands, any other is a decimal point."""
    return text.str.replace_all(r",(\d{3})\b", "$1").str.replace(",", ".").cast(pl.Float64, strict=False)


def unit_number_expr(name: str) -> pl.Expr:
    text = pl.col(name).str.strip_chars()
    return number_of(text.str.extract(rf"^{_NUMBER}", 1)).alias(name)


@dataclass(frozen=True)
class Pair:
    """A figure given in two units in each cell: its name without the units, the two units as written, and whether
    the cells are bare numbers with the units in the header."""

    base: str
    first: str
    second: str
    bare: bool = False

    def names(self, name: str) -> tuple[str, str]:
        """The columns it is read into: the first unit keeps the column's name; the second is named with its unit."""
        return name, f"{self.base} ({self.second})"

    def exprs(self, name: str) -> list[pl.Expr]:
        parts = pl.col(name).str.strip_chars().str.extract_groups((_BARE_TWO if self.bare else _TWO).pattern)
        first, second = self.names(name)
        return [number_of(parts.struct.field(str(i))).alias(alias)
                for i, alias in ((1, first), (2 if self.bare else 3, second))]


def unit_pairs(sample: pl.DataFrame, skip: list[str]) -> dict[str, Pair]:
    """Text columns that give each figure in two units, the same two in every cell: '90 metres (295 ft)', '14,505 ft'
    over '4421 m', or bare numbers '629 / 192' under a header naming both ('Height ft / m'). For each: the name of
    the figure without its units, and the two units as written."""
    found: dict[str, Pair] = {}
    for name, dtype in sample.schema.items():
        if dtype != pl.String or name in skip:
            continue
        cells = _cells(sample, name)
        if not cells:
            continue
        header = _HEADER_TWO.match(name) if len(name) <= MAX_HEADER else None  # a longer 'header' is a note
        if header and canonical_unit(header.group(2)) and canonical_unit(header.group(3)) and \
                all(_BARE_TWO.match(v) for v in cells):
            base = header.group(1).strip() or name
            found[name] = Pair(base, header.group(2), header.group(3), bare=True)
            continue
        matched = [_TWO.match(v) for v in cells]
        if not all(matched):
            continue
        units = {(canonical_unit(m.group(2)), canonical_unit(m.group(4))) for m in matched}
        first, second = next(iter(units))
        if len(units) == 1 and first and second and first != second:
            found[name] = Pair(re.sub(r"\s*[(\[][^)\]]*[)\]]\s*$", "", name).strip() or name,
                               matched[0].group(2).strip(), matched[0].group(4).strip())
    return found


DIMENSIONS = {"m": "length", "ft": "length", "in": "length", "km": "length", "mi": "length", "cm": "length",
              "km2": "area", "mi2": "area", "m2": "area", "ft2": "area", "ha": "area", "acre": "area",
              "km3": "volume", "l": "volume", "kg": "mass", "lb": "mass", "t": "mass", "g": "mass",
              "kw": "power", "mw": "power", "hp": "power", "mhz": "frequency", "khz": "frequency",
              "mph": "speed", "kmh": "speed", "kn": "speed", "min": "time", "s": "time", "h": "time"}


_PLACE = re.compile(r"^\s*(\d{1,3})(?:st|nd|rd|th)\s*(?:[(\[][^)\]]*[)\]])?\s*$", re.I)  # '15th (q)', not '1st race: 11.8 s'
ROUNDS = {"qf", "sf", "f", "w", "r16", "r32", "r64", "r128", "rr", "q1", "q2", "q3", "1r", "2r", "3r", "4r", "l", "win",
          "final", "semifinal", "quarterfinal", "group", "groups"}  # rounds reached, not places: '2nd' is a round there
NOT_PLACES = {"edition", "round", "day", "anniversary", "congress", "session", "term", "parliament", "assembly", "stage",
              "week", "game", "legislature", "district", "date", "ed"}  # ordinals of other things
PLACE_WORDS_SHARE = 0.4  # 'DNF', 'DNS', 'Ret', '—' beside the places in a career's results


def place_columns(sample: pl.DataFrame, skip: list[str]) -> list[str]:
    """Text columns of places written as ordinals ('1st', '7th', '15th (q)'), with some cells of words ('DNF',
    'DNQ'): read as numbers beside them to rank and compare, while the cells stay as written."""
    found = []
    for name, dtype in sample.schema.items():
        if dtype != pl.String or name in skip:
            continue
        cells = [v.strip() for v in sample[name].drop_nulls().to_list() if v.strip().lower() not in PLACEHOLDERS]
        if any(len(v) > LONG_CELL for v in cells):
            continue
        places = [v for v in cells if _PLACE.match(v)]
        words = {v.lower() for v in cells if not _PLACE.match(v)}
        if len(places) >= 3 and len(cells) - len(places) <= PLACE_WORDS_SHARE * len(cells) and \
                all(_PLACE.match(v) or not re.search(r"\d", v) for v in cells) and not words & ROUNDS and \
                not set(re.findall(r"[a-z]+", name.lower())) & NOT_PLACES:
            found.append(name)
    return found


def place_name(name: str) -> str:
    return f"{name} (place)"


def place_expr(name: str) -> pl.Expr:
    return pl.col(name).str.extract(_PLACE.pattern, 1).cast(pl.Int64, strict=False).alias(place_name(name))

"""Nationality words and the countries they name, as tables write a country: its name ('Italy'), its code alone
('ITA') or in brackets after a name ('Mario Cipollini (ITA)'). 'How many Italian cyclists' finds the Italian rows."""

from __future__ import annotations

import re

from etl_core.chat.catalogue import Catalogue, Column
from etl_core.chat.wording import key

# adjective (and the people) -> the country's names, then its codes (IOC and FIFA where they differ)
COUNTRIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "american": (("united states", "usa", "america", "united states of america"), ("USA", "US")),
    "argentine": (("argentina",), ("ARG",)), "argentinian": (("argentina",), ("ARG",)),
    "australian": (("australia",), ("AUS",)), "austrian": (("austria",), ("AUT",)),
    "belgian": (("belgium",), ("BEL",)), "brazilian": (("brazil",), ("BRA",)), "british": (("great britain",
                                                                                            "united kingdom"), ("GBR",)),
    "bulgarian": (("bulgaria",), ("BUL",)), "canadian": (("canada",), ("CAN",)), "chilean": (("chile",), ("CHI",)),
    "chinese": (("china", "people's republic of china"), ("CHN",)), "colombian": (("colombia",), ("COL",)),
    "croatian": (("croatia",), ("CRO",)), "cuban": (("cuba",), ("CUB",)), "czech": (("czech republic", "czechia"),
                                                                                  ("CZE",)),
    "danish": (("denmark",), ("DEN",)), "dutch": (("netherlands", "the netherlands", "holland"), ("NED",)),
    "egyptian": (("egypt",), ("EGY",)), "english": (("england",), ("ENG",)), "estonian": (("estonia",), ("EST",)),
    "ethiopian": (("ethiopia",), ("ETH",)), "finnish": (("finland",), ("FIN",)), "french": (("france",), ("FRA",)),
    "german": (("germany", "west germany"), ("GER", "FRG")), "greek": (("greece",), ("GRE",)),
    "hungarian": (("hungary",), ("HUN",)), "icelandic": (("iceland",), ("ISL",)), "indian": (("india",), ("IND",)),
    "iranian": (("iran",), ("IRI", "IRN")), "irish": (("ireland",), ("IRL",)), "israeli": (("israel",), ("ISR",)),
    "italian": (("italy",), ("ITA",)), "jamaican": (("jamaica",), ("JAM",)), "japanese": (("japan",), ("JPN",)),
    "kenyan": (("kenya",), ("KEN",)), "latvian": (("latvia",), ("LAT",)), "lithuanian": (("lithuania",), ("LTU",)),
    "mexican": (("mexico",), ("MEX",)), "moroccan": (("morocco",), ("MAR",)), "new zealand": (("new zealand",),
                                                                                             ("NZL",)),
    "nigerian": (("nigeria",), ("NGR",)), "norwegian": (("norway",), ("NOR",)), "polish": (("poland",), ("POL",)),
    "portuguese": (("portugal",), ("POR",)), "romanian": (("romania",), ("ROU",)), "russian": (("russia",), ("RUS",)),
    "scottish": (("scotland",), ("SCO",)), "serbian": (("serbia",), ("SRB",)), "slovak": (("slovakia",), ("SVK",)),
    "slovenian": (("slovenia",), ("SLO",)), "south african": (("south africa",), ("RSA",)),
    "south korean": (("south korea",), ("KOR",)),  # not 'korean': North Korea is Korean too
    "spanish": (("spain",), ("ESP",)), "swedish": (("sweden",), ("SWE",)), "swiss": (("switzerland",), ("SUI",)),
    "turkish": (("turkey",), ("TUR",)), "ukrainian": (("ukraine",), ("UKR",)), "welsh": (("wales",), ("WAL",)),
}
PEOPLE_OF = {"americans": "american", "argentines": "argentine", "australians": "australian", "austrians": "austrian",
             "belgians": "belgian", "brazilians": "brazilian", "britons": "british", "canadians": "canadian",
             "danes": "danish", "dutchmen": "dutch", "englishmen": "english", "finns": "finnish", "frenchmen": "french",
             "germans": "german", "greeks": "greek", "hungarians": "hungarian",
             "italians": "italian", "jamaicans": "jamaican", "kenyans": "kenyan", "mexicans": "mexican",
             "new zealanders": "new zealand",
             "south koreans": "south korean", "norwegians": "norwegian", "poles": "polish", "russians": "russian",
             "scots": "scottish", "spaniards": "spanish", "swedes": "swedish", "turks": "turkish"}


NAMED = {name: demonym for demonym, (names, _) in COUNTRIES.items() for name in names if " " not in name or
         name == "new zealand"}  # 'from canada' where the table writes CAN


def country_cells(word: str, catalogue: Catalogue, tables: list[str]) -> list[tuple[Column, object]]:
    """The cells of the country a nationality word names, in the one column that holds them: its name or its code
    as the whole cell, else its code in capitals inside cells ('Mario Cipollini (ITA)'). None when the word is no
    nationality or its country stands in no column (or in several)."""
    demonym = PEOPLE_OF.get(word) or NAMED.get(word, word)
    if demonym not in COUNTRIES:
        return []
    names, codes = COUNTRIES[demonym]
    found = [(c, v) for form in (*names, *(code.lower() for code in codes)) for c, v in catalogue.values.get(form, [])
             if c.table in tables and _of_countries(catalogue, c)]
    if not found:  # a code in brackets after a name: 'Mario Cipollini (ITA)', never 'CAN-AM' or 'US Open'
        patterns = [re.compile(rf"[(\[]{code}[)\]]") for code in codes]
        found = [(c, cell) for code in codes for c, cell in catalogue.inside.get(code.lower(), [])
                 if c.table in tables and any(p.search(str(cell)) for p in patterns)]
    columns = {c for c, _ in found}
    return list(dict.fromkeys(found)) if len(columns) == 1 else []


COUNTRY_PARTS = {"country", "countries", "nation", "nations", "nationality", "nat", "noc", "citizenship", "represented",
                 "representing", "federation"}
KNOWN = {form for names, codes in COUNTRIES.values() for form in (*names, *(c.lower() for c in codes))}


def _of_countries(catalogue: Catalogue, column: Column) -> bool:
    """A column of countries: named so ('Nationality', 'Nation'), or half its values are countries or their codes
    ('DEN' in a column of NBA teams is Denver; 'China' among 'Porcelain' and 'Glass' is the dishware)."""
    if set(column.parts) & COUNTRY_PARTS:
        return True
    texts = catalogue.texts.get((column.table, column.name), [])
    known = sum(1 for t in texts if key(str(t)) in KNOWN or key(re.sub(r"\s*[(\[][^)\]]*[)\]]", "", str(t))) in KNOWN)
    return bool(texts) and known > 0.5 * len(texts)

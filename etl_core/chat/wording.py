"""The forms words are compared in: folded keys, a column name's words, singulars, rough stems and the idea a word
stands for."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from etl_core.chat.vocabulary import SYNONYMS
from etl_core.quantities import FORMS


def key(text: object) -> str:
    """The form values and phrases are compared in: no accents, lower case, words joined by one space."""
    return _key(str(text))


@lru_cache(maxsize=200_000)  # every question builds the catalogue of its tables again: their cells repeat
def _key(folded: str) -> str:
    if not folded.isascii():  # most cells: nothing to fold, and folding them letter by letter is most of a build
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.lower()
    folded = re.sub(r"(?<=\w)['’]s\b", " s", folded)  # "team's" -> "team s", as questions are split
    return " ".join(re.findall(r"[a-z0-9]+", folded.replace("%", " percent ").replace("&", " and ")))


def words(text: str) -> list[str]:
    """Lower-case word parts: 'Unit Price ($)' -> ['unit', 'price']; 'YTD_REV' -> ['ytd', 'rev']; '% of votes' ->
    ['percent', 'of', 'votes']; '#' is 'number'."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", str(text)).replace("#", " number ")
    return key(spaced).split()


def name_words(text: str) -> list[str]:
    """A column name's words without a unit or note in brackets, or the units after it: 'Area (km²)', 'Area in km²'
    and 'Height ft / m' are named 'area', 'area' and 'height'."""
    bare = re.sub(r"\s*[\(\[][^)\]]*[\)\]]", " ", str(text))
    found = words(bare) or words(text)
    units = 0
    while len(found) > 1 and FORMS.get(found[-1]) not in (None, "h", "min", "s") and (len(found[-1]) > 1 or found[-1] == "m"):
        # not a time ('resolution_hours' is named by its hours)
        found, units = found[:-1], units + 1
    return found[:-1] if units and len(found) > 1 and found[-1] == "in" else found


@lru_cache(maxsize=50_000)
def singular(word: str) -> str:
    """'categories' -> 'category', 'boxes' -> 'box', 'statuses' and 'status' -> 'status', 'purchases' -> 'purchase'."""
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    stem = word[:-2]
    if len(word) > 3 and word.endswith("es") and (stem.endswith(("ss", "x", "z", "ch", "sh"))
                                                  or stem.endswith("us") and not stem.endswith(("ous", "aus"))):
        return stem
    if len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def stem(word: str) -> str:
    """A rough root, so 'survived', 'survivors' and 'survival' meet: plural, then -ed, -ing, -or, -er, -al."""
    word = singular(word)
    for ending in ("ment", "ing", "ed", "or", "er", "al", "ion", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=50_000)
def concept(word: str) -> str:
    """The idea a word stands for: 'sales' and 'turnover' are revenue, 'qty' is quantity."""
    forms = {word, singular(word)}
    for name, group in SYNONYMS.items():
        if forms & group or forms & {singular(g) for g in group} or name in forms:
            return name
    return singular(word)

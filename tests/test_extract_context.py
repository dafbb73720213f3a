"""Where a claim is when its sentence does not say: the document's places (extract/context.py),
and which of a sentence's places and dates are a count's own (extract/count_fields.own_places)."""

from __future__ import annotations

import pytest

from _extract_helpers import number, records
from enforcement_tracker.errors import ExtractError
from enforcement_tracker.extract.context import anaphora, nationwide, parse_anaphora


def _places(r: dict) -> list[tuple[str, str]]:
    return sorted((p["name"], p["state"]) for p in r["places"])


def _count_places(body: str, published: str = "2025-03-14") -> dict:
    return {number(r["count"]): _places(r) for r in records(body, published, kind="arrest_count")}


def test_a_dateline_places_the_count_of_its_own_sentence():
    body = "FARGO, N.D. — Federal agents arrested 31 people at a meatpacking plant on Tuesday."
    assert _count_places(body) == {31: [("Fargo", "ND")]}


def test_a_dateline_of_the_capital_is_the_national_desk_not_a_place():
    body = "WASHINGTON — Immigration officers arrested 2,300 people in the past month, officials said."
    assert _count_places(body) == {2300: []}


def test_a_dateline_in_capitals_names_the_city_not_the_state_of_that_name():
    body = "NEW YORK — Agents arrested 44 people over three days, the agency said."
    assert _count_places(body) == {44: [("New York City", "NY")]}


def test_a_dateline_with_its_date_in_brackets_is_still_a_dateline():
    body = "SPOKANE, Wash. (Feb. 3, 2026) — Deportation officers arrested 19 people during the week, ICE said."
    assert _count_places(body) == {19: [("Spokane", "WA")]}
    body = "TULSA (Feb. 3, 2026) — Deportation officers arrested 19 people during the week, ICE said."
    assert _count_places(body) == {19: [("Tulsa", "OK")]}


def test_the_capital_s_dateline_with_a_date_is_neither_a_place_nor_the_state_of_washington():
    body = ("WASHINGTON (Feb. 3, 2026) - Officers arrested 45 people in Tulsa on Monday. "
            "Officials set a goal of 75 arrests per day.")
    assert _count_places(body) == {45: [("Tulsa", "OK")]}


def test_the_two_states_points_back_at_the_two_states_named_before():
    body = ("Farm groups in Nebraska and Kansas say the raids hurt the harvest.\n\n"
            "ICE arrested 640 people in the two states last year.")
    assert _count_places(body) == {640: [("Kansas", "KS"), ("Nebraska", "NE")]}


def test_across_the_state_is_the_state_the_story_is_in():
    body = ("Advocates in Oregon have tracked the arrests for months.\n\n"
            "The agency says 118 people were arrested across the state in May.")
    assert _count_places(body) == {118: [("Oregon", "OR")]}


def test_each_city_places_a_target_in_the_cities_named_before():
    body = ("The surge reached Tucson and Phoenix in March.\n\n"
            "A supervisor set a goal of 40 arrests a day in each city, two officers said.")
    targets = records(body, kind="target")
    assert [(_places(t), t["scope"]) for t in targets] == [
        ([("Phoenix", "AZ"), ("Tucson", "AZ")], "place")]


def test_a_count_said_to_be_nationwide_stays_unplaced_beside_a_dateline():
    body = "DENVER — ICE arrested 3,100 people nationwide last week, the agency said."
    assert _count_places(body) == {3100: []}


def test_a_bare_county_takes_the_state_the_document_is_in():
    # Several states have a county of this name; the story is in Georgia.
    body = ("ATLANTA — Agents arrested 27 people in Clayton County on Friday.\n\n"
            "Clayton County officials said they were not told in advance.")
    assert _count_places(body) == {27: [("Clayton County", "GA")]}


def test_each_count_of_a_list_keeps_the_place_written_after_it():
    body = "Officers arrested 120 people in Omaha and 45 in Lincoln during the sweep."
    assert _count_places(body) == {120: [("Omaha", "NE")], 45: [("Lincoln", "NE")]}


def test_a_total_named_over_several_places_keeps_them_all():
    body = "Officers arrested 165 people across Nebraska and Iowa during the sweep."
    assert _count_places(body) == {165: [("Iowa", "IA"), ("Nebraska", "NE")]}


def test_a_clause_after_a_semicolon_keeps_its_own_place_and_date():
    body = ("In 2018, agents arrested 35 people over four days in Tulsa; in 2020, a planned sweep "
            "in Wichita was called off after protests.")
    counts = records(body, "2025-03-14", kind="arrest_count")
    assert [(number(r["count"]), _places(r), r["period"]["start"]["date"]) for r in counts] == [
        (35, [("Tulsa", "OK")], "2018-01-01")]


@pytest.mark.parametrize("text,labels", [
    ("in the two states", ["plural"]),
    ("both cities", ["plural"]),
    ("in each of the three counties", ["plural"]),
    ("across the state", ["state"]),
    ("statewide", ["state"]),
    ("the county's jail", ["county"]),
    ("That office reported", ["office"]),
    ("arrests nationwide", ["nation"]),
    ("across the country", ["nation"]),
    ("the state department said", []),
])
def test_pointing_phrases_are_found_by_their_patterns(text, labels):
    assert [a[0] for a in anaphora(text)] == labels


def test_the_number_and_kind_of_a_plural_phrase_are_read():
    assert anaphora("in the two metro areas")[0][2:] == ("city", 2)
    assert nationwide("arrests across the nation") and not nationwide("arrests across the state")


def test_a_bad_pattern_line_is_named_by_file_and_line():
    import spacy

    bad = '{"label": "plural", "pattern": [{"LOWER": "the"}]}\n{"label": "town", "pattern": [{"LOWER": "x"}]}\n'
    with pytest.raises(ExtractError) as err:
        parse_anaphora(bad, "place_anaphora.jsonl", spacy.blank("en").vocab)
    assert "line 2" in str(err.value.source) and "town" in str(err.value)


def _count_periods(body: str, published: str = "2025-06-20") -> dict:
    def span(p):
        if p is None:
            return None
        if "date" in p:
            return p["date"]
        return ((p.get("start") or {}).get("date"), (p.get("end") or {}).get("date"))
    return {number(r["count"]): span(r["period"]) for r in records(body, published, kind="arrest_count")}


def test_that_year_is_the_year_named_before():
    body = ("The agency's figures for fiscal year 2022 were released on Monday.\n\n"
            "In Atlanta, the agency made 1,420 administrative arrests that year, officials said.")
    assert _count_periods(body) == {1420: ("2021-10-01", "2022-09-30")}


def test_those_three_weeks_is_the_span_of_that_length_named_before():
    body = ("The surge ran from April 28 to May 16 across Rhode Island.\n\n"
            "ICE says 412 people were arrested across the state during those three weeks.")
    assert _count_periods(body) == {412: ("2025-04-28", "2025-05-16")}


def test_since_a_day_is_a_period_open_at_its_end():
    body = "Federal agents have arrested 81 people in Durham since Saturday, the agency said."
    assert _count_periods(body, "2025-06-18") == {81: ("2025-06-14", None)}


def test_a_year_after_for_is_the_counts_year():
    body = "The agency reported 133,500 arrests for 2019, up from 120,100 arrests for 2018."
    assert _count_periods(body) == {133500: ("2019-01-01", "2019-12-31"), 120100: ("2018-01-01", "2018-12-31")}


def test_an_office_named_beside_its_agency_is_no_place_when_the_count_names_one():
    body = ("Enforcement and Removal Operations (ERO) Tulsa arrested 212 people in Oklahoma during "
            "a two-week surge that ended Friday.")
    assert _count_places(body) == {212: [("Oklahoma", "OK")]}


def test_arrests_placed_only_by_the_office_that_made_them_are_at_its_city():
    body = "ERO Tulsa officers arrested 48 people during the week, the agency said."
    assert _count_places(body) == {48: [("Tulsa", "OK")]}


def test_counts_of_different_days_are_each_a_total_not_parts_of_the_biggest():
    body = "ICE agents arrested 47 people in Tulsa on Monday, 63 on Tuesday and 52 on Wednesday."
    scopes = {number(r["count"]): r["scope"] for r in records(body, "2025-06-20", kind="arrest_count")}
    assert scopes == {47: "total", 63: "total", 52: "total"}


def test_a_place_within_the_period_of_a_bigger_count_is_its_part():
    body = ("ICE agents arrested 300 people across Oklahoma from June 2 to June 13. Officers made 120 "
            "of the arrests in Tulsa.")
    scopes = {number(r["count"]): r["scope"] for r in records(body, "2025-06-20", kind="arrest_count")}
    assert scopes == {300: "total", 120: "part"}


@pytest.mark.parametrize("body,places", [
    # a town the model passes over, joined to a town of the gazetteer's in the same state
    ("Officers arrested 33 people in Pueblo and Canon City from May 5 to May 9.",
     [("Pueblo", "CO"), ("Cañon City", "CO")]),
    ("Officers arrested 33 people in Lima (14), Findlay (11) and Bucyrus (8).",
     [("Lima", "OH"), ("Findlay", "OH"), ("Bucyrus", "OH")]),
    # a dateline's state is the story's, whatever place a headline named before it
    ("Rally in Springfield over the arrests\n\nCONCORD, N.H. — Officers arrested 20 people in Concord and "
     "Manchester last month.", [("Concord", "NH"), ("Manchester", "NH")]),
])
def test_towns_joined_in_a_list_and_the_storys_state(body, places):
    count = next(r for r in records(body, published="2020-02-14", kind="arrest_count") if r["scope"] == "total")
    assert [(p["name"], p["state"]) for p in count["places"]] == places


def test_a_section_dateline_names_its_town_for_the_paragraphs_under_it():
    # a round-up of towns, each under a line of its own; the towns are too small for the name ruler
    body = ("Federal immigration officers carried out arrests in two Ohio towns this month.\n\n"
            "BUCYRUS, Ohio\n\n"
            "In Bucyrus, officers arrested 11 people in an operation that ended Tuesday.\n\n"
            "GALION, Ohio\n\n"
            "In Galion, officers arrested eight people on Friday.")
    counts = [(number(r["count"]), [(p["name"], p["state"]) for p in r["places"]])
              for r in records(body, published="2025-05-22", kind="arrest_count")]
    assert counts == [(11, [("Bucyrus", "OH")]), (8, [("Galion", "OH")])]
    assert not any("BUCYRUS" in r["quote"] or "GALION" in r["quote"] for r in records(body, published="2025-05-22"))



def test_towns_named_together_without_a_state_are_of_the_one_state_that_has_them_all():
    # the most populous Mansfield is in Texas; with Findlay beside it, both are Ohio's
    [count] = records("Mansfield and Findlay saw 30 arrests last week, the agency said.", published="2025-05-22",
                      kind="arrest_count")
    assert _places(count) == [("Findlay", "OH"), ("Mansfield", "OH")]
    # a state named after the list's last town is that list's own: nothing is guessed
    [count] = records("Agents arrested 30 people in Portland and Salem, Oregon, last week.", published="2025-05-22",
                      kind="arrest_count")
    assert _places(count) == [("Portland", "OR"), ("Salem", "OR")]

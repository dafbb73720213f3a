"""Targets are rates, however they are stated, and never arrest counts: sentences we wrote."""

from __future__ import annotations

import pytest

from _extract_helpers import number, records


@pytest.mark.parametrize("body,count,per", [
    ("Aides at the White House are demanding 2,500 arrests per day from the agency, two officials said.", 2500, "day"),
    ("Each field office now works under a 40-per-day quota, supervisors said.", 40, "day"),
    ("Managers were told to raise the daily rate to 1,800 arrests by spring.", 1800, "day"),
    ("White House presses agency for 2,200 arrests a day", 2200, "day"),
    ("250 — The number of arrests per day that a supervisor told staff to reach.", 250, "day"),
    # a rate someone sought or aims for is a goal, however it is worded
    ("Planners had sought about 180 arrests a day in the region, one official said.", 180, "day"),
    ("The agency aims for 600 arrests a week in the state, according to two managers.", 600, "week"),
    # wanted of someone, a goal that "was" N, what offices "must" make, "the N goal" beside its rate
    ("The administration wants ICE to make at least 500,000 arrests a year.", 500000, "year"),
    ("An ICE supervisor told agents the daily goal was 1,250.", 1250, "day"),
    ("ICE is arresting about 900 people a day, short of the 2,500 goal.", 2500, "day"),
])
def test_targets_stated_as_demands(body, count, per):
    [target] = records(body, kind="target")
    assert (number(target["count"]), target["per"]) == (count, per)
    assert count not in [number(r["count"]) for r in records(body, kind="arrest_count")]


@pytest.mark.parametrize("body,count,scope,qualifier", [
    ("The agency told each of its 25 field offices to make at least 90 arrests a day.", 90, "per_field_office", "at_least"),
    ("Each of the agency's 25 field offices must now make 70 arrests a day.", 70, "per_field_office", "exact"),
    ("Supervisors raised the arrest bar from a goal of 60 per office each day.", 60, "per_field_office", "exact"),
    ("That adds up to the 2,000 daily arrests that aides have called for.", 2000, "nationwide", "exact"),
    ("An official in Denver told managers to raise the daily rate to 1,900 arrests nationwide.", 1900, "nationwide", "exact"),
    # a request in the present tense, with a long object between the verb and "to"
    ("A directive asks each of the agency's 25 regional field offices to make 45 arrests a day.", 45,
     "per_field_office", "exact"),
    ("The memo tells ICE to reach 2,700 arrests a day by spring.", 2700, "nationwide", "exact"),
    ("Each field office is expected to produce at least 85 arrests every day, two managers said.", 85,
     "per_field_office", "at_least"),
    ("A memo asked each of its 24 field offices to aim for 20 at-large arrests a day.", 20, "per_field_office", "exact"),
])
def test_target_scope_and_hedge(body, count, scope, qualifier):
    [target] = records(body, kind="target")
    assert (number(target["count"]), target["scope"], target["count"]["qualifier"]) == (count, scope, qualifier)
    assert records(body, kind="arrest_count") == []


def test_people_sought_by_warrant_are_no_target():
    body = "Officers sought 40 people named in warrants and arrested 31 of them."
    assert records(body, kind="target") == []


def test_a_goal_with_no_rate_is_no_target():
    body = "ICE arrested 3,000 people in the operation, short of its 5,000 goal."
    assert records(body, kind="target") == []


@pytest.mark.parametrize("body", [
    "ICE had set a benchmark of 300 arrests over the two weeks, according to a planning document.",
    "Agency leaders set a goal of 300 arrests in the first month of the surge.",
    "Supervisors were told to reach a quota of 500 arrests by the end of June.",
])
def test_a_goal_for_a_whole_span_is_no_daily_target(body):
    assert records(body) == []


def test_a_daily_goal_over_a_span_is_still_a_target():
    [t] = records("ICE set a goal of 300 arrests a day over the next two weeks.", kind="target")
    assert (t["count"]["value"], t["per"]) == (300, "day")


def test_a_goal_for_a_span_joined_to_a_daily_goal_is_no_arrest_count():
    body = "Planning documents set a goal of 40 arrests a day for the operation, and about 1,200 arrests over its first month."
    assert [number(t["count"]) for t in records(body, kind="target")] == [40]
    assert records(body, kind="arrest_count") == []
    kept = "The agency set a goal of 40 arrests a day; officers made 300 arrests over the first week."
    assert [number(r["count"]) for r in records(kept, kind="arrest_count")] == [300]


def test_whoever_a_goal_is_described_to_did_not_set_it():
    body = "Planning documents described to the Example Ridge Ledger set a goal of 40 arrests a day for the operation."
    [target] = records(body, kind="target")
    assert target["issued_by"] is None


def test_a_goal_for_the_whole_operation_is_no_daily_target():
    body = "Officials had set a goal of 40 arrests for the whole operation in Greeley, two people said."
    assert records(body, kind="target") == []


@pytest.mark.parametrize("body", [
    "Agents arrested 61 people. Several of those arrested had been sought for more than five years.",
    "Officers arrested 61 people. Some had been wanted for three years, the agency said.",
])
def test_how_long_someone_was_sought_is_no_target(body):
    assert records(body, kind="target") == []


@pytest.mark.parametrize("body,expected", [
    # a second goal after "and", its count elliptical
    ("Immigration officers have been given a goal of 25 arrests a week in eastern Washington, and of 150 a week "
     "across the Seattle field office, an internal memo says.", [(25, "week"), (150, "week")]),
    ("Officers were told to make 25 arrests a day in the city and 150 a day statewide.", [(25, "day"), (150, "day")]),
    # a rate reached beside the goal is no goal
    ("Officials set a goal of 75 arrests a day, and agents made 60 arrests a day last week.", [(75, "day")]),
])
def test_every_goal_of_a_sentence_and_no_rate_reached(body, expected):
    assert [(number(r["count"]), r["per"]) for r in records(body, kind="target")] == expected


def test_a_headline_that_tells_the_goal_again_is_no_count_of_arrests():
    body = ("ICE tells Spokane officers: 25 arrests a week\n\nSPOKANE, Wash. — Immigration officers have been "
            "given a goal of 25 arrests a week in eastern Washington, an internal memo says.")
    assert records(body, kind="arrest_count") == []
    assert [(number(r["count"]), r["per"]) for r in records(body, kind="target")] == [(25, "week")]


@pytest.mark.parametrize("body,scope", [
    # a goal that names no place is the one of the operation its story tells of
    ("Immigration officers arrested 30 people in Akron and Canton during a four-day operation that ended "
     "Friday. Supervisors had set a goal of eight arrests a day, two officers said.", "place"),
    # or of the story's dateline
    ("CANTON, Ohio — Officers here were told to aim for about ten arrests a day, two officers said.", "place"),
    # a rate no office is asked for is the nation's, wherever the story is set
    ("CANTON, Ohio — Officers here work under the goal of 3,000 arrests a day, two officers said.", "nationwide"),
    ("CANTON, Ohio — Officers said the national goal of 600 arrests a day weighs on them.", "nationwide"),
])
def test_a_goal_without_a_place_of_its_own_takes_its_storys(body, scope):
    [target] = records(body, published="2024-05-20", kind="target")
    assert target["scope"] == scope
    # a place goal is where the story is: the operation's towns, else the dateline's
    assert bool(target["places"]) == (scope == "place")
    assert all(p["name"] in ("Akron", "Canton") for p in target["places"])


def test_the_rate_a_supervisor_wanted_is_a_target_and_wanted_people_are_not():
    body = "A supervisor told the teams he wanted 20 arrests a day during the sweep."
    assert [(number(t["count"]), t["per"]) for t in records(body, kind="target")] == [(20, "day")]
    assert records(body, kind="arrest_count") == []
    assert records("Police said they wanted three suspects in the robbery.", kind="target") == []


def test_a_rate_officers_were_told_to_bring_in_is_a_target():
    body = "Agents assigned to the sweep were told to bring in 12 arrests a day, one of them said."
    assert [(number(t["count"]), t["per"]) for t in records(body, kind="target")] == [(12, "day")]
    assert records(body, kind="arrest_count") == []


@pytest.mark.parametrize("body,scope,places", [
    # the administration or the nation named beside a local goal does not make it the nation's
    ("During the administration's push in Toledo, officers were told to make 50 arrests a day, two officers said.",
     "place", ["Toledo"]),
    ("National Guard troops joined ICE officers in Dayton, where supervisors set a goal of 25 arrests a day.",
     "place", ["Dayton"]),
    # a goal of another year is not the operation's
    ("Officers arrested 30 people in Akron and Canton during a three-day operation that ended Friday. In 2019, "
     "agency leaders set a goal of 700 arrests a day.", "nationwide", []),
])
def test_a_goals_scope_follows_its_own_sentence(body, scope, places):
    [target] = records(body, published="2025-06-20", kind="target")
    assert (target["scope"], [p["name"] for p in target["places"]]) == (scope, places)


def test_offices_asked_to_average_a_rate_have_a_target_and_a_rate_averaged_is_none():
    body = "The agency has asked each of its field offices to average 25 arrests a day, a memo shows."
    assert [(number(t["count"]), t["per"], t["scope"]) for t in records(body, kind="target")] == \
        [(25, "day", "per_field_office")]
    assert records("Officers averaged 25 arrests a day last week.", kind="target") == []

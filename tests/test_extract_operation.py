"""Operations: what is one, where and when, on texts we wrote."""

from __future__ import annotations

import pytest

from _extract_helpers import records


def _ops(body: str, published: str = "2025-03-14") -> list[dict]:
    return records(body, published=published, kind="operation")


@pytest.mark.parametrize("body", [
    "A Honduran national was arrested during a targeted enforcement operation in Tulsa, Oklahoma, on March 3.",
    "Mr. Ortega was arrested during a targeted enforcement operation in Reno, Nevada, on March 3.",
    "Officers from the Fugitive Operations Teams in Ohio arrested 14 people, the agency said.",
    "Agents broke up an alien smuggling operation in Laredo, Texas, and arrested 12 people.",
    "https://www.example.gov/news/operation-in-ohio-ends",
])
def test_not_operations(body):
    assert _ops(body) == []


def test_a_later_mention_dates_the_operation():
    body = ("TOPEKA, Kan. – ICE announced the conclusion of a targeted enforcement operation that resulted in "
            "the apprehension of 40 people across the state of Kansas.\n\n"
            "The ICE enforcement actions, which took place March 2 to March 6, focused on people with final orders.")
    [op] = _ops(body)
    assert [p["state"] for p in op["places"]] == ["KS"]
    assert (op["start"]["date"], op["end"]["date"]) == ("2025-03-02", "2025-03-06")
    assert op["status"] == "ended"


def test_an_operation_here_is_at_the_dateline():
    body = ("SALINA, Kan. - Immigration officers arrested 21 people during a three-day enforcement operation here "
            "which ended Tuesday.")
    [op] = _ops(body)
    assert [(p["name"], p["state"]) for p in op["places"]] == [("Salina", "KS")]
    assert op["end"]["date"] == "2025-03-11"


@pytest.mark.parametrize("body,name", [
    ("ICE ended Operation Silver Tide in Reno, Nevada, on March 3 with 80 arrests.", "Operation Silver Tide"),
    ("Officers made 80 arrests during Nationwide Operations in Reno, Nevada, that ended March 3.", None),
    ("Officers made 80 arrests during Joint Operations in Reno, Nevada, that ended March 3.", None),
])
def test_operation_names_name_rather_than_describe(body, name):
    [op] = _ops(body)
    assert op["name"] == name


def test_a_weekday_that_is_the_publication_day_is_that_day():
    # published on a Friday
    [op] = _ops("Immigration agents began an enforcement operation in Boise, Idaho, early Friday.")
    assert op["start"]["date"] == "2025-03-14"
    [op] = _ops("Immigration agents began an enforcement operation in Boise, Idaho, last Friday.")
    assert op["start"]["date"] == "2025-03-07"


def test_operations_in_general_are_none_in_particular():
    assert _ops("Agents from other agencies will join larger operations to raise the number of arrests.") == []


def test_the_first_operation_told_may_open_with_the():
    body = "The planned enforcement operation in Tulsa, Oklahoma, has been called off, officials said."
    [op] = _ops(body)
    assert op["status"] == "called_off" and [p["name"] for p in op["places"]] == ["Tulsa"]


def test_the_city_of_a_dateline():
    body = ("PUEBLO, Colo. — Federal immigration officers ended a three-day enforcement operation in the city "
            "on Thursday, having arrested 40 people.")
    [op] = _ops(body)
    assert [(p["name"], p["state"]) for p in op["places"]] == [("Pueblo", "CO")]


def test_a_stated_start_wins_and_abbreviated_saints_are_places():
    body = ("DULUTH, Minn. — Agents arrested 30 people on Monday and 25 on Tuesday in Duluth and St. Cloud, "
            "officials said, bringing the total since the surge began March 2 to more than 200.")
    [op] = _ops(body)
    assert op["start"]["date"] == "2025-03-02"
    assert sorted(p["name"] for p in op["places"]) == ["Duluth", "Saint Cloud"]
    counts = sorted(r["count"]["value"] for r in records(body, kind="arrest_count"))
    assert counts == [25, 30, 200]


def test_a_wire_credit_in_a_dateline_is_no_place():
    body = "SALINA, Kan. (Meridian) — Immigration officers arrested 21 people during an operation here that ended Tuesday."
    [op] = _ops(body)
    assert [p["name"] for p in op["places"]] == ["Salina"]


def test_today_dates_an_operation_but_not_an_announcement():
    [op] = _ops("Agents carried out a worksite enforcement operation at a plant in Waco, Texas, today.")
    assert op["start"]["date"] == "2025-03-14"
    [op] = _ops("ICE today announced the results of a three-day operation in Waco, Texas, that led to 40 arrests.")
    assert op["start"] is None


def test_operations_dated_apart_are_two_operations():
    body = ("Past operations include:\n\n"
            "· March 2021 – A national fugitive enforcement operation that resulted in 900 arrests;\n\n"
            "· June 2019 – A national fugitive enforcement operation that resulted in 700 arrests.")
    starts = sorted(op["start"]["date"] for op in _ops(body))
    assert starts == ["2019-06-01", "2021-03-01"]


@pytest.mark.parametrize("body,places", [
    ("JACKSONVILLE, Fla. — Agents arrested 90 people in Duval and Clay counties during an operation that ended Sunday.",
     [("Clay County", "FL"), ("Duval County", "FL")]),
    ("LAS VEGAS — Agents arrested 40 people in Clark County during an operation that ended Sunday.",
     [("Clark County", "NV")]),
    ("Agents made arrests during a surge in Tulsa, Omaha and Wichita that ended Sunday.",
     [("Omaha", "NE"), ("Tulsa", "OK"), ("Wichita", "KS")]),
    ("DALLAS - ICE said its officers arrested 99 fugitive aliens and other violators here during an operation "
     "that ended Thursday.", [("Dallas", "TX")]),
])
def test_places_of_an_operation(body, places):
    [op] = _ops(body)
    assert sorted((p["name"], p["state"]) for p in op["places"]) == places


def test_todays_action_with_nothing_of_its_own_is_no_operation():
    assert _ops("The figures below are preliminary numbers from today's enforcement action.") == []


def test_a_postponed_operation_is_planned():
    [op] = _ops("The immigration operation planned for Tulsa, Oklahoma, was postponed, officials said.")
    assert op["status"] == "planned" and op["start"] is None
    [op] = _ops("The immigration operation planned for Tulsa, Oklahoma, was called off, officials said.")
    assert op["status"] == "called_off"


def test_quoted_words_right_before_operation_name_it():
    body = ('ICE announced the results of a five-day targeted "Safe Harbor" enforcement operation that led '
            "to 310 arrests in March of this year.")
    [op] = records(body, published="2019-04-10", kind="operation")
    assert op["name"] == "Operation Safe Harbor" and op["start"]["date"] == "2019-03-01"


def test_the_day_an_operation_ended_is_its_end_beside_the_day_of_the_words():
    body = ("Federal agents ended a five-day enforcement operation in Tulsa on Thursday, having arrested "
            "88 people, the agency said Friday.")
    [op] = records(body, published="2025-03-15", kind="operation")
    assert (op["start"], op["end"]["date"], op["status"]) == (None, "2025-03-13", "ended")


def test_an_ongoing_commitment_is_no_status_of_the_operation():
    body = ("As part of the agency's ongoing commitment to public safety, ICE announced the results of a "
            "seven-day enforcement operation that ended March 9 with 120 arrests in Ohio.")
    [op] = records(body, published="2025-03-15", kind="operation")
    assert op["status"] == "ended"


def test_an_operation_opened_on_a_day_is_under_way():
    body = "ICE opened an enforcement operation in Tulsa on Sunday, and agents made 40 arrests by Monday."
    [op] = records(body, published="2025-03-18", kind="operation")
    assert op["status"] == "under_way" and op["start"]["date"] == "2025-03-16"


@pytest.mark.parametrize("body,name", [
    ("ICE agents surged into Raleigh on Saturday in an operation dubbed Pine Needle, making 40 arrests.",
     "Operation Pine Needle"),
    ("The Border Patrol operation in Tulsa, called Prairie Wind, began March 3 with 25 arrests.",
     "Operation Prairie Wind"),
])
def test_an_operation_called_by_a_name_has_that_name(body, name):
    [op] = records(body, published="2025-03-20", kind="operation")
    assert op["name"] == name


def test_agents_who_pulled_out_ended_the_operation():
    body = "ICE agents pulled out of Boise on Thursday after a five-day surge that led to 60 arrests."
    [op] = records(body, published="2025-03-15", kind="operation")
    assert (op["status"], op["end"]["date"]) == ("ended", "2025-03-13")


def test_an_operation_postponed_indefinitely_is_called_off_and_one_postponed_to_a_day_planned():
    off = "An ICE operation that had been expected to start in Boise on Thursday has been postponed indefinitely."
    later = "An ICE operation that had been expected to start in Boise on Thursday has been postponed to March 20."
    assert [op["status"] for op in records(off, published="2025-03-10", kind="operation")] == ["called_off"]
    assert [op["status"] for op in records(later, published="2025-03-10", kind="operation")] == ["planned"]


@pytest.mark.parametrize("sentence", [
    "A spokesman said the arrests were not part of an operation.",
    "The agency would not say whether the arrests were part of a larger operation.",
    "Officials called it routine enforcement, not a targeted operation.",
    "It wasn't a sweep, the agency said.",
    "There was no enforcement operation, the sheriff said.",
    "The agency has not said whether more operations are planned in Montana.",
    "Reporters asked whether another sweep was coming to the city.",
])
def test_an_operation_denied_or_asked_about_is_none(sentence):
    assert records(f"BILLINGS, Mont. — Agents arrested six people on Tuesday. {sentence}", kind="operation") == []


def test_an_operation_the_agency_did_not_announce_is_still_one():
    body = "BILLINGS, Mont. — ICE did not announce the operation it began Monday, which has led to 30 arrests."
    assert [r["status"] for r in records(body, kind="operation")] == ["under_way"]


@pytest.mark.parametrize("naming", ['The agency calls it "Operation Prairie Sweep."',
                                    '\n\nICE has dubbed the effort "Operation Prairie Sweep," according to an internal email.'])
def test_a_sentence_that_only_names_the_operation_names_the_one_told_of(naming):
    body = f"FARGO, N.D. — ICE agents arrested 30 people in Fargo this week in an operation that began Monday. {naming}"
    found = records(body, kind="operation")
    assert [(r["name"], [p["name"] for p in r["places"]]) for r in found] == [("Operation Prairie Sweep", ["Fargo"])]


def test_a_second_named_operation_stays_its_own():
    body = "ICE ran Operation Cross Check in Fargo last spring. Operation Safe Harbor is a separate effort, officials said."
    assert [r["name"] for r in records(body, kind="operation")] == ["Operation Cross Check", "Operation Safe Harbor"]


def test_a_refusal_to_help_during_an_operation_does_not_deny_it():
    body = ("BURLINGTON, Vt. — The police chief said her officers would not help federal immigration agents during "
            "an enforcement surge that began this week in Chittenden and Franklin counties.")
    [op] = records(body, "2025-08-07", kind="operation")
    assert sorted(p["name"] for p in op["places"]) == ["Chittenden County", "Franklin County"]


def test_a_newsrooms_promise_of_more_dates_no_operation():
    body = ("BILLINGS, Mont. — ICE said its operation in Billings ended Friday with 40 arrests. "
            "We will have more on the second phase on Monday.")
    ops = records(body, published="2025-03-07", kind="operation")
    assert [op["status"] for op in ops] == ["ended"]


@pytest.mark.parametrize("body,operations", [
    # a clause that dates something else by the arrests reports no operation of its own
    ("Agents arrested 40 people in Yakima County last week. Several employers in the county said they had seen "
     "fewer workers since the arrests began.", 0),
    ("Agents arrested 40 people in Yakima last week. Attendance at the school has fallen since the raids began, "
     "the principal said.", 0),
    # with a date of its own it does
    ("Since the operation began on Monday, agents have arrested 40 people in Yakima.", 1),
])
def test_since_the_arrests_began_is_a_time_not_an_operation(body, operations):
    assert len(records(body, kind="operation")) == operations


def test_an_operation_officers_plan_starting_a_day_is_planned_for_the_next_such_day():
    body = ("YAKIMA, Wash. — Immigration officers plan an operation in Yakima starting Feb. 9, according to a "
            "letter to county officials.")
    [op] = records(body, published="2019-02-01", kind="operation")
    assert op["status"] == "planned" and op["start"]["date"] == "2019-02-09"


@pytest.mark.parametrize("body,expected", [
    # an effort with a length of its own is an operation
    ("A weeklong push in Albany, Schenectady and Troy began Monday, and officers there have arrested 23 people "
     "since it started, an ICE official said.", [("under_way", ["Albany", "Schenectady", "Troy"])]),
    # a push for something is none
    ("The mayor has pushed for an effort to help families after the arrests.", []),
])
def test_a_push_or_effort_of_a_stated_length_is_an_operation(body, expected):
    found = [(r["status"], [p["name"] for p in r["places"]]) for r in records(body, published="2025-06-25", kind="operation")]
    assert found == expected


def _op_rows(body: str, published: str) -> list[tuple]:
    return [(r["start"]["date"] if r["start"] else None, r["end"]["date"] if r["end"] else None, r["status"],
             [p["name"] for p in r["places"]]) for r in records(body, published=published, kind="operation")]


@pytest.mark.parametrize("body,expected", [
    # a count over days stated one by one, in places of its own, in a story that speaks of an effort
    ("CANTON, Ohio — Immigration officers arrested 48 people in Canton and Massillon from Oct. 17 to Oct. 20, the "
     "largest such effort the area has seen, officials said.", [("2016-10-17", "2016-10-20", "ended", ["Canton", "Massillon"])]),
    ("ICE's last large effort in the area was in the fall.\n\nFrom Oct. 17 to Oct. 20, officers arrested 48 "
     "people in Stark County, officials said.", [("2016-10-17", "2016-10-20", "ended", ["Stark County"])]),
    # no word of an action anywhere: a tally over some days is no operation
    ("Immigration officers arrested 48 people in Canton from Oct. 17 to Oct. 20, officials said.", []),
    # not an immigration story; an effort "to" do something else; a month's tally
    ("Police arrested 25 people in Akron and Canton from Oct. 1 to Oct. 9 during protests. City officials praised "
     "the effort, the mayor said.", []),
    ("ICE officers arrested 40 people in Akron and Canton from Oct. 2 to Oct. 6. Advocates said the agency's effort "
     "to hire more officers is behind the rise.", []),
    ("ICE officers arrested 300 people in Cleveland from Oct. 1 to Oct. 31 in the largest such effort in years.", []),
    # two days of arrests are a tally
    ("Immigration officers arrested seven people in Canton on Friday and Saturday.\n\nThe sheriff said the county "
     "had seen nothing like a sweep.", []),
])
def test_a_tally_over_stated_days_in_a_story_of_an_effort_is_that_operation(body, expected):
    assert _op_rows(body, "2016-11-02") == expected


def test_a_push_that_began_on_a_day_is_an_operation_under_way_since():
    body = ("TOLEDO, Ohio — Agents have made 140 arrests in Toledo and Sandusky since the push in both cities began "
            "on June 2, according to numbers the agency released to the Blade on Monday. The operation goes on.")
    assert _op_rows(body, "2025-06-25") == [("2025-06-02", None, "under_way", ["Toledo", "Sandusky"])]
    [count] = records(body, published="2025-06-25", kind="arrest_count")
    assert count["period"]["start"]["date"] == "2025-06-02" and count["period"]["end"] is None


def test_a_day_after_the_stated_end_is_no_start_and_a_states_official_is_no_place():
    body = ("CANTON, Ohio — Ohio's governor and Stark County's executive argued on Tuesday about an immigration "
            "operation that ended Friday after 34 arrests in the county.")
    assert _op_rows(body, "2018-08-22") == [(None, "2018-08-17", "ended", ["Stark County"])]
    [count] = records(body, published="2018-08-22", kind="arrest_count")
    assert [p["name"] for p in count["places"]] == ["Stark County"]


def test_words_of_an_operations_name_are_no_place_and_a_companys_operations_are_none():
    body = ("MACON, Ga. — Agents have arrested 30 people in the area since May 4, when the agency began what it calls "
            "Operation Quiet Lincoln, an effort that is continuing.")
    [op] = records(body, published="2026-06-01", kind="operation")
    assert op["name"] == "Operation Quiet Lincoln" and all(p["name"] != "Lincoln" for p in op["places"])
    body = ("Agents arrested 25 people at a warehouse on May 2.\n\nThe warehouse ran a single shift on May 4, "
            "according to a person familiar with the company's operations.")
    assert records(body, published="2016-05-10", kind="operation") == []


def test_a_later_mention_dated_after_the_end_gives_the_operation_no_start():
    body = ("Officers arrested 40 people in Akron and Kent in an operation that ended Saturday, the agency said "
            "Wednesday.\n\nThe operation drew protests, and the mayor spoke about it on Wednesday.")
    assert _op_rows(body, "2013-10-17") == [(None, "2013-10-12", "ended", ["Akron", "Kent"])]


def test_a_named_operation_quoted_in_a_post_is_the_same_operation():
    body = ('Officers arrested 31 people in Bangor and Augusta from March 3 to March 14 in what agents called '
            '"Operation Cold Harbor."\n\nThe field office director wrote on Facebook on Sunday: "Operation Cold Harbor '
            'is over. The teams are going home."')
    [op] = records(body, published="2025-03-20", kind="operation")
    # one operation, dated by its own days, not by the post's
    assert op["name"] == "Operation Cold Harbor" and [p["name"] for p in op["places"]] == ["Bangor", "Augusta"]
    assert (op["start"]["date"], op["end"]["date"]) == ("2025-03-03", "2025-03-14")


def test_a_tally_over_days_with_a_mention_of_the_operation_in_one_of_its_towns():
    body = ("Officers arrested 52 people in Modesto, Turlock and Ceres from April 2 to April 6, the agency said, "
            "and the operation's effects were felt widely.\n\nThe police chief in Turlock said the operation took "
            "his officers by surprise.")
    assert _op_rows(body, "2018-04-12") == [("2018-04-02", "2018-04-06", "ended", ["Modesto", "Turlock", "Ceres"])]


def test_the_largest_operation_in_years_is_the_one_told_before():
    body = ("AKRON, Ohio — Thirty people were arrested in Akron and Kent in an immigration operation that ended "
            "Friday.\n\nIt was the largest operation in Summit County in a decade.")
    assert _op_rows(body, "2019-05-20") == [(None, "2019-05-17", "ended", ["Akron", "Kent"])]


@pytest.mark.parametrize("body,expected", [
    # a push of lawmakers is no operation, though arrests are told beside it
    ("The push in the statehouse began in January, lawmakers said, and agents arrested 20 people in Boise last week.",
     []),
    # a place inside an operation's name in the story's state is its place; one elsewhere is not
    ("CHARLOTTE, N.C. — Agents have arrested 800 people since Sept. 8 in Operation Charlotte's Web, the agency said.",
     [("2025-09-08", None, "unknown", ["Charlotte"])]),
])
def test_pushes_and_names_of_operations(body, expected):
    assert _op_rows(body, "2025-10-11") == expected


def test_a_bare_mention_in_the_lead_is_the_operation_told_later():
    body = ("WOOSTER, Ohio — Two agencies have given different totals for last week's immigration "
            "operation in Wayne County, and neither has said why.\n\n"
            "ICE officers arrested 40 people in Wooster and Orrville from March 3 to March 7, the agency said.")
    [op] = _ops(body)
    assert [p["name"] for p in op["places"]] == ["Wooster", "Orrville"]
    assert (op["start"]["date"], op["end"]["date"], op["status"]) == ("2025-03-03", "2025-03-07", "ended")


def test_a_bare_mention_with_two_operations_in_its_state_stays_apart():
    body = ("ICE officers arrested 40 people in Wooster from March 3 to March 7, the agency said.\n\n"
            "A second operation in Findlay ran from March 10 to March 12 and led to 12 arrests.\n\n"
            "Advocates said an immigration operation in Sandusky had frightened families.")
    ops = _ops(body)
    assert sorted(p["name"] for op in ops for p in op["places"]) == ["Findlay", "Sandusky", "Wooster"]


def test_operations_as_a_modifier_tells_of_no_several_operations():
    # "fugitive operations teams" are who ran it: the mention is still the one operation's
    body = ("ICE officers arrested 52 people in Findlay and Lima from March 3 to March 7 in an enforcement "
            "operation, the agency said.\n\nThe operation was led by fugitive operations teams from Toledo and Dayton.")
    [op] = _ops(body)
    assert [p["name"] for p in op["places"]] == ["Findlay", "Lima"]


def test_a_part_of_the_day_between_the_verb_and_its_day_keeps_the_day_the_end():
    body = "Officers arrested 52 people in Findlay and Lima in an operation that began Sunday and ended early Tuesday."
    [op] = _ops(body, published="2019-10-15")
    assert (op["start"]["date"], op["end"]["date"], op["status"]) == ("2019-10-13", "2019-10-15", "ended")


def test_a_headline_operation_with_no_place_is_the_one_the_story_tells():
    body = ("ICE: 45 arrested in sweep that ended early Tuesday\n\n"
            "FINDLAY, Ohio — Officers arrested 52 people in Findlay and Lima in an operation that began "
            "Sunday and ended early Tuesday, a spokesman said.")
    [op] = _ops(body, published="2019-10-15")
    assert [p["name"] for p in op["places"]] == ["Findlay", "Lima"]


def test_a_headline_operation_dated_apart_from_the_story_stays_its_own():
    body = ("Sweep that ended in March is followed by another\n\n"
            "FINDLAY, Ohio — Officers arrested 52 people in Findlay in an operation that began Sunday and ended "
            "early Tuesday, a spokesman said.")
    assert len(_ops(body, published="2019-10-15")) == 2


def test_operations_teams_that_began_the_operation_are_its_teams_not_several_operations():
    # the in-order merge, too, reads "fugitive operations teams" as who ran the one operation
    body = ("FINDLAY - ICE announced Friday that its officers arrested 40 people here and in nearby towns as "
            "part of a five-day operation that ended Thursday.\n\n"
            "On Oct. 5, two fugitive operations teams from the Cleveland office began the operation, working "
            "in Findlay, Lima and Tiffin, Ohio.")
    [op] = _ops(body, published="2008-10-10")
    assert op["start"]["date"] == "2008-10-05" and op["status"] == "ended"

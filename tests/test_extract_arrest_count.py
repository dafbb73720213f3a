"""Which numbers count people arrested, on sentences we wrote."""

from __future__ import annotations

import pytest

from _extract_helpers import number, records


def _counts(body: str) -> list:
    return [number(r["count"]) for r in records(body, kind="arrest_count")]


@pytest.mark.parametrize("body,expected", [
    ("The sweep led to the apprehension of over 90 people across the state.", [90]),
    ("Agents reported more than 35 smuggled migrants apprehended near the river.", [35]),
    ("Agents apprehended a large group of nearly 40 people before dawn.", [40]),
    # a count split by its verb's particle, swept up, or reached by a tally
    ("ICE agents took 37 people into custody during raids at three farms.", [37]),
    ("Nearly 200 immigrants were swept up in the ICE raids, advocates said.", [200]),
    ("The number of people ICE arrested in the state climbed to 1,450.", [1450]),
    ("ICE arrests in Houston numbered about 1,200 in June.", [1200]),
    ("Officials released 12 people from ICE custody on Friday.", []),
    # a split by sex counts nobody new
    ("Forty-one men and nine women were arrested.", []),
    ("Officers arrested 28 males in Iowa during the initiative.", [28]),
    ("Officers arrested 50 people in the operation. Forty-one men and nine women were arrested.", [50]),
    # calls about arrests count calls
    ("The hotline fielded 340 calls about arrests in its first week.", []),
    # a split by age counts nobody new
    ("Officers arrested 64 people. Nine of the people arrested were younger than 18.", [64]),
    # a number standing for the count before it, with its own place or date
    ("Officers made 90 of the arrests in Kansas and 31 in Missouri.", [90, 31]),
    ("The office reported 600 arrests in May, up from about 450 in April.", [600, 450]),
    # a number compared with a count is a count of the same thing
    ("Agents made 8,420 arrests last month, compared with 6,160 a year earlier.", [8420, 6160]),
    # a part of a group named before is no new count
    ("Agents detained 40 workers. Eleven of the workers taken into custody face federal charges.", [40]),
    # hoping to arrest is no arrest
    ("Officials hope to arrest about 2,000 people over six weeks.", []),
    # a number heading a list item that says what it counts
    ("1,250 — The number of people the agency says it arrested in the Tulsa area between May 2 and May 20.", [1250]),
    # "put arrests at N on DATE, M on DATE and K on DATE"
    ("Agency figures put arrests at 1,016 on Feb. 2, 1,122 on Feb. 3 and 873 on Feb. 4.", [1016, 1122, 873]),
    # a forecast is no arrest made
    ("Officials expect about 300 arrests during the operation.", []),
    ("The memo says the operation will run three weeks and projects about 300 arrests.", []),
    ("As expected, 300 people were arrested.", [300]),
    # "two dozen" is twenty-four, not two
    ("Officers arrested two dozen workers at the plant on Monday.", [24]),
    # a year is no end of a range of counts
    ("Arrests rose from 12,400 arrests for 2021 to 15,900 arrests for 2023.", [12400, 15900]),
])
def test_arrest_counts(body, expected):
    assert _counts(body) == expected


def test_a_year_so_far_ends_at_the_stated_day():
    [count] = records("ICE made 5,000 arrests in fiscal year 2025 through March 31, the agency said.",
                      published="2025-04-10", kind="arrest_count")
    assert (count["period"]["start"]["date"], count["period"]["end"]["date"]) == ("2024-10-01", "2025-03-31")
    [count] = records("ICE made 5,000 arrests in fiscal year 2025 through March 31, the agency said.",
                      published="2025-03-14", kind="arrest_count")
    assert count["period"]["end"]["date"] == "2025-03-31"


def test_as_of_a_day_is_a_tally_to_that_day_and_no_start():
    body = "An ICE operation in Boise, Idaho, had led to 400 arrests as of Friday, the agency said."
    [count] = records(body, kind="arrest_count")
    assert count["period"]["start"] is None and count["period"]["end"]["date"] == "2025-03-14"
    [op] = records(body, kind="operation")
    assert op["start"] is None


def test_counts_of_a_one_operation_report_take_the_operations_places_and_dates():
    body = ("ICE concluded a surge operation in Kansas and Missouri that began March 2 and ended March 9.\n\n"
            "Officers arrested 120 people during the surge. Of those, 45 were arrested in Wichita (45).")
    counts = {number(r["count"]): r for r in records(body, kind="arrest_count")}
    total = counts[120]
    assert sorted(p["state"] for p in total["places"]) == ["KS", "MO"]
    assert (total["period"]["start"]["date"], total["period"]["end"]["date"]) == ("2025-03-02", "2025-03-09")


def test_a_listed_state_keeps_its_own_code():
    body = "Officers made arrests in Iowa (20), Nebraska (12) and South Dakota (4) during the operation."
    states = sorted(r["places"][0]["state"] for r in records(body, kind="arrest_count"))
    assert states == ["IA", "NE", "SD"]


def test_numbers_in_one_list_share_what_they_count():
    body = "Officers in Tulsa and Omaha made 300 and 215 of the arrests, respectively."
    parts = {number(r["count"]): [p["name"] for p in r["places"]] for r in records(body, kind="arrest_count")}
    assert parts == {300: ["Tulsa"], 215: ["Omaha"]}


def test_a_list_compared_to_another_mirrors_it():
    body = ("In fiscal year 2024 the unit made 410 criminal and 960 administrative arrests compared to 88 and 130, "
            "respectively, the year before.")
    assert sorted(number(r["count"]) for r in records(body, kind="arrest_count")) == [88, 130, 410, 960]


def test_a_list_of_different_things_is_no_list_of_counts():
    body = "Of the 12 arrests, one person was removed, four were charged, and seven were held."
    assert [number(r["count"]) for r in records(body, kind="arrest_count")] == [12]


def test_a_count_carried_by_a_participle():
    body = "Agents swept through three counties on Tuesday, detaining at least 40 people, officials said."
    assert [number(r["count"]) for r in records(body, kind="arrest_count")] == [40]


@pytest.mark.parametrize("body,published,period", [
    ("Agents made 8,420 arrests in April, compared with 6,160 a year earlier.", "2021-05-10",
     {8420: ("2021-04-01", "2021-04-30"), 6160: ("2020-04-01", "2020-04-30")}),
    ("ICE arrested 2,412 people nationwide on Monday, and has averaged roughly 1,900 a day in June.", "2025-06-25",
     {2412: "2025-06-23", 1900: None}),
    ("In the first week of May alone, officers made 9,870 arrests.", "2026-05-20", {9870: ("2026-05-01", "2026-05-07")}),
    ("Over the weekend, agents detained 410 people near the river.", "2022-10-03", {410: ("2022-10-01", "2022-10-02")}),
    ("The operation ended Thursday, having led to 112 arrests, the agency said Friday.", "2026-02-13",
     {112: (None, "2026-02-12")}),  # an operation that ended that day: the count runs until then
])
def test_the_period_a_count_covers(body, published, period):
    def words(p):
        if p is None:
            return None
        if "date" in p:
            return p["date"]
        return ((p.get("start") or {}).get("date"), (p.get("end") or {}).get("date"))
    got = {number(r["count"]): words(r["period"]) for r in records(body, published=published, kind="arrest_count")}
    expected = {k: (v if not isinstance(v, tuple) else v) for k, v in period.items()}
    for k, v in expected.items():
        assert got.get(k) == v, (k, got)


@pytest.mark.parametrize("body", [
    "Sheriff Amos Threlkeld said his jail had booked 47 people on immigration holds since Monday.",
    "ICE booked 1,200 people into detention in Texas last week.",
])
def test_book_ins_are_not_arrests(body):
    assert records(body, kind="arrest_count") == []


def test_n_of_the_m_arrests_in_a_place_is_a_part_of_the_total():
    body = "ICE arrested 400 people in Colorado last year. About 150 of the 400 arrests were made in Greeley."
    found = [(number(r["count"]), r["scope"], [p["name"] for p in r["places"]]) for r in records(body, kind="arrest_count")]
    assert found == [(400, "total", ["Colorado"]), (150, "part", ["Greeley"])]


@pytest.mark.parametrize("body", [
    "ICE gave a final count of 46 arrests in Colorado, 28 of them in Greeley.",
    "Agents made 46 arrests in Colorado last week, 28 of those in Greeley.",
])
def test_n_of_them_in_a_place_after_a_count_is_a_part_of_it(body):
    found = [(number(r["count"]), r["scope"], [p["name"] for p in r["places"]]) for r in records(body, kind="arrest_count")]
    assert found == [(46, "total", ["Colorado"]), (28, "part", ["Greeley"])]


def test_n_of_them_with_a_predicate_is_no_part_count():
    body = "ICE arrested 46 people in Colorado; 28 of them had no criminal record."
    assert [number(r["count"]) for r in records(body, kind="arrest_count")] == [46]


@pytest.mark.parametrize("sentence", [
    "The arrests include 38 made during a targeted operation in Greeley.",
    "Of the arrests, 38 were made during an operation in Greeley.",
])
def test_a_number_made_after_arrests_counts_arrests(sentence):
    body = f"ICE arrested 120 people in Colorado last month. {sentence}"
    found = [(number(r["count"]), [p["name"] for p in r["places"]]) for r in records(body, kind="arrest_count")]
    assert (38, ["Greeley"]) in found


@pytest.mark.parametrize("sentence", ["Officers made 120 arrests, and 38 made their first court appearance Monday.",
                                      "Officers arrested 120 people in Greeley; 38 made bail."])
def test_a_number_that_made_something_is_no_count_of_arrests(sentence):
    assert [number(r["count"]) for r in records(sentence, kind="arrest_count")] == [120]


@pytest.mark.parametrize("second,count,start", [
    ("The figure for June was 28,115.", 28115, "2025-06-01"),
    ("By Friday, the count had reached 31,900.", 31900, None),
    ("That is down from 29,002 in the first six months of 2024.", 29002, "2024-01-01"),
])
def test_a_count_told_again_by_a_word_that_stands_for_it_after_a_count(second, count, start):
    body = f"ICE arrested 31,740 people nationwide in July, internal figures show. {second}"
    found = {number(r["count"]): r for r in records(body, published="2025-08-06", kind="arrest_count")}
    assert count in found
    if start:  # its own period, where the sentence gives one
        assert found[count]["period"]["start"]["date"] == start


@pytest.mark.parametrize("body", [
    "ICE arrested 46 people in Greeley this week. The number of cities visited was 12.",
    "The figure for June was 28,115.",  # no count before it: nothing stands for one
    "ICE arrested 46 people in Greeley this week.\n\nThe figure for June was 28,115.",  # another paragraph
])
def test_a_word_for_a_count_with_no_count_just_before_it_is_none(body):
    assert [number(r["count"]) for r in records(body, published="2025-08-06", kind="arrest_count")] in ([], [46])


def test_a_figure_an_earlier_version_of_the_story_gave_is_no_count():
    body = ("CORRECTION: An earlier version of this story said 221 people had been arrested in Tulsa. "
            "ICE said 212 people were arrested in Tulsa.")
    assert [number(r["count"]) for r in records(body, kind="arrest_count")] == [212]


def test_the_count_of_people_is_a_count_wherever_it_stands():
    body = "ICE agents were in Greeley this week. The count had reached 15 people in Greeley by Friday, ICE said."
    assert [number(r["count"]) for r in records(body, kind="arrest_count")] == [15]


def test_n_of_the_m_adjective_arrests_is_a_part():
    body = ("ICE made 2,104 interior arrests in New York last year. About 620 of the 2,104 interior arrests "
            "were made in Buffalo.")
    found = [(number(r["count"]), r["scope"]) for r in records(body, kind="arrest_count")]
    assert found == [(2104, "total"), (620, "part")]


@pytest.mark.parametrize("body,places", [
    # county names with a capital inside are counties of the dateline's state, not towns elsewhere
    ("PEORIA, Ill. — Officers arrested 31 people in McLean and Tazewell counties, the agency said.",
     [("McLean County", "IL"), ("Tazewell County", "IL")]),
    ("ALBERTVILLE, Ala. — Officers arrested 114 people in Marshall and DeKalb counties last week.",
     [("Marshall County", "AL"), ("DeKalb County", "AL")]),
    # a state after one county's comma only says which county
    ("Officers arrested 31 people in St. Clair County, Illinois, the agency said.", [("St. Clair County", "IL")]),
])
def test_counties_named_together_are_counties_of_the_state_the_story_names(body, places):
    [count] = records(body, kind="arrest_count")
    assert [(p["name"], p["state"]) for p in count["places"]] == places


@pytest.mark.parametrize("body,parts", [
    # a town too small for the gazetteer, in a list of counts by place, is a town of the list's state
    ("MONTGOMERY, Ala. — Officers arrested 42 people in the region last week. Twenty-seven of them were "
     "arrested in Montgomery, nine in Prattville and six in Wetumpka, according to the figures.",
     [(27, "Montgomery", "AL"), (9, "Prattville", "AL"), (6, "Wetumpka", "AL")]),
    # and a place whose name is also a word
    ("Officers arrested 73 people last week. Officers made 29 of the arrests in Birmingham, 21 in Mobile, 15 in "
     "Montgomery and eight in Huntsville.",
     [(29, "Birmingham", "AL"), (21, "Mobile", "AL"), (15, "Montgomery", "AL"), (8, "Huntsville", "AL")]),
])
def test_every_item_of_a_list_of_counts_by_place_keeps_its_place(body, parts):
    found = [(number(r["count"]), r["places"][0]["name"], r["places"][0]["state"])
             for r in records(body, kind="arrest_count") if r["scope"] == "part"]
    assert found == parts


@pytest.mark.parametrize("body", [
    # the verb left out after the first item, in a sentence after the count
    "Officers arrested 127 people across four states last week. Teams in Oregon made 44, in Washington 37, in "
    "Idaho 28 and in Montana 18.",
    # or in the sentence that says arrests
    "Officers arrested 127 people across four states last week. Teams in Oregon made 44 arrests, in Washington 37, "
    "in Idaho 28 and in Montana 18.",
])
def test_a_list_with_its_verb_left_out_keeps_each_place_with_its_number(body):
    parts = [(number(r["count"]), [p["name"] for p in r["places"]]) for r in records(body, kind="arrest_count")
             if r["scope"] == "part"]
    assert parts == [(44, ["Oregon"]), (37, ["Washington"]), (28, ["Idaho"]), (18, ["Montana"])]


def test_a_place_then_its_number_alone_is_no_list():
    assert [number(r["count"]) for r in records("Officers in Oregon arrested 40 people last week.",
                                                kind="arrest_count")] == [40]


def test_a_range_of_percentages_is_no_count_of_people():
    body = "Officers arrested about 100 people. Between 40 and 50 percent of them were women, officials said."
    assert [number(r["count"]) for r in records(body, kind="arrest_count")] == [100]


def test_a_list_set_out_a_line_each_gives_a_part_count_per_line():
    body = ("SPOKANE, Wash. — Immigration officers arrested 41 people in five Washington cities last week, the "
            "agency said Monday.\n\nThe agency gave its arrest figures city by city:\n\nSpokane — 15\nYakima — 11\n"
            "Kennewick — 7\nPasco — 5\nSunnyside — 3\n\nOf the 41, ICE said, 25 had criminal convictions.")
    parts = [(number(r["count"]), r["places"][0]["name"], r["places"][0]["state"])
             for r in records(body, kind="arrest_count") if r["scope"] == "part"]
    assert parts == [(15, "Spokane", "WA"), (11, "Yakima", "WA"), (7, "Kennewick", "WA"), (5, "Pasco", "WA"),
                     (3, "Sunnyside", "WA")]


def test_lines_of_numbers_after_no_word_of_arrests_are_no_counts():
    body = ("The county fair opened on Saturday in Yakima.\n\nThe results of the pie contest:\n\nSpokane — 15\n"
            "Yakima — 11\n\nAgents arrested 3 people nearby on Sunday.")
    assert [number(r["count"]) for r in records(body, kind="arrest_count")] == [3]


def test_counts_by_day_with_the_verb_left_out_after_a_total_are_its_parts():
    body = ("Officers arrested 28 people in Vancouver over three days last week. They made 12 on Aug. 18, nine on "
            "Aug. 19 and seven on Aug. 20, the final day of the operation.")
    parts = [(number(r["count"]), r["period"]["date"]) for r in records(body, published="2015-08-25", kind="arrest_count")
             if r["scope"] == "part"]
    assert parts == [(12, "2015-08-18"), (9, "2015-08-19"), (7, "2015-08-20")]


@pytest.mark.parametrize("body,parts", [
    # a part of the count just told, in its own place, in a sentence of its own
    ("Officers arrested 38 people in Kearney and Lexington. Twenty-four of those were in Lexington, and the rest "
     "were in Kearney.", [(24, ["Lexington"])]),
    # and the next item after "and", with its own verb
    ("Officers arrested 52 people in the operation. Thirty-one of the arrests were in Dayton and 21 were in "
     "Springfield, according to the agency.", [(31, ["Dayton"]), (21, ["Springfield"])]),
])
def test_n_of_those_were_in_a_place_is_a_part_in_that_place(body, parts):
    assert [(number(r["count"]), [p["name"] for p in r["places"]]) for r in records(body, kind="arrest_count")
            if r["scope"] == "part"] == parts


@pytest.mark.parametrize("body,found", [
    # counts of one sentence that add up to another of it are its parts, placed or not
    ("Officers arrested 27 people before the pause and 18 after the operation resumed, 45 in all, according to ICE.",
     [(27, "part"), (18, "part"), (45, "total")]),
    ("Officers arrested 27 people in Youngstown and 18 in Warren, 45 in all.", [(27, "part"), (18, "part"), (45, "total")]),
    # two counts that make no third are each their own
    ("Officers arrested 27 people in March and 18 in April.", [(27, "total"), (18, "total")]),
])
def test_counts_that_add_up_to_one_told_in_all_are_its_parts(body, found):
    assert [(number(r["count"]), r["scope"]) for r in records(body, published="2022-09-25", kind="arrest_count")] == found


def test_rows_of_a_plain_text_table_are_parts_and_criminality_of_their_lead_in():
    body = ("BOISE, Idaho — Immigration officers arrested 60 people across Idaho in a two-week operation, the agency "
            "said.\n\nArrests by city:\n\nBoise ........ 25\nNampa ....... 18\nTwin Falls .... 12\nCaldwell ..... 5\n"
            "Total .......... 60\n\nOf the 60 people arrested:\n\nWith criminal convictions ........ 31\n"
            "With pending charges only ........ 9\nNo criminal record ............... 20\n\nOther figures:\n\n"
            "Officers deployed ........................ 80")
    found = records(body, kind="arrest_count")
    assert [(number(r["count"]), r["places"][0]["name"]) for r in found if r["scope"] == "part"] == \
        [(25, "Boise"), (18, "Nampa"), (12, "Twin Falls"), (5, "Caldwell")]
    assert 80 not in [number(r["count"]) for r in found]
    crim = [(r["category"], number(r["count"])) for r in records(body, kind="criminality")]
    assert crim == [("convicted", 31), ("charged", 9), ("no_record", 20)]


@pytest.mark.parametrize("body,places", [
    # a bare town name in a story set in one state is that state's town, not the most populous one
    ("KEARNEY, Neb. — Officers arrested 38 people in Kearney and Lexington over four days, the agency said.",
     [("Kearney", "NE"), ("Lexington", "NE")]),
    ("YOUNGSTOWN, Ohio — Officers arrested 45 people in Youngstown and Warren last week.",
     [("Youngstown", "OH"), ("Warren", "OH")]),
    # a town named with its state keeps it
    ("KEARNEY, Neb. — Officers arrested 12 people in Lexington, Ky., last week.", [("Lexington", "KY")]),
])
def test_a_bare_town_name_is_the_one_in_the_state_the_story_is_set_in(body, places):
    [count] = records(body, kind="arrest_count")
    assert [(p["name"], p["state"]) for p in count["places"]] == places


def test_a_count_told_as_n_of_an_earlier_count_is_its_part_over_its_period():
    body = ("Officers arrested 39 people in Lorain County in June. Separately, agents arrested 30 people in Stark "
            "County from Oct. 6 to Oct. 10. Eight of the 30 were arrested in Canton, the sheriff said.")
    parts = [(number(r["count"]), r["period"]) for r in records(body, published="2024-10-20", kind="arrest_count")
             if r["scope"] == "part"]
    assert [p[0] for p in parts] == [8]
    assert (parts[0][1]["start"]["date"], parts[0][1]["end"]["date"]) == ("2024-10-06", "2024-10-10")


def test_a_part_with_no_date_of_its_own_is_over_the_period_of_the_total_naming_its_place():
    body = ("Officers arrested 41 people in Akron and Canton from March 2 to March 6. Twenty-nine of the arrests "
            "were in Akron.")
    [part] = [r for r in records(body, published="2024-03-12", kind="arrest_count") if r["scope"] == "part"]
    assert (part["period"]["start"]["date"], part["period"]["end"]["date"]) == ("2024-03-02", "2024-03-06")


def test_the_places_of_who_told_a_count_do_not_locate_it():
    body = ("Officers arrested 30 people in northern Ohio last week. Eighteen of the arrests were in Toledo, said "
            "Mara Quill, the director of the field office in Detroit, which covers Michigan and Ohio.")
    [part] = [r for r in records(body, kind="arrest_count") if r["scope"] == "part"]
    assert [p["name"] for p in part["places"]] == ["Toledo"]


@pytest.mark.parametrize("body,parts", [
    # a place that "accounted for" a number of the arrests, then places with the verb left out
    ("Agents arrested 50 people in Akron, Canton and Kent on Monday. Akron accounted for 30 of the arrests and "
     "Canton for 15.", [(30, "Akron"), (15, "Canton")]),
    ("Agents arrested 100 people in three towns last month. Akron accounted for about sixty of the arrests, and "
     "Kent a little more than thirty, the official said.", [(60, "Akron"), (30, "Kent")]),
    # one place, right after a count of the paragraph
    ("In Canton, officers arrested 14 people. Kent accounted for another 9.", [(9, "Kent")]),
    # the first item's noun said, the next item's left out
    ("Agents arrested 40 people in Lima and Sandusky on Monday. Lima accounted for 11 arrests and Sandusky "
     "for eight.", [(11, "Lima"), (8, "Sandusky")]),
])
def test_a_place_that_accounted_for_n_is_a_part_in_that_place(body, parts):
    found = [(number(r["count"]), r["places"][0]["name"]) for r in records(body, kind="arrest_count")
             if r["scope"] == "part"]
    assert found == parts


def test_a_share_of_the_arrests_a_place_accounted_for_is_no_count():
    body = "Agents arrested 80 people across the state. The Akron area accounted for more than half of all arrests."
    assert [number(r["count"]) for r in records(body, kind="arrest_count")] == [80]


def test_lines_naming_a_station_or_office_are_parts_in_its_town_over_the_lead_ins_period():
    body = ("EL CENTRO, Calif. — Border Patrol agents in the sector apprehended 700 people in March.\n\n"
            "Apprehensions by station for March:\n\n- Calexico Station: 310\n- Indio Station: 250\n"
            "- Brawley Station: 140\n")
    parts = [(number(r["count"]), r["places"][0]["name"], r["places"][0]["state"], r["period"]["start"]["date"])
             for r in records(body, published="2023-04-05", kind="arrest_count") if r["scope"] == "part"]
    assert parts == [(310, "Calexico", "CA", "2023-03-01"), (250, "Indio", "CA", "2023-03-01"),
                     (140, "Brawley", "CA", "2023-03-01")]


@pytest.mark.parametrize("body,period", [
    # a range whose first day carries its year and a comma
    ("From Oct. 1, 2023, through March 31, 2024, officers made 80,000 arrests in all.",
     ("2023-10-01", "2024-03-31")),
    # the day a relative clause gives for the year's end is no date of the count
    ("In fiscal year 2019, which ended Sept. 30, agents in the region apprehended 9,800 people.",
     ("2018-10-01", "2019-09-30")),
])
def test_periods_of_a_year_and_of_a_range_with_years(body, period):
    [count] = records(body, published="2026-04-03", kind="arrest_count")
    assert (count["period"]["start"]["date"], count["period"]["end"]["date"]) == period


@pytest.mark.parametrize("body,expected", [
    # a scale word with no number of its own is no count
    ("Officers in the region arrested several hundred people in the past year in routine work.", []),
    ("Agents arrested a few thousand people in the region.", []),
    ("Agents arrested a hundred people in the region last week.", [100]),
    ("Agents arrested two hundred people in the region last week.", [200]),
])
def test_a_vague_scale_is_no_count(body, expected):
    assert _counts(body) == expected


@pytest.mark.parametrize("body,parts", [
    # the rest of a count told before, a place or two "together", a town the model missed but the story named
    ("Officers arrested 40 people in Salina, Hays and Abilene last week.\n\nSalina had the most, 25, officials "
     "said.\n\nAbilene accounted for the other five.", [(5, ["Abilene"])]),
    ("Officers arrested 50 people in Lima, Findlay, Bucyrus and Tiffin last week. Lima and Findlay together "
     "accounted for 30, and Tiffin for 12.", [(30, ["Lima", "Findlay"]), (12, ["Tiffin"])]),
    ("SANDUSKY, Ohio — Officers arrested 38 people in Sandusky, Norwalk and Tiffin. Norwalk accounted for 13 of the "
     "arrests and Tiffin for eight.", [(13, ["Norwalk"]), (8, ["Tiffin"])]),
    # a ranking of places
    ("Officers arrested 31 people in Pueblo, Trinidad and Walsenburg from June 3 to June 5.\n\nPueblo had the most "
     "arrests, 18, followed by Trinidad with 9 and Walsenburg with four.",
     [(18, ["Pueblo"]), (9, ["Trinidad"]), (4, ["Walsenburg"])]),
    # one more item of a list, "another N" in its place
    ("Officers arrested 60 people in Texarkana and Shreveport last week. In Texarkana, they arrested 21, and across "
     "the state line in Shreveport, Louisiana, another 17.", [(21, ["Texarkana"]), (17, ["Shreveport"])]),
])
def test_parts_told_by_place_in_the_shapes_of_news_copy(body, parts):
    found = [(number(r["count"]), [p["name"] for p in r["places"]]) for r in records(body, kind="arrest_count")
             if r["scope"] == "part"]
    assert found == parts


def test_a_list_of_towns_the_gazetteer_knows_in_one_state_is_that_states():
    body = "Officers arrested 46 people in Sandusky, Norwalk, Tiffin and Canton last week."
    [count] = records(body, kind="arrest_count")
    assert [(p["name"], p["state"]) for p in count["places"]] == \
        [("Sandusky", "OH"), ("Norwalk", "OH"), ("Tiffin", "OH"), ("Canton", "OH")]


def test_a_total_told_as_n_people_in_all():
    body = ("Agents arrested 33 people at a warehouse and arrested seven more at homes nearby, 40 people in all, the "
            "agency said.")
    assert [(number(r["count"]), r["scope"]) for r in records(body, kind="arrest_count")] == \
        [(33, "part"), (7, "part"), (40, "total")]


def test_the_places_of_the_rest_are_not_the_counts_told_before_them():
    body = ("Officers arrested 60 people in northeast Ohio. The agency said 35 were arrested in Akron, most of them "
            "near a warehouse, and the rest in Kent, Ravenna and Hudson.")
    part = next(r for r in records(body, kind="arrest_count") if number(r["count"]) == 35)
    assert [p["name"] for p in part["places"]] == ["Akron"]


@pytest.mark.parametrize("body,expected", [
    # a list's labels that the gazetteer does not know as towns of the story's state make no towns
    ("TUCSON, Ariz. — Border Patrol agents in the sector apprehended 640 people in May.\n\nApprehensions by group "
     "for May:\n\n- Single Adults: 380\n- Family Units: 190\n- Unaccompanied Children: 70\n", [640]),
    # "accounted for" a number of something else, or in a country, is no count in a place of the list
    ("Officers arrested 80 people in Ohio last month. Franklin County accounted for 30 of the complaints filed "
     "with the watchdog.", [80]),
    # a second count on another day is no end of a range
    ("Agents arrested 30 people in Dayton on May 3, 2024, and 12 more in Xenia on May 5, officials said.", [30]),
])
def test_what_the_list_and_part_rules_leave_alone(body, expected):
    assert _counts(body) == expected


def test_the_first_days_year_and_a_second_count_make_no_range():
    [count] = records("Agents arrested 30 people on May 3, 2024, and 12 more on May 5, officials said.",
                      published="2024-05-20", kind="arrest_count")
    assert count["period"]["date"] == "2024-05-03"


def test_lines_labelled_by_their_day_are_parts_on_that_day_where_the_story_is():
    body = ("EL CENTRO, Calif. — Border Patrol agents in the sector apprehended 399 people this week.\n\n"
            "Apprehensions by day:\n\nMonday: 140\nTuesday: 95\n")
    parts = [(number(r["count"]), r["period"]["date"], [p["name"] for p in r["places"]])
             for r in records(body, published="2024-03-13", kind="arrest_count") if r["scope"] == "part"]
    assert parts == [(140, "2024-03-11", ["El Centro"]), (95, "2024-03-12", ["El Centro"])]


def test_parts_of_a_total_that_names_their_places_though_a_bigger_count_of_another_year_follows():
    body = ("Immigration officers arrested 40 people in Akron and Kent in an operation that ended Friday. "
            "Twenty-five of the arrests were in Akron, fifteen in Kent.\n\nLast year officers arrested 120 "
            "people in Summit County.")
    assert [(number(r["count"]), r["scope"]) for r in records(body, published="2023-08-14", kind="arrest_count")] == \
        [(40, "total"), (25, "part"), (15, "part"), (120, "total")]


def test_figures_given_place_by_place_after_a_count_are_its_parts():
    body = ("Officers arrested 63 people in three towns last week.\n\nBy city, the agency's figures are 29 in Toledo, "
            "21 in Sandusky and 13 in Findlay.")
    assert [(number(r["count"]), [p["name"] for p in r["places"]]) for r in records(body, kind="arrest_count")
            if r["scope"] == "part"] == [(29, ["Toledo"]), (21, ["Sandusky"]), (13, ["Findlay"])]
    # with no count before them, figures by place count nothing we know of
    assert records("By city, the school district's figures are 29 in Toledo and 21 in Sandusky.", kind="arrest_count") == []


def test_one_more_item_in_a_town_the_model_missed_is_its_part_and_not_the_first_counts_place():
    body = "GREENWOOD, Miss. — Agents said 61 were arrested at a plant near the river and 35 in Belzoni."
    found = [(number(r["count"]), [p["name"] for p in r["places"]], r["scope"]) for r in records(body, kind="arrest_count")]
    assert (35, ["Belzoni"], "part") in found
    assert all("Belzoni" not in places for value, places, _ in found if value == 61)
    # a name the gazetteer does not know in the story's state is left alone
    assert all(r["places"] == [] or r["places"][0]["name"] != "Hope" for r in
               records("Agents arrested 40 people, 12 in Hope.", kind="arrest_count"))


@pytest.mark.parametrize("lead_in", [
    "The arrests included 20 in Toledo, 15 in Lima and 9 in Findlay.",
    "Officers made arrests in Toledo, Lima and Findlay, with 20 in Toledo, 15 in Lima and 9 in Findlay.",
    "Officers made arrests in nine Ohio cities, among them 20 in Toledo, 15 in Lima and 9 in Findlay.",
])
def test_a_list_of_parts_led_in_by_what_includes_them_is_parts_in_their_places(lead_in):
    body = "ICE officers arrested 61 people across Ohio from March 3 to March 7.\n\n" + lead_in
    parts = [(number(r["count"]), [p["name"] for p in r["places"]], r["scope"])
             for r in records(body, kind="arrest_count")][1:]
    assert parts == [(20, ["Toledo"], "part"), (15, ["Lima"], "part"), (9, ["Findlay"], "part")]


def test_a_list_led_in_by_including_that_speaks_of_no_arrests_is_no_count():
    body = ("ICE officers arrested 61 people across Ohio last week.\n\n"
            "The agency rents beds at three jails, including 20 in Toledo and 15 in Lima.")
    assert _counts(body) == [61]


def test_a_number_before_and_a_clause_with_its_own_arrest_verb_is_a_count_of_its_own():
    # the parse reads "60 and Border Patrol agents" as one noun phrase; "agents arrested 16" is a clause
    body = "ICE officers arrested 60 and Border Patrol agents arrested 16 last week."
    assert _counts(body) == [60, 16]
    # and the places of that next clause are not the first count's
    body = ("Officers arrested 84 people in Findlay and Lima last week.\n\nOf the 84, ICE officers arrested 60 "
            "and Border Patrol agents working out of the Sandusky station arrested 16.")
    sixty = next(r for r in records(body, kind="arrest_count") if number(r["count"]) == 60)
    assert all(p["name"] != "Sandusky" for p in sixty["places"])


@pytest.mark.parametrize("breakdown", [
    "The agency broke the figure down by city: Findlay: 17; Lima: 9; Tiffin: 7.",
    "The agency gave the arrests by city: Findlay, 17; Lima, 9; Tiffin, 7.",
    "By city, the arrests were: in Findlay, 17; in Lima, 9; and in Tiffin, 7.",
    "The arrests break down as follows: 17 in Findlay, nine in Lima and seven in Tiffin.",
])
def test_a_breakdown_by_place_set_out_with_colons_or_semicolons_is_parts_over_the_totals_days(breakdown):
    body = "ICE officers arrested 33 people in Findlay, Lima and Tiffin from May 6 to May 9.\n\n" + breakdown
    parts = [(number(r["count"]), [p["name"] for p in r["places"]], r["period"]["start"]["date"])
             for r in records(body, published="2024-05-10", kind="arrest_count") if r["scope"] == "part"]
    assert parts == [(17, ["Findlay"], "2024-05-06"), (9, ["Lima"], "2024-05-06"), (7, ["Tiffin"], "2024-05-06")]


def test_parts_in_towns_of_a_state_take_the_period_of_the_states_total():
    body = ("ICE officers arrested 33 people in Ohio from May 6 to May 9. By city, the arrests were: in Findlay, 17; "
            "in Lima, 9; and in Tiffin, 7.")
    assert [(number(r["count"]), r["period"]["end"]["date"])
            for r in records(body, published="2024-05-10", kind="arrest_count")] == \
        [(33, "2024-05-09"), (17, "2024-05-09"), (9, "2024-05-09"), (7, "2024-05-09")]


@pytest.mark.parametrize("body", [
    # pairs of countries are a split by nationality
    "ICE officers arrested 33 people in Ohio last week. By country, the arrests were: Mexico: 17; Guatemala: 9.",
    # pairs set apart by commas alone may be prose, and these neither speak of arrests nor add up to the count
    "ICE officers arrested 33 people in Ohio last week. The shelters reported beds free: Findlay: 12; Lima: 4.",
    "ICE officers arrested 33 people in Ohio last week. Turnout in Findlay, 12, Lima, 4, was low.",
])
def test_pairs_of_places_and_numbers_that_are_no_breakdown_of_arrests_count_nothing(body):
    assert _counts(body) == [33]

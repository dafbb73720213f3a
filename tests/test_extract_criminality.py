"""Criminality as a relation to the count it qualifies, on sentences we wrote."""

from __future__ import annotations

import pytest

from _extract_helpers import number, records


def _crim(body: str) -> list[tuple]:
    return sorted((r["category"], number(r.get("count")), number(r.get("share")))
                  for r in records(body, kind="criminality"))


@pytest.mark.parametrize("body,expected", [
    # the noun phrase the number counts, with its "with ..." phrase
    ("Deportation officers arrested 52 people in the sweep. Officers detained 30 noncitizens with criminal "
     "convictions.", [("convicted", 30, None)]),
    # "including N ..." after the total
    ("The week-long effort ended with 210 arrests, including 140 convicted criminals.", [("convicted", 140, None)]),
    # "N others <verb>" and immigration fugitives as final orders
    ("Agents arrested 64 people. Twelve of those arrested were immigration fugitives; 9 others illegally "
     "re-entered the country after removal.", [("final_order", 12, None), ("other", 9, None)]),
    # final orders of deportation
    ("Officers arrested 40 people, and twenty two of those arrested had final orders of deportation.",
     [("final_order", 22, None)]),
    # arrested on criminal charges
    ("Of the 500 total arrested, 320 were arrested on state or federal criminal charges.", [("charged", 320, None)]),
    # convictions beside charges, whatever words come between
    ("ICE arrested 90 people; of those, 61 had pending charges as well as prior convictions.",
     [("convicted_or_charged", 61, None)]),
    # a mixed group joined by "or" is other
    ("Of those arrested, 77 were either convicted criminals or had been previously removed.", [("other", 77, None)]),
    # a bracketed count beside a share: the count carries it
    ("Officers arrested 130 people. More than half of the people arrested (71) had prior convictions for assault.",
     [("convicted", 71, None)]),
    # "the remaining N" with any verb
    ("Officers arrested 30 people; 26 had criminal convictions. The remaining four fall under the agency's "
     "priorities as recent border crossers.", [("convicted", 26, None), ("other", 4, None)]),
    # "a dozen" is twelve, "two dozen" twenty-four
    ("Officers arrested 40 people in the sweep. A dozen of the 40 had prior convictions, the agency said.",
     [("convicted", 12, None)]),
    ("Agents detained 31 people on Tuesday. Nineteen had criminal records, and a dozen had final orders of removal.",
     [("convicted", 19, None), ("final_order", 12, None)]),
    # a second count with its own verb after "and" ends the first one's clause, in words as in digits
    ("Agents arrested 52 people. Thirty of the 52 had criminal convictions and seven faced pending criminal "
     "charges, the agency said.", [("charged", 7, None), ("convicted", 30, None)]),
    ("Agents arrested 52 people. Thirty of the 52 had criminal convictions and nine faced pending criminal "
     "charges, the agency said.", [("charged", 9, None), ("convicted", 30, None)]),
    # "the other N" who only overstayed: the remainder, an immigration violation alone
    ("Officers arrested 30 people in the sweep. Eight of the 30 had criminal convictions, officials said, and the "
     "other 22 had overstayed their visas.", [("convicted", 8, None), ("other", 22, None)]),
    # fugitives with final orders are final orders
    ("Officers arrested 120 people. Forty were fugitives with final orders of removal who had failed to leave, and "
     "14 had been removed before and illegally re-entered.", [("final_order", 40, None), ("other", 14, None)]),
    # an attribution between the number and its verb; a final order needs no "of removal"
    ("Officers arrested 52 people in the operation; 40 had criminal convictions. The remaining 12, the agency "
     "said, had ignored final orders to leave the country.", [("convicted", 40, None), ("final_order", 12, None)]),
    ("Officers arrested 52 people. Of those, 30, the spokesman said, had prior convictions.", [("convicted", 30, None)]),
    ("Officers arrested 81 people. Of the 81, the department says, 30 have criminal convictions.",
     [("convicted", 30, None)]),
    # a share of someone's own clients is none of the people arrested
    ("Officers arrested 90 people. A lawyer for several of them, Nina Reyes, said most of her clients had old "
     "traffic violations or no record at all.", []),
    # a range of percentages is a range of shares, not of people
    ("Officers arrested about 100 people. ICE spokeswoman Dana Mercado said roughly 60 to 70 percent of the "
     "people arrested had criminal convictions.", [("convicted", None, (0.6, 0.7))]),
    # "included N with X and M with Y"
    ("Agents arrested 150 people. Those arrested included 61 with criminal convictions and 17 with pending "
     "criminal charges.", [("charged", 17, None), ("convicted", 61, None)]),
    # fractions are shares, and a number with its restating share is one record
    ("Officers arrested 300 people. Two-thirds of them had criminal convictions.", [("convicted", None, 0.666667)]),
    ("Agents arrested 20,000 people. Of those, 9,050—about half—had criminal convictions.",
     [("convicted", 9050, 0.5)]),
    # members of gangs, returned illegally, immigration violations alone
    ("ICE arrested 400 people; 52 were members of violent street gangs.", [("gang_member", 52, None)]),
    ("Officers arrested 70 people. Another 15 had been deported before and had returned illegally.",
     [("other", 15, None)]),
    ("Officers arrested 70 people. The remaining 33 were arrested on immigration violations alone.",
     [("not_criminal", 33, None)]),
    # "Seventeen, or about 29 percent," is the count, its share kept beside it
    ("Agents arrested 60 people. Seventeen, or about 29 percent, had criminal convictions.", [("convicted", 17, 0.29)]),
    # ratios and fifths are shares
    ("Agents arrested 500 people. Roughly four in five had no criminal record.", [("no_record", None, 0.8)]),
    ("Agents arrested 500 people. Just under a fifth had criminal convictions.", [("convicted", None, 0.2)]),
    # negation: a conviction that is denied is none
    ("Agents arrested 90 people; 23 had been charged but not convicted.", [("charged", 23, None)]),
    ("Agents arrested 90 people; 40 had neither a criminal record nor a removal order.", [("no_record", 40, None)]),
    ("Agents arrested 90 people, and 27 had criminal charges pending.", [("charged", 27, None)]),
    # encountered during the operation: collateral, wherever the phrase stands
    ("Agents arrested 45 people; 18 were immigration violators encountered during the operation.",
     [("collateral", 18, None)]),
])
def test_criminality_frames(body, expected):
    assert _crim(body) == expected


def test_people_who_remain_at_large_were_not_arrested():
    assert _crim("Officials said 1.2 million immigration fugitives remain at large nationwide.") == []


@pytest.mark.parametrize("body", [
    # ages and durations are no counts
    "Officers arrested 20 people in the operation. The people targeted had reached the age of 21 and had convictions.",
    "A 38-year-old national arrested in the sweep had been convicted of fraud.",
    # a vague or mixed description of everyone arrested is no category
    "Officers arrested 75 fugitive aliens and other immigration violators in the region.",
    # a share of a group already named for its crimes says nothing new
    "Officers arrested 60 people. All of the convicted aliens taken into custody had prior convictions for theft.",
    # "all of the criminal aliens had convictions" is a tautology
    "Officers arrested 60 people. All of the criminal aliens taken into custody had prior convictions.",
    # an "-ed" adjective of the counted noun is not the number's verb
    "Agents reported more than 40 smuggled migrants apprehended and the arrest of six people with criminal records.",
    # a bare verb's category stays in its own stretch of the sentence
    "Officers arrested 80 people: roughly 40 identified as heads of household, three charged criminally.",
])
def test_no_criminality(body):
    assert ("convicted", 40, None) not in _crim(body)
    assert all(c[1] not in (21, 38, 75, 40) and c[2] != 1.0 for c in _crim(body))


def test_a_headline_rounding_the_body_is_one_claim():
    body = ("Nearly half of May's arrests involved people with no criminal record\n\n"
            "Agents arrested 9,000 people in May. Of those, 47 percent had no criminal record, the data show.")
    shares = [(c[0], c[2]) for c in _crim(body)]
    assert shares == [("no_record", 0.47)]


def _of(body: str) -> dict:
    recs = records(body)
    counts = {r["id"]: number(r["count"]) for r in recs if r["kind"] == "arrest_count"}
    return {(r["category"], number(r.get("count") or r.get("share"))): counts.get(r["of"])
            for r in recs if r["kind"] == "criminality"}


def test_of_those_arrested_is_the_groups_total_not_a_sub_count():
    body = ("Officers arrested 80 people in Iowa (50) and Nebraska (30) during the operation.\n\n"
            "Nine of those arrested were immigration fugitives. Twelve others had re-entered after removal.")
    assert _of(body) == {("final_order", 9): 80, ("other", 12): 80}


def test_a_count_that_is_its_own_criminality_qualifies_itself():
    assert _of("Agents arrested more than 2,100 aliens with prior criminal convictions.") == {("convicted", 2100): 2100}


def test_a_share_of_another_year_qualifies_no_count_of_the_report():
    body = ("Officers arrested 30 people in the operation.\n\n"
            "In the last fiscal year, 71 percent of the people ICE arrested had criminal convictions or pending charges.")
    assert _of(body) == {("convicted_or_charged", 0.71): None}


def test_all_of_a_group_is_both_its_count_and_the_whole_share():
    body = "ICE agents arrested nine people in Tucson on Saturday. All nine had prior criminal convictions."
    [crim] = records(body, kind="criminality")
    assert crim["category"] == "convicted" and number(crim["count"]) == 9 and crim["share"]["value"] == 1.0


@pytest.mark.parametrize("body", [
    # a list item: the share first, its group after a dash
    "ICE arrested 1,240 people in May.\n\n58% — The share of those 1,240 who had no criminal record.",
    # the share stated after the group it is a share of
    "ICE arrested 1,240 people in May. The share of those 1,240 who had no criminal record was 58 percent.",
    "ICE arrested 1,240 people in May. The share of those arrested who had no criminal record was about 58 percent.",
])
def test_the_share_of_a_group_is_a_share_and_its_group_no_count(body):
    [crim] = records(body, kind="criminality")
    assert (crim["category"], crim["share"]["value"], crim.get("count")) == ("no_record", 0.58, None)
    assert [number(r["count"]) for r in records(body, kind="arrest_count")] == [1240]


def test_n_of_the_arrests_were_collateral_is_which_arrests_not_more():
    body = ("ICE arrested 90 people in Tulsa during the operation. The agency said 31 of the arrests "
            "were collateral.")
    assert [number(r["count"]) for r in records(body, kind="arrest_count")] == [90]
    [crim] = records(body, kind="criminality")
    assert (crim["category"], number(crim["count"])) == ("collateral", 31)


def test_people_wanted_in_their_home_countries_are_other():
    body = "ICE arrested 48 people in the sweep. Three were wanted for robbery in their home countries."
    [crim] = records(body, kind="criminality")
    assert (crim["category"], number(crim["count"])) == ("other", 3)


def test_charges_against_protesters_are_no_criminality_of_immigration_arrests():
    body = ("ICE arrested 40 people in Omaha. Omaha police arrested five people at a protest outside "
            "the federal building; all five were charged with trespassing.")
    assert records(body, kind="criminality") == []


def test_two_counts_joined_by_and_keep_their_own_categories():
    body = ("ICE agents arrested 300 people in Denver last week. ICE said 70 of them had criminal "
            "convictions and 25 had pending charges.")
    got = sorted((r["category"], number(r["count"])) for r in records(body, kind="criminality"))
    assert got == [("charged", 25), ("convicted", 70)]


def test_all_but_n_is_no_count_of_that_group():
    body = "ICE agents arrested 300 people in Denver last week. ICE said all but three had criminal records."
    assert records(body, kind="criminality") == []


@pytest.mark.parametrize("clause", ["nine had been deported before", "nine had prior deportations",
                                    "nine had been removed at least once before",
                                    "nine had been removed from the United States before and had come back"])
def test_an_earlier_deportation_is_the_other_category(clause):
    body = f"Agents arrested 143 people at the plant on June 2. Of the 143 people arrested, the agency said this week, {clause}."
    [c] = records(body, kind="criminality")
    assert (c["category"], number(c["count"])) == ("other", 9)


@pytest.mark.parametrize("sentence", ["None of the 40 had a criminal record, the agency said.",
                                      "None of those 40 had been convicted of a crime."])
def test_none_of_the_group_is_no_count_with_the_category(sentence):
    assert records(f"Agents arrested 40 people at the plant. {sentence}", kind="criminality") == []


@pytest.mark.parametrize("rest", ["the other 60 had pending charges", "the remaining 60 had pending charges"])
def test_a_second_group_after_and_the_other_is_its_own_clause(rest):
    body = f"ICE arrested 90 people in Greeley last month; 30 had convictions and {rest}."
    found = [(number(c["count"]), c["category"]) for c in records(body, kind="criminality")]
    assert found == [(30, "convicted"), (60, "charged")]


@pytest.mark.parametrize("sentence,count,share", [
    ("Of those, 60 — about two-thirds — had no criminal record.", 60, 0.666667),
    ("Sixty—about two-thirds—had no criminal record.", 60, 0.666667),
    ("Nearly half—42—had no criminal record.", 42, 0.5),
    ("Nearly half — 42 — had no criminal record.", 42, 0.5),
])
def test_a_count_and_its_share_between_dashes_make_one_record_with_both(sentence, count, share):
    [c] = records(f"ICE arrested 90 people in Greeley last month. {sentence}", kind="criminality")
    assert (c["category"], number(c["count"]), c["share"]["value"]) == ("no_record", count, share)


@pytest.mark.parametrize("sentence,count,share", [
    ("Of those, 60 (about 67 percent) had no criminal record.", 60, 0.67),
    ("Of those, 60 (67%) had no criminal record.", 60, 0.67),
])
def test_a_count_and_its_share_in_parentheses_make_one_record_with_both(sentence, count, share):
    [c] = records(f"ICE arrested 90 people in Greeley last month. {sentence}", kind="criminality")
    assert (c["category"], number(c["count"]), c["share"]["value"]) == ("no_record", count, share)


def test_items_that_leave_the_category_unsaid_share_the_first_ones():
    body = ("Officers arrested 75 people in Greeley over four days, including 30 convicted of burglary, "
            "14 of assault, 8 of fraud and 3 of weapons offenses.")
    crim = records(body, kind="criminality")
    [count] = records(body, kind="arrest_count")
    assert [(c["category"], number(c["count"])) for c in crim] == [("convicted", n) for n in (30, 14, 8, 3)]
    assert {c["of"] for c in crim} == {count["id"]}


def test_a_part_of_the_group_after_a_criminality_count_is_not_an_item_of_its_list():
    body = "Agents arrested 50 people in Greeley; 30 had been charged with assault and 12 of the 50 had no record."
    assert sorted((c["category"], number(c["count"])) for c in records(body, kind="criminality")) == \
        [("charged", 30), ("no_record", 12)]


def test_the_month_of_march_is_no_protest_march():
    # "at a march" puts arrests at a protest (no criminality of immigration arrests); "ended March 17" does not
    body = ("Officers arrested 75 people in Greeley, including 30 convicted of burglary and 14 of assault, "
            "in an operation that ended March 17.")
    assert [number(c["count"]) for c in records(body, kind="criminality")] == [30, 14]
    protest = "Six people were arrested at a march in Greeley on Monday; all six were charged with assault."
    assert records(protest, kind="criminality") == []


def test_the_groups_own_words_between_a_partitive_and_its_verb():
    body = ("Border Patrol agents apprehended 1,318 people at the border in 2018. Of those, agents said, 38 of the "
            "people apprehended at the border in 2018 had been deported from the United States before.")
    assert [(c["category"], number(c["count"])) for c in records(body, kind="criminality")] == [("other", 38)]
    same = "ICE arrested 95 people in Jackson; 40 of the people arrested in Jackson last week had convictions."
    assert [number(r["count"]) for r in records(same, kind="arrest_count")] == [95]  # the 40 are no new count
    assert [number(c["count"]) for c in records(same, kind="criminality")] == [40]
    # the group's size said again between "of the" and its noun
    sized = ("Border Patrol agents apprehended 64 people near Findlay in August.\n\n"
             "Seven of the 64 people apprehended in August had criminal convictions.")
    assert [(c["category"], number(c["count"])) for c in records(sized, kind="criminality")] == [("convicted", 7)]
    # ... and that size is what the part is of, never a count with the category of its own
    parted = ("ICE arrested 60 people in Tiffin last week.\n\nAccording to the filing, 19 of the 37 people "
              "arrested had criminal convictions and 12 had final orders of removal.")
    assert [(c["category"], number(c["count"])) for c in records(parted, kind="criminality")] == \
        [("convicted", 19), ("final_order", 12)]


def test_of_those_arrested_after_a_part_told_in_its_own_sentence_is_the_groups_total():
    body = ("Officers arrested 73 people in Akron, Canton, Kent and Lorain last week.\n\n"
            "Eighteen of the arrests were in Akron.\n\n"
            "Of those arrested, nine had been convicted of aggravated felonies.")
    assert _of(body) == {("convicted", 9): 73}


def test_criminality_told_right_after_another_qualifies_the_same_count():
    body = ("Officers arrested 200 people across Ohio last week, 60 of them in Akron. Forty of the 60 had criminal "
            "convictions. The remaining 20 had pending criminal charges.")
    assert _of(body) == {("convicted", 40): 60, ("charged", 20): 60}


def test_people_with_convictions_or_charges_are_both():
    body = ("Officers made 700 arrests in April. Of those arrested, 58 percent were people with criminal "
            "convictions or pending criminal charges.")
    assert _of(body) == {("convicted_or_charged", 0.58): 700}


def test_people_identified_as_having_convictions():
    body = ("Agents apprehended 1,100 people in the sector in May. Agents identified 52 of the people apprehended in "
            "May as having criminal convictions.")
    assert _of(body) == {("convicted", 52): 1100}


def test_a_share_of_the_people_removed_is_no_criminality_of_arrests():
    body = ("Officers arrested 73 people in the operation.\n\n"
            "In fiscal year 2017, 55 percent of those the agency deported had a prior criminal conviction.")
    assert _of(body) == {}


def test_an_item_that_had_been_deported_before_is_no_group_of_removals():
    body = ("Officers arrested 40 people last week.\n\nOf the 40, eight had been deported before, and five had "
            "final orders of removal they had ignored.")
    assert _of(body) == {("other", 8): 40, ("final_order", 5): 40}
    assert _of("Officers removed 200 people. Of the 200 people removed, 40 had convictions.") == {}


def test_a_table_by_office_of_arrests_and_convictions():
    body = ("Officers arrested 400 people in a coordinated operation from Sept. 8 to Sept. 14.\n\n"
            "Arrests by office:\n\n"
            "Office            Arrests    Convicted\n"
            "Boise                  150          90\n"
            "Spokane                250         120\n"
            "Total                  400         210\n")
    recs = records(body, published="2012-09-20")
    parts = [(number(r["count"]), r["places"][0]["name"], r["period"]["start"]["date"]) for r in recs
             if r["kind"] == "arrest_count" and r["scope"] == "part"]
    assert parts == [(150, "Boise", "2012-09-08"), (250, "Spokane", "2012-09-08")]
    assert _of(body) == {("convicted", 90): 150, ("convicted", 120): 250}


def test_a_table_whose_columns_are_not_arrests_makes_nothing():
    body = ("Officers arrested 40 people in the operation.\n\n"
            "Office      Officers   Vehicles\nBoise          12         4\nSpokane        20         7\n")
    assert [number(r["count"]) for r in records(body, kind="arrest_count")] == [40]
    assert records(body, kind="criminality") == []


def test_a_table_of_arrests_and_the_share_without_a_conviction():
    body = ("BOISE, Idaho — Records show officers arrested 300 people in Idaho from March through May of this year. "
            "That is down from 410 in the first half of 2020.\n\n"
            "County                 Arrests   No conviction\n"
            "Ada County                 180        45%\n"
            "Canyon County              120        30%\n")
    recs = records(body, published="2021-08-01")
    assert [(number(r["count"]), r["places"][0]["name"], r["places"][0]["state"]) for r in recs
            if r["kind"] == "arrest_count" and r["scope"] == "part"] == [(180, "Ada County", "ID"), (120, "Canyon County", "ID")]
    # the rows are over the period of the count they break down, not the one it is compared with
    assert {r["period"]["start"]["date"] for r in recs if r["kind"] == "arrest_count" and r["scope"] == "part"} == {"2021-03-01"}
    assert _of(body) == {("no_record", 0.45): 180, ("no_record", 0.3): 120}


def test_of_those_arrested_after_a_parts_criminality_is_the_whole_groups_again():
    body = ("Officers arrested 200 people across Ohio last week, 60 of them in Akron. Forty of the 60 had criminal "
            "convictions. Of those arrested, 90 had no criminal record.")
    assert _of(body) == {("convicted", 40): 60, ("no_record", 90): 200}


@pytest.mark.parametrize("body,count,share", [
    ("ICE arrested 84 people in Lima and Findlay last week.\n\nThirty-one of them, or about 37%, had criminal "
     "convictions, the agency said.", 31, 0.37),
    ("ICE arrested 67 people in Sandusky last week.\n\nForty of those 67, or about 60 percent, had criminal "
     "convictions, according to the agency.", 40, 0.6),
    ("ICE arrested 14 people in three towns.\n\nIn Tiffin, four of the five, or 80%, had criminal convictions, "
     "he said.", 4, 0.8),
])
def test_a_partitive_count_restated_as_a_share_keeps_both(body, count, share):
    # "N of them, or P%, had ...": one record, the count with the share it is said to be (not the
    # share alone, and not the group it is a part of)
    [c] = records(body, kind="criminality")
    assert (number(c["count"]), c["share"]["value"], c["category"]) == (count, share, "convicted")

"""The twelfth blind set (tests/data/blind12/: eight news reports and four federal releases) must stay usable
as a gold file: every text coded once, evidence verbatim, and no city, county, region, state or outlet that an
earlier blind set already uses; and its gold must code each shape the set was written to hold as ANNOTATION.md
says. The checks every
blind set shares run in tests/test_blind_sets_format.py, which lists this module."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from _gold_sets import FEDERAL_PUBLISHERS, texts_by_kind  # noqa: F401 - FEDERAL_PUBLISHERS: read by test_blind_sets_format
from _gold_sets import body_of as _body_of
from _gold_sets import gold_lines as read_gold
from _gold_sets import line_of as _line_of
from _gold_sets import records_of as _records_of

DATA = Path(__file__).resolve().parent / "data"
BLIND12 = DATA / "blind12"
EARLIER_SETS = tuple(DATA / name for name in ("blind", *(f"blind{n}" for n in range(2, 12))))
ORDINAL = "the twelfth blind set"
PLACES_AT_LEAST = 35  # coded places, none of an earlier set
GOLD = BLIND12 / "gold.jsonl"
TEXTS, NEWS, RELEASES = texts_by_kind(BLIND12)
# Private people the texts name (a cheese-plant owner, a church volunteer, a mother known by her first name, a
# landscaping-company owner, a line supervisor, a bakery owner, a drilling-services owner, a vegetable grower,
# an arrested man's uncle, a wife, a volunteer, an arrested man and two defendants): in no record, in any field.
PRIVATE_NAMES = (
    "Gunnar Feeney-Okafor", "Winifred Sagal-Honda", "Rosalba", "Lazarus Quenneville-Haldane",
    "Perpetua Gallardo-Finch", "Constance Maddox-Ibarra", "Hollis Brannock-Duarte", "Sylvester Whitlock-Baptiste",
    "Evaristo Canterbury-Lum", "Brígida Salcedo-Vanterpool", "Anselmo Truscott-Ferreira", "Efrain Tollefsen-Mora",
    "Anselmo Quarterman-Reyes", "Delfina Ostrowski-Paz",
)
# People in a public role named but never quoted in quotation marks: a mayor who spoke in a statement, a field
# office director who did not answer a letter, and a prosecutor.
UNQUOTED_NAMES = ("Fennimore Castellucci-Ward", "Cassius Delacorte-Whitby", "Marisela Kettleborough-Danso")
# Places the texts name only in an attribution, a dateline far from the arrests, or an aside (a field office's
# city, where people are held or taken, a county around the coded towns, a speaker's office, a memo's scope).
UNCODED_PLACES = ("Chicago", "Marathon County", "Massachusetts", "western Connecticut", "Denver", "Salt Lake City",
                  "Sweetwater County", "Casper", "Atlanta", "Cumberland County", "Elizabeth", "Newark",
                  "Princeton", "Burlington", "Boston", "Baltimore", "Wicomico County", "New Orleans", "Louisiana",
                  "Kentucky", "Winnebago County")
NUMBER_WORDS = {
    "two": 2, "three": 3, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "eleven": 11, "thirteen": 13,
    "fourteen": 14, "twenty": 20, "thirty": 30,
}


def gold_lines() -> list[dict]:
    return read_gold(GOLD)


def line_of(stem: str) -> dict:
    return _line_of(GOLD, stem)


def records_of(stem: str, kind: str) -> list[dict]:
    return _records_of(GOLD, stem, kind)


def body_of(stem: str) -> str:
    return _body_of(TEXTS, stem)


def words_to_number(words: str) -> int:
    """'thirty-three' -> 33, 'fourteen' -> 14: the number words our texts use inside sentences."""
    return sum(NUMBER_WORDS[part] for part in words.lower().split("-"))


# The shapes this set was written to hold.

@pytest.mark.parametrize("stem, total", [
    ("m01", 47), ("m02", 26), ("m03", 33), ("m04", 64), ("m05", 17), ("m06", 161), ("m08", 39), ("r10", 212),
    ("r11", 31), ("r12", 58),
])
def test_the_place_parts_of_a_text_add_up_to_its_total(stem: str, total: int) -> None:
    """Each text's required place parts (for r10, its stations over the half year) sum to the total they break down."""
    counts = records_of(stem, "arrest_count")
    total_record = next(r for r in counts if r["count"]["value"] == total and r["scope"] == "total")
    parts = [r["count"]["value"] for r in counts
             if r["scope"] == "part" and not r.get("ambiguous") and r["period"] == total_record["period"]]
    assert sum(parts) == total and not total_record.get("ambiguous")


def test_a_city_list_with_colons_and_semicolons_gives_one_part_a_city() -> None:
    """m01: "Wausau: 21; Stevens Point: 15; Marshfield: 11." Each part is located by its own city."""
    parts = [r for r in records_of("m01", "arrest_count") if r["scope"] == "part"]
    assert [r["evidence"] for r in parts] == ["Wausau: 21", "Stevens Point: 15", "Marshfield: 11"]
    for record in parts:
        assert record["evidence"].startswith(record["places"][0]["name"] + ": ")
    assert "Wausau: 21; Stevens Point: 15; Marshfield: 11." in body_of("m01")


def test_a_newsletter_list_puts_the_number_before_the_city() -> None:
    """m06: "• 71 arrests: Valdosta" — the number first, the city after the colon."""
    parts = [r for r in records_of("m06", "arrest_count") if r["scope"] == "part"]
    assert len(parts) == 3
    for record in parts:
        assert record["evidence"].endswith(": " + record["places"][0]["name"])
        assert f"• {record['evidence']}" in body_of("m06")


def test_between_two_dates_gives_both_ends() -> None:
    (operation,) = records_of("m01", "operation")
    assert "between April 8 and April 12" in operation["evidence"]
    assert (operation["start"], operation["end"]) == ("2013-04-08", "2013-04-12")


def test_last_week_leaves_every_date_empty() -> None:
    """m02: "a total of 26 ... last week": the count's period and the operation's dates are null."""
    assert all(r["period"] is None for r in records_of("m02", "arrest_count"))
    (operation,) = records_of("m02", "operation")
    assert operation["start"] is None and operation["end"] is None and operation["status"] == "ended"


@pytest.mark.parametrize("stem, value", [("m02", 26), ("r10", 212)])
def test_a_total_of_n_is_the_total(stem: str, value: int) -> None:
    (record,) = [r for r in records_of(stem, "arrest_count") if f"a total of {value}" in r["evidence"]]
    assert record["scope"] == "total" and record["count"] == {"value": value, "qualifier": "exact"}


@pytest.mark.parametrize("stem, words, share, category", [
    ("m01", "Roughly a third", {"value": 1 / 3, "qualifier": "about"}, "convicted"),
    ("m02", "Fewer than half", {"value": 0.5, "qualifier": "fewer_than"}, "convicted"),
    ("m04", "Three-quarters", {"value": 0.75, "qualifier": "exact"}, "no_record"),
    ("m06", "Fewer than one in four", {"value": 0.25, "qualifier": "fewer_than"}, "convicted"),
    ("m08", "About two-thirds", {"value": 2 / 3, "qualifier": "about"}, "no_record"),
    ("r12", "More than half", {"value": 0.5, "qualifier": "more_than"}, "convicted"),
])
def test_hedged_fractions_are_shares_of_their_base(stem: str, words: str, share: dict, category: str) -> None:
    (record,) = [r for r in records_of(stem, "criminality") if r["evidence"].startswith(words)]
    assert record["share"] == share and record["category"] == category and not record.get("ambiguous")
    totals = [r["count"]["value"] for r in records_of(stem, "arrest_count") if r["scope"] == "total"]
    assert record["of_count"] == totals[0]


@pytest.mark.parametrize("stem, count, of_count", [("m03", 14, 33), ("m05", 9, 11)])
def test_n_of_whom_qualifies_the_count_of_its_own_clause(stem: str, count: int, of_count: int) -> None:
    """"thirty-three people ..., fourteen of whom had criminal convictions"; "11 people in Rock Springs, nine of
    whom ...": the base is the count the relative clause hangs on, a part in m05."""
    (record,) = [r for r in records_of(stem, "criminality") if " of whom " in r["evidence"]]
    assert record["count"]["value"] == count and record["of_count"] == of_count and record["category"] == "convicted"


def test_numbers_in_words_inside_sentences_are_numbers() -> None:
    """m03 spells its counts out in mid-sentence ("arrested thirty-three people", "twenty were arrested")."""
    seen = 0
    for record in line_of("m03")["records"]:
        if record["kind"] in {"arrest_count", "criminality"}:
            word = re.search(r"\b([a-z]+(?:-[a-z]+)?) (?:people|of whom|were|in|faced)\b", record["evidence"])
            assert word, record
            assert record["count"]["value"] == words_to_number(word.group(1)), record
            seen += 1
    assert seen == 5


def test_a_suspended_second_phase_is_called_off_and_undated() -> None:
    """m03: the second phase "had been scheduled to begin in Winchester on May 18" and was suspended with no new
    date: called off, the superseded start left out; the first phase ended."""
    operations = {op["status"]: op for op in records_of("m03", "operation")}
    assert set(operations) == {"ended", "called_off"}
    assert operations["called_off"]["start"] is None and operations["called_off"]["end"] is None
    assert operations["called_off"]["places"] == [{"name": "Winchester", "state": "VA"}]
    assert (operations["ended"]["start"], operations["ended"]["end"]) == ("2015-05-04", "2015-05-08")


def test_a_postponed_operation_with_no_new_date_is_planned_and_undated() -> None:
    (postponed,) = [op for op in records_of("r12", "operation") if op["status"] == "planned"]
    assert postponed["start"] is None and postponed["places"] == [{"name": "Fort Smith", "state": "AR"}]
    assert "postponed" in postponed["evidence"] and "A new start date has not been set." in body_of("r12")


def test_weekdays_resolve_against_a_friday_report() -> None:
    """m04, a Friday report: "began Monday" is four days back, "by Thursday night" the day before."""
    line = line_of("m04")
    published = datetime.date.fromisoformat(line["published"])
    assert published.strftime("%A") == "Friday"
    (operation,) = records_of("m04", "operation")
    assert operation["status"] == "under_way" and (published - datetime.date.fromisoformat(operation["start"])).days == 4
    (total,) = [r for r in records_of("m04", "arrest_count") if r["count"]["value"] == 64]
    assert total["period"] == {"start": operation["start"], "end": (published - datetime.timedelta(days=1)).isoformat()}


def test_since_the_start_of_the_fiscal_year_is_half_open() -> None:
    """m04: "to 151 since Oct. 1" and "88 over the same weeks a year earlier": starts only."""
    counts = {r["count"]["value"]: r for r in records_of("m04", "arrest_count")}
    assert counts[151]["period"] == {"start": "2018-10-01", "end": None}
    assert counts[88]["period"] == {"start": "2017-10-01", "end": None}
    assert counts[151]["places"] == counts[88]["places"] == [{"name": "Rockford area", "state": "IL"}]


def test_a_demand_to_raise_the_daily_rate_is_a_target_and_a_goal_without_a_rate_is_nothing() -> None:
    (target,) = records_of("m04", "target")
    assert (target["count"]["value"], target["per"]) == (20, "day")
    assert "about 150 arrests over the operation's two weeks" in body_of("m04")
    assert not any(r.get("count", {}).get("value") == 150 for r in line_of("m04")["records"] if r.get("count"))


@pytest.mark.parametrize("stem, count, per, scope", [
    ("m01", 10, "day", "place"), ("m02", 30, "week", "place"), ("m03", 40, "week", "place"),
    ("m04", 20, "day", "place"), ("m05", 60, "month", "place"), ("m06", 300, "year", "place"),
    ("m07", 12, "day", "place"), ("m08", 1500, "day", "nationwide"),
])
def test_each_news_report_states_one_target(stem: str, count: int, per: str, scope: str) -> None:
    (target,) = records_of(stem, "target")
    assert (target["count"]["value"], target["per"], target["scope"]) == (count, per, scope)
    assert not any(target["evidence"] in r["evidence"] for r in records_of(stem, "arrest_count")), "a target is no count"


def test_a_release_with_an_operation_goal_and_a_national_rate() -> None:
    assert {(r["count"]["value"], r["per"], r["scope"]) for r in records_of("r12", "target")} == {
        (8, "day", "place"), (2500, "day", "nationwide")}


def test_hedged_counts_keep_their_hedge() -> None:
    """m05: "at least 17" is the total; "Fewer than five of the 17" is a charged count below five."""
    (total,) = [r for r in records_of("m05", "arrest_count") if r["scope"] == "total"]
    assert total["count"] == {"value": 17, "qualifier": "at_least"}
    assert total["period"] == {"start": None, "end": "2012-09-27"}  # "a four-day operation that ended Sept. 27"
    (charged,) = [r for r in records_of("m05", "criminality") if r["category"] == "charged"]
    assert charged["count"] == {"value": 5, "qualifier": "fewer_than"} and charged["of_count"] == 17


def test_anonymous_officials_are_no_speakers() -> None:
    """m01's unnamed ICE official ("a solid week for a small team") and the unnamed employees and officials of
    m05, m06 and m08 give no quote; what they describe (m01's quota, m08's national rate) is still coded."""
    body = body_of("m01")
    assert "on condition of anonymity" in body and "“a solid week for a small team.”" in body
    assert not any("solid week" in r["text"] for r in records_of("m01", "quote"))
    assert records_of("m01", "target") and records_of("m08", "target")
    assert "on condition of anonymity" in body_of("m08")


def test_a_quote_attributed_by_according_to_a_statement_from() -> None:
    body = body_of("m01")
    (record,) = [r for r in records_of("m01", "quote")
                 if f"” according to a statement from {r['speaker']}, deputy field office director" in body]
    assert not record.get("ambiguous") and record["text"] + ",” according to" in body


def test_a_two_sentence_quote_interrupted_by_its_attribution() -> None:
    """m02: the first segment holds two sentences and ends at the attribution, without its comma."""
    (record,) = [r for r in records_of("m02", "quote") if r["speaker"] == "Thaddeus Wenborne-Achebe"]
    assert record["text"].count(". ") == 1 and record["text"].endswith("schools or churches")
    assert record["text"] + ",” ICE spokesman" in body_of("m02")


def test_a_quote_after_said_and_a_colon_keeps_its_final_period() -> None:
    (record,) = [r for r in records_of("r11", "quote") if r["speaker"] == "Horatio Lindqvist-Mbatha"]
    assert record["text"].endswith("a reason to find.") and f"said: “{record['text']}”" in body_of("r11")


@pytest.mark.parametrize("stem, role", [
    ("m01", "a spokeswoman for the city of Wausau"), ("m02", "a spokeswoman for Danbury Public Schools"),
])
def test_city_and_school_district_spokespeople_give_required_quotes(stem: str, role: str) -> None:
    body = body_of(stem)
    (record,) = [r for r in records_of(stem, "quote") if f"said {r['speaker']}, {role}" in body]
    assert not record.get("ambiguous")


def test_people_in_a_professional_role_give_optional_quotes_and_officials_required_ones() -> None:
    optional = {r["speaker"] for line in gold_lines() for r in line["records"]
                if r["kind"] == "quote" and r.get("ambiguous")}
    assert optional == {"Ansel Dunmore-Vik", "Leticia Bramhall-Osterberg", "Imelda Castellanos-Ruud",
                        "Ottoline Brisbane-Kaur", "Philomena Drayton-Sato", "Augustina Perlmutter-Oyelaran"}


def test_two_counts_that_disagree_count_different_things() -> None:
    """m07: ICE's 58 arrests is the count; the jail's 41 people booked on detainers is a detention figure."""
    body = body_of("m07")
    assert "41 people booked on ICE detainers" in body
    values = {r["count"]["value"] for r in records_of("m07", "arrest_count")}
    assert values == {58}
    groups = {r["category"]: r["count"]["value"] for r in records_of("m07", "criminality") if r.get("count")}
    assert groups == {"convicted": 23, "charged": 9, "no_record": 26} and sum(groups.values()) == 58


def test_a_national_share_has_no_base_and_a_mention_only_operation_is_optional() -> None:
    (national,) = [r for r in records_of("m07", "criminality") if r["of_count"] is None]
    assert national["share"] == {"value": 0.8, "qualifier": "about"} and national["category"] == "convicted_or_charged"
    (mention,) = [op for op in records_of("m07", "operation") if op.get("ambiguous")]
    assert {p["name"] for p in mention["places"]} == {"Camden", "Trenton"}
    assert mention["start"] is None and mention["end"] is None


def test_an_operation_given_only_a_start_and_a_duration_has_no_end() -> None:
    (operation,) = [op for op in records_of("m07", "operation") if not op.get("ambiguous")]
    assert "five-day operation that began Sept. 28" in operation["evidence"]
    assert (operation["start"], operation["end"]) == ("2020-09-28", None)


def test_still_under_way_on_the_day_of_the_report() -> None:
    """m08, a Friday report: under way since Monday, Oct. 16, counted "by Thursday evening"; named in the body."""
    line = line_of("m08")
    assert datetime.date.fromisoformat(line["published"]).strftime("%A") == "Friday"
    (operation,) = records_of("m08", "operation")
    assert (operation["status"], operation["start"], operation["name"]) == ("under_way", "2023-10-16",
                                                                             "Operation Canal Lantern")
    (total,) = [r for r in records_of("m08", "arrest_count") if r["scope"] == "total"]
    assert total["period"] == {"start": "2023-10-16", "end": "2023-10-19"}


def test_a_phased_operation_one_phase_ended_and_one_under_way() -> None:
    """r09: phase one ended June 6 on the Eastern Shore, phase two under way since June 9 in western Maryland; the
    operation's total of 44 lists all five places and both phases are parts of it."""
    operations = {op["status"]: op for op in records_of("r09", "operation")}
    assert set(operations) == {"ended", "under_way"}
    assert operations["ended"]["end"] < operations["under_way"]["start"]
    assert {op["name"] for op in operations.values()} == {"Operation Chesapeake Ledger"}
    counts = records_of("r09", "arrest_count")
    (total,) = [r for r in counts if r["scope"] == "total"]
    assert total["count"]["value"] == 44 and len(total["places"]) == 5
    phases = [r["count"]["value"] for r in counts if r["scope"] == "part" and len(r["places"]) > 1]
    assert sorted(phases) == [11, 33] and sum(phases) == 44


def test_a_surge_given_a_duration_and_an_end_and_a_half_year_beside_the_year_before() -> None:
    counts = {r["count"]["value"]: r for r in records_of("r10", "arrest_count")}
    assert counts[212]["period"] == {"start": "2016-10-01", "end": "2017-03-31"}
    assert counts[167]["period"] == {"start": "2015-10-01", "end": "2016-03-31"}
    (surge,) = records_of("r10", "operation")
    assert (surge["start"], surge["end"]) == (None, "2017-03-03") and "30-day surge" in surge["evidence"]
    assert counts[44]["period"] == {"start": None, "end": "2017-03-03"}


def test_charges_after_the_arrests_are_optional_criminality() -> None:
    (charged,) = [r for r in records_of("r11", "criminality") if r["category"] == "charged"]
    assert charged.get("ambiguous") is True and charged["count"]["value"] == 9 and charged["of_count"] == 31
    assert sum(1 for r in line_of("r11")["records"] if r.get("ambiguous")) == 1


@pytest.mark.parametrize("stem, phrase", [
    ("m05", "eight other people the agents had been looking for remain at large"),
    ("m06", "212 calls since January"),
    ("m03", "targeted forty-five people"),
    ("m08", "31 of those arrested had been moved to a processing center"),
    ("r11", "up to 20 years in prison"),
    ("r11", "The remaining 22 people arrested are in removal proceedings"),
    ("r12", "moved 40 of those arrested"),
    ("r12", "65 additional officers"),
])
def test_distractor_numbers_are_not_coded(stem: str, phrase: str) -> None:
    assert phrase in body_of(stem)
    for record in line_of(stem)["records"]:
        assert phrase not in record["evidence"] and record["evidence"] not in phrase, record


def test_sex_and_nationality_splits_are_not_coded() -> None:
    for line in gold_lines():
        for record in line["records"]:
            if record["kind"] in {"arrest_count", "criminality"}:
                assert not re.search(r"\b(women|men|Mexico|nationals)\b", record["evidence"]), record


@pytest.mark.parametrize("stem", ["r09", "r10", "r11", "r12"])
def test_a_release_quotes_two_officials(stem: str) -> None:
    quotes = records_of(stem, "quote")
    assert len(quotes) == 2 and not any(r.get("ambiguous") for r in quotes)

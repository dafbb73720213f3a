"""The eleventh blind set (tests/data/blind11/: eight news reports and four federal releases) must stay usable
as a gold file: every text coded once, evidence verbatim, and no city, county or outlet that an earlier
blind set already uses; and its gold must code each shape the set was written to hold as ANNOTATION.md says."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from _gold_sets import (
    split,
)
from _gold_sets import gold_lines as read_gold

DATA = Path(__file__).resolve().parent / "data"
BLIND11 = DATA / "blind11"
EARLIER_SETS = tuple(DATA / name for name in ("blind", *(f"blind{n}" for n in range(2, 11))))
ORDINAL = "the eleventh blind set"
PLACES_AT_LEAST = 30  # coded places, none of an earlier set
GOLD = BLIND11 / "gold.jsonl"
TEXTS = sorted(BLIND11.glob("*.txt"))
NEWS = [path for path in TEXTS if split(path)[0]["kind"] == "news"]
RELEASES = [path for path in TEXTS if split(path)[0]["kind"] == "release"]
FEDERAL_PUBLISHERS = (
    "U.S. Immigration and Customs Enforcement", "U.S. Customs and Border Protection",
    "U.S. Department of Homeland Security", "U.S. Department of Justice",
)
# Private people the texts name (an employer of drivers, a wife, a teacher speaking of her pupil, a dairy
# owner, a landlord, a boat owner, a fisherman, a restaurant owner, a neighbour, a graduate instructor
# speaking of her student, a student neighbour, an arrested man and two defendants): in no record, in any field.
PRIVATE_NAMES = (
    "Harlan Mecklenburg-Ortiz", "Yesenia Trujillo-Banerjee", "Rosalind Oberholtzer-Quint",
    "Clifford Amundsen-Reyes", "Georgina Pettibone-Alcazar", "Bartholomew Stanek-Figueroa",
    "Anastasio Pellot-Grünewald", "Leopold Vasquez-Heathcote", "Imelda Ruckert-Sandoval",
    "Harriet Lindemann-Achebe", "Caspian Moreau-Thackeray", "Ezequiel Dannhauser-Pimentel",
    "Ismael Quintanilla-Rasmussen", "Herminia Batchelder-Oduya",
)
# People in a public role named but never quoted in quotation marks: an ICE spokesman and an immigration
# attorney (both paraphrased) and a prosecutor.
UNQUOTED_NAMES = ("Lucius Farnsworth-Adeyemi", "Dorothea Whitcombe-Ngata", "Evangeline Marchbanks-Toure")
# Places the texts name only in an attribution, a dateline far from the arrests, or an aside (where people
# are held, a county around the coded towns, a speaker's office): never a coded place.
UNCODED_PLACES = ("Denver", "Scotts Bluff County", "Collier County", "Tacoma", "Charleston",
                  "Guaynabo", "San Juan", "Monongalia County", "Centre County", "Clinton County", "York County",
                  "Wilmington", "Sussex County", "St. Paul", "Beadle County")
NUMBER_WORDS = {
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "eleven": 11,
    "twelve": 12, "fourteen": 14, "seventeen": 17, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "one": 1, "two": 2,
}


def gold_lines() -> list[dict]:
    return read_gold(GOLD)


def line_of(stem: str) -> dict:
    return next(line for line in gold_lines() if line["file"].startswith(stem))


def records_of(stem: str, kind: str) -> list[dict]:
    return [r for r in line_of(stem)["records"] if r["kind"] == kind]


def body_of(stem: str) -> str:
    return split(next(path for path in TEXTS if path.name.startswith(stem)))[1]


def words_to_number(words: str) -> int:
    """'Thirty-one' -> 31, 'Nineteen' -> 19: the number words our texts open sentences with."""
    return sum(NUMBER_WORDS[part] for part in words.lower().split("-"))


@pytest.mark.parametrize("stem, total", [
    ("k02", 52), ("k03", 23), ("k05", 14), ("k06", 38), ("k07", 57), ("k08", 19), ("k09", 72),
    ("k10", 34), ("k11", 27), ("k12", 46),
])
def test_the_parts_of_a_text_add_up_to_its_total(stem: str, total: int) -> None:
    """Each text's required place or month parts sum to the total they break down, as its body says."""
    counts = records_of(stem, "arrest_count")
    parts = [r["count"]["value"] for r in counts if r["scope"] == "part" and not r.get("ambiguous")]
    assert sum(parts) == total
    assert any(r["count"]["value"] == total and r["scope"] == "total" and not r.get("ambiguous") for r in counts)


def test_more_than_doubled_to_84_up_from_40_gives_two_totals() -> None:
    """k01: the new figure and last year's are both counts; the second is February 2016, a whole month."""
    totals = {r["count"]["value"]: r for r in records_of("k01", "arrest_count") if r["scope"] == "total"}
    assert set(totals) == {84, 40} and not any(r.get("ambiguous") for r in totals.values())
    assert totals[84]["count"]["value"] > 2 * totals[40]["count"]["value"]
    assert "more than doubled to 84" in totals[84]["evidence"] and "up from 40" in totals[40]["evidence"]
    assert totals[40]["period"] == {"start": "2016-02-01", "end": "2016-02-29"}


def test_parts_by_agency_add_up_with_the_deputies_optional() -> None:
    """k01: ICE 60 and Border Patrol 16 are required parts; the eight deputies arrested and held for ICE are
    optional; together they are the 84."""
    parts = [r for r in records_of("k01", "arrest_count") if r["scope"] == "part"]
    assert sum(r["count"]["value"] for r in parts) == 84
    optional = [r for r in parts if r.get("ambiguous")]
    assert [r["count"]["value"] for r in optional] == [8] and "deputies" in optional[0]["evidence"]


def test_a_headline_count_the_body_revises_is_optional() -> None:
    """k02: the headline's 45 is the agency's first figure; the body's 52 is the count."""
    body = body_of("k02")
    headline = body.split("\n", 1)[0]
    totals = {r["count"]["value"]: bool(r.get("ambiguous")) for r in records_of("k02", "arrest_count")
              if r["scope"] == "total"}
    assert "45" in headline and "52" not in headline
    assert totals == {45: True, 52: False}


def test_early_tuesday_in_a_tuesday_report_is_the_day_of_the_report() -> None:
    line = line_of("k02")
    published = datetime.date.fromisoformat(line["published"])
    assert published.strftime("%A") == "Tuesday"
    (operation,) = records_of("k02", "operation")
    assert operation["end"] == line["published"]
    assert operation["start"] == (published - datetime.timedelta(days=2)).isoformat()  # "began Sunday"


def test_an_operation_ended_early_ends_on_the_day_it_was_halted() -> None:
    """k03: planned for five days from Jan. 14, halted after three by a storm: it ended Jan. 16."""
    body = body_of("k03")
    assert "planned to last five days" in body and "blizzard" in body
    (operation,) = records_of("k03", "operation")
    assert operation["status"] == "ended"
    assert (operation["start"], operation["end"]) == ("2013-01-14", "2013-01-16")


@pytest.mark.parametrize("stem, count", [("k03", 4), ("k07", 8)])
def test_a_target_per_officer_per_month_is_a_monthly_target(stem: str, count: int) -> None:
    (target,) = records_of(stem, "target")
    assert (target["count"]["value"], target["per"], target["scope"]) == (count, "month", "place")
    assert "each" in target["evidence"] and "a month" in target["evidence"]
    assert not any(target["evidence"] in r["evidence"] for r in records_of(stem, "arrest_count")), "a target is no count"


def test_n_of_them_or_about_x_percent_is_a_count_that_agrees_with_its_percent() -> None:
    """"Thirty-one of them, or about 37%": one record, coded by its count, whose share of its base is the percent."""
    seen = 0
    for line in gold_lines():
        for record in line["records"]:
            match = re.search(r", or (?:about )?(\d+)(?:%| percent)", record["evidence"])
            if record["kind"] == "criminality" and match:
                seen += 1
                assert "share" not in record and record["count"] is not None, record
                assert round(100 * record["count"]["value"] / record["of_count"]) == int(match.group(1)), record
    assert seen == 5


@pytest.mark.parametrize("stem, town", [("k05", "Bandon"), ("k07", "Clarksburg")])
def test_a_share_given_for_one_town_qualifies_that_towns_count(stem: str, town: str) -> None:
    (part,) = [r for r in records_of(stem, "arrest_count") if r["places"][0]["name"] == town and r["scope"] == "part"]
    (record,) = [r for r in records_of(stem, "criminality") if r["evidence"].startswith(f"In {town},")]
    assert record["of_count"] == part["count"]["value"] and record["category"] == "no_record"


def test_two_operations_one_past_and_one_under_way() -> None:
    """k04, a Thursday report: one under way since Monday, one that ended in January."""
    line = line_of("k04")
    published = datetime.date.fromisoformat(line["published"])
    operations = {op["status"]: op for op in records_of("k04", "operation")}
    assert set(operations) == {"ended", "under_way"}
    start = datetime.date.fromisoformat(operations["under_way"]["start"])
    assert start.strftime("%A") == "Monday" and (published - start).days == 3
    assert operations["ended"]["end"] < operations["under_way"]["start"]
    assert not {p["name"] for p in operations["ended"]["places"]} & {p["name"] for p in operations["under_way"]["places"]}


def test_a_sheriffs_office_speaking_in_a_written_release_gives_an_optional_quote() -> None:
    (office,) = [r for r in records_of("k05", "quote") if r["speaker"].endswith("Sheriff's Office")]
    assert office.get("ambiguous") is True
    assert "written release" in body_of("k05")


def test_a_member_of_congress_is_quoted_after_said_and_party_state() -> None:
    body = body_of("k03")
    (member,) = [r for r in records_of("k03", "quote") if f"said Rep. {r['speaker']}, R-Idaho" in body]
    assert not member.get("ambiguous")


def test_a_speaker_named_after_said_and_a_long_title() -> None:
    """k01: "... said the acting assistant director of field operations at ..., Maribel Esquivel-Hartwig." """
    body = body_of("k01")
    (record,) = [r for r in records_of("k01", "quote")
                 if re.search(rf"” said the [^.”]{{40,}}, {re.escape(r['speaker'])}\.", body)]
    assert record["text"].startswith("We went back")


def test_numbers_in_words_that_open_sentences_are_coded_as_numbers() -> None:
    seen = 0
    for line in gold_lines():
        for record in line["records"]:
            match = re.match(r"([A-Z][a-z]+(?:-[a-z]+)?) (?:of|were|had|people|others)\b", record["evidence"])
            if match and record["kind"] in {"arrest_count", "criminality"} and record.get("count"):
                seen += 1
                assert record["count"]["value"] == words_to_number(match.group(1)), record
    assert seen >= 15


def test_sex_age_and_nationality_splits_are_not_coded() -> None:
    splits = re.compile(r"\b(men|women|nationals|countries|Dominican|Haiti|under 21|from Mexico)\b")
    for line in gold_lines():
        for record in line["records"]:
            if record["kind"] in {"arrest_count", "criminality"}:
                assert not splits.search(record["evidence"]), record


def test_a_quarter_by_month_sums_to_the_quarter_beside_the_year_before() -> None:
    """k10: October, November and December, each a whole month, make the quarter; a year earlier, 21."""
    counts = records_of("k10", "arrest_count")
    months = [r for r in counts if r["scope"] == "part"]
    for record in months:
        start = datetime.date.fromisoformat(record["period"]["start"])
        end = datetime.date.fromisoformat(record["period"]["end"])
        assert start.day == 1 and (end + datetime.timedelta(days=1)).day == 1 and start.month == end.month
    quarter = next(r for r in counts if r["count"]["value"] == 34)
    assert quarter["period"] == {"start": months[0]["period"]["start"], "end": months[-1]["period"]["end"]}
    earlier = next(r for r in counts if r["count"]["value"] == 21)
    assert earlier["period"] == {"start": "2019-10-01", "end": "2019-12-31"} and earlier["scope"] == "total"
    assert records_of("k10", "operation") == []


def test_people_arrested_on_prior_warrants_within_the_total_are_optional() -> None:
    """k09: the 72 include six already wanted on criminal warrants: an optional part and optional criminality."""
    sixes = [r for r in line_of("k09")["records"] if r.get("count") and r["count"]["value"] == 6]
    assert {r["kind"] for r in sixes} == {"arrest_count", "criminality"}
    assert all(r.get("ambiguous") and "warrants" in r["evidence"] for r in sixes)


def test_a_dateline_without_a_state_is_no_place() -> None:
    """k11: "WILMINGTON —" heads a Delaware release; the coded places are the Delaware towns of the operation."""
    body = body_of("k11")
    assert body.split("\n\n")[1].startswith("WILMINGTON — ")
    states = {p["state"] for r in line_of("k11")["records"] for p in r.get("places", [])}
    assert states == {"DE"}


def test_a_state_goal_a_field_office_goal_and_a_national_share() -> None:
    line = line_of("k12")
    assert {(r["count"]["value"], r["scope"]) for r in records_of("k12", "target")} == {(6, "place"), (45, "per_field_office")}
    (national,) = [r for r in records_of("k12", "criminality") if r["of_count"] is None]
    assert national["share"] == {"value": 0.66, "qualifier": "about"}
    (operation,) = records_of("k12", "operation")
    assert operation["status"] == "under_way" and operation["start"] < line["published"]


@pytest.mark.parametrize("stem", ["k09", "k10", "k11", "k12"])
def test_a_release_quotes_two_officials(stem: str) -> None:
    quotes = records_of(stem, "quote")
    assert len(quotes) == 2 and not any(r.get("ambiguous") for r in quotes)

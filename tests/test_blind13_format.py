"""The thirteenth blind set (tests/data/blind13/: eight news reports and four federal releases) must stay usable
as a gold file: every text coded once, evidence verbatim, and no city, county, region, state or outlet that an
earlier blind set already uses; and its gold must code each shape the set was written to hold as ANNOTATION.md
says. The checks every blind set shares run in tests/test_blind_sets_format.py, once this module is listed
there."""

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
BLIND13 = DATA / "blind13"
EARLIER_SETS = tuple(DATA / name for name in ("blind", *(f"blind{n}" for n in range(2, 13))))
ORDINAL = "the thirteenth blind set"
PLACES_AT_LEAST = 40  # coded places, none of an earlier set
GOLD = BLIND13 / "gold.jsonl"
TEXTS, NEWS, RELEASES = texts_by_kind(BLIND13)
# Private people the texts name (an arrested man's sister, a worker's wife, a TV reporter in a credit line, a dairy
# worker, a restaurant owner, a dairy farmer, a pork-plant worker, a neighbour, a volunteer driver, two arrested
# people a release names and two defendants): in no record, in any field.
PRIVATE_NAMES = (
    "Orlaith Benavides-Crane", "Yesenia Corrales-Whitford", "Gideon Thackeray", "Teodoro Villaseñor-Haugen",
    "Bertrand Szabo-Medina", "Halvard Pettersen-Ruiz", "Ximena Aldous-Quiroga", "Ramona Iturbide-Kowalczyk",
    "Marisol Ybarra-Stenholm", "Florentino Abernathy-Quispe", "Casimira Redfern-Olumide", "Aurelio Penhaligon-Xu",
    "Benedikta Sorrell-Amankwah",
)
# People in a public role named but never quoted in quotation marks: a mayor who spoke in a statement, a county
# board chair who is paraphrased, a field office director who did not answer a letter, and a prosecutor.
UNQUOTED_NAMES = ("Ingeborg Salvesen-Mwangi", "Lorraine Fjelstad-Amadou", "Ambrose Kettlewell-Danjuma",
                  "Leontyne Harrowgate-Sy")
# Places the texts name only in passing (a field office's city or area, where people are held or processed, the
# county around the coded towns, a dateline far from the arrests, a target's or a memo's scope, a speaker's
# office, a headline's region).
UNCODED_PLACES = ("Chicago", "Indiana", "Cass County", "Illinois", "Colfax County", "Omaha", "Nebraska", "St. Paul",
                  "Detroit", "Michigan", "Wood County", "Trempealeau County", "La Crosse County", "western Wisconsin",
                  "Dallas", "Oklahoma", "Hartford", "central Connecticut", "Phoenix", "Pinal County",
                  "Pettis County", "Adair County", "Sullivan County", "Kansas", "Kentucky", "Grand Forks",
                  "Montana", "Lake Superior", "Cedar Rapids", "Linn County", "Horry", "Georgia", "North Carolina",
                  "central and northern Missouri")


def gold_lines() -> list[dict]:
    return read_gold(GOLD)


def line_of(stem: str) -> dict:
    return _line_of(GOLD, stem)


def records_of(stem: str, kind: str) -> list[dict]:
    return _records_of(GOLD, stem, kind)


def body_of(stem: str) -> str:
    return _body_of(TEXTS, stem)


def counts_of(stem: str) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {}
    for record in records_of(stem, "arrest_count"):
        found.setdefault(record["count"]["value"], []).append(record)
    return found


# The shapes this set was written to hold.

@pytest.mark.parametrize("stem, total", [
    ("n01", 31), ("n02", 38), ("n04", 52), ("n05", 23), ("n06", 214), ("n07", 27), ("r09", 36), ("r10", 118),
    ("r11", 63), ("r12", 84),
])
def test_the_place_parts_of_a_text_add_up_to_its_total(stem: str, total: int) -> None:
    """Each text's required place parts over its total's period (for r10, its stations) sum to the total."""
    counts = records_of(stem, "arrest_count")
    (total_record,) = [r for r in counts if r["count"]["value"] == total and r["scope"] == "total"]
    parts = [r for r in counts
             if r["scope"] == "part" and not r.get("ambiguous") and r["period"] == total_record["period"]]
    assert sum(r["count"]["value"] for r in parts) == total and not total_record.get("ambiguous")
    assert all(len(r["places"]) == 1 for r in parts)


def test_eight_apiece_gives_two_parts_from_one_phrase() -> None:
    """n01: "15 in Logansport and eight apiece in Frankfort and Delphi": one part of eight for each town."""
    apiece = [r for r in records_of("n01", "arrest_count") if "apiece" in r["evidence"]]
    assert [r["count"]["value"] for r in apiece] == [8, 8]
    assert {r["places"][0]["name"] for r in apiece} == {"Frankfort", "Delphi"}
    assert "eight apiece in Frankfort and Delphi" in body_of("n01")


def test_a_target_stated_as_a_range_between_two_numbers() -> None:
    (target,) = records_of("n01", "target")
    assert target["count"] == {"low": 40, "high": 50, "qualifier": "exact"} and target["per"] == "week"
    assert target["evidence"].startswith("a goal of between 40 and 50 arrests a week")


def test_detained_and_arrested_are_two_counts_and_only_the_arrests_are_required() -> None:
    """n02: "detained 44 ... and 38 of them were arrested"; the other six were let go."""
    counts = counts_of("n02")
    (detained,) = counts[44]
    (arrested,) = [r for r in counts[38] if r["scope"] == "total"]
    assert detained.get("ambiguous") is True and "detained 44" in detained["evidence"]
    assert not arrested.get("ambiguous") and arrested["period"] == detained["period"] == {
        "start": "2014-10-13", "end": "2014-10-15"}  # "from Monday through Wednesday" in a Thursday story
    assert "The other six were let go" in body_of("n02")


def test_a_headline_pull_quote_repeated_in_the_body_is_optional() -> None:
    quotes = [r for r in records_of("n02", "quote") if r["speaker"] == "Warrick Halvorsen-Tate"]
    headline, full = sorted(quotes, key=lambda r: len(r["text"]))
    assert headline.get("ambiguous") is True and not full.get("ambiguous")
    assert full["text"].startswith(headline["text"]) and f"“{headline['text']}”" in body_of("n02").split("\n")[0]


def test_an_operation_called_off_before_it_reached_a_town_is_undated() -> None:
    (called_off,) = [op for op in records_of("n02", "operation") if op["status"] == "called_off"]
    assert called_off["places"] == [{"name": "Madison", "state": "NE"}]
    assert called_off["start"] is None and called_off["end"] is None


def test_rose_to_n_from_m_gives_two_counts_a_year_apart() -> None:
    """n03: "rose to 57 in the first three months of this year from 38 in the same months of 2015"."""
    counts = counts_of("n03")
    (now,), (before,) = counts[57], counts[38]
    assert now["period"] == {"start": "2016-01-01", "end": "2016-03-31"}
    assert before["period"] == {"start": "2015-01-01", "end": "2015-03-31"}
    assert now["places"] == before["places"] and len(now["places"]) == 3
    (operation,) = records_of("n03", "operation")
    assert {p["name"] for p in operation["places"]} == {"St. Cloud", "Willmar"}  # none in Marshall that week


def test_a_correction_appended_fixes_the_end_date() -> None:
    """n04, a Friday report: "ended Wednesday", and the correction says it was not Tuesday."""
    body = body_of("n04")
    assert body.rstrip().endswith("Correction: An earlier version of this story said the operation ended Tuesday. "
                                  "It ended Wednesday.")
    published = datetime.date.fromisoformat(line_of("n04")["published"])
    assert published.strftime("%A") == "Friday"
    operation = next(op for op in records_of("n04", "operation") if not op.get("ambiguous"))
    assert operation["end"] == (published - datetime.timedelta(days=2)).isoformat() and operation["start"] is None
    assert not any("Correction" in r["evidence"] for r in line_of("n04")["records"])


@pytest.mark.parametrize("stem, value, qualifier, words", [
    ("n04", 30, "about", "30 or so"), ("n07", 30, "about", "roughly 30"), ("n06", 300, "nearly", "nearly 300"),
    ("n05", 10, "about", "10 or so"), ("r12", 1100, "about", "roughly 1,100"),
])
def test_hedged_counts_keep_their_hedge(stem: str, value: int, qualifier: str, words: str) -> None:
    (record,) = counts_of(stem)[value]
    assert record["count"] == {"value": value, "qualifier": qualifier} and words in record["evidence"]


def test_a_count_the_agency_would_not_confirm_and_a_daily_average_are_optional() -> None:
    (independence,) = counts_of("n05")[10]
    assert independence.get("ambiguous") is True and independence["period"] is None
    (average,) = counts_of("r12")[1100]
    assert average.get("ambiguous") is True and average["period"] is None and average["places"] == []


def test_the_rest_set_off_by_dashes_is_a_part() -> None:
    (rest,) = counts_of("n05")[7]
    assert rest["evidence"] == "The rest — seven — were arrested in Whitehall" and rest["scope"] == "part"


def test_a_quote_introduced_with_a_colon_keeps_its_final_period() -> None:
    (record,) = [r for r in records_of("n05", "quote") if r["speaker"] == "Osric Lindahl-Moreau"]
    assert f"The sheriff put it plainly: “{record['text']}”" in body_of("n05") and record["text"].endswith(".")


def test_a_name_after_a_long_title_is_the_speaker() -> None:
    body = body_of("n04")
    (record,) = [r for r in records_of("n04", "quote") if r["speaker"] == "Wilhelmina Osei-Carrington"]
    assert "said the public affairs officer for ICE's Detroit field office, which is responsible for Ohio and " \
           "Michigan, Wilhelmina Osei-Carrington." in body and not record.get("ambiguous")


def test_a_written_statement_of_an_office_is_an_optional_quote() -> None:
    (record,) = [r for r in records_of("n07", "quote") if r["speaker"] == "New Britain Police Department"]
    assert record.get("ambiguous") is True and record["text"].endswith(".")
    assert f"said in a written statement: “{record['text']}”" in body_of("n07")


def test_fiscal_years_and_a_fiscal_year_to_date_count() -> None:
    n06 = counts_of("n06")
    assert n06[214][0]["period"] == {"start": "2018-10-01", "end": "2019-09-30"}
    assert n06[300][0]["period"] == {"start": "2019-10-01", "end": "2020-06-30"}
    r10 = counts_of("r10")
    assert r10[118][0]["period"] == {"start": "2021-10-01", "end": "2022-09-30"}
    assert r10[74][0]["period"] == {"start": "2020-10-01", "end": "2021-09-30"}
    assert r10[118][0]["places"] == [{"name": "North Dakota", "state": "ND"}, {"name": "Minnesota", "state": "MN"}]


def test_past_operations_mentioned_without_figures_are_optional_and_undated() -> None:
    """n06's look-back paragraph names a worksite raid and sweeps with no numbers and no dates."""
    mentions = [op for op in records_of("n06", "operation")]
    assert len(mentions) == 2 and all(op.get("ambiguous") and op["start"] is None and op["end"] is None
                                      for op in mentions)
    assert {op["places"][0]["name"] for op in mentions} == {"Guymon", "Woodward"}


def test_a_second_week_set_for_a_later_date_is_planned() -> None:
    (planned,) = [op for op in records_of("n07", "operation") if op["status"] == "planned"]
    assert planned["start"] == "2021-10-04" and planned["places"] == [{"name": "Norwich", "state": "CT"}]
    (ended,) = [op for op in records_of("n07", "operation") if op["status"] == "ended"]
    assert (ended["start"], ended["end"]) == ("2021-09-13", "2021-09-16")


def test_each_of_the_n_is_a_distractor_where_it_says_nothing_of_crimes() -> None:
    """n07: "Each of the 27 was taken first to the agency's office" gives no record."""
    assert "Each of the 27 was taken first" in body_of("n07")
    assert not any("Each of the 27" in r["evidence"] for r in line_of("n07")["records"])


def test_each_of_the_n_with_a_blanket_criminal_history_is_optional() -> None:
    (blanket,) = [r for r in records_of("r09", "criminality") if r["evidence"].startswith("Each of the 36")]
    assert blanket.get("ambiguous") is True and blanket["share"] == {"value": 1.0, "qualifier": "exact"}
    assert blanket["category"] == "convicted_or_charged" and blanket["of_count"] == 36
    groups = {r["category"]: r["count"]["value"] for r in records_of("r09", "criminality") if "count" in r}
    assert groups == {"convicted": 22, "charged": 14, "other": 6}


def test_an_operation_named_only_in_the_headline_takes_that_name() -> None:
    """n08: "Operation Saguaro Line" appears only in the headline, which is part of the body."""
    body = body_of("n08")
    assert body.count("Saguaro Line") == 1 and body.split("\n")[0].startswith("Operation Saguaro Line")
    (operation,) = records_of("n08", "operation")
    assert operation["name"] == "Operation Saguaro Line" and (operation["start"], operation["end"]) == (
        "2023-03-06", "2023-03-10")  # "began Monday", "ended Friday" in a Saturday roundup
    assert datetime.date.fromisoformat(line_of("n08")["published"]).strftime("%A") == "Saturday"


def test_a_day_by_day_roundup_gives_dated_parts_that_add_up() -> None:
    parts = [r for r in records_of("n08", "arrest_count") if r["scope"] == "part"]
    assert sum(r["count"]["value"] for r in parts) == 41
    assert all(set(r["period"]) == {"date"} and "2023-03-06" <= r["period"]["date"] <= "2023-03-10" for r in parts)
    (protest,) = counts_of("n08")[4]
    assert protest.get("ambiguous") is True and "trespassing" in protest["evidence"]


@pytest.mark.parametrize("stem, count, per", [
    ("n01", {"low": 40, "high": 50, "qualifier": "exact"}, "week"), ("n02", {"value": 75, "qualifier": "exact"}, "month"),
    ("n03", {"value": 25, "qualifier": "exact"}, "month"), ("n04", {"value": 15, "qualifier": "exact"}, "day"),
    ("n05", {"value": 12, "qualifier": "exact"}, "week"), ("n06", {"value": 20, "qualifier": "exact"}, "week"),
    ("n07", {"value": 8, "qualifier": "exact"}, "day"), ("n08", {"value": 12, "qualifier": "exact"}, "day"),
    ("r12", {"value": 60, "qualifier": "exact"}, "week"),
])
def test_each_text_with_a_target_states_one(stem: str, count: dict, per: str) -> None:
    (target,) = records_of(stem, "target")
    assert (target["count"], target["per"], target["scope"]) == (count, per, "place")
    assert not any(target["evidence"] in r["evidence"] for r in records_of(stem, "arrest_count")), "a target is no count"


def test_an_operation_under_way_counted_as_of_the_day_before_the_report() -> None:
    line = line_of("r12")
    assert datetime.date.fromisoformat(line["published"]).strftime("%A") == "Friday"
    (operation,) = records_of("r12", "operation")
    assert (operation["status"], operation["start"], operation["end"]) == ("under_way", "2026-04-06", None)
    assert counts_of("r12")[84][0]["period"] == {"start": "2026-04-06", "end": "2026-04-16"}
    (first_week,) = counts_of("r12")[51]
    assert first_week["scope"] == "part" and first_week["period"] == {"start": "2026-04-06", "end": "2026-04-10"}


def test_charges_after_the_arrests_are_optional_criminality() -> None:
    (charged,) = [r for r in records_of("r11", "criminality") if r["category"] == "charged"]
    assert charged.get("ambiguous") is True and charged["count"]["value"] == 14 and charged["of_count"] == 63


def test_a_surge_is_its_own_operation_with_its_own_total() -> None:
    (surge,) = records_of("r10", "operation")
    assert (surge["start"], surge["end"]) == ("2022-01-10", "2022-01-23")
    (count,) = counts_of("r10")[19]
    assert count["scope"] == "total" and count["places"] == surge["places"]


@pytest.mark.parametrize("stem, phrase", [
    ("n01", "12 other people found at the addresses were questioned and released"),
    ("n02", "Roughly 200 people came to a prayer vigil"),
    ("n03", "ICE said it removed 19 people from the three cities"),
    ("n05", "they had helped 17 households so far"),
    ("n06", "caseload has doubled since last fall"),
    ("n08", "about 60 people protested outside City Hall"),
    ("r10", "Nearly two-thirds of the year's apprehensions"),
    ("r10", "Agents rescued nine people from exposure"),
    ("r11", "up to 20 years"),
    ("r11", "The remaining 49 people arrested were placed in removal proceedings"),
    ("r12", "ICE has detailed 45 additional officers"),
    ("r12", "ICE has transferred 30 of those arrested"),
])
def test_distractor_numbers_are_not_coded(stem: str, phrase: str) -> None:
    assert phrase in body_of(stem)
    for record in line_of(stem)["records"]:
        assert phrase not in record["evidence"] and record["evidence"] not in phrase, record


def test_private_people_quoted_with_a_pronoun_give_no_quote() -> None:
    """"she said" and "he said" after a private person's name: no record, though the words are in quotation marks."""
    for stem, words in [("n01", "They told us nothing for two days"), ("n03", "We don't talk about it at lunch"),
                        ("n06", "My kids know what to do"), ("n07", "They called me back in ten minutes"),
                        ("n08", "We spent more time in the parking lot")]:
        assert f"“{words}" in body_of(stem)
        assert not any(words in r["text"] for r in records_of(stem, "quote"))


def test_people_in_a_professional_role_and_an_office_give_optional_quotes_and_officials_required_ones() -> None:
    optional = {r["speaker"] for line in gold_lines() for r in line["records"]
                if r["kind"] == "quote" and r.get("ambiguous")}
    assert optional == {"Warrick Halvorsen-Tate", "Henrietta Olawale-Brandt", "Ezequiel Thornbury-Vasconcelos",
                        "New Britain Police Department"}


def test_nationality_in_a_release_list_is_not_coded() -> None:
    for line in gold_lines():
        for record in line["records"]:
            if record["kind"] in {"arrest_count", "criminality"}:
                assert not re.search(r"\b(citizen|Guatemala|Honduras|Mexico|nationals?)\b", record["evidence"]), record


@pytest.mark.parametrize("stem", ["r09", "r10", "r11", "r12"])
def test_a_release_quotes_two_officials(stem: str) -> None:
    quotes = records_of(stem, "quote")
    assert len(quotes) == 2 and not any(r.get("ambiguous") for r in quotes)

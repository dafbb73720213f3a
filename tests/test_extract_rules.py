"""Extraction rules on short reports of our own, one behaviour each."""

from __future__ import annotations

import pytest

from enforcement_tracker.extract import extract_document
from enforcement_tracker.models import Document


def _records(body: str, published: str | None = "2025-01-29", kind: str | None = None, publisher="Example Wire"):
    doc = Document(text=body, publisher=publisher, published=published)
    records = [r.to_dict() for r in extract_document(doc).records]
    for r in records:
        assert doc.text[r["span"][0]:r["span"][1]] == r["quote"] and r["sources"]
    return [r for r in records if kind is None or r["kind"] == kind]


def _counts(body: str, **kw) -> list:
    return [r["count"].get("value", (r["count"].get("low"), r["count"].get("high")))
            for r in _records(body, kind="arrest_count", **kw)]


@pytest.mark.parametrize("body,expected", [
    ("ICE reported 538 arrests on Jan. 23, 593 on Jan. 24 and 286 on Jan. 25.", [538, 593, 286]),
    ("Officers arrested more than 40 people in Denver, the agency said.", [40]),
    ("The man, who had 12 prior arrests, was deported last year.", []),
    ("The auditors made four recommendations to the agency.", []),
    ("Agents deported 300 people and lodged 120 detainers.", []),
    ("Officers made arrests in the following Utah cities: Ogden (7), Provo (2) and Orem (1).", [7, 2, 1]),
    ("The 1,200 arrested on Sunday were taken to processing centers.", [1200]),
])
def test_which_numbers_are_arrest_counts(body, expected):
    assert _counts(body) == expected


def test_a_range_of_dates_read_apart_is_one_period():
    [count] = _records("Agents made at least 5,000 arrests from Jan. 23 through Friday, officials said.",
                       published="2025-02-01", kind="arrest_count")
    assert count["count"] == {"value": 5000, "qualifier": "at_least"}
    assert (count["period"]["start"]["date"], count["period"]["end"]["date"]) == ("2025-01-23", "2025-01-31")


@pytest.mark.parametrize("body,per", [
    ("Field office chiefs were told to reach 1,200 to 1,500 arrests a day.", "day"),
    ("Officials set a quota of 3,000 arrests per day for the agency.", "day"),
])
def test_targets(body, per):
    [target] = _records(body, kind="target")
    assert target["per"] == per


def test_people_an_operation_will_target_are_no_target():
    assert _records("The operation will target 500 people in the region, officials said.", kind="target") == []


def test_counted_collateral_arrests_keep_their_number():
    crim = _records("Agents arrested 212 people, including 57 collateral arrests, the agency said.",
                    kind="criminality")
    assert [(c["category"], c["count"]["value"]) for c in crim] == [("collateral", 57)]


@pytest.mark.parametrize("body,category,share", [
    ("Of those arrested, roughly 40% had no criminal record, an official said.", "no_record", 0.4),
    ("About 90 percent of the people arrested had criminal convictions, ICE said.", "convicted", 0.9),
    ("Nearly half of the 800 arrested were not considered criminal, officials said.", "not_criminal", 0.5),
])
def test_criminality_shares(body, category, share):
    [crim] = _records(body, kind="criminality")
    assert crim["category"] == category and crim["share"]["value"] == share


def test_a_single_arrest_is_no_operation():
    body = "The secretary rode along on an operation in Chicago that resulted in the arrest of a gang leader."
    assert _records(body, kind="operation") == []


def test_dateline_and_field_office_cities_are_not_operation_places():
    body = ("PHOENIX — On Jan. 25, ERO Phoenix field office officers concluded a three-day operation in "
            "Yuma County that resulted in 14 arrests.")
    [op] = _records(body, published="2025-01-28", kind="operation")
    assert [p["name"] for p in op["places"]] == ["Yuma County"]
    assert op["end"]["date"] == "2025-01-25" and op["status"] == "ended"


def test_called_off_operation_keeps_its_planned_date():
    body = ("A federal immigration operation that had been expected to start in Aurora, Colorado, on Thursday has been "
            "called off, two officials familiar with the plans said Friday.")
    [op] = _records(body, published="2025-01-31", kind="operation")
    assert op["status"] == "called_off" and op["start"]["date"] == "2025-01-30"
    assert [(p["name"], p["state"]) for p in op["places"]] == [("Aurora", "CO")]


def test_quotes_need_a_named_speaker_and_no_scare_quotes():
    body = ("Agents are making what they call “collateral arrests,” officials said. "
            "“We will keep going,” said Mayor Jane Example of the city.")
    quotes = _records(body, kind="quote")
    assert [(q["speaker"]["name"], q["text"]) for q in quotes] == [("Jane Example", "We will keep going")]


def test_an_unrelated_story_has_no_records():
    body = "The city council approved a budget of 1.2 billion dollars on Tuesday after three hours of debate."
    assert _records(body) == []

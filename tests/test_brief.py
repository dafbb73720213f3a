"""The acceptance case: every fact of the project brief comes out right, with span and sources.

The brief is third-party text; it is read from ../shared and the test skips without it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_tracker.cli import main

BRIEF = "corpus/seed/nbc-three-cities-per-week.txt"


@pytest.fixture(scope="module")
def brief(request) -> dict:
    shared = Path(__file__).resolve().parents[2] / "shared"
    path = shared / BRIEF
    if not path.exists():
        pytest.skip(f"the brief is not at {path}")
    result = CliRunner().invoke(main, ["extract", "--jsonl", str(path)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0]["file"] == str(path)
    text = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    return {**lines[0], "text": text}


def _of(brief, kind):
    return [r for r in brief["records"] if r["kind"] == kind]


def _places(record):
    return [(p["name"], p["state"]) for p in record["places"]]


def test_every_record_quotes_its_span_and_has_sources(brief):
    assert brief["records"]
    for r in brief["records"]:
        start, end = r["span"]
        assert brief["text"][start:end] == r["quote"], r
        assert r["sources"], r


def test_document_publisher_and_syndication(brief):
    doc = brief["document"]
    assert doc["publisher"] == "NBC News"
    assert doc["published"] == "2025-01-29"
    assert doc["syndicated_from"] == "NBC News"
    assert doc["id"].startswith("sha256:")


def test_cadence_three_cities_a_week_from_three_anonymous_sources(brief):
    [cadence] = _of(brief, "cadence")
    assert cadence["count"]["value"] == 3 and cadence["unit"] == "cities" and cadence["per"] == "week"
    anonymous = [s for s in cadence["sources"] if s["kind"] == "anonymous" and s["count"] == 3]
    assert anonymous and "familiar with the planning" in anonymous[0]["description"]
    assert any(s["kind"] == "outlet" and s["outlet"] == "NBC News" for s in cadence["sources"])


def test_three_operations_with_their_own_dates_and_status(brief):
    ops = {(_places(o)[0]): o for o in _of(brief, "operation")}
    assert set(ops) == {("Chicago", "IL"), ("New York City", "NY"), ("Aurora", "CO")}
    assert ops[("Chicago", "IL")]["start"]["date"] == "2025-01-26"
    assert ops[("Chicago", "IL")]["status"] == "under_way"
    assert ops[("New York City", "NY")]["start"]["date"] == "2025-01-28"
    assert ops[("New York City", "NY")]["status"] == "under_way"
    aurora = ops[("Aurora", "CO")]
    assert aurora["start"]["date"] == "2025-01-30" and aurora["start"]["part_of_day"] == "morning"
    assert aurora["status"] == "planned"
    for op in ops.values():
        assert {a["code"] for a in op["agencies"]} == {"ICE", "FEDERAL_OTHER"}
        assert op["places"][0]["geonameid"]


def test_no_operation_in_a_landmark_or_a_quoted_country(brief):
    names = {p["name"] for o in _of(brief, "operation") for p in o["places"]}
    assert "Denver" not in names and "Venezuela" not in names


def test_daily_target_goal_and_quota_with_its_sources(brief):
    [target] = _of(brief, "target")
    assert (target["count"]["low"], target["count"]["high"]) == (1200, 1500)
    assert target["per"] == "day" and target["scope"] == "nationwide"
    assert target["issued_by"] == {"name": "Caleb Vitello", "title": "acting ICE Director"}
    assert target["issued_on"]["date"] == "2025-01-26"
    assert {"goal", "quota"} <= set(target["characterizations"])
    kinds = {(s["kind"], s.get("count"), bool(s.get("first_reported")), s.get("outlet")) for s in target["sources"]}
    assert ("anonymous", 2, False, None) in kinds
    assert ("outlet", None, True, "The Washington Post") in kinds


def test_sunday_arrest_count_and_its_criminality(brief):
    [count] = _of(brief, "arrest_count")
    assert count["count"] == {"value": 1200, "qualifier": "exact"}
    assert count["period"]["date"] == "2025-01-26"
    assert count["places"] == []
    assert any(s["kind"] == "unnamed_official" and "senior Trump administration official" in s["description"]
               for s in count["sources"])
    crim = {c["category"]: c for c in _of(brief, "criminality")}
    assert crim["not_criminal"]["share"] == {"value": 0.5, "qualifier": "nearly"}
    assert crim["not_criminal"]["of"] == count["id"]
    assert crim["collateral"]["count"] is None and "collateral arrests" in crim["collateral"]["quote"]


def test_quotes_of_trump_and_chamberlain_about_aurora(brief):
    quotes = {q["speaker"]["name"]: q for q in _of(brief, "quote")}
    assert set(quotes) == {"Donald Trump", "Todd Chamberlain"}
    assert quotes["Donald Trump"]["text"] == "infected by Venezuela"
    assert quotes["Todd Chamberlain"]["text"].startswith("very safe")
    assert "police chief" in quotes["Todd Chamberlain"]["speaker"]["title"].lower()
    for q in quotes.values():
        assert q["about"]["name"] == "Aurora" and q["about"]["state"] == "CO"

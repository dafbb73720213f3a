"""The sixth blind set (tests/data/blind6/: eight news reports and four federal releases) must stay usable
as a gold file: every text coded once, evidence verbatim, and set in places and outlets the earlier blind
sets do not use."""

from __future__ import annotations

from pathlib import Path

import pytest

from _gold_sets import outlets_of_none_before
from _gold_sets import (
    check_codes_every_text_once, check_federal_release, check_gold_line, check_news_report,
    check_periods_close_by_report, set_years, split,
)
from _gold_sets import gold_lines as read_gold
from _gold_sets import home_states

DATA = Path(__file__).resolve().parent / "data"
BLIND6 = DATA / "blind6"
EARLIER_SETS = tuple(DATA / name for name in ("blind", "blind2", "blind3", "blind4", "blind5"))
GOLD = BLIND6 / "gold.jsonl"
TEXTS = sorted(BLIND6.glob("*.txt"))
NEWS = [path for path in TEXTS if split(path)[0]["kind"] == "news"]
RELEASES = [path for path in TEXTS if split(path)[0]["kind"] == "release"]
FEDERAL_PUBLISHERS = (
    "U.S. Immigration and Customs Enforcement", "U.S. Customs and Border Protection",
    "U.S. Department of Homeland Security", "U.S. Department of Justice",
)
# The one text whose operation spans states of a whole field office (its home state is still Alabama).
MULTI_STATE = "g11-release-ice-fugitive-sweep-five-states.txt"
# Private people the texts name (arrested people, relatives, neighbours, employers, defendants):
# in no record, in any field.
PRIVATE_NAMES = (
    "Teresa Malloy", "Ramiro Estevane", "Lucia", "Dwayne Hollis", "Dale Everly Prewitt", "Prewitt",
    "Rhonda Sykes-Laney", "Sykes-Laney",
)


def gold_lines() -> list[dict]:
    return read_gold(GOLD)


def coded_states(lines: list[dict]) -> set[str]:
    return {
        place["state"] for line in lines for record in line["records"]
        for place in record.get("places", []) if place["state"]
    }


def test_eight_news_reports_and_four_federal_releases() -> None:
    assert len(TEXTS) == 12
    assert len(NEWS) == 8 and len(RELEASES) == 4


def test_twelve_publishers_none_from_the_earlier_sets() -> None:
    assert len(outlets_of_none_before(TEXTS, EARLIER_SETS, "the sixth blind set")) == 12


def test_no_story_is_set_in_a_home_state_of_an_earlier_set() -> None:
    assert home_states(GOLD) == {"AL", "AS"}
    for earlier in EARLIER_SETS:
        shared = home_states(GOLD) & (home_states(earlier / "gold.jsonl") | coded_states(read_gold(earlier / "gold.jsonl")))
        assert not shared, f"{earlier.name}/ already has stories or places in {sorted(shared)}"


def test_only_the_multi_state_sweep_codes_places_outside_alabama_and_american_samoa() -> None:
    others = [line for line in gold_lines() if line["file"] != MULTI_STATE]
    assert coded_states(others) == {"AL", "AS"}


def test_texts_spread_over_the_years_2013_to_2026() -> None:
    years = set_years(TEXTS)
    assert min(years) == "2013" and max(years) == "2026" and len(years) == 12


def test_gold_codes_every_text_once() -> None:
    check_codes_every_text_once(gold_lines(), TEXTS)


def test_gold_holds_enough_records_of_each_kind() -> None:
    kinds = [record["kind"] for line in gold_lines() for record in line["records"]]
    minimum = {"arrest_count": 25, "criminality": 15, "operation": 8, "target": 6, "quote": 20}
    for kind, count in minimum.items():
        assert kinds.count(kind) >= count, kind
    assert len(kinds) >= 90


def test_no_record_names_a_private_person() -> None:
    gold = GOLD.read_text(encoding="utf-8")
    bodies = " ".join(split(path)[1] for path in TEXTS)
    for name in PRIVATE_NAMES:
        assert name in bodies, f"{name} is not in any text"
        assert name not in gold, f"a gold record names the private person {name}"


@pytest.mark.parametrize("path", NEWS, ids=lambda p: p.name)
def test_news_text_is_a_short_news_report(path: Path) -> None:
    check_news_report(path, (250, 600))


@pytest.mark.parametrize("path", RELEASES, ids=lambda p: p.name)
def test_release_is_a_short_federal_release(path: Path) -> None:
    check_federal_release(path, (250, 600), FEDERAL_PUBLISHERS)


@pytest.mark.parametrize("line", gold_lines(), ids=lambda line: line["file"])
def test_gold_records_are_well_formed(line: dict) -> None:
    check_gold_line(line, *split(BLIND6 / line["file"]))
    check_periods_close_by_report(line)
    for record in line["records"]:
        # a planned operation has a start, and it lies after the report
        if record["kind"] == "operation" and record["status"] == "planned":
            assert record["start"] and record["start"] > line["published"], record
        if record["kind"] == "quote":
            assert record["evidence"] == record["text"], record

"""The fifth blind set (tests/data/blind5/: twelve news reports and six federal releases) must stay usable
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
BLIND5 = DATA / "blind5"
EARLIER_SETS = (DATA / "blind", DATA / "blind2", DATA / "blind3", DATA / "blind4")
GOLD = BLIND5 / "gold.jsonl"
TEXTS = sorted(BLIND5.glob("*.txt"))
NEWS = [path for path in TEXTS if split(path)[0]["kind"] == "news"]
RELEASES = [path for path in TEXTS if split(path)[0]["kind"] == "release"]
# The agencies a federal release of this set may name as its publisher.
FEDERAL_PUBLISHERS = (
    "U.S. Immigration and Customs Enforcement", "U.S. Customs and Border Protection",
    "U.S. Department of Homeland Security", "U.S. Department of Justice",
)
# Private people the releases name (a man removed, five defendants): in no record, in any field.
PRIVATE_NAMES = (
    "Macaraeg-Santos", "Rogelio Tan Villamor", "Maricel Aquino Dela Paz", "Jun Ho Baek", "Liwei Han",
    "Ernesto Quidachay Lirio",
)


def gold_lines() -> list[dict]:
    return read_gold(GOLD)


def coded_states(gold: Path) -> set[str]:
    """Every state of every place coded in a set."""
    return {
        place["state"] for line in read_gold(gold) for record in line["records"]
        for place in record.get("places", []) if place["state"]
    }


def test_twelve_news_reports_and_six_federal_releases() -> None:
    assert len(TEXTS) == 18
    assert len(NEWS) == 12 and len(RELEASES) == 6


def test_eighteen_publishers_none_from_the_earlier_sets() -> None:
    assert len(outlets_of_none_before(TEXTS, EARLIER_SETS, "the fifth blind set")) == 18


def test_no_state_of_ours_is_coded_in_an_earlier_set() -> None:
    ours = coded_states(GOLD)
    assert home_states(GOLD) == ours == {"UT", "ME", "GU", "VI", "MP"}
    for earlier in EARLIER_SETS:
        shared = ours & coded_states(earlier / "gold.jsonl")
        assert not shared, f"{earlier.name}/ already codes places in {sorted(shared)}"
        assert not home_states(GOLD) & home_states(earlier / "gold.jsonl")


def test_texts_span_every_year_from_2013_to_2026() -> None:
    assert set_years(TEXTS) == {str(year) for year in range(2013, 2027)}


def test_gold_codes_every_text_once() -> None:
    check_codes_every_text_once(gold_lines(), TEXTS)


def test_gold_holds_enough_records_of_each_kind() -> None:
    kinds = [record["kind"] for line in gold_lines() for record in line["records"]]
    minimum = {"arrest_count": 35, "criminality": 20, "operation": 12, "target": 8, "quote": 30}
    for kind, count in minimum.items():
        assert kinds.count(kind) >= count, kind


def test_no_record_names_a_private_person() -> None:
    text = GOLD.read_text(encoding="utf-8")
    for name in PRIVATE_NAMES:
        assert any(name in split(path)[1] for path in RELEASES), f"{name} is not in any release"
        assert name not in text, f"a gold record names the private person {name}"


@pytest.mark.parametrize("path", NEWS, ids=lambda p: p.name)
def test_news_text_is_a_short_news_report(path: Path) -> None:
    check_news_report(path, (250, 700))


@pytest.mark.parametrize("path", RELEASES, ids=lambda p: p.name)
def test_release_is_a_short_federal_release(path: Path) -> None:
    check_federal_release(path, (250, 700), FEDERAL_PUBLISHERS)


@pytest.mark.parametrize("line", gold_lines(), ids=lambda line: line["file"])
def test_gold_records_are_well_formed(line: dict) -> None:
    check_gold_line(line, *split(BLIND5 / line["file"]))
    check_periods_close_by_report(line)  # this set's periods all close by the day of the report
    for record in line["records"]:
        # a planned operation has a start, and it lies after the report
        if record["kind"] == "operation" and record["status"] == "planned":
            assert record["start"] and record["start"] > line["published"], record
        if record["kind"] == "quote":
            assert record["evidence"] == record["text"], record


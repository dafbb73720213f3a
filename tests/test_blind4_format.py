"""The fourth blind news set (tests/data/blind4/) must stay usable as a gold file: every text coded once,
evidence verbatim, and set in places and outlets the earlier blind sets do not use."""

from __future__ import annotations

from pathlib import Path

import pytest

from _gold_sets import outlets_of_none_before
from _gold_sets import (
    check_codes_every_text_once, check_gold_line, check_news_report,
    check_periods_close_by_report, set_years, split,
)
from _gold_sets import gold_lines as read_gold
from _gold_sets import home_states

DATA = Path(__file__).resolve().parent / "data"
BLIND4 = DATA / "blind4"
EARLIER_SETS = (DATA / "blind", DATA / "blind2", DATA / "blind3")
GOLD = BLIND4 / "gold.jsonl"
TEXTS = sorted(BLIND4.glob("*.txt"))


def gold_lines() -> list[dict]:
    return read_gold(GOLD)


def test_fifteen_texts_from_fifteen_outlets_none_from_the_earlier_sets() -> None:
    assert len(TEXTS) == 15
    assert len(outlets_of_none_before(TEXTS, EARLIER_SETS, "the fourth blind set")) == 15


def test_stories_are_set_in_states_the_earlier_sets_do_not_use() -> None:
    ours = home_states(GOLD)
    assert len(ours) >= 10
    for earlier in EARLIER_SETS:
        shared = ours & home_states(earlier / "gold.jsonl")
        assert not shared, f"{earlier.name}/ already sets stories in {sorted(shared)}"


def test_texts_span_2014_to_2026() -> None:
    years = set_years(TEXTS)
    assert {"2014", "2026"} <= years
    assert len(years) >= 12


def test_gold_codes_every_text_once() -> None:
    check_codes_every_text_once(gold_lines(), TEXTS)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_text_is_a_short_news_report(path: Path) -> None:
    check_news_report(path, (250, 700))


@pytest.mark.parametrize("line", gold_lines(), ids=lambda line: line["file"])
def test_gold_records_are_well_formed(line: dict) -> None:
    check_gold_line(line, *split(BLIND4 / line["file"]))
    check_periods_close_by_report(line)  # this set's periods all close by the day of the report
    for record in line["records"]:
        # a planned operation has a start, and it lies after the report
        if record["kind"] == "operation" and record["status"] == "planned":
            assert record["start"] and record["start"] > line["published"], record

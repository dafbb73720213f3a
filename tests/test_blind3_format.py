"""The third blind news set (tests/data/blind3/) must stay usable as a gold file: every text coded once, evidence verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest

from _gold_sets import outlets_of_none_before
from _gold_sets import (
    check_codes_every_text_once, check_gold_line, check_news_report,
    check_periods_close_by_report, set_years, split,
)
from _gold_sets import gold_lines as read_gold

DATA = Path(__file__).resolve().parent / "data"
BLIND3 = DATA / "blind3"
EARLIER_SETS = (DATA / "blind", DATA / "blind2")
GOLD = BLIND3 / "gold.jsonl"
TEXTS = sorted(BLIND3.glob("*.txt"))
def gold_lines() -> list[dict]:
    return read_gold(GOLD)


def test_fifteen_texts_from_fifteen_outlets_none_from_the_earlier_sets() -> None:
    assert len(TEXTS) == 15
    assert len(outlets_of_none_before(TEXTS, EARLIER_SETS, "the third blind set")) == 15


def test_texts_span_2017_to_2026() -> None:
    years = set_years(TEXTS)
    assert {"2017", "2026"} <= years
    assert len(years) >= 8


def test_gold_codes_every_text_once() -> None:
    check_codes_every_text_once(gold_lines(), TEXTS)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_text_is_a_short_news_report(path: Path) -> None:
    check_news_report(path, (250, 700))


@pytest.mark.parametrize("line", gold_lines(), ids=lambda line: line["file"])
def test_gold_records_are_well_formed(line: dict) -> None:
    check_gold_line(line, *split(BLIND3 / line["file"]))
    check_periods_close_by_report(line)  # this set's periods all close by the day of the report

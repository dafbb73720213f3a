"""The second blind news set (tests/data/blind2/) must stay usable as a gold file: every text coded once, evidence verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest

from _gold_sets import (
    check_codes_every_text_once, check_gold_line, check_news_report, set_years, split,
)
from _gold_sets import gold_lines as read_gold

BLIND2 = Path(__file__).resolve().parent / "data" / "blind2"
FIRST_BLIND = Path(__file__).resolve().parent / "data" / "blind"
GOLD = BLIND2 / "gold.jsonl"
TEXTS = sorted(BLIND2.glob("*.txt"))


def gold_lines() -> list[dict]:
    return read_gold(GOLD)


def test_fifteen_texts_from_fifteen_outlets_none_from_the_first_set() -> None:
    assert len(TEXTS) == 15
    publishers = {split(path)[0]["publisher"] for path in TEXTS}
    assert len(publishers) == 15
    first = {split(path)[0]["publisher"] for path in FIRST_BLIND.glob("*.txt")}
    assert not publishers & first, "the second blind set must use outlets of its own"


def test_texts_span_2018_to_2026() -> None:
    years = set_years(TEXTS)
    assert {"2018", "2026"} <= years
    assert len(years) >= 8


def test_gold_codes_every_text_once() -> None:
    check_codes_every_text_once(gold_lines(), TEXTS)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_text_is_a_short_news_report(path: Path) -> None:
    check_news_report(path, (150, 400), invented_outlet=False)


@pytest.mark.parametrize("line", gold_lines(), ids=lambda line: line["file"])
def test_gold_records_are_well_formed(line: dict) -> None:
    check_gold_line(line, *split(BLIND2 / line["file"]))

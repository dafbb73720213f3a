"""The blind news set (tests/data/blind/) must stay usable as a gold file: every text coded once, evidence verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest

from _gold_sets import (
    check_codes_every_text_once, check_gold_line, check_news_report, split,
)
from _gold_sets import gold_lines as read_gold

BLIND = Path(__file__).resolve().parent / "data" / "blind"
GOLD = BLIND / "gold.jsonl"
TEXTS = sorted(BLIND.glob("*.txt"))


def gold_lines() -> list[dict]:
    return read_gold(GOLD)


def test_fifteen_texts_from_fifteen_outlets() -> None:
    assert len(TEXTS) == 15
    publishers = {split(path)[0]["publisher"] for path in TEXTS}
    assert len(publishers) == 15


def test_gold_codes_every_text_once() -> None:
    check_codes_every_text_once(gold_lines(), TEXTS)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_text_is_a_short_news_report(path: Path) -> None:
    check_news_report(path, (150, 400), invented_outlet=False)


@pytest.mark.parametrize("line", gold_lines(), ids=lambda line: line["file"])
def test_gold_records_are_well_formed(line: dict) -> None:
    check_gold_line(line, *split(BLIND / line["file"]))

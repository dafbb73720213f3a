"""The second blind news set (tests/data/blind2/) must stay usable as a gold file: every text coded once, evidence verbatim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from _gold_sets import KIND_FIELDS, split
from _gold_sets import gold_lines as read_gold

BLIND2 = Path(__file__).resolve().parent / "data" / "blind2"
FIRST_BLIND = Path(__file__).resolve().parent / "data" / "blind"
GOLD = BLIND2 / "gold.jsonl"
TEXTS = sorted(BLIND2.glob("*.txt"))
STATUSES = {"planned", "under_way", "ended", "called_off", "unknown"}
CATEGORY_GROUPS = {
    "not_criminal", "no_record", "collateral", "convicted", "charged", "convicted_or_charged",
    "final_order", "gang_member", "other",
}


def gold_lines() -> list[dict]:
    return read_gold(GOLD)


def test_fifteen_texts_from_fifteen_outlets_none_from_the_first_set() -> None:
    assert len(TEXTS) == 15
    publishers = {split(path)[0]["publisher"] for path in TEXTS}
    assert len(publishers) == 15
    first = {split(path)[0]["publisher"] for path in FIRST_BLIND.glob("*.txt")}
    assert not publishers & first, "the second blind set must use outlets of its own"


def test_texts_span_2018_to_2026() -> None:
    years = {str(split(path)[0]["published"])[:4] for path in TEXTS}
    assert {"2018", "2026"} <= years
    assert len(years) >= 8


def test_gold_codes_every_text_once() -> None:
    names = [line["file"] for line in gold_lines()]
    assert sorted(names) == [path.name for path in TEXTS]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_text_is_a_short_news_report(path: Path) -> None:
    meta, body = split(path)
    assert meta["kind"] == "news"
    assert str(meta["url"]).startswith("https://example.org/")
    assert 150 <= len(body.split()) <= 400


@pytest.mark.parametrize("line", gold_lines(), ids=lambda line: line["file"])
def test_gold_records_are_well_formed(line: dict) -> None:
    meta, body = split(BLIND2 / line["file"])
    published = str(meta.get("published"))
    assert line["published"] == (published if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) else None)
    counts = {r["count"]["value"] for r in line["records"] if r["kind"] == "arrest_count"}
    quotes = [r for r in line["records"] if r["kind"] == "quote"]
    assert len(quotes) <= 3, "only the first three quotations of a text are coded"
    for record in line["records"]:
        assert KIND_FIELDS[record["kind"]] <= set(record), record
        assert record["evidence"] in body, f"evidence not verbatim: {record['evidence']!r}"
        if record["kind"] == "quote":
            assert record["text"] in body, f"quoted text not verbatim: {record['text']!r}"
        if record["kind"] == "criminality":
            assert record["category"] in CATEGORY_GROUPS, record
            assert ("count" in record) != ("share" in record), record
            if "share" in record:
                assert 0 < record["share"]["value"] <= 1, record
            if record["of_count"] is not None:
                assert record["of_count"] in counts, record
        if record["kind"] == "operation":
            assert record["status"] in STATUSES, record
            if record["status"] == "ended" and record["end"]:
                assert record["end"] <= line["published"], record
            if record["status"] == "planned" and record["start"]:
                assert record["start"] > line["published"], record
        if record["kind"] == "arrest_count" and record["period"] and "start" in record["period"]:
            start, end = record["period"]["start"], record["period"]["end"]
            assert start or end, record
            assert not (start and end) or start <= end, record

"""The third blind news set (tests/data/blind3/) must stay usable as a gold file: every text coded once, evidence verbatim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from _gold_sets import KIND_FIELDS, split
from _gold_sets import gold_lines as read_gold

DATA = Path(__file__).resolve().parent / "data"
BLIND3 = DATA / "blind3"
EARLIER_SETS = (DATA / "blind", DATA / "blind2")
GOLD = BLIND3 / "gold.jsonl"
TEXTS = sorted(BLIND3.glob("*.txt"))
STATUSES = {"planned", "under_way", "ended", "called_off", "unknown"}
QUALIFIERS = {"exact", "about", "nearly", "at_least", "more_than", "fewer_than", "up_to"}
CATEGORIES = {
    "not_criminal", "no_record", "collateral", "convicted", "charged", "convicted_or_charged",
    "final_order", "gang_member", "other",
}
DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?")


def gold_lines() -> list[dict]:
    return read_gold(GOLD)


def _number_ok(number: dict) -> bool:
    return number["qualifier"] in QUALIFIERS and (("value" in number) or ("low" in number and "high" in number))


def test_fifteen_texts_from_fifteen_outlets_none_from_the_earlier_sets() -> None:
    assert len(TEXTS) == 15
    publishers = {split(path)[0]["publisher"] for path in TEXTS}
    assert len(publishers) == 15
    for earlier in EARLIER_SETS:
        used = {split(path)[0]["publisher"] for path in earlier.glob("*.txt")}
        assert not publishers & used, f"the third blind set must not reuse an outlet of {earlier.name}/"


def test_texts_span_2017_to_2026() -> None:
    years = {str(split(path)[0]["published"])[:4] for path in TEXTS}
    assert {"2017", "2026"} <= years
    assert len(years) >= 8


def test_gold_codes_every_text_once() -> None:
    names = [line["file"] for line in gold_lines()]
    assert sorted(names) == [path.name for path in TEXTS]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_text_is_a_short_news_report(path: Path) -> None:
    meta, body = split(path)
    assert meta["kind"] == "news"
    assert str(meta["url"]).startswith("https://example.org/")
    assert str(meta["publisher"]).startswith("Example ")
    assert 250 <= len(body.split()) <= 700


@pytest.mark.parametrize("line", gold_lines(), ids=lambda line: line["file"])
def test_gold_records_are_well_formed(line: dict) -> None:
    meta, body = split(BLIND3 / line["file"])
    published = str(meta.get("published"))
    assert line["published"] == (published if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published) else None)
    counts = {r["count"]["value"] for r in line["records"] if r["kind"] == "arrest_count"}
    quotes = [r for r in line["records"] if r["kind"] == "quote"]
    assert len(quotes) <= 3, "only the first three quotations of a text are coded"
    for record in line["records"]:
        assert KIND_FIELDS[record["kind"]] <= set(record), record
        assert record.get("ambiguous", True) is True, "ambiguous is either true or absent"
        assert record["evidence"] in body, f"evidence not verbatim: {record['evidence']!r}"
        for place in record.get("places", []):
            assert place["state"] is None or re.fullmatch(r"[A-Z]{2}", place["state"]), record
        if record["kind"] in {"arrest_count", "target"}:
            assert _number_ok(record["count"]), record
        if record["kind"] == "quote":
            assert record["text"] in body, f"quoted text not verbatim: {record['text']!r}"
            assert record["speaker"] in body, f"speaker not named in the body: {record['speaker']!r}"
        if record["kind"] == "criminality":
            assert record["category"] in CATEGORIES, record
            assert ("count" in record) != ("share" in record), record
            if record.get("count") is not None:
                assert _number_ok(record["count"]), record
            if "share" in record:
                assert _number_ok(record["share"]) and 0 < record["share"]["value"] <= 1, record
            if record["of_count"] is not None:
                assert record["of_count"] in counts, record
        if record["kind"] == "operation":
            assert record["status"] in STATUSES, record
            for end in ("start", "end"):
                assert record[end] is None or DATE.fullmatch(record[end]), record
            if record["start"] and record["end"]:
                assert record["start"] <= record["end"], record
            if record["status"] == "ended" and record["end"]:
                assert record["end"] <= line["published"], record
            if record["status"] == "planned" and record["start"]:
                assert record["start"] > line["published"], record
        if record["kind"] == "arrest_count" and record["period"] and "start" in record["period"]:
            start, end = record["period"]["start"], record["period"]["end"]
            assert start or end, record
            assert not (start and end) or start <= end, record
            assert not end or end <= line["published"], record

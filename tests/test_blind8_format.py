"""The eighth blind set (tests/data/blind8/: eight news reports and four federal releases) must stay usable
as a gold file: every text coded once, evidence verbatim, and no city, county or outlet that an earlier
blind set already uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from _gold_sets import (
    check_kind_minimums, check_no_private_names, check_places_none_before,
    check_codes_every_text_once, check_federal_release, check_gold_line, check_news_report,
    check_periods_close_by_report, outlets_of_none_before, set_years, split,
)
from _gold_sets import gold_lines as read_gold

DATA = Path(__file__).resolve().parent / "data"
BLIND8 = DATA / "blind8"
EARLIER_SETS = tuple(
    DATA / name for name in ("blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7")
)
GOLD = BLIND8 / "gold.jsonl"
TEXTS = sorted(BLIND8.glob("*.txt"))
NEWS = [path for path in TEXTS if split(path)[0]["kind"] == "news"]
RELEASES = [path for path in TEXTS if split(path)[0]["kind"] == "release"]
FEDERAL_PUBLISHERS = (
    "U.S. Immigration and Customs Enforcement", "U.S. Customs and Border Protection",
    "U.S. Department of Homeland Security", "U.S. Department of Justice",
)
# Private people the texts name (arrested people and defendants, a relative, workers, employers, a
# landowner): in no record, in any field.
PRIVATE_NAMES = (
    "Eliseo Barragan-Wick", "Charlene Dutreuil", "Dwayne Hollifield", "Teodora Villaseñor",
    "Gustavo Irazábal-Penn", "Osvaldo Teixeira-Lund", "Wilmer Castañeda-Roth", "Perpetua Valdivieso",
    "Benigno Oyarzún-Platero", "Isidro Menchaca-Rourke", "Clement Ybarra-Host",
)


def gold_lines() -> list[dict]:
    return read_gold(GOLD)


def test_eight_news_reports_and_four_federal_releases() -> None:
    assert len(TEXTS) == 12
    assert len(NEWS) == 8 and len(RELEASES) == 4


def test_twelve_publishers_none_from_the_earlier_sets() -> None:
    assert len(outlets_of_none_before(TEXTS, EARLIER_SETS, "the eighth blind set")) == 12


def test_no_coded_place_is_one_an_earlier_set_codes() -> None:
    check_places_none_before(gold_lines(), EARLIER_SETS, at_least=30)


def test_texts_spread_over_the_years_2012_to_2026() -> None:
    years = set_years(TEXTS)
    assert min(years) == "2012" and max(years) == "2026" and len(years) == 12


def test_gold_codes_every_text_once() -> None:
    check_codes_every_text_once(gold_lines(), TEXTS)


def test_gold_holds_enough_records_of_each_kind() -> None:
    check_kind_minimums(gold_lines(), {"arrest_count": 25, "criminality": 15, "operation": 8, "target": 8, "quote": 20},
                        total=100)


def test_no_record_names_a_private_person() -> None:
    check_no_private_names(GOLD, TEXTS, PRIVATE_NAMES)


@pytest.mark.parametrize("path", NEWS, ids=lambda p: p.name)
def test_news_text_is_a_short_news_report(path: Path) -> None:
    check_news_report(path, (250, 600))


@pytest.mark.parametrize("path", RELEASES, ids=lambda p: p.name)
def test_release_is_a_short_federal_release(path: Path) -> None:
    check_federal_release(path, (250, 600), FEDERAL_PUBLISHERS)


@pytest.mark.parametrize("line", gold_lines(), ids=lambda line: line["file"])
def test_gold_records_are_well_formed(line: dict) -> None:
    meta, body = split(BLIND8 / line["file"])
    check_gold_line(line, meta, body)
    check_periods_close_by_report(line)
    for record in line["records"]:
        if record["kind"] == "operation" and record["status"] == "planned":
            assert record["start"] and record["start"] > line["published"], record
        if record["kind"] == "operation" and record["status"] == "called_off":
            # a start superseded by the cancellation is not kept (ANNOTATION.md, news convention 7)
            assert record["start"] is None and record["end"] is None, record
        if record["kind"] == "operation" and record["status"] == "under_way":
            assert record["end"] is None and record["start"] <= line["published"], record
        if record["kind"] == "quote":
            assert record["evidence"] == record["text"], record
            assert not record["text"].endswith(","), "a quote's text drops its trailing comma"


def test_criminality_qualifies_a_count_of_its_own_text() -> None:
    for line in gold_lines():
        counts = {r["count"]["value"] for r in line["records"] if r["kind"] == "arrest_count"}
        for record in line["records"]:
            if record["kind"] == "criminality" and record["of_count"] is not None and "count" in record:
                assert record["count"]["value"] <= record["of_count"] and record["of_count"] in counts, record

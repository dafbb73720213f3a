"""What every blind set written from ANNOTATION.md alone must hold, whichever set it is (blind9 and on).

Each set's own format test keeps its constants (its texts, gold, publishers, private people, the places it
names only in passing) and the checks of its own shapes; the checks every set shares run here, once per set.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

import test_blind9_format
import test_blind10_format
import test_blind11_format
import test_blind12_format
import test_blind13_format
from _gold_sets import (
    check_codes_every_text_once, check_criminality_bases, check_federal_release, check_gold_line,
    check_kind_minimums, check_news_report, check_no_private_names, check_periods_close_by_report,
    check_places_none_before, check_records_agree_with_their_kinds, coded_place_names, outlets_of_none_before,
    set_years, split,
)

SETS = (test_blind9_format, test_blind10_format, test_blind11_format, test_blind12_format, test_blind13_format)
MINIMUMS = {"arrest_count": 25, "criminality": 15, "operation": 8, "target": 8, "quote": 20}


def _name(module: ModuleType) -> str:
    return Path(module.GOLD).parent.name


def _each(attribute: str) -> list:
    """(set, item) for every item of a list each set module holds, for parametrize."""
    return [pytest.param(module, item, id=f"{_name(module)}-{getattr(item, 'name', None) or item['file']}")
            for module in SETS for item in (getattr(module, attribute) if attribute != "gold" else module.gold_lines())]


@pytest.fixture(params=SETS, ids=_name)
def blind_set(request) -> ModuleType:
    return request.param


def test_eight_news_reports_and_four_federal_releases(blind_set) -> None:
    assert len(blind_set.TEXTS) == 12
    assert len(blind_set.NEWS) == 8 and len(blind_set.RELEASES) == 4


def test_twelve_publishers_none_from_the_earlier_sets(blind_set) -> None:
    assert len(outlets_of_none_before(blind_set.TEXTS, blind_set.EARLIER_SETS, blind_set.ORDINAL)) == 12


def test_no_coded_place_is_one_an_earlier_set_codes(blind_set) -> None:
    check_places_none_before(blind_set.gold_lines(), blind_set.EARLIER_SETS, at_least=blind_set.PLACES_AT_LEAST)


def test_places_named_only_in_passing_are_not_coded(blind_set) -> None:
    bodies = " ".join(split(path)[1] for path in blind_set.TEXTS)
    coded = coded_place_names(blind_set.gold_lines())
    for name in getattr(blind_set, "UNCODED_PLACES", ()):
        assert name in bodies and name.casefold() not in coded, name


def test_texts_spread_over_the_years_2012_to_2026(blind_set) -> None:
    years = set_years(blind_set.TEXTS)
    assert min(years) == "2012" and max(years) == "2026" and len(years) == 12


def test_gold_codes_every_text_once(blind_set) -> None:
    check_codes_every_text_once(blind_set.gold_lines(), blind_set.TEXTS)


def test_gold_holds_enough_records_of_each_kind(blind_set) -> None:
    check_kind_minimums(blind_set.gold_lines(), MINIMUMS, total=110)


def test_no_record_names_a_private_person(blind_set) -> None:
    check_no_private_names(blind_set.GOLD, blind_set.TEXTS, blind_set.PRIVATE_NAMES)


def test_people_named_without_quotation_marks_are_no_speakers(blind_set) -> None:
    speakers = {r["speaker"] for line in blind_set.gold_lines() for r in line["records"] if r["kind"] == "quote"}
    bodies = " ".join(split(path)[1] for path in blind_set.TEXTS)
    for name in blind_set.UNQUOTED_NAMES:
        assert name in bodies and name not in speakers


def test_criminality_qualifies_a_count_of_its_own_text(blind_set) -> None:
    check_criminality_bases(blind_set.gold_lines())


@pytest.mark.parametrize("blind, path", _each("NEWS"))
def test_news_text_is_a_short_news_report(blind: ModuleType, path: Path) -> None:
    check_news_report(path, (250, 600))


@pytest.mark.parametrize("blind, path", _each("RELEASES"))
def test_release_is_a_short_federal_release(blind: ModuleType, path: Path) -> None:
    check_federal_release(path, (250, 600), blind.FEDERAL_PUBLISHERS)


@pytest.mark.parametrize("blind, line", _each("gold"))
def test_gold_records_are_well_formed(blind: ModuleType, line: dict) -> None:
    meta, body = split(Path(blind.GOLD).parent / line["file"])
    check_gold_line(line, meta, body)
    check_periods_close_by_report(line)
    check_records_agree_with_their_kinds(line)

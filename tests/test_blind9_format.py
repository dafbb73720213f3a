"""The ninth blind set (tests/data/blind9/: eight news reports and four federal releases) must stay usable
as a gold file: every text coded once, evidence verbatim, and no city, county or outlet that an earlier
blind set already uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from _gold_sets import (
    split,
)
from _gold_sets import gold_lines as read_gold

DATA = Path(__file__).resolve().parent / "data"
BLIND9 = DATA / "blind9"
EARLIER_SETS = tuple(
    DATA / name for name in ("blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8")
)
ORDINAL = "the ninth blind set"
PLACES_AT_LEAST = 30  # coded places, none of an earlier set
GOLD = BLIND9 / "gold.jsonl"
TEXTS = sorted(BLIND9.glob("*.txt"))
NEWS = [path for path in TEXTS if split(path)[0]["kind"] == "news"]
RELEASES = [path for path in TEXTS if split(path)[0]["kind"] == "release"]
FEDERAL_PUBLISHERS = (
    "U.S. Immigration and Customs Enforcement", "U.S. Customs and Border Protection",
    "U.S. Department of Homeland Security", "U.S. Department of Justice",
)
# Private people the texts name (a sister, a neighbour, a dairy farmer, a pastor and his congregant, a
# wife, a deckhand's wife, a restaurant owner, a plant worker, a truck driver and two defendants): in no
# record, in any field.
PRIVATE_NAMES = (
    "Marisol Quintanar-Ebb", "Teofilo Barraza-Kinnick", "Ansel Grunewald-Pratt", "Absalom Tierney-Vacaro",
    "Fidencio Lusk-Amaral", "Odalys Pichardo-Wendt", "Yolanda Trevizo-Marchbanks", "Crisanto Dellaporta-Ruiz",
    "Heriberto Nyquist-Solano", "Darnell Pruitt-Oakes", "Abundio Carrizales-Vey", "Nicanor Ledesma-Furth",
)
# People named but never quoted in quotation marks (a union representative, a DHS spokeswoman who spoke
# by phone, a prosecutor): no quote record has them as speaker.
UNQUOTED_NAMES = ("Garrett Oyelowo-Strand", "Noor Castellanos-Briggs", "Morton Quillfeather")


def gold_lines() -> list[dict]:
    return read_gold(GOLD)


def line_of(stem: str) -> dict:
    return next(line for line in gold_lines() if line["file"].startswith(stem))


@pytest.mark.parametrize("stem, total", [
    ("g01", 58), ("g02", 34), ("g03", 46), ("g04", 52), ("g05", 27), ("g06", 75), ("g08", 50),
    ("g09", 609), ("g10", 1318), ("g11", 38), ("g12", 143),
])
def test_the_parts_of_a_text_add_up_to_its_total(stem: str, total: int) -> None:
    """Each text's required place or day parts sum to the total they break down, as its body says."""
    records = line_of(stem)["records"]
    parts = [r["count"]["value"] for r in records
             if r["kind"] == "arrest_count" and r["scope"] == "part" and not r.get("ambiguous")]
    assert sum(parts) == total
    assert any(r["count"]["value"] == total and r["scope"] == "total" for r in records if r["kind"] == "arrest_count")


def test_the_weekday_list_resolves_to_the_seven_days_before_a_monday_release() -> None:
    line = line_of("g10")
    days = [r["period"]["date"] for r in line["records"]
            if r["kind"] == "arrest_count" and r["scope"] == "part" and not r.get("ambiguous")]
    assert days == [f"2024-03-{day:02d}" for day in range(4, 11)] and line["published"] == "2024-03-11"


def test_last_month_is_the_calendar_month_before_publication() -> None:
    line = line_of("g07")
    february = next(r for r in line["records"] if r["kind"] == "arrest_count" and r["count"]["value"] == 212)
    assert line["published"] == "2026-03-05"
    assert february["period"] == {"start": "2026-02-01", "end": "2026-02-28"}


def test_fraction_shares_and_the_remainder_account_for_every_arrest() -> None:
    """g06: "two in five", "a third" and "the remaining 20" together are its 75."""
    records = line_of("g06")["records"]
    shares = [r["share"]["value"] for r in records if r["kind"] == "criminality" and "share" in r]
    counts = [r["count"]["value"] for r in records if r["kind"] == "criminality" and "count" in r]
    assert round(sum(shares) * 75 + sum(counts)) == 75

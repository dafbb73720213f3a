"""The tenth blind set (tests/data/blind10/: eight news reports and four federal releases) must stay usable
as a gold file: every text coded once, evidence verbatim, and no city, county or outlet that an earlier
blind set already uses."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from _gold_sets import (
    split,
)
from _gold_sets import gold_lines as read_gold

DATA = Path(__file__).resolve().parent / "data"
BLIND10 = DATA / "blind10"
EARLIER_SETS = tuple(DATA / name for name in ("blind", *(f"blind{n}" for n in range(2, 10))))
ORDINAL = "the tenth blind set"
PLACES_AT_LEAST = 35  # coded places, none of an earlier set
GOLD = BLIND10 / "gold.jsonl"
TEXTS = sorted(BLIND10.glob("*.txt"))
NEWS = [path for path in TEXTS if split(path)[0]["kind"] == "news"]
RELEASES = [path for path in TEXTS if split(path)[0]["kind"] == "release"]
FEDERAL_PUBLISHERS = (
    "U.S. Immigration and Customs Enforcement", "U.S. Customs and Border Protection",
    "U.S. Department of Homeland Security", "U.S. Department of Justice",
)
# Private people the texts name (a cannery worker's cousin, a mother, a poultry worker, an orchard owner,
# a dairy farmer, a woman whose brother was taken, a pastor, a plant owner, an arrested man, a driver and
# two defendants): in no record, in any field.
PRIVATE_NAMES = (
    "Perpetua Olafsen-Ibarra", "Graciela Whitlock-Arambula", "Evaristo Kimmel-Dorado",
    "Thaddeus Brandvold-Siqueiros", "Lowell Thibodeau-Marsh", "Rosaura Benavidez-Quill",
    "Cornelius Vandermolen-Okafor", "Beauregard Tillotson-Ames", "Anselmo Ruelas-Petit",
    "Wendell Sorensen-Haig", "Faustino Aranda-Kealoha", "Teodora Ilagan-Brisbane",
)
# People named but never quoted in quotation marks: a spokeswoman who spoke by phone and a mayor (both
# paraphrased), a prosecutor, and the sheriff who wrote the h05 column (her own first-person words are
# the column, not a quotation).
UNQUOTED_NAMES = (
    "Dorinda Palacek-Moye", "Abner Lindgren-Paz", "Prudence Kaleikini-Moss", "Ingrid Halvorsen-Tubbs",
)
# Places the texts name only in a quotation, an attribution, a dateline far from the arrests or an
# aside (where people are held, a speaker's office): never a coded place.
UNCODED_PLACES = ("Anchorage", "Seattle", "Detroit", "Oahu", "Honolulu", "Dallas", "Wichita Falls",
                  "Greenwood", "Albuquerque", "Tacoma", "Williston")


def gold_lines() -> list[dict]:
    return read_gold(GOLD)


def line_of(stem: str) -> dict:
    return next(line for line in gold_lines() if line["file"].startswith(stem))


def records_of(stem: str, kind: str) -> list[dict]:
    return [r for r in line_of(stem)["records"] if r["kind"] == kind]


@pytest.mark.parametrize("stem, total", [
    ("h02", 34), ("h03", 26), ("h04", 80), ("h05", 24), ("h06", 47), ("h07", 63), ("h08", 96),
    ("h09", 178), ("h10", 64), ("h11", 41), ("h12", 58),
])
def test_the_parts_of_a_text_add_up_to_its_total(stem: str, total: int) -> None:
    """Each text's required place, station or day parts sum to the total they break down, as its body says."""
    counts = records_of(stem, "arrest_count")
    parts = [r["count"]["value"] for r in counts if r["scope"] == "part" and not r.get("ambiguous")]
    assert sum(parts) == total
    assert any(r["count"]["value"] == total and r["scope"] == "total" and not r.get("ambiguous") for r in counts)


def test_the_roundup_keeps_three_operations_in_three_states() -> None:
    """h01: three separate operations, each with its own place, dates and count; the sum is optional."""
    operations = records_of("h01", "operation")
    assert sorted(op["places"][0]["state"] for op in operations) == ["AK", "ID", "VT"]
    counts = records_of("h01", "arrest_count")
    required = sorted(r["count"]["value"] for r in counts if not r.get("ambiguous"))
    assert required == [11, 17, 23]
    assert [r["count"]["value"] for r in counts if r.get("ambiguous")] == [sum(required)]


def test_the_timeline_resolves_its_weekdays_to_the_days_before_a_thursday_report() -> None:
    line = line_of("h02")
    assert datetime.date.fromisoformat(line["published"]).strftime("%A") == "Thursday"
    days = [r["period"]["date"] for r in records_of("h02", "arrest_count") if r["scope"] == "part"]
    assert days == ["2019-03-11", "2019-03-12", "2019-03-13"]
    (operation,) = records_of("h02", "operation")
    assert (operation["start"], operation["end"]) == ("2019-03-11", "2019-03-13")


@pytest.mark.parametrize("stem, first, revised", [("h02", 29, 34), ("h07", 51, 63)])
def test_a_count_revised_upward_is_coded_at_its_later_figure(stem: str, first: int, revised: int) -> None:
    """The agency's first figure, superseded later in the same text, is optional; the revision is required."""
    totals = {r["count"]["value"]: bool(r.get("ambiguous")) for r in records_of(stem, "arrest_count")
              if r["scope"] == "total"}
    assert totals[first] is True and totals[revised] is False


def test_eighty_percent_of_the_daily_goal_is_the_average_the_text_gives() -> None:
    """h04: the goal of 20 a day is a target; "80% of" it is the 16-a-day average, an optional rate, not a target."""
    targets = {r["count"]["value"]: r["scope"] for r in records_of("h04", "target")}
    assert targets == {20: "place", 3000: "nationwide"}
    (average,) = [r for r in records_of("h04", "arrest_count") if r["period"] is None]
    assert average["count"]["value"] == round(0.8 * 20) and average.get("ambiguous")


@pytest.mark.parametrize("stem, superseded, new_start", [("h03", "2016-10-03", "2016-10-17"),
                                                         ("h12", "2024-05-06", "2024-05-20")])
def test_a_postponed_operation_is_planned_from_its_new_date(stem: str, superseded: str, new_start: str) -> None:
    planned = [op for op in records_of(stem, "operation") if op["status"] == "planned"]
    assert [op["start"] for op in planned] == [new_start]
    assert all(superseded not in (op["start"], op["end"]) for op in records_of(stem, "operation"))


def test_last_monday_is_the_monday_of_the_reports_week() -> None:
    """h08, a Thursday report: "began last Monday ... ended Tuesday" of a two-day operation."""
    line = line_of("h08")
    published = datetime.date.fromisoformat(line["published"])
    (operation,) = records_of("h08", "operation")
    start = datetime.date.fromisoformat(operation["start"])
    assert start.strftime("%A") == "Monday" and (published - start).days == 3
    assert operation["end"] == (start + datetime.timedelta(days=1)).isoformat()


def test_vague_criminality_words_are_optional_and_carry_no_invented_number() -> None:
    """"most" is 0.5 more_than, "nearly all" 1.0 nearly, and "few" or "a few" carry no number; all optional."""
    vague = [r for line in gold_lines() for r in line["records"]
             if r["kind"] == "criminality" and ("share" in r or r.get("count") is None)
             and r["of_count"] is not None]
    assert len(vague) == 6 and all(r.get("ambiguous") for r in vague)
    for record in vague:
        words = record["evidence"].split()[0].lower()
        if words == "most":
            assert record["share"] == {"value": 0.5, "qualifier": "more_than"}
        elif words == "nearly":
            assert record["share"] == {"value": 1.0, "qualifier": "nearly"}
        else:
            assert record["count"] is None and "few" in record["evidence"]


def test_a_multi_state_release_places_its_operation_in_the_states() -> None:
    """h09: the area of responsibility's two states, not the cities the release mentions."""
    (operation,) = records_of("h09", "operation")
    assert operation["places"] == [{"name": "Texas", "state": "TX"}, {"name": "Oklahoma", "state": "OK"}]


AGENCY_WORDS = {"U.S. Marshal": "USMS", "U.S. Attorney": "DOJ", "DHS": "DHS", "ICE": "ICE", "ERO": "ICE"}


def agency_after(body: str, quoted: str) -> str:
    """The agency first named in the words that follow a quotation in its paragraph: the speaker's office."""
    start = body.index(quoted) + len(quoted)
    rest = body[start:body.find("\n\n", start)]
    found = {rest.find(word): code for word, code in AGENCY_WORDS.items() if word in rest}
    return found[min(found)]


@pytest.mark.parametrize("stem", ["h09", "h11", "h12"])
def test_a_release_quotes_two_officials_of_two_agencies(stem: str) -> None:
    body = split(next(path for path in TEXTS if path.name.startswith(stem)))[1]
    quotes = records_of(stem, "quote")
    assert len(quotes) == 2 and not any(r.get("ambiguous") for r in quotes)
    assert len({agency_after(body, r["text"]) for r in quotes}) == 2


def test_the_unnamed_spokesperson_gives_only_an_optional_quote() -> None:
    (spokesperson,) = [r for r in records_of("h06", "quote") if r["speaker"] == "ICE spokesperson"]
    assert spokesperson.get("ambiguous") is True

"""Checks read as verdicts: a code and one headline per check, and comparisons of like with like."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from enforcement_tracker.analyze.check import run_checks, save_checks
from enforcement_tracker.analyze.verdict import CODES
from enforcement_tracker.models import Document, Extraction, Record, Source
from enforcement_tracker.official import import_official
from enforcement_tracker.store.db import connect
from enforcement_tracker.store.ledger import save_extraction
from test_check import POSTED, WEEKLY, brief_ledger, by_record


@pytest.fixture
def conn(tmp_path):
    c = connect(tmp_path / "ledger.db")
    posted = tmp_path / "posted.csv"
    posted.write_text(POSTED)
    import_official(c, "ice-posted-daily", posted)
    return c


def _weeks(n: int, start: str = "2024-12-30") -> str:
    from datetime import date, timedelta

    d = date.fromisoformat(start)
    lines = ["week_start,week_end,arrests_total,arrests_with_criminal_conviction,arrests_without_criminal_conviction,"
             "share_without_conviction"]
    for i in range(n):
        a, b = d + timedelta(days=7 * i), d + timedelta(days=7 * i + 6)
        lines.append(f"{a},{b},1000,400,600,0.6")
    return "\n".join(lines) + "\n"


def _one_claim(conn, fields, kind="arrest_count", text="In our words, 5,000 people were arrested then."):
    doc = Document(text=text, publisher="Example Desk", published="2025-03-01")
    r = Record(kind=kind, span=(0, len(text)), quote=text, fields=fields, document_id=doc.id, extractor="test",
               sources=[Source(kind="outlet", outlet="Example Desk")])
    r.assign_id()
    save_extraction(conn, Extraction(doc, [r]))
    return r


def test_the_sunday_count_reads_as_higher_than_what_ice_itself_posted(conn):
    count, crim, target = brief_ledger(conn)
    checks = run_checks(conn)
    check = by_record(checks, count)
    assert check.code == "higher"
    assert check.headline == ("ICE itself posted 956 arrests for that day (Sun 2025-01-26):"
                              " the claim of 1,200 is 244 higher, 26% above.")
    assert check.result.source_url == "https://example.org/26"
    assert "ICE" in check.result.source_name and "@ICEgov" in check.result.source_name
    # The target is a floor: ICE's own average over the window is below it.
    t = by_record(checks, target)
    assert t.code == "higher" and t.headline.startswith("ICE's own posted figures average")
    assert "the best day 1,179" in t.headline and "the target of 1,200 a day is" in t.headline


def test_every_target_figure_is_an_average_a_day(conn, tmp_path):
    _, _, target = brief_ledger(conn)
    weekly = tmp_path / "weekly.csv"
    weekly.write_text(WEEKLY)
    import_official(conn, "ddp-weekly-arrests", weekly)
    figures = by_record(run_checks(conn), target).figures
    series = next(f for f in figures if f.source == "ice_posted_daily")
    assert series.value == series.detail["average"] and series.value < series.detail["best"]
    week = next(f for f in figures if f.source == "foia_arrests_weekly")
    assert week.value == round(week.detail["arrests_total"] / 7, 1)


def test_a_claim_no_official_figure_covers_says_so(tmp_path):
    conn = connect(tmp_path / "empty.db")
    brief_ledger(conn)
    checks = run_checks(conn)
    assert {c.code for c in checks} == {"no_official_figure"}
    assert all(c.headline.startswith("No official figure to hold this against") for c in checks)


def test_a_count_within_its_qualifier_matches(conn):
    rec = _one_claim(conn, {"count": {"value": 1000, "qualifier": "about"}, "places": [], "agencies": [],
                            "period": {"date": "2025-01-28", "precision": "day"}})
    check = by_record(run_checks(conn), rec)
    assert check.code == "matches" and "the claim of 1,000 matches it" in check.headline


def test_a_year_long_claim_is_one_summed_figure_not_a_row_per_week(conn, tmp_path):
    weekly = tmp_path / "weekly.csv"
    weekly.write_text(_weeks(53))
    import_official(conn, "ddp-weekly-arrests", weekly)
    rec = _one_claim(conn, {"count": {"value": 60000, "qualifier": "exact"}, "places": [], "agencies": [],
                            "period": "2025"})
    figures = [f for f in by_record(run_checks(conn), rec).figures if f.source == "foia_arrests_weekly"]
    assert len(figures) == 1
    # The weeks of 2025-01-06 to 2025-12-28 lie inside 2025 (51 of them); they do not tile the year.
    assert figures[0].detail["weeks"] == 51 and figures[0].value == 51000 and not figures[0].comparable
    assert "not comparable" in figures[0].verdict


def test_a_period_the_weeks_tile_is_compared_with_their_sum(conn, tmp_path):
    weekly = tmp_path / "weekly.csv"
    weekly.write_text(_weeks(6, start="2025-03-03"))
    import_official(conn, "ddp-weekly-arrests", weekly)
    rec = _one_claim(conn, {"count": {"value": 2000, "qualifier": "exact"}, "places": [], "agencies": [],
                            "period": {"start": {"date": "2025-03-10"}, "end": {"date": "2025-03-23"}}})
    check = by_record(run_checks(conn), rec)
    week = next(f for f in check.figures if f.source == "foia_arrests_weekly")
    assert (week.value, week.comparable) == (2000, True)
    assert check.code == "matches"


def test_a_share_is_held_only_against_the_week_that_contains_its_day(conn, tmp_path):
    _, crim, _ = brief_ledger(conn)
    weekly = tmp_path / "weekly.csv"
    weekly.write_text(WEEKLY)
    import_official(conn, "ddp-weekly-arrests", weekly)
    figures = [f for f in by_record(run_checks(conn), crim).figures if f.source == "foia_arrests_weekly"]
    assert figures and all(f.start <= "2025-01-26" <= f.end for f in figures)


def test_codes_and_headlines_are_stored_for_every_checked_record(tmp_path):
    conn = connect(tmp_path / "l.db")
    brief_ledger(conn)
    (tmp_path / "p.csv").write_text(POSTED)
    import_official(conn, "ice-posted-daily", tmp_path / "p.csv")
    save_checks(conn, run_checks(conn))
    stored = dict(conn.execute("SELECT r.kind, c.code FROM record_checks c JOIN records r ON r.id = c.record_id"))
    assert stored == {"arrest_count": "higher", "criminality": "no_official_figure", "target": "higher"}
    codes = {row[0] for row in conn.execute("SELECT code FROM checks")}
    assert codes <= set(CODES) and "not_comparable" in codes


def test_cli_check_json_has_the_code_and_headline(conn, tmp_path):
    from enforcement_tracker.cli import main

    brief_ledger(conn)
    result = CliRunner().invoke(main, ["check", "--db", str(tmp_path / "ledger.db"), "--json"])
    assert result.exit_code == 0, result.output
    count = next(c for c in json.loads(result.output) if c["kind"] == "arrest_count")
    assert count["code"] == "higher" and count["headline"].startswith("ICE itself posted 956")
    assert count["official"][0]["code"] == "higher" and count["official"][1]["code"] == "not_comparable"
    assert count["source_url"] == "https://example.org/26"


def test_the_api_and_the_csv_carry_the_code_and_headline(tmp_path):
    import asyncio
    import csv
    import io

    from enforcement_tracker.publish import make_datasette

    path = tmp_path / "served.db"
    conn = connect(path)
    count, _, _ = brief_ledger(conn)
    (tmp_path / "p.csv").write_text(POSTED)
    import_official(conn, "ice-posted-daily", tmp_path / "p.csv")
    save_checks(conn, run_checks(conn))
    conn.close()
    ds = make_datasette(path)
    loop = asyncio.new_event_loop()
    try:
        api = loop.run_until_complete(ds.client.get("/api/records.json?kind=arrest_count")).json()["records"]
        assert api[0]["check_code"] == "higher" and api[0]["check_headline"].startswith("ICE itself posted 956")
        text = loop.run_until_complete(ds.client.get("/export/records.csv?kind=arrest_count")).text
        row = next(csv.DictReader(io.StringIO(text)))
        assert row["check_code"] == "higher" and "244 higher, 26% above" in row["check_headline"]
        page = loop.run_until_complete(ds.client.get(f"/records/{count.id}")).text
        assert "Higher than the official figure" in page and 'href="https://example.org/26"' in page
    finally:
        loop.close()

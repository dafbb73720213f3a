"""`etrack check`: the brief's claims held against ICE's posted figures and FOIA records."""

from __future__ import annotations

import json

import pytest

from enforcement_tracker.analyze.check import run_checks, save_checks
from enforcement_tracker.analyze.claims import period_bounds
from enforcement_tracker.models import Document, Extraction, Record, Source
from enforcement_tracker.official import import_official
from enforcement_tracker.official.foia_sample import FoiaSample, write_foia_sample
from enforcement_tracker.store.db import connect
from enforcement_tracker.store.ledger import save_extraction

# The days ICE posted around the brief's Sunday (facts; our own file, not the shared one).
POSTED = """date,weekday,arrests_reported,detainers_lodged_reported,source_note,source_url
2025-01-23,Thu,538,373,fixture,https://example.org/23
2025-01-24,Fri,593,449,fixture,https://example.org/24
2025-01-25,Sat,286,421,fixture,https://example.org/25
2025-01-26,Sun,956,554,fixture,https://example.org/26
2025-01-27,Mon,1179,853,fixture,https://example.org/27
2025-01-28,Tue,969,869,fixture,https://example.org/28
2025-01-29,Wed,,,fixture,
2025-01-31,Fri,864,621,fixture,https://example.org/31
"""
WEEKLY = """week_start,week_end,arrests_total,arrests_with_criminal_conviction,arrests_without_criminal_conviction,share_without_conviction
2025-01-20,2025-01-26,3152,1531,1621,0.5143
2025-01-27,2025-02-02,4977,2113,2864,0.5754
"""
SUNDAY = {"date": "2025-01-26", "precision": "day", "part_of_day": None, "text": "Sunday"}


def brief_ledger(conn, places=None, published="2025-01-29"):
    """The brief's three claims, written in our own words."""
    text = ("A report in our own words. About 1,200 people were arrested on Sunday. Close to half were not"
            " criminal. The goal is 1,200 to 1,500 arrests a day.")
    doc = Document(text=text, publisher="Example News", published=published)
    src = [Source(kind="outlet", outlet="Example News")]

    def record(kind, start, end, fields):
        r = Record(kind=kind, span=(start, end), quote=text[start:end], fields=fields, sources=src,
                   document_id=doc.id, extractor="test")
        r.assign_id()
        return r

    count = record("arrest_count", 31, 77, {"count": {"value": 1200, "qualifier": "exact"}, "period": SUNDAY,
                                            "places": places or [], "agencies": [{"code": "ICE", "text": "ICE"}],
                                            "scope": "total"})
    crim = record("criminality", 78, 113, {"of": count.id, "category": "not_criminal",
                                           "share": {"value": 0.5, "qualifier": "nearly"}})
    target = record("target", 114, len(text), {"count": {"low": 1200, "high": 1500, "qualifier": "exact"}, "per": "day",
                                               "scope": "nationwide", "places": [], "issued_by": None,
                                               "issued_on": SUNDAY, "characterizations": ["goal"], "agencies": []})
    save_extraction(conn, Extraction(doc, [count, crim, target]))
    return count, crim, target


@pytest.fixture
def conn(tmp_path):
    c = connect(tmp_path / "ledger.db")
    posted = tmp_path / "posted.csv"
    posted.write_text(POSTED)
    import_official(c, "ice-posted-daily", posted)
    return c


def by_record(checks, record):
    return next(c for c in checks if c.record_id == record.id)


def test_the_sunday_count_is_held_against_icess_posted_figure(conn):
    count, _, _ = brief_ledger(conn)
    check = by_record(run_checks(conn), count)
    assert check.verdict == "ICE's own posted figure for that day is 956, 20% lower"
    same, before, after = check.figures[:3]
    assert (same.value, same.difference_pct, same.detail["url"]) == (956, -20.3, "https://example.org/26")
    assert after.role == "adjacent_day" and after.start == "2025-01-27" and after.value == 1179
    assert "1,179" in after.verdict and "another day" in after.verdict


def test_the_target_gets_its_attainment_over_the_posted_days(conn):
    _, _, target = brief_ledger(conn)
    posted = by_record(run_checks(conn), target).figures[0]
    assert posted.source == "ice_posted_daily" and posted.role == "series"
    assert posted.detail["days_reached"] == 0 and posted.detail["best"] == 1179
    assert posted.detail["best_day"] == "2025-01-27"
    assert "none reached 1,200; the best was 1,179" in posted.verdict


def test_generated_foia_records_add_the_week_and_the_no_conviction_share(conn, tmp_path):
    count, crim, _ = brief_ledger(conn)
    path = write_foia_sample(tmp_path / "foia.parquet", FoiaSample(rows=6000, start="2025-01-13", end="2025-02-09"))
    import_official(conn, "ddp-arrests", path)
    weekly = tmp_path / "weekly.csv"
    weekly.write_text(WEEKLY)
    import_official(conn, "ddp-weekly-arrests", weekly)
    checks = run_checks(conn)
    sources = {(f.source, f.role) for f in by_record(checks, count).figures}
    assert {("foia_arrests_daily", "same_period"), ("foia_arrests_week", "week"),
            ("foia_arrests_weekly", "week")} <= sources
    week = next(f for f in by_record(checks, count).figures if f.source == "foia_arrests_weekly")
    assert week.value == 3152 and "51% without a criminal conviction" in week.verdict
    assert "a weekly count is not a day" in week.verdict
    shares = by_record(checks, crim).figures
    published = next(f for f in shares if f.source == "foia_arrests_weekly")
    assert published.value == 0.5143 and "fits" in published.verdict
    definitions = {f.detail["definition"] for f in shares if "definition" in f.detail}
    assert definitions == {"no_conviction", "no_charges"}
    no_charges = next(f for f in shares if f.detail.get("definition") == "no_charges")
    assert "neither a conviction nor pending charges" in no_charges.verdict


def test_a_place_meets_its_areas_figures(conn, tmp_path):
    aurora = {"name": "Aurora", "kind": "city", "state": "CO", "geonameid": 5412347, "lat": 39.73, "lon": -104.83}
    count, _, _ = brief_ledger(conn, places=[aurora])
    import_official(conn, "ddp-arrests", write_foia_sample(tmp_path / "f.parquet", FoiaSample(rows=3000, start="2025-01-20", end="2025-01-31")))
    check = by_record(run_checks(conn), count)
    assert check.claim.areas == ["Denver"]
    foia = next(f for f in check.figures if f.source == "foia_arrests_daily")
    denver = conn.execute("SELECT SUM(arrests) FROM foia_arrests_daily WHERE date = '2025-01-26' AND aor = 'Denver'").fetchone()[0]
    assert foia.value == denver and foia.place == "Denver area" and "Denver area" in foia.verdict
    posted = next(f for f in check.figures if f.source == "ice_posted_daily")
    assert not posted.comparable and "the whole country" in posted.verdict


def test_checks_are_stored_for_the_web_and_replaced_on_rerun(conn):
    count, _, _ = brief_ledger(conn)
    checks = run_checks(conn)
    n = save_checks(conn, checks)
    assert n == conn.execute("SELECT COUNT(*) FROM checks").fetchone()[0] > 0
    row = conn.execute("SELECT official_source, official_value, claim_value, difference_pct, verdict, json FROM checks"
                       " WHERE record_id = ? AND period_start = '2025-01-26'", (count.id,)).fetchone()
    assert tuple(row)[:4] == ("ice_posted_daily", 956, 1200, -20.3)
    assert json.loads(row["json"])["official"]["definition"].startswith("ICE's own public")
    save_checks(conn, run_checks(conn))
    assert conn.execute("SELECT COUNT(*) FROM checks").fetchone()[0] == n


def test_claims_without_official_figures_say_why(tmp_path):
    conn = connect(tmp_path / "empty.db")
    brief_ledger(conn)
    checks = run_checks(conn)
    assert all(c.unchecked and c.verdict.startswith("Not checked") for c in checks)


@pytest.mark.parametrize(("period", "bounds"), [
    ({"date": "2025-01-26", "precision": "day"}, ("2025-01-26", "2025-01-26", "day")),
    ({"date": "2025-01-22", "precision": "week"}, ("2025-01-20", "2025-01-26", "week")),
    ("2025-01", ("2025-01-01", "2025-01-31", "month")),
    ({"start": {"date": "2025-01-20"}, "end": {"date": "2025-01-26"}}, ("2025-01-20", "2025-01-26", "range")),
    ("2025-01-26", ("2025-01-26", "2025-01-26", "day")),
    (None, (None, None, None)),
])
def test_periods_of_every_shape(period, bounds):
    assert period_bounds(period) == bounds


def test_cli_check_json(conn, tmp_path):
    cli = pytest.importorskip("enforcement_tracker.cli")
    from click.testing import CliRunner

    brief_ledger(conn)
    db = tmp_path / "ledger.db"
    result = CliRunner().invoke(cli.main, ["check", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    checks = json.loads(result.output)
    count = next(c for c in checks if c["kind"] == "arrest_count")
    assert count["claim"]["number"]["value"] == 1200 and count["claim"]["period"]["start"] == "2025-01-26"
    assert count["official"][0]["value"] == 956 and count["official"][0]["source"] == "ice_posted_daily"
    assert count["verdict"] == "ICE's own posted figure for that day is 956, 20% lower"


def test_cli_import_refuses_a_bad_file_in_one_line(tmp_path):
    cli = pytest.importorskip("enforcement_tracker.cli")
    from click.testing import CliRunner

    bad = tmp_path / "wrong.csv"
    bad.write_text("day,count\n2025-01-26,956\n")
    result = CliRunner().invoke(cli.main, ["import", "ice-posted-daily", str(bad), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and "wrong.csv" in result.output and "missing column" in result.output


def test_the_real_brief_against_the_real_posted_figures(tmp_path, shared_dir):
    """Acceptance: ingest the brief, import ICE's posted numbers, check."""
    brief = shared_dir / "corpus" / "seed" / "nbc-three-cities-per-week.txt"
    posted = shared_dir / "data" / "official" / "ice-posted-daily-arrests-2025-01.csv"
    if not (brief.exists() and posted.exists()):
        pytest.skip("brief or posted figures not in shared/")
    extract = pytest.importorskip("enforcement_tracker.extract")
    from enforcement_tracker.ingest import read_document

    conn = connect(tmp_path / "ledger.db")
    save_extraction(conn, extract.extract_document(read_document(brief)))
    import_official(conn, "ice-posted-daily", posted)
    checks = run_checks(conn)
    count = next(c for c in checks if c.claim.kind == "arrest_count" and c.claim.value == 1200)
    assert count.figures[0].value == 956 and "956, 20% lower" in count.verdict
    assert any(f.start == "2025-01-27" and f.value == 1179 for f in count.figures)
    target = next(c for c in checks if c.claim.kind == "target")
    assert target.figures[0].detail["days_reached"] == 0 and target.figures[0].detail["best"] == 1179


def test_a_criminality_count_becomes_a_share_of_its_arrest_count(conn, tmp_path):
    from enforcement_tracker.analyze.claims import load_claims

    count, crim, _ = brief_ledger(conn)
    conn.execute("UPDATE records SET json = json_set(json, '$.share', NULL, '$.count', json('{\"value\": 600}'))"
                 " WHERE id = ?", (crim.id,))
    claim = next(c for c in load_claims(conn) if c.record_id == crim.id)
    assert claim.of_value == 1200 and claim.start == "2025-01-26"
    import_official(conn, "ddp-arrests", write_foia_sample(tmp_path / "f.parquet", FoiaSample(rows=2000, start="2025-01-20", end="2025-01-31")))
    check = by_record(run_checks(conn), crim)
    assert check.figures and "the claim of 50%" in check.figures[0].verdict


def test_targets_per_month_are_not_checked_yet_and_say_so(conn):
    _, _, target = brief_ledger(conn)
    conn.execute("UPDATE records SET json = json_set(json, '$.per', 'month') WHERE id = ?", (target.id,))
    check = by_record(run_checks(conn), target)
    assert check.unchecked == "targets per month are not checked yet: only daily targets"

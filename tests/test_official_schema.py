"""The official and checks tables the web reads: an empty ledger migrates to exactly these."""

from __future__ import annotations

from enforcement_tracker.store.db import connect

EXPECTED = {
    "checks": ["id", "record_id", "official_source", "definition", "period_start", "period_end", "place",
               "official_value", "claim_value", "difference_pct", "verdict", "json", "checked_at", "code"],
    "record_checks": ["record_id", "code", "headline", "source", "source_name", "source_url", "figures", "checked_at"],
    "ice_posted_daily": ["date", "weekday", "arrests", "detainers_lodged", "source_note", "source_url", "import_id"],
    "foia_arrests_daily": ["date", "aor", "state", "criminality", "arrests", "import_id"],
    "foia_arrests_weekly": ["week_start", "week_end", "arrests_total", "with_conviction", "without_conviction",
                            "share_without_conviction", "source", "import_id"],
}


def test_empty_ledger_has_the_official_tables(tmp_path):
    conn = connect(tmp_path / "ledger.db")
    for table, columns in EXPECTED.items():
        assert [r[1] for r in conn.execute(f"PRAGMA table_info({table})")] == columns
    cols = [r[1] for r in conn.execute("PRAGMA table_info(detention_stats)")]
    assert cols[:10] == ["edition", "fiscal_year", "table", "agency", "criminality", "facility_type",
                         "release_reason", "breakdown", "month", "value"]
    assert conn.execute("SELECT COUNT(*) FROM detention_stats_latest").fetchone()[0] == 0


def test_checks_go_with_their_record(tmp_path):
    conn = connect(tmp_path / "ledger.db")
    fks = conn.execute("PRAGMA foreign_key_list(checks)").fetchall()
    assert [(r["table"], r["from"], r["on_delete"]) for r in fks] == [("records", "record_id", "CASCADE")]

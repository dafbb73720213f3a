"""ICE's posted daily numbers and the DDP weekly counts: small CSV imports, all or nothing."""

from __future__ import annotations

import pytest

from enforcement_tracker.errors import OfficialDataError
from enforcement_tracker.official import import_official
from enforcement_tracker.store.db import connect

POSTED = """date,weekday,arrests_reported,detainers_lodged_reported,source_note,source_url
2025-01-25,Sat,286,421,test fixture,https://example.org/posted-25
2025-01-26,Sun,956,554,test fixture,https://example.org/posted-26
2025-01-27,Mon,1179,853,test fixture,https://example.org/posted-27
2025-01-29,Wed,,,no post found,
"""
WEEKLY = """week_start,week_end,arrests_total,arrests_with_criminal_conviction,arrests_without_criminal_conviction,share_without_conviction
2025-01-20,2025-01-26,3152,1531,1621,0.5143
2025-01-27,2025-02-02,4977,2113,2864,
"""


@pytest.fixture
def conn(tmp_path):
    return connect(tmp_path / "ledger.db")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_posted_days_are_kept_as_ice_claims_with_their_sources(conn, tmp_path):
    result = import_official(conn, "ice-posted-daily", write(tmp_path, "posted.csv", POSTED))
    assert result.rows == 4 and "2025-01-29" in result.notes[0]
    row = conn.execute("SELECT arrests, detainers_lodged, source_url FROM ice_posted_daily WHERE date = '2025-01-26'").fetchone()
    assert tuple(row) == (956, 554, "https://example.org/posted-26")
    assert conn.execute("SELECT arrests FROM ice_posted_daily WHERE date = '2025-01-29'").fetchone()[0] is None
    # claims from ICE, not ledger records
    assert conn.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 0


def test_reimporting_posted_days_changes_nothing(conn, tmp_path):
    path = write(tmp_path, "posted.csv", POSTED)
    import_official(conn, "ice-posted-daily", path)
    assert import_official(conn, "ice-posted-daily", path).status == "unchanged"
    assert conn.execute("SELECT COUNT(*) FROM official_imports").fetchone()[0] == 1


def test_a_csv_missing_columns_names_them_and_changes_nothing(conn, tmp_path):
    path = write(tmp_path, "wrong.csv", "day,count\n2025-01-26,956\n")
    with pytest.raises(OfficialDataError, match="missing column.*date.*arrests") as err:
        import_official(conn, "ice-posted-daily", path)
    assert "wrong.csv" in str(err.value)
    assert conn.execute("SELECT COUNT(*) FROM ice_posted_daily").fetchone()[0] == 0


def test_a_bad_number_halfway_leaves_the_ledger_unchanged(conn, tmp_path):
    path = write(tmp_path, "bad.csv", POSTED.replace("1179", "about 1200"))
    with pytest.raises(OfficialDataError, match="line 4: arrests is not a number"):
        import_official(conn, "ice-posted-daily", path)
    assert conn.execute("SELECT COUNT(*) FROM ice_posted_daily").fetchone()[0] == 0


def test_weekly_counts_with_the_share_without_conviction(conn, tmp_path):
    import_official(conn, "ddp-weekly-arrests", write(tmp_path, "weekly.csv", WEEKLY))
    rows = conn.execute("SELECT week_start, week_end, arrests_total, share_without_conviction FROM foia_arrests_weekly"
                        " ORDER BY week_start").fetchall()
    assert [tuple(r) for r in rows] == [("2025-01-20", "2025-01-26", 3152, 0.5143),
                                       ("2025-01-27", "2025-02-02", 4977, round(2864 / 4977, 4))]


def test_real_posted_and_weekly_files(conn, shared_dir):
    folder = shared_dir / "data" / "official"
    posted = folder / "ice-posted-daily-arrests-2025-01.csv"
    weekly = folder / "ddp-weekly-arrests-by-conviction-2023-11-to-2025-02.csv"
    if not (posted.exists() and weekly.exists()):
        pytest.skip("official CSVs not in shared/")
    import_official(conn, "ice-posted-daily", posted)
    import_official(conn, "ddp-weekly-arrests", weekly)
    assert conn.execute("SELECT arrests FROM ice_posted_daily WHERE date = '2025-01-26'").fetchone()[0] == 956
    assert conn.execute("SELECT MAX(arrests) FROM ice_posted_daily").fetchone()[0] == 1179
    week = conn.execute("SELECT arrests_total, share_without_conviction FROM foia_arrests_weekly"
                        " WHERE week_start = '2025-01-20'").fetchone()
    assert week[0] == 3152 and round(week[1], 2) == 0.51


@pytest.mark.parametrize("bad,words", [
    ("-538", "line 4: arrests is '-538', not a count between 0 and 1,000,000,000"),
    ("9" * 400, "line 4: arrests is '9999"),
    ("inf", "line 4: arrests is 'inf', not a count"),
    ("nan", "line 4: arrests is 'nan', not a count"),
    ("2e9", "line 4: arrests is '2e9', not a count"),
])
def test_impossible_counts_are_refused_by_line_and_column(conn, tmp_path, bad, words):
    path = write(tmp_path, "impossible.csv", POSTED.replace("1179", bad))
    with pytest.raises(OfficialDataError) as err:
        import_official(conn, "ice-posted-daily", path)
    message = str(err.value)
    assert message.startswith(f"{path}: ") and words in message and len(message) < 300
    assert conn.execute("SELECT COUNT(*) FROM ice_posted_daily").fetchone()[0] == 0

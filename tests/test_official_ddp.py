"""FOIA arrest records reduced to daily counts; generated files stand in for the real ones."""

from __future__ import annotations

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from enforcement_tracker.errors import OfficialDataError
from enforcement_tracker.official import import_official
from enforcement_tracker.official.foia_sample import FoiaSample, write_foia_sample
from enforcement_tracker.store.db import connect

SMALL = FoiaSample(rows=4000, start="2025-01-20", end="2025-02-02", seed=3)


@pytest.fixture
def conn(tmp_path):
    return connect(tmp_path / "ledger.db")


def expected_total(path) -> int:
    table = pq.read_table(path, columns=["duplicate_likely"])
    return table.num_rows - pc.sum(table["duplicate_likely"]).as_py()


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".xlsx"])
def test_counts_match_the_records_without_duplicates(conn, tmp_path, suffix):
    reference = write_foia_sample(tmp_path / "ref.parquet", SMALL)
    path = write_foia_sample(tmp_path / f"arrests{suffix}", SMALL)
    result = import_official(conn, "ddp-arrests", path)
    assert result.status == "imported"
    total = conn.execute("SELECT SUM(arrests) FROM foia_arrests_daily").fetchone()[0]
    assert total == expected_total(reference)
    days = conn.execute("SELECT MIN(date), MAX(date) FROM foia_arrests_daily").fetchone()
    assert tuple(days) == ("2025-01-20", "2025-02-02")


def test_areas_states_and_criminality_are_normalized(conn, tmp_path):
    import_official(conn, "ddp-arrests", write_foia_sample(tmp_path / "a.parquet", SMALL))
    areas = {r[0] for r in conn.execute("SELECT DISTINCT aor FROM foia_arrests_daily")}
    assert "St Paul" in areas and "Denver" in areas and not any("Area of" in a for a in areas)
    assert {r[0] for r in conn.execute("SELECT DISTINCT criminality FROM foia_arrests_daily")} == {
        "convicted", "pending_charges", "other_violator"}
    states = {r[0] for r in conn.execute("SELECT DISTINCT state FROM foia_arrests_daily WHERE aor = 'Denver'")}
    assert states <= {"CO", "WY", ""}


def test_reimport_changes_nothing_and_a_new_release_replaces_its_days(conn, tmp_path):
    path = write_foia_sample(tmp_path / "a.parquet", SMALL)
    import_official(conn, "ddp-arrests", path)
    before = conn.execute("SELECT SUM(arrests) FROM foia_arrests_daily").fetchone()[0]
    assert import_official(conn, "ddp-arrests", path).status == "unchanged"
    newer = write_foia_sample(tmp_path / "b.parquet", FoiaSample(rows=1000, start="2025-01-20", end="2025-02-02", seed=9))
    import_official(conn, "ddp-arrests", newer)
    after = conn.execute("SELECT SUM(arrests) FROM foia_arrests_daily").fetchone()[0]
    assert after == expected_total(newer) and after != before


def test_duplicates_are_found_from_identifiers_when_the_flag_is_absent(conn, tmp_path):
    path = tmp_path / "raw.csv"
    path.write_text(
        "Apprehension Date,Apprehension AOR,Apprehension State,Apprehension Criminality,Unique Identifier\n"
        "01/26/2025 08:00:00,Denver Area of Responsibility,COLORADO,1 Convicted Criminal,aaa\n"
        "01/26/2025 20:00:00,Denver Area of Responsibility,COLORADO,1 Convicted Criminal,aaa\n"
        "01/28/2025 09:00:00,Denver Area of Responsibility,COLORADO,1 Convicted Criminal,aaa\n"
        "01/26/2025 10:00:00,Chicago Area of Responsibility,ILLINOIS,3 Other Immigration Violator,bbb\n")
    import_official(conn, "ddp-arrests", path)
    rows = conn.execute("SELECT date, aor, state, criminality, arrests FROM foia_arrests_daily ORDER BY 1, 2").fetchall()
    assert [tuple(r) for r in rows] == [("2025-01-26", "Chicago", "IL", "other_violator", 1),
                                       ("2025-01-26", "Denver", "CO", "convicted", 1),
                                       ("2025-01-28", "Denver", "CO", "convicted", 1)]


def test_a_truncated_parquet_file_is_refused_and_nothing_changes(conn, tmp_path):
    path = write_foia_sample(tmp_path / "a.parquet", SMALL)
    data = path.read_bytes()
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(OfficialDataError, match="cut.parquet.*truncated"):
        import_official(conn, "ddp-arrests", cut)
    assert conn.execute("SELECT COUNT(*) FROM foia_arrests_daily").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM official_imports").fetchone()[0] == 0


def test_a_csv_missing_columns_is_refused(conn, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("apprehension_date,apprehension_state\n2025-01-26,TX\n")
    with pytest.raises(OfficialDataError, match="missing column.*apprehension_aor.*apprehension_criminality"):
        import_official(conn, "ddp-arrests", path)
    assert conn.execute("SELECT COUNT(*) FROM foia_arrests_daily").fetchone()[0] == 0


def test_the_generator_writes_the_raw_excel_layout(tmp_path):
    import openpyxl

    path = write_foia_sample(tmp_path / "raw.xlsx", FoiaSample(rows=50))
    rows = list(openpyxl.load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[6][0] == "Apprehension Date" and len(rows) == 57
    assert "b(6), b(7)c" in rows[7]

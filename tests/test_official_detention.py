"""ICE detentionStats workbooks: tables found by titles and headers wherever they sit."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from enforcement_tracker.errors import OfficialDataError
from enforcement_tracker.official import import_official
from enforcement_tracker.official.detention_stats import latest_value
from enforcement_tracker.store.db import connect

MONTHS = ["Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep"]


def write_workbook(path: Path, *, fy: int = 25, shift_rows: int = 0, shift_cols: int = 0, book_ins_jan: int = 11000,
                   title_style: str = "new") -> Path:
    """A small workbook in ICE's layout: side-by-side tables, nested agency rows, a Facilities sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = f"Detention FY{fy}"
    r0, c0 = 1 + shift_rows, 1 + shift_cols

    def put(r: int, c: int, values: list) -> None:
        for i, v in enumerate(values):
            if v is not None:
                ws.cell(row=r0 + r, column=c0 + c + i, value=v)

    put(0, 0, ["U.S. Immigration and Customs Enforcement"])
    put(2, 0, [f"ICE DETENTION DATA, FY20{fy}"])
    crim_title = ("ICE Currently Detained by Criminality and Arresting Agency" if title_style == "new"
                  else "Currently Detained by Criminality and Arresting Agency")
    put(5, 0, [f"{crim_title}: FY20{fy}"])
    put(5, 8, [f"ICE Initial Book-Ins by Arresting Agency and Month: FY20{fy}"])
    put(6, 0, ["Criminality", "ICE", "Percent ICE", "CBP", "Percent CBP", "Total"])
    put(6, 8, ["Agency"] + MONTHS + ["Total"])
    put(7, 0, ["Total", 100, 0.8, 25, 0.2, 125])
    put(7, 8, ["Total", 10, 11, 12, book_ins_jan + 500] + [1] * 8 + [999])
    put(8, 0, ["Convicted Criminal", 40, 0.8, 10, 0.2, 50])
    put(8, 8, ["CBP", 5, 5, 5, 500] + [0] * 8 + [515])
    put(9, 0, ["Pending Criminal Charges", 30, 0.75, 10, 0.25, 40])
    put(9, 8, ["ICE  ", 5, 6, 7, book_ins_jan] + [1] * 8 + [484])
    put(10, 0, ["Other Immigration Violator", 30, 0.86, 5, 0.14, 35])
    put(13, 0, [f"ICE Average Daily Population by Arresting Agency, Month and Criminality: FY20{fy}"])
    put(14, 0, ["Agency"] + MONTHS + ["FY Overall"])
    put(15, 0, ["CBP Average"] + [20.5] * 13)
    put(16, 0, ["Convicted Criminal"] + [5.5] * 13)
    put(17, 0, ["ICE Average  "] + [70.25] * 13)
    put(18, 0, ["Convicted Criminal"] + [30.0] * 13)
    put(19, 0, ["Average "] + [90.75] * 13)
    put(22, 0, [f"ICE Final Book Outs by Release Reason, Month and Criminality: FY20{fy}"])
    put(23, 0, ["Release Reason", "Criminality"] + MONTHS + ["Total"])
    put(24, 0, ["Total", None] + [7] * 12 + [84])
    put(25, 0, ["Bonded Out", "Total"] + [3] * 12 + [36])
    put(26, 0, [None, "Convicted Criminal"] + [1] * 12 + [12])
    fac = wb.create_sheet(f"Facilities FY{fy}")
    fac.cell(row=2, column=1, value=f"ICE FACILITIES DATA, FY{fy}")
    fac.cell(row=3, column=1, value="Data Source: ICE Integrated Decision Support (IIDS), 09/15/2025")
    for i, h in enumerate(["Name", "Address", "City", "State", "Zip", "AOR", "Type Detailed", "Male/Female",
                           f"FY{fy} ALOS", "Male Crim", "Male Non-Crim"]):
        fac.cell(row=5 + shift_rows, column=1 + i, value=h)
    for j, row in enumerate([["EXAMPLE COUNTY JAIL", "1 MAIN ST", "AURORA", "CO", 80010, "DEN", "IGSA", "Male", 30.5, 12.0, 8.0],
                             ["SAMPLE PROCESSING CENTER", "2 ELM ST", "HOUSTON", "TX", 77001, "HOU", "CDF", "Female/Male", 41.0, 100.0, 90.0]]):
        for i, v in enumerate(row):
            fac.cell(row=6 + shift_rows + j, column=1 + i, value=v)
    wb.create_sheet("Footnotes").cell(row=1, column=1, value="ICE FOOTNOTES")
    wb.save(path)
    return path


@pytest.fixture
def conn(tmp_path):
    return connect(tmp_path / "ledger.db")


def cell(conn, table, **dims):
    where = " AND ".join(f"{k} IS ?" if k != "table" else '"table" = ?' for k in ["table", *dims])
    rows = conn.execute(f"SELECT value FROM detention_stats WHERE {where}", [table, *dims.values()]).fetchall()
    assert len(rows) == 1, (table, dims, rows)
    return rows[0][0]


def test_side_by_side_tables_become_tidy_rows(conn, tmp_path):
    path = write_workbook(tmp_path / "detentionStats-2025-09-25.xlsx")
    result = import_official(conn, "ice-detention-stats", path)
    assert result.edition == "2025-09-25"
    assert cell(conn, "book_ins_by_agency_month", agency="ICE", month="2025-01") == 11000
    assert cell(conn, "book_ins_by_agency_month", agency="CBP", month="2024-10") == 5
    assert cell(conn, "book_ins_by_agency_month", agency="total", month=None) == 999
    assert cell(conn, "currently_detained_by_criminality_agency", agency="ICE", criminality="convicted") == 40
    assert cell(conn, "currently_detained_by_criminality_agency", agency="total", criminality="total") == 125
    # percent columns are derived from the counts and not stored
    assert conn.execute("SELECT COUNT(*) FROM detention_stats WHERE value = 0.8").fetchone()[0] == 0


def test_nested_agency_rows_and_carried_release_reasons(conn, tmp_path):
    import_official(conn, "ice-detention-stats", write_workbook(tmp_path / "stats-2025-09-25.xlsx"))
    assert cell(conn, "adp_by_agency_month_criminality", agency="CBP", criminality="convicted", month="2025-03") == 5.5
    assert cell(conn, "adp_by_agency_month_criminality", agency="ICE", criminality="total", month=None) == 70.25
    assert cell(conn, "adp_by_agency_month_criminality", agency="total", criminality="total", month="2025-09") == 90.75
    assert cell(conn, "book_outs_by_reason_month_criminality", release_reason="bonded_out",
                criminality="convicted", month="2025-02") == 1
    assert cell(conn, "book_outs_by_reason_month_criminality", release_reason="total",
                criminality="total", month=None) == 84


def test_moved_tables_and_reworded_titles_read_the_same(conn, tmp_path):
    a = write_workbook(tmp_path / "a-2025-09-25.xlsx")
    b = write_workbook(tmp_path / "b-2025-10-09.xlsx", shift_rows=4, shift_cols=2, title_style="old")
    import_official(conn, "ice-detention-stats", a)
    import_official(conn, "ice-detention-stats", b)
    per_edition = dict(conn.execute("SELECT edition, COUNT(*) FROM detention_stats GROUP BY edition").fetchall())
    assert per_edition["2025-09-25"] == per_edition["2025-10-09"] > 50
    assert conn.execute("SELECT COUNT(*) FROM detention_facilities").fetchone()[0] == 4


def test_every_edition_is_kept_and_the_latest_value_wins(conn, tmp_path):
    import_official(conn, "ice-detention-stats", write_workbook(tmp_path / "s-2025-09-25.xlsx", book_ins_jan=11000))
    import_official(conn, "ice-detention-stats", write_workbook(tmp_path / "s-2025-10-09.xlsx", book_ins_jan=11500))
    assert latest_value(conn, "book_ins_by_agency_month", agency="ICE", month="2025-01") == (11500, "2025-10-09")
    view = conn.execute("SELECT value FROM detention_stats_latest WHERE \"table\" = 'book_ins_by_agency_month'"
                        " AND agency = 'ICE' AND month = '2025-01'").fetchall()
    assert [r[0] for r in view] == [11500]


def test_reimporting_an_edition_changes_nothing(conn, tmp_path):
    path = write_workbook(tmp_path / "s-2025-09-25.xlsx")
    import_official(conn, "ice-detention-stats", path)
    before = conn.execute("SELECT COUNT(*), SUM(value) FROM detention_stats").fetchone()
    again = import_official(conn, "ice-detention-stats", path)
    assert again.status == "unchanged"
    assert conn.execute("SELECT COUNT(*), SUM(value) FROM detention_stats").fetchone() == before


def test_facilities_sheet_with_data_date(conn, tmp_path):
    import_official(conn, "ice-detention-stats", write_workbook(tmp_path / "s-2025-09-25.xlsx"))
    row = conn.execute("SELECT name, city, state, zip, aor, alos, adp_male_crim, data_pulled FROM detention_facilities"
                       " WHERE aor = 'DEN'").fetchone()
    assert tuple(row) == ("EXAMPLE COUNTY JAIL", "AURORA", "CO", "80010", "DEN", 30.5, 12.0, "2025-09-15")


def test_a_workbook_of_another_kind_is_refused_and_nothing_changes(conn, tmp_path):
    path = tmp_path / "budget-2025-01-01.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Budget"
    wb.active["A1"] = "Line item"
    wb.save(path)
    with pytest.raises(OfficialDataError, match="not an ICE detentionStats workbook"):
        import_official(conn, "ice-detention-stats", path)
    assert conn.execute("SELECT COUNT(*) FROM official_imports").fetchone()[0] == 0


def test_a_file_that_is_not_a_workbook_is_refused(conn, tmp_path):
    path = tmp_path / "fake-2025-01-01.xlsx"
    path.write_text("date,arrests\n2025-01-26,956\n")
    with pytest.raises(OfficialDataError, match="not a readable .xlsx"):
        import_official(conn, "ice-detention-stats", path)


@pytest.mark.parametrize(("name", "sheet_fy", "checks"), [
    ("ice-detention-stats-FY25-2025-09-25.xlsx", 2025, [
        ("book_ins_by_agency_month", {"agency": "ICE", "month": "2025-01"}, 11753),
        ("currently_detained_by_criminality_agency", {"agency": "total", "criminality": "total"}, 59762),
        ("removals", {"breakdown": "total"}, 319980)]),
    ("ice-detention-stats-FY26-2026-04-09.xlsx", 2026, [
        ("currently_detained_by_criminality_agency", {"agency": "ICE", "criminality": "convicted"}, 16601),
        ("book_outs_by_reason_month_criminality", {"release_reason": "court_ordered", "criminality": "total",
                                                   "month": None}, 2057),
        ("book_ins_by_agency_month", {"agency": "total", "month": "2025-10"}, 41612)]),
])
def test_real_workbooks_of_both_layouts(conn, shared_dir, name, sheet_fy, checks):
    path = shared_dir / "data" / "official" / name
    if not path.exists():
        pytest.skip(f"{name} not in shared/")
    result = import_official(conn, "ice-detention-stats", path)
    assert not [n for n in result.notes if "unrecognised" in n]
    assert result.tables["detention_facilities"] > 150
    for table, dims, value in checks:
        assert latest_value(conn, table, fiscal_year=sheet_fy, **dims)[0] == value
    # months after the edition's date are printed as zeros, not measured: none are stored
    last = result.edition[:7]
    assert conn.execute("SELECT COUNT(*) FROM detention_stats WHERE month > ? AND fiscal_year = ?",
                        (last, sheet_fy)).fetchone()[0] == 0


def _rewrite_sheets(src: Path, dst: Path, change) -> Path:
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, change(data) if item.filename.startswith("xl/worksheets/sheet") else data)
    return dst


@pytest.mark.parametrize("how,words", [
    (lambda d: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + d, "has a DTD"),
    (lambda d: d[:len(d) // 2], r"could not be read \(ParseError"),
])
def test_a_workbook_with_a_dtd_or_a_cut_off_sheet_is_one_clear_error(conn, tmp_path, how, words):
    good = write_workbook(tmp_path / "good-2025-09-25.xlsx")
    bad = _rewrite_sheets(good, tmp_path / "bad-2025-09-25.xlsx", how)
    with pytest.raises(OfficialDataError, match=words) as err:
        import_official(conn, "ice-detention-stats", bad)
    assert str(err.value).startswith(f"{bad}: ") and "ledger is unchanged" in str(err.value)
    assert conn.execute("SELECT COUNT(*) FROM detention_stats").fetchone()[0] == 0


def test_a_negative_population_in_a_workbook_is_refused(conn, tmp_path):
    path = write_workbook(tmp_path / "neg-2025-09-25.xlsx", book_ins_jan=-11000)
    with pytest.raises(OfficialDataError, match=r"value -10500(\.0)? is not a count between 0 and") as err:
        import_official(conn, "ice-detention-stats", path)
    assert "month 2025-01" in str(err.value)
    assert conn.execute("SELECT COUNT(*) FROM detention_stats").fetchone()[0] == 0

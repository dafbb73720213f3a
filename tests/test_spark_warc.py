"""The job's WARC input without Spark: a manifest's paths, and the rows one WARC file gives."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from enforcement_tracker.errors import IngestError
from enforcement_tracker.spark.partition import extract_rows
from enforcement_tracker.spark.warc import manifest_paths, warc_rows

PAGE = ("<html><head><title>Forty arrested</title></head><body><article><p>ICE officers arrested 40 people in "
        "Omaha on Monday, a spokesperson for the agency said in a statement.</p><p>The operation began on "
        "Sunday, officials said.</p></article></body></html>")


def _warc(path: Path, records: list[tuple[str, bytes, str, str]]) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for uri, body, status, kind in records:
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    return path


def test_only_html_answers_become_rows_with_their_offset_and_charset(tmp_path: Path):
    warc = _warc(tmp_path / "a.warc.gz", [
        ("https://example.org/a", PAGE.encode("cp1252"), "200 OK", "text/html; charset=windows-1252"),
        ("https://example.org/gone", b"<html>gone</html>", "404 Not Found", "text/html"),
        ("https://example.org/logo.png", b"\x89PNG", "200 OK", "image/png"),
        ("https://example.org/b", PAGE.replace("40", "41").encode(), "200 OK", "application/xhtml+xml"),
    ])
    rows = list(warc_rows(str(warc)))
    assert [r["url"] for r in rows] == ["https://example.org/a", "https://example.org/b"]
    assert rows[0]["encoding"] == "windows-1252" and rows[1]["encoding"] is None
    assert rows[0]["source_uri"] == f"{warc}#0" and int(rows[1]["source_uri"].rsplit("#", 1)[1]) > 0
    out = list(extract_rows(rows))
    assert [o["error"] for o in out] == [None, None]
    assert out[0]["path"] == f"{warc}#0" and out[0]["title"] == "Forty arrested" and out[0]["records"]


def test_a_page_over_the_size_limit_is_its_row_s_error(tmp_path: Path):
    warc = _warc(tmp_path / "big.warc.gz", [("https://example.org/big", PAGE.encode() * 20, "200 OK", "text/html")])
    rows = list(warc_rows(str(warc), max_bytes=1000))
    assert len(rows[0]["html"]) == 1001  # read one byte past the limit, never the whole page
    out = list(extract_rows(rows))
    assert "more than the document size limit" in out[0]["error"] and out[0]["path"] == f"{warc}#0"


def test_a_manifest_reads_relative_paths_and_names_a_missing_file_by_line(tmp_path: Path):
    _warc(tmp_path / "one.warc.gz", [("https://example.org/a", PAGE.encode(), "200 OK", "text/html")])
    manifest = tmp_path / "crawl.txt"
    manifest.write_text("# the crawl\none.warc.gz\n\n", encoding="utf-8")
    assert manifest_paths(manifest) == [str(tmp_path / "one.warc.gz")]
    manifest.write_text("one.warc.gz\ntwo.warc.gz\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"crawl.txt: line 2: no such WARC file 'two.warc.gz'"):
        manifest_paths(manifest)
    manifest.write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(IngestError, match="lists no WARC files"):
        manifest_paths(manifest)


def test_a_file_that_stops_being_a_warc_keeps_its_pages_and_names_where_it_broke(tmp_path: Path):
    warc = _warc(tmp_path / "crawl.warc.gz", [
        ("https://example.org/a", PAGE.encode(), "200 OK", "text/html"),
        ("https://example.org/b", PAGE.replace("40", "41").encode(), "200 OK", "text/html"),
    ])
    end = warc.stat().st_size
    with open(warc, "ab") as handle:
        handle.write(b"a line that no crawler wrote\n")
    out = list(extract_rows(warc_rows(str(warc))))
    read, broken = [r for r in out if r["error"] is None], [r for r in out if r["error"]]
    assert [r["url"] for r in read] == ["https://example.org/a", "https://example.org/b"]
    assert read[0]["records"] and read[0]["path"] == f"{warc}#0"
    assert len(broken) == 1 and broken[0]["path"] == f"{warc}#{end}" and broken[0]["id"] is None
    assert broken[0]["error"].startswith(f"{warc}#{end}: is not a readable WARC file (Invalid WARC record")


def test_a_file_that_is_no_warc_at_all_is_one_row_naming_it(tmp_path: Path):
    notes = tmp_path / "notes.warc.gz"
    notes.write_text("a page of notes, not a crawl\n", encoding="utf-8")
    out = list(extract_rows(warc_rows(str(notes))))
    assert len(out) == 1 and out[0]["path"] == f"{notes}#0"
    # warcio takes a line of seven words for an old ARC header: refused as `etrack ingest` refuses it.
    assert out[0]["error"] == (f"{notes}#0: is not a readable WARC file (no WARC/1.x header: plain text, or an old "
                               "ARC file) (give a .warc or .warc.gz file as written by a crawler)")

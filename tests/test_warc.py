"""`etrack ingest crawl.warc.gz`: a WARC of a few hundred pages, written here with warcio."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from _fetch_site import article
from enforcement_tracker.cli import main
from enforcement_tracker.fetch.warc import capture_time, iter_warc_pages
from enforcement_tracker.store import connect

CITIES = ["Tulsa", "Wichita", "Omaha", "Boise", "Fresno", "Tacoma", "Akron", "Mobile", "Provo", "Reno"]


def _response(writer: WARCWriter, uri: str, body: bytes, content_type: str, status: str = "200 OK",
              date: str = "2025-02-04T12:00:00Z") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)


def build_warc(path: Path, n_pages: int = 300) -> dict:
    """n_pages HTML articles (one in ten about an arrest), plus images, a 404, requests and metadata."""
    expected = {"html": 0, "claims": 0}
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=str(path).endswith(".gz"))
        for i in range(n_pages):
            city = CITIES[i % len(CITIES)]
            if i % 10 == 0:
                paras = [f"{city.upper()} — Immigration agents arrested {20 + i} people in {city} on Monday, "
                         f"Immigration and Customs Enforcement said in a statement.",
                         "Officials in the city said they had not been told in advance."]
                expected["claims"] += 1
            else:
                paras = [f"The {city} library will extend its hours on weekends starting in March, page {i}.",
                         f"Volunteers are needed for the spring book sale, number {i}, organisers said."]
            html = article(f"{city} story {i}", paras, site_name=f"Example {city} Courier")
            _response(writer, f"https://news.example/{city.lower()}/{i}", html.encode(), "text/html; charset=utf-8",
                      date=f"2025-02-{1 + i % 27:02d}T08:30:00Z")
            expected["html"] += 1
            if i % 50 == 0:
                _response(writer, f"https://news.example/img/{i}.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
                _response(writer, f"https://news.example/missing/{i}", b"<html>gone</html>", "text/html",
                          status="404 Not Found")
                request = writer.create_warc_record(f"https://news.example/{city.lower()}/{i}", "request",
                                                    payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
                writer.write_record(request)
    return expected


@pytest.fixture(scope="module")
def warc(tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("warc") / "crawl.warc.gz"
    return path, build_warc(path)


def test_only_html_responses_are_read(warc):
    path, expected = warc
    counts: dict = {}
    pages = list(iter_warc_pages(path, counts=counts))
    assert len(pages) == expected["html"] == counts["html"]
    assert counts["records"] > expected["html"]  # images, 404s and requests were there and passed over
    uri, via, page = pages[1]
    assert uri == "https://news.example/wichita/1" and via == "warc:crawl.warc.gz"
    assert page.fetched_at == "2025-02-02T08:30:00+00:00" and page.status == 200 and page.charset == "utf-8"


def test_ingest_a_warc_into_the_ledger(warc, tmp_path):
    path, expected = warc
    db = tmp_path / "l.db"
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(db), "--processes", "1"])
    assert result.exit_code == 0, result.output
    assert f"{expected['html']} HTML responses; pages: {expected['html']} new;" in result.output
    conn = connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == expected["html"]
    row = conn.execute("SELECT p.url, p.fetched_at, p.via, d.publisher FROM document_provenance p JOIN documents d"
                       " ON d.id = p.document_id WHERE p.url = 'https://news.example/omaha/2'").fetchone()
    assert tuple(row) == ("https://news.example/omaha/2", "2025-02-03T08:30:00+00:00", "warc:crawl.warc.gz",
                          "Example Omaha Courier")
    with_claims = conn.execute("SELECT count(DISTINCT document_id) FROM records WHERE kind = 'arrest_count'").fetchone()[0]
    assert with_claims == expected["claims"]
    again = CliRunner().invoke(main, ["ingest", str(path), "--db", str(db), "--processes", "1"])
    assert f"pages: {expected['html']} unchanged;" in again.output, again.output
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == expected["html"]


def test_a_plain_warc_and_a_text_file_together(tmp_path):
    path = tmp_path / "small.warc"
    build_warc(path, n_pages=3)
    text = tmp_path / "note.txt"
    text.write_text("Agents arrested 12 people in Boise on Monday, ICE said.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(path), str(text), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 0, result.output
    assert "3 HTML responses; pages: 3 new" in result.output and "documents: 1 new" in result.output


def test_a_file_that_is_no_warc_is_named(tmp_path):
    bad = tmp_path / "broken.warc.gz"
    bad.write_bytes(b"this is not a web archive at all\n" * 10)
    result = CliRunner().invoke(main, ["ingest", str(bad), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 1
    assert "broken.warc.gz: is not a readable WARC file" in result.output


def test_capture_time_is_utc():
    assert capture_time("2025-02-04T12:00:00Z") == "2025-02-04T12:00:00+00:00"
    assert capture_time("2025-02-04T07:00:00-05:00") == "2025-02-04T12:00:00+00:00"


def test_reading_is_streamed_in_bounded_memory(tmp_path):
    import tracemalloc

    path = tmp_path / "big.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        filler = " ".join(f"word{i}" for i in range(4000))  # about 35 KB a page, 300 pages
        for i in range(300):
            _response(writer, f"https://news.example/p/{i}", article(f"Page {i}", [filler, str(i)]).encode(),
                      "text/html")
    total = sum(1 for _ in iter_warc_pages(path))
    tracemalloc.start()
    seen = 0
    for _uri, _via, page in iter_warc_pages(path):
        seen += len(page.body)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert total == 300 and seen > 10_000_000
    assert peak < 2_000_000  # a page or two at a time, never the 10 MB of pages


def test_warc_files_in_a_folder_are_read_with_its_text_files(tmp_path):
    folder = tmp_path / "crawl"
    (folder / "more" / "june").mkdir(parents=True)
    first, second = build_warc(folder / "a.warc.gz", n_pages=4), build_warc(folder / "more" / "june" / "b.warc", n_pages=3)
    (folder / "note.txt").write_text("Agents arrested 12 people in Boise on Monday, ICE said.\n", encoding="utf-8")
    db = tmp_path / "l.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith(str(folder / "a.warc.gz")) and f"{first['html']} HTML responses; pages: "
               f"{first['html']} new" in line for line in lines), result.output
    # Archives in path order: the second one's pages are the first one's first three, captured again.
    assert any(line.startswith(str(folder / "more" / "june" / "b.warc")) and f"{second['html']} HTML responses; "
               f"pages: {second['html']} unchanged" in line for line in lines), result.output
    assert "documents: 1 new" in result.output  # the text file, read beside the archives
    conn = connect(db)
    assert {r[0] for r in conn.execute("SELECT DISTINCT via FROM fetches")} == {"warc:a.warc.gz", "warc:b.warc"}


def test_a_folder_of_warc_files_alone_is_not_empty(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    expected = build_warc(folder / "only.warc.gz", n_pages=3)
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 0, result.output
    assert f"{expected['html']} HTML responses; pages: {expected['html']} new" in result.output
    assert "nothing to read" not in result.output

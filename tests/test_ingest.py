"""Reading files: front matter, encodings, HTML, and clear refusals of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from enforcement_tracker.errors import IngestError
from enforcement_tracker.ingest import iter_input_files, parse_published, read_document

REPORT = "---\npublisher: Example Wire\npublished: 2025-01-29\n---\nAgents arrested 40 people in Chicago on Sunday.\n"


def test_front_matter_is_metadata_and_spans_count_after_it(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(REPORT, encoding="utf-8")
    doc = read_document(f)
    assert doc.publisher == "Example Wire" and doc.published == "2025-01-29"
    assert doc.text.startswith("Agents arrested 40")
    assert doc.id.startswith("sha256:")


@pytest.mark.parametrize("value,expected", [
    ("2025-01-29", "2025-01-29"), ("2022-06", "2022-06"), ("2015", "2015"), (2015, "2015"),
    ("unknown", None), (None, None), ("January 29, 2025", "2025-01-29"),
])
def test_publication_dates_full_partial_and_absent(value, expected):
    assert parse_published(value) == expected


def test_a_date_that_does_not_parse_names_the_file(tmp_path: Path):
    f = tmp_path / "bad-date.txt"
    f.write_text("---\npublished: not a date at all\n---\nAgents arrested 40 people.\n", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        read_document(f)
    assert "bad-date.txt" in str(err.value) and "YYYY-MM-DD" in str(err.value)


def test_legacy_encoding_is_read(tmp_path: Path):
    f = tmp_path / "cp1252.txt"
    f.write_bytes("Agents arrested 40 people, officials said \u201cnothing\u201d.\n".encode("cp1252"))
    assert "\u201cnothing\u201d" in read_document(f).text


@pytest.mark.parametrize("name,content,words", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n", "empty"),
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("undecodable.txt", b"caf\x81\x8d\x8f\x90\x9d text", "UTF-8"),
])
def test_bad_files_give_one_clear_error(tmp_path: Path, name, content, words):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(IngestError) as err:
        read_document(f)
    assert name in str(err.value) and words in str(err.value)


def test_missing_path_and_empty_folder(tmp_path: Path):
    with pytest.raises(IngestError, match="no such file"):
        list(iter_input_files([tmp_path / "nope.txt"]))
    (tmp_path / "empty").mkdir()
    with pytest.raises(IngestError, match="nothing to read"):
        list(iter_input_files([tmp_path / "empty"]))


def test_html_goes_through_trafilatura_with_title_and_site(tmp_path: Path):
    f = tmp_path / "page.html"
    f.write_text("""<html><head><title>Agents arrest 40 in Chicago</title>
<meta property="og:site_name" content="Example Wire"><meta name="date" content="2025-01-27"></head>
<body><article><h1>Agents arrest 40 in Chicago</h1>
<p>Federal agents arrested 40 people in Chicago on Sunday, the agency said in a statement on Monday.</p>
<p>The city's mayor said the arrests had frightened families across several neighborhoods of the city.</p>
</article></body></html>""", encoding="utf-8")
    doc = read_document(f)
    assert "arrested 40 people" in doc.text and "<p>" not in doc.text
    assert doc.title == "Agents arrest 40 in Chicago"
    assert doc.publisher == "Example Wire" and doc.published == "2025-01-27"

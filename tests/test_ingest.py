"""Reading files: front matter, encodings, HTML, and clear refusals of bad input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from enforcement_tracker.errors import ExtractError, IngestError, TrackerError
from enforcement_tracker.extract.prefilter import MAX_MODEL_CHARS
from enforcement_tracker.ingest import iter_input_files, parse_published, read_document
from enforcement_tracker.pipeline import extract_files, ingest_paths
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import connect

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


# -- malformed input (issue 13, item 7): one clear line naming the file, or read correctly -----

CLAIM = "ICE arrested 1,200 people in Chicago on Sunday, officials said.\n"


@pytest.mark.parametrize("value", ["2025-02-30", "2025-13-01", "0000-01-01", "2025-01-01 25:00:00",
                                   "2025-01-01T10:00:00+25:00", "!!int 3", "9" * 5000])
def test_unquoted_impossible_dates_in_front_matter_are_one_clear_error(tmp_path: Path, value):
    f = tmp_path / "odd-date.txt"
    f.write_text(f"---\npublished: {value}\n---\n{CLAIM}", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        read_document(f)
    message = str(err.value)
    assert message.startswith("odd-date.txt: ") or message.startswith(f"{f}: ")
    assert ("publication date" in message or "`published:`" in message) and "\n" not in message
    assert len(message) < 300


def test_a_date_with_a_real_time_keeps_its_day(tmp_path: Path):
    f = tmp_path / "timed.txt"
    f.write_text(f"---\npublished: 2025-01-29T10:30:00-05:00\n---\n{CLAIM}", encoding="utf-8")
    assert read_document(f).published == "2025-01-29"


def test_yaml_alias_bomb_is_refused_before_it_expands(tmp_path: Path):
    levels = ["a: &a [" + ",".join(["x"] * 9) + "]"]
    for i in range(1, 9):
        prev, this = chr(96 + i), chr(97 + i)
        levels.append(f"{this}: &{this} [" + ",".join([f"*{prev}"] * 9) + "]")
    f = tmp_path / "bomb.txt"
    f.write_text("---\n" + "\n".join(levels) + "\ntitle: *i\n---\n" + CLAIM, encoding="utf-8")
    assert f.stat().st_size < 800
    with pytest.raises(IngestError, match="anchors or aliases"):
        read_document(f)


def test_front_matter_values_stay_strings_and_lists_are_refused(tmp_path: Path):
    f = tmp_path / "typed.txt"
    f.write_text(f"---\ntitle: !!int 3\npublisher: 2025-01-29\npublished: 2025\n---\n{CLAIM}", encoding="utf-8")
    doc = read_document(f)
    assert (doc.title, doc.publisher, doc.published) == ("3", "2025-01-29", "2025")
    f.write_text(f"---\ntitle: [a, b]\n---\n{CLAIM}", encoding="utf-8")
    with pytest.raises(IngestError, match="`title:` holds a list"):
        read_document(f)


def test_only_regular_files_are_read(tmp_path: Path):
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    with pytest.raises(IngestError, match="FIFO"):
        read_document(fifo)  # would block forever if it were opened for a plain read
    with pytest.raises(IngestError, match="device"):
        read_document("/dev/zero")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(IngestError, match="loops"):
        read_document(loop)
    with pytest.raises(IngestError, match="is a folder"):
        read_document(tmp_path)


def test_files_over_the_size_limit_are_refused_unread(tmp_path: Path):
    f = tmp_path / "big.txt"
    f.write_text(CLAIM * 100, encoding="utf-8")
    with pytest.raises(IngestError) as err:
        read_document(f, max_bytes=1000)
    assert "document size limit of 1,000" in str(err.value) and "ETRACK_MAX_DOCUMENT_BYTES" in str(err.value)
    assert read_document(f, max_bytes=f.stat().st_size).text == CLAIM * 100


def test_the_size_limit_is_a_setting(monkeypatch):
    monkeypatch.setenv("ETRACK_MAX_DOCUMENT_BYTES", "12345")
    assert ExtractSettings().max_document_bytes == 12345
    monkeypatch.setenv("ETRACK_MAX_DOCUMENT_BYTES", "lots")
    with pytest.raises(TrackerError, match="ETRACK_MAX_DOCUMENT_BYTES"):
        ExtractSettings()


def test_nul_bytes_after_the_first_kilobytes_mean_binary(tmp_path: Path):
    f = tmp_path / "nul.txt"
    f.write_bytes(CLAIM.encode() * 100 + b"\x00" * 10 + CLAIM.encode())
    with pytest.raises(IngestError, match="binary"):
        read_document(f)


def test_control_characters_without_nul_mean_binary_and_a_few_are_kept(tmp_path: Path):
    # Control bytes other than tab, newline, form feed and return: past 5% of the text it is
    # binary data, as a text with a stray escape or bell in it is not.
    noisy = tmp_path / "noisy.txt"
    noisy.write_bytes((CLAIM + "\x01\x02\x1b\x07" * 10).encode())
    with pytest.raises(IngestError, match="binary"):
        read_document(noisy)
    stray = tmp_path / "stray.txt"
    stray.write_bytes((CLAIM * 5 + "\x1b\t\f\r\n").encode())
    assert read_document(stray).text.startswith(CLAIM)
    legacy = tmp_path / "legacy.txt"  # the byte-level test, before a legacy decoding
    legacy.write_bytes(b"\x81\x01\x02\x03\x04\x05" * 40)
    with pytest.raises(IngestError, match="binary"):
        read_document(legacy)


def test_tag_heavy_html_is_refused_quickly(tmp_path: Path):
    f = tmp_path / "tags.html"
    f.write_text("<html><body>" + "<p>" * 500_000 + CLAIM + "</body></html>", encoding="utf-8")
    with pytest.raises(IngestError, match="more than 25,000 elements"):
        read_document(f)


def _extract(paths, **kw):
    return list(extract_files([str(p) for p in paths], ExtractSettings(processes=1, **kw)))


def test_a_line_over_a_million_characters_is_read_in_windows(tmp_path: Path):
    filler = "The council met again and talked about roads and parks for a long while. "
    text = filler * (1_100_000 // len(filler)) + CLAIM
    f = tmp_path / "long.txt"
    f.write_text("---\npublished: 2025-01-29\n---\n" + text, encoding="utf-8")
    good = tmp_path / "next.txt"
    good.write_text(CLAIM, encoding="utf-8")
    long_result, next_result = _extract([f, good])
    assert long_result.error is None and next_result.error is None
    records = long_result.extraction.records
    assert [r.kind for r in records] == ["arrest_count"] and records[0].fields["count"]["value"] == 1200
    start, end = records[0].span
    assert long_result.extraction.document.text[start:end] == records[0].quote and start > 1_000_000


def test_a_hundred_thousand_quote_marks_before_a_claim(tmp_path: Path):
    f = tmp_path / "quotes.txt"
    f.write_text("“" * 100_000 + " " + CLAIM, encoding="utf-8")
    (result,) = _extract([f])
    assert result.error is None
    assert [r.fields["count"]["value"] for r in result.extraction.records if r.kind == "arrest_count"] == [1200]


def test_a_claim_dense_document_is_read_up_to_the_model_budget_and_says_so(tmp_path: Path):
    f = tmp_path / "dense.txt"
    f.write_text("---\npublished: 2025-01-29\n---\n" + CLAIM * (MAX_MODEL_CHARS // len(CLAIM) + 50), encoding="utf-8")
    (result,) = _extract([f])
    assert result.error is None and result.extraction.records
    assert any("only the first 60,000 characters" in w for w in result.warnings)


def test_one_bad_file_never_ends_the_run(tmp_path: Path):
    files = []
    for i, content in enumerate([CLAIM, "---\npublished: 2025-02-30\n---\n" + CLAIM, "",
                                 "ICE arrested 123456789012345678901234567890 people on Sunday.\n", CLAIM]):
        files.append(tmp_path / f"{i}.txt")
        files[-1].write_text(content, encoding="utf-8")
    results = _extract(files)
    assert [r.error is None for r in results] == [True, False, False, True, True]
    assert results[3].extraction.records == []  # a 30-digit figure is no count
    conn = connect(tmp_path / "l.db")
    summary = ingest_paths(conn, [str(p) for p in files], ExtractSettings(processes=1))
    # 0.txt and 4.txt are the same document: the second is unchanged, and neither bad file stops it.
    assert (summary.new, summary.unchanged, summary.failed) == (2, 1, 2)


def test_an_unexpected_error_in_one_document_is_that_documents_line(tmp_path: Path, monkeypatch):
    import enforcement_tracker.extract as extract

    real = extract._extract_batch

    def fragile(documents, settings):
        if any("poison" in d.text for d in documents):
            raise RuntimeError("boom")
        return real(documents, settings)

    monkeypatch.setattr(extract, "_extract_batch", fragile)
    (tmp_path / "a.txt").write_text(CLAIM, encoding="utf-8")
    (tmp_path / "b.txt").write_text("poison " + CLAIM, encoding="utf-8")
    a, b = _extract([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert a.error is None and a.extraction.records
    assert isinstance(b.error, ExtractError) and "RuntimeError: boom" in str(b.error) and "b.txt" in str(b.error)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_without_a_mark_and_utf32_are_read(tmp_path: Path, encoding):
    f = tmp_path / "wide.txt"
    f.write_bytes(CLAIM.encode(encoding))
    assert read_document(f).text == CLAIM


def test_names_too_long_or_with_newlines_stay_on_one_line(tmp_path: Path):
    (result,) = _extract([tmp_path / ("a" * 300 + ".txt")])
    assert "cannot be looked up" in str(result.error)
    odd = tmp_path / "new\nline.txt"
    odd.write_text("", encoding="utf-8")
    (result,) = _extract([odd])
    assert "new\\nline.txt: file is empty" in str(result.error) and "\n" not in str(result.error)


def test_a_file_pasted_from_utf8_and_cp1252_reads_each_piece_as_written(tmp_path: Path):
    f = tmp_path / "mixed.txt"
    f.write_bytes("“Déjà vu,” said the mayor. ".encode("utf-8") + "Café “noir”.".encode("cp1252"))
    assert read_document(f).text == "“Déjà vu,” said the mayor. Café “noir”."


def test_an_html_name_on_plain_text_is_read_as_text(tmp_path: Path):
    f = tmp_path / "misnamed.html"
    f.write_text("---\npublished: 2025-01-29\n---\n" + CLAIM, encoding="utf-8")
    assert read_document(f).text == CLAIM


def test_invisible_characters_in_a_date_are_ignored(tmp_path: Path):
    f = tmp_path / "zw.txt"
    f.write_text("---\npublished: 2025-\u200b01-29\u200d\n---\n" + CLAIM, encoding="utf-8")
    assert read_document(f).published == "2025-01-29"


def test_utf16_cut_short_says_so(tmp_path: Path):
    f = tmp_path / "cut16.txt"
    f.write_bytes(CLAIM.encode("utf-16")[:-1])
    with pytest.raises(IngestError, match="looks like UTF-16 but does not decode"):
        read_document(f)

"""Property tests of the readers and parsers: whatever the input, a sane result or a TrackerError.

Deterministic (derandomized, no example database) and CI-sized: the module runs in seconds.
"""

from __future__ import annotations

import math
import re
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enforcement_tracker.errors import IngestError, TrackerError
from enforcement_tracker.extract.prefilter import MAX_RUN_CHARS, MAX_WINDOW_CHARS, windows
from enforcement_tracker.ingest import parse_published, read_document
from enforcement_tracker.ingest.frontmatter import split_front_matter
from enforcement_tracker.models import Document
from enforcement_tracker.normalize.dates import find_dates
from enforcement_tracker.normalize.numbers import MAX_NUMBER, find_numbers

CI = settings(max_examples=300, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
ISO_PARTIAL = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")

# Pieces that broke the readers once, mixed with whatever Hypothesis draws.
HOSTILE_VALUES = ["2025-02-30", "2025-13-01", "0000-01-01", "2025-01-01 25:00:00", "2025-01-01T10:00:00+25:00",
                  "!!int 3", "!!python/object:os.system", "9" * 5000, "&a [x, x]", "*a", "[1, 2]", "{a: b}",
                  "'unterminated", "\"\\x00\"", "~", "null", "2025-01-29", "2025", "2025-01", "January 29, 2025",
                  "\u200b2025-01-29", "２０２５-01-29", "- a\n- b", "|\n  block"]
KEYS = ["publisher", "published", "date", "url", "title", "kind", "other", "? [a]", "&x title", "<<"]
WORDS = ["ICE", "arrested", "1,200", "people", "in", "Chicago", "on", "Sunday", "Jan.", "26", "2025", "between",
         "and", "to", "nearly", "half", "more", "than", "“", "”", "\"", "-", "–", "percent", "million", "twenty-one",
         "last", "week", "fiscal", "year", "FY25", "May", "June", "1-7", "\u200b", "\u00a0", "123456789012345678901234567890",
         "9" * 400, "1e999", "nan", "inf", ".", ",", "\n"]
wordy_text = st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=40).map(" ".join)


def _read_bytes(data: bytes, suffix: str = ".txt") -> Document | IngestError:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            return read_document(path, display="input" + suffix)
        except IngestError as exc:
            return exc


def _check_outcome(outcome: Document | IngestError, name: str) -> None:
    if isinstance(outcome, IngestError):
        message = str(outcome)
        assert message.startswith(f"{name}: ") and "\n" not in message and len(message) < 400
        return
    assert outcome.text.strip()
    if outcome.published is not None:
        assert ISO_PARTIAL.fullmatch(outcome.published)
        parts = [int(p) for p in outcome.published.split("-")] + [1, 1]
        date(*parts[:3])  # a real day, month or year
    assert outcome.kind in ("news", "release")


@CI
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_read_or_refused_in_one_line(data):
    _check_outcome(_read_bytes(data), "input.txt")


@CI
@given(st.binary(max_size=2000), st.sampled_from([b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"<html>", b"---\n"]))
def test_bytes_behind_a_bom_or_a_tag_read_or_refused(data, prefix):
    _check_outcome(_read_bytes(prefix + data, ".html" if prefix == b"<html>" else ".txt"),
                   "input.html" if prefix == b"<html>" else "input.txt")


front_matter = st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(HOSTILE_VALUES) | st.text(max_size=30)),
                        max_size=6)


@CI
@given(front_matter, wordy_text)
def test_hostile_front_matter_read_or_refused(pairs, body):
    lines = "".join(f"{k}: {v}\n" for k, v in pairs)
    text = f"---\n{lines}---\n{body}\nICE arrested 40 people.\n"
    outcome = _read_bytes(text.encode("utf-8", "surrogatepass"))
    _check_outcome(outcome, "input.txt")
    if isinstance(outcome, Document):
        assert outcome.text.endswith("ICE arrested 40 people.\n")
        for value in (outcome.title, outcome.publisher, outcome.url):
            assert value is None or len(value) <= 2000


@CI
@given(st.text(max_size=400))
def test_front_matter_blocks_of_any_text(block):
    try:
        meta, body = split_front_matter(f"---\n{block}\n---\nbody\n", "fm.txt")
    except TrackerError as exc:
        assert str(exc).startswith("fm.txt: ")
        return
    assert all(isinstance(v, str) for v in meta.values())
    assert body.endswith("body\n")


@CI
@given(st.sampled_from(HOSTILE_VALUES) | st.text(max_size=40) |
       st.dates().map(date.isoformat) | st.integers(-10**6, 10**6))
def test_publication_dates_are_real_dates_or_value_errors(value):
    try:
        out = parse_published(value)
    except ValueError:
        return
    if out is not None:
        assert ISO_PARTIAL.fullmatch(out)
        parts = [int(p) for p in out.split("-")] + [1, 1]
        assert 1800 <= parts[0] <= 2200
        date(*parts[:3])


@CI
@given(wordy_text)
def test_numbers_point_at_their_words_and_stay_sane(text):
    for m in find_numbers(text, offset=7):
        assert 7 <= m.start < m.end <= len(text) + 7
        assert text[m.start - 7:m.end - 7] == m.text
        values = [v for k, v in m.value.items() if k in ("value", "low", "high")]
        assert values and all(isinstance(v, (int, float)) and math.isfinite(v) and 0 <= v <= MAX_NUMBER for v in values)
        if "low" in m.value:
            assert m.value["low"] < m.value["high"]


@CI
@given(wordy_text, st.sampled_from([None, "2025-01-29", "2025-01", "2025", "2017-10-12"]))
def test_dates_point_at_their_words_and_are_real(text, published):
    for m in find_dates(text, published):
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
        parts = [m.value] if "date" in m.value else [m.value.get("start"), m.value.get("end")]
        for part in parts:
            if part and part.get("date"):
                date.fromisoformat(part["date"])


@CI
@given(st.text(alphabet=st.sampled_from(list("ab .“\n")) | st.characters(), max_size=6000),
       st.integers(0, 10**6))
def test_windows_map_back_to_the_paragraph_and_are_bounded(para, offset):
    pieces = windows(offset, para)
    previous_end = offset
    for start, piece in pieces:
        assert start >= previous_end
        assert para[start - offset:start - offset + len(piece)] == piece
        assert 0 < len(piece) <= MAX_WINDOW_CHARS and piece.strip()
        assert not re.search(r"\S{%d,}" % (MAX_RUN_CHARS + 1), piece)
        previous_end = start + len(piece)
    if len(para) <= MAX_WINDOW_CHARS and not re.search(r"\S{%d,}" % (MAX_RUN_CHARS + 1), para) and para.strip():
        assert pieces == [(offset, para)]


@CI
@given(st.sampled_from(["-538", "9" * 400, "1e999", "nan", "inf", "-0", "1,200", "1_000", " 12 ", "0x10", "²"]) |
       st.text(max_size=30) | st.floats().map(repr) | st.integers().map(str))
def test_official_counts_are_sane_or_refused_by_line_and_column(cell):
    from enforcement_tracker.errors import OfficialDataError
    from enforcement_tracker.official.csv_tables import MAX_COUNT, number

    try:
        value = number(cell, Path("posted.csv"), 7, "arrests")
    except OfficialDataError as exc:
        assert str(exc).startswith("posted.csv: line 7: arrests ") and "\n" not in str(exc)
        return
    assert value is None or (math.isfinite(value) and 0 <= value <= MAX_COUNT)

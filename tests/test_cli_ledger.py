"""etrack extract / ingest / records as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_tracker.cli import main

GOOD = ("---\npublisher: Example Wire\npublished: 2025-01-29\n---\n"
        "Immigration agents arrested 40 people in Chicago on Sunday, officials said.\n")


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    f = tmp_path / name
    f.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return f


def test_extract_jsonl_one_line_per_file_in_order(tmp_path: Path):
    a = _write(tmp_path, "a.txt", GOOD)
    b = _write(tmp_path, "b.txt", GOOD.replace("40", "75"))
    result = CliRunner().invoke(main, ["extract", "--jsonl", str(b), str(a)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.output.splitlines()]
    assert [x["file"] for x in lines] == [str(b), str(a)]
    assert [r["count"]["value"] for r in lines[0]["records"] if r["kind"] == "arrest_count"] == [75]


def test_without_publication_date_weekdays_stay_unresolved(tmp_path: Path):
    f = _write(tmp_path, "nodate.txt", GOOD.replace("published: 2025-01-29\n", ""))
    result = CliRunner().invoke(main, ["extract", "--jsonl", str(f)])
    [count] = [r for r in json.loads(result.stdout)["records"] if r["kind"] == "arrest_count"]
    assert count["count"]["value"] == 40
    assert count["period"]["date"] is None and count["period"]["text"] == "Sunday"
    assert result.exit_code == 0
    assert "nodate.txt: no publication date" in result.stderr and "--published" in result.stderr


def test_published_option_overrides_and_bad_value_fails(tmp_path: Path):
    f = _write(tmp_path, "a.txt", GOOD)
    result = CliRunner().invoke(main, ["extract", "--jsonl", "--published", "2025-02-05", str(f)])
    [count] = [r for r in json.loads(result.output)["records"] if r["kind"] == "arrest_count"]
    assert count["period"]["date"] == "2025-02-02"
    bad = CliRunner().invoke(main, ["extract", "--published", "someday", str(f)])
    # The one date type of every command: a usage error that names the flag and the way to write it.
    assert bad.exit_code == 2 and "someday" in bad.stderr and "--published" in bad.stderr
    assert "2025-01-26" in bad.stderr


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_published_reads_dates_as_every_command_does(tmp_path: Path, command: str):
    f = _write(tmp_path, "a.txt", GOOD)
    where = ["--db", str(tmp_path / "l.db")] if command == "ingest" else ["--jsonl"]
    result = CliRunner().invoke(main, [command, *where, "--published", "yesterday", "--as-of", "2025-02-06", str(f)])
    assert result.exit_code == 0, result.output
    assert "'yesterday' read as 2025-02-05 (relative to --as-of 2025-02-06)" in result.stderr
    if command == "extract":
        assert json.loads(result.stdout)["document"]["published"] == "2025-02-05"
    else:
        shown = CliRunner().invoke(main, ["records", "--db", str(tmp_path / "l.db"), "--format", "json"])
        assert {r["document"]["published"] for r in json.loads(shown.stdout)} == {"2025-02-05"}
    month = CliRunner().invoke(main, [command, *where, "--published", "2025-02", str(f)])
    assert month.exit_code == 0, month.output
    bad = CliRunner().invoke(main, [command, *where, "--published", "2025-02-30", str(f)])
    assert bad.exit_code == 2 and "--published" in bad.stderr


def test_ingest_keeps_good_files_reports_bad_ones_and_is_idempotent(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "good.txt", GOOD)
    _write(folder, "empty.txt", "")
    db = tmp_path / "l.db"
    first = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db)])
    assert first.exit_code == 1
    assert "empty.txt" in first.output and "1 new" in first.output and "1 failed" in first.output
    again = CliRunner().invoke(main, ["ingest", str(folder / "good.txt"), "--db", str(db)])
    assert again.exit_code == 0 and "0 new, 1 unchanged" in again.output
    listed = CliRunner().invoke(main, ["records", "--db", str(db), "--kind", "arrest_count", "--format", "json"])
    rows = json.loads(listed.output)
    assert [r["count"]["value"] for r in rows] == [40] and rows[0]["document"]["publisher"] == "Example Wire"


def test_missing_path_is_one_clear_line(tmp_path: Path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 1 and "nope" in result.output and "no such file" in result.output


def test_records_csv_from_env_db(tmp_path: Path, monkeypatch):
    db = tmp_path / "env.db"
    _write(tmp_path, "a.txt", GOOD)
    monkeypatch.setenv("ETRACK_DB", str(db))
    assert CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt")]).exit_code == 0
    out = CliRunner().invoke(main, ["records", "--format", "csv"]).output
    assert out.splitlines()[0].startswith("id,kind,claim") and "40 arrests" in out

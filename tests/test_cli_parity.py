"""The CLI reads the ledger as the web does: the same filters, one date type, clear errors."""

from __future__ import annotations

import json
import socket
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from enforcement_tracker.cli import main
from enforcement_tracker.store.db import connect
from enforcement_tracker.store.events import rebuild_events
from enforcement_tracker.store.ledger import save_extraction
from test_web_events import DENVER, _report


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "ledger.db"
    conn = connect(path)
    save_extraction(conn, _report("Example Front Range Dispatch", "2025-01-29", "planned",
                                  "In our words: agents plan an operation in Aurora on Thursday."))
    save_extraction(conn, _report("Example Mountain Radio", "2025-01-31", "called_off",
                                  "In our words: the Aurora operation set for Thursday was called off.", count=12))
    save_extraction(conn, _report("Example Valley News", "2025-02-10", "under_way",
                                  "Our own words: an operation began in Denver on Thursday.", place=DENVER))
    rebuild_events(conn)
    conn.close()
    return path


def run(*args):
    return CliRunner().invoke(main, list(args))


def records_json(db, *args):
    result = run("records", "--db", str(db), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_records_filters_match_the_web(db):
    aurora = records_json(db, "--place", "Aurora, CO")
    assert aurora and all(r["places"][0]["name"] == "Aurora" for r in aurora)
    assert records_json(db, "--place", "Aurora, IL") == []
    assert {r["document"]["publisher"] for r in records_json(db, "--publisher", "example valley news")} == \
        {"Example Valley News"}
    assert len(records_json(db, "--state", "CO")) == len(records_json(db)) > 0
    # Every record here is about 2025-01-30 (its own date, not its document's).
    assert records_json(db, "--until", "2025-01-29") == [] and records_json(db, "--since", "2025-01-31") == []
    assert len(records_json(db, "--until", "2025-01")) == len(records_json(db))
    assert records_json(db, "--until", "2025-01", "--kind", "arrest_count")[0]["count"]["value"] == 12
    events = json.loads(run("events", "--db", str(db), "--format", "json").stdout)
    aurora_event = next(e for e in events if "Aurora" in e["label"])
    members = records_json(db, "--event", aurora_event["id"])
    assert len(members) == aurora_event["n_records"]


def test_events_take_place_and_dates(db):
    out = run("events", "--db", str(db), "--format", "json", "--place", "Denver, CO")
    assert out.exit_code == 0, out.output
    labels = [e["label"] for e in json.loads(out.stdout)]
    assert labels and all("Denver" in label for label in labels)
    assert json.loads(run("events", "--db", str(db), "--format", "json", "--since", "2025-02-01").stdout) == []
    table = run("events", "--db", str(db))
    assert "called off" in table.stdout and "called_off" not in table.stdout


def test_relative_dates_say_what_they_were_read_as(db):
    result = run("records", "--db", str(db), "--format", "json", "--since", "yesterday", "--as-of", "2025-02-11")
    assert result.exit_code == 0
    assert "'yesterday' read as 2025-02-10 (relative to --as-of 2025-02-11)" in result.stderr
    assert json.loads(result.stdout) == []  # nothing here is dated after 2025-01-30
    today = run("records", "--db", str(db), "--since", "yesterday")
    assert f"read as {(date.today() - timedelta(days=1)).isoformat()} (relative to today's date" in today.stderr
    bad = run("records", "--db", str(db), "--since", "26/01/2025")
    assert bad.exit_code == 2 and "--since" in bad.stderr and "2025-01-26" in bad.stderr


@pytest.mark.parametrize("command", [["records"], ["events"], ["check"]])
def test_a_missing_ledger_is_an_error_and_nothing_is_created(tmp_path, command):
    missing = tmp_path / "nothing.db"
    result = run(*command, "--db", str(missing))
    assert result.exit_code == 2 and "no ledger at" in result.stderr and "etrack ingest" in result.stderr
    assert not missing.exists()


@pytest.mark.parametrize("command", [["records"], ["events"], ["check"]])
def test_a_file_that_is_not_a_ledger_is_one_line(tmp_path, command):
    junk = tmp_path / "notes.db"
    junk.write_text("these are my notes, not a ledger\n" * 50)
    result = run(*command, "--db", str(junk))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ") and "not a ledger" in result.stderr


def test_limit_must_be_positive(db):
    result = run("records", "--db", str(db), "--limit", "0")
    assert result.exit_code == 2 and "--limit" in result.stderr


def test_check_prints_a_summary_first_and_hides_the_unchecked(db):
    result = run("check", "--db", str(db))
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("1 claims checked: 1 no official figure covers it")
    assert "add --all" in result.stdout and "Not checked" not in result.stdout
    assert "Not checked" in run("check", "--db", str(db), "--all").stdout


def test_serve_on_a_busy_port_says_so_first(db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--db", str(db), "--port", str(port))
    assert result.exit_code == 2 and f"port {port} on 127.0.0.1 is busy" in result.stderr
    assert result.stdout == ""


def test_serve_upgrades_a_ledger_an_older_release_wrote_before_serving_it(tmp_path, monkeypatch):
    from _old_ledgers import ledger_at_version

    from enforcement_tracker import publish
    from enforcement_tracker.store.db import current_version, migrations

    path = tmp_path / "old.db"
    ledger_at_version(path, 15, documents=20).close()
    served = []
    monkeypatch.setattr(publish, "serve", lambda db_path, **kw: served.append(db_path))
    result = run("serve", "--db", str(path), "--port", "0")
    assert result.exit_code == 0, result.output
    newest = migrations()[-1][0]
    assert f"Upgrading the ledger from schema 15 to {newest}" in result.stderr and served == [path]
    with connect(path, readonly=True) as conn:
        assert current_version(conn) == newest
    # served again, a ledger at the newest schema says nothing of it
    again = run("serve", "--db", str(path), "--port", "0")
    assert again.exit_code == 0 and "Upgrading" not in again.stderr

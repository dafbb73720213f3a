"""The audit log: append-only in SQLite itself, and fed by every ingest, import, review and release."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from enforcement_tracker.cli import main
from enforcement_tracker.official.common import log_import
from enforcement_tracker.pipeline import ingest_paths
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import audit, connect

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "02-daily-target.txt"


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "l.db"
    conn = connect(path)
    ingest_paths(conn, [EXAMPLE], ExtractSettings(processes=1))
    conn.close()
    return path


def test_the_log_refuses_update_and_delete_even_in_raw_sql(ledger: Path):
    raw = sqlite3.connect(ledger)
    n = raw.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert n >= 1
    for sql in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log",
                "UPDATE audit_log SET detail = NULL WHERE id = 1", "DELETE FROM audit_log WHERE id = 1"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute(sql)
    assert raw.execute("SELECT count(*) FROM audit_log").fetchone()[0] == n
    raw.close()


def test_ingests_imports_reviews_and_releases_are_logged(ledger: Path, tmp_path: Path):
    conn = connect(ledger)
    ingests = audit.entries(conn, action="ingest")
    assert len(ingests) == 1 and ingests[0]["subject"].startswith("sha256:")
    assert ingests[0]["detail"]["path"].endswith("02-daily-target.txt")
    conn.execute("BEGIN")
    log_import(conn, "ice-posted-daily", tmp_path / "posted.csv", "ab" * 32, 7)
    conn.execute("COMMIT")
    imports = audit.entries(conn, action="import")
    assert [(e["subject"], e["detail"]["rows"]) for e in imports] == [("posted.csv", 7)]
    conn.close()
    runner = CliRunner()
    added = runner.invoke(main, ["reviewer", "add", "hana", "--db", str(ledger)])
    token = added.stdout.strip().splitlines()[0]
    rid = sqlite3.connect(ledger).execute("SELECT id FROM records LIMIT 1").fetchone()[0]
    done = runner.invoke(main, ["review", "accept", rid, "--why", "as the text says", "--db", str(ledger)],
                         env={"ETRACK_TOKEN": token})
    assert done.exit_code == 0 and "machine -> reviewed" in done.output
    assert runner.invoke(main, ["release", "r1", "--db", str(ledger), "--out", str(tmp_path)]).exit_code == 0
    log = runner.invoke(main, ["log", "--db", str(ledger)])
    actions = [line.split("\t")[3] for line in log.output.strip().splitlines()]
    assert actions == ["ingest", "import", "reviewer-add", "accept", "release"]
    assert "as the text says" in log.output
    only = runner.invoke(main, ["log", "--db", str(ledger), "--subject", rid, "--json"])
    assert only.output.count("\n") == 1 and '"accept"' in only.output


def test_the_cli_refuses_without_a_valid_token_and_the_token_is_shown_once(ledger: Path):
    runner = CliRunner()
    rid = sqlite3.connect(ledger).execute("SELECT id FROM records LIMIT 1").fetchone()[0]
    refused = runner.invoke(main, ["review", "reject", rid, "--why", "x", "--db", str(ledger)], env={"ETRACK_TOKEN": ""})
    assert refused.exit_code == 1 and "no reviewer token" in refused.output
    token = runner.invoke(main, ["reviewer", "add", "ines", "--db", str(ledger)]).stdout.strip()
    listed = runner.invoke(main, ["reviewer", "list", "--db", str(ledger)]).output
    assert "ines" in listed and token not in listed and "active" in listed
    assert token not in Path(ledger).read_bytes().decode("latin-1")
    runner.invoke(main, ["reviewer", "revoke", "ines", "--db", str(ledger)])
    revoked = runner.invoke(main, ["review", "accept", rid, "--why", "x", "--db", str(ledger), "--token", token])
    assert revoked.exit_code == 1 and "revoked" in revoked.output
    bad = runner.invoke(main, ["review", "correct", rid, "--set", "count", "--why", "x", "--db", str(ledger),
                               "--token", token])
    assert bad.exit_code != 0 and "FIELD=VALUE" in bad.output

"""Ingest killed at random points (SIGKILL), then run again: the ledger ends as a clean run's.

Documents, records and events are compared as sets of ids and rows. The kills are seeded, and
bounded: two ledgers, four kills each, on the first twelve example reports. Every ingest here,
the clean one included, runs one copy of the package taken when the module starts, so all of
them run the same code even in a working tree that others are editing meanwhile.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from enforcement_tracker.cli import main

SEED = 13
LEDGERS = 2
KILLS_PER_LEDGER = 4
REPORTS = 12
POLL = 0.001          # seconds between looks at the ledger while an ingest runs
RUN_LIMIT = 120       # seconds: an ingest of twelve reports that takes longer is a hang


@pytest.fixture(scope="module")
def reports(tmp_path_factory, repo_root: Path) -> Path:
    """A fixed copy of the first example reports, so edits to examples/ cannot move under a test."""
    folder = tmp_path_factory.mktemp("reports")
    names = sorted(p for p in (repo_root / "examples").iterdir() if p.name[:2].isdigit() and p.is_file())
    for path in names[:REPORTS]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def frozen(tmp_path_factory, repo_root: Path) -> dict[str, str]:
    """The environment for an ingest that runs a copy of the package, taken once."""
    folder = tmp_path_factory.mktemp("package")
    shutil.copytree(repo_root / "src" / "enforcement_tracker", folder / "enforcement_tracker",
                    ignore=shutil.ignore_patterns("__pycache__"))
    paths = [str(folder)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


@pytest.fixture(scope="module")
def clean(reports: Path, frozen, tmp_path_factory) -> dict[str, Any]:
    """What an uninterrupted ingest of the reports stores, and how long it takes here."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    started = time.monotonic()
    run = subprocess.run(_ingest(reports, db), capture_output=True, text=True, timeout=RUN_LIMIT, env=frozen)
    assert run.returncode == 0, run.stderr
    return {**_snapshot(db), "seconds": time.monotonic() - started}


def _ingest(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "enforcement_tracker", "ingest", str(folder), "--db", str(db)]


def _snapshot(db: Path) -> dict[str, set]:
    conn = sqlite3.connect(db)
    try:
        return {
            "documents": {r[0] for r in conn.execute("SELECT id FROM documents")},
            "records": {r for r in conn.execute("SELECT id, document_id, kind, quote, json FROM records")},
            "events": {r for r in conn.execute(
                "SELECT id, kind, label, state, date_start, date_end, status, n_documents, n_records,"
                " n_independent_sources, conflicts, json FROM events")},
            "event_records": {r for r in conn.execute("SELECT event_id, record_id FROM event_records")},
            "stale": {r[0] for r in conn.execute("SELECT document_id FROM events_stale")},
        }
    finally:
        conn.close()


class _Watcher:
    """Looks at a ledger while another process writes it: one read-only connection, reused, so
    a look costs well under a millisecond and short states (the last commit before the events
    update) are seen."""

    def __init__(self, db: Path):
        self.db = db
        self.conn: sqlite3.Connection | None = None

    def look(self) -> tuple[int, int]:
        """(documents stored, documents whose events are still to do); (-1, -1) before the schema."""
        try:
            if self.conn is None:
                if not self.db.exists():
                    return -1, -1
                self.conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=1)
            return self.conn.execute("SELECT (SELECT COUNT(*) FROM documents),"
                                     " (SELECT COUNT(*) FROM events_stale)").fetchone()
        except sqlite3.Error:
            self.close()
            return -1, -1

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _run_and_kill(folder: Path, db: Path, when: str, rng: random.Random, total: int, seconds: float,
                  env: dict[str, str]) -> str:
    """Start an ingest and SIGKILL it at a point chosen by `when`; whether it finished first."""
    # "time": anywhere in a run, start-up included; "documents": once some documents are in;
    # "window": right after the last document commits, before its events are written.
    delay = rng.uniform(0.0, seconds)
    wanted = rng.randint(1, total)
    watcher = _Watcher(db)
    proc = subprocess.Popen(_ingest(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    started = time.monotonic()
    try:
        while proc.poll() is None and time.monotonic() - started < RUN_LIMIT:
            stored, stale = watcher.look()
            if when == "time" and time.monotonic() - started >= delay:
                break
            if when == "documents" and stored >= wanted:
                break
            if when == "window" and stored == total and stale:
                break
            time.sleep(POLL)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        watcher.close()
    return "finished" if proc.returncode == 0 else "killed"


def _state(db: Path) -> tuple[int, int]:
    watcher = _Watcher(db)
    try:
        return watcher.look()
    finally:
        watcher.close()


def test_random_kills_during_ingest_leave_the_ledger_of_a_clean_run(reports: Path, clean, frozen, tmp_path: Path):
    rng = random.Random(SEED)
    total = len(clean["documents"])
    # Some claims are carried by several reports, so merging across documents is exercised.
    assert any(event[7] >= 2 for event in clean["events"])
    log = []
    for n in range(LEDGERS):
        db = tmp_path / f"crash{n}.db"
        # Each way to die once, the rest drawn at random.
        modes = ["time", "documents", "window"]
        plan = modes + [rng.choice(modes) for _ in range(KILLS_PER_LEDGER - len(modes))]
        rng.shuffle(plan)
        for when in plan:
            outcome = _run_and_kill(reports, db, when, rng, total, clean["seconds"], frozen)
            log.append((db.name, when, outcome, *_state(db)))
        rerun = subprocess.run(_ingest(reports, db), capture_output=True, text=True, timeout=RUN_LIMIT, env=frozen)
        assert rerun.returncode == 0, (log, rerun.stderr)
        after = _snapshot(db)
        for part in ("documents", "records", "events", "event_records"):
            assert after[part] == clean[part], (part, log)
        assert after["stale"] == set(), log
    # The drill must have hit the case it exists for, or it proves nothing: every document in,
    # the process killed before their events were written (the rerun then has nothing new).
    assert any(stored == total and stale > 0 for *_, stored, stale in log), log


def _ingest_then_lose_events(reports: Path, db: Path) -> dict[str, set]:
    assert CliRunner().invoke(main, ["ingest", str(reports), "--db", str(db)]).exit_code == 0
    before = _snapshot(db)
    conn = sqlite3.connect(db)
    conn.executescript("DELETE FROM event_records; DELETE FROM events;")
    conn.close()
    return before


def test_lost_events_come_back_on_the_next_ingest(reports: Path, tmp_path: Path):
    # The repro of issue 13: a ledger whose events are gone, and an ingest with nothing new.
    db = tmp_path / "l.db"
    before = _ingest_then_lose_events(reports, db)
    again = CliRunner().invoke(main, ["ingest", str(reports), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert "0 new" in again.output and f"events: {len(before['events'])}" in again.output
    after = _snapshot(db)
    assert after["events"] == before["events"] and after["event_records"] == before["event_records"]
    assert any(event[7] >= 2 for event in after["events"])


def test_events_lost_on_a_ledger_are_back_when_someone_lists_them(reports: Path, tmp_path: Path):
    db = tmp_path / "l.db"
    before = _ingest_then_lose_events(reports, db)
    listed = CliRunner().invoke(main, ["events", "--db", str(db), "--min-documents", "1", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert len(json.loads(listed.stdout)) == len(before["events"])
    assert _snapshot(db)["events"] == before["events"]


def test_two_ingests_of_the_same_reports_at_once_store_them_once(reports: Path, clean, frozen, tmp_path: Path):
    db = tmp_path / "shared.db"
    runs = [subprocess.Popen(_ingest(reports, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=frozen) for _ in range(2)]
    outputs = [run.communicate(timeout=RUN_LIMIT) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    # Between them they stored each report once, whichever got to it first.
    assert sum(int(out.split("documents: ")[1].split(" new")[0]) for out, _ in outputs) == len(clean["documents"])
    after = _snapshot(db)
    for part in ("documents", "records", "events", "event_records"):
        assert after[part] == clean[part], part
    assert after["stale"] == set()

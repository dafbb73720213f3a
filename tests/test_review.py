"""Review states, revisions, reviewers' tokens and stable ids across re-extraction (issue 10)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from enforcement_tracker.models import Extraction, Record
from enforcement_tracker.pipeline import ingest_paths
from enforcement_tracker.record_ids import assign_ids
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import audit, connect, review, reviewers
from enforcement_tracker.store.events import pending_reason, update_events
from enforcement_tracker.store.reextract import reextract_document, stored_document
from enforcement_tracker.store.reviewers import ReviewError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("review") / "built.db"
    conn = connect(path)
    ingest_paths(conn, [EXAMPLES / "01-chicago-surge-begins.txt", EXAMPLES / "02-daily-target.txt",
                        EXAMPLES / "09-syndicated-sunday-count.txt"], ExtractSettings(processes=1))
    conn.close()
    return path


@pytest.fixture
def conn(built: Path, tmp_path: Path) -> sqlite3.Connection:
    copy = tmp_path / "ledger.db"
    shutil.copy(built, copy)
    c = connect(copy)
    yield c
    c.close()


def _first(conn, kind: str) -> str:
    return conn.execute("SELECT id FROM records WHERE kind = ? ORDER BY id LIMIT 1", (kind,)).fetchone()[0]


def test_every_record_starts_as_machine_and_the_queue_lists_them(conn):
    counts = review.state_counts(conn)
    total = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    assert counts == {"machine": total, "reviewed": 0, "verified": 0, "rejected": 0} and total > 5
    queued = review.queue(conn, limit=1000)
    assert len(queued) == total
    # Records in an event of several reports come before those reported once.
    reports = [q["reports"] for q in queued]
    assert reports == sorted(reports, key=lambda n: n == 1)


def test_a_correction_keeps_the_machine_revision_and_says_who_when_why(conn):
    reviewers.add(conn, "alice")
    rid = _first(conn, "arrest_count")
    machine = json.loads(conn.execute("SELECT json FROM records WHERE id = ?", (rid,)).fetchone()[0])
    out = review.act(conn, rid, "correct", reviewer="alice", why="the text says 957",
                     changes={"count": "957", "period": "2025-01-26"})
    assert (out.before, out.after, out.revision) == ("machine", "reviewed", 1)
    h = review.history(conn, rid)
    assert [r["origin"] for r in h["revisions"]] == ["machine", "reviewer"]
    assert h["machine"] == machine  # the machine's reading is untouched
    assert h["current"]["count"] == {"value": 957, "qualifier": machine["count"]["qualifier"]}
    assert h["current"]["period"]["date"] == "2025-01-26"
    assert h["revisions"][1]["who"] == "alice" and h["revisions"][1]["why"] == "the text says 957"
    row = conn.execute("SELECT count_value, date_start, review FROM records WHERE id = ?", (rid,)).fetchone()
    assert tuple(row) == (957, "2025-01-26", "reviewed")
    # Events follow the corrected claim.
    assert pending_reason(conn) is None


def test_verified_needs_a_second_different_reviewer(conn):
    rid = _first(conn, "operation")
    review.act(conn, rid, "accept", reviewer="alice", why="right")
    with pytest.raises(ReviewError, match="already reviewed"):
        review.act(conn, rid, "accept", reviewer="alice", why="again")
    assert review.act(conn, rid, "accept", reviewer="bob", why="agree").after == "verified"
    # A correction after verification needs verifying again.
    out = review.act(conn, rid, "correct", reviewer="bob", why="status", changes={"status": "ended"})
    assert out.after == "reviewed"
    assert review.act(conn, rid, "accept", reviewer="alice", why="ok").after == "verified"


def test_reject_and_bad_input_are_refused_with_reasons(conn):
    rid = _first(conn, "quote")
    with pytest.raises(ReviewError, match="reason"):
        review.act(conn, rid, "reject", reviewer="alice", why="  ")
    assert review.act(conn, rid, "reject", reviewer="alice", why="not a claim").after == "rejected"
    with pytest.raises(ReviewError, match="no field"):
        review.act(conn, _first(conn, "arrest_count"), "correct", reviewer="a", why="x", changes={"nope": "1"})
    with pytest.raises(ReviewError, match="not a number"):
        review.act(conn, _first(conn, "arrest_count"), "correct", reviewer="a", why="x", changes={"count": "lots"})
    with pytest.raises(ReviewError, match="outside the document"):
        review.act(conn, _first(conn, "arrest_count"), "correct", reviewer="a", why="x", changes={"span": "0-999999"})
    with pytest.raises(ReviewError, match="no record"):
        review.act(conn, "rec_0000000000000000", "accept", reviewer="a", why="x")
    # Nothing of the refused corrections was written.
    assert review.state_counts(conn)["reviewed"] == 0


def test_injection_through_fields_and_reason_is_stored_as_text(conn):
    rid = _first(conn, "operation")
    evil = "x'); DROP TABLE records; -- <script>alert(1)</script>"
    review.act(conn, rid, "correct", reviewer="alice", why=evil, changes={"name": evil})
    assert conn.execute("SELECT json_extract(json, '$.name') FROM records WHERE id = ?", (rid,)).fetchone()[0] == evil
    assert conn.execute("SELECT why FROM reviews WHERE record_id = ?", (rid,)).fetchone()[0] == evil
    assert conn.execute("SELECT count(*) FROM records").fetchone()[0] > 5


def test_tokens_are_shown_once_hashed_revocable_and_bound_to_their_ledger(conn, built, tmp_path):
    token = reviewers.add(conn, "carol")
    assert reviewers.authenticate(conn, token) == "carol"
    stored = [r[0] for r in conn.execute("SELECT token_hash FROM reviewers")]
    assert token not in stored and all(len(h) == 64 for h in stored)
    with pytest.raises(ReviewError, match="already a reviewer"):
        reviewers.add(conn, "carol")
    other = connect(tmp_path / "other.db")  # a new ledger: its own identity
    with pytest.raises(ReviewError, match="another ledger"):
        reviewers.authenticate(other, token)
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    with pytest.raises(ReviewError, match="unknown"):
        reviewers.authenticate(conn, forged)
    with pytest.raises(ReviewError, match="not a reviewer token"):
        reviewers.authenticate(conn, "' OR 1=1 --")
    reviewers.revoke(conn, "carol")
    with pytest.raises(ReviewError, match="revoked"):
        reviewers.authenticate(conn, token)
    assert [(r.name, r.active) for r in reviewers.list_reviewers(conn)] == [("carol", False)]


def _newer_reading(conn, document_id: str, change) -> Extraction:
    """The stored document's records as a newer extractor might read them: spans and values moved."""
    doc = stored_document(conn, document_id)
    records = []
    for (text,) in conn.execute("SELECT json FROM records WHERE document_id = ? ORDER BY span_start", (document_id,)):
        rec = Record.from_dict(json.loads(text))
        rec.extractor = rec.extractor + "+newer"
        change(rec)
        records.append(rec)
    assign_ids(records, doc.text)
    return Extraction(doc, records)


def test_ids_survive_reextraction_and_reviewer_work_is_kept_and_flagged(conn):
    reviewed = _first(conn, "arrest_count")
    doc_id = conn.execute("SELECT document_id FROM records WHERE id = ?", (reviewed,)).fetchone()[0]
    review.act(conn, reviewed, "correct", reviewer="alice", why="fix", changes={"count": "958"})
    before = {r[0] for r in conn.execute("SELECT id FROM records WHERE document_id = ?", (doc_id,))}

    def shrink_and_bump(rec: Record) -> None:
        rec.span = (rec.span[0], rec.span[1] - 1)  # the newer extractor cuts the final period
        if rec.kind == "arrest_count" and rec.fields.get("count", {}).get("value"):
            rec.fields["count"] = {**rec.fields["count"], "value": rec.fields["count"]["value"] + 1}

    newer = _newer_reading(conn, doc_id, shrink_and_bump)
    for rec in newer.records:
        rec.quote = newer.document.text[rec.span[0]:rec.span[1]]
    # The counts were read as other numbers, so their raw ids changed: matching by claim and words keeps them.
    bumped = {r.id for r in newer.records if r.kind == "arrest_count" and r.fields.get("count", {}).get("value")}
    assert bumped and not bumped & before
    summary = reextract_document(conn, newer)
    after = {r[0] for r in conn.execute("SELECT id FROM records WHERE document_id = ?", (doc_id,))}
    assert after == before and summary.added == summary.dropped == 0
    row = conn.execute("SELECT review, second_look, count_value FROM records WHERE id = ?", (reviewed,)).fetchone()
    assert tuple(row) == ("reviewed", 1, 958)  # the reviewer's revision stands, flagged for a second look
    h = review.history(conn, reviewed)
    assert [r["origin"] for r in h["revisions"]] == ["machine", "reviewer", "machine"]
    assert h["machine"]["extractor"].endswith("+newer")
    # A machine record took the new reading under its old id.
    machine = conn.execute("SELECT id, extractor FROM records WHERE document_id = ? AND review = 'machine'"
                           " LIMIT 1", (doc_id,)).fetchone()
    assert machine[1].endswith("+newer")
    assert review.queue(conn, limit=1)[0]["id"] == reviewed  # the second look comes first
    assert pending_reason(conn) is not None  # the document is marked for regrouping
    update_events(conn)
    assert pending_reason(conn) is None
    # Re-running the same extraction changes nothing more.
    again = reextract_document(conn, _newer_reading(conn, doc_id, lambda r: None))
    assert again.updated == 0 and again.added == 0


def test_etrack_reextract_keeps_ids_and_reviews(conn, tmp_path):
    from click.testing import CliRunner

    from enforcement_tracker.cli import main

    rid = _first(conn, "arrest_count")
    review.act(conn, rid, "accept", reviewer="alice", why="right")
    before = sorted(r[0] for r in conn.execute("SELECT id FROM records"))
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    result = CliRunner().invoke(main, ["reextract", "--db", path, "--processes", "1"])
    assert result.exit_code == 0, result.output
    assert "documents: 3;" in result.output and "0 dropped" in result.output
    assert sorted(r[0] for r in conn.execute("SELECT id FROM records")) == before
    assert conn.execute("SELECT review FROM records WHERE id = ?", (rid,)).fetchone()[0] == "reviewed"
    assert [e["action"] for e in audit.entries(conn, action="reextract")] == ["reextract"] * 3


def test_a_rejected_record_leaves_its_event(conn):
    from enforcement_tracker.store.events import update_events

    rid = _first(conn, "arrest_count")
    in_events = "SELECT COUNT(*) FROM event_records WHERE record_id = ?"
    assert conn.execute(in_events, (rid,)).fetchone()[0] == 1
    review.act(conn, rid, "reject", reviewer="alice", why="a count of protesters, not of immigration arrests")
    update_events(conn)
    assert conn.execute(in_events, (rid,)).fetchone()[0] == 0
    review.act(conn, rid, "accept", reviewer="bob", why="it is an immigration count after all")
    update_events(conn)
    assert conn.execute(in_events, (rid,)).fetchone()[0] == 1


def test_a_rejected_record_is_held_against_no_official_figure(conn):
    from enforcement_tracker.analyze.claims import load_claims

    rid = _first(conn, "arrest_count")
    assert rid in {c.record_id for c in load_claims(conn)}
    review.act(conn, rid, "reject", reviewer="alice", why="not a claim the text makes")
    assert rid not in {c.record_id for c in load_claims(conn)}

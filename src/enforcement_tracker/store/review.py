"""Review states and revisions: a person confirms, corrects or rejects what the machine read.

- `machine`: as extracted. `reviewed`: a reviewer confirmed or corrected it. `verified`: a
  second, different reviewer confirmed the reviewed reading. `rejected`: not a claim the text
  makes, or a red-line breach.
- A correction never overwrites: the machine's reading stays as revision 0 in
  `record_revisions`, each correction adds the next revision with who, when and why, and the
  record's row (what pages, exports and checks read) shows the newest one.
- Every action is one transaction with its `reviews` row and its audit-log entry; the events of
  the claims it touches are regrouped after it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from enforcement_tracker.models import Record
from enforcement_tracker.store import audit
from enforcement_tracker.store.corrections import apply_changes, changed_fields
from enforcement_tracker.store.ledger import replace_record
from enforcement_tracker.store.reviewers import ReviewError

STATES = ("machine", "reviewed", "verified", "rejected")
ACTIONS = ("accept", "correct", "reject")
MAX_WHY = 2000


@dataclass(frozen=True)
class Outcome:
    record_id: str
    action: str          # accept, verify, correct or reject: what it did
    before: str          # the state before
    after: str           # the state after
    revision: int        # the revision the record shows now
    changes: dict[str, list[Any]]


def parse_states(text: str | None, name: str = "review") -> tuple[str, ...]:
    """'reviewed,verified' as a tuple of states, or a ReviewError naming the bad one."""
    if not text:
        return ()
    states = tuple(dict.fromkeys(s.strip() for s in text.split(",") if s.strip()))
    bad = [s for s in states if s not in STATES]
    if bad:
        raise ReviewError(f"unknown review state {bad[0][:40]!r}", source=name, hint="any of " + ", ".join(STATES))
    return states


def content_digest(record_json: str | dict[str, Any]) -> str:
    """What a record says, hashed: the same fields give the same digest whatever the extractor's name."""
    data = json.loads(record_json) if isinstance(record_json, str) else dict(record_json)
    data.pop("extractor", None)
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _row(conn: sqlite3.Connection, record_id: str) -> sqlite3.Row:
    row = conn.execute("SELECT r.id, r.json, r.review, r.revision, r.document_id, d.text FROM records r"
                       " JOIN documents d ON d.id = r.document_id WHERE r.id = ?", (record_id,)).fetchone()
    if row is None:
        raise ReviewError(f"no record {record_id[:40]!r} in this ledger", source="ID",
                          hint="`etrack review queue` lists records to review")
    return row


def _check_why(why: str | None) -> str:
    why = (why or "").strip()
    if not why:
        raise ReviewError("every review action needs a reason", source="--why",
                          hint='say why in a few words, e.g. --why "matches the text"')
    if len(why) > MAX_WHY:
        raise ReviewError(f"the reason is longer than {MAX_WHY} characters", source="--why", hint="shorten it")
    return why


def _reviewers_of(conn: sqlite3.Connection, record_id: str) -> set[str]:
    """Who put the record in its current reviewed reading (since its last correction)."""
    who: set[str] = set()
    for actor, action in conn.execute("SELECT who, json_extract(what, '$.action') FROM reviews"
                                      " WHERE record_id = ? ORDER BY id", (record_id,)):
        if action in ("correct", "reject"):
            who = {actor}
        else:
            who.add(actor)
    return who


def ensure_machine_revision(conn: sqlite3.Connection, record_id: str, record_json: str, extractor: str | None,
                            at: str) -> None:
    """Keep the machine's reading as revision 0 before anything replaces it."""
    conn.execute("INSERT OR IGNORE INTO record_revisions (record_id, revision, origin, json, who, at, why)"
                 " VALUES (?, 0, 'machine', ?, ?, ?, NULL)", (record_id, record_json, extractor, at))


def act(conn: sqlite3.Connection, record_id: str, action: str, *, reviewer: str, why: str | None,
        changes: dict[str, str] | None = None) -> Outcome:
    """Accept, correct or reject one record as `reviewer`, in one transaction; then regroup events."""
    if action not in ACTIONS:
        raise ReviewError(f"unknown action {action[:20]!r}", source="action", hint="accept, correct or reject")
    why = _check_why(why)
    conn.execute("BEGIN IMMEDIATE")
    try:
        outcome = _act(conn, record_id, action, reviewer, why, changes or {})
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if outcome.changes:
        from enforcement_tracker.store.events import update_events

        update_events(conn)
    return outcome


def _act(conn: sqlite3.Connection, record_id: str, action: str, reviewer: str, why: str,
         changes: dict[str, str]) -> Outcome:
    row = _row(conn, record_id)
    before, current = row["review"], json.loads(row["json"])
    at = audit.now()
    diff: dict[str, list[Any]] = {}
    revision = row["revision"]
    if action == "accept":
        if before == "rejected" or before == "machine":
            after, done = "reviewed", "accept"
        elif before == "reviewed":
            if reviewer in _reviewers_of(conn, record_id):
                raise ReviewError(f"{reviewer} already reviewed this record", source=record_id,
                                  hint="verification is a second, different reviewer's confirmation")
            after, done = "verified", "verify"
        else:
            raise ReviewError("this record is already verified", source=record_id,
                              hint="correct or reject it if it is wrong")
    elif action == "reject":
        if before == "rejected":
            raise ReviewError("this record is already rejected", source=record_id, hint="accept it to reinstate it")
        after, done = "rejected", "reject"
    else:
        corrected = apply_changes(current, changes, row["text"])
        diff = changed_fields(current, corrected)
        if not diff:
            raise ReviewError("the correction changes nothing", source="--set",
                              hint="use accept when the record is right as it is")
        record = _checked(Record.from_dict(corrected), row["text"])
        ensure_machine_revision(conn, record_id, row["json"], current.get("extractor"), at)
        revision = 1 + conn.execute("SELECT max(revision) FROM record_revisions WHERE record_id = ?",
                                    (record_id,)).fetchone()[0]
        record_json = json.dumps(record.to_dict(), ensure_ascii=False)
        conn.execute("INSERT INTO record_revisions (record_id, revision, origin, json, who, at, why)"
                     " VALUES (?,?, 'reviewer', ?,?,?,?)", (record_id, revision, record_json, reviewer, at, why))
        mark_claims_stale(conn, [record_id])
        replace_record(conn, record)
        after, done = "reviewed", "correct"
    conn.execute("UPDATE records SET review = ?, revision = ?, second_look = 0 WHERE id = ?",
                 (after, revision, record_id))
    if "rejected" in (before, after):
        mark_claims_stale(conn, [record_id])  # a rejected record leaves its events; a reinstated one returns
    what = {"action": done, "from": before, "to": after, "revision": revision, "changes": diff}
    conn.execute("INSERT INTO reviews (record_id, who, at, what, why) VALUES (?,?,?,?,?)",
                 (record_id, reviewer, at, json.dumps(what, ensure_ascii=False, sort_keys=True), why))
    audit.append(conn, done, actor=reviewer, subject=record_id, detail={**what, "why": why})
    return Outcome(record_id, done, before, after, revision, diff)


def _checked(record: Record, text: str) -> Record:
    """A corrected record must still keep the contract and the red lines."""
    from enforcement_tracker.guard import guard_records

    if text[record.span[0]:record.span[1]] != record.quote:
        raise ReviewError("the quote no longer matches the document at its span", source="span",
                          hint="set span=START-END to the characters that carry the claim")
    if not record.sources:
        raise ReviewError("a record needs at least one source", source="sources", hint="e.g. 'outlet: NAME'")
    result = guard_records(text, [record])
    if result.refused:
        refusal = result.refused[0]
        raise ReviewError(f"the correction crosses a red line ({refusal.reason.replace('_', ' ')}, in {refusal.where})",
                          source=refusal.where, hint="no private person, street-level place or live location; "
                                                     "reject the record if the text itself does this")
    return record


def mark_claims_stale(conn: sqlite3.Connection, record_ids: list[str]) -> None:
    """Mark for regrouping the documents of these records and of every record sharing their claims,
    so the events they leave are rebuilt as well as the ones they join."""
    for record_id in record_ids:
        conn.execute("INSERT OR IGNORE INTO events_stale (document_id)"
                     " SELECT DISTINCT r.document_id FROM record_claims mine JOIN record_claims rc"
                     " ON rc.claim_hash = mine.claim_hash JOIN records r ON r.id = rc.record_id"
                     " WHERE mine.record_id = ?", (record_id,))
        conn.execute("INSERT OR IGNORE INTO events_stale (document_id) SELECT document_id FROM records WHERE id = ?",
                     (record_id,))


def history(conn: sqlite3.Connection, record_id: str) -> dict[str, Any]:
    """A record's state, its revisions (the machine's first) and its review actions, oldest first."""
    row = _row(conn, record_id)
    extra = conn.execute("SELECT second_look FROM records WHERE id = ?", (record_id,)).fetchone()
    revisions = [dict(r) for r in conn.execute(
        "SELECT revision, origin, json, who, at, why FROM record_revisions WHERE record_id = ? ORDER BY revision",
        (record_id,))]
    if not revisions:
        revisions = [{"revision": 0, "origin": "machine", "json": row["json"], "who": None, "at": None, "why": None}]
    for r in revisions:
        r["record"] = json.loads(r.pop("json"))
    actions = [{"who": w, "at": at, "why": why, **json.loads(what)} for w, at, what, why in conn.execute(
        "SELECT who, at, what, why FROM reviews WHERE record_id = ? ORDER BY id", (record_id,))]
    machine = [r for r in revisions if r["origin"] == "machine"]
    return {"id": record_id, "review": row["review"], "revision": row["revision"], "second_look": bool(extra[0]),
            "revisions": revisions, "actions": actions, "machine": machine[-1]["record"],
            "machine_revision": machine[-1]["revision"],
            "first_machine": machine[0]["record"], "current": json.loads(row["json"])}


_QUEUE_COLUMNS = ("r.id, r.kind, r.quote, r.review, r.second_look, r.document_id, r.span_start, r.span_end,"
                  " d.publisher, d.published")
_DOC = "JOIN documents d ON d.id = r.document_id"
# The queue's groups, most consequential first: (tables, condition, order). Each is read through
# its own index and stops at the page, so the queue of a large ledger costs what a small one does.
_QUEUE_GROUPS = (
    (f"records r {_DOC}", "r.review IN ('reviewed', 'verified', 'rejected') AND r.second_look = 1",
     "d.published DESC, r.id"),
    (f"checks c JOIN records r ON r.id = c.record_id {_DOC}", "r.review = 'machine'", "d.published DESC, r.id"),
    (f"events e JOIN event_records er ON er.event_id = e.id JOIN records r ON r.id = er.record_id {_DOC}",
     "e.n_documents > 1 AND r.review = 'machine'", "e.n_documents DESC, d.published DESC, r.id"),
    ("documents d CROSS JOIN records r ON r.document_id = d.id", "r.review = 'machine'",
     "d.published DESC, r.document_id, r.span_start, r.id"),
)


def queue(conn: sqlite3.Connection, *, where: str = "1", params: list[Any] | None = None,
          limit: int = 50) -> list[dict[str, Any]]:
    """Records awaiting a person, most consequential first: a second look asked for, then those that
    feed a check, then those in an event of several reports (the most reported first), then the
    rest, newest documents first.

    `where` is a condition over `records r JOIN documents d` (publish/filters.py writes them)."""
    found: dict[str, dict[str, Any]] = {}
    for tables, condition, order in _QUEUE_GROUPS:
        if len(found) >= limit:
            break
        cursor = conn.execute(f"SELECT DISTINCT {_QUEUE_COLUMNS} FROM {tables} WHERE {condition} AND ({where})"
                              f" ORDER BY {order} LIMIT ?", [*(params or []), limit + len(found)])
        names = [c[0] for c in cursor.description]
        for row in cursor.fetchall():
            item = dict(zip(names, row))
            found.setdefault(item["id"], item)
    items = list(found.values())[:limit]
    for item in items:
        item["checked"] = conn.execute("SELECT EXISTS (SELECT 1 FROM checks WHERE record_id = ?)",
                                       (item["id"],)).fetchone()[0]
        item["reports"] = conn.execute(
            "SELECT COALESCE(max(e.n_documents), 1) FROM event_records er JOIN events e ON e.id = er.event_id"
            " WHERE er.record_id = ?", (item["id"],)).fetchone()[0]
    return items


def state_counts(conn: sqlite3.Connection) -> dict[str, int]:
    found = dict(conn.execute("SELECT review, count(*) FROM records GROUP BY review").fetchall())
    return {s: found.get(s, 0) for s in STATES}

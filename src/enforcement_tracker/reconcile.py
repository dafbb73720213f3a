"""Records across documents to events: the same claim in many reports, counted once.

An event groups the records that make one claim (an operation in one place and time, one
count for one day and place, one target, ...). It says how many documents carry it, how many
independent outlets those are (a syndicated copy is its origin, not a new voice), how the
status of an operation moved from report to report, and where reports disagree.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from enforcement_tracker.describe import describe
from enforcement_tracker.kinds import registry
from enforcement_tracker.kinds.values import first_date as _date

# The version of what makes an event: claim_key, group_records and summarize. Bump it when a
# change would group or describe existing records differently, so ledgers rebuild their events
# in full once instead of mixing old and new groupings.
RULES_VERSION = "2"  # 2: a fetched page's revisions count as one document

# Reports of one operation may date it a few days apart ("began Sunday" vs "Jan. 27").
OPERATION_DAYS_APART = 10


@dataclass
class Event:
    kind: str
    key: tuple
    records: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        first = min(r["id"] for r in self.records)
        return "evt_" + hashlib.sha256(f"{self.kind}|{self.key}|{first}".encode()).hexdigest()[:16]


def claim_key(record: dict[str, Any]) -> tuple:
    """What two records must share to be the same claim, as the record's kind says (operations
    also need nearby dates). A kind this version does not know is a claim of its own."""
    kind = registry.find(record["kind"])
    return kind.claim_key(record) if kind else (record["id"],)


def claim_hash(record: dict[str, Any]) -> str:
    """A short, stable name for a record's claim: the ledger indexes records by it.

    Two claims that share a hash are still grouped apart (group_records compares the keys
    themselves), so a collision costs a little extra reading, never a wrong event.
    """
    text = json.dumps([record["kind"], claim_key(record)], ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def group_records(records: list[dict[str, Any]]) -> list[Event]:
    events: list[Event] = []
    by_key: dict[tuple, list[Event]] = {}
    ordered = sorted(records, key=lambda r: (r["document"].get("published") or "", r["id"]))
    for record in ordered:
        key = (record["kind"], claim_key(record))
        candidates = by_key.setdefault(key, [])
        home = next((e for e in candidates if _near(e, record)), None)
        if home is None:
            home = Event(record["kind"], key)
            candidates.append(home)
            events.append(home)
        home.records.append(record)
    return events


def _near(event: Event, record: dict[str, Any]) -> bool:
    if record["kind"] != "operation":
        return True
    mine = _date(record.get("start")) or _date(record.get("end"))
    if mine is None:
        return True
    theirs = [d for r in event.records if (d := _date(r.get("start")) or _date(r.get("end")))]
    if not theirs:
        return True
    return min(abs((date.fromisoformat(mine) - date.fromisoformat(t)).days) for t in theirs) <= OPERATION_DAYS_APART


def summarize(event: Event) -> dict[str, Any]:
    records = event.records
    # Two revisions of one fetched article are one document of the event, not two reports.
    documents = {r["document"].get("page") or r["document_id"] for r in records}
    origins = sorted({r["document"].get("syndicated_from") or r["document"].get("publisher") or r["document_id"]
                      for r in records})
    history = [{"published": r["document"].get("published"), "status": r.get("status"), "record": r["id"]}
               for r in records if r["kind"] == "operation"]
    conflicts = []
    if event.kind == "operation":
        starts = sorted({d for r in records if (d := _date(r.get("start")))})
        if len(starts) > 1:
            conflicts.append({"field": "start", "values": starts})
    if event.kind == "target":
        chars = sorted({c for r in records for c in r.get("characterizations") or []})
        if {"goal", "quota"} <= set(chars):
            conflicts.append({"field": "characterizations", "values": chars})
    dates = sorted(d for r in records for d in (_date(r.get("start")), _date(r.get("end")), _date(r.get("period")),
                                                 _date(r.get("issued_on"))) if d)
    # The newest report that says anything about the status is the status now.
    statuses = [r.get("status") for r in records if r.get("status") not in (None, "unknown")]
    state = next((p.get("state") for r in records for p in r.get("places") or [] if p.get("state")), None)
    return {
        "id": event.id, "kind": event.kind, "label": describe(records[0]), "state": state,
        "date_start": dates[0] if dates else None, "date_end": dates[-1] if dates else None,
        "status": (statuses[-1] if statuses else "unknown") if event.kind == "operation" else None,
        "n_documents": len(documents), "n_records": len(records), "n_independent_sources": len(origins),
        "conflicts": json.dumps(conflicts) if conflicts else None,
        "json": json.dumps({"origins": origins, "status_history": history, "records": [r["id"] for r in records]}),
    }


def list_events(conn: sqlite3.Connection, *, kind: str | None = None, min_documents: int = 1) -> list[dict[str, Any]]:
    """Events, most widely reported first."""
    sql = "SELECT * FROM events WHERE n_documents >= ?" + (" AND kind = ?" if kind else "") + \
        " ORDER BY n_documents DESC, n_independent_sources DESC, date_start"
    out = []
    for row in conn.execute(sql, [min_documents] + ([kind] if kind else [])):
        item = dict(row)
        item["conflicts"] = json.loads(item["conflicts"] or "[]")
        item["detail"] = json.loads(item.pop("json") or "{}")
        out.append(item)
    return out

"""CHANGES.md: what a release changes against the one before it, record id by record id."""

from __future__ import annotations

import sqlite3
from typing import Any


def previous_release(conn: sqlite3.Connection, version: str) -> str | None:
    """The release made last before `version` (or last of all when `version` is new)."""
    mine = conn.execute("SELECT rowid FROM releases WHERE version = ?", (version,)).fetchone()
    row = conn.execute("SELECT version FROM releases WHERE version != ?" + (" AND rowid < ?" if mine else "")
                       + " ORDER BY rowid DESC LIMIT 1", (version, mine[0]) if mine else (version,)).fetchone()
    return row[0] if row else None


def snapshot(conn: sqlite3.Connection, version: str) -> dict[str, tuple[str, int, str]]:
    return {rid: (review, revision, digest) for rid, review, revision, digest in conn.execute(
        "SELECT record_id, review, revision, digest FROM release_records WHERE version = ?", (version,))}


def _corrected_between(conn: sqlite3.Connection, record_id: str, before: int, now: int) -> list[dict[str, Any]]:
    return [{"revision": n, "who": who, "why": why} for n, who, why in conn.execute(
        "SELECT revision, who, why FROM record_revisions WHERE record_id = ? AND origin = 'reviewer'"
        " AND revision > ? AND revision <= ? ORDER BY revision", (record_id, before, now))]


def changes_md(conn: sqlite3.Connection, version: str, released_on: str, previous: str | None,
               current: dict[str, tuple[str, int, str]], summary: dict[str, str]) -> str:
    """The change log; every list is sorted by id so a rebuild writes the same bytes."""
    lines = [f"# Changes in {version} ({released_on})", ""]
    if previous is None:
        lines += [f"First release: {len(current)} records.", ""]
        for state in ("machine", "reviewed", "verified"):
            n = sum(1 for v in current.values() if v[0] == state)
            if n:
                lines.append(f"- {n} {state}")
        return "\n".join(lines) + "\n"
    before = snapshot(conn, previous)
    added = sorted(set(current) - set(before))
    gone = sorted(set(before) - set(current))
    states_now = dict(conn.execute("SELECT id, review FROM records"))
    rejected = [rid for rid in gone if states_now.get(rid) == "rejected"]
    removed = [rid for rid in gone if states_now.get(rid) != "rejected"]
    corrected, reread, promoted = [], [], []
    for rid in sorted(set(current) & set(before)):
        (old_state, old_rev, old_digest), (state, rev, digest) = before[rid], current[rid]
        if digest == old_digest:
            continue
        fixes = _corrected_between(conn, rid, old_rev, rev)
        if fixes:
            corrected.append((rid, fixes))
        elif state != old_state:
            promoted.append((rid, old_state, state))
        else:
            reread.append(rid)
    lines += [f"Against {previous}: {len(added)} added, {len(corrected)} corrected, {len(rejected)} rejected,"
              f" {len(promoted)} changed review state, {len(reread)} re-read by a newer extractor,"
              f" {len(removed)} no longer in the release.", ""]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend([f"## {title}", "", *items, ""])

    section("Added", [f"- `{rid}` {summary.get(rid, '')}".rstrip() for rid in added])
    section("Corrected", [f"- `{rid}` revision {f[-1]['revision']}: " + "; ".join(
        f"{x['who']}: {x['why']}" for x in f) for rid, f in corrected])
    section("Rejected", [f"- `{rid}`" for rid in rejected])
    section("Review state", [f"- `{rid}` {a} → {b}" for rid, a, b in promoted])
    section("Re-read by a newer extractor", [f"- `{rid}`" for rid in reread])
    section("No longer in the release", [f"- `{rid}`" for rid in removed])
    return "\n".join(lines).rstrip("\n") + "\n"

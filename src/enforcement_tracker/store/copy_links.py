"""Wire-copy links in the ledger: every copy of a story points at one origin, whatever the order.

Two documents are *alike* when their MinHash signatures (fetch/copies.py) share an LSH band,
the estimated containment of their shingles reaches copies.THRESHOLD, and different outlets
published them (one outlet printing its story twice is a revision, not a copy). A *family* is a
connected group of alike documents; its origin is the first by `origin_order` (a wire's own
story, then the earliest published, then the document id). Families and origins are functions
of the set of stored documents alone, so `etrack ingest` in any file order, `etrack fetch`,
feeds, WARC files and `etrack load` (document-id order) all give the same links.

Each new document (or one whose metadata a winning copy replaced, store/identity.py) is linked
in its own transaction: the families it touches (its old one and those of the documents it is
alike) are grouped again from their members, and only rows that change are written. Every copy
names its origin in `document_copies` and takes the family's outlet as `syndicated_from`, so
events count one outlet per family; a document whose changed outlet moves its claims to another
outlet is marked for its events to be regrouped.

A document that credits a wire in a line ("(AP) —") and is no copy of a stored one keeps a
'credit' row naming the wire, and the wire as its outlet.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import numpy as np

from enforcement_tracker.fetch.copies import (BANDS, NUM_PERM, ROWS, THRESHOLD, Fingerprint, Wire, band_keys,
                                              containment_from, credited_wire, signature, wire_named)
from enforcement_tracker.models import Document


@dataclass
class Member:
    """What linking reads of one document."""

    id: str
    publisher: str | None
    published: str | None
    title: str | None
    fingerprint: Fingerprint | None
    own_outlet: str | None    # its own credit (a line naming an origin or a wire), else None
    copy: bool = False        # stored as a copy: own_outlet is unknown until it is read again from its text

    @property
    def outlet_key(self) -> str:
        return (self.publisher or "").strip().lower()


@dataclass(frozen=True)
class Link:
    """A document's place after linking: its outlet (`syndicated_from`) and its copy row, if any."""

    syndicated_from: str | None
    origin_id: str | None = None
    origin_title: str | None = None
    outlet: str | None = None      # the row's outlet: the family's, or the credited wire
    short: str | None = None
    similarity: float | None = None
    method: str | None = None      # minhash, credit, or None (no row)


def own_outlet(text: str, publisher: str | None, extracted: str | None) -> str | None:
    """A document's own credit: the origin a line names (extract's syndicated_from), else the wire
    a credit line names, unless that wire published it."""
    if extracted:
        return extracted
    credit = credited_wire(text)
    return credit.name if credit is not None and wire_named(publisher) is not credit else None


def _credit(member: Member) -> Wire | None:
    """The wire a member's own outlet names, when it is a wire it did not publish itself."""
    wire = wire_named(member.own_outlet)
    return wire if wire is not None and wire_named(member.publisher) is not wire else None


def origin_order(member: Member) -> tuple:
    """The family's origin sorts first: the wire's own story, then the earliest dated, then the id."""
    return (wire_named(member.publisher) is None, member.published is None, member.published or "", member.id)


def alike(one: Member, others: Sequence[Member]) -> list[float | None]:
    """For each of `others`: the estimated containment if it and `one` are alike, else None."""
    if one.fingerprint is None or not others:
        return [None] * len(others)
    out: list[float | None] = [None] * len(others)
    usable = [i for i, m in enumerate(others) if m.fingerprint is not None and m.id != one.id]
    if not usable:
        return out
    values = np.stack([others[i].fingerprint.values for i in usable])
    equal = values == one.fingerprint.values
    banded = equal.reshape(len(usable), BANDS, ROWS).all(axis=2).any(axis=1)
    jaccard = equal.sum(axis=1) / NUM_PERM
    mine = one.outlet_key
    for k, i in enumerate(usable):
        other = others[i]
        if not banded[k] or (mine and other.outlet_key == mine):
            continue
        score = containment_from(float(jaccard[k]), one.fingerprint.shingles, other.fingerprint.shingles)
        if score >= THRESHOLD:
            out[i] = score
    return out


def families(members: Sequence[Member],
             pairs: Iterable[tuple[str, str]] | None = None) -> list[list[Member]]:
    """The connected groups of alike members (a member alike to none is a group of one). Every
    pair is compared, or only `pairs` of ids (the candidates that share a band, from elsewhere)."""
    index = {m.id: i for i, m in enumerate(members)}
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if pairs is None:
        for i, member in enumerate(members):
            for j, score in enumerate(alike(member, members[i + 1:]), start=i + 1):
                if score is not None:
                    parent[root(j)] = root(i)
    else:
        for a, b in pairs:
            i, j = index[a], index[b]
            if alike(members[i], [members[j]])[0] is not None:
                parent[root(j)] = root(i)
    groups: dict[int, list[Member]] = {}
    for i, member in enumerate(members):
        groups.setdefault(root(i), []).append(member)
    return list(groups.values())


def links_of(members: Sequence[Member], pairs: Iterable[tuple[str, str]] | None = None,
             read_own: Callable[[str], str | None] | None = None) -> dict[str, Link]:
    """Every member's link, from the whole set (what the ledger holds after linking them one by one).
    Only an origin's own credit counts: `read_own(id)` gives it for an origin stored as a copy."""
    out: dict[str, Link] = {}
    for family in families(sorted(members, key=lambda m: m.id), pairs):
        origin = min(family, key=origin_order)
        if origin.copy and read_own is not None:
            origin.own_outlet, origin.copy = read_own(origin.id), False
        out.update(family_links(family))
    return out


def family_links(family: Sequence[Member]) -> dict[str, Link]:
    """Each member's link: copies point at the origin and carry the family's outlet."""
    origin = min(family, key=origin_order)
    wire = wire_named(origin.publisher)
    outlet = (wire.name if wire else None) or origin.own_outlet or origin.publisher or "unknown outlet"
    short = wire_named(outlet)
    out = {}
    for member in family:
        if member is origin:
            out[member.id] = _alone(member, outlet if len(family) > 1 else None)
            continue
        score = containment_from(_jaccard(member, origin), member.fingerprint.shingles, origin.fingerprint.shingles)
        out[member.id] = Link(outlet, origin.id, origin.title, outlet, short.short if short else None,
                              round(score, 3), "minhash")
    return out


def _alone(member: Member, family_outlet: str | None) -> Link:
    """An origin's or a lone document's link: its own credit, and the family's outlet when its
    publisher does not already name it (a wire's story published as 'AP')."""
    credit = _credit(member)
    mine = member.own_outlet or (family_outlet if family_outlet and family_outlet != member.publisher else None)
    if credit is None:
        return Link(mine)
    return Link(mine, None, None, credit.name, credit.short, None, "credit")


def _jaccard(a: Member, b: Member) -> float:
    return float(np.count_nonzero(a.fingerprint.values == b.fingerprint.values)) / NUM_PERM


# -- in the ledger ------------------------------------------------------------------------------

def fresh_member(document: Document, text: str | None = None) -> Member:
    """A document about to be stored; `text` when the stored text is left out (etrack load)."""
    text = document.text if text is None else text
    return Member(document.id, document.publisher, document.published, document.title, signature(text),
                  own_outlet(text, document.publisher, document.syndicated_from))


def link_document(conn: sqlite3.Connection, member: Member) -> None:
    """Inside the document's transaction: store its signature and regroup the families it touches."""
    f = member.fingerprint
    keys = band_keys(f) if f is not None else []
    if f is not None:
        conn.execute("INSERT OR REPLACE INTO document_minhash (document_id, signature, shingles) VALUES (?, ?, ?)",
                     (member.id, f.values.tobytes(), f.shingles))
        conn.executemany("INSERT OR IGNORE INTO minhash_bands (key, document_id) VALUES (?, ?)",
                         [(k, member.id) for k in keys])
    touched = {member.id} | _family_of(conn, member.id)
    if keys:
        candidates = [r[0] for r in conn.execute(
            f"SELECT DISTINCT document_id FROM minhash_bands WHERE key IN ({', '.join('?' * len(keys))})"
            " AND document_id != ?", [*keys, member.id])]
        near = _members(conn, candidates)
        for other, score in zip(near, alike(member, near)):
            if score is not None and other.id not in touched:
                touched |= _family_of(conn, other.id)
    _write(conn, links_of(_members(conn, sorted(touched - {member.id})) + [member],
                          read_own=lambda document_id: _own_from_text(conn, document_id)))


def copy_outlet(conn: sqlite3.Connection, document_id: str) -> str | None:
    """Whose story a stored document is, when it is a copy or credits a wire: 'AP', or the outlet."""
    row = conn.execute("SELECT short, outlet FROM document_copies WHERE document_id = ?", (document_id,)).fetchone()
    return (row[0] or row[1]) if row else None


def _family_of(conn: sqlite3.Connection, document_id: str) -> set[str]:
    """The stored family a document is in: its origin and the origin's copies (itself alone if none)."""
    row = conn.execute("SELECT origin_id FROM document_copies WHERE document_id = ? AND method = 'minhash'",
                       (document_id,)).fetchone()
    origin = row[0] if row else document_id
    return {origin} | {r[0] for r in conn.execute(
        "SELECT document_id FROM document_copies WHERE origin_id = ? AND method = 'minhash'", (origin,))}


def _members(conn: sqlite3.Connection, ids: Iterable[str]) -> list[Member]:
    """Stored documents as members (their text is not read)."""
    ids = list(ids)
    out = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out += [_member(row) for row in conn.execute(
            "SELECT d.id, d.publisher, d.published, d.title, d.syndicated_from, m.signature, m.shingles,"
            " c.method FROM documents d LEFT JOIN document_minhash m ON m.document_id = d.id"
            " LEFT JOIN document_copies c ON c.document_id = d.id"
            f" WHERE d.id IN ({', '.join('?' * len(chunk))}) ORDER BY d.id", chunk)]
    return out


def _member(row: sqlite3.Row) -> Member:
    f = Fingerprint(np.frombuffer(row["signature"], dtype=np.uint64).copy(), row["shingles"]) \
        if row["signature"] is not None else None
    if row["method"] == "minhash":  # its syndicated_from is its family's outlet, not its own
        return Member(row["id"], row["publisher"], row["published"], row["title"], f, None, copy=True)
    # An origin's or a lone document's syndicated_from is its own.
    return Member(row["id"], row["publisher"], row["published"], row["title"], f, row["syndicated_from"])


def _own_from_text(conn: sqlite3.Connection, document_id: str) -> str | None:
    """A stored copy's own credit, read from its text again (it becomes an origin: rare)."""
    from enforcement_tracker.extract.document import syndicated_from

    row = conn.execute("SELECT text, publisher FROM documents WHERE id = ?", (document_id,)).fetchone()
    text = row["text"] or ""
    return own_outlet(text, row["publisher"], syndicated_from(text))


def _write(conn: sqlite3.Connection, links: dict[str, Link]) -> None:
    """Write the links that differ from the ledger's; a document whose outlet changes is marked stale."""
    ids = sorted(links)
    now: dict[str, tuple] = {}
    outlets: dict[str, str | None] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ", ".join("?" * len(chunk))
        for row in conn.execute("SELECT document_id, origin_id, origin_title, outlet, short, similarity, method"
                                f" FROM document_copies WHERE document_id IN ({marks})", chunk):
            now[row[0]] = tuple(row[1:])
        outlets.update((r[0], r[1]) for r in conn.execute(
            f"SELECT id, syndicated_from FROM documents WHERE id IN ({marks})", chunk))
    for doc_id in ids:
        link = links[doc_id]
        row = (link.origin_id, link.origin_title, link.outlet, link.short, link.similarity, link.method)
        if link.method is None and doc_id in now:
            conn.execute("DELETE FROM document_copies WHERE document_id = ?", (doc_id,))
        elif link.method is not None and now.get(doc_id) != row:
            conn.execute("INSERT OR REPLACE INTO document_copies (document_id, origin_id, origin_title, outlet, short,"
                         " similarity, method) VALUES (?,?,?,?,?,?,?)", (doc_id, *row))
        if outlets.get(doc_id) != link.syndicated_from:
            conn.execute("UPDATE documents SET syndicated_from = ? WHERE id = ?", (link.syndicated_from, doc_id))
            # Its claims now count under another outlet: the events that hold them are redone.
            conn.execute("INSERT OR IGNORE INTO events_stale (document_id) VALUES (?)", (doc_id,))

"""What the ledger keeps of a fetch: the raw page (content-addressed, zlib), the document's
provenance and page revision, the fetch log, and the validators for the next conditional GET."""

from __future__ import annotations

import sqlite3
import zlib
from dataclasses import dataclass
from typing import Callable

from enforcement_tracker.errors import StoreError
from enforcement_tracker.fetch.client import now_iso


@dataclass
class Provenance:
    url: str              # as asked (the feed's link, the user's argument, the WARC target URI)
    final_url: str        # after redirects
    canonical_url: str
    fetched_at: str       # fetch time, or the capture date of a WARC record
    http_status: int
    raw_sha256: str
    content_type: str | None
    via: str              # fetch, feed:<id>, warc:<file name>


def provenance_writer(prov: Provenance, body: bytes, document_id: str) -> Callable[[sqlite3.Connection], None]:
    """Run inside the document's own transaction (save_extraction's `also`): the raw page, the
    provenance columns, and the page revision (the next number for its canonical URL)."""

    def write(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT OR IGNORE INTO raw_pages (sha256, size, content_type, body) VALUES (?,?,?,?)",
                     (prov.raw_sha256, len(body), prov.content_type, zlib.compress(body, 6)))
        before = conn.execute(
            "SELECT document_id, page_revision FROM document_provenance WHERE canonical_url = ? AND document_id != ?"
            " ORDER BY page_revision DESC LIMIT 1", (prov.canonical_url, document_id)).fetchone()
        conn.execute(
            "INSERT OR REPLACE INTO document_provenance (document_id, url, canonical_url, final_url, fetched_at,"
            " http_status, raw_sha256, via, page_revision, previous_revision) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (document_id, prov.url, prov.canonical_url, prov.final_url, prov.fetched_at, prov.http_status,
             prov.raw_sha256, prov.via, before[1] + 1 if before else 1, before[0] if before else None))

    return write


def seen_page(conn: sqlite3.Connection, canonical_url: str, raw_sha256: str) -> str | None:
    """The document already read from these exact bytes at this URL, if any."""
    row = conn.execute("SELECT document_id FROM document_provenance WHERE canonical_url = ? AND raw_sha256 = ? LIMIT 1",
                       (canonical_url, raw_sha256)).fetchone()
    if row:
        return row[0]
    row = conn.execute("SELECT document_id FROM fetches WHERE canonical_url = ? AND raw_sha256 = ?"
                       " AND document_id IS NOT NULL LIMIT 1", (canonical_url, raw_sha256)).fetchone()
    return row[0] if row else None


def latest_revision(conn: sqlite3.Connection, canonical_url: str) -> str | None:
    row = conn.execute("SELECT document_id FROM document_provenance WHERE canonical_url = ?"
                       " ORDER BY page_revision DESC LIMIT 1",
                       (canonical_url,)).fetchone()
    return row[0] if row else None


def log_fetch(conn: sqlite3.Connection, *, url: str, outcome: str, via: str, final_url: str | None = None,
              canonical_url: str | None = None, fetched_at: str | None = None, http_status: int | None = None,
              raw_sha256: str | None = None, document_id: str | None = None, detail: str | None = None) -> None:
    conn.execute(
        "INSERT INTO fetches (url, final_url, canonical_url, fetched_at, http_status, raw_sha256, document_id,"
        " outcome, detail, via) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (url, final_url, canonical_url, fetched_at or now_iso(), http_status, raw_sha256, document_id, outcome,
         detail, via))


def validators(conn: sqlite3.Connection, url: str) -> tuple[str | None, str | None]:
    row = conn.execute("SELECT etag, last_modified FROM http_cache WHERE url = ?", (url,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def remember_validators(conn: sqlite3.Connection, url: str, etag: str | None, last_modified: str | None,
                        raw_sha256: str | None) -> None:
    conn.execute(
        "INSERT INTO http_cache (url, etag, last_modified, raw_sha256, checked_at) VALUES (?,?,?,?,?)"
        " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,"
        " raw_sha256 = COALESCE(excluded.raw_sha256, http_cache.raw_sha256), checked_at = excluded.checked_at",
        (url, etag, last_modified, raw_sha256, now_iso()))


def raw_page(conn: sqlite3.Connection, document_id: str) -> bytes:
    """The page a document was read from, as served: to extract it again with a newer reader."""
    row = conn.execute("SELECT p.body FROM document_provenance d JOIN raw_pages p ON p.sha256 = d.raw_sha256"
                       " WHERE d.document_id = ?",
                       (document_id,)).fetchone()
    if row is None:
        raise StoreError(f"no raw page kept for {document_id}", hint="only fetched and WARC documents keep one")
    return zlib.decompress(row[0])

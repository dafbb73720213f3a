"""Synthetic ledgers: made-up reports in the contract's shapes, for tests and the web benchmark.

Nothing here is real reporting. Documents are a few generated sentences, each carrying one
record, with places, dates, agencies and sources shaped as in DESIGN.md. Small ledgers go
through `store.ledger.save_extraction` like real ingests; large ones (the 1-million-record
benchmark) are bulk-inserted with executemany in one transaction, using the same
`record_columns` so the rows are identical to what save_extraction writes.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterator, Sequence

from enforcement_tracker.errors import PublishError
from enforcement_tracker.kinds import registry
from enforcement_tracker.kinds.examples import Draw, Latest
from enforcement_tracker.kinds.examples import day as _day
from enforcement_tracker.models import Document, Extraction, Record, Source
from enforcement_tracker.store import db
from enforcement_tracker.store.ledger import record_columns, save_extraction

CITIES = [
    ("Chicago", "IL", 4887398, 41.85, -87.65), ("New York City", "NY", 5128581, 40.71, -74.01),
    ("Aurora", "CO", 5412347, 39.73, -104.83), ("Denver", "CO", 5419384, 39.74, -104.98),
    ("Los Angeles", "CA", 5368361, 34.05, -118.24), ("Houston", "TX", 4699066, 29.76, -95.36),
    ("Miami", "FL", 4164138, 25.77, -80.19), ("Atlanta", "GA", 4180439, 33.75, -84.39),
    ("Newark", "NJ", 5101798, 40.74, -74.17), ("Phoenix", "AZ", 5308655, 33.45, -112.07),
    ("San Antonio", "TX", 4726206, 29.42, -98.49), ("Charlotte", "NC", 4460243, 35.23, -80.84),
    ("Minneapolis", "MN", 5037649, 44.98, -93.26), ("Portland", "OR", 5746545, 45.52, -122.68),
    ("Seattle", "WA", 5809844, 47.61, -122.33), ("Boston", "MA", 4930956, 42.36, -71.06),
    ("Philadelphia", "PA", 4560349, 39.95, -75.16), ("Detroit", "MI", 4990729, 42.33, -83.05),
    ("Nashville", "TN", 4644585, 36.17, -86.78), ("Salt Lake City", "UT", 5780993, 40.76, -111.89),
    ("New Orleans", "LA", 4335045, 29.95, -90.08), ("Anchorage", "AK", 5879400, 61.22, -149.9),
    ("Honolulu", "HI", 5856195, 21.31, -157.86), ("Omaha", "NE", 5074472, 41.26, -95.94),
    ("Raleigh", "NC", 4487042, 35.77, -78.64), ("Baltimore", "MD", 4347778, 39.29, -76.61),
    ("Las Vegas", "NV", 5506956, 36.17, -115.14), ("Albuquerque", "NM", 5454711, 35.08, -106.65),
    ("Dallas", "TX", 4684888, 32.78, -96.81), ("San Diego", "CA", 5391811, 32.72, -117.16),
]
PUBLISHERS = ["Daily Ledger", "Metro Wire", "County Courier", "Public Radio Desk", "ICE (press release)"]
AGENCIES = [("ICE", "Immigration and Customs Enforcement"), ("ICE-ERO", "ICE's removal office"),
            ("CBP", "Customs and Border Protection"), ("FBI", "the FBI"), ("DHS", "Homeland Security")]
START = date(2025, 1, 1)
DAYS = 180


def _place(rng: random.Random) -> dict[str, Any]:
    name, state, gid, lat, lon = rng.choice(CITIES)
    return {"name": name, "kind": "city", "state": state, "geonameid": gid, "lat": lat, "lon": lon}


def _sentence(kind: str, rng: random.Random, when: date, prev: dict[str, Any]) -> tuple[str, dict, list[Source]]:
    """One sentence and the fields it carries, made up by the kind's `example` (kinds/)."""
    code, words = rng.choice(AGENCIES)
    anonymous = Source(kind="anonymous", count=rng.randint(1, 4), description="people familiar with the plans")
    example = registry.get(kind).example
    if example is None:
        raise PublishError(f"claim kind {kind!r} has no example sentence", source=kind,
                           hint="give its Kind an `example`, or leave it out of the synthetic mix")
    return example(Draw(rng, when, prev["place"], (code, words), anonymous, Source))


# The benchmark ledger's mix of kinds, in each document's order.
KIND_MIX = ("operation", "arrest_count", "criminality", "target", "cadence", "quote",
            "operation", "arrest_count", "criminality", "operation")


def synthetic_extractions(n_records: int, seed: int = 0, per_document: int = 10,
                          mix: Sequence[str] = KIND_MIX) -> Iterator[Extraction]:
    """Documents of `per_document` records each (the last may have fewer), deterministic per seed;
    a document's records are the first `per_document` kinds of `mix`."""
    rng = random.Random(seed)
    made, serial = 0, 0
    while made < n_records:
        serial += 1
        published = START + timedelta(days=rng.randrange(DAYS))
        publisher = rng.choice(PUBLISHERS)
        header = f"Report {serial} from {publisher}, {published.isoformat()}."
        pieces, specs, prev = [header], [], {"place": _place(rng)}
        offset = len(header) + 1
        for kind in mix[: min(per_document, n_records - made)]:
            when = published - timedelta(days=rng.randrange(0, 4))
            text, fields, sources = _sentence(kind, rng, when, prev)
            text = text[0].upper() + text[1:]
            specs.append((kind, (offset, offset + len(text)), text, fields, sources))
            pieces.append(text)
            offset += len(text) + 1
        body = " ".join(pieces)
        document = Document(text=body, publisher=publisher, published=published.isoformat(),
                            title=f"Enforcement report {serial}", path=f"synthetic/{serial}.txt")
        records: list[Record] = []
        latest: dict[str, str] = {}  # kind -> id of its latest record in this document
        for kind, span, quote, fields, sources in specs:
            fields = {k: latest.get(v.kind) if isinstance(v, Latest) else v for k, v in fields.items()}
            record = Record(kind=kind, span=span, quote=quote, fields=fields, sources=sources,
                            document_id=document.id, extractor="synthetic/1")
            record.assign_id()
            latest[kind] = record.id
            records.append(record)
        made += len(records)
        yield Extraction(document=document, records=records)


PRIVATE_NAME = "Jane Roe-Example"  # made up: a private person who must stay inside the document text


def hostile_extraction() -> Extraction:
    """A document whose text tries to run script in the page, and names a (made-up) arrested person.

    The web must show the script as text, and the name only inside the document's own text.
    """
    text = ("Agents began an operation in Aurora on January 26. <script>window.__pwned = 1;</script>"
            " <img src=x onerror=\"window.__pwned = 2\"> Jane Roe-Example, 34, was detained at home."
            " ICE said it made 1,200 arrests on January 26.")
    document = Document(text=text, publisher="Hostile Example", published="2025-01-29", title="<b>bold</b> title",
                        path="synthetic/hostile.txt")
    aurora = {"name": "Aurora", "kind": "city", "state": "CO", "geonameid": 5412347, "lat": 39.73, "lon": -104.83}
    spans = [(0, text.index(" <script>")), (text.index("ICE said"), len(text))]
    kinds = [("operation", {"places": [aurora], "start": _day(date(2025, 1, 26)), "end": None, "status": "ended",
                            "agencies": [{"code": "ICE", "text": "Agents"}], "name": None}),
             ("arrest_count", {"count": {"value": 1200, "qualifier": "exact"}, "period": _day(date(2025, 1, 26)),
                               "places": [], "agencies": [{"code": "ICE", "text": "ICE"}]})]
    records = []
    for (kind, fields), span in zip(kinds, spans):
        record = Record(kind=kind, span=span, quote=text[span[0]:span[1]], fields=fields,
                        sources=[Source(kind="outlet", outlet="Hostile Example")], document_id=document.id,
                        extractor="synthetic/1")
        record.assign_id()
        records.append(record)
    return Extraction(document=document, records=records)


def linked_extraction(url: str | None, *, lead: str = "", publisher: str = "Linked Example") -> Extraction:
    """A one-record document at `url` (hostile or not), whose quote begins with `lead`.

    For the security tests: a `javascript:` URL must never become a link, and a quote that
    begins like a spreadsheet formula (`=HYPERLINK(...)`) must be defused in every CSV.
    """
    tag = hashlib.sha256(f"{url}|{lead}".encode("utf-8")).hexdigest()[:12]
    sentence = f"{lead}ICE said it made 1,200 arrests on January 26."
    text = f"{sentence} Report {tag}."
    document = Document(text=text, publisher=publisher, published="2025-01-29", title=f"Linked report {tag}",
                        url=url, path=f"synthetic/linked-{tag}.txt")
    record = Record(kind="arrest_count", span=(0, len(sentence)), quote=sentence,
                    fields={"count": {"value": 1200, "qualifier": "exact"}, "period": _day(date(2025, 1, 26)),
                            "places": [], "agencies": [{"code": "ICE", "text": "ICE"}]},
                    sources=[Source(kind="outlet", outlet=publisher)], document_id=document.id,
                    extractor="synthetic/1")
    record.assign_id()
    return Extraction(document=document, records=[record])


def _table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None


def _bulk_insert(conn: sqlite3.Connection, batch: list[Extraction]) -> None:
    conn.executemany(
        "INSERT INTO documents (id, publisher, published, kind, title, url, syndicated_from, path, text, extractor,"
        " ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [(e.document.id, e.document.publisher, e.document.published, e.document.kind, e.document.title, None, None,
          e.document.path, e.document.text, "synthetic/1", e.document.published + "T12:00:00+00:00") for e in batch])
    rows = [record_columns(r) for e in batch for r in e.records]
    cols = list(rows[0])
    conn.executemany(f"INSERT INTO records ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                     [list(r.values()) for r in rows])
    records = [r for e in batch for r in e.records]
    conn.executemany(
        "INSERT INTO record_places (record_id, position, name, kind, state, geonameid, lat, lon) VALUES (?,?,?,?,?,?,?,?)",
        [(r.id, i, p["name"], p["kind"], p["state"], p["geonameid"], p["lat"], p["lon"])
         for r in records for i, p in enumerate(r.fields.get("places") or [])])
    conn.executemany("INSERT INTO record_agencies (record_id, code) VALUES (?, ?)",
                     [(r.id, a["code"]) for r in records for a in r.fields.get("agencies") or []])
    conn.executemany(
        "INSERT INTO sources (record_id, kind, count, description, outlet, first_reported) VALUES (?,?,?,?,?,0)",
        [(r.id, s.kind, s.count, s.description, s.outlet) for r in records for s in r.sources])


def _add_official(conn: sqlite3.Connection, seed: int) -> None:
    """Made-up official series over the same days, when the ledger has the tables for them."""
    rng = random.Random(seed + 1)
    if _table_exists(conn, "ice_posted_daily"):
        conn.executemany(
            "INSERT OR IGNORE INTO ice_posted_daily (date, weekday, arrests, detainers_lodged, source_note, source_url)"
            " VALUES (?,?,?,?,?,?)",
            [((START + timedelta(days=i)).isoformat(), f"{START + timedelta(days=i):%A}", rng.randint(600, 1300),
              rng.randint(300, 900), "synthetic", None) for i in range(0, DAYS, 1) if rng.random() < 0.6])
    if _table_exists(conn, "foia_arrests_weekly"):
        rows = []
        for w in range(0, DAYS, 7):
            total = rng.randint(3000, 6000)
            without = round(total * rng.uniform(0.4, 0.6))
            start = START + timedelta(days=w)
            rows.append((start.isoformat(), (start + timedelta(days=6)).isoformat(), total, total - without,
                         without, without / total, "synthetic"))
        conn.executemany(
            "INSERT OR IGNORE INTO foia_arrests_weekly (week_start, week_end, arrests_total, with_conviction,"
            " without_conviction, share_without_conviction, source) VALUES (?,?,?,?,?,?,?)", rows)


def _add_events_and_checks(conn: sqlite3.Connection, limit: int = 2000) -> None:
    """Group operations reported at the same place and day into events; check some counts."""
    groups = conn.execute(
        "SELECT r.state, rp.name, r.date_start, group_concat(r.id) FROM records r"
        " JOIN record_places rp ON rp.record_id = r.id AND rp.position = 0"
        " WHERE r.kind = 'operation' GROUP BY r.state, rp.name, r.date_start HAVING count(*) > 1 LIMIT ?",
        (limit,)).fetchall()
    for i, (state, name, day, ids) in enumerate(groups):
        event_id = f"evt_synthetic_{i}"
        members = ids.split(",")
        conn.execute("INSERT INTO events (id, kind, label, state, date_start, status, n_documents, n_records)"
                     " VALUES (?,?,?,?,?,?,?,?)", (event_id, "operation", f"Operation in {name}", state, day,
                                                  "unknown", len(members), len(members)))
        conn.executemany("INSERT INTO event_records (event_id, record_id) VALUES (?, ?)",
                         [(event_id, rid) for rid in members])
    if _table_exists(conn, "checks") and _table_exists(conn, "ice_posted_daily"):
        conn.execute(
            "INSERT INTO checks (id, record_id, official_source, definition, period_start, period_end, place,"
            " official_value, claim_value, difference_pct, verdict, json, checked_at)"
            " SELECT 'chk_' || r.id, r.id, 'ice_posted_daily', 'arrests ICE posted for the day', r.date_start,"
            " r.date_end, NULL, o.arrests, r.count_value, 100.0 * (r.count_value - o.arrests) / o.arrests,"
            " CASE WHEN abs(r.count_value - o.arrests) <= 0.1 * o.arrests THEN 'consistent' ELSE 'differs' END,"
            " '{}', '2025-07-01T00:00:00+00:00'"
            " FROM records r JOIN ice_posted_daily o ON o.date = r.date_start"
            " WHERE r.kind = 'arrest_count' AND r.state IS NULL LIMIT ?", (limit,))


def write_ledger(path: str | Path, n_records: int, seed: int = 0, *, extra: list[Extraction] | None = None,
                 bulk: bool | None = None) -> int:
    """Create a ledger of about n_records synthetic records (plus `extra` extractions); the record count."""
    conn = db.connect(path)
    bulk = n_records > 5000 if bulk is None else bulk
    if bulk:
        # A fresh file built in one go: keep the rollback journal in memory instead of writing
        # every page twice (WAL, then checkpoint). WAL comes back once the rows are in.
        conn.execute("PRAGMA journal_mode = MEMORY")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        batch: list[Extraction] = []
        for extraction in synthetic_extractions(n_records, seed):
            batch.append(extraction)
            if len(batch) >= 2000:
                _bulk_insert(conn, batch)
                batch = []
        if batch:
            _bulk_insert(conn, batch)
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = WAL")
    else:
        for extraction in synthetic_extractions(n_records, seed):
            save_extraction(conn, extraction)
    for extraction in extra or []:
        save_extraction(conn, extraction)
    conn.execute("BEGIN")
    _add_official(conn, seed)
    _add_events_and_checks(conn)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    n = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return n

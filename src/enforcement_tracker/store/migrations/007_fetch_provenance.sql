-- Reading the news where it is (enforcement_tracker/fetch): pages fetched over HTTP, feeds,
-- WARC captures, their provenance, revisions of one URL, and wire copies across outlets.

-- Where a document came from when it was fetched or read from a crawl archive (files have no row).
-- Tables of their own, not columns of documents: every statement here can run again on a ledger
-- that has them (IF NOT EXISTS), as a migration re-applied over its own work must.
CREATE TABLE IF NOT EXISTS document_provenance (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    url TEXT NOT NULL,                -- as asked: the user's argument, a feed's link, a WARC target URI
    canonical_url TEXT NOT NULL,      -- tracking parameters stripped, same-site rel=canonical followed
    final_url TEXT,                   -- after redirects
    fetched_at TEXT NOT NULL,         -- fetch time, or the WARC capture date (UTC, ISO)
    http_status INTEGER,
    raw_sha256 TEXT,                  -- the page as served: raw_pages.sha256
    via TEXT NOT NULL,                -- fetch, feed:<id>, warc:<file name>
    -- A changed article at the same canonical URL is a new document (its text hashes anew) and
    -- the next revision of the page; records say their revision through their document.
    page_revision INTEGER NOT NULL,   -- 1, 2, ... per canonical_url
    previous_revision TEXT            -- the document id of the revision before
);
CREATE INDEX IF NOT EXISTS document_provenance_canonical ON document_provenance(canonical_url, page_revision);
CREATE INDEX IF NOT EXISTS document_provenance_raw ON document_provenance(raw_sha256);

-- A wire copy: the same story printed by another outlet (MinHash) or credited to a wire in a line.
-- The copy's documents.syndicated_from names the origin's outlet, so events count it once.
CREATE TABLE IF NOT EXISTS document_copies (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    origin_id TEXT,                   -- the origin's document id (NULL: a credit line, origin not stored)
    origin_title TEXT,
    outlet TEXT NOT NULL,             -- whose story it is: the wire, or the origin's outlet
    short TEXT,                       -- the wire's short name (AP), when it is a wire
    similarity REAL,                  -- estimated containment of word shingles; NULL for a credit line alone
    method TEXT NOT NULL              -- minhash or credit
);
CREATE INDEX IF NOT EXISTS document_copies_origin ON document_copies(origin_id);

-- The bytes of every page as it was served, once per content hash (zlib), so any document can
-- be extracted again from what was read.
CREATE TABLE IF NOT EXISTS raw_pages (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    content_type TEXT,
    body BLOB NOT NULL
);

-- Every fetch and what came of it (new, revised, unchanged, not_modified, failed, refused, ...).
CREATE TABLE IF NOT EXISTS fetches (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    final_url TEXT,
    canonical_url TEXT,
    fetched_at TEXT NOT NULL,
    http_status INTEGER,
    raw_sha256 TEXT,
    document_id TEXT,
    outcome TEXT NOT NULL,
    detail TEXT,
    via TEXT                          -- fetch, feed:<id>, warc:<file name>
);
CREATE INDEX IF NOT EXISTS fetches_canonical ON fetches(canonical_url, raw_sha256);

-- Validators of the last answer per URL, sent back as If-None-Match / If-Modified-Since.
CREATE TABLE IF NOT EXISTS http_cache (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    raw_sha256 TEXT,
    checked_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    name TEXT,
    added_at TEXT NOT NULL,
    last_polled_at TEXT,
    last_outcome TEXT
);

-- Entries already seen, by the entry's id (or link) and its updated stamp.
CREATE TABLE IF NOT EXISTS feed_entries (
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    entry_key TEXT NOT NULL,
    updated TEXT NOT NULL DEFAULT '',
    url TEXT,
    seen_at TEXT NOT NULL,
    outcome TEXT NOT NULL,
    PRIMARY KEY (feed_id, entry_key, updated)
);

-- Wire-copy detection: each document's MinHash over word shingles, and its LSH band keys so
-- that the candidates for a new document are one indexed look-up, not a scan of the ledger.
CREATE TABLE IF NOT EXISTS document_minhash (
    document_id TEXT PRIMARY KEY,
    signature BLOB NOT NULL,          -- 128 uint64 MinHash values (datasketch)
    shingles INTEGER NOT NULL         -- how many distinct shingles: Jaccard to containment
);
CREATE TABLE IF NOT EXISTS minhash_bands (
    key TEXT NOT NULL,                -- "<band>:<its hash values in hex>"
    document_id TEXT NOT NULL,
    PRIMARY KEY (key, document_id)
) WITHOUT ROWID;

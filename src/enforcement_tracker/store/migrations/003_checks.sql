-- Claims held against official figures: one row per (record, official figure). Rebuilt by
-- `etrack check`; the web shows them next to each record.
CREATE TABLE checks (
    id TEXT PRIMARY KEY,
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    official_source TEXT NOT NULL,
    definition TEXT,
    period_start TEXT,
    period_end TEXT,
    place TEXT,
    official_value REAL,
    claim_value REAL,
    difference_pct REAL,
    verdict TEXT NOT NULL,
    json TEXT NOT NULL,
    checked_at TEXT NOT NULL
);
CREATE INDEX checks_record ON checks (record_id);

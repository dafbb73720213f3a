-- Crash-safe events. A document's own transaction marks it here; reconciliation brings the
-- events of the claims its records make up to date and removes the mark in one later
-- transaction. A run killed in between leaves the mark, so the next run (or any command that
-- reads events) finishes the work instead of believing the events are current.
CREATE TABLE events_stale (
    document_id TEXT PRIMARY KEY      -- no foreign key: the mark must outlive its document
);

-- The claim each record makes, hashed (reconcile.claim_hash): which records to regroup when a
-- new report of the same claim comes in, without reading every record in the ledger.
CREATE TABLE record_claims (
    record_id TEXT PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
    claim_hash TEXT NOT NULL
);
CREATE INDEX record_claims_hash ON record_claims(claim_hash);

-- What reconciliation needs to remember about itself: the version of its grouping rules that
-- last rebuilt every event (a different version means a full rebuild).
CREATE TABLE reconcile_state (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- A ledger made before this migration has events but no claim hashes: mark every document, so
-- the first reconciliation reads them all once.
INSERT INTO events_stale (document_id) SELECT id FROM documents;

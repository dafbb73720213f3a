-- Review, corrections and the audit trail (store/review.py, store/audit.py, store/reviewers.py).
-- Re-appliable over its own work: IF NOT EXISTS everywhere, and store/db.py lets an ADD COLUMN
-- whose column is already there pass.

-- Every record has a review state; what the ledger shows is its current revision.
ALTER TABLE records ADD COLUMN review TEXT NOT NULL DEFAULT 'machine';  -- machine, reviewed, verified or rejected
ALTER TABLE records ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;     -- the revision shown (0: the first machine reading)
ALTER TABLE records ADD COLUMN second_look INTEGER NOT NULL DEFAULT 0;  -- 1: a newer machine reading differs from the reviewed one
CREATE INDEX IF NOT EXISTS records_review ON records(review);

-- The revisions of a record's fields, never overwritten. Revision 0 is the first machine
-- reading; a reviewer's correction and a newer extractor's reading each add the next number.
-- A record that was never changed has no rows here: its stored JSON is its machine revision.
CREATE TABLE IF NOT EXISTS record_revisions (
    record_id TEXT NOT NULL,          -- no foreign key: a revision outlives nothing it describes
    revision INTEGER NOT NULL,
    origin TEXT NOT NULL,             -- machine (an extractor's reading) or reviewer (a correction)
    json TEXT NOT NULL,               -- the record in the contract at this revision
    who TEXT,                         -- the reviewer, or the extractor that read it
    at TEXT NOT NULL,
    why TEXT,
    PRIMARY KEY (record_id, revision)
);

-- One ledger, one identity: reviewer tokens are bound to it and refused by every other ledger.
CREATE TABLE IF NOT EXISTS ledger_identity (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    ledger_id TEXT NOT NULL,          -- random, made when this migration ran
    created_at TEXT NOT NULL
);
INSERT OR IGNORE INTO ledger_identity (one, ledger_id, created_at)
VALUES (1, lower(hex(randomblob(8))), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));

-- People who may review. The token is shown once when added; only its hash is kept.
CREATE TABLE IF NOT EXISTS reviewers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL UNIQUE,  -- sha256 of the ledger id and the token
    added_at TEXT NOT NULL,
    revoked_at TEXT                   -- NULL while the token works
);

-- The audit log: every review action, refusal, ingest, import and release. Append-only.
CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,              -- a reviewer's name, or 'etrack' for the tool itself
    action TEXT NOT NULL,             -- accept, verify, correct, reject, refused, ingest, import, reextract, release, reviewer-add, reviewer-revoke
    subject TEXT,                     -- a record id, document id, file or version
    detail TEXT                       -- JSON: what changed and why
);
CREATE INDEX IF NOT EXISTS audit_log_subject ON audit_log(subject);

CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed');
END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted');
END;

-- Ingests and imports are logged by the ledger itself, in the transaction that stores them.
CREATE TRIGGER IF NOT EXISTS audit_ingest AFTER INSERT ON documents BEGIN
    INSERT INTO audit_log (at, actor, action, subject, detail)
    VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'etrack', 'ingest', new.id,
            json_object('publisher', new.publisher, 'published', new.published, 'path', new.path,
                        'extractor', new.extractor));
END;
CREATE TRIGGER IF NOT EXISTS audit_import AFTER INSERT ON official_imports BEGIN
    INSERT INTO audit_log (at, actor, action, subject, detail)
    VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'etrack', 'import', new.file_name,
            json_object('kind', new.kind, 'sha256', new.sha256, 'edition', new.edition, 'rows', new.rows));
END;

-- Releases written by `etrack release`: their files are listed on /releases.
CREATE TABLE IF NOT EXISTS releases (
    version TEXT PRIMARY KEY,
    released_on TEXT NOT NULL,        -- the date in the package (YYYY-MM-DD)
    path TEXT NOT NULL,               -- the folder it was written to
    review_filter TEXT,               -- the review states it holds, e.g. "reviewed,verified"
    files TEXT NOT NULL,              -- JSON: [{"name", "bytes", "sha256"}]
    records INTEGER NOT NULL
);

-- What each release held, record by record: the next release's CHANGES.md is made against it.
CREATE TABLE IF NOT EXISTS release_records (
    version TEXT NOT NULL REFERENCES releases(version) ON DELETE CASCADE,
    record_id TEXT NOT NULL,
    review TEXT NOT NULL,
    revision INTEGER NOT NULL,
    digest TEXT NOT NULL,             -- sha256 of the record's JSON as released
    PRIMARY KEY (version, record_id)
);

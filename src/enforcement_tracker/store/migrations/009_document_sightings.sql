-- Document identity (store/identity.py): a document is its text; of the copies of one text read
-- with different metadata, the earliest published is the document's row, and every other copy
-- is kept here once (its metadata and where it was read), whether it arrived by ingest or load.
CREATE TABLE document_sightings (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    copy_key TEXT NOT NULL,           -- hash of the copy's metadata (store/identity.py: copy_key)
    publisher TEXT,
    published TEXT,
    kind TEXT,
    title TEXT,
    url TEXT,
    path TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (document_id, copy_key)
);
CREATE INDEX document_sightings_url ON document_sightings(url);

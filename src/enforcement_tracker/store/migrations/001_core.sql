-- The ledger's core: documents, the records extracted from them, who says each, events
-- that group reports of the same thing, and the review log.

CREATE TABLE documents (
    id TEXT PRIMARY KEY,              -- "sha256:" + hash of the stored text
    publisher TEXT,
    published TEXT,                   -- ISO date, or partial YYYY-MM / YYYY, or NULL
    kind TEXT NOT NULL DEFAULT 'news',
    title TEXT,
    url TEXT,
    syndicated_from TEXT,
    path TEXT,                        -- where it was read from, as given
    text TEXT NOT NULL,
    extractor TEXT,                   -- name and version of the extractor that read it
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_publisher ON documents(publisher);

CREATE TABLE records (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    quote TEXT NOT NULL,
    date_start TEXT,                  -- period / start / issued_on, ISO
    date_end TEXT,
    state TEXT,                       -- first place's USPS code, NULL = nationwide or foreign
    places TEXT,                      -- place names joined with "; "
    agencies TEXT,                    -- agency codes joined with "; "
    count_value REAL,
    count_low REAL,
    count_high REAL,
    share REAL,
    qualifier TEXT,
    status TEXT,                      -- operations
    category TEXT,                    -- criminality
    per TEXT,                         -- targets and cadences
    of_record TEXT,                   -- criminality: the arrest_count it qualifies
    sources_text TEXT,                -- who says it, in words
    extractor TEXT,
    json TEXT NOT NULL                -- the full record as in the contract
);
CREATE INDEX records_kind ON records(kind);
CREATE INDEX records_document ON records(document_id);
CREATE INDEX records_state ON records(state);
CREATE INDEX records_date ON records(date_start);

CREATE TABLE record_places (
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT,
    state TEXT,
    geonameid INTEGER,
    lat REAL,
    lon REAL,
    PRIMARY KEY (record_id, position)
);
CREATE INDEX record_places_name ON record_places(name);
CREATE INDEX record_places_state ON record_places(state);

CREATE TABLE record_agencies (
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    PRIMARY KEY (record_id, code)
);
CREATE INDEX record_agencies_code ON record_agencies(code);

CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    count INTEGER,
    description TEXT,
    person_name TEXT,                 -- public officials and named speakers only
    person_title TEXT,
    outlet TEXT,
    first_reported INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sources_record ON sources(record_id);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    label TEXT,
    state TEXT,
    date_start TEXT,
    date_end TEXT,
    status TEXT,
    n_documents INTEGER NOT NULL DEFAULT 0,
    n_records INTEGER NOT NULL DEFAULT 0,
    n_independent_sources INTEGER NOT NULL DEFAULT 0,
    conflicts TEXT,                   -- JSON list of disagreements between reports
    json TEXT
);

CREATE TABLE event_records (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, record_id)
);

CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    who TEXT NOT NULL,
    at TEXT NOT NULL,
    what TEXT NOT NULL,               -- JSON: the fields changed, before and after
    why TEXT
);

CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid');
CREATE VIRTUAL TABLE records_fts USING fts5(quote, content='records', content_rowid='rowid');

CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER records_ai AFTER INSERT ON records BEGIN
    INSERT INTO records_fts(rowid, quote) VALUES (new.rowid, new.quote);
END;
CREATE TRIGGER records_ad AFTER DELETE ON records BEGIN
    INSERT INTO records_fts(records_fts, rowid, quote) VALUES ('delete', old.rowid, old.quote);
END;

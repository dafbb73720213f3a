-- Words of the quote found newest first. records_fts (001) numbers a quote by its record's rowid,
-- so a search joined to the filters and sorted by publication date reads every match and sorts
-- them (q=arrested&kind=operation: 200,000 matches, none an operation, 0.3-0.8 s at 1M). This
-- index numbers each quote by its document's publication date, then its rowid: the order the
-- pages list records in, so FTS5 hands out matches newest first and a page stops after its last
-- row. Beside the quote, what the filters ask of a record, as words: its kind, review state,
-- status, own state and agencies in `facets` ("koperation rmachine splanned xil aice"), every
-- place with its state in `places` ("p chicago xil p aurora xco"), its document's publisher in
-- `publisher`, so words with any filter but the dates are one FTS5 intersection instead of a
-- test of every match. `facets` holds made words only, one per value, so a kind, status, review
-- state or agency counts exactly there, and "inevent" marks a record some event
-- groups (the events list reads only those); a place, state or publisher matches a superset ("p york"
-- is in "p new york"), which the pages test row by row. Contentless: the quotes stay in
-- records alone.

-- The rowid: yyyymmdd of the publication date (missing month or day 0, so "2025-01" sorts before
-- "2025-01-01" as the text does; no date 0, last) times 2^32, plus the record's rowid.
CREATE VIEW records_fts_by_date_rows AS
SELECT r.rowid AS record_rowid,
       (CASE WHEN d.published IS NULL THEN 0
             ELSE CAST(substr(d.published, 1, 4) AS INTEGER) * 10000 + CAST(substr(d.published, 6, 2) AS INTEGER) * 100
                  + CAST(substr(d.published, 9, 2) AS INTEGER) END) * 4294967296 + r.rowid AS key,
       r.quote AS quote,
       'k' || replace(r.kind, '_', '') || ' r' || replace(r.review, '_', '')
           || COALESCE(' s' || replace(r.status, '_', ''), '') || COALESCE(' x' || r.state, '')
           || COALESCE((SELECT group_concat(w, '') FROM (SELECT ' a' || replace(replace(a.code, '-', ''), '_', '') AS w
                        FROM record_agencies a WHERE a.record_id = r.id ORDER BY a.code)), '')
           || CASE WHEN EXISTS (SELECT 1 FROM event_records er WHERE er.record_id = r.id) THEN ' inevent' ELSE '' END
           AS facets,
       (SELECT group_concat(w, ' ') FROM (SELECT 'p ' || p.name || COALESCE(' x' || p.state, '') AS w
        FROM record_places p WHERE p.record_id = r.id ORDER BY p.position)) AS places,
       d.publisher AS publisher
FROM records r LEFT JOIN documents d ON d.id = r.document_id;

CREATE VIRTUAL TABLE records_fts_by_date USING fts5(quote, facets, places, publisher, content='');

INSERT INTO records_fts_by_date (rowid, quote, facets, places, publisher) SELECT key, quote, facets, places, publisher FROM records_fts_by_date_rows;

-- A contentless index forgets a row only when told the very words it holds: each trigger reads
-- them from the view while the record (and its document) is still as it was indexed.
CREATE TRIGGER records_fts_by_date_ai AFTER INSERT ON records BEGIN
    INSERT INTO records_fts_by_date (rowid, quote, facets, places, publisher)
    SELECT key, quote, facets, places, publisher FROM records_fts_by_date_rows WHERE record_rowid = new.rowid;
END;

CREATE TRIGGER records_fts_by_date_bd BEFORE DELETE ON records BEGIN
    INSERT INTO records_fts_by_date (records_fts_by_date, rowid, quote, facets, places, publisher)
    SELECT 'delete', key, quote, facets, places, publisher FROM records_fts_by_date_rows WHERE record_rowid = old.rowid;
END;

CREATE TRIGGER records_fts_by_date_bu BEFORE UPDATE OF quote, kind, review, status, state ON records BEGIN
    INSERT INTO records_fts_by_date (records_fts_by_date, rowid, quote, facets, places, publisher)
    SELECT 'delete', key, quote, facets, places, publisher FROM records_fts_by_date_rows WHERE record_rowid = old.rowid;
END;

CREATE TRIGGER records_fts_by_date_au AFTER UPDATE OF quote, kind, review, status, state ON records BEGIN
    INSERT INTO records_fts_by_date (rowid, quote, facets, places, publisher)
    SELECT key, quote, facets, places, publisher FROM records_fts_by_date_rows WHERE record_rowid = new.rowid;
END;

-- A record's places and agencies are written after it, and rewritten by a correction: each
-- change takes its record's row out as it was and puts it back as it is.
CREATE TRIGGER records_fts_by_date_place_bi BEFORE INSERT ON record_places BEGIN
    INSERT INTO records_fts_by_date (records_fts_by_date, rowid, quote, facets, places, publisher)
    SELECT 'delete', v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id = new.record_id;
END;

CREATE TRIGGER records_fts_by_date_place_ai AFTER INSERT ON record_places BEGIN
    INSERT INTO records_fts_by_date (rowid, quote, facets, places, publisher)
    SELECT v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id = new.record_id;
END;

-- When a record goes, its places go after it (the cascade): they find no record, and do nothing.
CREATE TRIGGER records_fts_by_date_place_bd BEFORE DELETE ON record_places BEGIN
    INSERT INTO records_fts_by_date (records_fts_by_date, rowid, quote, facets, places, publisher)
    SELECT 'delete', v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id = old.record_id;
END;

CREATE TRIGGER records_fts_by_date_place_ad AFTER DELETE ON record_places BEGIN
    INSERT INTO records_fts_by_date (rowid, quote, facets, places, publisher)
    SELECT v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id = old.record_id;
END;

CREATE TRIGGER records_fts_by_date_place_bu BEFORE UPDATE ON record_places BEGIN
    INSERT INTO records_fts_by_date (records_fts_by_date, rowid, quote, facets, places, publisher)
    SELECT 'delete', v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id IN (old.record_id, new.record_id);
END;

CREATE TRIGGER records_fts_by_date_place_au AFTER UPDATE ON record_places BEGIN
    INSERT INTO records_fts_by_date (rowid, quote, facets, places, publisher)
    SELECT v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id IN (old.record_id, new.record_id);
END;

CREATE TRIGGER records_fts_by_date_agency_bi BEFORE INSERT ON record_agencies BEGIN
    INSERT INTO records_fts_by_date (records_fts_by_date, rowid, quote, facets, places, publisher)
    SELECT 'delete', v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id = new.record_id;
END;

CREATE TRIGGER records_fts_by_date_agency_ai AFTER INSERT ON record_agencies BEGIN
    INSERT INTO records_fts_by_date (rowid, quote, facets, places, publisher)
    SELECT v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id = new.record_id;
END;

CREATE TRIGGER records_fts_by_date_agency_bd BEFORE DELETE ON record_agencies BEGIN
    INSERT INTO records_fts_by_date (records_fts_by_date, rowid, quote, facets, places, publisher)
    SELECT 'delete', v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id = old.record_id;
END;

CREATE TRIGGER records_fts_by_date_agency_ad AFTER DELETE ON record_agencies BEGIN
    INSERT INTO records_fts_by_date (rowid, quote, facets, places, publisher)
    SELECT v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id = old.record_id;
END;

CREATE TRIGGER records_fts_by_date_agency_bu BEFORE UPDATE ON record_agencies BEGIN
    INSERT INTO records_fts_by_date (records_fts_by_date, rowid, quote, facets, places, publisher)
    SELECT 'delete', v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id IN (old.record_id, new.record_id);
END;

CREATE TRIGGER records_fts_by_date_agency_au AFTER UPDATE ON record_agencies BEGIN
    INSERT INTO records_fts_by_date (rowid, quote, facets, places, publisher)
    SELECT v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id IN (old.record_id, new.record_id);
END;

-- A record joining its first event, or leaving its last, gains or loses "inevent".
CREATE TRIGGER records_fts_by_date_event_bi BEFORE INSERT ON event_records
WHEN NOT EXISTS (SELECT 1 FROM event_records WHERE record_id = new.record_id) BEGIN
    INSERT INTO records_fts_by_date (records_fts_by_date, rowid, quote, facets, places, publisher)
    SELECT 'delete', v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id = new.record_id;
END;

CREATE TRIGGER records_fts_by_date_event_ai AFTER INSERT ON event_records
WHEN (SELECT count(*) FROM event_records WHERE record_id = new.record_id) = 1 BEGIN
    INSERT INTO records_fts_by_date (rowid, quote, facets, places, publisher)
    SELECT v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id = new.record_id;
END;

CREATE TRIGGER records_fts_by_date_event_bd BEFORE DELETE ON event_records
WHEN (SELECT count(*) FROM event_records WHERE record_id = old.record_id) = 1 BEGIN
    INSERT INTO records_fts_by_date (records_fts_by_date, rowid, quote, facets, places, publisher)
    SELECT 'delete', v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id = old.record_id;
END;

CREATE TRIGGER records_fts_by_date_event_ad AFTER DELETE ON event_records
WHEN NOT EXISTS (SELECT 1 FROM event_records WHERE record_id = old.record_id) BEGIN
    INSERT INTO records_fts_by_date (rowid, quote, facets, places, publisher)
    SELECT v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.id = old.record_id;
END;

-- A document's date moves its records in the order; its publisher is among their facet words.
CREATE TRIGGER records_fts_by_date_document_bu BEFORE UPDATE OF published, publisher ON documents BEGIN
    INSERT INTO records_fts_by_date (records_fts_by_date, rowid, quote, facets, places, publisher)
    SELECT 'delete', v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.document_id = old.id;
END;

CREATE TRIGGER records_fts_by_date_document_au AFTER UPDATE OF published, publisher ON documents BEGIN
    INSERT INTO records_fts_by_date (rowid, quote, facets, places, publisher)
    SELECT v.key, v.quote, v.facets, v.places, v.publisher FROM records r JOIN records_fts_by_date_rows v ON v.record_rowid = r.rowid
    WHERE r.document_id = new.id;
END;

-- A document's records leave before it does, so every trigger on them still reads its date (the
-- foreign key's cascade would remove them after the document is gone).
CREATE TRIGGER documents_records_bd BEFORE DELETE ON documents BEGIN
    DELETE FROM records WHERE document_id = old.id;
END;

-- The records list by place and by kind (publish/records_page.py), each newest first within its
-- group, read in index order and stopped at the page instead of sorting a million rows. Read
-- backwards, (places IS NULL DESC, places DESC, date_start) gives placed records first, places
-- A to Z, then the newest claim first; (kind DESC, date_start) gives kinds A to Z, newest first;
-- records_by_kind_place, one kind's records by place (a kind without places would otherwise walk
-- every placed record first).
CREATE INDEX records_by_place ON records (places IS NULL DESC, places DESC, date_start);
CREATE INDEX records_by_kind ON records (kind DESC, date_start);
CREATE INDEX records_by_kind_place ON records (kind DESC, places IS NULL DESC, places DESC, date_start);

-- Their figures, so the planner knows a kind or a place picks a sixth or a half of the records: an
-- index it knows nothing of looks as good as a document's own, and a newest-first walk over
-- documents that probed each one's criminality records by kind read 200,000 rows per document.
ANALYZE records_by_place;
ANALYZE records_by_kind;
ANALYZE records_by_kind_place;

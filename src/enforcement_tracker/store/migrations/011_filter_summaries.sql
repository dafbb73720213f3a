-- Summaries for the filters 010's cannot answer without reading every record: an agency, the
-- publication dates a date filter reaches, and the review counts. Kept by triggers like 010's.

-- Records by kind, own dates and their document's publication date. A date filter (since,
-- until) reads these few thousand rows for the publication dates its records can have, so the
-- newest-first walk over documents starts at the first that can match and stops after the last,
-- instead of reading every newer document first. day_start and day_end are 010's.
CREATE TABLE record_day_summary (
    kind TEXT NOT NULL,
    day_start TEXT NOT NULL,          -- COALESCE(date_start, date_end, published, '')
    day_end TEXT NOT NULL,            -- COALESCE(date_end, date_start, published, '')
    published TEXT NOT NULL,          -- the document's, '' when it has none
    n INTEGER NOT NULL,
    PRIMARY KEY (kind, day_start, day_end, published)
) WITHOUT ROWID;

INSERT INTO record_day_summary (kind, day_start, day_end, published, n)
SELECT r.kind, COALESCE(r.date_start, r.date_end, d.published, ''), COALESCE(r.date_end, r.date_start, d.published, ''),
       COALESCE(d.published, ''), count(*)
FROM records r JOIN documents d ON d.id = r.document_id GROUP BY 1, 2, 3, 4;

CREATE TRIGGER record_day_summary_ai AFTER INSERT ON records BEGIN
    INSERT INTO record_day_summary (kind, day_start, day_end, published, n)
    SELECT new.kind, COALESCE(new.date_start, new.date_end, d.published, ''),
           COALESCE(new.date_end, new.date_start, d.published, ''), COALESCE(d.published, ''), 1
    FROM (SELECT 1) LEFT JOIN documents d ON d.id = new.document_id
    WHERE true
    ON CONFLICT (kind, day_start, day_end, published) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER record_day_summary_bd BEFORE DELETE ON records BEGIN
    UPDATE record_day_summary SET n = n - 1
    WHERE (kind, day_start, day_end, published) = (
        SELECT old.kind, COALESCE(old.date_start, old.date_end, d.published, ''),
               COALESCE(old.date_end, old.date_start, d.published, ''), COALESCE(d.published, '')
        FROM (SELECT 1) LEFT JOIN documents d ON d.id = old.document_id);
    DELETE FROM record_day_summary WHERE n <= 0;
END;

CREATE TRIGGER record_day_summary_au AFTER UPDATE OF kind, date_start, date_end ON records BEGIN
    UPDATE record_day_summary SET n = n - 1
    WHERE (kind, day_start, day_end, published) = (
        SELECT old.kind, COALESCE(old.date_start, old.date_end, d.published, ''),
               COALESCE(old.date_end, old.date_start, d.published, ''), COALESCE(d.published, '')
        FROM (SELECT 1) LEFT JOIN documents d ON d.id = old.document_id);
    DELETE FROM record_day_summary WHERE n <= 0;
    INSERT INTO record_day_summary (kind, day_start, day_end, published, n)
    SELECT new.kind, COALESCE(new.date_start, new.date_end, d.published, ''),
           COALESCE(new.date_end, new.date_start, d.published, ''), COALESCE(d.published, ''), 1
    FROM (SELECT 1) LEFT JOIN documents d ON d.id = new.document_id
    WHERE true
    ON CONFLICT (kind, day_start, day_end, published) DO UPDATE SET n = n + 1;
END;

-- Records by review state and second look: the dashboard's "awaiting review" without counting a
-- million machine records on every state of the ledger.
CREATE TABLE review_summary (
    review TEXT NOT NULL,
    second_look INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (review, second_look)
) WITHOUT ROWID;

INSERT INTO review_summary (review, second_look, n) SELECT review, second_look, count(*) FROM records GROUP BY 1, 2;

CREATE TRIGGER review_summary_ai AFTER INSERT ON records BEGIN
    INSERT INTO review_summary (review, second_look, n) VALUES (new.review, new.second_look, 1)
    ON CONFLICT (review, second_look) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER review_summary_ad AFTER DELETE ON records BEGIN
    UPDATE review_summary SET n = n - 1 WHERE review = old.review AND second_look = old.second_look;
    DELETE FROM review_summary WHERE n <= 0;
END;

CREATE TRIGGER review_summary_au AFTER UPDATE OF review, second_look ON records
WHEN old.review IS NOT new.review OR old.second_look IS NOT new.second_look BEGIN
    UPDATE review_summary SET n = n - 1 WHERE review = old.review AND second_look = old.second_look;
    DELETE FROM review_summary WHERE n <= 0;
    INSERT INTO review_summary (review, second_look, n) VALUES (new.review, new.second_look, 1)
    ON CONFLICT (review, second_look) DO UPDATE SET n = n + 1;
END;

-- 010's record counts, once per agency a record names: the dashboard's counts for an agency
-- (with a kind, dates, a status or a publisher). A record naming two agencies counts under each;
-- a filter names one agency, so no record counts twice in an answer.
CREATE TABLE agency_count_summary (
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    day_start TEXT NOT NULL,
    day_end TEXT NOT NULL,
    status TEXT NOT NULL,
    publisher TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (code, kind, day_start, day_end, status, publisher)
) WITHOUT ROWID;

INSERT INTO agency_count_summary (code, kind, day_start, day_end, status, publisher, n)
SELECT a.code, r.kind, COALESCE(r.date_start, r.date_end, d.published, ''),
       COALESCE(r.date_end, r.date_start, d.published, ''), COALESCE(r.status, ''), COALESCE(d.publisher, ''), count(*)
FROM record_agencies a JOIN records r ON r.id = a.record_id JOIN documents d ON d.id = r.document_id
GROUP BY 1, 2, 3, 4, 5, 6;

-- A record's agencies are written after it (store/ledger.py), so the agency row finds its record.
CREATE TRIGGER agency_count_summary_ai AFTER INSERT ON record_agencies BEGIN
    INSERT INTO agency_count_summary (code, kind, day_start, day_end, status, publisher, n)
    SELECT new.code, r.kind, COALESCE(r.date_start, r.date_end, d.published, ''),
           COALESCE(r.date_end, r.date_start, d.published, ''), COALESCE(r.status, ''), COALESCE(d.publisher, ''), 1
    FROM records r LEFT JOIN documents d ON d.id = r.document_id WHERE r.id = new.record_id
    ON CONFLICT (code, kind, day_start, day_end, status, publisher) DO UPDATE SET n = n + 1;
END;

-- An agency taken off a record that stays (a correction). When the record itself goes, its
-- agencies leave in the record's own trigger below: by the time the cascade removes the agency
-- rows the record is gone, and this one finds nothing to take off.
CREATE TRIGGER agency_count_summary_ad AFTER DELETE ON record_agencies BEGIN
    UPDATE agency_count_summary SET n = n - 1
    WHERE (code, kind, day_start, day_end, status, publisher) = (
        SELECT old.code, r.kind, COALESCE(r.date_start, r.date_end, d.published, ''),
               COALESCE(r.date_end, r.date_start, d.published, ''), COALESCE(r.status, ''), COALESCE(d.publisher, '')
        FROM records r LEFT JOIN documents d ON d.id = r.document_id WHERE r.id = old.record_id);
    DELETE FROM agency_count_summary WHERE n <= 0;
END;

CREATE TRIGGER agency_count_summary_bd BEFORE DELETE ON records BEGIN
    UPDATE agency_count_summary SET n = n - 1
    WHERE (code, kind, day_start, day_end, status, publisher) IN (
        SELECT a.code, old.kind, COALESCE(old.date_start, old.date_end, d.published, ''),
               COALESCE(old.date_end, old.date_start, d.published, ''), COALESCE(old.status, ''),
               COALESCE(d.publisher, '')
        FROM record_agencies a LEFT JOIN documents d ON d.id = old.document_id WHERE a.record_id = old.id);
    DELETE FROM agency_count_summary WHERE n <= 0;
END;

CREATE TRIGGER agency_count_summary_au AFTER UPDATE OF kind, date_start, date_end, status ON records BEGIN
    UPDATE agency_count_summary SET n = n - 1
    WHERE (code, kind, day_start, day_end, status, publisher) IN (
        SELECT a.code, old.kind, COALESCE(old.date_start, old.date_end, d.published, ''),
               COALESCE(old.date_end, old.date_start, d.published, ''), COALESCE(old.status, ''),
               COALESCE(d.publisher, '')
        FROM record_agencies a LEFT JOIN documents d ON d.id = old.document_id WHERE a.record_id = old.id);
    DELETE FROM agency_count_summary WHERE n <= 0;
    INSERT INTO agency_count_summary (code, kind, day_start, day_end, status, publisher, n)
    SELECT a.code, new.kind, COALESCE(new.date_start, new.date_end, d.published, ''),
           COALESCE(new.date_end, new.date_start, d.published, ''), COALESCE(new.status, ''), COALESCE(d.publisher, ''), 1
    FROM record_agencies a LEFT JOIN documents d ON d.id = new.document_id WHERE a.record_id = new.id
    ON CONFLICT (code, kind, day_start, day_end, status, publisher) DO UPDATE SET n = n + 1;
END;

-- 010's place_day_summary once per agency a record names: the map and the timeline for an agency.
-- A group is an (agency, place) pair of one record, made by whichever of the two rows is written
-- second (places are written before agencies, but either order gives the same groups).
CREATE TABLE agency_place_day_summary (
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    kind TEXT NOT NULL,
    day TEXT NOT NULL,
    status TEXT NOT NULL,
    n INTEGER NOT NULL,
    largest REAL,
    lat REAL,
    lon REAL,
    record_id TEXT,
    PRIMARY KEY (code, name, state, kind, day, status)
) WITHOUT ROWID;

INSERT INTO agency_place_day_summary (code, name, state, kind, day, status, n, largest, lat, lon, record_id)
SELECT a.code, p.name, COALESCE(p.state, ''), r.kind,
       COALESCE(r.date_start, (SELECT published FROM documents WHERE id = r.document_id), ''),
       COALESCE(r.status, ''), count(*), max(r.count_value), avg(p.lat), avg(p.lon), min(r.id)
FROM record_agencies a JOIN records r ON r.id = a.record_id JOIN record_places p ON p.record_id = r.id
WHERE r.kind IN ('operation', 'arrest_count') AND (r.kind = 'operation' OR p.position = 0)
GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TRIGGER agency_place_day_summary_place_ai AFTER INSERT ON record_places
WHEN new.position = 0 OR (SELECT kind FROM records WHERE id = new.record_id) = 'operation' BEGIN
    INSERT INTO agency_place_day_summary (code, name, state, kind, day, status, n, largest, lat, lon, record_id)
    SELECT a.code, new.name, COALESCE(new.state, ''), r.kind,
           COALESCE(r.date_start, (SELECT published FROM documents WHERE id = r.document_id), ''),
           COALESCE(r.status, ''), 1, r.count_value, new.lat, new.lon, r.id
    FROM records r JOIN record_agencies a ON a.record_id = r.id
    WHERE r.id = new.record_id AND r.kind IN ('operation', 'arrest_count')
    ON CONFLICT (code, name, state, kind, day, status) DO UPDATE SET
        n = n + 1,
        largest = CASE WHEN largest IS NULL OR excluded.largest > largest THEN excluded.largest ELSE largest END,
        lat = CASE WHEN excluded.lat IS NULL THEN lat WHEN lat IS NULL THEN excluded.lat
                   ELSE lat + (excluded.lat - lat) / (n + 1) END,
        lon = CASE WHEN excluded.lon IS NULL THEN lon WHEN lon IS NULL THEN excluded.lon
                   ELSE lon + (excluded.lon - lon) / (n + 1) END,
        record_id = min(record_id, excluded.record_id);
END;

CREATE TRIGGER agency_place_day_summary_agency_ai AFTER INSERT ON record_agencies BEGIN
    INSERT INTO agency_place_day_summary (code, name, state, kind, day, status, n, largest, lat, lon, record_id)
    SELECT new.code, p.name, COALESCE(p.state, ''), r.kind,
           COALESCE(r.date_start, (SELECT published FROM documents WHERE id = r.document_id), ''),
           COALESCE(r.status, ''), 1, r.count_value, p.lat, p.lon, r.id
    FROM records r JOIN record_places p ON p.record_id = r.id
    WHERE r.id = new.record_id AND r.kind IN ('operation', 'arrest_count') AND (p.position = 0 OR r.kind = 'operation')
    ON CONFLICT (code, name, state, kind, day, status) DO UPDATE SET
        n = n + 1,
        largest = CASE WHEN largest IS NULL OR excluded.largest > largest THEN excluded.largest ELSE largest END,
        lat = CASE WHEN excluded.lat IS NULL THEN lat WHEN lat IS NULL THEN excluded.lat
                   ELSE lat + (excluded.lat - lat) / (n + 1) END,
        lon = CASE WHEN excluded.lon IS NULL THEN lon WHEN lon IS NULL THEN excluded.lon
                   ELSE lon + (excluded.lon - lon) / (n + 1) END,
        record_id = min(record_id, excluded.record_id);
END;

-- A place taken off a record that stays (a correction rewrites places and agencies).
CREATE TRIGGER agency_place_day_summary_place_ad AFTER DELETE ON record_places BEGIN
    UPDATE agency_place_day_summary SET n = n - 1
    WHERE name = old.name AND state = COALESCE(old.state, '')
      AND code IN (SELECT code FROM record_agencies WHERE record_id = old.record_id)
      AND (kind, day, status) = (
          SELECT r.kind, COALESCE(r.date_start, (SELECT published FROM documents WHERE id = r.document_id), ''),
                 COALESCE(r.status, '')
          FROM records r WHERE r.id = old.record_id AND r.kind IN ('operation', 'arrest_count')
            AND (old.position = 0 OR r.kind = 'operation'));
    DELETE FROM agency_place_day_summary WHERE n <= 0;
    UPDATE agency_place_day_summary SET largest = (SELECT max(v) FROM (
            SELECT r.count_value AS v FROM records r JOIN record_places p ON p.record_id = r.id AND p.position = 0 JOIN record_agencies a ON a.record_id = r.id AND a.code = agency_place_day_summary.code
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = agency_place_day_summary.status AND p.name = agency_place_day_summary.name
              AND COALESCE(p.state, '') = agency_place_day_summary.state
              AND r.date_start = agency_place_day_summary.day
            UNION ALL
            SELECT r.count_value FROM records r JOIN documents d0 ON d0.id = r.document_id JOIN record_places p ON p.record_id = r.id AND p.position = 0 JOIN record_agencies a ON a.record_id = r.id AND a.code = agency_place_day_summary.code
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = agency_place_day_summary.status AND p.name = agency_place_day_summary.name
              AND COALESCE(p.state, '') = agency_place_day_summary.state
              AND r.date_start IS NULL AND COALESCE(d0.published, '') = agency_place_day_summary.day))
    WHERE kind = 'arrest_count' AND name = old.name AND state = COALESCE(old.state, '')
      AND code IN (SELECT code FROM record_agencies WHERE record_id = old.record_id)
      AND largest = (SELECT count_value FROM records WHERE id = old.record_id);
END;

CREATE TRIGGER agency_place_day_summary_agency_ad AFTER DELETE ON record_agencies BEGIN
    UPDATE agency_place_day_summary SET n = n - 1
    WHERE code = old.code
      AND (name, state, kind, day, status) IN (
          SELECT p.name, COALESCE(p.state, ''), r.kind,
                 COALESCE(r.date_start, (SELECT published FROM documents WHERE id = r.document_id), ''),
                 COALESCE(r.status, '')
          FROM records r JOIN record_places p ON p.record_id = r.id
          WHERE r.id = old.record_id AND r.kind IN ('operation', 'arrest_count')
            AND (p.position = 0 OR r.kind = 'operation'));
    DELETE FROM agency_place_day_summary WHERE n <= 0;
    UPDATE agency_place_day_summary SET largest = (SELECT max(v) FROM (
            SELECT r.count_value AS v FROM records r JOIN record_places p ON p.record_id = r.id AND p.position = 0 JOIN record_agencies a ON a.record_id = r.id AND a.code = agency_place_day_summary.code
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = agency_place_day_summary.status AND p.name = agency_place_day_summary.name
              AND COALESCE(p.state, '') = agency_place_day_summary.state
              AND r.date_start = agency_place_day_summary.day
            UNION ALL
            SELECT r.count_value FROM records r JOIN documents d0 ON d0.id = r.document_id JOIN record_places p ON p.record_id = r.id AND p.position = 0 JOIN record_agencies a ON a.record_id = r.id AND a.code = agency_place_day_summary.code
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = agency_place_day_summary.status AND p.name = agency_place_day_summary.name
              AND COALESCE(p.state, '') = agency_place_day_summary.state
              AND r.date_start IS NULL AND COALESCE(d0.published, '') = agency_place_day_summary.day))
    WHERE kind = 'arrest_count' AND code = old.code
      AND (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.record_id)
      AND largest = (SELECT count_value FROM records WHERE id = old.record_id);
END;

-- The events list in its own order (most widely reported first), walked until a page of events
-- with a report in the selection is found.
CREATE INDEX events_listing ON events (n_documents DESC, n_independent_sources DESC, date_start, id);

-- 010's place groups lost no count when a record's places were rewritten (store/ledger.py's
-- replace_record deletes them and writes them again: a review correction, a re-extraction), so
-- every correction counted its record twice. A place taken off a record that stays now leaves its
-- group (a record that goes is taken off by its own trigger below; the cascade then finds it gone), and
-- the groups are counted again from the records, mending ledgers corrected before.
CREATE TRIGGER place_day_summary_place_ad AFTER DELETE ON record_places BEGIN
    UPDATE place_day_summary SET n = n - 1
    WHERE name = old.name AND state = COALESCE(old.state, '')
      AND (kind, day, status) = (
          SELECT r.kind, COALESCE(r.date_start, (SELECT published FROM documents WHERE id = r.document_id), ''),
                 COALESCE(r.status, '')
          FROM records r WHERE r.id = old.record_id AND r.kind IN ('operation', 'arrest_count')
            AND (old.position = 0 OR r.kind = 'operation'));
    DELETE FROM place_day_summary WHERE n <= 0;
    UPDATE place_day_summary SET largest = (SELECT max(v) FROM (
            SELECT r.count_value AS v FROM records r JOIN record_places p ON p.record_id = r.id AND p.position = 0
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = place_day_summary.status AND p.name = place_day_summary.name
              AND COALESCE(p.state, '') = place_day_summary.state
              AND r.date_start = place_day_summary.day
            UNION ALL
            SELECT r.count_value FROM records r JOIN documents d0 ON d0.id = r.document_id JOIN record_places p ON p.record_id = r.id AND p.position = 0
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = place_day_summary.status AND p.name = place_day_summary.name
              AND COALESCE(p.state, '') = place_day_summary.state
              AND r.date_start IS NULL AND COALESCE(d0.published, '') = place_day_summary.day))
    WHERE kind = 'arrest_count' AND name = old.name AND state = COALESCE(old.state, '')
      AND largest = (SELECT count_value FROM records WHERE id = old.record_id);
END;

DELETE FROM place_day_summary;
INSERT INTO place_day_summary (name, state, kind, day, status, n, largest, lat, lon, record_id)
SELECT p.name, COALESCE(p.state, ''), r.kind,
       COALESCE(r.date_start, (SELECT published FROM documents WHERE id = r.document_id), ''),
       COALESCE(r.status, ''), count(*), max(r.count_value), avg(p.lat), avg(p.lon), min(r.id)
FROM records r JOIN record_places p ON p.record_id = r.id
WHERE r.kind IN ('operation', 'arrest_count') AND (r.kind = 'operation' OR p.position = 0)
GROUP BY 1, 2, 3, 4, 5;

-- 010's place groups once per publisher (of the record's document, compared without case as the
-- filter compares it): the map and the timeline for a publisher.
CREATE TABLE publisher_place_day_summary (
    publisher TEXT NOT NULL COLLATE NOCASE,
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    kind TEXT NOT NULL,
    day TEXT NOT NULL,
    status TEXT NOT NULL,
    n INTEGER NOT NULL,
    largest REAL,
    lat REAL,
    lon REAL,
    record_id TEXT,
    PRIMARY KEY (publisher, name, state, kind, day, status)
) WITHOUT ROWID;

INSERT INTO publisher_place_day_summary (publisher, name, state, kind, day, status, n, largest, lat, lon, record_id)
SELECT COALESCE(d.publisher, ''), p.name, COALESCE(p.state, ''), r.kind, COALESCE(r.date_start, d.published, ''),
       COALESCE(r.status, ''), count(*), max(r.count_value), avg(p.lat), avg(p.lon), min(r.id)
FROM records r JOIN documents d ON d.id = r.document_id JOIN record_places p ON p.record_id = r.id
WHERE r.kind IN ('operation', 'arrest_count') AND (r.kind = 'operation' OR p.position = 0)
GROUP BY COALESCE(d.publisher, '') COLLATE NOCASE, 2, 3, 4, 5, 6;

CREATE TRIGGER publisher_place_day_summary_ai AFTER INSERT ON record_places
WHEN new.position = 0 OR (SELECT kind FROM records WHERE id = new.record_id) = 'operation' BEGIN
    INSERT INTO publisher_place_day_summary (publisher, name, state, kind, day, status, n, largest, lat, lon, record_id)
    SELECT COALESCE(d.publisher, ''), new.name, COALESCE(new.state, ''), r.kind, COALESCE(r.date_start, d.published, ''),
           COALESCE(r.status, ''), 1, r.count_value, new.lat, new.lon, r.id
    FROM records r LEFT JOIN documents d ON d.id = r.document_id
    WHERE r.id = new.record_id AND r.kind IN ('operation', 'arrest_count')
    ON CONFLICT (publisher, name, state, kind, day, status) DO UPDATE SET
        n = n + 1,
        largest = CASE WHEN largest IS NULL OR excluded.largest > largest THEN excluded.largest ELSE largest END,
        lat = CASE WHEN excluded.lat IS NULL THEN lat WHEN lat IS NULL THEN excluded.lat
                   ELSE lat + (excluded.lat - lat) / (n + 1) END,
        lon = CASE WHEN excluded.lon IS NULL THEN lon WHEN lon IS NULL THEN excluded.lon
                   ELSE lon + (excluded.lon - lon) / (n + 1) END,
        record_id = min(record_id, excluded.record_id);
END;

-- A place taken off a record that stays (a correction rewrites them).
CREATE TRIGGER publisher_place_day_summary_ad AFTER DELETE ON record_places BEGIN
    UPDATE publisher_place_day_summary SET n = n - 1
    WHERE name = old.name AND state = COALESCE(old.state, '')
      AND (publisher, kind, day, status) = (
          SELECT COALESCE(d.publisher, ''), r.kind, COALESCE(r.date_start, d.published, ''), COALESCE(r.status, '')
          FROM records r LEFT JOIN documents d ON d.id = r.document_id
          WHERE r.id = old.record_id AND r.kind IN ('operation', 'arrest_count')
            AND (old.position = 0 OR r.kind = 'operation'));
    DELETE FROM publisher_place_day_summary WHERE n <= 0;
    UPDATE publisher_place_day_summary SET largest = (SELECT max(v) FROM (
            SELECT r.count_value AS v FROM records r JOIN record_places p ON p.record_id = r.id AND p.position = 0 JOIN documents dp ON dp.id = r.document_id
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = publisher_place_day_summary.status AND p.name = publisher_place_day_summary.name
              AND COALESCE(p.state, '') = publisher_place_day_summary.state AND COALESCE(dp.publisher, '') = publisher_place_day_summary.publisher
              AND r.date_start = publisher_place_day_summary.day
            UNION ALL
            SELECT r.count_value FROM records r JOIN documents d0 ON d0.id = r.document_id JOIN record_places p ON p.record_id = r.id AND p.position = 0 JOIN documents dp ON dp.id = r.document_id
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = publisher_place_day_summary.status AND p.name = publisher_place_day_summary.name
              AND COALESCE(p.state, '') = publisher_place_day_summary.state AND COALESCE(dp.publisher, '') = publisher_place_day_summary.publisher
              AND r.date_start IS NULL AND COALESCE(d0.published, '') = publisher_place_day_summary.day))
    WHERE kind = 'arrest_count' AND name = old.name AND state = COALESCE(old.state, '')
      AND largest = (SELECT count_value FROM records WHERE id = old.record_id);
END;

-- A record that goes or is corrected leaves its groups; a group whose largest count was this
-- record's finds it again from the records still in it, read by (kind, day) and by place (two
-- arms: dated records by their own day, undated ones by their document's). 010's triggers
-- found it again for every group at the record's places, whatever their day: 20 s a correction
-- at a million records, where these take milliseconds.
DROP TRIGGER place_day_summary_bd;
DROP TRIGGER place_day_summary_au;

CREATE TRIGGER place_day_summary_bd BEFORE DELETE ON records
WHEN old.kind IN ('operation', 'arrest_count') BEGIN
    UPDATE place_day_summary SET n = n - 1
    WHERE (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id AND (position = 0 OR old.kind = 'operation'))
      AND kind = old.kind AND status = COALESCE(old.status, '')
      AND day = COALESCE(old.date_start, (SELECT published FROM documents WHERE id = old.document_id), '');
    DELETE FROM place_day_summary WHERE n <= 0;
    UPDATE place_day_summary SET largest = (SELECT max(v) FROM (
            SELECT r.count_value AS v FROM records r JOIN record_places p ON p.record_id = r.id AND p.position = 0
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = place_day_summary.status AND p.name = place_day_summary.name
              AND COALESCE(p.state, '') = place_day_summary.state AND r.id != old.id
              AND r.date_start = place_day_summary.day
            UNION ALL
            SELECT r.count_value FROM records r JOIN documents d0 ON d0.id = r.document_id JOIN record_places p ON p.record_id = r.id AND p.position = 0
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = place_day_summary.status AND p.name = place_day_summary.name
              AND COALESCE(p.state, '') = place_day_summary.state AND r.id != old.id
              AND r.date_start IS NULL AND COALESCE(d0.published, '') = place_day_summary.day))
    WHERE old.kind = 'arrest_count' AND largest = old.count_value
      AND (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id AND (position = 0 OR old.kind = 'operation'))
      AND kind = old.kind AND status = COALESCE(old.status, '')
      AND day = COALESCE(old.date_start, (SELECT published FROM documents WHERE id = old.document_id), '');
END;

CREATE TRIGGER place_day_summary_au AFTER UPDATE OF kind, status, date_start, count_value ON records
WHEN new.kind IN ('operation', 'arrest_count') OR old.kind IN ('operation', 'arrest_count') BEGIN
    UPDATE place_day_summary SET n = n - 1
    WHERE (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id AND (position = 0 OR old.kind = 'operation'))
      AND kind = old.kind AND status = COALESCE(old.status, '')
      AND day = COALESCE(old.date_start, (SELECT published FROM documents WHERE id = old.document_id), '');
    DELETE FROM place_day_summary WHERE n <= 0;
    UPDATE place_day_summary SET largest = (SELECT max(v) FROM (
            SELECT r.count_value AS v FROM records r JOIN record_places p ON p.record_id = r.id AND p.position = 0
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = place_day_summary.status AND p.name = place_day_summary.name
              AND COALESCE(p.state, '') = place_day_summary.state
              AND r.date_start = place_day_summary.day
            UNION ALL
            SELECT r.count_value FROM records r JOIN documents d0 ON d0.id = r.document_id JOIN record_places p ON p.record_id = r.id AND p.position = 0
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = place_day_summary.status AND p.name = place_day_summary.name
              AND COALESCE(p.state, '') = place_day_summary.state
              AND r.date_start IS NULL AND COALESCE(d0.published, '') = place_day_summary.day))
    WHERE old.kind = 'arrest_count' AND largest = old.count_value
      AND (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id AND (position = 0 OR old.kind = 'operation'))
      AND kind = old.kind AND status = COALESCE(old.status, '')
      AND day = COALESCE(old.date_start, (SELECT published FROM documents WHERE id = old.document_id), '');
    INSERT INTO place_day_summary (name, state, kind, day, status, n, largest, lat, lon, record_id)
    SELECT p.name, COALESCE(p.state, ''), new.kind, COALESCE(new.date_start, (SELECT published FROM documents WHERE id = new.document_id), ''),
           COALESCE(new.status, ''), 1, new.count_value, p.lat, p.lon, new.id
    FROM record_places p WHERE p.record_id = new.id AND new.kind IN ('operation', 'arrest_count') AND (p.position = 0 OR new.kind = 'operation')
    ON CONFLICT DO UPDATE SET
        n = n + 1, record_id = min(record_id, excluded.record_id),
        largest = CASE WHEN largest IS NULL OR excluded.largest > largest THEN excluded.largest ELSE largest END;
END;

CREATE TRIGGER agency_place_day_summary_bd BEFORE DELETE ON records
WHEN old.kind IN ('operation', 'arrest_count') BEGIN
    UPDATE agency_place_day_summary SET n = n - 1
    WHERE (code, name, state) IN (SELECT a.code, p.name, COALESCE(p.state, '') FROM record_agencies a JOIN record_places p ON p.record_id = a.record_id WHERE a.record_id = old.id AND (p.position = 0 OR old.kind = 'operation'))
      AND kind = old.kind AND status = COALESCE(old.status, '')
      AND day = COALESCE(old.date_start, (SELECT published FROM documents WHERE id = old.document_id), '');
    DELETE FROM agency_place_day_summary WHERE n <= 0;
    UPDATE agency_place_day_summary SET largest = (SELECT max(v) FROM (
            SELECT r.count_value AS v FROM records r JOIN record_places p ON p.record_id = r.id AND p.position = 0 JOIN record_agencies a ON a.record_id = r.id AND a.code = agency_place_day_summary.code
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = agency_place_day_summary.status AND p.name = agency_place_day_summary.name
              AND COALESCE(p.state, '') = agency_place_day_summary.state AND r.id != old.id
              AND r.date_start = agency_place_day_summary.day
            UNION ALL
            SELECT r.count_value FROM records r JOIN documents d0 ON d0.id = r.document_id JOIN record_places p ON p.record_id = r.id AND p.position = 0 JOIN record_agencies a ON a.record_id = r.id AND a.code = agency_place_day_summary.code
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = agency_place_day_summary.status AND p.name = agency_place_day_summary.name
              AND COALESCE(p.state, '') = agency_place_day_summary.state AND r.id != old.id
              AND r.date_start IS NULL AND COALESCE(d0.published, '') = agency_place_day_summary.day))
    WHERE old.kind = 'arrest_count' AND largest = old.count_value
      AND (code, name, state) IN (SELECT a.code, p.name, COALESCE(p.state, '') FROM record_agencies a JOIN record_places p ON p.record_id = a.record_id WHERE a.record_id = old.id AND (p.position = 0 OR old.kind = 'operation'))
      AND kind = old.kind AND status = COALESCE(old.status, '')
      AND day = COALESCE(old.date_start, (SELECT published FROM documents WHERE id = old.document_id), '');
END;

CREATE TRIGGER agency_place_day_summary_au AFTER UPDATE OF kind, status, date_start, count_value ON records
WHEN new.kind IN ('operation', 'arrest_count') OR old.kind IN ('operation', 'arrest_count') BEGIN
    UPDATE agency_place_day_summary SET n = n - 1
    WHERE (code, name, state) IN (SELECT a.code, p.name, COALESCE(p.state, '') FROM record_agencies a JOIN record_places p ON p.record_id = a.record_id WHERE a.record_id = old.id AND (p.position = 0 OR old.kind = 'operation'))
      AND kind = old.kind AND status = COALESCE(old.status, '')
      AND day = COALESCE(old.date_start, (SELECT published FROM documents WHERE id = old.document_id), '');
    DELETE FROM agency_place_day_summary WHERE n <= 0;
    UPDATE agency_place_day_summary SET largest = (SELECT max(v) FROM (
            SELECT r.count_value AS v FROM records r JOIN record_places p ON p.record_id = r.id AND p.position = 0 JOIN record_agencies a ON a.record_id = r.id AND a.code = agency_place_day_summary.code
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = agency_place_day_summary.status AND p.name = agency_place_day_summary.name
              AND COALESCE(p.state, '') = agency_place_day_summary.state
              AND r.date_start = agency_place_day_summary.day
            UNION ALL
            SELECT r.count_value FROM records r JOIN documents d0 ON d0.id = r.document_id JOIN record_places p ON p.record_id = r.id AND p.position = 0 JOIN record_agencies a ON a.record_id = r.id AND a.code = agency_place_day_summary.code
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = agency_place_day_summary.status AND p.name = agency_place_day_summary.name
              AND COALESCE(p.state, '') = agency_place_day_summary.state
              AND r.date_start IS NULL AND COALESCE(d0.published, '') = agency_place_day_summary.day))
    WHERE old.kind = 'arrest_count' AND largest = old.count_value
      AND (code, name, state) IN (SELECT a.code, p.name, COALESCE(p.state, '') FROM record_agencies a JOIN record_places p ON p.record_id = a.record_id WHERE a.record_id = old.id AND (p.position = 0 OR old.kind = 'operation'))
      AND kind = old.kind AND status = COALESCE(old.status, '')
      AND day = COALESCE(old.date_start, (SELECT published FROM documents WHERE id = old.document_id), '');
    INSERT INTO agency_place_day_summary (code, name, state, kind, day, status, n, largest, lat, lon, record_id)
    SELECT a.code, p.name, COALESCE(p.state, ''), new.kind, COALESCE(new.date_start, (SELECT published FROM documents WHERE id = new.document_id), ''),
           COALESCE(new.status, ''), 1, new.count_value, p.lat, p.lon, new.id
    FROM record_agencies a JOIN record_places p ON p.record_id = a.record_id WHERE a.record_id = new.id AND new.kind IN ('operation', 'arrest_count') AND (p.position = 0 OR new.kind = 'operation')
    ON CONFLICT DO UPDATE SET
        n = n + 1, record_id = min(record_id, excluded.record_id),
        largest = CASE WHEN largest IS NULL OR excluded.largest > largest THEN excluded.largest ELSE largest END;
END;

CREATE TRIGGER publisher_place_day_summary_bd BEFORE DELETE ON records
WHEN old.kind IN ('operation', 'arrest_count') BEGIN
    UPDATE publisher_place_day_summary SET n = n - 1
    WHERE (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id AND (position = 0 OR old.kind = 'operation'))
      AND kind = old.kind AND status = COALESCE(old.status, '')
      AND day = COALESCE(old.date_start, (SELECT published FROM documents WHERE id = old.document_id), '')
      AND publisher = (SELECT COALESCE(publisher, '') FROM documents WHERE id = old.document_id);
    DELETE FROM publisher_place_day_summary WHERE n <= 0;
    UPDATE publisher_place_day_summary SET largest = (SELECT max(v) FROM (
            SELECT r.count_value AS v FROM records r JOIN record_places p ON p.record_id = r.id AND p.position = 0 JOIN documents dp ON dp.id = r.document_id
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = publisher_place_day_summary.status AND p.name = publisher_place_day_summary.name
              AND COALESCE(p.state, '') = publisher_place_day_summary.state AND COALESCE(dp.publisher, '') = publisher_place_day_summary.publisher AND r.id != old.id
              AND r.date_start = publisher_place_day_summary.day
            UNION ALL
            SELECT r.count_value FROM records r JOIN documents d0 ON d0.id = r.document_id JOIN record_places p ON p.record_id = r.id AND p.position = 0 JOIN documents dp ON dp.id = r.document_id
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = publisher_place_day_summary.status AND p.name = publisher_place_day_summary.name
              AND COALESCE(p.state, '') = publisher_place_day_summary.state AND COALESCE(dp.publisher, '') = publisher_place_day_summary.publisher AND r.id != old.id
              AND r.date_start IS NULL AND COALESCE(d0.published, '') = publisher_place_day_summary.day))
    WHERE old.kind = 'arrest_count' AND largest = old.count_value
      AND (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id AND (position = 0 OR old.kind = 'operation'))
      AND kind = old.kind AND status = COALESCE(old.status, '')
      AND day = COALESCE(old.date_start, (SELECT published FROM documents WHERE id = old.document_id), '')
      AND publisher = (SELECT COALESCE(publisher, '') FROM documents WHERE id = old.document_id);
END;

CREATE TRIGGER publisher_place_day_summary_au AFTER UPDATE OF kind, status, date_start, count_value ON records
WHEN new.kind IN ('operation', 'arrest_count') OR old.kind IN ('operation', 'arrest_count') BEGIN
    UPDATE publisher_place_day_summary SET n = n - 1
    WHERE (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id AND (position = 0 OR old.kind = 'operation'))
      AND kind = old.kind AND status = COALESCE(old.status, '')
      AND day = COALESCE(old.date_start, (SELECT published FROM documents WHERE id = old.document_id), '')
      AND publisher = (SELECT COALESCE(publisher, '') FROM documents WHERE id = old.document_id);
    DELETE FROM publisher_place_day_summary WHERE n <= 0;
    UPDATE publisher_place_day_summary SET largest = (SELECT max(v) FROM (
            SELECT r.count_value AS v FROM records r JOIN record_places p ON p.record_id = r.id AND p.position = 0 JOIN documents dp ON dp.id = r.document_id
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = publisher_place_day_summary.status AND p.name = publisher_place_day_summary.name
              AND COALESCE(p.state, '') = publisher_place_day_summary.state AND COALESCE(dp.publisher, '') = publisher_place_day_summary.publisher
              AND r.date_start = publisher_place_day_summary.day
            UNION ALL
            SELECT r.count_value FROM records r JOIN documents d0 ON d0.id = r.document_id JOIN record_places p ON p.record_id = r.id AND p.position = 0 JOIN documents dp ON dp.id = r.document_id
            WHERE r.kind = 'arrest_count' AND COALESCE(r.status, '') = publisher_place_day_summary.status AND p.name = publisher_place_day_summary.name
              AND COALESCE(p.state, '') = publisher_place_day_summary.state AND COALESCE(dp.publisher, '') = publisher_place_day_summary.publisher
              AND r.date_start IS NULL AND COALESCE(d0.published, '') = publisher_place_day_summary.day))
    WHERE old.kind = 'arrest_count' AND largest = old.count_value
      AND (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id AND (position = 0 OR old.kind = 'operation'))
      AND kind = old.kind AND status = COALESCE(old.status, '')
      AND day = COALESCE(old.date_start, (SELECT published FROM documents WHERE id = old.document_id), '')
      AND publisher = (SELECT COALESCE(publisher, '') FROM documents WHERE id = old.document_id);
    INSERT INTO publisher_place_day_summary (publisher, name, state, kind, day, status, n, largest, lat, lon, record_id)
    SELECT COALESCE(d.publisher, ''), p.name, COALESCE(p.state, ''), new.kind, COALESCE(new.date_start, (SELECT published FROM documents WHERE id = new.document_id), ''),
           COALESCE(new.status, ''), 1, new.count_value, p.lat, p.lon, new.id
    FROM record_places p LEFT JOIN documents d ON d.id = new.document_id WHERE p.record_id = new.id AND new.kind IN ('operation', 'arrest_count') AND (p.position = 0 OR new.kind = 'operation')
    ON CONFLICT DO UPDATE SET
        n = n + 1, record_id = min(record_id, excluded.record_id),
        largest = CASE WHEN largest IS NULL OR excluded.largest > largest THEN excluded.largest ELSE largest END;
END;

-- Each event's reports by their dates (010's day_start and day_end): the events list for a
-- selection of dates asks an event this small table, not every one of its reports. Counts, so a
-- report that leaves takes its dates with it without reading the others.
CREATE TABLE event_day_summary (
    event_id TEXT NOT NULL,
    day_start TEXT NOT NULL,
    day_end TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (event_id, day_start, day_end)
) WITHOUT ROWID;

INSERT INTO event_day_summary (event_id, day_start, day_end, n)
SELECT er.event_id, COALESCE(r.date_start, r.date_end, d.published, ''), COALESCE(r.date_end, r.date_start, d.published, ''),
       count(*)
FROM event_records er JOIN records r ON r.id = er.record_id JOIN documents d ON d.id = r.document_id
GROUP BY 1, 2, 3;

CREATE TRIGGER event_day_summary_ai AFTER INSERT ON event_records BEGIN
    INSERT INTO event_day_summary (event_id, day_start, day_end, n)
    SELECT new.event_id, COALESCE(r.date_start, r.date_end, d.published, ''),
           COALESCE(r.date_end, r.date_start, d.published, ''), 1
    FROM records r LEFT JOIN documents d ON d.id = r.document_id WHERE r.id = new.record_id
    ON CONFLICT (event_id, day_start, day_end) DO UPDATE SET n = n + 1;
END;

-- A report taken out of an event (regrouping). When the record itself goes, the record's own
-- trigger below takes its dates off first, and the cascade then finds the record gone.
CREATE TRIGGER event_day_summary_ad AFTER DELETE ON event_records BEGIN
    UPDATE event_day_summary SET n = n - 1
    WHERE (event_id, day_start, day_end) = (
        SELECT old.event_id, COALESCE(r.date_start, r.date_end, d.published, ''),
               COALESCE(r.date_end, r.date_start, d.published, '')
        FROM records r LEFT JOIN documents d ON d.id = r.document_id WHERE r.id = old.record_id);
    DELETE FROM event_day_summary WHERE event_id = old.event_id AND n <= 0;
END;

CREATE TRIGGER event_day_summary_bd BEFORE DELETE ON records BEGIN
    UPDATE event_day_summary SET n = n - 1
    WHERE event_id IN (SELECT event_id FROM event_records WHERE record_id = old.id)
      AND (day_start, day_end) = (
        SELECT COALESCE(old.date_start, old.date_end, d.published, ''), COALESCE(old.date_end, old.date_start, d.published, '')
        FROM (SELECT 1) LEFT JOIN documents d ON d.id = old.document_id);
    DELETE FROM event_day_summary WHERE n <= 0
      AND event_id IN (SELECT event_id FROM event_records WHERE record_id = old.id);
END;

CREATE TRIGGER event_day_summary_au AFTER UPDATE OF date_start, date_end ON records BEGIN
    UPDATE event_day_summary SET n = n - 1
    WHERE event_id IN (SELECT event_id FROM event_records WHERE record_id = old.id)
      AND (day_start, day_end) = (
        SELECT COALESCE(old.date_start, old.date_end, d.published, ''), COALESCE(old.date_end, old.date_start, d.published, '')
        FROM (SELECT 1) LEFT JOIN documents d ON d.id = old.document_id);
    DELETE FROM event_day_summary WHERE n <= 0
      AND event_id IN (SELECT event_id FROM event_records WHERE record_id = old.id);
    INSERT INTO event_day_summary (event_id, day_start, day_end, n)
    SELECT er.event_id, COALESCE(new.date_start, new.date_end, d.published, ''),
           COALESCE(new.date_end, new.date_start, d.published, ''), 1
    FROM event_records er LEFT JOIN documents d ON d.id = new.document_id WHERE er.record_id = new.id
    ON CONFLICT (event_id, day_start, day_end) DO UPDATE SET n = n + 1;
END;

-- The daily chart per agency and per publisher: 010's nationwide one-day claims by day and value
-- and daily targets by band, kept once per agency a record names and per publisher (compared
-- without case). A group's link moves off a record that goes, as 010's do.
CREATE TABLE agency_daily_claim_summary (
    code TEXT NOT NULL,
    day TEXT NOT NULL,
    value REAL NOT NULL,
    n INTEGER NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (code, day, value)
) WITHOUT ROWID;

INSERT INTO agency_daily_claim_summary (code, day, value, n, record_id)
SELECT a.code, r.date_start, r.count_value, count(*), min(r.id)
FROM record_agencies a JOIN records r ON r.id = a.record_id WHERE r.kind = 'arrest_count' AND r.state IS NULL AND r.places IS NULL AND r.date_start = r.date_end AND r.count_value IS NOT NULL
GROUP BY 1, 2, 3;

CREATE TRIGGER agency_daily_claim_summary_ai AFTER INSERT ON record_agencies BEGIN
    INSERT INTO agency_daily_claim_summary (code, day, value, n, record_id)
    SELECT new.code, r.date_start, r.count_value, 1, r.id
    FROM records r WHERE r.id = new.record_id AND r.kind = 'arrest_count' AND r.state IS NULL AND r.places IS NULL AND r.date_start = r.date_end AND r.count_value IS NOT NULL
    ON CONFLICT (code, day, value) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id);
END;

CREATE TRIGGER agency_daily_claim_summary_ad AFTER DELETE ON record_agencies BEGIN
    UPDATE agency_daily_claim_summary SET n = n - 1
    WHERE (code, day, value) = (SELECT old.code, r.date_start, r.count_value FROM records r
                                 WHERE r.id = old.record_id AND r.kind = 'arrest_count' AND r.state IS NULL AND r.places IS NULL AND r.date_start = r.date_end AND r.count_value IS NOT NULL);
    DELETE FROM agency_daily_claim_summary WHERE code = old.code AND n <= 0;
    UPDATE agency_daily_claim_summary SET record_id = (
        SELECT min(r.id) FROM records r JOIN record_agencies a ON a.record_id = r.id AND a.code = agency_daily_claim_summary.code
        WHERE r.kind = 'arrest_count' AND r.state IS NULL AND r.places IS NULL AND r.date_start = agency_daily_claim_summary.day AND r.date_end = agency_daily_claim_summary.day AND r.count_value = agency_daily_claim_summary.value)
    WHERE code = old.code AND record_id = old.record_id;
END;

CREATE TRIGGER agency_daily_claim_summary_bd BEFORE DELETE ON records
WHEN old.kind = 'arrest_count' AND old.state IS NULL AND old.places IS NULL AND old.date_start = old.date_end AND old.count_value IS NOT NULL BEGIN
    UPDATE agency_daily_claim_summary SET n = n - 1
    WHERE code IN (SELECT code FROM record_agencies WHERE record_id = old.id)
      AND (day, value) = (SELECT old.date_start, old.count_value);
    DELETE FROM agency_daily_claim_summary WHERE n <= 0 AND code IN (SELECT code FROM record_agencies WHERE record_id = old.id);
    UPDATE agency_daily_claim_summary SET record_id = (
        SELECT min(r.id) FROM records r JOIN record_agencies a ON a.record_id = r.id AND a.code = agency_daily_claim_summary.code
        WHERE r.kind = 'arrest_count' AND r.state IS NULL AND r.places IS NULL AND r.date_start = agency_daily_claim_summary.day AND r.date_end = agency_daily_claim_summary.day AND r.count_value = agency_daily_claim_summary.value AND r.id != old.id)
    WHERE record_id = old.id;
END;

CREATE TABLE publisher_daily_claim_summary (
    publisher TEXT NOT NULL COLLATE NOCASE,
    day TEXT NOT NULL,
    value REAL NOT NULL,
    n INTEGER NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (publisher, day, value)
) WITHOUT ROWID;

INSERT INTO publisher_daily_claim_summary (publisher, day, value, n, record_id)
SELECT COALESCE(d.publisher, ''), r.date_start, r.count_value, count(*), min(r.id)
FROM records r JOIN documents d ON d.id = r.document_id WHERE r.kind = 'arrest_count' AND r.state IS NULL AND r.places IS NULL AND r.date_start = r.date_end AND r.count_value IS NOT NULL
GROUP BY COALESCE(d.publisher, '') COLLATE NOCASE, 2, 3;

CREATE TRIGGER publisher_daily_claim_summary_ai AFTER INSERT ON records
WHEN new.kind = 'arrest_count' AND new.state IS NULL AND new.places IS NULL AND new.date_start = new.date_end AND new.count_value IS NOT NULL BEGIN
    INSERT INTO publisher_daily_claim_summary (publisher, day, value, n, record_id)
    SELECT COALESCE(d.publisher, ''), new.date_start, new.count_value, 1, new.id
    FROM (SELECT 1) LEFT JOIN documents d ON d.id = new.document_id
    WHERE true
    ON CONFLICT (publisher, day, value) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id);
END;

CREATE TRIGGER publisher_daily_claim_summary_bd BEFORE DELETE ON records
WHEN old.kind = 'arrest_count' AND old.state IS NULL AND old.places IS NULL AND old.date_start = old.date_end AND old.count_value IS NOT NULL BEGIN
    UPDATE publisher_daily_claim_summary SET n = n - 1
    WHERE publisher = (SELECT COALESCE(publisher, '') FROM (SELECT 1) LEFT JOIN documents ON id = old.document_id)
      AND (day, value) = (SELECT old.date_start, old.count_value);
    DELETE FROM publisher_daily_claim_summary WHERE n <= 0;
    UPDATE publisher_daily_claim_summary SET record_id = (
        SELECT min(r.id) FROM records r JOIN documents d ON d.id = r.document_id
        WHERE r.kind = 'arrest_count' AND r.state IS NULL AND r.places IS NULL AND r.date_start = publisher_daily_claim_summary.day AND r.date_end = publisher_daily_claim_summary.day AND r.count_value = publisher_daily_claim_summary.value AND COALESCE(d.publisher, '') = publisher_daily_claim_summary.publisher AND r.id != old.id)
    WHERE record_id = old.id;
END;

CREATE TABLE agency_target_band_summary (
    code TEXT NOT NULL,
    low REAL NOT NULL,
    high REAL NOT NULL,
    n INTEGER NOT NULL,
    first_issued TEXT,
    record_id TEXT NOT NULL,
    PRIMARY KEY (code, low, high)
) WITHOUT ROWID;

INSERT INTO agency_target_band_summary (code, low, high, n, first_issued, record_id)
SELECT a.code, COALESCE(r.count_low, r.count_value), COALESCE(r.count_high, r.count_value), count(*), min(r.date_start), min(r.id)
FROM record_agencies a JOIN records r ON r.id = a.record_id WHERE r.kind = 'target' AND r.per = 'day' AND COALESCE(r.count_low, r.count_value) IS NOT NULL
GROUP BY 1, 2, 3;

CREATE TRIGGER agency_target_band_summary_ai AFTER INSERT ON record_agencies BEGIN
    INSERT INTO agency_target_band_summary (code, low, high, n, first_issued, record_id)
    SELECT new.code, COALESCE(r.count_low, r.count_value), COALESCE(r.count_high, r.count_value), 1, r.date_start, r.id
    FROM records r WHERE r.id = new.record_id AND r.kind = 'target' AND r.per = 'day' AND COALESCE(r.count_low, r.count_value) IS NOT NULL
    ON CONFLICT (code, low, high) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id),
        first_issued = CASE WHEN first_issued IS NULL OR excluded.first_issued < first_issued
                            THEN COALESCE(excluded.first_issued, first_issued) ELSE first_issued END;
END;

CREATE TRIGGER agency_target_band_summary_ad AFTER DELETE ON record_agencies BEGIN
    UPDATE agency_target_band_summary SET n = n - 1
    WHERE (code, low, high) = (SELECT old.code, COALESCE(r.count_low, r.count_value), COALESCE(r.count_high, r.count_value) FROM records r
                                 WHERE r.id = old.record_id AND r.kind = 'target' AND r.per = 'day' AND COALESCE(r.count_low, r.count_value) IS NOT NULL);
    DELETE FROM agency_target_band_summary WHERE code = old.code AND n <= 0;
    UPDATE agency_target_band_summary SET record_id = (
        SELECT min(r.id) FROM records r JOIN record_agencies a ON a.record_id = r.id AND a.code = agency_target_band_summary.code
        WHERE r.kind = 'target' AND r.per = 'day' AND COALESCE(r.count_low, r.count_value) = agency_target_band_summary.low AND COALESCE(r.count_high, r.count_value) = agency_target_band_summary.high)
    WHERE code = old.code AND record_id = old.record_id;
END;

CREATE TRIGGER agency_target_band_summary_bd BEFORE DELETE ON records
WHEN old.kind = 'target' AND old.per = 'day' AND COALESCE(old.count_low, old.count_value) IS NOT NULL BEGIN
    UPDATE agency_target_band_summary SET n = n - 1
    WHERE code IN (SELECT code FROM record_agencies WHERE record_id = old.id)
      AND (low, high) = (SELECT COALESCE(old.count_low, old.count_value), COALESCE(old.count_high, old.count_value));
    DELETE FROM agency_target_band_summary WHERE n <= 0 AND code IN (SELECT code FROM record_agencies WHERE record_id = old.id);
    UPDATE agency_target_band_summary SET record_id = (
        SELECT min(r.id) FROM records r JOIN record_agencies a ON a.record_id = r.id AND a.code = agency_target_band_summary.code
        WHERE r.kind = 'target' AND r.per = 'day' AND COALESCE(r.count_low, r.count_value) = agency_target_band_summary.low AND COALESCE(r.count_high, r.count_value) = agency_target_band_summary.high AND r.id != old.id)
    WHERE record_id = old.id;
END;

CREATE TABLE publisher_target_band_summary (
    publisher TEXT NOT NULL COLLATE NOCASE,
    low REAL NOT NULL,
    high REAL NOT NULL,
    n INTEGER NOT NULL,
    first_issued TEXT,
    record_id TEXT NOT NULL,
    PRIMARY KEY (publisher, low, high)
) WITHOUT ROWID;

INSERT INTO publisher_target_band_summary (publisher, low, high, n, first_issued, record_id)
SELECT COALESCE(d.publisher, ''), COALESCE(r.count_low, r.count_value), COALESCE(r.count_high, r.count_value), count(*), min(r.date_start), min(r.id)
FROM records r JOIN documents d ON d.id = r.document_id WHERE r.kind = 'target' AND r.per = 'day' AND COALESCE(r.count_low, r.count_value) IS NOT NULL
GROUP BY COALESCE(d.publisher, '') COLLATE NOCASE, 2, 3;

CREATE TRIGGER publisher_target_band_summary_ai AFTER INSERT ON records
WHEN new.kind = 'target' AND new.per = 'day' AND COALESCE(new.count_low, new.count_value) IS NOT NULL BEGIN
    INSERT INTO publisher_target_band_summary (publisher, low, high, n, first_issued, record_id)
    SELECT COALESCE(d.publisher, ''), COALESCE(new.count_low, new.count_value), COALESCE(new.count_high, new.count_value), 1, new.date_start, new.id
    FROM (SELECT 1) LEFT JOIN documents d ON d.id = new.document_id
    WHERE true
    ON CONFLICT (publisher, low, high) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id),
        first_issued = CASE WHEN first_issued IS NULL OR excluded.first_issued < first_issued
                            THEN COALESCE(excluded.first_issued, first_issued) ELSE first_issued END;
END;

CREATE TRIGGER publisher_target_band_summary_bd BEFORE DELETE ON records
WHEN old.kind = 'target' AND old.per = 'day' AND COALESCE(old.count_low, old.count_value) IS NOT NULL BEGIN
    UPDATE publisher_target_band_summary SET n = n - 1
    WHERE publisher = (SELECT COALESCE(publisher, '') FROM (SELECT 1) LEFT JOIN documents ON id = old.document_id)
      AND (low, high) = (SELECT COALESCE(old.count_low, old.count_value), COALESCE(old.count_high, old.count_value));
    DELETE FROM publisher_target_band_summary WHERE n <= 0;
    UPDATE publisher_target_band_summary SET record_id = (
        SELECT min(r.id) FROM records r JOIN documents d ON d.id = r.document_id
        WHERE r.kind = 'target' AND r.per = 'day' AND COALESCE(r.count_low, r.count_value) = publisher_target_band_summary.low AND COALESCE(r.count_high, r.count_value) = publisher_target_band_summary.high AND COALESCE(d.publisher, '') = publisher_target_band_summary.publisher AND r.id != old.id)
    WHERE record_id = old.id;
END;

CREATE TRIGGER daily_claim_facets_au AFTER UPDATE OF kind, state, places, date_start, date_end, count_value ON records BEGIN
    UPDATE agency_daily_claim_summary SET n = n - 1
    WHERE old.kind = 'arrest_count' AND old.state IS NULL AND old.places IS NULL AND old.date_start = old.date_end AND old.count_value IS NOT NULL AND code IN (SELECT code FROM record_agencies WHERE record_id = old.id)
      AND (day, value) = (SELECT old.date_start, old.count_value);
    UPDATE publisher_daily_claim_summary SET n = n - 1
    WHERE old.kind = 'arrest_count' AND old.state IS NULL AND old.places IS NULL AND old.date_start = old.date_end AND old.count_value IS NOT NULL
      AND publisher = (SELECT COALESCE(publisher, '') FROM (SELECT 1) LEFT JOIN documents ON id = old.document_id)
      AND (day, value) = (SELECT old.date_start, old.count_value);
    DELETE FROM agency_daily_claim_summary WHERE n <= 0;
    DELETE FROM publisher_daily_claim_summary WHERE n <= 0;
    INSERT INTO agency_daily_claim_summary (code, day, value, n, record_id)
    SELECT a.code, new.date_start, new.count_value, 1, new.id
    FROM record_agencies a WHERE a.record_id = new.id AND new.kind = 'arrest_count' AND new.state IS NULL AND new.places IS NULL AND new.date_start = new.date_end AND new.count_value IS NOT NULL
    ON CONFLICT (code, day, value) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id);
    INSERT INTO publisher_daily_claim_summary (publisher, day, value, n, record_id)
    SELECT COALESCE(d.publisher, ''), new.date_start, new.count_value, 1, new.id
    FROM (SELECT 1) LEFT JOIN documents d ON d.id = new.document_id
    WHERE new.kind = 'arrest_count' AND new.state IS NULL AND new.places IS NULL AND new.date_start = new.date_end AND new.count_value IS NOT NULL
    ON CONFLICT (publisher, day, value) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id);
END;

CREATE TRIGGER target_band_facets_au AFTER UPDATE OF kind, per, count_low, count_high, count_value ON records BEGIN
    UPDATE agency_target_band_summary SET n = n - 1
    WHERE old.kind = 'target' AND old.per = 'day' AND COALESCE(old.count_low, old.count_value) IS NOT NULL AND code IN (SELECT code FROM record_agencies WHERE record_id = old.id)
      AND (low, high) = (SELECT COALESCE(old.count_low, old.count_value), COALESCE(old.count_high, old.count_value));
    UPDATE publisher_target_band_summary SET n = n - 1
    WHERE old.kind = 'target' AND old.per = 'day' AND COALESCE(old.count_low, old.count_value) IS NOT NULL
      AND publisher = (SELECT COALESCE(publisher, '') FROM (SELECT 1) LEFT JOIN documents ON id = old.document_id)
      AND (low, high) = (SELECT COALESCE(old.count_low, old.count_value), COALESCE(old.count_high, old.count_value));
    DELETE FROM agency_target_band_summary WHERE n <= 0;
    DELETE FROM publisher_target_band_summary WHERE n <= 0;
    INSERT INTO agency_target_band_summary (code, low, high, n, first_issued, record_id)
    SELECT a.code, COALESCE(new.count_low, new.count_value), COALESCE(new.count_high, new.count_value), 1, new.date_start, new.id
    FROM record_agencies a WHERE a.record_id = new.id AND new.kind = 'target' AND new.per = 'day' AND COALESCE(new.count_low, new.count_value) IS NOT NULL
    ON CONFLICT (code, low, high) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id),
        first_issued = CASE WHEN first_issued IS NULL OR excluded.first_issued < first_issued
                            THEN COALESCE(excluded.first_issued, first_issued) ELSE first_issued END;
    INSERT INTO publisher_target_band_summary (publisher, low, high, n, first_issued, record_id)
    SELECT COALESCE(d.publisher, ''), COALESCE(new.count_low, new.count_value), COALESCE(new.count_high, new.count_value), 1, new.date_start, new.id
    FROM (SELECT 1) LEFT JOIN documents d ON d.id = new.document_id
    WHERE new.kind = 'target' AND new.per = 'day' AND COALESCE(new.count_low, new.count_value) IS NOT NULL
    ON CONFLICT (publisher, low, high) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id),
        first_issued = CASE WHEN first_issued IS NULL OR excluded.first_issued < first_issued
                            THEN COALESCE(excluded.first_issued, first_issued) ELSE first_issued END;
END;


-- How many quotes hold each word (FTS5's own count, no copy of it): whether words pick enough
-- records that the newest documents hold a page of them (publish/queries.py).
CREATE VIRTUAL TABLE records_fts_terms USING fts5vocab(records_fts, 'row');

-- Records by the places they name (a place and its state), with 010's dates, status and publisher,
-- and their one-day arrest counts by day and value: the dashboard's counts and daily chart for
-- "Aurora, CO" without reading the place's records. A record counts once in each place it names.
CREATE TABLE place_count_summary (
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    kind TEXT NOT NULL,
    day_start TEXT NOT NULL,
    day_end TEXT NOT NULL,
    status TEXT NOT NULL,
    publisher TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (name, state, kind, day_start, day_end, status, publisher)
) WITHOUT ROWID;

INSERT INTO place_count_summary (name, state, kind, day_start, day_end, status, publisher, n)
SELECT p.name, COALESCE(p.state, ''), r.kind, COALESCE(r.date_start, r.date_end, d.published, ''), COALESCE(r.date_end, r.date_start, d.published, ''), COALESCE(r.status, ''), COALESCE(d.publisher, ''),
       count(DISTINCT r.id)
FROM record_places p JOIN records r ON r.id = p.record_id JOIN documents d ON d.id = r.document_id
GROUP BY 1, 2, 3, 4, 5, 6, 7;

CREATE TABLE place_daily_claim_summary (
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    day TEXT NOT NULL,
    value REAL NOT NULL,
    n INTEGER NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (name, state, day, value)
) WITHOUT ROWID;

INSERT INTO place_daily_claim_summary (name, state, day, value, n, record_id)
SELECT p.name, COALESCE(p.state, ''), r.date_start, r.count_value, count(DISTINCT r.id), min(r.id)
FROM record_places p JOIN records r ON r.id = p.record_id WHERE r.kind = 'arrest_count' AND r.date_start = r.date_end AND r.count_value IS NOT NULL
GROUP BY 1, 2, 3, 4;

-- A record that names one place twice counts there once: only the first of the two rows adds it.
CREATE TRIGGER place_summaries_ai AFTER INSERT ON record_places
WHEN NOT EXISTS (SELECT 1 FROM record_places WHERE record_id = new.record_id AND position < new.position
                 AND name = new.name AND state IS new.state) BEGIN
    INSERT INTO place_count_summary (name, state, kind, day_start, day_end, status, publisher, n)
    SELECT new.name, COALESCE(new.state, ''), r.kind, COALESCE(r.date_start, r.date_end, d.published, ''), COALESCE(r.date_end, r.date_start, d.published, ''), COALESCE(r.status, ''),
           COALESCE(d.publisher, ''), 1
    FROM records r LEFT JOIN documents d ON d.id = r.document_id WHERE r.id = new.record_id
    ON CONFLICT (name, state, kind, day_start, day_end, status, publisher) DO UPDATE SET n = n + 1;
    INSERT INTO place_daily_claim_summary (name, state, day, value, n, record_id)
    SELECT new.name, COALESCE(new.state, ''), r.date_start, r.count_value, 1, r.id
    FROM records r WHERE r.id = new.record_id AND r.kind = 'arrest_count' AND r.date_start = r.date_end AND r.count_value IS NOT NULL
    ON CONFLICT (name, state, day, value) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id);
END;

-- A place taken off a record that stays (a correction rewrites them all, so no twin is left).
CREATE TRIGGER place_summaries_ad AFTER DELETE ON record_places
WHEN NOT EXISTS (SELECT 1 FROM record_places WHERE record_id = old.record_id AND name = old.name
                 AND state IS old.state) BEGIN
    UPDATE place_count_summary SET n = n - 1
    WHERE (name, state, kind, day_start, day_end, status, publisher) = (
        SELECT old.name, COALESCE(old.state, ''), r.kind, COALESCE(r.date_start, r.date_end, d.published, ''), COALESCE(r.date_end, r.date_start, d.published, ''), COALESCE(r.status, ''),
               COALESCE(d.publisher, '')
        FROM records r LEFT JOIN documents d ON d.id = r.document_id WHERE r.id = old.record_id);
    DELETE FROM place_count_summary WHERE name = old.name AND state = COALESCE(old.state, '') AND n <= 0;
    UPDATE place_daily_claim_summary SET n = n - 1
    WHERE (name, state, day, value) = (SELECT old.name, COALESCE(old.state, ''), r.date_start, r.count_value
                                       FROM records r WHERE r.id = old.record_id AND r.kind = 'arrest_count' AND r.date_start = r.date_end AND r.count_value IS NOT NULL);
    DELETE FROM place_daily_claim_summary WHERE name = old.name AND state = COALESCE(old.state, '') AND n <= 0;
    UPDATE place_daily_claim_summary SET record_id = (
        SELECT min(r.id) FROM records r JOIN record_places p ON p.record_id = r.id
        WHERE r.kind = 'arrest_count' AND r.date_start = place_daily_claim_summary.day
          AND r.date_end = place_daily_claim_summary.day AND r.count_value = place_daily_claim_summary.value
          AND p.name = place_daily_claim_summary.name AND COALESCE(p.state, '') = place_daily_claim_summary.state)
    WHERE name = old.name AND state = COALESCE(old.state, '') AND record_id = old.record_id;
END;

CREATE TRIGGER place_summaries_bd BEFORE DELETE ON records BEGIN
    UPDATE place_count_summary SET n = n - 1
    WHERE (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id)
      AND (kind, day_start, day_end, status, publisher) = (
          SELECT old.kind, COALESCE(old.date_start, old.date_end, d.published, ''), COALESCE(old.date_end, old.date_start, d.published, ''), COALESCE(old.status, ''), COALESCE(d.publisher, '')
          FROM (SELECT 1) LEFT JOIN documents d ON d.id = old.document_id);
    DELETE FROM place_count_summary WHERE n <= 0
      AND (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id);
    UPDATE place_daily_claim_summary SET n = n - 1
    WHERE old.kind = 'arrest_count' AND old.date_start = old.date_end AND old.count_value IS NOT NULL
      AND (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id)
      AND day = old.date_start AND value = old.count_value;
    DELETE FROM place_daily_claim_summary WHERE n <= 0
      AND (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id);
    UPDATE place_daily_claim_summary SET record_id = (
        SELECT min(r.id) FROM records r JOIN record_places p ON p.record_id = r.id
        WHERE r.kind = 'arrest_count' AND r.date_start = place_daily_claim_summary.day
          AND r.date_end = place_daily_claim_summary.day AND r.count_value = place_daily_claim_summary.value
          AND p.name = place_daily_claim_summary.name AND COALESCE(p.state, '') = place_daily_claim_summary.state
          AND r.id != old.id)
    WHERE record_id = old.id
      AND (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id);
END;

CREATE TRIGGER place_summaries_au AFTER UPDATE OF kind, date_start, date_end, status, count_value ON records BEGIN
    UPDATE place_count_summary SET n = n - 1
    WHERE (name, state) IN (SELECT DISTINCT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id)
      AND (kind, day_start, day_end, status, publisher) = (
          SELECT old.kind, COALESCE(old.date_start, old.date_end, d.published, ''), COALESCE(old.date_end, old.date_start, d.published, ''), COALESCE(old.status, ''), COALESCE(d.publisher, '')
          FROM (SELECT 1) LEFT JOIN documents d ON d.id = old.document_id);
    UPDATE place_daily_claim_summary SET n = n - 1
    WHERE old.kind = 'arrest_count' AND old.date_start = old.date_end AND old.count_value IS NOT NULL
      AND (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id)
      AND day = old.date_start AND value = old.count_value;
    DELETE FROM place_count_summary WHERE n <= 0
      AND (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id);
    DELETE FROM place_daily_claim_summary WHERE n <= 0
      AND (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id);
    INSERT INTO place_count_summary (name, state, kind, day_start, day_end, status, publisher, n)
    SELECT DISTINCT p.name, COALESCE(p.state, ''), new.kind, COALESCE(new.date_start, new.date_end, d.published, ''), COALESCE(new.date_end, new.date_start, d.published, ''), COALESCE(new.status, ''),
           COALESCE(d.publisher, ''), 1
    FROM record_places p LEFT JOIN documents d ON d.id = new.document_id WHERE p.record_id = new.id
    ON CONFLICT (name, state, kind, day_start, day_end, status, publisher) DO UPDATE SET n = n + 1;
    INSERT INTO place_daily_claim_summary (name, state, day, value, n, record_id)
    SELECT DISTINCT p.name, COALESCE(p.state, ''), new.date_start, new.count_value, 1, new.id
    FROM record_places p WHERE p.record_id = new.id AND new.kind = 'arrest_count' AND new.date_start = new.date_end AND new.count_value IS NOT NULL
    ON CONFLICT (name, state, day, value) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id);
END;


-- Records by the states they are in (their own state, or any of their places'), with 010's dates,
-- status and publisher, and their one-day arrest counts: the dashboard for a state. A record
-- counts once in each state, however many of its places are there.
CREATE TABLE state_count_summary (
    state TEXT NOT NULL,
    kind TEXT NOT NULL,
    day_start TEXT NOT NULL,
    day_end TEXT NOT NULL,
    status TEXT NOT NULL,
    publisher TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (state, kind, day_start, day_end, status, publisher)
) WITHOUT ROWID;

CREATE TABLE state_daily_claim_summary (
    state TEXT NOT NULL,
    day TEXT NOT NULL,
    value REAL NOT NULL,
    n INTEGER NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (state, day, value)
) WITHOUT ROWID;

INSERT INTO state_count_summary (state, kind, day_start, day_end, status, publisher, n)
SELECT s.state, r.kind, COALESCE(r.date_start, r.date_end, d.published, ''), COALESCE(r.date_end, r.date_start, d.published, ''), COALESCE(r.status, ''), COALESCE(d.publisher, ''), count(*)
FROM (SELECT id AS record_id, state FROM records WHERE state IS NOT NULL
      UNION SELECT record_id, state FROM record_places WHERE state IS NOT NULL) s
JOIN records r ON r.id = s.record_id JOIN documents d ON d.id = r.document_id
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO state_daily_claim_summary (state, day, value, n, record_id)
SELECT s.state, r.date_start, r.count_value, count(*), min(r.id)
FROM (SELECT id AS record_id, state FROM records WHERE state IS NOT NULL
      UNION SELECT record_id, state FROM record_places WHERE state IS NOT NULL) s
JOIN records r ON r.id = s.record_id WHERE r.kind = 'arrest_count' AND r.date_start = r.date_end AND r.count_value IS NOT NULL
GROUP BY 1, 2, 3;

CREATE TRIGGER state_summaries_ai AFTER INSERT ON records BEGIN
    INSERT INTO state_count_summary (state, kind, day_start, day_end, status, publisher, n)
    SELECT s.state, new.kind, COALESCE(new.date_start, new.date_end, d.published, ''), COALESCE(new.date_end, new.date_start, d.published, ''), COALESCE(new.status, ''), COALESCE(d.publisher, ''), 1
    FROM (SELECT new.state WHERE new.state IS NOT NULL UNION SELECT state FROM record_places WHERE record_id = new.id AND state IS NOT NULL) s LEFT JOIN documents d ON d.id = new.document_id
    WHERE true
    ON CONFLICT (state, kind, day_start, day_end, status, publisher) DO UPDATE SET n = n + 1;
    INSERT INTO state_daily_claim_summary (state, day, value, n, record_id)
    SELECT s.state, new.date_start, new.count_value, 1, new.id FROM (SELECT new.state WHERE new.state IS NOT NULL UNION SELECT state FROM record_places WHERE record_id = new.id AND state IS NOT NULL) s WHERE new.kind = 'arrest_count' AND new.date_start = new.date_end AND new.count_value IS NOT NULL
    ON CONFLICT (state, day, value) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id);
END;

CREATE TRIGGER state_summaries_place_ai AFTER INSERT ON record_places BEGIN
    INSERT INTO state_count_summary (state, kind, day_start, day_end, status, publisher, n)
    SELECT s.state, r.kind, COALESCE(r.date_start, r.date_end, d.published, ''), COALESCE(r.date_end, r.date_start, d.published, ''), COALESCE(r.status, ''), COALESCE(d.publisher, ''), 1
    FROM (SELECT new.state WHERE new.state IS NOT NULL AND new.state IS NOT (SELECT state FROM records WHERE id = new.record_id) AND NOT EXISTS (SELECT 1 FROM record_places WHERE record_id = new.record_id AND position != new.position AND state = new.state)) s JOIN records r ON r.id = new.record_id LEFT JOIN documents d ON d.id = r.document_id
    WHERE true
    ON CONFLICT (state, kind, day_start, day_end, status, publisher) DO UPDATE SET n = n + 1;
    INSERT INTO state_daily_claim_summary (state, day, value, n, record_id)
    SELECT s.state, r.date_start, r.count_value, 1, r.id FROM (SELECT new.state WHERE new.state IS NOT NULL AND new.state IS NOT (SELECT state FROM records WHERE id = new.record_id) AND NOT EXISTS (SELECT 1 FROM record_places WHERE record_id = new.record_id AND position != new.position AND state = new.state)) s JOIN records r ON r.id = new.record_id WHERE r.kind = 'arrest_count' AND r.date_start = r.date_end AND r.count_value IS NOT NULL
    ON CONFLICT (state, day, value) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id);
END;

CREATE TRIGGER state_summaries_place_ad AFTER DELETE ON record_places BEGIN
    UPDATE state_count_summary SET n = n - 1
    WHERE state IN (SELECT old.state WHERE old.state IS NOT NULL AND old.state IS NOT (SELECT state FROM records WHERE id = old.record_id) AND NOT EXISTS (SELECT 1 FROM record_places WHERE record_id = old.record_id AND state = old.state)) AND (kind, day_start, day_end, status, publisher) = (
        SELECT r.kind, COALESCE(r.date_start, r.date_end, d.published, ''), COALESCE(r.date_end, r.date_start, d.published, ''), COALESCE(r.status, ''), COALESCE(d.publisher, '')
        FROM records r LEFT JOIN documents d ON d.id = r.document_id WHERE r.id = old.record_id);
    DELETE FROM state_count_summary WHERE n <= 0 AND state = old.state;
    UPDATE state_daily_claim_summary SET n = n - 1
    WHERE state IN (SELECT old.state WHERE old.state IS NOT NULL AND old.state IS NOT (SELECT state FROM records WHERE id = old.record_id) AND NOT EXISTS (SELECT 1 FROM record_places WHERE record_id = old.record_id AND state = old.state)) AND (day, value) = (
        SELECT r.date_start, r.count_value FROM records r WHERE r.id = old.record_id AND r.kind = 'arrest_count' AND r.date_start = r.date_end AND r.count_value IS NOT NULL);
    DELETE FROM state_daily_claim_summary WHERE n <= 0 AND state = old.state;
    UPDATE state_daily_claim_summary SET record_id = (
        SELECT min(r.id) FROM records r WHERE r.kind = 'arrest_count' AND r.date_start = state_daily_claim_summary.day
          AND r.date_end = state_daily_claim_summary.day AND r.count_value = state_daily_claim_summary.value
          AND (r.state = state_daily_claim_summary.state OR EXISTS (SELECT 1 FROM record_places p
               WHERE p.record_id = r.id AND p.state = state_daily_claim_summary.state)))
    WHERE record_id = old.record_id AND state = old.state;
END;

CREATE TRIGGER state_summaries_bd BEFORE DELETE ON records BEGIN
    UPDATE state_count_summary SET n = n - 1
    WHERE state IN (SELECT old.state WHERE old.state IS NOT NULL UNION SELECT state FROM record_places WHERE record_id = old.id AND state IS NOT NULL) AND (kind, day_start, day_end, status, publisher) = (
        SELECT old.kind, COALESCE(old.date_start, old.date_end, d.published, ''), COALESCE(old.date_end, old.date_start, d.published, ''), COALESCE(old.status, ''), COALESCE(d.publisher, '')
        FROM (SELECT 1) LEFT JOIN documents d ON d.id = old.document_id);
    DELETE FROM state_count_summary WHERE n <= 0 AND state IN (SELECT old.state WHERE old.state IS NOT NULL UNION SELECT state FROM record_places WHERE record_id = old.id AND state IS NOT NULL);
    UPDATE state_daily_claim_summary SET n = n - 1
    WHERE old.kind = 'arrest_count' AND old.date_start = old.date_end AND old.count_value IS NOT NULL AND state IN (SELECT old.state WHERE old.state IS NOT NULL UNION SELECT state FROM record_places WHERE record_id = old.id AND state IS NOT NULL) AND day = old.date_start AND value = old.count_value;
    DELETE FROM state_daily_claim_summary WHERE n <= 0 AND state IN (SELECT old.state WHERE old.state IS NOT NULL UNION SELECT state FROM record_places WHERE record_id = old.id AND state IS NOT NULL);
    UPDATE state_daily_claim_summary SET record_id = (
        SELECT min(r.id) FROM records r WHERE r.kind = 'arrest_count' AND r.date_start = state_daily_claim_summary.day
          AND r.date_end = state_daily_claim_summary.day AND r.count_value = state_daily_claim_summary.value AND r.id != old.id
          AND (r.state = state_daily_claim_summary.state OR EXISTS (SELECT 1 FROM record_places p
               WHERE p.record_id = r.id AND p.state = state_daily_claim_summary.state)))
    WHERE record_id = old.id AND state IN (SELECT old.state WHERE old.state IS NOT NULL UNION SELECT state FROM record_places WHERE record_id = old.id AND state IS NOT NULL);
END;

CREATE TRIGGER state_summaries_au AFTER UPDATE OF kind, state, date_start, date_end, status, count_value ON records BEGIN
    UPDATE state_count_summary SET n = n - 1
    WHERE state IN (SELECT old.state WHERE old.state IS NOT NULL UNION SELECT state FROM record_places WHERE record_id = old.id AND state IS NOT NULL) AND (kind, day_start, day_end, status, publisher) = (
        SELECT old.kind, COALESCE(old.date_start, old.date_end, d.published, ''), COALESCE(old.date_end, old.date_start, d.published, ''), COALESCE(old.status, ''), COALESCE(d.publisher, '')
        FROM (SELECT 1) LEFT JOIN documents d ON d.id = old.document_id);
    DELETE FROM state_count_summary WHERE n <= 0 AND state IN (SELECT old.state WHERE old.state IS NOT NULL UNION SELECT state FROM record_places WHERE record_id = old.id AND state IS NOT NULL);
    UPDATE state_daily_claim_summary SET n = n - 1
    WHERE old.kind = 'arrest_count' AND old.date_start = old.date_end AND old.count_value IS NOT NULL AND state IN (SELECT old.state WHERE old.state IS NOT NULL UNION SELECT state FROM record_places WHERE record_id = old.id AND state IS NOT NULL) AND day = old.date_start AND value = old.count_value;
    DELETE FROM state_daily_claim_summary WHERE n <= 0 AND state IN (SELECT old.state WHERE old.state IS NOT NULL UNION SELECT state FROM record_places WHERE record_id = old.id AND state IS NOT NULL);
    UPDATE state_daily_claim_summary SET record_id = (
        SELECT min(r.id) FROM records r WHERE r.kind = 'arrest_count' AND r.date_start = state_daily_claim_summary.day
          AND r.date_end = state_daily_claim_summary.day AND r.count_value = state_daily_claim_summary.value
          AND (r.state = state_daily_claim_summary.state OR EXISTS (SELECT 1 FROM record_places p
               WHERE p.record_id = r.id AND p.state = state_daily_claim_summary.state)))
    WHERE record_id = old.id AND state IN (SELECT old.state WHERE old.state IS NOT NULL UNION SELECT state FROM record_places WHERE record_id = old.id AND state IS NOT NULL);
    INSERT INTO state_count_summary (state, kind, day_start, day_end, status, publisher, n)
    SELECT s.state, new.kind, COALESCE(new.date_start, new.date_end, d.published, ''), COALESCE(new.date_end, new.date_start, d.published, ''), COALESCE(new.status, ''), COALESCE(d.publisher, ''), 1
    FROM (SELECT new.state WHERE new.state IS NOT NULL UNION SELECT state FROM record_places WHERE record_id = new.id AND state IS NOT NULL) s LEFT JOIN documents d ON d.id = new.document_id
    WHERE true
    ON CONFLICT (state, kind, day_start, day_end, status, publisher) DO UPDATE SET n = n + 1;
    INSERT INTO state_daily_claim_summary (state, day, value, n, record_id)
    SELECT s.state, new.date_start, new.count_value, 1, new.id FROM (SELECT new.state WHERE new.state IS NOT NULL UNION SELECT state FROM record_places WHERE record_id = new.id AND state IS NOT NULL) s WHERE new.kind = 'arrest_count' AND new.date_start = new.date_end AND new.count_value IS NOT NULL
    ON CONFLICT (state, day, value) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id);
END;


-- Checks read as verdicts, and the summaries the web ledger reads instead of scanning records.

-- Each figure row of a check gets its own code (matches, higher, lower, not_comparable).
ALTER TABLE checks ADD COLUMN code TEXT;

-- One row per checked record: the check's code and headline (analyze/verdict.py), including the
-- records no official figure covers, which have no row in `checks`.
CREATE TABLE record_checks (
    record_id TEXT PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
    code TEXT NOT NULL,               -- matches, higher, lower, no_official_figure, not_comparable
    headline TEXT NOT NULL,
    source TEXT,                      -- the lead figure's series
    source_name TEXT,
    source_url TEXT,
    figures INTEGER NOT NULL DEFAULT 0,
    checked_at TEXT NOT NULL
);
CREATE INDEX record_checks_code ON record_checks (code);

-- Operations and arrest counts by place, kind, day and status: what the dashboard's timeline and
-- map draw, kept by the triggers below at ingest so a page never groups a million records.
-- An operation counts in every place it names; an arrest count in its first place only (a count
-- shared by several places cannot be split). `day` is the record's own date, else its
-- document's; '' when neither is known. `state` and `status` are '' when unknown.
CREATE TABLE place_day_summary (
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    kind TEXT NOT NULL,
    day TEXT NOT NULL,
    status TEXT NOT NULL,
    n INTEGER NOT NULL,
    largest REAL,                     -- the largest arrest count in the group (never a sum: reports of
                                      -- one event and sub-counts of one total would add up twice)
    lat REAL,
    lon REAL,
    record_id TEXT,                   -- one record of the group, the one a mark links to
    PRIMARY KEY (name, state, kind, day, status)
) WITHOUT ROWID;
CREATE INDEX place_day_summary_day ON place_day_summary (day);

-- Records by kind: the dashboard's counts.
CREATE TABLE kind_summary (
    kind TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO kind_summary (kind, n) SELECT kind, count(*) FROM records GROUP BY kind;

INSERT INTO place_day_summary (name, state, kind, day, status, n, largest, lat, lon, record_id)
SELECT p.name, COALESCE(p.state, ''), r.kind,
       COALESCE(r.date_start, (SELECT published FROM documents WHERE id = r.document_id), ''),
       COALESCE(r.status, ''), count(*), max(r.count_value), avg(p.lat), avg(p.lon), min(r.id)
FROM records r JOIN record_places p ON p.record_id = r.id
WHERE r.kind IN ('operation', 'arrest_count') AND (r.kind = 'operation' OR p.position = 0)
GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER kind_summary_ai AFTER INSERT ON records BEGIN
    INSERT INTO kind_summary (kind, n) VALUES (new.kind, 1)
    ON CONFLICT (kind) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER kind_summary_ad AFTER DELETE ON records BEGIN
    UPDATE kind_summary SET n = n - 1 WHERE kind = old.kind;
    DELETE FROM kind_summary WHERE kind = old.kind AND n <= 0;
END;

-- Records are written before their places (store/ledger.py), so a place row finds its record.
CREATE TRIGGER place_day_summary_ai AFTER INSERT ON record_places
WHEN new.position = 0 OR (SELECT kind FROM records WHERE id = new.record_id) = 'operation' BEGIN
    INSERT INTO place_day_summary (name, state, kind, day, status, n, largest, lat, lon, record_id)
    SELECT new.name, COALESCE(new.state, ''), r.kind,
           COALESCE(r.date_start, (SELECT published FROM documents WHERE id = r.document_id), ''),
           COALESCE(r.status, ''), 1, r.count_value, new.lat, new.lon, r.id
    FROM records r WHERE r.id = new.record_id AND r.kind IN ('operation', 'arrest_count')
    ON CONFLICT (name, state, kind, day, status) DO UPDATE SET
        n = n + 1,
        largest = CASE WHEN largest IS NULL OR excluded.largest > largest THEN excluded.largest ELSE largest END,
        -- a running mean of the coordinates, as the group's avg() would give
        lat = CASE WHEN excluded.lat IS NULL THEN lat WHEN lat IS NULL THEN excluded.lat
                   ELSE lat + (excluded.lat - lat) / (n + 1) END,
        lon = CASE WHEN excluded.lon IS NULL THEN lon WHEN lon IS NULL THEN excluded.lon
                   ELSE lon + (excluded.lon - lon) / (n + 1) END,
        record_id = min(record_id, excluded.record_id);
END;

-- A record leaves its group before it goes, while its places are still there to say which group
-- (ON DELETE CASCADE removes them after the record). The group goes when it is empty; its
-- largest count is found again from the records left in it (deletes are rare; ingest inserts).
CREATE TRIGGER place_day_summary_bd BEFORE DELETE ON records
WHEN old.kind IN ('operation', 'arrest_count') BEGIN
    UPDATE place_day_summary SET n = n - 1
    WHERE (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places
                            WHERE record_id = old.id AND (position = 0 OR old.kind = 'operation'))
      AND kind = old.kind AND status = COALESCE(old.status, '')
      AND day = COALESCE(old.date_start, (SELECT published FROM documents WHERE id = old.document_id), '');
    DELETE FROM place_day_summary WHERE n <= 0;
    UPDATE place_day_summary SET largest = (
        SELECT max(r.count_value) FROM record_places p JOIN records r ON r.id = p.record_id
        WHERE p.name = place_day_summary.name AND COALESCE(p.state, '') = place_day_summary.state
          AND r.kind = place_day_summary.kind AND COALESCE(r.status, '') = place_day_summary.status
          AND (p.position = 0 OR r.kind = 'operation') AND r.id != old.id
          AND COALESCE(r.date_start, (SELECT published FROM documents WHERE id = r.document_id), '')
              = place_day_summary.day)
    WHERE kind = 'arrest_count' AND old.kind = 'arrest_count'
      AND (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = old.id);
END;

-- A record whose status, date or count is corrected (review) moves to its new group.
CREATE TRIGGER place_day_summary_au AFTER UPDATE OF kind, status, date_start, count_value ON records
WHEN new.kind IN ('operation', 'arrest_count') OR old.kind IN ('operation', 'arrest_count') BEGIN
    UPDATE place_day_summary SET n = n - 1
    WHERE (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places
                            WHERE record_id = old.id AND (position = 0 OR old.kind = 'operation'))
      AND kind = old.kind AND status = COALESCE(old.status, '')
      AND day = COALESCE(old.date_start, (SELECT published FROM documents WHERE id = old.document_id), '');
    DELETE FROM place_day_summary WHERE n <= 0;
    INSERT INTO place_day_summary (name, state, kind, day, status, n, largest, lat, lon, record_id)
    SELECT p.name, COALESCE(p.state, ''), new.kind,
           COALESCE(new.date_start, (SELECT published FROM documents WHERE id = new.document_id), ''),
           COALESCE(new.status, ''), 1, new.count_value, p.lat, p.lon, new.id
    FROM record_places p
    WHERE p.record_id = new.id AND new.kind IN ('operation', 'arrest_count') AND (p.position = 0 OR new.kind = 'operation')
    ON CONFLICT (name, state, kind, day, status) DO UPDATE SET
        n = n + 1, record_id = min(record_id, excluded.record_id);
    UPDATE place_day_summary SET largest = (
        SELECT max(r.count_value) FROM record_places p JOIN records r ON r.id = p.record_id
        WHERE p.name = place_day_summary.name AND COALESCE(p.state, '') = place_day_summary.state
          AND r.kind = place_day_summary.kind AND COALESCE(r.status, '') = place_day_summary.status
          AND (p.position = 0 OR r.kind = 'operation')
          AND COALESCE(r.date_start, (SELECT published FROM documents WHERE id = r.document_id), '')
              = place_day_summary.day)
    WHERE kind = 'arrest_count'
      AND (name, state) IN (SELECT name, COALESCE(state, '') FROM record_places WHERE record_id = new.id);
END;

-- The daily chart's two series from the records: nationwide one-day arrest counts by day and
-- value, and daily targets by band. Kept by triggers at ingest like the tables above.
CREATE TABLE daily_claim_summary (
    day TEXT NOT NULL,
    value REAL NOT NULL,
    n INTEGER NOT NULL,
    record_id TEXT NOT NULL,          -- the first record of the group (by id), the one a mark links to
    PRIMARY KEY (day, value)
) WITHOUT ROWID;

CREATE TABLE target_band_summary (
    low REAL NOT NULL,
    high REAL NOT NULL,
    n INTEGER NOT NULL,
    first_issued TEXT,                -- the earliest date given for the band, if any
    record_id TEXT NOT NULL,
    PRIMARY KEY (low, high)
) WITHOUT ROWID;

INSERT INTO daily_claim_summary (day, value, n, record_id)
SELECT date_start, count_value, count(*), min(id) FROM records
WHERE kind = 'arrest_count' AND state IS NULL AND places IS NULL AND date_start = date_end
  AND count_value IS NOT NULL
GROUP BY date_start, count_value;

INSERT INTO target_band_summary (low, high, n, first_issued, record_id)
SELECT COALESCE(count_low, count_value), COALESCE(count_high, count_value), count(*), min(date_start), min(id)
FROM records WHERE kind = 'target' AND per = 'day' AND COALESCE(count_low, count_value) IS NOT NULL
GROUP BY 1, 2;

CREATE TRIGGER daily_claim_summary_ai AFTER INSERT ON records
WHEN new.kind = 'arrest_count' AND new.state IS NULL AND new.places IS NULL AND new.date_start = new.date_end
     AND new.count_value IS NOT NULL BEGIN
    INSERT INTO daily_claim_summary (day, value, n, record_id) VALUES (new.date_start, new.count_value, 1, new.id)
    ON CONFLICT (day, value) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id);
END;

CREATE TRIGGER daily_claim_summary_ad AFTER DELETE ON records
WHEN old.kind = 'arrest_count' AND old.state IS NULL AND old.places IS NULL AND old.date_start = old.date_end
     AND old.count_value IS NOT NULL BEGIN
    UPDATE daily_claim_summary SET n = n - 1,
        record_id = CASE WHEN record_id != old.id THEN record_id ELSE COALESCE((
            SELECT min(id) FROM records WHERE kind = 'arrest_count' AND state IS NULL AND places IS NULL
              AND date_start = old.date_start AND date_end = old.date_start AND count_value = old.count_value),
            record_id) END
    WHERE day = old.date_start AND value = old.count_value;
    DELETE FROM daily_claim_summary WHERE day = old.date_start AND value = old.count_value AND n <= 0;
END;

CREATE TRIGGER target_band_summary_ai AFTER INSERT ON records
WHEN new.kind = 'target' AND new.per = 'day' AND COALESCE(new.count_low, new.count_value) IS NOT NULL BEGIN
    INSERT INTO target_band_summary (low, high, n, first_issued, record_id)
    VALUES (COALESCE(new.count_low, new.count_value), COALESCE(new.count_high, new.count_value), 1, new.date_start,
            new.id)
    ON CONFLICT (low, high) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id),
        first_issued = CASE WHEN first_issued IS NULL OR excluded.first_issued < first_issued
                            THEN COALESCE(excluded.first_issued, first_issued) ELSE first_issued END;
END;

CREATE TRIGGER target_band_summary_ad AFTER DELETE ON records
WHEN old.kind = 'target' AND old.per = 'day' AND COALESCE(old.count_low, old.count_value) IS NOT NULL BEGIN
    UPDATE target_band_summary SET n = n - 1,
        record_id = CASE WHEN record_id != old.id THEN record_id ELSE COALESCE((
            SELECT min(id) FROM records WHERE kind = 'target' AND per = 'day'
              AND COALESCE(count_low, count_value) = target_band_summary.low
              AND COALESCE(count_high, count_value) = target_band_summary.high), record_id) END
    WHERE low = COALESCE(old.count_low, old.count_value) AND high = COALESCE(old.count_high, old.count_value);
    DELETE FROM target_band_summary WHERE n <= 0;
END;

-- A corrected count, date or place moves the record between groups (its link may stay on the
-- record it first pointed at, which still exists).
CREATE TRIGGER daily_claim_summary_au AFTER UPDATE OF kind, state, places, date_start, date_end, count_value ON records
BEGIN
    UPDATE daily_claim_summary SET n = n - 1
    WHERE old.kind = 'arrest_count' AND old.state IS NULL AND old.places IS NULL AND old.date_start = old.date_end
      AND day = old.date_start AND value = old.count_value;
    DELETE FROM daily_claim_summary WHERE n <= 0;
    INSERT INTO daily_claim_summary (day, value, n, record_id)
    SELECT new.date_start, new.count_value, 1, new.id
    WHERE new.kind = 'arrest_count' AND new.state IS NULL AND new.places IS NULL AND new.date_start = new.date_end
      AND new.count_value IS NOT NULL
    ON CONFLICT (day, value) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id);
END;

CREATE TRIGGER target_band_summary_au AFTER UPDATE OF kind, per, count_low, count_high, count_value ON records
BEGIN
    UPDATE target_band_summary SET n = n - 1
    WHERE old.kind = 'target' AND old.per = 'day'
      AND low = COALESCE(old.count_low, old.count_value) AND high = COALESCE(old.count_high, old.count_value);
    DELETE FROM target_band_summary WHERE n <= 0;
    INSERT INTO target_band_summary (low, high, n, first_issued, record_id)
    SELECT COALESCE(new.count_low, new.count_value), COALESCE(new.count_high, new.count_value), 1, new.date_start, new.id
    WHERE new.kind = 'target' AND new.per = 'day' AND COALESCE(new.count_low, new.count_value) IS NOT NULL
    ON CONFLICT (low, high) DO UPDATE SET n = n + 1, record_id = min(record_id, excluded.record_id);
END;

-- Records by kind, own dates (else the document's), status and publisher: the dashboard's counts
-- for a selection of dates, a status or a publisher, read exactly as filters.py reads them
-- (day_start and day_end are what `since` and `until` compare with), without reading records.
CREATE TABLE record_count_summary (
    kind TEXT NOT NULL,
    day_start TEXT NOT NULL,          -- COALESCE(date_start, date_end, published, '')
    day_end TEXT NOT NULL,            -- COALESCE(date_end, date_start, published, '')
    status TEXT NOT NULL,
    publisher TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (kind, day_start, day_end, status, publisher)
) WITHOUT ROWID;

INSERT INTO record_count_summary (kind, day_start, day_end, status, publisher, n)
SELECT r.kind, COALESCE(r.date_start, r.date_end, d.published, ''), COALESCE(r.date_end, r.date_start, d.published, ''),
       COALESCE(r.status, ''), COALESCE(d.publisher, ''), count(*)
FROM records r JOIN documents d ON d.id = r.document_id GROUP BY 1, 2, 3, 4, 5;

-- A document is written before its records (store/ledger.py), so the insert finds its date.
CREATE TRIGGER record_count_summary_ai AFTER INSERT ON records BEGIN
    INSERT INTO record_count_summary (kind, day_start, day_end, status, publisher, n)
    SELECT new.kind, COALESCE(new.date_start, new.date_end, d.published, ''),
           COALESCE(new.date_end, new.date_start, d.published, ''), COALESCE(new.status, ''),
           COALESCE(d.publisher, ''), 1
    FROM (SELECT 1) LEFT JOIN documents d ON d.id = new.document_id
    WHERE true
    ON CONFLICT (kind, day_start, day_end, status, publisher) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER record_count_summary_bd BEFORE DELETE ON records BEGIN
    UPDATE record_count_summary SET n = n - 1
    WHERE (kind, day_start, day_end, status, publisher) = (
        SELECT old.kind, COALESCE(old.date_start, old.date_end, d.published, ''),
               COALESCE(old.date_end, old.date_start, d.published, ''), COALESCE(old.status, ''),
               COALESCE(d.publisher, '')
        FROM (SELECT 1) LEFT JOIN documents d ON d.id = old.document_id);
    DELETE FROM record_count_summary WHERE n <= 0;
END;

CREATE TRIGGER record_count_summary_au AFTER UPDATE OF kind, date_start, date_end, status ON records BEGIN
    UPDATE record_count_summary SET n = n - 1
    WHERE (kind, day_start, day_end, status, publisher) = (
        SELECT old.kind, COALESCE(old.date_start, old.date_end, d.published, ''),
               COALESCE(old.date_end, old.date_start, d.published, ''), COALESCE(old.status, ''),
               COALESCE(d.publisher, '')
        FROM (SELECT 1) LEFT JOIN documents d ON d.id = old.document_id);
    DELETE FROM record_count_summary WHERE n <= 0;
    INSERT INTO record_count_summary (kind, day_start, day_end, status, publisher, n)
    SELECT new.kind, COALESCE(new.date_start, new.date_end, d.published, ''),
           COALESCE(new.date_end, new.date_start, d.published, ''), COALESCE(new.status, ''),
           COALESCE(d.publisher, ''), 1
    FROM (SELECT 1) LEFT JOIN documents d ON d.id = new.document_id
    WHERE true
    ON CONFLICT (kind, day_start, day_end, status, publisher) DO UPDATE SET n = n + 1;
END;

-- Filters the web reads: a status, a publisher's records newest first, records of a kind by date.
CREATE INDEX records_status ON records (status) WHERE status IS NOT NULL;
CREATE INDEX records_kind_date ON records (kind, date_start);
CREATE INDEX record_places_name_state ON record_places (name, state);
-- The records list sorted by place.
CREATE INDEX records_places ON records (places);

-- The dashboard's places by week. Its map and timeline group 010/011's place-and-day summaries, and
-- the rows of a whole ledger or of one agency or publisher are every place, day, kind and status
-- (30,000 at 1M records: 15-30 ms to group, as long again to draw a timeline from). These tables
-- hold the same groups by week, each a sum of the day rows, seven to one: a selection reads whole
-- weeks here and only the days at its edges from the day rows (publish/summaries.py).
--
-- `week` is the Monday of the group's days, for a day that is a calendar date; any other day
-- (undated '', a text that is no date) keeps its own group, `dated` 0. `first` and `last` are the
-- group's first and last days. Each is kept from its day table by triggers: a day row that changes
-- has its week summed again from the day rows (a few, by the primary key), so the week is the sum
-- of its days whatever the change (an ingest, a correction, a deletion).


CREATE TABLE place_week_summary (
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    kind TEXT NOT NULL,
    week TEXT NOT NULL,               -- the Monday of its days, or its one day when that is no date
    status TEXT NOT NULL,
    dated INTEGER NOT NULL,           -- 1 when `week` is a Monday standing for seven days
    n INTEGER NOT NULL,
    largest REAL,
    lat REAL,
    lon REAL,
    record_id TEXT,
    first TEXT NOT NULL,              -- its first and last day
    last TEXT NOT NULL,
    PRIMARY KEY (name, state, kind, week, status)
) WITHOUT ROWID;

INSERT INTO place_week_summary (name, state, kind, week, status, dated, n, largest, lat, lon, record_id, first, last)
SELECT s.name, s.state, s.kind, CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END, s.status, COALESCE(date(s.day) = s.day, 0),
       sum(s.n), max(s.largest), avg(s.lat), avg(s.lon), min(s.record_id), min(s.day), max(s.day)
FROM place_day_summary s WHERE s.n > 0 GROUP BY s.name, s.state, s.kind, CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END, s.status;

CREATE TRIGGER place_week_summary_i AFTER INSERT ON place_day_summary BEGIN
    DELETE FROM place_week_summary WHERE (name, state, kind, status, week) = (new.name, new.state, new.kind, new.status, CASE WHEN date(new.day) = new.day THEN date(new.day, '-6 days', 'weekday 1') ELSE new.day END);
    INSERT INTO place_week_summary (name, state, kind, week, status, dated, n, largest, lat, lon, record_id, first, last)
    SELECT s.name, s.state, s.kind, k.week, s.status, k.dated, sum(s.n), max(s.largest), avg(s.lat), avg(s.lon), min(s.record_id), min(s.day), max(s.day)
    FROM (SELECT CASE WHEN date(new.day) = new.day THEN date(new.day, '-6 days', 'weekday 1') ELSE new.day END AS week, CASE WHEN date(new.day) = new.day THEN date(new.day, 'weekday 0') ELSE new.day END AS sunday,
                 COALESCE(date(new.day) = new.day, 0) AS dated) k
    JOIN place_day_summary s ON (s.name, s.state, s.kind, s.status) = (new.name, new.state, new.kind, new.status)
     AND s.day BETWEEN k.week AND k.sunday AND CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END = k.week AND s.n > 0
    GROUP BY k.week;
END;

CREATE TRIGGER place_week_summary_u AFTER UPDATE ON place_day_summary BEGIN
    DELETE FROM place_week_summary WHERE (name, state, kind, status, week) = (old.name, old.state, old.kind, old.status, CASE WHEN date(old.day) = old.day THEN date(old.day, '-6 days', 'weekday 1') ELSE old.day END);
    INSERT INTO place_week_summary (name, state, kind, week, status, dated, n, largest, lat, lon, record_id, first, last)
    SELECT s.name, s.state, s.kind, k.week, s.status, k.dated, sum(s.n), max(s.largest), avg(s.lat), avg(s.lon), min(s.record_id), min(s.day), max(s.day)
    FROM (SELECT CASE WHEN date(old.day) = old.day THEN date(old.day, '-6 days', 'weekday 1') ELSE old.day END AS week, CASE WHEN date(old.day) = old.day THEN date(old.day, 'weekday 0') ELSE old.day END AS sunday,
                 COALESCE(date(old.day) = old.day, 0) AS dated) k
    JOIN place_day_summary s ON (s.name, s.state, s.kind, s.status) = (old.name, old.state, old.kind, old.status)
     AND s.day BETWEEN k.week AND k.sunday AND CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END = k.week AND s.n > 0
    GROUP BY k.week;
    DELETE FROM place_week_summary WHERE (name, state, kind, status, week) = (new.name, new.state, new.kind, new.status, CASE WHEN date(new.day) = new.day THEN date(new.day, '-6 days', 'weekday 1') ELSE new.day END);
    INSERT INTO place_week_summary (name, state, kind, week, status, dated, n, largest, lat, lon, record_id, first, last)
    SELECT s.name, s.state, s.kind, k.week, s.status, k.dated, sum(s.n), max(s.largest), avg(s.lat), avg(s.lon), min(s.record_id), min(s.day), max(s.day)
    FROM (SELECT CASE WHEN date(new.day) = new.day THEN date(new.day, '-6 days', 'weekday 1') ELSE new.day END AS week, CASE WHEN date(new.day) = new.day THEN date(new.day, 'weekday 0') ELSE new.day END AS sunday,
                 COALESCE(date(new.day) = new.day, 0) AS dated) k
    JOIN place_day_summary s ON (s.name, s.state, s.kind, s.status) = (new.name, new.state, new.kind, new.status)
     AND s.day BETWEEN k.week AND k.sunday AND CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END = k.week AND s.n > 0
    GROUP BY k.week;
END;

CREATE TRIGGER place_week_summary_d AFTER DELETE ON place_day_summary BEGIN
    DELETE FROM place_week_summary WHERE (name, state, kind, status, week) = (old.name, old.state, old.kind, old.status, CASE WHEN date(old.day) = old.day THEN date(old.day, '-6 days', 'weekday 1') ELSE old.day END);
    INSERT INTO place_week_summary (name, state, kind, week, status, dated, n, largest, lat, lon, record_id, first, last)
    SELECT s.name, s.state, s.kind, k.week, s.status, k.dated, sum(s.n), max(s.largest), avg(s.lat), avg(s.lon), min(s.record_id), min(s.day), max(s.day)
    FROM (SELECT CASE WHEN date(old.day) = old.day THEN date(old.day, '-6 days', 'weekday 1') ELSE old.day END AS week, CASE WHEN date(old.day) = old.day THEN date(old.day, 'weekday 0') ELSE old.day END AS sunday,
                 COALESCE(date(old.day) = old.day, 0) AS dated) k
    JOIN place_day_summary s ON (s.name, s.state, s.kind, s.status) = (old.name, old.state, old.kind, old.status)
     AND s.day BETWEEN k.week AND k.sunday AND CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END = k.week AND s.n > 0
    GROUP BY k.week;
END;


CREATE TABLE agency_place_week_summary (
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    kind TEXT NOT NULL,
    week TEXT NOT NULL,               -- the Monday of its days, or its one day when that is no date
    status TEXT NOT NULL,
    dated INTEGER NOT NULL,           -- 1 when `week` is a Monday standing for seven days
    n INTEGER NOT NULL,
    largest REAL,
    lat REAL,
    lon REAL,
    record_id TEXT,
    first TEXT NOT NULL,              -- its first and last day
    last TEXT NOT NULL,
    PRIMARY KEY (code, name, state, kind, week, status)
) WITHOUT ROWID;

INSERT INTO agency_place_week_summary (code, name, state, kind, week, status, dated, n, largest, lat, lon, record_id, first, last)
SELECT s.code, s.name, s.state, s.kind, CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END, s.status, COALESCE(date(s.day) = s.day, 0),
       sum(s.n), max(s.largest), avg(s.lat), avg(s.lon), min(s.record_id), min(s.day), max(s.day)
FROM agency_place_day_summary s WHERE s.n > 0 GROUP BY s.code, s.name, s.state, s.kind, CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END, s.status;

CREATE TRIGGER agency_place_week_summary_i AFTER INSERT ON agency_place_day_summary BEGIN
    DELETE FROM agency_place_week_summary WHERE (code, name, state, kind, status, week) = (new.code, new.name, new.state, new.kind, new.status, CASE WHEN date(new.day) = new.day THEN date(new.day, '-6 days', 'weekday 1') ELSE new.day END);
    INSERT INTO agency_place_week_summary (code, name, state, kind, week, status, dated, n, largest, lat, lon, record_id, first, last)
    SELECT s.code, s.name, s.state, s.kind, k.week, s.status, k.dated, sum(s.n), max(s.largest), avg(s.lat), avg(s.lon), min(s.record_id), min(s.day), max(s.day)
    FROM (SELECT CASE WHEN date(new.day) = new.day THEN date(new.day, '-6 days', 'weekday 1') ELSE new.day END AS week, CASE WHEN date(new.day) = new.day THEN date(new.day, 'weekday 0') ELSE new.day END AS sunday,
                 COALESCE(date(new.day) = new.day, 0) AS dated) k
    JOIN agency_place_day_summary s ON (s.code, s.name, s.state, s.kind, s.status) = (new.code, new.name, new.state, new.kind, new.status)
     AND s.day BETWEEN k.week AND k.sunday AND CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END = k.week AND s.n > 0
    GROUP BY k.week;
END;

CREATE TRIGGER agency_place_week_summary_u AFTER UPDATE ON agency_place_day_summary BEGIN
    DELETE FROM agency_place_week_summary WHERE (code, name, state, kind, status, week) = (old.code, old.name, old.state, old.kind, old.status, CASE WHEN date(old.day) = old.day THEN date(old.day, '-6 days', 'weekday 1') ELSE old.day END);
    INSERT INTO agency_place_week_summary (code, name, state, kind, week, status, dated, n, largest, lat, lon, record_id, first, last)
    SELECT s.code, s.name, s.state, s.kind, k.week, s.status, k.dated, sum(s.n), max(s.largest), avg(s.lat), avg(s.lon), min(s.record_id), min(s.day), max(s.day)
    FROM (SELECT CASE WHEN date(old.day) = old.day THEN date(old.day, '-6 days', 'weekday 1') ELSE old.day END AS week, CASE WHEN date(old.day) = old.day THEN date(old.day, 'weekday 0') ELSE old.day END AS sunday,
                 COALESCE(date(old.day) = old.day, 0) AS dated) k
    JOIN agency_place_day_summary s ON (s.code, s.name, s.state, s.kind, s.status) = (old.code, old.name, old.state, old.kind, old.status)
     AND s.day BETWEEN k.week AND k.sunday AND CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END = k.week AND s.n > 0
    GROUP BY k.week;
    DELETE FROM agency_place_week_summary WHERE (code, name, state, kind, status, week) = (new.code, new.name, new.state, new.kind, new.status, CASE WHEN date(new.day) = new.day THEN date(new.day, '-6 days', 'weekday 1') ELSE new.day END);
    INSERT INTO agency_place_week_summary (code, name, state, kind, week, status, dated, n, largest, lat, lon, record_id, first, last)
    SELECT s.code, s.name, s.state, s.kind, k.week, s.status, k.dated, sum(s.n), max(s.largest), avg(s.lat), avg(s.lon), min(s.record_id), min(s.day), max(s.day)
    FROM (SELECT CASE WHEN date(new.day) = new.day THEN date(new.day, '-6 days', 'weekday 1') ELSE new.day END AS week, CASE WHEN date(new.day) = new.day THEN date(new.day, 'weekday 0') ELSE new.day END AS sunday,
                 COALESCE(date(new.day) = new.day, 0) AS dated) k
    JOIN agency_place_day_summary s ON (s.code, s.name, s.state, s.kind, s.status) = (new.code, new.name, new.state, new.kind, new.status)
     AND s.day BETWEEN k.week AND k.sunday AND CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END = k.week AND s.n > 0
    GROUP BY k.week;
END;

CREATE TRIGGER agency_place_week_summary_d AFTER DELETE ON agency_place_day_summary BEGIN
    DELETE FROM agency_place_week_summary WHERE (code, name, state, kind, status, week) = (old.code, old.name, old.state, old.kind, old.status, CASE WHEN date(old.day) = old.day THEN date(old.day, '-6 days', 'weekday 1') ELSE old.day END);
    INSERT INTO agency_place_week_summary (code, name, state, kind, week, status, dated, n, largest, lat, lon, record_id, first, last)
    SELECT s.code, s.name, s.state, s.kind, k.week, s.status, k.dated, sum(s.n), max(s.largest), avg(s.lat), avg(s.lon), min(s.record_id), min(s.day), max(s.day)
    FROM (SELECT CASE WHEN date(old.day) = old.day THEN date(old.day, '-6 days', 'weekday 1') ELSE old.day END AS week, CASE WHEN date(old.day) = old.day THEN date(old.day, 'weekday 0') ELSE old.day END AS sunday,
                 COALESCE(date(old.day) = old.day, 0) AS dated) k
    JOIN agency_place_day_summary s ON (s.code, s.name, s.state, s.kind, s.status) = (old.code, old.name, old.state, old.kind, old.status)
     AND s.day BETWEEN k.week AND k.sunday AND CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END = k.week AND s.n > 0
    GROUP BY k.week;
END;


CREATE TABLE publisher_place_week_summary (
    publisher TEXT NOT NULL COLLATE NOCASE,
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    kind TEXT NOT NULL,
    week TEXT NOT NULL,               -- the Monday of its days, or its one day when that is no date
    status TEXT NOT NULL,
    dated INTEGER NOT NULL,           -- 1 when `week` is a Monday standing for seven days
    n INTEGER NOT NULL,
    largest REAL,
    lat REAL,
    lon REAL,
    record_id TEXT,
    first TEXT NOT NULL,              -- its first and last day
    last TEXT NOT NULL,
    PRIMARY KEY (publisher, name, state, kind, week, status)
) WITHOUT ROWID;

INSERT INTO publisher_place_week_summary (publisher, name, state, kind, week, status, dated, n, largest, lat, lon, record_id, first, last)
SELECT s.publisher, s.name, s.state, s.kind, CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END, s.status, COALESCE(date(s.day) = s.day, 0),
       sum(s.n), max(s.largest), avg(s.lat), avg(s.lon), min(s.record_id), min(s.day), max(s.day)
FROM publisher_place_day_summary s WHERE s.n > 0 GROUP BY s.publisher, s.name, s.state, s.kind, CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END, s.status;

CREATE TRIGGER publisher_place_week_summary_i AFTER INSERT ON publisher_place_day_summary BEGIN
    DELETE FROM publisher_place_week_summary WHERE (publisher, name, state, kind, status, week) = (new.publisher, new.name, new.state, new.kind, new.status, CASE WHEN date(new.day) = new.day THEN date(new.day, '-6 days', 'weekday 1') ELSE new.day END);
    INSERT INTO publisher_place_week_summary (publisher, name, state, kind, week, status, dated, n, largest, lat, lon, record_id, first, last)
    SELECT s.publisher, s.name, s.state, s.kind, k.week, s.status, k.dated, sum(s.n), max(s.largest), avg(s.lat), avg(s.lon), min(s.record_id), min(s.day), max(s.day)
    FROM (SELECT CASE WHEN date(new.day) = new.day THEN date(new.day, '-6 days', 'weekday 1') ELSE new.day END AS week, CASE WHEN date(new.day) = new.day THEN date(new.day, 'weekday 0') ELSE new.day END AS sunday,
                 COALESCE(date(new.day) = new.day, 0) AS dated) k
    JOIN publisher_place_day_summary s ON (s.publisher, s.name, s.state, s.kind, s.status) = (new.publisher, new.name, new.state, new.kind, new.status)
     AND s.day BETWEEN k.week AND k.sunday AND CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END = k.week AND s.n > 0
    GROUP BY k.week;
END;

CREATE TRIGGER publisher_place_week_summary_u AFTER UPDATE ON publisher_place_day_summary BEGIN
    DELETE FROM publisher_place_week_summary WHERE (publisher, name, state, kind, status, week) = (old.publisher, old.name, old.state, old.kind, old.status, CASE WHEN date(old.day) = old.day THEN date(old.day, '-6 days', 'weekday 1') ELSE old.day END);
    INSERT INTO publisher_place_week_summary (publisher, name, state, kind, week, status, dated, n, largest, lat, lon, record_id, first, last)
    SELECT s.publisher, s.name, s.state, s.kind, k.week, s.status, k.dated, sum(s.n), max(s.largest), avg(s.lat), avg(s.lon), min(s.record_id), min(s.day), max(s.day)
    FROM (SELECT CASE WHEN date(old.day) = old.day THEN date(old.day, '-6 days', 'weekday 1') ELSE old.day END AS week, CASE WHEN date(old.day) = old.day THEN date(old.day, 'weekday 0') ELSE old.day END AS sunday,
                 COALESCE(date(old.day) = old.day, 0) AS dated) k
    JOIN publisher_place_day_summary s ON (s.publisher, s.name, s.state, s.kind, s.status) = (old.publisher, old.name, old.state, old.kind, old.status)
     AND s.day BETWEEN k.week AND k.sunday AND CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END = k.week AND s.n > 0
    GROUP BY k.week;
    DELETE FROM publisher_place_week_summary WHERE (publisher, name, state, kind, status, week) = (new.publisher, new.name, new.state, new.kind, new.status, CASE WHEN date(new.day) = new.day THEN date(new.day, '-6 days', 'weekday 1') ELSE new.day END);
    INSERT INTO publisher_place_week_summary (publisher, name, state, kind, week, status, dated, n, largest, lat, lon, record_id, first, last)
    SELECT s.publisher, s.name, s.state, s.kind, k.week, s.status, k.dated, sum(s.n), max(s.largest), avg(s.lat), avg(s.lon), min(s.record_id), min(s.day), max(s.day)
    FROM (SELECT CASE WHEN date(new.day) = new.day THEN date(new.day, '-6 days', 'weekday 1') ELSE new.day END AS week, CASE WHEN date(new.day) = new.day THEN date(new.day, 'weekday 0') ELSE new.day END AS sunday,
                 COALESCE(date(new.day) = new.day, 0) AS dated) k
    JOIN publisher_place_day_summary s ON (s.publisher, s.name, s.state, s.kind, s.status) = (new.publisher, new.name, new.state, new.kind, new.status)
     AND s.day BETWEEN k.week AND k.sunday AND CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END = k.week AND s.n > 0
    GROUP BY k.week;
END;

CREATE TRIGGER publisher_place_week_summary_d AFTER DELETE ON publisher_place_day_summary BEGIN
    DELETE FROM publisher_place_week_summary WHERE (publisher, name, state, kind, status, week) = (old.publisher, old.name, old.state, old.kind, old.status, CASE WHEN date(old.day) = old.day THEN date(old.day, '-6 days', 'weekday 1') ELSE old.day END);
    INSERT INTO publisher_place_week_summary (publisher, name, state, kind, week, status, dated, n, largest, lat, lon, record_id, first, last)
    SELECT s.publisher, s.name, s.state, s.kind, k.week, s.status, k.dated, sum(s.n), max(s.largest), avg(s.lat), avg(s.lon), min(s.record_id), min(s.day), max(s.day)
    FROM (SELECT CASE WHEN date(old.day) = old.day THEN date(old.day, '-6 days', 'weekday 1') ELSE old.day END AS week, CASE WHEN date(old.day) = old.day THEN date(old.day, 'weekday 0') ELSE old.day END AS sunday,
                 COALESCE(date(old.day) = old.day, 0) AS dated) k
    JOIN publisher_place_day_summary s ON (s.publisher, s.name, s.state, s.kind, s.status) = (old.publisher, old.name, old.state, old.kind, old.status)
     AND s.day BETWEEN k.week AND k.sunday AND CASE WHEN date(s.day) = s.day THEN date(s.day, '-6 days', 'weekday 1') ELSE s.day END = k.week AND s.n > 0
    GROUP BY k.week;
END;

-- The records list by place or by kind within a state (publish/records_page.py): its records whose
-- own state it is, read in the sort's order and stopped at the page; and the records placed in the
-- state only after their first place (their own state is another), few, found by position.
CREATE INDEX records_by_state_place ON records (state, places IS NULL DESC, places DESC, date_start);
CREATE INDEX records_by_state_kind ON records (state, kind DESC, date_start);
CREATE INDEX record_places_state_position ON record_places (state, position);
ANALYZE records_by_state_place;
ANALYZE records_by_state_kind;
ANALYZE record_places_state_position;

-- The events a place or a state is reported in (publish/events_page.py): per event, the places its
-- reports name and the states they are in (a report's own state and each of its places'), each
-- counted once per mention, so the events list of a place or a state reads these rows instead of
-- walking events and asking each for such a report (100-160 ms at 1M). Kept as 011 keeps
-- event_day_summary: a report joins or leaves an event, its places or its state change, it goes.
-- When a record goes, its own trigger takes its mentions off first; the cascades after it find the
-- record gone and do nothing.
CREATE TABLE event_place_summary (
    event_id TEXT NOT NULL,
    name TEXT NOT NULL,
    state TEXT NOT NULL,              -- '' when the place has none
    n INTEGER NOT NULL,
    PRIMARY KEY (event_id, name, state)
) WITHOUT ROWID;
CREATE INDEX event_place_summary_place ON event_place_summary (name, state);

CREATE TABLE event_state_summary (
    event_id TEXT NOT NULL,
    state TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (event_id, state)
) WITHOUT ROWID;
CREATE INDEX event_state_summary_state ON event_state_summary (state);

-- A record's states, once per mention: its own, and each of its places'.
CREATE VIEW record_state_mentions AS
SELECT id AS record_id, state FROM records WHERE state IS NOT NULL
UNION ALL SELECT record_id, state FROM record_places WHERE state IS NOT NULL;

INSERT INTO event_place_summary (event_id, name, state, n)
SELECT er.event_id, p.name, COALESCE(p.state, ''), count(*)
FROM event_records er JOIN record_places p ON p.record_id = er.record_id GROUP BY 1, 2, 3;

INSERT INTO event_state_summary (event_id, state, n)
SELECT er.event_id, m.state, count(*) FROM event_records er JOIN record_state_mentions m ON m.record_id = er.record_id
GROUP BY 1, 2;

CREATE TRIGGER event_place_summary_ai AFTER INSERT ON event_records BEGIN
    INSERT INTO event_place_summary (event_id, name, state, n)
    SELECT new.event_id, name, COALESCE(state, ''), 1 FROM record_places WHERE record_id = new.record_id
    ON CONFLICT (event_id, name, state) DO UPDATE SET n = n + 1;
    INSERT INTO event_state_summary (event_id, state, n)
    SELECT new.event_id, state, 1 FROM record_state_mentions WHERE record_id = new.record_id
    ON CONFLICT (event_id, state) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER event_place_summary_ad AFTER DELETE ON event_records
WHEN EXISTS (SELECT 1 FROM records WHERE id = old.record_id) BEGIN
    UPDATE event_place_summary SET n = n - (
        SELECT count(*) FROM record_places p WHERE p.record_id = old.record_id
          AND p.name = event_place_summary.name AND COALESCE(p.state, '') = event_place_summary.state)
    WHERE event_id = old.event_id;
    DELETE FROM event_place_summary WHERE event_id = old.event_id AND n <= 0;
    UPDATE event_state_summary SET n = n - (
        SELECT count(*) FROM record_state_mentions m WHERE m.record_id = old.record_id AND m.state = event_state_summary.state)
    WHERE event_id = old.event_id;
    DELETE FROM event_state_summary WHERE event_id = old.event_id AND n <= 0;
END;

CREATE TRIGGER event_place_summary_bd BEFORE DELETE ON records BEGIN
    UPDATE event_place_summary SET n = n - (
        SELECT count(*) FROM record_places p WHERE p.record_id = old.id
          AND p.name = event_place_summary.name AND COALESCE(p.state, '') = event_place_summary.state)
    WHERE event_id IN (SELECT event_id FROM event_records WHERE record_id = old.id);
    DELETE FROM event_place_summary WHERE n <= 0 AND event_id IN (SELECT event_id FROM event_records WHERE record_id = old.id);
    UPDATE event_state_summary SET n = n - (
        SELECT count(*) FROM record_state_mentions m WHERE m.record_id = old.id AND m.state = event_state_summary.state)
    WHERE event_id IN (SELECT event_id FROM event_records WHERE record_id = old.id);
    DELETE FROM event_state_summary WHERE n <= 0 AND event_id IN (SELECT event_id FROM event_records WHERE record_id = old.id);
END;

CREATE TRIGGER event_state_summary_au AFTER UPDATE OF state ON records
WHEN old.state IS NOT new.state BEGIN
    UPDATE event_state_summary SET n = n - 1
    WHERE old.state IS NOT NULL AND state = old.state AND event_id IN (SELECT event_id FROM event_records WHERE record_id = old.id);
    DELETE FROM event_state_summary WHERE n <= 0 AND event_id IN (SELECT event_id FROM event_records WHERE record_id = old.id);
    INSERT INTO event_state_summary (event_id, state, n)
    SELECT event_id, new.state, 1 FROM event_records WHERE record_id = new.id AND new.state IS NOT NULL
    ON CONFLICT (event_id, state) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER event_place_summary_place_ai AFTER INSERT ON record_places BEGIN
    INSERT INTO event_place_summary (event_id, name, state, n)
    SELECT event_id, new.name, COALESCE(new.state, ''), 1 FROM event_records WHERE record_id = new.record_id
    ON CONFLICT (event_id, name, state) DO UPDATE SET n = n + 1;
    INSERT INTO event_state_summary (event_id, state, n)
    SELECT event_id, new.state, 1 FROM event_records WHERE record_id = new.record_id AND new.state IS NOT NULL
    ON CONFLICT (event_id, state) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER event_place_summary_place_ad AFTER DELETE ON record_places
WHEN EXISTS (SELECT 1 FROM records WHERE id = old.record_id) BEGIN
    UPDATE event_place_summary SET n = n - 1
    WHERE name = old.name AND state = COALESCE(old.state, '')
      AND event_id IN (SELECT event_id FROM event_records WHERE record_id = old.record_id);
    DELETE FROM event_place_summary WHERE n <= 0 AND name = old.name AND state = COALESCE(old.state, '');
    UPDATE event_state_summary SET n = n - 1
    WHERE old.state IS NOT NULL AND state = old.state
      AND event_id IN (SELECT event_id FROM event_records WHERE record_id = old.record_id);
    DELETE FROM event_state_summary WHERE n <= 0 AND state = old.state;
END;

CREATE TRIGGER event_place_summary_place_au AFTER UPDATE OF record_id, name, state ON record_places BEGIN
    UPDATE event_place_summary SET n = n - 1
    WHERE name = old.name AND state = COALESCE(old.state, '')
      AND event_id IN (SELECT event_id FROM event_records WHERE record_id = old.record_id);
    DELETE FROM event_place_summary WHERE n <= 0 AND name = old.name AND state = COALESCE(old.state, '');
    UPDATE event_state_summary SET n = n - 1
    WHERE old.state IS NOT NULL AND state = old.state
      AND event_id IN (SELECT event_id FROM event_records WHERE record_id = old.record_id);
    DELETE FROM event_state_summary WHERE n <= 0 AND state = old.state;
    INSERT INTO event_place_summary (event_id, name, state, n)
    SELECT event_id, new.name, COALESCE(new.state, ''), 1 FROM event_records WHERE record_id = new.record_id
    ON CONFLICT (event_id, name, state) DO UPDATE SET n = n + 1;
    INSERT INTO event_state_summary (event_id, state, n)
    SELECT event_id, new.state, 1 FROM event_records WHERE record_id = new.record_id AND new.state IS NOT NULL
    ON CONFLICT (event_id, state) DO UPDATE SET n = n + 1;
END;

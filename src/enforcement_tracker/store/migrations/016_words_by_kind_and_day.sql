-- Words of the quote counted by kind and by the record's own dates, and records_fts kept when a
-- quote is rewritten.
--
-- The dashboard of words with dates counts the matches by kind that the dates keep. 012's index
-- numbers a quote by its document's date, not its record's, so every match in the documents the
-- dates reach was read and its record's dates tested (q=agents&since=2025-01-10&until=2025-06-01:
-- 250,000 rows, 1 s at 1M). These two indexes number each quote by its kind's code (014's), then
-- a day of its record as yyyymmdd (its first in _start, its last in _end: the days since and until
-- compare, COALESCE(date_start, date_end, published) and COALESCE(date_end, date_start, published);
-- missing month or day 0, so "2025-01" sorts before "2025-01-01" as the text does; no day 0), then
-- its rowid: code * 2^59 + day * 2^32 + rowid. A kind's matches in a range of days are one range of
-- rowids, which FTS5 seeks to; a record is kept by since and until when its last day is not before
-- since and its first not after until, which two such ranges count (publish/word_days.py). Quote
-- words only, without positions (detail=none), as 014's; kinds with codes above 15 are left out
-- (their key would not fit 63 bits) and counted from the records.

CREATE VIEW records_fts_by_day_rows AS
SELECT r.rowid AS record_rowid, r.quote AS quote,
       c.code * 576460752303423488 + r.rowid + 4294967296 * (CASE
           WHEN COALESCE(r.date_start, r.date_end, d.published) IS NULL THEN 0
           ELSE CAST(substr(COALESCE(r.date_start, r.date_end, d.published), 1, 4) AS INTEGER) * 10000
                + CAST(substr(COALESCE(r.date_start, r.date_end, d.published), 6, 2) AS INTEGER) * 100
                + CAST(substr(COALESCE(r.date_start, r.date_end, d.published), 9, 2) AS INTEGER) END) AS start_key,
       c.code * 576460752303423488 + r.rowid + 4294967296 * (CASE
           WHEN COALESCE(r.date_end, r.date_start, d.published) IS NULL THEN 0
           ELSE CAST(substr(COALESCE(r.date_end, r.date_start, d.published), 1, 4) AS INTEGER) * 10000
                + CAST(substr(COALESCE(r.date_end, r.date_start, d.published), 6, 2) AS INTEGER) * 100
                + CAST(substr(COALESCE(r.date_end, r.date_start, d.published), 9, 2) AS INTEGER) END) AS end_key
FROM records r
JOIN records_fts_by_kind_codes c ON c.kind = r.kind AND c.code <= 15
LEFT JOIN documents d ON d.id = r.document_id;

CREATE VIRTUAL TABLE records_fts_by_kind_start USING fts5(quote, content='', detail=none);
CREATE VIRTUAL TABLE records_fts_by_kind_end USING fts5(quote, content='', detail=none);

INSERT INTO records_fts_by_kind_start (rowid, quote) SELECT start_key, quote FROM records_fts_by_day_rows;
INSERT INTO records_fts_by_kind_end (rowid, quote) SELECT end_key, quote FROM records_fts_by_day_rows;
-- One segment each: a range read then walks one b-tree, not each segment the bulk insert left.
INSERT INTO records_fts_by_kind_start (records_fts_by_kind_start) VALUES ('optimize');
INSERT INTO records_fts_by_kind_end (records_fts_by_kind_end) VALUES ('optimize');

-- A contentless index forgets a row only when told the very words and rowid it holds: each
-- trigger reads them from the view while the record (and its document) is still as it was indexed.
-- 014's records_fts_by_kind_code_bi gives a new kind its code before these run.
CREATE TRIGGER records_fts_by_day_ai AFTER INSERT ON records BEGIN
    INSERT INTO records_fts_by_kind_start (rowid, quote)
    SELECT start_key, quote FROM records_fts_by_day_rows WHERE record_rowid = new.rowid;
    INSERT INTO records_fts_by_kind_end (rowid, quote)
    SELECT end_key, quote FROM records_fts_by_day_rows WHERE record_rowid = new.rowid;
END;

CREATE TRIGGER records_fts_by_day_bd BEFORE DELETE ON records BEGIN
    INSERT INTO records_fts_by_kind_start (records_fts_by_kind_start, rowid, quote)
    SELECT 'delete', start_key, quote FROM records_fts_by_day_rows WHERE record_rowid = old.rowid;
    INSERT INTO records_fts_by_kind_end (records_fts_by_kind_end, rowid, quote)
    SELECT 'delete', end_key, quote FROM records_fts_by_day_rows WHERE record_rowid = old.rowid;
END;

CREATE TRIGGER records_fts_by_day_bu BEFORE UPDATE OF quote, kind, date_start, date_end, document_id ON records BEGIN
    INSERT INTO records_fts_by_kind_start (records_fts_by_kind_start, rowid, quote)
    SELECT 'delete', start_key, quote FROM records_fts_by_day_rows WHERE record_rowid = old.rowid;
    INSERT INTO records_fts_by_kind_end (records_fts_by_kind_end, rowid, quote)
    SELECT 'delete', end_key, quote FROM records_fts_by_day_rows WHERE record_rowid = old.rowid;
END;

CREATE TRIGGER records_fts_by_day_au AFTER UPDATE OF quote, kind, date_start, date_end, document_id ON records BEGIN
    INSERT INTO records_fts_by_kind_start (rowid, quote)
    SELECT start_key, quote FROM records_fts_by_day_rows WHERE record_rowid = new.rowid;
    INSERT INTO records_fts_by_kind_end (rowid, quote)
    SELECT end_key, quote FROM records_fts_by_day_rows WHERE record_rowid = new.rowid;
END;

-- A record without dates of its own takes its document's.
CREATE TRIGGER records_fts_by_day_document_bu BEFORE UPDATE OF published ON documents BEGIN
    INSERT INTO records_fts_by_kind_start (records_fts_by_kind_start, rowid, quote)
    SELECT 'delete', v.start_key, v.quote FROM records r JOIN records_fts_by_day_rows v ON v.record_rowid = r.rowid
    WHERE r.document_id = old.id AND r.date_start IS NULL AND r.date_end IS NULL;
    INSERT INTO records_fts_by_kind_end (records_fts_by_kind_end, rowid, quote)
    SELECT 'delete', v.end_key, v.quote FROM records r JOIN records_fts_by_day_rows v ON v.record_rowid = r.rowid
    WHERE r.document_id = old.id AND r.date_start IS NULL AND r.date_end IS NULL;
END;

CREATE TRIGGER records_fts_by_day_document_au AFTER UPDATE OF published ON documents BEGIN
    INSERT INTO records_fts_by_kind_start (rowid, quote)
    SELECT v.start_key, v.quote FROM records r JOIN records_fts_by_day_rows v ON v.record_rowid = r.rowid
    WHERE r.document_id = new.id AND r.date_start IS NULL AND r.date_end IS NULL;
    INSERT INTO records_fts_by_kind_end (rowid, quote)
    SELECT v.end_key, v.quote FROM records r JOIN records_fts_by_day_rows v ON v.record_rowid = r.rowid
    WHERE r.document_id = new.id AND r.date_start IS NULL AND r.date_end IS NULL;
END;

-- records_fts (001) reads its quotes from records: a quote rewritten in place (a correction,
-- store/ledger.replace_record) leaves the index with the old words unless it is told. Told here,
-- whatever writes the quote; the old words are still those it indexed.
CREATE TRIGGER records_fts_au AFTER UPDATE OF quote ON records WHEN old.quote IS NOT new.quote BEGIN
    INSERT INTO records_fts (records_fts, rowid, quote) VALUES ('delete', old.rowid, old.quote);
    INSERT INTO records_fts (rowid, quote) VALUES (new.rowid, new.quote);
END;

-- kind_summary (010) counted a record under the kind it was written with: a kind changed in place
-- (a correction) left it counted under the old one, and the dashboard of the whole ledger and the
-- walks of every record's kind (publish/word_search.every_record) read these counts. Counted again
-- once, then kept.
DELETE FROM kind_summary;
INSERT INTO kind_summary (kind, n) SELECT kind, count(*) FROM records GROUP BY kind;

CREATE TRIGGER kind_summary_au AFTER UPDATE OF kind ON records WHEN old.kind IS NOT new.kind BEGIN
    UPDATE kind_summary SET n = n - 1 WHERE kind = old.kind;
    DELETE FROM kind_summary WHERE kind = old.kind AND n <= 0;
    INSERT INTO kind_summary (kind, n) VALUES (new.kind, 1)
    ON CONFLICT (kind) DO UPDATE SET n = n + 1;
END;

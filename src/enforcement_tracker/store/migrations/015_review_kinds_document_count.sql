-- Two counts the dashboard asks on every page it builds from the summaries.
--
-- Records by review state and kind: records_review (008) holds the state alone, so counting a
-- state's records by kind read each one's row for its kind (review=verified, 10,000 records of a
-- million: 25-65 ms; review=machine counts the others, the same). This index holds both, and a
-- count by kind reads it alone.
CREATE INDEX IF NOT EXISTS records_review_kind ON records (review, kind);

-- How many documents the ledger holds, kept at every write: counting them read a whole index of
-- the documents (100,000 at 1M records: 1 ms in memory, 270-340 ms of the first page after a
-- restart when the file is not in memory).
CREATE TABLE document_count (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    n INTEGER NOT NULL
);

INSERT INTO document_count (one, n) SELECT 1, count(*) FROM documents;

CREATE TRIGGER document_count_ai AFTER INSERT ON documents BEGIN
    UPDATE document_count SET n = n + 1;
END;

CREATE TRIGGER document_count_ad AFTER DELETE ON documents BEGIN
    UPDATE document_count SET n = n - 1;
END;

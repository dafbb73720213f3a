-- Words of the quote counted by kind. The dashboard of a search counts its matches per kind, and in
-- migration 012's index each count is the words' matches intersected with a kind's facet word, so
-- six intersections read every record's kind word (q=agents: 65-75 ms at 1M). This index numbers
-- each quote by its kind's code times 2^32 plus its record's rowid: one kind's matches are one
-- range of rowids, which FTS5 seeks to, so the counts by kind read the words' matches once and
-- nothing else. It holds the quote's words only, without positions (detail=none: 31 MB at 1M
-- records); words of letters and digits are searched here, anything else reads 012's index.

-- A code per kind: the kinds of today A to Z, so that every ledger numbers them alike whatever
-- order its records came in, and any other kind the next code as its first record is written.
CREATE TABLE records_fts_by_kind_codes (
    code INTEGER PRIMARY KEY,
    kind TEXT NOT NULL UNIQUE
);

INSERT INTO records_fts_by_kind_codes (kind)
VALUES ('arrest_count'), ('cadence'), ('criminality'), ('operation'), ('quote'), ('target');

INSERT OR IGNORE INTO records_fts_by_kind_codes (kind) SELECT DISTINCT kind FROM records ORDER BY kind;

CREATE VIRTUAL TABLE records_fts_by_kind USING fts5(quote, content='', detail=none);

INSERT INTO records_fts_by_kind (rowid, quote)
SELECT c.code * 4294967296 + r.rowid, r.quote FROM records r JOIN records_fts_by_kind_codes c ON c.kind = r.kind;

-- Merged into one segment: a probe of one rowid (publish/word_search.probed_walk) then reads one
-- b-tree, not each segment the bulk insert left (11 µs a probe at 1M, not 45; 0.6 s once).
INSERT INTO records_fts_by_kind (records_fts_by_kind) VALUES ('optimize');

CREATE TRIGGER records_fts_by_kind_code_bi BEFORE INSERT ON records BEGIN
    INSERT OR IGNORE INTO records_fts_by_kind_codes (kind) VALUES (new.kind);
END;

-- A contentless index forgets a row only when told the very words it holds: the old quote and kind.
CREATE TRIGGER records_fts_by_kind_ai AFTER INSERT ON records BEGIN
    INSERT INTO records_fts_by_kind (rowid, quote)
    SELECT code * 4294967296 + new.rowid, new.quote FROM records_fts_by_kind_codes WHERE kind = new.kind;
END;

CREATE TRIGGER records_fts_by_kind_bd BEFORE DELETE ON records BEGIN
    INSERT INTO records_fts_by_kind (records_fts_by_kind, rowid, quote)
    SELECT 'delete', code * 4294967296 + old.rowid, old.quote FROM records_fts_by_kind_codes WHERE kind = old.kind;
END;

CREATE TRIGGER records_fts_by_kind_bu BEFORE UPDATE OF quote, kind ON records BEGIN
    INSERT OR IGNORE INTO records_fts_by_kind_codes (kind) VALUES (new.kind);
    INSERT INTO records_fts_by_kind (records_fts_by_kind, rowid, quote)
    SELECT 'delete', code * 4294967296 + old.rowid, old.quote FROM records_fts_by_kind_codes WHERE kind = old.kind;
END;

CREATE TRIGGER records_fts_by_kind_au AFTER UPDATE OF quote, kind ON records BEGIN
    INSERT INTO records_fts_by_kind (rowid, quote)
    SELECT code * 4294967296 + new.rowid, new.quote FROM records_fts_by_kind_codes WHERE kind = new.kind;
END;

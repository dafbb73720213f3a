-- A record page lists the earliest other reports of its event. For an event of thousands of
-- reports the page reads documents in date order and probes each one's records for membership,
-- stopping after a page of them; with these two indexes that walk reads index pages only (no
-- record JSON, no document text). Each extends the one-column index of 001 it replaces, so
-- every query that used the old one (documents newest first, records of a document) still can.
DROP INDEX IF EXISTS documents_published;
CREATE INDEX documents_published ON documents(published, id);
DROP INDEX IF EXISTS records_document;
CREATE INDEX records_document ON records(document_id, id);

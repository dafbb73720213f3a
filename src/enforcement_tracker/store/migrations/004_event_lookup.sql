-- "Other reports of the same thing" looks events up by record: index that direction too.
CREATE INDEX event_records_record ON event_records(record_id);

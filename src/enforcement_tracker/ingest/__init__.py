"""Reading text, HTML and folders into Documents."""

from enforcement_tracker.ingest.reader import iter_input_files, parse_published, read_document

__all__ = ["iter_input_files", "parse_published", "read_document"]

"""Reading text, HTML and folders into Documents.

The public API: `document_from_text`, `document_from_html` (ingest/api.py) and `read_document`
(a file, through them).
"""

from enforcement_tracker.ingest.api import document_from_html, document_from_text
from enforcement_tracker.ingest.reader import iter_input_files, parse_published, read_document

__all__ = ["document_from_html", "document_from_text", "iter_input_files", "parse_published", "read_document"]

"""WARC input for the job: a manifest lists WARC files; each is streamed record by record.

Only HTTP responses whose type is HTML become rows; each keeps the WARC file and the record's
byte offset as its provenance (`source_uri` = "crawl-00001.warc.gz#48213"), so a record in the
ledger points back at the capture it was read from. The page goes through the same
`document_from_html` as a fetched page or an .html file. A file that is not a WARC (or stops
being one part-way) is one row with `unreadable` set, which the job writes as that row's error:
the other files, and the pages read before it, still go through.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any, Iterator

from enforcement_tracker.errors import IngestError
from enforcement_tracker.fetch.warc import html_response
from enforcement_tracker.settings import max_document_bytes

NOT_WARC_HINT = "give a .warc or .warc.gz file as written by a crawler"


def manifest_paths(manifest: str | Path) -> list[str]:
    """The WARC files a manifest names, one a line ('#' starts a comment); a relative path is read
    from the manifest's folder. Every file must exist, or the error names the line."""
    manifest = Path(manifest)
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"manifest could not be read ({exc})", source=str(manifest),
                          hint="give a text file with one WARC path a line") from exc
    out = []
    for number, line in enumerate(lines, 1):
        entry = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not entry:
            continue
        path = Path(entry) if Path(entry).is_absolute() else manifest.parent / entry
        if not path.is_file():
            raise IngestError(f"line {number}: no such WARC file {entry!r}", source=str(manifest),
                              hint="fix the path (relative paths are read from the manifest's folder)")
        out.append(str(path))
    if not out:
        raise IngestError("manifest lists no WARC files", source=str(manifest), hint="add one WARC path a line")
    return out


def warc_rows(path: str, *, max_bytes: int | None = None) -> Iterator[dict[str, Any]]:
    """Input rows of one WARC file's HTML responses, streamed (one record in memory at a time).

    A page bigger than the document limit is a row whose `html` is cut just past the limit, so
    the reader refuses it by name, as it refuses a file that size."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = max_document_bytes() if max_bytes is None else max_bytes
    offset = 0  # where the next record starts: what an unreadable one is named by
    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                # As `etrack ingest` reads it (fetch/warc.py): an ARC record is no WARC's.
                if str(getattr(record, "format", "")).startswith("arc"):
                    yield unreadable_row(path, offset, "no WARC/1.x header: plain text, or an old ARC file")
                    return
                row = _page_row(record, limit)
                # Asked only now: warcio reads the record to its end to answer.
                start = records.get_record_offset()
                offset = start + records.get_record_length()
                if row is not None:
                    yield dict(row, source_uri=f"{path}#{start}")
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error) as exc:
        yield unreadable_row(path, offset, " ".join(str(exc).split())[:160] or type(exc).__name__)


def unreadable_row(path: str, offset: int, why: str) -> dict[str, Any]:
    """The row of a file (or the rest of one) that could not be read as WARC records."""
    return {"id": None, "source_uri": f"{path}#{offset}", "unreadable": f"is not a readable WARC file ({why})",
            "hint": NOT_WARC_HINT}


def _page_row(record, limit: int) -> dict[str, Any] | None:
    """One HTML response's input row, or None for a record the job does not read (the records
    `etrack ingest x.warc.gz` reads: fetch/warc.html_response)."""
    response = html_response(record)
    if response is None:
        return None
    uri, _, _, charset = response
    body = record.content_stream().read(limit + 1)
    return {
        "id": record.rec_headers.get_header("WARC-Record-ID"),
        "html": body,
        "encoding": charset,
        "url": uri,
        "fetched": record.rec_headers.get_header("WARC-Date"),
        "max_bytes": limit,  # the reader refuses a page cut short at it, naming the capture
    }

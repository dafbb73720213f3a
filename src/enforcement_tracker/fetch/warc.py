"""WARC crawl archives (warcio): the HTML responses in them, as pages with the capture's URL and
date as provenance. Streamed one record at a time, so memory holds one page (and one batch of
documents being extracted), never the archive."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from enforcement_tracker.fetch.client import Page
from enforcement_tracker.fetch.errors import FetchError
from enforcement_tracker.fetch.pages import HTML_TYPES, FetchSummary, PageResult, archive_batch_size, ingest_pages
from enforcement_tracker.settings import ExtractSettings, max_document_bytes

SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(SUFFIXES)


def split_archives(paths: Iterable[str | Path]) -> tuple[list[Path], list[str | Path]]:
    """(crawl archives, the rest) of what `etrack ingest` was given: an archive named itself, or
    found in a folder (in name order, hidden files left out), goes to the WARC reader; files and
    folders go to the file reader, but for a folder that holds archives and nothing else to read."""
    from enforcement_tracker.ingest.reader import READABLE_SUFFIXES

    archives: list[Path] = []
    rest: list[str | Path] = []
    for raw in paths:
        path = Path(raw)
        if is_warc(path):
            archives.append(path)
            continue
        try:
            found = sorted(p for p in path.rglob("*") if not p.name.startswith(".") and p.is_file()) \
                if path.is_dir() else []
        except OSError:  # the file reader says what is wrong with it
            found = []
        inside = [p for p in found if is_warc(p)]
        archives += inside
        if not inside or any(p.suffix.lower() in READABLE_SUFFIXES for p in found):
            rest.append(raw)
    return archives, rest


def capture_time(value: str | None) -> str:
    """A WARC-Date as the ledger writes times (UTC, seconds, +00:00)."""
    if not value:
        return ""
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).isoformat(timespec="seconds")


def html_response(record) -> tuple[str, int, str, str | None] | None:
    """(URL, status, media type, charset) of a WARC record that is read: a 2xx HTML response to an
    http(s) URL; None for any other. `etrack ingest` and the Spark job read the same records."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    status = int(record.http_headers.get_statuscode() or 0)
    content_type = record.http_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if not 200 <= status < 300 or mime not in HTML_TYPES or not uri.lower().startswith(("http:", "https:")):
        return None
    charset = None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"\'') or None
    return uri, status, mime, charset


def iter_warc_pages(path: str | Path, *, max_bytes: int | None = None, counts: dict | None = None,
                    on_position: Callable[[int], None] | None = None) -> Iterator[tuple[str, str, Page | FetchError]]:
    """(target URI, via, Page or the error for that record) for each HTML response in the archive."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = max_bytes if max_bytes is not None else max_document_bytes()
    path = Path(path)
    via = f"warc:{path.name}"
    counts = counts if counts is not None else {}
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise FetchError(f"could not be opened ({exc.strerror or exc})", source=str(path), hint="check the path") from exc
    with handle:
        try:
            # Reading ARC too would take any text file for an ARC: only a file named .arc is read as one.
            arc = path.name.lower().endswith((".arc", ".arc.gz"))
            for record in ArchiveIterator(handle, arc2warc=arc):
                if not arc and str(getattr(record, "format", "")).startswith("arc"):
                    raise FetchError("is not a readable WARC file (no WARC/1.x header: plain text, or an old ARC "
                                     "file)", source=str(path), hint="give a .warc or .warc.gz file as written by a "
                                     "crawler, or name an ARC file .arc")
                counts["records"] = counts.get("records", 0) + 1
                if on_position is not None:
                    on_position(handle.tell())
                response = html_response(record)
                if response is None:
                    continue
                uri, status, mime, charset = response
                counts["html"] = counts.get("html", 0) + 1
                body = record.content_stream().read(limit + 1)
                if len(body) > limit:
                    yield uri, via, FetchError(f"capture is more than {limit:,} bytes", source=f"{path.name}#{uri[:160]}",
                                               hint="raise ETRACK_MAX_DOCUMENT_BYTES if it is really one article")
                    continue
                yield uri, via, Page(url=uri, final_url=uri, status=status, body=body, content_type=mime, charset=charset,
                                     fetched_at=capture_time(record.rec_headers.get_header("WARC-Date")))
        except ArchiveLoadFailed as exc:
            raise FetchError(f"is not a readable WARC file ({' '.join(str(exc).split())[:160]})", source=str(path),
                             hint="give a .warc or .warc.gz file as written by a crawler") from exc


def ingest_warc(conn: sqlite3.Connection, path: str | Path, settings: ExtractSettings, *,
                on_position: Callable[[int], None] | None = None,
                on_page: Callable[[PageResult], None] | None = None) -> tuple[FetchSummary, dict]:
    """Every HTML response of one WARC file into the ledger; (summary, counts of records read)."""
    counts: dict = {}
    summary = ingest_pages(conn, iter_warc_pages(path, counts=counts, on_position=on_position), settings,
                           summary=FetchSummary(keep_results=False), on_page=on_page,
                           batch_size=archive_batch_size(settings))
    return summary, counts


def file_size(path: str | Path) -> int | None:
    try:
        return os.path.getsize(path)
    except OSError:
        return None

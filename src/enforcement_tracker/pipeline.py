"""The pipeline end to end: files to Documents to Records, and into the ledger.

One failing file never stops the others: its error is reported beside the results and the
ledger stays unchanged for it.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from enforcement_tracker.errors import IngestError, TrackerError
from enforcement_tracker.extract import extract_documents
from enforcement_tracker.ingest import iter_input_files, parse_published, read_document
from enforcement_tracker.models import Document, Extraction
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import save_extraction
from enforcement_tracker.store.events import update_events

# A long ingest brings the events up to date every so many new documents, so a server reading
# the ledger meanwhile lags by at most that many (one transaction each, whole claims at a time).
EVENTS_EVERY = 500


@dataclass
class FileResult:
    file: str
    extraction: Extraction | None = None
    error: TrackerError | None = None
    warnings: list[str] = field(default_factory=list)


def document_warnings(name: str, extraction: Extraction) -> list[str]:
    """What a user should know about a file that was read: dates left open for want of a date."""
    doc = extraction.document
    if doc.published is None and any(_has_open_date(r.fields) for r in extraction.records):
        return [f"{name}: no publication date, so weekdays and dates without a year stay unresolved "
                f"(add `published: YYYY-MM-DD` to its front matter or pass --published)"]
    return []


def _has_open_date(fields: dict) -> bool:
    for key in ("period", "start", "end", "issued_on"):
        value = fields.get(key)
        parts = [value] if not isinstance(value, dict) or "date" in value else [value.get("start"), value.get("end")]
        if any(isinstance(p, dict) and p.get("date") is None and p.get("text") for p in parts):
            return True
    return False


@dataclass
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    events: int | None = None
    checks: int | None = None
    failed: int = 0
    records: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)  # records the guard dropped, by reason
    errors: list[TrackerError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def check_published(value: str | None) -> str | None:
    """A --published value, or an IngestError that says how to write it."""
    if value is None:
        return None
    try:
        return parse_published(value)
    except ValueError as exc:
        raise IngestError(f"--published {value!r} does not parse", hint="write it as YYYY-MM-DD") from exc


def extract_files(paths: Iterable[str | Path], settings: ExtractSettings, *, publisher: str | None = None,
                  published: str | None = None, expand: bool = True) -> Iterator[FileResult]:
    """One FileResult per input file, in input order; unreadable files carry their error."""
    published = check_published(published)
    items: list[tuple[str, Document | TrackerError]] = []
    for raw in paths:
        try:
            files = list(iter_input_files([raw])) if expand else [Path(raw)]
        except TrackerError as exc:
            items.append((str(raw), exc))
            continue
        for path in files:
            name = str(path) if Path(raw).is_dir() else str(raw)
            try:
                items.append((name, read_document(path, publisher=publisher, published=published, display=name)))
            except TrackerError as exc:
                items.append((name, exc))
    documents = [d for _, d in items if isinstance(d, Document)]
    extracted = iter(extract_documents(documents, settings))
    for name, item in items:
        if isinstance(item, TrackerError):
            yield FileResult(name, error=item)
        else:
            extraction = next(extracted)
            yield FileResult(name, extraction=extraction, warnings=document_warnings(name, extraction))


def ingest_paths(conn: sqlite3.Connection, paths: Iterable[str | Path], settings: ExtractSettings, *,
                 on_file: Callable[[FileResult, str], None] | None = None,
                 publisher: str | None = None, published: str | None = None) -> IngestSummary:
    """Extract every file and store each document in its own transaction."""
    summary = IngestSummary()
    for result in extract_files(paths, settings, publisher=publisher, published=published):
        status = "failed"
        summary.warnings.extend(result.warnings)
        if result.error is not None:
            summary.failed += 1
            summary.errors.append(result.error)
        else:
            try:
                status = save_extraction(conn, result.extraction)
            except TrackerError as exc:
                summary.failed += 1
                summary.errors.append(exc)
                status = "failed"
            else:
                if status == "new":
                    summary.new += 1
                    summary.records.update(r.kind for r in result.extraction.records)
                    summary.refused.update(result.extraction.refused)
                    if summary.new % EVENTS_EVERY == 0:
                        update_events(conn, verify=False)
                else:
                    summary.unchanged += 1
        if on_file:
            on_file(result, status)
    # Even when nothing here is new: a run killed before its events were written left its
    # documents marked, and a ledger whose events were lost is rebuilt; this finishes both.
    update = update_events(conn)
    if summary.new or update.mode != "current":
        summary.events = update.events
    return summary


def count_inputs(paths: Iterable[str | Path]) -> int:
    """How many files the paths name (for a progress bar); unreadable paths count as one."""
    n = 0
    for raw in paths:
        try:
            n += sum(1 for _ in iter_input_files([raw]))
        except TrackerError:
            n += 1
    return n

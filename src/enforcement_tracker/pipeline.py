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
from enforcement_tracker.extract import WorkerPool, extract_each
from enforcement_tracker.extract.prefilter import MAX_MODEL_CHARS, model_budget_exceeded
from enforcement_tracker.ingest import iter_input_files, parse_published, read_document
from enforcement_tracker.ingest.reader import printable
from enforcement_tracker.models import Document, Extraction
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import save_extraction
from enforcement_tracker.store.db import refresh_statistics
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
    out = []
    if doc.published is None and any(_has_open_date(r.fields) for r in extraction.records):
        out.append(f"{name}: no publication date, so weekdays and dates without a year stay unresolved "
                   f"(add `published: YYYY-MM-DD` to its front matter or pass --published)")
    if len(doc.text) > MAX_MODEL_CHARS and model_budget_exceeded(doc.text):
        out.append(f"{name}: only the first {MAX_MODEL_CHARS:,} characters of its claim-bearing paragraphs were "
                   f"read, so later claims are missing (split it into one file per report)")
    return out


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
    """One FileResult per input file, in input order; unreadable files carry their error.

    Files are read a batch at a time (so memory holds one batch, not the whole run), and an
    error in one document is that document's error: its batch is redone one document at a time.
    """
    published = check_published(published)
    batch: list[tuple[str, Document | TrackerError]] = []
    held = count = read = 0
    # Once the run is known to be big, its workers start loading the model while the rest is read.
    with WorkerPool(settings) as pool:
        for name, item in _read_inputs(paths, settings, publisher=publisher, published=published, expand=expand):
            batch.append((name, item))
            if isinstance(item, Document):
                held += len(item.text)
                count += 1
                read += 1
                if pool.worth_starting(read):
                    pool.start()
            if count >= settings.documents_per_batch or held >= BATCH_CHARS:
                yield from _extract_batch(batch, settings, pool)
                batch, held, count = [], 0, 0
        if batch:
            yield from _extract_batch(batch, settings, pool)


# Text held in memory at once for one batch; a batch of big documents is cut short by it.
BATCH_CHARS = 64_000_000


def _read_inputs(paths: Iterable[str | Path], settings: ExtractSettings, *, publisher: str | None,
                 published: str | None, expand: bool) -> Iterator[tuple[str, Document | TrackerError]]:
    for raw in paths:
        try:
            files = list(iter_input_files([raw])) if expand else [Path(raw)]
        except TrackerError as exc:
            yield str(raw), exc
            continue
        is_dir = _is_dir(raw)
        for path in files:
            name = str(path) if is_dir else str(raw)
            try:
                yield name, read_document(path, publisher=publisher, published=published, display=printable(name),
                                          max_bytes=settings.max_document_bytes)
            except TrackerError as exc:
                yield name, exc


def _is_dir(raw: str | Path) -> bool:
    try:
        return Path(raw).is_dir()
    except OSError:  # a name too long, a loop: not a folder, and read_document says what it is
        return False


def _extract_batch(batch: list[tuple[str, Document | TrackerError]], settings: ExtractSettings,
                   pool: WorkerPool) -> Iterator[FileResult]:
    """One result per file, in order; a document that fails is that file's error (extract_each
    isolates them), a file that could not be read keeps its reading error."""
    outcomes = extract_each([d for _, d in batch if isinstance(d, Document)], settings, pool)
    for name, item in batch:
        if isinstance(item, TrackerError):
            yield FileResult(name, error=item)
            continue
        outcome = next(outcomes)
        if outcome.error is not None:
            yield FileResult(name, error=outcome.error)
        else:
            yield FileResult(name, extraction=outcome.extraction, warnings=document_warnings(name, outcome.extraction))


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
    refresh_statistics(conn)
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

"""One partition of the job: input rows to output rows, in plain Python (no Spark needed).

This is what `mapPartitions` runs on a worker, and what a test runs without Spark. The model is
loaded once per Python process (`load_nlp` keeps it), so a worker that runs many tasks loads it
once; every document is read through the public API (`document_from_text`, `document_from_html`)
and extracted with `extract_each`, so one bad row is that row's `error`, never the task's failure.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import PurePath
from typing import Any, Iterable, Iterator

from enforcement_tracker.errors import IngestError, TrackerError
from enforcement_tracker.extract import DocumentOutcome, extract_each
from enforcement_tracker.ingest.api import document_from_html, document_from_text, looks_like_html
from enforcement_tracker.models import Document
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.spark.columns import DOCUMENT_COLUMNS, publication_month, record_columns
from enforcement_tracker.store.identity import copy_key
from enforcement_tracker.store.ledger import record_columns as ledger_columns

# Documents extracted together inside one task (one nlp.pipe call's worth).
DOCUMENTS_PER_CHUNK = 200


def partition_settings() -> ExtractSettings:
    """Inside a Spark task: one process (Spark owns the cores), default batches."""
    return ExtractSettings(processes=1, documents_per_batch=DOCUMENTS_PER_CHUNK)


def extract_rows(rows: Iterable[dict[str, Any]], settings: ExtractSettings | None = None) -> Iterator[dict[str, Any]]:
    """One output row per input row: the document's columns and its `records` (a list of rows)."""
    settings = settings or partition_settings()
    chunk: list[tuple[dict[str, Any], Document]] = []
    for row in rows:
        try:
            chunk.append((row, document_from_row(row)))
        except TrackerError as exc:
            yield error_row(row, exc)
        if len(chunk) >= settings.documents_per_batch:
            yield from _extract_chunk(chunk, settings)
            chunk = []
    if chunk:
        yield from _extract_chunk(chunk, settings)


def document_from_row(row: dict[str, Any]) -> Document:
    """An input row (Parquet, or a WARC record's fields) to a Document, through the public API.

    A row with `html` (bytes, from a WARC response) or whose `text` opens like an HTML page is a
    page; anything else is text. A row marked `unreadable` (a file that is no WARC) is its error."""
    name = _name(row)
    if row.get("unreadable"):
        raise IngestError(row["unreadable"], source=name, hint=row.get("hint"))
    meta = {"publisher": _str(row.get("publisher")), "published": _date(row.get("published")),
            "url": _str(row.get("url")), "title": _str(row.get("title")), "kind": _str(row.get("kind")),
            "source": name}
    html = row.get("html")
    if html is not None:
        return document_from_html(bytes(html), encoding=_str(row.get("encoding")), max_bytes=row.get("max_bytes"),
                                  **meta)
    text = row.get("text")
    if text is None:
        raise IngestError("has no text (the `text` column is null)", source=name, hint="drop the row or fill it")
    text = str(text)
    if looks_like_html(text, PurePath(name).suffix):  # as for a file: by its name and a tag, or its opening
        return document_from_html(text, **meta)
    return document_from_text(text, **meta)


def error_row(row: dict[str, Any], error: TrackerError) -> dict[str, Any]:
    out = {name: None for name, _ in DOCUMENT_COLUMNS}
    out.update(input_id=_str(row.get("id")), path=_name(row), error=str(error), n_records=0,
               month=publication_month(_safe_date(row.get("published"))), records=[])
    return out


def _extract_chunk(chunk: list[tuple[dict[str, Any], Document]], settings: ExtractSettings) -> Iterator[dict]:
    outcomes = extract_each([d for _, d in chunk], settings)
    for (row, _), outcome in zip(chunk, outcomes):
        yield outcome_row(row, outcome)


def outcome_row(row: dict[str, Any], outcome: DocumentOutcome) -> dict[str, Any]:
    """The document's output row, its records nested under `records` in extraction order."""
    doc = outcome.document
    month = publication_month(doc.published)
    out = {name: None for name, _ in DOCUMENT_COLUMNS}
    out.update(doc.to_dict(text=True), input_id=_str(row.get("id")), month=month, copy_key=copy_key(doc))
    if outcome.error is not None:
        out.update(error=str(outcome.error), n_records=0, records=[])
        return out
    extraction = outcome.extraction
    records = extraction.records
    out.update(syndicated_from=extraction.document.syndicated_from, n_records=len(records),
               extractor="; ".join(sorted({r.extractor for r in records})) or None,
               refused=json.dumps(extraction.refused, sort_keys=True) if extraction.refused else None)
    wanted = [name for name, _ in record_columns()]
    out["records"] = []
    for position, record in enumerate(records):
        values = ledger_columns(record)
        values.update(position=position, month=month, copy_key=out["copy_key"])
        out["records"].append({name: values.get(name) for name in wanted})
    return out


def as_tuple(row: dict[str, Any]) -> tuple:
    """A document row in the order of the job's Spark schema (documents, then nested records)."""
    records = [tuple(_typed(r[name], kind) for name, kind in record_columns()) for r in row["records"]]
    return tuple(_typed(row[name], kind) for name, kind in DOCUMENT_COLUMNS) + (records,)


def _typed(value: Any, kind: str) -> Any:
    """Spark checks types strictly: a count of 956 is 956.0 in a double column."""
    if value is None:
        return None
    if kind == "double":
        return float(value)
    if kind == "long":
        return int(value)
    return value


def _name(row: dict[str, Any]) -> str:
    return _str(row.get("source_uri")) or (f"row {row['id']}" if row.get("id") is not None else "row without id")


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


def _date(value: Any) -> Any:
    """A Parquet date or timestamp as ISO; a string as written (the reader parses it)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return _str(value)


def _safe_date(value: Any) -> str | None:
    from enforcement_tracker.ingest.reader import parse_published

    try:
        return parse_published(_date(value))
    except ValueError:
        return None

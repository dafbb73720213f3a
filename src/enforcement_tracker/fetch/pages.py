"""Fetched or archived pages into the ledger: one document per new page or changed revision.

Every page, whatever brought it (a URL, a feed entry, a WARC record), goes through
`ingest_pages`: already-seen bytes at the same canonical URL change nothing; a page whose text
is new becomes a document with its provenance and its revision number; a copy of another
outlet's story is linked to its origin. Each document is stored in its own transaction.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from enforcement_tracker.errors import TrackerError
from enforcement_tracker.extract import MIN_DOCUMENTS_PER_WORKER, extract_each
from enforcement_tracker.fetch.canonical import canonical_url, page_canonical
from enforcement_tracker.fetch.client import Fetcher, Page
from enforcement_tracker.fetch.errors import AddressRefused, FetchError, RobotsRefused
from enforcement_tracker.fetch.store import (Provenance, latest_revision, log_fetch, provenance_writer,
                                             remember_validators, seen_page, validators)
from enforcement_tracker.ingest import document_from_html
from enforcement_tracker.models import Document, Extraction
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import save_extraction
from enforcement_tracker.store.copy_links import copy_outlet
from enforcement_tracker.store.events import update_events

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Documents extracted together: small for fetches (their records show up as the pages come in),
# large for archives, so that a batch is big enough to be shared among worker processes.
BATCH = 32
OUTCOMES = ("new", "revised", "unchanged", "not_modified", "failed", "refused", "skipped")
MAX_ERRORS = 1_000  # error lines kept for printing; the counts go on past it


@dataclass
class PageResult:
    url: str
    outcome: str                  # one of OUTCOMES
    document_id: str | None = None
    detail: str | None = None
    copy_of: str | None = None    # the outlet whose story this is, for a copy


@dataclass
class FetchSummary:
    outcomes: Counter = field(default_factory=Counter)
    records: Counter = field(default_factory=Counter)
    copies: int = 0
    events: int | None = None
    errors: list[str] = field(default_factory=list)
    results: list[PageResult] = field(default_factory=list)
    # An archive of a million pages must not grow a list of a million results: it keeps none.
    keep_results: bool = True

    def add(self, result: PageResult) -> None:
        self.outcomes[result.outcome] += 1
        if self.keep_results:
            self.results.append(result)
        if result.outcome in ("failed", "refused") and result.detail and len(self.errors) < MAX_ERRORS:
            self.errors.append(result.detail)

    def words(self) -> str:
        shown = ", ".join(f"{self.outcomes[k]} {k.replace('_', ' ')}" for k in OUTCOMES if self.outcomes[k]) or "nothing"
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.records.items())) or "none"
        extra = f"; wire copies: {self.copies}" if self.copies else ""
        events = f"; events: {self.events}" if self.events is not None else ""
        return f"pages: {shown}; records: {kinds}{extra}{events}"


@dataclass
class _Pending:
    page: Page
    via: str
    document: Document
    canonical: str


def document_of(page: Page, name: str) -> Document:
    """The page's article as a Document: the same HTML reader as a saved .html file, the served
    charset first, the final URL as the document's."""
    return document_from_html(page.body, url=page.final_url, source=name, encoding=page.charset)


def ingest_pages(conn: sqlite3.Connection, pages: Iterable[tuple[str, str, Page | BaseException]],
                 settings: ExtractSettings, *, summary: FetchSummary | None = None,
                 on_page: Callable[[PageResult], None] | None = None, events: bool = True,
                 batch_size: int = BATCH) -> FetchSummary:
    """(url asked, via, page or the error that stopped it) into the ledger, in order."""
    summary = summary or FetchSummary()

    def done(result: PageResult) -> None:
        summary.add(result)
        if on_page:
            on_page(result)

    batch: list[_Pending] = []
    for url, via, outcome in pages:
        pending = _read_page(conn, url, via, outcome, done)
        if pending is not None:
            batch.append(pending)
        if len(batch) >= batch_size:
            _store_batch(conn, batch, settings, summary, done)
            batch = []
    if batch:
        _store_batch(conn, batch, settings, summary, done)
    if events:
        update = update_events(conn)
        if summary.outcomes["new"] or summary.outcomes["revised"] or update.mode != "current":
            summary.events = update.events
    return summary


def _read_page(conn: sqlite3.Connection, url: str, via: str, outcome: Page | BaseException,
               done: Callable[[PageResult], None]) -> _Pending | None:
    if isinstance(outcome, BaseException):
        if not isinstance(outcome, TrackerError):
            raise outcome  # a bug, not a page's problem
        kind = "refused" if isinstance(outcome, (AddressRefused, RobotsRefused)) else "failed"
        log_fetch(conn, url=url, outcome=kind, via=via, detail=str(outcome))
        done(PageResult(url, kind, detail=str(outcome)))
        return None
    page = outcome
    if page.not_modified:
        log_fetch(conn, url=url, outcome="not_modified", via=via, final_url=page.final_url, http_status=304,
                  canonical_url=canonical_url(page.final_url), fetched_at=page.fetched_at)
        done(PageResult(url, "not_modified", document_id=latest_revision(conn, canonical_url(page.final_url))))
        return None
    if page.content_type and page.content_type not in HTML_TYPES:
        detail = f"{url}: is {page.content_type}, not an HTML page (only article pages are read)"
        log_fetch(conn, url=url, outcome="skipped", via=via, final_url=page.final_url, http_status=page.status,
                  fetched_at=page.fetched_at, detail=detail)
        done(PageResult(url, "skipped", detail=detail))
        return None
    canonical = page_canonical(page.body, page.final_url)
    known = seen_page(conn, canonical, page.sha256)
    if known is not None:
        log_fetch(conn, url=url, outcome="unchanged", via=via, final_url=page.final_url, canonical_url=canonical,
                  http_status=page.status, raw_sha256=page.sha256, document_id=known, fetched_at=page.fetched_at)
        remember_validators(conn, url, page.etag, page.last_modified, page.sha256)
        done(PageResult(url, "unchanged", document_id=known))
        return None
    try:
        document = document_of(page, url)
    except TrackerError as exc:
        log_fetch(conn, url=url, outcome="failed", via=via, final_url=page.final_url, http_status=page.status,
                  raw_sha256=page.sha256, fetched_at=page.fetched_at, detail=str(exc))
        done(PageResult(url, "failed", detail=str(exc)))
        return None
    return _Pending(page, via, document, canonical)


def archive_batch_size(settings: ExtractSettings) -> int:
    """A batch that every worker process gets a share of (extract/ forks only for big batches)."""
    return max(BATCH, MIN_DOCUMENTS_PER_WORKER * settings.processes)


def _store_batch(conn: sqlite3.Connection, batch: list[_Pending], settings: ExtractSettings,
                 summary: FetchSummary, done: Callable[[PageResult], None]) -> None:
    for item, outcome in zip(batch, extract_each([p.document for p in batch], settings)):
        page = item.page
        if outcome.error is not None:  # one page's failure is that page's, never its batch's
            result = PageResult(page.url, "failed", detail=str(outcome.error))
            log_fetch(conn, url=page.url, outcome="failed", via=item.via, final_url=page.final_url,
                      canonical_url=item.canonical, http_status=page.status, raw_sha256=page.sha256,
                      fetched_at=page.fetched_at, detail=result.detail)
            done(result)
            continue
        extraction = outcome.extraction
        result = _store_one(conn, item, extraction)
        if result.outcome in ("new", "revised"):
            summary.records.update(r.kind for r in extraction.records)
            summary.copies += result.copy_of is not None
        log_fetch(conn, url=page.url, outcome=result.outcome, via=item.via, final_url=page.final_url,
                  canonical_url=item.canonical, http_status=page.status, raw_sha256=page.sha256,
                  document_id=extraction.document.id, fetched_at=page.fetched_at, detail=result.detail)
        remember_validators(conn, page.url, page.etag, page.last_modified, page.sha256)
        done(result)


def _store_one(conn: sqlite3.Connection, item: _Pending, extraction: Extraction) -> PageResult:
    page, doc = item.page, extraction.document
    prov = Provenance(url=page.url, final_url=page.final_url, canonical_url=item.canonical, fetched_at=page.fetched_at,
                      http_status=page.status, raw_sha256=page.sha256, content_type=page.content_type, via=item.via)
    earlier = latest_revision(conn, item.canonical)
    try:
        status = save_extraction(conn, extraction, also=provenance_writer(prov, page.body, doc.id))
    except TrackerError as exc:
        return PageResult(page.url, "failed", detail=str(exc))
    if status != "new":
        return PageResult(page.url, "unchanged", document_id=doc.id)
    return PageResult(page.url, "revised" if earlier and earlier != doc.id else "new", document_id=doc.id,
                      copy_of=copy_outlet(conn, doc.id))


def fetch_urls(fetcher: Fetcher, conn: sqlite3.Connection, urls: Iterable[str], *,
               via: str = "fetch") -> Iterator[tuple[str, str, Page | BaseException]]:
    """Fetch urls on the fetcher's threads, each with the validators of its last answer."""
    def one(url: str) -> Page:
        return fetcher.get(url, etag=etags.get(url, (None, None))[0], last_modified=etags.get(url, (None, None))[1])

    urls = list(dict.fromkeys(u.strip() for u in urls if u.strip()))
    etags = {u: validators(conn, u) for u in urls}  # read here: the connection stays on this thread
    for url, outcome in fetcher.map(one, urls):
        yield url, via, outcome


def fetch_and_ingest(conn: sqlite3.Connection, urls: Iterable[str], settings: ExtractSettings, fetcher: Fetcher, *,
                     on_page: Callable[[PageResult], None] | None = None) -> FetchSummary:
    """`etrack fetch URL...`: fetch each article page and ingest it."""
    return ingest_pages(conn, fetch_urls(fetcher, conn, urls), settings, on_page=on_page)

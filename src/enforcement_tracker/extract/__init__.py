"""Extraction: Documents to sourced Records, by rules over the spaCy parse.

A pure function of the document (and the settings), so the same code runs one file at a
time here or in bulk on another engine.
"""

from __future__ import annotations

import gc
import multiprocessing
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from enforcement_tracker import kinds
from enforcement_tracker.errors import ExtractError, TrackerError
from enforcement_tracker.extract.document import build_sentences, records_from_sentences, syndicated_from
from enforcement_tracker.extract.nlp import load_nlp, parse
from enforcement_tracker.extract.pool import MIN_DOCUMENTS_PER_WORKER, WorkerPool
from enforcement_tracker.extract.prefilter import select_paragraphs
from enforcement_tracker.extract.quotes import first_quotes
from enforcement_tracker.guard import guard_extraction
from enforcement_tracker.models import Document, Extraction
from enforcement_tracker.settings import ExtractSettings


def extractor_name(kind: str) -> str:
    """What a record of this kind carries in `extractor`: its kind's versioned component and the
    package version, e.g. "etrack.arrest_count.v4@0.1.0" (the kind's module holds the version)."""
    return kinds.get(kind).extractor


# Read once before a pool forks, so that every part of the rules a report reaches (matchers built
# on first use, the date reader's start-up) is built in the parent, once, not in each worker.
_WARM_UP = Document(
    "WASHINGTON (Jan. 27, 2025) - U.S. Immigration and Customs Enforcement officers arrested 45 people in "
    "Chicago, Illinois, on Monday during Operation Example, including 20 with criminal convictions. Of those, "
    "12 had pending charges. Officials set a goal of 75 arrests per day in each field office. The operation "
    "began Jan. 20 and ended Friday. \u201cWe will keep going,\u201d said Ana Example, a spokeswoman for ICE.",
    publisher="warm-up", published="2025-01-27")

__all__ = ["DocumentOutcome", "WorkerPool", "extract_document", "extract_documents", "extract_each", "extractor_name",
           "library_settings"]


def library_settings() -> ExtractSettings:
    """What a library caller gets without settings of its own: one process (no pool forked under
    it); the CLI and the Spark job pass their own."""
    return ExtractSettings(processes=1)


@dataclass
class DocumentOutcome:
    """One document of a batch: its extraction, or the error that stopped it (never both)."""

    document: Document
    extraction: Extraction | None = None
    error: TrackerError | None = None


def extract_document(document: Document, settings: ExtractSettings | None = None) -> Extraction:
    return next(extract_documents([document], settings))


def extract_each(documents: Iterable[Document], settings: ExtractSettings | None = None,
                 pool: WorkerPool | None = None) -> Iterator[DocumentOutcome]:
    """One outcome per document, in input order; the call never fails for one document's sake.

    A batch is extracted together (fast); when something in it fails, that batch is redone one
    document at a time, so only the document that fails carries an error, naming it. What is not
    any document's fault (the model missing) is raised, once, before any document is read.
    `pool`: a started WorkerPool (pool.py) the batches go to; its workers load the model, not this process.
    """
    settings = settings or library_settings()
    if pool is None or not pool.started:
        load_nlp(settings.model)
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= settings.documents_per_batch:
            yield from _outcomes(batch, settings, pool)
            batch = []
    if batch:
        yield from _outcomes(batch, settings, pool)


def _outcomes(documents: list[Document], settings: ExtractSettings,
              pool: WorkerPool | None = None) -> list[DocumentOutcome]:
    try:
        done = pool.extract(documents) if pool is not None else None
        if done is None:
            done = _extract_parallel(documents, settings)
        return [DocumentOutcome(d, extraction=e) for d, e in zip(documents, done)]
    except Exception:  # noqa: BLE001 - one document's failure must not fail its batch; find which below
        alone = replace(settings, processes=1)
        return [_outcome_alone(d, alone) for d in documents]


def _outcome_alone(document: Document, settings: ExtractSettings) -> DocumentOutcome:
    try:
        return DocumentOutcome(document, extraction=_extract_batch([document], settings)[0])
    except TrackerError as exc:
        return DocumentOutcome(document, error=exc)
    except Exception as exc:  # noqa: BLE001 - a bug met by one input becomes that input's error
        detail = " ".join(str(exc).split())[:160]
        return DocumentOutcome(document, error=ExtractError(
            f"extraction failed ({type(exc).__name__}: {detail})", source=document.path or document.id,
            hint="this is a bug in the tracker: please report it with this document"))


def extract_documents(documents: Iterable[Document], settings: ExtractSettings | None = None) -> Iterator[Extraction]:
    """Extractions in input order. Only the paragraphs that pass the cheap word tests reach the model.

    An exception in any document ends the call: `extract_each` is the call that isolates them.
    """
    settings = settings or library_settings()
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= settings.documents_per_batch:
            yield from _extract_parallel(batch, settings)
            batch = []
    if batch:
        yield from _extract_parallel(batch, settings)


def _extract_parallel(documents: list[Document], settings: ExtractSettings) -> list[Extraction]:
    """Split a big batch over forked workers that share the model loaded here."""
    workers = min(settings.processes, len(documents) // MIN_DOCUMENTS_PER_WORKER)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _extract_batch(documents, settings)
    load_nlp(settings.model)  # loaded once, before the fork, so no worker loads it again
    _extract_batch([_WARM_UP], settings)  # the rules' matchers and the date reader too
    windows = [select_paragraphs(document.text) for document in documents]
    shares = _balanced([sum(len(text) for _, _, text in found) for found in windows], workers)
    # What the parent holds now (the model, the matchers) is moved out of the collector's sight,
    # so no worker's collections walk it or copy its pages (the gc module's advice for a fork).
    # No collection first: it walked every object of the model (0.1 s) to free a few megabytes.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.starmap(_extract_batch, [([documents[i] for i in share], settings, [windows[i] for i in share])
                                                  for share in shares])
    finally:
        gc.unfreeze()
    out: list[Extraction] = [None] * len(documents)  # type: ignore[list-item]
    for share, part in zip(shares, parts):
        for i, extraction in zip(share, part):
            out[i] = extraction
    return out


# What a document costs a worker beyond the characters the model reads (its sentences, its rules).
_COST_PER_DOCUMENT = 100


def _balanced(characters: list[int], workers: int) -> list[list[int]]:
    """The documents' indices shared out so that each worker's model reads about as many characters:
    the longest first, each to the worker with the least so far. Cutting the list in blocks gave one
    worker a folder's press releases and the other its unrelated prose; dealing them out like cards
    still left one worker a tenth more to read than the other, and the run waits for the slower."""
    loads, shares = [0] * workers, [[] for _ in range(workers)]
    for i in sorted(range(len(characters)), key=lambda i: -characters[i]):
        least = loads.index(min(loads))
        loads[least] += characters[i] + _COST_PER_DOCUMENT
        shares[least].append(i)
    return [sorted(share) for share in shares]


def _extract_batch(documents: list[Document], settings: ExtractSettings,
                   windows: list[list[tuple[int, int, str]]] | None = None) -> list[Extraction]:
    """Extractions of a batch; `windows`, each document's select_paragraphs, when already known."""
    work = []
    for d_index, document in enumerate(documents):
        for p_index, offset, text in (windows[d_index] if windows is not None else select_paragraphs(document.text)):
            work.append((text, (d_index, p_index, offset)))
    parsed: dict[int, list] = {i: [] for i in range(len(documents))}
    if work:
        for doc, (d_index, p_index, offset) in parse(work, settings):
            parsed[d_index].append((p_index, offset, doc))
    out = []
    for d_index, document in enumerate(documents):
        if document.syndicated_from is None:
            document.syndicated_from = syndicated_from(document.text)
        sentences = build_sentences(document, parsed[d_index])
        # The red lines are the last step that judges, so no path (ingest, eval, bulk) sees a refused
        # record; of the quotes it kept, the first three count.
        records = records_from_sentences(document, sentences, extractor_name)
        guarded = guard_extraction(Extraction(document, records))
        out.append(Extraction(document, first_quotes(guarded.records), refused=guarded.refused))
    return out

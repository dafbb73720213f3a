"""Extraction: Documents to sourced Records, by rules over the spaCy parse.

A pure function of the document (and the settings), so the same code runs one file at a
time here or in bulk on another engine.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from enforcement_tracker import __version__
from enforcement_tracker.extract.document import build_sentences, records_from_sentences, syndicated_from
from enforcement_tracker.extract.nlp import load_nlp
from enforcement_tracker.extract.prefilter import select_paragraphs
from enforcement_tracker.models import Document, Extraction
from enforcement_tracker.settings import ExtractSettings

EXTRACTOR = f"enforcement_tracker.rules.v1@{__version__}"

__all__ = ["EXTRACTOR", "extract_document", "extract_documents"]


def extract_document(document: Document, settings: ExtractSettings | None = None) -> Extraction:
    return next(extract_documents([document], settings))


def extract_documents(documents: Iterable[Document], settings: ExtractSettings | None = None) -> Iterator[Extraction]:
    """Extractions in input order. Only the paragraphs that pass the cheap word tests reach the model."""
    settings = settings or ExtractSettings()
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= settings.documents_per_batch:
            yield from _extract_batch(batch, settings)
            batch = []
    if batch:
        yield from _extract_batch(batch, settings)


def _extract_batch(documents: list[Document], settings: ExtractSettings) -> list[Extraction]:
    work = []
    for d_index, document in enumerate(documents):
        for p_index, offset, text in select_paragraphs(document.text):
            work.append((text, (d_index, p_index, offset)))
    parsed: dict[int, list] = {i: [] for i in range(len(documents))}
    if work:
        nlp = load_nlp(settings.model)
        n_process = settings.processes if len(work) >= 64 else 1
        for doc, (d_index, p_index, offset) in nlp.pipe(work, as_tuples=True, batch_size=settings.batch_size,
                                                         n_process=n_process):
            parsed[d_index].append((p_index, offset, doc))
    out = []
    for d_index, document in enumerate(documents):
        if document.syndicated_from is None:
            document.syndicated_from = syndicated_from(document.text)
        sentences = build_sentences(document, parsed[d_index])
        out.append(Extraction(document, records_from_sentences(document, sentences, EXTRACTOR)))
    return out

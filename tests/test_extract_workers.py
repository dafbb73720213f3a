"""Forked workers give what one process gives, in input order, whatever the mix of documents."""

from __future__ import annotations

import multiprocessing

import pytest

import enforcement_tracker.extract as extract
from enforcement_tracker.models import Document
from enforcement_tracker.settings import ExtractSettings

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")


def _documents() -> list[Document]:
    # Reports in one block and unrelated prose in another, as a folder often holds them.
    reports = [Document(text=f"Federal agents arrested {20 + i} people in Fresno, Calif., on Monday, "
                             f"the agency said.", publisher="Example Wire", published="2025-03-14")
               for i in range(6)]
    prose = [Document(text=f"The library opens a new reading room on floor {i}.", publisher="Example Wire",
                      published="2025-03-14") for i in range(6)]
    return reports + prose


def _counts(extractions) -> list[tuple[str, list]]:
    return [(e.document.text, [r.to_dict()["count"]["value"] for r in e.records if r.kind == "arrest_count"])
            for e in extractions]


def test_two_workers_keep_input_order_and_records(monkeypatch):
    documents = _documents()
    alone = _counts(extract.extract_documents(documents, ExtractSettings(processes=1)))
    monkeypatch.setattr(extract, "MIN_DOCUMENTS_PER_WORKER", 2)
    together = _counts(extract.extract_documents(_documents(), ExtractSettings(processes=2)))
    assert together == alone
    assert [counts for _, counts in together[:6]] == [[20 + i] for i in range(6)]
    assert all(counts == [] for _, counts in together[6:])

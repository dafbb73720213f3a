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


def test_workers_get_about_the_same_reading_whatever_the_order():
    # One long report, then many short ones, then prose the model never reads (no characters):
    # each worker's share of characters stays within one document of the other's.
    characters = [9_000] + [1_000] * 9 + [0] * 40
    shares = extract._balanced(characters, 2)
    assert sorted(i for share in shares for i in share) == list(range(len(characters)))
    loads = [sum(characters[i] for i in share) for share in shares]
    assert abs(loads[0] - loads[1]) <= 1_000
    assert all(share == sorted(share) for share in shares)  # each worker reads in input order
    # dealt out like cards, the same list gave one worker 13,000 characters and the other 5,000
    assert sorted(sum(characters[w::2]) for w in range(2)) == [5_000, 13_000]


def test_a_worker_that_fails_leaves_only_that_document_in_error(monkeypatch):
    documents = _documents()
    monkeypatch.setattr(extract, "MIN_DOCUMENTS_PER_WORKER", 2)
    real = extract.records_from_sentences

    def failing(document, sentences, extractor):
        if "23 people" in document.text:
            raise RuntimeError("a rule met something it did not expect")
        return real(document, sentences, extractor)

    monkeypatch.setattr(extract, "records_from_sentences", failing)
    outcomes = list(extract.extract_each(documents, ExtractSettings(processes=2)))
    failed = [o.document.text for o in outcomes if o.error is not None]
    assert len(failed) == 1 and "23 people" in failed[0]
    assert [o.document.text for o in outcomes] == [d.text for d in documents]


def test_a_pool_started_before_reading_gives_what_one_process_gives(monkeypatch):
    from enforcement_tracker.extract import pool as pool_module

    monkeypatch.setattr(pool_module, "MIN_DOCUMENTS_PER_WORKER", 2)
    alone = _counts(extract.extract_documents(_documents(), ExtractSettings(processes=1)))
    with extract.WorkerPool(ExtractSettings(processes=2)) as pool:
        assert not pool.worth_starting(3) and pool.worth_starting(4)
        pool.start()
        assert pool.started and not pool.worth_starting(4)
        outcomes = list(extract.extract_each(_documents(), ExtractSettings(processes=2), pool))
        # a batch smaller than one share per worker goes to the pool too
        few = list(extract.extract_each(_documents()[:1], ExtractSettings(processes=2), pool))
    assert _counts(o.extraction for o in outcomes) == alone
    assert _counts(o.extraction for o in few) == alone[:1]
    assert not pool.started  # closed with its block


def test_a_pool_of_one_process_is_never_started():
    with extract.WorkerPool(ExtractSettings(processes=1)) as pool:
        pool.start()
        assert not pool.started
        assert pool.extract(_documents()) is None  # the caller extracts in its own process


def test_a_pool_refuses_a_model_that_is_not_installed_before_forking():
    from enforcement_tracker.errors import ExtractError

    with extract.WorkerPool(ExtractSettings(processes=2, model="no_such_model_xyz")) as pool:
        with pytest.raises(ExtractError, match="not installed"):
            pool.start()
        assert not pool.started


def test_a_worker_whose_model_fails_to_load_fails_its_task_instead_of_restarting(monkeypatch):
    from enforcement_tracker.extract import nlp, pool as pool_module

    def broken(model):
        raise OSError("the model's files are damaged")

    monkeypatch.setattr(nlp, "load_nlp", broken)  # the workers' load (the parent checks the model only)
    with extract.WorkerPool(ExtractSettings(processes=2)) as pool:
        pool.start()
        with pytest.raises(OSError, match="damaged"):
            pool.extract(_documents())
    assert pool_module._load_error is None  # set in the workers only


def test_extract_files_starts_its_pool_once_enough_documents_are_read(monkeypatch, tmp_path):
    from enforcement_tracker import pipeline
    from enforcement_tracker.extract import pool as pool_module

    monkeypatch.setattr(pool_module, "MIN_DOCUMENTS_PER_WORKER", 2)
    paths = []
    for i, document in enumerate(_documents()):
        path = tmp_path / f"{i:02d}.txt"
        path.write_text(f"---\npublisher: Example Wire\npublished: 2025-03-14\n---\n{document.text}\n", encoding="utf-8")
        paths.append(path)
    started_after: list[int] = []
    real_start = pool_module.WorkerPool.start

    def start(self):
        started_after.append(len(read))
        real_start(self)

    read: list[str] = []
    real_read = pipeline.read_document

    def reading(path, **kwargs):
        read.append(str(path))
        return real_read(path, **kwargs)

    monkeypatch.setattr(pool_module.WorkerPool, "start", start)
    monkeypatch.setattr(pipeline, "read_document", reading)
    together = [(r.file, r.extraction.to_dict()["records"]) for r in
                pipeline.extract_files(paths, ExtractSettings(processes=2))]
    alone = [(r.file, r.extraction.to_dict()["records"]) for r in
             pipeline.extract_files(paths, ExtractSettings(processes=1))]
    assert started_after[0] == 4  # two workers' worth read, the other eight still to read
    assert together == alone
    assert [len(records) for _, records in together[:6]] == [1] * 6

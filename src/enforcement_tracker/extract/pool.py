"""Worker processes for a big run, started while its files are still being read.

`extract_documents` forks its workers after loading the model, so that they share it: the reading,
the model load and the choice of windows then all come one after the other, with every core but one
idle. A pool from here is started as soon as a run is known to be big (the reader has read enough
documents for two workers), before the model is loaded anywhere: each worker loads the model itself
while the parent goes on reading the files and choosing their windows. The parent never loads the
model. Batches are then shared out as `extract_documents` shares them (one share per worker, balanced
by the characters the model reads: smaller chunks would starve the model's batches).

`benchmarks/extract_speed.py` measures the whole run.
"""

from __future__ import annotations

import multiprocessing
from typing import Any

from enforcement_tracker.extract.prefilter import select_paragraphs
from enforcement_tracker.models import Document, Extraction
from enforcement_tracker.settings import ExtractSettings

# Below this many documents per worker, forking costs more than it saves.
MIN_DOCUMENTS_PER_WORKER = 100

# A worker's load of the model that failed, kept to be raised by its first task: an initializer
# that raises makes multiprocessing start another worker, and another, for ever.
_load_error: BaseException | None = None


class WorkerPool:
    """Up to `settings.processes` forked workers, each with its own model, for the batches of one run.

    Use as a context manager; `start()` when the run is known to be big; `extract(documents)` gives
    one Extraction per document in input order, or None when no pool was started (the caller
    extracts in its own process then). An exception in a worker is raised here, as
    `extract_documents` raises it.
    """

    def __init__(self, settings: ExtractSettings) -> None:
        self.settings = settings
        self._pool: Any = None

    @property
    def started(self) -> bool:
        return self._pool is not None

    def worth_starting(self, documents: int) -> bool:
        """Whether a run of this many documents (so far) is big enough for two workers."""
        return not self.started and documents >= 2 * MIN_DOCUMENTS_PER_WORKER

    def start(self) -> None:
        """Fork the workers (each begins loading the model), unless one process is asked for or
        the platform cannot fork; a model that is not installed is an ExtractError here, once."""
        from enforcement_tracker.extract.nlp import check_model

        if self._pool is not None or self.settings.processes < 2 or \
                "fork" not in multiprocessing.get_all_start_methods():
            return
        check_model(self.settings.model)
        self._pool = multiprocessing.get_context("fork").Pool(
            self.settings.processes, initializer=_load_model, initargs=(self.settings.model,))

    def extract(self, documents: list[Document]) -> list[Extraction] | None:
        if self._pool is None:
            return None
        from enforcement_tracker.extract import _balanced

        windows = [select_paragraphs(document.text) for document in documents]
        shares = [share for share in _balanced([sum(len(text) for _, _, text in found) for found in windows],
                                               self.settings.processes) if share]
        parts = self._pool.map(_extract_share, [([documents[i] for i in share], self.settings,
                                                 [windows[i] for i in share]) for share in shares], chunksize=1)
        out: list[Extraction] = [None] * len(documents)  # type: ignore[list-item]
        for share, part in zip(shares, parts):
            for i, extraction in zip(share, part):
                out[i] = extraction
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _load_model(model: str) -> None:
    global _load_error
    from enforcement_tracker.extract.nlp import load_nlp

    try:
        load_nlp(model)
    except BaseException as exc:  # noqa: BLE001 - raised by the worker's first task instead
        _load_error = exc


def _extract_share(task: tuple) -> list[Extraction]:
    """A worker's share of a batch: (documents, settings, their windows) to their extractions."""
    from enforcement_tracker.extract import _extract_batch

    if _load_error is not None:
        raise _load_error
    documents, settings, windows = task
    return _extract_batch(documents, settings, windows)

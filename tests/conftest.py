"""Fixtures shared by the whole suite. Keep this file small: area-specific fixtures live in the
test module that uses them."""

from __future__ import annotations

from pathlib import Path

import pytest

# tests/ sits directly under the repository root.
REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout's root folder (holds pyproject.toml, examples/, benchmarks/)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir(repo_root: Path) -> Path:
    """The shared/ folder that sits beside the checkout (corpus, official data, notes).

    A plain clone has no shared/ beside it, so tests that read it skip rather than fail.
    """
    path = repo_root.parent / "shared"
    if not path.is_dir():
        pytest.skip(f"no shared/ folder beside the checkout ({path})")
    return path

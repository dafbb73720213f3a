"""Versioned, citable data packages of the ledger: `etrack release VERSION`."""

from enforcement_tracker.release.build import ReleaseError, ReleaseResult, build_release

__all__ = ["ReleaseError", "ReleaseResult", "build_release"]

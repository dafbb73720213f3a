"""Publish: the web ledger (Datasette with our pages), the JSON API, the CSV, GeoJSON and Atom exports."""

from __future__ import annotations

from enforcement_tracker.publish.app import make_datasette, serve

__all__ = ["make_datasette", "serve"]

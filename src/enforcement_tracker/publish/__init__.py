"""Publish: the web ledger (Datasette with our pages), the JSON API, the CSV, GeoJSON and Atom exports.

`make_datasette` and `serve` are imported on first use: Datasette imports our plugin module
(enforcement_tracker.publish.plugin, hence this package) while `datasette.app` itself is still
loading, so importing `datasette.app` here would break a plain `datasette` in this environment.
"""

from __future__ import annotations

from typing import Any

from enforcement_tracker.publish import lazy_units

__all__ = ["make_datasette", "serve"]

lazy_units.install()  # before anything imports Datasette's views: its units registry is built on first use


def __getattr__(name: str) -> Any:
    if name in __all__:
        from enforcement_tracker.publish import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

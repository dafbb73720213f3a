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


def serve(db_path: Any, *args: Any, **kwargs: Any) -> None:
    """Serve the ledger (publish.app.serve, which says how). The dashboard's rows are read from the
    file while Datasette is imported (publish/warm_up.py), so the first page after a restart does not
    wait for the disk."""
    from enforcement_tracker.publish import warm_up

    warm_up.start(db_path)
    from enforcement_tracker.publish import app

    app.serve(db_path, *args, **kwargs)


def __getattr__(name: str) -> Any:
    if name == "make_datasette":
        from enforcement_tracker.publish import app

        return app.make_datasette
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

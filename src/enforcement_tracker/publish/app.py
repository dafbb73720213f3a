"""Building the read-only Datasette that serves a ledger, and running it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from datasette.app import Datasette

from enforcement_tracker.errors import PublishError
from enforcement_tracker.publish.metadata import DEFAULT_BASE_URL, PLUGIN, build_metadata
from enforcement_tracker.publish.security import check_base_url
from enforcement_tracker.publish.serving import ServeSettings, run_workers
from enforcement_tracker.publish.signing import ledger_secret

SETTINGS = {
    "default_page_size": 50,
    "sql_time_limit_ms": 3000,
    # The metadata names the useful facets; suggesting others costs a query per column on
    # every table page (about 2 s of a 4 s page at a million records).
    "suggest_facets": False,
    "facet_time_limit_ms": 300,
    "allow_download": False,   # the file can be large; the exports stream what people ask for
    "max_returned_rows": 1000,
}


def _check_ledger(path: Path) -> sqlite3.Connection:
    if not path.exists():
        raise PublishError("no ledger here", source=str(path), hint="run `etrack ingest` or `etrack demo` first")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise PublishError(f"not a ledger ({exc})", source=str(path), hint="pass a SQLite file made by etrack") from exc
    if not {"documents", "records"} <= names:
        raise PublishError("not a ledger: no documents or records table", source=str(path),
                           hint="pass a file made by `etrack ingest`")
    return conn


def make_datasette(db_path: str | Path, *, base_url: str | None = None, allow_sql: bool = False,
                   serving: ServeSettings | None = None, secret: str | None = None) -> Datasette:
    """A Datasette over the ledger, read-only (opened with mode=ro), with the tracker's pages.

    `base_url` is where readers reach it (absolute URLs in feeds and exports are made from it,
    never from a request's Host header); arbitrary SQL is off unless `allow_sql`. It signs CSRF
    tokens with `secret`, by default the ledger's own (signing.py), so that every server of one
    ledger accepts the forms any of them issued.
    """
    path = Path(db_path)
    base = check_base_url(base_url or DEFAULT_BASE_URL)
    conn = _check_ledger(path)
    # Datasette names the database from the file name; ask it rather than guess its rules.
    name = next(n for n in Datasette([str(path)]).databases if not n.startswith("_"))
    try:
        metadata = build_metadata(conn, name, base_url=base, allow_sql=allow_sql)
    finally:
        conn.close()
    # The load settings (serving.py) travel with the metadata, so every worker reads the same.
    metadata["plugins"][PLUGIN]["serving"] = (serving or ServeSettings()).as_config()
    return Datasette([str(path)], metadata=metadata, settings={**SETTINGS, "default_allow_sql": allow_sql},
                     secret=secret or ledger_secret(path))


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001, *, base_url: str | None = None,
          allow_sql: bool = False, workers: int = 1, serving: ServeSettings | None = None) -> None:
    """Serve the ledger until interrupted (blocking); prints the address first.

    Without `base_url`, absolute URLs name http://127.0.0.1:PORT/ (the address served).
    """
    import uvicorn

    make_args = {"base_url": base_url or f"http://127.0.0.1:{port}/", "allow_sql": allow_sql, "serving": serving}
    if workers > 1:  # one secret for all: even one no file keeps (a read-only folder) is shared
        make_args["secret"] = ledger_secret(db_path)
    ds = make_datasette(db_path, **make_args)  # in this process too: a bad ledger fails here, once
    print(f"Serving {db_path} at http://{host}:{port}/" + (f" with {workers} workers" if workers > 1 else "")
          + "  (Ctrl-C to stop)", flush=True)
    if workers > 1:
        run_workers(db_path, make_args, host=host, port=port, workers=workers)
        return
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")

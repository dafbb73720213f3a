"""The Datasette plugin that turns a served ledger into the web ledger.

Registered through the `datasette` entry point in pyproject.toml. Its pages switch on when the
metadata names a ledger (`plugins: {enforcement-tracker: {ledger: NAME}}`), which
`etrack serve` always writes; a plain `datasette other.db` in the same environment keeps
Datasette's own home page.
"""

from __future__ import annotations

import asyncio
import importlib
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import asgi_static
from jinja2 import ChoiceLoader, FileSystemLoader

from enforcement_tracker.publish import datasette_args, security, serving, views, words
from enforcement_tracker.publish import review as review_pages
from enforcement_tracker.publish.facets import AgencyFacet, agency_filter
from enforcement_tracker.publish.metadata import DEFAULT_BASE_URL, PLUGIN

HERE = Path(__file__).parent
STATIC_PREFIX = "/-/etrack/"


def _enabled(datasette) -> bool:
    return bool(datasette.plugin_config(PLUGIN))


def _on_first_use(module: str, name: str):
    """The view `name` of publish.`module`, its module imported on the route's first request: the
    lists, events, exports and methodology are no part of the first page after a restart."""
    async def view(datasette, request):
        return await getattr(importlib.import_module(f"enforcement_tracker.publish.{module}"), name)(datasette, request)

    view.__name__ = name
    return view


@hookimpl
def prepare_jinja2_environment(env, datasette):
    # Ours first: `_footer.html` puts the ledger's footer links on Datasette's own pages too; every
    # other template of ours is named etrack_* and shadows nothing.
    env.loader = ChoiceLoader([FileSystemLoader(str(HERE / "templates")), env.loader])
    # Templates ship with the package: no stat of every template file on every page rendered.
    env.auto_reload = False
    # Every template that links a document's URL goes through this one check.
    env.filters["link_url"] = security.link_url
    # A record's review state in words, the same on every page that lists records.
    env.filters["review_words"] = words.review_words


@hookimpl(specname="asgi_wrapper", tryfirst=True)
def load_wrapper(datasette):
    """ETags, 304s, the page cache and the in-flight limit (serving.py), for the ledger only.

    tryfirst: Datasette applies the wrappers in the order the hooks answer, so this one goes on
    first, inside the security wrapper, whose headers then reach 304s, cached pages and 503s too.
    """
    if not _enabled(datasette):
        return None
    return serving.wrapper(datasette, views.ledger_database(datasette).path)


@hookimpl
def asgi_wrapper(datasette):
    """Security headers, read-only methods, the base URL and CSV defusing, for the ledger only."""
    if not _enabled(datasette):
        return None
    base_url = datasette.plugin_config(PLUGIN).get("base_url") or DEFAULT_BASE_URL
    policy = security.content_security_policy()
    security.quiet_error_handler()
    database = datasette.plugin_config(PLUGIN)["ledger"]
    # The reviewers' write connection opens before any reader and stays open (publish/review.py).
    review_pages.open_writer(views.ledger_database(datasette).path)

    async def check(scope) -> None:
        await datasette_args.check_request(datasette, database, scope)

    return lambda app: security.secure(app, base_url=base_url, policy=policy, check=check,
                                       write_paths=review_pages.WRITE_PATHS)


@hookimpl
def register_routes(datasette):
    if not _enabled(datasette):
        return []
    return [
        (r"^/$", views.dashboard),
        (r"^/records/(?P<record_id>[^/]+)$", views.record_page),
        (r"^/documents/(?P<document_id>[^/]+)$", views.document_page),
        (r"^/records$", _on_first_use("records_page", "records_page")),
        (r"^/events$", _on_first_use("events_page", "events_page")),
        (r"^/events/(?P<event_id>[^/]+)$", _on_first_use("events_page", "event_page")),
        (r"^/api/events\.json$", _on_first_use("events_page", "api_events")),
        (r"^/methodology$", _on_first_use("methodology", "methodology_page")),
        (r"^/codebook$", _on_first_use("methodology", "codebook_page")),
        # Datasette's row page of a record: our record page instead (its .json stays Datasette's).
        (r"^/(?P<database>[^/]+)/records/(?P<record_id>rec_[0-9a-f]{8,64})$", views.record_row_redirect),
        (r"^/api/records\.json$", _on_first_use("exports", "api_records")),
        (r"^/export/records\.csv$", _on_first_use("exports", "export_csv")),
        (r"^/export/operations\.geojson$", _on_first_use("exports", "export_geojson")),
        (r"^/feeds/records\.atom$", _on_first_use("exports", "feed_atom")),
        (r"^/-/etrack/(?P<path>.*)$", asgi_static(str(HERE / "static"))),
        *review_pages.routes(),
    ]


@hookimpl
def actor_from_request(datasette, request):
    """A reviewer's token (cookie or Bearer header) checked against this ledger on every request."""
    if not _enabled(datasette):
        return None
    return review_pages.actor_from_request(datasette, request)


@hookimpl
def permission_allowed(datasette, actor, action, resource):
    return review_pages.permission_allowed(actor, action, resource) if _enabled(datasette) else None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """In Datasette's records table, a record's id links to the tracker's record page."""
    return views.record_id_cell(value) if table == "records" and column == "id" and _enabled(datasette) else None


@hookimpl
def register_facet_classes():
    return [AgencyFacet]


@hookimpl
def filters_from_request(request, database, table, datasette):
    return agency_filter(request, table) if _enabled(datasette) else None


@hookimpl
def prepare_connection(conn, database, datasette):
    """Map the ledger file into memory: page reads become memory reads on a large ledger."""
    if _enabled(datasette) and not database.startswith("_"):
        conn.execute("PRAGMA mmap_size = 1073741824")


@hookimpl
def startup(datasette):
    """Compute the dashboard in the background as the server starts: the first reader gets it warm."""
    if not _enabled(datasette):
        return None

    async def warm() -> None:
        asyncio.get_running_loop().create_task(views.dashboard_data(views.ledger_database(datasette)))
        # While SQLite computes it in a thread, compile the templates the dashboard renders (a
        # tenth of a second of the first page after a restart; Jinja keeps them compiled).
        for name in views.DASHBOARD_TEMPLATES:
            datasette.jinja_env.get_template(name)

    return warm


@hookimpl
def extra_css_urls(datasette):
    return [STATIC_PREFIX + "etrack.css"] if _enabled(datasette) else []


@hookimpl
def menu_links(datasette):
    if not _enabled(datasette):
        return []
    return [{"href": "/", "label": "Dashboard"}, {"href": "/records", "label": "Records"},
            {"href": "/events", "label": "Events"}, {"href": "/methodology", "label": "Methodology"},
            {"href": "/api/records.json", "label": "Records (JSON)"},
            {"href": "/export/records.csv", "label": "Records (CSV)"},
            {"href": "/export/operations.geojson", "label": "Operations (GeoJSON)"},
            {"href": "/feeds/records.atom", "label": "Atom feed"}]

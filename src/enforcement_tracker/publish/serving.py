"""How the web ledger holds its load: its settings, the ASGI layers that apply them, several workers.

Settings are declared once here (name, default, help) and travel in the plugin's metadata
(`plugins: {enforcement-tracker: {serving: {...}}}`), so `etrack serve`, each of its worker
processes and a plain `datasette --metadata` all read the same values.

The layers, outermost first: the security wrapper (security.py, its own hook), then the ETag,
304 and page-cache layer (caching.py), then the in-flight limit (limits.py), then Datasette.
A cached page or a 304 therefore never waits for a slot, and every answer, a 503 too, gets the
security headers.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Mapping

from enforcement_tracker.errors import PublishError
from enforcement_tracker.publish.caching import App, PageCache, cached
from enforcement_tracker.publish.limits import Slots, limited
from enforcement_tracker.publish.metadata import PLUGIN
from enforcement_tracker.publish.state import LedgerState

WORKER_SPEC_ENV = "ETRACK_SERVE_SPEC"  # how `etrack serve --workers N` tells each worker what to serve


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class ServeSettings:
    """Per server process; with --workers N the server as a whole holds N times as much."""

    # Measured with benchmarks/load.py at 500/s on 2 shared cores: 6 in flight, 48 queued and
    # 0.5 s shed 6-12% of requests whenever other processes took the CPU; these shed none, and a
    # waiting request costs a few hundred bytes, so the queue bounds memory all the same.
    max_in_flight: int = _setting(16, "requests worked on at once; more wait in the queue")
    max_queued: int = _setting(128, "requests that may wait for a slot; beyond them a 503 at once")
    queue_timeout: float = _setting(2.0, "seconds a request may wait for a slot before its 503")
    retry_after: int = _setting(1, "seconds a 503 asks the client to wait (Retry-After)")
    cache_mb: float = _setting(64, "memory for rendered pages, in MiB (0 keeps none)")
    cache_entry_kb: float = _setting(1024, "largest page kept, in KiB (bigger answers stream uncached)")
    state_check_ms: float = _setting(20, "how long a ledger state is trusted before asking SQLite again, in ms"
                                         " (an answer may lag a commit by this much)")

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None) -> "ServeSettings":
        """Read the settings from plugin config; an unknown name or a bad value is refused."""
        config = dict(config or {})
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(config) - set(known))
        if unknown:
            raise PublishError(f"unknown serving setting {unknown[0]!r}", source=f"plugins.{PLUGIN}.serving",
                               hint="known: " + ", ".join(known))
        values: dict[str, Any] = {}
        for name, value in config.items():
            kind = float if isinstance(known[name].default, float) else int
            try:
                values[name] = kind(value)
            except (TypeError, ValueError) as exc:
                raise PublishError(f"{name} must be a number, not {value!r}", source=f"plugins.{PLUGIN}.serving",
                                   hint=known[name].metadata["help"]) from exc
        settings = cls(**values)
        settings.check()
        return settings

    def check(self) -> None:
        problems = [(self.max_in_flight >= 1, "max_in_flight must be at least 1"),
                    (self.max_queued >= 0, "max_queued must be 0 or more"),
                    (self.queue_timeout >= 0, "queue_timeout must be 0 or more seconds"),
                    (self.retry_after >= 0, "retry_after must be 0 or more seconds"),
                    (self.cache_mb >= 0 and self.cache_entry_kb >= 0, "cache sizes must be 0 or more"),
                    (self.state_check_ms >= 0, "state_check_ms must be 0 or more")]
        for ok, message in problems:
            if not ok:
                raise PublishError(message, source=f"plugins.{PLUGIN}.serving", hint=f"got {self}")

    def as_config(self) -> dict[str, Any]:
        return asdict(self)


def wrapper(datasette: Any, ledger_path: str) -> Callable[[App], App]:
    """The caching and limiting layers for one Datasette app, built on its first request.

    Built lazily because Datasette makes an app for its internal client as it starts: that one
    should cost no connection unless it is used.
    """
    settings = ServeSettings.from_config(datasette.plugin_config(PLUGIN).get("serving"))
    max_age = int(datasette.setting("default_cache_ttl"))

    def wrap(app: App) -> App:
        built: list[App] = []

        async def layered(scope, receive, send) -> None:
            if not built:
                cache = PageCache(int(settings.cache_mb * 2**20), int(settings.cache_entry_kb * 2**10))
                slots = Slots(settings.max_in_flight, settings.max_queued)
                inner = limited(app, slots, queue_timeout=settings.queue_timeout, retry_after=settings.retry_after)
                state = LedgerState(ledger_path, min_interval=settings.state_check_ms / 1000)
                built.append(cached(inner, state=state, cache=cache, max_age=max_age))
            await built[0](scope, receive, send)

        return layered

    return wrap


# --- several processes on one port ------------------------------------------------------------

def run_workers(db_path: str | Path, make_args: Mapping[str, Any], *, host: str, port: int, workers: int) -> None:
    """Serve with `workers` processes sharing one listening socket (uvicorn's supervisor).

    Each worker builds its own Datasette from the same arguments, passed as JSON in the
    environment; the kernel hands each new connection to one of them.
    """
    import uvicorn

    spec = {"db_path": str(db_path), **{k: (v.as_config() if isinstance(v, ServeSettings) else v)
                                         for k, v in make_args.items()}}
    os.environ[WORKER_SPEC_ENV] = json.dumps(spec)
    uvicorn.run("enforcement_tracker.publish.serving:worker_app", factory=True, host=host, port=port,
                workers=workers, log_level="warning")


def worker_app() -> App:
    """One worker's ASGI app (uvicorn calls this in each worker process)."""
    from enforcement_tracker.publish.app import make_datasette

    raw = os.environ.get(WORKER_SPEC_ENV)
    if not raw:
        raise PublishError(f"{WORKER_SPEC_ENV} is not set", source="worker",
                           hint="start workers with `etrack serve --workers N`")
    spec = json.loads(raw)
    if isinstance(spec.get("serving"), dict):
        spec["serving"] = ServeSettings.from_config(spec["serving"])
    return make_datasette(spec.pop("db_path"), **spec).app()

"""A small web site on 127.0.0.1 for the fetch tests: routes of our own, and a log of what it was asked."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

Route = Callable[["Handler"], None]


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Site:
    routes: dict[str, Route | tuple] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits_of(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path]


class Handler(BaseHTTPRequestHandler):
    site: Site
    disable_nagle_algorithm = True  # headers and body go out in two writes: no delayed-ACK stall

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self.site.hits.append(Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()))
        route = self.site.routes.get(self.path) or self.site.routes.get(self.path.split("?")[0])
        if route is None:
            self.reply(404, b"not here", "text/plain")
        elif callable(route):
            route(self)
        else:
            self.reply(*route)

    def reply(self, status: int, body: bytes | str = b"", content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)


def start_site(routes: dict | None = None) -> tuple[Site, Callable[[], None]]:
    site = Site(routes=dict(routes or {}))
    handler = type("SiteHandler", (Handler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return site, stop


def article(title: str, body_paragraphs: list[str], *, site_name: str = "Example Ledger Gazette",
            published: str = "2025-02-03", canonical: str | None = None) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in body_paragraphs)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f"<!doctype html><html><head><title>{title}</title>{link}"
            f'<meta property="og:site_name" content="{site_name}">'
            f'<meta property="article:published_time" content="{published}">'
            f"</head><body><nav>Home | News</nav><article><h1>{title}</h1>{paras}</article>"
            f"<footer>Copyright {site_name}</footer></body></html>")

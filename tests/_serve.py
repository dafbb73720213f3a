"""Shared by the tests that need a web ledger: `etrack serve`'s app in its own process (`served`),
or one Datasette over a ledger in this process with a client (`InProcess`)."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(ledger: str | Path, log: Path, *, ready: str = "/api/records.json?_size=1",
           timeout: float = 60) -> Iterator[str]:
    """Serve the ledger on a free port of 127.0.0.1 until `ready` answers; yield its base URL and stop
    the server after. The server's output goes to `log`, which a failure to start shows."""
    port = free_port()
    code = f"from enforcement_tracker.publish import serve; serve({str(ledger)!r}, port={port})"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=out, stderr=subprocess.STDOUT, text=True)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    urllib.request.urlopen(base + ready, timeout=2)
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        proc.kill()
                        pytest.fail(f"the server did not start: {Path(log).read_text()}")
                    time.sleep(0.3)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


class InProcess:
    """One Datasette over a ledger in this process, as one server of `etrack serve` builds it, with
    its client: `get` and `post` return its responses."""

    def __init__(self, path: Path, **make_args):
        from enforcement_tracker.publish import make_datasette

        self.path = path
        self.ds = make_datasette(path, **make_args)
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self.ds.invoke_startup())

    def get(self, url, **kw):
        return self.loop.run_until_complete(self.ds.client.get(url, **kw))

    def post(self, url, **kw):
        return self.loop.run_until_complete(self.ds.client.post(url, **kw))

"""Bounded concurrency: a few requests worked on at once, a short queue, and a fast 503 beyond it.

Without a bound, a server past its capacity keeps accepting: every request it cannot serve
yet waits in Datasette's thread-pool queue holding its state, answers come later and later,
and memory grows with the backlog (1.8 GB in the load drill of issue 13). With one, at most
`max_in_flight` requests run, at most `max_queued` wait (first come, first served) and no
longer than `queue_timeout` seconds; any other gets `503 Service Unavailable` with
`Retry-After` at once, costing nearly nothing, so the requests that are admitted stay fast.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any, Awaitable, Callable

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class Slots:
    """Up to `limit` holders at once and a first-come queue of at most `max_queued` waiters.

    One per server process, used from its event loop only (no locks needed).
    """

    def __init__(self, limit: int, max_queued: int) -> None:
        if limit < 1 or max_queued < 0:
            raise ValueError(f"limit must be at least 1 and max_queued at least 0 (got {limit}, {max_queued})")
        self.limit = limit
        self.max_queued = max_queued
        self.in_flight = 0
        self._waiters: deque[asyncio.Future] = deque()
        self.shed = 0

    @property
    def queued(self) -> int:
        return len(self._waiters)

    async def acquire(self, timeout: float) -> bool:
        """True once a slot is ours; False at once when the queue is full, or after `timeout` seconds."""
        if self.in_flight < self.limit and not self._waiters:
            self.in_flight += 1
            return True
        if len(self._waiters) >= self.max_queued:
            self.shed += 1
            return False
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await asyncio.wait_for(asyncio.shield(waiter), timeout)
            return True
        except asyncio.TimeoutError:
            if waiter.done():  # handed a slot just as the wait ran out: keep it
                return True
            waiter.cancel()
            self.shed += 1
            return False
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # the slot was handed over, but nobody will use it
            waiter.cancel()
            raise
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)

    def release(self) -> None:
        """Hand the slot to the oldest live waiter, or free it."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)  # the slot passes over: in_flight stays the same
                return
        self.in_flight -= 1


def limited(app: App, slots: Slots, *, queue_timeout: float, retry_after: int) -> App:
    """The app behind the slots; requests that get none are answered 503 with Retry-After."""
    body = (f"The ledger is busy: too many requests at once. Try again in {retry_after} s.\n").encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"retry-after", str(retry_after).encode()),
               (b"cache-control", b"no-store"), (b"content-length", str(len(body)).encode())]

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await app(scope, receive, send)
            return
        if not await slots.acquire(queue_timeout):
            await send({"type": "http.response.start", "status": 503, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        try:
            await app(scope, receive, send)
        finally:
            slots.release()

    return wrapped

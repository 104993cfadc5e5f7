"""Admission: at most MAX_CONCURRENT_REQUESTS API requests at once, of which at most
MAX_CONCURRENT_WRITES change something; the rest wait their turn.

Synchronous routes and their dependencies run on AnyIO's worker threads, and a request holds one pooled
database connection from its first query to its end. Unbounded, a burst larger than the pool fills every
thread with requests waiting for a connection while the requests holding connections wait for a thread
to finish on, and nothing moves until the pool gives up. Waiting here costs neither a thread nor a
connection, so an admitted request always finds both (settings.py sizes the pool to match). A request
that waits longer than REQUEST_QUEUE_SECONDS gets 503 with Retry-After. Writers waiting for a long
writer (a large import on SQLite) can take only their own share of the places, so reads go on. Only
/v1 is queued: probes, metrics and the docs never wait behind the API.
"""

import asyncio
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

import anyio
import anyio.from_thread
from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from service.api.problems import problem

ADMITTED = "lsp.admitted"
READS = frozenset({"GET", "HEAD", "OPTIONS"})
_slots: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, anyio.Semaphore]]" = (
    weakref.WeakKeyDictionary())


class Admission:
    def __init__(self, app: ASGIApp, *, limit: int, write_limit: int, wait_seconds: float) -> None:
        self.app, self.limit, self.write_limit, self.wait_seconds = app, limit, write_limit, wait_seconds

    def _semaphores(self) -> dict[str, anyio.Semaphore]:
        loop = asyncio.get_running_loop()  # one set per event loop: each test client runs its own
        if loop not in _slots:
            _slots[loop] = {"all": anyio.Semaphore(self.limit), "writes": anyio.Semaphore(self.write_limit)}
        return _slots[loop]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _route_path(scope).startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        slots = self._semaphores()
        needed = [slots["all"]] if scope["method"] in READS else [slots["writes"], slots["all"]]
        held: list[anyio.Semaphore] = []
        # A free place means nobody is waiting (a place given back goes straight to the first waiter), so
        # take it at once, without a trip round the event loop or a timer.
        if all(semaphore.value for semaphore in needed):
            for semaphore in needed:
                semaphore.acquire_nowait()
                held.append(semaphore)
        else:
            with anyio.move_on_after(self.wait_seconds):
                for semaphore in needed:
                    await semaphore.acquire()
                    held.append(semaphore)
        ticket = scope[ADMITTED] = _Ticket(held)
        if len(held) == len(needed):
            try:
                await self.app(scope, receive, send)
            finally:
                ticket.give_back()
            return
        ticket.give_back()
        response = problem(Request(scope), 503, "Service unavailable",
                           f"The service is busy: this request waited {self.wait_seconds:g} s for its turn; "
                           "try again shortly.", "unavailable", headers={"Retry-After": "5"})
        await response(scope, receive, send)


class _Ticket:
    """A request's places; a route that waits a long time on something else steps aside to free them."""

    def __init__(self, slots: list[anyio.Semaphore]) -> None:
        self.slots, self.held = slots, True

    def give_back(self) -> None:
        if self.held:
            self.held = False
            for semaphore in reversed(self.slots):
                semaphore.release()

    async def take_again(self) -> None:
        for semaphore in self.slots:
            await semaphore.acquire()
        self.held = True


@contextmanager
def stepped_aside(request: Request) -> Iterator[None]:
    """From a route's worker thread: free the request's slot for the block, then queue for it again."""
    ticket: _Ticket | None = request.scope.get(ADMITTED)
    if ticket is None or not ticket.held:
        yield
        return
    anyio.from_thread.run_sync(ticket.give_back)
    try:
        yield
    finally:
        anyio.from_thread.run(ticket.take_again)


def _route_path(scope: Scope) -> str:
    path, root = scope["path"], scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path

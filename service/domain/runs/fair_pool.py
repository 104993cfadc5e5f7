"""A fixed set of worker threads shared fairly between partnerships.

Jobs wait in one queue per partnership. A free worker takes the next job of the partnership with the
fewest jobs running, and among those the one served longest ago (a partnership new to the pool first);
no partnership has more than `per_key` jobs running at once. So one partnership's long runs can neither
hold every worker nor make another's short run wait behind its whole queue.
"""

import threading
from collections import Counter, deque
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Any

Job = tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]


class FairPool:
    def __init__(self, workers: int, per_key: int, *, name: str = "worker") -> None:
        self.workers, self.per_key, self.name = workers, per_key, name
        self._ready = threading.Condition()
        self._queues: dict[Hashable, deque[Job]] = {}
        self._running: Counter[Hashable] = Counter()
        self._served: dict[Hashable, int] = {}  # when each partnership last had a job taken
        self._turn = 0
        self._threads: list[threading.Thread] = []

    def submit(self, key: Hashable, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        with self._ready:
            self._queues.setdefault(key, deque()).append((future, fn, args))
            if len(self._threads) < self.workers:
                thread = threading.Thread(target=self._work, name=f"{self.name}-{len(self._threads)}", daemon=True)
                self._threads.append(thread)
                thread.start()
            self._ready.notify()
        return future

    def waiting(self, key: Hashable) -> int:
        with self._ready:
            return len(self._queues.get(key, ()))

    def _take(self) -> tuple[Hashable, Job] | None:
        """With the lock held: the next job as the module's docstring orders them, if any may start."""
        eligible = [key for key in self._queues if self._running[key] < self.per_key]
        if not eligible:
            return None
        key = min(eligible, key=lambda k: (self._running[k], self._served.get(k, -1)))
        queue = self._queues[key]
        job = queue.popleft()
        if not queue:
            del self._queues[key]
        self._running[key] += 1
        self._turn += 1
        self._served[key] = self._turn
        return key, job

    def _work(self) -> None:
        while True:
            with self._ready:
                while (taken := self._take()) is None:
                    self._ready.wait()
            key, (future, fn, args) = taken
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(fn(*args))
                    except BaseException as exc:  # noqa: BLE001 - the caller gets it from the future
                        future.set_exception(exc)
            finally:
                with self._ready:
                    self._running[key] -= 1
                    self._ready.notify_all()  # a partnership at its share may now go again

"""Reading adverts in long-lived worker processes, each advert bounded in time and memory.

An advert is untrusted input, and the parsers it goes through (YAML, Markdown, regular
expressions) can take minutes or gigabytes on a page built to make them. No check inside
that code can stop it, so the bounds are kept outside: the parent gives each worker one
advert at a time with a deadline and kills (then replaces) a worker that overruns it, and
each worker's address space is capped by an rlimit, so an advert that needs more fails there
with MemoryError. Either way only that advert fails, with a reason; the others go on. The
workers die with the process that started them.
"""

import ctypes
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import lru_cache
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from app.core.config import get_settings
from app.importer.load import prepare_reading, read_openings
from app.importer.read import AdvertError

if TYPE_CHECKING:
    from app.importer.extract import Opening

Item = TypeVar("Item")
Result = TypeVar("Result")
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# Items a worker holds at once: the one it reads and the next ones, waiting in its pipe, so
# that it goes on to the next when done rather than waiting for the parent's thread, which
# may wait for the main thread (busy writing a batch) for a switch interval or more.
_ITEMS_IN_HAND = 4


@dataclass(frozen=True)
class Limits:
    """How long one advert may take to read, and how much memory it may need."""

    seconds: float
    megabytes: int

    @classmethod
    def from_settings(cls) -> "Limits":
        settings = get_settings()
        return cls(settings.import_time_limit_s, settings.import_memory_limit_mb)


def _die_with_parent() -> None:
    """Exit when the process that started this one dies, even by kill -9: the kernel sends
    SIGKILL on Linux (PR_SET_PDEATHSIG); elsewhere a thread watches the parent's pid. (An
    idle worker also exits when its pipe to the parent closes.)"""
    parent = os.getppid()
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # it died before prctl took effect
            os._exit(1)
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _limit_memory(megabytes: int) -> None:
    """Let this process grow by `megabytes` beyond what it holds now (its address space as
    started, which a forked worker shares with its parent)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except OSError:  # not Linux: address space limits are not enforced there anyway
        return
    limit = pages * os.sysconf("SC_PAGE_SIZE") + megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))


def _serve(
    connection: Connection,
    work: Callable[[Any], Any],
    megabytes: int,
    initializer: Callable[[], None] | None,
) -> None:
    """A worker: answer each item sent with ("done", result) or ("failed", reason)."""
    _die_with_parent()
    if initializer is not None:
        initializer()
    _limit_memory(megabytes)
    connection.send(("ready", None))
    while True:
        try:
            item = connection.recv()
        except EOFError:
            return
        try:
            answer: tuple[str, Any] = ("done", work(item))
        except AdvertError as error:
            answer = ("failed", error.reason)
        except MemoryError:
            answer = ("memory", None)
        except RecursionError:
            answer = ("failed", "it is nested too deeply to read")
        except Exception as error:  # an advert that breaks a parser fails alone
            answer = ("failed", f"the importer could not read it ({type(error).__name__})")
        connection.send(answer)


@dataclass
class _Task:
    item: Any
    future: Future[Any]
    deadline: float | None = None  # set when the worker starts on it


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    ready: bool = False
    tasks: deque[_Task] = field(default_factory=deque)  # sent, in order; the first is read


class WorkerPool(Generic[Item, Result]):
    """`size` worker processes applying `work` to items, each item under `limits`.

    `submit` answers a future that holds `work(item)`, or AdvertError with the reason the
    item could not be read. A thread of the parent hands out items and keeps the deadlines,
    so the workers go on while the caller does something else (writes, or serves requests).
    """

    def __init__(
        self,
        work: Callable[[Item], Result],
        size: int,
        limits: Limits,
        *,
        start_method: str | None = None,
        initializer: Callable[[], None] | None = None,
    ) -> None:
        self._work = work
        self._limits = limits
        self._initializer = initializer
        self._context: Any = multiprocessing.get_context(start_method)
        self._queue: deque[tuple[Item, Future[Result]]] = deque()
        # Items sent to a worker that was then replaced before it read them: sent again first.
        self._returned: deque[_Task] = deque()
        self._lock = threading.Lock()
        self._wake_reader, self._wake_writer = os.pipe()
        self._closed = False
        self._workers = [self._start() for _ in range(max(1, size))]
        self._thread = threading.Thread(target=self._run, daemon=True, name="advert-readers")
        self._thread.start()

    def submit(self, item: Item) -> "Future[Result]":
        future: Future[Result] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the pool is closed")
            self._queue.append((item, future))
        os.write(self._wake_writer, b"\0")
        return future

    def map(
        self, items: Iterable[Item], on_failure: Callable[[Item, str], Result]
    ) -> Iterator[Result]:
        """Every item's result, in order; `on_failure(item, reason)` for those that fail."""
        futures = [(item, self.submit(item)) for item in items]
        for item, future in futures:
            try:
                yield future.result()
            except AdvertError as error:
                yield on_failure(item, error.reason)

    def close(self) -> None:
        """Stop the workers; items still waiting fail."""
        with self._lock:
            self._closed = True
        os.write(self._wake_writer, b"\0")
        self._thread.join()

    def __enter__(self) -> "WorkerPool[Item, Result]":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve,
            args=(theirs, self._work, self._limits.megabytes, self._initializer),
            daemon=True,
        )
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def _replace(self, worker: _Worker) -> None:
        """A new worker in this one's place; the items this one held but had not started
        are handed out again, first."""
        worker.process.kill()
        worker.process.join()
        worker.connection.close()
        for task in worker.tasks:
            task.deadline = None
        self._returned.extendleft(reversed(worker.tasks))
        self._workers[self._workers.index(worker)] = self._start()

    def _run(self) -> None:
        try:
            while not self._closed:
                self._hand_out()
                self._wait()
        finally:
            with self._lock:
                self._closed = True
            stopped = AdvertError("the import was stopped")
            for worker in self._workers:
                worker.process.kill()
                worker.process.join()
                worker.connection.close()
                self._returned.extend(worker.tasks)
            for task in self._returned:
                task.future.set_exception(stopped)
            for _, future in self._queue:
                if future.set_running_or_notify_cancel():
                    future.set_exception(stopped)
            os.close(self._wake_reader)
            os.close(self._wake_writer)

    def _hand_out(self) -> None:
        """Fill each worker's hand with the next items nobody has cancelled (a request whose
        client went away, say); a future handed out can no longer be cancelled. An item's
        time starts when its worker starts on it: when it is given to an idle worker, or
        when the worker answers for the item before it."""
        for worker in self._workers:
            while worker.ready and len(worker.tasks) < _ITEMS_IN_HAND:
                task = self._next_task()
                if task is None:
                    return
                if not worker.tasks:
                    task.deadline = time.monotonic() + self._limits.seconds
                worker.tasks.append(task)
                worker.connection.send(task.item)

    def _next_task(self) -> _Task | None:
        if self._returned:
            return self._returned.popleft()
        while True:
            with self._lock:
                if not self._queue:
                    return None
                item, future = self._queue.popleft()
            if future.set_running_or_notify_cancel():
                return _Task(item, future)

    def _wait(self) -> None:
        deadlines = [
            worker.tasks[0].deadline
            for worker in self._workers
            if worker.tasks and worker.tasks[0].deadline is not None
        ]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        ready = wait([self._wake_reader, *(w.connection for w in self._workers)], timeout)
        if self._wake_reader in ready:
            os.read(self._wake_reader, 4096)
        for worker in list(self._workers):
            if worker.connection in ready:
                self._answer(worker)
            elif (
                worker.tasks
                and worker.tasks[0].deadline is not None
                and time.monotonic() >= worker.tasks[0].deadline
            ):
                self._fail(worker, f"it took longer than {self._limits.seconds:g} s to read")

    def _answer(self, worker: _Worker) -> None:
        try:
            kind, value = worker.connection.recv()
        except (EOFError, OSError):
            worker.process.join()
            code = worker.process.exitcode
            self._fail(worker, f"reading it stopped the importer's worker (exit code {code})")
            return
        if kind == "ready":
            worker.ready = True
            return
        future = worker.tasks.popleft().future
        if worker.tasks:
            worker.tasks[0].deadline = time.monotonic() + self._limits.seconds
        if kind == "done":
            future.set_result(value)
        elif kind == "memory":
            future.set_exception(
                AdvertError(f"it needed more than {self._limits.megabytes} MB to read")
            )
            self._replace(worker)  # memory it could not have may have left it in a bad state
        else:
            future.set_exception(AdvertError(value))

    def _fail(self, worker: _Worker, reason: str) -> None:
        if worker.tasks:
            worker.tasks.popleft().future.set_exception(AdvertError(reason))
        self._replace(worker)


def default_workers() -> int:
    """One worker per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def read_advert(advert: tuple[str, bytes]) -> "list[Opening]":
    """The openings of one (source name, bytes) advert: the server's readers' work."""
    return read_openings(*advert)


@lru_cache(maxsize=1)
def advert_readers() -> "WorkerPool[tuple[str, bytes], list[Opening]]":
    """The server process's readers, started at its first import and kept for the next.

    They come from a fork server that has imported only the importer, rather than forked
    from the server itself with its threads, sockets and database connections.
    """
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "forkserver":
        multiprocessing.get_context(method).set_forkserver_preload(
            ["app.importer.load", "app.importer.extract"]
        )
    return WorkerPool(
        read_advert,
        default_workers(),
        Limits.from_settings(),
        start_method=method,
        # Each reader imports the extraction rules and builds the place-name gazetteer before
        # it says it is ready, outside any advert's time limit.
        initializer=prepare_reading,
    )

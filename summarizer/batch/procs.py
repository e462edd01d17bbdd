"""Worker processes for LLM documents: the client's CPU (parsing, validation, verification)
spread over the machine's cores, while the runner keeps what must be one: the ledger, the
rate limits, the budget and the concurrency it grants.

Each worker runs its own event loop with its own async backend and summarises every document
it is handed at once; the runner hands a document to the least busy worker only after granting
it a start, so the documents in flight across workers never exceed the run's limit. Forked on
Linux (the runner's imports are inherited: a worker starts in milliseconds), spawned elsewhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Awaitable
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ..errors import OutputError, SummarizerError
from .ledger import Ledger, Record
from .work import Outcome, WorkItem, failed_record, paid_record, summarize_async, watch_parent

Job = tuple[int, WorkItem, dict[str, Any]]
PAID = "paid"  # a worker's message (PAID, number, record) and the runner's answer (PAID, number, error)
PAID_WAIT_S = 60.0  # the runner answers within one fsync; past this it is stuck or gone

# A worker makes and drops thousands of objects per document (parsed answers, checks, tokens):
# collecting the young generation every 700 allocations costs more than the cycles it frees.
_WORKER_GC_THRESHOLD = (20_000, 20, 20)


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context(
        "fork" if sys.platform == "linux" and "fork" in methods else "spawn"
    )


# --- in a worker ------------------------------------------------------------------------------


def serve(conn: Connection, settings: Any, folder: Path, parent: int, inherited: list[Any]) -> None:
    """A worker's life: drop what it inherited but must not hold, then summarise until told
    to stop; a runner that dies (kill -9) ends it at once."""
    for held in inherited:
        with contextlib.suppress(OSError):
            held.close() if hasattr(held, "close") else os.close(held)
    watch_parent(parent)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    gc.set_threshold(*_WORKER_GC_THRESHOLD)
    asyncio.run(_serve(conn, settings, folder))


class PaidAnswers:
    """In a worker: each paid answer goes to the runner, which holds the ledger; the answer is
    used (another request sent, the document's record returned) only once the runner has it on
    disk. Parsing and verifying it go on meanwhile: the event loop never waits on the runner."""

    def __init__(self, conn: Connection, loop: asyncio.AbstractEventLoop) -> None:
        self.conn = conn
        self.loop = loop
        self._numbers = 0
        self._waiting: dict[int, asyncio.Future[str | None]] = {}
        self._lock = threading.Lock()

    def sink(self, item: WorkItem, tag: dict[str, Any]) -> Any:
        def record(usage: Any) -> Awaitable[None]:
            future: asyncio.Future[str | None] = self.loop.create_future()
            with self._lock:
                self._numbers += 1
                number = self._numbers
                self._waiting[number] = future
            self.conn.send((PAID, number, paid_record(item, usage, tag)))
            return _recorded(future)

        return record

    def recorded(self, number: int, error: str | None) -> None:
        """On the thread reading the runner's messages: the runner wrote answer `number`."""
        with self._lock:
            future = self._waiting.pop(number, None)
        if future is not None:
            self.loop.call_soon_threadsafe(_settle_paid, future, error)


def _settle_paid(future: asyncio.Future[str | None], error: str | None) -> None:
    if not future.done():
        future.set_result(error)


async def _recorded(future: asyncio.Future[str | None]) -> None:
    try:
        error = await asyncio.wait_for(future, PAID_WAIT_S)
    except TimeoutError:
        raise SummarizerError("the batch runner did not record a paid answer in time") from None
    if error is not None:
        raise OutputError(error)


async def _serve(conn: Connection, settings: Any, folder: Path) -> None:
    from ..backends import make_backend
    from ..backends.llm import warm_up

    loop = asyncio.get_running_loop()
    jobs: asyncio.Queue[Job | None] = asyncio.Queue()
    backend = make_backend(settings)
    warm_up(settings)  # forked: inherited, so nearly free; spawned: paid before the first job
    paid = PaidAnswers(conn, loop)
    conn.send(None)  # ready: the runner grants starts only once every worker can take them

    def read() -> None:
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                os._exit(1)  # the runner is gone: nobody would record what this does
            if isinstance(job, tuple) and job[0] == PAID:
                paid.recorded(job[1], job[2])
                continue
            loop.call_soon_threadsafe(jobs.put_nowait, job)
            if job is None:
                return

    threading.Thread(target=read, name="jobs", daemon=True).start()
    running: set[asyncio.Task[None]] = set()
    while (job := await jobs.get()) is not None:
        task = asyncio.create_task(_one(conn, job, settings, folder, backend, paid))
        running.add(task)
        task.add_done_callback(running.discard)
    if running:
        await asyncio.gather(*running)
    await backend.aclose()


async def _one(
    conn: Connection, job: Job, settings: Any, folder: Path, backend: Any, paid: PaidAnswers
) -> None:
    from ..backends import paid_answers

    number, item, tag = job
    try:
        with paid_answers(paid.sink(item, tag)):
            outcome = await summarize_async(item, folder, settings, backend, tag)
    except Exception as exc:  # a record in every case: the runner waits for one
        outcome = Outcome(failed_record(item, exc, **tag))
    conn.send((number, *outcome))


# --- in the runner ----------------------------------------------------------------------------


def preload(settings: Any, *, web_pages: bool) -> None:
    """Load what a worker's first document would (the client, the pipeline and the verifier,
    the review page, the web-page reader when there are pages to read): half a second and
    more of CPU per worker, paid once by the runner and inherited by forked workers."""
    from ..backends.llm import warm_up

    warm_up(settings)
    from .. import pipeline  # noqa: F401
    from ..render import html  # noqa: F401

    if web_pages:
        from ..ingest import webpage  # noqa: F401


class WorkerPool:
    """Hands documents to worker processes and brings their records back to the loop."""

    def __init__(
        self,
        size: int,
        settings: Any,
        folder: Path,
        keep_out: list[int],
        ledger: Ledger,
        *,
        web_pages: bool = True,
    ) -> None:
        self.ledger = ledger

        context = _context()
        preload(settings, web_pages=web_pages)  # once here, inherited by forked workers
        pipes = [context.Pipe() for _ in range(size)]
        ours = [mine for mine, _ in pipes]
        self.conns = ours
        self.procs: list[Any] = []
        self.settings = settings
        self._sending = [threading.Lock() for _ in range(size)]  # the loop and the reader send
        self._reader: threading.Thread | None = None
        forked = context.get_start_method() == "fork"
        if forked:
            # The runner's objects (imports, schema, prompt) go to the permanent generation
            # before forking: a worker's collections then never walk them (nor copy their pages).
            # No collection first: it finds next to no garbage and costs 100-200 ms.
            gc.freeze()
        try:
            self._start(context, pipes, folder, keep_out if forked else None)
        finally:
            if forked:
                gc.unfreeze()
        for conn, proc in zip(self.conns, self.procs, strict=True):
            while not conn.poll(0.05):
                if not proc.is_alive():
                    self.close()
                    raise _died()
            conn.recv()
        self.busy = [0] * size
        self.pending: dict[int, tuple[int, asyncio.Future[Outcome]]] = {}
        self._numbers = 0
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None

    def _start(
        self, context: Any, pipes: list[Any], folder: Path, keep_out: list[int] | None
    ) -> None:
        """Start one worker per pipe; a forked one closes the runner's ends it inherits."""
        for _, theirs in pipes:
            inherited: list[Any] = [*self.conns, *keep_out] if keep_out is not None else []
            proc = context.Process(
                target=serve,
                args=(theirs, self.settings, folder, os.getpid(), inherited),
                daemon=True,
            )
            proc.start()
            theirs.close()
            self.procs.append(proc)

    async def run(self, item: WorkItem, tag: dict[str, Any]) -> Outcome:
        """Summarise one document in the least busy live worker."""
        if self._reader is None:
            self._loop = asyncio.get_running_loop()
            self._reader = threading.Thread(target=self._read, name="records", daemon=True)
            self._reader.start()
        live = [i for i, p in enumerate(self.procs) if p.is_alive()]
        if not live:
            return Outcome(failed_record(item, _died(), **tag))
        which = min(live, key=lambda i: self.busy[i])
        self._numbers += 1
        number = self._numbers
        future: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        with self._lock:
            self.pending[number] = (which, future)
        self.busy[which] += 1
        try:
            self._send(which, (number, item, tag))
            outcome = await future
        except (OSError, SummarizerError) as exc:
            outcome = Outcome(failed_record(item, exc, **tag))
        finally:
            self.busy[which] -= 1
            with self._lock:
                self.pending.pop(number, None)
        return outcome

    def _read(self) -> None:
        """On a thread: records from every worker, and the end of any worker that dies."""
        watched: dict[Any, int] = {c: i for i, c in enumerate(self.conns)}
        watched |= {p.sentinel: i for i, p in enumerate(self.procs)}
        while watched:
            ready_now = wait(list(watched))  # records before deaths: a last record counts
            for ready in sorted(ready_now, key=lambda r: not isinstance(r, Connection)):
                which = watched[ready]
                if isinstance(ready, Connection):
                    try:
                        message = ready.recv()
                    except (EOFError, OSError):
                        del watched[ready]
                        continue
                    if message[0] == PAID:
                        self._record_paid(which, message[1], message[2])
                        continue
                    self._settle(message[0], Outcome(*message[1:]), None)
                else:
                    del watched[ready]
                    with self._lock:
                        lost = [n for n, (w, _) in self.pending.items() if w == which]
                    for number in lost:
                        self._settle(number, None, _died())

    def _send(self, which: int, message: Any) -> None:
        with self._sending[which]:
            self.conns[which].send(message)

    def _record_paid(self, which: int, number: int, record: Record) -> None:
        """Write a worker's paid answer to the ledger, then let the worker use the answer."""
        try:
            self.ledger.append([record])
            error = None
        except OutputError as exc:
            error = exc.message
        with contextlib.suppress(OSError):
            self._send(which, (PAID, number, error))

    def _settle(self, number: int, value: Any, error: BaseException | None) -> None:
        with self._lock:
            entry = self.pending.get(number)
        if entry is None or self._loop is None:
            return
        future = entry[1]

        def give() -> None:
            if future.done():
                return
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(value)

        self._loop.call_soon_threadsafe(give)

    def close(self) -> None:
        """Let the workers finish what they hold, then end them."""
        for which in range(len(self.conns)):
            with contextlib.suppress(OSError):
                self._send(which, None)
        for proc in self.procs:
            proc.join(timeout=30)
            if proc.is_alive():
                proc.kill()
                proc.join()
        if self._reader is not None:
            self._reader.join(timeout=5)
        for conn in self.conns:
            conn.close()


def _died() -> SummarizerError:
    return SummarizerError(
        "a worker process ended before the document was summarised",
        hint="run the same command again to continue",
    )

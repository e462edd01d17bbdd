"""Live runs: documents summarised concurrently on one event loop (the async LLM client), or in
worker processes when there are cores to share the client's CPU (procs) or the rules backend's.

Before a document is sent it waits for a slot (AdaptiveLimit), then for its requests and
estimated tokens (RateLimiter); once the spend of the run, counting what documents in flight
are expected to cost, reaches --max-cost, no new document starts. Every outcome is written to
the ledger (grouped fsyncs on a thread) before it is counted.
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..backends import Backend, backend_class, make_backend, paid_answers
from ..errors import BudgetExceededError, InputError, OutputError, UsageError
from ..ingest import Document, read_document
from .context import RunContext
from .ledger import Ledger, Record
from .limits import AdaptiveLimit, RateLimiter
from .procs import WorkerPool
from .work import (
    Outcome,
    WorkItem,
    failed_record,
    is_fatal,
    paid_record,
    summarize_async,
    summarize_in_worker,
    watch_parent,
)

CHARS_PER_TOKEN = 3.0  # Vietnamese runs near 3-4 characters a token: estimate on the high side
FIRST_COMPLETION_GUESS = 1500  # tokens, until documents of this run have been answered
YIELD_EVERY = 64  # skipped documents planned between two turns of the event loop


class AsyncLedger:
    """Appends from many tasks: each write returns once durable; writes queued while a fsync
    runs share the next one (a group commit)."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._pending: list[tuple[Record, asyncio.Future[None]]] = []
        self._task: asyncio.Task[None] | None = None

    def submit(self, record: Record) -> asyncio.Future[None]:
        future = asyncio.get_running_loop().create_future()
        self._pending.append((record, future))
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._drain())
        return future

    async def write(self, record: Record) -> None:
        await self.submit(record)

    async def _drain(self) -> None:
        while self._pending:
            group, self._pending = self._pending, []
            try:
                await asyncio.to_thread(self.ledger.append, [r for r, _ in group])
            except OutputError as error:
                for _, future in group:
                    if not future.done():
                        future.set_exception(error)
                continue
            for _, future in group:
                if not future.done():
                    future.set_result(None)

    async def close(self) -> None:
        while self._task is not None and not self._task.done():
            await self._task
        if self.ledger.broken is not None:
            raise self.ledger.broken


def _retrieved(future: asyncio.Future[None]) -> None:
    """A write nobody awaits: its error is the ledger's, raised by the next write or close."""
    if not future.cancelled():
        future.exception()


@dataclass(frozen=True)
class Estimate:
    requests: int = 1
    tokens: float = 0.0
    cost: float = 0.0


class Estimator:
    """A document's requests, tokens and cost before it is sent, from its length."""

    def __init__(self, ctx: RunContext, backend: Backend) -> None:
        self.backend = backend
        self.priced = ctx.options.max_cost is not None
        self.reasks = ctx.settings.max_reasks
        self._completions: list[int] = []

    def completion(self) -> float:
        done = self._completions[-200:]
        return sum(done) / len(done) if done else FIRST_COMPLETION_GUESS

    def learn(self, completion_tokens: int, attempts: int) -> None:
        if attempts:
            self._completions.append(math.ceil(completion_tokens / attempts))

    def __call__(self, doc: Document) -> Estimate:
        parts = self.backend.parts(doc)
        overhead = self.backend.request_overhead()
        prompt = sum((overhead + len(p)) / CHARS_PER_TOKEN for p in parts)
        completion = self.completion() * len(parts)
        cost = self.reserve(prompt, completion) if self.priced else 0.0
        return Estimate(requests=len(parts), tokens=prompt + completion, cost=cost)

    def reserve(self, prompt: float, completion: float) -> float:
        """The most a document may cost: its first answer and every re-ask it may need, each
        re-ask sending the prompt again with the answers before it."""
        total = 0.0
        for attempt in range(self.reasks + 1):
            sent = math.ceil(prompt + attempt * completion * 1.2)
            total += self.backend.price(sent, 0, math.ceil(completion)) or 0.0
        return total


def _pool_size(ctx: RunContext, backend: Backend | None) -> int:
    """Worker processes: the client's CPU spread over the cores; 0 runs documents on the loop."""
    if backend is not None:
        return 0
    size = min(ctx.options.concurrency, os.cpu_count() or 1)
    return size if size > 1 else 0


class LiveRun:
    def __init__(self, ctx: RunContext, backend: Backend | None) -> None:
        self.ctx = ctx
        options = ctx.options
        workers = _pool_size(ctx, backend)
        cpu_bound = backend_class(ctx.settings).cpu_bound
        self.pool = _process_pool(workers) if workers and cpu_bound else None
        self.procs: WorkerPool | None = None
        self.rpm = RateLimiter(options.rpm) if options.rpm else None
        self.tpm = RateLimiter(options.tpm) if options.tpm else None
        needs_estimate = self.tpm is not None or options.max_cost is not None
        if self.pool is None and backend is None:  # also loads the client before workers fork
            backend = make_backend(ctx.settings)
            check_budget_is_priced(ctx, backend)
        self.backend = backend
        if workers and not cpu_bound:
            self.procs = _llm_pool(ctx, workers)
        self.limit = AdaptiveLimit(workers if self.pool is not None else options.concurrency)
        ctx.totals.limit = self.limit.allowed
        self.estimate = Estimator(ctx, backend) if needs_estimate and backend is not None else None
        self.spent = 0.0
        self.reserved = 0.0
        self.in_flight = 0  # documents holding a reserve
        self._settled = asyncio.Condition()
        self.writer = AsyncLedger(ctx.ledger)

    # --- the loop -----------------------------------------------------------------------------

    async def run(self, steps: Any) -> None:
        """Feed and run every document; the first error of the surroundings (an output or the
        ledger that cannot be written) stops everything at once and is raised."""
        queue: asyncio.Queue[WorkItem | None] = asyncio.Queue(maxsize=2 * self.limit.ceiling)
        workers = [asyncio.create_task(self._worker(queue)) for _ in range(self.limit.ceiling)]
        feeder = asyncio.create_task(self._feed_all(steps, queue, len(workers)))
        tasks = [feeder, *workers]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
            for task in tasks:
                if task.done() and not task.cancelled() and task.exception() is not None:
                    raise task.exception()  # type: ignore[misc]
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await self.writer.close()
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
            if self.procs is not None:
                await asyncio.to_thread(self.procs.close)
            if self.backend is not None:
                await self.backend.aclose()

    async def _feed_all(
        self, steps: Any, queue: asyncio.Queue[WorkItem | None], workers: int
    ) -> None:
        await self._feed(steps, queue)
        for _ in range(workers):
            await queue.put(None)

    async def _feed(self, steps: Any, queue: asyncio.Queue[WorkItem | None]) -> None:
        since_yield = 0
        for step in steps:
            if self.writer.ledger.broken is not None:
                raise self.writer.ledger.broken
            if step.skip:
                self.writer.submit(self.ctx.skip(step)).add_done_callback(_retrieved)
            elif step.adopted is not None:
                await self.writer.write(step.adopted)
                self.ctx.count(step.adopted, step.item.shown)
            else:
                await queue.put(step.item)
                since_yield = 0
                continue
            since_yield += 1
            if since_yield >= YIELD_EVERY:
                since_yield = 0
                await asyncio.sleep(0)

    async def _worker(self, queue: asyncio.Queue[WorkItem | None]) -> None:
        while (item := await queue.get()) is not None:
            record, _, items = await self._one(item)
            if is_fatal(record):
                raise OutputError(record["error"]["message"])
            await self.writer.write(record)
            if items is not None:  # its page was drawn with its output
                self.ctx.drawn[record["path"], record["output"]] = items
            self.ctx.count(record, item.shown)

    # --- one document -------------------------------------------------------------------------

    async def _one(self, item: WorkItem) -> Outcome:
        if self.ctx.budget_message is not None:
            return Outcome(self._unstarted(item))
        started = await self.limit.acquire()
        throttled = False
        try:
            if self.pool is not None:
                loop = asyncio.get_running_loop()
                args = (item, self.ctx.folder, self.ctx.settings, self.ctx.tag())
                return await loop.run_in_executor(self.pool, summarize_in_worker, *args)
            outcome = await self._inline(item)
            throttled = outcome.throttled
            return outcome
        finally:
            if await self.limit.release(started, throttled=throttled):
                self.ctx.totals.limit = self.limit.allowed
                self.ctx.emit(
                    "throttle",
                    message=f"the server is throttling: at most {self.limit.allowed} "
                    "documents in flight",
                )
            else:
                self.ctx.totals.limit = self.limit.allowed

    async def _inline(self, item: WorkItem) -> Outcome:
        tag = self.ctx.tag()
        clock = time.perf_counter()
        doc = None
        if self.procs is None or self.estimate is not None:
            try:
                doc = read_document(item.shown, max_bytes=self.ctx.settings.max_bytes)
            except InputError as exc:
                return Outcome(failed_record(item, exc, **tag))
        estimate = await self._reserve(doc)
        if estimate is None:
            return Outcome(self._unstarted(item))
        try:
            await self._wait_rates(estimate)
            if self.procs is not None:
                outcome = await self.procs.run(item, tag)
            else:
                args = (item, self.ctx.folder, self.ctx.settings, self.backend, tag, doc, clock)
                ledger = self.ctx.ledger
                with paid_answers(lambda usage: ledger.append([paid_record(item, usage, tag)])):
                    outcome = await summarize_async(*args)
            record = outcome.record
            if record.get("usage"):  # failed documents were billed too
                self._settle(estimate, record["usage"], learn=record["status"] == "done")
        finally:
            self.reserved -= estimate.cost
            self.in_flight -= 1
            async with self._settled:
                self._settled.notify_all()
        return outcome

    async def _reserve(self, doc: Document | None) -> Estimate | None:
        """Reserve the document's estimated cost, re-asks included, once it fits under
        --max-cost; while documents in flight may free some, wait for them; None when even
        with nothing in flight it would pass the limit."""
        while True:
            estimate = Estimate() if self.estimate is None or doc is None else self.estimate(doc)
            if not self._would_pass(estimate.cost):
                self.reserved += estimate.cost
                self.in_flight += 1
                return estimate
            if self.in_flight == 0 or self.ctx.budget_message is not None:
                self._stop_starting(estimate.cost)
                return None
            async with self._settled:
                await self._settled.wait()

    async def _wait_rates(self, estimate: Estimate) -> None:
        if self.rpm is not None:
            await self.rpm.take(estimate.requests)
        if self.tpm is not None:
            await self.tpm.take(estimate.tokens)

    def _settle(self, estimate: Estimate, usage: dict[str, Any], *, learn: bool) -> None:
        """Correct the buckets and the budget with what the server reported."""
        self.spent += usage.get("cost_usd") or 0.0
        if self.rpm is not None:
            self.rpm.adjust(usage["requests"] - estimate.requests)
        if self.tpm is not None and usage["total_tokens"]:
            self.tpm.adjust(usage["total_tokens"] - estimate.tokens)
        if self.estimate is not None and learn:
            self.estimate.learn(usage["completion_tokens"], usage["attempts"])

    # --- the budget ---------------------------------------------------------------------------

    def _would_pass(self, cost: float) -> bool:
        """Whether this document's reserve, on top of the spend and the reserves in flight,
        would pass --max-cost."""
        limit = self.ctx.options.max_cost
        if self.ctx.budget_message is not None:
            return True
        return limit is not None and self.spent + self.reserved + cost > limit

    def _stop_starting(self, cost: float) -> None:
        """No document starts from now on: the rest are left for the next run."""
        limit = self.ctx.options.max_cost
        if self.ctx.budget_message is not None:
            return
        self.ctx.budget_message = (
            f"the spend would pass --max-cost ${limit:g} (${self.spent:.4f} spent, "
            f"${self.reserved:.4f} in flight, ${cost:.4f} for the next document): "
            "no new documents started; "
            "run the same command again to continue"
        )
        self.ctx.emit("budget", message=self.ctx.budget_message)

    def _unstarted(self, item: WorkItem) -> Record:
        limit = self.ctx.options.max_cost
        error = BudgetExceededError(
            f"not started: the run's spend reached --max-cost ${limit:g}",
            hint="the next run of the same command starts it",
        )
        return failed_record(item, error, **self.ctx.tag())


def _process_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=watch_parent,
        initargs=(os.getpid(),),
    )


def _llm_pool(ctx: RunContext, workers: int) -> WorkerPool:
    held = ctx.ledger.fileno()
    keep_out = [] if held is None else [held]
    return WorkerPool(
        workers, ctx.settings, ctx.folder, keep_out, ctx.ledger, web_pages=ctx.web_pages
    )


def run_live(ctx: RunContext, steps: Any, backend: Backend | None) -> None:
    """Run the documents the steps send; returns when all are recorded."""
    asyncio.run(LiveRun(ctx, backend).run(steps))


def check_budget_is_priced(ctx: RunContext, backend: Backend) -> None:
    """--max-cost with a model nobody can price would never stop: refuse it before any request."""
    if ctx.options.max_cost is None or backend.price(1000, 0, 1000) is not None:
        return
    settings = ctx.settings
    raise UsageError(
        f"--max-cost needs a price for model {settings.model or ''!r} at {settings.shown_url}",
        hint="give prices with --pricing FILE",
    )

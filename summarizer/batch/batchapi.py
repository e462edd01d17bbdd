"""Provider batch mode (--via batch-api), orchestrated: request files filled within the budget,
each submitted through the backend's batch endpoint, waited for, then its answers verified and
written like a live run.

A submitted batch is recorded in the ledger at once, so a run killed while it waits picks the
same batch up again instead of paying for it twice. There are no re-asks: a summary the
verifier rejects is written unverified, as a live run writes one whose re-asks ran out.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..backends import BatchAnswer, BatchEndpoint, BatchStatus, Extraction, make_backend
from ..errors import BudgetExceededError, LLMError, SummarizerError, UsageError
from ..ingest import read_document
from ..pipeline import result
from .context import RunContext
from .ledger import Record
from .plan import Step
from .work import WorkItem, failed_record, finish


class BatchAPI:
    def __init__(self, ctx: RunContext, endpoint: BatchEndpoint) -> None:
        self.ctx = ctx
        self.settings = ctx.settings
        self.endpoint = endpoint
        self.spent = 0.0
        self._carry: list[WorkItem] = []

    # --- submitting ---------------------------------------------------------------------------

    def write_requests(self, todo: Iterator[WorkItem], path: Path) -> tuple[list[WorkItem], bool]:
        """Write request lines until the file is full or the items run out; record a failure
        for each document that cannot be read or is over the budget. Returns the items written
        and whether any are left for another file."""
        sent: list[WorkItem] = []
        size = 0
        with path.open("w", encoding="utf-8") as handle:
            for item in _chain(self._carry, todo):
                self._carry = []
                try:
                    doc = read_document(item.shown, max_bytes=self.settings.max_bytes)
                    text, cost = self.endpoint.request_line(doc, item.key)
                except SummarizerError as exc:
                    self._record([failed_record(item, exc, **self.ctx.tag())], {item.key: item})
                    continue
                limit = self.ctx.options.max_cost
                if limit is None:
                    cost = 0.0
                elif self.ctx.budget_message is not None or self.spent + cost > limit:
                    self._record([self._unstarted(item, limit, cost)], {item.key: item})
                    continue
                full = len(sent) >= self.endpoint.max_lines
                if sent and (full or size + len(text.encode()) > self.endpoint.max_bytes):
                    self._carry = [item]  # read again for the next file
                    return sent, True
                self.spent += cost
                size += len(text.encode())
                handle.write(text)
                sent.append(item)
        return sent, False

    def _unstarted(self, item: WorkItem, limit: float, cost: float) -> Record:
        """A document left out: its reserve (the request's estimated cost; a batch answer is
        never asked again) would pass --max-cost. From the first one on, none is added."""
        if self.ctx.budget_message is None:
            self.ctx.budget_message = (
                f"the estimated spend would pass --max-cost ${limit:g} (${self.spent:.4f} "
                f"reserved, ${cost:.4f} for the next document): "
                + (
                    "no batch was created"
                    if self.spent == 0
                    else "later documents were left out of the batch"
                )
                + "; raise --max-cost or run the same command again to continue"
            )
            self.ctx.emit("budget", message=self.ctx.budget_message)
        error = BudgetExceededError(
            f"not started: the run's estimated spend reached --max-cost ${limit:g}",
            hint="the next run of the same command starts it",
        )
        return failed_record(item, error, **self.ctx.tag())

    def submit(self, items: list[WorkItem], path: Path, number: int) -> Record:
        """Record the intent, upload the request file, create the batch tagged with the
        intent, and record the batch before anything else."""
        tag = f"{self.ctx.run_id}.{number}"
        intent: Record = {
            "type": "intent",
            "tag": tag,
            "run": self.ctx.run_id,
            "config_id": self.ctx.config.digest,
            "docs": {i.key: [str(i.path), i.shown, i.output, i.sha256] for i in items},
        }
        self.ctx.ledger.append([intent])
        try:
            batch_id, input_file_id = self.endpoint.submit(path, tag)
        finally:
            path.unlink(missing_ok=True)
        return self.recorded(intent, batch_id, input_file_id)

    def recorded(self, intent: Record, batch_id: str, input_file_id: str) -> Record:
        """The batch an intent became, written to the ledger."""
        record = {
            "type": "batch",
            "id": batch_id,
            "tag": intent["tag"],
            "input_file_id": input_file_id,
            "run": intent["run"],
            "config_id": self.ctx.config.digest,
            "submitted_ts": time.time(),
            "docs": intent["docs"],
        }
        self.ctx.ledger.append([record])
        self.ctx.state.add(record)
        docs = len(intent["docs"])
        self.ctx.emit("batch", message=f"batch {batch_id} submitted: {docs} documents")
        return record

    def resume(self, intent: Record) -> None:
        """An intent a stopped run left: record its batch if the provider created it; else
        its documents are planned again like any not done."""
        found = self.endpoint.find(intent["tag"])
        if found is None:
            resolved = {"type": "intent", "tag": intent["tag"], "resolved": True}
            self.ctx.ledger.append([resolved])
            self.ctx.state.add(resolved)
            return
        self.ctx.emit("batch", message=f"batch {found[0]} of an earlier run found by its tag")
        self.recorded(intent, *found)  # collected with the other open batches

    # --- waiting and collecting ---------------------------------------------------------------

    def wait(self, batch_id: str) -> BatchStatus:
        """Poll until the batch reaches a final status or the deadline passes; say so whenever
        its status changes."""
        status = None
        deadline = time.monotonic() + self.ctx.options.batch_deadline
        while True:
            batch = self.endpoint.status(batch_id)
            if batch.status != status:
                status = batch.status
                done = f" ({batch.completed}/{batch.total})" if batch.total else ""
                self.ctx.emit("batch", message=f"batch {batch_id}: {status}{done}")
            if batch.final:
                return batch
            if time.monotonic() >= deadline:
                hours = self.ctx.options.batch_deadline / 3600
                raise LLMError(
                    f"batch {batch_id} is still {status} after {hours:g} h",
                    hint="run the same command again to keep waiting for it",
                )
            time.sleep(self.ctx.options.poll_interval)

    def collect(self, record: Record) -> None:
        """Wait for a recorded batch, then record every one of its documents."""
        docs = {k: WorkItem(Path(v[0]), v[1], k, v[2], v[3]) for k, v in record["docs"].items()}
        try:
            batch = self.wait(record["id"])
        except SummarizerError as exc:
            self.fail_all(docs.values(), exc)
            return
        turnaround = max(0.0, time.time() - float(record.get("submitted_ts") or time.time()))
        records: list[Record] = []
        seen: set[str] = set()
        try:
            answers = self.endpoint.answers
            for answer in [*answers(batch.output_file_id), *answers(batch.error_file_id)]:
                item = docs.get(answer.key)
                if item is None or item.key in seen:
                    continue
                seen.add(item.key)
                records.append(self._answer(item, answer, turnaround))
        except SummarizerError as exc:
            self.fail_all([d for k, d in docs.items() if k not in seen], exc)
            return
        missing = LLMError(
            f"the batch ended {batch.status} without an answer for this document"
            + (f": {batch.error}" if batch.error else "")
        )
        for key, item in docs.items():
            if key not in seen:
                records.append(failed_record(item, missing, **self.ctx.tag()))
        self._record(records, docs)
        end = {"type": "batch_end", "id": record["id"], "status": batch.status}
        self.ctx.ledger.append([end])
        self.ctx.state.add(end)

    def _answer(self, item: WorkItem, answer: BatchAnswer, turnaround: float) -> Record:
        tag = self.ctx.tag() | {"batch_id": answer.line_id}
        if answer.body is None:
            return failed_record(item, LLMError(answer.error or "no answer body"), **tag)
        started = time.perf_counter()
        usage = self.endpoint.usage(answer.body, turnaround)
        try:
            doc = read_document(item.shown, max_bytes=self.settings.max_bytes)
            summary = self.endpoint.summary(doc, answer.body)
            done = result(doc, Extraction(summary, usage), started)
            return finish(item, self.ctx.folder, done, **tag)
        except Exception as exc:
            return failed_record(item, exc, usage=usage.model_dump(include=_SPENT), **tag)

    def fail_all(self, items: Iterable[WorkItem], exc: BaseException) -> None:
        items = list(items)
        records = [failed_record(i, exc, **self.ctx.tag()) for i in items]
        self._record(records, {i.key: i for i in items})

    def _record(self, records: list[Record], docs: dict[str, WorkItem]) -> None:
        self.ctx.ledger.append(records)
        for record in records:
            self.ctx.state.add(record)
            self.ctx.count(record, docs[record["key"]].shown)


_SPENT = {"prompt_tokens", "cached_prompt_tokens", "completion_tokens", "total_tokens", "cost_usd"}


def _chain(first: list[WorkItem], rest: Iterator[WorkItem]) -> Iterator[WorkItem]:
    yield from first
    yield from rest


def _todo(steps: Iterable[Step], ctx: RunContext) -> Iterator[WorkItem]:
    """The items to send; skips and adopted outputs are recorded on the way, in groups."""
    pending: list[Record] = []
    for step in steps:
        if step.skip:
            pending.append(ctx.skip(step))
        elif step.adopted is not None:
            pending.append(step.adopted)
            ctx.count(step.adopted, step.item.shown)
        else:
            yield step.item
        if len(pending) >= 256:
            ctx.ledger.append(pending)
            pending = []
    ctx.ledger.append(pending)


def run_batch_api(ctx: RunContext, steps: Iterable[Step]) -> None:
    """Finish batches an earlier run left waiting, then submit and collect the rest."""
    backend = make_backend(ctx.settings)
    endpoint = backend.batch_endpoint()
    if endpoint is None:
        raise UsageError(
            f"the {ctx.settings.backend} backend has no batch endpoint",
            hint="use --via live",
        )
    from .live import check_budget_is_priced

    check_budget_is_priced(ctx, backend)
    api = BatchAPI(ctx, endpoint)
    for intent in ctx.state.open_intents(ctx.config.digest):
        api.resume(intent)
    for record in ctx.state.open_batches(ctx.config.digest):
        ctx.emit("batch", message=f"batch {record['id']} of an earlier run: waiting for it")
        api.collect(record)
    todo = _todo(steps, ctx)
    for number in itertools.count(1):
        path = ctx.folder / f".batch-{ctx.run_id}-{number}.jsonl"
        sent, more = api.write_requests(todo, path)
        if sent:
            try:
                record = api.submit(sent, path, number)
            except SummarizerError as exc:
                api.fail_all(sent, exc)
            else:
                api.collect(record)
        path.unlink(missing_ok=True)
        if not more:
            break

"""Provider batch mode (--via batch-api): one JSONL of requests, uploaded, run by the provider
within its window at the batch discount, polled, then read back, verified and written like a
live run.

A submitted batch is recorded in the ledger at once, so a run killed while it waits picks the
same batch up again instead of paying for it twice. There are no re-asks: a summary the
verifier rejects is written unverified, as a live run writes one whose re-asks ran out.
"""

from __future__ import annotations

import itertools
import json
import math
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import BudgetExceededError, LLMError, SummarizerError, TransportError
from ..ingest import read_document
from ..schema import Usage
from .ledger import Record
from .plan import Step
from .runner import RunContext
from .work import WorkItem, build_result, failed_record, finish

ENDPOINT = "/v1/chat/completions"
FINAL = frozenset({"completed", "failed", "expired", "cancelled"})
MAX_LINES = 50_000  # the provider's limits per batch file
MAX_BYTES = 190_000_000
CHARS_PER_TOKEN = 3.0
COMPLETION_GUESS = 1500


def make_client(settings: Any) -> Any:
    """A plain openai client on our retrying transport (429, 5xx and timeouts retried)."""
    import httpx
    from openai import OpenAI

    from ..backends.llm.client import OPENAI_URL, api_key, require_model, retry_policy
    from ..backends.llm.retries import RetryingTransport

    require_model(settings)
    transport = RetryingTransport(httpx.HTTPTransport(), retry_policy(settings))
    return OpenAI(
        api_key=api_key(settings),
        base_url=settings.base_url or OPENAI_URL,
        timeout=settings.timeout,
        max_retries=0,
        http_client=httpx.Client(transport=transport, timeout=settings.timeout),
    )


def api_error(exc: BaseException, settings: Any) -> SummarizerError:
    """Our error inside what the openai client raised, or one made from its status."""
    import openai

    from ..backends.llm.calls import status_error

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, SummarizerError):
            return seen
        seen = seen.__cause__ or seen.__context__
    if isinstance(exc, openai.APIStatusError):
        return status_error(exc, settings)
    where = settings.base_url or "the endpoint"
    return TransportError(f"cannot reach {where}: {exc}", attempts=1, hint="check --base-url")


class BatchAPI:
    def __init__(self, ctx: RunContext) -> None:
        self.ctx = ctx
        self.settings = ctx.settings
        self.client = make_client(ctx.settings)
        self.spent = 0.0
        self._carry: list[WorkItem] = []

    # --- submitting ---------------------------------------------------------------------------

    def _estimate(self, body: dict[str, Any]) -> float:
        if self.ctx.options.max_cost is None:
            return 0.0
        prompt = math.ceil(len(json.dumps(body, ensure_ascii=False)) / CHARS_PER_TOKEN)
        return self._price(prompt, 0, COMPLETION_GUESS) or 0.0

    def _price(self, prompt: int, cached: int, completion: int) -> float | None:
        from ..backends.llm import price
        from ..backends.llm.client import OPENAI_URL

        return price(
            self.settings.model or "",
            prompt,
            cached,
            completion,
            pricing_file=self.settings.pricing,
            batch=True,
            provider_url=self.settings.base_url or OPENAI_URL,
        )

    def write_requests(self, todo: Iterator[WorkItem], path: Path) -> tuple[list[WorkItem], bool]:
        """Write request lines until the file is full or the items run out; record a failure
        for each document that cannot be read or is over the budget. Returns the items written
        and whether any are left for another file."""
        from ..backends.llm import build_request

        sent: list[WorkItem] = []
        size = 0
        with path.open("w", encoding="utf-8") as handle:
            for item in _chain(self._carry, todo):
                self._carry = []
                try:
                    doc = read_document(item.shown, max_bytes=self.settings.max_bytes)
                    body = build_request(doc, self.settings)
                except SummarizerError as exc:
                    self._record([failed_record(item, exc, **self.ctx.tag())], {item.key: item})
                    continue
                cost = self._estimate(body)
                limit = self.ctx.options.max_cost
                if limit is not None and self.spent + cost > limit and self.spent > 0:
                    self._record([self._unstarted(item, limit)], {item.key: item})
                    continue
                line = {"custom_id": item.key, "method": "POST", "url": ENDPOINT, "body": body}
                text = json.dumps(line, ensure_ascii=False) + "\n"
                if sent and (len(sent) >= MAX_LINES or size + len(text.encode()) > MAX_BYTES):
                    self._carry = [item]  # read again for the next file
                    return sent, True
                self.spent += cost
                size += len(text.encode())
                handle.write(text)
                sent.append(item)
        return sent, False

    def _unstarted(self, item: WorkItem, limit: float) -> Record:
        if self.ctx.budget_message is None:
            self.ctx.budget_message = (
                f"the estimated spend reached --max-cost ${limit:g}: later documents were "
                "left out of the batch; run the same command again to continue"
            )
            self.ctx.emit("budget", message=self.ctx.budget_message)
        error = BudgetExceededError(
            f"not started: the run's estimated spend reached --max-cost ${limit:g}",
            hint="the next run of the same command starts it",
        )
        return failed_record(item, error, **self.ctx.tag())

    def submit(self, items: list[WorkItem], path: Path) -> Record:
        """Upload the request file, create the batch, and record it before anything else."""
        try:
            with path.open("rb") as handle:
                uploaded = self.client.files.create(file=handle, purpose="batch")
            batch = self.client.batches.create(
                input_file_id=uploaded.id,
                endpoint=ENDPOINT,
                completion_window="24h",
                metadata={"run": self.ctx.run_id},
            )
        except Exception as exc:
            raise api_error(exc, self.settings) from None
        finally:
            path.unlink(missing_ok=True)
        record = {
            "type": "batch",
            "id": batch.id,
            "input_file_id": uploaded.id,
            "run": self.ctx.run_id,
            "config_id": self.ctx.config.digest,
            "submitted_ts": time.time(),
            "docs": {i.key: [str(i.path), i.shown, i.output, i.sha256] for i in items},
        }
        self.ctx.ledger.append([record])
        self.ctx.emit("batch", message=f"batch {batch.id} submitted: {len(items)} documents")
        return record

    # --- waiting and collecting ---------------------------------------------------------------

    def wait(self, batch_id: str) -> Any:
        """Poll until the batch reaches a final status; say so whenever its status changes."""
        status = None
        while True:
            try:
                batch = self.client.batches.retrieve(batch_id)
            except Exception as exc:
                raise api_error(exc, self.settings) from None
            if batch.status != status:
                status = batch.status
                counts = batch.request_counts
                done = f" ({counts.completed}/{counts.total})" if counts and counts.total else ""
                self.ctx.emit("batch", message=f"batch {batch_id}: {status}{done}")
            if status in FINAL:
                return batch
            time.sleep(self.ctx.options.poll_interval)

    def _lines(self, file_id: str | None) -> Iterator[dict[str, Any]]:
        if not file_id:
            return
        try:
            content = self.client.files.content(file_id).content
        except Exception as exc:
            raise api_error(exc, self.settings) from None
        for raw in content.splitlines():
            if raw.strip():
                try:
                    line = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(line, dict):
                    yield line

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
            for line in [*self._lines(batch.output_file_id), *self._lines(batch.error_file_id)]:
                item = docs.get(str(line.get("custom_id")))
                if item is None or item.key in seen:
                    continue
                seen.add(item.key)
                records.append(self._answer(item, line, turnaround))
        except SummarizerError as exc:
            self.fail_all([d for k, d in docs.items() if k not in seen], exc)
            return
        missing = LLMError(
            f"the batch ended {batch.status} without an answer for this document"
            + _batch_errors(batch)
        )
        for key, item in docs.items():
            if key not in seen:
                records.append(failed_record(item, missing, **self.ctx.tag()))
        self._record(records, docs)
        end = {"type": "batch_end", "id": record["id"], "status": batch.status}
        self.ctx.ledger.append([end])
        self.ctx.state.add(end)

    def _answer(self, item: WorkItem, line: dict[str, Any], turnaround: float) -> Record:
        tag = self.ctx.tag() | {"batch_id": line.get("id")}
        response = line.get("response") or {}
        body = response.get("body")
        status = response.get("status_code")
        if line.get("error") or status != 200 or not isinstance(body, dict):
            detail = (line.get("error") or {}).get("message") or _error_message(body)
            error = LLMError(f"the batch answered {status}: {detail}")
            return failed_record(item, error, **tag)
        return self._summary(item, body, turnaround, tag)

    def _summary(
        self, item: WorkItem, body: dict[str, Any], turnaround: float, tag: dict[str, Any]
    ) -> Record:
        from ..backends.llm import parse_response, prompting
        from ..backends.llm.usage import usage_of_body

        started = time.perf_counter()
        prompt, cached, completion = usage_of_body(body)
        usage = Usage(
            backend="llm",
            model=self.settings.model,
            prompt_version=prompting.prompt_version(),
            requests=1,
            attempts=1,
            prompt_tokens=prompt,
            cached_prompt_tokens=cached,
            completion_tokens=completion,
            total_tokens=prompt + completion,
            cost_usd=self._price(prompt, cached, completion),
            latency_s=round(turnaround, 3),
        )
        try:
            doc = read_document(item.shown, max_bytes=self.settings.max_bytes)
            summary = parse_response(body, doc, self.settings)
            if isinstance(summary, LLMError):
                raise summary
            result = build_result(doc, summary, usage, started)
            return finish(item, self.ctx.folder, result, **tag)
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


def _batch_errors(batch: Any) -> str:
    """The provider's first reason for a batch that failed as a whole, if it gave one."""
    errors = getattr(getattr(batch, "errors", None), "data", None) or []
    message = getattr(errors[0], "message", None) if errors else None
    return f": {message}" if message else ""


def _error_message(body: Any) -> str:
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return str(body["error"].get("message") or "error")
    return "no answer body"


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
    api = BatchAPI(ctx)
    for record in ctx.state.open_batches(ctx.config.digest):
        ctx.emit("batch", message=f"batch {record['id']} of an earlier run: waiting for it")
        api.collect(record)
    todo = _todo(steps, ctx)
    for number in itertools.count(1):
        path = ctx.folder / f".batch-{ctx.run_id}-{number}.jsonl"
        sent, more = api.write_requests(todo, path)
        if sent:
            try:
                record = api.submit(sent, path)
            except SummarizerError as exc:
                api.fail_all(sent, exc)
            else:
                api.collect(record)
        path.unlink(missing_ok=True)
        if not more:
            break

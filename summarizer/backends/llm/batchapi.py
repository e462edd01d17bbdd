"""The provider's batch endpoints (--via batch-api): JSONL request lines, the request file
uploaded and its batch created, the batch polled, and its answer lines read back as summaries
with priced usage, at the batch discount.

Batch runs have no re-asks: the caller verifies each summary as a live run does.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ...config import Settings
from ...errors import LLMError, SummarizerError, TransportError
from ...ingest import Document
from ...schema import ReportSummary, Usage
from ..base import Backend, BatchAnswer, BatchStatus
from . import prompting
from .bodies import build_request, parse_response
from .usage import usage_of_body

if TYPE_CHECKING:
    from openai import OpenAI

ENDPOINT: Literal["/v1/chat/completions"] = "/v1/chat/completions"
FINAL = frozenset({"completed", "failed", "expired", "cancelled"})
MAX_LINES = 50_000  # the provider's limits per batch file
MAX_BYTES = 190_000_000
CHARS_PER_TOKEN = 3.0
COMPLETION_GUESS = 1500


def make_client(settings: Settings) -> OpenAI:
    """A plain openai client on our retrying transport (429, 5xx and timeouts retried)."""
    import httpx
    from openai import OpenAI

    from .client import api_key, require_model, retry_policy
    from .retries import RetryingTransport

    require_model(settings)
    transport = RetryingTransport(httpx.HTTPTransport(), retry_policy(settings))
    return OpenAI(
        api_key=api_key(settings),
        base_url=settings.endpoint_url,
        timeout=settings.timeout,
        max_retries=0,
        http_client=httpx.Client(transport=transport, timeout=settings.timeout),
    )


def api_error(exc: BaseException, settings: Settings) -> SummarizerError:
    """Our error inside what the openai client raised, or one made from its status."""
    import openai

    from .calls import status_error

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, SummarizerError):
            return seen
        seen = seen.__cause__ or seen.__context__
    if isinstance(exc, openai.APIStatusError):
        return status_error(exc, settings)
    where = settings.base_url or "the endpoint"
    return TransportError(f"cannot reach {where}: {exc}", attempts=1, hint="check --base-url")


class OpenAIBatch:
    """OpenAI's Batch API (files, batches) on the run's endpoint, key and prices."""

    max_lines = MAX_LINES
    max_bytes = MAX_BYTES

    def __init__(self, settings: Settings, backend: Backend) -> None:
        self.settings = settings
        self.backend = backend
        self.client = make_client(settings)

    def request_line(self, doc: Document, key: str) -> tuple[str, float]:
        body = build_request(doc, self.settings)
        line = {"custom_id": key, "method": "POST", "url": ENDPOINT, "body": body}
        prompt = math.ceil(len(json.dumps(body, ensure_ascii=False)) / CHARS_PER_TOKEN)
        cost = self.backend.price(prompt, 0, COMPLETION_GUESS, batch=True) or 0.0
        return json.dumps(line, ensure_ascii=False) + "\n", cost

    def submit(self, path: Path, run_id: str) -> tuple[str, str]:
        try:
            with path.open("rb") as handle:
                uploaded = self.client.files.create(file=handle, purpose="batch")
            batch = self.client.batches.create(
                input_file_id=uploaded.id,
                endpoint=ENDPOINT,
                completion_window="24h",
                metadata={"run": run_id},
            )
        except Exception as exc:
            raise api_error(exc, self.settings) from None
        return batch.id, uploaded.id

    def status(self, batch_id: str) -> BatchStatus:
        try:
            batch = self.client.batches.retrieve(batch_id)
        except Exception as exc:
            raise api_error(exc, self.settings) from None
        counts = batch.request_counts
        return BatchStatus(
            id=batch_id,
            status=batch.status,
            final=batch.status in FINAL,
            completed=counts.completed if counts else 0,
            total=counts.total if counts else 0,
            output_file_id=batch.output_file_id,
            error_file_id=batch.error_file_id,
            error=_batch_error(batch),
        )

    def answers(self, file_id: str | None) -> Iterator[BatchAnswer]:
        for line in self._lines(file_id):
            response = line.get("response") or {}
            body = response.get("body")
            status = response.get("status_code")
            error = None
            if line.get("error") or status != 200 or not isinstance(body, dict):
                detail = (line.get("error") or {}).get("message") or _error_message(body)
                error = f"the batch answered {status}: {detail}"
            yield BatchAnswer(
                key=str(line.get("custom_id")),
                line_id=line.get("id"),
                body=body if error is None else None,
                error=error,
            )

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

    def usage(self, body: dict[str, Any], latency_s: float) -> Usage:
        """The tokens an answer body reports, priced at the batch rate."""
        prompt, cached, completion = usage_of_body(body)
        return Usage(
            backend="llm",
            model=self.settings.model,
            prompt_version=prompting.prompt_version(),
            requests=1,
            attempts=1,
            prompt_tokens=prompt,
            cached_prompt_tokens=cached,
            completion_tokens=completion,
            total_tokens=prompt + completion,
            cost_usd=self.backend.price(prompt, cached, completion, batch=True),
            latency_s=round(latency_s, 3),
        )

    def summary(self, doc: Document, body: dict[str, Any]) -> ReportSummary:
        summary = parse_response(body, doc, self.settings)
        if isinstance(summary, LLMError):
            raise summary
        return summary


def _batch_error(batch: Any) -> str | None:
    """The provider's first reason for a batch that failed as a whole, if it gave one."""
    errors = getattr(getattr(batch, "errors", None), "data", None) or []
    message = getattr(errors[0], "message", None) if errors else None
    return str(message) if message else None


def _error_message(body: Any) -> str:
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return str(body["error"].get("message") or "error")
    return "no answer body"

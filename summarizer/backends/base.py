"""What every backend is: the protocol the pipeline, batch and eval call, and its answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from ..ingest import Document
from ..schema import ReportSummary, Usage, VerificationReport

if TYPE_CHECKING:
    from ..config import Settings


@dataclass
class Extraction:
    """A backend's answer: the summary and what it cost to get it, and the verifier's report
    when the backend already verified this very summary (against `verified_source`)."""

    summary: ReportSummary
    usage: Usage
    notes: list[str] = field(default_factory=list)
    verification: VerificationReport | None = None
    verified_source: str | None = None
    empty_summary: bool = False  # in scope, yet the model kept answering with nothing

    def report_for(self, source: str) -> VerificationReport | None:
        """The backend's report when it verified against exactly `source`; else None."""
        if self.verification is None or self.verified_source is None:
            return None
        return self.verification if self.verified_source == source else None


@dataclass(frozen=True)
class BatchStatus:
    """Where a provider batch stands, and the files to read once it is final."""

    id: str
    status: str
    final: bool
    completed: int = 0
    total: int = 0
    output_file_id: str | None = None
    error_file_id: str | None = None
    error: str | None = None  # the provider's first reason for a batch that failed whole


@dataclass(frozen=True)
class BatchAnswer:
    """One line of a finished batch: the document's key, and its body or why there is none."""

    key: str
    line_id: str | None
    body: dict[str, Any] | None
    error: str | None


class BatchEndpoint(Protocol):
    """A provider's batch mode: one request file uploaded, run within a window, read back."""

    max_lines: int
    max_bytes: int

    def request_line(self, doc: Document, key: str) -> tuple[str, float]:
        """One JSONL request line for `doc`, and its estimated cost (0 when unpriced)."""
        ...

    def submit(self, path: Path, tag: str) -> tuple[str, str]:
        """Upload the request file and start its batch tagged `tag`: (batch id, input file id)."""
        ...

    def find(self, tag: str) -> tuple[str, str] | None:
        """The batch an earlier submit tagged `tag`, if the provider has one: (id, input file)."""
        ...

    def status(self, batch_id: str) -> BatchStatus: ...

    def answers(self, file_id: str | None) -> Iterator[BatchAnswer]: ...

    def usage(self, body: dict[str, Any], latency_s: float) -> Usage:
        """The tokens one answer body reports, priced at the batch rate."""
        ...

    def summary(self, doc: Document, body: dict[str, Any]) -> ReportSummary:
        """The summary in one answer body; raises LLMError when it holds none."""
        ...


# Told of each paid answer (its own tokens and price) the moment it arrives, before it is used:
# a run killed while the answer is being parsed or verified has still recorded what it cost.
# A sink may return an awaitable that ends once the answer is recorded: the async client then
# parses and verifies meanwhile, and awaits it before its next request and before it returns.
PaidAnswerSink = Callable[[Usage], Awaitable[None] | None]
_PAID_ANSWERS: ContextVar[PaidAnswerSink | None] = ContextVar(
    "summarizer_paid_answers", default=None
)


@contextmanager
def paid_answers(sink: PaidAnswerSink) -> Iterator[None]:
    """Within this block (this thread or task), every paid answer is handed to `sink` first."""
    token = _PAID_ANSWERS.set(sink)
    try:
        yield
    finally:
        _PAID_ANSWERS.reset(token)


def paid_answer_sink() -> PaidAnswerSink | None:
    """The sink a caller installed with paid_answers, if any: backends call it per answer."""
    return _PAID_ANSWERS.get()


class Backend(Protocol):
    name: str
    cpu_bound: ClassVar[bool]  # its work is this process's CPU: a batch runs it in processes

    def extract(self, doc: Document) -> Extraction: ...

    async def aextract(self, doc: Document) -> Extraction: ...

    async def aclose(self) -> None:
        """Release what the async form opened on the running event loop (its connections)."""
        ...

    def parts(self, doc: Document) -> list[str]:
        """The texts one document is extracted from (more than one when it is too long)."""
        ...

    def request_overhead(self) -> int:
        """Characters a request carries besides the document's text (prompt, schema)."""
        ...

    def price(
        self, prompt: int, cached: int, completion: int, *, batch: bool = False
    ) -> float | None:
        """USD for these tokens, or None when no price is known."""
        ...

    def batch_endpoint(self) -> BatchEndpoint | None:
        """The provider's batch mode, or None when the backend has none."""
        ...


class BaseBackend:
    """Defaults for a backend that costs nothing and sends one text per document."""

    name = "base"
    cpu_bound: ClassVar[bool] = False
    supports_batch_api: ClassVar[bool] = False

    @classmethod
    def identity(cls, settings: Settings) -> dict[str, Any]:
        """The settings that change what a summary says: the key of work already done."""
        return {"backend": settings.backend}

    async def aclose(self) -> None:
        return None

    def parts(self, doc: Document) -> list[str]:
        return [doc.article or doc.text]

    def request_overhead(self) -> int:
        return 0

    def price(
        self, prompt: int, cached: int, completion: int, *, batch: bool = False
    ) -> float | None:
        return 0.0

    def batch_endpoint(self) -> BatchEndpoint | None:
        return None


class SyncBackend(BaseBackend):
    """Base for backends with no I/O of their own: the async form runs the sync one."""

    name = "sync"
    cpu_bound = True

    def extract(self, doc: Document) -> Extraction:
        raise NotImplementedError

    async def aextract(self, doc: Document) -> Extraction:
        import asyncio  # 20-100 ms of imports a one-document run never needs

        return await asyncio.to_thread(self.extract, doc)

"""What every backend is: the protocol the pipeline, batch and eval call, and its answer."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Protocol

from ..ingest import Document
from ..schema import ReportSummary, Usage, VerificationReport


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


class Backend(Protocol):
    name: str

    def extract(self, doc: Document) -> Extraction: ...

    async def aextract(self, doc: Document) -> Extraction: ...

    async def aclose(self) -> None:
        """Release what the async form opened on the running event loop (its connections)."""
        ...


class SyncBackend:
    """Base for backends with no I/O of their own: the async form runs the sync one."""

    name = "sync"

    def extract(self, doc: Document) -> Extraction:
        raise NotImplementedError

    async def aextract(self, doc: Document) -> Extraction:
        return await asyncio.to_thread(self.extract, doc)

    async def aclose(self) -> None:
        return None

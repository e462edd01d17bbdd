"""One document through a backend and the verifier: the shape every command writes."""

from __future__ import annotations

import time

from .backends import Backend
from .ingest import Document
from .schema import SourceInfo, SummaryResult
from .verify import verify


def _result(doc: Document, extraction, started: float) -> SummaryResult:
    usage = extraction.usage
    if not usage.latency_s:
        usage = usage.model_copy(update={"latency_s": round(time.perf_counter() - started, 4)})
    return SummaryResult(
        source=SourceInfo(path=doc.path, sha256=doc.sha256, chars=doc.chars),
        summary=extraction.summary,
        verification=verify(extraction.summary, doc.text),
        usage=usage,
    )


def summarize_document(doc: Document, backend: Backend) -> SummaryResult:
    """Extract, then verify against the whole visible text."""
    started = time.perf_counter()
    return _result(doc, backend.extract(doc), started)


async def asummarize_document(doc: Document, backend: Backend) -> SummaryResult:
    """The async form, for batch runs on the async client."""
    started = time.perf_counter()
    return _result(doc, await backend.aextract(doc), started)

"""One document through a backend and the verifier: the shape every command writes."""

from __future__ import annotations

import time

from .backends import Backend, Extraction
from .ingest import Document
from .schema import Alert, SourceInfo, SummaryResult, VerificationReport
from .verify import verify


def verification(doc: Document, extraction: Extraction) -> VerificationReport:
    """The backend's own report when it verified against this text; else verify now."""
    report = extraction.report_for(doc.text)
    return report if report is not None else verify(extraction.summary, doc.text)


def _result(doc: Document, extraction: Extraction, started: float) -> SummaryResult:
    usage = extraction.usage
    if not usage.latency_s:
        usage = usage.model_copy(update={"latency_s": round(time.perf_counter() - started, 4)})
    return SummaryResult(
        source=SourceInfo(path=doc.path, sha256=doc.sha256, chars=doc.chars),
        summary=extraction.summary,
        verification=verification(doc, extraction),
        usage=usage,
        alerts=_backend_alerts(extraction),
    )


def _backend_alerts(extraction: Extraction) -> list[Alert]:
    """What the backend knows a reader must see: a summary left empty by the model."""
    if not extraction.empty_summary:
        return []
    return [
        Alert(
            code="empty_summary",
            message="the model answered with an empty summary for a document in scope",
        )
    ]


def summarize_document(doc: Document, backend: Backend) -> SummaryResult:
    """Extract, then verify against the whole visible text."""
    started = time.perf_counter()
    return _result(doc, backend.extract(doc), started)


async def asummarize_document(doc: Document, backend: Backend) -> SummaryResult:
    """The async form, for batch runs on the async client."""
    started = time.perf_counter()
    return _result(doc, await backend.aextract(doc), started)

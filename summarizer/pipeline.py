"""One document through a backend and the verifier: the shape every command writes."""

from __future__ import annotations

import time

from .backends import Backend, Extraction
from .ingest import Document
from .ingest.injection import find_injections
from .schema import Alert, ReportSummary, SourceInfo, SummaryResult, VerificationReport
from .verify import verify


def verification(doc: Document, extraction: Extraction) -> VerificationReport:
    """The backend's own report when it verified against this text; else verify now."""
    report = extraction.report_for(doc.text)
    return report if report is not None else verify(extraction.summary, doc.text)


def alerts(
    doc: Document,
    summary: ReportSummary,
    report: VerificationReport,
    *,
    empty_answer: bool = False,
) -> list[Alert]:
    """What a reader must know before trusting the summary at all, in reading order
    (`empty_answer`: the backend's model kept answering this in-scope document with nothing)."""
    found: list[Alert] = []
    if not summary.in_scope:
        found.append(
            Alert(
                code="off_topic",
                message="not a report of the information and "
                "communications sector: nothing summarised",
            )
        )
    for span in find_injections(doc.text):
        line = " ".join(doc.text[span[0] : span[1]].split())
        shown = line if len(line) <= 80 else line[:77].rsplit(" ", 1)[0] + "…"
        found.append(
            Alert(
                code="prompt_injection",
                span=span,
                message=f"text addressed to an AI or a summariser, ignored: «{shown}»",
            )
        )
    if doc.cut is not None:
        share = (doc.cut[1] - doc.cut[0]) / max(1, doc.chars)
        found.append(
            Alert(
                code="cut",
                span=doc.cut,
                message=f"page furniture cut {share:.0%} of the text: check the span",
            )
        )
    if empty_answer or (
        summary.in_scope
        and not any((summary.achievements, summary.targets, summary.attendees, summary.awards))
    ):
        found.append(Alert(code="empty_summary", message=_empty_message(empty_answer)))
    if not report.verified:
        found.append(
            Alert(
                code="unverified",
                message=f"{len(report.failures)} claim(s) not verified against the source",
            )
        )
    return found


def _empty_message(empty_answer: bool) -> str:
    if empty_answer:
        return (
            "the model answered with an empty summary for a document in scope, "
            "even when asked again"
        )
    return "no achievement, target, attendee or award found"


def result(doc: Document, extraction: Extraction, started: float) -> SummaryResult:
    """One document's result: its source, the summary, the verifier's report and the usage
    (timed from `started` when the backend did not time itself)."""
    usage = extraction.usage
    if not usage.latency_s:
        usage = usage.model_copy(update={"latency_s": round(time.perf_counter() - started, 4)})
    report = verification(doc, extraction)
    return SummaryResult(
        source=SourceInfo(path=doc.path, sha256=doc.sha256, chars=doc.chars),
        summary=extraction.summary,
        verification=report,
        usage=usage,
        alerts=alerts(doc, extraction.summary, report, empty_answer=extraction.empty_summary),
    )


def summarize_document(
    doc: Document, backend: Backend, *, started: float | None = None
) -> SummaryResult:
    """Extract, then verify against the whole visible text."""
    started = time.perf_counter() if started is None else started
    return result(doc, backend.extract(doc), started)


async def asummarize_document(
    doc: Document, backend: Backend, *, started: float | None = None
) -> SummaryResult:
    """The async form, for batch runs on the async client."""
    started = time.perf_counter() if started is None else started
    return result(doc, await backend.aextract(doc), started)

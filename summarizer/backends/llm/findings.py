"""What a re-ask tells the model about a summary the verifier rejected: each failing claim, by
path, claim and reason, so the model can copy the source or drop the claim."""

from __future__ import annotations

from ...schema import VerificationReport

MAX_FINDINGS = 40


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

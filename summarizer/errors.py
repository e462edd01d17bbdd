"""Every error the tool raises on purpose: each carries its data and the fix.

The CLI turns any of these into one line on stderr and the exit code it maps the class to
(summarizer/cli/exits.py); nothing else prints them.
"""

from __future__ import annotations

from typing import Any


class SummarizerError(Exception):
    """Base class: a message, and an optional hint that says how to fix it."""

    def __init__(self, message: str, *, hint: str | None = None, **data: Any) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.data = data

    def one_line(self) -> str:
        text = self.message if not self.hint else f"{self.message} ({self.hint})"
        return " ".join(text.split())


class InputError(SummarizerError):
    """A file that cannot be read as a report: missing, a directory, empty, binary, too large."""

    def __init__(self, path: str, reason: str, *, hint: str | None = None, **data: Any) -> None:
        super().__init__(f"{path}: {reason}", hint=hint, path=path, reason=reason, **data)
        self.path = path
        self.reason = reason


class UsageError(SummarizerError):
    """Options or configuration that do not fit together."""


class ConfigError(UsageError):
    """Something the user must set before the command can run (a model, an endpoint, a key)."""


class LLMError(SummarizerError):
    """The LLM backend could not produce a summary."""


class TransportError(LLMError):
    """The endpoint kept failing (429, 5xx, timeouts, dropped connections) until attempts ran out."""

    def __init__(
        self,
        message: str,
        *,
        attempts: int,
        last_status: int | None = None,
        hint: str | None = None,
        **data: Any,
    ) -> None:
        super().__init__(message, hint=hint, attempts=attempts, last_status=last_status, **data)
        self.attempts = attempts
        self.last_status = last_status


class ResponseError(LLMError):
    """The endpoint answered, but never with a summary that fits the schema."""


class ReplayMissError(LLMError):
    """A replayed run sent a request that the cassette does not hold."""


class BudgetExceededError(SummarizerError):
    """A batch reached --max-cost; documents not started are left for a later run."""


class EvalRegressionError(SummarizerError):
    """An eval figure fell below its stored baseline by more than the tolerance."""

    def __init__(self, regressions: list[str], *, tolerance: float, baseline: str) -> None:
        super().__init__(
            f"regression against {baseline}: " + "; ".join(regressions),
            hint=f"tolerance {tolerance:g}; rerun with --update-baseline if the drop is intended",
            regressions=regressions,
            tolerance=tolerance,
            baseline=baseline,
        )
        self.regressions = regressions

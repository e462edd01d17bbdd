"""What a batch run reports while it works: running totals and one event per step.

The runner calls a callback with each Event and never prints; the CLI draws them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

EventKind = Literal[
    "start",  # the run began: totals.total documents
    "skip",  # a document was not sent (already done, failed before, duplicate)
    "done",  # a document was summarised and written
    "failed",  # a document failed; the run goes on
    "budget",  # --max-cost reached: no new documents are started
    "throttle",  # the server throttled: documents in flight were cut to totals.limit
    "batch",  # a provider batch changed status
    "finish",  # the run ended
]


@dataclass
class Totals:
    """Running figures of this run."""

    total: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    prompt_tokens: int = 0
    cached_prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    unpriced: int = 0  # documents whose model has no known price
    transport_retries: int = 0
    unverified: int = 0
    limit: int = 0  # documents allowed in flight now
    started: float = field(default_factory=time.monotonic)

    @property
    def finished(self) -> int:
        return self.done + self.failed + self.skipped

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def count_done(self, record: dict[str, Any]) -> None:
        usage = record.get("usage") or {}
        self.done += 1
        self.prompt_tokens += int(usage.get("prompt_tokens") or 0)
        self.cached_prompt_tokens += int(usage.get("cached_prompt_tokens") or 0)
        self.completion_tokens += int(usage.get("completion_tokens") or 0)
        self.transport_retries += int(usage.get("transport_retries") or 0)
        cost = usage.get("cost_usd")
        if cost is None:
            self.unpriced += record.get("backend") == "llm"
        else:
            self.cost_usd += float(cost)
        self.unverified += not record.get("verified", True)


@dataclass(frozen=True)
class Event:
    kind: EventKind
    totals: Totals
    path: str | None = None  # the document, as the user would write it
    record: dict[str, Any] | None = None  # its ledger record
    message: str | None = None  # a line for the user


Listener = Callable[[Event], None]

"""Counting what one document costs: HTTP requests, completions, re-asks and tokens.

The transport layer counts requests and retries; the call loop counts each completion and its
tokens once, and each re-ask. The tally also carries the document's deadline, so transport
retries stop when it passes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from ...schema import Usage


@dataclass
class Tally:
    """Running counts for one document; shared by the transport and the call loop."""

    requests: int = 0
    transport_retries: int = 0
    attempts: int = 0
    reasks: int = 0
    prompt_tokens: int = 0
    cached_prompt_tokens: int = 0
    completion_tokens: int = 0
    deadline: float | None = None  # time.monotonic() by which the document must be done
    # told of each answer's own (prompt, cached prompt, completion) tokens as it is counted;
    # what it returns, if anything, is awaited before the next request (settle)
    on_answer: Callable[[int, int, int], Awaitable[None] | None] | None = field(
        default=None, compare=False
    )
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _unsettled: list[Awaitable[None]] = field(default_factory=list, repr=False, compare=False)

    def request_sent(self, *, retry: bool) -> None:
        with self._lock:
            self.requests += 1
            self.transport_retries += int(retry)

    def completion_received(self, response: Any) -> None:
        """Count one completion and its own tokens."""
        usage = getattr(response, "usage", None)
        details = getattr(usage, "prompt_tokens_details", None)
        prompt = int(getattr(usage, "prompt_tokens", 0) or 0)
        completion = int(getattr(usage, "completion_tokens", 0) or 0)
        cached = int(getattr(details, "cached_tokens", 0) or 0)
        with self._lock:
            self.attempts += 1
            self.prompt_tokens += prompt
            self.completion_tokens += completion
            self.cached_prompt_tokens += cached
        if self.on_answer is not None:
            recording = self.on_answer(prompt, cached, completion)
            if recording is not None:
                self._unsettled.append(recording)

    async def settle(self) -> None:
        """Wait until every answer counted so far is recorded where the caller records them."""
        while self._unsettled:
            await self._unsettled.pop(0)

    def reask(self) -> None:
        with self._lock:
            self.reasks += 1

    def remaining(self) -> float | None:
        """Seconds left before the deadline; None when there is none."""
        return None if self.deadline is None else self.deadline - time.monotonic()

    def to_usage(self, **fields: Any) -> Usage:
        return Usage(
            backend="llm",
            requests=self.requests,
            attempts=self.attempts,
            reasks=self.reasks,
            transport_retries=self.transport_retries,
            prompt_tokens=self.prompt_tokens,
            cached_prompt_tokens=self.cached_prompt_tokens,
            completion_tokens=self.completion_tokens,
            total_tokens=self.prompt_tokens + self.completion_tokens,
            **fields,
        )


# The tally of the document being extracted in this thread or task; the transport reads it.
CURRENT: ContextVar[Tally | None] = ContextVar("summarizer_llm_tally", default=None)


def usage_of_body(body: dict[str, Any]) -> tuple[int, int, int]:
    """(prompt, cached prompt, completion) tokens of a chat.completion body, for batch results."""
    usage = body.get("usage") or {}
    details = usage.get("prompt_tokens_details") or {}
    return (
        int(usage.get("prompt_tokens") or 0),
        int(details.get("cached_tokens") or 0),
        int(usage.get("completion_tokens") or 0),
    )

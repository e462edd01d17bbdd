"""Client-side limits, so a batch does not provoke the 429s it would then have to wait out.

RateLimiter is a token bucket per minute (requests, or tokens estimated from a request's
length before it is sent and corrected by what the server then reported). AdaptiveLimit bounds
the documents in flight and backs off multiplicatively when the server throttles anyway, then
recovers additively (AIMD).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

BURST_SECONDS = 1.0  # a bucket holds one second of its rate: no minute's worth sent at once
BACKOFF = 0.7  # the limit is multiplied by this when the server throttles
COOLDOWN_SECONDS = 1.0  # at most one cut a second: a burst of 429s is one signal, not many


class RateLimiter:
    """At most `per_minute` units a minute on average, in bursts of at most a second's worth."""

    def __init__(
        self,
        per_minute: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if per_minute <= 0:
            raise ValueError("per_minute must be positive")
        self.rate = per_minute / 60.0
        self.capacity = max(1.0, self.rate * BURST_SECONDS)
        self.level = self.capacity
        self._clock = clock
        self._sleep = sleep
        self._stamp = clock()
        self._lock = asyncio.Lock()

    def _refill(self) -> None:
        now = self._clock()
        self.level = min(self.capacity, self.level + (now - self._stamp) * self.rate)
        self._stamp = now

    async def take(self, amount: float) -> float:
        """Wait until `amount` may be spent, spend it, and return the seconds waited.

        An amount larger than the bucket waits for a full bucket and leaves it in debt, so the
        average rate holds for large requests too.
        """
        waited = 0.0
        async with self._lock:  # first come, first served
            self._refill()
            need = min(amount, self.capacity)
            while self.level < need:
                pause = (need - self.level) / self.rate
                await self._sleep(pause)
                waited += pause
                self._refill()
            self.level -= amount
        return waited

    def adjust(self, amount: float) -> None:
        """Correct an estimate once the real figure is known: positive spends, negative refunds."""
        self._refill()
        self.level = min(self.capacity, self.level - amount)


class AdaptiveLimit:
    """At most `limit` documents in flight: cut by BACKOFF when the server throttles (once a
    generation of documents, and once a COOLDOWN_SECONDS at most), raised by one per `limit`
    clean documents, within [1, ceiling]."""

    def __init__(self, ceiling: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.ceiling = max(1, ceiling)
        self.limit = float(self.ceiling)
        self.in_flight = 0
        self.cuts = 0
        self._clock = clock
        self._last_cut = float("-inf")
        self._changed = asyncio.Condition()

    @property
    def allowed(self) -> int:
        return max(1, int(self.limit))

    async def acquire(self) -> float:
        """Wait for a free slot; return the start time to hand back to release."""
        async with self._changed:
            await self._changed.wait_for(lambda: self.in_flight < self.allowed)
            self.in_flight += 1
        return self._clock()

    async def release(self, started: float, *, throttled: bool) -> bool:
        """Free the slot and learn from the document; True when the limit was cut."""
        cut = False
        async with self._changed:
            self.in_flight -= 1
            now = self._clock()
            fresh = started >= self._last_cut and now - self._last_cut >= COOLDOWN_SECONDS
            if throttled and fresh:
                # only documents started under the current limit may cut it again
                self.limit = max(1.0, self.limit * BACKOFF)
                self._last_cut = now
                self.cuts += 1
                cut = True
            elif not throttled:
                self.limit = min(float(self.ceiling), self.limit + 1 / self.limit)
            self._changed.notify_all()
        return cut

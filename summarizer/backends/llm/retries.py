"""Transport retries: tenacity around every HTTP attempt, under the openai client.

429, 5xx, timeouts, dropped connections and a chat answer whose body is not JSON are retried with
exponential backoff and jitter (Retry-After honoured, capped). A refused connection or an unknown
host fails at once: no wait would make a server appear. Each wait is logged on the
`summarizer.llm` logger ("retrying in 2s (attempt 2/5)", WARNING) and each attempt at DEBUG, so
the CLI decides what the user sees. The openai client's own retries are
off, and the call loop's re-asks sit above this layer, so the two kinds never multiply. When the
attempts run out, a TransportError (or ResponseError for bodies that are not JSON) says what
happened in one line.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import time
from dataclasses import dataclass
from http import HTTPStatus

import httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_any,
)
from tenacity.stop import stop_base

from ...errors import LLMError, ResponseError, TransportError
from .usage import CURRENT

log = logging.getLogger("summarizer.llm")

RETRY_STATUSES = frozenset({408, 409, 429})
CHAT_PATH = "/chat/completions"


@dataclass(frozen=True)
class RetryPolicy:
    """How many times and how long to wait; every wait scales with `backoff`."""

    max_retries: int = 4
    backoff: float = 1.0  # seconds before the first retry
    max_retry_after: float = 120.0  # a longer Retry-After fails the request at once

    @property
    def cap(self) -> float:
        """The longest single wait, Retry-After included."""
        return 60.0 * self.backoff

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.cap)
        exponential = self.backoff * 2 ** (attempt - 1)
        return min(exponential + random.uniform(0, self.backoff), self.cap)

    def wait(self, state: RetryCallState) -> float:
        failure = state.outcome.exception() if state.outcome else None
        return self.delay(state.attempt_number, getattr(failure, "retry_after", None))

    def announce(self, state: RetryCallState) -> None:
        """Say on the log why the next attempt waits and how long."""
        failure = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        what = failure.describe() if isinstance(failure, _Failure) else "failed"
        log.warning(
            "%s; retrying in %s (attempt %d/%d)",
            what,
            _seconds(wait),
            state.attempt_number + 1,
            self.max_retries + 1,
        )

    def refuse_long_wait(self, failure: _Failure) -> None:
        """A server that asks for a wait beyond the bound is not waited for: say so now."""
        wait = failure.retry_after
        if wait is None or wait <= self.max_retry_after:
            return
        url = failure.request.url
        raise TransportError(
            f"{url.scheme}://{url.netloc.decode('ascii')} answered {failure.status} and asked "
            f"to wait {wait:g} s before retrying, more than the {self.max_retry_after:g} s allowed",
            attempts=1,
            last_status=failure.status,
            hint="try again later, or raise SUMMARIZER_MAX_RETRY_AFTER",
        )

    def tenacity_kwargs(self) -> dict:
        return {
            "stop": stop_any(stop_after_attempt(self.max_retries + 1), _PastDeadline()),
            "wait": self.wait,
            "retry": retry_if_exception(_retryable),
            "before_sleep": self.announce,
            "reraise": True,
        }


class _PastDeadline(stop_base):
    """No retry once the document's deadline has passed."""

    def __call__(self, retry_state: RetryCallState) -> bool:
        tally = CURRENT.get()
        left = tally.remaining() if tally is not None else None
        return left is not None and left <= 0


def _seconds(wait: float) -> str:
    return f"{wait:.0f}s" if wait >= 1 else f"{wait:.1f}s"


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, _Failure) and exc.kind != "connect"


def retry_after_seconds(headers: httpx.Headers, now: float | None = None) -> float | None:
    """Seconds the server asks us to wait: retry-after-ms, Retry-After seconds or an HTTP date."""
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(float(raw_ms) / 1000.0, 0.0)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(float(raw), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - (time.time() if now is None else now), 0.0)


class _Failure(Exception):
    """One failed attempt that is worth another try."""

    def __init__(
        self,
        kind: str,
        request: httpx.Request,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        detail: str = "",
    ) -> None:
        super().__init__(kind)
        self.kind = kind
        self.request = request
        self.status = status
        self.retry_after = retry_after
        self.detail = detail

    def describe(self) -> str:
        """What went wrong with this attempt, in a few words."""
        where = f"{self.request.url.scheme}://{self.request.url.netloc.decode('ascii')}"
        if self.kind == "status":
            return f"{where} answered {self.status} {_phrase(self.status or 0)}"
        if self.kind == "timeout":
            return f"no answer from {where} within {self.detail}"
        if self.kind == "not_json":
            return f"{where} answered with a body that is not JSON"
        return f"{where} dropped the connection"

    def error(self, attempts: int) -> LLMError:
        """The one-line error for the user once attempts have run out."""
        url = self.request.url
        where = f"{url.scheme}://{url.netloc.decode('ascii')}"
        tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
        more = "raise --max-retries"
        if self.kind == "not_json":
            return ResponseError(
                f"{where} answered with a body that is not JSON ({self.detail}; {tries})",
                hint="check that --base-url points at an OpenAI-compatible /v1 endpoint",
                attempts=attempts,
            )
        if self.kind == "status":
            status = self.status or 0
            phrase = _phrase(status)
            hint = (
                f"rate limited: wait, send fewer documents at once, or {more}"
                if status == 429
                else f"the server is failing: try again later or {more}"
            )
            said = f": {self.detail}" if self.detail else ""
            message = f"{where} kept answering {status} {phrase} ({tries}){said}"
            return TransportError(message, attempts=attempts, last_status=status, hint=hint)
        if self.kind == "timeout":
            message = f"no answer from {where} within {self.detail} ({tries})"
            hint = f"raise --timeout, or check the server; or {more}"
        elif self.kind == "connect":
            reason = f": {self.detail}" if self.detail else ""
            message = f"cannot connect to {where}{reason}"
            hint = "check --base-url and that the server is running"
        else:
            message = f"{where} dropped the connection without an answer ({tries})"
            hint = f"check the server or proxy; or {more}"
        return TransportError(message, attempts=attempts, hint=hint)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "error"


def _retryable_status(status: int) -> bool:
    return status in RETRY_STATUSES or status >= 500


def _timeout_text(request: httpx.Request) -> str:
    timeout = request.extensions.get("timeout") or {}
    read = timeout.get("read")
    return f"{read:g} s" if isinstance(read, int | float) else "the timeout"


def _failure_of(exc: httpx.TransportError, request: httpx.Request) -> _Failure | None:
    if isinstance(exc, httpx.TimeoutException):
        return _Failure("timeout", request, detail=_timeout_text(request))
    if isinstance(exc, httpx.ConnectError):
        return _Failure("connect", request, detail=_connect_reason(exc))
    if isinstance(exc, httpx.NetworkError | httpx.RemoteProtocolError):
        return _Failure("dropped", request)
    return None


def error_line(body: bytes) -> str:
    """The one line a server's error body says: its message, without a traceback."""
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    error = data.get("error", data) if isinstance(data, dict) else None
    text = str(error.get("message") or error.get("detail") or "") if isinstance(error, dict) else ""
    text = text or body[:300].decode("utf-8", "replace")
    return " ".join(text.split("  File ")[0].split())[:300]


def _refused_request(status: int, body: bytes) -> bool:
    """A 500 that is the server rejecting the request's shape (a validation error, e.g. an
    unsupported response_format): the same request would fail again."""
    lowered = body[:4000].lower()
    return status == 500 and (b"validation error" in lowered or b"response_format" in lowered)


def _connect_reason(exc: httpx.ConnectError) -> str:
    """'connection refused' or 'unknown host' when the OS says so, else nothing."""
    text = str(exc).lower()
    if "refused" in text:
        return "connection refused"
    if "name or service" in text or "nodename" in text or "getaddrinfo" in text:
        return "unknown host"
    return ""


def _check_body(request: httpx.Request, response: httpx.Response, body: bytes) -> None:
    """Refuse what the caller cannot use: a retryable status, or a chat answer that is not JSON."""
    status = response.status_code
    if _retryable_status(status) and not _refused_request(status, body):
        raise _Failure(
            "status",
            request,
            status=status,
            retry_after=retry_after_seconds(response.headers),
            detail=error_line(body) if status >= 500 else "",
        )
    is_chat = request.method == "POST" and request.url.path.endswith(CHAT_PATH)
    if is_chat and 200 <= response.status_code < 300:
        try:
            json.loads(body)
        except ValueError:
            kind = response.headers.get("content-type", "no content type").split(";")[0]
            raise _Failure("not_json", request, detail=kind) from None


def _count(retry: bool) -> None:
    tally = CURRENT.get()
    if tally is not None:
        tally.request_sent(retry=retry)


class RetryingTransport(httpx.BaseTransport):
    """Retries each request through `inner` under `policy`, counting every attempt."""

    def __init__(self, inner: httpx.BaseTransport, policy: RetryPolicy) -> None:
        self.inner = inner
        self.policy = policy

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempts = 0
        try:
            for attempt in Retrying(**self.policy.tenacity_kwargs()):
                with attempt:
                    attempts = attempt.retry_state.attempt_number
                    return self._once(request, retry=attempts > 1)
        except _Failure as failure:
            raise failure.error(attempts) from None
        raise AssertionError("unreachable: tenacity either returns or raises")

    def _once(self, request: httpx.Request, *, retry: bool) -> httpx.Response:
        _count(retry)
        log.debug("%s %s", request.method, request.url)
        try:
            response = self.inner.handle_request(request)
        except httpx.TransportError as exc:
            failure = _failure_of(exc, request)
            if failure is None:
                raise
            raise failure from exc
        try:
            body = response.read()
        except httpx.TransportError as exc:  # closed mid-body: retried like a timeout
            response.close()
            raise (_failure_of(exc, request) or _Failure("dropped", request)) from exc
        try:
            _check_body(request, response, body)
        except _Failure as failure:
            response.close()
            self.policy.refuse_long_wait(failure)
            raise
        return response

    def close(self) -> None:
        self.inner.close()


class AsyncRetryingTransport(httpx.AsyncBaseTransport):
    """The async form of RetryingTransport, for AsyncOpenAI."""

    def __init__(self, inner: httpx.AsyncBaseTransport, policy: RetryPolicy) -> None:
        self.inner = inner
        self.policy = policy

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempts = 0
        try:
            async for attempt in AsyncRetrying(**self.policy.tenacity_kwargs()):
                with attempt:
                    attempts = attempt.retry_state.attempt_number
                    return await self._once(request, retry=attempts > 1)
        except _Failure as failure:
            raise failure.error(attempts) from None
        raise AssertionError("unreachable: tenacity either returns or raises")

    async def _once(self, request: httpx.Request, *, retry: bool) -> httpx.Response:
        _count(retry)
        log.debug("%s %s", request.method, request.url)
        try:
            response = await self.inner.handle_async_request(request)
        except httpx.TransportError as exc:
            failure = _failure_of(exc, request)
            if failure is None:
                raise
            raise failure from exc
        try:
            body = await response.aread()
        except httpx.TransportError as exc:  # closed mid-body: retried like a timeout
            await response.aclose()
            raise (_failure_of(exc, request) or _Failure("dropped", request)) from exc
        try:
            _check_body(request, response, body)
        except _Failure as failure:
            await response.aclose()
            self.policy.refuse_long_wait(failure)
            raise
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()

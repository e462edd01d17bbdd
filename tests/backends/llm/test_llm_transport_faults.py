"""Transport faults with a cause the user can act on: a connection closed halfway through the
body is retried like a timeout, and a Retry-After beyond the bound fails at once, naming it."""

import time

import httpx
import pytest

from summarizer.backends.llm.retries import AsyncRetryingTransport, RetryingTransport, RetryPolicy
from summarizer.errors import TransportError
from summarizer.testing.fakeserver import Reply

FAST = RetryPolicy(max_retries=2, backoff=0.01)
BODY = {"model": "fake-model", "messages": [{"role": "user", "content": "hi"}]}


def _post(server, policy=FAST) -> httpx.Response:
    transport = RetryingTransport(httpx.HTTPTransport(), policy)
    with httpx.Client(transport=transport, timeout=5.0) as client:
        return client.post(f"{server.url}/chat/completions", json=BODY)


def test_a_body_cut_off_midway_is_retried(fake_server):
    fake_server.enqueue(Reply.cut_off(), Reply.completion(content="{}"))
    response = _post(fake_server)
    assert response.status_code == 200 and response.json()["object"] == "chat.completion"
    assert len(fake_server.requests) == 2


def test_a_body_cut_off_every_time_says_the_connection_dropped(fake_server):
    fake_server.enqueue(*[Reply.cut_off()] * 3)
    with pytest.raises(TransportError, match="dropped the connection") as caught:
        _post(fake_server)
    assert caught.value.attempts == 3


async def test_the_async_transport_retries_a_cut_off_body_too(fake_server):
    fake_server.enqueue(Reply.cut_off(), Reply.completion(content="{}"))
    transport = AsyncRetryingTransport(httpx.AsyncHTTPTransport(), FAST)
    async with httpx.AsyncClient(transport=transport, timeout=5.0) as client:
        response = await client.post(f"{fake_server.url}/chat/completions", json=BODY)
    assert response.status_code == 200 and len(fake_server.requests) == 2


def test_a_retry_after_beyond_the_bound_fails_at_once_naming_the_wait(fake_server):
    fake_server.enqueue(*[Reply.error(429, retry_after=1000)] * 3)
    started = time.monotonic()
    with pytest.raises(TransportError) as caught:
        _post(fake_server, RetryPolicy(max_retries=4, backoff=0.01, max_retry_after=120))
    assert time.monotonic() - started < 5
    assert len(fake_server.requests) == 1
    assert "wait 1000 s" in str(caught.value) and "120 s allowed" in str(caught.value)
    assert caught.value.last_status == 429

"""The retrying transport against a real HTTP server on 127.0.0.1."""

import time

import httpx
import pytest

from summarizer.backends.llm.retries import (
    AsyncRetryingTransport,
    RetryingTransport,
    RetryPolicy,
    retry_after_seconds,
)
from summarizer.backends.llm.usage import CURRENT, Tally
from summarizer.cli.exits import exit_code
from summarizer.errors import ResponseError, TransportError
from summarizer.testing.fakeserver import Reply

FAST = RetryPolicy(max_retries=2, backoff=0.01)
BODY = {"model": "fake-model", "messages": [{"role": "user", "content": "hi"}]}


@pytest.fixture
def tally():
    tally = Tally()
    token = CURRENT.set(tally)
    yield tally
    CURRENT.reset(token)


def _post(server, policy=FAST, timeout=5.0) -> httpx.Response:
    transport = RetryingTransport(httpx.HTTPTransport(), policy)
    with httpx.Client(transport=transport, timeout=timeout) as client:
        return client.post(f"{server.url}/chat/completions", json=BODY)


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after": "2"}, 2.0),
        ({"retry-after": "0.25"}, 0.25),
        ({"retry-after-ms": "1500", "retry-after": "9"}, 1.5),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:10 GMT"}, 10.0),
        ({"retry-after": "soon"}, None),
        ({}, None),
    ],
)
def test_retry_after_is_read_in_every_form(headers, seconds):
    now = 1445412480.0  # 07:28:00 GMT that day
    assert retry_after_seconds(httpx.Headers(headers), now=now) == seconds


def test_waits_grow_exponentially_with_jitter_and_never_pass_the_cap():
    policy = RetryPolicy(max_retries=10, backoff=0.5)
    for attempt in range(1, 5):
        base = 0.5 * 2 ** (attempt - 1)
        assert all(base <= policy.delay(attempt) <= base + 0.5 for _ in range(50))
    assert policy.delay(30) == policy.cap == 30.0
    assert policy.delay(1, retry_after=3.0) == 3.0  # the server's word is honoured
    assert policy.delay(1, retry_after=3600.0) == policy.cap  # but capped


def test_429_with_retry_after_is_waited_out_then_succeeds(fake_server, tally):
    fake_server.enqueue(Reply.error(429, retry_after=0.3), Reply.completion(content="{}"))
    started = time.perf_counter()
    response = _post(fake_server)
    assert response.status_code == 200
    assert time.perf_counter() - started >= 0.3
    assert (tally.requests, tally.transport_retries) == (2, 1)


@pytest.mark.parametrize(
    ("replies", "timeout"),
    [
        ([Reply.error(500), Reply.error(503)], 5.0),
        ([Reply.stall(2.0)], 0.3),
        ([Reply.dropped(), Reply.dropped()], 5.0),
        ([Reply.not_json()], 5.0),
        ([Reply.error(408)], 5.0),
    ],
    ids=["5xx", "stall", "dropped", "not-json", "408"],
)
def test_transient_failures_are_retried(fake_server, tally, replies, timeout):
    fake_server.enqueue(*replies, Reply.completion(content="{}"))
    response = _post(fake_server, RetryPolicy(max_retries=3, backoff=0.01), timeout=timeout)
    assert response.status_code == 200
    assert response.json()["object"] == "chat.completion"
    assert tally.requests == len(replies) + 1
    assert tally.transport_retries == len(replies)


@pytest.mark.parametrize(
    ("reply", "timeout", "error", "says"),
    [
        (
            Reply.error(500),
            5.0,
            TransportError,
            "kept answering 500 Internal Server Error (3 attempts)",
        ),
        (
            Reply.error(429),
            5.0,
            TransportError,
            "kept answering 429 Too Many Requests (3 attempts)",
        ),
        (Reply.stall(2.0), 0.3, TransportError, "within 0.3 s (3 attempts)"),
        (
            Reply.dropped(),
            5.0,
            TransportError,
            "dropped the connection without an answer (3 attempts)",
        ),
        (Reply.not_json(), 5.0, ResponseError, "body that is not JSON (text/html; 3 attempts)"),
    ],
    ids=["500", "429", "stall", "dropped", "not-json"],
)
def test_when_attempts_run_out_one_error_says_what_happened(
    fake_server, tally, reply, timeout, error, says
):
    fake_server.enqueue(*[reply] * 3)
    with pytest.raises(error) as caught:
        _post(fake_server, timeout=timeout)
    line = caught.value.one_line()
    assert says in line
    assert "(" in line and "\n" not in line
    assert exit_code(caught.value) == 4
    assert tally.requests == 3
    assert len(fake_server.requests_to("/v1/chat/completions")) == 3


def test_a_request_error_is_not_retried(fake_server, tally):
    fake_server.enqueue(Reply.error(400, "bad request"))
    response = _post(fake_server)
    assert response.status_code == 400
    assert (tally.requests, tally.transport_retries) == (1, 0)


def test_a_refused_connection_fails_at_once(tally):
    slow = RetryPolicy(max_retries=4, backoff=5.0)  # a retry would wait 5 s
    client = httpx.Client(transport=RetryingTransport(httpx.HTTPTransport(), slow))
    says = r"cannot connect to http://127.0.0.1:9: connection refused"
    with client, pytest.raises(TransportError, match=says):
        client.post("http://127.0.0.1:9/v1/chat/completions", json=BODY)
    assert (tally.requests, tally.transport_retries) == (1, 0)


def test_each_wait_is_logged_with_its_attempt(fake_server, tally, caplog):
    fake_server.enqueue(Reply.error(503), Reply.error(429), Reply.completion(content="{}"))
    with caplog.at_level("DEBUG", logger="summarizer.llm"):
        assert _post(fake_server).status_code == 200
    waits = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(waits) == 2
    assert "answered 503 Service Unavailable; retrying in" in waits[0]
    assert waits[0].endswith("(attempt 2/3)") and waits[1].endswith("(attempt 3/3)")
    sent = [r for r in caplog.records if r.levelname == "DEBUG"]
    assert len(sent) == 3 and "POST" in sent[0].getMessage()


def _async_transport() -> AsyncRetryingTransport:
    return AsyncRetryingTransport(httpx.AsyncHTTPTransport(), FAST)


async def test_the_async_transport_retries_the_same_way(fake_server, tally):
    fake_server.enqueue(
        Reply.error(503, retry_after=0.05), Reply.dropped(), Reply.completion(content="{}")
    )
    url = f"{fake_server.url}/chat/completions"
    async with httpx.AsyncClient(transport=_async_transport(), timeout=5.0) as client:
        response = await client.post(url, json=BODY)
    assert response.status_code == 200
    assert (tally.requests, tally.transport_retries) == (3, 2)
    fake_server.enqueue(*[Reply.error(500)] * 3)
    async with httpx.AsyncClient(transport=_async_transport(), timeout=5.0) as client:
        with pytest.raises(TransportError, match="3 attempts"):
            await client.post(url, json=BODY)

"""Record/replay cassettes through the real openai client: record against the fake server, stop
it, and replay with no server."""

from __future__ import annotations

import json

import httpx
import openai
import pytest

from summarizer.backends.llm.cassette import (
    AsyncRecordingTransport,
    AsyncReplayTransport,
    RecordingTransport,
    ReplayTransport,
    cassette_transport,
    replay_miss_in,
)
from summarizer.errors import InputError, ReplayMissError, UsageError
from summarizer.testing.fakeserver import FakeServer, Reply, RulesResponder

SECRET = "sk-secret-never-in-cassette"


def _summary_of(text: str) -> dict:
    return {"overview": text}


def _messages(text: str) -> list[dict]:
    return [{"role": "user", "content": f"Tóm tắt.\n<document>\n{text}\n</document>"}]


def _client(url: str, transport: httpx.BaseTransport) -> openai.OpenAI:
    http = httpx.Client(transport=transport)
    return openai.OpenAI(base_url=url, api_key=SECRET, max_retries=0, http_client=http)


def _session(client: openai.OpenAI) -> dict:
    """One run: two completions, and a provider batch from upload to output."""
    answers = [
        client.chat.completions.create(model="fake-model", messages=_messages(text)).model_dump()
        for text in ("Báo cáo A", "Báo cáo B")
    ]
    line = {
        "custom_id": "a",
        "method": "POST",
        "url": "/v1/chat/completions",
        "body": {"model": "fake-model", "messages": _messages("Báo cáo C")},
    }
    upload = client.files.create(file=("in.jsonl", json.dumps(line).encode()), purpose="batch")
    batch = client.batches.create(
        input_file_id=upload.id, endpoint="/v1/chat/completions", completion_window="24h"
    )
    done = client.batches.retrieve(batch.id)
    return {
        "answers": answers,
        "batch": done.model_dump(),
        "output": client.files.content(done.output_file_id).text,
    }


def test_record_then_replay_without_the_server(tmp_path):
    cassette = tmp_path / "run.jsonl"
    with FakeServer(RulesResponder(summarize=_summary_of)) as server:
        url = server.url
        recorded = _session(_client(url, RecordingTransport(httpx.HTTPTransport(), cassette)))
        sent = len(server.requests)

    replayed = _session(_client(url, ReplayTransport(cassette)))

    assert replayed == recorded
    assert len(cassette.read_text(encoding="utf-8").splitlines()) == sent == 6
    assert json.loads(
        recorded["answers"][0]["choices"][0]["message"]["content"].strip("`json\n")
    ) == {"overview": "Báo cáo A"}


def test_secrets_never_reach_the_cassette(tmp_path):
    cassette = tmp_path / "run.jsonl"
    with FakeServer(RulesResponder(summarize=_summary_of)) as server:
        client = _client(server.url, RecordingTransport(httpx.HTTPTransport(), cassette))
        client.chat.completions.create(model="fake-model", messages=_messages("x"))
        assert server.requests[0]["headers"]["authorization"] == f"Bearer {SECRET}"
    text = cassette.read_text(encoding="utf-8")
    assert SECRET not in text
    assert "authorization" not in text.lower()
    assert "api-key" not in text.lower()


def test_same_request_replays_its_answers_in_order(tmp_path):
    cassette = tmp_path / "run.jsonl"
    with FakeServer() as server:
        server.enqueue(Reply.completion(content="một"), Reply.completion(content="hai"))
        client = _client(server.url, RecordingTransport(httpx.HTTPTransport(), cassette))
        for _ in range(2):
            client.chat.completions.create(model="fake-model", messages=_messages("x"))
        url = server.url

    client = _client(url, ReplayTransport(cassette))
    contents = [
        client.chat.completions.create(model="fake-model", messages=_messages("x"))
        .choices[0]
        .message.content
        for _ in range(3)
    ]
    assert contents == ["một", "hai", "hai"]


def test_an_unseen_request_fails_loudly(tmp_path):
    cassette = tmp_path / "run.jsonl"
    with FakeServer(RulesResponder(summarize=_summary_of)) as server:
        client = _client(server.url, RecordingTransport(httpx.HTTPTransport(), cassette))
        client.chat.completions.create(model="fake-model", messages=_messages("đã ghi"))
        url = server.url

    client = _client(url, ReplayTransport(cassette))
    with pytest.raises(openai.APIConnectionError) as caught:
        client.chat.completions.create(model="fake-model", messages=_messages("chưa ghi"))
    miss = replay_miss_in(caught.value)
    assert isinstance(miss, ReplayMissError)
    assert "POST /v1/chat/completions" in miss.message
    assert miss.data["digest"] in miss.message and len(miss.data["digest"]) == 12
    assert miss.data["cassette"] == str(cassette)

    with (
        httpx.Client(transport=ReplayTransport(cassette)) as http,
        pytest.raises(ReplayMissError) as direct,
    ):
        http.get(f"{url}/models")
    assert direct.value.data["method"] == "GET" and direct.value.data["path"] == "/v1/models"


def test_a_transport_failure_is_recorded_and_replayed(tmp_path):
    cassette = tmp_path / "run.jsonl"
    with FakeServer() as server:
        server.enqueue(Reply.dropped())
        client = _client(server.url, RecordingTransport(httpx.HTTPTransport(), cassette))
        with pytest.raises(openai.APIConnectionError):
            client.chat.completions.create(model="fake-model", messages=_messages("x"))
        url = server.url

    client = _client(url, ReplayTransport(cassette))
    with pytest.raises(openai.APIConnectionError) as caught:
        client.chat.completions.create(model="fake-model", messages=_messages("x"))
    assert isinstance(caught.value.__cause__, httpx.RemoteProtocolError)


async def test_async_record_then_replay(tmp_path):
    cassette = tmp_path / "run.jsonl"

    async def run(url: str, transport: httpx.AsyncBaseTransport) -> list[dict]:
        client = openai.AsyncOpenAI(
            base_url=url,
            api_key=SECRET,
            max_retries=0,
            http_client=httpx.AsyncClient(transport=transport),
        )
        answers = [
            (await client.chat.completions.create(model="m", messages=_messages(t))).model_dump()
            for t in ("một", "hai")
        ]
        await client.close()
        return answers

    with FakeServer(RulesResponder(summarize=_summary_of)) as server:
        url = server.url
        recorded = await run(url, AsyncRecordingTransport(httpx.AsyncHTTPTransport(), cassette))
    assert await run(url, AsyncReplayTransport(cassette)) == recorded
    async with httpx.AsyncClient(transport=AsyncReplayTransport(cassette)) as http:
        with pytest.raises(ReplayMissError):
            await http.get(f"{url}/models")


@pytest.mark.parametrize(
    ("content", "reason"),
    [(None, "no such cassette"), ("{not json\n", "line 1 is not a cassette entry")],
)
def test_unreadable_cassettes_are_input_errors(tmp_path, content, reason):
    cassette = tmp_path / "run.jsonl"
    if content is not None:
        cassette.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        ReplayTransport(cassette)
    assert caught.value.reason == reason


def test_cassette_transport_follows_settings(tmp_path):
    path = tmp_path / "run.jsonl"
    path.write_text("", encoding="utf-8")
    assert cassette_transport(record=None, replay=None) is None
    assert isinstance(cassette_transport(record=path, replay=None), RecordingTransport)
    assert isinstance(
        cassette_transport(record=path, replay=None, asynchronous=True), AsyncRecordingTransport
    )
    assert isinstance(cassette_transport(record=None, replay=path), ReplayTransport)
    assert isinstance(
        cassette_transport(record=None, replay=path, asynchronous=True), AsyncReplayTransport
    )
    with pytest.raises(UsageError):
        cassette_transport(record=path, replay=path)

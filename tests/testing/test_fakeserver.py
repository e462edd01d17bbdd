"""The fake OpenAI-compatible server, driven by the real openai client over real HTTP."""

from __future__ import annotations

import asyncio
import json
import math
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import instructor
import openai
import pytest
from openai.types.chat import ChatCompletion

from summarizer.schema import ReportSummary
from summarizer.testing.fakeserver import (
    FakeServer,
    Reply,
    RulesResponder,
    find_document,
    request_mode,
)
from summarizer.testing.replies import prompt_chars

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = [{"role": "user", "content": "Tóm tắt báo cáo."}]
MODES = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}


def client_for(server: FakeServer, **options) -> openai.OpenAI:
    options.setdefault("max_retries", 0)
    return openai.OpenAI(base_url=server.url, api_key="sk-test-key", **options)


def chat(client: openai.OpenAI, messages=MESSAGES) -> ChatCompletion:
    return client.chat.completions.create(model="fake-model", messages=messages)


def echo_summary(text: str) -> dict:
    """A stand-in extractor that shows which text the server found."""
    return {"title": text.splitlines()[0], "overview": text}


def user_message(document: str) -> str:
    return f"Tóm tắt báo cáo sau.\n<document>\n{document}\n</document>"


# --- scripted replies --------------------------------------------------------------------------


def test_scripted_completion_reaches_the_client_with_its_usage(fake_server):
    fake_server.enqueue(
        Reply.completion(content="xin chào", prompt_tokens=7, completion_tokens=3, cached_tokens=2),
        Reply.completion(tool_args={"title": "T"}, prompt_tokens=10, completion_tokens=5),
    )
    client = client_for(fake_server)
    first, second = chat(client), chat(client)

    assert first.choices[0].message.content == "xin chào"
    assert first.choices[0].finish_reason == "stop"
    assert first.usage.prompt_tokens_details.cached_tokens == 2
    call = second.choices[0].message.tool_calls[0]
    assert (call.type, call.function.name, json.loads(call.function.arguments)) == (
        "function",
        "ReportSummary",
        {"title": "T"},
    )
    assert second.choices[0].finish_reason == "tool_calls"
    assert fake_server.usage_total == {
        "prompt_tokens": 17,
        "completion_tokens": 8,
        "total_tokens": 25,
        "cached_tokens": 2,
    }


def test_every_request_is_recorded_as_sent(fake_server):
    fake_server.enqueue(Reply.completion(content="ok"))
    chat(client_for(fake_server))

    (request,) = fake_server.requests
    assert request["method"] == "POST"
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["authorization"] == "Bearer sk-test-key"
    assert request["json"] == {"model": "fake-model", "messages": MESSAGES}
    assert fake_server.requests_to("/v1/chat/completions") == [request]


@pytest.mark.parametrize(
    ("status", "error_class", "kind"),
    [
        (400, openai.BadRequestError, "invalid_request_error"),
        (401, openai.AuthenticationError, "invalid_request_error"),
        (404, openai.NotFoundError, "invalid_request_error"),
        (429, openai.RateLimitError, "rate_limit_error"),
        (500, openai.InternalServerError, "server_error"),
        (503, openai.InternalServerError, "server_error"),
    ],
)
def test_error_replies_use_openai_error_shape(fake_server, status, error_class, kind):
    fake_server.enqueue(Reply.error(status, "scripted failure"))
    with pytest.raises(error_class) as caught:
        chat(client_for(fake_server))
    assert caught.value.status_code == status
    assert caught.value.body["message"] == "scripted failure"
    assert caught.value.body["type"] == kind


def test_rate_limit_carries_retry_after_and_the_client_retries(fake_server):
    fake_server.enqueue(Reply.error(429, retry_after=0.05))
    with pytest.raises(openai.RateLimitError) as caught:
        chat(client_for(fake_server))
    assert caught.value.response.headers["retry-after"] == "0.05"

    fake_server.enqueue(
        Reply.error(429, retry_after=0.05),
        Reply.error(500, retry_after=0.01),
        Reply.error(503, retry_after=0.01),
        Reply.completion(content="sau ba lần"),
    )
    answer = chat(client_for(fake_server, max_retries=3))
    assert answer.choices[0].message.content == "sau ba lần"
    assert len(fake_server.requests) == 5


def test_a_stall_outlasts_the_client_timeout(fake_server):
    fake_server.enqueue(Reply.stall(30))
    with pytest.raises(openai.APITimeoutError):
        chat(client_for(fake_server, timeout=0.2))
    assert len(fake_server.requests) == 1


def test_a_dropped_connection_has_no_response(fake_server):
    fake_server.enqueue(Reply.dropped(), Reply.completion(content="lần hai"))
    with pytest.raises(openai.APIConnectionError) as caught:
        chat(client_for(fake_server))
    assert isinstance(caught.value.__cause__, httpx.RemoteProtocolError)
    assert chat(client_for(fake_server)).choices[0].message.content == "lần hai"


@pytest.mark.parametrize("content_type", ["text/html", "application/json"])
def test_a_body_that_is_not_json(fake_server, content_type):
    fake_server.enqueue(Reply.not_json(content_type=content_type))
    raw = client_for(fake_server).chat.completions.with_raw_response.create(
        model="fake-model", messages=MESSAGES
    )
    assert raw.headers["content-type"] == content_type
    with pytest.raises(json.JSONDecodeError):
        json.loads(raw.http_response.text)


def test_json_off_the_schema_makes_instructor_reask(fake_server):
    fake_server.enqueue(
        Reply.summary({"achievements": "none", "event_date": "hôm qua"}),
        Reply.summary({"title": "Hội nghị tổng kết"}),
    )
    client = instructor.from_openai(client_for(fake_server), mode=instructor.Mode.TOOLS)
    summary = client.chat.completions.create(
        model="fake-model", messages=MESSAGES, response_model=ReportSummary, max_retries=2
    )
    assert summary.title == "Hội nghị tổng kết"
    reask = fake_server.requests[1]["json"]["messages"]
    assert reask[-1]["role"] == "tool"
    assert "Validation Error" in reask[-1]["content"]


def test_unknown_path_is_a_404_in_openai_shape(fake_server):
    with pytest.raises(openai.NotFoundError) as caught:
        client_for(fake_server).embeddings.create(model="fake-model", input="x")
    assert "/v1/embeddings" in caught.value.body["message"]


def test_a_failing_responder_answers_500():
    def broken(request):
        raise RuntimeError("no rules today")

    with FakeServer(broken) as server, pytest.raises(openai.InternalServerError) as caught:
        chat(client_for(server))
    assert "no rules today" in caught.value.body["message"]


def test_models_endpoint_lists_the_fake_model(fake_server):
    assert [m.id for m in client_for(fake_server).models.list()] == ["fake-model"]


# --- the default responder ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        ([{"role": "user", "content": user_message("Dòng 1\nDòng 2")}], "Dòng 1\nDòng 2"),
        ([{"role": "user", "content": "không có thẻ"}], "không có thẻ"),
        (
            [
                {"role": "system", "content": "<document>\nhệ thống\n</document>"},
                {"role": "user", "content": user_message("văn bản")},
                {"role": "assistant", "content": "{}"},
                {"role": "user", "content": "Correct your JSON"},
            ],
            "văn bản",
        ),
        (
            [{"role": "user", "content": [{"type": "text", "text": user_message("phần")}]}],
            "phần",
        ),
        ([{"role": "system", "content": "chỉ có hệ thống"}], ""),
    ],
    ids=["markers", "no-markers", "reask-after-document", "content-parts", "no-user"],
)
def test_find_document(messages, expected):
    assert find_document(messages) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"tools": [{"type": "function", "function": {"name": "X"}}]}, ("tools", "X")),
        (
            {
                "tools": [{"type": "function", "function": {"name": "X"}}],
                "tool_choice": {"type": "function", "function": {"name": "Y"}},
            },
            ("tools", "Y"),
        ),
        ({"response_format": {"type": "json_schema", "json_schema": {}}}, ("json_schema", "")),
        ({"response_format": {"type": "json_object"}}, ("json", "")),
        ({}, ("md_json", "")),
    ],
)
def test_request_mode(body, expected):
    assert request_mode({"messages": [], **body}) == expected


@pytest.mark.parametrize("mode", list(MODES))
def test_default_responder_answers_each_instructor_mode(mode):
    document = "Hội nghị tổng kết năm 2020\nSở TT&TT tỉnh Tây Ninh"
    with FakeServer(RulesResponder(summarize=echo_summary)) as server:
        client = instructor.from_openai(client_for(server), mode=MODES[mode])
        summary = client.chat.completions.create(
            model="fake-model",
            messages=[{"role": "user", "content": user_message(document)}],
            response_model=ReportSummary,
            max_retries=0,
        )
        (request,) = server.requests
    assert summary.title == "Hội nghị tổng kết năm 2020"
    assert summary.overview == document
    assert request_mode(request["json"])[0] == mode
    if mode == "tools":
        assert request["json"]["tool_choice"]["function"]["name"] == "ReportSummary"


def test_default_responder_usage_follows_message_lengths():
    long_text = "Năm 2020, toàn tỉnh có 1.332 trạm BTS. " * 40
    with FakeServer(RulesResponder(cached_share=0.5, summarize=echo_summary)) as server:
        answer = chat(client_for(server), [{"role": "user", "content": user_message(long_text)}])
        body = server.requests[0]["json"]
    prompt = math.ceil(prompt_chars(body) / 4)
    content = answer.choices[0].message.content
    assert answer.usage.prompt_tokens == prompt
    assert answer.usage.completion_tokens == math.ceil(len(content) / 4)
    assert answer.usage.prompt_tokens_details.cached_tokens == prompt // 2
    assert content.startswith("```json\n") and content.endswith("\n```")
    assert server.usage_total["prompt_tokens"] == prompt


def test_default_responder_summarizes_with_the_rules_backend(fake_server):
    from summarizer.backends.rules import RulesBackend
    from summarizer.ingest import document_from_text

    text = (ROOT / "eval" / "gold" / "000_0ce9ecafa2df1a22.txt").read_text(encoding="utf-8")
    client = instructor.from_openai(client_for(fake_server), mode=instructor.Mode.TOOLS)
    summary = client.chat.completions.create(
        model="fake-model",
        messages=[{"role": "user", "content": user_message(text)}],
        response_model=ReportSummary,
        max_retries=0,
    )
    expected = RulesBackend().extract(document_from_text(text, path="<request>")).summary
    assert summary.model_dump() == expected.model_dump()  # instructor adds a private attribute
    assert expected.achievements  # the rules backend found something to compare


# --- concurrency, latency and random failures ----------------------------------------------------


def test_two_slow_requests_are_served_at_once():
    with FakeServer(lambda request: Reply.completion(content="ok"), latency=0.3) as server:
        client = client_for(server)
        threads = [threading.Thread(target=chat, args=(client,)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(server.requests) == 2
        assert server.max_in_flight == 2


def test_an_answer_comes_latency_seconds_after_its_request_however_long_it_took_to_make():
    def slow(request):
        time.sleep(0.5)  # the server's own work counts within the latency, not on top of it
        return Reply.completion(content="ok")

    with FakeServer(slow, latency=0.6) as server:
        started = time.monotonic()
        chat(client_for(server))
        elapsed = time.monotonic() - started
    assert 0.6 <= elapsed < 0.95, elapsed


async def test_twenty_requests_are_in_flight_together():
    with FakeServer(lambda request: Reply.completion(content="ok"), latency=0.3) as server:
        client = openai.AsyncOpenAI(base_url=server.url, api_key="sk-test", max_retries=0)
        answers = await asyncio.gather(
            *(client.chat.completions.create(model="m", messages=MESSAGES) for _ in range(20))
        )
        await client.close()
        assert server.max_in_flight == 20
    assert all(a.choices[0].message.content == "ok" for a in answers)


def _fault_pattern(seed: int) -> list[int]:
    ok = lambda request: Reply.completion(content="ok")  # noqa: E731
    with FakeServer(ok, fail_rate=0.5, retry_after=0.05, seed=seed) as server:
        client = client_for(server)
        statuses = []
        for _ in range(16):
            try:
                chat(client)
                statuses.append(200)
            except openai.RateLimitError as exc:
                assert exc.response.headers["retry-after"] == "0.05"
                statuses.append(429)
        client.models.list()  # not a chat request: never failed
    return statuses


def test_fail_rate_is_seeded_and_answers_429_with_retry_after():
    pattern = _fault_pattern(seed=7)
    assert pattern == _fault_pattern(seed=7)
    assert 0 < pattern.count(429) < len(pattern)


# --- provider batch endpoints --------------------------------------------------------------------


def _batch_input(n: int) -> bytes:
    lines = [
        {
            "custom_id": f"doc-{i}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {
                "model": "fake-model",
                "messages": [{"role": "user", "content": user_message(f"Báo cáo số {i}")}],
            },
        }
        for i in range(n)
    ]
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode()


def _refuse_doc_1(request):
    if "số 1" in find_document(request["json"]["messages"]):
        return Reply.error(400, "bad line")
    return RulesResponder(summarize=echo_summary)(request)


def test_batch_flow_through_the_openai_client():
    with FakeServer(_refuse_doc_1, batch_polls=2) as server:
        client = client_for(server)
        upload = client.files.create(file=("in.jsonl", _batch_input(3)), purpose="batch")
        assert client.files.retrieve(upload.id).bytes == len(_batch_input(3))
        assert client.files.content(upload.id).content == _batch_input(3)
        batch = client.batches.create(
            input_file_id=upload.id, endpoint="/v1/chat/completions", completion_window="24h"
        )
        statuses = [batch.status] + [client.batches.retrieve(batch.id).status for _ in range(3)]
        done = client.batches.retrieve(batch.id)
        output = [
            json.loads(x) for x in client.files.content(done.output_file_id).text.splitlines()
        ]
        errors = [json.loads(x) for x in client.files.content(done.error_file_id).text.splitlines()]
        usage = dict(server.usage_total)

    assert statuses == ["validating", "in_progress", "in_progress", "completed"]
    assert (done.request_counts.total, done.request_counts.completed) == (3, 2)
    assert [line["custom_id"] for line in output] == ["doc-0", "doc-2"]
    for line in output:
        assert line["response"]["status_code"] == 200 and line["error"] is None
        completion = ChatCompletion.model_validate(line["response"]["body"])
        summary = json.loads(completion.choices[0].message.content.strip("`json\n"))
        assert summary["overview"] == f"Báo cáo số {line['custom_id'][-1]}"
    assert errors[0]["custom_id"] == "doc-1"
    assert errors[0]["response"]["status_code"] == 400
    assert usage["prompt_tokens"] == sum(
        line["response"]["body"]["usage"]["prompt_tokens"] for line in output
    )


def test_batch_cancel_and_refusals(fake_server):
    client = client_for(fake_server)
    upload = client.files.create(file=("in.jsonl", _batch_input(1)), purpose="batch")
    with pytest.raises(openai.BadRequestError):
        client.batches.create(
            input_file_id=upload.id, endpoint="/v1/embeddings", completion_window="24h"
        )
    with pytest.raises(openai.NotFoundError):
        client.batches.retrieve("batch_missing")
    batch = client.batches.create(
        input_file_id=upload.id, endpoint="/v1/chat/completions", completion_window="24h"
    )
    assert client.batches.cancel(batch.id).status == "cancelling"
    assert client.batches.retrieve(batch.id).status == "cancelled"
    with pytest.raises(openai.ConflictError):
        client.batches.cancel(batch.id)


def test_batch_with_a_broken_line_fails(fake_server):
    client = client_for(fake_server)
    upload = client.files.create(file=("in.jsonl", b"not json\n"), purpose="batch")
    batch = client.batches.create(
        input_file_id=upload.id, endpoint="/v1/chat/completions", completion_window="24h"
    )
    failed = client.batches.retrieve(batch.id)
    assert failed.status == "failed"
    assert failed.errors.data[0].line == 1


# --- the command ---------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "summarizer.testing.fakeserver", "--port", "0", "--latency", "0.01"],
        [sys.executable, str(ROOT / "examples" / "fake_server.py"), "--port", "0"],
    ],
    ids=["module", "example"],
)
def test_command_serves_until_interrupted(command):
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        first = process.stdout.readline()
        url = next(word for word in first.split() if word.startswith("http://127.0.0.1:"))
        models = openai.OpenAI(base_url=url, api_key="x", max_retries=0).models.list()
        assert [m.id for m in models] == ["fake-model"]
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    output = first + process.stdout.read()
    process.stdout.close()
    assert process.returncode == 0
    if "example" in str(command):
        assert f"--backend llm --base-url {url} --model fake-model" in output

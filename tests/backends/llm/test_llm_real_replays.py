"""Replays of exchanges recorded against a real server: llama-cpp-python 0.3.36 serving
SmolLM2-135M-Instruct (Q4_1, n_ctx 8192) on 127.0.0.1:8799, each cassette written by
`summarizer summarize DOC --backend llm --base-url http://127.0.0.1:8799/v1 --model smollm2-135m
--mode M --record CASSETTE ...` with the options `_recorded` repeats. The server's answers are as
recorded; replay matches a request by its whole body, so a change to the prompt needs the requests
re-keyed (the answers stay)."""

import json
from pathlib import Path

import pytest

from summarizer.backends.llm import LLMBackend
from summarizer.config import Settings
from summarizer.errors import LLMError, ResponseError
from summarizer.ingest import read_document

CASSETTES = Path(__file__).parent / "cassettes"
SHORT = CASSETTES / "tay-ninh-short.txt"
JSON_SCHEMA_500 = "json_schema (response_format.type: Input should be 'text' or 'json_object')"


def _recorded(name: str, **changes) -> Settings:
    """The options of the recorded run."""
    fields = dict(
        backend="llm",
        backend_chosen=True,
        model="smollm2-135m",
        base_url="http://127.0.0.1:8799/v1",
        api_key_env="SUMMARIZER_TEST_UNSET_KEY",
        mode="auto",
        timeout=300.0,
        max_retries=1,
        max_reasks=1,
        max_output_tokens=800,
        deadline=420.0,
        retry_backoff=0.01,
        replay=CASSETTES / name,
    )
    fields.update(changes)
    return Settings(**fields)


def _server_said(name: str) -> dict:
    """What the server reported: chat requests, their statuses and the sums of its usage."""
    chats = [
        json.loads(line)
        for line in (CASSETTES / name).read_text(encoding="utf-8").splitlines()
        if '"/v1/chat/completions"' in line
    ]
    bodies = [json.loads(e["body"]) for e in chats if e.get("status") == 200]
    return {
        "statuses": [e.get("status") or e["exception"]["type"] for e in chats],
        "prompt_tokens": sum(b["usage"]["prompt_tokens"] for b in bodies),
        "completion_tokens": sum(b["usage"]["completion_tokens"] for b in bodies),
        "finish_reasons": [b["choices"][0]["finish_reason"] for b in bodies],
    }


def _failed(backend: LLMBackend, doc) -> LLMError:
    with pytest.raises(LLMError) as caught:
        backend.extract(doc)
    return caught.value


def _usage_matches(error: LLMError, said: dict, requests: int | None = None) -> None:
    """The usage the failed document carries is the server's own sums."""
    usage = error.data["usage"]
    assert usage.requests == (requests or len(said["statuses"]))
    assert usage.attempts == len(said["finish_reasons"])
    assert usage.prompt_tokens == said["prompt_tokens"]
    assert usage.completion_tokens == said["completion_tokens"]
    assert usage.total_tokens == said["prompt_tokens"] + said["completion_tokens"]


def test_replayed_auto_mode_cut_answer_and_timeouts():
    said = _server_said("llamacpp-auto-short.jsonl")
    backend = LLMBackend(
        _recorded("llamacpp-auto-short.jsonl", max_output_tokens=400, deadline=500)
    )
    error = _failed(backend, read_document(SHORT))
    # json_schema got the 500 once (never retried); json_object with a schema was kept; its one
    # answer was cut at max_tokens 400 (finish_reason length), re-asked, and the re-ask timed out
    assert said["statuses"] == [500, "ReadTimeout", 200, "ReadTimeout"]
    assert said["finish_reasons"] == ["length"]
    assert backend._modes.current == "json_object_schema"
    assert backend._modes.rejected == [JSON_SCHEMA_500]
    assert backend.context_window() is None  # /v1/models says nothing, /props is a 404
    assert "no answer from http://127.0.0.1:8799 within 300 s" in error.one_line()
    _usage_matches(error, said, requests=5)  # the timed-out re-ask's retry replays its timeout


def test_replayed_auto_mode_junk_json_is_reasked_then_reported_not_summarised():
    said = _server_said("llamacpp-auto-junk-short.jsonl")
    backend = LLMBackend(_recorded("llamacpp-auto-junk-short.jsonl"))
    error = _failed(backend, read_document(SHORT))
    # one 500 for json_schema, then two json_object answers with raw line breaks inside strings
    assert said["statuses"] == [500, 200, 200]
    assert backend._modes.rejected == [JSON_SCHEMA_500]
    assert backend._modes.current == "json_object_schema"
    assert isinstance(error, ResponseError)
    line = error.one_line()
    assert "never returned a summary that fits the schema (2 answers)" in line
    assert "Invalid JSON" in line
    assert line.endswith(
        "(a stronger model, more --max-reasks, or a --mode other than json_object_schema)"
    )
    assert error.data["usage"].reasks == 1
    _usage_matches(error, said)


def test_replayed_tools_answer_cut_at_max_tokens_is_named_as_cut():
    said = _server_said("llamacpp-tools-cut-short.jsonl")
    backend = LLMBackend(_recorded("llamacpp-tools-cut-short.jsonl", mode="tools"))
    error = _failed(backend, read_document(SHORT))
    # llama.cpp says "tool_calls", not "length", for a tool call cut at max_tokens
    assert said["finish_reasons"] == ["tool_calls", "tool_calls"]
    assert said["completion_tokens"] == 2 * 800
    line = error.one_line()
    assert "cut at the output limit of 800 tokens" in line and "--max-output-tokens" in line
    _usage_matches(error, said)


def test_replayed_json_schema_500_is_one_line_with_the_fix_and_not_retried():
    # the same request as auto's first try, asked for with --mode json_schema
    backend = LLMBackend(_recorded("llamacpp-auto-junk-short.jsonl", mode="json_schema"))
    error = _failed(backend, read_document(SHORT))
    line = error.one_line()
    assert line.startswith(
        "http://127.0.0.1:8799/v1 answered 500: "
        "response_format.type: Input should be 'text' or 'json_object'"
    )
    assert "does not take mode json_schema: --mode auto finds one it takes" in line
    assert "File" not in line and "\n" not in line
    assert error.data["usage"].requests == 1 and error.data["usage"].total_tokens == 0


def test_replayed_schema_fragments_and_stray_keys_are_reasked_then_reported():
    said = _server_said("llamacpp-json-junk-short.jsonl")
    backend = LLMBackend(_recorded("llamacpp-json-junk-short.jsonl", mode="json"))
    error = _failed(backend, read_document(SHORT))
    # two partial objects: a schema fragment ({"title": ..., "type": "string"}) where a string
    # belongs, and a date_line key copied from the page's metadata; neither became a summary
    assert said["finish_reasons"] == ["stop", "stop"]
    assert isinstance(error, ResponseError)
    assert "date_line: Extra inputs are not permitted" in error.one_line()
    assert error.data["usage"].reasks == 1
    _usage_matches(error, said)


def test_replayed_context_overflow_learns_the_window_and_resends_smaller_parts():
    said = _server_said("llamacpp-overflow-9k.jsonl")
    settings = _recorded(
        "llamacpp-overflow-9k.jsonl",
        mode="json_object_schema",
        max_retries=0,
        max_reasks=0,
        max_output_tokens=400,
        deadline=300.0,
    )
    backend = LLMBackend(settings)
    doc = read_document(CASSETTES / "overflow-9k.txt")
    error = _failed(backend, doc)
    # the whole 8.6 K-character article was one part: 400 context_length_exceeded naming 8192;
    # re-sized to that window, the first part was answered (no second 400) and the second part
    # was still being read when the 300 s deadline passed
    assert said["statuses"] == [400, 200, "ReadTimeout"]
    assert backend.context_window() == 8192
    parts = backend.parts(doc)
    assert len(parts) > 1 and max(len(part) for part in parts) < 4_000
    assert "no answer from http://127.0.0.1:8799" in error.one_line()
    _usage_matches(error, said)

"""instructor reads an answer into the strict model wherever the server put it, and what it
rejects comes back as the reasons a re-ask gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from summarizer.backends.llm.strict import describe, parse_answer
from summarizer.schema import ReportSummary

GOLD = Path(__file__).resolve().parents[3] / "eval" / "gold" / "d09_da-nang.gold.json"


def _summary() -> ReportSummary:
    return ReportSummary.model_validate_json(GOLD.read_text())


def _answer() -> str:
    return json.dumps(_summary().model_dump(mode="json"), ensure_ascii=False)


def _completion(content: str | None = None, arguments: str | None = None, finish: str = "stop"):
    message: dict = {"role": "assistant", "content": content}
    if arguments is not None:
        function = {"name": "ReportSummary", "arguments": arguments}
        message["tool_calls"] = [{"id": "call_1", "type": "function", "function": function}]
    choice = {"index": 0, "finish_reason": finish, "message": message}
    body = {"id": "c", "object": "chat.completion", "created": 0, "model": "m", "choices": [choice]}
    return ChatCompletion.model_validate(body)


@pytest.mark.parametrize(
    "completion",
    [
        pytest.param(lambda a: _completion(arguments=a, finish="tool_calls"), id="tool call"),
        pytest.param(lambda a: _completion(content=a), id="bare JSON content"),
        pytest.param(lambda a: _completion(content=f"```json\n{a}\n```"), id="fenced"),
        pytest.param(lambda a: _completion(content=f"Tóm tắt:\n```json\n{a}\n```\n"), id="prose"),
    ],
)
def test_a_whole_answer_is_read_wherever_the_server_put_it(completion):
    assert parse_answer(completion(_answer())) == _summary()


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("{ }", "schema_version: Field required"),
        ('{"type": "json_schema"}', "type: Extra inputs are not permitted"),
        ('{"summary": {}}', "summary: Extra inputs are not permitted"),
    ],
)
def test_junk_is_a_validation_error_whose_first_reason_says_why(text, first):
    with pytest.raises(ValidationError) as caught:
        parse_answer(_completion(arguments=text))
    assert describe(caught.value)[0] == first


def test_an_answer_stopped_at_the_output_limit_says_what_of_it_is_missing():
    with pytest.raises(ValidationError) as caught:
        parse_answer(_completion(content=_answer()[:200], finish="length"))
    assert describe(caught.value)[0].startswith("the answer: Invalid JSON: EOF")


def test_a_whole_answer_at_the_output_limit_is_still_read():
    assert parse_answer(_completion(arguments=_answer(), finish="length")) == _summary()

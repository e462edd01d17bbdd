"""Scripted answers of the fake OpenAI-compatible server, and its default rules-backed responder.

A request reaches a responder as a dict: {"method", "path", "headers", "json"}. A responder
returns a Reply. Bodies follow what the openai client parses (chat.completion, OpenAI's error
shape) and what instructor reads in each mode (a tool call named after the response model for
tools; JSON content for json_schema and json; a ```json fence for md_json).
"""

from __future__ import annotations

import functools
import json
import math
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

Request = dict[str, Any]
Responder = Callable[[Request], "Reply"]

_ERROR_KINDS: dict[int, tuple[str, str | None]] = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("permission_error", None),
    404: ("invalid_request_error", "not_found"),
    409: ("invalid_request_error", "conflict"),
    429: ("rate_limit_error", "rate_limit_exceeded"),
}


def error_body(status: int, message: str | None = None) -> dict[str, Any]:
    """OpenAI's error shape, so the client raises the matching APIStatusError with the message."""
    kind, code = _ERROR_KINDS.get(status, ("server_error" if status >= 500 else "api_error", None))
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "error"
    text = message or f"fake server: {status} {phrase}"
    return {"error": {"message": text, "type": kind, "param": None, "code": code}}


def completion_body(
    *,
    content: str | None = None,
    tool_args: dict[str, Any] | str | None = None,
    tool_name: str = "ReportSummary",
    model: str = "fake-model",
    prompt_tokens: int = 100,
    completion_tokens: int = 50,
    cached_tokens: int = 0,
    finish_reason: str | None = None,
) -> dict[str, Any]:
    """A chat.completion body with usage, as the openai client parses it."""
    message: dict[str, Any] = {"role": "assistant", "content": content, "refusal": None}
    if tool_args is not None:
        arguments = tool_args if isinstance(tool_args, str) else json.dumps(tool_args)
        message["tool_calls"] = [
            {
                "id": f"call_{uuid.uuid4().hex[:24]}",
                "type": "function",
                "function": {"name": tool_name, "arguments": arguments},
            }
        ]
    reason = finish_reason or ("tool_calls" if tool_args is not None else "stop")
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": reason, "logprobs": None}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
            "prompt_tokens_details": {"cached_tokens": cached_tokens},
        },
    }


def shaped_text(data: dict[str, Any] | str, mode: str) -> str:
    """The JSON text of a summary as the model would write it in `mode`."""
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return f"```json\n{text}\n```" if mode == "md_json" else text


@dataclass
class Reply:
    """One answer: a status and body, or a stall (delay) or a dropped connection."""

    status: int = 200
    body: dict[str, Any] | bytes | str | None = None  # dict -> JSON
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering
    drop: bool = False  # close the connection without an answer
    cut: bool = False  # close the connection halfway through the body

    @classmethod
    def completion(cls, **fields: Any) -> Reply:
        """A chat.completion; fields as completion_body (content, tool_args, usage figures)."""
        return cls(body=completion_body(**fields))

    @classmethod
    def summary(cls, data: dict[str, Any] | str, *, mode: str = "tools", **fields: Any) -> Reply:
        """A summary (valid or not) shaped as instructor reads it in `mode`."""
        text = shaped_text(data, mode)
        if mode == "tools":
            return cls.completion(tool_args=text, **fields)
        return cls.completion(content=text, **fields)

    @classmethod
    def error(
        cls, status: int, message: str | None = None, retry_after: float | None = None
    ) -> Reply:
        """An error in OpenAI's shape; retry_after adds a Retry-After header (seconds)."""
        headers = {}
        if retry_after is not None:
            headers["Retry-After"] = f"{retry_after:g}"
        return cls(status=status, body=error_body(status, message), headers=headers)

    @classmethod
    def stall(cls, seconds: float) -> Reply:
        """No answer for `seconds` (past the client's timeout), then an empty completion."""
        return cls(body=completion_body(content=""), delay=seconds)

    @classmethod
    def cut_off(cls) -> Reply:
        """Headers and half of a completion's body, then the connection closes."""
        return cls(body=completion_body(content="{}"), cut=True)

    @classmethod
    def dropped(cls) -> Reply:
        """Close the connection without sending a response."""
        return cls(drop=True)

    @classmethod
    def not_json(cls, status: int = 200, content_type: str = "text/html") -> Reply:
        """A body that is not JSON although the client expects it (a proxy's error page)."""
        return cls(
            status=status,
            body="<html><body>502 Bad Gateway</body></html>",
            headers={"Content-Type": content_type},
        )


# --- What a chat request asks for -----------------------------------------------------------


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            part.get("text", "") for part in content if isinstance(part, dict) and "text" in part
        )
    return ""


def find_document(messages: list[dict[str, Any]]) -> str:
    """The text between "<document>" and "</document>" lines of the latest user message having
    them; else the whole last user message."""
    user_texts = [_text_of(m.get("content")) for m in messages if m.get("role") == "user"]
    for text in reversed(user_texts):
        start = text.rfind("<document>\n")
        end = text.rfind("\n</document>")
        if start != -1 and end > start:
            return text[start + len("<document>\n") : end]
    return user_texts[-1] if user_texts else ""


def request_mode(body: dict[str, Any]) -> tuple[str, str]:
    """(mode, tool name) the request asks for: tools, json_schema, json or md_json."""
    if body.get("tools") or body.get("tool_choice"):
        choice = body.get("tool_choice")
        name = None
        if isinstance(choice, dict):
            name = choice.get("function", {}).get("name")
        if not name and body.get("tools"):
            name = body["tools"][0].get("function", {}).get("name")
        return "tools", name or "ReportSummary"
    kind = (body.get("response_format") or {}).get("type")
    if kind == "json_schema":
        return "json_schema", ""
    if kind == "json_object":
        return "json", ""
    return "md_json", ""


def _tokens(chars: int) -> int:
    return max(1, math.ceil(chars / 4))


def prompt_chars(body: dict[str, Any]) -> int:
    """Characters the model would read: messages, plus tool and response-format schemas."""
    chars = sum(len(_text_of(m.get("content"))) for m in body.get("messages", []))
    for key in ("tools", "response_format"):
        if body.get(key):
            chars += len(json.dumps(body[key]))
    return chars


# --- The default responder ------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def _rules_summary_json(text: str) -> str:
    """Rules extraction costs tens of milliseconds a document: a repeated document (a benchmark
    or a re-ask sends the same text again) is summarised once."""
    from ..backends.rules import RulesBackend
    from ..ingest import document_from_text

    extraction = RulesBackend().extract(document_from_text(text, path="<request>"))
    return extraction.summary.model_dump_json()


def _rules_summary(text: str) -> dict[str, Any]:
    return json.loads(_rules_summary_json(text))


class RulesResponder:
    """Answers chat completions with the offline rules backend's summary of the document sent."""

    def __init__(
        self,
        *,
        cached_share: float = 0.0,
        summarize: Callable[[str], dict[str, Any]] | None = None,
    ) -> None:
        self.cached_share = cached_share
        self.summarize = summarize or _rules_summary

    def __call__(self, request: Request) -> Reply:
        body = request.get("json")
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            return Reply.error(400, "'messages' is required")
        mode, tool_name = request_mode(body)
        text = shaped_text(self.summarize(find_document(body["messages"])), mode)
        prompt = _tokens(prompt_chars(body))
        return Reply.summary(
            text,
            mode="tools" if mode == "tools" else "json",
            tool_name=tool_name,
            model=str(body.get("model") or "fake-model"),
            prompt_tokens=prompt,
            completion_tokens=_tokens(len(text)),
            cached_tokens=math.floor(prompt * self.cached_share),
        )

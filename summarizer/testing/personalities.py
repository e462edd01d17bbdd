"""How particular servers differ from OpenAI's API, played by the fake server.

`llamacpp` is what llama-cpp-python's server 0.3.36 did when measured: HTTP 500 with a pydantic
validation error for response_format json_schema (it takes json_object with a `schema`), no
prompt_tokens_details in usage, finish_reason "tool_calls" on a tool call cut at max_tokens
("length" otherwise), a 400 context_length_exceeded only when the messages alone fill n_ctx (a
max_tokens past what is left is cut to it, silently: llama_cpp.Llama clips it); like llama.cpp's
own server it states n_ctx in GET /props. `refuses_max_tokens` plays a server that instead
refuses messages plus max_tokens past the window with that 400, as vLLM does. `vllm` states
max_model_len in GET /v1/models.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .replies import Reply, Request, Responder, _text_of

PERSONALITIES = ("openai", "llamacpp", "vllm")
# Tokens per character fitted to SmolLM2's counts of our English prompt and a Vietnamese article
ASCII_TOKENS, OTHER_TOKENS = 0.27, 2.8

JSON_SCHEMA_500 = (
    "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', "
    "'type'), 'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', "
    "'ctx': {'expected': \"'text' or 'json_object'\"}}\n\n  File \"llama_cpp/server/app.py\", "
    "line 376, in create_chat_completion\n    POST /v1/chat/completions"
)


def tokens_of(text: str) -> int:
    other = sum(1 for char in text if ord(char) > 127)
    return max(1, math.ceil((len(text) - other) * ASCII_TOKENS + other * OTHER_TOKENS))


def prompt_tokens(body: dict[str, Any]) -> int:
    """The messages only: llama.cpp's chat template shows the model neither the tools nor the
    response_format schema (they become a grammar)."""
    return tokens_of("".join(_text_of(m.get("content")) for m in body.get("messages", [])))


def overflow_reply(n_ctx: int, requested: int, completion: Any) -> Reply:
    message = (
        f"This model's maximum context length is {n_ctx} tokens. However, you requested "
        f"{requested} tokens ({requested - (completion or 0)} in the messages, {completion} in "
        "the completion). Please reduce the length of the messages or completion."
    )
    error = {
        "message": message,
        "type": "invalid_request_error",
        "param": "messages",
        "code": "context_length_exceeded",
    }
    return Reply(status=400, body={"error": error})


class LlamaCppResponder:
    """Wraps a responder with llama-cpp-python's server's behaviour."""

    def __init__(self, inner: Responder, n_ctx: int = 8192) -> None:
        self.inner = inner
        self.n_ctx = n_ctx
        self.refuses_max_tokens = False

    def __call__(self, request: Request) -> Reply:
        body = request.get("json") or {}
        response_format = body.get("response_format") or {}
        if response_format.get("type") == "json_schema":
            error = {"message": JSON_SCHEMA_500, "type": "internal_server_error"}
            return Reply(status=500, body={"error": error | {"param": None, "code": None}})
        prompt = prompt_tokens(body)
        max_tokens = body.get("max_tokens")
        past = prompt + (max_tokens or 0) > self.n_ctx if self.refuses_max_tokens else False
        if prompt >= self.n_ctx or past:
            return overflow_reply(self.n_ctx, prompt + (max_tokens or 0), max_tokens)
        reply = self.inner(request)
        if reply.status != 200 or not isinstance(reply.body, dict):
            return reply
        left = self.n_ctx - prompt
        return _as_llamacpp(reply, prompt, min(max_tokens, left) if max_tokens else left)


def _as_llamacpp(reply: Reply, prompt: int, max_tokens: int | None) -> Reply:
    body = json.loads(json.dumps(reply.body))
    usage = body.get("usage") or {}
    usage.pop("prompt_tokens_details", None)
    usage["prompt_tokens"] = prompt
    choice = body["choices"][0]
    message = choice["message"]
    calls = message.get("tool_calls") or []
    text = calls[0]["function"]["arguments"] if calls else (message.get("content") or "")
    spent = tokens_of(text)
    if max_tokens and spent > max_tokens:
        text = text[: int(len(text) * max_tokens / spent)]
        spent = max_tokens
        choice["finish_reason"] = "tool_calls" if calls else "length"
        if calls:
            calls[0]["function"]["arguments"] = text
        else:
            message["content"] = text
    usage["completion_tokens"] = spent
    usage["total_tokens"] = prompt + spent
    body["usage"] = usage
    return Reply(status=reply.status, body=body, headers=reply.headers, delay=reply.delay)


def self_description(personality: str, n_ctx: int, method: str, path: str) -> Reply | None:
    """GET /props (llamacpp) and /v1/models (max_model_len for vllm); None for other routes."""
    if method != "GET":
        return None
    if path == "/v1/models":
        model: dict[str, Any] = {"id": "fake-model", "object": "model", "created": 0}
        model["owned_by"] = "fake"
        if personality == "vllm":
            model["max_model_len"] = n_ctx
        return Reply(body={"object": "list", "data": [model]})
    if path == "/props" and personality == "llamacpp":
        return Reply(body={"default_generation_settings": {"n_ctx": n_ctx}, "total_slots": 1})
    return None

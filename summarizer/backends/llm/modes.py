"""How a request asks for structure, mode by mode, and how a server says it cannot do a mode.

| mode               | request                                                   | answer in    |
|--------------------|-----------------------------------------------------------|--------------|
| tools              | a forced ReportSummary tool                                | tool call    |
| json_schema        | response_format json_schema (OpenAI, vLLM, Ollama)         | content      |
| json_object_schema | response_format json_object with a schema (llama.cpp)      | content      |
| json               | response_format json_object, the schema in the prompt      | content      |
| md_json            | the schema in the prompt, a ```json fence asked for        | content      |

`auto` tries AUTO_ORDER and keeps the first mode the server does not reject.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .strict import compact_schema, strict_schema

NAME = "ReportSummary"
AUTO = "auto"
AUTO_ORDER = ("json_schema", "json_object_schema", "tools", "md_json")
SCHEMA_IN_PROMPT = frozenset({"json", "md_json"})
_TRACE = re.compile(r"\s+File \".*", re.DOTALL)
_PYDANTIC = re.compile(r"'loc': \(([^)]*)\), 'msg': (['\"])(.*?)\2")
_WINDOW = re.compile(r"maximum context length is (\d+)")


def schema_instruction(mode: str) -> str:
    """What json and md_json add to the system prompt: the compact schema, and the wrapping."""
    if mode not in SCHEMA_IN_PROMPT:
        return ""
    wrap = "inside one ```json fence" if mode == "md_json" else "as the whole answer"
    return (
        f"\n\n# Answer format\n\nAnswer with one JSON object {wrap}: an instance of this JSON "
        "schema (every property present, null where the rules allow it; not the schema itself, "
        f"not wrapped in another object):\n{compact_schema()}"
    )


@cache
def structure(mode: str) -> dict[str, Any]:
    """The request keys that ask for a ReportSummary in `mode`: built once per mode, the same
    (never modified) dicts for every request."""
    schema = strict_schema()
    if mode == "tools":
        function = {
            "name": NAME,
            "description": schema.get("description", ""),
            "parameters": schema,
        }
        return {
            "tools": [{"type": "function", "function": function}],
            "tool_choice": {"type": "function", "function": {"name": NAME}},
        }
    if mode == "json_schema":
        return {
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": NAME, "schema": schema},
            }
        }
    if mode == "json_object_schema":
        return {"response_format": {"type": "json_object", "schema": schema}}
    if mode == "json":
        return {"response_format": {"type": "json_object"}}
    return {}


def answer_text(message: Any) -> str:
    """The answer's text: the first tool call's arguments, else the content."""
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        return calls[0].function.arguments or ""
    return getattr(message, "content", None) or ""


def error_line(message: str) -> str:
    """A server's error text in one line: a pydantic error as `where: what`, no traceback."""
    found = _PYDANTIC.search(message)
    if found:
        parts = [p.strip(" '\"") for p in found.group(1).split(",")]
        where = ".".join(p for p in parts if p and p != "body")
        return f"{where}: {found.group(3)}"
    return " ".join(_TRACE.sub("", message).split())[:300]


def rejects_mode(status: int, message: str) -> bool:
    """A clear no to the way we asked for structure: a 4xx about the request (not the key, the
    URL, the rate or the length), or a 500 whose body names response_format or tools."""
    lowered = message.lower()
    if context_overflow(status, message):
        return False
    if status in (400, 405, 415, 422) or (
        400 <= status < 500 and status not in (401, 403, 404, 408, 409, 429)
    ):
        return True
    return status >= 500 and ("response_format" in lowered or "tool" in lowered)


def context_overflow(status: int, message: str, code: str | None = None) -> bool:
    return status == 400 and (
        code == "context_length_exceeded" or "maximum context length" in message.lower()
    )


def window_in(message: str) -> int | None:
    """The context window a context-overflow error names, when it does."""
    found = _WINDOW.search(message)
    return int(found.group(1)) if found else None

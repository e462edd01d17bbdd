"""Request and response bodies without a client, for provider batch mode.

build_request gives exactly the chat.completions body a live call sends first (tools or
response_format per mode; `auto` asks as json_schema, which batch endpoints take);
parse_response reads a completion body back into a ReportSummary, as strictly as a live call.
Both are pure: no I/O, no re-asks.
"""

from __future__ import annotations

import json
from typing import Any

from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from ...config import Settings
from ...errors import LLMError, ResponseError
from ...ingest import Document
from ...schema import ReportSummary
from . import modes, prompting, sizing
from .client import require_model
from .page import page_lines
from .strict import describe, parse_answer


def _text(doc: Document) -> str:
    return doc.article or doc.text


def build_request(doc: Document, settings: Settings) -> dict[str, Any]:
    """The chat.completions request body for one document: model, messages, and tools and
    tool_choice (tools mode) or response_format (json_schema, json) as the mode asks."""
    model = require_model(settings)
    mode = batch_mode(settings)
    messages = prompting.messages(
        _text(doc),
        few_shot=settings.few_shot,
        page=page_lines(doc),
        format_rules=modes.schema_instruction(mode),
    )
    max_tokens = sizing.max_output_tokens(settings.context_window, settings.max_output_tokens)
    body = {"model": model, "messages": messages, "max_tokens": max_tokens}
    body.update(modes.structure(mode))
    return json.loads(json.dumps(body, ensure_ascii=False))


def batch_mode(settings: Settings) -> str:
    return "json_schema" if settings.mode == modes.AUTO else settings.mode


def parse_response(
    body: dict[str, Any], doc: Document, settings: Settings
) -> ReportSummary | LLMError:
    """The summary in a chat.completion body, or the ResponseError saying why there is none."""
    del doc  # the summary is verified against the document by the pipeline, as for live calls
    try:
        completion = ChatCompletion.model_validate(body)
    except ValidationError as exc:
        return ResponseError(
            f"the answer is not a chat completion: {exc.errors()[0]['msg']}",
            hint="pass the response body of one batch line",
        )
    del settings
    if not completion.choices:
        return ResponseError("the answer has no choices")
    try:
        return parse_answer(completion)
    except ValidationError as exc:
        return ResponseError(f"the answer does not fit the summary schema: {describe(exc)[0]}")

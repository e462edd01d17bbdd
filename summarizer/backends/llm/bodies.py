"""Request and response bodies without a client, for provider batch mode.

build_request gives exactly the chat.completions body a live call sends first (instructor
prepares tools or response_format per mode); parse_response reads a completion body back into a
ReportSummary. Both are pure: no I/O, no re-asks.
"""

from __future__ import annotations

import json
from typing import Any

from instructor.core.exceptions import InstructorError
from instructor.processing import handle_response_model, process_response
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from ...config import Settings
from ...errors import LLMError, ResponseError
from ...ingest import Document
from ...schema import ReportSummary
from . import prompting
from .client import instructor_mode, require_model


def _text(doc: Document) -> str:
    return doc.article or doc.text


def build_request(doc: Document, settings: Settings) -> dict[str, Any]:
    """The chat.completions request body for one document: model, messages, and tools and
    tool_choice (tools mode) or response_format (json_schema, json) as the mode asks."""
    model = require_model(settings)
    mode = instructor_mode(settings)
    messages = prompting.messages(_text(doc), few_shot=settings.few_shot)
    _, kwargs = handle_response_model(ReportSummary, mode=mode, model=model, messages=messages)
    return json.loads(json.dumps(kwargs, ensure_ascii=False))


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
    try:
        parsed = process_response(
            completion,
            response_model=ReportSummary,
            stream=False,
            strict=False,
            mode=instructor_mode(settings),
        )
    except (ValidationError, ValueError, InstructorError) as exc:
        first = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
        return ResponseError(f"the answer does not fit the summary schema: {first[:300]}")
    return ReportSummary.model_validate(parsed.model_dump())

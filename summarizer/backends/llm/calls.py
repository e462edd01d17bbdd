"""One structured call: a text in, a summary out, every failure turned into one of our errors.

instructor's re-ask loop (max_retries = Settings.max_reasks) handles summaries that do not parse,
do not fit the schema, or fail the verifier. When the re-asks run out, the last summary that fit
the schema is returned unverified; when none did, ResponseError. Transport failures surface as the
TransportError our retrying transport raised, which openai and instructor wrap on the way up.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import ValidationError

from ...config import Settings, redact
from ...errors import LLMError, ResponseError, SummarizerError, TransportError
from ...schema import ReportSummary, VerificationReport
from . import prompting
from .usage import Tally
from .validator import Grounding, VerifiedSummary, grounded, plain


class Answer(NamedTuple):
    """One call's summary and, when the validator verified exactly it, its report and the
    source text it verified against."""

    summary: ReportSummary
    report: VerificationReport | None = None
    source: str | None = None


def _answer(summary: ReportSummary, state: Grounding) -> Answer:
    """Pair the summary with the validator's last report when that report is of this summary."""
    last, report = state.last_summary, state.last_report
    if report is not None and last is not None and (last is summary or last == summary):
        return Answer(summary, report, state.source)
    return Answer(summary)


def call_kwargs(
    settings: Settings,
    text: str,
    *,
    part: int | None = None,
    parts: int | None = None,
) -> dict[str, Any]:
    """What instructor's create_with_completion gets for one text."""
    return {
        "messages": prompting.messages(text, few_shot=settings.few_shot, part=part, parts=parts),
        "response_model": VerifiedSummary,
        "model": settings.model,
        "max_retries": settings.max_reasks,
        "strict": False,
    }


def extract_sync(
    client: instructor.Instructor,
    settings: Settings,
    tally: Tally,
    kwargs: dict[str, Any],
    source: str,
) -> Answer:
    """One call whose summaries are verified against `source`, the document's whole text."""
    with grounded(source) as state:
        try:
            summary, _completion = client.create_with_completion(hooks=tally.hooks(), **kwargs)
        except Exception as exc:
            return _answer(recover(exc, state, settings), state)
    return _answer(plain(summary), state)


async def extract_async(
    client: instructor.AsyncInstructor,
    settings: Settings,
    tally: Tally,
    kwargs: dict[str, Any],
    source: str,
) -> Answer:
    """The async form of extract_sync."""
    with grounded(source) as state:
        try:
            summary, _completion = await client.create_with_completion(
                hooks=tally.hooks(), **kwargs
            )
        except Exception as exc:
            return _answer(recover(exc, state, settings), state)
    return _answer(plain(summary), state)


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop(0)
        if item is None or any(item is s for s in seen):
            continue
        seen.append(item)
        todo += [item.__cause__, item.__context__]
        for attempt in getattr(item, "failed_attempts", None) or []:
            todo.append(attempt.exception)
    return seen


def _first(exc: BaseException, kind: type) -> Any:
    return next((item for item in _chain(exc) if isinstance(item, kind)), None)


def recover(exc: Exception, state: Grounding, settings: Settings) -> ReportSummary:
    """The last summary that fit the schema, or the one error that says why there is none."""
    ours = _first(exc, SummarizerError)
    if ours is not None:
        raise ours from None
    if _first(exc, IncompleteOutputException) is not None:
        raise ResponseError(
            "the model's answer was cut off at its output token limit",
            hint="use a model with a larger output limit, or lower --context-chars",
        ) from None
    status = _first(exc, openai.APIStatusError)
    if status is not None:
        raise status_error(status, settings) from None
    connection = _first(exc, openai.APIConnectionError)
    if connection is not None:
        cause = connection.__cause__ or connection
        raise TransportError(
            f"cannot reach {settings.shown_url}: {_redact(str(cause), settings)}",
            attempts=1,
            hint="check --base-url",
        ) from None
    if isinstance(exc, InstructorRetryException):
        if state.last_summary is not None:
            return state.last_summary
        attempts = exc.n_attempts or settings.max_reasks + 1
        raise ResponseError(
            f"the model never returned a summary that fits the schema ({attempts} attempt"
            f"{'s' if attempts != 1 else ''}): {_first_line(_last_error(exc))}",
            hint="try another --mode (json_schema or md_json for local servers), a stronger "
            "model, or more --max-reasks",
            attempts=attempts,
        ) from None
    raise exc


def _last_error(exc: InstructorRetryException) -> BaseException:
    attempts = exc.failed_attempts or []
    return attempts[-1].exception if attempts else exc


def _first_line(exc: BaseException) -> str:
    """The first thing wrong, short: a field and what it should be, or the error's first line."""
    if isinstance(exc, ValidationError) and exc.errors():
        errors = exc.errors()
        where = ".".join(str(part) for part in errors[0]["loc"]) or "the answer"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return f"{where}: {errors[0]['msg']}{more}"[:300]
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return (lines[0] if lines else type(exc).__name__)[:300]


def _redact(text: str, settings: Settings) -> str:
    key = settings.api_key()
    text = redact(text)
    return text.replace(key, "[key]") if key else text


_STATUS_HINTS = {
    400: "check --model and --mode (json_schema needs a server that supports response_format)",
    404: "check --model and --base-url",
    413: "the document is too long for this endpoint: lower --context-chars",
    422: "check --model and --mode",
}


def status_error(exc: openai.APIStatusError, settings: Settings) -> LLMError:
    """One line for a status the transport does not retry (400, 401, 403, 404, ...)."""
    status = exc.status_code
    where = settings.shown_url
    if status in (401, 403):
        # The server's text may echo part of the key; say only what to check.
        return LLMError(
            f"{where} refused the API key ({status})",
            hint=f"check the key in ${settings.api_key_env}, or --api-key-env",
            status=status,
        )
    body = exc.body if isinstance(exc.body, dict) else {}
    detail = str(body.get("message") or exc.message)
    detail = " ".join(_redact(detail, settings).split())[:300]
    return LLMError(
        f"{where} answered {status}: {detail}",
        hint=_STATUS_HINTS.get(status, "check --model, --mode and --base-url"),
        status=status,
    )

"""One text's conversation with the model: ask, check the answer, re-ask with the reasons.

The conversation is a generator that yields each request (an Ask) and is sent back the completion
or thrown the error, so the sync and async clients share every decision:

- an answer that is not one strict ReportSummary (`{}`, a schema echo, a wrapped answer, a cut
  answer) is re-asked with what is wrong and a bounded excerpt of the answer, never all of it;
- a summary that fits is verified against the document; its failing claims are re-asked;
- an in-scope document answered with an empty summary is re-asked once, then handed on marked
  empty;
- a mode the server rejects (`--mode auto`) is replaced by the next one, costing no attempt;
- a context overflow is raised as ContextOverflow for the caller to split smaller;
- the last summary that fit the schema is kept, whatever fails after it, and the document's
  deadline bounds every request.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import openai
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from ...config import Settings, redact
from ...errors import LLMError, ResponseError, SummarizerError, TransportError
from ...schema import ReportSummary, VerificationReport
from . import modes
from .findings import findings
from .strict import describe, is_empty, parse_answer
from .usage import Tally

EXCERPT_CHARS = 300  # of a rejected answer, shown back to the model
REASK_CHARS = 1500  # of the reasons a re-ask gives
EMPTY_REASON = (
    "the summary is empty, but the document reports on the sector's work: extract its results, "
    "targets, attendees and awards, or set in_scope to false if it is about something else"
)


class Answer(NamedTuple):
    """One text's summary; its report and source when verified against them; empty when the
    model kept answering an in-scope document with nothing."""

    summary: ReportSummary
    report: VerificationReport | None = None
    source: str | None = None
    empty: bool = False


class ContextOverflow(LLMError):
    """The server said the request does not fit its context window (which it may name)."""

    def __init__(self, line: str, window: int | None) -> None:
        super().__init__(
            f"the request does not fit the model's context window: {line}",
            hint=(
                "lower --context-chars or --max-output-tokens, or give --context-window N (the "
                "server's context size); tools and json_object_schema send a shorter prompt"
            ),
            window=window,
        )
        self.window = window


@dataclass
class ModeChoice:
    """The structured mode of a run: fixed, or found by trying AUTO_ORDER (shared by parts and
    documents, so the first rejection is paid once)."""

    candidates: list[str]
    settled: bool = False
    rejected: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, mode: str) -> ModeChoice:
        if mode == modes.AUTO:
            return cls(list(modes.AUTO_ORDER))
        return cls([mode], settled=True)

    @property
    def current(self) -> str:
        return self.candidates[0]

    def reject(self, mode: str, line: str) -> bool:
        """Drop `mode` after the server refused it; False when no other mode is left to try."""
        if self.settled or len(self.candidates) < 2:
            return False
        if mode == self.current:
            self.rejected.append(f"{mode} ({line})")
            self.candidates.pop(0)
        return True


@dataclass
class Ask:
    """One request: its body and how long it may take."""

    body: dict[str, Any]
    timeout: float


@dataclass
class Call:
    """What one conversation needs from its document and run."""

    settings: Settings
    tally: Tally
    modes: ModeChoice
    prompt: Callable[[str], list[dict[str, str]]]  # the messages for a mode
    source: str
    max_tokens: int
    window: int | None = None  # the context window, when known

    def timeout(self) -> float:
        """The request timeout, cut to what is left of the deadline."""
        left = self.tally.remaining()
        if left is not None and left <= 0:
            raise deadline_error(self.settings, self.tally)
        return self.settings.timeout if left is None else min(self.settings.timeout, left)


def deadline_error(settings: Settings, tally: Tally) -> LLMError:
    return LLMError(
        f"no summary within the deadline of {settings.deadline:g} s "
        f"({tally.attempts} answer(s), {tally.requests} request(s))",
        hint="raise --deadline, or use a faster server or a smaller model",
    )


def reask_messages(previous: str, reasons: list[str]) -> list[dict[str, str]]:
    """The answer cut to an excerpt, and the reasons cut to a bound: the prompt cannot grow."""
    excerpt = previous.strip()
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = f"{excerpt[:EXCERPT_CHARS]} [... {len(previous) - EXCERPT_CHARS} more characters]"
    text = ""
    for reason in reasons:
        line = f"- {reason}\n"
        if len(text) + len(line) > REASK_CHARS:
            text += "- ... and more\n"
            break
        text += line
    request = (
        "That answer was rejected:\n"
        f"{text}Answer again with one complete ReportSummary object: every field present (null "
        "where allowed), no other key, every value taken from the document."
    )
    return [
        {"role": "assistant", "content": excerpt or "(empty)"},
        {"role": "user", "content": request},
    ]


def _cut(completion: Any, call: Call) -> str | None:
    """Why the answer was cut, if it was: finish_reason length or (llama.cpp's tools mode says
    tool_calls) max_tokens spent; or the window filled (llama-cpp-python cuts a max_tokens past
    the window to what is left, silently)."""
    usage = getattr(completion, "usage", None)
    spent = int(getattr(usage, "completion_tokens", 0) or 0)
    prompt = int(getattr(usage, "prompt_tokens", 0) or 0)
    if call.window and prompt + spent >= call.window:
        return f"the answer was cut where the context window of {call.window} tokens ended"
    if completion.choices[0].finish_reason == "length" or spent >= call.max_tokens:
        return f"the answer was cut at the output limit of {call.max_tokens} tokens"
    return None


def conversation(call: Call) -> Generator[Ask, Any, Answer]:
    """Ask until a verified summary, a marked empty one, or the re-asks run out."""
    settings, tally = call.settings, call.tally
    tries = settings.max_reasks + 1
    kept: Answer | None = None
    reasons: list[str] = []
    previous = ""
    asked_empty = False
    answers = 0
    while answers < tries:
        mode = call.modes.current
        messages = call.prompt(mode) + (reask_messages(previous, reasons) if reasons else [])
        body = {"model": settings.model, "messages": messages, "max_tokens": call.max_tokens}
        body.update(modes.structure(mode))
        try:
            completion = yield Ask(body, call.timeout())
        except openai.APIStatusError as exc:
            message, code = _body_message(exc)
            line = modes.error_line(message)
            if modes.rejects_mode(exc.status_code, message) and call.modes.reject(mode, line):
                continue
            if kept is not None:  # a re-ask that overflows or fails loses nothing that fit
                return kept
            if modes.context_overflow(exc.status_code, message, code):
                raise ContextOverflow(line, modes.window_in(message)) from None
            raise status_error(exc, settings, mode) from None
        except LLMError:
            if kept is not None:
                return kept
            raise
        call.modes.settled = True
        tally.completion_received(completion)
        answers += 1
        previous = modes.answer_text(completion.choices[0].message)
        try:
            summary = parse_answer(completion)
        except ValidationError as exc:
            reasons = describe(exc)
            cut = _cut(completion, call)
            if cut:
                reasons.insert(0, f"{cut}: write a shorter summary")
        else:
            from ...verify import verify  # only a call that got a summary needs the verifier

            report = verify(summary, call.source)
            empty = is_empty(summary)
            kept = Answer(summary, report, call.source, empty=empty)
            if empty and not asked_empty:
                asked_empty, reasons = True, [EMPTY_REASON]
            elif report.verified or empty:
                return kept
            else:
                reasons = findings(report).splitlines()
        if answers < tries:
            tally.reask()
    if kept is not None:
        return kept
    raise ResponseError(
        f"the model never returned a summary that fits the schema ({answers} answer"
        f"{'s' if answers != 1 else ''}): {reasons[0] if reasons else 'no answer'}",
        hint=_response_hint(call, reasons),
        attempts=answers,
    )


def _response_hint(call: Call, reasons: list[str]) -> str:
    if reasons and "cut at the output limit" in reasons[0]:
        return "raise --max-output-tokens, or use a stronger model"
    if reasons and "context window" in reasons[0]:
        return "lower --context-chars, or use a mode with a shorter prompt or a stronger model"
    if call.settings.mode == modes.AUTO:
        return f"a stronger model, more --max-reasks, or a --mode other than {call.modes.current}"
    return "try another --mode (or --mode auto), a stronger model, or more --max-reasks"


def _body_message(exc: openai.APIStatusError) -> tuple[str, str | None]:
    body = exc.body if isinstance(exc.body, dict) else {}
    code = body.get("code")
    return str(body.get("message") or body.get("detail") or exc.message), (
        str(code) if code else None
    )


# --- drivers ----------------------------------------------------------------------------------


def _ours(exc: Exception, settings: Settings) -> Exception:
    """What the conversation is thrown: the status error as it is, else one of our errors."""
    if isinstance(exc, openai.APIStatusError | SummarizerError):
        return exc
    for item in _chain(exc):
        if isinstance(item, SummarizerError):
            return item
    if isinstance(exc, openai.APITimeoutError):
        where = settings.shown_url
        return TransportError(f"no answer from {where} in time", attempts=1, hint="raise --timeout")
    if isinstance(exc, openai.APIConnectionError):
        cause = exc.__cause__ or exc
        return TransportError(
            f"cannot reach {settings.shown_url}: {_redact(str(cause), settings)}",
            attempts=1,
            hint="check --base-url",
        )
    return exc


# The order in which chat.completions.create sends its arguments; a body is sent in this order.
_WIRE_ORDER = ("messages", "model", "max_tokens", "response_format", "tool_choice", "tools")
_PATH = "/chat/completions"


def wire_body(body: dict[str, Any]) -> dict[str, Any]:
    """The body as chat.completions.create would send it, key for key. The request is posted
    as it is: create() would walk the messages against each of its message types and the
    schema, a copy of the same dicts, on every request."""
    ordered = {key: body[key] for key in _WIRE_ORDER if key in body}
    ordered.update(body)  # any other key after them, as create() adds extra_body
    return ordered


def run_sync(client: openai.OpenAI, call: Call) -> Answer:
    """Drive a conversation on the sync client."""
    steps = conversation(call)
    try:
        ask = next(steps)
        while True:
            try:
                completion = client.post(
                    _PATH,
                    cast_to=ChatCompletion,
                    body=wire_body(ask.body),
                    options={"timeout": ask.timeout},
                )
            except Exception as exc:
                ask = steps.throw(_timed_out(_ours(exc, call.settings), call))
            else:
                ask = steps.send(completion)
    except StopIteration as done:
        return done.value


async def run_async(client: openai.AsyncOpenAI, call: Call) -> Answer:
    """Drive a conversation on the async client; no request is sent, and nothing returned,
    before the answers so far are recorded (Tally.settle)."""
    steps = conversation(call)
    try:
        ask = next(steps)
        while True:
            await call.tally.settle()
            try:
                completion = await client.post(
                    _PATH,
                    cast_to=ChatCompletion,
                    body=wire_body(ask.body),
                    options={"timeout": ask.timeout},
                )
            except Exception as exc:
                ask = steps.throw(_timed_out(_ours(exc, call.settings), call))
            else:
                ask = steps.send(completion)
    except StopIteration as done:
        return done.value
    finally:
        await call.tally.settle()


def _timed_out(exc: Exception, call: Call) -> Exception:
    """A failure once the deadline passed is the deadline's doing: say so."""
    left = call.tally.remaining()
    if left is not None and left <= 0 and isinstance(exc, TransportError):
        return deadline_error(call.settings, call.tally)
    return exc


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop(0)
        if item is None or any(item is s for s in seen):
            continue
        seen.append(item)
        todo += [item.__cause__, item.__context__]
    return seen


def _redact(text: str, settings: Settings) -> str:
    key = settings.api_key()
    text = redact(text)
    return text.replace(key, "[key]") if key else text


MODE_HINT = "--mode auto finds one it takes"
_STATUS_HINTS = {
    400: "check --model and --mode (--mode auto finds one the server takes)",
    404: "check --model, and that --base-url ends in /v1 (e.g. http://127.0.0.1:8000/v1)",
    413: "the document is too long for this endpoint: lower --context-chars",
    422: "check --model and --mode (--mode auto finds one the server takes)",
}


def status_error(
    exc: openai.APIStatusError, settings: Settings, mode: str | None = None
) -> LLMError:
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
    message, _code = _body_message(exc)
    detail = modes.error_line(_redact(message, settings))
    hint = _STATUS_HINTS.get(status, "check --model, --mode and --base-url")
    if mode and status >= 500 and modes.rejects_mode(status, message):
        hint = f"the server does not take mode {mode}" + (
            "" if settings.mode == modes.AUTO else f": {MODE_HINT}"
        )
    return LLMError(f"{where} answered {status}: {detail}", hint=hint, status=status)

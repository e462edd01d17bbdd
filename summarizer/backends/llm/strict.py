"""The answer a model must give: ReportSummary with every field required and no unknown key.

The public ReportSummary keeps its defaults (gold files and older outputs still load), but a model
that answers `{}`, echoes the schema or wraps its answer (`{"summary": {...}}`) must be told so
and asked again, not handed on as an empty summary. StrictSummary is built from the contract's
models field by field: same names, types and descriptions, no defaults, `extra="forbid"`. Null
stays allowed wherever the contract allows it.

instructor reads each answer into that model: the forced tool call's arguments, or the JSON in
the content (bare or in a ```json fence).
"""

from __future__ import annotations

import copy
import json
import types
import typing
from functools import cache
from typing import Any

from instructor import Mode, ResponseSchema
from pydantic import BaseModel, ConfigDict, ValidationError, create_model
from pydantic_core import PydanticUndefined

from ...schema import ReportSummary

_FORBID = ConfigDict(extra="forbid", populate_by_name=True, hide_input_in_errors=True)


def _strict_type(annotation: Any, made: dict[type, type[BaseModel]]) -> Any:
    """The annotation with every contract model replaced by its strict twin."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _strict_model(annotation, made)
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is list and args:
        return list[_strict_type(args[0], made)]  # type: ignore[misc]
    if origin in (typing.Union, types.UnionType) and args:
        inner = tuple(_strict_type(arg, made) for arg in args)
        return typing.Union[inner]  # noqa: UP007
    return annotation


def _strict_model(model: type[BaseModel], made: dict[type, type[BaseModel]]) -> type[BaseModel]:
    if model in made:
        return made[model]
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        strict = copy.copy(info)
        strict.default = PydanticUndefined
        strict.default_factory = None
        strict.annotation = _strict_type(info.annotation, made)
        fields[name] = (strict.annotation, strict)
    made[model] = create_model(  # type: ignore[call-overload]
        model.__name__, __config__=_FORBID, __doc__=model.__doc__, **fields
    )
    return made[model]


@cache
def strict_summary() -> type[BaseModel]:
    """ReportSummary as the model must fill it: named alike, so the tool is "ReportSummary"."""
    return _strict_model(ReportSummary, {})


@cache
def strict_schema() -> dict[str, Any]:
    """The JSON schema sent to the model (every property required, additionalProperties false)."""
    return strict_summary().model_json_schema()


def compact_schema() -> str:
    """The schema as one line of JSON: a third of the indented form's tokens."""
    return json.dumps(strict_schema(), ensure_ascii=False, separators=(",", ":"))


@cache
def answer_model() -> type[ResponseSchema]:
    """The strict model as instructor parses it (the schema sent is strict_schema's, unchanged)."""
    bases: tuple[type[Any], ...] = (strict_summary(), ResponseSchema)
    return create_model(  # type: ignore[no-any-return]
        "ReportSummary",
        __base__=bases,
        __doc__=ReportSummary.__doc__,
    )


READ_MODES = (Mode.TOOLS, Mode.JSON, Mode.MD_JSON)  # how parse_answer reads an answer


@cache
def _reader(mode: Mode) -> Any:
    """instructor's parser of answers read in `mode`, looked up once, as from_response looks it
    up; from_response would also walk the whole model for async validators on every answer."""
    import instructor.v2  # noqa: F401  (registers the providers' handlers, as from_response does)
    from instructor.v2.core.providers import (
        Provider,
        normalize_mode_for_provider,
        provider_from_mode,
    )
    from instructor.v2.core.registry import mode_registry
    from instructor.v2.validation.async_validators import reject_async_validators

    reject_async_validators(answer_model())
    provider = provider_from_mode(mode, Provider.OPENAI)
    return mode_registry.get_handlers(provider, normalize_mode_for_provider(mode, provider))


def load_readers() -> None:
    """Look up the parsers of every mode an answer is read in (instructor loads its OpenAI
    handlers on first use: 200 ms)."""
    for mode in READ_MODES:
        _reader(mode)


def parse_answer(completion: Any) -> ReportSummary:
    """The contract summary in a completion, or the ValidationError that says what is wrong."""
    choice = completion.choices[0]
    if choice.finish_reason == "length":
        # The caller names cut answers itself (llama.cpp says tool_calls on one); the schema says
        # whether what arrived is whole.
        choice = choice.model_copy(update={"finish_reason": "stop"})
        completion = completion.model_copy(update={"choices": [choice]})
    # Read where the answer is: the forced tool's call, else the content (a server that ignores
    # the tool may answer there). Bare JSON is read whole: instructor's markdown reading falls back
    # to the first fragment that parses (a `[]` inside a broken object) and would name that.
    if choice.message.tool_calls:
        read_as = Mode.TOOLS
    elif (choice.message.content or "").lstrip().startswith("{"):
        read_as = Mode.JSON
    else:
        read_as = Mode.MD_JSON
    strict = _reader(read_as).response_parser(
        response=completion,
        response_model=answer_model(),
        validation_context=None,
        strict=None,
        stream=False,
        is_async=False,
    )
    return ReportSummary.model_validate(strict.model_dump())


def describe(exc: ValidationError, limit: int = 12) -> list[str]:
    """One short line per thing wrong: where, and what it should be."""
    # Unknown keys first: they say at once that the answer is wrapped or is the schema itself.
    errors = sorted(exc.errors(), key=lambda error: error["type"] != "extra_forbidden")
    lines = []
    for error in errors[:limit]:
        where = ".".join(str(part) for part in error["loc"]) or "the answer"
        lines.append(f"{where}: {error['msg']}"[:200])
    if len(errors) > limit:
        lines.append(f"... and {len(errors) - limit} more")
    return lines


def is_empty(summary: ReportSummary) -> bool:
    """In scope, yet nothing was extracted: no item in any list and no overview."""
    lists = (summary.achievements, summary.targets, summary.attendees, summary.awards)
    return summary.in_scope and not any(lists) and not summary.overview.strip()

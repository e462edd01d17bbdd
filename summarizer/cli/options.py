"""The Typer app, the options the commands share, and small output helpers."""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import config

app = typer.Typer(
    name="summarizer",
    help=(
        "Typed, number-verified summaries of Vietnamese provincial Information and "
        "Communications review reports. Runs offline with the rules backend; set --model or "
        "--base-url (or SUMMARIZER_MODEL / OPENAI_BASE_URL) to use an LLM."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class BackendName(StrEnum):
    rules = "rules"
    llm = "llm"


class OutputFormat(StrEnum):
    json = "json"
    markdown = "markdown"
    html = "html"


class TableFormat(StrEnum):
    table = "table"
    json = "json"


class Mode(StrEnum):
    tools = "tools"
    json_schema = "json_schema"
    json = "json"
    md_json = "md_json"


def err(message: str) -> None:
    typer.echo(f"summarizer: {config.redact(message)}", err=True)


def note(message: str) -> None:
    typer.echo(config.redact(message), err=True)


def write_or_print(text: str, out: Path | None) -> None:
    """Write atomically to --out, or print to stdout."""
    if out is None:
        typer.echo(text)
        return
    from ..errors import UsageError, write_failure

    if out.is_dir():
        raise UsageError(f"--out {out} is a folder", hint="give a file name for the output")
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise write_failure(out, exc) from None


# Options shared by the commands that reach an LLM.
BackendOpt = Annotated[
    BackendName | None,
    typer.Option(
        "--backend",
        "-b",
        help="rules (offline) or llm. Default: llm when an "
        "endpoint or model is configured, else rules. Env: SUMMARIZER_BACKEND.",
    ),
]
ModelOpt = Annotated[str | None, typer.Option(help="LLM model name. Env: SUMMARIZER_MODEL.")]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1. Env: OPENAI_BASE_URL.",
    ),
]
ApiKeyEnvOpt = Annotated[
    str | None,
    typer.Option(
        "--api-key-env",
        help="Name of the variable holding the API key "
        "(default OPENAI_API_KEY; a local server needs none).",
    ),
]
ModeOpt = Annotated[
    Mode | None,
    typer.Option(
        help="How the model returns structure: tools (OpenAI), json_schema (vLLM, "
        "Ollama, llama.cpp), json, md_json. Env: SUMMARIZER_MODE."
    ),
]
MaxReasksOpt = Annotated[
    int | None,
    typer.Option("--max-reasks", help="Re-asks when the verifier rejects a summary (default 2)."),
]
TimeoutOpt = Annotated[float | None, typer.Option(help="Seconds per LLM request (default 60).")]
MaxRetriesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-retries",
        help="Retries of one LLM request on 429, 5xx, timeouts and dropped connections "
        "(default 4). Env: SUMMARIZER_MAX_RETRIES.",
    ),
]
ContextCharsOpt = Annotated[
    int | None,
    typer.Option(
        "--context-chars",
        help="Longer documents are sent in overlapping parts of this many characters "
        "(default 24000). Env: SUMMARIZER_CONTEXT_CHARS.",
    ),
]
PricingOpt = Annotated[
    Path | None, typer.Option(help="JSON price table that overrides or adds models.")
]
FewShotOpt = Annotated[
    bool | None,
    typer.Option("--few-shot/--no-few-shot", help="Include the worked example in the prompt."),
]
MaxBytesOpt = Annotated[
    int | None, typer.Option("--max-bytes", help="Largest input file accepted (default 2000000).")
]


RecordOpt = Annotated[
    Path | None, typer.Option(help="Save every LLM request and response to this cassette.")
]
ReplayOpt = Annotated[
    Path | None, typer.Option(help="Answer LLM requests from this cassette, offline.")
]
# The options every command that reaches an LLM takes, by the names config.resolve takes.
LLM_OPTIONS: dict[str, Any] = {
    "backend": BackendOpt,
    "model": ModelOpt,
    "base_url": BaseUrlOpt,
    "api_key_env": ApiKeyEnvOpt,
    "mode": ModeOpt,
    "max_reasks": MaxReasksOpt,
    "timeout": TimeoutOpt,
    "pricing": PricingOpt,
    "few_shot": FewShotOpt,
    "max_bytes": MaxBytesOpt,
    "max_retries": MaxRetriesOpt,
    "context_chars": ContextCharsOpt,
    "record": RecordOpt,
    "replay": ReplayOpt,
}


@dataclass(frozen=True)
class LLMFlags:
    """The LLM options as given on the command line (None: not given), resolved on demand."""

    values: Mapping[str, Any]

    def given(self, name: str) -> bool:
        return self.values.get(name) is not None

    def settings(self) -> config.Settings:
        return resolve_settings(**self.values)


NO_FLAGS = LLMFlags({})
_PLAIN = inspect.Parameter.POSITIONAL_OR_KEYWORD


def llm_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Stamp the LLM options onto a command in place of its `llm` parameter, which receives
    them as LLMFlags: the options are declared once, here."""
    signature = inspect.signature(command, eval_str=True)
    params: list[inspect.Parameter] = []
    for param in signature.parameters.values():
        if param.name != "llm":
            params.append(param)
            continue
        params += [
            inspect.Parameter(name, _PLAIN, default=None, annotation=kind)
            for name, kind in LLM_OPTIONS.items()
        ]

    @functools.wraps(command)
    def stamped(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name, None) for name in LLM_OPTIONS}
        return command(*args, llm=LLMFlags(values), **kwargs)

    stamped.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    return stamped


def resolve_settings(**flags: Any) -> config.Settings:
    for key, value in list(flags.items()):
        if isinstance(value, Enum):
            flags[key] = value.value
    return config.resolve(**flags)


def announce_backend(settings: config.Settings) -> None:
    if settings.backend == "rules" and not settings.backend_chosen:
        note(
            "summarizer: no LLM configured (set --model/--base-url or SUMMARIZER_MODEL/"
            "OPENAI_BASE_URL); using the offline rules backend"
        )

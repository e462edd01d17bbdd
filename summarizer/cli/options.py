"""The Typer app, the options the commands share, and small output helpers."""

from __future__ import annotations

import os
from collections.abc import Mapping
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


class TableFormat(StrEnum):
    table = "table"
    json = "json"


class Mode(StrEnum):
    auto = "auto"
    tools = "tools"
    json_schema = "json_schema"
    json_object_schema = "json_object_schema"
    json = "json"
    md_json = "md_json"


def err(message: str) -> None:
    typer.echo(f"summarizer: {message}", err=True)


def note(message: str) -> None:
    typer.echo(message, err=True)


def write_or_print(text: str, out: Path | None) -> None:
    """Write atomically to --out, or print to stdout."""
    if out is None:
        typer.echo(text)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    os.replace(tmp, out)


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
        help="How the model returns structure: auto (try json_schema, json_object_schema, "
        "tools, md_json; the default for a non-OpenAI --base-url), tools (OpenAI's default), "
        "json_schema (OpenAI, vLLM, Ollama), json_object_schema (llama.cpp), json, md_json. "
        "Env: SUMMARIZER_MODE."
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
ContextWindowOpt = Annotated[
    int | None,
    typer.Option(
        "--context-window",
        help="The model's context size in tokens; parts, prompt and max_tokens are sized to "
        "fit (default: what the server states, else learnt from its first overflow). "
        "Env: SUMMARIZER_CONTEXT_WINDOW.",
    ),
]
MaxOutputTokensOpt = Annotated[
    int | None,
    typer.Option(
        "--max-output-tokens",
        help="max_tokens of each request (default 4096, at most a quarter of the window). "
        "Env: SUMMARIZER_MAX_OUTPUT_TOKENS.",
    ),
]
DeadlineOpt = Annotated[
    float | None,
    typer.Option(
        "--deadline",
        help="Seconds one document may take over all its requests and re-asks (default 600). "
        "Env: SUMMARIZER_DEADLINE.",
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
# The command parameters that are settings (config.resolve takes them by these names).
SETTING_OPTIONS = (
    "backend", "model", "base_url", "api_key_env", "mode", "max_reasks", "timeout", "pricing",
    "few_shot", "max_bytes", "max_retries", "context_chars", "context_window",
    "max_output_tokens", "deadline", "record", "replay",
)  # fmt: skip


def settings_from(params: Mapping[str, Any]) -> config.Settings:
    """Settings from a command's parameters, so each command need not name every option."""
    return resolve_settings(**{name: params[name] for name in SETTING_OPTIONS if name in params})


def resolve_settings(**flags) -> config.Settings:
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

"""The Typer app, the options the commands share, and small output helpers."""

from __future__ import annotations

import functools
import inspect
import logging
import os
import sys
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
    epilog=(
        "Environment: SUMMARIZER_BACKEND, SUMMARIZER_MODEL, OPENAI_BASE_URL, OPENAI_API_KEY "
        "(or the variable --api-key-env names), SUMMARIZER_API_KEY_ENV, SUMMARIZER_MODE, "
        "SUMMARIZER_MAX_REASKS, SUMMARIZER_MAX_RETRIES, SUMMARIZER_MAX_RETRY_AFTER (longest Retry-After waited for, default 120 s), SUMMARIZER_RETRY_BACKOFF (seconds "
        "before the first retry, default 1), SUMMARIZER_TIMEOUT, SUMMARIZER_MAX_BYTES, "
        "SUMMARIZER_PRICING, SUMMARIZER_CONTEXT_CHARS, SUMMARIZER_CONTEXT_WINDOW, "
        "SUMMARIZER_MAX_OUTPUT_TOKENS, SUMMARIZER_DEADLINE, SUMMARIZER_DEBUG (1: a traceback "
        "instead of 'internal error'). A flag wins over the environment."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class BackendName(StrEnum):
    rules = "rules"
    llm = "llm"


def _hide_flag_types() -> None:
    """typer prints `<bool>` beside flags, which take no value; show them as bare flags."""
    from typer.core import TyperOption

    shown = TyperOption.display_type_rich
    if getattr(shown, "_flags_bare", False):
        return

    def display_type_rich(self, ctx):  # type: ignore[no-untyped-def]
        return None if self.is_flag else shown(self, ctx)

    display_type_rich._flags_bare = True  # type: ignore[attr-defined]
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


_hide_flag_types()


class OutputFormat(StrEnum):
    json = "json"
    markdown = "markdown"
    html = "html"


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
    typer.echo(f"summarizer: {config.redact(message)}", err=True)


_QUIET = {"on": False}


def note(message: str) -> None:
    """Progress and notices on stderr; silent under --quiet (errors always show)."""
    if not _QUIET["on"]:
        typer.echo(config.redact(message), err=True)


def set_verbosity(quiet: bool = False, verbose: bool = False) -> None:
    """Route the tool's log (retry waits, each request under -v) to stderr, as -q/-v ask."""
    if quiet or verbose:
        _QUIET["on"] = quiet and not verbose
    logger = logging.getLogger("summarizer")
    if not any(getattr(h, "_summarizer_cli", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("summarizer: %(message)s"))
        handler._summarizer_cli = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.propagate = False
    if verbose:
        logger.setLevel(logging.DEBUG)
    elif _QUIET["on"]:
        logger.setLevel(logging.ERROR)
    elif logger.level == logging.NOTSET:
        logger.setLevel(logging.WARNING)


QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print only results and errors.", show_default=False)
]
VerboseOpt = Annotated[
    bool,
    typer.Option(
        "--verbose", "-v", help="Also print each LLM request, retry and wait.", show_default=False
    ),
]


# Options shared by the commands that reach an LLM.
BackendOpt = Annotated[
    BackendName | None,
    typer.Option(
        "--backend",
        "-b",
        help="Backend: rules (offline) or llm. Default: llm when an "
        "endpoint or model is configured, else rules. Env: SUMMARIZER_BACKEND.",
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        help="LLM model name; --replay takes it from the cassette. Env: SUMMARIZER_MODEL."
    ),
]
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
        help="Name of the variable holding the API key; a local server needs none. "
        "Default: OPENAI_API_KEY. Env: SUMMARIZER_API_KEY_ENV.",
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
    typer.Option(
        "--max-reasks",
        help="Re-asks when the verifier rejects a summary. Default: 2. Env: SUMMARIZER_MAX_REASKS.",
    ),
]
TimeoutOpt = Annotated[
    float | None,
    typer.Option(help="Seconds per LLM request. Default: 60. Env: SUMMARIZER_TIMEOUT."),
]
MaxRetriesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-retries",
        help="Retries of one LLM request on 429, 5xx, timeouts and dropped connections; a "
        "refused connection is not retried. Default: 4. Env: SUMMARIZER_MAX_RETRIES.",
    ),
]
ContextCharsOpt = Annotated[
    int | None,
    typer.Option(
        "--context-chars",
        help="Longer documents are sent in overlapping parts of this many characters. "
        "Default: 24000. Env: SUMMARIZER_CONTEXT_CHARS.",
    ),
]
ContextWindowOpt = Annotated[
    int | None,
    typer.Option(
        "--context-window",
        help="The model's context size in tokens; parts, prompt and max_tokens are sized to "
        "fit. Default: what the server states, else learnt from its first overflow. "
        "Env: SUMMARIZER_CONTEXT_WINDOW.",
    ),
]
MaxOutputTokensOpt = Annotated[
    int | None,
    typer.Option(
        "--max-output-tokens",
        help="max_tokens of each request. Default: 4096; in a known window at most a quarter "
        "of it and what the prompt leaves (512 at least). "
        "Env: SUMMARIZER_MAX_OUTPUT_TOKENS.",
    ),
]
DeadlineOpt = Annotated[
    float | None,
    typer.Option(
        "--deadline",
        help="Seconds one document may take over all its requests and re-asks. Default: 600. "
        "Env: SUMMARIZER_DEADLINE.",
    ),
]
PricingOpt = Annotated[
    Path | None,
    typer.Option(
        help="JSON price table that overrides or adds models (format in the README). "
        "Env: SUMMARIZER_PRICING."
    ),
]
FewShotOpt = Annotated[
    bool | None,
    typer.Option(
        "--few-shot/--no-few-shot",
        help="Include the worked example in the prompt. Default: --no-few-shot.",
    ),
]
MaxBytesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        help="Largest input file accepted, in bytes. Default: 2000000. Env: SUMMARIZER_MAX_BYTES.",
    ),
]


RecordOpt = Annotated[
    Path | None,
    typer.Option(
        help="Save every LLM request and response to this cassette; an existing one needs --append."
    ),
]
ReplayOpt = Annotated[
    Path | None,
    typer.Option(help="Answer LLM requests from this cassette, offline, with its model."),
]
AppendOpt = Annotated[
    bool,
    typer.Option("--append", help="Add to an existing --record cassette.", show_default=False),
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
    "context_window": ContextWindowOpt,
    "max_output_tokens": MaxOutputTokensOpt,
    "deadline": DeadlineOpt,
    "record": RecordOpt,
    "append": AppendOpt,
    "replay": ReplayOpt,
}


@dataclass(frozen=True)
class LLMFlags:
    """The LLM options as given on the command line (None: not given), resolved on demand."""

    values: Mapping[str, Any]

    def given(self, name: str) -> bool:
        return self.values.get(name) is not None

    def settings(self) -> config.Settings:
        flags = {k: v for k, v in self.values.items() if k != "append"}
        _check_cassettes(flags, append=bool(self.values.get("append")))
        return resolve_settings(**flags)


def _check_cassettes(flags: dict[str, Any], *, append: bool) -> None:
    """--record never adds to a cassette silently; --replay brings the model it was made with."""
    from ..errors import UsageError

    record, replay = flags.get("record"), flags.get("replay")
    if record is not None and Path(record).exists() and not append:
        raise UsageError(
            f"{record} already exists",
            hint="add --append to add this run to it, or record to a new file",
        )
    if replay is not None and not flags.get("model") and not os.environ.get("SUMMARIZER_MODEL"):
        from ..backends.llm.cassette import recorded_model

        flags["model"] = recorded_model(Path(replay))


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


def announce_concurrency(settings: config.Settings) -> None:
    """Say so when a server on this machine lowers the default number of documents in flight."""
    from ..backends.factory import local_server

    local = local_server(settings)
    if local is not None:
        note(local[1])

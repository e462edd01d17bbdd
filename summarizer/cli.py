"""The command line: the one place that knows about exit codes and terminal output.

Exit codes: 0 done; 1 eval regression; 2 bad input or usage; 3 unverified (verify, or --strict);
4 LLM failure; 5 some documents of a batch failed.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import config
from .errors import SummarizerError

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
    tools = "tools"
    json_schema = "json_schema"
    json = "json"
    md_json = "md_json"


def _err(message: str) -> None:
    typer.echo(f"summarizer: {message}", err=True)


def _note(message: str) -> None:
    typer.echo(message, err=True)


def _write_or_print(text: str, out: Path | None) -> None:
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
        help="How the model returns structure: tools (OpenAI), json_schema (vLLM, "
        "Ollama, llama.cpp), json, md_json. Env: SUMMARIZER_MODE."
    ),
]
MaxReasksOpt = Annotated[
    int | None,
    typer.Option("--max-reasks", help="Re-asks when the verifier rejects a summary (default 2)."),
]
TimeoutOpt = Annotated[float | None, typer.Option(help="Seconds per LLM request (default 60).")]
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


def _settings(**flags) -> config.Settings:
    for key, value in list(flags.items()):
        if isinstance(value, Enum):
            flags[key] = value.value
    return config.resolve(**flags)


def _announce_backend(settings: config.Settings) -> None:
    if settings.backend == "rules" and not settings.backend_chosen:
        _note(
            "summarizer: no LLM configured (set --model/--base-url or SUMMARIZER_MODEL/"
            "OPENAI_BASE_URL); using the offline rules backend"
        )


@app.command()
def summarize(
    file: Annotated[Path, typer.Argument(help="Report file: .txt, .md, .html or .htm.")],
    backend: BackendOpt = None,
    fmt: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="json (one object) or markdown (a brief)."),
    ] = OutputFormat.json,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")
    ] = None,
    strict: Annotated[bool, typer.Option(help="Exit 3 when any number is unverified.")] = False,
    show_source: Annotated[
        bool,
        typer.Option(
            "--show-source", help="Also print the normalised source text that spans index."
        ),
    ] = False,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    api_key_env: ApiKeyEnvOpt = None,
    mode: ModeOpt = None,
    max_reasks: MaxReasksOpt = None,
    timeout: TimeoutOpt = None,
    pricing: PricingOpt = None,
    few_shot: FewShotOpt = None,
    max_bytes: MaxBytesOpt = None,
) -> None:
    """Summarise one report and verify every number in the summary against it."""
    from .backends import make_backend
    from .ingest import read_document
    from .pipeline import summarize_document
    from .render import render_markdown

    settings = _settings(
        backend=backend,
        model=model,
        base_url=base_url,
        api_key_env=api_key_env,
        mode=mode,
        max_reasks=max_reasks,
        timeout=timeout,
        pricing=pricing,
        few_shot=few_shot,
        max_bytes=max_bytes,
    )
    doc = read_document(file, max_bytes=settings.max_bytes)
    _announce_backend(settings)
    result = summarize_document(doc, make_backend(settings))
    text = result.model_dump_json(indent=2) if fmt is OutputFormat.json else render_markdown(result)
    _write_or_print(text, out)
    if show_source:
        _note(f"--- normalised source ({doc.chars} chars) ---")
        _note(doc.text)
    for warning in result.usage.warnings:
        _note(f"summarizer: warning: {warning}")
    if strict and not result.verification.verified:
        failed = len(result.verification.failures)
        _err(f"{failed} claim(s) not verified against {file}")
        raise typer.Exit(3)


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON schema of a report summary (the contract every backend fills)."""
    from .schema import summary_json_schema

    typer.echo(json.dumps(summary_json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    """Entry point: every known error becomes one line and its exit code, never a traceback."""
    try:
        code = app(standalone_mode=False)
    except SummarizerError as exc:
        _err(exc.one_line())
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _err("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except Exception as exc:  # click usage errors and anything unexpected
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if os.environ.get("SUMMARIZER_DEBUG"):
            raise
        _err(
            f"internal error: {type(exc).__name__}: {exc} (set SUMMARIZER_DEBUG=1 for a traceback)"
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)

"""Commands on one report: summarize, schema, verify."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from .options import (
    ApiKeyEnvOpt,
    BackendOpt,
    BaseUrlOpt,
    ContextCharsOpt,
    ContextWindowOpt,
    DeadlineOpt,
    FewShotOpt,
    MaxBytesOpt,
    MaxOutputTokensOpt,
    MaxReasksOpt,
    MaxRetriesOpt,
    ModelOpt,
    ModeOpt,
    OutputFormat,
    PricingOpt,
    RecordOpt,
    ReplayOpt,
    TableFormat,
    TimeoutOpt,
    announce_backend,
    app,
    err,
    note,
    resolve_settings,
    settings_from,
    write_or_print,
)


@app.command()
def summarize(
    file: Annotated[
        Path,
        # readable=False: ingest reports an unreadable file in one line, like every bad input
        typer.Argument(help="Report file: .txt, .md, .html or .htm.", readable=False),
    ],
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
    max_retries: MaxRetriesOpt = None,
    context_chars: ContextCharsOpt = None,
    context_window: ContextWindowOpt = None,
    max_output_tokens: MaxOutputTokensOpt = None,
    deadline: DeadlineOpt = None,
    record: RecordOpt = None,
    replay: ReplayOpt = None,
) -> None:
    """Summarise one report and verify every number in the summary against it."""
    from ..backends import make_backend
    from ..ingest import read_document
    from ..pipeline import summarize_document
    from ..render import render_markdown

    settings = settings_from(locals())
    doc = read_document(file, max_bytes=settings.max_bytes)
    announce_backend(settings)
    result = summarize_document(doc, make_backend(settings))
    text = result.model_dump_json(indent=2) if fmt is OutputFormat.json else render_markdown(result)
    write_or_print(text, out)
    if show_source:
        note(f"--- normalised source ({doc.chars} chars) ---")
        note(doc.text)
    for warning in result.usage.warnings:
        note(f"summarizer: warning: {warning}")
    if strict and not result.verification.verified:
        failed = len(result.verification.failures)
        err(f"{failed} claim(s) not verified against {file}")
        raise typer.Exit(3)


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON schema of a report summary (the contract every backend fills)."""
    from ..schema import summary_json_schema

    typer.echo(json.dumps(summary_json_schema(), ensure_ascii=False, indent=2))


def _read_summary(path: Path):
    """A ReportSummary from a bare summary or from `summarize` output ({"summary": ...})."""
    from pydantic import ValidationError

    from ..errors import InputError
    from ..evaluation.gold import first_error, read_json_object
    from ..schema import ReportSummary

    raw = read_json_object(path)
    if isinstance(raw.get("summary"), dict):
        raw = raw["summary"]
    hint = "pass a summary as `summarizer summarize` writes it, or its `summary` object"
    if not set(raw) & set(ReportSummary.model_fields):
        raise InputError(str(path), "holds no summary fields", hint=hint)
    try:
        return ReportSummary.model_validate(raw)
    except ValidationError as exc:
        raise InputError(str(path), f"is not a summary ({first_error(exc)})", hint=hint) from None


@app.command("verify")
def verify_cmd(
    summary_file: Annotated[
        Path, typer.Argument(metavar="SUMMARY.json", help="A summary, or `summarize` output.")
    ],
    source: Annotated[Path, typer.Argument(help="The report it summarises.")],
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help="table (readable) or json.")
    ] = TableFormat.table,
    max_bytes: MaxBytesOpt = None,
) -> None:
    """Check every number and evidence span of a summary against its source; exit 3 if any fails."""
    from ..ingest import read_document
    from ..render import render_verification
    from ..verify import verify

    summary = _read_summary(summary_file)
    settings = resolve_settings(max_bytes=max_bytes)
    doc = read_document(source, max_bytes=settings.max_bytes)
    report = verify(summary, doc.text)
    if fmt is TableFormat.json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        typer.echo(render_verification(report, doc.text))
    if not report.verified:
        err(f"{len(report.failures)} claim(s) not verified against {source}")
        raise typer.Exit(3)

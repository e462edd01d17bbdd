"""Commands on one report: summarize, schema, verify."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from .options import (
    NO_FLAGS,
    LLMFlags,
    MaxBytesOpt,
    OutputFormat,
    QuietOpt,
    TableFormat,
    VerboseOpt,
    announce_backend,
    app,
    err,
    llm_options,
    note,
    resolve_settings,
    set_verbosity,
)
from .outputs import Target, is_folder, pick_format, plural


@app.command()
@llm_options
def summarize(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            help="Report files (.txt, .md, .html, .htm); - reads standard input.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output: json (one object; JSON Lines for several files), markdown (a brief) "
            "or html (a review page over the source). Default: from --out's extension, else json.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write to this file instead of stdout; a folder (existing, or ending in /) "
            "receives <stem>.<ext> per file.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit 3 when any number is unverified or the result carries an alert.",
            show_default=False,
        ),
    ] = False,
    show_source: Annotated[
        bool,
        typer.Option(
            "--show-source",
            help="Also print the normalised source text that spans index.",
            show_default=False,
        ),
    ] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    llm: LLMFlags = NO_FLAGS,
) -> None:
    """Summarise reports and verify every number in each summary against its source."""
    from ..backends import make_backend
    from .summarize_run import run_summaries

    set_verbosity(quiet=quiet, verbose=verbose)
    settings = llm.settings()
    folder = is_folder(out, len(files))
    known = [f.value for f in OutputFormat]
    target = Target(
        out, folder, pick_format(fmt.value if fmt else None, out, folder=folder, known=known)
    )
    if files.count("-") > 1:
        raise UsageError("- (standard input) can be given only once")

    def backend_once():
        announce_backend(settings)
        return make_backend(settings)

    code = run_summaries(
        files, backend_once, settings, target, show_source=show_source, strict=strict
    )
    if code:
        raise typer.Exit(code)


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON schema of a report summary (the contract every backend fills)."""
    from ..schema import summary_json_schema

    typer.echo(json.dumps(summary_json_schema(), ensure_ascii=False, indent=2))


def _recorded_sha256(path: Path) -> str | None:
    """The source hash `summarize` recorded beside the summary, if the file holds one."""
    from ..evaluation.gold import read_json_object

    source = read_json_object(path).get("source")
    digest = source.get("sha256") if isinstance(source, dict) else None
    return digest if isinstance(digest, str) else None


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
    source: Annotated[str, typer.Argument(metavar="SOURCE", help="The report file it summarises.")],
    fmt: Annotated[
        TableFormat, typer.Option("--format", "-f", help="Output: table (readable) or json.")
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
    recorded = _recorded_sha256(summary_file)
    if recorded is not None and recorded != doc.sha256:
        note(
            f"summarizer: warning: {source} is not the file {summary_file} was made from "
            f"(sha256 {doc.sha256[:12]}…, recorded {recorded[:12]}…)"
        )
    report = verify(summary, doc.text)
    if fmt is TableFormat.json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        typer.echo(render_verification(report, doc.text))
    if not report.verified:
        err(f"{plural(len(report.failures), 'claim')} not verified against {source}")
        raise typer.Exit(3)

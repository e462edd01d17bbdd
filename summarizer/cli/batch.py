"""The batch and report commands."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .options import (
    NO_FLAGS,
    LLMFlags,
    QuietOpt,
    VerboseOpt,
    announce_backend,
    announce_concurrency,
    app,
    err,
    llm_options,
    note,
    set_verbosity,
)


class Via(StrEnum):
    live = "live"
    batch_api = "batch-api"


def _model_list(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    models = tuple(m.strip() for m in text.split(",") if m.strip())
    return models or None


CompareModelsOpt = Annotated[
    str | None,
    typer.Option(
        "--compare-models",
        metavar="M1,M2",
        help="Models the report prices the same tokens under. Default: current OpenAI models "
        "genai-prices knows.",
    ),
]


@app.command("batch")
@llm_options
def batch_cmd(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT...",
            help="Report files; folders (searched recursively for --glob); or @LIST, a text "
            "file naming one path per line (relative to the current folder; # comments).",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Folder for one <name>.json per document, ledger.jsonl, report.json and "
            "report.md. Re-running into it skips what is done.",
        ),
    ],
    concurrency: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Documents in flight at once (rules: worker processes). Default: llm 8 (2 for "
            "a server on this machine); rules one per core, in-process below 200 documents.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit 3 when any document ends unverified or with an alert.",
            show_default=False,
        ),
    ] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    rpm: Annotated[
        float | None, typer.Option("--rpm", help="Client-side limit of LLM requests a minute.")
    ] = None,
    tpm: Annotated[
        float | None,
        typer.Option("--tpm", help="Client-side limit of LLM tokens a minute (estimated ahead)."),
    ] = None,
    max_cost: Annotated[
        float | None,
        typer.Option(
            "--max-cost",
            metavar="USD",
            help="Start no new document once this run's spend reaches USD; the rest are "
            "left for the next run.",
        ),
    ] = None,
    retry_failed: Annotated[
        bool,
        typer.Option("--retry-failed", help="Try documents that failed in earlier runs again."),
    ] = False,
    glob: Annotated[
        list[str] | None,
        typer.Option(
            "--glob",
            metavar="PATTERN",
            help="File pattern searched in folders, repeatable. Default: *.txt *.md *.html *.htm.",
        ),
    ] = None,
    compare_models: CompareModelsOpt = None,
    via: Annotated[
        Via,
        typer.Option(
            help="How to send: live (concurrent requests) or batch-api (the provider's batch endpoint: "
            "cheaper, answers within 24 h)."
        ),
    ] = Via.live,
    poll_interval: Annotated[
        float, typer.Option("--poll-interval", help="Seconds between batch-api status checks.")
    ] = 30.0,
    llm: LLMFlags = NO_FLAGS,
) -> None:
    """Summarise many reports into DIR, concurrently and resumably, with a cost report.

    Inputs are files, folders (searched by --glob) or @LIST files naming one path per line.
    Re-running the same command skips what is done. Exit 5 when some documents are not done.
    """
    from ..backends import backend_class, default_concurrency
    from ..batch import BatchOptions, expand_inputs, run_batch
    from ..errors import UsageError
    from .progress import make_progress

    set_verbosity(quiet=quiet, verbose=verbose)
    settings = llm.settings()
    if via is Via.batch_api and not backend_class(settings).supports_batch_api:
        raise UsageError(
            "--via batch-api needs the llm backend", hint="set --model and --backend llm"
        )
    paths = expand_inputs(inputs, globs=glob, exclude=out)
    options = BatchOptions(
        out=out,
        concurrency=concurrency or default_concurrency(settings, len(paths)),
        rpm=rpm,
        tpm=tpm,
        max_cost=max_cost,
        retry_failed=retry_failed,
        compare_models=_model_list(compare_models),
        via=via.value,
        poll_interval=poll_interval,
    )
    announce_backend(settings)
    if concurrency is None:
        announce_concurrency(settings)
    progress = make_progress(quiet=quiet)
    try:
        outcome = run_batch(paths, settings, options, listener=progress)
    except KeyboardInterrupt:
        progress.close()
        err(f"interrupted: what is done is kept in {out}; run the same command to continue")
        raise typer.Exit(130) from None
    finally:
        progress.close()
    _batch_end(outcome, settings.model, retry_failed=retry_failed)
    if strict:
        _strict_end(outcome.report["totals"], outcome.report_md)


def _strict_end(totals: dict, report_md) -> None:
    """--strict: exit 3 when a document ended unverified or with an alert."""
    unverified, alerted = totals.get("unverified", 0), totals.get("with_alerts", 0)
    if unverified or alerted:
        err(
            f"--strict: {unverified} unverified, {alerted} with alerts "
            f"of {totals['done']} done (see {report_md})"
        )
        raise typer.Exit(3)


def _batch_end(outcome, model: str | None, *, retry_failed: bool) -> None:
    """The totals on stdout, where the report is, and exit 5 when documents are not done."""
    from ..batch.report_md import headline

    typer.echo(headline(outcome.report))
    note(f"summarizer: wrote {outcome.report_json} and {outcome.report_md}")
    if outcome.totals.unpriced:
        note(
            f"summarizer: warning: no price known for model {model!r}; its cost is not "
            "counted (give prices with --pricing FILE)"
        )
    if outcome.not_done:
        failed = outcome.report["totals"].get("failed", 0)
        err(
            f"{outcome.not_done} of {outcome.totals.total} documents not done "
            f"(see {outcome.report_md}); run the same command again to continue"
            + (
                ""
                if retry_failed or not failed
                else ", with --retry-failed to try failed ones again"
            )
        )
        raise typer.Exit(5)


@app.command("report")
def report_cmd(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The --out folder of a `summarizer batch` run.")
    ],
    compare_models: CompareModelsOpt = None,
) -> None:
    """Rebuild DIR/report.json, report.md and the review pages (index.html) from DIR's ledger."""
    from ..batch import write_report
    from ..batch.report_md import headline

    report, json_path, md_path = write_report(folder, compare_models=_model_list(compare_models))
    typer.echo(headline(report))
    note(f"summarizer: wrote {json_path}, {md_path} and {folder / 'index.html'}")

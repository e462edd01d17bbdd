"""The batch and report commands."""

from __future__ import annotations

from enum import StrEnum
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
    PricingOpt,
    RecordOpt,
    ReplayOpt,
    TimeoutOpt,
    announce_backend,
    app,
    err,
    note,
    settings_from,
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
        help="Models the report prices the same tokens under (default: current OpenAI models "
        "genai-prices knows).",
    ),
]


@app.command("batch")
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
    backend: BackendOpt = None,
    concurrency: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Documents in flight at once (rules: worker processes). Default 8; 2 for an "
            "LLM server on this machine.",
        ),
    ] = None,
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
            help="File pattern searched in folders, repeatable (default *.txt *.md *.html *.htm).",
        ),
    ] = None,
    compare_models: CompareModelsOpt = None,
    via: Annotated[
        Via,
        typer.Option(
            help="live (concurrent requests) or batch-api (the provider's batch endpoint: "
            "cheaper, answers within 24 h)."
        ),
    ] = Via.live,
    poll_interval: Annotated[
        float, typer.Option("--poll-interval", help="Seconds between batch-api status checks.")
    ] = 30.0,
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
    """Summarise many reports into DIR, concurrently and resumably, with a cost report.

    Inputs are files, folders (searched by --glob) or @LIST files naming one path per line.
    Re-running the same command skips what is done. Exit 5 when some documents are not done.
    """
    from ..batch import BatchOptions, expand_inputs, run_batch
    from ..errors import UsageError
    from .progress import make_progress

    settings = settings_from(locals())
    if via is Via.batch_api and settings.backend != "llm":
        raise UsageError(
            "--via batch-api needs the llm backend", hint="set --model and --backend llm"
        )
    if concurrency is None:
        concurrency = _default_concurrency(settings)
    options = BatchOptions(
        out=out,
        concurrency=concurrency,
        rpm=rpm,
        tpm=tpm,
        max_cost=max_cost,
        retry_failed=retry_failed,
        compare_models=_model_list(compare_models),
        via=via.value,
        poll_interval=poll_interval,
    )
    paths = expand_inputs(inputs, globs=glob, exclude=out)
    announce_backend(settings)
    progress = make_progress()
    try:
        outcome = run_batch(paths, settings, options, listener=progress)
    except KeyboardInterrupt:
        progress.close()
        err(f"interrupted: what is done is kept in {out}; run the same command to continue")
        raise typer.Exit(130) from None
    finally:
        progress.close()
    _batch_end(outcome, settings.model, retry_failed=retry_failed)


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
        err(
            f"{outcome.not_done} of {outcome.totals.total} documents not done "
            f"(see {outcome.report_md}); run the same command again to continue"
            + ("" if retry_failed else ", with --retry-failed to try failed ones again")
        )
        raise typer.Exit(5)


@app.command("report")
def report_cmd(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The --out folder of a `summarizer batch` run.")
    ],
    compare_models: CompareModelsOpt = None,
) -> None:
    """Rebuild DIR/report.json and DIR/report.md from DIR's ledger, and print the totals."""
    from ..batch import write_report
    from ..batch.report_md import headline

    report, json_path, md_path = write_report(folder, compare_models=_model_list(compare_models))
    typer.echo(headline(report))
    note(f"summarizer: wrote {json_path} and {md_path}")


def _default_concurrency(settings) -> int:
    """8, or fewer for an LLM server on this machine (said in one line)."""
    if settings.backend == "llm":
        from ..backends.llm import default_concurrency

        local = default_concurrency(settings)
        if local is not None:
            note(local[1])
            return local[0]
    return 8

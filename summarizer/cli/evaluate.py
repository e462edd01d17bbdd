"""The eval command: a backend or saved predictions scored against a gold set."""

from __future__ import annotations

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
    llm_options,
    note,
    set_verbosity,
)


def _eval_progress(index: int, count: int, run) -> None:
    status = run.status if run.error is None else f"{run.status} ({run.error})"
    took = "" if run.time_s is None else f"  {run.time_s:.2f} s"
    note(f"[{index:>{len(str(count))}}/{count}] {run.item.name}  {status}{took}")


def _eval_runs(
    items, predictions: Path | None, llm: LLMFlags, concurrency: int | None
) -> tuple[list, dict]:
    """Predictions read from files, or a backend run over every gold document."""
    from ..evaluation import load_predictions, run_backend

    if predictions is not None:
        runs = load_predictions(items, predictions, progress=_eval_progress)
        return runs, {"source": f"predictions in {predictions}", "backend": None, "model": None}
    from ..backends import default_concurrency, make_backend

    settings = llm.settings()
    announce_backend(settings)
    if concurrency is None:
        announce_concurrency(settings)
    backend = make_backend(settings)
    runs = run_backend(
        items,
        backend,
        max_bytes=settings.max_bytes,
        progress=_eval_progress,
        concurrency=concurrency or default_concurrency(settings, len(items)),
    )
    source = settings.backend + (f" ({settings.model})" if settings.backend == "llm" else "")
    return runs, {
        "source": f"{source} backend",
        "backend": settings.backend,
        "model": settings.model,
    }


@app.command("eval")
@llm_options
def eval_cmd(
    gold_dir: Annotated[
        Path, typer.Argument(help="Gold folder: X.txt/.md/.html/.htm with X.gold.json beside each.")
    ] = Path("eval/gold"),
    predictions: Annotated[
        Path | None,
        typer.Option(
            "--predictions",
            help="Score saved summaries instead of running a backend: one <stem>.json per "
            "document, as `summarize` writes it. A missing file scores as an empty summary.",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(help="Baseline JSON: exit 1 when a headline figure drops below it."),
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Rewrite --baseline with this run's figures.")
    ] = False,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for report.json and report.md.")
    ] = Path("out/eval"),
    tolerance: Annotated[
        float, typer.Option(min=0.0, help="Largest drop from the baseline that still passes.")
    ] = 0.02,
    concurrency: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Documents in flight at once. Default: as batch's (llm: 8, 2 for a server on "
            "this machine; rules: one at a time, in-process).",
        ),
    ] = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    llm: LLMFlags = NO_FLAGS,
) -> None:
    """Score a backend, or saved predictions, against the gold set; exit 1 on a regression."""
    set_verbosity(quiet=quiet, verbose=verbose)
    from ..errors import UsageError
    from ..evaluation import (
        build_report,
        compare,
        enforce,
        evaluate,
        headline_table,
        load_baseline,
        load_gold_set,
        write_baseline,
        write_report,
    )

    if predictions is not None and llm.given("backend"):
        raise UsageError("--predictions scores saved summaries; it takes no --backend")
    if update_baseline and baseline is None:
        raise UsageError("--update-baseline needs --baseline FILE to write")
    if out.exists() and not out.is_dir():  # said before the run, not after it
        raise UsageError(f"--out {out} is a file, not a folder", hint="give a folder")
    items = load_gold_set(gold_dir)
    stored = None if baseline is None or update_baseline else load_baseline(baseline)
    runs, meta = _eval_runs(items, predictions, llm, concurrency)
    report = build_report(evaluate(runs), {"gold_dir": str(gold_dir), **meta})
    json_path, md_path = write_report(report, out)
    from ..evaluation.html_report import write_html_report

    html_path = write_html_report(report, runs, out)
    changes = None if stored is None else compare(report["headline"], stored, tolerance)
    typer.echo(headline_table(report, changes))
    note(f"summarizer: wrote {json_path}, {md_path} and {html_path}")
    if update_baseline and baseline is not None:
        keep = {k: report[k] for k in ("source", "gold_dir", "documents")}
        write_baseline(baseline, report["headline"], keep)
        note(f"summarizer: baseline {baseline} updated")
    elif changes is not None and baseline is not None:
        enforce(changes, tolerance=tolerance, baseline=baseline)

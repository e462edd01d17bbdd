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
    record: Annotated[
        Path | None, typer.Option(help="Save every LLM request and response to this cassette.")
    ] = None,
    replay: Annotated[
        Path | None, typer.Option(help="Answer LLM requests from this cassette, offline.")
    ] = None,
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
        max_retries=max_retries,
        context_chars=context_chars,
        record=record,
        replay=replay,
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


def _eval_progress(index: int, count: int, run) -> None:
    status = run.status if run.error is None else f"{run.status} ({run.error})"
    took = "" if run.time_s is None else f"  {run.time_s:.2f} s"
    _note(f"[{index:>{len(str(count))}}/{count}] {run.item.name}  {status}{took}")


def _eval_runs(items, predictions: Path | None, flags: dict) -> tuple[list, dict]:
    """Predictions read from files, or a backend run over every gold document."""
    from .evaluation import load_predictions, run_backend

    if predictions is not None:
        runs = load_predictions(items, predictions, progress=_eval_progress)
        return runs, {"source": f"predictions in {predictions}", "backend": None, "model": None}
    from .backends import make_backend

    settings = _settings(**flags)
    _announce_backend(settings)
    backend = make_backend(settings)
    runs = run_backend(items, backend, max_bytes=settings.max_bytes, progress=_eval_progress)
    source = settings.backend + (f" ({settings.model})" if settings.backend == "llm" else "")
    return runs, {
        "source": f"{source} backend",
        "backend": settings.backend,
        "model": settings.model,
    }


@app.command("eval")
def eval_cmd(
    gold_dir: Annotated[
        Path, typer.Argument(help="Gold folder: X.txt/.md/.html/.htm with X.gold.json beside each.")
    ] = Path("eval/gold"),
    backend: BackendOpt = None,
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
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    api_key_env: ApiKeyEnvOpt = None,
    mode: ModeOpt = None,
    max_reasks: MaxReasksOpt = None,
    timeout: TimeoutOpt = None,
    pricing: PricingOpt = None,
    few_shot: FewShotOpt = None,
    max_retries: MaxRetriesOpt = None,
    context_chars: ContextCharsOpt = None,
    max_bytes: MaxBytesOpt = None,
    record: Annotated[
        Path | None, typer.Option(help="Save every LLM request and response to this cassette.")
    ] = None,
    replay: Annotated[
        Path | None, typer.Option(help="Answer LLM requests from this cassette, offline.")
    ] = None,
) -> None:
    """Score a backend, or saved predictions, against the gold set; exit 1 on a regression."""
    from .errors import UsageError
    from .evaluation import (
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

    if predictions is not None and backend is not None:
        raise UsageError("--predictions scores saved summaries; it takes no --backend")
    if update_baseline and baseline is None:
        raise UsageError("--update-baseline needs --baseline FILE to write")
    items = load_gold_set(gold_dir)
    stored = None if baseline is None or update_baseline else load_baseline(baseline)
    flags = dict(backend=backend, model=model, base_url=base_url, api_key_env=api_key_env)
    flags |= dict(mode=mode, max_reasks=max_reasks, timeout=timeout, pricing=pricing)
    flags |= dict(few_shot=few_shot, max_retries=max_retries, context_chars=context_chars)
    flags |= dict(max_bytes=max_bytes, record=record, replay=replay)
    runs, meta = _eval_runs(items, predictions, flags)
    report = build_report(evaluate(runs), {"gold_dir": str(gold_dir), **meta})
    json_path, md_path = write_report(report, out)
    changes = None if stored is None else compare(report["headline"], stored, tolerance)
    typer.echo(headline_table(report, changes))
    _note(f"summarizer: wrote {json_path} and {md_path}")
    if update_baseline and baseline is not None:
        keep = {k: report[k] for k in ("source", "gold_dir", "documents")}
        write_baseline(baseline, report["headline"], keep)
        _note(f"summarizer: baseline {baseline} updated")
    elif changes is not None and baseline is not None:
        enforce(changes, tolerance=tolerance, baseline=baseline)


def _read_summary(path: Path):
    """A ReportSummary from a bare summary or from `summarize` output ({"summary": ...})."""
    from pydantic import ValidationError

    from .errors import InputError
    from .evaluation.gold import first_error, read_json_object
    from .schema import ReportSummary

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
    from .ingest import read_document
    from .render import render_verification
    from .verify import verify

    summary = _read_summary(summary_file)
    settings = _settings(max_bytes=max_bytes)
    doc = read_document(source, max_bytes=settings.max_bytes)
    report = verify(summary, doc.text)
    if fmt is TableFormat.json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        typer.echo(render_verification(report, doc.text))
    if not report.verified:
        _err(f"{len(report.failures)} claim(s) not verified against {source}")
        raise typer.Exit(3)


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
        int, typer.Option(min=1, help="Documents in flight at once (rules: worker processes).")
    ] = 8,
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
    record: Annotated[
        Path | None, typer.Option(help="Save every LLM request and response to this cassette.")
    ] = None,
    replay: Annotated[
        Path | None, typer.Option(help="Answer LLM requests from this cassette, offline.")
    ] = None,
) -> None:
    """Summarise many reports into DIR, concurrently, resumably, with a cost report; exit 5
    when some documents are not done."""
    from .batch import BatchOptions, expand_inputs, run_batch
    from .errors import UsageError
    from .progress import make_progress

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
        max_retries=max_retries,
        context_chars=context_chars,
        record=record,
        replay=replay,
    )
    if via is Via.batch_api and settings.backend != "llm":
        raise UsageError(
            "--via batch-api needs the llm backend", hint="set --model and --backend llm"
        )
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
    _announce_backend(settings)
    progress = make_progress()
    try:
        outcome = run_batch(paths, settings, options, listener=progress)
    except KeyboardInterrupt:
        progress.close()
        _err(f"interrupted: what is done is kept in {out}; run the same command to continue")
        raise typer.Exit(130) from None
    finally:
        progress.close()
    _batch_end(outcome, settings.model, retry_failed=retry_failed)


def _batch_end(outcome, model: str | None, *, retry_failed: bool) -> None:
    """The totals on stdout, where the report is, and exit 5 when documents are not done."""
    from .batch.report_md import headline

    typer.echo(headline(outcome.report))
    _note(f"summarizer: wrote {outcome.report_json} and {outcome.report_md}")
    if outcome.totals.unpriced:
        _note(
            f"summarizer: warning: no price known for model {model!r}; its cost is not "
            "counted (give prices with --pricing FILE)"
        )
    if outcome.not_done:
        _err(
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
    from .batch import write_report
    from .batch.report_md import headline

    report, json_path, md_path = write_report(folder, compare_models=_model_list(compare_models))
    typer.echo(headline(report))
    _note(f"summarizer: wrote {json_path} and {md_path}")


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

        # typer 0.2x raises its own copy of click's exceptions
        usage = (click.ClickException, getattr(typer, "TyperException", click.ClickException))
        if isinstance(exc, usage) and hasattr(exc, "show"):
            exc.show()
            sys.exit(exc.exit_code)
        if os.environ.get("SUMMARIZER_DEBUG"):
            raise
        _err(
            f"internal error: {type(exc).__name__}: {exc} (set SUMMARIZER_DEBUG=1 for a traceback)"
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)

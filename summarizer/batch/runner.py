"""A batch run: plan every input against the ledger, summarise what is not done (live on the
async client, or through the provider's batch API), record each outcome, write the report.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Settings, redact
from ..errors import SummarizerError
from ..ingest.files import HTML_SUFFIXES
from .context import BatchOptions, RunContext
from .events import Listener, Totals
from .inputs import output_names
from .keys import RunConfig
from .ledger import Ledger, Record, load_state
from .plan import plan
from .report import write_report


@dataclass
class RunOutcome:
    """How the run ended: what the CLI needs for its last lines and its exit code."""

    run_id: str
    totals: Totals
    not_done: int  # inputs not done at the end: failed now or before, or left by --max-cost
    budget_message: str | None
    report: dict[str, Any]
    report_json: Path
    report_md: Path


def _run_record(ctx: RunContext, inputs: int) -> Record:
    return {
        "type": "run",
        "run": ctx.run_id,
        "started_ts": time.time(),
        "config": ctx.config.as_dict(),
        "config_id": ctx.config.digest,
        "via": ctx.options.via,
        "inputs": inputs,
        "concurrency": ctx.options.concurrency,
        "max_cost": ctx.options.max_cost,
        "compare_models": list(ctx.options.compare_models or []) or None,
        "base_url": redact(ctx.settings.base_url) if ctx.settings.base_url else None,
        "pricing": str(ctx.settings.pricing) if ctx.settings.pricing else None,
    }


def _writable(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SummarizerError(
            f"cannot create the output folder {folder}: {exc.strerror or exc}",
            hint="choose another --out",
        ) from None


def _sweep(folder: Path) -> None:
    """Remove what a killed run left half-made: temporary outputs and request files."""
    for leftover in [*folder.glob(".*.tmp"), *folder.glob(".batch-*.jsonl")]:
        with contextlib.suppress(OSError):  # a read-only folder: the first write says so
            leftover.unlink(missing_ok=True)


def _context(settings: Settings, options: BatchOptions, listener: Listener | None) -> RunContext:
    folder = options.out
    _writable(folder)
    return RunContext(
        folder=folder,
        settings=settings,
        options=options,
        config=RunConfig.from_settings(settings),
        state=load_state(folder),
        ledger=Ledger(folder),
        run_id=time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6],
        listener=listener,
    )


def run_batch(
    paths: Sequence[Path],
    settings: Settings,
    options: BatchOptions,
    *,
    backend: Any = None,
    listener: Listener | None = None,
) -> RunOutcome:
    """Summarise every path not already done; a failed document is recorded and the run goes
    on. `backend` replaces the one the settings name (the live path only)."""
    options.check()
    ctx = _context(settings, options, listener)
    folder, state = ctx.folder, ctx.state
    ctx.totals.total = len(paths)
    ctx.web_pages = any(Path(p).suffix.lower() in HTML_SUFFIXES for p in paths)
    names = output_names(paths, state.claims, state.names)
    try:
        ctx.ledger.append([_run_record(ctx, len(paths))])  # also takes the folder's lock
        _sweep(folder)
        ctx.emit("start")
        steps = plan(paths, names, state, ctx.config, folder, retry_failed=options.retry_failed)
        if options.via == "batch-api":
            from .batchapi import run_batch_api

            run_batch_api(ctx, steps)
        else:
            from .live import run_live

            run_live(ctx, steps, backend)
    except KeyboardInterrupt:
        ctx.ledger.close()
        write_report(folder, compare_models=options.compare_models, drawn=ctx.drawn)  # so far
        raise
    finally:
        ctx.ledger.close()
    report, json_path, md_path = write_report(
        folder, compare_models=options.compare_models, drawn=ctx.drawn
    )
    ctx.emit("finish")
    not_done = ctx.totals.failed + ctx.skipped_failed
    return RunOutcome(
        ctx.run_id, ctx.totals, not_done, ctx.budget_message, report, json_path, md_path
    )

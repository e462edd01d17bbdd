"""A batch run: plan every input against the ledger, summarise what is not done (live on the
async client, or through the provider's batch API), record each outcome, write the report.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..config import Settings
from ..errors import SummarizerError, UsageError
from .events import Event, EventKind, Listener, Totals
from .inputs import output_names
from .keys import RunConfig
from .ledger import Ledger, LedgerState, Record, load_state
from .plan import plan
from .report import write_report

Via = Literal["live", "batch-api"]


@dataclass(frozen=True)
class BatchOptions:
    out: Path
    concurrency: int = 8
    rpm: float | None = None
    tpm: float | None = None
    max_cost: float | None = None
    retry_failed: bool = False
    compare_models: tuple[str, ...] | None = None
    via: Via = "live"
    poll_interval: float = 30.0

    def check(self) -> None:
        if self.concurrency < 1:
            raise UsageError("--concurrency must be at least 1")
        for name, value in (("--rpm", self.rpm), ("--tpm", self.tpm)):
            if value is not None and value <= 0:
                raise UsageError(f"{name} must be positive")
        if self.max_cost is not None and self.max_cost < 0:
            raise UsageError("--max-cost must not be negative")
        if self.poll_interval < 0:
            raise UsageError("--poll-interval must not be negative")


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


@dataclass
class RunContext:
    """Everything one run shares: where it writes, what it runs, what it has counted."""

    folder: Path
    settings: Settings
    options: BatchOptions
    config: RunConfig
    state: LedgerState
    ledger: Ledger
    run_id: str
    listener: Listener | None
    totals: Totals = field(default_factory=Totals)
    budget_message: str | None = None
    skipped_failed: int = 0  # documents skipped because they failed before

    def skip(self, step: Any) -> Record:
        """Count a document that is not sent, tell the listener, and return its ledger record."""
        item = step.item
        self.totals.skipped += 1
        self.skipped_failed += step.skip == "failed"
        record = {"type": "skip", "key": item.key, "path": str(item.path), "reason": step.skip}
        record |= {"run": self.run_id, "config_id": self.config.digest}
        self.emit("skip", path=item.shown, record=record, message=step.note)
        return record

    def emit(self, kind: EventKind, **fields: Any) -> None:
        if self.listener is not None:
            self.listener(Event(kind, self.totals, **fields))

    def tag(self) -> dict[str, Any]:
        """Fields every document record of this run carries."""
        return {"run": self.run_id, "config_id": self.config.digest, "via": self.options.via}

    def count(self, record: Record, path: str) -> None:
        """Count a finished document and tell the listener."""
        if record["status"] == "done":
            self.totals.count_done(record)
            self.emit("done", path=path, record=record)
        else:
            self.totals.failed += 1
            self.emit("failed", path=path, record=record)


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
        "base_url": ctx.settings.base_url,
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
        write_report(folder, compare_models=options.compare_models)  # what is done so far
        raise
    finally:
        ctx.ledger.close()
    report, json_path, md_path = write_report(folder, compare_models=options.compare_models)
    ctx.emit("finish")
    not_done = ctx.totals.failed + ctx.skipped_failed
    return RunOutcome(
        ctx.run_id, ctx.totals, not_done, ctx.budget_message, report, json_path, md_path
    )

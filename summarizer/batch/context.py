"""What one batch run shares: its options, and the context every document is run in."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..config import Settings
from ..errors import UsageError
from .events import Event, EventKind, Listener, Totals
from .keys import RunConfig
from .ledger import Ledger, LedgerState, Record

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
    batch_deadline: float = 26 * 3600.0  # seconds a provider batch is waited for (24 h window)

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
    drawn: dict[tuple[str, str], int] = field(default_factory=dict)  # (path, output): items
    web_pages: bool = True  # whether any input is a web page (its reader is loaded up front)

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

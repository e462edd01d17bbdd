"""The batch progress display: a rich progress bar on a terminal, plain log lines otherwise.

Only the CLI uses this; it draws the runner's events and never decides anything.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from ..batch.events import Event, Totals


def _eta(totals: Totals) -> float | None:
    """Seconds left, from the pace of documents actually sent (skips take no time)."""
    sent = totals.done + totals.failed
    left = totals.total - totals.finished
    if not sent or left <= 0:
        return None if left > 0 else 0.0
    return totals.elapsed / sent * left


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def status_line(totals: Totals) -> str:
    """done/failed/skipped, tokens and cost so far."""
    cost = f"${totals.cost_usd:.4f}" + ("+" if totals.unpriced else "")
    return (
        f"{totals.done} done, {totals.failed} failed, {totals.skipped} skipped; "
        f"{totals.tokens:,} tokens, {cost}"
    )


def _doc_line(event: Event) -> str:
    record = event.record or {}
    if event.kind == "done":
        usage = record.get("usage") or {}
        tokens = int(usage.get("total_tokens") or 0)
        notes = [f"{tokens:,} tokens"] if tokens else []
        notes += [] if record.get("verified", True) else ["unverified"]
        notes += ["recovered from an interrupted run"] if record.get("recovered") else []
        return f"done {event.path}" + (f" ({', '.join(notes)})" if notes else "")
    if event.kind == "failed":
        error = record.get("error") or {}
        if error.get("class") == "BudgetExceededError":
            return f"not started (budget) {event.path}"
        return f"failed {event.path}: {error.get('class')}: {error.get('message')}"
    reason = record.get("reason")
    return f"skipped {event.path} ({event.message or f'{reason} already'})"


class PlainProgress:
    """One line per document and per message, for logs and pipes."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __call__(self, event: Event) -> None:
        totals = event.totals
        if event.kind in ("done", "failed", "skip"):
            width = len(str(totals.total))
            line = f"[{totals.finished:>{width}}/{totals.total}] {_doc_line(event)}"
            if event.kind != "skip":
                line += f" | {status_line(totals)}; eta {_clock(_eta(totals))}"
        elif event.kind == "start":
            many = "document" if totals.total == 1 else "documents"
            line = f"summarizer: batch of {totals.total} {many}"
        elif event.kind == "finish":
            line = f"summarizer: finished in {_clock(totals.elapsed)}: {status_line(totals)}"
        elif event.message:
            line = f"summarizer: {event.message}"
        else:
            return
        print(line, file=self.stream, flush=True)

    def close(self) -> None:
        pass


class RichProgress:
    """A live bar: documents finished of total, counts, tokens, cost and time left."""

    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.console = Console(file=stream)
        self.progress = Progress(
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[status]}"),
            TextColumn("eta {task.fields[eta]}"),
            console=self.console,
            transient=False,
        )
        self.task: Any = None

    def __call__(self, event: Event) -> None:
        totals = event.totals
        if event.kind == "start":
            self.progress.start()
            self.task = self.progress.add_task("batch", total=totals.total, status="", eta="")
        if event.kind == "failed":
            from rich.text import Text

            self.progress.console.print(Text(_doc_line(event), style="red"))
        elif event.kind in ("budget", "throttle", "batch") and event.message:
            self.progress.console.print(f"summarizer: {event.message}", markup=False)
        if self.task is not None:
            self.progress.update(
                self.task,
                completed=totals.finished,
                status=status_line(totals),
                eta=_clock(_eta(totals)),
            )
        if event.kind == "finish":
            self.close()

    def close(self) -> None:
        if self.task is not None:
            self.progress.stop()
            self.task = None


class QuietProgress:
    """Nothing but failures, for --quiet."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def __call__(self, event: Event) -> None:
        if event.kind == "failed":
            print(_doc_line(event), file=self.stream, flush=True)

    def close(self) -> None:
        pass


def make_progress(
    stream: TextIO | None = None, *, quiet: bool = False
) -> PlainProgress | RichProgress | QuietProgress:
    """A bar when the stream is a terminal, log lines when it is a file or a pipe."""
    stream = stream or sys.stderr
    if quiet:
        return QuietProgress(stream)
    isatty = getattr(stream, "isatty", None)
    return RichProgress(stream) if callable(isatty) and isatty() else PlainProgress(stream)

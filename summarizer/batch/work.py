"""One document of a batch: read it, summarise and verify it, write `<name>.json` atomically,
and describe the outcome as a ledger record. Errors become data; nothing here prints.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..config import redact
from ..errors import InputError, OutputError, SummarizerError, TransportError, write_failure
from ..schema import SummaryResult, Usage

_FIGURES = re.compile(r"\d[\d,.]*\d|\d")
USAGE_FIELDS = (
    "requests",
    "attempts",
    "reasks",
    "transport_retries",
    "prompt_tokens",
    "cached_prompt_tokens",
    "completion_tokens",
    "total_tokens",
    "cost_usd",
    "latency_s",
)


@dataclass(frozen=True)
class WorkItem:
    """A document to summarise: where it is, its ledger key, and its output name in DIR."""

    path: Path  # resolved: the document's identity in the ledger
    shown: str  # as the user would write it: what outputs and messages show
    key: str
    output: str
    sha256: str  # of the file's bytes; empty when it could not be read


class Outcome(NamedTuple):
    """A summarised document: its ledger record, whether the server throttled it (a 429 seen,
    retried or not), and the items of the review page drawn with its output (None: no page)."""

    record: dict[str, Any]
    throttled: bool = False
    items: int | None = None


def page_items(result: SummaryResult) -> int:
    """What the batch index counts of a summary: its listed items."""
    s = result.summary
    return len(s.achievements) + len(s.targets) + len(s.attendees) + len(s.awards)


def shown_path(path: Path) -> str:
    """The path relative to the current folder when it lies inside it, else absolute."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def shown(path: str | None) -> str:
    """A recorded path as shown_path shows it; empty when none was recorded."""
    return shown_path(Path(path)) if path else ""


def write_atomic(path: Path, text: str) -> None:
    """Write a temporary file beside the target and rename it over: never a half-written file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise write_failure(path, exc) from None


def is_fatal(record: dict[str, Any]) -> bool:
    """A failure of the run's surroundings (the output folder), not of the document: the run
    stops, and the document is not recorded as failed."""
    return (record.get("error") or {}).get("class") == OutputError.__name__


def usage_fields(usage: Usage) -> dict[str, Any]:
    data = usage.model_dump(include=set(USAGE_FIELDS))
    return {name: data[name] for name in USAGE_FIELDS}


_PAID_FIELDS = (
    "attempts",
    "prompt_tokens",
    "cached_prompt_tokens",
    "completion_tokens",
    "total_tokens",
    "cost_usd",
)


def paid_record(item: WorkItem, usage: Usage, tag: dict[str, Any]) -> dict[str, Any]:
    """One billed answer of a document not yet finished: its own tokens and price."""
    fields = usage.model_dump(include={*_PAID_FIELDS})
    return {"type": "paid", "key": item.key, "path": str(item.path), "usage": fields, **tag}


def done_record(item: WorkItem, result: SummaryResult, **extra: Any) -> dict[str, Any]:
    return {
        "type": "doc",
        "status": "done",
        "key": item.key,
        "path": str(item.path),
        "output": item.output,
        "backend": result.usage.backend,
        "model": result.usage.model,
        "usage": usage_fields(result.usage),
        "verified": result.verification.verified,
        "unverified_claims": len(result.verification.failures),
        "alerts": [alert.code for alert in result.alerts],
        "warnings": result.usage.warnings[:5],
        **extra,
    }


def error_info(exc: BaseException) -> dict[str, Any]:
    """The error class, its one line, and the cause failures are grouped by in the report."""
    if isinstance(exc, SummarizerError):
        message = redact(exc.one_line())
        if isinstance(exc, InputError):
            cause = _FIGURES.sub("N", exc.reason)  # "file is N bytes, larger than ..."
        elif isinstance(exc, TransportError) and exc.last_status:
            cause = f"the endpoint kept answering {exc.last_status}"
        else:
            cause = exc.message.split(": ")[0][:160]  # the kind of failure, not its details
        return {"class": type(exc).__name__, "message": message, "cause": cause}
    if isinstance(exc, OSError):  # the system's reason, never "internal error"
        error = write_failure(exc.filename or "a file", exc)
        cause = error.data["cause"]
        message = f"{exc.filename}: {cause}" if exc.filename else cause
        return {"class": type(exc).__name__, "message": message, "cause": cause}
    text = " ".join(str(exc).split())[:300]
    return {
        "class": type(exc).__name__,
        "message": f"internal error: {text}",
        "cause": f"internal error ({type(exc).__name__})",
    }


def failed_record(item: WorkItem, exc: BaseException, **extra: Any) -> dict[str, Any]:
    """A failed document; what its requests were billed travels with the error, if anything."""
    spent = getattr(exc, "data", {}).get("usage") if isinstance(exc, SummarizerError) else None
    if isinstance(spent, Usage) and "usage" not in extra:
        extra["usage"] = usage_fields(spent)
    return {
        "type": "doc",
        "status": "failed",
        "key": item.key,
        "path": str(item.path),
        "output": None,
        "error": error_info(exc),
        **extra,
    }


def draw_page(json_path: Path, result: SummaryResult, text: str | None, note: str = "") -> None:
    """Write `<name>.html` for the result `<name>.json` holds, over its source's text."""
    from ..render.html import render_html

    write_atomic(json_path.with_suffix(".html"), render_html(result, text, note))


def finish(
    item: WorkItem, folder: Path, result: SummaryResult, source: str | None = None, **extra: Any
) -> dict[str, Any]:
    """Write the output (and its review page over `source`, the document's text, when given),
    then describe it: the ledger is told only about what is on disk."""
    write_atomic(folder / item.output, result.model_dump_json(indent=2))
    if source is not None:  # drawn here, where the result and the text are in memory
        draw_page(folder / item.output, result, source)
    return done_record(item, result, **extra)


async def summarize_async(
    item: WorkItem,
    folder: Path,
    settings: Any,
    backend: Any,
    tag: dict[str, Any],
    doc: Any = None,
    clock: float | None = None,
) -> Outcome:
    """Summarise (async backend), verify and write one document and its page, reading it
    unless given."""
    from ..ingest import read_document
    from ..pipeline import asummarize_document

    clock = time.perf_counter() if clock is None else clock
    if doc is None:
        try:
            doc = read_document(item.shown, max_bytes=settings.max_bytes)
        except InputError as exc:
            return Outcome(failed_record(item, exc, **tag))
    try:
        result = await asummarize_document(doc, backend, started=clock)
        record = finish(item, folder, result, doc.text, **tag)
    except Exception as exc:
        throttled = isinstance(exc, TransportError) and exc.last_status == 429
        return Outcome(failed_record(item, exc, **tag), throttled)
    return Outcome(record, result.usage.transport_retries > 0, page_items(result))


# --- A process-pool worker, for the CPU-bound rules backend ----------------------------------------

_BACKENDS: dict[Any, Any] = {}
_PARENT_CHECK_S = 0.5


def watch_parent(parent: int) -> None:
    """Pool initializer: a worker whose runner was killed (kill -9) exits instead of waiting
    forever for work that will never come; Ctrl-C is the runner's to handle, not the worker's."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while True:
            time.sleep(_PARENT_CHECK_S)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def summarize_in_worker(
    item: WorkItem, folder: Path, settings: Any, extra: dict[str, Any]
) -> Outcome:
    """Read, summarise, verify and write one document and its page in a worker process.

    Errors travel back as data: our errors take arguments that pickling would lose.
    """
    from ..backends import make_backend
    from ..ingest import read_document
    from ..pipeline import summarize_document

    try:
        backend = _BACKENDS.get(settings)
        if backend is None:
            backend = _BACKENDS[settings] = make_backend(settings)
        doc = read_document(item.shown, max_bytes=settings.max_bytes)
        result = summarize_document(doc, backend)
        return Outcome(finish(item, folder, result, doc.text, **extra), items=page_items(result))
    except Exception as exc:
        return Outcome(failed_record(item, exc, **extra))

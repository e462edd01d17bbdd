"""Getting one predicted summary per gold document: by running a backend, or from saved files."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError

from ..errors import InputError, LLMError
from ..schema import ReportSummary, SummaryResult, Usage, VerificationReport
from .gold import GoldItem, first_error, read_json_object

if TYPE_CHECKING:  # the backends pull in document reading, which scoring saved files never needs
    from ..backends import Backend

Status = Literal["ok", "missing", "failed"]


@dataclass(frozen=True)
class DocRun:
    """One document's prediction; a missing or failed one scores as an empty summary."""

    item: GoldItem
    summary: ReportSummary
    verification: VerificationReport | None = None
    usage: Usage | None = None
    status: Status = "ok"
    error: str | None = None
    time_s: float | None = None
    exception: LLMError | None = field(default=None, compare=False, repr=False)


Progress = Callable[[int, int, DocRun], None]


def run_backend(
    items: Sequence[GoldItem],
    backend: Backend,
    *,
    max_bytes: int,
    progress: Progress | None = None,
    concurrency: int = 1,
) -> list[DocRun]:
    """Summarise every gold document, `concurrency` at a time; an LLM failure marks that document
    failed and goes on. Runs come back in the gold set's order.

    When no document at all could be summarised, the last failure is raised: there is nothing
    to score, and the cause (an endpoint down, a wrong model) is the same for all.
    """
    from concurrent.futures import ThreadPoolExecutor

    runs: list[DocRun] = []
    if concurrency <= 1:
        results = map(lambda item: _run_one(item, backend, max_bytes), items)
        for index, run in enumerate(results, start=1):
            runs.append(run)
            if progress:
                progress(index, len(items), run)
    else:
        with ThreadPoolExecutor(concurrency) as pool:
            futures = [pool.submit(_run_one, item, backend, max_bytes) for item in items]
            for index, future in enumerate(futures, start=1):
                runs.append(future.result())
                if progress:
                    progress(index, len(items), runs[-1])
    failures = [run for run in runs if run.status == "failed"]
    if failures and len(failures) == len(runs) and failures[-1].exception is not None:
        raise failures[-1].exception
    return runs


def _run_one(item: GoldItem, backend: Backend, max_bytes: int) -> DocRun:
    from ..ingest import read_document
    from ..pipeline import summarize_document

    started = time.perf_counter()
    doc = read_document(item.source, max_bytes=max_bytes)
    try:
        result = summarize_document(doc, backend)
    except LLMError as exc:
        return DocRun(
            item,
            ReportSummary(),
            status="failed",
            error=exc.one_line(),
            time_s=time.perf_counter() - started,
            exception=exc,
        )
    return DocRun(
        item,
        result.summary,
        result.verification,
        result.usage,
        time_s=time.perf_counter() - started,
    )


def _load_prediction(item: GoldItem, path: Path) -> DocRun:
    raw = read_json_object(path)
    try:
        if "summary" in raw:
            result = SummaryResult.model_validate(raw)
            return DocRun(
                item,
                result.summary,
                result.verification,
                result.usage,
                time_s=result.usage.latency_s or None,
            )
        return DocRun(item, ReportSummary.model_validate(raw))
    except ValidationError as exc:
        raise InputError(
            str(path),
            f"is not a summary ({first_error(exc)})",
            hint="a prediction is the JSON `summarizer summarize` writes, or a bare summary",
        ) from None


def load_predictions(
    items: Sequence[GoldItem], folder: Path, *, progress: Progress | None = None
) -> list[DocRun]:
    """Read `<stem>.json` for every gold document; a missing file counts as an empty summary."""
    if not folder.is_dir():
        raise InputError(str(folder), "is not a folder of predictions", hint="one <stem>.json each")
    runs = []
    for index, item in enumerate(items, start=1):
        path = folder / f"{item.name}.json"
        if path.is_file():
            run = _load_prediction(item, path)
        else:
            run = DocRun(item, ReportSummary(), status="missing", error=f"no {path.name}")
        runs.append(run)
        if progress:
            progress(index, len(items), run)
    return runs

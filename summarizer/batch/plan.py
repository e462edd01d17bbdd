"""Deciding, document by document, what a run must do: send it, skip it, or adopt its output.

Streaming: a document is hashed only when its turn comes, so a run over many thousands starts
at once and never holds their contents.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..schema import SummaryResult
from .keys import RunConfig, content_hash, doc_key, unreadable_hash
from .ledger import LedgerState
from .work import WorkItem, done_record, shown_path

# Failures that were never the document's fault: the next run tries it again by itself.
NOT_THE_DOCUMENTS = frozenset(
    {"BudgetExceededError", "OutputError", "OSError", "PermissionError", "FileNotFoundError"}
)


@dataclass(frozen=True)
class Step:
    item: WorkItem
    skip: str | None = None  # why it is not sent: "done", "failed", "duplicate"
    adopted: dict[str, Any] | None = None  # a done record rebuilt from an unrecorded output
    note: str | None = None


def _item(path: Path, name: str, config_id: str) -> WorkItem:
    try:
        sha = content_hash(path)
        key = doc_key(sha, config_id)
    except OSError:
        sha = ""
        key = doc_key(unreadable_hash(path), config_id)
    return WorkItem(path=path, shown=shown_path(path), key=key, output=name, sha256=sha)


def _failed_before(record: dict[str, Any] | None) -> bool:
    """Failed, and not merely left unstarted by --max-cost or stopped by an output folder that
    could not be written (those are picked up again)."""
    if record is None or record.get("status") != "failed":
        return False
    return (record.get("error") or {}).get("class") not in NOT_THE_DOCUMENTS


def adopt(
    item: WorkItem, folder: Path, state: LedgerState, config: RunConfig
) -> dict[str, Any] | None:
    """A done record for an output a killed run wrote but never recorded, when it provably
    belongs to this document under this configuration; else None and the document is redone."""
    path = folder / item.output
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    writers = [r for r in state.runs if float(r.get("started_ts") or 0) <= mtime]
    if not writers or writers[-1].get("config_id") != config.digest or not item.sha256:
        return None
    try:
        result = SummaryResult.model_validate_json(path.read_bytes())
    except (OSError, ValueError, ValidationError):
        return None
    usage = result.usage
    same = (usage.backend, usage.model, usage.prompt_version) == (
        config.backend,
        config.model,
        config.prompt_version,
    )
    if not same or result.source.sha256 != item.sha256:
        return None
    writer = writers[-1]
    return done_record(
        item,
        result,
        recovered=True,
        run=writer.get("run"),
        config_id=config.digest,
        via=writer.get("via"),
    )


def plan(
    paths: Sequence[Path],
    names: dict[Path, str],
    state: LedgerState,
    config: RunConfig,
    folder: Path,
    *,
    retry_failed: bool,
) -> Iterator[Step]:
    """One Step per input path, in order."""
    first: dict[str, str] = {}
    for path in paths:
        item = _item(path, names[path], config.digest)
        if item.key in first:
            yield Step(item, skip="duplicate", note=f"same content as {first[item.key]}")
            continue
        first[item.key] = item.shown
        if state.is_done(item.key, folder):
            yield Step(item, skip="done")
            continue
        record = state.docs.get(item.key)
        if _failed_before(record) and not retry_failed:
            yield Step(item, skip="failed", note="failed before; --retry-failed tries it again")
            continue
        yield Step(item, adopted=adopt(item, folder, state, config))

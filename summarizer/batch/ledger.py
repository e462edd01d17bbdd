"""The ledger: DIR/ledger.jsonl, append-only, one JSON record a line, each flushed and fsynced.

It is the batch's memory across runs and crashes: a document whose latest record says "done"
(and whose output is still the one that record wrote) is never summarised again. A line torn by
a crash is ignored when read, and the next append starts on a fresh line.

Records (every one has "type" and "time"):
- run: a run began: its id, configuration, how it sends requests, how many inputs.
- doc: a document finished: "done" (usage, verification) or "failed" (error class, message).
- skip: a document of this run was not sent: already done, failed before, or a duplicate.
- batch / batch_end: a provider batch was submitted (its documents) / reached a final status.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError, UsageError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one writer per folder is then up to the user
    fcntl = None  # type: ignore[assignment]

LEDGER_NAME = "ledger.jsonl"

Record = dict[str, Any]


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _line(record: Record) -> bytes:
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


class Ledger:
    """Appends records durably; one writer per DIR at a time (an exclusive lock on the file,
    which the system releases when the writer dies, however it dies)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LEDGER_NAME
        self._handle: Any = None

    def _open(self) -> Any:
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = self.path.open("ab")
            try:
                if fcntl is not None:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                raise UsageError(
                    f"another batch is writing to {self.path.parent}",
                    hint="wait for it to finish, or give another --out",
                ) from None
            if handle.tell() > 0 and not _ends_with_newline(self.path):
                handle.write(b"\n")  # a crash tore the last line; start a fresh one
            self._handle = handle
        return self._handle

    def append(self, records: Iterable[Record]) -> None:
        """Write the records and return only once they are on disk."""
        data = b"".join(_line({"time": now_iso(), **r}) for r in records)
        if not data:
            return
        handle = self._open()
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())

    def fileno(self) -> int | None:
        """The open handle's descriptor: a forked worker closes its copy so only the writer
        holds the lock."""
        return None if self._handle is None else self._handle.fileno()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def read_records(folder: Path) -> Iterator[Record]:
    """Every whole record of DIR's ledger, oldest first; torn or foreign lines are skipped."""
    path = folder / LEDGER_NAME
    if not path.exists():
        return
    with path.open("rb") as handle:
        for raw in handle:
            if not raw.endswith(b"\n"):
                break  # torn by a crash mid-write
            try:
                record = json.loads(raw)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("type"), str):
                yield record


@dataclass
class LedgerState:
    """What the ledger says now: the latest record of each document, and the runs so far."""

    runs: list[Record] = field(default_factory=list)
    docs: dict[str, Record] = field(default_factory=dict)  # key -> latest doc record
    owners: dict[str, str] = field(default_factory=dict)  # folded output name -> key
    claims: dict[str, str] = field(default_factory=dict)  # folded output name -> path
    names: dict[str, str] = field(default_factory=dict)  # path -> output name
    last_skips: list[Record] = field(default_factory=list)  # skip records of the latest run
    batches: dict[str, Record] = field(default_factory=dict)  # provider batch id -> record
    batch_ends: dict[str, Record] = field(default_factory=dict)

    def add(self, record: Record) -> None:
        kind = record["type"]
        if kind == "run":
            self.runs.append(record)
            self.last_skips = []
        elif kind == "doc" and isinstance(record.get("key"), str):
            self._doc(record)
        elif kind == "skip":
            self.last_skips.append(record)
        elif kind == "batch" and isinstance(record.get("id"), str):
            self.batches[record["id"]] = record
        elif kind == "batch_end" and isinstance(record.get("id"), str):
            self.batch_ends[record["id"]] = record

    def _doc(self, record: Record) -> None:
        key = record["key"]
        self.docs[key] = record
        output, path = record.get("output"), record.get("path")
        if isinstance(output, str) and isinstance(path, str):
            self.names[path] = output
            self.claims[output.casefold()] = path
            if record.get("status") == "done":
                self.owners[output.casefold()] = key

    def is_done(self, key: str, folder: Path) -> bool:
        """Done, and its output file is still the one the done record wrote."""
        record = self.docs.get(key)
        if record is None or record.get("status") != "done":
            return False
        output = record.get("output")
        if not isinstance(output, str) or self.owners.get(output.casefold()) != key:
            return False
        return (folder / output).is_file()

    def open_batches(self, config_id: str) -> list[Record]:
        """Provider batches of this configuration submitted but never brought to an end."""
        return [
            b
            for batch_id, b in self.batches.items()
            if batch_id not in self.batch_ends and b.get("config_id") == config_id
        ]


def load_state(folder: Path) -> LedgerState:
    state = LedgerState()
    for record in read_records(folder):
        state.add(record)
    return state


def require_ledger(folder: Path) -> None:
    if not (folder / LEDGER_NAME).is_file():
        raise InputError(
            str(folder),
            f"holds no {LEDGER_NAME}",
            hint="give the --out folder of a `summarizer batch` run",
        )

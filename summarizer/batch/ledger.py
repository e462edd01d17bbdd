"""The ledger: DIR/ledger.jsonl, append-only, one JSON record a line, each flushed and fsynced.

It is the batch's memory across runs and crashes: a document whose latest record says "done"
(and whose output is still the one that record wrote) is never summarised again. A line torn by
a crash is ignored when read, and the next append starts on a fresh line.

Records (every one has "type" and "time"):
- run: a run began: its id, configuration, how it sends requests, how many inputs.
- paid: one answer the provider billed, written the moment it arrives, before it is used: the
  spend of a run killed before the document's own record is still counted.
- doc: a document finished: "done" (usage, verification) or "failed" (error class, message).
- skip: a document of this run was not sent: already done, failed before, or a duplicate.
- intent: a provider batch is about to be created, tagged (metadata) so a run killed during
  the create call finds it again instead of paying for a second one.
- batch / batch_end: a provider batch was submitted (its documents) / reached a final status.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError, OutputError, UsageError, write_failure

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one writer per folder is then up to the user
    fcntl = None  # type: ignore[assignment]

LEDGER_NAME = "ledger.jsonl"
MAX_LINE_BYTES = 16_000_000  # a longer line is not one of ours: skipped unread

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
        self.broken: OutputError | None = None  # once a write failed, no more are tried
        self._lock = threading.Lock()  # paid answers are written from more than one thread

    def _open(self) -> Any:
        if self._handle is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                handle = self.path.open("ab", buffering=0)
            except OSError as exc:
                raise write_failure(self.path, exc) from None
            try:
                if fcntl is not None:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                raise UsageError(
                    f"another batch is writing to {self.path.parent}",
                    hint="wait for it to finish, or give another --out",
                ) from None
            self._handle = handle
            if handle.seek(0, os.SEEK_END) > 0 and not _ends_with_newline(self.path):
                self._write(b"\n")  # a crash tore the last line; start a fresh one
        return self._handle

    def append(self, records: Iterable[Record]) -> None:
        """Write the records and return only once they are on disk; on a write error the
        ledger is cut back to its last whole record and OutputError says why."""
        data = b"".join(_line({"time": now_iso(), **r}) for r in records)
        if not data:
            return
        with self._lock:
            if self.broken is not None:
                raise self.broken
            self._open()
            self._write(data)

    def _write(self, data: bytes) -> None:
        handle = self._handle
        start = handle.seek(0, os.SEEK_END)
        try:
            view = memoryview(data)
            while view:
                view = view[handle.write(view) :]
            os.fsync(handle.fileno())
        except OSError as exc:
            with contextlib.suppress(OSError):
                handle.truncate(start)  # needs no free space: the ledger stays whole
            self.broken = write_failure(self.path, exc)
            raise self.broken from None

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
            record = parse_line(raw)
            if isinstance(record, dict) and isinstance(record.get("type"), str):
                yield record


def parse_line(raw: bytes) -> Any:
    """One ledger line as JSON, or None when it is not one of ours (too long, nested too
    deep, a number too long to convert, not JSON)."""
    if len(raw) > MAX_LINE_BYTES:
        return None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return None


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
    intents: dict[str, Record] = field(default_factory=dict)  # tag -> intent not yet resolved

    def add(self, record: Record) -> None:
        kind = record["type"]
        if kind == "run":
            self.runs.append(record)
            self.last_skips = []
        elif kind == "doc" and isinstance(record.get("key"), str):
            self._doc(record)
        elif kind == "skip":
            self.last_skips.append(record)
        elif kind == "intent" and isinstance(record.get("tag"), str):
            if record.get("resolved"):
                self.intents.pop(record["tag"], None)
            else:
                self.intents[record["tag"]] = record
        elif kind == "batch" and isinstance(record.get("id"), str):
            self.batches[record["id"]] = record
            self.intents.pop(record.get("tag") or "", None)
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

    def open_intents(self, config_id: str) -> list[Record]:
        """Batches of this configuration about to be created when a run stopped."""
        return [i for i in self.intents.values() if i.get("config_id") == config_id]

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

"""Provider batch endpoints of the fake server: file uploads and batches answered by a responder.

A batch is "validating" when created; each retrieve is one poll. While polls <= `polls` it is
"in_progress"; the next poll runs every JSONL line through the responder and completes it, with
200 answers in output_file_id and the others in error_file_id.
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .replies import Reply, Responder

CHAT_ENDPOINT = "/v1/chat/completions"


def parse_multipart(content_type: str, raw: bytes) -> dict[str, tuple[str | None, bytes]]:
    """Form fields of a multipart/form-data body: name -> (filename, bytes)."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
    fields: dict[str, tuple[str | None, bytes]] = {}
    if not message.is_multipart():
        return fields
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name:
            decoded = part.get_payload(decode=True)
            fields[str(name)] = (
                part.get_filename(),
                decoded if isinstance(decoded, bytes) else b"",
            )
    return fields


@dataclass
class _Batch:
    data: dict[str, Any]
    polls: int = 0


@dataclass
class BatchStore:
    """Uploaded files and batches of one fake server."""

    responder: Responder
    polls: int = 0  # retrieves answered "in_progress" before the batch completes
    on_completion: Callable[[dict[str, Any]], None] | None = None  # each 200 body sent
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    contents: dict[str, bytes] = field(default_factory=dict)
    batches: dict[str, _Batch] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def handle(self, request: dict[str, Any], raw: bytes) -> Reply | None:
        """The answer to a /v1/files or /v1/batches request; None for other paths."""
        method, parts = request["method"], request["path"].strip("/").split("/")
        if len(parts) < 2 or parts[0] != "v1" or parts[1] not in ("files", "batches"):
            return None
        with self._lock:
            if parts[1] == "files":
                return self._files(method, parts[2:], request, raw)
            return self._batches(method, parts[2:], request)

    # --- files ------------------------------------------------------------------------------

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):04d}{uuid.uuid4().hex[:12]}"

    def _store_file(self, filename: str, purpose: str, content: bytes) -> dict[str, Any]:
        file_id = self._new_id("file-")
        meta = {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": int(time.time()),
            "filename": filename,
            "purpose": purpose,
            "status": "processed",
        }
        self.files[file_id] = meta
        self.contents[file_id] = content
        return meta

    def _files(self, method: str, rest: list[str], request: dict, raw: bytes) -> Reply:
        if method == "POST" and not rest:
            form = parse_multipart(request["headers"].get("content-type", ""), raw)
            if "file" not in form or "purpose" not in form:
                return Reply.error(400, "a multipart 'file' and 'purpose' are required")
            filename, content = form["file"]
            purpose = form["purpose"][1].decode()
            return Reply(body=self._store_file(filename or "upload.jsonl", purpose, content))
        if not rest or rest[0] not in self.files:
            return Reply.error(404, f"No such File object: {rest[0] if rest else ''}")
        file_id = rest[0]
        if method == "GET" and rest[1:] == ["content"]:
            return Reply(
                body=self.contents[file_id], headers={"Content-Type": "application/octet-stream"}
            )
        if method == "GET" and len(rest) == 1:
            return Reply(body=self.files[file_id])
        if method == "DELETE" and len(rest) == 1:
            del self.files[file_id], self.contents[file_id]
            return Reply(body={"id": file_id, "object": "file", "deleted": True})
        return Reply.error(404, f"no route {method} /v1/files/{'/'.join(rest)}")

    # --- batches ----------------------------------------------------------------------------

    def _batches(self, method: str, rest: list[str], request: dict) -> Reply:
        if method == "POST" and not rest:
            return self._create(request.get("json") or {})
        if not rest or rest[0] not in self.batches:
            return Reply.error(404, f"No such Batch object: {rest[0] if rest else ''}")
        batch = self.batches[rest[0]]
        if method == "GET" and len(rest) == 1:
            self._advance(batch)
            return Reply(body=dict(batch.data))
        if method == "POST" and rest[1:] == ["cancel"]:
            if batch.data["status"] not in ("validating", "in_progress"):
                return Reply.error(
                    409, f"Cannot cancel a batch with status '{batch.data['status']}'."
                )
            batch.data.update(status="cancelling", cancelling_at=int(time.time()))
            return Reply(body=dict(batch.data))
        return Reply.error(404, f"no route {method} /v1/batches/{'/'.join(rest)}")

    def _create(self, body: dict[str, Any]) -> Reply:
        file_id = body.get("input_file_id")
        if file_id not in self.files:
            return Reply.error(404, f"No such File object: {file_id}")
        if self.files[file_id]["purpose"] != "batch":
            return Reply.error(400, "the input file must be uploaded with purpose 'batch'")
        if body.get("endpoint") != CHAT_ENDPOINT:
            return Reply.error(400, f"endpoint must be {CHAT_ENDPOINT!r}")
        if body.get("completion_window") != "24h":
            return Reply.error(400, "completion_window must be '24h'")
        now = int(time.time())
        data = {
            "id": self._new_id("batch_"),
            "object": "batch",
            "endpoint": CHAT_ENDPOINT,
            "input_file_id": file_id,
            "completion_window": "24h",
            "status": "validating",
            "created_at": now,
            "expires_at": now + 86400,
            "output_file_id": None,
            "error_file_id": None,
            "errors": None,
            "metadata": body.get("metadata"),
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
        }
        self.batches[data["id"]] = _Batch(data)
        return Reply(body=dict(data))

    def _advance(self, batch: _Batch) -> None:
        status = batch.data["status"]
        now = int(time.time())
        if status == "cancelling":
            batch.data.update(status="cancelled", cancelled_at=now)
        if status not in ("validating", "in_progress"):
            return
        batch.polls += 1
        if batch.polls <= self.polls:
            batch.data.update(status="in_progress", in_progress_at=now)
            return
        self._run(batch, now)

    def _run(self, batch: _Batch, now: int) -> None:
        content = self.contents.get(batch.data["input_file_id"], b"")
        items = []
        for number, line in enumerate(content.decode("utf-8", "replace").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                items.append((str(item["custom_id"]), item["url"], item["body"]))
            except (ValueError, KeyError, TypeError):
                error = {"code": "invalid_json_line", "line": number, "message": "not a request"}
                errors = {"object": "list", "data": [error]}
                batch.data.update(status="failed", failed_at=now, errors=errors)
                return
        done: list[str] = []
        failed: list[str] = []
        for custom_id, url, body in items:
            ok, line = self._answer_line(custom_id, url, body)
            (done if ok else failed).append(line)
        for key, lines in (("output_file_id", done), ("error_file_id", failed)):
            if lines:
                data = ("\n".join(lines) + "\n").encode()
                batch.data[key] = self._store_file("batch_output.jsonl", "batch_output", data)["id"]
        counts = {"total": len(items), "completed": len(done), "failed": len(failed)}
        batch.data.update(
            status="completed",
            in_progress_at=batch.data.get("in_progress_at") or now,
            finalizing_at=now,
            completed_at=now,
            request_counts=counts,
        )

    def _answer_line(self, custom_id: str, url: str, body: Any) -> tuple[bool, str]:
        """(answered 200, the output JSONL line) for one request of a batch."""
        reply = self.responder({"method": "POST", "path": url, "headers": {}, "json": body})
        answer = (
            reply.body.decode("utf-8", "replace") if isinstance(reply.body, bytes) else reply.body
        )
        ok = reply.status == 200 and not reply.drop
        if ok and isinstance(answer, dict) and self.on_completion is not None:
            self.on_completion(answer)
        out = {
            "id": f"batch_req_{uuid.uuid4().hex[:24]}",
            "custom_id": custom_id,
            "response": {
                "status_code": reply.status,
                "request_id": f"req_{uuid.uuid4().hex[:24]}",
                "body": answer,
            },
            "error": None,
        }
        return ok, json.dumps(out, ensure_ascii=False)

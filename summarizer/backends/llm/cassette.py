"""Record and replay of LLM HTTP traffic as httpx transports given to the openai client.

A cassette is JSONL, one exchange a line: {"method", "path", "digest", "request", "status",
"headers", "body"} (or "body_b64" for bytes that are not UTF-8, or "exception" when the
transport failed). Replay answers by (method, path, canonical request body); one request seen
several times gets its recorded answers in order, then the last again. Request headers are never
written, so no Authorization or api-key header reaches a cassette; only response headers the
client reads are kept.
"""

from __future__ import annotations

import base64
import email.parser
import email.policy
import hashlib
import json
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx

from ...errors import InputError, ReplayMissError, UsageError

KEPT_RESPONSE_HEADERS = (
    "content-type",
    "retry-after",
    "retry-after-ms",
    "x-request-id",
    "x-should-retry",
)


def _canonical_request(request: httpx.Request) -> Any:
    """The request body as a stable JSON value: parsed JSON, form fields, text or a digest."""
    raw = request.content
    if not raw:
        return None
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
        form: dict[str, Any] = {}
        for part in message.iter_parts():
            name = str(part.get_param("name", header="content-disposition"))
            decoded = part.get_payload(decode=True)
            payload = decoded if isinstance(decoded, bytes) else b""
            if part.get_filename() is None:
                form[name] = payload.decode("utf-8", "replace")
            else:
                digest = hashlib.sha256(payload).hexdigest()
                form[name] = {"filename": part.get_filename(), "sha256": digest}
        return {"multipart": form}
    try:
        return json.loads(raw)
    except ValueError:
        pass
    try:
        return {"text": raw.decode("utf-8")}
    except UnicodeDecodeError:
        return {"sha256": hashlib.sha256(raw).hexdigest()}


def _path(request: httpx.Request) -> str:
    return request.url.raw_path.decode("ascii")


def _key(method: str, path: str, body: Any) -> str:
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f"{method} {path}\n{canonical}"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def replay_miss_in(exc: BaseException | None) -> ReplayMissError | None:
    """The ReplayMissError behind an exception: the openai client wraps transport errors."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, ReplayMissError):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


# --- Recording --------------------------------------------------------------------------------


class _Recorder:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def _write(self, request: httpx.Request, outcome: dict[str, Any]) -> None:
        method, path, body = request.method, _path(request), _canonical_request(request)
        entry = {"method": method, "path": path, "digest": _digest(_key(method, path, body))}
        entry["request"] = body
        entry.update(outcome)
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line)

    def response(
        self, request: httpx.Request, response: httpx.Response, body: bytes
    ) -> httpx.Response:
        kept = {k: v for k, v in response.headers.items() if k.lower() in KEPT_RESPONSE_HEADERS}
        outcome: dict[str, Any] = {"status": response.status_code, "headers": kept}
        try:
            outcome["body"] = body.decode("utf-8")
        except UnicodeDecodeError:
            outcome["body_b64"] = base64.b64encode(body).decode("ascii")
        self._write(request, outcome)
        headers = [
            (k, v)
            for k, v in response.headers.multi_items()
            if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")
        ]
        return httpx.Response(response.status_code, headers=headers, content=body, request=request)

    def failure(self, request: httpx.Request, exc: httpx.TransportError) -> None:
        self._write(request, {"exception": {"type": type(exc).__name__, "message": str(exc)}})


class RecordingTransport(httpx.BaseTransport):
    """Sends through `inner` and appends each exchange to the cassette at `path`."""

    def __init__(self, inner: httpx.BaseTransport, path: str | Path) -> None:
        self.inner = inner
        self._recorder = _Recorder(path)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        try:
            response = self.inner.handle_request(request)
            try:
                body = response.read()
            finally:
                response.close()
        except httpx.TransportError as exc:
            self._recorder.failure(request, exc)
            raise
        return self._recorder.response(request, response, body)

    def close(self) -> None:
        self.inner.close()


class AsyncRecordingTransport(httpx.AsyncBaseTransport):
    """The async form of RecordingTransport, for AsyncOpenAI."""

    def __init__(self, inner: httpx.AsyncBaseTransport, path: str | Path) -> None:
        self.inner = inner
        self._recorder = _Recorder(path)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        try:
            response = await self.inner.handle_async_request(request)
            try:
                body = await response.aread()
            finally:
                await response.aclose()
        except httpx.TransportError as exc:
            self._recorder.failure(request, exc)
            raise
        return self._recorder.response(request, response, body)

    async def aclose(self) -> None:
        await self.inner.aclose()


# --- Replay -----------------------------------------------------------------------------------


class _Cassette:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        lines = _read_lines(self.path)
        self.entries: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                key = _key(entry["method"], entry["path"], entry["request"])
            except (ValueError, KeyError, TypeError):
                raise InputError(
                    str(path), f"line {number} is not a cassette entry", line=number
                ) from None
            self.entries[key].append(entry)
        self._served: dict[str, int] = defaultdict(int)
        self._lock = threading.Lock()

    def answer(self, request: httpx.Request) -> httpx.Response:
        method, path = request.method, _path(request)
        key = _key(method, path, _canonical_request(request))
        with self._lock:
            entries = self.entries.get(key)
            if not entries:
                digest = _digest(key)
                raise ReplayMissError(
                    f"replay: {method} {path} (request {digest}) is not in cassette {self.path}",
                    hint="record the run again with --record, or replay with the same model, "
                    "prompt and options as the recorded run",
                    method=method,
                    path=path,
                    digest=digest,
                    cassette=str(self.path),
                )
            index = min(self._served[key], len(entries) - 1)
            self._served[key] += 1
        return self._response(entries[index], request)

    @staticmethod
    def _response(entry: dict[str, Any], request: httpx.Request) -> httpx.Response:
        failure = entry.get("exception")
        if failure:
            kind = getattr(httpx, str(failure.get("type")), None)
            if not (isinstance(kind, type) and issubclass(kind, httpx.TransportError)):
                kind = httpx.TransportError
            raise kind(str(failure.get("message", "")), request=request)
        if "body_b64" in entry:
            content = base64.b64decode(entry["body_b64"])
        else:
            content = str(entry.get("body", "")).encode("utf-8")
        return httpx.Response(
            int(entry["status"]),
            headers=entry.get("headers") or {},
            content=content,
            request=request,
        )


class ReplayTransport(httpx.BaseTransport):
    """Answers from the cassette at `path`; never touches the network."""

    def __init__(self, path: str | Path) -> None:
        self._cassette = _Cassette(path)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        return self._cassette.answer(request)


class AsyncReplayTransport(httpx.AsyncBaseTransport):
    """The async form of ReplayTransport, for AsyncOpenAI."""

    def __init__(self, path: str | Path) -> None:
        self._cassette = _Cassette(path)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        return self._cassette.answer(request)


def cassette_transport(
    *, record: Path | None, replay: Path | None, asynchronous: bool = False
) -> httpx.BaseTransport | httpx.AsyncBaseTransport | None:
    """The transport that Settings.record / Settings.replay ask for; None when neither is set."""
    if record is not None and replay is not None:
        raise UsageError("--record and --replay cannot be used together")
    if replay is not None:
        return AsyncReplayTransport(replay) if asynchronous else ReplayTransport(replay)
    if record is not None:
        if asynchronous:
            return AsyncRecordingTransport(httpx.AsyncHTTPTransport(), record)
        return RecordingTransport(httpx.HTTPTransport(), record)
    return None


def _read_lines(path: Path) -> list[str]:
    """The cassette's lines; a missing or unreadable cassette is one line saying so."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(
            str(path), "no such cassette", hint="record one first with --record PATH"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the cassette: {exc}") from None


def recorded_model(path: Path) -> str | None:
    """The model the cassette's first request named, so a replay needs no --model."""
    for line in _read_lines(path):
        try:
            model = json.loads(line).get("request", {}).get("model")
        except (ValueError, AttributeError):
            continue
        if isinstance(model, str) and model:
            return model
    return None

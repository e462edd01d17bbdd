"""A fake OpenAI-compatible server on 127.0.0.1 for tests, benchmarks and trying the LLM backend
with no account.

Scripted Replies are answered in order, then a responder (by default the offline rules backend,
shaped as the request asks). Every request is recorded; usage of every completion sent is
summed. Run `python -m summarizer.testing.fakeserver --port 8000` to serve until Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import signal
import socket
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from signal import SIGINT, SIGTERM
from typing import Any
from urllib.parse import urlsplit

from .batches import CHAT_ENDPOINT, BatchStore
from .personalities import PERSONALITIES, LlamaCppResponder, self_description
from .replies import (
    Reply,
    Request,
    Responder,
    RulesResponder,
    completion_body,
    error_body,
    find_document,
    request_mode,
)

__all__ = [
    "FakeServer",
    "Reply",
    "RulesResponder",
    "completion_body",
    "error_body",
    "find_document",
    "main",
    "request_mode",
    "serve_until_signal",
]

_USAGE_KEYS = ("prompt_tokens", "completion_tokens", "total_tokens", "cached_tokens")


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    fake: FakeServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the openai client's pool expects
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        self.server.fake._connections.add(self.connection)

    def finish(self) -> None:
        self.server.fake._connections.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        log = self.server.fake.log
        if log is not None:
            log(f"{self.address_string()} {format % args}")

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while (size := int(self.rfile.readline().split(b";")[0], 16)) > 0:
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _serve(self) -> None:
        fake = self.server.fake
        raw = self._body()
        arrived = time.monotonic()
        request = fake._record(self.command, self.path, dict(self.headers.items()), raw)
        with fake._in_flight():
            reply = fake._answer(request, raw)
            headers, data = _encoded(reply)  # the server's own work happens within the latency
            wait = fake.latency + reply.delay - (time.monotonic() - arrived)
            if wait > 0 and fake._stopping.wait(wait):
                reply = Reply.dropped()
            if reply.drop:
                self.close_connection = True
                return
            with contextlib.suppress(OSError):  # the client may have given up (a stall)
                self._send(reply, headers, data)

    def _send(self, reply: Reply, headers: dict[str, str], data: bytes) -> None:
        self.send_response(reply.status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if isinstance(reply.body, dict) and not reply.cut:  # counted before the client reads
            self.server.fake._count_usage(reply.body)
        if reply.cut:  # half the promised body, then the connection closes
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(data)


def _encoded(reply: Reply) -> tuple[dict[str, str], bytes]:
    """A reply's headers and body bytes."""
    headers = {k.lower(): v for k, v in reply.headers.items()}
    body = reply.body
    if isinstance(body, dict):
        data = json.dumps(body, ensure_ascii=False).encode()
        headers.setdefault("content-type", "application/json")
    elif isinstance(body, str):
        data = body.encode()
        headers.setdefault("content-type", "text/plain; charset=utf-8")
    else:
        data = body or b""
        headers.setdefault("content-type", "application/octet-stream")
    headers.setdefault("x-request-id", f"req_{uuid.uuid4().hex[:24]}")
    return headers, data


class FakeServer:
    """A real HTTP server in a background thread; use as a context manager or start()/stop()."""

    def __init__(
        self,
        responder: Responder | None = None,
        *,
        latency: float = 0.0,
        port: int = 0,
        cached_share: float = 0.0,
        fail_rate: float = 0.0,
        fail_status: int = 429,
        retry_after: float | None = 0.2,
        seed: int = 0,
        batch_polls: int = 0,
        log: Any = None,
        personality: str = "openai",
        n_ctx: int = 8192,
    ) -> None:
        self.personality = personality
        self.n_ctx = n_ctx
        self.responder: Responder = responder or RulesResponder(cached_share=cached_share)
        self.states_window = True  # False: /props and max_model_len are not served
        self._llamacpp = LlamaCppResponder(self._scripted_or_respond, n_ctx)
        self.latency = latency
        self.port = port
        self.fail_rate = fail_rate
        self.fail_status = fail_status
        self.retry_after = retry_after
        self.log = log
        self.requests: list[Request] = []
        self.usage_total: dict[str, int] = dict.fromkeys(_USAGE_KEYS, 0)
        self.in_flight = 0
        self.max_in_flight = 0
        self.batches = BatchStore(self._safe_respond, polls=batch_polls)
        self.batches.on_completion = self._count_usage
        self._random = random.Random(seed)
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle --------------------------------------------------------------------------

    def start(self) -> FakeServer:
        self._stopping.clear()
        self._httpd = _HTTPServer(("127.0.0.1", self.port), _Handler)
        self._httpd.fake = self
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving: wake stalled answers, close open connections, free the port."""
        if self._httpd is None:
            return
        self._stopping.set()
        self._httpd.shutdown()
        for conn in list(self._connections):
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # --- script and records -----------------------------------------------------------------

    def enqueue(self, *replies: Reply) -> None:
        """Answer the next requests with these, in order, before the responder."""
        with self._lock:
            self._queue.extend(replies)

    def requests_to(self, path: str, method: str = "POST") -> list[Request]:
        """The recorded requests for one endpoint, e.g. "/v1/chat/completions"."""
        return [r for r in self.requests if r["path"] == path and r["method"] == method]

    def chat_bodies(self) -> list[dict[str, Any]]:
        """The JSON bodies of the chat requests, in the order they arrived: what was sent."""
        return [r["json"] for r in self.requests_to("/v1/chat/completions")]

    def _record(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> Request:
        parsed: Any = None
        headers = {k.lower(): v for k, v in headers.items()}
        if raw and "json" in headers.get("content-type", ""):
            with contextlib.suppress(ValueError):
                parsed = json.loads(raw)
        request = {
            "method": method,
            "path": urlsplit(target).path,
            "headers": headers,
            "json": parsed,
        }
        with self._lock:
            self.requests.append(request)
        return request

    def _count_usage(self, body: dict[str, Any]) -> None:
        usage = body.get("usage") if body.get("object") == "chat.completion" else None
        if not isinstance(usage, dict):
            return
        details = usage.get("prompt_tokens_details") or {}
        with self._lock:
            for key in _USAGE_KEYS[:3]:
                self.usage_total[key] += int(usage.get(key) or 0)
            self.usage_total["cached_tokens"] += int(details.get("cached_tokens") or 0)

    @contextlib.contextmanager
    def _in_flight(self) -> Iterator[None]:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            yield
        finally:
            with self._lock:
                self.in_flight -= 1

    # --- answers ----------------------------------------------------------------------------

    def _safe_respond(self, request: Request) -> Reply:
        try:
            return self.responder(request)
        except Exception as exc:  # a broken responder answers 500 rather than killing the thread
            return Reply.error(500, f"fake server responder failed: {type(exc).__name__}: {exc}")

    def _scripted_or_respond(self, request: Request) -> Reply:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        return self._safe_respond(request)

    def _answer(self, request: Request, raw: bytes) -> Reply:
        method, path = request["method"], request["path"]
        is_chat = method == "POST" and path == CHAT_ENDPOINT
        with self._lock:
            if is_chat and self.fail_rate and self._random.random() < self.fail_rate:
                return Reply.error(self.fail_status, retry_after=self._retry_after_for_fault())
            if self._queue and not is_chat and not _self_description(method, path):
                return self._queue.popleft()
        if is_chat and self.personality == "llamacpp":
            # the server's own checks come first, then the script or the responder, reshaped
            return self._llamacpp(request)
        if is_chat:
            return self._scripted_or_respond(request)
        personality = self.personality if self.states_window else "openai"
        described = self_description(personality, self.n_ctx, method, path)
        if described is not None:
            return described
        batch_reply = self.batches.handle(request, raw)
        if batch_reply is not None:
            return batch_reply
        return Reply.error(404, f"no route {method} {path}")

    def _retry_after_for_fault(self) -> float | None:
        return self.retry_after if self.fail_status in (429, 503) else None


def _self_description(method: str, path: str) -> bool:
    """What a client asks once about the server, never scripted: the model list and /props."""
    return method == "GET" and path in ("/v1/models", "/props")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m summarizer.testing.fakeserver",
        description="A fake OpenAI-compatible server on 127.0.0.1 that answers with the "
        "offline rules backend. Serves until Ctrl-C.",
    )
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument(
        "--latency", type=float, default=0.0, help="seconds from each request to its answer"
    )
    parser.add_argument(
        "--fail-rate", type=float, default=0.0, help="share of chat requests failed"
    )
    parser.add_argument("--fail-status", type=int, default=429, help="status of failed requests")
    parser.add_argument("--retry-after", type=float, default=0.2, help="Retry-After of 429/503")
    parser.add_argument("--seed", type=int, default=0, help="seed of the failure draw")
    parser.add_argument("--cached-share", type=float, default=0.0, help="share of prompt cached")
    parser.add_argument("--batch-polls", type=int, default=0, help="polls before a batch completes")
    parser.add_argument(
        "--personality", choices=PERSONALITIES, default="openai", help="which server to play"
    )
    parser.add_argument("--n-ctx", type=int, default=8192, help="context window (llamacpp, vllm)")
    parser.add_argument("--verbose", action="store_true", help="log each request to stderr")
    return parser


def main(argv: list[str] | None = None) -> None:
    """Serve until Ctrl-C, printing the base URL first."""
    args = _parser().parse_args(argv)
    server = FakeServer(
        latency=args.latency,
        port=args.port,
        cached_share=args.cached_share,
        fail_rate=args.fail_rate,
        fail_status=args.fail_status,
        retry_after=args.retry_after,
        seed=args.seed,
        batch_polls=args.batch_polls,
        personality=args.personality,
        n_ctx=args.n_ctx,
        log=(lambda line: print(line, file=sys.stderr, flush=True)) if args.verbose else None,
    )
    try:
        server.start()
    except OSError as exc:
        print(
            f"fakeserver: cannot listen on 127.0.0.1:{args.port}: {exc.strerror}", file=sys.stderr
        )
        raise SystemExit(2) from None
    print(server.url, flush=True)
    serve_until_signal(server)


def serve_until_signal(server: FakeServer) -> None:
    """Block until Ctrl-C or SIGTERM (even where the shell ignores SIGINT), then stop."""
    caught: list[int] = []  # a plain list: a signal handler must not take a lock
    previous = {
        sig: signal.signal(sig, lambda sig, _: caught.append(sig)) for sig in (SIGINT, SIGTERM)
    }
    try:
        while not caught:
            time.sleep(0.2)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.stop()


if __name__ == "__main__":
    main()


def usage_as_billed(usage: Any) -> dict[str, int]:
    """A Usage in the keys of FakeServer.usage_total, so a tool's count compares with the bill."""
    return {
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "total_tokens": usage.total_tokens,
        "cached_tokens": usage.cached_prompt_tokens,
    }

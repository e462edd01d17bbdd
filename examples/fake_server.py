"""Try the LLM backend with no account: a fake OpenAI-compatible server on 127.0.0.1.

    python examples/fake_server.py [--port 8000] [--latency 0.2]

The server answers chat completions with the offline rules backend's summary, shaped the way
the client asks (tool call, JSON or a ```json block), with plausible token usage. It prints the
command to run in another terminal, and serves until Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from summarizer.testing.fakeserver import FakeServer, serve_until_signal

ROOT = Path(__file__).resolve().parent.parent


def _sample_report() -> str:
    """A sample report, as a path the user can paste from the current directory."""
    reports = sorted((ROOT / "examples").glob("*.txt")) or sorted(
        (ROOT / "eval" / "gold").glob("*.txt")
    )
    if not reports:
        return "path/to/report.txt"
    return os.path.relpath(reports[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to each answer")
    args = parser.parse_args()

    server = FakeServer(latency=args.latency, port=args.port)
    try:
        server.start()
    except OSError as exc:
        sys.exit(f"cannot listen on 127.0.0.1:{args.port}: {exc.strerror} (try --port 0)")
    command = [
        "summarizer", "summarize", _sample_report(),
        "--backend", "llm", "--base-url", server.url, "--model", "fake-model",
    ]  # fmt: skip
    print(f"Fake OpenAI-compatible server at {server.url} (Ctrl-C to stop)", flush=True)
    print("In another terminal, try (no API key needed):", flush=True)
    print(f"  {shlex.join(command)}", flush=True)
    serve_until_signal(server)
    print(f"served {len(server.requests)} requests; usage {server.usage_total}", flush=True)


if __name__ == "__main__":
    main()

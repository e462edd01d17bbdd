"""How much CPU the LLM client spends on one request, without the network and the verifier.

Usage: .venv/bin/python bench/request_cpu.py [--base DIR] [--rounds R] [--repeat N]

For each structured mode, one conversation per corpus document is driven by the sync client
(`calls.run_sync`) over an in-memory transport that answers at once with a summary that has
nothing to verify (out of scope): the figure is what a request costs the client itself, planning
the parts, rendering the prompt, building and sending the body, and reading the completion.
The SHA-256 of every body sent is printed too, so two checkouts can be seen to send the same
bytes. `--base DIR` measures another checkout (e.g. a worktree of main) in the same run,
alternating with this one, so a loaded machine slows both alike; the minimum over rounds is kept.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODES = ("tools", "json_schema", "json_object_schema", "json")
_ANSWER = {"in_scope": False, "overview": "", "achievements": [], "targets": []}


def _answer() -> str:
    """An out-of-scope summary with every field written out, as strict answers ask."""
    from summarizer.schema import ReportSummary

    return ReportSummary.model_validate(_ANSWER).model_dump_json()


def measure(repeat: int, few_shot: bool) -> dict:
    """CPU ms per request by mode, and the hash of the bodies sent."""
    import httpx

    from summarizer.backends.llm import calls
    from summarizer.backends.llm import client as llm_client
    from summarizer.backends.llm.backend import LLMBackend
    from summarizer.config import Settings
    from summarizer.ingest import read_document

    completion = {
        "id": "bench",
        "object": "chat.completion",
        "created": 0,
        "model": "bench-model",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": _answer()},
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }
    raw = json.dumps(completion).encode()
    docs = [read_document(p) for p in sorted((ROOT / "eval" / "gold").glob("*.txt"))]
    found: dict = {}
    for mode in MODES:
        digest = hashlib.sha256()

        def answer(request: httpx.Request, digest=digest) -> httpx.Response:
            digest.update(request.content)
            return httpx.Response(200, content=raw, headers={"content-type": "application/json"})

        settings = Settings(
            backend="llm",
            backend_chosen=True,
            model="bench-model",
            base_url="http://127.0.0.1:9/v1",
            mode=mode,
            few_shot=few_shot,
            context_window=32768,
        )
        backend = LLMBackend(settings)
        openai_client = llm_client.sync_client(
            settings, httpx.Client(transport=httpx.MockTransport(answer))
        )

        def one(doc, backend=backend, openai_client=openai_client) -> None:
            for call in backend._calls(doc, backend._tally()):
                calls.run_sync(openai_client, call)

        for doc in docs:  # imports, templates, the schema: paid once per run
            one(doc)
        sent = digest.hexdigest()[:16]
        t0 = time.process_time()
        for _ in range(repeat):
            for doc in docs:
                one(doc)
        spent = time.process_time() - t0
        found[mode] = {"ms": spent / (repeat * len(docs)) * 1000, "bodies": sent}
    return found


def _child(root: Path, repeat: int, few_shot: bool) -> dict:
    env = {**os.environ, "PYTHONPATH": str(root)}
    argv = [sys.executable, __file__, "--child", "--repeat", str(repeat)]
    argv += ["--few-shot"] if few_shot else []
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=root, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="another checkout to measure alongside")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--few-shot", action="store_true", help="send the worked example too")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.repeat, args.few_shot)))
        return
    roots = {"this": ROOT} | ({"base": args.base.resolve()} if args.base else {})
    runs: dict[str, list[dict]] = {label: [] for label in roots}
    print(f"load average {os.getloadavg()[0]:.2f}")
    for _ in range(args.rounds):
        for label, root in roots.items():
            runs[label].append(_child(root, args.repeat, args.few_shot))
    for label, found in runs.items():
        print(f"{label} ({roots[label]}): client CPU per request (min of {args.rounds} rounds)")
        for mode in MODES:
            best = min(r[mode]["ms"] for r in found)
            print(f"  {mode:20} {best:6.2f} ms   bodies sha256 {found[0][mode]['bodies']}")
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

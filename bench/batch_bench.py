"""How fast `summarizer batch` runs, and how much memory it holds.

Usage: .venv/bin/python bench/batch_bench.py [--docs 200] [--latency 0.2] [--concurrency 20]
           [--responder gold|canned|rules] [--rules-docs 5000] [--skip-large] [--base DIR]

Responders: gold (the default) answers with the corpus document's gold summary (tens of claims,
what a good model returns), so every answer is parsed and verified in full; canned answers every
request with an empty, valid summary (out of scope, so it is not re-asked): nothing to verify, so
the figures measure the client's own overhead (HTTP, request building, ledger, outputs); rules runs the rules backend in the server
(realistic too, but its CPU competes with the client's on the same cores).

Scenarios, each in a fresh process so its peak memory is its own:
- llm: N distinct documents against the fake OpenAI-compatible server (in another process, so
  its CPU does not share the client's GIL) answering after a fixed latency L, at concurrency C.
  Prints the wall time, the ideal N*L/C, their ratio, the client's CPU per document (split
  into the runner's and its workers', with a worker's stages measured apart: reading,
  verifying, the output's JSON, the review page), the fake server's CPU per document (it
  shares the cores), peak memory, and checks that every document was summarised once and that
  the report's token totals equal what the server reported.
- empty: the llm scenario with empty answers, the client-overhead figure (run after llm when
  its responder is another).
- storm: the llm scenario with one request in three answered 429.
- rules: the rules backend over copies of the corpus: documents per second, in-process and
  with worker processes.
- large: a 5,000-document rules run (streamed): peak memory of the runner and of its workers.

`--base DIR` runs every scenario against another checkout too (e.g. a worktree of main), right
after this one's, so that a before and an after are measured in one run on the same machine.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "eval" / "gold"
SUFFIXES = (".txt", ".html")


def corpus_texts() -> list[tuple[str, str]]:
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in SUFFIXES)
    return [(p.suffix, p.read_text(encoding="utf-8")) for p in files]


def make_documents(folder: Path, count: int) -> list[Path]:
    """`count` distinct reports: corpus documents in turn, each with its own closing line."""
    texts = corpus_texts()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        suffix, text = texts[i % len(texts)]
        line = f"Bản tin lưu trữ số {i + 1}."
        body = text.replace("</body>", f"<p>{line}</p></body>") if suffix == ".html" else text
        path = folder / f"doc{i:05d}{suffix}"
        path.write_text(body if suffix == ".html" else f"{body.rstrip()}\n\n{line}\n", "utf-8")
        paths.append(path)
    return paths


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def client_cpu() -> float:
    """CPU seconds of this process and of its finished children: the runner's worker
    processes are the client too (the server process is still running, so not counted)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


# --- the fake server, in its own process ---------------------------------------------------------


def _answer(request: dict, summary: dict):
    """A completion carrying `summary` in the request's mode, with tokens as a server counts."""
    from summarizer.testing.fakeserver import Reply, request_mode
    from summarizer.testing.replies import prompt_chars

    body = request["json"]
    mode, tool_name = request_mode(body)
    text = json.dumps(summary, ensure_ascii=False)
    return Reply.summary(
        text,
        mode="tools" if mode == "tools" else "json",
        tool_name=tool_name,
        prompt_tokens=max(1, math.ceil(prompt_chars(body) / 4)),
        completion_tokens=max(1, len(text) // 4),
    )


def written_out(summary: dict) -> dict:
    """A summary with every field written out, as a strict answer must be."""
    from summarizer.schema import ReportSummary

    return ReportSummary.model_validate(summary).model_dump(mode="json")


_EMPTY: dict = {}


def canned_responder(request: dict):
    """An empty, valid summary: the cheapest answer, so the figures measure the client. It says
    the document is out of scope: an empty summary of an in-scope one is re-asked."""
    if not _EMPTY:
        empty = {"in_scope": False, "overview": "", "achievements": [], "targets": []}
        _EMPTY.update(written_out(empty))
    return _answer(request, _EMPTY)


class GoldResponder:
    """The gold summary of the corpus document a request carries."""

    def __init__(self) -> None:
        from summarizer.ingest import read_document

        self.golds: list[tuple[str, dict]] = []
        for path in sorted(p for p in CORPUS.iterdir() if p.suffix in SUFFIXES):
            doc = read_document(path)
            gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
            self.golds.append(((doc.article or doc.text)[:400], written_out(gold)))

    def __call__(self, request: dict):
        from summarizer.testing.fakeserver import find_document

        document = find_document(request["json"]["messages"])
        return _answer(request, next(g for start, g in self.golds if document.startswith(start)))


def serve(latency: float, responder: str, urls, stop, totals, fail_rate: float = 0.0) -> None:
    from summarizer.testing.fakeserver import FakeServer

    respond = {"canned": canned_responder, "rules": None}.get(responder) or GoldResponder()
    arrivals: list[float] = []  # wall-clock time of each answered chat request

    def answer(request: dict):
        arrivals.append(time.time())
        return respond(request)

    server = FakeServer(
        answer,
        latency=latency,
        fail_rate=fail_rate,
        retry_after=0.2,
    )
    with server:
        ready = time.process_time()  # what the server spends answering, its start-up apart
        urls.put(server.url)
        stop.wait()
        chat = server.requests_to("/v1/chat/completions")
        totals.put(
            {"usage": server.usage_total, "max_in_flight": server.max_in_flight}
            | {"requests": len(chat), "cpu_s": time.process_time() - ready, "arrivals": arrivals}
        )


# --- scenarios ------------------------------------------------------------------------------------


def _warm_up(paths: list[Path], settings, out: Path) -> None:
    """Imports and the prompt are paid once per command, not per document: pay them first
    (with a document of each kind, so the web-page reader is loaded too), against a server of
    their own so the measured server's totals stay the run's."""
    from dataclasses import replace

    from summarizer.batch import BatchOptions, run_batch
    from summarizer.testing.fakeserver import FakeServer

    with FakeServer(canned_responder) as server:
        warm = replace(settings, base_url=server.url)
        run_batch([p.resolve() for p in paths], warm, BatchOptions(out=out))


def scenario_llm(args, fail_rate: float = 0.0) -> dict:
    from summarizer.batch import BatchOptions, read_records, run_batch
    from summarizer.config import Settings

    context = multiprocessing.get_context("spawn")
    urls, totals, stop = context.Queue(), context.Queue(), context.Event()
    serving = (args.latency, args.responder, urls, stop, totals, fail_rate)
    server = context.Process(target=serve, args=serving)
    server.start()
    url = urls.get(timeout=60)
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_documents(Path(tmp) / "in", args.docs)
        settings = Settings(
            backend="llm",
            backend_chosen=True,
            model="fake-model",
            base_url=url,
            api_key_env="SUMMARIZER_BENCH_NO_KEY",
            max_retries=10,
        )
        kinds = {p.suffix: p for p in reversed(paths)}  # the first of each kind: text, page
        _warm_up(list(kinds.values()), settings, Path(tmp) / "warm")
        out = Path(tmp) / "out"
        options = BatchOptions(out=out, concurrency=args.concurrency)
        own0, cpu0, wall0 = time.process_time(), client_cpu(), time.perf_counter()
        began = time.time()
        outcome = run_batch([p.resolve() for p in paths], settings, options)
        wall, cpu = time.perf_counter() - wall0, client_cpu() - cpu0
        ended = time.time()
        own = time.process_time() - own0
        stages = _stages_cpu(paths) if args.responder == "gold" else {}
        done = Counter(
            r["key"] for r in read_records(out) if r["type"] == "doc" and r["status"] == "done"
        )
        outputs = len([p for p in out.glob("*.json") if p.name != "report.json"])
        report = outcome.report["totals"]
    stop.set()
    server_side = totals.get(timeout=60)
    server.join(timeout=30)
    ideal = args.docs * args.latency / args.concurrency
    usage = server_side["usage"]
    arrived = sorted(server_side["arrivals"]) or [began]
    return {
        "scenario": "storm" if fail_rate else "llm",
        "refused": server_side["requests"] - report["attempts"],
        "retries": report["transport_retries"],
        "done": report["done"],
        "documents": args.docs,
        "latency_s": args.latency,
        "concurrency": args.concurrency,
        "responder": args.responder,
        "wall_s": round(wall, 3),
        "ideal_s": round(ideal, 3),
        "ratio": round(wall / ideal, 3) if ideal else None,
        "client_cpu_ms_per_doc": round(cpu / args.docs * 1000, 2),
        "runner_cpu_ms_per_doc": round(own / args.docs * 1000, 2),
        "workers_cpu_ms_per_doc": round((cpu - own) / args.docs * 1000, 2),
        "verifier_cpu_ms_per_doc": round(stages.get("verify", 0.0) * 1000, 2),
        "stages_cpu_ms_per_doc": {k: round(v * 1000, 2) for k, v in stages.items()},
        "server_cpu_ms_per_doc": round(server_side["cpu_s"] / args.docs * 1000, 2),
        "load_average": round(os.getloadavg()[0], 2),
        "peak_mb": round(peak_mb(), 1),
        "server_max_in_flight": server_side["max_in_flight"],
        # where the wall time goes: before the first answer is asked for, between the first and
        # the last request the server answered, and after it
        "first_request_s": round(arrived[0] - began, 3),
        "requests_span_s": round(arrived[-1] - arrived[0], 3),
        "after_last_s": round(ended - arrived[-1], 3),
        "done_once": len(done) == args.docs and set(done.values()) == {1},
        "outputs": outputs,
        "tokens_match_server": (report["prompt_tokens"], report["completion_tokens"])
        == (usage["prompt_tokens"], usage["completion_tokens"]),
        "report_tokens": report["prompt_tokens"] + report["completion_tokens"],
        "server_tokens": usage["prompt_tokens"] + usage["completion_tokens"],
    }


def _stages_cpu(paths: list[Path]) -> dict[str, float]:
    """CPU seconds per document of the stages of a worker's document that are not the client's
    HTTP and parsing, measured apart on the gold answers: reading the source, verifying (with a
    fresh index), writing the output's JSON and drawing its review page."""
    from summarizer.backends import Extraction
    from summarizer.ingest import read_document
    from summarizer.numbers.mentions import forget_numbers
    from summarizer.pipeline import result
    from summarizer.render.html import render_html
    from summarizer.schema import ReportSummary, Usage
    from summarizer.verify import verify, wordtokens
    from summarizer.verify.verifier import index_source

    golds = GoldResponder().golds
    spent = Counter[str]()
    for path in paths:
        t0 = time.process_time()
        doc = read_document(path)
        spent["read"] += time.process_time() - t0
        start = (doc.article or doc.text)[:400]
        gold = ReportSummary.model_validate(next(g for s, g in golds if start.startswith(s)))
        index_source.cache_clear()
        wordtokens._claim.cache_clear()  # the summary's strings too: a worker sees them anew
        forget_numbers()
        t0 = time.process_time()
        verify(gold, doc.text)
        spent["verify"] += time.process_time() - t0
        done = result(doc, Extraction(gold, Usage(backend="llm")), time.perf_counter())
        t0 = time.process_time()
        done.model_dump_json(indent=2)
        spent["output"] += time.process_time() - t0
        t0 = time.process_time()
        render_html(done, doc.text, "")
        spent["page"] += time.process_time() - t0
    return {stage: cpu / len(paths) for stage, cpu in spent.items()}


def _rules_run(paths: list[Path], out: Path, concurrency: int) -> tuple[float, object]:
    from summarizer.batch import BatchOptions, run_batch
    from summarizer.config import Settings

    settings = Settings(backend="rules", backend_chosen=True)
    started = time.perf_counter()
    outcome = run_batch(paths, settings, BatchOptions(out=out, concurrency=concurrency))
    return time.perf_counter() - started, outcome


def scenario_rules(args) -> dict:
    workers = os.cpu_count() or 1
    result = {"scenario": "rules", "documents": args.corpus_docs, "cpus": workers}
    with tempfile.TemporaryDirectory() as tmp:
        paths = [p.resolve() for p in make_documents(Path(tmp) / "in", args.corpus_docs)]
        for label, concurrency in (("in_process", 1), ("workers", workers)):
            wall, outcome = _rules_run(paths, Path(tmp) / f"out-{label}", concurrency)
            result[f"{label}_docs_per_s"] = round(len(paths) / wall, 2)
            result[f"{label}_done"] = outcome.totals.done
    result["peak_mb"] = round(peak_mb(), 1)
    return result


def scenario_large(args) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        paths = [p.resolve() for p in make_documents(Path(tmp) / "in", args.rules_docs)]
        wall, outcome = _rules_run(paths, Path(tmp) / "out", args.rules_concurrency)
        return {
            "scenario": "large",
            "documents": len(paths),
            "done": outcome.totals.done,
            "wall_s": round(wall, 1),
            "docs_per_s": round(len(paths) / wall, 2),
            "peak_mb": round(peak_mb(), 1),
            "worker_peak_mb": round(peak_mb(resource.RUSAGE_CHILDREN), 1),
        }


def scenario_storm(args) -> dict:
    return scenario_llm(args, fail_rate=1 / 3)


def scenario_empty(args) -> dict:
    """The llm scenario again, every answer empty: the client's own overhead."""
    found = scenario_llm(argparse.Namespace(**{**vars(args), "responder": "canned"}))
    return found | {"scenario": "empty"}


SCENARIOS = {
    "llm": scenario_llm,
    "storm": scenario_storm,
    "empty": scenario_empty,
    "rules": scenario_rules,
    "large": scenario_large,
}


def _stages(result: dict) -> str:
    """The stages measured apart, as a worker's share: "; of which read 1.2, verify 9.8, ..."."""
    stages = result.get("stages_cpu_ms_per_doc") or {}
    shown = ", ".join(f"{name} {ms:.1f}" for name, ms in stages.items())
    return f"; measured apart: {shown}" if shown else ""


def _show(result: dict) -> None:
    name = result["scenario"]
    if name in ("llm", "empty"):
        what = "full answers" if name == "llm" else "empty answers, the client's own overhead"
        print(
            f"{name} ({what}): {result['documents']} documents, latency {result['latency_s']} s, "
            f"concurrency {result['concurrency']} ({result['responder']} responder)\n"
            f"  wall {result['wall_s']:.2f} s, ideal {result['ideal_s']:.2f} s, "
            f"ratio {result['ratio']:.2f}; client CPU {result['client_cpu_ms_per_doc']:.1f} ms "
            f"per document (runner {result['runner_cpu_ms_per_doc']:.1f}, workers "
            f"{result['workers_cpu_ms_per_doc']:.1f}{_stages(result)}); server CPU "
            f"{result['server_cpu_ms_per_doc']:.1f} ms per document; peak "
            f"{result['peak_mb']:.0f} MB; server "
            f"saw at most {result['server_max_in_flight']} at once; load average "
            f"{result['load_average']:.1f}\n"
            f"  timeline: first request at {result['first_request_s']:.2f} s, the server answered "
            f"requests over {result['requests_span_s']:.2f} s, the run ended "
            f"{result['after_last_s']:.2f} s after the last\n"
            f"  every document done once: {result['done_once']} ({result['outputs']} outputs); "
            f"report tokens {result['report_tokens']:,} = server tokens "
            f"{result['server_tokens']:,}: {result['tokens_match_server']}"
        )
    elif name == "storm":
        print(
            f"storm: {result['documents']} documents with 1 in 3 requests answered 429: "
            f"{result['done']} done in {result['wall_s']:.2f} s; the server refused "
            f"{result['refused']} requests, the report counts {result['retries']} transport "
            f"retries; every document done once: {result['done_once']}"
        )
    elif name == "rules":
        print(
            f"rules: {result['documents']} documents (corpus copies): "
            f"{result['in_process_docs_per_s']:.1f} documents/s in one process, "
            f"{result['workers_docs_per_s']:.1f} documents/s with {result['cpus']} workers; "
            f"peak {result['peak_mb']:.0f} MB"
        )
    else:
        print(
            f"large: {result['documents']:,} documents with the rules backend in "
            f"{result['wall_s']:.0f} s ({result['docs_per_s']:.1f}/s), {result['done']:,} done; "
            f"peak memory {result['peak_mb']:.0f} MB (runner), "
            f"{result['worker_peak_mb']:.0f} MB (largest worker)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--responder", choices=("canned", "gold", "rules"), default="gold")
    parser.add_argument("--corpus-docs", type=int, default=160)
    parser.add_argument("--rules-docs", type=int, default=5000)
    parser.add_argument("--rules-concurrency", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--base", type=Path, help="another checkout to measure after this one")
    parser.add_argument("--only", choices=tuple(SCENARIOS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        print(json.dumps(SCENARIOS[args.only](args)))
        return
    names = ["llm", *(["empty"] if args.responder != "canned" else []), "storm", "rules"]
    names += [] if args.skip_large else ["large"]
    roots = {"this": ROOT} | ({"base": args.base.resolve()} if args.base else {})
    own, given = [], iter(sys.argv[1:])
    for arg in given:  # the children measure one checkout each: --base is not theirs
        if arg == "--base":
            next(given, None)
        elif not arg.startswith("--base="):
            own.append(arg)
    for name in names:
        for label, root in roots.items():
            argv = [sys.executable, __file__, *own, "--only", name]
            env = {**os.environ, "PYTHONPATH": str(root)}
            done = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
            if done.returncode != 0:
                print(f"{label} {name}: failed\n{done.stderr}", file=sys.stderr)
                continue
            if args.base:
                print(f"[{label}: {root}] ", end="")
            _show(json.loads(done.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()

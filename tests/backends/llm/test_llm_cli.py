"""`summarizer summarize` with the LLM backend, through the installed console script."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.testing.fakeserver import Reply

EXE = Path(sys.executable).parent / "summarizer"
GOLD = Path(__file__).resolve().parents[3] / "eval" / "gold"
DOC = GOLD / "d09_da-nang.txt"
SUMMARY = {"in_scope": True, **json.loads((GOLD / "d09_da-nang.gold.json").read_text())}
KEY = "sk-summarizer-cli-test-5e1f0c9a7b3d"
PRICES = Path(__file__).resolve().parent / "fake-prices.json"


def _fabricated() -> dict:
    data = json.loads(json.dumps(SUMMARY))
    data["achievements"][0]["metrics"][0].update(value=150000, text="150.000 tỷ đồng")
    return data


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    clean |= {"SUMMARIZER_RETRY_BACKOFF": "0.01"} | (env or {})
    return subprocess.run(
        [str(EXE), "summarize", str(DOC), *args],
        capture_output=True,
        text=True,
        env=clean,
        timeout=120,
    )


def _llm(server, *args: str) -> tuple[str, ...]:
    return ("--base-url", server.url, "--model", "fake-model", *args)


def _one_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("summarizer: ")
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.slow
def test_a_good_run_prints_the_result_and_nothing_else(fake_server):
    fake_server.enqueue(Reply.summary(SUMMARY))
    done = _run(*_llm(fake_server))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["summary"] == SUMMARY
    assert result["verification"]["verified"] is True
    usage = result["usage"]
    assert usage["backend"] == "llm" and usage["model"] == "fake-model"
    assert (usage["requests"], usage["attempts"], usage["reasks"]) == (1, 1, 0)
    assert usage["prompt_tokens"] == fake_server.usage_total["prompt_tokens"]
    assert len(usage["prompt_version"]) == 12
    assert usage["cost_usd"] is None
    assert done.stderr == ""  # a server on this machine has no price to warn about


@pytest.mark.slow
def test_a_price_file_gives_a_cost_and_no_warning(fake_server, tmp_path):
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps({"fake-model": {"input": 2.0, "output": 4.0}}))
    fake_server.enqueue(Reply.summary(SUMMARY, prompt_tokens=500_000, completion_tokens=250_000))
    done = _run(*_llm(fake_server, "--pricing", str(prices)))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["usage"]["cost_usd"] == pytest.approx(2.0)
    assert done.stderr == ""


FAILURES = [
    ([Reply.error(500)] * 3, [], "kept answering 500 Internal Server Error (3 attempts)"),
    (
        [Reply.error(429, retry_after=0.01)] * 3,
        [],
        "kept answering 429 Too Many Requests (3 attempts)",
    ),
    (
        [Reply.stall(2.0)] * 2,
        ["--timeout", "0.3", "--max-retries", "1"],
        "within 0.3 s (2 attempts)",
    ),
    ([Reply.dropped()] * 3, [], "dropped the connection without an answer (3 attempts)"),
    ([Reply.not_json()] * 3, [], "answered with a body that is not JSON (text/html; 3 attempts)"),
    (
        [Reply.summary({"achievements": "nhiều"})] * 3,
        [],
        "never returned a summary that fits the schema (3 answers)",
    ),
    ([Reply.error(404, "no model fake-model")], [], "answered 404: no model fake-model"),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("replies", "args", "says"),
    FAILURES,
    ids=["500", "429", "stall", "dropped", "not-json", "schema", "404"],
)
def test_llm_failures_exit_4_with_one_line(fake_server, replies, args, says):
    fake_server.enqueue(*replies)
    done = _run(*_llm(fake_server, "-q", "--max-retries", "2", "--max-reasks", "2", *args))
    assert done.returncode == 4, done.stderr
    assert done.stdout == ""
    line = _one_line(done.stderr)
    assert says in line
    assert line.endswith(")")  # the hint says what to do


@pytest.mark.slow
def test_retries_are_announced_unless_quiet_and_verbose_shows_each_request(fake_server):
    fake_server.enqueue(Reply.error(503), Reply.summary(SUMMARY))
    done = _run(*_llm(fake_server, "--pricing", str(PRICES)))
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "answered 503 Service Unavailable; retrying in" in lines[0]
    assert lines[0].endswith("(attempt 2/5)")
    fake_server.enqueue(Reply.error(503), Reply.summary(SUMMARY))
    quiet = _run(*_llm(fake_server, "-q"))
    assert quiet.returncode == 0 and quiet.stderr == ""
    fake_server.enqueue(Reply.error(503), Reply.summary(SUMMARY))
    verbose = _run(*_llm(fake_server, "-v", "--pricing", str(PRICES)))
    posts = [line for line in verbose.stderr.splitlines() if "POST " in line]
    assert len(posts) == 2 and "retrying in" in verbose.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://127.0.0.1:9/v1", "connection refused"),
        ("http://no-such-host.invalid/v1", "unknown host"),
    ],
)
def test_a_missing_server_is_one_line_at_once(url, says):
    done = _run("--base-url", url, "--model", "m", env={"SUMMARIZER_RETRY_BACKOFF": "30"})
    assert done.returncode == 4
    line = _one_line(done.stderr)  # no retry was announced: a 30 s wait would show one
    assert says in line and "check --base-url" in line


@pytest.mark.slow
def test_a_fabricated_number_is_reasked_and_the_run_succeeds(fake_server):
    fake_server.enqueue(Reply.summary(_fabricated()), Reply.summary(SUMMARY))
    done = _run(*_llm(fake_server, "--strict"))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["summary"] == SUMMARY and result["verification"]["verified"]
    assert (result["usage"]["attempts"], result["usage"]["reasks"]) == (2, 1)
    reask = fake_server.requests_to("/v1/chat/completions")[1]["json"]["messages"][-1]
    assert reask["role"] == "user" and "150.000 tỷ đồng" in reask["content"]


@pytest.mark.slow
@pytest.mark.parametrize(("strict", "code"), [(False, 0), (True, 3)])
def test_a_summary_that_stays_wrong_is_written_unverified(fake_server, strict, code):
    fake_server.enqueue(*[Reply.summary(_fabricated())] * 3)
    done = _run(*_llm(fake_server, "--max-reasks", "2", *(["--strict"] if strict else [])))
    assert done.returncode == code, done.stderr
    result = json.loads(done.stdout)
    assert result["summary"] == _fabricated()
    assert result["verification"]["verified"] is False
    assert (result["usage"]["attempts"], result["usage"]["reasks"]) == (3, 2)
    lines = done.stderr.splitlines()
    assert len(lines) == len(set(lines)) == (1 if strict else 0)  # strict's line
    assert "Traceback" not in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["--backend", "llm"],
            "the llm backend needs a model (set --model NAME or SUMMARIZER_MODEL",
        ),
        (
            ["--backend", "llm", "--model", "gpt-4o-mini"],
            "no API key: set OPENAI_API_KEY or --base-url",
        ),
        (
            ["--model", "gpt-4o-mini", "--api-key-env", "MY_LLM_KEY"],
            "no API key: set MY_LLM_KEY or --base-url",
        ),
    ],
)
def test_missing_configuration_is_one_line_exit_2(args, says):
    done = _run(*args)
    assert done.returncode == 2
    assert says in _one_line(done.stderr)
    assert done.stdout == ""


@pytest.mark.slow
def test_the_key_never_appears_in_any_output(fake_server, tmp_path):
    env = {"MY_LLM_KEY": KEY}
    cassette, out = tmp_path / "run.jsonl", tmp_path / "out.json"
    fake_server.enqueue(Reply.error(500), Reply.summary(SUMMARY))
    args = _llm(fake_server, "--api-key-env", "MY_LLM_KEY", "--record", str(cassette))
    ok = _run(*args, "--out", str(out), env=env)
    assert ok.returncode == 0, ok.stderr
    fake_server.enqueue(Reply.error(401, f"Incorrect API key provided: {KEY}"))
    refused = _run(*_llm(fake_server, "--api-key-env", "MY_LLM_KEY"), env=env)
    assert refused.returncode == 4
    assert "refused the API key (401)" in _one_line(refused.stderr)

    # the key did reach the endpoint, read from the variable --api-key-env names ...
    auth = {
        r["headers"].get("authorization") for r in fake_server.requests_to("/v1/chat/completions")
    }
    assert auth == {f"Bearer {KEY}"}
    # ... and nowhere else
    for text in (ok.stdout, ok.stderr, refused.stdout, refused.stderr):
        assert KEY not in text
    assert KEY not in out.read_text() and KEY not in cassette.read_text()
    assert json.loads(out.read_text())["summary"] == SUMMARY

    # the cassette replays the run offline, retries included
    fake_server.stop()
    # (with the recorded run's options: --base-url chose --mode auto; nothing is sent to it)
    replayed = _run(*_llm(fake_server, "--replay", str(cassette), "--out", str(out)))
    assert replayed.returncode == 0, replayed.stderr
    usage = json.loads(out.read_text())["usage"]
    assert json.loads(out.read_text())["summary"] == SUMMARY
    assert (usage["requests"], usage["transport_retries"]) == (2, 1)


@pytest.mark.slow
def test_a_failed_document_says_under_verbose_what_it_spent():
    from summarizer.testing.fakeserver import FakeServer
    from summarizer.testing.replies import completion_body

    with FakeServer(personality="llamacpp") as server:
        server.enqueue(*[Reply(body=completion_body(content='{"type": "json_schema"}'))] * 2)
        done = _run(*_llm(server, "--mode", "auto", "--max-reasks", "1", "-v"))
        said = server.usage_total
    assert done.returncode == 4, done.stderr
    lines = done.stderr.splitlines()
    assert "type: Extra inputs are not permitted" in lines[-2]
    # the rejected json_schema request, then two answers: the server's own sums
    assert lines[-1] == (
        f"summarizer: spent on it: 3 request(s), 2 answer(s), {said['prompt_tokens']} prompt + "
        f"{said['completion_tokens']} completion tokens"
    )

"""The LLM backend against a real OpenAI-compatible HTTP server on 127.0.0.1."""

import asyncio
import json
from pathlib import Path

import pytest

from summarizer.backends.llm import LLMBackend, build_request, make_llm_backend, prompting
from summarizer.cli.exits import exit_code
from summarizer.config import Settings
from summarizer.errors import ConfigError, LLMError, ResponseError, TransportError
from summarizer.ingest import read_document
from summarizer.schema import ReportSummary
from summarizer.testing.fakeserver import Reply, usage_as_billed
from summarizer.testing.settings import NO_KEY, fake_llm_settings
from summarizer.verify import verify

GOLD = Path(__file__).resolve().parents[3] / "eval" / "gold"
CHAT = "/v1/chat/completions"


def _doc(stem: str = "d09_da-nang"):
    return read_document(GOLD / f"{stem}.txt")


def _gold(stem: str = "d09_da-nang") -> ReportSummary:
    return ReportSummary.model_validate_json((GOLD / f"{stem}.gold.json").read_text())


def _fabricated() -> dict:
    """The gold summary with one number changed: 148.725 tỷ đồng becomes 150.000 tỷ đồng."""
    data = _gold().model_dump(mode="json")
    metric = data["achievements"][0]["metrics"][0]
    assert metric["text"] == "148.725 tỷ đồng"
    metric.update(value=150000, text="150.000 tỷ đồng")
    return data


def _settings(server, **changes) -> Settings:
    fixed = dict(api_key_env=NO_KEY, max_retries=2, retry_backoff=0.01, timeout=5.0)
    return fake_llm_settings(server.url, **(fixed | changes))


GOOD = _gold().model_dump(mode="json")


@pytest.mark.parametrize("mode", ["tools", "json_schema", "json", "md_json"])
def test_a_good_summary_in_every_mode(fake_server, mode):
    fake_server.enqueue(Reply.summary(GOOD, mode=mode, prompt_tokens=900, cached_tokens=300))
    settings = _settings(fake_server, mode=mode)
    doc = _doc()
    extraction = make_llm_backend(settings).extract(doc)

    assert extraction.summary == _gold()
    [body] = fake_server.chat_bodies()
    assert body["model"] == "fake-model"
    if mode == "tools":
        assert body["tools"][0]["function"]["name"] == "ReportSummary"
        assert body["tool_choice"]["function"]["name"] == "ReportSummary"
        assert "response_format" not in body
    else:
        assert "tools" not in body
        expected = {"json_schema": "json_schema", "json": "json_object"}.get(mode)
        assert (body.get("response_format") or {}).get("type") == expected
    system, user = body["messages"][0], body["messages"][-1]
    assert system["role"] == "system"
    assert system["content"].startswith(prompting.template("system.md").strip()[:200])
    assert f"<document>\n{doc.article.strip()}\n</document>" in user["content"]
    if mode != "md_json":  # md_json adds its own closing instruction after ours
        assert user["content"].endswith("</document>")
    # the request is exactly what build_request gives the batch mode
    assert build_request(doc, settings) == body

    usage = extraction.usage
    assert (usage.requests, usage.attempts, usage.reasks, usage.transport_retries) == (1, 1, 0, 0)
    assert usage_as_billed(usage) == fake_server.usage_total
    assert usage.backend == "llm" and usage.model == "fake-model"
    assert usage.prompt_version == prompting.prompt_version()
    assert usage.cost_usd is None
    assert usage.warnings == []  # a server on this machine has no price to know


def test_a_price_file_prices_the_run(fake_server, tmp_path):
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps({"fake-model": {"input": 1.0, "output": 2.0}}))
    fake_server.enqueue(Reply.summary(GOOD, prompt_tokens=1_000_000, completion_tokens=500_000))
    usage = make_llm_backend(_settings(fake_server, pricing=prices)).extract(_doc()).usage
    assert usage.cost_usd == pytest.approx(2.0)
    assert usage.warnings == []


def test_a_fabricated_number_is_reasked_with_the_verifiers_findings(fake_server):
    fake_server.enqueue(
        Reply.summary(_fabricated(), prompt_tokens=800, completion_tokens=400),
        Reply.summary(GOOD, prompt_tokens=1300, completion_tokens=400, cached_tokens=700),
    )
    extraction = make_llm_backend(_settings(fake_server)).extract(_doc())

    assert extraction.summary == _gold()
    first, second = fake_server.chat_bodies()
    reask = second["messages"][len(first["messages"]) :]
    assert [m["role"] for m in reask] == ["assistant", "user"]
    assert len(reask[0]["content"]) < 400  # an excerpt of the answer, not all of it
    text = reask[1]["content"]
    assert "achievements[0].metrics[0]" in text
    assert "150.000 tỷ đồng" in text and "148.725" in text  # what was claimed, what stands
    usage = extraction.usage
    assert (usage.requests, usage.attempts, usage.reasks) == (2, 2, 1)
    assert (
        usage_as_billed(usage)
        == fake_server.usage_total
        == {
            "prompt_tokens": 2100,
            "completion_tokens": 800,
            "total_tokens": 2900,
            "cached_tokens": 700,
        }
    )


def test_a_summary_that_stays_wrong_is_returned_unverified_not_dropped(fake_server):
    fake_server.enqueue(*[Reply.summary(_fabricated())] * 3)
    doc = _doc()
    extraction = make_llm_backend(_settings(fake_server, max_reasks=2)).extract(doc)

    assert extraction.summary.model_dump(mode="json") == _fabricated()  # never silently fixed
    report = verify(extraction.summary, doc.text)
    assert not report.verified
    assert {c.path for c in report.failures} >= {"achievements[0].metrics[0].value"}
    usage = extraction.usage
    assert (usage.requests, usage.attempts, usage.reasks) == (3, 3, 2)
    assert usage_as_billed(usage) == fake_server.usage_total


def test_json_that_never_fits_the_schema_is_a_response_error(fake_server):
    fake_server.enqueue(*[Reply.summary({"achievements": "nhiều"})] * 3)
    backend = make_llm_backend(_settings(fake_server, max_reasks=2))
    with pytest.raises(ResponseError) as caught:
        backend.extract(_doc())
    line = caught.value.one_line()
    assert "never returned a summary that fits the schema (3 answers)" in line
    assert "\n" not in line and exit_code(caught.value) == 4
    assert len(fake_server.chat_bodies()) == 3


def test_json_that_does_not_fit_is_reasked_and_may_then_succeed(fake_server):
    fake_server.enqueue(Reply.summary("{not json at all"), Reply.summary(GOOD))
    extraction = make_llm_backend(_settings(fake_server)).extract(_doc())
    assert extraction.summary == _gold()
    assert (extraction.usage.attempts, extraction.usage.reasks) == (2, 1)


@pytest.mark.parametrize(
    ("failures", "timeout"),
    [
        ([Reply.error(429, retry_after=0.05)], 5.0),
        ([Reply.error(500), Reply.error(502)], 5.0),
        ([Reply.stall(2.0)], 0.3),
        ([Reply.dropped()], 5.0),
        ([Reply.not_json()], 5.0),
    ],
    ids=["429", "5xx", "stall", "dropped", "not-json"],
)
def test_transport_retries_are_counted_apart_from_reasks(fake_server, failures, timeout):
    fake_server.enqueue(*failures, Reply.summary(GOOD))
    extraction = make_llm_backend(_settings(fake_server, timeout=timeout)).extract(_doc())
    assert extraction.summary == _gold()
    usage = extraction.usage
    assert usage.requests == len(failures) + 1
    assert usage.transport_retries == len(failures)
    assert (usage.attempts, usage.reasks) == (1, 0)
    assert usage_as_billed(usage) == fake_server.usage_total


@pytest.mark.parametrize(
    ("reply", "error", "says"),
    [
        (Reply.error(500), TransportError, "kept answering 500 Internal Server Error (3 attempts)"),
        (Reply.not_json(), ResponseError, "body that is not JSON"),
        (Reply.error(404, "model 'x' not found"), LLMError, "answered 404: model 'x' not found"),
    ],
    ids=["500", "not-json", "404"],
)
def test_failures_surface_as_our_one_line_errors(fake_server, reply, error, says):
    fake_server.enqueue(*[reply] * 3)
    with pytest.raises(error) as caught:
        make_llm_backend(_settings(fake_server)).extract(_doc())
    assert type(caught.value) is error
    assert says in caught.value.one_line()


def test_the_key_is_sent_to_the_endpoint_and_never_echoed(fake_server, monkeypatch):
    key = "sk-summarizer-test-9f8e7d6c5b4a"
    monkeypatch.setenv("SUMMARIZER_TEST_KEY", key)
    fake_server.enqueue(Reply.error(401, f"Incorrect API key provided: {key}"))
    settings = _settings(fake_server, api_key_env="SUMMARIZER_TEST_KEY")
    with pytest.raises(LLMError) as caught:
        make_llm_backend(settings).extract(_doc())
    assert fake_server.requests_to(CHAT)[0]["headers"]["authorization"] == f"Bearer {key}"
    assert key not in caught.value.one_line()
    assert "refused the API key (401)" in caught.value.one_line()
    assert "$SUMMARIZER_TEST_KEY" in caught.value.one_line()


def test_configuration_is_checked_before_any_request(fake_server, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="needs a model"):
        make_llm_backend(_settings(fake_server, model=None))
    with pytest.raises(ConfigError, match="set OPENAI_API_KEY or --base-url"):
        make_llm_backend(Settings(backend="llm", model="gpt-4o-mini"))
    assert fake_server.requests == []


def test_few_shot_puts_the_worked_example_before_the_document(fake_server):
    fake_server.enqueue(Reply.summary(GOOD), Reply.summary(GOOD))
    make_llm_backend(_settings(fake_server, few_shot=True)).extract(_doc())
    make_llm_backend(_settings(fake_server, few_shot=False)).extract(_doc())
    with_example, without = (b["messages"][-1]["content"] for b in fake_server.chat_bodies())
    example_text, _ = prompting.example()
    assert example_text.strip() in with_example
    assert with_example.index("<example_summary>") < with_example.index("\n<document>\n")
    assert "<example_document>" not in without


async def test_async_extraction_of_many_documents_at_once(fake_server):
    backend = LLMBackend(_settings(fake_server))
    stems = ["d09_da-nang", "d03_binh-duong", "d06_ba-ria-vung-tau", "d07_ha-giang"]
    gold = {stem: _gold(stem).model_dump(mode="json") for stem in stems}

    def responder(request):
        document = request["json"]["messages"][-1]["content"]
        stem = next(s for s in stems if _doc(s).article.strip() in document)
        return Reply.summary(gold[stem], prompt_tokens=100 + len(stem))

    fake_server.responder = responder
    fake_server.enqueue(Reply.error(429, retry_after=0.05))
    extractions = await asyncio.gather(*(backend.aextract(_doc(s)) for s in stems))
    await backend.aclose()

    assert [e.summary for e in extractions] == [_gold(s) for s in stems]
    assert sum(e.usage.requests for e in extractions) == len(stems) + 1
    assert sum(e.usage.transport_retries for e in extractions) == 1
    assert (
        sum(e.usage.prompt_tokens for e in extractions) == fake_server.usage_total["prompt_tokens"]
    )

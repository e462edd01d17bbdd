"""The LLM backend against a server that behaves like llama.cpp's (the fake server's llamacpp
personality): modes it rejects, a small context window, cut and junk answers, a deadline."""

import time
from pathlib import Path

import pytest

from summarizer.backends.llm import LLMBackend
from summarizer.backends.llm.usage import Tally
from summarizer.config import Settings
from summarizer.errors import LLMError, ResponseError
from summarizer.ingest import document_from_text, read_document
from summarizer.pipeline import summarize_document
from summarizer.render.markdown import render_markdown
from summarizer.schema import ReportSummary
from summarizer.testing.fakeserver import FakeServer, Reply, find_document, usage_as_billed
from summarizer.testing.personalities import prompt_tokens
from summarizer.testing.replies import RulesResponder, _rules_summary, completion_body
from summarizer.testing.settings import fake_llm_settings

GOLD = Path(__file__).resolve().parents[3] / "eval" / "gold"
CASSETTES = Path(__file__).parent / "cassettes"


def _short(text: str) -> dict:
    """The rules summary cut to one item a list: a small model's answer fits its output limit
    (2048 tokens in an 8192 window; two items a list of the rules summary can pass it)."""
    data = _rules_summary(text)
    for name in ("achievements", "targets", "attendees", "awards"):
        data[name] = data[name][:1]
    return data


@pytest.fixture
def llamacpp():
    responder = RulesResponder(summarize=_short)
    with FakeServer(responder, personality="llamacpp", n_ctx=8192) as server:
        yield server


def _settings(server, **changes) -> Settings:
    fixed = dict(model="smollm2-135m", mode="auto", max_retries=2, retry_backoff=0.01, timeout=5.0)
    return fake_llm_settings(server.url, **(fixed | changes))


def _doc(stem: str = "d09_da-nang"):
    return read_document(GOLD / f"{stem}.txt")


def test_auto_finds_json_object_with_a_schema_after_one_rejected_request(llamacpp):
    backend = LLMBackend(_settings(llamacpp))
    first = backend.extract(_doc())
    other = _doc("d01_ha-giang")
    second = backend.extract(other)
    parts = len(backend.parts(other))  # the prompt leaves this one two parts of an 8192 window

    formats = [body.get("response_format", {}).get("type") for body in llamacpp.chat_bodies()]
    assert formats == ["json_schema"] + ["json_object"] * (1 + parts)  # one 500, never retried
    assert "schema" in llamacpp.chat_bodies()[1]["response_format"]
    assert any("rejected json_schema" in note for note in first.notes)
    assert "response_format.type: Input should be 'text' or 'json_object'" in first.notes[-1]
    assert first.verification is not None and first.verification.verified
    assert second.usage.requests == parts  # the mode found is kept for the run
    assert (
        usage_as_billed(first.usage)["prompt_tokens"]
        + usage_as_billed(second.usage)["prompt_tokens"]
        == (llamacpp.usage_total["prompt_tokens"])
    )


def test_json_schema_asked_for_shows_the_servers_one_line_and_is_not_retried(llamacpp):
    with pytest.raises(LLMError) as caught:
        LLMBackend(_settings(llamacpp, mode="json_schema")).extract(_doc())
    line = caught.value.one_line()
    assert "answered 500: response_format.type: Input should be 'text' or 'json_object'" in line
    assert "File" not in line and "\n" not in line
    assert "does not take mode json_schema: --mode auto finds one it takes" in line
    assert len(llamacpp.chat_bodies()) == 1


def _junk_then_empty(llamacpp, *, mode: str) -> None:
    empty = ReportSummary().model_dump(mode="json")
    shaped = {"tool_args": "{} "} if mode == "tools" else {"content": "{ }"}
    echo = '{"type": "json_schema"}'
    echoed = {"tool_args": echo} if mode == "tools" else {"content": echo}
    full = (
        {"tool_args": empty} if mode == "tools" else {"content": ReportSummary().model_dump_json()}
    )
    llamacpp.enqueue(
        Reply.completion(**shaped),
        Reply.completion(**echoed),
        Reply.completion(**full),
        Reply.completion(**full),
    )


@pytest.mark.parametrize("mode", ["tools", "json_object_schema"])
def test_junk_answers_are_reasked_and_end_with_an_alert_never_a_tick(llamacpp, mode):
    _junk_then_empty(llamacpp, mode=mode)
    doc = _doc()
    result = summarize_document(doc, LLMBackend(_settings(llamacpp, mode=mode, max_reasks=3)))

    sent = llamacpp.chat_bodies()
    assert len(sent) == 4
    second, third, fourth = (body["messages"][-1]["content"] for body in sent[1:])
    assert "schema_version: Field required" in second  # `{}` names what is missing
    assert "type: Extra inputs are not permitted" in third  # the echo names its stray key
    assert "the summary is empty" in fourth
    assert [alert.code for alert in result.alerts] == ["empty_summary"]
    assert "✓" not in render_markdown(result)
    assert result.usage.reasks == 3


def test_a_wrapped_answer_is_not_taken_for_an_empty_summary(llamacpp):
    wrapped = {"summary": ReportSummary().model_dump(mode="json")}
    llamacpp.enqueue(*[Reply.summary(wrapped, mode="json")] * 2)
    with pytest.raises(ResponseError) as caught:
        LLMBackend(_settings(llamacpp, mode="json_object_schema", max_reasks=1)).extract(_doc())
    assert "summary: Extra inputs are not permitted" in caught.value.one_line()


def test_a_reask_sends_an_excerpt_of_a_long_junk_answer_not_all_of_it(llamacpp):
    junk = '{"title": "' + "x" * 20_000 + '"}'
    llamacpp.enqueue(Reply.completion(content=junk), Reply.completion(content=junk))
    settings = _settings(llamacpp, mode="json_object_schema", max_reasks=1)
    with pytest.raises(ResponseError):
        LLMBackend(settings).extract(_doc())
    first, second = llamacpp.chat_bodies()
    added = second["messages"][len(first["messages"]) :]
    assert sum(len(m["content"]) for m in added) < 2_500


def test_a_cut_tool_call_says_it_was_cut_and_names_the_fix(llamacpp):
    settings = _settings(llamacpp, mode="tools", max_output_tokens=60, max_reasks=1)
    with pytest.raises(ResponseError) as caught:
        LLMBackend(settings).extract(_doc())
    assert all(body["max_tokens"] == 60 for body in llamacpp.chat_bodies())
    line = caught.value.one_line()
    assert "cut at the output limit of 60 tokens" in line and "--max-output-tokens" in line


def _long_doc(chars: int = 40_000):
    stems = ["d01_ha-giang", "d09_da-nang", "d04_son-la"]
    texts = [read_document(GOLD / f"{s}.txt").article.strip() for s in stems]
    out: list[str] = []
    while sum(len(t) + 2 for t in out) < chars:
        out.append(texts[len(out) % len(texts)])
    return document_from_text("\n\n".join(out), path="long.txt")


def test_a_40k_document_fits_the_window_the_server_states(llamacpp):
    doc = _long_doc()
    backend = LLMBackend(_settings(llamacpp, mode="json_object_schema"))
    extraction = backend.extract(doc)

    assert [r["path"] for r in llamacpp.requests if r["method"] == "GET"] == [
        "/v1/models",
        "/props",
    ]
    sent = llamacpp.chat_bodies()
    assert len(sent) == len(backend.parts(doc)) > 1
    assert all(body["max_tokens"] == 2048 for body in sent)
    assert "extracted in" in extraction.notes[0]
    assert usage_as_billed(extraction.usage) == llamacpp.usage_total  # no 400 among them


def test_an_overflow_is_split_smaller_once_and_the_window_kept(llamacpp):
    llamacpp.states_window = False
    doc = _long_doc()
    backend = LLMBackend(_settings(llamacpp, mode="json_object_schema", context_chars=24_000))
    extraction = backend.extract(doc)

    statuses = [len(find_document(body["messages"])) for body in llamacpp.chat_bodies()]
    assert statuses[0] > 20_000  # the first part was too long: one 400
    assert all(size < 8_000 for size in statuses[1:])
    assert backend.context_window() == 8192
    assert extraction.usage.prompt_tokens == llamacpp.usage_total["prompt_tokens"]


def test_an_overflow_that_stays_names_the_options(llamacpp):
    llamacpp.states_window = False
    llamacpp.n_ctx = llamacpp._llamacpp.n_ctx = 3_000  # less than the prompt alone
    with pytest.raises(LLMError) as caught:
        LLMBackend(_settings(llamacpp, mode="json_object_schema")).extract(_long_doc())
    line = caught.value.one_line()
    assert "maximum context length is 3000 tokens" in line
    assert "--context-chars" in line and "--context-window" in line


def test_a_slow_model_cannot_run_past_the_deadline(llamacpp):
    llamacpp.enqueue(*[Reply(body=completion_body(content="{}"), delay=0.8)] * 10)
    settings = _settings(llamacpp, mode="json_object_schema", max_reasks=9, deadline=2.0)
    started = time.monotonic()
    with pytest.raises(LLMError) as caught:
        LLMBackend(settings).extract(_doc())
    assert time.monotonic() - started < 3.0
    assert "deadline of 2 s" in caught.value.one_line()


def test_the_last_summary_that_fit_is_kept_when_a_reask_times_out(llamacpp):
    good = read_document(GOLD / "d09_da-nang.txt")
    data = ReportSummary.model_validate_json((GOLD / "d09_da-nang.gold.json").read_text())
    wrong = data.model_dump(mode="json")
    wrong["achievements"][0]["metrics"][0].update(value=150000, text="150.000 tỷ đồng")
    llamacpp.enqueue(Reply.summary(wrong, mode="json"), *[Reply.stall(3.0)] * 3)
    settings = _settings(llamacpp, mode="json_object_schema", timeout=0.5, max_retries=0)
    extraction = LLMBackend(settings).extract(good)
    assert extraction.summary.achievements[0].metrics[0].text == "150.000 tỷ đồng"


def test_the_last_summary_that_fit_is_kept_when_a_reask_overflows(llamacpp):
    good = read_document(GOLD / "d09_da-nang.txt")
    data = ReportSummary.model_validate_json((GOLD / "d09_da-nang.gold.json").read_text())
    wrong = data.model_dump(mode="json")
    wrong["achievements"][0]["metrics"][0].update(value=150000, text="150.000 tỷ đồng")
    for name in ("achievements", "targets", "attendees", "awards"):
        wrong[name] = wrong[name][:1]
    settings = _settings(llamacpp, mode="json_object_schema", max_output_tokens=2048)
    backend = LLMBackend(settings)
    first = backend._calls(good, Tally())[0].prompt("json_object_schema")
    # the first request fits the window; the re-ask, longer by its findings, does not (on a
    # server that refuses messages plus max_tokens past the window, as vLLM does)
    llamacpp._llamacpp.refuses_max_tokens = True
    llamacpp.states_window = False
    llamacpp.n_ctx = llamacpp._llamacpp.n_ctx = prompt_tokens({"messages": first}) + 2048 + 20
    llamacpp.enqueue(Reply.summary(wrong, mode="json"))
    extraction = backend.extract(good)

    assert len(llamacpp.chat_bodies()) == 2  # the answer, then the re-ask the server refused
    assert extraction.summary.achievements[0].metrics[0].text == "150.000 tỷ đồng"
    assert extraction.usage.prompt_tokens == llamacpp.usage_total["prompt_tokens"]


def test_json_mode_fits_a_small_window_by_a_smaller_default_max_tokens(llamacpp):
    # json and md_json paste the schema into the prompt: ~7,000 of an 8,192-token window; a
    # server that refuses messages plus max_tokens past the window (as vLLM does) would say 400
    llamacpp._llamacpp.refuses_max_tokens = True
    doc = read_document(CASSETTES / "tay-ninh-short.txt")
    small = _short(doc.text) | {"achievements": [], "targets": [], "attendees": [], "awards": []}
    small |= {"overview": small["overview"][:80], "title": None}  # under 512 tokens
    llamacpp.enqueue(*[Reply.summary(small, mode="json")] * 2)
    backend = LLMBackend(_settings(llamacpp, mode="json", max_reasks=0))
    extraction = backend.extract(doc)

    sent = llamacpp.chat_bodies()
    assert 512 <= sent[0]["max_tokens"] < 2048  # a quarter of the window would not fit
    assert all(prompt_tokens(body) + body["max_tokens"] <= 8192 for body in sent)
    assert extraction.usage.prompt_tokens == llamacpp.usage_total["prompt_tokens"]


def test_a_max_tokens_past_the_window_is_cut_to_it_not_refused(llamacpp):
    # llama-cpp-python refuses only messages that fill n_ctx, and clips max_tokens to what is
    # left: measured with --max-output-tokens 6000 against a 4,000-token prompt in 8192
    llamacpp.states_window = False
    settings = _settings(llamacpp, mode="json_object_schema", max_output_tokens=6000)
    extraction = LLMBackend(settings).extract(_doc())

    assert [body["max_tokens"] for body in llamacpp.chat_bodies()] == [6000]
    assert extraction.usage.prompt_tokens == llamacpp.usage_total["prompt_tokens"]


def test_a_tool_call_cut_where_the_window_ended_says_so(llamacpp):
    # max_tokens 6000 is clipped to what the prompt leaves of 8192; llama.cpp still says
    # finish_reason tool_calls, and fewer than max_tokens were spent
    long = '{"title": "' + "x" * 40_000 + '"}'
    llamacpp.enqueue(Reply.completion(tool_args=long))
    settings = _settings(llamacpp, mode="tools", max_output_tokens=6000, max_reasks=0)
    with pytest.raises(ResponseError) as caught:
        LLMBackend(settings).extract(_doc())
    assert llamacpp.usage_total["completion_tokens"] < 6000
    line = caught.value.one_line()
    assert "cut where the context window of 8192 tokens ended" in line
    assert "--context-chars" in line

"""The verifier's report travels from the LLM backend's call loop to the result, so a
summary is verified once; any other summary or source is verified anew."""

import asyncio
from pathlib import Path

import pytest

from summarizer.backends import Extraction
from summarizer.backends.llm import LLMBackend
from summarizer.config import Settings
from summarizer.ingest import read_document
from summarizer.pipeline import summarize_document
from summarizer.schema import ReportSummary, Usage, VerificationReport
from summarizer.testing.fakeserver import Reply
from summarizer.testing.settings import fake_llm_settings
from summarizer.verify import verify

GOLD = Path(__file__).resolve().parents[3] / "eval" / "gold"
STEM = "d09_da-nang"


def _doc():
    return read_document(GOLD / f"{STEM}.txt")


def _gold() -> dict:
    return ReportSummary.model_validate_json((GOLD / f"{STEM}.gold.json").read_text()).model_dump(
        mode="json"
    )


def _fabricated() -> dict:
    data = _gold()
    data["achievements"][0]["metrics"][0].update(value=150000, text="150.000 tỷ đồng")
    return data


def _settings(server, **changes) -> Settings:
    return fake_llm_settings(server.url, **({"max_retries": 0, "timeout": 5.0} | changes))


async def _once(backend: LLMBackend, doc):
    try:
        return await backend.aextract(doc)
    finally:
        await backend.aclose()


REPLIES = {
    "verified at once": ([_gold()], True),
    "verified after a re-ask": ([_fabricated(), _gold()], True),
    "never verified": ([_fabricated()] * 3, False),
}


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("case", list(REPLIES))
def test_the_report_handed_on_is_that_of_the_summary_returned(fake_server, case, asynchronous):
    replies, verified = REPLIES[case]
    fake_server.enqueue(*[Reply.summary(r) for r in replies])
    backend, doc = LLMBackend(_settings(fake_server)), _doc()
    extraction = asyncio.run(_once(backend, doc)) if asynchronous else backend.extract(doc)

    assert extraction.verification == verify(extraction.summary, doc.text)
    assert extraction.verification.verified is verified
    assert extraction.verified_source == doc.text
    assert extraction.usage.attempts == len(replies)
    result = summarize_document(doc, _Fixed(extraction))
    assert result.verification is extraction.verification


def test_merged_parts_hand_on_no_report(fake_server):
    empty = ReportSummary().model_dump(mode="json")
    fake_server.responder = lambda request: Reply.summary(empty)
    doc = _doc()
    extraction = LLMBackend(_settings(fake_server, context_chars=1500)).extract(doc)

    assert len(fake_server.requests_to("/v1/chat/completions")) > 1
    assert extraction.verification is None
    result = summarize_document(doc, _Fixed(extraction))
    assert result.verification == verify(extraction.summary, doc.text)


class _Fixed:
    """A backend that answers with a given extraction."""

    name = "fixed"

    def __init__(self, extraction: Extraction) -> None:
        self.extraction = extraction

    def extract(self, doc) -> Extraction:
        return self.extraction

    async def aextract(self, doc) -> Extraction:
        return self.extraction

    async def aclose(self) -> None:
        return None


PLANTED = VerificationReport(verified=False, counts={"missing": 7})


@pytest.mark.parametrize(
    ("verified_source", "reused"),
    [("the document", True), ("another text", False), (None, False)],
)
def test_the_pipeline_reuses_a_report_only_for_the_same_source(verified_source, reused):
    doc = _doc()
    source = doc.text if verified_source == "the document" else verified_source
    summary = ReportSummary.model_validate(_gold())
    extraction = Extraction(
        summary, Usage(backend="fixed"), verification=PLANTED, verified_source=source
    )
    result = summarize_document(doc, _Fixed(extraction))

    expected = PLANTED if reused else verify(summary, doc.text)
    assert result.verification == expected
    assert (result.verification is PLANTED) is reused

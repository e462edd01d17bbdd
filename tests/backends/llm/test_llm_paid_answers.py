"""A paid answer is handed to the caller's sink as it arrives; a sink that records it elsewhere
(a batch worker's runner) returns an awaitable, and the async client sends no further request
and returns nothing before that awaitable ends, while it reads the answer meanwhile."""

import asyncio

import pytest

from summarizer.backends import paid_answers
from summarizer.backends.llm import LLMBackend
from summarizer.errors import OutputError
from summarizer.ingest import document_from_text
from summarizer.testing.fakeserver import Reply
from summarizer.testing.settings import fake_llm_settings

CHAT = "/v1/chat/completions"
TEXT = "Năm 2023, Sở Thông tin và Truyền thông tỉnh Hà Giang đã cấp 120 chứng thư số.\n"


class SlowRecorder:
    """Records each answer after `delay` seconds, noting how many requests the server had
    been sent at that moment."""

    def __init__(self, server, delay: float, error: str | None = None) -> None:
        self.server, self.delay, self.error = server, delay, error
        self.sent_when_recorded: list[int] = []

    def __call__(self, usage):
        async def record() -> None:
            await asyncio.sleep(self.delay)
            self.sent_when_recorded.append(len(self.server.requests_to(CHAT)))
            if self.error is not None:
                raise OutputError(self.error)

        return record()


async def _extract(server, recorder):
    backend = LLMBackend(fake_llm_settings(server.url, max_retries=0, timeout=5.0))
    try:
        with paid_answers(recorder):
            return await backend.aextract(document_from_text(TEXT))
    finally:
        await backend.aclose()


async def test_a_reask_is_sent_only_once_the_answer_before_it_is_recorded(fake_server):
    fake_server.enqueue(Reply.summary("not a summary"))  # then the rules answer
    recorder = SlowRecorder(fake_server, delay=0.3)
    extraction = await _extract(fake_server, recorder)
    assert extraction.usage.attempts == 2
    # the first answer was recorded before the re-ask went out; the second before returning
    assert recorder.sent_when_recorded == [1, 2]


async def test_an_answer_that_cannot_be_recorded_fails_the_document(fake_server):
    recorder = SlowRecorder(fake_server, delay=0.0, error="the ledger cannot be written")
    with pytest.raises(OutputError, match="ledger cannot be written"):
        await _extract(fake_server, recorder)
    assert len(fake_server.requests_to(CHAT)) == 1

"""The LLM backend itself: one document (or its parts) through instructor, priced usage."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from typing import Any

import instructor

from ...config import Settings
from ...errors import SummarizerError
from ...ingest import Document
from ...schema import Usage
from ..base import BaseBackend, BatchEndpoint, Extraction
from . import calls, client, prompting
from .bodies import build_request
from .chunking import split_text
from .merge import merge_summaries
from .pricing import load_pricing, settings_price
from .usage import CURRENT, Tally

PART_CONCURRENCY = 4


class LLMBackend(BaseBackend):
    """Extracts with an OpenAI-compatible model; clients are built on first use."""

    name = "llm"
    cpu_bound = False
    supports_batch_api = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._sync: instructor.Instructor | None = None
        self._building = threading.Lock()
        self._async: tuple[asyncio.AbstractEventLoop, instructor.AsyncInstructor] | None = None
        self._overhead: int | None = None

    @classmethod
    def identity(cls, settings: Settings) -> dict[str, Any]:
        return {
            "backend": "llm",
            "model": settings.model,
            "mode": settings.mode,
            "prompt_version": prompting.prompt_version(),
            "few_shot": settings.few_shot,
        }

    def request_overhead(self) -> int:
        if self._overhead is None:
            from ...ingest import document_from_text

            body = build_request(document_from_text("."), self.settings)
            self._overhead = len(json.dumps(body, ensure_ascii=False))
        return self._overhead

    def price(
        self, prompt: int, cached: int, completion: int, *, batch: bool = False
    ) -> float | None:
        return settings_price(self.settings, prompt, cached, completion, batch=batch)

    def batch_endpoint(self) -> BatchEndpoint:
        from .batchapi import OpenAIBatch

        return OpenAIBatch(self.settings, self)

    def _sync_client(self) -> instructor.Instructor:
        with self._building:  # eval --concurrency calls extract from several threads
            if self._sync is None:
                self._sync = client.sync_client(self.settings)
            return self._sync

    def _async_client(self) -> instructor.AsyncInstructor:
        """One async client per event loop: an httpx.AsyncClient cannot outlive its loop."""
        loop = asyncio.get_running_loop()
        if self._async is None or self._async[0] is not loop:
            self._async = (loop, client.async_client(self.settings))
        return self._async[1]

    async def aclose(self) -> None:
        """Close the async client's connections; the next async call opens new ones."""
        held, self._async = self._async, None
        if held is not None and held[0] is asyncio.get_running_loop() and held[1].client:
            await held[1].client.close()

    def parts(self, doc: Document) -> list[str]:
        """The texts sent: the article whole, or its overlapping parts when it is too long."""
        return split_text(doc.article or doc.text, self.settings.context_chars)

    def _kwargs(self, doc: Document, parts: list[str]) -> list[dict]:
        count = len(parts)
        return [
            calls.call_kwargs(
                self.settings,
                text,
                part=index if count > 1 else None,
                parts=count if count > 1 else None,
            )
            for index, text in enumerate(parts, 1)
        ]

    def extract(self, doc: Document) -> Extraction:
        started = time.perf_counter()
        tally = Tally()
        token = CURRENT.set(tally)
        try:
            instructor_client = self._sync_client()
            answers = [
                calls.extract_sync(instructor_client, self.settings, tally, kwargs, doc.text)
                for kwargs in self._kwargs(doc, self.parts(doc))
            ]
        except SummarizerError as exc:
            raise self._billed(exc, tally, started) from None
        finally:
            CURRENT.reset(token)
        return self._extraction(answers, tally, started)

    async def aextract(self, doc: Document) -> Extraction:
        started = time.perf_counter()
        tally = Tally()
        token = CURRENT.set(tally)
        try:
            instructor_client = self._async_client()
            limit = asyncio.Semaphore(PART_CONCURRENCY)

            async def one(kwargs: dict) -> calls.Answer:
                async with limit:
                    return await calls.extract_async(
                        instructor_client, self.settings, tally, kwargs, doc.text
                    )

            tasks = [asyncio.ensure_future(one(k)) for k in self._kwargs(doc, self.parts(doc))]
            try:
                answers = await asyncio.gather(*tasks)
            except BaseException:
                for task in tasks:  # one part failed: the others are not worth finishing
                    task.cancel()
                raise
        except SummarizerError as exc:
            raise self._billed(exc, tally, started) from None
        finally:
            CURRENT.reset(token)
        return self._extraction(list(answers), tally, started)

    def _billed(self, exc: SummarizerError, tally: Tally, started: float) -> SummarizerError:
        """The error, carrying what its requests were billed: a failed document costs too."""
        exc.data["usage"] = self.usage(tally, time.perf_counter() - started)
        return exc

    def _extraction(self, answers: list[calls.Answer], tally: Tally, started: float) -> Extraction:
        usage = self.usage(tally, time.perf_counter() - started)
        if len(answers) == 1 and answers[0].report is not None:
            # One part, verified by the re-ask validator against the whole text: hand the
            # report on, so the pipeline does not verify the same summary twice.
            summary, report, source = answers[0]
            return Extraction(summary, usage, verification=report, verified_source=source)
        notes = [f"extracted in {len(answers)} parts and merged"] if len(answers) > 1 else []
        summaries = [answer.summary for answer in answers]
        return Extraction(summary=merge_summaries(summaries), usage=usage, notes=notes)

    def usage(self, tally: Tally, latency: float) -> Usage:
        """The tally as Usage, priced; an unknown price is a warning, never a guess."""
        settings = self.settings
        cost = self.price(tally.prompt_tokens, tally.cached_prompt_tokens, tally.completion_tokens)
        warnings = []
        if cost is None:
            warnings.append(
                f"no price known for model {settings.model or ''!r} at {settings.shown_url}; "
                "cost_usd is null "
                "(give prices with --pricing FILE)"
            )
        return tally.to_usage(
            model=settings.model,
            prompt_version=prompting.prompt_version(),
            cost_usd=cost,
            latency_s=round(latency, 4),
            warnings=warnings,
        )


def warm_up(settings: Settings) -> None:
    """Load now what a process's first request would (the SDK's resources, the HTTP stack, the
    TLS context, the price table, the templates): 100 ms and more of CPU, paid once in a batch
    runner before its workers fork rather than by every worker's first document."""
    import importlib

    for module in ("openai.resources", "aiohttp", "httpx_aiohttp"):
        importlib.import_module(module)
    client.tls_context()
    prompting.messages("", few_shot=settings.few_shot)
    if settings.model:
        settings_price(settings, 1, 0, 1)


def make_llm_backend(settings: Settings) -> LLMBackend:
    """Check what can be checked before any request: the model, the key, the price file."""
    client.require_model(settings)
    client.api_key(settings)
    if settings.pricing is not None:
        load_pricing(settings.pricing)
    return LLMBackend(settings)

"""The LLM backend itself: one document (or its parts) through the openai client, priced usage.

What one document teaches the backend holds for the rest of the run: the structured mode a server
takes (`--mode auto`) and its context window (stated, or named by an overflow).
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import openai

from ...config import Settings
from ...errors import SummarizerError
from ...ingest import Document
from ...schema import Usage
from ..base import BaseBackend, BatchEndpoint, Extraction, paid_answer_sink
from . import calls, client, modes, prompting, serverinfo, sizing, strict
from .bodies import build_request
from .chunking import split_text
from .merge import merge_summaries
from .page import page_lines
from .pricing import load_pricing, settings_price
from .strict import is_empty
from .usage import CURRENT, Tally

PART_CONCURRENCY = 4
LOCAL_CONCURRENCY = 2  # documents in flight on a server on this machine (often one slot)


class LLMBackend(BaseBackend):
    """Extracts with an OpenAI-compatible model; clients are built on first use.

    What one document teaches the backend holds for the rest of the run: the structured mode a
    server takes (`--mode auto`) and its context window (stated, or named by an overflow)."""

    name = "llm"
    cpu_bound = False
    supports_batch_api = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._sync: tuple[httpx.Client, openai.OpenAI] | None = None
        self._building = threading.Lock()
        self._async: tuple[asyncio.AbstractEventLoop, openai.AsyncOpenAI] | None = None
        self._overhead: int | None = None
        self._probing = threading.Lock()
        self._modes = calls.ModeChoice.of(settings.mode)
        self._window: int | None = settings.context_window
        self._probed = settings.context_window is not None
        self._part_cap: int | None = None  # after an overflow the window did not explain

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

    def _sync_client(self) -> openai.OpenAI:
        with self._building:  # eval --concurrency calls extract from several threads
            if self._sync is None:
                http = client.sync_http(self.settings)
                self._sync = (http, client.sync_client(self.settings, http))
            return self._sync[1]

    def _async_client(self) -> openai.AsyncOpenAI:
        """One async client per event loop: an httpx.AsyncClient cannot outlive its loop."""
        loop = asyncio.get_running_loop()
        if self._async is None or self._async[0] is not loop:
            self._async = (loop, client.async_client(self.settings))
        return self._async[1]

    async def aclose(self) -> None:
        """Close the async client's connections; the next async call opens new ones."""
        held, self._async = self._async, None
        if held is not None and held[0] is asyncio.get_running_loop():
            await held[1].close()

    def context_window(self) -> int | None:
        """--context-window, else what the server states (asked once), else what an overflow
        named."""
        settings = self.settings
        with self._probing:  # eval --concurrency sizes documents from several threads
            if not self._probed:
                self._probed = True
                if settings.base_url and not client.is_openai(settings):
                    with client.probe_http(settings) as http:
                        self._window = serverinfo.context_window(
                            http, settings.base_url, settings.model
                        )
        return self._window

    def _budget(self, doc: Document) -> sizing.Budget:
        window = self.context_window()
        asked = self.settings.max_output_tokens
        output = sizing.max_output_tokens(window, asked)
        fixed = self._prompt(doc, "", None, None)(self._modes.current)
        text = "".join(message["content"] for message in fixed)
        if window and not asked:
            output = sizing.output_that_fits(window, sizing.estimate_tokens(text), output)
        plan = sizing.budget(window, text, output, self.settings.context_chars)
        if self._part_cap is not None and self._part_cap < plan.part_chars:
            return sizing.Budget(self._part_cap, plan.prompt_tokens, output, window)
        return plan

    def parts(self, doc: Document) -> list[str]:
        """The texts sent: the article whole, or its overlapping parts when it is too long."""
        return split_text(doc.article or doc.text, self._budget(doc).part_chars)

    def _prompt(
        self, doc: Document, text: str, part: int | None, parts: int | None
    ) -> Callable[[str], list[dict[str, str]]]:
        page = page_lines(doc)
        few_shot = self.settings.few_shot

        def prompt(mode: str) -> list[dict[str, str]]:
            rules = modes.schema_instruction(mode)
            return prompting.messages(
                text, few_shot=few_shot, part=part, parts=parts, page=page, format_rules=rules
            )

        return prompt

    def _calls(self, doc: Document, tally: Tally) -> list[calls.Call]:
        plan = self._budget(doc)
        texts = split_text(doc.article or doc.text, plan.part_chars)
        count = len(texts)
        return [
            calls.Call(
                settings=self.settings,
                tally=tally,
                modes=self._modes,
                prompt=self._prompt(
                    doc, text, index if count > 1 else None, count if count > 1 else None
                ),
                source=doc.text,
                max_tokens=plan.output_tokens,
                window=plan.window,
            )
            for index, text in enumerate(texts, 1)
        ]

    def _overflowed(
        self, exc: calls.ContextOverflow, sent: list[calls.Call], doc: Document
    ) -> None:
        """Size parts smaller: to the window the server named, or half the parts just sent."""
        before = self._budget(doc).part_chars
        if exc.window and (self._window is None or exc.window < self._window):
            self._window = exc.window
        if self._budget(doc).part_chars >= before:
            self._part_cap = max(sizing.MIN_PART_CHARS, before // 2)
        del sent

    def _tally(self) -> Tally:
        deadline = self.settings.deadline
        tally = Tally(deadline=time.monotonic() + deadline if deadline > 0 else None)
        sink = paid_answer_sink()
        if sink is not None:
            tally.on_answer = lambda p, c, o: sink(self._answer_usage(p, c, o))
        return tally

    def _answer_usage(self, prompt: int, cached: int, completion: int) -> Usage:
        """One answer's own tokens, priced: what the caller records before the answer is used."""
        return Usage(
            backend=self.name,
            model=self.settings.model,
            attempts=1,
            prompt_tokens=prompt,
            cached_prompt_tokens=cached,
            completion_tokens=completion,
            total_tokens=prompt + completion,
            cost_usd=self.price(prompt, cached, completion),
        )

    def extract(self, doc: Document) -> Extraction:
        started = time.perf_counter()
        tally = self._tally()
        token = CURRENT.set(tally)
        try:
            openai_client = self._sync_client()
            for again in (False, True):
                sent = self._calls(doc, tally)
                try:
                    answers = [calls.run_sync(openai_client, call) for call in sent]
                    break
                except calls.ContextOverflow as exc:
                    if again:
                        raise
                    self._overflowed(exc, sent, doc)
        except SummarizerError as exc:
            raise self._billed(exc, tally, started) from None
        finally:
            CURRENT.reset(token)
        return self._extraction(answers, tally, started)

    async def aextract(self, doc: Document) -> Extraction:
        started = time.perf_counter()
        tally = self._tally()
        token = CURRENT.set(tally)
        try:
            openai_client = self._async_client()
            for again in (False, True):
                sent = self._calls(doc, tally)
                try:
                    answers = await self._parts_async(openai_client, sent)
                    break
                except calls.ContextOverflow as exc:
                    if again:
                        raise
                    self._overflowed(exc, sent, doc)
        except SummarizerError as exc:
            raise self._billed(exc, tally, started) from None
        finally:
            CURRENT.reset(token)
        return self._extraction(answers, tally, started)

    async def _parts_async(
        self, openai_client: openai.AsyncOpenAI, sent: list[calls.Call]
    ) -> list[calls.Answer]:
        """The parts concurrently; the first alone while the mode is still being found, so a
        rejected mode costs one request, not one per part."""
        first: list[calls.Answer] = []
        if not self._modes.settled:
            first = [await calls.run_async(openai_client, sent[0])]
            sent = sent[1:]
        limit = asyncio.Semaphore(PART_CONCURRENCY)

        async def one(call: calls.Call) -> calls.Answer:
            async with limit:
                return await calls.run_async(openai_client, call)

        tasks = [asyncio.ensure_future(one(call)) for call in sent]
        try:
            rest = await asyncio.gather(*tasks)
        except BaseException:
            for task in tasks:  # one part failed: the others are not worth finishing
                task.cancel()
            raise
        return first + list(rest)

    def _notes(self, answers: list[calls.Answer]) -> list[str]:
        notes = [f"extracted in {len(answers)} parts and merged"] if len(answers) > 1 else []
        if self._modes.rejected:
            rejected = "; ".join(self._modes.rejected)
            notes.append(f"mode auto: the server rejected {rejected}; used {self._modes.current}")
        if any(answer.empty for answer in answers):
            notes.append("the model answered with an empty summary, even when asked again")
        return notes

    def _billed(self, exc: SummarizerError, tally: Tally, started: float) -> SummarizerError:
        """The error, carrying what its requests were billed: a failed document costs too."""
        exc.data["usage"] = self.usage(tally, time.perf_counter() - started)
        return exc

    def _extraction(self, answers: list[calls.Answer], tally: Tally, started: float) -> Extraction:
        usage = self.usage(tally, time.perf_counter() - started)
        notes = self._notes(answers)
        if len(answers) == 1 and answers[0].report is not None:
            # One part, verified against the whole text: hand the report on, so the pipeline
            # does not verify the same summary twice.
            answer = answers[0]
            return Extraction(
                answer.summary,
                usage,
                notes=notes,
                verification=answer.report,
                verified_source=answer.source,
                empty_summary=answer.empty,
            )
        merged = merge_summaries([answer.summary for answer in answers])
        empty = any(answer.empty for answer in answers) and is_empty(merged)
        return Extraction(summary=merged, usage=usage, notes=notes, empty_summary=empty)

    def usage(self, tally: Tally, latency: float) -> Usage:
        """The tally as Usage, priced; an unknown price is a warning, never a guess (and no
        warning for a server on this machine, which costs nothing per token)."""
        settings = self.settings
        cost = self.price(tally.prompt_tokens, tally.cached_prompt_tokens, tally.completion_tokens)
        warnings = []
        if cost is None and not client.is_local(settings.base_url):
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
    client.load_probe_stack()
    strict.load_readers()
    prompting.messages("", few_shot=settings.few_shot)
    modes.schema_instruction("json")
    if settings.model:
        settings_price(settings, 1, 0, 1)


def make_llm_backend(settings: Settings) -> LLMBackend:
    """Check what can be checked before any request: the model, the key, the price file."""
    client.require_model(settings)
    client.api_key(settings)
    if settings.pricing is not None:
        load_pricing(settings.pricing)
    return LLMBackend(settings)


def local_concurrency(settings: Settings) -> tuple[int, str] | None:
    """Fewer documents in flight for a server on this machine, and the line that says so: a
    local server often has one slot, and queued requests time out in its queue."""
    if not client.is_local(settings.base_url):
        return None
    return LOCAL_CONCURRENCY, (
        f"summarizer: {settings.base_url} is on this machine: {LOCAL_CONCURRENCY} documents at "
        "a time (set --concurrency to change)"
    )

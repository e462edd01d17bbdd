"""The LLM backend: prompt templates, strict answers over the openai client, verifier-driven
re-asks, structured modes (found by `--mode auto`), context sizing, and the provider's batch
endpoints.

A document longer than Settings.context_chars (or than the server's context window holds) is split
into overlapping parts on paragraph boundaries; each part is extracted and the summaries are merged. Usage counts every HTTP request,
completion, re-ask and token, and is priced from a user price file or genai-prices. The names
below load on first use, so pricing a ledger never imports the client stack.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .backend import LLMBackend, local_concurrency, make_llm_backend, warm_up
    from .batchapi import OpenAIBatch
    from .bodies import build_request, parse_response
    from .chunking import split_text
    from .pricing import price, settings_price

_WHERE = {
    "LLMBackend": ".backend",
    "local_concurrency": ".backend",
    "make_llm_backend": ".backend",
    "warm_up": ".backend",
    "OpenAIBatch": ".batchapi",
    "build_request": ".bodies",
    "parse_response": ".bodies",
    "split_text": ".chunking",
    "price": ".pricing",
    "settings_price": ".pricing",
}

__all__ = [
    "LLMBackend",
    "OpenAIBatch",
    "build_request",
    "local_concurrency",
    "make_llm_backend",
    "parse_response",
    "price",
    "settings_price",
    "split_text",
    "warm_up",
]


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(where, __name__), name)

"""The context window a server states about itself, when it states one.

vLLM lists `max_model_len` for each model in GET /v1/models; llama.cpp's server says `n_ctx` in
GET /props (at the server's root, beside /v1). Other servers (OpenAI, Ollama, llama-cpp-python)
say nothing we can read: then the window is unknown and a context-overflow error names it.
"""

from __future__ import annotations

from typing import Any

import httpx

from ...errors import SummarizerError

PROBE_TIMEOUT = 10.0


def _get(http: httpx.Client, url: str) -> Any:
    try:
        response = http.get(url, timeout=PROBE_TIMEOUT)
    except (httpx.HTTPError, SummarizerError):
        return None
    if response.status_code != 200:
        return None
    try:
        return response.json()
    except ValueError:
        return None


def _positive(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def window_from_models(body: Any, model: str | None) -> int | None:
    """vLLM's max_model_len for `model` (or the only model listed)."""
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, list):
        return None
    entries = [e for e in data if isinstance(e, dict)]
    chosen = [e for e in entries if e.get("id") == model] or (entries if len(entries) == 1 else [])
    return _positive(chosen[0].get("max_model_len")) if chosen else None


def window_from_props(body: Any) -> int | None:
    """llama.cpp's n_ctx, at the top of /props or in its default_generation_settings."""
    if not isinstance(body, dict):
        return None
    settings = body.get("default_generation_settings")
    nested = settings.get("n_ctx") if isinstance(settings, dict) else None
    return _positive(body.get("n_ctx")) or _positive(nested)


def context_window(http: httpx.Client, base_url: str, model: str | None) -> int | None:
    """The window the server at `base_url` states, or None."""
    base = base_url.rstrip("/")
    found = window_from_models(_get(http, f"{base}/models"), model)
    if found:
        return found
    root = base[: -len("/v1")] if base.endswith("/v1") else base
    return window_from_props(_get(http, f"{root}/props"))

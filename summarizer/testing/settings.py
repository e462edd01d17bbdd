"""Settings for an LLM run against the fake server: no key, the fake model, nothing inherited."""

from __future__ import annotations

from typing import Any

from ..config import Settings

NO_KEY = "SUMMARIZER_TEST_UNSET_KEY"  # a variable no test sets: requests go out without a key


def fake_llm_settings(url: str, **changes: Any) -> Settings:
    """An LLM backend chosen explicitly, at `url`, with the given fields changed."""
    fields: dict[str, Any] = dict(
        backend="llm", backend_chosen=True, model="fake-model", base_url=url, api_key_env=NO_KEY
    )
    return Settings(**(fields | changes))

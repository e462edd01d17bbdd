"""The LLM backend: prompt templates, instructor over the openai client, verifier-driven re-asks."""

from __future__ import annotations

from ...config import Settings
from ...errors import ConfigError


def make_llm_backend(settings: Settings):
    raise ConfigError("the LLM backend is not available yet")

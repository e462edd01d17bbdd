"""The one place that knows every backend by name."""

from __future__ import annotations

from typing import Any

from ..config import Settings
from .base import Backend


def backend_class(settings: Settings) -> Any:
    """The class of the backend the settings name: its identity and capabilities, unbuilt."""
    if settings.backend == "rules":
        from .rules import RulesBackend

        return RulesBackend
    from .llm import LLMBackend

    return LLMBackend


def make_backend(settings: Settings) -> Backend:
    """The backend the settings name; LLM imports stay out of rules-only runs."""
    if settings.backend == "rules":
        from .rules import RulesBackend

        return RulesBackend()
    from .llm import make_llm_backend

    return make_llm_backend(settings)

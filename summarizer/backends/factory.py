"""The one place that knows every backend by name."""

from __future__ import annotations

from ..config import Settings
from .base import Backend
from .endpoint import check_reachable


def make_backend(settings: Settings) -> Backend:
    """The backend the settings name; LLM imports stay out of rules-only runs."""
    if settings.backend == "rules":
        from .rules import RulesBackend

        return RulesBackend()
    if settings.replay is None:
        check_reachable(settings.base_url)
    from .llm import make_llm_backend

    return make_llm_backend(settings)

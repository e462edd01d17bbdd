"""The one place that knows every backend by name."""

from __future__ import annotations

import os
from typing import Any

from ..config import Settings
from .base import Backend
from .endpoint import check_reachable


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
    if settings.replay is None:
        settings.api_key()  # a malformed key is a config error, whatever the endpoint says
        check_reachable(settings.base_url)
    from .llm import make_llm_backend

    return make_llm_backend(settings)


# A rules batch smaller than this runs in-process: starting worker processes costs more than they
# save. bench/rules_concurrency.py on 2 cores (loaded): 15 documents 5.1 s in-process against
# 11.5 s with 2 workers, 150 documents 26 s against 52 s, 400 documents 52 s against 44 s.
IN_PROCESS_BELOW = 200
LLM_CONCURRENCY = 8


def default_concurrency(settings: Settings, documents: int) -> int:
    """Documents in flight when the user names no number: requests overlap for an LLM (fewer for
    a server on this machine); the rules backend is CPU-bound, so one per core, or one
    in-process for a small batch."""
    if not backend_class(settings).cpu_bound:
        local = local_server(settings)
        return LLM_CONCURRENCY if local is None else local[0]
    if documents < IN_PROCESS_BELOW:
        return 1
    return os.cpu_count() or 1


def local_server(settings: Settings) -> tuple[int, str] | None:
    """For an LLM server on this machine, the smaller default and the line that says so."""
    if settings.backend != "llm":
        return None
    from .llm import local_concurrency

    return local_concurrency(settings)

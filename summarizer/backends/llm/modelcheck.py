"""instructor checks the response model for async validators (which it cannot run) seven times
per request, walking every class of the model and every attribute of their bases: about 2 ms
of CPU a request for our summary, 40% of what a batch's client spends on a document.

Our response model is fixed and has no async validators, so it is checked once, with
instructor's own check, and instructor's check passes it without the walk from then on. Every
other model is checked by instructor as before. Should instructor move its check, nothing is
replaced and requests cost what they did.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

# Where instructor keeps its check: the module that defines it, and a module that imported it
# by name when it was loaded (the others import it at call time, from the first).
_HOLDERS = ("instructor.v2.validation.async_validators", "instructor.v2.core.patch")
_NAME = "reject_async_validators"
_MARK = "__summarizer_checked__"


def check_once(model: type) -> bool:
    """Let instructor's check pass `model` without walking it again; False when instructor has
    no such check where it is expected. Raises instructor's error if `model` fails the check."""
    modules = []
    for name in _HOLDERS:
        try:
            modules.append(importlib.import_module(name))
        except ImportError:
            return False
    current = getattr(modules[0], _NAME, None)
    if not callable(current):
        return False
    original: Callable[[Any], None] = getattr(current, "__wrapped__", current)
    checked: frozenset[type] = getattr(current, _MARK, frozenset())
    if model in checked:
        return True
    original(model)  # the full check, once
    checked = checked | {model}

    def reject_async_validators(response_model: Any) -> None:
        try:
            if response_model in checked:
                return None
        except TypeError:  # unhashable: not one of ours
            pass
        return original(response_model)

    reject_async_validators.__wrapped__ = original  # type: ignore[attr-defined]
    setattr(reject_async_validators, _MARK, checked)
    for module in modules:
        if getattr(module, _NAME, None) in (current, original):
            setattr(module, _NAME, reject_async_validators)
    return True

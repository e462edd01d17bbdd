"""Stored headline figures: comparing a run with them, and rewriting them on purpose."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalRegressionError, InputError
from .gold import read_json_object
from .score import HEADLINE

_EPSILON = 1e-9  # float noise is never a regression
_LABELS = dict(HEADLINE)


@dataclass(frozen=True)
class Change:
    key: str
    stored: float | None
    current: float | None
    regressed: bool

    @property
    def label(self) -> str:
        return _LABELS.get(self.key, self.key)

    @property
    def delta(self) -> float | None:
        if self.stored is None or self.current is None:
            return None
        return round(self.current - self.stored, 4)

    def describe(self) -> str:
        now = "not measured" if self.current is None else f"{self.current:.4f}"
        return f"{self.label} {now} < {self.stored:.4f}"


def load_baseline(path: Path) -> dict[str, float | None]:
    """The stored headline figures of a baseline file."""
    if not path.is_file():
        raise InputError(str(path), "does not exist", hint="create it with --update-baseline")
    raw = read_json_object(path)
    headline = raw.get("headline")
    if not isinstance(headline, dict):
        raise InputError(
            str(path), "has no 'headline' object", hint="rewrite it with --update-baseline"
        )
    figures: dict[str, float | None] = {}
    for key, value in headline.items():
        if value is not None and not isinstance(value, int | float):
            raise InputError(str(path), f"headline figure {key!r} is not a number")
        figures[key] = value
    return figures


def compare(
    current: dict[str, float | None], stored: dict[str, float | None], tolerance: float
) -> list[Change]:
    """Each stored figure against the current one; a drop beyond tolerance is a regression."""
    changes = []
    for key, was in stored.items():
        now = current.get(key)
        if was is None:
            regressed = False
        elif now is None:
            regressed = True  # a figure that could be measured no longer can be
        else:
            regressed = was - now > tolerance + _EPSILON
        changes.append(Change(key, was, now, regressed))
    return changes


def enforce(changes: list[Change], *, tolerance: float, baseline: Path) -> None:
    """Raise EvalRegressionError naming every figure that regressed."""
    regressed = [c.describe() for c in changes if c.regressed]
    if regressed:
        raise EvalRegressionError(regressed, tolerance=tolerance, baseline=str(baseline))


def write_baseline(path: Path, headline: dict[str, float | None], meta: dict[str, Any]) -> None:
    """Rewrite the baseline atomically with the current headline figures."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {**meta, "headline": headline}
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)

"""What tokens cost: a user price file first, then genai-prices' offline table; never a guess.

A price file (--pricing FILE) is JSON, USD per million tokens:
    {"model-name": {"input": 0.15, "cached_input": 0.075, "output": 0.6, "batch_discount": 0.5}}
`cached_input` defaults to `input`; `batch_discount` is the factor batch prices are multiplied by
(0.5 is half price) and defaults to 1. A model in neither table has no price: cost is None.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from ...config import Settings
from ...errors import ConfigError

PER_TOKENS = 1_000_000


@dataclass(frozen=True)
class Price:
    """USD per million tokens."""

    input: float
    cached_input: float
    output: float
    batch_discount: float = 1.0

    def cost(self, prompt: int, cached: int, completion: int, *, batch: bool) -> float:
        cached = min(cached, prompt)
        usd = (
            (prompt - cached) * self.input + cached * self.cached_input + completion * self.output
        ) / PER_TOKENS
        return usd * (self.batch_discount if batch else 1.0)


def _number(path: Path, model: str, name: str, raw: object, default: float | None) -> float:
    if raw is None and default is not None:
        return default
    if (
        isinstance(raw, bool)
        or not isinstance(raw, int | float)
        or not math.isfinite(raw)
        or raw < 0
    ):
        raise ConfigError(
            f"pricing file {path}: {model}.{name} must be a non-negative number, not {raw!r}",
            hint='e.g. {"my-model": {"input": 0.15, "cached_input": 0.075, "output": 0.6}}',
        )
    return float(raw)


@lru_cache(maxsize=8)
def _load(path: Path, _mtime_ns: int) -> dict[str, Price]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"pricing file {path}: cannot read it ({exc})") from None
    except ValueError as exc:
        raise ConfigError(f"pricing file {path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"pricing file {path}: expected an object of models")
    table = {}
    for model, entry in data.items():
        if not isinstance(entry, dict):
            raise ConfigError(f"pricing file {path}: {model} must be an object of prices")
        given = _number(path, model, "input", entry.get("input"), None)
        table[model] = Price(
            input=given,
            cached_input=_number(path, model, "cached_input", entry.get("cached_input"), given),
            output=_number(path, model, "output", entry.get("output"), None),
            batch_discount=_number(path, model, "batch_discount", entry.get("batch_discount"), 1.0),
        )
    return table


def load_pricing(path: str | Path) -> dict[str, Price]:
    """The price file's table; ConfigError (exit 2) when it is missing or malformed."""
    path = Path(path)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        raise ConfigError(f"pricing file {path}: no such file") from None
    return _load(path, mtime)


def _table_price(
    model: str, prompt: int, cached: int, completion: int, *, batch: bool, provider_url: str | None
) -> float | None:
    from genai_prices import Usage, calc_price

    usage = Usage(
        input_tokens=prompt, cache_read_tokens=min(cached, prompt), output_tokens=completion
    )
    context = {"processing": "batch"} if batch else None
    try:
        if provider_url:
            result = calc_price(usage, model, provider_api_url=provider_url, price_context=context)
        else:
            result = calc_price(usage, model, price_context=context)
    except LookupError:
        return None
    total = result.total_price
    return float(total) if isinstance(total, Decimal | int | float) else None


def price(
    model: str,
    prompt_tokens: int,
    cached_tokens: int,
    completion_tokens: int,
    pricing_file: str | Path | None = None,
    batch: bool = False,
    *,
    provider_url: str | None = None,
) -> float | None:
    """USD for these tokens under `model`, or None when no table knows it.

    `provider_url` (an endpoint such as https://api.openai.com/v1) restricts genai-prices to
    that provider, so a model served elsewhere (a local server) is never priced as a cloud one;
    without it the model name is matched across providers, for pricing hypothetical runs.
    """
    if pricing_file is not None:
        entry = load_pricing(pricing_file).get(model)
        if entry is not None:
            return round(
                entry.cost(prompt_tokens, cached_tokens, completion_tokens, batch=batch), 8
            )
    usd = _table_price(
        model,
        prompt_tokens,
        cached_tokens,
        completion_tokens,
        batch=batch,
        provider_url=provider_url,
    )
    return None if usd is None else round(usd, 8)


def settings_price(
    settings: Settings, prompt: int, cached: int, completion: int, *, batch: bool = False
) -> float | None:
    """USD for these tokens under the run's model, price file and endpoint."""
    return price(
        settings.model or "",
        prompt,
        cached,
        completion,
        pricing_file=settings.pricing,
        batch=batch,
        provider_url=settings.endpoint_url,
    )

"""Settings resolved once per command: a flag wins over the environment, which wins over the default.

| setting       | flag              | environment               | default            |
|---------------|-------------------|---------------------------|--------------------|
| backend       | --backend         | SUMMARIZER_BACKEND        | llm if an endpoint or model is configured, else rules |
| model         | --model           | SUMMARIZER_MODEL          | none               |
| base_url      | --base-url        | OPENAI_BASE_URL           | OpenAI's API       |
| api_key_env   | --api-key-env     | SUMMARIZER_API_KEY_ENV    | OPENAI_API_KEY     |
| mode          | --mode            | SUMMARIZER_MODE           | auto for a non-OpenAI --base-url, else tools |
| max_reasks    | --max-reasks      | SUMMARIZER_MAX_REASKS     | 2                  |
| max_retries   | --max-retries     | SUMMARIZER_MAX_RETRIES    | 4 (transport)      |
| timeout       | --timeout         | SUMMARIZER_TIMEOUT        | 60 seconds         |
| max_bytes     | --max-bytes       | SUMMARIZER_MAX_BYTES      | 2,000,000          |
| pricing       | --pricing         | SUMMARIZER_PRICING        | none               |
| context_chars | --context-chars   | SUMMARIZER_CONTEXT_CHARS  | 24,000             |
| context_window | --context-window | SUMMARIZER_CONTEXT_WINDOW | what the server states, else unknown |
| max_output_tokens | --max-output-tokens | SUMMARIZER_MAX_OUTPUT_TOKENS | 4096, at most a quarter of a known window and what its prompt leaves (512 at least) |
| deadline      | --deadline        | SUMMARIZER_DEADLINE       | 600 seconds per document |
| retry_backoff | (none)            | SUMMARIZER_RETRY_BACKOFF  | 1.0 s (first retry wait; caps scale with it) |
| max_retry_after | (none)          | SUMMARIZER_MAX_RETRY_AFTER | 120 s (a longer Retry-After fails the request at once) |

The environment is read when `resolve` is called, never at import. The API key itself is never
held here: only the name of the variable that holds it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, cast

from .errors import ConfigError, UsageError

Backend = Literal["rules", "llm"]
Mode = Literal["auto", "tools", "json_schema", "json_object_schema", "json", "md_json"]
BACKENDS: tuple[str, ...] = ("rules", "llm")
OPENAI_URL = "https://api.openai.com/v1"
MODES: tuple[str, ...] = ("auto", "tools", "json_schema", "json_object_schema", "json", "md_json")


@dataclass(frozen=True)
class Settings:
    backend: Backend = "rules"
    backend_chosen: bool = False  # False when the backend fell to its default
    model: str | None = None
    base_url: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    mode: Mode = "tools"
    max_reasks: int = 2
    max_retries: int = 4
    timeout: float = 60.0
    max_bytes: int = 2_000_000
    pricing: Path | None = None
    context_chars: int = 24_000
    context_window: int | None = None  # tokens; None: ask the server, else learn it from a 400
    max_output_tokens: int | None = None  # None: sized to the schema and the window
    deadline: float = 600.0  # seconds per document, over every attempt
    retry_backoff: float = 1.0  # seconds; transport retry waits and their cap scale with it
    max_retry_after: float = 120.0  # seconds; a server asking to wait longer fails at once
    few_shot: bool = False
    record: Path | None = None  # save every LLM request/response of the run to this cassette
    replay: Path | None = None  # answer LLM requests from this cassette, never the network

    @property
    def llm_configured(self) -> bool:
        return bool(self.base_url or self.model)

    @property
    def endpoint_url(self) -> str:
        """The endpoint requests go to and prices are looked up for: --base-url, else OpenAI's."""
        return self.base_url or OPENAI_URL

    @property
    def shown_url(self) -> str:
        """The endpoint as messages, ledgers and reports show it: never its credentials."""
        return redact(self.endpoint_url)

    def api_key(self, environ: Mapping[str, str] | None = None) -> str | None:
        """Read the key at call time so it never sits in settings, logs or output; white space
        around it (a trailing line break) is dropped, anything else odd is refused unshown."""
        env = os.environ if environ is None else environ
        key = (env.get(self.api_key_env) or "").strip()
        if not key:
            return None
        if any(ch < " " or ch == "\x7f" for ch in key):
            raise ConfigError(
                "the API key contains a control character or a line break",
                hint=f"check the value of {self.api_key_env}",
            )
        if not key.isascii():
            raise ConfigError(
                "the API key contains a character that is not ASCII",
                hint=f"check the value of {self.api_key_env}",
            )
        return key


_CREDENTIALS = re.compile(r"(?<=//)[^/\s]*@")


def redact(text: str) -> str:
    """Text with every URL's user:password@ replaced, so no password is shown or stored."""
    return _CREDENTIALS.sub("***@", text)


_ENV = {
    "backend": "SUMMARIZER_BACKEND",
    "model": "SUMMARIZER_MODEL",
    "base_url": "OPENAI_BASE_URL",
    "api_key_env": "SUMMARIZER_API_KEY_ENV",
    "mode": "SUMMARIZER_MODE",
    "max_reasks": "SUMMARIZER_MAX_REASKS",
    "max_retries": "SUMMARIZER_MAX_RETRIES",
    "timeout": "SUMMARIZER_TIMEOUT",
    "max_bytes": "SUMMARIZER_MAX_BYTES",
    "pricing": "SUMMARIZER_PRICING",
    "context_chars": "SUMMARIZER_CONTEXT_CHARS",
    "context_window": "SUMMARIZER_CONTEXT_WINDOW",
    "max_output_tokens": "SUMMARIZER_MAX_OUTPUT_TOKENS",
    "deadline": "SUMMARIZER_DEADLINE",
    "retry_backoff": "SUMMARIZER_RETRY_BACKOFF",
    "max_retry_after": "SUMMARIZER_MAX_RETRY_AFTER",
}


def _convert(name: str, raw: Any, kind: Callable[[Any], Any], source: str) -> Any:
    try:
        value = kind(raw)
    except (TypeError, ValueError):
        raise UsageError(f"{source} {name}={raw!r} is not a valid {kind.__name__}") from None
    if isinstance(value, int | float) and value < 0:
        raise UsageError(f"{source} {name}={raw!r} must not be negative")
    return value


def resolve(environ: Mapping[str, str] | None = None, **flags: Any) -> Settings:
    """Build Settings from flags (None means not given), then the environment, then defaults."""
    env = os.environ if environ is None else environ
    defaults = Settings()
    kinds: dict[str, Callable[[Any], Any]] = {
        "max_reasks": int,
        "max_retries": int,
        "timeout": float,
        "max_bytes": int,
        "context_chars": int,
        "context_window": int,
        "max_output_tokens": int,
        "deadline": float,
        "retry_backoff": float,
        "max_retry_after": float,
        "pricing": Path,
    }
    values: dict[str, Any] = {}
    for name, var in _ENV.items():
        flag = flags.get(name)
        if flag is not None:
            raw, source = flag, "option"
        elif env.get(var):
            raw, source = env[var], f"environment variable {var}:"
        else:
            continue
        kind = kinds.get(name, str)
        values[name] = _convert(name, raw, kind, source) if kind is not str else str(raw)
    if flags.get("few_shot") is not None:
        values["few_shot"] = bool(flags["few_shot"])
    for name in ("record", "replay"):
        if flags.get(name) is not None:
            values[name] = Path(flags[name])

    base_url = values.get("base_url")
    if "mode" not in values and base_url and "api.openai.com" not in base_url:
        values["mode"] = "auto"  # an unknown server: find a structured mode it takes
    mode = values.get("mode", defaults.mode)
    if mode not in MODES:
        raise UsageError(f"unknown mode {mode!r}", hint=f"choose one of {', '.join(MODES)}")
    backend = values.pop("backend", None)
    if backend is not None and backend not in BACKENDS:
        raise UsageError(
            f"unknown backend {backend!r}", hint=f"choose one of {', '.join(BACKENDS)}"
        )
    settings = Settings(**values)
    if backend is None:
        default: Backend = "llm" if settings.llm_configured else "rules"
        return replace(settings, backend=default, backend_chosen=False)
    return replace(settings, backend=cast(Backend, backend), backend_chosen=True)

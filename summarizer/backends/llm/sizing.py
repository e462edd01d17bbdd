"""Making a request fit a model's context window: prompt, document part and max_tokens.

Tokens are estimated, never counted: a small model's tokenizer spends about one token per 1.3
characters of Vietnamese (measured on SmolLM2: 31,579 characters, 24,863 tokens) and one per 2.7
characters of our English prompt (7,000 characters, 2,527 tokens). Fitted to both, an ASCII
character costs 0.27 tokens and any other 2.8; the estimate rounds up to 0.3 and 3.0, which puts
both measured texts about 8 % over their real counts.
"""

from __future__ import annotations

from dataclasses import dataclass

ASCII_WEIGHT = 0.3
OTHER_WEIGHT = 3.0
CHARS_PER_TOKEN = 1.15  # document characters a token buys, for a conservative part size
DEFAULT_MAX_OUTPUT = 4096  # a full summary of a long report is 2-3 K tokens of JSON
MIN_OUTPUT = 512
REASK_RESERVE = 700  # tokens a re-ask adds: a bounded excerpt and the findings
MARGIN = 0.05  # share of the window kept free for chat-template tokens
MIN_PART_CHARS = 1000


def estimate_tokens(text: str) -> int:
    """An upper estimate of the tokens `text` costs a small model's tokenizer."""
    other = len(text) - len(text.encode("ascii", "ignore"))  # the characters past ASCII
    return int((len(text) - other) * ASCII_WEIGHT + other * OTHER_WEIGHT) + 1


def max_output_tokens(window: int | None, asked: int | None) -> int:
    """The max_tokens sent: what was asked, else a full summary's size, at most a quarter of a
    known window."""
    if asked:
        return asked
    if window:
        return max(MIN_OUTPUT, min(DEFAULT_MAX_OUTPUT, window // 4))
    return DEFAULT_MAX_OUTPUT


def output_that_fits(window: int, prompt_tokens: int, wanted: int) -> int:
    """A default max_tokens cut so the prompt, a smallest part and a re-ask still fit: with the
    schema in the prompt (json, md_json) a small window has no room for a quarter of itself."""
    room = int(window * (1 - MARGIN)) - prompt_tokens - REASK_RESERVE
    room -= int(MIN_PART_CHARS / CHARS_PER_TOKEN)
    return max(MIN_OUTPUT, min(wanted, room))


@dataclass(frozen=True)
class Budget:
    """The characters of document a request may carry, and why."""

    part_chars: int
    prompt_tokens: int
    output_tokens: int
    window: int | None


def budget(window: int | None, fixed_prompt: str, output_tokens: int, context_chars: int) -> Budget:
    """Part size from the window when known (never above --context-chars), else --context-chars."""
    prompt = estimate_tokens(fixed_prompt)
    if not window:
        return Budget(context_chars, prompt, output_tokens, None)
    free = int(window * (1 - MARGIN)) - prompt - output_tokens - REASK_RESERVE
    chars = int(max(free, 0) * CHARS_PER_TOKEN)
    return Budget(max(MIN_PART_CHARS, min(context_chars, chars)), prompt, output_tokens, window)

"""Stage 2: number mentions in Vietnamese text, read as a Vietnamese reader reads them."""

from .mentions import (
    METRIC_KINDS,
    SCALES,
    Kind,
    NumberMention,
    find_numbers,
    numbers_equal,
    parse_numeral,
)

__all__ = [
    "METRIC_KINDS",
    "SCALES",
    "Kind",
    "NumberMention",
    "find_numbers",
    "numbers_equal",
    "parse_numeral",
]

"""Where a shortened phrase may end: after a whole word that closes it, never on a word that
asks for more ("đến năm", "của", "và") nor on a separator."""

from __future__ import annotations

_DANGLING = frozenset(
    [
        "và",
        "của",
        "cho",
        "với",
        "trong",
        "tại",
        "để",
        "từ",
        "theo",
        "là",
        "được",
        "đã",
        "có",
        "các",
        "những",
        "đến",
        "tới",
        "năm",
        "so",
        "như",
        "về",
        "bằng",
        "nhằm",
        "gồm",
        "hoặc",
        "hay",
        "mà",
        "thì",
        "khi",
        "sau",
        "trước",
        "trên",
        "dưới",
        "qua",
        "đạt",
        "tăng",
        "giảm",
        "mức",
        "tỷ",
        "lệ",
        "số",
    ]
)
_SEPARATORS = " ,;:-–(/"


def cut_at_clause(text: str, limit: int, reach: int) -> str:
    """About `limit` words, ending at a comma or semicolon: the last one past half the limit,
    else the first within `reach` words; failing both, cut at a word and marked with '…'."""
    words = text.split()
    if len(words) <= limit:
        return text
    head = " ".join(words[:limit])
    cut = max(head.rfind(", "), head.rfind("; "))
    if cut > len(head) // 2:
        return close(head[:cut])
    longer = " ".join(words[:reach])
    start = len(head) - 1  # a comma that ends the last word counts
    later = [i for i in (longer.find(", ", start), longer.find("; ", start)) if i > 0]
    if later:
        return close(longer[: min(later)])
    return head if head.endswith(".") else close(head) + "…"


def close(phrase: str) -> str:
    """The phrase less the separators and dangling words at its end."""
    words = phrase.rstrip(_SEPARATORS).split(" ")
    while len(words) > 3 and words[-1].casefold() in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(_SEPARATORS)

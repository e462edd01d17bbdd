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


def cut_words(text: str, limit: int) -> str:
    """At most `limit` words, cut after the last comma or semicolon past half, never mid-word."""
    words = text.split()
    if len(words) <= limit:
        return text
    head = " ".join(words[:limit])
    cut = max(head.rfind(", "), head.rfind("; "))
    return close(head[:cut] if cut > len(head) // 2 else head)


def close(phrase: str) -> str:
    """The phrase less the separators and dangling words at its end."""
    words = phrase.rstrip(_SEPARATORS).split(" ")
    while len(words) > 3 and words[-1].casefold() in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(_SEPARATORS)

"""Scans of the source written for speed find what their plain forms find."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from summarizer.verify.text import CLAUSE_END, SENTENCE_END, fold

_CHARS = st.text(alphabet="ab1,. \t\n\r\u00a0\u2028;!?…", max_size=40)


@given(_CHARS)
def test_fold_makes_each_run_of_white_space_one_space(text: str) -> None:
    folded = fold(text)
    assert folded.text == re.sub(r"\s+", " ", text)
    for i, char in enumerate(folded.text):
        start, end = folded.span(i, i + 1)
        assert text[start:end] == char or (char == " " and not text[start:end].strip())


@given(_CHARS, st.integers(0, 40), st.integers(0, 40))
def test_sentence_and_clause_ends_are_their_plain_patterns(text: str, lo: int, hi: int) -> None:
    plain = r"\n|[.!?…](?=\s|$)"
    for fast, slow in ((SENTENCE_END, re.compile(plain)), (CLAUSE_END, re.compile(plain + "|;"))):
        spans = [m.span() for m in fast.finditer(text, lo, hi)]
        assert spans == [m.span() for m in slow.finditer(text, lo, hi)]

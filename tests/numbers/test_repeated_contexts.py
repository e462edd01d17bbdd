"""Numerals classified once per distinct context give exactly what classifying each one
anew gives, also where a cue lies past the window (a line's start, a long space run)."""

from pathlib import Path

import pytest

from summarizer.ingest import read_document
from summarizer.numbers import mentions
from summarizer.numbers.tokens import TOKEN

EVAL = Path(__file__).resolve().parents[2] / "eval"
FAR = " " * 150  # wider than the window a context is remembered by


def each_anew(text: str) -> list:
    """Every bare numeral classified on its own, as before contexts were remembered."""
    return [mentions._number(text, m) for m in TOKEN.finditer(text) if m.lastgroup == "num"]


def remembered(text: str) -> list:
    starts = _num_starts(text)
    return [m for m in mentions._candidates(text) if m.start in starts]


def _num_starts(text: str) -> set[int]:
    return {m.start("num") for m in TOKEN.finditer(text) if m.lastgroup == "num"}


# the same hundred characters on either side of the numeral, a different cue past them
RATE = (
    "Theo báo cáo tổng hợp năm 2023 của Sở Thông tin và Truyền thông, mật độ điện thoại cố "
    "định toàn tỉnh đạt 68 thuê bao trên 100"
)
ITEM = (
    "(1) Bưu chính phát triển mạnh trong năm qua với nhiều dịch vụ mới trên toàn tỉnh và huyện.\n"
)
TRICKY = [
    RATE + FAR + "dân. " + RATE + FAR + "nhà. ",
    "\n" + FAR + ITEM + "x" + FAR + ITEM + "x" + FAR,
    "Lượt xem: 1 | " * 400,
    "1:1 " * 3000,
    "Năm 2023 cấp hơn 120 chứng thư số; năm 2023 cấp hơn 120 chứng thư số. " * 50,
]


@pytest.mark.parametrize("text", TRICKY, ids=range(len(TRICKY)))
def test_remembered_contexts_classify_as_anew(text):
    assert remembered(text) == each_anew(text)


def test_the_corpus_classifies_as_anew():
    paths = sorted(EVAL.glob("*/*.txt")) + sorted(EVAL.glob("*/*.html"))
    assert len(paths) > 40
    for path in paths:
        text = read_document(str(path)).text
        assert remembered(text) == each_anew(text), path.name

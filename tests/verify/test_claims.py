"""A summary's strings as claims: the cheap look that spares a string the number reader never
hides a number the reader would find."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.ingest import read_document
from summarizer.numbers import find_numbers
from summarizer.schema import ReportSummary
from summarizer.verify.wordtokens import Claim, holds_no_number

EVAL = Path(__file__).resolve().parents[2] / "eval"
SETS = ("gold", "extra", "hard", "wild")


def _strings(value: object) -> list[str]:
    """Every string of a dumped summary, at any depth."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _corpus_texts() -> list[str]:
    """The strings of every annotated summary and the lines of every annotated source."""
    texts: list[str] = []
    for name in SETS:
        for gold in sorted((EVAL / name).glob("*.gold.json")):
            summary = ReportSummary.model_validate_json(gold.read_text(encoding="utf-8"))
            texts += _strings(summary.model_dump())
            stem = gold.name.removesuffix(".gold.json")
            source = next(p for p in gold.parent.glob(f"{stem}.*") if p.suffix in (".txt", ".html"))
            texts += read_document(source).text.splitlines()
    return texts


@pytest.mark.parametrize(
    "text",
    [
        "hai tập thể",
        "Bốn mươi tám cá nhân",
        "quý IV",
        "a) Kết quả đạt được",
        "II. NHIỆM VỤ",
        "xếp hạng nhì",
        "không",
        "thuê bao/100 dân",
        "haİ tập thể",
    ],
)
def test_a_string_with_a_numeral_is_read_whole(text: str) -> None:
    assert not holds_no_number(text)


@pytest.mark.parametrize(
    "text", ["Phó Giám đốc Sở Thông tin và Truyền thông", "doanh nghiệp", "%", "Huỳnh Thanh Phong"]
)
def test_names_titles_and_units_hold_no_number(text: str) -> None:
    assert holds_no_number(text)
    assert Claim.of(text).mentions == find_numbers(text) == []


def test_no_corpus_string_said_to_hold_no_number_holds_one() -> None:
    spared = [t for t in _corpus_texts() if holds_no_number(t)]
    assert spared  # the look spares strings at all
    assert [t for t in spared if find_numbers(t)] == []


_PIECES = st.sampled_from(
    [
        "hai", "Ba", "NĂM", "mười", "Mươi", "không", "tư", "nhất", "nhì", "triệu", "tỷ", "lẻ",
        "thứ", "hạng", "quý", "khóa", "lần", "giai đoạn", "đợt", "I", "V", "X", "IV", "XII",
        "Lào", "Cai", "Việt", "a", "b", "đ", "A", "İ", "ı", "ſ", "\u212a", "hai_", "người",
        "tập thể", "cá nhân", "đồng", "Sở", "(", ")", ".", ",", ";", ":", "-", "/", "%", " ",
        "\u00a0", "\n", "\t",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_a_string_said_to_hold_no_number_holds_none(text: str) -> None:
    if holds_no_number(text):
        assert find_numbers(text) == []

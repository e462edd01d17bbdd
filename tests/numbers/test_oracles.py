"""The number reader checked against outside writers of Vietnamese numbers.

num2words (lang='vi') and the variants a Vietnamese writer uses, the written-form cases of the
vietnam-number package, and Babel's CLDR formatting for 'vi'. Each oracle prints its agreement
(run with -s) and requires 99% of what it keeps in scope. The peers are dev dependencies only.
"""

from __future__ import annotations

import json
import random
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from summarizer.numbers import find_numbers, numbers_equal

num2words = pytest.importorskip("num2words").num2words
babel_numbers = pytest.importorskip("babel.numbers")

CASES = Path(__file__).parent / "data" / "vietnam_number_cases.json"
REQUIRED = 0.99
_SCALE = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)"
_SCALES = frozenset({"nghìn", "ngàn", "triệu", "tỷ", "tỉ"})
_SEEN: dict[str, list[int]] = {}
# A fixed seed, ten batches of a hundred, no shrinking: the figure is of generated cases only.
_BOUNDED = settings(
    derandomize=True,
    max_examples=10,
    deadline=None,
    phases=[Phase.generate],
    suppress_health_check=[HealthCheck.large_base_example, HealthCheck.too_slow],
)


def _agree(oracle: str, results: list[bool]) -> float:
    """Record one batch, print the running agreement, return the batch's."""
    tally = _SEEN.setdefault(oracle, [0, 0])
    tally[0] += sum(results)
    tally[1] += len(results)
    print(f"\n{oracle}: {tally[0]}/{tally[1]} = {tally[0] / tally[1]:.2%} read right")
    return sum(results) / len(results)


def _reads_as(sentence: str, value: float) -> bool:
    """Exactly one metric in the sentence, worth value once its scale word is applied."""
    metrics = [m for m in find_numbers(sentence) if m.is_metric]
    return len(metrics) == 1 and numbers_equal(metrics[0].scaled_value, value)


def _in_sentence(words: str) -> str:
    return f"Toàn tỉnh đã hỗ trợ {words} hộ gia đình."


def _formal_groups(words: str) -> str:
    """The formal writing that keeps every group's hundreds: 'một triệu không trăm năm mươi'."""
    out: list[str] = []
    group: list[str] = []
    after_scale = False
    for word in [*words.split(), ""]:
        if word in _SCALES or not word:
            if after_scale and group and "trăm" not in group:
                tail = group[1:] if group[0] == "lẻ" else group
                tail = ["lẻ", *tail] if len(tail) == 1 and tail[0] != "mười" else tail
                group = ["không", "trăm", *tail]  # "lẻ mười bảy" -> "không trăm mười bảy"
            out += [*group, word]
            group, after_scale = [], True
        else:
            group.append(word)
    return " ".join(out).strip()


def _variant(words: str, rng: random.Random) -> str:
    """One writer's way with num2words' string: each habit taken or not, at random."""
    if rng.random() < 0.5:
        words = _formal_groups(words)
    if rng.random() < 0.5:
        words = words.replace("lẻ", "linh")
    if rng.random() < 0.5:
        words = words.replace("mốt", "một")
    if rng.random() < 0.5:
        words = words.replace("mươi bốn", "mươi tư")
    if rng.random() < 0.5:  # "hai mươi năm" alone is twenty years: only before a scale word
        words = re.sub(rf"(mươi|mười) lăm (?={_SCALE})", r"\1 năm ", words)
    if rng.random() < 0.5:
        words = words.replace("nghìn", "ngàn")
    if rng.random() < 0.5:
        words = words.replace("tỷ", "tỉ")
    return words


@_BOUNDED
@given(st.lists(st.integers(1, 10**12), min_size=100, max_size=100))
def test_num2words_strings_read_right(values):
    results = [_reads_as(_in_sentence(num2words(n, lang="vi")), n) for n in values]
    assert _agree("num2words vi", results) >= REQUIRED


@_BOUNDED
@given(st.lists(st.integers(1, 10**12), min_size=100, max_size=100), st.randoms())
def test_writer_variants_read_right(values, rng):
    results = [_reads_as(_in_sentence(_variant(num2words(n, lang="vi"), rng)), n) for n in values]
    assert _agree("num2words vi, writer variants", results) >= REQUIRED


def test_formal_groups_writes_the_hundreds():
    assert _formal_groups("hai nghìn lẻ mười bảy") == "hai nghìn không trăm mười bảy"
    assert (
        _formal_groups("một tỷ hai triệu lẻ ba")
        == "một tỷ không trăm lẻ hai triệu không trăm lẻ ba"
    )
    assert _formal_groups("một triệu năm trăm nghìn") == "một triệu năm trăm nghìn"


def _vietnam_number_cases(in_scope: bool) -> list[dict]:
    cases = json.loads(CASES.read_text(encoding="utf-8"))["cases"]
    return [c for c in cases if ("out_of_scope" not in c) == in_scope]


def test_vietnam_number_written_forms():
    cases = _vietnam_number_cases(in_scope=True)
    results = [_reads_as(_in_sentence(c["written"]), c["value"]) for c in cases]
    wrong = [c["written"] for c, ok in zip(cases, results, strict=True) if not ok]
    print(f"misread: {wrong}")
    assert _agree("vietnam-number cases", results) >= REQUIRED


def test_vietnam_number_cases_left_out_say_why():
    left_out = _vietnam_number_cases(in_scope=False)
    print(f"\nvietnam-number cases out of scope: {len(left_out)}")
    assert left_out and all(c["out_of_scope"] for c in left_out)


_AMOUNTS = st.tuples(st.integers(0, 10**12), st.integers(0, 3))


@_BOUNDED
@given(st.lists(_AMOUNTS, min_size=100, max_size=100))
def test_cldr_numbers_read_back(amounts):
    results = []
    for n, places in amounts:
        value = Decimal(n).scaleb(-places)
        written = babel_numbers.format_decimal(value, locale="vi", decimal_quantization=False)
        results.append(_reads_as(f"Doanh thu đạt {written} đồng trong năm.", float(value)))
    assert _agree("CLDR vi numbers", results) >= REQUIRED


@_BOUNDED
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 2)), min_size=100, max_size=100))
def test_cldr_percents_read_back(amounts):
    results = []
    for n, places in amounts:
        value = Decimal(n).scaleb(-places)
        written = babel_numbers.format_percent(
            value / 100, format="#,##0.##%", locale="vi", decimal_quantization=False
        )
        sentence = f"Tỷ lệ hồ sơ trực tuyến đạt {written} trong năm."
        results.append(_reads_as(sentence, float(value)))
    assert _agree("CLDR vi percents", results) >= REQUIRED

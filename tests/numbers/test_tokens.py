"""The candidate pattern spells case out letter by letter: it must match what (?i:...) matches."""

import re
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.numbers import tokens

_EVERY_CHAR = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
_SPELLED = (tokens._WORD_ALT, tokens.DATE_CUES, tokens._ROMAN_CUES, tokens._ORDINAL_GOES_ON)
_WORDS = "|".join([*_SPELLED, "thứ|hạng|nhất|nhì"])
_LETTERS = sorted(set(_WORDS.replace(r"\s+", "").replace("|", "")))


def test_each_letter_class_matches_what_ignorecase_matches():
    pool = set(re.findall(f"(?i:[{re.escape(''.join(_LETTERS))}])", _EVERY_CHAR))
    for letter in _LETTERS:
        spelled = tokens._caseless(letter)
        candidates = "".join(sorted(pool | set(spelled)))
        caseless = set(re.findall(f"(?i:{re.escape(letter)})", candidates))
        assert set(re.findall(spelled, candidates)) == caseless, letter


def test_words_keep_their_spaces_and_order():
    spelled = tokens._caseless(r"giai\s+đoạn|kỳ")
    assert spelled == "[gG][iIİı][aA][iIİı]\\s+[đĐ][oO][ạẠ][nN]|[kK\u212a][ỳỲ]"


# Pieces that open, end or nearly open each branch of TOKEN, glued in random order.
_PIECES = [
    *tokens.NUMBER_WORDS, *tokens.DATE_CUES.split("|"), "giai đoạn", "thế\nkỷ", "Thứ", "HẠNG",
    "thứ hai", "ngày 3/5", "Ngày ", "Tháng ", "quý IV", "http://a.vn", "www.b", "a@b.vn", "x.pdf",
    "f-1.docx", "/van/ban", "&#12;", "+84", "GMT+", "UTC-", "IPv", "G", "KB", "IV", "C", "a)",
    "b.", "(c)", "ſ", "İ", "ı", "\u212a", "×", "_", "١٢", "\u00a0", "\t", "\n", " ", ".", ",",
    "-", "–", ":", "%", "(", ")", "/", "@", "+", "&", "é", "đ", "x", "1", "12", "2023", "09",
    "0912", "1.332", "3,5", "15/63", "24/7", "1800", "2023-01-05", "8:30", "7h30",
]  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_find_tokens_finds_what_finditer_finds(text):
    expected = [(m.span(), m.lastgroup, m.groups()) for m in tokens.TOKEN.finditer(text)]
    assert [(m.span(), m.lastgroup, m.groups()) for m in tokens.find_tokens(text)] == expected


def test_find_tokens_on_running_text():
    text = (
        "1. Năm 2023, Sở đã cấp hai mươi lăm giấy phép (xem tt-12.pdf, lh: so@tt.vn).\n"
        "  a) Giai đoạn II: từ 3/5 đến 10/5, thứ hai ngày 8/5 lúc 7h30; đạt 98,5%.\n"
        "IV. +84 912 345 678 &#39; /tin-tuc/bai-1 www.tt.vn http://x.vn/a 1800 1234\n"
    )
    for start in range(len(text)):
        piece = text[start:]
        expected = [(m.span(), m.lastgroup) for m in tokens.TOKEN.finditer(piece)]
        assert [(m.span(), m.lastgroup) for m in tokens.find_tokens(piece)] == expected


def test_the_spelled_out_sets_hold_what_they_claim():
    assert all(re.fullmatch(r"\w", c) for c in tokens._WORD_CHARS)
    assert not any(re.fullmatch(r"[\w.+@-]", c) for c in tokens._NOT_NAME)


# Long runs of hyphenated, dotted or plus-joined words, where TOKEN's e-mail and file-name
# branch is replaced by a look at the run's end (summarizer.numbers.tokens._Runs).
_RUN_UNITS = ["a-", "a.", "x+", "ba-", "hai-", "Hai.", "1-", "đ-", "IV-", "a_b-", "é."]
_RUN_ENDS = ["", "@b.vn", "@", "@b", ".pdf", ".pdfx", ".", "+", " ", "\n", "-", "x@y.docx", "12"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_PIECES), max_size=4).map("".join),
    st.lists(st.sampled_from(_RUN_UNITS), min_size=1, max_size=3),
    st.integers(min_value=20, max_value=120),
    st.lists(st.sampled_from(_RUN_ENDS + _PIECES), max_size=4).map("".join),
)
def test_find_tokens_in_long_runs(head, units, times, tail):
    text = head + "".join(units) * times + tail
    expected = [(m.span(), m.lastgroup, m.groups()) for m in tokens.TOKEN.finditer(text)]
    assert [(m.span(), m.lastgroup, m.groups()) for m in tokens.find_tokens(text)] == expected


def test_long_runs_use_the_pattern_without_names():
    tokens._token_without_names.cache_clear()
    list(tokens.find_tokens("tin " + "a-" * 200 + "b"))
    assert tokens._token_without_names.cache_info().currsize == 1

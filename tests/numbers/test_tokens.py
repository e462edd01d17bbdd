"""The candidate pattern spells case out letter by letter: it must match what (?i:...) matches."""

import re
import sys

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

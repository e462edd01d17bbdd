import pytest

from summarizer.numbers.numerals import (
    SCALES,
    numbers_equal,
    parse_digits,
    parse_numeral,
    parse_roman,
    parse_words,
)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1.332", 1332), ("1,7", 1.7), ("09", 9), ("525.950", 525950), ("742,67", 742.67),
        ("1.203.458", 1203458), ("94,3", 94.3), ("0,7024", 0.7024), ("bốn mươi tám", 48),
        ("mười sáu", 16), ("hai", 2), ("mười lăm", 15), ("hai mươi mốt", 21),
        ("ba mươi tư", 34), ("một trăm linh năm", 105), ("hai trăm lẻ tư", 204),
        ("năm mươi", 50), ("một nghìn", 1000), ("ba triệu hai trăm nghìn", 3_200_000),
        ("XIII", 13), ("XV", 15), ("IV", 4), ("I", 1), ("Nhì", 2), ("  hai  ", 2),
    ],
)  # fmt: skip
def test_parse_numeral(written, value):
    assert numbers_equal(parse_numeral(written), value)


@pytest.mark.parametrize("written", ["", "abc", "năm học", "hai mươi năm", "IIII", "1,2,3"])
def test_parse_numeral_rejects_what_is_not_one_numeral(written):
    assert parse_numeral(written) is None


def test_parse_numeral_reads_a_point_that_cannot_group_thousands_as_decimal():
    assert numbers_equal(parse_numeral("1.33"), 1.33)
    assert parse_numeral("1.330") == 1330


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1.234.567,5", 1234567.5),  # '.' groups thousands, ',' marks decimals
        ("15,021,661", 15021661),  # English grouping, as view counters write it
        ("12,345", 12.345),  # one comma is a Vietnamese decimal comma
        (" 167 ", 167),
        ("1,2,3", None),
        ("1.2.3", None),
        ("", None),
    ],
)
def test_parse_digits(written, value):
    got = parse_digits(written)
    if value is None:
        assert got is None
    else:
        assert got is not None and numbers_equal(got, value)


@pytest.mark.parametrize(
    ("written", "value"),
    [("MMXXIV", 2024), ("XLIX", 49), ("IIII", None), ("IC", None), ("iv", None), ("", None)],
)
def test_parse_roman_takes_only_well_formed_capitals(written, value):
    assert parse_roman(written) == value


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("hai mươi năm", (20, 2)),  # twenty years: 25 is "hai mươi lăm"
        ("mười năm", (10, 1)),
        ("mười mốt", (10, 1)),  # eleven is "mười một"
        ("một trăm linh", (100, 2)),  # a dangling "linh" is not part of the numeral
        ("một trăm linh năm hộ", (105, 4)),
        ("Hai mươi lăm người", (25, 3)),
        ("ba triệu hai trăm nghìn", (3_200_000, 5)),
        ("người", None),
        ("", None),
    ],
)
def test_parse_words_reads_the_longest_numeral_at_the_head(words, expected):
    assert parse_words(words.split()) == expected


def test_scales_cover_the_compound_scale_words():
    assert SCALES["nghìn tỷ"] == SCALES["ngàn tỉ"] == 1e12
    assert SCALES["tỷ"] == SCALES["tỉ"] == 1e9


def test_numbers_equal_ignores_float_noise():
    assert numbers_equal(1.7, 1.70000000001)
    assert numbers_equal(0.1 + 0.2, 0.3)
    assert not numbers_equal(1.7, 1.8)

"""Province names as plain text and web pages actually spell them."""

import pytest

from summarizer.backends.rules.provinces import find_province, is_place_name


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Sở TT&TT Tp. Hồ Chí Minh vừa tổ chức hội nghị", "Hồ Chí Minh"),
        ("Sở TT&TT Tp.HCM vừa tổ chức hội nghị", "Hồ Chí Minh"),
        ("Sở TT&TT Tp HCM vừa tổ chức hội nghị", "Hồ Chí Minh"),
        ("Sở TT&TT tỉnh Bình \u00d0ịnh vừa tổ chức hội nghị", "Bình Định"),
        ("Sở TT&TT tỉnh \u00d0ắk Nông vừa tổ chức hội nghị", "Đắk Nông"),
        ("Sở TT&TT tỉnh Lâm\u00a0Đồng vừa tổ chức hội nghị", "Lâm Đồng"),
        ("Sở TT&TT tỉnh Hải  Dương vừa tổ chức hội nghị", "Hải Dương"),
        ("Sở TT&TT Thành phố Hồ \u00a0Chí Minh vừa tổ chức hội nghị", "Hồ Chí Minh"),
    ],
)
def test_spellings_of_plain_text(lead, expected):
    assert find_province(None, lead, "") == expected


def test_a_place_name_with_a_look_alike_letter():
    assert is_place_name("Bình \u00d0ịnh")
    assert not is_place_name("Nguyễn \u00d0ức")

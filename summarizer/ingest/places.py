"""Vietnam's provinces and centrally-run cities, and well-known places that belong to one.

The data every stage that names a report's province shares: the 63 units in force before 2025
with their common spellings, and cities, towns and districts known well enough to place a report
in their province. The old tone placement ("Hoà") is left to whoever compares names.
"""

from __future__ import annotations

# Canonical name -> other spellings (the old tone placement is added by `spellings`).
PROVINCES: dict[str, tuple[str, ...]] = {
    "An Giang": (), "Bà Rịa - Vũng Tàu": ("Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu", "BR-VT"),
    "Bạc Liêu": (), "Bắc Giang": (), "Bắc Kạn": ("Bắc Cạn",), "Bắc Ninh": (), "Bến Tre": (),
    "Bình Dương": (), "Bình Định": (), "Bình Phước": (), "Bình Thuận": (), "Cà Mau": (),
    "Cao Bằng": (), "Cần Thơ": (), "Đà Nẵng": (),
    "Đắk Lắk": ("Đắc Lắc", "Đăk Lăk", "Đắk Lăk", "Đăk Lắk", "Daklak", "Dak Lak"),
    "Đắk Nông": ("Đắc Nông", "Đăk Nông", "Dak Nông"), "Điện Biên": (), "Đồng Nai": (),
    "Đồng Tháp": (), "Gia Lai": (), "Hà Giang": (), "Hà Nam": (), "Hà Nội": (), "Hà Tĩnh": (),
    "Hải Dương": (), "Hải Phòng": (), "Hậu Giang": (), "Hòa Bình": (), "Hưng Yên": (),
    "Khánh Hòa": (), "Kiên Giang": (), "Kon Tum": ("Kontum",), "Lai Châu": (), "Lâm Đồng": (),
    "Lạng Sơn": (), "Lào Cai": (), "Long An": (), "Nam Định": (), "Nghệ An": (),
    "Ninh Bình": (), "Ninh Thuận": (), "Phú Thọ": (), "Phú Yên": (), "Quảng Bình": (),
    "Quảng Nam": (), "Quảng Ngãi": (), "Quảng Ninh": (), "Quảng Trị": (), "Sóc Trăng": (),
    "Sơn La": (), "Tây Ninh": (), "Thái Bình": (), "Thái Nguyên": (), "Thanh Hóa": (),
    "Thừa Thiên Huế": ("Thừa Thiên - Huế", "Thừa Thiên-Huế", "TT-Huế", "TT Huế"),
    "Tiền Giang": (),
    "Hồ Chí Minh": (
        "TP Hồ Chí Minh", "TP. Hồ Chí Minh", "TP.Hồ Chí Minh", "Thành phố Hồ Chí Minh",
        "thành phố Hồ Chí Minh", "TP.HCM", "TP. HCM", "TPHCM", "TP HCM", "TP.Hồ Chí Minh",
    ),
    "Trà Vinh": (), "Tuyên Quang": (), "Vĩnh Long": (), "Vĩnh Phúc": (), "Yên Bái": (),
}  # fmt: skip

# Cities, towns and districts known well enough to place a report in their province.
PLACES: dict[str, tuple[str, ...]] = {
    "Quảng Ninh": ("Hạ Long", "Cẩm Phả", "Móng Cái", "Uông Bí", "Quảng Yên", "Đông Triều"),
    "Tây Ninh": ("Hòa Thành", "Trảng Bàng", "Gò Dầu", "Tân Biên", "Dương Minh Châu"),
    "Phú Thọ": ("Việt Trì",), "Đắk Lắk": ("Buôn Ma Thuột",), "Gia Lai": ("Pleiku",),
    "Bình Định": ("Quy Nhơn",), "Khánh Hòa": ("Nha Trang", "Cam Ranh"),
    "Lâm Đồng": ("Đà Lạt", "Bảo Lộc"), "Bình Thuận": ("Phan Thiết",),
    "Ninh Thuận": ("Phan Rang - Tháp Chàm", "Phan Rang-Tháp Chàm"), "Phú Yên": ("Tuy Hòa",),
    "Quảng Nam": ("Tam Kỳ", "Hội An"), "Quảng Bình": ("Đồng Hới",), "Quảng Trị": ("Đông Hà",),
    "Thừa Thiên Huế": ("Huế",), "Nghệ An": ("Cửa Lò",), "Kiên Giang": ("Rạch Giá", "Phú Quốc"),
    "An Giang": ("Long Xuyên", "Châu Đốc"), "Đồng Tháp": ("Cao Lãnh", "Sa Đéc"),
    "Tiền Giang": ("Mỹ Tho",), "Long An": ("Tân An",),
    "Bình Dương": ("Thủ Dầu Một", "Dĩ An", "Thuận An", "Bến Cát", "Tân Uyên"),
    "Đồng Nai": ("Biên Hòa", "Long Khánh"), "Bà Rịa - Vũng Tàu": ("Vũng Tàu", "Bà Rịa"),
    "Bình Phước": ("Đồng Xoài",), "Đắk Nông": ("Gia Nghĩa",), "Lào Cai": ("Sa Pa", "Sapa"),
    "Điện Biên": ("Điện Biên Phủ",), "Hà Nam": ("Phủ Lý",), "Ninh Bình": ("Tam Điệp",),
    "Hải Dương": ("Chí Linh",), "Vĩnh Phúc": ("Vĩnh Yên", "Phúc Yên"), "Bắc Ninh": ("Từ Sơn",),
    "Thanh Hóa": ("Sầm Sơn",), "Hậu Giang": ("Vị Thanh",), "Hà Nội": ("Sơn Tây",),
    "Hồ Chí Minh": ("Thủ Đức",), "Kon Tum": ("Ngọc Hồi",),
}  # fmt: skip

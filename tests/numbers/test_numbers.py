import itertools
import json
import math
import re
from pathlib import Path

import pytest

from summarizer import numbers
from summarizer.ingest import read_document
from summarizer.numbers import NumberMention, find_numbers, numbers_equal, numerals

GOLD_DIR = Path(__file__).resolve().parents[2] / "eval" / "gold"

# (sentence, the mention's text, value, total, kind, qualifier, scale, in_words)
Q, P, F = "quantity", "percent", "fraction"
FORMS = [
    # digits: '.' groups thousands, ',' marks decimals, zeros lead
    ("Toàn tỉnh có 167 điểm phục vụ bưu chính.", "167", 167, None, Q, None, None, False),
    ("Toàn tỉnh có 1.332 vị trí lắp đặt trạm BTS.", "1.332", 1332, None, Q, None, None, False),
    ("tổng doanh thu ước đạt 525.950 tỷ đồng", "525.950", 525950, None, Q, "approx", "tỷ", False),
    ("Doanh thu đạt 742,67 triệu đồng.", "742,67", 742.67, None, Q, None, "triệu", False),
    ("Mạng lưới gồm 6.233 km cáp quang.", "6.233", 6233, None, Q, None, None, False),
    ("tổng cộng 131.788 hồ sơ", "131.788", 131788, None, Q, None, None, False),
    ("Dân số là 1.203.458 người.", "1.203.458", 1203458, None, Q, None, None, False),
    ("đạt 1.234.567,5 đồng", "1.234.567,5", 1234567.5, None, Q, None, None, False),
    ("với tổng số 1699 trạm thu phát sóng", "1699", 1699, None, Q, None, None, False),
    ("Ban hành 01 Nghị quyết, 01 Đề án", "01", 1, None, Q, None, None, False),
    ("tổng cộng 08 Quyết định", "08", 8, None, Q, None, None, False),
    ("Quảng Ninh đạt 0,7024 điểm DTI", "0,7024", 0.7024, None, Q, None, None, False),
    ("tăng 0,2052 điểm so với năm trước", "0,2052", 0.2052, None, Q, None, None, False),
    ("Xếp hạng tỉnh tăng 4 bậc.", "4", 4, None, Q, None, None, False),
    ("dài 68km cáp quang", "68", 68, None, Q, None, None, False),
    # scale words stay out of the value
    ("Doanh thu đạt hơn 1,7 tỷ đồng.", "1,7", 1.7, None, Q, "over", "tỷ", False),
    ("ước khoảng 554 nghìn thuê bao", "554", 554, None, Q, "approx", "nghìn", False),
    ("khoảng 20 ngàn lượt người", "20", 20, None, Q, "approx", "ngàn", False),
    ("vốn 5 nghìn tỷ đồng", "5", 5, None, Q, None, "nghìn tỷ", False),
    ("thu về 3 tỉ đồng", "3", 3, None, Q, None, "tỉ", False),
    # percentages
    ("đạt gần 94,3% tổng số thôn", "94,3%", 94.3, None, P, "approx", None, False),
    ("Phấn đấu 100% hồ sơ được số hóa.", "100%", 100, None, P, None, None, False),
    ("mức tăng bình quân 12%/năm", "12%", 12, None, P, None, None, False),
    ("tăng 0,95% so với năm trước", "0,95%", 0.95, None, P, None, None, False),
    ("tỷ lệ đạt 80 %.", "80 %", 80, None, P, None, None, False),
    ("tăng 50 phần trăm", "50 phần trăm", 50, None, P, None, None, False),
    ("chiếm trên 95% lượng văn bản", "95%", 95, None, P, "over", None, False),
    ("vượt kế hoạch 8%.", "8%", 8, None, P, "over", None, False),
    ("có ít nhất 30% doanh nghiệp", "30%", 30, None, P, "at_least", None, False),
    ("tối đa 5% ngân sách", "5%", 5, None, P, "at_most", None, False),
    ("dưới 10% hộ nghèo", "10%", 10, None, P, "under", None, False),
    ("không dưới 60% dân số", "60%", 60, None, P, "at_least", None, False),
    ("tỷ lệ tăng cao hơn 5% so với năm trước", "5%", 5, None, P, None, None, False),
    # X/Y counts
    ("Đã có 1.634/1.733 thôn có Internet.", "1.634/1.733", 1634, 1733, F, None, None, False),
    ("hoàn thành 09/09 nhiệm vụ", "09/09", 9, 9, F, None, None, False),
    ("số DVCTT có hồ sơ là 509/1.364, chiếm 37%", "509/1.364", 509, 1364, F, None, None, False),
    ("sóng phủ tới 212/216 bản", "212/216", 212, 216, F, None, None, False),
    ("hoàn thành 35/39 chỉ tiêu", "35/39", 35, 39, F, None, None, False),
    ("gần 19/51 nhiệm vụ", "19/51", 19, 51, F, "approx", None, False),
    # rates: the base belongs to the unit
    ("mật độ đạt 8,68 thuê bao/100 dân", "8,68", 8.68, None, Q, None, None, False),
    ("mật độ đạt 8,68 thuê bao/100 dân", "100", 100, None, "rate_base", None, None, False),
    ("bình quân 90,5 máy/100 dân", "100", 100, None, "rate_base", None, None, False),
    ("có 9 bác sĩ/10.000 dân", "10.000", 10000, None, "rate_base", None, None, False),
    ("đạt 68 thuê bao trên 100 dân", "100", 100, None, "rate_base", None, None, False),
    ("trên 100 người dân tham gia", "100", 100, None, Q, "over", None, False),
    # qualifiers: the nearest wins; "trên" of place is none
    ("doanh thu ước đạt trên 565 tỷ đồng", "565", 565, None, Q, "over", "tỷ", False),
    ("nộp ngân sách ước đạt 6.500 tỷ đồng", "6.500", 6500, None, Q, "approx", "tỷ", False),
    ("Hiện có khoảng 1.300 doanh nghiệp", "1.300", 1300, None, Q, "approx", None, False),
    ("số trạm đã lên gần 1.700 trạm", "1.700", 1700, None, Q, "approx", None, False),
    ("xấp xỉ 200 hộ", "200", 200, None, Q, "approx", None, False),
    ("ước tính 45 dự án", "45", 45, None, Q, "approx", None, False),
    ("ước 12 công trình", "12", 12, None, Q, "approx", None, False),
    ("tối thiểu 3 điểm", "3", 3, None, Q, "at_least", None, False),
    ("trên địa bàn có 26 cơ quan", "26", 26, None, Q, None, None, False),
    ("trên cơ sở 15 đề xuất", "15", 15, None, Q, None, None, False),
    ("bảo đảm cho trên 280 cuộc họp", "280", 280, None, Q, "over", None, False),
    # numbers in words
    ("trao Kỷ niệm chương cho bốn mươi tám cá nhân", "bốn mươi tám", 48, None, Q, None, None, True),
    ("cho hai tập thể và mười sáu cá nhân", "hai", 2, None, Q, None, None, True),
    ("cho hai tập thể và mười sáu cá nhân", "mười sáu", 16, None, Q, None, None, True),
    ("tặng một tập thể", "một", 1, None, Q, None, None, True),
    ("năm cá nhân được khen", "năm", 5, None, Q, None, None, True),
    ("có hai mươi lăm đơn vị", "hai mươi lăm", 25, None, Q, None, None, True),
    ("có ba mươi mốt xã", "ba mươi mốt", 31, None, Q, None, None, True),
    ("hai mươi tư giờ", "hai mươi tư", 24, None, "duration", None, None, True),
    ("một trăm linh năm hộ", "một trăm linh năm", 105, None, Q, None, None, True),
    ("hai trăm năm mươi người", "hai trăm năm mươi", 250, None, Q, None, None, True),
    ("hai triệu thuê bao", "hai", 2, None, Q, None, "triệu", True),
    ("hai mươi năm thành lập", "hai mươi", 20, None, "duration", None, None, True),
    ("cả ba cấp tỉnh, huyện, xã", "ba", 3, None, "level", None, None, True),
    ("khoảng bảy trăm người", "bảy trăm", 700, None, Q, "approx", None, True),
    # years, dates, times
    ("Hội nghị tổng kết công tác năm 2020", "2020", 2020, None, "year", None, None, False),
    ("nhiệm kỳ 2021 - 2026", "2026", 2026, None, "year", None, None, False),
    ("giai đoạn 2021-2025", "2021", 2021, None, "year", None, None, False),
    ("Ngày 20/01/2021, Sở tổ chức", "20/01/2021", 20, None, "date", None, None, False),
    ("Chiều 12/1, Sở tổ chức", "12/1", 12, None, "date", None, None, False),
    ("Sáng 30.12, hội nghị", "30.12", 30, None, "date", None, None, False),
    ("Ngày 18-7, Sở sơ kết", "18-7", 18, None, "date", None, None, False),
    ("vào ngày 13-1-2023", "13-1-2023", 13, None, "date", None, None, False),
    ("Đăng ngày 28 - 10 - 2021", "28 - 10 - 2021", 28, None, "date", None, None, False),
    ("từ tháng 9-2019", "9-2019", 9, None, "date", None, None, False),
    ("giao ban tháng 11/2014", "11/2014", 11, None, "date", None, None, False),
    ("ngày 20 tháng 1 năm 2021", "20 tháng 1 năm 2021", 20, None, "date", None, None, False),
    ("Tính đến hết tháng 6, toàn tỉnh", "6", 6, None, "date", None, None, False),
    ("Thứ năm - 21/01/2021 15:00", "15:00", 15, None, "time", None, None, False),
    ("Thứ năm - 21/01/2021 15:00", "năm", 5, None, "date", None, None, True),
    ("30/01/2024, 10:12 [GMT+7]", "7", 7, None, "time", None, None, False),
    ("lúc 15h30 ngày 5/3", "15h30", 15, None, "time", None, None, False),
    # document numbers, hotlines, phones
    ("báo cáo số 3049/BC-STTTT", "3049/BC-STTTT", 3049, None, "docnum", None, None, False),
    ("Quyết định số 02/QĐ-UBND", "02/QĐ-UBND", 2, None, "docnum", None, None, False),
    ("Nghị quyết số 17-NQ/TU", "17-NQ/TU", 17, None, "docnum", None, None, False),
    ("Nghị định 13/2023/NĐ-CP", "13/2023/NĐ-CP", 13, None, "docnum", None, None, False),
    ("theo Nghị quyết 57 của Bộ Chính trị", "57", 57, None, "docnum", None, None, False),
    ("triển khai đầu số 1022 Tây Ninh", "1022", 1022, None, "hotline", None, None, False),
    ("ứng dụng 1022 Tây Ninh", "1022", 1022, None, "hotline", None, None, False),
    ("qua Tổng đài 1022.", "1022", 1022, None, "hotline", None, None, False),
    ("Điện thoại: 0203.3.634.521", "0203.3.634.521", 2033634521, None, "phone", None, None, False),
    ("gọi 0912 345 678", "0912 345 678", 912345678, None, "phone", None, None, False),
    # ranks, ordinals, levels, technology
    ("Hà Giang xếp thứ 15/63 tỉnh", "15/63", 15, None, "ordinal", None, None, False),
    ("Quảng Ninh xếp thứ 3, tăng 4 bậc", "3", 3, None, "ordinal", None, None, False),
    ("Đại hội lần thứ XIII của Đảng", "XIII", 13, None, "ordinal", None, None, False),
    ("Quốc hội khóa XV", "XV", 15, None, "ordinal", None, None, False),
    ("kết quả quý I/2023", "I", 1, None, "ordinal", None, None, False),
    ("Huân chương Lao động hạng Nhì", "Nhì", 2, None, "ordinal", None, None, True),
    ("lần thứ hai tổ chức", "hai", 2, None, "ordinal", None, None, True),
    ("vào nhóm 3 tỉnh dẫn đầu", "3", 3, None, "ordinal", None, None, False),
    ("camera giai đoạn 2, Trung tâm", "2", 2, None, "ordinal", None, None, False),
    ("chi tiết tại Phụ lục 1)", "1", 1, None, "ordinal", None, None, False),
    ("Ngoài ra, Binh đoàn 16, Điện lực tỉnh", "16", 16, None, "ordinal", None, None, False),
    ("thí điểm tại KCN Yên Phong 1; tập trung", "1", 1, None, "ordinal", None, None, False),
    ("dịch vụ công trực tuyến mức độ 4", "4", 4, None, "level", None, None, False),
    ("DVCTT mức độ 3, 4; trong đó", "4", 4, None, "level", None, None, False),
    ("cấp độ 2 về an toàn", "2", 2, None, "level", None, None, False),
    ("liên thông văn bản 4 cấp", "4", 4, None, "level", None, None, False),
    ("Đã cấp 128 giấy phép xuất bản", "128", 128, None, Q, None, None, False),
    ("mạng di động 4G", "4G", 4, None, "tech", None, None, False),
    ("Sóng 2G/3G/4G đã phủ", "2G/3G/4G", 2, None, "tech", None, None, False),
    ("dịch bệnh Covid-19", "19", 19, None, "tech", None, None, False),
    ("cách mạng công nghiệp 4.0", "4.0", 4, None, "tech", None, None, False),
    # durations and anniversaries
    ("cống hiến 20 năm cho ngành", "20", 20, None, "duration", None, None, False),
    ("sơ kết 6 tháng đầu năm", "6", 6, None, "duration", None, None, False),
    ("Lũy kế sau 3 năm triển khai", "3", 3, None, "duration", None, None, False),
    ("Thời gian chờ: 60 giây", "60", 60, None, "duration", None, None, False),
    ("trực 24/7 phục vụ", "24/7", 24, None, "duration", None, None, False),
    # section numbering and page furniture
    ("\n1. Tham mưu HĐND", "1", 1, None, "section", None, None, False),
    ("\nII. DỊCH VỤ CÔNG", "II", 2, None, "section", None, None, False),
    ("\na) Hội nghị truyền hình", "a", 1, None, "section", None, None, False),
    ("Cập nhật: 15:27 | Lượt xem: 1.208", "1.208", 1208, None, "furniture", None, None, False),
    ("18/07/2019 14:04 Số lượt xem: 15", "15", 15, None, "furniture", None, None, False),
    ("Đang truy cập63", "63", 63, None, "furniture", None, None, False),
    ("16 người đang online", "16", 16, None, "furniture", None, None, False),
    ("Lượt truy cập: 1.203.458", "1.203.458", 1203458, None, "furniture", None, None, False),
    ("Tệp đính kèm: Phu-luc.pdf (245 KB)", "245", 245, None, "furniture", None, None, False),
    ("Tổng lượt truy cập15,021,661", "15,021,661", 15021661, None, "furniture", None, None, False),
    ("Hôm nay: 1.482", "1.482", 1482, None, "furniture", None, None, False),
    ("Ý kiến bạn đọc (0)", "0", 0, None, "furniture", None, None, False),
    ("21/01/2021 15:00 817 0\nNgày", "817", 817, None, "furniture", None, None, False),
    ("Lượt xem: 142\n100%\n\nNgày", "100%", 100, None, "furniture", None, None, False),
    ("Thành viên: 12", "12", 12, None, "furniture", None, None, False),
    # counters' words inside prose are results, not furniture
    ("video đạt 1 triệu lượt xem trên mạng", "1", 1, None, Q, None, "triệu", False),
    ("Cổng có 15.000 lượt truy cập mỗi ngày", "15.000", 15000, None, Q, None, None, False),
    ("thành viên 3 tổ công tác", "3", 3, None, Q, None, None, False),
    # more of the language's forms
    ("Hotline: 1900 1234 hỗ trợ", "1900 1234", 1900, None, "hotline", None, None, False),
    ("ký ngày 2021-01-20", "2021-01-20", 2021, None, "date", None, None, False),
    ("họp lúc 15g30 chiều", "15g30", 15, None, "time", None, None, False),
    ("triển khai Đề án 06 của Chính phủ", "06", 6, None, "docnum", None, None, False),
    ("kết quả quý 3 năm 2023", "3", 3, None, "ordinal", None, None, False),
    ("Nghị quyết Đại hội XIII", "XIII", 13, None, "ordinal", None, None, False),
    ("trường THCS cấp II", "II", 2, None, "level", None, None, False),
    ("\n1.2. Kết quả nổi bật", "1.2", 1, None, "section", None, None, False),
    ("đạt gần như 100% hồ sơ", "100%", 100, None, P, "approx", None, False),
    ("khoảng trên dưới 100 người", "100", 100, None, Q, "approx", None, False),
    ("Trụ sở số 3, phường Hồng Hà", "3", 3, None, "ordinal", None, None, False),
    ("đường truyền 100Mbps", "100", 100, None, Q, None, None, False),
    ("hoàn thành trước 1/7 năm nay", "1/7", 1, None, "date", None, None, False),
    ("đạt 75% (9/12 huyện)", "9/12", 9, 12, F, None, None, False),
    ("từ 3-5 năm", "3", 3, None, "duration", None, None, False),
    ("trong vòng 3 ngày", "3", 3, None, "duration", None, None, False),
    ("cả hai đơn vị", "hai", 2, None, Q, None, None, True),
    ("Sáu tháng đầu năm, toàn tỉnh", "Sáu", 6, None, "duration", None, None, True),
    ("tăng 5-7%", "7%", 7, None, P, None, None, False),
    ("thu 2 triệu USD", "2", 2, None, Q, None, "triệu", False),
    # amounts in words: segments below the first scale word, lẻ/linh and không trăm after it
    (
        "Số tiền bằng chữ: hai triệu bảy trăm nghìn đồng",
        "hai triệu bảy trăm nghìn",
        2_700_000,
        None,
        Q,
        None,
        None,
        True,
    ),
    (
        "vốn đầu tư ba tỷ bốn trăm sáu mươi triệu đồng",
        "ba tỷ bốn trăm sáu mươi triệu",
        3_460_000_000,
        None,
        Q,
        None,
        None,
        True,
    ),
    ("đã cấp ba nghìn linh tám chứng thư số", "ba nghìn linh tám", 3008, None, Q, None, None, True),
    (
        "có bốn triệu lẻ hai mươi thuê bao",
        "bốn triệu lẻ hai mươi",
        4_000_020,
        None,
        Q,
        None,
        None,
        True,
    ),
    (
        "tiếp nhận năm nghìn không trăm hai mươi hồ sơ",
        "năm nghìn không trăm hai mươi",
        5020,
        None,
        Q,
        None,
        None,
        True,
    ),
    ("dự toán sáu trăm nghìn tỷ đồng", "sáu trăm", 600, None, Q, None, "nghìn tỷ", True),
    ("thu bảy mươi năm nghìn đồng", "bảy mươi năm", 75, None, Q, None, "nghìn", True),
    ("nộp ngân sách hai phẩy bảy lăm tỷ đồng", "hai phẩy bảy lăm", 2.75, None, Q, None, "tỷ", True),
    ("chiếm không phẩy tám phần trăm", "không phẩy tám phần trăm", 0.8, None, P, None, None, True),
    ("tổ chức lần thứ mười hai", "mười hai", 12, None, "ordinal", None, None, True),
    ("đội xếp thứ hai mươi ba", "hai mươi ba", 23, None, "ordinal", None, None, True),
    # after từ/đến/trước/sau a day-month only where nothing makes it a quantity
    ("hỗ trợ từ 20 - 30 triệu đồng mỗi hộ", "20", 20, None, Q, None, "triệu", False),
    ("đào tạo từ 15-25 học viên", "15", 15, None, Q, None, None, False),
    ("tăng từ 18/63 lên 27/63 tỉnh", "18/63", 18, 63, F, None, None, False),
    ("nâng từ 2/4 lên 4/4 huyện", "2/4", 2, 4, F, None, None, False),
    ("đến 6-8 doanh nghiệp tham gia", "6", 6, None, Q, None, None, False),
    ("sau 4/9 cá nhân được khen", "4/9", 4, 9, F, None, None, False),
    ("Từ 15/3, Sở triển khai", "15/3", 15, None, "date", None, None, False),
    (
        "hưởng ứng Ngày Sách và Văn hóa đọc Việt Nam 21/4",
        "21/4",
        21,
        None,
        "date",
        None,
        None,
        False,
    ),
    (
        "nhân ngày Chuyển đổi số quốc gia (10/10), tỉnh ra mắt",
        "10/10",
        10,
        None,
        "date",
        None,
        None,
        False,
    ),
    # a slash chain lists numbers to call; a range shares its unit and scale
    ("gọi các số khẩn cấp 112/113/114", "113", 113, None, "hotline", None, None, False),
    ("gọi các số khẩn cấp 112/113/114", "114", 114, None, "hotline", None, None, False),
    ("giảm 20-25% thời gian xử lý", "20", 20, None, P, None, None, False),
    ("mức thu 5 - 7 nghìn đồng", "5", 5, None, Q, None, "nghìn", False),
    ("vốn từ 2 đến 4 tỷ đồng", "2", 2, None, Q, None, "tỷ", False),
]


def _pick(text: str, wanted: str) -> NumberMention:
    found = [m for m in find_numbers(text) if m.text == wanted]
    assert found, f"{wanted!r} not found in {text!r}: {find_numbers(text)}"
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "wanted", "value", "total", "kind", "qualifier", "scale", "in_words"),
    FORMS,
    ids=[f"{row[1]}|{row[0][:30]}" for row in FORMS],
)
def test_written_forms(sentence, wanted, value, total, kind, qualifier, scale, in_words):
    m = _pick(sentence, wanted)
    assert (m.kind, m.qualifier, m.scale, m.in_words) == (kind, qualifier, scale, in_words)
    assert numbers_equal(m.value, value)
    assert (m.total is None) if total is None else numbers_equal(m.total, total)
    assert sentence[m.start : m.end] == m.text


def test_table_covers_many_written_forms():
    assert len({row[1] for row in FORMS}) >= 80


@pytest.mark.parametrize(
    "sentence",
    [
        "Sở đã triển khai một số nội dung đột phá",
        "một cách đồng bộ, một phần kinh phí",
        "Tổng kết năm 2020, triển khai nhiệm vụ năm nay",
        "các doanh nghiệp và những đơn vị",
        "thu hút đầu tư, tư nhân",
        "hàng trăm doanh nghiệp và hàng nghìn hộ",
        "khai báo thông tin một lần khi làm thủ tục",
        "Ông Nguyễn Văn Ba phát biểu",
        "quận Ba Đình, quận Hai Bà Trưng",
        "chín muồi, hai bên cùng có lợi",
        "phần mềm linh hoạt",
    ],
)
def test_words_that_are_not_counts(sentence):
    assert [m for m in find_numbers(sentence) if m.in_words and m.is_metric] == []


def test_a_numeral_too_long_for_a_float_is_no_amount():
    text = f"có {'7' * 400} hộ, {'3' * 320}/45 xã và {'8' * 330},5 tỷ đồng"
    assert all(math.isfinite(m.value) for m in find_numbers(text))
    assert numerals.parse_numeral("9" * 309) is None


def test_a_lone_zero_group_is_no_numeral():
    assert find_numbers("không trăm người") == []


def test_qualifier_span_points_at_the_word():
    text = "doanh thu ước đạt trên 565 tỷ đồng"
    m = _pick(text, "565")
    assert m.qualifier_span is not None
    assert text[slice(*m.qualifier_span)] == "trên"


def test_scaled_value_applies_the_scale_word():
    assert _pick("ước khoảng 554 nghìn thuê bao", "554").scaled_value == 554_000
    assert numbers_equal(_pick("hơn 1,7 tỷ đồng", "1,7").scaled_value, 1.7e9)
    assert _pick("có 167 điểm", "167").scaled_value == 167


def test_is_metric_only_for_quantities_percents_and_fractions():
    kinds = {m.kind: m.is_metric for m in find_numbers("năm 2021 có 5 xã, 20% hộ, 3/4 thôn")}
    assert kinds == {"year": False, "quantity": True, "percent": True, "fraction": True}


def test_numeral_reading_is_importable_from_here_too():
    assert numbers.parse_numeral is numerals.parse_numeral
    assert numbers.numbers_equal is numerals.numbers_equal
    assert numbers.SCALES is numerals.SCALES
    assert {"quantity", "percent", "fraction"} == numbers.METRIC_KINDS


# ---------------------------------------------------------------- the corpus and its gold


def _gold_cases():
    for gold_path in sorted(GOLD_DIR.glob("*.gold.json")):
        stem = gold_path.name.removesuffix(".gold.json")
        source = next(p for p in GOLD_DIR.iterdir() if p.stem == stem and p.suffix != ".json")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for item in gold["achievements"] + gold["targets"]:
            for metric in item["metrics"]:
                yield pytest.param(source, item["evidence"], metric, id=f"{stem}:{metric['text']}")


def _find_folded(haystack: str, needle: str) -> tuple[int, int] | None:
    pattern = r"\s+".join(re.escape(word) for word in needle.split())
    m = re.search(pattern, haystack)
    return m.span() if m else None


_DOCS: dict[Path, tuple[str, list[NumberMention]]] = {}


def _numbers_of(source: Path) -> tuple[str, list[NumberMention]]:
    if source not in _DOCS:
        text = read_document(source).text
        _DOCS[source] = (text, find_numbers(text))
    return _DOCS[source]


@pytest.mark.parametrize(("source", "evidence", "metric"), list(_gold_cases()))
def test_every_gold_metric_is_found_as_a_metric(source, evidence, metric):
    text, mentions = _numbers_of(source)
    span = _find_folded(text, evidence)
    assert span is not None, "the evidence stands in the source"
    inside = [m for m in mentions if span[0] <= m.start and m.end <= span[1]]
    hits = [
        m
        for m in inside
        if m.is_metric
        and numbers_equal(m.value, metric["value"])
        and (
            m.total is None
            if metric["total"] is None
            else m.total is not None and numbers_equal(m.total, metric["total"])
        )
        and metric["text"].startswith(m.text)
    ]
    assert hits, f"{metric['text']!r} not a metric among {inside}"
    assert any(m.qualifier == metric["qualifier"] for m in hits)


def test_mentions_are_ordered_disjoint_and_exact_on_the_whole_corpus():
    for source in sorted(GOLD_DIR.iterdir()):
        if source.suffix not in (".txt", ".html"):
            continue
        text, mentions = _numbers_of(source)
        assert mentions, source.name
        for a, b in itertools.pairwise(mentions):
            assert a.end <= b.start, (source.name, a, b)
        for m in mentions:
            assert text[m.start : m.end] == m.text


def test_not_metrics_of_the_schema_never_come_out_as_metrics():
    text = (
        "Ngày 20/01/2021, theo báo cáo số 3049/BC-STTTT, Hà Giang xếp thứ 15/63; "
        "kỷ niệm 20 năm thành lập; Tổng đài 1022; khóa XV; lần thứ XIII; hạng Nhì; "
        "mức độ 4; 4 cấp; mạng 4G, 5G; Lượt xem: 1.208; Đang truy cập 63."
    )
    metrics = [m.text for m in find_numbers(text) if m.is_metric]
    assert metrics == []

"""A description or overview part ends at a clause boundary, never inside a phrase."""

from summarizer.backends.rules.phrases import cut_at_clause

LONG = (
    "Năm 2024, Sở xác định tiếp tục triển khai Đề án tổng thể chuyển đổi số của tỉnh trong "
    "mọi lĩnh vực của đời sống kinh tế xã hội giai đoạn 2022 - 2025, định hướng đến năm 2030 "
    "được phê duyệt tại Quyết định"
)


def test_a_cut_runs_on_to_the_next_clause_boundary():
    assert cut_at_clause(LONG, 25, 40).endswith("giai đoạn 2022 - 2025")


def test_with_no_boundary_near_the_cut_is_at_a_word_and_marked():
    text = " ".join(f"từ{i}" for i in range(60))
    cut = cut_at_clause(text, 25, 40)
    assert cut == " ".join(f"từ{i}" for i in range(25)) + "…"


def test_a_short_text_is_kept():
    assert cut_at_clause("Phủ sóng 4G", 25, 40) == "Phủ sóng 4G"

import itertools
from pathlib import Path

import pytest

from summarizer.backends.llm.chunking import split_text

CORPUS = Path(__file__).resolve().parents[3] / "eval" / "gold"


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _long_report(chars: int) -> str:
    """Real report paragraphs repeated until the text is `chars` long."""
    paragraphs = [p for path in sorted(CORPUS.glob("*.txt")) for p in _paragraphs(path.read_text())]
    out: list[str] = []
    i = 0
    while sum(len(p) + 2 for p in out) < chars:
        out.append(paragraphs[i % len(paragraphs)])
        i += 1
    return "\n\n".join(out)


def test_short_text_is_one_part():
    assert split_text("một đoạn\n\nhai đoạn", 1000) == ["một đoạn\n\nhai đoạn"]


@pytest.mark.parametrize("limit", [2_000, 6_000, 24_000])
def test_parts_fit_stand_in_the_source_and_cover_it(limit):
    text = _long_report(60_000)
    parts = split_text(text, limit)
    assert len(parts) > 1
    assert all(len(part) <= limit for part in parts)
    pieces = [p for part in parts for p in _paragraphs(part)]
    # every piece of a part stands in the source (white space folded, as the verifier folds
    # it), so evidence copied from a part stands in the whole source too
    folded = " ".join(text.split())
    assert all(" ".join(piece.split()) in folded for piece in pieces)
    # and no line of the source is lost
    covered = {line for piece in pieces for line in piece.splitlines()}
    assert {line for line in text.splitlines() if line.strip()} <= covered


def test_paragraphs_that_fit_are_kept_whole():
    text = _long_report(60_000)
    limit = max(len(p) for p in _paragraphs(text)) + 1
    parts = split_text(text, limit)
    assert {p for part in parts for p in _paragraphs(part)} == set(_paragraphs(text))


def test_neighbouring_parts_overlap_by_whole_edge_paragraphs():
    paragraphs = [f"Đoạn {i}: " + "nội dung báo cáo " * (5 + i % 7) for i in range(80)]
    parts = split_text("\n\n".join(paragraphs), 2_000, overlap=300)
    assert len(parts) > 3
    for left, right in itertools.pairwise(parts):
        carried = _paragraphs(right)[0]
        assert carried == _paragraphs(left)[-1] or carried in _paragraphs(left)
        shared = [p for p in _paragraphs(right) if p in _paragraphs(left)]
        assert 0 < sum(len(p) for p in shared) <= 300


@pytest.mark.parametrize(
    "paragraph",
    [
        "Câu một dài. " * 400,  # sentences
        "dòng một\n" * 600,  # lines
        "x" * 5_000,  # nothing to split on
    ],
)
def test_a_paragraph_longer_than_the_limit_is_cut_to_fit(paragraph):
    parts = split_text("Mở đầu.\n\n" + paragraph + "\n\nKết thúc.", 1_000)
    assert all(len(part) <= 1_000 for part in parts)
    joined = "".join("".join(part.split()) for part in parts)
    assert "".join(paragraph.split())[:500] in joined

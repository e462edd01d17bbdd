"""Span layout: each drawn element holds exactly its span's text, whatever the overlaps."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from summarizer.render.html_spans import Mark, nest, render_source


class _Marks(HTMLParser):
    """Collects each <mark>'s full text (nested marks included) and the page's whole text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[list] = []
        self.done: dict[str, str] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.open.append([dict(attrs)["data-check"], []])

    def handle_endtag(self, tag):
        if tag != "mark":
            return
        key, parts = self.open.pop()
        self.done[key] = "".join(parts)

    def handle_data(self, data):
        self.text.append(data)
        for _, parts in self.open:
            parts.append(data)


def _draw(text: str, spans: list[tuple[int, int]]) -> tuple[_Marks, list[Mark], list[Mark]]:
    marks = [Mark(s, e, (("data-check", str(i)),), i) for i, (s, e) in enumerate(spans)]
    kept, crossing = nest(marks, len(text))
    parser = _Marks()
    parser.feed(render_source(text, kept))
    parser.close()
    return parser, kept, crossing


def test_nested_identical_and_crossing_spans():
    text = "Năm 2020 đạt 1,7 tỷ đồng <b>"
    spans = [(0, 24), (13, 24), (13, 24), (9, 12), (20, 28), (25, 28)]
    parser, kept, crossing = _draw(text, spans)
    assert [int(dict(m.attrs)["data-check"]) for m in crossing] == [4]  # 20..28 crosses 0..24
    for mark in kept:
        key = dict(mark.attrs)["data-check"]
        assert parser.done[key] == text[mark.start : mark.end]
    assert "".join(parser.text) == text


@given(
    st.text(alphabet="ab <&>\"'\n", min_size=0, max_size=40).map(lambda t: t * 120),
    st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 5000)), max_size=12),
)
def test_every_drawn_element_is_exact_and_the_text_is_whole(text, pairs):
    spans = [(min(a, b), max(a, b)) for a, b in pairs]
    parser, kept, crossing = _draw(text, spans)
    in_range = [s for s in spans if s[1] <= len(text)]
    assert len(kept) + len(crossing) == len(in_range)
    for mark in kept:
        assert parser.done[dict(mark.attrs)["data-check"]] == text[mark.start : mark.end]
    assert "".join(parser.text) == text
    for mark in crossing:  # dropped only when it truly crosses a drawn one
        assert any(k.start < mark.start < k.end < mark.end for k in kept)

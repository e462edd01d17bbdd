"""The checks of metrics (text, value, total, qualifier, unit); see verify.

A metric is bound to its item: its text must stand in the item's evidence or, when the evidence
is a clipped span, in that evidence's sentence. A text that stands only elsewhere in the source
is `unsupported`: a real number attached to the wrong claim. The value and total are read from
that occurrence, the qualifier is the word written before it, and the unit's scale word and
words follow it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..numbers import SCALES, NumberMention, numbers_equal
from ..numbers.cues import qualify
from ..schema import CheckKind, CheckStatus, Metric
from .freetext import FreeText
from .recorder import Recorder
from .text import difference, locate, word_key
from .wordtokens import Claim, render_value

_EVIDENCE = "this item's evidence"
_SCALE_KEYS = {word_key(w) for w in SCALES if " " not in w}
_RATIO = ("w", word_key("lệ"))
_UNIT_REACH = 12  # tokens after a number in which its unit's words must stand
_QUALIFIER_WORDS = {
    "over": "hơn/trên/vượt",
    "under": "dưới",
    "approx": "khoảng/gần/ước đạt",
    "at_least": "ít nhất/tối thiểu",
    "at_most": "tối đa",
}


class MetricChecks:
    """A metric's text found in its item's place, and its numbers held to what stands there."""

    def __init__(self, rec: Recorder, free: FreeText) -> None:
        self.rec = rec
        self.src = rec.src
        self.free = free

    def metric(self, path: str, metric: Metric, scope: tuple[int, int] | None) -> None:
        claim = Claim.of(metric.text)
        place, elsewhere = self.metric_text(f"{path}.text", metric.text, claim, scope)
        if elsewhere:
            return  # the text stands elsewhere: that is the error, its numbers say nothing more
        here = self._occurrence(place, claim) if place else None
        for kind, claimed in (("value", metric.value), ("total", metric.total)):
            if claimed is not None:
                self.metric_number(f"{path}.{kind}", kind == "value", claimed, here, claim)
        if here is not None:
            self.qualifier(f"{path}.qualifier", metric.qualifier, here)
        if metric.unit:
            self.unit(f"{path}.unit", metric, here, place, scope)

    def _areas(self, scope: tuple[int, int] | None) -> Iterator[tuple[tuple[int, int], str]]:
        """Where the metric's text may stand, nearest first, each found when the nearer failed:
        most texts stand in their evidence."""
        if scope is None:
            yield (0, len(self.src.text)), "the source"
            return
        yield scope, "its evidence"
        if not any(t.mention and t.mention.is_metric for t in self.src.numbers_in(scope)):
            # a clipped evidence that holds no figure: the figures of its sentence are its own
            yield self.src.sentence_bounds(*scope), "its evidence's sentence"

    def metric_text(
        self, path: str, text: str, claim: Claim, scope: tuple[int, int] | None
    ) -> tuple[tuple[int, int] | None, bool]:
        """The span the metric's text stands on in its item's place, if any, and whether it
        stands only elsewhere (recorded unsupported)."""
        for (lo, hi), where in self._areas(scope):
            span = locate(text, self.src.folded, lo, hi)
            if span is not None:
                diff = difference(text, self.src.text[span[0] : span[1]])
                note = "found verbatim" if diff is None else f"found up to {diff}"
                status: CheckStatus = "exact" if diff is None else "normalized"
                self.rec.add(path, "text", text, status, f"{note} in {where}", span)
                return span, False
        other: tuple[tuple[int, int], str] | None = None  # the text with another number
        for (lo, hi), where in self._areas(scope):
            found = self.src.find_tail(claim, (lo, hi))
            if found is None or not (lo <= found[0][0] and found[0][1] <= hi):
                continue
            span, same = found
            written = self.src.text[span[0] : span[1]]
            if same:
                why = f"found written {written!r} in {where}"
                self.rec.add(path, "text", text, "normalized", why, span)
                return span, False
            other = other or (span, f"{where} has {written!r}")
        anywhere = locate(text, self.src.folded) if scope is not None else None
        if anywhere is None and (tail := self.src.find_tail(claim, None)) and tail[1]:
            anywhere = tail[0]
        if anywhere is not None:
            self.rec.elsewhere(path, "text", text, anywhere, _EVIDENCE)
            return None, True
        if other is not None:
            self.rec.add(path, "text", text, "mismatch", other[1], other[0])
            return None, False
        self.rec.add(path, "text", text, "missing", "not in the source")
        return None, False

    def _occurrence(self, place: tuple[int, int], claim: Claim) -> NumberMention | None:
        """The number the metric's text stands on; an "X/Y" that the number reader took for a
        date after "đến"/"tới" is the count the metric's own text reads ("đến 12/12 huyện")."""
        here = self.src.metric_at(place)
        if here is None or here.kind != "date":
            return here  # the metric's own numbers are read only for a date
        own = claim.first_metric()
        if own is not None and own.kind == "fraction" and own.text == here.text:
            q, q_span = qualify(self.src.text, here.start)
            return replace(own, start=here.start, end=here.end, qualifier=q, qualifier_span=q_span)
        return here

    def metric_number(
        self,
        path: str,
        is_value: bool,
        claimed: float,
        here: NumberMention | None,
        claim: Claim,
    ) -> None:
        if here is not None:
            said = here.value if is_value else here.total
            self._compare(path, is_value, claimed, said, here)
            return
        kind: CheckKind = "value" if is_value else "total"
        shown = render_value(claimed)
        own = claim.first_metric()  # read only here: most metric texts stand in the source
        said = None if own is None else (own.value if is_value else own.total)
        if said is None or not numbers_equal(said, claimed):
            self.rec.add(
                path,
                kind,
                shown,
                "mismatch",
                f"the metric's own text {claim.text!r} says {render_value(said)}",
            )
            return
        self.rec.add(path, kind, shown, "missing", "its text is not in the source")

    def _compare(
        self, path: str, is_value: bool, claimed: float, said: float | None, here: NumberMention
    ) -> None:
        """A value or total against what the number its text stands on says."""
        kind: CheckKind = "value" if is_value else "total"
        shown = render_value(claimed)
        status: CheckStatus
        if said is None:
            status, reason = "mismatch", f"the source text {here.text!r} has no total"
        elif numbers_equal(said, claimed):
            plain = here.text.rstrip("%").split("/")[0 if is_value else -1]
            exact = plain in (shown, render_value(claimed, grouped=True))
            status, reason = (
                ("exact" if exact else "normalized"),
                f"the source text says {here.text!r}",
            )
        elif is_value and here.scale and numbers_equal(here.scaled_value, claimed):
            status, reason = "normalized", f"{here.text!r} with its scale word {here.scale!r}"
        else:
            status, reason = "mismatch", f"the source text {here.text!r} says {render_value(said)}"
        self.rec.add(path, kind, shown, status, reason, (here.start, here.end))

    def qualifier(self, path: str, claimed: str | None, here: NumberMention) -> None:
        """The qualifier written right before the occurrence: another is an error, one left
        out a warning."""
        written = here.qualifier
        if claimed is None and written is None:
            return
        span = here.qualifier_span or (here.start, here.end)
        shown = str(claimed)
        if claimed == written:
            self.rec.add(path, "qualifier", shown, "exact", "written before the number", span)
        elif claimed is None:
            word = self.src.text[span[0] : span[1]]
            self.rec.add(
                path,
                "qualifier",
                shown,
                "normalized",
                f"the source writes {word!r} ({written}) before the number",
                span,
                "warning",
            )
        else:
            said = (
                f"{self.src.text[span[0] : span[1]]!r} ({written})"
                if written
                else f"no word like {_QUALIFIER_WORDS.get(claimed, claimed)!r}"
            )
            why = f"the source writes {said} before {here.text!r}"
            self.rec.add(path, "qualifier", shown, "mismatch", why, (here.start, here.end))

    def unit(
        self,
        path: str,
        metric: Metric,
        here: NumberMention | None,
        text: tuple[int, int] | None,
        scope: tuple[int, int] | None,
    ) -> None:
        """The unit's scale word and words follow the occurrence; its numbers ('thuê bao/100
        dân', 'trạm 2G') stand in the metric's text when that holds its words, else in the
        evidence."""
        unit = metric.unit or ""
        claim = Claim.of(unit)
        if here is not None:
            self._unit_words(path, unit, claim, here, metric.value, scope)
        if not claim.numbers:
            return  # most units hold no number: nothing more to place
        words = {t.key for t in claim.tokens if not t.is_number}
        held = text and words <= set(self.src.keys_between(*text))
        where = text if held else scope
        for pos in claim.numbers:
            written = claim.written(pos)
            hits = (
                [
                    i
                    for i in self.src.numbers_between(*where)
                    if self.src.tokens[i].key == claim.tokens[pos].key
                ]
                if where
                else []
            )
            if hits:
                self.rec.add_token(path, "number", written, self.src.tokens[hits[0]])
            elif where:
                place = "the metric's text" if held else "the item's evidence"
                self.rec.add(path, "number", written, "missing", f"not in {place}")
            else:
                self.free.number(path, claim, pos, None)

    def _unit_words(
        self,
        path: str,
        unit: str,
        claim: Claim,
        here: NumberMention,
        value: float,
        scope: tuple[int, int] | None,
    ) -> None:
        """The scale word of the unit is the one after the number ("tỷ" is not "triệu"); its
        other words follow the number in its clause."""
        words = [t for t in claim.tokens if not t.is_number]
        scale = next((t.key[1] for t in words[:1] if t.key[1] in _SCALE_KEYS), None)
        line_end = self.src.text.find("\n", here.end)
        stop = len(self.src.text) if line_end < 0 else line_end
        after = self.src.tokens_between(here.end, stop)[:_UNIT_REACH]
        written = word_key(here.scale.split()[0]) if here.scale else None
        ratio = len(after) > 1 and after[1].key == _RATIO  # "tỷ lệ" is no scale word
        if written is None and after and after[0].key[1] in _SCALE_KEYS and not ratio:
            written = after[0].key[1]
        if scale != written and (scale is not None or not numbers_equal(value, here.value)):
            said = f"{written!r}" if written else "no scale word"
            why = f"the source writes {said} after {here.text!r}"
            self.rec.add(path, "unit", unit, "mismatch", why, (here.start, here.end))
            return
        if scale != written:
            why = f"the source writes the scale word {written!r} after {here.text!r}"
            self.rec.add(path, "unit", unit, "normalized", why, (here.start, here.end), "warning")
            return
        follows = {t.key for t in after}
        if scope is not None:  # a unit word the evidence writes before the number: "số nhiệm vụ"
            follows.update(self.src.keys_between(*scope))
        rest = [t for t in words if t.key[1] != scale]
        missing = [unit[t.start : t.end] for t in rest if t.key not in follows]
        if not missing:
            if rest or scale:
                self.rec.add(
                    path, "unit", unit, "exact", "follows the number", (here.start, here.end)
                )
            return
        self.rec.add(
            path,
            "unit",
            unit,
            "normalized",
            f"{' '.join(missing)!r} is not in the evidence of {here.text!r}",
            (here.start, here.end),
            "warning",
        )

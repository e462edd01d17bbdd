"""The checks of metrics (text, value, total, unit) and of award counts; see verify."""

from __future__ import annotations

from ..numbers import NumberMention, numbers_equal
from ..schema import CheckKind, CheckStatus, Metric
from .recorder import Checks
from .text import difference, locate
from .wordtokens import Claim, render_value


class MetricChecks(Checks):
    """A metric's text found in the source, and its numbers held to what stands there."""

    def metric(self, path: str, metric: Metric, scope: tuple[int, int] | None) -> None:
        claim = Claim.of(metric.text)
        place = self.metric_text(f"{path}.text", metric.text, claim, scope)
        here = self.src.metric_at(place) if place else None
        own = claim.first_metric()
        for kind, claimed in (("value", metric.value), ("total", metric.total)):
            if claimed is not None:
                self.metric_number(f"{path}.{kind}", kind, claimed, here, own, claim, scope)
        if metric.unit:
            self.unit(f"{path}.unit", metric.unit, place, scope)

    def metric_text(
        self, path: str, text: str, claim: Claim, scope: tuple[int, int] | None
    ) -> tuple[int, int] | None:
        span = (locate(text, self.src.folded, *scope) if scope else None) or locate(
            text, self.src.folded
        )
        if span is not None:
            diff = difference(text, self.src.text[span[0] : span[1]])
            self.add(
                path,
                "text",
                text,
                "exact" if diff is None else "normalized",
                "found verbatim" if diff is None else f"found up to {diff}",
                span,
            )
            return span
        found = self.src.find_tail(claim, scope)
        if found is None:
            self.add(path, "text", text, "missing", "not in the source")
            return None
        span, same = found
        written = self.src.text[span[0] : span[1]]
        if same:
            self.add(path, "text", text, "normalized", f"found written {written!r}", span)
            return span
        self.add(path, "text", text, "mismatch", f"the source has {written!r}", span)
        return None

    def metric_number(
        self,
        path: str,
        kind: CheckKind,
        claimed: float,
        here: NumberMention | None,
        own: NumberMention | None,
        claim: Claim,
        scope: tuple[int, int] | None,
    ) -> None:
        shown = render_value(claimed)
        if here is not None:
            said = here.value if kind == "value" else here.total
            self._compare(path, kind, claimed, said, here)
            return
        said = None if own is None else (own.value if kind == "value" else own.total)
        if said is None or not numbers_equal(said, claimed):
            self.add(
                path,
                kind,
                shown,
                "mismatch",
                f"the metric's own text {claim.text!r} says {render_value(said)}",
            )
            return
        self.add(path, kind, shown, "missing", "its text is not in the source")

    def _compare(
        self, path: str, kind: CheckKind, claimed: float, said: float | None, here: NumberMention
    ) -> None:
        """A value or total against what the number its text stands on says."""
        status: CheckStatus = "mismatch"
        reason = f"the source text {here.text!r} says {render_value(said)}"
        if said is None:
            reason = f"the source text {here.text!r} has no total"
        elif numbers_equal(said, claimed):
            plain = here.text.rstrip("%").split("/")[0 if kind == "value" else -1]
            exact = plain in (render_value(claimed), render_value(claimed, grouped=True))
            status, reason = (
                ("exact" if exact else "normalized"),
                f"the source text says {here.text!r}",
            )
        elif kind == "value" and here.scale and numbers_equal(here.scaled_value, claimed):
            status, reason = "normalized", f"{here.text!r} with its scale word {here.scale!r}"
        self.add(path, kind, render_value(claimed), status, reason, (here.start, here.end))

    def unit(
        self, path: str, unit: str, text: tuple[int, int] | None, scope: tuple[int, int] | None
    ) -> None:
        """Numbers of a unit ('thuê bao/100 dân', 'trạm 2G') must stand in the metric's text when
        that text holds the unit's words, else in the item's evidence."""
        claim = Claim.of(unit)
        words = {t.key for t in claim.tokens if not t.is_number}
        held = text and words <= {t.key for t in self.src.tokens_between(*text)}
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
                self.add_token(path, "number", written, self.src.tokens[hits[0]])
            elif where:
                place = "the metric's text" if held else "the item's evidence"
                self.add(path, "number", written, "missing", f"not in {place}")
            else:
                self.number(path, claim, pos, None)

    # --- counts -----------------------------------------------------------------------

    def count(
        self, path: str, n: int, noun: tuple[str, str], scope: tuple[int, int] | None
    ) -> None:
        """A count is matched with its noun: first in the award's evidence, then anywhere."""
        inside = self.src.counted(noun, scope) if scope else []
        hit = next((t for t in inside if numbers_equal(t.mention.value, n)), None)
        if hit is not None:
            self.add_token(path, "count", str(n), hit)
            return
        if inside:
            tok = inside[0]
            self.add(
                path,
                "count",
                str(n),
                "mismatch",
                f"the evidence gives {self.src.text[tok.start : tok.end]!r} {' '.join(noun)}",
                (tok.start, tok.end),
            )
            return
        anywhere = [t for t in self.src.counted(noun, None) if numbers_equal(t.mention.value, n)]
        loose = [t for t in self.src.numbers_in(scope) if numbers_equal(t.mention.value, n)]
        if anywhere or loose:
            tok = (anywhere or loose)[0]
            why = " outside the award's evidence" if anywhere else f" without {' '.join(noun)!r}"
            self.add_token(path, "count", str(n), tok, why)
        else:
            self.add(path, "count", str(n), "missing", f"no {n} {' '.join(noun)} in the source")

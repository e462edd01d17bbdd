"""The checks of attendees (name, titles with their rank word) and awards (honour, authority,
counts with their noun), each held to its own evidence or that evidence's sentence."""

from __future__ import annotations

import re

from ..numbers import numbers_equal
from ..schema import Attendee, Award, CheckKind, CheckStatus
from .freetext import FreeText
from .recorder import Recorder
from .text import difference, locate, word_key

_COLLECTIVE = ("tập", "thể")
_INDIVIDUAL = ("cá", "nhân")
_NOUNS = {_COLLECTIVE: "collectives", _INDIVIDUAL: "individuals"}
# Words that, written right before a post, make it another post: "Phó Chủ tịch" is not
# "Chủ tịch", "Ủy viên Ban Thường vụ" is not "Ban Thường vụ".
_RANK_WORDS = [
    tuple(word_key(w) for w in phrase.split())
    for phrase in ("phó", "ủy viên", "uỷ viên", "quyền", "nguyên")
]
_RANK_REACH = 2  # words looked back from a post for its rank word


class PeopleChecks:
    """Attendees and awards, each claim bound to the evidence of its own entry."""

    def __init__(self, rec: Recorder, free: FreeText) -> None:
        self.rec = rec
        self.src = rec.src
        self.free = free

    def _areas(self, scope: tuple[int, int]) -> list[tuple[tuple[int, int], str]]:
        sentence = self.src.sentence_bounds(*scope)
        return [(scope, "its evidence"), (sentence, "its evidence's sentence")]

    def phrase(
        self,
        path: str,
        kind: CheckKind,
        text: str,
        scope: tuple[int, int] | None,
        *,
        sentence: bool = True,
        ranked: bool = False,
    ) -> None:
        """A name, post, honour or authority: it stands in its evidence (or its sentence), on
        word boundaries; a post with the rank word written before it there is another post."""
        areas = self._areas(scope) if scope else []
        areas = areas if sentence else areas[:1]
        for (lo, hi), where in areas:
            span = locate(text, self.src.folded, lo, hi)
            while span is not None and ranked and (rank := self._rank_before(span[0])):
                nxt = locate(text, self.src.folded, span[1], hi)
                if nxt is None:
                    why = f"the source writes {rank!r} before it: «{self.src.snippet(_At(*span))}»"
                    self.rec.add(path, kind, text, "mismatch", why, span)
                    return
                span = nxt
            if span is not None:
                diff = difference(text, self.src.text[span[0] : span[1]])
                status: CheckStatus = "exact" if diff is None else "normalized"
                note = "found verbatim" if diff is None else f"found up to {diff}"
                self.rec.add(path, kind, text, status, f"{note} in {where}", span)
                self.free.text(path, text, scope)
                return
        anywhere = locate(text, self.src.folded)
        if anywhere is not None and scope is not None:
            self.rec.elsewhere(path, kind, text, anywhere, "this entry's evidence")
        elif anywhere is not None:
            self.rec.add(path, kind, text, "normalized", "found in the source", anywhere)
        else:
            self.rec.add(path, kind, text, "missing", "not in the source")

    def _rank_before(self, start: int) -> str | None:
        """The rank word written right before offset start, if any."""
        before = self.src.tokens_between(max(0, start - 20), start)[-_RANK_REACH:]
        if before and self.src.text[before[-1].end : start].strip():
            return None
        keys = tuple(t.key[1] for t in before if not t.is_number)
        for rank in _RANK_WORDS:
            if keys[-len(rank) :] == rank:
                return self.src.text[before[-len(rank)].start : before[-1].end]
        return None

    def attendee(self, path: str, person: Attendee, scope: tuple[int, int] | None) -> None:
        self.phrase(f"{path}.name", "name", person.name, scope, sentence=False)
        for j, title in enumerate(person.titles):
            self.phrase(f"{path}.titles[{j}]", "title", title, scope, ranked=True)

    def award(self, path: str, award: Award, scope: tuple[int, int] | None) -> None:
        self.phrase(f"{path}.award", "text", award.award, scope)
        if award.conferred_by and not self._short_authority(path, award.conferred_by, scope):
            self.phrase(f"{path}.conferred_by", "text", award.conferred_by, scope, ranked=True)
        for field in ("recipient", "reason"):
            self.free.text(f"{path}.{field}", getattr(award, field), scope)
        for noun, field in _NOUNS.items():
            n = getattr(award, field)
            if n is not None:
                self.count(f"{path}.{field}", n, noun, scope)

    def _short_authority(self, path: str, text: str, scope: tuple[int, int] | None) -> bool:
        """An authority the evidence names by its head word alone, as the subject of the
        conferring verb ("Sở cũng trao ...") while the source names it in full: a warning."""
        if scope is None or locate(text, self.src.folded, *scope) is not None:
            return False
        head = text.split()[0]
        short = re.search(
            rf"(?<!\w){re.escape(head)}\s+(?:\w+\s+)?(?:trao|tặng)(?!\w)",
            self.src.text[scope[0] : scope[1]],
        )
        if short is None or locate(text, self.src.folded) is None:
            return False
        span = (scope[0] + short.start(), scope[0] + short.start() + len(head))
        why = f"the evidence names it {head!r}; the source names {text!r} elsewhere"
        self.rec.add(path + ".conferred_by", "text", text, "normalized", why, span, "warning")
        return True

    def count(
        self, path: str, n: int, noun: tuple[str, str], scope: tuple[int, int] | None
    ) -> None:
        """A count is matched with its noun in the award's evidence, or that evidence's
        sentence; with the other noun there it is a count moved to the wrong field."""
        shown, nouns = str(n), " ".join(noun)
        areas = self._areas(scope) if scope else []
        for area, where in areas:
            inside = self.src.counted(noun, area)
            hit = next((t for t in inside if _equal(t, n)), None)
            if hit is not None:
                self.rec.add_token(path, "count", shown, hit, f" with {nouns!r} in {where}")
                return
            if inside:
                tok = inside[0]
                why = f"{where} gives {self.src.text[tok.start : tok.end]!r} {nouns}"
                self.rec.add(path, "count", shown, "mismatch", why, (tok.start, tok.end))
                return
        other = _INDIVIDUAL if noun == _COLLECTIVE else _COLLECTIVE
        for area, where in areas:
            moved = next((t for t in self.src.counted(other, area) if _equal(t, n)), None)
            if moved is not None:
                why = f"{where} counts {self.src.text[moved.start : moved.end]!r} {' '.join(other)}"
                self.rec.add(path, "count", shown, "mismatch", why, (moved.start, moved.end))
                return
        anywhere = [t for t in self.src.counted(noun, None) if _equal(t, n)]
        if anywhere and scope is not None:
            tok = anywhere[0]
            self.rec.elsewhere(path, "count", shown, (tok.start, tok.end), "the award's evidence")
            return
        loose = [t for t in self.src.numbers_in(scope) if _equal(t, n)]
        if anywhere or loose:
            tok = (anywhere or loose)[0]
            why = f" without {nouns!r}"
            self.rec.add_token(path, "count", shown, tok, why, "warning")
        else:
            self.rec.add(path, "count", shown, "missing", f"no {n} {nouns} in the source")


def _equal(tok, n: int) -> bool:
    return tok.mention is not None and numbers_equal(tok.mention.value, n)


class _At:
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end

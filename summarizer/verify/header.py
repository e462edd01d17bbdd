"""The checks of a summary's header: title, organization and province are named in the source.

The province may be named by its name in any common spelling, by a place that belongs to it
("Việt Trì", "thành phố Buôn Ma Thuột") or by its government site ("phutho.gov.vn").
"""

from __future__ import annotations

import re
import unicodedata

from ..ingest.places import PLACES, PROVINCES
from ..schema import CheckStatus
from .freetext import FreeText
from .recorder import Recorder
from .text import difference, fold_phrase, locate

# The department's name, and the short forms reports write for it.
_SHORT_FORMS = {
    fold_phrase("Thông tin và Truyền thông"): ("TT&TT", "TT-TT", "TTTT", "TT và TT"),
}


def _ascii(name: str) -> str:
    nfd = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in nfd if ch.isascii() and ch.isalnum()).lower()


class HeaderChecks:
    """Title, organization and province, each one named in the source."""

    def __init__(self, rec: Recorder, free: FreeText) -> None:
        self.rec = rec
        self.src = rec.src
        self.free = free

    def _found(self, path: str, text: str, span: tuple[int, int], how: str = "") -> None:
        diff = difference(text, self.src.text[span[0] : span[1]])
        status: CheckStatus = "exact" if diff is None and not how else "normalized"
        note = how or ("found verbatim" if diff is None else f"found up to {diff}")
        self.rec.add(path, "text", text, status, note, span)

    def title(self, text: str | None) -> None:
        """The headline as written: it stands in the source."""
        if not text:
            return
        span = locate(text, self.src.folded)
        if span is not None:
            self._found("title", text, span)
            self.free.text("title", text)
            return
        self.rec.add("title", "text", text, "missing", "the headline is not in the source")
        self.free.text("title", text)

    def organization(self, text: str | None) -> None:
        """The agency by its name, or by a short form of it ("Sở TT&TT")."""
        if not text:
            return
        for written in self._forms(text):
            span = locate(written, self.src.folded)
            if span is not None:
                how = "" if written == text else f"named {self.src.text[span[0] : span[1]]!r}"
                self._found("organization", text, span, how)
                return
        self.rec.add(
            "organization", "text", text, "missing", "the agency is not named in the source"
        )

    @staticmethod
    def _forms(text: str) -> list[str]:
        folded = fold_phrase(text)
        forms = [text]
        for long, shorts in _SHORT_FORMS.items():
            if long in folded:
                forms += [folded.replace(long, short) for short in shorts]
        return forms

    def province(self, name: str | None) -> None:
        """The province by a name, a place that belongs to it, or its government site."""
        if not name:
            return
        canonical = next((p for p in PROVINCES if fold_phrase(p) == fold_phrase(name)), None)
        names = [name] if canonical is None else [canonical, *PROVINCES[canonical]]
        for written in names:
            span = locate(written, self.src.folded)
            if span is not None:
                self._found("province", name, span, "" if written == name else f"named {written!r}")
                return
        for place in PLACES.get(canonical or "", ()):
            span = locate(place, self.src.folded)
            if span is not None:
                why = f"named by {self.src.text[span[0] : span[1]]!r}, a place in it"
                self._found("province", name, span, why)
                return
        site = re.search(rf"(?<![\w-]){re.escape(_ascii(name))}\.gov\.vn", self.src.text, re.I)
        if site is not None:
            why = f"named by its site {site.group()!r}"
            self._found("province", name, site.span(), why)
            return
        self.rec.add(
            "province", "place", name, "missing", "no place of this province is named in the source"
        )

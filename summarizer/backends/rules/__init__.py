"""The offline rules backend: Vietnamese cues of the genre, no model, no network."""

from __future__ import annotations

from ...ingest import Document
from ...schema import ReportSummary, Usage
from .. import Extraction, SyncBackend


class RulesBackend(SyncBackend):
    name = "rules"

    def extract(self, doc: Document) -> Extraction:
        summary = ReportSummary()
        return Extraction(summary=summary, usage=Usage(backend=self.name))

"""A batch document is verified once: the backend's report is kept when it checked this text."""

from pathlib import Path

from summarizer.backends import BaseBackend, Extraction
from summarizer.batch import BatchOptions, run_batch
from summarizer.config import Settings
from summarizer.ingest import read_document
from summarizer.schema import Check, ReportSummary, SummaryResult, Usage, VerificationReport
from summarizer.verify import verify

SETTINGS = Settings(backend="rules", backend_chosen=True)
SUMMARY = ReportSummary(title="Báo cáo tổng kết năm 2023")
# A report verify() would never write for SUMMARY: seeing it in the output proves it was reused.
BACKEND_REPORT = VerificationReport.from_checks(
    [
        Check(
            path="title",
            kind="text",
            claim="backend's own claim",
            status="missing",
            reason="written by the backend, not by the batch runner",
        )
    ]
)


class ReportingBackend(BaseBackend):
    """Answers with SUMMARY and BACKEND_REPORT, checked against the text or a changed copy."""

    name = "fake"

    def __init__(self, *, same_source: bool) -> None:
        self.same_source = same_source

    async def aclose(self) -> None:
        return None

    async def aextract(self, doc) -> Extraction:
        source = doc.text if self.same_source else doc.text + "\nMột đoạn khác."
        return Extraction(
            SUMMARY,
            Usage(backend="fake", requests=1, attempts=1),
            verification=BACKEND_REPORT,
            verified_source=source,
        )


def summarise_one(tmp_path: Path, backend: ReportingBackend) -> tuple[SummaryResult, str]:
    """Run a batch of one document; return its output and the text the verifier would see."""
    path = tmp_path / "in" / "report.txt"
    path.parent.mkdir()
    path.write_text("Báo cáo tổng kết năm 2023 của Sở Thông tin và Truyền thông.\n", "utf-8")
    out = tmp_path / "out"
    result = run_batch([path.resolve()], SETTINGS, BatchOptions(out=out), backend=backend)
    assert result.totals.done == 1
    (written,) = [p for p in out.glob("*.json") if p.name != "report.json"]
    output = SummaryResult.model_validate_json(written.read_text("utf-8"))
    return output, read_document(str(path)).text


def test_the_backends_report_on_the_same_text_is_written_as_it_is(tmp_path):
    result, _ = summarise_one(tmp_path, ReportingBackend(same_source=True))
    assert result.verification == BACKEND_REPORT
    assert not result.verification.verified


def test_a_report_on_another_text_is_replaced_by_verifying_this_one(tmp_path):
    result, text = summarise_one(tmp_path, ReportingBackend(same_source=False))
    assert result.verification != BACKEND_REPORT
    assert result.verification == verify(SUMMARY, text)

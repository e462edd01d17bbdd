"""The summary contract (docs/schema.md, schema version 1) and the records that travel with it.

Field descriptions are written for two readers: a person reading `summarizer schema`, and an LLM
that receives the same JSON schema as its response format.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, model_validator

SCHEMA_VERSION = "1"


def _compact(value: float | None) -> int | float | None:
    """Write 167.0 as 167 so JSON output reads like the source."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


Number = Annotated[float, PlainSerializer(_compact, return_type=int | float)]
OptNumber = Annotated[float | None, PlainSerializer(_compact, return_type=int | float | None)]

Sector = Literal["postal", "telecom", "it", "press", "security", "general"]
Qualifier = Literal["over", "under", "approx", "at_least", "at_most"]
Role = Literal["chair", "guest", "speaker", "presenter"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Metric(_Model):
    """A number the document reports as a quantity."""

    value: Number = Field(
        description=(
            "The numeral as written, parsed. Vietnamese uses '.' for thousands and ',' for "
            "decimals: '1.332' is 1332, '1,7' is 1.7, '94,3%' is 94.3, '09' is 9."
        )
    )
    total: OptNumber = Field(
        default=None,
        description=(
            "The denominator of an 'X/Y' count: '1.634/1.733 thôn' has value 1634 and total "
            "1733. Null otherwise; the '/100' of a rate such as 'thuê bao/100 dân' belongs to "
            "the unit, not here."
        ),
    )
    unit: str | None = Field(
        default=None,
        description=(
            "What is counted, with any scale word, as written: 'tỷ đồng', '%', 'trạm BTS', "
            "'nghìn thuê bao', 'thuê bao/100 dân'."
        ),
    )
    text: str = Field(
        description=(
            "The number exactly as it stands in the source, with its adjacent unit and without "
            "the qualifier word: 'hơn 20 doanh nghiệp' gives '20 doanh nghiệp'. A number "
            "written in words keeps its words: 'hai tập thể'."
        )
    )
    qualifier: Qualifier | None = Field(
        default=None,
        description=(
            "over: hơn, trên, vượt; under: dưới; approx: khoảng, gần, xấp xỉ, ước đạt, ước "
            "tính; at_least: ít nhất, tối thiểu; at_most: tối đa. The word nearest the number "
            "wins ('ước đạt trên 2.600' is over). Null when none."
        ),
    )


_METRICS_DESCRIPTION = (
    "The numbers that measure this item; empty when none. Not metrics: years, dates, "
    "durations and anniversaries ('20 năm'), document numbers ('3049/BC-STTTT'), hotlines "
    "('1022'), levels, ranks and ordinals ('mức độ 4', 'lần thứ XIII', 'xếp thứ 3', "
    "'thứ 15/63'), technology names ('4G'), facts about the meeting itself, award counts."
)
_EVIDENCE_DESCRIPTION = "The shortest verbatim span of the source that supports the item."
_SECTOR_DESCRIPTION = (
    "postal; telecom; it (IT use, e-government, digital transformation, smart city, data "
    "centres); press (press, publishing, broadcasting, grassroots and external information); "
    "security (information and cyber security); general (organisation, emulation, anything "
    "else)."
)


class Achievement(_Model):
    """A result of the reviewed period."""

    sector: Sector = Field(description=_SECTOR_DESCRIPTION)
    description: str = Field(description="What was achieved, in a short Vietnamese phrase.")
    metrics: list[Metric] = Field(default_factory=list, description=_METRICS_DESCRIPTION)
    evidence: str = Field(description=_EVIDENCE_DESCRIPTION)


class Target(Achievement):
    """A goal, plan, task or directive for the coming period."""

    description: str = Field(description="What is planned or asked, in a short Vietnamese phrase.")
    deadline: str | None = Field(
        default=None,
        description=(
            "The period the item's own sentence, or the heading or lead sentence of its list, "
            "gives: '2021', '2025', '6 tháng cuối năm 2019'. Null for 'thời gian tới' and for "
            "directives with no period."
        ),
    )


class Attendee(_Model):
    """A person present at the event."""

    name: str = Field(description="Full name as written, without honorifics (Đồng chí, Ông, Bà).")
    titles: list[str] = Field(
        default_factory=list,
        description=(
            "Each post as written, in order: ['Uỷ viên Ban Chấp hành Đảng bộ tỉnh', "
            "'Phó Chủ tịch UBND tỉnh']."
        ),
    )
    role: Role | None = Field(
        default=None,
        description=(
            "The first that applies in this order: chair (chủ trì), speaker (phát biểu, báo "
            "cáo, trình bày, or remarks reported), presenter (trao, tặng an award), guest (dự, "
            "đến dự, dự và chỉ đạo). Null for a person present only to receive an award."
        ),
    )
    evidence: str = Field(description="Verbatim span naming the person at the event.")


class Award(_Model):
    """An honour conferred in or reported by the document: one per honour and authority."""

    award: str = Field(
        description=(
            "The honour as written: 'Huân chương Lao động hạng Nhì', 'Bằng khen', 'Giấy khen', "
            "'Cờ thi đua', 'Kỷ niệm chương'."
        )
    )
    conferred_by: str | None = Field(
        default=None,
        description=(
            "Who confers it: 'Chủ tịch nước', 'Bộ trưởng Bộ Thông tin và Truyền thông', "
            "'Chủ tịch UBND tỉnh', 'Giám đốc Sở Thông tin và Truyền thông'."
        ),
    )
    recipient: str | None = Field(
        default=None, description="A named recipient: 'Sở TT&TT', a person, a unit."
    )
    collectives: int | None = Field(
        default=None,
        description="How many collectives (tập thể) receive it, as written; null when not written.",
    )
    individuals: int | None = Field(
        default=None,
        description="How many individuals (cá nhân) receive it, as written; null when not written.",
    )
    reason: str | None = Field(default=None, description="Why, as written.")
    evidence: str = Field(description="Verbatim span of the source.")


class ReportSummary(_Model):
    """A typed summary of one Sở Thông tin và Truyền thông review report."""

    schema_version: Literal["1"] = "1"
    title: str | None = Field(default=None, description="The headline as written.")
    organization: str = Field(
        default="Sở Thông tin và Truyền thông",
        description="The reporting agency, e.g. 'Sở Thông tin và Truyền thông'.",
    )
    province: str | None = Field(
        default=None,
        description=(
            "Province or city without 'tỉnh'/'thành phố' ('Tây Ninh'), only when the text names "
            "it or a place belonging to it; never guessed from a person's name."
        ),
    )
    event_date: date | None = Field(
        default=None,
        description=(
            "YYYY-MM-DD: the day the conference took place or the report was issued; a date "
            "without a year takes the year of the publication date."
        ),
    )
    published_date: date | None = Field(
        default=None, description="YYYY-MM-DD: the article's own date line."
    )
    period: str | None = Field(
        default=None, description="The period reviewed: '2020', '6 tháng đầu năm 2019'."
    )
    next_period: str | None = Field(
        default=None, description="The period planned: '2021', '6 tháng cuối năm 2019'."
    )
    overview: str = Field(
        default="",
        description="One to three Vietnamese sentences a busy reader needs; every number in it "
        "must stand in the source.",
    )
    achievements: list[Achievement] = Field(
        default_factory=list,
        description="Results of the reviewed period, one per distinct claim.",
    )
    targets: list[Target] = Field(
        default_factory=list,
        description="Goals, plans, tasks and directives for the coming period, one per claim.",
    )
    attendees: list[Attendee] = Field(
        default_factory=list,
        description="Named people present at the event; not bylines, not people merely cited.",
    )
    awards: list[Award] = Field(default_factory=list, description="Honours conferred or reported.")
    in_scope: bool = Field(
        default=True,
        description=(
            "False when the document is not about the work, plans or honours of the information "
            "and communications sector; then every list is empty and the overview says in one "
            "sentence what the document is."
        ),
    )


# --- Verification -------------------------------------------------------------------------------

CheckStatus = Literal["exact", "normalized", "mismatch", "missing", "unsupported"]
Severity = Literal["error", "warning"]
ERROR_STATUSES: frozenset[str] = frozenset({"mismatch", "missing", "unsupported"})
CheckKind = Literal[
    "value",
    "total",
    "text",
    "count",
    "date",
    "number",
    "evidence",
    "qualifier",
    "unit",
    "name",
    "title",
    "place",
    "group",
]


class Check(_Model):
    """One claim of a summary held against the source."""

    path: str = Field(
        description="JSON path of the checked item, e.g. 'achievements[2].metrics[0].value'."
    )
    kind: CheckKind
    claim: str = Field(description="What the summary says, as a string.")
    status: CheckStatus
    severity: Severity | None = Field(
        default=None,
        description=(
            "error: contradicted, absent, or not where the claim says; warning: supported but "
            "doubtful, or read by inference; null: supported."
        ),
    )
    span: tuple[int, int] | None = Field(
        default=None, description="Offsets [start, end) into the normalised source text."
    )
    found: str | None = Field(default=None, description="The source text at span.")
    reason: str = Field(description="One line saying why the status was given.")

    @model_validator(mode="after")
    def _errors_are_errors(self) -> Check:
        """A failing status is always an error, whatever the caller passed."""
        if self.status in ERROR_STATUSES:
            self.severity = "error"
        return self


class VerificationReport(_Model):
    """Every check of a summary; verified only when no check is an error."""

    verified: bool
    checks: list[Check] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)

    @classmethod
    def from_checks(cls, checks: list[Check]) -> VerificationReport:
        statuses = ("exact", "normalized", "mismatch", "missing", "unsupported")
        counts = {status: 0 for status in statuses}
        counts["warnings"] = 0
        for check in checks:
            counts[check.status] += 1
            counts["warnings"] += check.severity == "warning"
        verified = not any(c.severity == "error" for c in checks)
        return cls(verified=verified, checks=checks, counts=counts)

    @property
    def failures(self) -> list[Check]:
        """The errors: claims the source contradicts, lacks, or holds elsewhere."""
        return [c for c in self.checks if c.severity == "error"]

    @property
    def warnings(self) -> list[Check]:
        """Claims the source supports with a doubt, or by an inferred reading."""
        return [c for c in self.checks if c.severity == "warning"]


# --- What the CLI writes -----------------------------------------------------------------------


class SourceInfo(_Model):
    path: str
    sha256: str = Field(description="SHA-256 of the file's bytes.")
    chars: int = Field(description="Length of the normalised source text that spans index.")


class Usage(_Model):
    """What a run spent: every attempt, re-ask and transport retry counted."""

    backend: str
    model: str | None = None
    prompt_version: str | None = None
    requests: int = Field(default=0, description="HTTP requests sent, retries included.")
    attempts: int = Field(default=0, description="Completions received, re-asks included.")
    reasks: int = 0
    transport_retries: int = 0
    prompt_tokens: int = 0
    cached_prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    cost_usd: float | None = Field(
        default=None, description="Null when the model has no known price."
    )
    latency_s: float = 0.0
    warnings: list[str] = Field(default_factory=list)


AlertCode = Literal["off_topic", "prompt_injection", "unverified", "empty_summary", "cut"]


class Alert(_Model):
    """Something a reader must know before trusting a summary at all."""

    code: AlertCode
    message: str = Field(description="One line, for a person.")
    span: tuple[int, int] | None = Field(
        default=None, description="Offsets [start, end) into the normalised source text."
    )


class SummaryResult(_Model):
    """One document's output: `{"source", "summary", "verification", "usage", "alerts"}`."""

    source: SourceInfo
    summary: ReportSummary
    verification: VerificationReport
    usage: Usage
    alerts: list[Alert] = Field(default_factory=list)


def summary_json_schema() -> dict:
    """The JSON schema of ReportSummary, as printed by `summarizer schema` and sent to LLMs."""
    return ReportSummary.model_json_schema()

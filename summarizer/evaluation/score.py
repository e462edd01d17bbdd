"""Scoring one predicted summary against its gold summary, field group by field group.

Every group is counted (true positives, predicted, gold) so that documents add up to a micro
score over the whole set; a document's own figures come from the same counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..schema import Metric, ReportSummary, VerificationReport
from .normalize import award_kind, name_key, scalar_key, title_key

T = TypeVar("T")
SCALAR_FIELDS = ("province", "event_date", "published_date", "period", "next_period")
ACCEPTED = ("exact", "normalized")


@dataclass
class Counts:
    """Matches, predictions and gold items of one group; empty against empty scores 1.0."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    @property
    def precision(self) -> float:
        if self.pred == 0:
            return 1.0 if self.gold == 0 else 0.0
        return self.tp / self.pred

    @property
    def recall(self) -> float:
        if self.gold == 0:
            return 1.0 if self.pred == 0 else 0.0
        return self.tp / self.gold

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "pred": self.pred,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Tally:
    """Correct out of judged; None when nothing was there to judge."""

    correct: int = 0
    total: int = 0

    def add(self, other: Tally) -> None:
        self.correct += other.correct
        self.total += other.total

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def as_dict(self) -> dict[str, Any]:
        acc = self.accuracy
        return {
            "correct": self.correct,
            "total": self.total,
            "accuracy": None if acc is None else round(acc, 4),
        }


@dataclass
class ItemCount:
    """How many items were predicted against how many the gold has: exposes (over/under)splitting."""

    pred: int = 0
    gold: int = 0
    agree: int = 0  # sum of min(pred, gold) per document
    span: int = 0  # sum of max(pred, gold) per document

    @classmethod
    def of(cls, pred: int, gold: int) -> ItemCount:
        return cls(pred=pred, gold=gold, agree=min(pred, gold), span=max(pred, gold))

    def add(self, other: ItemCount) -> None:
        self.pred += other.pred
        self.gold += other.gold
        self.agree += other.agree
        self.span += other.span

    @property
    def agreement(self) -> float:
        return self.agree / self.span if self.span else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {"pred": self.pred, "gold": self.gold, "agreement": round(self.agreement, 4)}


GROUPS = ("achievement_metrics", "target_metrics", "attendee_names", "attendee_titles", "awards")


@dataclass
class Score:
    """The counts of one document, or of a whole set once documents are added in."""

    groups: dict[str, Counts] = field(default_factory=lambda: {g: Counts() for g in GROUPS})
    matched_attendees: int = 0
    authority: Tally = field(default_factory=Tally)
    scalars: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in SCALAR_FIELDS})
    grounding: Tally = field(default_factory=Tally)
    achievements: ItemCount = field(default_factory=ItemCount)
    targets: ItemCount = field(default_factory=ItemCount)
    misses: dict[str, Any] = field(default_factory=dict)

    def add(self, other: Score) -> None:
        for name, counts in other.groups.items():
            self.groups[name].add(counts)
        self.matched_attendees += other.matched_attendees
        self.authority.add(other.authority)
        for name, tally in other.scalars.items():
            self.scalars[name].add(tally)
        self.grounding.add(other.grounding)
        self.achievements.add(other.achievements)
        self.targets.add(other.targets)

    @property
    def scalar(self) -> Tally:
        total = Tally()
        for tally in self.scalars.values():
            total.add(tally)
        return total

    def headline(self) -> dict[str, float | None]:
        """The figures a run is judged by, all higher-is-better, in HEADLINE order."""
        titles = self.groups["attendee_titles"].f1 if self.matched_attendees else None
        figures = {
            "achievement_metrics_f1": self.groups["achievement_metrics"].f1,
            "target_metrics_f1": self.groups["target_metrics"].f1,
            "attendee_names_f1": self.groups["attendee_names"].f1,
            "attendee_titles_f1": titles,
            "awards_f1": self.groups["awards"].f1,
            "authority_accuracy": self.authority.accuracy,
            "scalar_accuracy": self.scalar.accuracy,
            "grounding": self.grounding.accuracy,
            "achievement_count_agreement": self.achievements.agreement,
            "target_count_agreement": self.targets.agreement,
        }
        return {k: None if v is None else round(v, 4) for k, v in figures.items()}

    def as_dict(self) -> dict[str, Any]:
        return {
            "groups": {name: counts.as_dict() for name, counts in self.groups.items()},
            "matched_attendees": self.matched_attendees,
            "authority": self.authority.as_dict(),
            "scalars": {name: tally.as_dict() for name, tally in self.scalars.items()},
            "scalar": self.scalar.as_dict(),
            "grounding": self.grounding.as_dict(),
            "item_counts": {
                "achievements": self.achievements.as_dict(),
                "targets": self.targets.as_dict(),
            },
        }


HEADLINE: tuple[tuple[str, str], ...] = (
    ("achievement_metrics_f1", "achievement metrics F1"),
    ("target_metrics_f1", "target metrics F1"),
    ("attendee_names_f1", "attendee names F1"),
    ("attendee_titles_f1", "attendee titles F1"),
    ("awards_f1", "awards F1"),
    ("authority_accuracy", "authority accuracy"),
    ("scalar_accuracy", "scalar accuracy"),
    ("grounding", "grounding"),
    ("achievement_count_agreement", "achievement count agreement"),
    ("target_count_agreement", "target count agreement"),
)


# --- Matching -----------------------------------------------------------------------------------


@dataclass
class Matching:
    pairs: list[tuple[int, int]]  # (predicted index, gold index)
    extra: list[int]  # predicted indices left unmatched
    missed: list[int]  # gold indices left unmatched


def match(
    pred: Sequence[T],
    gold: Sequence[T],
    key: Callable[[T], Hashable],
    prefer: Callable[[T], Hashable] | None = None,
) -> Matching:
    """One-to-one pairs of equal keys, as many as possible; among them, equal `prefer` first.

    Pairing within a key is free, so taking exact (key, prefer) pairs first and then any equal
    keys gives both the most matches and the most agreeing pairs.
    """
    free_gold: dict[Hashable, list[int]] = defaultdict(list)
    for gi, item in enumerate(gold):
        free_gold[key(item)].append(gi)
    pairs: list[tuple[int, int]] = []
    waiting = list(range(len(pred)))
    passes = [prefer, None] if prefer is not None else [None]
    for second in passes:
        still: list[int] = []
        for pi in waiting:
            k = key(pred[pi])
            candidates = free_gold.get(k, [])
            chosen = next(
                (gi for gi in candidates if second is None or second(gold[gi]) == second(pred[pi])),
                None,
            )
            if chosen is None:
                still.append(pi)
                continue
            candidates.remove(chosen)
            pairs.append((pi, chosen))
        waiting = still
    matched_gold = {gi for _, gi in pairs}
    missed = [gi for gi in range(len(gold)) if gi not in matched_gold]
    return Matching(pairs=sorted(pairs), extra=waiting, missed=missed)


def _counts(m: Matching) -> Counts:
    return Counts(
        tp=len(m.pairs), pred=len(m.pairs) + len(m.extra), gold=len(m.pairs) + len(m.missed)
    )


def _metric_key(metric: Metric) -> tuple[float, float | None]:
    return (float(metric.value), None if metric.total is None else float(metric.total))


def _metric_label(metric: Metric) -> str:
    return metric.text or (f"{metric.value}/{metric.total}" if metric.total else f"{metric.value}")


def _metrics(items: Iterable[Any]) -> list[Metric]:
    return [metric for item in items for metric in item.metrics]


def _score_metrics(pred: list[Metric], gold: list[Metric]) -> tuple[Counts, dict[str, list[str]]]:
    m = match(pred, gold, _metric_key)
    misses = {
        "missed": [_metric_label(gold[i]) for i in m.missed],
        "extra": [_metric_label(pred[i]) for i in m.extra],
    }
    return _counts(m), misses


def _score_attendees(pred: ReportSummary, gold: ReportSummary, score: Score) -> None:
    m = match(pred.attendees, gold.attendees, lambda a: name_key(a.name))
    score.groups["attendee_names"] = _counts(m)
    score.matched_attendees = len(m.pairs)
    titles = Counts()
    for pi, gi in m.pairs:
        p_titles, g_titles = pred.attendees[pi].titles, gold.attendees[gi].titles
        titles.add(_counts(match(p_titles, g_titles, title_key)))
    score.groups["attendee_titles"] = titles
    score.misses["attendee_names"] = {
        "missed": [gold.attendees[i].name for i in m.missed],
        "extra": [pred.attendees[i].name for i in m.extra],
    }


def _score_awards(pred: ReportSummary, gold: ReportSummary, score: Score) -> None:
    def key(a: Any) -> Hashable:
        return (award_kind(a.award), a.collectives, a.individuals)

    def authority(a: Any) -> str:
        return title_key(a.conferred_by)

    m = match(pred.awards, gold.awards, key, prefer=authority)
    score.groups["awards"] = _counts(m)
    right = sum(authority(pred.awards[pi]) == authority(gold.awards[gi]) for pi, gi in m.pairs)
    score.authority = Tally(correct=right, total=len(m.pairs))

    def label(a: Any) -> str:
        return f"{a.award} ({a.collectives} tập thể, {a.individuals} cá nhân)"

    score.misses["awards"] = {
        "missed": [label(gold.awards[i]) for i in m.missed],
        "extra": [label(pred.awards[i]) for i in m.extra],
    }


def _score_scalars(pred: ReportSummary, gold: ReportSummary, score: Score) -> None:
    wrong: dict[str, dict[str, str | None]] = {}
    for name in SCALAR_FIELDS:
        p, g = getattr(pred, name), getattr(gold, name)
        ok = scalar_key(p) == scalar_key(g)
        score.scalars[name] = Tally(correct=int(ok), total=1)
        if not ok:
            wrong[name] = {"pred": scalar_key(p) and str(p), "gold": scalar_key(g) and str(g)}
    score.misses["scalars"] = wrong


def grounding(verification: VerificationReport | None) -> Tally:
    """Claims the verifier accepted (exact or normalized) out of all it checked."""
    if verification is None:
        return Tally()
    checks = verification.checks
    return Tally(correct=sum(c.status in ACCEPTED for c in checks), total=len(checks))


def score_document(
    pred: ReportSummary, gold: ReportSummary, verification: VerificationReport | None = None
) -> Score:
    """Every field group of one prediction against its gold; verification feeds grounding."""
    score = Score()
    for group, p_items, g_items in (
        ("achievement_metrics", pred.achievements, gold.achievements),
        ("target_metrics", pred.targets, gold.targets),
    ):
        counts, misses = _score_metrics(_metrics(p_items), _metrics(g_items))
        score.groups[group] = counts
        score.misses[group] = misses
    _score_attendees(pred, gold, score)
    _score_awards(pred, gold, score)
    _score_scalars(pred, gold, score)
    score.grounding = grounding(verification)
    score.achievements = ItemCount.of(len(pred.achievements), len(gold.achievements))
    score.targets = ItemCount.of(len(pred.targets), len(gold.targets))
    return score


def total(scores: Iterable[Score]) -> Score:
    """Micro totals over a set of documents."""
    overall = Score()
    for score in scores:
        overall.add(score)
    return overall


def document_rank(score: Score) -> float:
    """One figure per document to list the worst first: the mean of its defined headline figures."""
    figures = [v for v in score.headline().values() if v is not None]
    return sum(figures) / len(figures) if figures else 0.0

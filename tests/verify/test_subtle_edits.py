"""One subtle edit at a time to every gold summary, of the kinds a language model makes when it
attaches a real number or word to the wrong claim; each must be an error.

The edit classes, applied uniformly to every gold file of eval/gold and eval/extra:
- other_item: a metric replaced by the metric (value, total, text, qualifier) of another item
  with the same unit and another number;
- scale: the scale word of a unit changed in both unit and text (tỷ <-> triệu, nghìn -> triệu);
- qualifier: a metric's qualifier changed to another one, or one added where none is written;
- rank: an attendee's title with its rank word "Phó " dropped, or one without it given "Phó ";
- province: the province changed to the next one in the list of provinces;
- award_count: an award count moved between tập thể and cá nhân (swapped, or moved to the
  other field).
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from summarizer.ingest import read_document
from summarizer.ingest.places import PROVINCES
from summarizer.schema import ReportSummary
from summarizer.verify import verify

EVAL = Path(__file__).resolve().parents[2] / "eval"
REQUIRED_RATE = 0.99
_SCALES = {"tỷ": "triệu", "tỉ": "triệu", "triệu": "tỷ", "nghìn": "triệu", "ngàn": "triệu"}
_OTHER_QUALIFIER = {
    "over": "approx",
    "approx": "over",
    "under": "over",
    "at_least": "at_most",
    "at_most": "at_least",
    None: "approx",
}
_PROVINCE_NAMES = list(PROVINCES)

Edit = tuple[str, str, dict]  # (class, what changed, the changed summary)


def _items(raw: dict) -> Iterator[tuple[str, dict]]:
    for group in ("achievements", "targets"):
        for i, item in enumerate(raw[group]):
            yield f"{group}[{i}]", item


def other_item_edits(raw: dict) -> Iterator[Edit]:
    metrics = [(path, j, m) for path, item in _items(raw) for j, m in enumerate(item["metrics"])]
    for path, j, metric in metrics:
        donor = next(
            (
                m
                for p, _, m in metrics
                if p != path and m["unit"] == metric["unit"] and m["value"] != metric["value"]
            ),
            None,
        )
        if donor is None:
            continue
        changed = copy.deepcopy(raw)
        group, index = re.fullmatch(r"(\w+)\[(\d+)\]", path).groups()
        changed[group][int(index)]["metrics"][j] = dict(donor)
        yield "other_item", f"{path}.metrics[{j}] <- {donor['text']!r}", changed


def scale_edits(raw: dict) -> Iterator[Edit]:
    for path, item in _items(raw):
        for j, metric in enumerate(item["metrics"]):
            unit = metric["unit"] or ""
            word = unit.split()[0] if unit.split() else ""
            if word not in _SCALES or not re.search(rf"(?<!\w){word}(?!\w)", metric["text"]):
                continue
            new = _SCALES[word]
            changed = copy.deepcopy(raw)
            group, index = re.fullmatch(r"(\w+)\[(\d+)\]", path).groups()
            target = changed[group][int(index)]["metrics"][j]
            target["unit"] = new + unit[len(word) :]
            target["text"] = re.sub(rf"(?<!\w){word}(?!\w)", new, metric["text"], count=1)
            yield "scale", f"{path}.metrics[{j}] {word} -> {new}", changed


def qualifier_edits(raw: dict) -> Iterator[Edit]:
    for path, item in _items(raw):
        for j, metric in enumerate(item["metrics"]):
            new = _OTHER_QUALIFIER[metric["qualifier"]]
            changed = copy.deepcopy(raw)
            group, index = re.fullmatch(r"(\w+)\[(\d+)\]", path).groups()
            changed[group][int(index)]["metrics"][j]["qualifier"] = new
            yield "qualifier", f"{path}.metrics[{j}] {metric['qualifier']} -> {new}", changed


def rank_edits(raw: dict) -> Iterator[Edit]:
    for i, person in enumerate(raw["attendees"]):
        for j, title in enumerate(person["titles"]):
            new = title[4:] if title.startswith("Phó ") else "Phó " + title
            if title.startswith("Phó ") and not new:
                continue
            changed = copy.deepcopy(raw)
            changed["attendees"][i]["titles"][j] = new[:1].upper() + new[1:]
            yield "rank", f"attendees[{i}].titles[{j}] {title!r} -> {new!r}", changed


def province_edits(raw: dict) -> Iterator[Edit]:
    if raw.get("province") in _PROVINCE_NAMES:
        at = _PROVINCE_NAMES.index(raw["province"])
        new = _PROVINCE_NAMES[(at + 1) % len(_PROVINCE_NAMES)]
        changed = copy.deepcopy(raw)
        changed["province"] = new
        yield "province", f"{raw['province']} -> {new}", changed


def award_count_edits(raw: dict) -> Iterator[Edit]:
    for i, award in enumerate(raw["awards"]):
        both = (award["collectives"], award["individuals"])
        if both == (None, None) or both[0] == both[1]:
            continue
        changed = copy.deepcopy(raw)
        changed["awards"][i]["collectives"], changed["awards"][i]["individuals"] = both[::-1]
        yield "award_count", f"awards[{i}] {both} -> {both[::-1]}", changed


EDITS = (
    other_item_edits,
    scale_edits,
    qualifier_edits,
    rank_edits,
    province_edits,
    award_count_edits,
)


def _documents() -> list[tuple[Path, Path]]:
    pairs = []
    for folder in ("gold", "extra"):
        for gold in sorted((EVAL / folder).glob("*.gold.json")):
            stem = gold.name.removesuffix(".gold.json")
            source = next(
                p for p in gold.parent.iterdir() if p.stem == stem and p.suffix in (".txt", ".html")
            )
            pairs.append((gold, source))
    return pairs


def test_subtle_edits_are_errors() -> None:
    made: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    missed: list[str] = []
    for gold, source in _documents():
        raw = json.loads(gold.read_text(encoding="utf-8"))
        text = read_document(source).text
        assert verify(ReportSummary.model_validate(raw), text).verified, gold.name
        for edit in EDITS:
            for kind, what, changed in edit(raw):
                made[kind] += 1
                report = verify(ReportSummary.model_validate(changed), text)
                if report.failures:
                    caught[kind] += 1
                else:
                    missed.append(f"{gold.name} {kind}: {what}")
    total = sum(made.values())
    print(f"\nsubtle edits: {total}, errors: {total - len(missed)} ({1 - len(missed) / total:.2%})")
    for kind in made:
        print(f"  {kind:12} {caught[kind]:4}/{made[kind]:<4} ({caught[kind] / made[kind]:.2%})")
    for line in missed:
        print(f"  not an error: {line}")
    assert set(made) == {edit.__name__.removesuffix("_edits") for edit in EDITS}
    assert 1 - len(missed) / total >= REQUIRED_RATE

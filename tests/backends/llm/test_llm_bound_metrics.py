"""A metric carrying another item's real number is re-asked with the item and the reason, and
the corrected answer verifies."""

import copy
import json
from pathlib import Path

from summarizer.backends.llm import LLMBackend
from summarizer.config import Settings
from summarizer.ingest import read_document
from summarizer.schema import ReportSummary
from summarizer.testing.fakeserver import Reply
from summarizer.testing.settings import fake_llm_settings
from summarizer.verify import verify

GOLD = Path(__file__).resolve().parents[3] / "eval" / "gold"
STEM = "d05_ben-tre"


def _settings(server) -> Settings:
    return fake_llm_settings(server.url, max_retries=0, timeout=5.0)


def _borrowed(gold: dict) -> tuple[dict, str]:
    """The gold with the first metric given another item's metric of the same unit, one whose
    text its own evidence does not hold; and the path of the changed item."""
    items = list(enumerate(gold["achievements"]))
    for i, item in items:
        for j, metric in enumerate(item["metrics"]):
            for k, other in items:
                donor = next(
                    (
                        m
                        for m in other["metrics"]
                        if k != i
                        and m["unit"] == metric["unit"]
                        and m["value"] != metric["value"]
                        and m["text"] not in item["evidence"]
                    ),
                    None,
                )
                if donor is not None:
                    changed = copy.deepcopy(gold)
                    changed["achievements"][i]["metrics"][j] = dict(donor)
                    return changed, f"achievements[{i}].metrics[{j}]"
    raise AssertionError("no two items share a unit")


def test_a_borrowed_number_is_reasked_and_the_second_answer_verifies(fake_server):
    doc = read_document(GOLD / f"{STEM}.txt")
    gold = json.loads((GOLD / f"{STEM}.gold.json").read_text(encoding="utf-8"))
    wrong, path = _borrowed(gold)
    assert not verify(ReportSummary.model_validate(wrong), doc.text).verified
    # every field, as the strict answer format asks (the gold leaves defaults out)
    answers = [ReportSummary.model_validate(x).model_dump(mode="json") for x in (wrong, gold)]
    fake_server.enqueue(*(Reply.summary(answer) for answer in answers))

    backend = LLMBackend(_settings(fake_server))
    extraction = backend.extract(doc)

    asks = fake_server.requests_to("/v1/chat/completions")
    assert len(asks) == 2
    reask = json.dumps(asks[1]["json"]["messages"], ensure_ascii=False)
    assert f"{path}.text" in reask
    assert "not in this item's evidence" in reask
    assert extraction.verification is not None and extraction.verification.verified
    assert extraction.summary.achievements == ReportSummary.model_validate(gold).achievements

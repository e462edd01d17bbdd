"""A report longer than the context: split, extracted part by part, merged, verified whole."""

import json
import re
from pathlib import Path

import pytest

from summarizer.backends.llm import LLMBackend
from summarizer.backends.llm.merge import SCALARS, key_text
from summarizer.config import Settings
from summarizer.ingest import document_from_text, read_document
from summarizer.pipeline import asummarize_document, summarize_document
from summarizer.schema import ReportSummary
from summarizer.testing.fakeserver import Reply, find_document

GOLD = Path(__file__).resolve().parents[3] / "eval" / "gold"
# Gold files whose summaries verify against their own text: a merged summary of their items
# must verify against the long report too.
STEMS = [
    "000_0ce9ecafa2df1a22",
    "001_de13024027c2f808",
    "002_c18f5cd2e7e3ddb2",
    "004_1d0ed31b9f38290a",
    "d03_binh-duong",
    "d04_son-la",
    "d06_ba-ria-vung-tau",
    "d07_ha-giang",
    "d08_binh-phuoc",
    "d09_da-nang",
]
LISTS = ("achievements", "targets", "attendees", "awards")


def _golds() -> list[dict]:
    return [json.loads((GOLD / f"{s}.gold.json").read_text()) for s in STEMS]


def _long_report(chars: int = 60_000) -> str:
    """The articles of real reports, one after another, as one long report."""
    texts = [read_document(GOLD / f"{s}.txt").article.strip() for s in STEMS]
    out: list[str] = []
    while sum(len(t) + 2 for t in out) < chars:
        out.append(texts[len(out) % len(texts)])
    return "\n\n".join(out)


class GoldResponder:
    """Answers each part with the gold items whose evidence stands in that part; the part that
    opens the report also gets the opening report's header fields."""

    def __init__(self, opening: str) -> None:
        self.golds = _golds()
        self.opening = key_text(opening)

    def __call__(self, request) -> Reply:
        part = key_text(find_document(request["json"]["messages"]))
        answer: dict = {name: [] for name in LISTS}
        for gold in self.golds:
            for name in LISTS:
                answer[name] += [i for i in gold[name] if key_text(i["evidence"]) in part]
        if part.startswith(self.opening):
            answer |= {field: self.golds[0][field] for field in (*SCALARS, "overview")}
        full = ReportSummary.model_validate(answer).model_dump(mode="json")  # every field, as asked
        return Reply.summary(full, prompt_tokens=len(part) // 4, completion_tokens=500)


KEYS = {
    # how merge tells items apart: the expected merged lists are the gold items by these keys
    "achievements": lambda i: key_text(i["evidence"]),
    "targets": lambda i: key_text(i["evidence"]),
    "attendees": lambda i: key_text(i["name"]),
    "awards": lambda i: (key_text(i["award"]), key_text(i["conferred_by"])),
}


def _expected(doc) -> dict[str, set]:
    article = key_text(doc.article)
    return {
        name: {
            KEYS[name](i) for g in _golds() for i in g[name] if key_text(i["evidence"]) in article
        }
        for name in LISTS
    }


@pytest.mark.parametrize("run", ["sync", "async"])
async def test_a_long_report_is_split_extracted_merged_and_verified(fake_server, run):
    doc = document_from_text(_long_report(), path="long.txt")
    fake_server.responder = GoldResponder(opening=doc.article[:300])
    assert len(doc.text) >= 58_000
    settings = Settings(
        backend="llm",
        model="fake-model",
        base_url=fake_server.url,
        api_key_env="SUMMARIZER_TEST_UNSET_KEY",
        context_chars=24_000,
        retry_backoff=0.01,
    )
    backend = LLMBackend(settings)
    parts = backend.parts(doc)
    assert len(parts) >= 3

    if run == "sync":
        result = summarize_document(doc, backend)
    else:
        result = await asummarize_document(doc, backend)
        await backend.aclose()

    sent = [r["json"] for r in fake_server.requests_to("/v1/chat/completions")]
    # each part is sent once, whole, and told which part of how many it is
    assert sorted(find_document(body["messages"]) for body in sent) == sorted(parts)
    told = sorted(
        re.search(r"part (\d+) of (\d+)", body["messages"][-1]["content"]).groups() for body in sent
    )
    assert told == sorted((str(i), str(len(parts))) for i in range(1, len(parts) + 1))

    summary = result.summary
    assert result.verification.verified, [c.reason for c in result.verification.failures][:5]
    expected = _expected(doc)
    for name in LISTS:
        got = [KEYS[name](item.model_dump(mode="json")) for item in getattr(summary, name)]
        assert len(got) == len(set(got)), f"{name} seen in an overlap are kept once"
        assert set(got) == expected[name]
    assert summary.title == _golds()[0]["title"]
    assert summary.overview == _golds()[0]["overview"]

    usage = result.usage
    assert (usage.requests, usage.attempts, usage.reasks) == (len(parts), len(parts), 0)
    assert usage.prompt_tokens == fake_server.usage_total["prompt_tokens"]
    assert usage.completion_tokens == fake_server.usage_total["completion_tokens"]

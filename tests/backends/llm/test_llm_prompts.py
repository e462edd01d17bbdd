import re
from pathlib import Path

import pytest

from summarizer.backends.llm import parse_response, prompting
from summarizer.config import Settings
from summarizer.errors import ResponseError
from summarizer.ingest import document_from_text, read_document
from summarizer.schema import ReportSummary
from summarizer.testing.fakeserver import Reply, find_document
from summarizer.verify import verify

GOLD = Path(__file__).resolve().parents[3] / "eval" / "gold"


def test_the_few_shot_example_verifies_against_its_own_text():
    text, summary = prompting.example()
    report = verify(summary, document_from_text(text, path="example.txt").text)
    assert report.verified, [(c.path, c.reason) for c in report.failures]
    assert summary.achievements and summary.targets and summary.attendees


def test_prompt_version_is_a_short_hash_of_the_prompt_files():
    version = prompting.prompt_version()
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    files = {name: prompting._bytes(name) for name in prompting.FILES}
    assert prompting.version_of(files) == version
    assert prompting.version_of(dict(reversed(list(files.items())))) == version
    for name in files:
        edited = dict(files, **{name: files[name] + b" "})
        assert prompting.version_of(edited) != version, f"an edit to {name} changes the version"


TRICKY = "Báo cáo {{ so_lieu }} và {% if x %}điều kiện{% endif %} {# ghi chú #} 100% xã\n  thụt lề"


@pytest.mark.parametrize("few_shot", [False, True])
def test_the_templates_are_rendered_and_the_document_left_verbatim(few_shot):
    messages = prompting.messages(TRICKY, few_shot=few_shot)
    system, user = messages
    assert system["content"] == prompting.template("system.md").rstrip("\n")
    assert user["content"].endswith(f"\n<document>\n{TRICKY}\n</document>")
    assert find_document(messages) == TRICKY
    assert ("<example_document>" in user["content"]) is few_shot
    assert "{{" not in user["content"].replace(TRICKY, "")  # no template left unrendered
    assert "part 1 of" not in user["content"]


def test_every_line_of_the_document_keeps_its_indent():
    document = "    Mục I\n    1. Kết quả: 120 xã\n    2. Tồn tại"
    user = prompting.messages(document)[1]["content"]
    assert f"<document>\n{document}\n</document>" in user


def test_a_part_of_a_long_document_is_told_so():
    user = prompting.messages("đoạn", part=2, parts=3)[1]["content"]
    assert "part 2 of 3 of a longer report" in user


def test_a_template_value_left_out_is_an_error_not_an_empty_string():
    from jinja2 import UndefinedError

    with pytest.raises(UndefinedError):
        prompting._compiled(prompting.USER).render({"document": "x"})


@pytest.mark.parametrize(
    "rule",
    [
        "Never add a fact",
        "Keep every text value in Vietnamese",
        "Copy numbers as written",
        "character for character",
        "These are not metrics",
        "A target looks forward",
        "Not attendees",
        "One award per honour and conferring authority",
    ],
)
def test_the_system_prompt_states_the_rules(rule):
    assert rule in prompting.template("system.md")


GOOD = ReportSummary.model_validate_json((GOLD / "d09_da-nang.gold.json").read_text())


@pytest.mark.parametrize("mode", ["tools", "json_schema", "json", "md_json"])
def test_parse_response_reads_a_completion_body_in_every_mode(mode):
    doc = read_document(GOLD / "d09_da-nang.txt")
    body = Reply.summary(GOOD.model_dump(mode="json"), mode=mode).body
    assert parse_response(body, doc, Settings(model="m", mode=mode)) == GOOD


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (Reply.summary({"achievements": "nhiều"}).body, "does not fit the summary schema"),
        (Reply.summary("{not json").body, "does not fit the summary schema"),
        ({"object": "error", "choices": "none"}, "not a chat completion"),
    ],
)
def test_parse_response_returns_an_error_it_does_not_raise(body, says):
    doc = read_document(GOLD / "d09_da-nang.txt")
    error = parse_response(body, doc, Settings(model="m"))
    assert isinstance(error, ResponseError)
    assert says in error.one_line()

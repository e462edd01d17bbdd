"""Expanding batch inputs, and naming each document's output inside DIR."""

from pathlib import Path

import pytest

from summarizer.batch.inputs import expand_inputs, output_names, safe_stem
from summarizer.errors import InputError, UsageError


def touch(path: Path, text: str = "báo cáo") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for rel in (
        "a/report.txt",
        "a/deep/er/notes.md",
        "a/page.HTML",
        "a/page.htm",
        "a/data.json",
        "a/.hidden.txt",
        "a/.cache/x.txt",
        "b/report.txt",
    ):
        touch(tmp_path / rel)
    return tmp_path


def names(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_a_folder_is_searched_recursively_for_reports_leaving_out_hidden_entries(tree):
    found = expand_inputs([str(tree / "a")])
    assert names(found, tree) == ["a/page.HTML", "a/page.htm", "a/report.txt", "a/deep/er/notes.md"]
    assert all(p.is_absolute() for p in found)


def test_glob_replaces_the_default_patterns(tree):
    found = expand_inputs([str(tree)], globs=["*.md", "b/*.txt"])
    assert sorted(names(found, tree)) == ["a/deep/er/notes.md", "b/report.txt"]


def test_a_file_argument_is_taken_whatever_its_name(tree):
    found = expand_inputs([str(tree / "a" / "data.json")])
    assert names(found, tree) == ["a/data.json"]


def test_a_path_list_names_files_and_folders_and_ignores_comments(tree, monkeypatch):
    monkeypatch.chdir(tree)
    listing = touch(tree / "paths.txt", "# reports\n\nb/report.txt\na/deep\n  \nmissing.txt\n")
    found = expand_inputs([f"@{listing}"])
    assert names(found, tree) == ["b/report.txt", "a/deep/er/notes.md", "missing.txt"]


def test_each_document_is_listed_once(tree):
    once = expand_inputs([str(tree / "b"), str(tree / "b" / "report.txt"), str(tree / "b")])
    assert names(once, tree) == ["b/report.txt"]


def test_the_output_folder_is_never_read_as_input(tree):
    out = tree / "a" / "out"
    touch(out / "report.md")
    found = expand_inputs([str(tree / "a")], exclude=out)
    assert not any("out" in p.parts for p in found)


def test_a_missing_argument_is_refused_before_any_work(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        expand_inputs([str(tmp_path / "nowhere")])
    with pytest.raises(InputError, match="no such path list"):
        expand_inputs([f"@{tmp_path / 'nowhere.txt'}"])


def test_inputs_holding_no_report_are_refused(tmp_path):
    touch(tmp_path / "data.json")
    with pytest.raises(UsageError, match="no report files"):
        expand_inputs([str(tmp_path)])


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Báo cáo 2023.txt", "Báo_cáo_2023"),
        ("..hidden.txt", "hidden"),
        ("a b/c.txt", "c"),
        ("%%%.txt", "document"),
        ("x" * 300 + ".txt", "x" * 80),
    ],
)
def test_stems_are_safe_file_names(name, stem):
    assert safe_stem(Path(name)) == stem


def test_two_files_of_one_name_in_different_folders_both_keep_an_output(tree):
    a, b = tree / "a" / "report.txt", tree / "b" / "report.txt"
    got = output_names([a, b], claimed={}, previous={})
    assert got[a] != got[b]
    assert all(n.startswith("report-") and n.endswith(".json") for n in got.values())


def test_a_unique_stem_keeps_its_plain_name_and_report_never_takes_the_reports_name(tree):
    notes, report = tree / "a" / "deep" / "er" / "notes.md", tree / "a" / "report.txt"
    got = output_names([notes, report], claimed={}, previous={})
    assert got[notes] == "notes.json"
    assert got[report] not in ("report.json",)


def test_a_name_an_earlier_output_holds_is_not_given_to_another_document(tree):
    a, b = tree / "a" / "page.htm", tree / "b" / "page.htm"
    first = output_names([a], claimed={}, previous={})
    assert first[a] == "page.json"
    claimed = {first[a].casefold(): str(a)}
    later = output_names([b], claimed=claimed, previous={})
    assert later[b] != "page.json"
    again = output_names([a, b], claimed=claimed, previous={str(a): "page.json"})
    assert again[a] == "page.json" and again[b] == later[b]


@pytest.mark.parametrize("hostile", ["../../x.txt", "/etc/passwd", "..", "a/../../b.txt"])
def test_no_name_leaves_the_output_folder(tmp_path, hostile):
    out = tmp_path / "out"
    path = (tmp_path / "in" / hostile).resolve()
    name = output_names([path], claimed={}, previous={})[path]
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert (out / name).resolve().parent == out.resolve()

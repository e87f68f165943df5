"""Writes change only what changed: saving over a hand-written programme file, an
import into it and a migration keep its comments, key order, quoting, flow style and
blank lines, and change only the lines that hold a changed value."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from omstilling import fillin
from omstilling.cli import main
from omstilling.cycle import import_files, make_workbooks, migrate_file
from omstilling.files import SCHEMA_VERSION, dumps, dumps_over, load, save, to_data
from omstilling.files._edit import edit_text, same_data
from omstilling.files._text import parse_json, parse_yaml
from omstilling.model import Period, Rag
from omstilling.testing import fill_workbook, strategies

from .conftest import EXAMPLES

KONGSVINGER = EXAMPLES / "kongsvinger-omstilling-2012.yaml"
H2 = Period.parse("2004-H2")


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines of ``before`` that ``after`` does not keep, and the lines it adds."""
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += before.splitlines()[i1:i2]
            added += after.splitlines()[j1:j2]
    return removed, added


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 1), out, err


# ---- the API: save over a file ------------------------------------------------------


def test_changing_one_milestone_title_changes_exactly_one_line(tmp_path: Path) -> None:
    path = tmp_path / "kongsvinger.yaml"
    shutil.copy(KONGSVINGER, path)
    before = path.read_text(encoding="utf-8")
    programme = load(path)
    milestone = programme.milestones[3]
    changed = programme.with_milestone(milestone.id, title="Ny tittel på milepælen")

    save(changed, path)

    after = path.read_text(encoding="utf-8")
    removed, added = _changed_lines(before, after)
    assert removed == [f"    title: {milestone.title}"]
    assert added == ["    title: Ny tittel på milepælen"]
    assert len(after.splitlines()) == len(before.splitlines())
    assert load(path) == changed


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_saving_an_unchanged_programme_leaves_every_byte(tmp_path: Path, example: Path) -> None:
    path = tmp_path / example.name
    shutil.copy(example, path)
    save(load(path), path)
    assert path.read_bytes() == example.read_bytes()


def test_saving_a_new_file_writes_it_whole(tmp_path: Path) -> None:
    programme = load(KONGSVINGER)
    save(programme, tmp_path / "new.yaml")
    assert (tmp_path / "new.yaml").read_text(encoding="utf-8") == dumps(programme)


def test_a_file_that_does_not_parse_is_written_whole(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    programme = load(KONGSVINGER)
    save(programme, path)
    assert load(path) == programme


def test_the_files_own_way_of_writing_a_value_stays(tmp_path: Path) -> None:
    """``start: 2012`` (read as the text '2012'), ``language: nb`` (the default) and
    ``done: false`` stay as written when other values change."""
    path = tmp_path / "hammerfest.yaml"
    shutil.copy(EXAMPLES / "hammerfest-sjumilssteget.yaml", path)
    before = path.read_text(encoding="utf-8")
    programme = load(path)
    changed = programme.replace(name="Sjumilssteget i Hammerfest")
    save(changed, path)
    removed, added = _changed_lines(before, path.read_text(encoding="utf-8"))
    assert removed == [f"name: {programme.name}"]
    assert added == ["name: Sjumilssteget i Hammerfest"]


# ---- the editing itself ----------------------------------------------------------------


def _edit(text: str, change: Any) -> str:
    data = parse_yaml(text)
    assert isinstance(data, dict)
    new = change(json.loads(json.dumps(data)))
    result = edit_text(text, new, "yaml")
    assert same_data(parse_yaml(result), new)
    return result


HAND_WRITTEN = """\
# The programme.
schema_version: 2
id: p   # the id
name: 'Quoted name'
period: {start: '2017-06', end: 2018}

milestones:
  # the first one
  - id: m1
    title: "Double"
    note: >-
      Folded text that goes on
      over two lines.
  - id: m2
    title: Two
numbers:
  - {number: "0402", valid_to: 2019-12-31}
tags: [a, b]
"""


def test_a_changed_scalar_keeps_its_quotes_and_the_comments() -> None:
    def change(data: dict[str, Any]) -> dict[str, Any]:
        data["name"] = "Other name"
        data["milestones"][0]["title"] = "Changed"
        data["id"] = "q"
        return data

    result = _edit(HAND_WRITTEN, change)
    assert result == HAND_WRITTEN.replace("'Quoted name'", "'Other name'").replace(
        '"Double"', '"Changed"'
    ).replace("id: p   #", "id: q   #")


def test_a_changed_folded_text_stays_folded() -> None:
    def change(data: dict[str, Any]) -> dict[str, Any]:
        data["milestones"][0]["note"] = "Kort tekst."
        return data

    result = _edit(HAND_WRITTEN, change)
    assert "    note: >-\n      Kort tekst.\n  - id: m2\n" in result


def test_a_new_item_follows_its_neighbours() -> None:
    def change(data: dict[str, Any]) -> dict[str, Any]:
        data["milestones"].append({"id": "m3", "title": "Three", "done": True})
        data["numbers"].append({"number": "3401", "valid_from": "2020-01-01"})
        return data

    result = _edit(HAND_WRITTEN, change)
    assert "  - id: m2\n    title: Two\n  - id: m3\n    title: Three\n    done: true\n" in result
    assert "  - {number: \"0402\", valid_to: 2019-12-31}\n  - {number: '3401'" in result
    removed, _ = _changed_lines(HAND_WRITTEN, result)
    assert removed == []


def test_a_removed_item_or_key_goes_with_its_lines() -> None:
    def change(data: dict[str, Any]) -> dict[str, Any]:
        del data["milestones"][0]
        del data["tags"]
        return data

    result = _edit(HAND_WRITTEN, change)
    assert "m1" not in result
    assert "tags" not in result
    assert "  # the first one\n  - id: m2\n" in result


def test_a_new_key_goes_after_the_key_before_it() -> None:
    def change(data: dict[str, Any]) -> dict[str, Any]:
        items = list(data.items())
        items.insert(3, ("owner", "o"))
        return dict(items)

    result = _edit(HAND_WRITTEN, change)
    assert "name: 'Quoted name'\nowner: o\nperiod:" in result


def test_a_changed_flow_collection_stays_flow() -> None:
    def change(data: dict[str, Any]) -> dict[str, Any]:
        data["tags"] = ["a", "c", "d"]
        data["period"]["end"] = "2019"
        return data

    result = _edit(HAND_WRITTEN, change)
    assert "tags: [a, c, d]\n" in result
    assert "period: {start: '2017-06', end: '2019'}\n" in result


def test_text_with_anchors_is_written_whole_and_right() -> None:
    text = "a: &x {b: 1}\nc: *x\n"
    result = edit_text(text, {"a": {"b": 2}, "c": {"b": 1}}, "yaml")
    assert parse_yaml(result) == {"a": {"b": 2}, "c": {"b": 1}}


def test_json_keeps_its_indentation_and_key_order() -> None:
    text = '{\n    "b": 1,\n    "a": {"y": 1, "x": 2}\n}\n'
    result = edit_text(text, {"a": {"x": 3, "y": 1}, "b": 1, "c": True}, "json")
    assert result == (
        '{\n    "b": 1,\n    "a": {\n        "y": 1,\n        "x": 3\n    },\n    "c": true\n}\n'
    )
    assert edit_text(text, {"a": {"x": 2, "y": 1}, "b": 1}, "json") == text


# ---- the property -----------------------------------------------------------------------


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    strategies.programmes(max_items=2),
    strategies.programmes(max_items=2),
    st.sampled_from(["yaml", "json"]),
)
def test_editing_one_programme_into_another_gives_exactly_the_other(
    first: Any, second: Any, fmt: Any
) -> None:
    text = dumps(first, fmt)
    parse = parse_json if fmt == "json" else parse_yaml
    edited = edit_text(text, to_data(second), fmt)
    assert same_data(parse(edited), to_data(second))
    assert edit_text(text, to_data(first), fmt) == text
    assert dumps_over(first, text, fmt) == text
    over = dumps_over(second, text, fmt)
    from omstilling.files import loads

    assert loads(over, fmt) == second


# ---- an import keeps the file --------------------------------------------------------


def _scalar_paths(text: str) -> dict[int, list[tuple[Any, ...]]]:
    """For each line of ``text``, the paths of the values and keys that start on it."""
    lines: dict[int, list[tuple[Any, ...]]] = {}
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    stack: list[tuple[Any, tuple[Any, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                lines.setdefault(key.start_mark.line, []).append((*path, key.value))
                stack.append((value, (*path, key.value)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, n)) for n, item in enumerate(node.value))
        else:
            for line in range(node.start_mark.line, node.end_mark.line + 1):
                lines.setdefault(line, []).append(path)
    return lines


_MISSING = object()


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return data


def test_a_half_year_import_changes_only_lines_with_changed_values(tmp_path: Path) -> None:
    path = tmp_path / "stifinneren.yaml"
    shutil.copy(EXAMPLES / "stifinneren-2004.yaml", path)
    before = path.read_text(encoding="utf-8")
    programme = load(path)
    items = make_workbooks(path, H2, tmp_path / "ut")
    returned = []
    for item in items:
        participant = item.participant
        filling = fillin.Filling(
            programme=programme.id,
            participant=participant,
            period=H2,
            status=fillin.StatusFilling(
                dimensions=tuple(
                    fillin.DimensionFilling(dimension=d, rag=Rag.GREEN)
                    for d in programme.status_dimensions
                ),
                narrative=f"Godt i gang i {participant}.",
            ),
            milestones=tuple(
                fillin.MilestoneFilling(id=m.id, done=True)
                for m in fillin.milestones_of(programme, participant)
            ),
            measures=tuple(
                fillin.MeasureFilling(id=m.id) for m in fillin.measures_of(programme, participant)
            ),
        )
        item.path.write_bytes(fill_workbook(item.path.read_bytes(), filling))
        returned.append(item.path)

    dry = import_files(path, returned, dry_run=True)
    result = import_files(path, returned)

    after = path.read_text(encoding="utf-8")
    assert result.written
    assert result.diff == dry.diff
    assert load(path) == result.programme
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    kept = [line for line in after.splitlines() if line.lstrip().startswith("#")]
    assert kept == comments
    old, new = parse_yaml(before), parse_yaml(after)
    paths = _scalar_paths(before)
    removed_numbers: list[int] = []
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            removed_numbers += range(i1, i2)
    for number in removed_numbers:
        on_line = paths.get(number, [])
        assert any(not same_data(_at(old, p), _at(new, p)) for p in on_line), before.splitlines()[
            number
        ]
    assert len(result.diff.splitlines()) < 200


# ---- migrate ----------------------------------------------------------------------------


@pytest.fixture
def version_one(tmp_path: Path) -> Path:
    """The Kongsvinger example as a version-1 file (``planned_*`` dates)."""
    text = KONGSVINGER.read_text(encoding="utf-8")
    text = text.replace(f"schema_version: {SCHEMA_VERSION}\n", "schema_version: 1\n", 1)
    text = text.replace("estimated_start:", "planned_start:")
    text = text.replace("estimated_finish:", "planned_finish:")
    path = tmp_path / "kongsvinger.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_migrate_changes_only_what_the_migration_changes(version_one: Path) -> None:
    original = version_one.read_bytes()
    result = migrate_file(version_one)
    assert (result.from_version, result.to_version, result.written) == (1, SCHEMA_VERSION, True)
    assert version_one.read_bytes() == KONGSVINGER.read_bytes()
    assert result.backup == version_one.with_name("kongsvinger.yaml.~1~")
    assert result.backup.read_bytes() == original


def test_migrate_on_the_command_line(version_one: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = version_one.read_bytes()
    code, out, _ = _run(capsys, "migrate", version_one, "--dry-run")
    assert code == 0
    assert f"-schema_version: 1\n+schema_version: {SCHEMA_VERSION}\n" in out
    assert "-    planned_finish: 2012-09-30\n+    estimated_finish: 2012-09-30\n" in out
    assert (
        f"{version_one}: would be upgraded from schema version 1 to {SCHEMA_VERSION} (dry run)"
        in out
    )
    assert version_one.read_bytes() == original

    code, out, _ = _run(capsys, "migrate", version_one)
    assert code == 0
    assert (
        f"upgraded from schema version 1 to {SCHEMA_VERSION}; "
        f"previous version kept as {version_one}.~1~"
    ) in out
    upgraded = version_one.read_bytes()

    code, out, _ = _run(capsys, "migrate", version_one)
    assert code == 0
    assert out == f"{version_one}: already at schema version {SCHEMA_VERSION}; not changed\n"
    assert version_one.read_bytes() == upgraded
    assert not version_one.with_name("kongsvinger.yaml.~2~").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema_version: 9\nid: x\n", "schema_version: version 9 is newer"),
        ("id: x\n", "schema_version: missing"),
        ("schema_version: 1\nid: [x\n", "not valid YAML"),
        ("schema_version: 1\nid: x\nname: X\nowner: o\ncolour: red\n", "colour: unknown key"),
    ],
)
def test_migrate_refuses_a_bad_file_and_leaves_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = _run(capsys, "migrate", path)
    assert code == 1
    assert message in err
    assert err.startswith(f"{path}: ")
    assert err.endswith(f"{path}: not changed\n")
    assert "Traceback" not in err
    assert path.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["bad.yaml"]


def test_migrate_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "migrate", tmp_path / "none.yaml")
    assert code == 1
    assert f"{tmp_path / 'none.yaml'}: no such file" in err


def test_import_dry_run_shows_only_the_changed_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "stifinneren.yaml"
    shutil.copy(EXAMPLES / "stifinneren-2004.yaml", path)
    programme = load(path)
    items = make_workbooks(path, H2, tmp_path / "molde.xlsx", participants=["molde"])
    filling = fillin.Filling(
        programme=programme.id,
        participant="molde",
        period=H2,
        status=fillin.StatusFilling(
            dimensions=tuple(
                fillin.DimensionFilling(dimension=d, rag=Rag.AMBER)
                for d in programme.status_dimensions
            )
        ),
        milestones=tuple(
            fillin.MilestoneFilling(id=m.id) for m in fillin.milestones_of(programme, "molde")
        ),
        measures=tuple(
            fillin.MeasureFilling(id=m.id) for m in fillin.measures_of(programme, "molde")
        ),
    )
    workbook = items[0].path
    workbook.write_bytes(fill_workbook(workbook.read_bytes(), filling))
    code, out, err = _run(capsys, "import", workbook, "--into", path, "--dry-run")
    assert code == 0, err
    diff_lines = [
        line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff_lines
    assert all(line.startswith("+") for line in diff_lines), diff_lines
    assert path.read_bytes() == (EXAMPLES / "stifinneren-2004.yaml").read_bytes()


def test_windows_line_ends_stay() -> None:
    text = HAND_WRITTEN.replace("\n", "\r\n")

    def change(data: dict[str, Any]) -> dict[str, Any]:
        data["milestones"].append({"id": "m3", "title": "Three"})
        data["name"] = "Other"
        return data

    result = _edit(text, change)
    assert result.count("\n") == result.count("\r\n")
    assert "  - id: m3\r\n    title: Three\r\n" in result
    assert (
        result.replace("'Other'", "'Quoted name'").replace("  - id: m3\r\n    title: Three\r\n", "")
        == text
    )


_TEXTS = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from(["\n", " ", "#", ":", "'", '"', "-", "{", "[", "&", "*", "!"]),
    min_size=1,
    max_size=30,
)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.sampled_from(sorted(EXAMPLES.glob("*.yaml"))),
    st.lists(st.tuples(st.integers(0, 200), _TEXTS), min_size=1, max_size=3),
    st.lists(_TEXTS, max_size=2),
)
@example(KONGSVINGER, [(0, "0E0"), (1, "no"), (2, "1e3")], ["2012-12-13"])
def test_any_new_titles_and_milestones_keep_every_comment(
    example: Path, changes: list[tuple[int, str]], new_titles: list[str]
) -> None:
    from hypothesis import assume

    from omstilling.files import loads
    from omstilling.model import Milestone

    text = example.read_text(encoding="utf-8")
    programme = loads(text)
    changed = programme
    try:
        for number, title in changes:
            if changed.milestones:
                milestone = changed.milestones[number % len(changed.milestones)]
                changed = changed.with_milestone(milestone.id, title=title)
        for n, title in enumerate(new_titles):
            changed = changed.adding("milestones", Milestone(id=f"ny-{n}", title=title))
    except ValueError:
        assume(False)
    result = dumps_over(changed, text)
    assert loads(result) == changed
    removed, _ = _changed_lines(text, result)
    assert not [line for line in removed if line.lstrip().startswith("#")]
    assert len(removed) <= sum(len(t.splitlines()) + 4 for _, t in changes)
    assert result.startswith(text.split("\n", 1)[0])


def test_saving_over_a_json_file_keeps_its_indentation_and_key_order(tmp_path: Path) -> None:
    programme = load(KONGSVINGER)
    data = to_data(programme)
    reordered = {"name": data["name"], **{k: v for k, v in data.items() if k != "name"}}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(reordered, ensure_ascii=False, indent=4) + "\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    milestone = programme.milestones[0]
    save(programme.with_milestone(milestone.id, title="Ny"), path)
    removed, added = _changed_lines(before, path.read_text(encoding="utf-8"))
    assert removed == [f'            "title": {json.dumps(milestone.title, ensure_ascii=False)},']
    assert added == ['            "title": "Ny",']


@pytest.mark.parametrize(
    ("text", "new", "line"),
    [
        ("# c\na:\nb: 1  # d\n", {"a": "q", "b": 1}, "a: q"),
        ("# c\na:  # kommentar\nb: 1\n", {"a": "q", "b": 1}, "a: q  # kommentar"),
        ("# c\nl:\n  -\n  - x  # k\n", {"l": ["q", "x"]}, "  - q"),
        ("# c\na: {x: , y: 1}\n", {"a": {"x": "q", "y": 1}}, "a: {x: q, y: 1}"),
    ],
)
def test_an_empty_value_filled_in_changes_its_own_line_only(
    text: str, new: dict[str, Any], line: str
) -> None:
    after = edit_text(text, new, "yaml")
    assert parse_yaml(after) == new
    removed, added = _changed_lines(text, after)
    assert len(removed) == 1
    assert added == [line]


def test_filling_in_an_empty_field_of_the_example_keeps_every_comment(tmp_path: Path) -> None:
    path = tmp_path / "kongsvinger.yaml"
    text = KONGSVINGER.read_text(encoding="utf-8")
    first = load(KONGSVINGER).milestones[0]
    marker = f"- id: {first.id}\n"
    assert marker in text
    indent = text[: text.index(marker)].rsplit("\n", 1)[1]
    text = text.replace(marker, f"{marker}{indent}  responsible:\n", 1)
    path.write_text(text, encoding="utf-8")
    programme = load(path)
    save(programme.with_milestone(first.id, responsible="Rådmannen"), path)
    removed, added = _changed_lines(text, path.read_text(encoding="utf-8"))
    assert (removed, added) == ([f"{indent}  responsible:"], [f"{indent}  responsible: Rådmannen"])


@pytest.mark.parametrize("value", ["yes", "No", "on", "2012-09-30", "08", "1e3", "null", "1:20"])
def test_an_edited_text_a_yaml_1_1_reader_would_misread_is_quoted(value: str) -> None:
    """As a full write quotes it: editors and tools that read YAML 1.1 (PyYAML)
    must see the text too, not true/false, a date or a number."""
    after = edit_text("# c\ntitle: x\n", {"title": value}, "yaml")
    assert parse_yaml(after) == {"title": value}
    assert yaml.safe_load(after) == {"title": value}
    assert after.startswith("# c\n")


def test_a_literal_block_ending_in_a_line_break_stays_a_block() -> None:
    text = "# c\na: |\n  line1\n  line2\nb: 1\n"
    after = edit_text(text, {"a": "new1\nnew2\n", "b": 1}, "yaml")
    assert after == "# c\na: |\n  new1\n  new2\nb: 1\n"


def test_json_with_windows_line_ends_keeps_them_on_every_line() -> None:
    text = '{\r\n  "a": 1,\r\n  "b": "x"\r\n}\r\n'
    after = edit_text(text, {"a": 2, "b": "x"}, "json")
    assert after == '{\r\n  "a": 2,\r\n  "b": "x"\r\n}\r\n'

"""Programme files: lossless round trips, the JSON Schema, path-carrying errors,
migrations and atomic saves."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import jsonschema
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from omstilling import model
from omstilling.files import (
    SCHEMA_VERSION,
    Format,
    ProgrammeFileError,
    dumps,
    from_data,
    json_schema,
    load,
    loads,
    save,
    to_data,
)
from omstilling.model import PartialDate, Programme, _integrity
from omstilling.model._values import check_id, check_ids, check_optional_id
from omstilling.testing import strategies as ost

from .conftest import FIXTURES, THREE_ERROR_LINES, THREE_ERRORS

_VALIDATOR = jsonschema.Draft202012Validator(json_schema())


@given(ost.programmes())
def test_yaml_round_trip_is_lossless(programme: Programme) -> None:
    assert loads(dumps(programme, "yaml"), "yaml") == programme


@given(ost.programmes())
def test_json_round_trip_is_lossless(programme: Programme) -> None:
    assert loads(dumps(programme, "json"), "json") == programme


@given(ost.programmes())
def test_every_programme_conforms_to_the_published_schema(programme: Programme) -> None:
    errors = list(_VALIDATOR.iter_errors(to_data(programme)))
    assert errors == []


def test_schema_itself_is_valid_and_strict() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"] == {
        "const": SCHEMA_VERSION,
        "description": "The file format version.",
    }
    assert schema["additionalProperties"] is False
    assert all(d["additionalProperties"] is False for d in schema["$defs"].values())


def test_schema_rejects_what_load_rejects() -> None:
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": "Not An Id",
        "name": "X",
        "owner": "o",
        "colour": "red",
    }
    messages = sorted(e.message for e in _VALIDATOR.iter_errors(data))
    assert any("does not match" in m for m in messages)
    assert any("colour" in m for m in messages)


# --- garbled input -------------------------------------------------------------------


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``data``."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


_GARBAGE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=10),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@given(ost.programmes(), st.data())
def test_garbled_files_give_path_carrying_errors_never_a_crash(
    programme: Programme, data: st.DataObject
) -> None:
    garbled = copy.deepcopy(to_data(programme))
    paths = [p for p in _paths(garbled) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        parent = garbled
        for step in path[:-1]:
            try:
                parent = parent[step]
            except (KeyError, IndexError, TypeError):
                break
        else:
            action = data.draw(st.sampled_from(["replace", "delete", "add-key"]))
            last = path[-1]
            try:
                if action == "replace":
                    parent[last] = data.draw(_GARBAGE)
                elif action == "delete":
                    del parent[last]
                elif isinstance(parent, dict):
                    parent[data.draw(st.sampled_from(["colour", "Id", "subproject_s"]))] = 1
            except (KeyError, IndexError, TypeError):
                pass
    outcome: Programme | ProgrammeFileError
    try:
        outcome = from_data(garbled, source="garbled.yaml")
    except ProgrammeFileError as exc:  # any other exception fails the test
        outcome = exc
    if isinstance(outcome, ProgrammeFileError):
        assert outcome.problems, "an error without problems"
        for problem, line in zip(outcome.problems, outcome.lines(), strict=True):
            assert line.startswith("garbled.yaml: ")
            assert "\n" not in line
            # only the whole file's own troubles have no path
            assert problem.path or problem.message.startswith(
                ("expected a mapping of programme fields", "schema_version", "the file is empty")
            ), problem
    else:
        # the garbling happened to produce a valid programme: it must round-trip
        assert loads(dumps(outcome)) == outcome


def test_three_errors_give_three_lines() -> None:
    with pytest.raises(ProgrammeFileError) as caught:
        loads(THREE_ERRORS, source="examples/x.yaml")
    assert caught.value.lines() == [f"examples/x.yaml: {line}" for line in THREE_ERROR_LINES]


_HEAD = "schema_version: 2\nid: x\nname: X\nowner: o\norganisations: [{id: o, name: O}]\n"
_LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}' if prev else 'x'] * 10)}]\n"
    for prev, name in zip(["", *"abcdefg"], "abcdefgh", strict=True)
)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("- a\n- b\n", "expected a mapping of programme fields, got a list"),
        ("id: x\n", f"schema_version: missing (this release writes {SCHEMA_VERSION})"),
        ("schema_version: 99\n", "schema_version: version 99 is newer than this release reads"),
        ("schema_version: 0\n", "schema_version: unknown version: 0"),
        ("schema_version: two\n", "schema_version: not a whole number: 'two'"),
        ("a: [\n", "not valid YAML: "),
        ("yes: 1\nschema_version: 2\nid: x\nname: X\nowner: o\n", "yes: unknown key"),
        ("true: 1\nschema_version: 2\nid: x\nname: X\nowner: o\n", "True: unknown key (an"),
        (
            "schema_version: 2\nid: x\nname: X\nowner: o\nsuccess_factors: forankring\n",
            "success_factors: expected a list, got text: 'forankring'",
        ),
        (
            "schema_version: 2\nid: x\nname: 1\nowner: o\n",
            "name: expected text (quote it in YAML), got a number: 1",
        ),
        (_HEAD + "period: {start: 2014-02-30}\n", "period.start: not a date: '2014-02-30'"),
        (
            _HEAD + "milestones: [{id: m, title: T, estimated_start: 2014-01-01T10:00:00}]\n",
            "milestones[0].estimated_start: not a date: '2014-01-01T10:00:00'",
        ),
        (
            _HEAD + "measures: [{id: t, title: T, priority: " + "9" * 5000 + "}]\n",
            "not valid YAML: a number has more digits than can be read",
        ),
        ("schema_version: 2\ndescription: " + "[" * 50_000 + "]" * 50_000, "nested more than"),
        ("schema_version: 2\n" + _LAUGHS + "description: *h\n", "aliases are expanded"),
        (
            _HEAD + "measures: [{id: t, title: T, economic_effects: [{period: 2013, "
            "target: '9E+999999'}]}]\n",
            "measures[0].economic_effects[0].target: out of range (at most 1E+30",
        ),
        (
            _HEAD + "measures: [{id: t, title: T, economic_effects: [{period: 2013, "
            "target: '800.000'}]}]\n",
            "measures[0].economic_effects[0].target: ambiguous amount '800.000'",
        ),
        (_HEAD + "description: a\ndescription: b\n", "duplicate key 'description'"),
        (_HEAD + '"a\\nb": 1\n', "'a\\nb': unknown key"),
        (_HEAD + "milestones: [5]\n", "milestones[0]: expected a mapping of Milestone fields"),
        (_HEAD + "evaluation: hello\n", "evaluation: expected a mapping of Evaluation fields"),
        ("", "the file is empty"),
        ("!!python/object:os.system\nargs: [ls]\n", "could not determine a constructor"),
        (
            "schema_version: 1\nid: x\nname: X\nowner: o\norganisations: [{id: o, name: O}]\n"
            "milestones: [{id: m, title: T, planned_start: 2014, estimated_start: 2015}]\n",
            "milestones[0].planned_start: unknown key",
        ),
        (
            _HEAD + "milestones: [{id: 'Bad Id', title: T}]\n",
            "milestones[0].id: not an id",
        ),
        (
            "schema_version: 2\nid: x\nname: '  '\nowner: o\norganisations: [{id: o, name: O}]\n",
            "name: must not be empty",
        ),
    ],
)
def test_bad_text_gives_a_clean_error(text: str, line: str) -> None:
    with pytest.raises(ProgrammeFileError) as caught:
        loads(text, source="f.yaml")
    lines = caught.value.lines()
    assert any(line in x for x in lines), lines
    assert all("\n" not in x and len(x) < 400 for x in lines)


def test_lone_surrogates_are_refused_so_every_loaded_file_can_be_saved() -> None:
    text = '{"schema_version":2,"id":"x","name":"X\\ud800","owner":"o",'
    text += '"organisations":[{"id":"o","name":"O"}]}'
    with pytest.raises(ProgrammeFileError, match="name: not valid Unicode text"):
        loads(text, "json")


def test_json_duplicate_keys_and_deep_nesting_are_refused() -> None:
    with pytest.raises(ProgrammeFileError, match="duplicate key 'a'"):
        loads('{"schema_version": 2, "a": 1, "a": 2}', "json")
    with pytest.raises(ProgrammeFileError, match="nested too deeply"):
        loads("[" * 100_000 + "]" * 100_000, "json")


def test_money_and_decimals_are_written_without_exponents() -> None:
    text = _HEAD + (
        "measures: [{id: t, title: T, economic_effects: [{period: 2013, target: 1.0e+20}]}]\n"
        "indicators: [{id: i, name: I, baseline: '0.0000001'}]\n"
    )
    programme = loads(text)
    saved = dumps(programme, "json")
    assert '"target": "100000000000000000000"' in saved
    assert '"baseline": "0.0000001"' in saved
    assert list(_VALIDATOR.iter_errors(json.loads(saved))) == []


@given(st.text(max_size=300))
def test_any_text_gives_a_programme_or_a_clean_error(text: str) -> None:
    for fmt in ("yaml", "json"):
        outcome: Programme | ProgrammeFileError
        try:
            outcome = loads(text, fmt, source="t")
        except ProgrammeFileError as exc:  # any other exception fails the test
            outcome = exc
        if isinstance(outcome, ProgrammeFileError):
            assert outcome.lines()


def test_reference_problems_carry_paths() -> None:
    text = """
schema_version: 2
id: x
name: X
owner: o
organisations: [{id: o, name: O}]
subprojects: [{id: s1, name: S, area: helse}]
"""
    with pytest.raises(ProgrammeFileError) as caught:
        loads(text, source="x.yaml")
    assert caught.value.lines() == ["x.yaml: subprojects[0].area: unknown project area 'helse'"]


def test_yaml_dates_and_numbers_are_read_as_the_model_wants() -> None:
    text = """
schema_version: 2
id: x
name: X
owner: o
organisations: [{id: o, name: O}]
milestones: [{id: m, title: T, estimated_start: 2013-12-01, estimated_finish: 2014}]
measures: [{id: t, title: T, economic_effects: [{period: 2013, target: '800000.5'}]}]
"""
    programme = loads(text)
    assert programme.milestones[0].estimated_start == PartialDate(2013, 12, 1)
    assert programme.milestones[0].estimated_finish == PartialDate(2014)
    target = programme.measures[0].economic_effects[0].target
    assert target is not None
    assert str(target.amount) == "800000.5"


def test_json_errors_name_line_and_column() -> None:
    with pytest.raises(ProgrammeFileError, match=r"not valid JSON: .* \(line 1, column 2\)"):
        loads("{,}", "json", source="x.json")


# --- migrations ----------------------------------------------------------------------


def test_version_1_file_is_migrated() -> None:
    programme = load(FIXTURES / "sjumilssteget-v1.yaml")
    assert [m.estimated_start for m in programme.milestones] == [
        PartialDate(2013, 12, 1),
        PartialDate(2013, 12, 20),
    ]
    assert [m.estimated_finish for m in programme.milestones] == [
        PartialDate(2013, 12, 13),
        PartialDate(2013, 12, 20),
    ]
    assert to_data(programme)["schema_version"] == SCHEMA_VERSION
    assert "planned_start" not in dumps(programme)


# --- files and atomic saves ----------------------------------------------------------


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_save_then_load_gives_the_same_programme(
    examples: dict[str, Programme], tmp_path: Path, suffix: str
) -> None:
    for name, programme in examples.items():
        path = tmp_path / f"{name}{suffix}"
        save(programme, path)
        assert load(path) == programme
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_failed_save_keeps_the_old_file(
    examples: dict[str, Programme], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "programme.yaml"
    path.write_text("the user's own content\n", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        save(examples["hammerfest-sjumilssteget"], path)
    assert path.read_text(encoding="utf-8") == "the user's own content\n"
    # no temporary file left: only the file and its lock (taken to read and replace it)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".programme.yaml.lock", "programme.yaml"]


def test_unknown_suffix_is_refused_before_writing(
    examples: dict[str, Programme], tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match=r"unknown file type '\.txt'"):
        save(examples["alna-2006"], tmp_path / "x.txt")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.yaml", None, "missing.yaml: no such file"),
        ("latin1.yaml", "navn: Bømlo".encode("latin-1"), "latin1.yaml: not UTF-8 text"),
        ("programme.toml", b"x = 1", "programme.toml: unknown file type '.toml'"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ProgrammeFileError) as caught:
        load(path)
    assert caught.value.lines()[0].startswith(str(tmp_path / message.split(":")[0]))
    assert message.split(": ", 1)[1] in str(caught.value)


def test_saved_json_is_plain_json(examples: dict[str, Programme], tmp_path: Path) -> None:
    path = tmp_path / "k.json"
    save(examples["kongsvinger-omstilling-2012"], path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION
    assert list(data)[:3] == ["schema_version", "id", "name"]


# --- the fast paths give what the careful ones give -----------------------------------


def _lines(text: str, fmt: Format = "yaml") -> list[str]:
    with pytest.raises(ProgrammeFileError) as caught:
        loads(text, fmt, source="f")
    return caught.value.lines()


def test_every_bad_item_of_a_list_is_reported_with_its_index() -> None:
    # a list is structured in one go, and again item by item only when that fails
    text = _HEAD + (
        "milestones:\n"
        "- {id: m0, title: T, estimated_start: '2014-13'}\n"
        "- {id: m1, title: T}\n"
        "- {id: m2, title: T, done: kanskje}\n"
        "measures:\n"
        "- {id: t0, title: T}\n"
        "- {id: t1, title: T, economic_effects: [{period: 2013}, {period: 2013-H3}]}\n"
    )
    assert _lines(text) == [
        "f: milestones[0].estimated_start: not a date: '2014-13'",
        "f: milestones[2].done: expected true or false, got text: 'kanskje'",
        "f: measures[1].economic_effects[1].period: "
        "not a period (2005, 2004-H1, 2012-T2, 2024-Q3): '2013-H3'",
    ]


def test_a_repeated_bad_date_is_reported_every_time_and_good_ones_are_equal() -> None:
    # parsed dates are remembered, failures are not
    bad = _HEAD + (
        "milestones: [{id: a, title: T, done: true, done_on: 2014-02-30}, "
        "{id: b, title: T, done: true, done_on: 2014-02-30}]\n"
    )
    assert _lines(bad) == [
        "f: milestones[0].done_on: not a date: '2014-02-30'",
        "f: milestones[1].done_on: not a date: '2014-02-30'",
    ]
    good = _HEAD + (
        "milestones: [{id: a, title: T, estimated_start: 2014-02-28}, "
        "{id: b, title: T, estimated_start: 2014-02-28, estimated_finish: '2014-02-28'}]\n"
    )
    first, second = loads(good).milestones
    assert first.estimated_start == second.estimated_start == PartialDate(2014, 2, 28)
    assert second.estimated_finish == PartialDate(2014, 2, 28)


@pytest.mark.parametrize(
    ("field", "value", "line"),
    [
        ("code", "5", "subprojects[0].code: expected text (quote it in YAML), got a number: 5"),
        ("code", '"\\ud800"', "subprojects[0].code: not valid Unicode text: '\\ud800'"),
        ("deadline", "true", "subprojects[0].deadline: expected a date (2014, 2014-01 or"),
        ("status", '"done"', "subprojects[0].status: not one of proposed, planned"),
    ],
)
def test_optional_fields_refuse_the_wrong_value_with_its_path(
    field: str, value: str, line: str
) -> None:
    text = (
        '{"schema_version": 2, "id": "x", "name": "X", "owner": "o", '
        '"organisations": [{"id": "o", "name": "O"}], '
        f'"subprojects": [{{"id": "s", "name": "S", "{field}": {value}}}]}}'
    )
    (problem,) = _lines(text, "json")
    assert problem.startswith(f"f: {line}")


def test_optional_fields_take_nothing_and_any_text() -> None:
    text = (
        '{"schema_version": 2, "id": "x", "name": "X", "owner": "o", "description": null, '
        '"mandate": "Økonomi \\u00e6\\u00f8\\u00e5 \\ud83d\\ude00", '
        '"organisations": [{"id": "o", "name": "O"}]}'
    )
    programme = loads(text, "json")
    assert programme.description is None
    assert programme.mandate == "Økonomi æøå \U0001f600"


def test_json_duplicate_keys_are_refused_at_any_depth_naming_the_first() -> None:
    assert _lines('{"schema_version": 2, "a": 1, "b": 1, "b": 2, "a": 2}', "json") == [
        "f: not valid JSON: duplicate key 'b'"
    ]
    nested = '{"schema_version": 2, "milestones": [{"id": "m", "title": "T", "id": "n"}]}'
    assert _lines(nested, "json") == ["f: not valid JSON: duplicate key 'id'"]


_CYCLES = """\
schema_version: 2
id: x
name: X
owner: e
organisations:
- {id: a, name: A, parent: b}
- {id: b, name: B, parent: c}
- {id: c, name: C, parent: b}
- {id: d, name: D, parent: a}
- {id: e, name: E}
- {id: f, name: F, parent: e}
- {id: g, name: G, parent: nobody}
"""


def test_parent_cycles_name_every_organisation_whose_parents_never_end() -> None:
    assert _lines(_CYCLES) == [
        "f: organisations[6].parent: unknown organisation 'nobody'",
        *[f"f: organisations[{i}].parent: parents form a cycle" for i in range(4)],
    ]


def test_parent_cycles_through_a_repeated_id_follow_the_items_own_parent() -> None:
    # the last x names no parent, yet the first x's parent y leads back to x
    text = _HEAD.replace("organisations: [{id: o, name: O}]", "organisations:") + (
        "- {id: o, name: O}\n"
        "- {id: x, name: X, parent: y}\n"
        "- {id: y, name: Y, parent: x}\n"
        "- {id: x, name: X2}\n"
    )
    assert _lines(text) == [
        "f: organisations[3]: id 'x' is used twice",
        "f: organisations[1].parent: parents form a cycle",
    ]


_REFERENCE_CHECKS = (check_id, check_optional_id, check_ids)
_REFERENCE_FIELDS = {
    field.name
    for cls in vars(model).values()
    if isinstance(cls, type) and attrs.has(cls)
    for field in attrs.fields(cls)
    if field.validator in _REFERENCE_CHECKS
}


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _ids_and_references(data: Any) -> list[tuple[Any, ...]]:
    """Every path to an id or a reference inside ``data``."""
    found = []
    for path in _paths(data):
        names = [step for step in path if isinstance(step, str)]
        if isinstance(_at(data, path), str) and names and names[-1] in _REFERENCE_FIELDS:
            found.append(path)
    return found


@given(ost.programmes(), st.data())
def test_reference_checks_in_bulk_find_what_the_item_walk_finds(
    programme: Programme, data: st.DataObject
) -> None:
    garbled = copy.deepcopy(to_data(programme))
    targets = _ids_and_references(garbled)
    assume(targets)
    ids = sorted({_at(garbled, path) for path in targets})
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(targets))
        value = data.draw(st.one_of(st.just("unknown"), st.sampled_from(ids)))
        _at(garbled, path[:-1])[path[-1]] = value

    def outcome() -> list[str]:
        try:
            from_data(garbled, source="g")
        except ProgrammeFileError as exc:
            return exc.lines()
        return []

    in_bulk = outcome()
    with mock.patch.object(_integrity, "_all_known", return_value=False):
        walked = outcome()
    assert in_bulk == walked

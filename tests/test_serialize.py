"""Programme files: lossless round trips, the JSON Schema, path-carrying errors,
migrations and atomic saves."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from omstilling.model import PartialDate, Programme
from omstilling.serialize import (
    SCHEMA_VERSION,
    ProgrammeFileError,
    dumps,
    from_data,
    json_schema,
    load,
    loads,
    save,
    to_data,
)
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
        for line in outcome.lines():
            assert line.startswith("garbled.yaml: ")
            assert "\n" not in line
    else:
        # the garbling happened to produce a valid programme: it must round-trip
        assert loads(dumps(outcome)) == outcome


def test_three_errors_give_three_lines() -> None:
    with pytest.raises(ProgrammeFileError) as caught:
        loads(THREE_ERRORS, source="examples/x.yaml")
    assert caught.value.lines() == [f"examples/x.yaml: {line}" for line in THREE_ERROR_LINES]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "expected a mapping of programme fields, got a list"),
        ("id: x\n", "schema_version: missing (this release writes 2)"),
        ("schema_version: 99\n", "schema_version: version 99 is newer than this release reads"),
        ("schema_version: 0\n", "schema_version: unknown version: 0"),
        ("schema_version: two\n", "schema_version: not a whole number: 'two'"),
        ("a: [\n", "not valid YAML: "),
        ("yes: 1\nschema_version: 2\nid: x\nname: X\nowner: o\n", "unknown key: True (YAML reads"),
        (
            "schema_version: 2\nid: x\nname: X\nowner: o\nsuccess_factors: forankring\n",
            "success_factors: expected a list, got text: 'forankring'",
        ),
        (
            "schema_version: 2\nid: x\nname: 1\nowner: o\n",
            "name: expected text (quote it in YAML), got a number: 1",
        ),
    ],
)
def test_bad_files_give_one_clear_message(text: str, message: str) -> None:
    with pytest.raises(ProgrammeFileError) as caught:
        loads(text, source="f.yaml")
    assert any(message in line for line in caught.value.lines()), caught.value.lines()


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
measures: [{id: t, title: T, economic_effects: [{period: 2013, target: 800000.5}]}]
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
    assert [p.name for p in tmp_path.iterdir()] == ["programme.yaml"]


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

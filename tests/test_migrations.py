"""Programme files of every earlier version are brought up to the current one; files
of no known version are refused with a message that says why."""

from __future__ import annotations

from typing import Any

import pytest

from omstilling.errors import ProgrammeFileError
from omstilling.files import MIGRATIONS, SCHEMA_VERSION, loads, migrate


def _version_1(*milestones: object) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": "x",
        "name": "X",
        "owner": "o",
        "organisations": [{"id": "o", "name": "O"}],
        "milestones": list(milestones),
    }


def _refusal(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """What ``migrate`` says of ``data``: each problem's path, message and code."""
    with pytest.raises(ProgrammeFileError) as caught:
        migrate(data, source="plan.yaml")
    assert caught.value.source == "plan.yaml"
    return [(p.path, p.message, p.code) for p in caught.value.problems]


def test_every_earlier_version_has_a_migration_to_the_next() -> None:
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))


def test_version_1_planned_dates_become_estimated_dates() -> None:
    data = _version_1(
        {"id": "m1", "title": "A", "planned_start": "2013-12", "planned_finish": "2013-12-20"},
        {"id": "m2", "title": "B", "planned_finish": "2014"},
        {"id": "m3", "title": "C"},
    )
    assert migrate(data) == {
        "id": "x",
        "name": "X",
        "owner": "o",
        "organisations": [{"id": "o", "name": "O"}],
        "milestones": [
            {
                "id": "m1",
                "title": "A",
                "estimated_start": "2013-12",
                "estimated_finish": "2013-12-20",
            },
            {"id": "m2", "title": "B", "estimated_finish": "2014"},
            {"id": "m3", "title": "C"},
        ],
    }


def test_migrating_leaves_the_data_it_was_given_as_it_was() -> None:
    milestone = {"id": "m1", "title": "A", "planned_finish": "2014"}
    data = _version_1(milestone)
    migrate(data)
    assert data["schema_version"] == 1
    assert data["milestones"] == [{"id": "m1", "title": "A", "planned_finish": "2014"}]
    assert milestone == {"id": "m1", "title": "A", "planned_finish": "2014"}


def test_an_old_name_beside_the_new_one_is_kept_to_be_reported_not_dropped() -> None:
    data = _version_1(
        {"id": "m1", "title": "A", "planned_finish": "2013", "estimated_finish": "2014"}
    )
    assert migrate(data)["milestones"] == [
        {"id": "m1", "title": "A", "planned_finish": "2013", "estimated_finish": "2014"}
    ]
    with pytest.raises(ProgrammeFileError, match=r"milestones\[0\]\.planned_finish"):
        loads(
            "schema_version: 1\nid: x\nname: X\nowner: o\norganisations: [{id: o, name: O}]\n"
            "milestones: [{id: m1, title: A, planned_finish: '2013', "
            "estimated_finish: '2014'}]\n",
            "yaml",
        )


def test_a_version_1_file_whose_milestones_are_not_a_list_is_left_for_the_checks() -> None:
    data = _version_1()
    data["milestones"] = "none yet"
    assert migrate(data)["milestones"] == "none yet"
    odd = _version_1("m1", {"id": "m2", "title": "B", "planned_start": "2014"})
    assert migrate(odd)["milestones"] == [
        "m1",
        {"id": "m2", "title": "B", "estimated_start": "2014"},
    ]
    bare = {key: value for key, value in _version_1().items() if key != "milestones"}
    assert "milestones" not in migrate(bare)


def test_a_current_file_is_taken_as_it_is_without_its_version() -> None:
    data = {"schema_version": SCHEMA_VERSION, "id": "x", "milestones": [{"planned_finish": "1"}]}
    assert migrate(data) == {"id": "x", "milestones": [{"planned_finish": "1"}]}
    assert data["schema_version"] == SCHEMA_VERSION


def test_a_missing_version_is_refused_with_the_version_this_release_writes() -> None:
    assert _refusal({"id": "x"}) == [
        ("schema_version", f"missing (this release writes {SCHEMA_VERSION})", "version")
    ]


@pytest.mark.parametrize("version", ["2", 2.0, True, False, [2]])
def test_a_version_that_is_not_a_whole_number_is_refused(version: object) -> None:
    assert _refusal({"schema_version": version, "id": "x"}) == [
        ("schema_version", f"not a whole number: {version!r}", "version")
    ]


def test_a_newer_version_is_refused_with_advice_to_upgrade() -> None:
    assert _refusal({"schema_version": SCHEMA_VERSION + 1}) == [
        (
            "schema_version",
            f"version {SCHEMA_VERSION + 1} is newer than this release reads "
            f"({SCHEMA_VERSION}): upgrade omstilling",
            "version",
        )
    ]


@pytest.mark.parametrize("version", [0, -1])
def test_a_version_before_the_first_is_unknown(version: int) -> None:
    assert _refusal({"schema_version": version}) == [
        ("schema_version", f"unknown version: {version}", "version")
    ]


def test_without_a_source_the_data_is_named_as_such() -> None:
    with pytest.raises(ProgrammeFileError) as caught:
        migrate({})
    assert caught.value.source == "<data>"

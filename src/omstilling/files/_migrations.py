"""Versions of the programme file format, and the migrations from every earlier one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .._messages import _
from ..errors import Problem, ProgrammeFileError

SCHEMA_VERSION = 3
"""The version of the programme file format this release writes.

.. versionadded:: 0.1
"""


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 called the milestone plan's estimated dates ``planned_start`` and
    ``planned_finish``; version 2 uses the plans' own words, ``estimated_start`` and
    ``estimated_finish`` (antatt start, antatt ferdig)."""
    milestones = data.get("milestones")
    if isinstance(milestones, list):
        renamed = []
        for milestone in milestones:
            if isinstance(milestone, dict):
                milestone = dict(milestone)
                for old, new in (
                    ("planned_start", "estimated_start"),
                    ("planned_finish", "estimated_finish"),
                ):
                    # with both names present, the old one stays and is reported
                    # as an unknown key rather than silently dropped
                    if old in milestone and new not in milestone:
                        milestone[new] = milestone.pop(old)
            renamed.append(milestone)
        data = {**data, "milestones": renamed}
    return data


def _migrate_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 adds what a programme office steers by: ``risks``, ``deviations``,
    ``benefits`` and ``economy``; decision items' follow-up (``participant``,
    ``responsible``, ``due``, ``follow_up``) and a decision's ``joint_bodies``;
    organisations' ``predecessors``, ``successor`` and ``successor_from``; a
    subproject's ``parent``; a body as the programme's ``owner`` and a person as a
    document's ``author``. Nothing of version 2 changed meaning, so its data is
    version 3 as it stands; the number tells a release that reads only version 2
    that it cannot read the new fields."""
    return data


MIGRATIONS: Mapping[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}
"""``MIGRATIONS[n]`` turns the data of a version-``n`` file into version ``n + 1``."""


def migrate(data: Mapping[str, Any], *, source: str = "<data>") -> dict[str, Any]:
    """Bring the data of a programme file of any earlier version up to
    :data:`SCHEMA_VERSION`, and take ``schema_version`` out of it.

    Raises :class:`ProgrammeFileError` for a missing, unknown or newer version.
    """
    version = data.get("schema_version")
    if version is None:
        raise ProgrammeFileError(
            source,
            [
                Problem(
                    "schema_version",
                    _("missing (this release writes {version})").format(version=SCHEMA_VERSION),
                    "version",
                )
            ],
        )
    if isinstance(version, bool) or not isinstance(version, int):
        raise ProgrammeFileError(
            source,
            [
                Problem(
                    "schema_version",
                    _("not a whole number: {value}").format(value=repr(version)),
                    "version",
                )
            ],
        )
    if version > SCHEMA_VERSION:
        raise ProgrammeFileError(
            source,
            [
                Problem(
                    "schema_version",
                    _(
                        "version {version} is newer than this release reads ({current}): "
                        "upgrade omstilling"
                    ).format(version=version, current=SCHEMA_VERSION),
                    "version",
                )
            ],
        )
    if version < min(MIGRATIONS, default=SCHEMA_VERSION):
        raise ProgrammeFileError(
            source,
            [
                Problem(
                    "schema_version",
                    _("unknown version: {version}").format(version=version),
                    "version",
                )
            ],
        )
    result = {key: value for key, value in data.items() if key != "schema_version"}
    while version < SCHEMA_VERSION:
        result = MIGRATIONS[version](result)
        version += 1
    return result

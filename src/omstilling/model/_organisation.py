"""Organisations: municipalities, city districts, counties, inter-municipal services,
state bodies; and the people who hold roles in a programme."""

from __future__ import annotations

import enum
import itertools
import re
from decimal import Decimal
from typing import Any

import attrs

from ._time import PartialDate, ends_before_start
from ._typed import typed_fields
from ._values import (
    check_finite,
    check_id,
    check_optional_id,
    check_organisation_number,
    check_text,
    field_validator,
)

__all__ = [
    "Membership",
    "Municipality",
    "MunicipalityNumber",
    "Office",
    "OfficeKind",
    "Organisation",
    "OrganisationKind",
    "Person",
]


class OrganisationKind(enum.StrEnum):
    """What kind of organisation an :class:`Organisation` is.

    .. versionadded:: 0.1
    """

    MUNICIPALITY = "municipality"
    """A kommune."""
    CITY_DISTRICT = "city-district"
    """A bydel: part of a municipality (Bydel Alna of Oslo kommune)."""
    COUNTY = "county"
    """A fylkeskommune."""
    INTER_MUNICIPAL = "inter-municipal"
    """An interkommunalt samarbeid owned by two or more members."""
    STATE = "state"
    """A ministry, directorate or other state body (KRD, Fylkesmannen)."""
    OTHER = "other"
    """Anything else: KS, unions, research institutes."""


_KOMMUNENUMMER_RE = re.compile(r"^[0-9]{4}$")


@field_validator
def _check_kommunenummer(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _KOMMUNENUMMER_RE.fullmatch(value):
        msg = f"not a municipality number (4 digits, e.g. '0301'): {value!r}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class MunicipalityNumber:
    """A kommunenummer and when it was in use.

    Municipality numbers change in reforms (2020, 2024) while the organisation stays the
    same: Vadsø was 2003, then 5405, then 5607.

    .. versionadded:: 0.1
    """

    number: str = attrs.field(validator=_check_kommunenummer)
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None

    def __attrs_post_init__(self) -> None:
        if ends_before_start(self.valid_from, self.valid_to):
            msg = f"valid_to ({self.valid_to}) is before valid_from ({self.valid_from})"
            raise ValueError(msg)


@field_validator
def _check_share(_: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    check_finite(_, attribute, value)
    if value is not None and not Decimal(0) <= value <= Decimal(100):
        msg = f"a cost share is a percentage from 0 to 100: {value}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Membership:
    """One member of an inter-municipal cooperation and its share of the costs.

    ``cost_share`` is a percentage: Flesberg 60, Rollag 40.

    .. versionadded:: 0.1
    """

    organisation: str = attrs.field(validator=check_id)
    cost_share: Decimal | None = attrs.field(default=None, validator=_check_share)
    note: str | None = None


class OfficeKind(enum.StrEnum):
    """Whether an office is the main office or a branch.

    .. versionadded:: 0.1
    """

    MAIN = "main"
    BRANCH = "branch"


@field_validator
def _check_days(_: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not 0 <= value <= 7:
        msg = f"days per week must be 0 to 7: {value}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Office:
    """Where a service is delivered from, and how many days a week it is open.

    .. versionadded:: 0.1
    """

    name: str = attrs.field(validator=check_text)
    kind: OfficeKind = OfficeKind.MAIN
    municipality: str | None = attrs.field(default=None, validator=check_optional_id)
    days_open_per_week: int | None = attrs.field(default=None, validator=_check_days)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Organisation:
    """An organisation that takes part in, owns or works with a programme.

    Most are municipalities (:attr:`OrganisationKind.MUNICIPALITY`); a city district
    has a ``parent``; an inter-municipal cooperation has ``members`` whose cost shares
    sum to 100 and may name a ``host`` among them. The ``id`` is the project's own
    and stays stable when the municipality number changes.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    kind: OrganisationKind = OrganisationKind.MUNICIPALITY
    short_name: str | None = None
    other_names: tuple[str, ...] = ()
    municipality_numbers: tuple[MunicipalityNumber, ...] = ()
    organisation_number: str | None = attrs.field(default=None, validator=check_organisation_number)
    parent: str | None = attrs.field(default=None, validator=check_optional_id)
    members: tuple[Membership, ...] = ()
    host: str | None = attrs.field(default=None, validator=check_optional_id)
    offices: tuple[Office, ...] = ()
    website: str | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        numbers = sorted(
            self.municipality_numbers,
            key=lambda n: n.valid_from or PartialDate(1000),
        )
        for earlier, later in itertools.pairwise(numbers):
            if earlier.valid_to is None or later.valid_from is None:
                msg = "municipality numbers overlap: all but the latest need valid_to"
                raise ValueError(msg)
            if later.valid_from.first_day() <= earlier.valid_to.last_day():
                msg = f"municipality numbers {earlier.number} and {later.number} overlap in time"
                raise ValueError(msg)
        if self.members and self.kind is not OrganisationKind.INTER_MUNICIPAL:
            msg = f"only an inter-municipal cooperation has members, not a {self.kind.value}"
            raise ValueError(msg)
        if self.kind is OrganisationKind.INTER_MUNICIPAL and len(self.members) < 2:
            msg = "an inter-municipal cooperation needs at least two members"
            raise ValueError(msg)
        member_ids = [m.organisation for m in self.members]
        if len(set(member_ids)) != len(member_ids):
            msg = "a member is listed twice"
            raise ValueError(msg)
        shares = [m.cost_share for m in self.members]
        if any(s is not None for s in shares):
            if any(s is None for s in shares):
                msg = "either every member has a cost share or none has"
                raise ValueError(msg)
            total = sum((s for s in shares if s is not None), Decimal(0))
            if total != 100:
                msg = f"the cost shares must sum to 100 %, not {total} %"
                raise ValueError(msg)
        if self.host is not None and self.host not in member_ids:
            msg = f"the host {self.host!r} is not one of the members"
            raise ValueError(msg)
        if self.parent == self.id:
            msg = "an organisation cannot be its own parent"
            raise ValueError(msg)

    def municipality_number(self, on: PartialDate | None = None) -> str | None:
        """The municipality number in use on ``on`` (the latest one if ``on`` is ``None``)."""
        if not self.municipality_numbers:
            return None
        if on is None:
            return max(
                self.municipality_numbers,
                key=lambda n: n.valid_from or PartialDate(1000),
            ).number
        day = on.first_day()
        for number in self.municipality_numbers:
            starts = number.valid_from is None or number.valid_from.first_day() <= day
            ends = number.valid_to is None or day <= number.valid_to.last_day()
            if starts and ends:
                return number.number
        return None


Municipality = Organisation
"""A municipality is an :class:`Organisation` of kind ``municipality``; city districts
and inter-municipal cooperations are organisations of their own kinds."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Person:
    """Somebody who holds a role: a project leader, a case officer, a ministry adviser.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    title: str | None = None
    organisation: str | None = attrs.field(default=None, validator=check_optional_id)
    email: str | None = None

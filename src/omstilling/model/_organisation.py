"""Organisations: municipalities, city districts, counties, inter-municipal services,
state bodies; and the people who hold roles in a programme."""

from __future__ import annotations

import enum
import itertools
import re
from decimal import Decimal
from typing import Any

import attrs

from .._messages import _
from ._time import PartialDate, ends_before_start
from ._typed import typed_fields
from ._values import (
    check_finite,
    check_id,
    check_ids,
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
def _check_kommunenummer(_obj: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _KOMMUNENUMMER_RE.fullmatch(value):
        msg = _("not a municipality number (4 digits, e.g. '0301'): {value}")
        msg = msg.format(value=repr(value))
        raise ValueError(msg)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class MunicipalityNumber:
    """A kommunenummer and when it was in use.

    Municipality numbers change in reforms (2020, 2024) while the organisation stays the
    same: Vadsø was 2003, then 5405, then 5607.

    .. versionadded:: 0.1
    """

    number: str = attrs.field(validator=_check_kommunenummer)
    """The four-digit municipality number (kommunenummer)."""
    valid_from: PartialDate | None = None
    """When the number came into use."""
    valid_to: PartialDate | None = None
    """When it went out of use."""

    def __attrs_post_init__(self) -> None:
        if ends_before_start(self.valid_from, self.valid_to):
            msg = _("valid_to ({end}) is before valid_from ({start})").format(
                end=self.valid_to, start=self.valid_from
            )
            raise ValueError(msg)


@field_validator
def _check_share(_obj: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    check_finite(_obj, attribute, value)
    if value is not None and not Decimal(0) <= value <= Decimal(100):
        msg = _("a cost share is a percentage from 0 to 100: {value}").format(value=value)
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
    """Any remark."""


class OfficeKind(enum.StrEnum):
    """Whether an office is the main office or a branch.

    .. versionadded:: 0.1
    """

    MAIN = "main"
    """Hovedkontor."""
    BRANCH = "branch"
    """Avdelingskontor, filial."""


@field_validator
def _check_days(_obj: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not 0 <= value <= 7:
        msg = _("days per week must be 0 to 7: {value}").format(value=value)
        raise ValueError(msg)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Office:
    """Where a service is delivered from, and how many days a week it is open.

    .. versionadded:: 0.1
    """

    name: str = attrs.field(validator=check_text)
    """The office's name or place."""
    kind: OfficeKind = OfficeKind.MAIN
    """Whether it is the main office or a branch."""
    municipality: str | None = attrs.field(default=None, validator=check_optional_id)
    """The municipality it is in."""
    days_open_per_week: int | None = attrs.field(default=None, validator=_check_days)
    """How many days a week it is open, 0 to 7."""


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
    """Its official name ("Kongsvinger kommune")."""
    kind: OrganisationKind = OrganisationKind.MUNICIPALITY
    """What kind of organisation it is."""
    short_name: str | None = None
    """A shorter name reports may use ("Kongsvinger")."""
    other_names: tuple[str, ...] = ()
    """Other names it is known by, earlier names included."""
    municipality_numbers: tuple[MunicipalityNumber, ...] = ()
    """Its municipality numbers (kommunenummer), each with when it held."""
    organisation_number: str | None = attrs.field(default=None, validator=check_organisation_number)
    """Its organisation number (organisasjonsnummer)."""
    parent: str | None = attrs.field(default=None, validator=check_optional_id)
    members: tuple[Membership, ...] = ()
    host: str | None = attrs.field(default=None, validator=check_optional_id)
    offices: tuple[Office, ...] = ()
    """Where its offices are, and the days each is open."""
    predecessors: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    """The organisations it was made from (a merged municipality's old ones).

    .. versionadded:: 0.2
    """
    successor: str | None = attrs.field(default=None, validator=check_optional_id)
    """The organisation it became part of, from :attr:`successor_from` on.

    .. versionadded:: 0.2
    """
    successor_from: PartialDate | None = None
    """When its successor took over (a merger's date, 1 January 2020); its own
    municipality numbers hold until then.

    .. versionadded:: 0.2
    """
    website: str | None = None
    """Its website."""
    note: str | None = None
    """Any remark."""

    def __attrs_post_init__(self) -> None:
        numbers = sorted(
            self.municipality_numbers,
            key=lambda n: n.valid_from or PartialDate(1000),
        )
        for earlier, later in itertools.pairwise(numbers):
            if earlier.valid_to is None or later.valid_from is None:
                msg = _("municipality numbers overlap: all but the latest need valid_to")
                raise ValueError(msg)
            if later.valid_from.first_day() <= earlier.valid_to.last_day():
                msg = _("municipality numbers {earlier} and {later} overlap in time").format(
                    earlier=earlier.number, later=later.number
                )
                raise ValueError(msg)
        if self.members and self.kind is not OrganisationKind.INTER_MUNICIPAL:
            msg = _("only an inter-municipal cooperation has members, not a {kind}").format(
                kind=self.kind.value
            )
            raise ValueError(msg)
        if self.kind is OrganisationKind.INTER_MUNICIPAL and len(self.members) < 2:
            msg = _("an inter-municipal cooperation needs at least two members")
            raise ValueError(msg)
        member_ids = [m.organisation for m in self.members]
        if len(set(member_ids)) != len(member_ids):
            msg = _("a member is listed twice")
            raise ValueError(msg)
        shares = [m.cost_share for m in self.members]
        if any(s is not None for s in shares):
            if any(s is None for s in shares):
                msg = _("either every member has a cost share or none has")
                raise ValueError(msg)
            total = sum((s for s in shares if s is not None), Decimal(0))
            if total != 100:
                msg = _("the cost shares must sum to 100 %, not {total} %").format(total=total)
                raise ValueError(msg)
        if self.host is not None and self.host not in member_ids:
            msg = _("the host {host} is not one of the members").format(host=repr(self.host))
            raise ValueError(msg)
        if self.parent == self.id:
            msg = _("an organisation cannot be its own parent")
            raise ValueError(msg)
        if self.successor == self.id or self.id in self.predecessors:
            msg = _("an organisation cannot succeed itself")
            raise ValueError(msg)
        if self.successor_from is not None and self.successor is None:
            msg = _("successor_from needs a successor")
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
    """The person's id."""
    name: str = attrs.field(validator=check_text)
    """Their name."""
    title: str | None = None
    """Their title or position ("rådmann", "prosjektleder")."""
    organisation: str | None = attrs.field(default=None, validator=check_optional_id)
    """The organisation they work for."""
    email: str | None = None
    """Their e-mail address."""

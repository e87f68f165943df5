"""Governance: the bodies that steer a programme, the roles people hold in them
(with periods, since leaders change), participants and stakeholders."""

from __future__ import annotations

import enum

import attrs

from .._messages import _
from ._time import PartialDate, ends_before_start
from ._typed import typed_fields
from ._values import check_id, check_optional_id, check_text


class BodyKind(enum.StrEnum):
    """What kind of body a :class:`Body` is.

    .. versionadded:: 0.1
    """

    COUNCIL = "council"
    """Kommunestyre or bystyre."""
    EXECUTIVE_COMMITTEE = "executive-committee"
    """Formannskap."""
    COMMITTEE = "committee"
    """A political committee (hovedutvalg, hovedstyre, komité)."""
    DISTRICT_COUNCIL = "district-council"
    """Bydelsutvalg."""
    ADMINISTRATION = "administration"
    """Rådmannen, bydelsdirektøren or their leader group, deciding on delegated authority."""
    ADVISORY_COUNCIL = "advisory-council"
    """Ungdomsråd, råd for funksjonshemmede, eldreråd."""
    STEERING_GROUP = "steering-group"
    """Styringsgruppe: steers the programme or a subproject."""
    PROJECT_GROUP = "project-group"
    """Prosjektgruppe: does the work of the programme or a subproject."""
    WORKING_GROUP = "working-group"
    """Arbeidsgrupper, steg-grupper, delprosjektgrupper."""
    OTHER = "other"
    """Any other body."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Body:
    """A body that decides, steers or works: a council, a steering group, a project group.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    """The body's id."""
    name: str = attrs.field(validator=check_text)
    """Its name ("Styringsgruppen for Omstilling 2012")."""
    kind: BodyKind = BodyKind.OTHER
    """What kind of body it is."""
    organisation: str | None = attrs.field(default=None, validator=check_optional_id)
    """The organisation it belongs to."""
    description: str | None = None
    """What it does, who sits in it."""


class Role(enum.StrEnum):
    """A role somebody holds in a programme.

    .. versionadded:: 0.1
    """

    PROJECT_OWNER = "project-owner"
    """Prosjekteier."""
    PROJECT_LEADER = "project-leader"
    """Prosjektleder."""
    COORDINATOR = "coordinator"
    """Koordinator: a participant's contact for the programme, for instance."""
    SUBPROJECT_LEADER = "subproject-leader"
    """Delprosjektleder."""
    CHAIR = "chair"
    """Leder of a body: styringsgruppeleder, ordfører."""
    MEMBER = "member"
    """Medlem of a body."""
    SECRETARY = "secretary"
    """Sekretær of a body."""
    UNION_REPRESENTATIVE = "union-representative"
    """Tillitsvalgt."""
    SAFETY_REPRESENTATIVE = "safety-representative"
    """Verneombud."""
    CASE_OFFICER = "case-officer"
    """Saksbehandler."""
    CASE_RESPONSIBLE = "case-responsible"
    """Saksansvarlig."""
    ADVISER = "adviser"
    """Rådgiver: a ministry's or a consultancy's adviser, for instance."""
    OTHER = "other"
    """Any other role."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class RoleAssignment:
    """Who held a role, where and when.

    The holder is a :class:`Person` (``person``) where the document names one, or a
    description of the position (``holder``: "Rådmann", "Hovedtillitsvalgt for
    Fagforbundet") where it does not. Leaders change: several assignments of the same
    role with ``start`` and ``end`` tell the story.

    .. versionadded:: 0.1
    """

    role: Role
    """The role held."""
    person: str | None = attrs.field(default=None, validator=check_optional_id)
    """The person who held it."""
    holder: str | None = None
    """The position that held it, where no person is named ("Rådmann")."""
    organisation: str | None = attrs.field(default=None, validator=check_optional_id)
    """The organisation the role is held in or for."""
    body: str | None = attrs.field(default=None, validator=check_optional_id)
    """The body the role is held in."""
    subproject: str | None = attrs.field(default=None, validator=check_optional_id)
    """The subproject the role is held in."""
    start: PartialDate | None = None
    """When the holder took it on."""
    end: PartialDate | None = None
    """When the holder left it."""
    note: str | None = None
    """Any remark."""

    def __attrs_post_init__(self) -> None:
        if self.person is None and not (self.holder and self.holder.strip()):
            msg = _("a role needs a person or a holder description")
            raise ValueError(msg)
        if ends_before_start(self.start, self.end):
            msg = _("ends ({end}) before it starts ({start})").format(
                end=self.end, start=self.start
            )
            raise ValueError(msg)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Participant:
    """An organisation taking part in the programme (a deltakerkommune).

    ``local_name`` is what the participant calls its own part ("Handlingsrom 2007");
    ``reporting_practice`` says how it reports today.

    .. versionadded:: 0.1
    """

    organisation: str = attrs.field(validator=check_id)
    """The participating organisation."""
    local_name: str | None = None
    """What the participant calls its own part ("Handlingsrom 2007")."""
    joined: PartialDate | None = None
    """When it joined the programme."""
    left: PartialDate | None = None
    """When it left."""
    reporting_practice: str | None = None
    """How it reports today."""
    note: str | None = None
    """Any remark."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Stakeholder:
    """An organisation with a stake in the programme that is not a participant.

    .. versionadded:: 0.1
    """

    organisation: str = attrs.field(validator=check_id)
    """The organisation with an interest."""
    role: str | None = None
    """What its interest or part is, in words."""
    note: str | None = None
    """Any remark."""

"""Governance: the bodies that steer a programme, the roles people hold in them
(with periods, since leaders change), participants and stakeholders."""

from __future__ import annotations

import enum

import attrs

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
    PROJECT_GROUP = "project-group"
    WORKING_GROUP = "working-group"
    """Arbeidsgrupper, steg-grupper, delprosjektgrupper."""
    OTHER = "other"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Body:
    """A body that decides, steers or works: a council, a steering group, a project group.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_text)
    kind: BodyKind = BodyKind.OTHER
    organisation: str | None = attrs.field(default=None, validator=check_optional_id)
    description: str | None = None


class Role(enum.StrEnum):
    """A role somebody holds in a programme.

    .. versionadded:: 0.1
    """

    PROJECT_OWNER = "project-owner"
    PROJECT_LEADER = "project-leader"
    COORDINATOR = "coordinator"
    SUBPROJECT_LEADER = "subproject-leader"
    CHAIR = "chair"
    MEMBER = "member"
    SECRETARY = "secretary"
    UNION_REPRESENTATIVE = "union-representative"
    """Tillitsvalgt."""
    SAFETY_REPRESENTATIVE = "safety-representative"
    """Verneombud."""
    CASE_OFFICER = "case-officer"
    """Saksbehandler."""
    CASE_RESPONSIBLE = "case-responsible"
    """Saksansvarlig."""
    ADVISER = "adviser"
    OTHER = "other"


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
    person: str | None = attrs.field(default=None, validator=check_optional_id)
    holder: str | None = None
    organisation: str | None = attrs.field(default=None, validator=check_optional_id)
    body: str | None = attrs.field(default=None, validator=check_optional_id)
    subproject: str | None = attrs.field(default=None, validator=check_optional_id)
    start: PartialDate | None = None
    end: PartialDate | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.person is None and not (self.holder and self.holder.strip()):
            msg = "a role needs a person or a holder description"
            raise ValueError(msg)
        if ends_before_start(self.start, self.end):
            msg = f"ends ({self.end}) before it starts ({self.start})"
            raise ValueError(msg)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Participant:
    """An organisation taking part in the programme (a deltakerkommune).

    ``local_name`` is what the participant calls its own part ("Handlingsrom 2007");
    ``reporting_practice`` says how it reports today.

    .. versionadded:: 0.1
    """

    organisation: str = attrs.field(validator=check_id)
    local_name: str | None = None
    joined: PartialDate | None = None
    left: PartialDate | None = None
    reporting_practice: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Stakeholder:
    """An organisation with a stake in the programme that is not a participant.

    .. versionadded:: 0.1
    """

    organisation: str = attrs.field(validator=check_id)
    role: str | None = None
    note: str | None = None

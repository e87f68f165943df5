"""The domain model: what is true about a transformation programme.

Every type is an immutable attrs class, validated when it is constructed, with no I/O
and no formatting. A :class:`Programme` checks on construction that its ids are unique
and its references resolve; :meth:`Programme.replace`, :meth:`Programme.with_item`
and their kin make a changed copy, checked the same way.

A constructor takes each field's own type, and besides it only the field's *written
form*, the way a programme file writes the value, which it converts:

- a :class:`PartialDate` or a :class:`Period` as text: ``"2019-06"``, ``"2004-H1"``;
- :class:`Money` as text (``"35 000 000 kr"``, ``"1200 EUR"``) or as an ``int`` or a
  :class:`~decimal.Decimal` in NOK;
- a :class:`~decimal.Decimal` as an ``int`` or text (``"0.9"``), never as a
  ``float``, which is not exact;
- an enum member as its value: ``"green"`` for :attr:`Rag.GREEN`;
- a tuple as a list, each item taken by the same rule.

Text is a ``str`` (a ``str`` subclass, such as an enum member, is stored as plain
text), a whole number an ``int`` and never a ``bool``, true or false a ``bool``, a
nested object an instance of its class; a field of several types (``after`` of a
:class:`Change`) takes an instance of one of them, as it is. Anything else raises
:class:`FieldError` with code ``"type"``, naming the field::

    >>> Milestone(id="m1", title="Ferdig", done="yes")
    Traceback (most recent call last):
    omstilling.errors.FieldError: done: expected true or false, got str: 'yes'

Every number has bounds, so that whatever a programme holds can be written out in
full: a whole number (a priority, a count, a phase's or a case's number) lies within
1 (0 for a count that may be none) and :data:`MAX_INTEGER` (10**9); a year within
1000 and 9999, a month, a day or a period's number within its calendar; a decimal
and an amount of money within ±1E+30 with at most 30 decimals
(:data:`MAX_EXPONENT`; money at most two). A value out of bounds raises
:class:`FieldError` naming the field.
"""

from ..errors import FieldError, InvalidProgramme, Problem
from ._decisions import (
    CaseReference,
    Decision,
    DecisionItem,
    DecisionKind,
    DecisionSubitem,
    Dissent,
    FollowUp,
    FollowUpStatus,
)
from ._economy import BudgetKind, BudgetLine, cost_shares
from ._governance import Body, BodyKind, Participant, Role, RoleAssignment, Stakeholder
from ._integrity import reference_problems
from ._measures import EconomicEffect, Indicator, IndicatorValue, Measure, StaffingEffect
from ._organisation import (
    Membership,
    Municipality,
    MunicipalityNumber,
    Office,
    OfficeKind,
    Organisation,
    OrganisationKind,
    Person,
)
from ._plans import (
    Activity,
    AreaKind,
    Goal,
    GoalKind,
    Milestone,
    Phase,
    ProjectArea,
    Subproject,
    WorkStatus,
)
from ._programme import Programme
from ._queries import (
    Change,
    ChangeKind,
    changes_since,
    done_by,
    event_in,
    holder,
    measures_of,
    milestones_of,
    of_participant,
    owner_of,
    rag_of,
    total,
)
from ._reporting import (
    DEFAULT_DIMENSIONS,
    Deliverable,
    DimensionStatus,
    Document,
    DocumentKind,
    Evaluation,
    Event,
    EventKind,
    Lesson,
    LessonKind,
    StatusEntry,
)
from ._steering import (
    SCORE_SCALE,
    Benefit,
    BenefitKind,
    Deviation,
    DeviationKind,
    MitigationAction,
    Risk,
    RiskAssessment,
    RiskStatus,
)
from ._time import Cadence, DateRange, PartialDate, Period, PeriodKind, latest_as_of
from ._values import (
    ID_PATTERN,
    MAX_EXPONENT,
    MAX_INTEGER,
    Language,
    Money,
    Rag,
    organisation_number_is_valid,
)

__all__ = [
    "DEFAULT_DIMENSIONS",
    "ID_PATTERN",
    "MAX_EXPONENT",
    "MAX_INTEGER",
    "SCORE_SCALE",
    "Activity",
    "AreaKind",
    "Benefit",
    "BenefitKind",
    "Body",
    "BodyKind",
    "BudgetKind",
    "BudgetLine",
    "Cadence",
    "CaseReference",
    "Change",
    "ChangeKind",
    "DateRange",
    "Decision",
    "DecisionItem",
    "DecisionKind",
    "DecisionSubitem",
    "Deliverable",
    "Deviation",
    "DeviationKind",
    "DimensionStatus",
    "Dissent",
    "Document",
    "DocumentKind",
    "EconomicEffect",
    "Evaluation",
    "Event",
    "EventKind",
    "FieldError",
    "FollowUp",
    "FollowUpStatus",
    "Goal",
    "GoalKind",
    "Indicator",
    "IndicatorValue",
    "InvalidProgramme",
    "Language",
    "Lesson",
    "LessonKind",
    "Measure",
    "Membership",
    "Milestone",
    "MitigationAction",
    "Money",
    "Municipality",
    "MunicipalityNumber",
    "Office",
    "OfficeKind",
    "Organisation",
    "OrganisationKind",
    "PartialDate",
    "Participant",
    "Period",
    "PeriodKind",
    "Person",
    "Phase",
    "Problem",
    "Programme",
    "ProjectArea",
    "Rag",
    "Risk",
    "RiskAssessment",
    "RiskStatus",
    "Role",
    "RoleAssignment",
    "StaffingEffect",
    "Stakeholder",
    "StatusEntry",
    "Subproject",
    "WorkStatus",
    "changes_since",
    "cost_shares",
    "done_by",
    "event_in",
    "holder",
    "latest_as_of",
    "measures_of",
    "milestones_of",
    "of_participant",
    "organisation_number_is_valid",
    "owner_of",
    "rag_of",
    "reference_problems",
    "total",
]

"""What is reported: events, status per participant and period, the evaluation,
documents and lessons."""

from __future__ import annotations

import enum

import attrs

from .._messages import _
from ._decisions import CaseReference
from ._time import PartialDate, Period, ends_before_start
from ._typed import typed_fields
from ._values import (
    Rag,
    check_id,
    check_ids,
    check_not_negative,
    check_optional_id,
    check_positive,
    check_text,
)


class EventKind(enum.StrEnum):
    """What kind of event an :class:`Event` is.

    .. versionadded:: 0.1
    """

    VISIT = "visit"
    """A visit, e.g. the ministry visiting a participant."""
    JOINT_GATHERING = "joint-gathering"
    """A fellessamling of all participants."""
    MEETING = "meeting"
    """Møte."""
    SEMINAR = "seminar"
    """A seminar, theme day or kick-off."""
    OTHER = "other"
    """Any other event."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Event:
    """A visit, joint gathering, meeting or seminar.

    ``participants`` are the programme participants the event concerns (the
    municipality visited); ``organisations`` and ``people`` are who attended.
    ``count`` says how many meetings one entry stands for ("7 gruppemøter").

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    """The event's id."""
    kind: EventKind
    """What kind of event it is."""
    title: str = attrs.field(validator=check_text)
    """What it is called."""
    start: PartialDate | None = None
    """When it started (or the day it was held)."""
    end: PartialDate | None = None
    """When it ended, for an event of several days."""
    when: str | None = None
    """When, in the source's own words ("våren 2004")."""
    period: Period | None = None
    """The reporting period it belongs to."""
    place: str | None = None
    """Where it was held."""
    participants: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    """The participants it concerns (the municipality visited)."""
    organisations: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    """Organisations that attended."""
    people: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    """People who attended."""
    audience: str | None = None
    """Who it was for, in words."""
    focus: tuple[str, ...] = ()
    """Its topics (tema)."""
    description: str | None = None
    """What happened."""
    count: int | None = attrs.field(default=None, validator=check_positive)
    """How many meetings the entry stands for ("7 gruppemøter")."""

    def __attrs_post_init__(self) -> None:
        if ends_before_start(self.start, self.end):
            msg = _("ends ({end}) before it starts ({start})").format(
                end=self.end, start=self.start
            )
            raise ValueError(msg)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class DimensionStatus:
    """The RAG status of one dimension (progress, economy, quality, risk …).

    .. versionadded:: 0.1
    """

    dimension: str = attrs.field(validator=check_id)
    """The dimension rated."""
    rag: Rag
    """Its status."""
    comment: str | None = None
    """Why, in the participant's words."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class StatusEntry:
    """What one participant (or subproject) reported for one period.

    .. versionadded:: 0.1
    """

    period: Period
    """The period reported on."""
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    """The participant the entry is for."""
    subproject: str | None = attrs.field(default=None, validator=check_optional_id)
    """The subproject reported on, if the entry is for one."""
    reported_on: PartialDate | None = None
    """When the report was given."""
    source: str | None = None
    """Where the status comes from: a report, a meeting, a workbook."""
    overall: Rag | None = None
    """The overall status (samlet status)."""
    dimensions: tuple[DimensionStatus, ...] = ()
    """The status per dimension (progress, economy …)."""
    narrative: str | None = None
    """What the participant wrote about the period."""
    steering_group_meetings: int | None = attrs.field(default=None, validator=check_not_negative)
    """How many times the steering group met in the period."""
    next_steps: tuple[str, ...] = ()
    """What comes next (neste steg)."""
    risks: tuple[str, ...] = ()
    """Risks named in the report."""

    def __attrs_post_init__(self) -> None:
        if self.participant is None and self.subproject is None:
            msg = _("a status entry belongs to a participant or a subproject")
            raise ValueError(msg)
        dimensions = [d.dimension for d in self.dimensions]
        if len(set(dimensions)) != len(dimensions):
            msg = _("a dimension is given twice")
            raise ValueError(msg)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Deliverable:
    """A dated deliverable, e.g. of an external evaluation (nåsituasjonsbeskrivelse).

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    """The deliverable's id."""
    title: str = attrs.field(validator=check_text)
    """What is delivered ("Midtveisevaluering")."""
    due: PartialDate | None = None
    """When it is due."""
    due_text: str | None = None
    """When it is due, in the source's own words ("høsten 2005")."""
    delivered: PartialDate | None = None
    """When it was delivered."""
    note: str | None = None
    """Any remark."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Evaluation:
    """The programme's evaluation: who evaluates, why, and what they deliver when.

    .. versionadded:: 0.1
    """

    evaluators: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    """The organisations that evaluate the programme."""
    purpose: str | None = None
    """What the evaluation is to find out."""
    status: str | None = None
    """Where the evaluation stands, in words."""
    deliverables: tuple[Deliverable, ...] = ()
    """What the evaluators deliver, and when."""


class DocumentKind(enum.StrEnum):
    """What kind of document a :class:`Document` is.

    .. versionadded:: 0.1
    """

    CASE_DOCUMENT = "case-document"
    """Saksframlegg or delegated case."""
    MINUTES = "minutes"
    """Møtebok, protokoll."""
    REPORT = "report"
    """Rapport: a status, evaluation or final report."""
    PLAN = "plan"
    """Plan: a project plan or action plan."""
    AGREEMENT = "agreement"
    """Samarbeidsavtale."""
    STATUTES = "statutes"
    """Vedtekter."""
    LETTER = "letter"
    """Brev."""
    PRESENTATION = "presentation"
    """Presentasjon, lysark."""
    TOOL = "tool"
    """A form, template or checklist used in the work."""
    LAW = "law"
    """Lov or forskrift."""
    WEBSITE = "website"
    """Nettside: a link."""
    OTHER = "other"
    """Any other document."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Document:
    """A document or link belonging to the programme, with letter metadata where it
    has any (our and their reference, case officer, archive code).

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    """The document's title."""
    kind: DocumentKind = DocumentKind.OTHER
    """What kind of document it is."""
    date: PartialDate | None = None
    """Its date."""
    url: str | None = None
    """Where it can be read."""
    author: str | None = attrs.field(default=None, validator=check_optional_id)
    """The organisation that wrote or sent it."""
    recipient: str | None = attrs.field(default=None, validator=check_optional_id)
    """The organisation it was sent to."""
    copies_to: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    """The organisations that got copies (kopi til)."""
    signed_by: str | None = attrs.field(default=None, validator=check_optional_id)
    """Who signed it."""
    case_officer: str | None = attrs.field(default=None, validator=check_optional_id)
    """The case officer (saksbehandler)."""
    our_ref: CaseReference | None = None
    """The sender's reference (vår ref.)."""
    their_ref: CaseReference | None = None
    """The recipient's reference (deres ref.)."""
    received: PartialDate | None = None
    """When it was received."""
    received_ref: CaseReference | None = None
    """The reference it was received under."""
    summary: str | None = None
    """What it says, in short."""


class LessonKind(enum.StrEnum):
    """What a :class:`Lesson` records.

    .. versionadded:: 0.1
    """

    WORKED_WELL = "worked-well"
    """What worked well: a success factor."""
    CHALLENGE = "challenge"
    """What was hard: an utfordring."""
    ADVICE = "advice"
    """Advice to others who do the same."""
    FINDING = "finding"
    """A finding, of an evaluation for instance."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Lesson:
    """An experience worth passing on: what worked, what was hard, advice, findings.

    .. versionadded:: 0.1
    """

    kind: LessonKind
    """What the lesson records."""
    text: str = attrs.field(validator=check_text)
    """The lesson, in the programme's words."""


DEFAULT_DIMENSIONS = ("progress", "economy", "quality", "risk")
"""The status dimensions a programme reports on unless it names its own."""

"""What is reported: events, status per participant and period, the evaluation,
documents and lessons."""

from __future__ import annotations

import enum

import attrs

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
    SEMINAR = "seminar"
    """A seminar, theme day or kick-off."""
    OTHER = "other"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Event:
    """A visit, joint gathering, meeting or seminar.

    ``participants`` are the programme participants the event concerns (the
    municipality visited); ``organisations`` and ``people`` are who attended.
    ``count`` says how many meetings one entry stands for ("7 gruppemøter").

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    kind: EventKind
    title: str = attrs.field(validator=check_text)
    start: PartialDate | None = None
    end: PartialDate | None = None
    when: str | None = None
    period: Period | None = None
    place: str | None = None
    participants: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    organisations: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    people: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    audience: str | None = None
    focus: tuple[str, ...] = ()
    description: str | None = None
    count: int | None = attrs.field(default=None, validator=check_positive)

    def __attrs_post_init__(self) -> None:
        if ends_before_start(self.start, self.end):
            msg = f"ends ({self.end}) before it starts ({self.start})"
            raise ValueError(msg)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class DimensionStatus:
    """The RAG status of one dimension (progress, economy, quality, risk …).

    .. versionadded:: 0.1
    """

    dimension: str = attrs.field(validator=check_id)
    rag: Rag
    comment: str | None = None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class StatusEntry:
    """What one participant (or subproject) reported for one period.

    .. versionadded:: 0.1
    """

    period: Period
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    subproject: str | None = attrs.field(default=None, validator=check_optional_id)
    reported_on: PartialDate | None = None
    source: str | None = None
    overall: Rag | None = None
    dimensions: tuple[DimensionStatus, ...] = ()
    narrative: str | None = None
    steering_group_meetings: int | None = attrs.field(default=None, validator=check_not_negative)
    next_steps: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.participant is None and self.subproject is None:
            msg = "a status entry belongs to a participant or a subproject"
            raise ValueError(msg)
        dimensions = [d.dimension for d in self.dimensions]
        if len(set(dimensions)) != len(dimensions):
            msg = "a dimension is given twice"
            raise ValueError(msg)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Deliverable:
    """A dated deliverable, e.g. of an external evaluation (nåsituasjonsbeskrivelse).

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    due: PartialDate | None = None
    due_text: str | None = None
    delivered: PartialDate | None = None
    note: str | None = None


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Evaluation:
    """The programme's evaluation: who evaluates, why, and what they deliver when.

    .. versionadded:: 0.1
    """

    evaluators: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    purpose: str | None = None
    status: str | None = None
    deliverables: tuple[Deliverable, ...] = ()


class DocumentKind(enum.StrEnum):
    """What kind of document a :class:`Document` is.

    .. versionadded:: 0.1
    """

    CASE_DOCUMENT = "case-document"
    """Saksframlegg or delegated case."""
    MINUTES = "minutes"
    """Møtebok, protokoll."""
    REPORT = "report"
    PLAN = "plan"
    AGREEMENT = "agreement"
    """Samarbeidsavtale."""
    STATUTES = "statutes"
    """Vedtekter."""
    LETTER = "letter"
    PRESENTATION = "presentation"
    TOOL = "tool"
    """A form, template or checklist used in the work."""
    LAW = "law"
    WEBSITE = "website"
    OTHER = "other"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Document:
    """A document or link belonging to the programme, with letter metadata where it
    has any (our and their reference, case officer, archive code).

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_text)
    kind: DocumentKind = DocumentKind.OTHER
    date: PartialDate | None = None
    url: str | None = None
    author: str | None = attrs.field(default=None, validator=check_optional_id)
    recipient: str | None = attrs.field(default=None, validator=check_optional_id)
    copies_to: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    signed_by: str | None = attrs.field(default=None, validator=check_optional_id)
    case_officer: str | None = attrs.field(default=None, validator=check_optional_id)
    our_ref: CaseReference | None = None
    their_ref: CaseReference | None = None
    received: PartialDate | None = None
    received_ref: CaseReference | None = None
    summary: str | None = None


class LessonKind(enum.StrEnum):
    """What a :class:`Lesson` records.

    .. versionadded:: 0.1
    """

    WORKED_WELL = "worked-well"
    CHALLENGE = "challenge"
    ADVICE = "advice"
    FINDING = "finding"


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Lesson:
    """An experience worth passing on: what worked, what was hard, advice, findings.

    .. versionadded:: 0.1
    """

    kind: LessonKind
    text: str = attrs.field(validator=check_text)


DEFAULT_DIMENSIONS = ("progress", "economy", "quality", "risk")
"""The status dimensions a programme reports on unless it names its own."""

"""Decisions: case references (Noark 5), decision items, dissent and the decision
itself."""

from __future__ import annotations

import enum
import re
from typing import Self

import attrs

from .._messages import _
from ._time import PartialDate, Period, latest_as_of
from ._typed import typed_fields
from ._values import check_id, check_ids, check_optional_id, check_positive, check_text

_CASE_NUMBER_RE = re.compile(r"^([0-9]{2}|[0-9]{4})/([0-9]+)(?:-([0-9]+))?$")
_NOARK4_RE = re.compile(r"^([0-9]{4})([0-9]{5,6})(?:-([0-9]+))?$")
_MEETING_CASE_RE = re.compile(
    r"^(?:([A-ZÆØÅ][A-Za-zÆØÅæøå]*)[- ]sak\s+)?([0-9]+)/([0-9]{2}|[0-9]{4})$"
)


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        return 2000 + year if year < 50 else 1900 + year
    return year


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class CaseReference:
    """A case reference in Noark 5 terms, with the raw text it was read from.

    - ``case_year``/``case_sequence``/``document_number``: the archive case
      (saksnummer) "12/1728" or "200600696-2" (document 2 of case 2006/696);
    - ``meeting_body``/``meeting_case_number``/``meeting_case_year``: the case in a
      body's meeting (utvalgssak) "KST-sak 139/12";
    - ``archive_code``: the classification (arkivkode) "K1-034".

    .. versionadded:: 0.1
    """

    raw: str | None = None
    """The reference as the document writes it ("KST-sak 139/12")."""
    case_year: int | None = None
    case_sequence: int | None = attrs.field(default=None, validator=check_positive)
    document_number: int | None = attrs.field(default=None, validator=check_positive)
    meeting_body: str | None = None
    meeting_case_number: int | None = attrs.field(default=None, validator=check_positive)
    meeting_case_year: int | None = None
    archive_code: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.case_year is None) != (self.case_sequence is None):
            msg = _("case_year and case_sequence go together")
            raise ValueError(msg)
        if (self.meeting_case_number is None) != (self.meeting_case_year is None):
            msg = _("meeting_case_number and meeting_case_year go together")
            raise ValueError(msg)
        if self.document_number is not None and self.case_sequence is None:
            msg = _("a document number needs a case number")
            raise ValueError(msg)
        for year in (self.case_year, self.meeting_case_year):
            if year is not None and not 1900 <= year <= 2999:
                msg = _("not a year: {value}").format(value=year)
                raise ValueError(msg)
        if all(
            v is None
            for v in (self.raw, self.case_sequence, self.meeting_case_number, self.archive_code)
        ):
            msg = _(
                "a case reference needs a case number, a meeting case, an archive code or raw text"
            )
            raise ValueError(msg)

    @classmethod
    def parse_case_number(cls, text: str, *, archive_code: str | None = None) -> Self:
        """Parse an archive case number: ``"12/1728"``, ``"2012/1728-3"`` or the older
        run-together form ``"200600696-2"``."""
        stripped = text.strip()
        match = _CASE_NUMBER_RE.match(stripped) or _NOARK4_RE.match(stripped)
        if match is None:
            msg = _("not a case number (12/1728, 2012/1728-3, 200600696-2): {value}")
            msg = msg.format(value=repr(text))
            raise ValueError(msg)
        year, sequence, document = match.groups()
        return cls(
            raw=stripped,
            case_year=_full_year(year),
            case_sequence=int(sequence),
            document_number=None if document is None else int(document),
            archive_code=archive_code,
        )

    @classmethod
    def parse_meeting_case(cls, text: str) -> Self:
        """Parse a meeting case: ``"KST-sak 139/12"`` or ``"139/12"``."""
        stripped = text.strip()
        match = _MEETING_CASE_RE.match(stripped)
        if match is None:
            msg = _("not a meeting case (KST-sak 139/12): {value}").format(value=repr(text))
            raise ValueError(msg)
        body, number, year = match.groups()
        return cls(
            raw=stripped,
            meeting_body=body,
            meeting_case_number=int(number),
            meeting_case_year=_full_year(year),
        )

    @property
    def case_number(self) -> str | None:
        """The archive case number written the Noark 5 way: ``"2012/1728"``."""
        if self.case_year is None or self.case_sequence is None:
            return None
        number = f"{self.case_year}/{self.case_sequence}"
        if self.document_number is not None:
            number += f"-{self.document_number}"
        return number

    @property
    def meeting_case(self) -> str | None:
        """The meeting case written the usual way: ``"KST-sak 139/12"``."""
        if self.meeting_case_number is None or self.meeting_case_year is None:
            return None
        case = f"{self.meeting_case_number}/{self.meeting_case_year % 100:02d}"
        return f"{self.meeting_body}-sak {case}" if self.meeting_body else case


class DecisionKind(enum.StrEnum):
    """How a decision was made, or what a decision item does.

    .. versionadded:: 0.1
    """

    POLITICAL = "political"
    """Decided by an elected body."""
    DELEGATED = "delegated"
    """Decided by the administration on delegated authority (delegert sak)."""
    ADMINISTRATIVE = "administrative"
    """Decided by the administration within its own authority."""
    RECOMMENDATION = "recommendation"
    """A recommendation (innstilling, anbefaling), e.g. from a steering group."""
    NOTED = "noted"
    """Taken note of ("tas til orientering")."""
    CONSIDERED = "considered"
    """Considered or discussed by a body without a decision of its own ("behandlet")."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class DecisionSubitem:
    """A lettered point inside a numbered decision item (14 a, b, c).

    .. versionadded:: 0.1
    """

    label: str = attrs.field(validator=check_text)
    """The sub-item's label: ``a``, ``i``."""
    text: str = attrs.field(validator=check_text)
    """What the sub-item says."""


class FollowUpStatus(enum.StrEnum):
    """How far a decision item has been followed up (vedtaksoppfølging).

    .. versionadded:: 0.2
    """

    NOT_STARTED = "not-started"
    """Ikke startet."""
    IN_PROGRESS = "in-progress"
    """Under arbeid."""
    DONE = "done"
    """Utført."""
    NOT_TO_BE_DONE = "not-to-be-done"
    """Skal ikke utføres: overtaken, or decided otherwise later."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class FollowUp:
    """Where the follow-up of a decision item stood in one period, as its responsible
    reported it.

    .. versionadded:: 0.2
    """

    period: Period
    """The period reported on."""
    status: FollowUpStatus
    """How far it has come."""
    comment: str | None = None
    """What was done, or why not."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class DecisionItem:
    """One item of a decision: a) to j), or 1 to 7 within a group ("Vedtak oppvekst").

    ``measures`` and ``milestones`` name what follows the item up.

    .. versionadded:: 0.1
    """

    label: str = attrs.field(validator=check_text)
    """The item's label as the decision writes it: ``a)``, ``1``."""
    text: str = attrs.field(validator=check_text)
    """What the item decides."""
    group: str | None = None
    """The group the item is numbered within ("Vedtak oppvekst")."""
    kind: DecisionKind | None = None
    """Its kind, where it differs from the decision's."""
    subitems: tuple[DecisionSubitem, ...] = ()
    """Lettered sub-items."""
    measures: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    """The measures that follow the item up."""
    milestones: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    """The milestones that follow the item up."""
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    """The participant that follows the item up and reports on it.

    .. versionadded:: 0.2
    """
    responsible: str | None = None
    """Who follows it up, as the source writes it: a name, a role or a unit.

    .. versionadded:: 0.2
    """
    due: PartialDate | None = None
    """When it is to be done.

    .. versionadded:: 0.2
    """
    follow_up: tuple[FollowUp, ...] = ()
    """Its follow-up status per period; one per period.

    .. versionadded:: 0.2
    """

    def __attrs_post_init__(self) -> None:
        periods = [f.period for f in self.follow_up]
        if len(set(periods)) != len(periods):
            msg = _("the follow-up of a decision item is given twice for the same period")
            raise ValueError(msg)

    def follow_up_in(self, period: Period) -> FollowUp | None:
        """The latest follow-up reported in or before ``period``."""
        return latest_as_of(self.follow_up, period)


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Dissent:
    """A dissent (dissens): who, in what role and for which organisation, and what it concerns.

    .. versionadded:: 0.1
    """

    by: str = attrs.field(validator=check_text)
    """Who dissented, as the minutes write it."""
    concerning: str = attrs.field(validator=check_text)
    """What the dissent is about."""
    person: str | None = attrs.field(default=None, validator=check_optional_id)
    """The person who dissented, if the programme has them."""
    role: str | None = None
    """In what role they dissented (tillitsvalgt, representant)."""
    organisation: str | None = attrs.field(default=None, validator=check_optional_id)
    """The organisation they dissented for."""
    items: tuple[str, ...] = ()
    """The labels of the items the dissent concerns."""


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Decision:
    """A decision by a body, with its case reference, items and dissents.

    ``text`` is the decision's own preamble; ``referred_to`` is the body a delegated
    decision is reported to.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    """The decision's id."""
    title: str = attrs.field(validator=check_text)
    """What the decision is about (sakstittel)."""
    body: str = attrs.field(validator=check_id)
    """The body that made it: a council, a committee, the administration."""
    joint_bodies: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    """Other bodies that made the same decision in the same words (likelydende vedtak:
    each council of a merger, say); :attr:`bodies` gives them all.

    .. versionadded:: 0.2
    """
    kind: DecisionKind
    """What kind of decision it is."""
    date: PartialDate | None = None
    """When it was made."""
    case: CaseReference | None = None
    """Its case reference (saksnummer, utvalgssak, arkivkode)."""
    text: str | None = None
    """The decision's text where it is not split into items."""
    items: tuple[DecisionItem, ...] = ()
    """Its items, a) to j) or numbered within groups."""
    dissents: tuple[Dissent, ...] = ()
    """Dissents recorded with it (dissens)."""
    referred_to: str | None = attrs.field(default=None, validator=check_optional_id)
    """The body the case was sent on to, if any."""
    referred_on: PartialDate | None = None
    """When it was sent on."""
    participant: str | None = attrs.field(default=None, validator=check_optional_id)
    """The participant the decision was made for, if one."""
    documents: tuple[str, ...] = attrs.field(default=(), validator=check_ids)
    """The documents it rests on (saksdokumenter)."""
    note: str | None = None
    """Any remark."""

    def __attrs_post_init__(self) -> None:
        seen: set[tuple[str | None, str]] = set()
        for item in self.items:
            key = (item.group, item.label)
            if key in seen:
                msg = (
                    _("item label {label} is used twice in group {group}")
                    if item.group
                    else _("item label {label} is used twice")
                ).format(label=repr(item.label), group=repr(item.group))
                raise ValueError(msg)
            seen.add(key)
        labels = {item.label for item in self.items}
        for dissent in self.dissents:
            unknown = [label for label in dissent.items if label not in labels]
            if unknown:
                msg = _("a dissent names items the decision does not have: {items}").format(
                    items=", ".join(unknown)
                )
                raise ValueError(msg)
        if len(set(self.bodies)) != len(self.bodies):
            msg = _("a body is named twice among the bodies that made the decision")
            raise ValueError(msg)

    @property
    def bodies(self) -> tuple[str, ...]:
        """Every body that made the decision: :attr:`body` first, then the joint ones.

        .. versionadded:: 0.2
        """
        return (self.body, *self.joint_bodies)

    @property
    def groups(self) -> tuple[str | None, ...]:
        """The item groups in the order they first appear."""
        return tuple(dict.fromkeys(item.group for item in self.items))

"""The programme: everything it holds, checked as a whole when it is made."""

from __future__ import annotations

import functools
import typing
from typing import Any, TypeVar

import attrs

from ..errors import FieldError, NotInProgramme, Problem
from ._decisions import Decision
from ._economy import BudgetLine
from ._governance import Body, Participant, RoleAssignment, Stakeholder
from ._measures import Indicator, Measure
from ._organisation import Organisation, Person
from ._plans import Activity, Goal, Milestone, Phase, ProjectArea, Subproject
from ._reporting import DEFAULT_DIMENSIONS, Document, Evaluation, Event, Lesson, StatusEntry
from ._steering import Benefit, Deviation, Risk
from ._time import Cadence, DateRange, Period
from ._typed import typed_fields
from ._values import Language, check_id, check_ids, check_text


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class Programme:
    """A transformation programme (omstillingsprogram) and all it holds.

    Constructing a programme checks that every reference resolves and that ids are
    unique; violations raise :class:`~omstilling.model.InvalidProgramme` listing
    every problem with its path.

    A programme never changes. :meth:`replace`, :meth:`with_item` (and
    :meth:`with_milestone`), :meth:`adding` and :meth:`without` return a changed
    copy, checked as a whole like a new one::

        programme = programme.with_milestone("m1", done=True, done_on="2014-06")
        programme = programme.adding("lessons", Lesson(kind="advice", text="Start tidlig"))

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=check_id)
    """The programme's own id; batch and workbook file names begin with it."""
    name: str = attrs.field(validator=check_text)
    """The programme's name (Stifinneren, Omstilling 2012)."""
    owner: str = attrs.field(validator=check_id)
    """The organisation or the body that owns the programme (prosjekteier): a
    municipality, or a joint committee (fellesnemnd) of a merger."""
    language: Language = Language.NB
    """The language its reports are written in unless one is asked for."""
    description: str | None = None
    """What the programme is, in a few sentences."""
    background: str | None = None
    """Why the programme was started (bakgrunn)."""
    mandate: str | None = None
    """The programme's mandate (mandat), as given."""
    target_group: str | None = None
    """Whom the programme is for (målgruppe)."""
    period: DateRange | None = None
    """When the programme runs."""
    cadence: Cadence | None = None
    """How often it reports: the periods status is given for."""
    status_dimensions: tuple[str, ...] = attrs.field(
        default=DEFAULT_DIMENSIONS, validator=check_ids
    )
    """What each status entry rates besides the overall status."""
    organisations: tuple[Organisation, ...] = ()
    """Every organisation the programme refers to."""
    people: tuple[Person, ...] = ()
    """Every person the programme refers to."""
    participants: tuple[Participant, ...] = ()
    """The participating organisations (deltakerkommuner, bydeler)."""
    stakeholders: tuple[Stakeholder, ...] = ()
    """Organisations with an interest that do not take part."""
    bodies: tuple[Body, ...] = ()
    """Councils, steering groups, project groups and other bodies."""
    roles: tuple[RoleAssignment, ...] = ()
    """Who held which role, in which body or subproject, and when."""
    phases: tuple[Phase, ...] = ()
    """The programme's phases, in order."""
    project_areas: tuple[ProjectArea, ...] = ()
    """Project areas (prosjektområder) and focus areas (innsatsområder)."""
    goals: tuple[Goal, ...] = ()
    """Main, effect, work and result goals."""
    subprojects: tuple[Subproject, ...] = ()
    """The subprojects (delprosjekter)."""
    milestones: tuple[Milestone, ...] = ()
    """The milestone plan (milepælsplan)."""
    activities: tuple[Activity, ...] = ()
    """The progress plan (fremdriftsplan)."""
    decisions: tuple[Decision, ...] = ()
    """The decision register (vedtak)."""
    measures: tuple[Measure, ...] = ()
    """The measures (tiltak) with their economic and staffing effects."""
    indicators: tuple[Indicator, ...] = ()
    """Indicators with baseline, target and values per period."""
    events: tuple[Event, ...] = ()
    """Visits, joint gatherings, meetings and seminars."""
    status_entries: tuple[StatusEntry, ...] = ()
    """What each participant or subproject reported for each period."""
    risks: tuple[Risk, ...] = ()
    """The risk register (risikoregister).

    .. versionadded:: 0.2
    """
    deviations: tuple[Deviation, ...] = ()
    """Deviations from the plan (avvik), open and closed.

    .. versionadded:: 0.2
    """
    benefits: tuple[Benefit, ...] = ()
    """The benefits to realise (gevinster), measured by their indicators.

    .. versionadded:: 0.2
    """
    economy: tuple[BudgetLine, ...] = ()
    """The programme's own budget, costs and grants, per period.

    .. versionadded:: 0.2
    """
    evaluation: Evaluation | None = None
    """The programme's evaluation and its deliverables."""
    documents: tuple[Document, ...] = ()
    """Documents and links that belong to the programme."""
    success_factors: tuple[str, ...] = ()
    """What made the programme succeed, as its reports name them."""
    lessons: tuple[Lesson, ...] = ()
    """Lessons learnt (erfaringer)."""
    legal_basis: tuple[str, ...] = ()
    """The laws and regulations the programme rests on."""

    def __attrs_post_init__(self) -> None:
        from ._integrity import InvalidProgramme, reference_problems

        problems = reference_problems(self)
        if problems:
            raise InvalidProgramme(problems)

    def replace(self, **changes: Any) -> Programme:
        """This programme with the fields named in ``changes`` set to new values:
        ``programme.replace(name="Omstilling 2013", cadence="tertial")``.

        The values are taken as the constructor takes them (written forms included),
        and the new programme is checked as a whole: a wrong value raises
        :class:`~omstilling.errors.FieldError`, a broken reference
        :class:`~omstilling.model.InvalidProgramme`, and a name that is not a field
        :class:`~omstilling.errors.FieldError` with code ``unknown-key``.

        .. versionadded:: 0.1
        """
        return _evolve(self, changes)

    def with_item(self, collection: str, item_id: str, **changes: Any) -> Programme:
        """This programme with one item of ``collection`` changed: the one whose id is
        ``item_id`` (whose ``organisation``, in ``participants`` and
        ``stakeholders``) gets the fields in ``changes``, as :meth:`replace` sets them::

            programme.with_item("subprojects", "s1", status="completed")
            programme.with_item("participants", "alna", local_name="Handlingsrom 2007")

        ``collection`` is a field of the programme holding objects with an id
        (``milestones``, ``subprojects``, ``measures``, ``decisions`` …). An id the
        collection does not hold raises :class:`~omstilling.errors.NotInProgramme`
        naming it.

        .. versionadded:: 0.1
        """
        items, key = self._keyed(collection)
        index = _index_of(items, key, item_id, collection)
        changed = _evolve(items[index], changes)
        return self.replace(**{collection: (*items[:index], changed, *items[index + 1 :])})

    def with_milestone(self, milestone_id: str, **changes: Any) -> Programme:
        """This programme with the milestone ``milestone_id`` changed:
        ``programme.with_milestone("m1", done=True)``. The same as
        ``with_item("milestones", milestone_id, **changes)``.

        .. versionadded:: 0.1
        """
        return self.with_item("milestones", milestone_id, **changes)

    def adding(self, collection: str, *items: Any) -> Programme:
        """This programme with ``items`` added at the end of ``collection``, any field
        of the programme that holds several things: ``programme.adding("milestones",
        Milestone(id="m9", title="Evaluert"))``, ``programme.adding("success_factors",
        "Forankring i ledelsen")``.

        .. versionadded:: 0.1
        """
        return self.replace(**{collection: (*self._collection(collection), *items)})

    def without(self, collection: str, item_id: str) -> Programme:
        """This programme without the item of ``collection`` whose id is ``item_id``
        (see :meth:`with_item`). What still refers to it makes the programme invalid:
        remove a subproject's milestones before the subproject, or the programme
        raises :class:`~omstilling.model.InvalidProgramme` naming each reference.

        .. versionadded:: 0.1
        """
        items, key = self._keyed(collection)
        index = _index_of(items, key, item_id, collection)
        return self.replace(**{collection: (*items[:index], *items[index + 1 :])})

    def _collection(self, collection: str) -> tuple[Any, ...]:
        if collection not in _COLLECTIONS:
            msg = f"not a collection of a programme (one of {', '.join(_COLLECTIONS)})"
            raise FieldError(collection, msg, "unknown-key")
        items: tuple[Any, ...] = getattr(self, collection)
        return items

    def _keyed(self, collection: str) -> tuple[tuple[Any, ...], str]:
        items = self._collection(collection)
        key = _key(collection)
        if key not in _COLLECTIONS[collection]:
            keyed = ", ".join(name for name, fields in _COLLECTIONS.items() if _key(name) in fields)
            msg = f"its items have no id (the items of {keyed} have)"
            raise FieldError(collection, msg, "unknown-key")
        return items, key

    def organisation(self, organisation_id: str) -> Organisation:
        """The organisation with id ``organisation_id`` (:class:`KeyError` if none)."""
        return self._organisations[organisation_id]

    def name_of(self, party: str | None) -> str | None:
        """The name of the organisation, body or person with id ``party`` (in that
        order of precedence); ``None`` for none, or for an id the programme does not
        know. What an owner, an author or a signatory is called in a report.

        .. versionadded:: 0.2
        """
        if party is None:
            return None
        found = self._organisations.get(party)
        if found is not None:
            return found.name
        for body in self.bodies:
            if body.id == party:
                return body.name
        for person in self.people:
            if person.id == party:
                return person.name
        return None

    @functools.cached_property
    def _organisations(self) -> dict[str, Organisation]:
        """The organisations by id, made once per programme: reports name an
        organisation for every row."""
        return {organisation.id: organisation for organisation in self.organisations}

    def status_for(self, participant: str, period: Period) -> StatusEntry | None:
        """The participant's own status entry for ``period``, if it has reported."""
        return self._own_status.get((participant, period))

    @functools.cached_property
    def _own_status(self) -> dict[tuple[str | None, Period], StatusEntry]:
        """Each participant's own status entries by (participant, period), made once
        per programme: reports ask for every participant in every period."""
        index: dict[tuple[str | None, Period], StatusEntry] = {}
        for entry in self.status_entries:
            if entry.subproject is None:
                index.setdefault((entry.participant, entry.period), entry)
        return index


_A = TypeVar("_A", bound=attrs.AttrsInstance)

_KEYS = {"participants": "organisation", "stakeholders": "organisation"}
"""The field that identifies an item of a collection, where it is not ``id``."""


def _key(collection: str) -> str:
    return _KEYS.get(collection, "id")


def _collections() -> dict[str, frozenset[str]]:
    found = {}
    for name, hint in typing.get_type_hints(Programme).items():
        if typing.get_origin(hint) is tuple:
            item = typing.get_args(hint)[0]
            fields = attrs.fields(item) if attrs.has(item) else ()
            found[name] = frozenset(field.name for field in fields)
    return found


_COLLECTIONS = _collections()
"""Every field of a programme that holds several things, with the fields of its
items (none for text)."""


def _evolve(instance: _A, changes: dict[str, Any]) -> _A:
    """``attrs.evolve``, with a name that is not a field refused as a problem."""
    names = {field.name for field in attrs.fields(type(instance))}
    for name in changes:
        if name not in names:
            msg = f"{type(instance).__name__} has no field {name!r}"
            raise FieldError(name, msg, "unknown-key")
    evolved: _A = attrs.evolve(typing.cast(Any, instance), **changes)
    return evolved


def _index_of(items: tuple[Any, ...], key: str, item_id: str, collection: str) -> int:
    for index, item in enumerate(items):
        if getattr(item, key) == item_id:
            return index
    known = [str(getattr(item, key)) for item in items]
    shown = ", ".join(known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "")
    message = f"no item with {key} {item_id!r} (it has: {shown or 'none'})"
    raise NotInProgramme([Problem(collection, message, "reference")])

"""Cross-reference integrity of a programme: ids are unique, references resolve.

Every check is linear in the size of the programme (the one exception: the parents
of an organisation whose id is used twice, itself an error, are walked one by one).
A programme is loaded far more
often than it is wrong, so each rule first asks, with set operations over all items
at once, whether anything can be wrong at all; only if so does it walk the items one
by one to say where. Both ways apply the same rule, and the walk reports the
problems in the order of the programme.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence, Set
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from .._messages import N_, _
from ..errors import InvalidProgramme, Problem

if TYPE_CHECKING:
    from ._programme import Programme

__all__ = ["InvalidProgramme", "Problem", "reference_problems"]

_T = TypeVar("_T")

_WHAT = (
    N_("id"),
    N_("dimension"),
    N_("participant"),
    N_("stakeholder"),
    N_("status for (participant, subproject, period)"),
    N_("organisation"),
    N_("person"),
    N_("subproject"),
    N_("phase"),
    N_("project area"),
    N_("body"),
    N_("indicator"),
    N_("goal"),
    N_("document"),
    N_("measure"),
    N_("milestone"),
    N_("decision"),
    N_("status dimension"),
    N_("organisation or body"),
    N_("organisation or person"),
)
"""The words the checks below name things with, translated where a message is made."""


class _Ref(NamedTuple):
    """The field ``name`` of an item refers to one of ``known`` (a ``what``); with
    ``many``, the field is a tuple of such references."""

    name: str
    known: Set[str]
    what: str
    many: bool = False


class _Each(NamedTuple):
    """The field ``name`` of an item is a tuple of objects, each checked by ``refs``."""

    name: str
    refs: tuple[_Ref | _Each, ...]


def _values(items: Iterable[Any], rule: _Ref | _Each) -> Iterable[Any]:
    """The values of ``rule``'s field in every item (its elements, where it is a tuple)."""
    values = map(attrgetter(rule.name), items)
    return chain.from_iterable(values) if isinstance(rule, _Each) or rule.many else values


def _all_known(items: Sequence[Any], rules: Iterable[_Ref | _Each]) -> bool:
    """Whether no item breaks any of ``rules``, checked in bulk."""
    for rule in rules:
        if isinstance(rule, _Each):
            if not _all_known(list(_values(items, rule)), rule.refs):
                return False
        else:
            values = set(_values(items, rule))
            values.discard(None)
            if not values <= rule.known:
                return False
    return True


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def unique(
        self,
        path: str,
        items: Sequence[_T],
        key: Callable[[_T], Hashable],
        what: str,
        shown: Callable[[Any], object] | None = None,
    ) -> None:
        """Every item's ``key`` is different; a repeat is reported as ``shown(key)``."""
        keys = list(map(key, items))
        if len(set(keys)) == len(keys):
            return
        seen: set[Hashable] = set()
        for index, value in enumerate(keys):
            if value in seen:
                text = value if shown is None else shown(value)
                self.problems.append(
                    Problem(
                        f"{path}[{index}]",
                        _("{what} {value} is used twice").format(what=_(what), value=repr(text)),
                        "duplicate",
                    )
                )
            seen.add(value)

    def ref(self, path: str, value: str | None, known: Set[str], what: str) -> None:
        if value is not None and value not in known:
            message = _("unknown {what} {value}").format(what=_(what), value=repr(value))
            self.problems.append(Problem(path, message, "reference"))

    def refs(self, path: str, items: Sequence[Any], rules: tuple[_Ref | _Each, ...]) -> None:
        """Every item of ``items`` (found at ``path``) keeps ``rules``."""
        if _all_known(items, rules):
            return
        for index, item in enumerate(items):
            at = f"{path}[{index}]"
            for rule in rules:
                value = getattr(item, rule.name)
                if isinstance(rule, _Each):
                    self.refs(f"{at}.{rule.name}", value, rule.refs)
                elif rule.many:
                    for inner, element in enumerate(value):
                        self.ref(f"{at}.{rule.name}[{inner}]", element, rule.known, rule.what)
                else:
                    self.ref(f"{at}.{rule.name}", value, rule.known, rule.what)

    def acyclic(self, path: str, items: Sequence[Any]) -> None:
        """No item is its own ancestor, nor has an ancestor that is (by ``parent``)."""
        parents = {item.id: item.parent for item in items}
        # the ids whose chain of parents ends (True) or runs in a circle (False)
        ends: dict[str, bool] = {}
        for start in parents:
            walked: dict[str, None] = {}  # in order, and quick to look up
            current: str | None = start
            while current is not None and current in parents and current not in ends:
                if current in walked:
                    break  # round in a circle: not in ``ends`` yet, so False below
                walked[current] = None
                current = parents[current]
            outcome = current is None or current not in parents or ends.get(current, False)
            ends.update(dict.fromkeys(walked, outcome))
        counts = Counter(item.id for item in items)
        repeated = {value for value, count in counts.items() if count > 1}
        for index, item in enumerate(items):
            if item.id in repeated:
                circular = self._circular(item, parents)
            else:
                circular = item.parent in parents and not ends[item.parent]
            if circular:
                self.problems.append(
                    Problem(f"{path}[{index}].parent", _("parents form a cycle"), "cycle")
                )

    @staticmethod
    def _circular(item: Any, parents: dict[str, str | None]) -> bool:
        """The walk for an item whose id is not unique, where ``parents`` may name
        another item's parent: does the chain from its own parent come back?"""
        seen_ids, current = {item.id}, item.parent
        while current is not None and current in parents:
            if current in seen_ids:
                return True
            seen_ids.add(current)
            current = parents[current]
        return False


def reference_problems(programme: Programme) -> list[Problem]:
    """Every duplicate id and broken reference in ``programme``."""
    p = programme
    c = _Checker()
    by_id = attrgetter("id")
    orgs = set(map(by_id, p.organisations))
    people = set(map(by_id, p.people))
    participants = set(map(attrgetter("organisation"), p.participants))
    bodies = set(map(by_id, p.bodies))
    phases = set(map(by_id, p.phases))
    areas = set(map(by_id, p.project_areas))
    goals = set(map(by_id, p.goals))
    subprojects = set(map(by_id, p.subprojects))
    milestones = set(map(by_id, p.milestones))
    decisions = set(map(by_id, p.decisions))
    measures = set(map(by_id, p.measures))
    indicators = set(map(by_id, p.indicators))
    documents = set(map(by_id, p.documents))
    dimensions = set(p.status_dimensions)

    c.unique("status_dimensions", p.status_dimensions, lambda x: x, "dimension")
    c.unique("organisations", p.organisations, by_id, "id")
    c.unique("people", p.people, by_id, "id")
    c.unique("participants", p.participants, attrgetter("organisation"), "participant")
    c.unique("stakeholders", p.stakeholders, attrgetter("organisation"), "stakeholder")
    c.unique("bodies", p.bodies, by_id, "id")
    c.unique("phases", p.phases, by_id, "id")
    c.unique("project_areas", p.project_areas, by_id, "id")
    c.unique("goals", p.goals, by_id, "id")
    c.unique("subprojects", p.subprojects, by_id, "id")
    c.unique("milestones", p.milestones, by_id, "id")
    c.unique("activities", p.activities, by_id, "id")
    c.unique("decisions", p.decisions, by_id, "id")
    c.unique("measures", p.measures, by_id, "id")
    c.unique("indicators", p.indicators, by_id, "id")
    c.unique("events", p.events, by_id, "id")
    c.unique(
        "status_entries",
        p.status_entries,
        # a period is equal to another exactly when its text is
        attrgetter("participant", "subproject", "period"),
        "status for (participant, subproject, period)",
        shown=lambda key: (key[0], key[1], str(key[2])),
    )
    c.unique("documents", p.documents, by_id, "id")
    c.unique("risks", p.risks, by_id, "id")
    c.unique("deviations", p.deviations, by_id, "id")
    c.unique("benefits", p.benefits, by_id, "id")
    # a budget line's id is optional: lines without one are never the same line
    c.unique(
        "economy",
        list(enumerate(p.economy)),
        lambda pair: pair[1].id if pair[1].id is not None else pair[0],
        "id",
    )

    organisation = _Ref("organisation", orgs, "organisation")
    person = _Ref("person", people, "person")
    participant = _Ref("participant", participants, "participant")
    subproject = _Ref("subproject", subprojects, "subproject")
    phase = _Ref("phase", phases, "phase")
    area = _Ref("area", areas, "project area")

    c.ref("owner", p.owner, orgs | bodies, "organisation or body")
    c.refs(
        "organisations",
        p.organisations,
        (
            _Ref("parent", orgs, "organisation"),
            _Ref("predecessors", orgs, "organisation", many=True),
            _Ref("successor", orgs, "organisation"),
            _Each("members", (organisation,)),
            _Each("offices", (_Ref("municipality", orgs, "organisation"),)),
        ),
    )
    c.acyclic("organisations", p.organisations)
    _successions_agree(c, p)
    c.refs("people", p.people, (organisation,))
    c.refs("participants", p.participants, (organisation,))
    c.refs("stakeholders", p.stakeholders, (organisation,))
    c.refs("bodies", p.bodies, (organisation,))
    c.refs(
        "roles",
        p.roles,
        (person, organisation, _Ref("body", bodies, "body"), subproject),
    )
    c.refs("project_areas", p.project_areas, (phase,))
    c.refs(
        "goals",
        p.goals,
        (area, phase, _Ref("indicator", indicators, "indicator")),
    )
    c.refs(
        "subprojects",
        p.subprojects,
        (
            area,
            _Ref("other_areas", areas, "project area", many=True),
            _Ref("parent", subprojects, "subproject"),
            participant,
            _Ref("leader", people, "person"),
            _Ref("group", bodies, "body"),
            _Ref("effect_goal", goals, "goal"),
        ),
    )
    c.acyclic("subprojects", p.subprojects)
    c.refs("milestones", p.milestones, (subproject, participant, phase))
    c.refs("activities", p.activities, (phase, subproject))
    c.refs(
        "decisions",
        p.decisions,
        (
            _Ref("body", bodies, "body"),
            _Ref("joint_bodies", bodies, "body", many=True),
            _Ref("referred_to", bodies, "body"),
            participant,
            _Ref("documents", documents, "document", many=True),
            _Each(
                "items",
                (
                    _Ref("measures", measures, "measure", many=True),
                    _Ref("milestones", milestones, "milestone", many=True),
                    participant,
                ),
            ),
            _Each("dissents", (person, organisation)),
        ),
    )
    c.refs(
        "measures",
        p.measures,
        (area, subproject, participant, phase, _Ref("decisions", decisions, "decision", many=True)),
    )
    c.refs("indicators", p.indicators, (participant,))
    c.refs(
        "events",
        p.events,
        (
            _Ref("participants", participants, "participant", many=True),
            _Ref("organisations", orgs, "organisation", many=True),
            _Ref("people", people, "person", many=True),
        ),
    )
    c.refs(
        "status_entries",
        p.status_entries,
        (
            participant,
            subproject,
            _Each("dimensions", (_Ref("dimension", dimensions, "status dimension"),)),
        ),
    )
    if p.evaluation is not None:
        for index, evaluator in enumerate(p.evaluation.evaluators):
            c.ref(f"evaluation.evaluators[{index}]", evaluator, orgs, "organisation")
        c.unique("evaluation.deliverables", p.evaluation.deliverables, by_id, "id")
    c.refs(
        "documents",
        p.documents,
        (
            _Ref("author", orgs | people, "organisation or person"),
            _Ref("recipient", orgs, "organisation"),
            _Ref("copies_to", orgs, "organisation", many=True),
            _Ref("signed_by", people, "person"),
            _Ref("case_officer", people, "person"),
        ),
    )
    c.refs("risks", p.risks, (participant, subproject))
    c.refs(
        "deviations",
        p.deviations,
        (participant, subproject, _Ref("milestone", milestones, "milestone")),
    )
    c.refs(
        "benefits",
        p.benefits,
        (
            _Ref("indicator", indicators, "indicator"),
            _Ref("measures", measures, "measure", many=True),
            _Ref("subprojects", subprojects, "subproject", many=True),
            participant,
        ),
    )
    c.refs(
        "economy",
        p.economy,
        (
            _Ref("organisation", orgs, "organisation"),
            participant,
            _Ref("grantor", orgs, "organisation"),
        ),
    )
    return c.problems


def _successions_agree(c: _Checker, p: Programme) -> None:
    """An organisation named among another's predecessors has that one as its
    successor, where it names one."""
    successors = {o.id: o.successor for o in p.organisations}
    for index, organisation in enumerate(p.organisations):
        for inner, old in enumerate(organisation.predecessors):
            named = successors.get(old)
            if named is not None and named != organisation.id:
                message = _("{old} names {named} as its successor, not {new}").format(
                    old=repr(old), named=repr(named), new=repr(organisation.id)
                )
                c.problems.append(
                    Problem(f"organisations[{index}].predecessors[{inner}]", message, "reference")
                )

"""Cross-reference integrity of a programme: ids are unique, references resolve."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

import attrs

if TYPE_CHECKING:
    from ._programme import Programme

__all__ = ["InvalidProgramme", "Problem", "reference_problems"]

_T = TypeVar("_T")


@attrs.frozen
class Problem:
    """One thing wrong with a programme, and where: ``path`` is written like
    ``subprojects[3].area`` (empty for the file as a whole).

    .. versionadded:: 0.1
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidProgramme(ValueError):
    """A programme whose references do not resolve or whose ids are not unique.

    ``problems`` lists every violation found, not just the first.

    .. versionadded:: 0.1
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def unique(
        self, path: str, items: Sequence[_T], key: Callable[[_T], Hashable], what: str
    ) -> None:
        seen: set[Hashable] = set()
        for index, item in enumerate(items):
            value = key(item)
            if value in seen:
                self.problems.append(Problem(f"{path}[{index}]", f"{what} {value!r} is used twice"))
            seen.add(value)

    def ref(self, path: str, value: str | None, known: set[str], what: str) -> None:
        if value is not None and value not in known:
            self.problems.append(Problem(path, f"unknown {what} {value!r}"))

    def refs(self, path: str, values: Iterable[str], known: set[str], what: str) -> None:
        for index, value in enumerate(values):
            self.ref(f"{path}[{index}]", value, known, what)


def reference_problems(programme: Programme) -> list[Problem]:
    """Every duplicate id and broken reference in ``programme``."""
    p = programme
    c = _Checker()
    orgs = {o.id for o in p.organisations}
    people = {x.id for x in p.people}
    participants = {x.organisation for x in p.participants}
    bodies = {x.id for x in p.bodies}
    phases = {x.id for x in p.phases}
    areas = {x.id for x in p.project_areas}
    goals = {x.id for x in p.goals}
    subprojects = {x.id for x in p.subprojects}
    milestones = {x.id for x in p.milestones}
    decisions = {x.id for x in p.decisions}
    measures = {x.id for x in p.measures}
    indicators = {x.id for x in p.indicators}
    documents = {x.id for x in p.documents}
    dimensions = set(p.status_dimensions)

    c.unique("status_dimensions", p.status_dimensions, lambda x: x, "dimension")
    c.unique("organisations", p.organisations, lambda x: x.id, "id")
    c.unique("people", p.people, lambda x: x.id, "id")
    c.unique("participants", p.participants, lambda x: x.organisation, "participant")
    c.unique("stakeholders", p.stakeholders, lambda x: x.organisation, "stakeholder")
    c.unique("bodies", p.bodies, lambda x: x.id, "id")
    c.unique("phases", p.phases, lambda x: x.id, "id")
    c.unique("project_areas", p.project_areas, lambda x: x.id, "id")
    c.unique("goals", p.goals, lambda x: x.id, "id")
    c.unique("subprojects", p.subprojects, lambda x: x.id, "id")
    c.unique("milestones", p.milestones, lambda x: x.id, "id")
    c.unique("activities", p.activities, lambda x: x.id, "id")
    c.unique("decisions", p.decisions, lambda x: x.id, "id")
    c.unique("measures", p.measures, lambda x: x.id, "id")
    c.unique("indicators", p.indicators, lambda x: x.id, "id")
    c.unique("events", p.events, lambda x: x.id, "id")
    c.unique(
        "status_entries",
        p.status_entries,
        lambda x: (x.participant, x.subproject, str(x.period)),
        "status for (participant, subproject, period)",
    )
    c.unique("documents", p.documents, lambda x: x.id, "id")

    c.ref("owner", p.owner, orgs, "organisation")
    for i, o in enumerate(p.organisations):
        at = f"organisations[{i}]"
        c.ref(f"{at}.parent", o.parent, orgs, "organisation")
        for j, m in enumerate(o.members):
            c.ref(f"{at}.members[{j}].organisation", m.organisation, orgs, "organisation")
        for j, office in enumerate(o.offices):
            c.ref(f"{at}.offices[{j}].municipality", office.municipality, orgs, "organisation")
    parents = {o.id: o.parent for o in p.organisations}
    for i, o in enumerate(p.organisations):
        seen_ids, current = {o.id}, o.parent
        while current is not None and current in parents:
            if current in seen_ids:
                c.problems.append(Problem(f"organisations[{i}].parent", "parents form a cycle"))
                break
            seen_ids.add(current)
            current = parents[current]
    for i, person in enumerate(p.people):
        c.ref(f"people[{i}].organisation", person.organisation, orgs, "organisation")
    for i, participant in enumerate(p.participants):
        c.ref(f"participants[{i}].organisation", participant.organisation, orgs, "organisation")
    for i, stakeholder in enumerate(p.stakeholders):
        c.ref(f"stakeholders[{i}].organisation", stakeholder.organisation, orgs, "organisation")
    for i, body in enumerate(p.bodies):
        c.ref(f"bodies[{i}].organisation", body.organisation, orgs, "organisation")
    for i, role in enumerate(p.roles):
        at = f"roles[{i}]"
        c.ref(f"{at}.person", role.person, people, "person")
        c.ref(f"{at}.organisation", role.organisation, orgs, "organisation")
        c.ref(f"{at}.body", role.body, bodies, "body")
        c.ref(f"{at}.subproject", role.subproject, subprojects, "subproject")
    for i, area in enumerate(p.project_areas):
        c.ref(f"project_areas[{i}].phase", area.phase, phases, "phase")
    for i, goal in enumerate(p.goals):
        c.ref(f"goals[{i}].area", goal.area, areas, "project area")
        c.ref(f"goals[{i}].phase", goal.phase, phases, "phase")
        c.ref(f"goals[{i}].indicator", goal.indicator, indicators, "indicator")
    for i, sub in enumerate(p.subprojects):
        at = f"subprojects[{i}]"
        c.ref(f"{at}.area", sub.area, areas, "project area")
        c.refs(f"{at}.other_areas", sub.other_areas, areas, "project area")
        c.ref(f"{at}.participant", sub.participant, participants, "participant")
        c.ref(f"{at}.leader", sub.leader, people, "person")
        c.ref(f"{at}.group", sub.group, bodies, "body")
        c.ref(f"{at}.effect_goal", sub.effect_goal, goals, "goal")
    for i, ms in enumerate(p.milestones):
        at = f"milestones[{i}]"
        c.ref(f"{at}.subproject", ms.subproject, subprojects, "subproject")
        c.ref(f"{at}.participant", ms.participant, participants, "participant")
        c.ref(f"{at}.phase", ms.phase, phases, "phase")
    for i, act in enumerate(p.activities):
        c.ref(f"activities[{i}].phase", act.phase, phases, "phase")
        c.ref(f"activities[{i}].subproject", act.subproject, subprojects, "subproject")
    for i, dec in enumerate(p.decisions):
        at = f"decisions[{i}]"
        c.ref(f"{at}.body", dec.body, bodies, "body")
        c.ref(f"{at}.referred_to", dec.referred_to, bodies, "body")
        c.ref(f"{at}.participant", dec.participant, participants, "participant")
        c.refs(f"{at}.documents", dec.documents, documents, "document")
        for j, item in enumerate(dec.items):
            c.refs(f"{at}.items[{j}].measures", item.measures, measures, "measure")
            c.refs(f"{at}.items[{j}].milestones", item.milestones, milestones, "milestone")
        for j, dissent in enumerate(dec.dissents):
            c.ref(f"{at}.dissents[{j}].person", dissent.person, people, "person")
            c.ref(f"{at}.dissents[{j}].organisation", dissent.organisation, orgs, "organisation")
    for i, measure in enumerate(p.measures):
        at = f"measures[{i}]"
        c.ref(f"{at}.area", measure.area, areas, "project area")
        c.ref(f"{at}.subproject", measure.subproject, subprojects, "subproject")
        c.ref(f"{at}.participant", measure.participant, participants, "participant")
        c.ref(f"{at}.phase", measure.phase, phases, "phase")
        c.refs(f"{at}.decisions", measure.decisions, decisions, "decision")
    for i, indicator in enumerate(p.indicators):
        c.ref(f"indicators[{i}].participant", indicator.participant, participants, "participant")
    for i, event in enumerate(p.events):
        at = f"events[{i}]"
        c.refs(f"{at}.participants", event.participants, participants, "participant")
        c.refs(f"{at}.organisations", event.organisations, orgs, "organisation")
        c.refs(f"{at}.people", event.people, people, "person")
    for i, entry in enumerate(p.status_entries):
        at = f"status_entries[{i}]"
        c.ref(f"{at}.participant", entry.participant, participants, "participant")
        c.ref(f"{at}.subproject", entry.subproject, subprojects, "subproject")
        for j, dim in enumerate(entry.dimensions):
            c.ref(f"{at}.dimensions[{j}].dimension", dim.dimension, dimensions, "status dimension")
    if p.evaluation is not None:
        c.refs("evaluation.evaluators", p.evaluation.evaluators, orgs, "organisation")
        c.unique("evaluation.deliverables", p.evaluation.deliverables, lambda x: x.id, "id")
    for i, doc in enumerate(p.documents):
        at = f"documents[{i}]"
        c.ref(f"{at}.author", doc.author, orgs, "organisation")
        c.ref(f"{at}.recipient", doc.recipient, orgs, "organisation")
        c.refs(f"{at}.copies_to", doc.copies_to, orgs, "organisation")
        c.ref(f"{at}.signed_by", doc.signed_by, people, "person")
        c.ref(f"{at}.case_officer", doc.case_officer, people, "person")
    return c.problems

"""How a programme's structure reads in its reports: decisions made jointly by several
bodies, subprojects within subprojects, organisations made from others or become
part of another, and the names of whoever owns or wrote something.

Subprojects are listed depth first, each right after its parent, and a child names
its parent ("Del av"); in a milestone plan a child is written as the path from its
top subproject ("Oppvekst / Arbeidsgruppe skole"). Indenting by spaces is lost in
Word's and Excel's cells and in Markdown tables, and outline numbers would clash
with the subprojects' own codes; a parent named in words reads the same everywhere.
"""

from __future__ import annotations

from babel.lists import format_list

from ..formatting import format_value, locale_of
from ..model import Decision, Language, Organisation, PartialDate, Programme, Subproject
from ..report import FieldType

__all__ = [
    "bodies_of",
    "joined",
    "participant_name",
    "party_name",
    "subproject_paths",
    "subprojects_in_order",
]


def party_name(programme: Programme, party: str | None) -> str | None:
    """The name of the organisation, body or person with id ``party`` (in that order
    of precedence), ``None`` for none or an id the programme does not know.

    .. versionadded:: 0.2
    """
    return programme.name_of(party)


def joined(names: list[str], language: Language) -> str:
    """``names`` as a list in words: "Asker, Røyken og Hurum".

    .. versionadded:: 0.2
    """
    return format_list(names, locale=locale_of(language))


def bodies_of(programme: Programme, decision: Decision, language: Language) -> str:
    """The names of every body that made ``decision``, the first first: "Asker
    kommunestyre, Røyken kommunestyre og Hurum kommunestyre".

    .. versionadded:: 0.2
    """
    names = {b.id: b.name for b in programme.bodies}
    return joined([names.get(b, b) for b in decision.bodies], language)


def subprojects_in_order(programme: Programme) -> list[tuple[Subproject, int]]:
    """Every subproject with its depth (0 for one with no parent), depth first: each
    right after its parent, siblings in the programme's order. A subproject whose
    parent the programme does not hold is taken as a top one.

    .. versionadded:: 0.2
    """
    known = {s.id for s in programme.subprojects}
    children: dict[str | None, list[Subproject]] = {}
    for subproject in programme.subprojects:
        parent = subproject.parent if subproject.parent in known else None
        children.setdefault(parent, []).append(subproject)
    found: list[tuple[Subproject, int]] = []
    seen: set[str] = set()

    def visit(parent: str | None, depth: int) -> None:
        for child in children.get(parent, []):
            if child.id not in seen:
                seen.add(child.id)
                found.append((child, depth))
                visit(child.id, depth + 1)

    visit(None, 0)
    # a cycle (refused by the model) leaves some unvisited: list them as top ones
    found += [(s, 0) for s in programme.subprojects if s.id not in seen]
    return found


def subproject_paths(programme: Programme) -> dict[str, str]:
    """Each subproject's name after those of its parents, by id: "Oppvekst /
    Arbeidsgruppe skole"; a top subproject's is its name.

    .. versionadded:: 0.2
    """
    by_id = {s.id: s for s in programme.subprojects}
    paths: dict[str, str] = {}
    for subproject in programme.subprojects:
        names: list[str] = []
        seen: set[str] = set()
        current: Subproject | None = subproject
        while current is not None and current.id not in seen:
            seen.add(current.id)
            names.append(current.name)
            current = by_id.get(current.parent or "")
        paths[subproject.id] = " / ".join(reversed(names))
    return paths


_FROM = {Language.NB: "fra", Language.NN: "frå", Language.EN: "from"}
_MADE_OF = {Language.NB: "av", Language.NN: "av", Language.EN: "formed from"}
_BECAME = {Language.NB: "del av", Language.NN: "del av", Language.EN: "part of"}


def _find(programme: Programme, organisation: str) -> Organisation | None:
    try:
        return programme.organisation(organisation)
    except KeyError:
        return None


def participant_name(programme: Programme, organisation: str, language: Language) -> str:
    """An organisation's name with what it was made from, or became part of, and
    from when: "Asker kommune (fra 1. januar 2020; av Asker, Røyken og Hurum)",
    "Hurum kommune (del av Asker kommune fra 1. januar 2020)". Its name alone where
    it has neither; its id where the programme does not know it.

    .. versionadded:: 0.2
    """
    found = _find(programme, organisation)
    if found is None:
        return organisation
    notes: list[str] = []
    if found.predecessors:
        olds = [_find(programme, p) for p in found.predecessors]
        starts = {old.successor_from for old in olds if old is not None}
        start = starts.pop() if len(starts) == 1 else None
        if start is not None:
            notes.append(f"{_FROM[language]} {_date(start, language)}")
        names = [
            (old.short_name or old.name) if old else p
            for p, old in zip(found.predecessors, olds, strict=True)
        ]
        notes.append(f"{_MADE_OF[language]} {joined(names, language)}")
    if found.successor is not None:
        successor = _find(programme, found.successor)
        became = f"{_BECAME[language]} {successor.name if successor else found.successor}"
        if found.successor_from is not None:
            became += f" {_FROM[language]} {_date(found.successor_from, language)}"
        notes.append(became)
    if not notes:
        return found.name
    return f"{found.name} ({'; '.join(notes)})"


def _date(value: PartialDate | None, language: Language) -> str:
    return format_value(value, FieldType.DATE, language) if value is not None else ""

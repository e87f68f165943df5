"""The rules of a programme's structure: a body as owner, a person as author,
predecessors and successors that agree, subprojects within subprojects without
cycles, and decisions made jointly by several bodies."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from omstilling.model import (
    BudgetKind,
    BudgetLine,
    Decision,
    DecisionKind,
    InvalidProgramme,
    Organisation,
    PartialDate,
    Period,
    Subproject,
)

from .test_integrity_rules import FULL, _problems


def test_a_body_may_own_the_programme() -> None:
    assert attrs.evolve(FULL, owner="nemnd").owner == "nemnd"


def test_an_owner_that_is_neither_organisation_nor_body_is_named_as_such() -> None:
    assert _problems(lambda: attrs.evolve(FULL, owner="kari")) == [
        ("owner", "unknown organisation or body 'kari'", "reference")
    ]


def test_a_person_may_author_a_document() -> None:
    document = attrs.evolve(FULL.documents[0], author="kari")
    assert attrs.evolve(FULL, documents=(document,)).documents[0].author == "kari"


def test_a_body_may_not_author_a_document() -> None:
    document = attrs.evolve(FULL.documents[0], author="styre")
    assert _problems(lambda: attrs.evolve(FULL, documents=(document,))) == [
        ("documents[0].author", "unknown organisation or person 'styre'", "reference")
    ]


# --- predecessors and successor ----------------------------------------------------------


def _merger(*organisations: Organisation) -> list[tuple[str, str, str]]:
    try:
        attrs.evolve(FULL, organisations=(*FULL.organisations, *organisations))
    except InvalidProgramme as caught:
        return [(p.path, p.message, p.code) for p in caught.problems]
    return []


def test_three_municipalities_merged_into_one_agree() -> None:
    assert (
        _merger(
            Organisation(id="ny", name="Ny kommune", predecessors=("a", "b", "c")),
            Organisation(id="a", name="A", successor="ny", successor_from=PartialDate(2020, 1, 1)),
            Organisation(id="b", name="B", successor="ny", successor_from=PartialDate(2020, 1, 1)),
            Organisation(id="c", name="C"),  # its successor not recorded: no disagreement
        )
        == []
    )


def test_a_predecessor_naming_another_successor_is_named() -> None:
    # FULL has three organisations: these are 3, 4 and 5
    assert _merger(
        Organisation(id="ny", name="Ny kommune", predecessors=("a", "b")),
        Organisation(id="a", name="A", successor="ny"),
        Organisation(id="b", name="B", successor="annen"),
        Organisation(id="annen", name="Annen kommune"),
    ) == [
        (
            "organisations[3].predecessors[1]",
            "'b' names 'annen' as its successor, not 'ny'",
            "reference",
        )
    ]


def test_an_unknown_predecessor_or_successor_is_named() -> None:
    assert _merger(
        Organisation(id="ny", name="Ny", predecessors=("borte",)),
        Organisation(id="a", name="A", successor="ukjent"),
    ) == [
        ("organisations[3].predecessors[0]", "unknown organisation 'borte'", "reference"),
        ("organisations[4].successor", "unknown organisation 'ukjent'", "reference"),
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"successor": "a"}, "an organisation cannot succeed itself"),
        ({"predecessors": ("b", "a")}, "an organisation cannot succeed itself"),
        ({"successor_from": PartialDate(2020)}, "successor_from needs a successor"),
    ],
)
def test_an_organisation_s_own_succession_is_checked_when_it_is_made(
    fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        Organisation(id="a", name="A", **fields)


# --- subprojects within subprojects ------------------------------------------------------


def _subprojects(*parents: tuple[str, str | None]) -> list[tuple[str, str, str]]:
    subprojects = tuple(Subproject(id=id, name=id.upper(), parent=parent) for id, parent in parents)
    try:
        attrs.evolve(FULL, subprojects=(*FULL.subprojects, *subprojects))
    except InvalidProgramme as caught:
        return [(p.path, p.message, p.code) for p in caught.problems]
    return []


def test_subprojects_nested_three_deep_are_valid() -> None:
    # prosjektstyre -> delprosjekt -> arbeidsgruppe
    assert _subprojects(("d1", "s1"), ("ag1", "d1"), ("ag2", "d1")) == []


def test_subprojects_whose_parents_form_a_cycle_are_each_named() -> None:
    # FULL has two subprojects: these are 2, 3 and 4
    assert _subprojects(("x", "y"), ("y", "x"), ("z", "y")) == [
        ("subprojects[2].parent", "parents form a cycle", "cycle"),
        ("subprojects[3].parent", "parents form a cycle", "cycle"),
        ("subprojects[4].parent", "parents form a cycle", "cycle"),
    ]


def test_a_subproject_that_is_its_own_parent_is_a_cycle() -> None:
    assert _subprojects(("x", "x")) == [("subprojects[2].parent", "parents form a cycle", "cycle")]


def test_an_unknown_parent_subproject_is_named() -> None:
    assert _subprojects(("x", "borte")) == [
        ("subprojects[2].parent", "unknown subproject 'borte'", "reference")
    ]


# --- decisions made jointly ----------------------------------------------------------------


def test_a_joint_decision_names_every_body_that_made_it() -> None:
    assert FULL.decisions[0].bodies == ("styre", "nemnd")


def test_a_body_named_twice_among_a_decision_s_bodies_is_refused() -> None:
    with pytest.raises(ValueError, match="a body is named twice"):
        Decision(
            id="d",
            title="D",
            body="styre",
            joint_bodies=("nemnd", "styre"),
            kind=DecisionKind.POLITICAL,
        )


def test_every_unknown_joint_body_is_named_by_its_place() -> None:
    decision = attrs.evolve(FULL.decisions[0], joint_bodies=("nemnd", "x", "y"))
    assert _problems(lambda: attrs.evolve(FULL, decisions=(decision,))) == [
        ("decisions[0].joint_bodies[1]", "unknown body 'x'", "reference"),
        ("decisions[0].joint_bodies[2]", "unknown body 'y'", "reference"),
    ]


def test_budget_line_ids_are_unique_where_given() -> None:
    line = BudgetLine(period=Period.parse("2020-H1"), kind=BudgetKind.OPERATIONS)
    named = attrs.evolve(line, id="drift")
    # lines without an id are never the same line, even when equal
    assert len(attrs.evolve(FULL, economy=(line, line, named)).economy) == 3
    assert _problems(lambda: attrs.evolve(FULL, economy=(named, line, named))) == [
        ("economy[2]", "id 'drift' is used twice", "duplicate")
    ]

"""Changing a programme: every change makes a new programme, checked as a whole."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, given

from omstilling.errors import FieldError, NotInProgramme, OmstillingError, Problem
from omstilling.model import (
    Cadence,
    InvalidProgramme,
    Lesson,
    LessonKind,
    Milestone,
    Organisation,
    PartialDate,
    Participant,
    Programme,
    Subproject,
    WorkStatus,
)
from omstilling.testing import strategies as ost

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _programme() -> Programme:
    return Programme(
        id="p",
        name="Omstilling",
        owner="kommune",
        organisations=(Organisation(id="kommune", name="Kommunen"),),
        participants=(Participant(organisation="kommune"),),
        subprojects=(
            Subproject(id="s1", name="Oppvekst"),
            Subproject(id="s2", name="Helse"),
        ),
        milestones=(
            Milestone(id="m1", title="Mandat vedtatt", subproject="s1"),
            Milestone(id="m2", title="Sluttrapport"),
        ),
    )


def test_a_milestone_is_marked_done() -> None:
    programme = _programme()
    changed = programme.with_milestone("m1", done=True)
    assert changed.milestones[0] == Milestone(
        id="m1", title="Mandat vedtatt", subproject="s1", done=True
    )
    assert changed.milestones[1] is programme.milestones[1]
    assert programme.milestones[0].done is False


def test_changes_take_written_forms() -> None:
    changed = _programme().with_milestone("m2", done=True, done_on="2014-06")
    assert changed.milestones[1].done_on == PartialDate(2014, 6)
    assert _programme().replace(cadence="tertial").cadence is Cadence.TERTIAL


def test_any_collection_of_things_with_ids_can_be_changed() -> None:
    changed = _programme().with_item("subprojects", "s2", status="completed")
    assert changed.subprojects[1].status is WorkStatus.COMPLETED
    changed = changed.with_item("participants", "kommune", local_name="Handlingsrom 2007")
    assert changed.participants[0].local_name == "Handlingsrom 2007"


def test_an_unknown_id_is_named() -> None:
    with pytest.raises(NotInProgramme) as caught:
        _programme().with_milestone("m9", done=True)
    assert isinstance(caught.value, OmstillingError)
    assert caught.value.problems == (
        Problem("milestones", "no item with id 'm9' (it has: m1, m2)", "reference"),
    )
    with pytest.raises(NotInProgramme, match="'s9'"):
        _programme().without("subprojects", "s9")


def test_a_change_that_breaks_a_reference_is_refused() -> None:
    with pytest.raises(InvalidProgramme) as caught:
        _programme().with_milestone("m2", subproject="s9")
    assert caught.value.problems == (
        Problem("milestones[1].subproject", "unknown subproject 's9'", "reference"),
    )
    with pytest.raises(InvalidProgramme, match=r"milestones\[0\]\.subproject"):
        _programme().without("subprojects", "s1")


def test_a_value_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(FieldError) as caught:
        _programme().with_milestone("m1", done="yes")
    assert caught.value.field == "done"
    assert caught.value.problems[0].code == "type"
    with pytest.raises(FieldError) as caught:
        _programme().replace(subprojects=[Milestone(id="m3", title="Feil sted")])
    assert caught.value.field == "subprojects"


def test_a_name_that_is_not_a_field_is_refused() -> None:
    with pytest.raises(FieldError) as caught:
        _programme().with_milestone("m1", dne=True)
    assert caught.value.problems == (Problem("dne", "Milestone has no field 'dne'", "unknown-key"),)
    with pytest.raises(FieldError, match="Programme has no field 'nmae'"):
        _programme().replace(nmae="Omstilling")
    with pytest.raises(FieldError) as caught:
        _programme().with_item("milestone", "m1", done=True)
    assert caught.value.field == "milestone"
    assert caught.value.problems[0].code == "unknown-key"


def test_a_collection_without_ids_cannot_be_searched_by_id() -> None:
    with pytest.raises(FieldError, match=r"^lessons: its items have no id"):
        _programme().without("lessons", "x")


def test_items_are_added_at_the_end_and_removed() -> None:
    lesson = Lesson(kind=LessonKind.ADVICE, text="Start tidlig")
    programme = _programme().adding("lessons", lesson).adding("success_factors", "Forankring")
    assert programme.lessons == (lesson,)
    assert programme.success_factors == ("Forankring",)
    added = programme.adding("milestones", Milestone(id="m3", title="Evaluert"))
    assert [m.id for m in added.milestones] == ["m1", "m2", "m3"]
    assert added.without("milestones", "m3") == programme
    with pytest.raises(InvalidProgramme, match="'m1' is used twice"):
        programme.adding("milestones", Milestone(id="m1", title="Igjen"))


@given(ost.programmes(), ost.milestones())
def test_changing_nothing_gives_an_equal_programme(
    programme: Programme, milestone: Milestone
) -> None:
    assert programme.replace() == programme
    for each in programme.milestones:
        assert programme.with_milestone(each.id) == programme
    assume(milestone.id not in {m.id for m in programme.milestones})
    added = programme.adding("milestones", milestone)
    assert added.milestones == (*programme.milestones, milestone)
    assert added.without("milestones", milestone.id) == programme


def test_the_example_in_the_docs_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (DOCS / "model.rst").read_text(encoding="utf-8")
    section = text.split("Changing a programme\n", 1)[1]
    (code,) = re.findall(r"\.\. code-block:: python\n\n((?:    .*\n|\n)+)", section)[:1]
    monkeypatch.chdir(DOCS.parent)
    source = "\n".join(line[4:] for line in code.splitlines())
    source = source.replace('"kongsvinger-2013.yaml"', repr(str(tmp_path / "k.yaml")))
    exec(compile(source, "docs/model.rst", "exec"), {})
    assert (tmp_path / "k.yaml").exists()

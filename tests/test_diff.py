"""``omstilling diff`` and :func:`omstilling.cycle.diff_programmes`: what changed
between two versions of a programme, entity by entity and field by field."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from omstilling.cli import cli
from omstilling.cycle import Difference, diff_programmes
from omstilling.files import dumps, load, loads, save
from omstilling.formatting import format_value
from omstilling.model import (
    Benefit,
    BudgetKind,
    BudgetLine,
    Deviation,
    FollowUp,
    FollowUpStatus,
    Milestone,
    Money,
    Period,
    Programme,
    Rag,
    Risk,
    RiskAssessment,
)
from omstilling.report import FieldType
from omstilling.testing.strategies import programmes, texts

from .conftest import EXAMPLES

KONGSVINGER = EXAMPLES / "kongsvinger-omstilling-2012.yaml"


def _diff(*args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(cli, ["diff", *args], input=stdin)


def _copy(tmp_path: Path, programme: Programme, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    save(programme, path)
    return path


# -- the command -----------------------------------------------------------------------


def test_one_changed_milestone_is_printed_and_exits_1(tmp_path: Path) -> None:
    old = tmp_path / "plan.yaml"
    shutil.copy(KONGSVINGER, old)
    text = KONGSVINGER.read_text(encoding="utf-8")
    new = tmp_path / "plan-new.yaml"
    changed = "title: Alle delprosjektene leverer rapport"
    new.write_text(text.replace("title: Alle delprosjektene leverer sin rapport", changed, 1))
    result = _diff(str(old), str(new))
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        "Milepæl delprosjektrapporter: tittel «Alle delprosjektene leverer rapport» "
        "(var: «Alle delprosjektene leverer sin rapport»)"
    ]
    assert result.stderr == ""


def test_equal_files_exit_0_even_when_written_differently(tmp_path: Path) -> None:
    # the same programme, written by save() without the example's comments and layout
    rewritten = _copy(tmp_path, load(KONGSVINGER), "plan.json")
    result = _diff(str(KONGSVINGER), str(rewritten))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("id: [unclosed", "not valid YAML"),
        ("schema_version: 2\nid: x\n", "name"),
    ],
)
def test_a_bad_file_exits_2_with_its_name(
    tmp_path: Path, content: str | None, message: str
) -> None:
    bad = tmp_path / "bad.yaml"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    result = _diff(str(KONGSVINGER), str(bad))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert str(bad) in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_both_standard_input_is_a_usage_error() -> None:
    result = _diff("-", "-", stdin="")
    assert result.exit_code == 2
    assert "standard input" in result.stderr


def test_a_backup_reads_by_the_name_before_its_number(tmp_path: Path) -> None:
    programme = load(KONGSVINGER)
    plan = _copy(tmp_path, programme.replace(name="Omstilling 2013"))
    backup = tmp_path / "plan.yaml.~1~"
    backup.write_text(dumps(programme), encoding="utf-8")
    result = _diff(str(backup), str(plan))
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        "Program kongsvinger-omstilling-2012: navn «Omstilling 2013» (var: «Omstilling 2012»)"
    ]
    json_backup = tmp_path / "plan.json.~12~"
    json_backup.write_text(dumps(programme, "json"), encoding="utf-8")
    assert _diff(str(json_backup), str(KONGSVINGER)).exit_code == 0


def test_old_from_standard_input_as_git_show_gives_it(tmp_path: Path) -> None:
    programme = load(KONGSVINGER)
    milestone = next(m for m in programme.milestones if m.note is None)
    plan = _copy(tmp_path, programme.with_milestone(milestone.id, note="Utsatt"))
    result = _diff("-", str(plan), stdin=KONGSVINGER.read_text(encoding="utf-8"))
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        f"Milepæl {milestone.id} «{milestone.title}»: merknad «Utsatt» (var: ikke satt)"
    ]


def test_json_lists_each_change_with_stable_keys(tmp_path: Path) -> None:
    programme = load(KONGSVINGER)
    milestone = programme.milestones[1]
    plan = _copy(tmp_path, programme.with_milestone(milestone.id, responsible="Rådmannen"))
    result = _diff("--json", "--lang", "en", str(KONGSVINGER), str(plan))
    assert result.exit_code == 1, result.output
    changes = json.loads(result.stdout)
    assert changes == [
        {
            "kind": "milestone",
            "id": milestone.id,
            "change": "changed",
            "field": "responsible",
            "old": milestone.responsible,
            "new": "Rådmannen",
            "text": f"Milestone {milestone.id} «{milestone.title}»: responsible «Rådmannen» "
            f"(was: «{milestone.responsible}»)"
            if milestone.responsible
            else f"Milestone {milestone.id} «{milestone.title}»: responsible «Rådmannen» "
            "(was: not set)",
        }
    ]


def test_equal_files_give_an_empty_json_list() -> None:
    result = _diff("--json", str(KONGSVINGER), str(KONGSVINGER))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


# -- the words -------------------------------------------------------------------------


def _texts(old: Programme, new: Programme, language: str | None = None) -> list[str]:
    return [d.text for d in diff_programmes(old, new, language=language)]


@pytest.fixture(scope="module")
def kongsvinger() -> Programme:
    return load(KONGSVINGER)


def _not_done(programme: Programme) -> Milestone:
    return next(m for m in programme.milestones if not m.done)


def test_a_milestone_done_says_when(kongsvinger: Programme) -> None:
    m = _not_done(kongsvinger)
    done = kongsvinger.with_milestone(m.id, done=True, done_on="2018-11-20")
    differences = diff_programmes(kongsvinger, done)
    assert [(d.field, d.old, d.new) for d in differences] == [
        ("done", False, True),
        ("done_on", None, "2018-11-20"),
    ]
    assert differences[0].text == (
        f"Milepæl {m.id} «{m.title}»: ferdig 20. november 2018 (var: ikke ferdig)"
    )
    assert _texts(kongsvinger, done, "nn")[0].endswith(
        "ferdig 20. november 2018 (var: ikkje ferdig)"
    )
    assert _texts(kongsvinger, done, "en")[0].endswith("done 20 November 2018 (was: not done)")


def test_added_and_removed_entities(kongsvinger: Programme) -> None:
    added = kongsvinger.adding("milestones", Milestone(id="m99", title="Evaluert"))
    assert _texts(kongsvinger, added) == ["Ny milepæl m99 «Evaluert»"]
    assert _texts(added, kongsvinger) == ["Fjernet milepæl m99 «Evaluert»"]
    assert _texts(added, kongsvinger, "nn") == ["Fjerna milepæl m99 «Evaluert»"]
    (difference,) = diff_programmes(kongsvinger, added)
    assert difference.change == "added"
    assert difference.field is None
    assert difference.new == {"id": "m99", "title": "Evaluert"}


def test_status_per_participant_and_period(examples: dict[str, Programme]) -> None:
    programme = examples["stifinneren-2004"]
    entry = next(e for e in programme.status_entries if e.participant and e.overall is None)
    changed = programme.replace(
        status_entries=tuple(
            attrs.evolve(e, overall=Rag.AMBER) if e is entry else e
            for e in programme.status_entries
        )
    )
    (difference,) = diff_programmes(programme, changed)
    assert difference.kind == "status_entry"
    assert difference.id == f"{entry.participant} {entry.period}"
    assert (difference.field, difference.old, difference.new) == ("overall", None, "amber")
    name = programme.organisation(entry.participant or "").name
    period = format_value(entry.period, FieldType.PERIOD)
    assert difference.text == f"Status for {name}, {period}: samlet status Gul (var: ikke satt)"
    without = changed.replace(
        status_entries=tuple(e for e in changed.status_entries if e.overall is None)
    )
    (removed,) = diff_programmes(changed, without)
    assert removed.change == "removed"
    assert removed.text == f"Fjernet status for {name}, {period}"


def test_nested_items_are_matched_by_their_key(examples: dict[str, Programme]) -> None:
    programme = next(p for p in examples.values() if any(m.economic_effects for m in p.measures))
    measure = next(m for m in programme.measures if m.economic_effects)
    effect = measure.economic_effects[0]
    changed_effect = attrs.evolve(effect, note="Revidert")
    effects = (changed_effect, *measure.economic_effects[1:])
    changed = programme.with_item("measures", measure.id, economic_effects=effects)
    (difference,) = diff_programmes(programme, changed)
    assert difference.kind == "measure"
    assert difference.field == f"economic_effects[{effect.period}].note"
    assert "økonomisk effekt" in difference.text
    assert "«Revidert»" in difference.text


# -- properties --------------------------------------------------------------------------


@given(programmes())
def test_a_programme_has_no_differences_from_itself(programme: Programme) -> None:
    assert diff_programmes(programme, programme) == []
    # nor from itself written to a file and read back
    assert diff_programmes(programme, loads(dumps(programme, "json"), "json")) == []


_TEXT_FIELDS = (
    ("milestones", "title"),
    ("milestones", "note"),
    ("subprojects", "name"),
    ("measures", "title"),
    ("decisions", "title"),
    ("events", "title"),
    ("organisations", "name"),
    ("participants", "local_name"),
    ("risks", "title"),
    ("deviations", "title"),
    ("benefits", "title"),
)


@st.composite
def _one_field_changed(draw: st.DrawFn) -> tuple[Programme, Programme, tuple[str, str, str]]:
    programme = draw(programmes())
    choices: list[tuple[str, str, str]] = [("programme", programme.id, "name")]
    for collection, field in _TEXT_FIELDS:
        key = "organisation" if collection == "participants" else "id"
        choices += [
            (collection, getattr(item, key), field) for item in getattr(programme, collection)
        ]
    collection, ident, field = draw(st.sampled_from(choices))
    if collection == "programme":
        old = programme.name
    else:
        key = "organisation" if collection == "participants" else "id"
        old = getattr(
            next(i for i in getattr(programme, collection) if getattr(i, key) == ident), field
        )
    value = draw(texts().filter(lambda text: text != old))
    if collection == "programme":
        return programme, programme.replace(name=value), (collection, ident, field)
    return (
        programme,
        programme.with_item(collection, ident, **{field: value}),
        (collection, ident, field),
    )


_KINDS = {
    "programme": "programme",
    "milestones": "milestone",
    "subprojects": "subproject",
    "measures": "measure",
    "decisions": "decision",
    "events": "event",
    "organisations": "organisation",
    "participants": "participant",
    "risks": "risk",
    "deviations": "deviation",
    "benefits": "benefit",
}


@given(_one_field_changed())
def test_one_changed_field_is_exactly_the_one_difference(
    case: tuple[Programme, Programme, tuple[str, str, str]],
) -> None:
    old, new, (collection, ident, field) = case
    differences = diff_programmes(old, new)
    assert [(d.kind, d.id, d.change, d.field) for d in differences] == [
        (_KINDS[collection], ident, "changed", field)
    ]
    (difference,) = differences
    assert isinstance(difference, Difference)
    assert difference.new == getattr(
        new if collection == "programme" else _item(new, collection, ident), field
    )
    back = diff_programmes(new, old)
    assert [(d.old, d.new) for d in back] == [(difference.new, difference.old)]


def _item(programme: Programme, collection: str, ident: str) -> Any:
    key = "organisation" if collection == "participants" else "id"
    return next(i for i in getattr(programme, collection) if getattr(i, key) == ident)


def test_items_inside_an_entity_added_and_removed(examples: dict[str, Programme]) -> None:
    programme = next(p for p in examples.values() if any(d.items for d in p.decisions))
    decision = next(d for d in programme.decisions if d.items)
    item = decision.items[0]
    fewer = programme.with_item("decisions", decision.id, items=decision.items[1:])
    (removed,) = diff_programmes(programme, fewer)
    assert (removed.kind, removed.id, removed.change) == ("decision", decision.id, "changed")
    assert removed.field == f"items[{item.label}]"
    assert removed.old["text"] == item.text
    assert removed.new is None
    assert removed.text.endswith(f": punkt {item.label} fjernet")
    (added,) = diff_programmes(fewer, programme, language="en")
    assert added.text.endswith(f": item {item.label} added")
    assert (added.old, added.new) == (None, removed.old)


# -- what a programme office steers by -------------------------------------------------------

FIXTURE = Path(__file__).parent / "fixtures" / "flesberg-rollag-v2.yaml"
T1 = Period.parse("2024-T1")
T2 = Period.parse("2024-T2")


@pytest.fixture(scope="module")
def steered() -> Programme:
    """A small programme with a risk, a deviation, a benefit and a line of economy."""
    programme = load(FIXTURE)
    return programme.replace(
        risks=(
            Risk(
                id="r1",
                title="Sårbar bemanning",
                probability=3,
                consequence=4,
                assessments=(RiskAssessment(period=T1, probability=3, consequence=4),),
            ),
        ),
        deviations=(Deviation(id="v1", title="Søknaden er forsinket", reported_in=T1),),
        benefits=(Benefit(id="g1", title="Færre stengte dager", indicator="innbyggere-rollag"),),
        economy=(
            BudgetLine(
                period=T1,
                kind=BudgetKind.OPERATIONS,
                description="Drift",
                budget=Money.parse("1 000 000 kr"),
                organisation="sosial-barnevern-flesberg-rollag",
            ),
        ),
    )


def test_risks_deviations_and_benefits_are_entities_by_id(steered: Programme) -> None:
    empty = steered.replace(risks=(), deviations=(), benefits=())
    assert [(d.kind, d.id, d.change) for d in diff_programmes(empty, steered)] == [
        ("risk", "r1", "added"),
        ("deviation", "v1", "added"),
        ("benefit", "g1", "added"),
    ]
    assert _texts(empty, steered) == [
        "Ny risiko r1 «Sårbar bemanning»",
        "Nytt avvik v1 «Søknaden er forsinket»",
        "Ny gevinst g1 «Færre stengte dager»",
    ]
    assert _texts(steered, empty, "en")[0] == "Removed risk r1 «Sårbar bemanning»"


def test_a_risk_assessed_again_and_a_deviation_closed(steered: Programme) -> None:
    risk = steered.risks[0]
    again = (*risk.assessments, RiskAssessment(period=T2, probability=4, consequence=4))
    changed = steered.with_item("risks", "r1", assessments=again, probability=4)
    changed = changed.with_item("deviations", "v1", closed_in=T2)
    differences = diff_programmes(steered, changed)
    assert [(d.kind, d.field, d.old, d.new) for d in differences] == [
        ("risk", "probability", 3, 4),
        (
            "risk",
            "assessments[2024-T2]",
            None,
            {"period": "2024-T2", "probability": 4, "consequence": 4},
        ),
        ("deviation", "closed_in", None, "2024-T2"),
    ]
    assert [d.text for d in differences] == [
        "Risiko r1 «Sårbar bemanning»: sannsynlighet 4 (var: 3)",
        "Risiko r1 «Sårbar bemanning»: vurdering 2024-T2 lagt til",
        "Avvik v1 «Søknaden er forsinket»: lukket i 2. tertial 2024 (var: ikke satt)",
    ]


def test_a_line_of_the_economy_is_known_by_what_it_is(steered: Programme) -> None:
    line = steered.economy[0]
    spent = steered.replace(economy=(attrs.evolve(line, actual=Money.parse("950 000 kr")),))
    (difference,) = diff_programmes(steered, spent)
    key = "2024-T1 operations sosial-barnevern-flesberg-rollag Drift"
    assert (difference.kind, difference.id, difference.change) == ("budget_line", key, "changed")
    assert (difference.field, difference.old, difference.new) == ("actual", None, "950000")
    assert difference.text.startswith(f"Budsjettlinje {key}: faktisk ")
    # what identifies it changed: another line
    moved = steered.replace(economy=(attrs.evolve(line, period=T2),))
    assert [(d.change, d.id) for d in diff_programmes(steered, moved)] == [
        ("removed", key),
        ("added", key.replace("2024-T1", "2024-T2")),
    ]


def test_a_line_of_the_economy_with_an_id_is_known_by_it(steered: Programme) -> None:
    line = attrs.evolve(steered.economy[0], id="flesberg-1")
    before = steered.replace(economy=(line,))
    after = steered.replace(economy=(attrs.evolve(line, description="Drift, revidert"),))
    (difference,) = diff_programmes(before, after)
    assert (difference.kind, difference.id, difference.field) == (
        "budget_line",
        "flesberg-1",
        "description",
    )


def test_a_decision_item_followed_up_in_a_period(steered: Programme) -> None:
    decision = steered.decisions[0]
    item = attrs.evolve(
        decision.items[0], follow_up=(FollowUp(period=T1, status=FollowUpStatus.IN_PROGRESS),)
    )
    started = steered.with_item("decisions", decision.id, items=(item, *decision.items[1:]))
    done = attrs.evolve(item, follow_up=(FollowUp(period=T1, status=FollowUpStatus.DONE),))
    finished = steered.with_item("decisions", decision.id, items=(done, *decision.items[1:]))
    (added,) = diff_programmes(steered, started)
    assert added.field == f"items[{item.label}].follow_up[2024-T1]"
    assert added.text.endswith(f"punkt {item.label}, oppfølging 2024-T1 lagt til")
    (changed,) = diff_programmes(started, finished)
    assert (changed.field, changed.old, changed.new) == (
        f"items[{item.label}].follow_up[2024-T1].status",
        "in-progress",
        "done",
    )

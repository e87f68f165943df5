"""A model object is valid when it exists: every constructor refuses a value of the
wrong type, naming the field, and converts only the documented written forms."""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from omstilling import model
from omstilling.errors import FieldError, OmstillingError, Problem
from omstilling.hookspecs import BuildRequest
from omstilling.lint import lint
from omstilling.model import (
    Activity,
    Benefit,
    Body,
    BodyKind,
    BudgetLine,
    CaseReference,
    Change,
    ChangeKind,
    DateRange,
    Decision,
    Deviation,
    Document,
    EconomicEffect,
    Event,
    Goal,
    Indicator,
    Language,
    Lesson,
    LessonKind,
    Measure,
    Milestone,
    Money,
    MunicipalityNumber,
    Office,
    Organisation,
    PartialDate,
    Participant,
    Period,
    PeriodKind,
    Person,
    Phase,
    Programme,
    Rag,
    Risk,
    RiskAssessment,
    RoleAssignment,
    StatusEntry,
    Subproject,
)
from omstilling.testing import strategies as ost

CLASSES = sorted(
    {
        obj
        for name in model.__all__
        if isinstance(obj := getattr(model, name), type) and attrs.has(obj)
    },
    key=lambda cls: cls.__name__,
)
"""Every attrs class :mod:`omstilling.model` exports."""

# Where the strategies module has a strategy for a class, valid instances come from it.
_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    Activity: ost.activities(),
    Benefit: ost.benefits(),
    Body: ost.bodies(),
    BudgetLine: ost.budget_lines(),
    CaseReference: ost.case_references(),
    DateRange: ost.date_ranges(),
    Decision: ost.decisions(bodies=["kommunestyret", "formannskapet"]),
    Deviation: ost.deviations(),
    Document: ost.documents(),
    Event: ost.events(),
    Goal: ost.goals(),
    Indicator: ost.indicators(),
    Measure: ost.measures(),
    Milestone: ost.milestones(),
    Money: ost.money(),
    Organisation: ost.organisations(),
    PartialDate: ost.partial_dates(),
    Period: ost.periods(),
    Person: ost.people(),
    Programme: ost.programmes(max_items=2),
    Risk: ost.risks(),
    RiskAssessment: st.from_type(RiskAssessment),
    StatusEntry: ost.status_entries(),
    Subproject: ost.subprojects(),
}

# Fields a minimal instance needs besides its required ones, or that need values of
# their own kind.
_OWN_VALUES: dict[type, dict[str, st.SearchStrategy[Any]]] = {
    MunicipalityNumber: {"number": st.text(alphabet="0123456789", min_size=4, max_size=4)},
    RoleAssignment: {"holder": ost.texts()},
}


def _value_of(hint: Any) -> st.SearchStrategy[Any]:
    """Valid values of a required field of type ``hint``: ids are valid text too."""
    if hint is str:
        return ost.ids()
    if hint is PartialDate:
        return ost.partial_dates()
    if hint is Period:
        return ost.periods()
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    raise AssertionError(f"no strategy for a required field of type {hint}")


def _minimal(cls: type) -> st.SearchStrategy[Any]:
    """Instances of ``cls`` with its required fields only (and those of _OWN_VALUES)."""
    hints = typing.get_type_hints(cls)
    fields = {
        field.name: _value_of(hints[field.name])
        for field in attrs.fields(cls)
        if field.default is attrs.NOTHING
    }
    fields.update(_OWN_VALUES.get(cls, {}))
    return st.fixed_dictionaries(fields).map(lambda values: cls(**values))


def valid(cls: type) -> st.SearchStrategy[Any]:
    """Valid instances of ``cls``."""
    return _STRATEGIES[cls] if cls in _STRATEGIES else _minimal(cls)


_NESTED = (
    Lesson(kind=LessonKind.ADVICE, text="Start tidlig"),
    PartialDate(2014),
    Period(2004, PeriodKind.HALF),
    Money(Decimal(1)),
)


def _mentions(hint: Any, cls: type) -> bool:
    return hint is cls or any(_mentions(arg, cls) for arg in typing.get_args(hint))


def wrong_values(hint: Any) -> st.SearchStrategy[Any]:
    """Values no field of type ``hint`` takes: of other types, and not written forms."""
    nested = [obj for obj in _NESTED if not _mentions(hint, type(obj))]
    pool: list[Any] = [object(), 1.5, b"x", [object()], {"a": 1}, *nested]
    return st.sampled_from(pool)


T = TypeVar("T")


def make(cls: Callable[..., T], *args: object, **fields: object) -> T:
    """``cls(*args, **fields)``, as a script or a plugin with values of any type calls it."""
    return cls(*args, **fields)


def test_every_model_class_is_checked() -> None:
    assert len(CLASSES) >= 39
    assert Problem in CLASSES
    assert Programme in CLASSES


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_a_value_of_the_wrong_type_is_refused_naming_its_field(
    cls: type, data: st.DataObject
) -> None:
    instance = data.draw(valid(cls), label="valid")
    field = data.draw(st.sampled_from(attrs.fields(cls)), label="field")
    wrong = data.draw(wrong_values(typing.get_type_hints(cls)[field.name]), label="wrong")
    with pytest.raises(FieldError) as caught:
        attrs.evolve(instance, **{field.name: wrong})
    assert isinstance(caught.value, OmstillingError)
    assert caught.value.field == field.name
    assert [problem.code for problem in caught.value.problems] == ["type"]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_a_valid_object_is_made_again_unchanged(cls: type, data: st.DataObject) -> None:
    instance = data.draw(valid(cls))
    assert attrs.evolve(instance) == instance


# --- the written forms -----------------------------------------------------------------


def test_a_date_is_taken_as_its_text() -> None:
    milestone = make(Milestone, id="m1", title="Ferdig", estimated_finish="2019-06")
    assert milestone.estimated_finish == PartialDate(2019, 6)
    assert type(milestone.estimated_finish) is PartialDate


def test_text_that_is_not_a_date_is_refused_as_invalid() -> None:
    with pytest.raises(FieldError) as caught:
        make(Milestone, id="m1", title="Ferdig", estimated_finish="juni 2019")
    assert caught.value.field == "estimated_finish"
    assert caught.value.problems == (
        Problem("estimated_finish", "not a date: 'juni 2019'", "invalid"),
    )


def test_a_date_of_another_type_is_refused() -> None:
    with pytest.raises(FieldError) as caught:
        make(Milestone, id="m1", title="Ferdig", estimated_finish=2019)
    assert caught.value.problems == (
        Problem(
            "estimated_finish",
            "expected a PartialDate or its text (2014, 2014-01 or 2014-01-20), got int: 2019",
            "type",
        ),
    )


def test_true_or_false_is_a_bool_and_nothing_else() -> None:
    with pytest.raises(FieldError) as caught:
        make(Milestone, id="m1", title="Ferdig", done="yes")
    assert str(caught.value) == "done: expected true or false, got str: 'yes'"
    with pytest.raises(FieldError, match=r"^done: "):
        make(Milestone, id="m1", title="Ferdig", done=1)


def test_done_without_a_day_is_valid() -> None:
    assert Milestone(id="m1", title="Ferdig", done=True).done_on is None


def test_an_enum_member_is_taken_as_its_value() -> None:
    entry = make(StatusEntry, period="2004-H1", participant="alna", overall="green")
    assert entry.overall is Rag.GREEN
    assert entry.period == Period(2004, PeriodKind.HALF, 1)
    with pytest.raises(FieldError) as caught:
        make(StatusEntry, period=Period(2004), participant="alna", overall="grønn")
    assert caught.value.problems == (
        Problem("overall", "not one of green, amber, red, not-assessed: 'grønn'", "invalid"),
    )


def test_a_member_of_another_enum_is_refused() -> None:
    with pytest.raises(FieldError) as caught:
        make(Office, name="Rådhuset", kind=BodyKind.OTHER)
    assert caught.value.field == "kind"
    assert caught.value.problems[0].code == "type"


def test_money_is_taken_as_text_or_a_whole_amount() -> None:
    effect = make(EconomicEffect, period="2019-H1", target=1500000, realised="800 000,50 kr")
    assert effect.period == Period(2019, PeriodKind.HALF, 1)
    assert effect.target == Money(Decimal(1500000))
    assert effect.realised == Money(Decimal("800000.50"))
    with pytest.raises(FieldError) as caught:
        make(EconomicEffect, period=Period(2019), target=1500000.0)
    assert caught.value.field == "target"
    assert caught.value.problems[0].code == "type"


def test_a_decimal_is_taken_as_an_int_or_text_but_never_a_float() -> None:
    indicator = make(Indicator, id="i1", name="Sykefravær", baseline=7, target="6.5")
    assert (indicator.baseline, indicator.target) == (Decimal(7), Decimal("6.5"))
    with pytest.raises(FieldError) as caught:
        make(Indicator, id="i1", name="Sykefravær", baseline=0.9)
    assert caught.value.field == "baseline"
    assert caught.value.problems[0].code == "type"
    assert "float" in caught.value.message
    with pytest.raises(FieldError, match=r"^baseline: "):
        make(Indicator, id="i1", name="Sykefravær", baseline=True)
    with pytest.raises(FieldError, match=r"^amount: "):
        make(Money, 0.1)


def test_a_whole_number_is_never_a_bool() -> None:
    with pytest.raises(FieldError) as caught:
        Phase(id="f1", name="Fase 1", number=True)
    assert caught.value.field == "number"
    assert caught.value.problems[0].code == "type"


def test_a_tuple_is_taken_as_a_list_and_every_item_is_checked() -> None:
    subproject = make(Subproject, id="s1", name="Samarbeid", other_areas=["oppvekst", "helse"])
    assert subproject.other_areas == ("oppvekst", "helse")
    assert type(subproject.other_areas) is tuple
    with pytest.raises(FieldError) as caught:
        make(Measure, id="t1", title="Tiltak", economic_effects=[{"period": "2019"}])
    assert caught.value.problems == (
        Problem(
            "economic_effects",
            "item 0: expected an EconomicEffect, got dict: {'period': '2019'}",
            "type",
        ),
    )
    with pytest.raises(FieldError, match=r"^other_areas: "):
        make(Subproject, id="s1", name="Samarbeid", other_areas="oppvekst")


def test_text_of_a_str_subclass_is_stored_as_plain_text() -> None:
    milestone = Milestone(id="m1", title=Rag.GREEN)
    assert milestone.title == "green"
    assert type(milestone.title) is str


def test_a_nested_object_of_another_class_is_refused() -> None:
    with pytest.raises(FieldError) as caught:
        make(
            Programme,
            id="p",
            name="P",
            owner="o",
            organisations=(Organisation(id="o", name="O"),),
            participants=(Person(id="o", name="O"),),
        )
    assert caught.value.problems == (
        Problem("participants", "item 0: expected a Participant, got Person", "type"),
    )
    with pytest.raises(FieldError, match=r"^period: expected a DateRange"):
        make(Programme, id="p", name="P", owner="o", period="2004")


def test_a_field_of_several_types_takes_one_of_them_as_it_is() -> None:
    assert Change(kind=ChangeKind.DONE, item="m1", after="ok").after == "ok"
    assert Change(kind=ChangeKind.DONE, item="m1", after=PartialDate(2014)).after == PartialDate(
        2014
    )
    with pytest.raises(FieldError) as caught:
        make(Change, kind=ChangeKind.DONE, item="m1", before=1.5)
    assert caught.value.field == "before"
    assert caught.value.problems[0].code == "type"


def test_other_checks_see_the_converted_values() -> None:
    with pytest.raises(ValueError, match="ends"):
        make(RoleAssignment, role="chair", holder="Ordfører", start="2014", end="2013")
    with pytest.raises(FieldError, match=r"^done: "):
        make(Milestone, id="m1", title="Ferdig", done="no", done_on="2014")
    with pytest.raises(FieldError, match=r"^cost_share: "):
        make(model.Membership, organisation="o", cost_share="101")


def test_a_programme_made_of_written_forms_lints_like_one_made_of_the_types() -> None:
    effect = make(EconomicEffect, period="2019-H1", target=1500000)
    programme = make(
        Programme,
        id="p",
        name="P",
        owner="alna",
        organisations=[Organisation(id="alna", name="Bydel Alna")],
        participants=[make(Participant, organisation="alna", joined="2004")],
        milestones=[
            make(
                Milestone,
                id="m1",
                title="Ferdig",
                estimated_start="2019",
                estimated_finish="2019-06",
            ),
            make(Milestone, id="m2", title="Sent", estimated_finish="2019-03", participant="alna"),
        ],
        measures=[make(Measure, id="t1", title="Tiltak", economic_effects=[effect])],
        status_entries=[
            make(StatusEntry, period="2019-H1", participant="alna", overall="green"),
            make(StatusEntry, period="2019-H2", participant="alna", overall="red"),
        ],
        cadence="half-yearly",
        language="nn",
    )
    assert programme.language is Language.NN
    assert isinstance(lint(programme), list)


def test_a_build_request_takes_a_period_as_its_text() -> None:
    request = make(BuildRequest, period="2004-H1", language="nn")
    assert request.period == Period(2004, PeriodKind.HALF, 1)
    assert request.language is Language.NN
    with pytest.raises(FieldError) as caught:
        make(BuildRequest, period=2004)
    assert caught.value.field == "period"
    assert caught.value.problems[0].code == "type"
    with pytest.raises(FieldError, match=r"^participant: "):
        make(BuildRequest, participant=["alna"])


def test_a_problem_takes_text() -> None:
    with pytest.raises(FieldError) as caught:
        make(Problem, "milestones[0]", 12)
    assert caught.value.field == "message"
    assert caught.value.problems[0].code == "type"

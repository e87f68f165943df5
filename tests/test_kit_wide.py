"""The hypothesis kit draws everything the model accepts, and so finds the bugs a
narrower one hides; ``realistic=True`` draws readable values; every public model
type has a strategy for ``st.from_type``."""

from __future__ import annotations

import csv
import enum
import io
import subprocess
import sys
from collections.abc import Iterator
from typing import Any, cast

import attrs
import hypothesis
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from omstilling import model
from omstilling.hookspecs import BuildRequest
from omstilling.model import Milestone, PartialDate, Programme
from omstilling.report import Report
from omstilling.templates import TEMPLATES
from omstilling.testing import PluginCheckError, check_parse_round_trip
from omstilling.testing import strategies as ost

PUBLIC_TYPES = [
    obj
    for name in model.__all__
    if isinstance(obj := getattr(model, name), type)
    and (attrs.has(obj) or issubclass(obj, enum.Enum))
]


def _values(obj: Any) -> Iterator[Any]:
    """``obj`` and everything inside it, depth first."""
    yield obj
    if attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            yield from _values(getattr(obj, field.name))
    elif isinstance(obj, tuple | list):
        for item in obj:
            yield from _values(item)


def _optional_texts(obj: Any) -> Iterator[str | None]:
    """The values of every optional text field (``str | None``) inside ``obj``."""
    for value in _values(obj):
        if attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                if field.type in ("str | None", str | None):
                    yield getattr(value, field.name)


def _years(obj: Any) -> Iterator[int]:
    for value in _values(obj):
        if isinstance(value, PartialDate | model.Period):
            yield value.year


# --- st.from_type -----------------------------------------------------------------


def test_every_public_model_type_is_there() -> None:
    names = {t.__name__ for t in PUBLIC_TYPES}
    assert {"Milestone", "Programme", "Money", "PartialDate", "Rag", "Change"} <= names
    assert len(PUBLIC_TYPES) > 50


@pytest.mark.parametrize("cls", PUBLIC_TYPES, ids=lambda t: t.__name__)
@settings(max_examples=5, deadline=None)
@given(data=st.data())
def test_from_type_draws_every_public_model_type(cls: type, data: st.DataObject) -> None:
    value: Any = data.draw(st.from_type(cls))
    assert isinstance(value, cls)
    if attrs.has(cls):  # a valid object: building it again from its fields passes
        assert attrs.evolve(cast(Any, value)) == value


def test_the_strategies_import_without_pytest() -> None:
    code = (
        "import sys; sys.modules['pytest'] = None\n"
        "import omstilling.testing, omstilling.testing.strategies\n"
        "from hypothesis import strategies as st\n"
        "from omstilling.model import Milestone\n"
        "assert isinstance(st.from_type(Milestone).example(), Milestone)\n"
        "assert not hasattr(omstilling.testing, 'plugin_manager')\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


# --- the naive CSV conversion -------------------------------------------------------

_COLUMNS = ("id", "title", "responsible", "estimated_finish", "done", "note")


def naive_to_csv(milestones: list[Milestone]) -> str:
    """Milestones as CSV, as one would write it in a hurry: ``None`` as an empty cell."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_COLUMNS)
    for m in milestones:
        writer.writerow(
            [
                m.id,
                m.title,
                m.responsible or "",
                "" if m.estimated_finish is None else str(m.estimated_finish),
                "yes" if m.done else "no",
                m.note or "",
            ]
        )
    return out.getvalue()


def naive_from_csv(text: str) -> list[Milestone]:
    """…and read back: an empty cell as ``None``. Empty text is lost."""
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return [
        Milestone(
            id=row["id"],
            title=row["title"],
            responsible=row["responsible"] or None,
            estimated_finish=PartialDate.parse(row["estimated_finish"])
            if row["estimated_finish"]
            else None,
            done=row["done"] == "yes",
            note=row["note"] or None,
        )
        for row in rows
    ]


def _plain(m: Milestone) -> Milestone:
    """The fields the naive CSV holds."""
    return Milestone(
        id=m.id,
        title=m.title,
        responsible=m.responsible,
        estimated_finish=m.estimated_finish,
        done=m.done,
        note=m.note,
    )


def _loses_something(m: Milestone) -> bool:
    return naive_from_csv(naive_to_csv([_plain(m)])) != [_plain(m)]


def test_the_wide_strategies_find_the_naive_csv_bug() -> None:
    found = hypothesis.find(
        ost.milestones(),
        _loses_something,
        settings=settings(max_examples=2000, database=None, deadline=None),
    )
    # shrunk to the smallest loss: an optional text that is empty
    assert "" in (found.note, found.responsible)


@settings(max_examples=300, database=None, deadline=None)
@given(ost.milestones(realistic=True))
def test_the_realistic_strategies_do_not_find_it(milestone: Milestone) -> None:
    assert not _loses_something(milestone)


def test_a_failing_given_run_with_the_wide_strategies() -> None:
    @settings(max_examples=500, database=None, deadline=None, derandomize=True)
    @given(ost.milestones())
    def round_trip(milestone: Milestone) -> None:
        assert not _loses_something(milestone)

    with pytest.raises(AssertionError):
        round_trip()


# --- what generated programmes hold -------------------------------------------------

# Finding is enough: shrinking a whole programme takes long and proves nothing more.
_FIND = settings(max_examples=2000, database=None, deadline=None, phases=[Phase.generate])


def test_programmes_hold_empty_optional_text() -> None:
    found = hypothesis.find(
        ost.programmes(), lambda p: "" in list(_optional_texts(p)), settings=_FIND
    )
    assert "" in list(_optional_texts(found))


def test_programmes_hold_dates_before_1900() -> None:
    found = hypothesis.find(
        ost.programmes(), lambda p: any(y < 1900 for y in _years(p)), settings=_FIND
    )
    assert min(_years(found)) < 1900


def test_programmes_hold_control_characters_and_huge_amounts() -> None:
    hypothesis.find(
        ost.programmes(),
        lambda p: any(
            isinstance(v, str) and any(c < " " and c not in "\n" for c in v) for v in _values(p)
        ),
        settings=_FIND,
    )
    hypothesis.find(
        ost.programmes(),
        lambda p: any(isinstance(v, model.Money) and abs(v.amount) > 10**20 for v in _values(p)),
        settings=_FIND,
    )


def test_programmes_may_be_nearly_empty() -> None:
    found = hypothesis.find(
        ost.programmes(),
        lambda p: not (p.milestones or p.subprojects or p.measures or p.decisions),
        settings=_FIND,
    )
    assert found.milestones == ()


@settings(max_examples=30, deadline=None)
@given(ost.programmes(realistic=True))
def test_realistic_programmes_are_readable(programme: Programme) -> None:
    assert all(text is None or text.strip() for text in _optional_texts(programme))
    assert all(1838 <= year <= 2040 for year in _years(programme))
    texts = [v for v in _values(programme) if isinstance(v, str)]
    assert not any(c < " " and c != "\n" for text in texts for c in text)


# --- overrides ----------------------------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(ost.programmes(milestones=st.just(()), name=st.just("Stifinneren")))
def test_programme_fields_can_be_fixed(programme: Programme) -> None:
    assert programme.milestones == ()
    assert programme.name == "Stifinneren"
    assert not any(item.milestones for d in programme.decisions for item in d.items)


@settings(max_examples=20, deadline=None)
@given(
    ost.programmes(
        milestones=st.lists(ost.milestones(), min_size=1, max_size=3, unique_by=lambda m: m.id)
    )
)
def test_references_come_from_the_collections_given(programme: Programme) -> None:
    ids = {m.id for m in programme.milestones}
    assert ids
    assert all(set(item.milestones) <= ids for d in programme.decisions for item in d.items)


def test_an_override_that_is_not_a_field_is_refused() -> None:
    with pytest.raises(TypeError, match="not a field of Programme: milestone"):
        ost.programmes(milestone=st.just(()))


@settings(max_examples=20, deadline=None)
@given(
    ost.programmes(
        realistic=True, events=st.lists(ost.events(), max_size=2, unique_by=lambda e: e.id)
    )
)
def test_parts_drawn_in_a_realistic_programme_are_realistic(programme: Programme) -> None:
    assert all(1990 <= year <= 2040 for e in programme.events for year in _years(e))


# --- filled-in reports and the kit's messages ---------------------------------------

MILESTONE_PLAN = next(t for t in TEMPLATES if t.id == "milestone-plan")
FILLED_IN = {"milestones": ["done", "estimated_finish", "report_date", "report_status_text"]}


@settings(max_examples=40, deadline=None)
@given(ost.programmes(), st.data())
def test_a_filled_in_milestone_plan_reads_back(programme: Programme, data: st.DataObject) -> None:
    report = MILESTONE_PLAN.build(programme, BuildRequest())
    filled = data.draw(ost.filled_reports(report, FILLED_IN))
    assert [len(s.rows) for s in filled.sections] == [len(s.rows) for s in report.sections]
    check_parse_round_trip(MILESTONE_PLAN, programme, filled)


def _filled_plan() -> tuple[Programme, Report]:
    one_milestone = st.lists(ost.milestones(), min_size=1, max_size=1)
    programme = hypothesis.find(
        ost.programmes(milestones=one_milestone, realistic=True), lambda _: True, settings=_FIND
    )
    report = MILESTONE_PLAN.build(programme, BuildRequest())
    filled = hypothesis.find(
        ost.filled_reports(report, {"milestones": ["done"]}), lambda _: True, settings=_FIND
    )
    (section,) = filled.sections_for("milestones")
    flipped = {**section.rows[0], "done": not section.rows[0].get("done", False)}
    return programme, filled.with_sections(
        tuple(attrs.evolve(s, rows=(flipped,)) if s is section else s for s in filled.sections)
    )


def test_the_kit_says_which_field_was_lost() -> None:
    programme, filled = _filled_plan()
    lazy = attrs.evolve(MILESTONE_PLAN, parse=lambda report, programme: programme)
    with pytest.raises(PluginCheckError) as caught:
        check_parse_round_trip(lazy, programme, filled)
    message = str(caught.value)
    assert "lost what was filled in" in message
    assert ".rows[0].done: filled in" in message
    assert "read back" in message


def test_reports_of_any_schema_are_drawn() -> None:
    found = hypothesis.find(
        ost.reports(),
        lambda r: any(v == "" for s in r.sections for row in s.rows for v in row.values()),
        settings=_FIND,
    )
    assert found.sections

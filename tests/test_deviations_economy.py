"""Deviations (avvik) and the programme's economy in the status and final reports:
the deviations open in a period and no others, every deviation in the final report
with the period it was closed in, budget and actual per kind, grants by grantor,
totals per currency, and each member's share of a cooperation's costs by its cost
key (Flesberg and Rollag, 60/40), rendered through the command line to Markdown and
Word."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path

import attrs
import docx
import pytest
from click.testing import CliRunner
from docx.enum.section import WD_ORIENT
from hypothesis import given
from hypothesis import strategies as st

from omstilling.cli import cli
from omstilling.files import load, save
from omstilling.hookspecs import BuildRequest
from omstilling.model import (
    BudgetKind,
    BudgetLine,
    Deviation,
    DeviationKind,
    Language,
    Membership,
    Milestone,
    Money,
    Organisation,
    OrganisationKind,
    Period,
    PeriodKind,
    Programme,
    Subproject,
    milestones_of,
    of_participant,
)
from omstilling.report import Report, as_money
from omstilling.templates import TEMPLATES
from omstilling.templates._deviations import DEVIATION_KIND
from omstilling.templates._economy import BUDGET_KIND
from omstilling.testing import strategies as ost
from omstilling.testing.documents import check_documents

from .conftest import EXAMPLES

FLESBERG = EXAMPLES / "flesberg-rollag.yaml"
ASKER = EXAMPLES / "nye-asker-2020.yaml"
COOPERATION = "sosial-barnevern-flesberg-rollag"


def _build(
    template: str,
    programme: Programme,
    *,
    period: Period | None = None,
    participant: str | None = None,
    language: Language | None = None,
) -> Report:
    found = next(t for t in TEMPLATES if t.id == template)
    request = BuildRequest(period=period, participant=participant, language=language)
    return found.build(programme, request)


def _render(tmp_path: Path, plan: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(
        cli, [*args, "-o", str(out), str(plan)], catch_exceptions=False, prog_name="omstilling"
    )
    assert result.exit_code == 0, result.output
    return out


def _amount(text: str) -> Money:
    return Money.parse(text.strip())


def _md_table(text: str, heading: str) -> list[dict[str, str]]:
    """The rows of the Markdown table under ``heading``, by column heading."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip("#").strip() == heading)
    table = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            cells = line.strip().strip("|").split("|")
            table.append([re.sub(r"\\(.)", r"\1", cell.strip()) for cell in cells])
    header, _rule, *rows = table
    return [dict(zip(header, row, strict=True)) for row in rows]


def _docx_table(path: Path, *headings: str) -> list[dict[str, str]]:
    """The rows of the first Word table whose heading row is ``headings``."""
    document = docx.Document(str(path))
    for table in document.tables:
        header = [cell.text.strip() for cell in table.rows[0].cells]
        if header == list(headings):
            return [
                dict(zip(header, [c.text.strip() for c in row.cells], strict=True))
                for row in table.rows[1:]
            ]
    raise AssertionError(f"no table with {headings}")


# ---- Flesberg and Rollag: the 60/40 key ------------------------------------------


def _check_shares(rows: list[dict[str, str]], programme: Programme) -> None:
    """Every cost line of the cooperation in 2001-H2 has Flesberg's 60 % and Rollag's
    40 % of it, and the two sum to the line's amount."""
    lines = [x for x in programme.economy if x.organisation == COOPERATION]
    assert lines
    for line in lines:
        item = line.description
        assert line.budget is not None
        mine = {r["Medlem"]: r for r in rows if r["Gjelder"] == item}
        assert set(mine) == {"Flesberg kommune", "Rollag kommune"}
        flesberg = _amount(mine["Flesberg kommune"]["Budsjett"])
        rollag = _amount(mine["Rollag kommune"]["Budsjett"])
        assert mine["Flesberg kommune"]["Andel (%)"] == "60"
        assert mine["Rollag kommune"]["Andel (%)"] == "40"
        assert flesberg.amount == line.budget.amount * Decimal("0.6")
        assert rollag.amount == line.budget.amount * Decimal("0.4")
        assert flesberg + rollag == line.budget
        if line.actual is not None:
            shares = _amount(mine["Flesberg kommune"]["Regnskap"]) + _amount(
                mine["Rollag kommune"]["Regnskap"]
            )
            assert shares == line.actual


def test_flesberg_and_rollag_share_the_costs_60_40_in_the_status_report(tmp_path: Path) -> None:
    programme = load(FLESBERG)
    args = ("render", "--template", "status", "--period", "2001-H2")
    markdown = _render(tmp_path, FLESBERG, "status.md", *args).read_text("utf-8")
    _check_shares(_md_table(markdown, "Fordeling etter kostnadsnøkkel"), programme)
    # the whole of the first line, as a reader checks it: 600 000 kr + 400 000 kr
    assert "| Flesberg kommune | 60 | 600\u00a0000\u00a0kr |" in markdown
    assert "| Rollag kommune | 40 | 400\u00a0000\u00a0kr |" in markdown
    # the amounts are not the project's, and the report says so
    note = "Beløpene er ikke hentet fra prosjektets dokumenter"
    # once, under the lines, since every line has it
    assert markdown.count(note) == 1
    assert markdown.index("### Budsjett og regnskap") < markdown.index(note)
    word = _render(tmp_path, FLESBERG, "status.docx", *args)
    shares = _docx_table(word, "Gjelder", "Medlem", "Andel (%)", "Budsjett", "Regnskap")
    _check_shares(shares, programme)
    summary = {r["Gjelder"]: r for r in _docx_table(word, "Gjelder", "Budsjett", "Regnskap")}
    assert _amount(summary["Drift"]["Budsjett"]) == Money(Decimal(1_000_000))
    assert _amount(summary["Sum kostnader"]["Budsjett"]) == Money(Decimal(1_150_000))
    assert note in "\n".join(p.text for p in docx.Document(str(word)).paragraphs)


def test_the_example_says_every_amount_is_not_from_the_documents() -> None:
    programme = load(FLESBERG)
    assert programme.economy
    for line in programme.economy:
        assert line.note is not None
        assert "ikke hentet fra prosjektets dokumenter" in line.note
        assert "60/40" in line.note


def test_the_economy_shows_from_its_first_period_and_not_before() -> None:
    programme = load(FLESBERG)
    before = _build("status", programme, period=Period.parse("2001-H1"))
    assert not {"economy", "economy_lines", "cost_shares"} & {s.key for s in before.sections}
    later = _build("status", programme, period=Period.parse("2002-H1"))
    keys = [s.key for s in later.sections]
    # to date, but nothing in the period itself
    assert "economy" in keys
    assert "economy_lines" not in keys
    (economy,) = later.sections_for("economy")
    assert economy.rows == ()
    assert economy.note == "Ingen budsjett eller regnskap for perioden."
    (to_date,) = later.sections_for("economy_to_date")
    assert {row.get("budget") for row in to_date.rows} >= {Money(Decimal(1_000_000))}
    # in the period itself, the period is all there is to date
    now = _build("status", programme, period=Period.parse("2001-H2"))
    assert not now.sections_for("economy_to_date")


def test_a_programme_without_deviations_or_economy_has_no_such_sections() -> None:
    programme = attrs.evolve(load(FLESBERG), economy=(), deviations=())
    ours = {"economy", "economy_lines", "cost_shares", "deviation_log"}
    for template, period in (("status", Period.parse("2001-H2")), ("final-report", None)):
        report = _build(template, programme, period=period)
        assert not ours & {s.key for s in report.sections}


# ---- deviations --------------------------------------------------------------------

PERIODS = [Period(year, PeriodKind.HALF, half) for year in (2001, 2002, 2003) for half in (1, 2)]


@st.composite
def _deviations(draw: st.DrawFn) -> tuple[Deviation, ...]:
    found = []
    for index in range(draw(st.integers(0, 6))):
        reported = draw(st.integers(0, len(PERIODS) - 1))
        closed = draw(st.none() | st.integers(reported, len(PERIODS) - 1))
        found.append(
            Deviation(
                id=f"avvik-{index}",
                title=f"Avvik nummer {index}",
                kind=draw(st.none() | st.sampled_from(DeviationKind)),
                cause=draw(st.none() | st.just("Årsaken")),
                corrective_action="Tiltaket",
                reported_in=PERIODS[reported],
                closed_in=None if closed is None else PERIODS[closed],
                participant=draw(st.none() | st.sampled_from(["flesberg", "rollag"])),
                subproject=draw(st.none() | st.sampled_from(["arkiv", "ikt"])),
            )
        )
    return tuple(found)


# a subproject of Rollag's, and one of no participant's
_SUBPROJECTS = (
    Subproject(id="arkiv", name="Arkiv", participant="rollag"),
    Subproject(id="ikt", name="IKT"),
)


def _shown(report: Report, key: str) -> list[str]:
    return [str(row["title"]) for s in report.sections_for(key) for row in s.rows]


@given(_deviations(), st.sampled_from(PERIODS), st.sampled_from(list(Language)))
def test_the_status_shows_exactly_the_deviations_open_in_its_period(
    deviations: tuple[Deviation, ...], period: Period, language: Language
) -> None:
    programme = attrs.evolve(_FLESBERG, deviations=deviations, subprojects=_SUBPROJECTS)
    report = _build("status", programme, period=period, language=language)
    assert sorted(_shown(report, "deviation_log")) == sorted(
        d.title for d in deviations if d.open_in(period)
    )
    for section in report.sections_for("deviation_log"):
        assert all("closed_in" not in row for row in section.rows)
    # one participant's status: its own open deviations, and those of its subprojects
    # that name no participant, as its milestones and measures are counted
    alone = _build("status", programme, period=period, participant="rollag")
    assert sorted(_shown(alone, "deviation_log")) == sorted(
        d.title
        for d in deviations
        if d.open_in(period)
        and (d.participant == "rollag" or (d.participant is None and d.subproject == "arkiv"))
    )


@given(_deviations(), st.none() | st.sampled_from(PERIODS))
def test_the_final_report_lists_every_deviation_open_or_closed(
    deviations: tuple[Deviation, ...], period: Period | None
) -> None:
    programme = attrs.evolve(_FLESBERG, deviations=deviations, subprojects=_SUBPROJECTS)
    report = _build("final-report", programme, period=period)
    reported = [d for d in deviations if period is None or d.reported_in <= period]
    assert sorted(_shown(report, "deviation_log")) == sorted(d.title for d in reported)
    closed = {
        row["title"]: row.get("closed_in")
        for s in report.sections_for("deviation_log")
        for row in s.rows
    }
    for d in reported:
        by_then = d.closed_in is not None and (period is None or d.closed_in <= period)
        assert closed[d.title] == (d.closed_in if by_then else None)


_FLESBERG = load(FLESBERG)


def _with_deviations() -> Programme:
    return attrs.evolve(
        _FLESBERG,
        deviations=(
            Deviation(
                id="arkiv",
                title="Flytting av arkivet til hovedkontoret er forsinket",
                kind=DeviationKind.SCHEDULE,
                cause="Arkivet i Rollag må ordnes før det flyttes",
                consequence="Saksbehandlerne i Flesberg mangler eldre saker",
                corrective_action="Ekstra merkantil ressurs i tre uker",
                responsible="Leder for tjenesten",
                reported_in=Period.parse("2001-H2"),
                participant="rollag",
            ),
            Deviation(
                id="lisenser",
                title="Fire lisenser i saksbehandlerprogrammet, ikke to",
                kind=DeviationKind.COST,
                responsible="Prosjektleder",
                reported_in=Period.parse("2001-H2"),
                closed_in=Period.parse("2002-H1"),
            ),
        ),
    )


def test_a_participants_status_has_the_deviations_of_its_subprojects(tmp_path: Path) -> None:
    arkiv = Subproject(id="arkiv", name="Arkiv", participant="rollag")
    milestone = Milestone(id="arkiv-flyttet", title="Arkivet er flyttet", subproject="arkiv")
    programme = _with_deviations()
    # the archive's deviation names its subproject, not the participant
    deviation = attrs.evolve(programme.deviations[0], participant=None, subproject="arkiv")
    programme = attrs.evolve(
        programme,
        subprojects=(arkiv,),
        milestones=(*programme.milestones, milestone),
        deviations=(deviation, *programme.deviations[1:]),
    )
    # counted as the model counts the subproject's milestones
    assert milestone in milestones_of(programme, "rollag")
    assert of_participant(programme, "rollag", programme.deviations) == (deviation,)
    period = Period.parse("2001-H2")
    for participant, wanted in (("rollag", [deviation.title]), ("flesberg", [])):
        report = _build("status", programme, period=period, participant=participant)
        assert _shown(report, "deviation_log") == wanted
    plan = tmp_path / "flesberg.yaml"
    save(programme, plan)
    args = ("render", "--template", "status", "--period", "2001-H2", "--participant", "rollag")
    markdown = _render(tmp_path, plan, "rollag.md", *args).read_text("utf-8")
    assert [r["Avvik"] for r in _md_table(markdown, "Avvik")] == [deviation.title]


def test_deviations_render_through_the_command_line(tmp_path: Path) -> None:
    plan = tmp_path / "flesberg.yaml"
    save(_with_deviations(), plan)
    status = _render(
        tmp_path, plan, "status.md", "render", "--template", "status", "--period", "2002-H1"
    ).read_text("utf-8")
    (row,) = _md_table(status, "Avvik")
    assert row["Avvik"] == "Flytting av arkivet til hovedkontoret er forsinket"
    assert row["Type"] == "Tid"
    assert row["Korrigerende tiltak"] == "Ekstra merkantil ressurs i tre uker"
    assert row["Meldt"] == "2. halvår 2001"
    assert row["Deltaker"] == "Rollag kommune"
    assert "Lukket" not in row
    final = _render(tmp_path, plan, "final.md", "render", "--template", "final-report")
    rows = _md_table(final.read_text("utf-8"), "Avvik meldt i programmet")
    assert {r["Avvik"]: r["Lukket"] for r in rows} == {
        "Flytting av arkivet til hovedkontoret er forsinket": "",
        "Fire lisenser i saksbehandlerprogrammet, ikke to": "1. halvår 2002",
    }
    word = _render(tmp_path, plan, "final.docx", "render", "--template", "final-report")
    columns = ["Avvik", "Type", "Årsak", "Konsekvens", "Korrigerende tiltak", "Ansvarlig"]
    rows = _docx_table(word, *columns, "Meldt", "Lukket", "Deltaker")
    assert {r["Avvik"]: r["Lukket"].replace("\u00a0", " ") for r in rows} == {
        "Flytting av arkivet til hovedkontoret er forsinket": "",
        "Fire lisenser i saksbehandlerprogrammet, ikke to": "1. halvår 2002",
    }


def test_the_deviation_words_are_in_every_language() -> None:
    assert set(DEVIATION_KIND) == set(DeviationKind)
    assert set(BUDGET_KIND) == set(BudgetKind)
    report = _build(
        "status", _with_deviations(), period=Period.parse("2001-H2"), language=Language.NN
    )
    (section,) = report.sections_for("deviation_log")
    assert {row["kind"] for row in section.rows} == {"Tid", "Kostnad"}
    english = _build(
        "final-report", _with_deviations(), period=Period.parse("2001-H2"), language=Language.EN
    )
    assert report.schema.section("deviation_log").title.get(Language.NN) == "Avvik"
    assert english.schema.section("deviation_log").title.get(Language.EN) == (
        "Deviations reported in the programme"
    )


# ---- the economy --------------------------------------------------------------------

_KEYS = st.integers(1, 99).map(Decimal)
_AMOUNTS = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False)


def _cooperation(first: Decimal) -> Organisation:
    service = _FLESBERG.organisation(COOPERATION)
    return attrs.evolve(
        service,
        members=(
            Membership(organisation="flesberg", cost_share=first),
            Membership(organisation="rollag", cost_share=Decimal(100) - first),
        ),
    )


def _total(values: list[object]) -> Money:
    found = Money(Decimal(0))
    for value in values:
        assert isinstance(value, Money)
        found += value
    return found


_KINDS = st.sampled_from(list(BudgetKind))


@given(
    _KEYS,
    st.lists(st.tuples(_KINDS, _AMOUNTS, st.none() | _AMOUNTS), min_size=1, max_size=4),
)
def test_each_members_share_sums_to_the_line_by_any_key(
    first: Decimal, amounts: list[tuple[BudgetKind, Decimal, Decimal | None]]
) -> None:
    organisations = tuple(
        _cooperation(first) if o.id == COOPERATION else o for o in _FLESBERG.organisations
    )
    lines = tuple(
        BudgetLine(
            period=Period.parse("2001-H2"),
            kind=kind,
            description=f"Linje {index}",
            budget=Money(budget),
            actual=None if actual is None else Money(actual),
            organisation=COOPERATION,
        )
        for index, (kind, budget, actual) in enumerate(amounts)
    )
    programme = attrs.evolve(_FLESBERG, organisations=organisations, economy=lines)
    keys = [first, Decimal(100) - first]
    # the status: each line split by the key, to the øre, and the costs' sum
    status = _build("status", programme, period=Period.parse("2001-H2"))
    (shares,) = status.sections_for("cost_shares")
    for line in lines:
        rows = [r for r in shares.rows if r["item"] == line.description]
        assert [r["share"] for r in rows] == keys
        assert _total([r["budget"] for r in rows]) == line.budget
        budget = as_money(rows[0]["budget"])
        assert budget is not None
        assert abs(budget.amount - line.budget.amount * first / 100) <= Decimal("0.01")
        if line.actual is not None:
            assert _total([r["actual"] for r in rows]) == line.actual
    costs = [x for x in lines if x.kind is not BudgetKind.GRANT]
    summed = [r for r in shares.rows if r["item"] == "Sum kostnader"]
    assert len(summed) == (2 if len(costs) > 1 else 0)
    if summed:
        assert _total([r["budget"] for r in summed]) == _total([x.budget for x in costs])
    # the final report: what each member bears per kind, over the whole programme
    final = _build("final-report", programme)
    (borne,) = final.sections_for("cost_shares")
    for kind in BudgetKind:
        mine = [x for x in lines if x.kind is kind]
        words = BUDGET_KIND[kind].get(Language.NB)
        rows = [r for r in borne.rows if str(r["item"]).startswith(words)]
        if kind is BudgetKind.GRANT:
            rows = [r for r in borne.rows if str(r["item"]).startswith("Tilskudd")]
        assert len(rows) == (2 if mine else 0)
        if mine:
            assert [r["share"] for r in rows] == keys
            assert _total([r["budget"] for r in rows]) == _total([x.budget for x in mine])


def test_grants_by_grantor_and_totals_per_currency() -> None:
    h2 = Period.parse("2001-H2")
    lines = (
        BudgetLine(period=h2, kind=BudgetKind.OPERATIONS, budget=Money(Decimal(100))),
        BudgetLine(period=h2, kind=BudgetKind.ONE_OFF, budget=Money(Decimal(50))),
        BudgetLine(
            period=h2, kind=BudgetKind.ONE_OFF, budget=Money(Decimal(7), "EUR"), note="Kurs"
        ),
        BudgetLine(
            period=h2,
            kind=BudgetKind.GRANT,
            budget=Money(Decimal(80)),
            actual=Money(Decimal(40)),
            grantor="fylkesmannen-buskerud",
        ),
        BudgetLine(
            period=Period.parse("2001"),
            kind=BudgetKind.GRANT,
            actual=Money(Decimal(10)),
            grantor="krd",
        ),
        BudgetLine(period=Period.parse("2002"), kind=BudgetKind.OPERATIONS, budget=Money(1)),
        BudgetLine(period=Period.parse("2001-H1"), kind=BudgetKind.OPERATIONS, budget=Money(5)),
    )
    programme = attrs.evolve(_FLESBERG, economy=lines)
    report = _build("status", programme, period=h2)
    nok = Money
    (economy,) = report.sections_for("economy")
    assert [(r["item"], r.get("budget"), r.get("actual")) for r in economy.rows] == [
        ("Drift", nok(100), None),
        ("Engangskostnader", nok(50), None),
        ("Sum kostnader", nok(150), None),
        # the year's grant is not the half-year's: one grantor, and so no sum of grants
        ("Tilskudd fra Fylkesmannen i Buskerud", nok(80), nok(40)),
        # in euros, one kind of cost and so no sum of costs
        ("Engangskostnader", Money(7, "EUR"), None),
    ]
    # to date: the first half-year too, and not 2002
    (to_date,) = report.sections_for("economy_to_date")
    assert [(r["item"], r.get("budget"), r.get("actual")) for r in to_date.rows][:6] == [
        ("Drift", nok(105), None),
        ("Engangskostnader", nok(50), None),
        ("Sum kostnader", nok(155), None),
        # grantors in the order of their lines' periods: 2001 before 2001-H2
        ("Tilskudd fra Kommunal- og regionaldepartementet", None, nok(10)),
        ("Tilskudd fra Fylkesmannen i Buskerud", nok(80), nok(40)),
        ("Sum tilskudd", nok(80), nok(50)),
    ]
    # the half-year's own lines; 2001-H1 and 2002 not
    (shown,) = report.sections_for("economy_lines")
    assert [r.get("period") for r in shown.rows] == [None, None, None, None]
    assert [r.get("note") for r in shown.rows] == [None, None, "Kurs", None]
    # the year's grant apart, with its period, and its actual since the year has ended
    (beyond,) = report.sections_for("economy_beyond")
    assert [(r.get("period"), r.get("actual")) for r in beyond.rows] == [
        (Period.parse("2001"), nok(10))
    ]
    final = _build("final-report", programme, language=Language.EN)
    (whole,) = final.sections_for("economy")
    assert whole.rows[0] == {"item": "Operations", "budget": nok(106)}
    assert final.schema.section("economy").column("budget").label.get(Language.EN) == "Budget"
    assert not final.sections_for("economy_to_date")


def test_a_sum_beyond_what_money_holds_is_written_out() -> None:
    big = Money(Decimal("9E+30"))
    h2 = Period.parse("2001-H2")
    lines = tuple(BudgetLine(period=h2, kind=BudgetKind.OPERATIONS, budget=big) for _ in range(3))
    programme = attrs.evolve(_FLESBERG, economy=lines)
    report = _build("status", programme, period=h2)
    (economy,) = report.sections_for("economy")
    (row,) = economy.rows
    assert "budget" not in row
    assert str(row["budget_text"]).startswith("27\u00a0000\u00a0000")


def test_a_participants_status_has_its_own_economy() -> None:
    h2 = Period.parse("2001-H2")
    lines = (
        BudgetLine(period=h2, kind=BudgetKind.OPERATIONS, budget=Money(1), participant="rollag"),
        BudgetLine(period=h2, kind=BudgetKind.OPERATIONS, budget=Money(2), organisation="flesberg"),
    )
    programme = attrs.evolve(_FLESBERG, economy=lines)
    for participant, amount in (("rollag", 1), ("flesberg", 2)):
        report = _build("status", programme, period=h2, participant=participant)
        (economy,) = report.sections_for("economy")
        assert economy.rows[0]["budget"] == Money(amount)
    # a member's own status has the cooperation's lines and its share of them
    report = _build("status", _FLESBERG, period=h2, participant="rollag")
    (shares,) = report.sections_for("cost_shares")
    rollag = [r for r in shares.rows if r["member"] == "Rollag kommune"]
    assert [r["budget"] for r in rollag] == [Money(400_000), Money(60_000), Money(460_000)]
    # and a participant without lines or a share has no economy
    alone = attrs.evolve(_FLESBERG, economy=lines[1:])
    assert not _build("status", alone, period=h2, participant="rollag").sections_for("economy")
    # nor are its own deviations said to be its own
    report = _build("status", _with_deviations(), period=h2, participant="rollag")
    (deviations,) = report.sections_for("deviation_log")
    assert [row.get("participant") for row in deviations.rows] == [None]


# ---- what is in the period, and what to date -----------------------------------------

_NONE = "Ingen budsjett eller regnskap for perioden."


def _items(report: Report, key: str, column: str) -> list[object]:
    return [row.get(column) for s in report.sections_for(key) for row in s.rows]


def test_a_years_line_is_apart_from_the_half_years_in_the_merger(tmp_path: Path) -> None:
    programme = load(ASKER)
    grant = next(x for x in programme.economy if x.budget == Money(14_200_000))
    assert grant.period == Period.parse("2018")
    for half in ("2018-H1", "2018-H2"):
        report = _build("status", programme, period=Period.parse(half))
        # not the half-year's budget, in neither half
        (economy,) = report.sections_for("economy")
        assert grant.budget not in [row.get("budget") for row in economy.rows]
        assert not report.sections_for("economy_lines")
        # but shown apart, with its own period
        (beyond,) = report.sections_for("economy_beyond")
        assert [(r["period"], r["budget"]) for r in beyond.rows] == [(grant.period, grant.budget)]
        assert economy.note != _NONE
    # 2017's line is no half-year's either, and no "none" stands above it
    first = _build("status", programme, period=Period.parse("2017-H1"))
    (economy,) = first.sections_for("economy")
    assert economy.note != _NONE
    assert _items(first, "economy_beyond", "period") == [Period.parse("2017")]
    args = ("render", "--template", "status", "--period", "2017-H1")
    markdown = _render(tmp_path, ASKER, "2017-H1.md", *args).read_text("utf-8")
    assert _NONE not in markdown
    assert "Ingen linjer gjelder denne perioden alene" in markdown
    assert "### Budsjett og regnskap for lengre perioder" in markdown
    args = ("render", "--template", "status", "--period", "2018-H1")
    markdown = _render(tmp_path, ASKER, "2018-H1.md", *args).read_text("utf-8")
    (row,) = _md_table(markdown, "Budsjett og regnskap for lengre perioder")
    assert row["Periode"] == "2018"
    assert _amount(row["Budsjett"]) == grant.budget


def _year_and_half() -> Programme:
    year, h1 = Period.parse("2001"), Period.parse("2001-H1")
    lines = (
        BudgetLine(
            period=year,
            kind=BudgetKind.OPERATIONS,
            description="Året",
            budget=Money(1000),
            actual=Money(900),
            organisation=COOPERATION,
        ),
        BudgetLine(
            period=h1,
            kind=BudgetKind.ONE_OFF,
            description="Halvåret",
            budget=Money(100),
            actual=Money(80),
            organisation=COOPERATION,
        ),
    )
    return attrs.evolve(_FLESBERG, economy=lines)


def _actuals(report: Report) -> list[Money]:
    """Every actual amount the economy sections show (as_money refuses text)."""
    found: list[Money] = []
    for section in report.sections:
        if section.key.startswith(("economy", "cost_shares")):
            for row in section.rows:
                for key, value in row.items():
                    money = as_money(value) if key.startswith("actual") else None
                    if money is not None:
                        found.append(money)
    return found


def test_a_years_actual_is_not_shown_before_the_year_has_ended() -> None:
    programme = _year_and_half()
    h1, h2 = Period.parse("2001-H1"), Period.parse("2001-H2")
    first = _build("status", programme, period=h1)
    # the half-year's own line, with its actual, and 60/40 of it
    assert _items(first, "economy", "budget") == [Money(100)]
    assert _items(first, "economy_lines", "actual") == [Money(80)]
    assert sorted(x.amount for x in _actuals(first)) == [32, 48, 80, 80]
    # the year's line apart, its budget and shares of it, but no actual yet
    (beyond,) = first.sections_for("economy_beyond")
    assert [(r["period"], r["budget"], r.get("actual")) for r in beyond.rows] == [
        (Period.parse("2001"), Money(1000), None)
    ]
    shares = {
        (r["item"], r["member"]): r for s in first.sections_for("cost_shares") for r in s.rows
    }
    assert shares["Året", "Flesberg kommune"]["budget"] == Money(600)
    assert shares["Året", "Flesberg kommune"]["period"] == Period.parse("2001")
    assert "actual" not in shares["Året", "Flesberg kommune"]
    # the year is not summed with the half-year: one line of costs in the period
    assert "Sum kostnader" not in {item for item, _member in shares}
    # to date: what has ended, and it says what is left out
    (to_date,) = first.sections_for("economy_to_date") or (None,)
    assert to_date is None  # the half-year is all that has ended
    # at the year's end its actual is known
    second = _build("status", programme, period=h2)
    assert _items(second, "economy_beyond", "actual") == [Money(900)]
    assert _items(second, "economy_to_date", "actual")[:1] == [Money(900)]
    # the final report as of each half
    assert _items(_build("final-report", programme, period=h1), "economy", "actual") == [
        None,
        Money(80),
        Money(80),
    ]
    assert Money(900) in _items(_build("final-report", programme, period=h2), "economy", "actual")


def test_to_date_leaves_out_lines_not_ended_and_says_so() -> None:
    programme = _year_and_half()
    later = (
        BudgetLine(period=Period.parse("2002"), kind=BudgetKind.OPERATIONS, budget=Money(7)),
        BudgetLine(period=Period.parse("2002-H1"), kind=BudgetKind.OPERATIONS, budget=Money(3)),
    )
    programme = attrs.evolve(programme, economy=(*programme.economy, *later))
    report = _build("status", programme, period=Period.parse("2002-H1"))
    assert _items(report, "economy", "budget") == [Money(3)]
    (to_date,) = report.sections_for("economy_to_date")
    assert to_date.rows[0] == {"item": "Drift", "budget": Money(1003), "actual": Money(900)}
    assert to_date.note == "Linjer for perioder som ikke er omme, er ikke med."
    assert _items(report, "economy_beyond", "budget") == [Money(7)]


def test_the_old_and_the_new_municipality_read_apart() -> None:
    programme = load(ASKER)
    old, new = programme.organisation("asker"), programme.organisation("nye-asker")
    assert old.name == new.name  # the very ambiguity
    h1 = Period.parse("2019-H1")
    lines = (
        BudgetLine(period=h1, kind=BudgetKind.ONE_OFF, budget=Money(1), organisation="asker"),
        BudgetLine(period=h1, kind=BudgetKind.ONE_OFF, budget=Money(2), organisation="nye-asker"),
        BudgetLine(period=h1, kind=BudgetKind.ONE_OFF, budget=Money(3), organisation="royken"),
    )
    programme = attrs.evolve(programme, economy=lines)
    for language in Language:
        report = _build("status", programme, period=h1, language=language)
        assert _items(report, "economy_lines", "organisation") == [
            "Asker kommune (0220)",
            "Nye Asker",
            "Røyken kommune",
        ]


@pytest.mark.parametrize("suffix", [".xlsx"])
def test_the_economy_renders_to_a_workbook(tmp_path: Path, suffix: str) -> None:
    import openpyxl

    out = _render(
        tmp_path,
        FLESBERG,
        f"status{suffix}",
        "render",
        "--template",
        "status",
        "--period",
        "2001-H2",
    )
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    values = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    ]
    assert 600000 in values
    assert 400000 in values


# ---- the documents as a reader sees them ---------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None or shutil.which("pdfimages") is None,
    reason="LOUD SKIP: LibreOffice or poppler is not installed, so the documents with "
    "deviations and economy were NOT checked page by page",
)
def test_the_status_and_final_report_with_deviations_and_economy_read_well(
    tmp_path: Path,
) -> None:
    plan = tmp_path / "flesberg.yaml"
    save(_with_deviations(), plan)
    documents = {
        _render(
            tmp_path,
            FLESBERG,
            "status.docx",
            "render",
            "--template",
            "status",
            "--period",
            "2001-H2",
        ): "Statusrapport",
        _render(
            tmp_path, plan, "avvik.docx", "render", "--template", "status", "--period", "2002-H1"
        ): "Statusrapport",
        _render(
            tmp_path, plan, "final.docx", "render", "--template", "final-report", "--lang", "nn"
        ): "Sluttrapport",
    }
    assert check_documents(documents) == []
    # the economy of Flesberg and Rollag fits a portrait page
    section = docx.Document(str(next(iter(documents)))).sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT


# ---- over every programme the kit draws ----------------------------------------------


def _with_cooperation(draw: st.DrawFn, programme: Programme) -> Programme:
    """``programme`` with one more cooperation with a cost key between two or three
    members, and lines of the economy that are its."""
    taken = {o.id for o in programme.organisations}
    ids = draw(
        st.lists(ost.ids().filter(lambda i: i not in taken), min_size=4, max_size=4, unique=True)
    )
    cooperation, *members = ids
    count = draw(st.integers(2, 3))
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=count - 1, max_size=count - 1)))
    shares = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    organisations = (
        *programme.organisations,
        *(Organisation(id=m, name=f"Kommune {m}") for m in members[:count]),
        Organisation(
            id=cooperation,
            name="Samarbeidet",
            kind=OrganisationKind.INTER_MUNICIPAL,
            members=tuple(
                Membership(organisation=m, cost_share=Decimal(share))
                for m, share in zip(members, shares, strict=False)
            ),
        ),
    )
    # the cooperation's own lines, and a few in the same period
    lines = draw(st.lists(ost.budget_lines(realistic=True), min_size=1, max_size=4))
    period = lines[0].period
    lines = [
        attrs.evolve(x, organisation=cooperation, period=period if i % 2 else x.period)
        for i, x in enumerate(lines)
    ]
    return attrs.evolve(
        programme, organisations=organisations, economy=(*programme.economy, *lines)
    )


@st.composite
def _programme_and_period(draw: st.DrawFn) -> tuple[Programme, Period]:
    """A programme as the kit draws it, wide or realistic, and a period: often one
    its deviations or economy name."""
    programme = draw(ost.programmes(realistic=draw(st.booleans())))
    if draw(st.booleans()):
        programme = _with_cooperation(draw, programme)
        if draw(st.booleans()):
            return programme, programme.economy[-1].period
    named = {d.reported_in for d in programme.deviations}
    named |= {d.closed_in for d in programme.deviations if d.closed_in is not None}
    named |= {x.period for x in programme.economy}
    choices = st.sampled_from(sorted(named)) if named else st.nothing()
    return programme, draw(choices | ost.periods())


@given(_programme_and_period())
def test_over_every_programme_the_status_shows_exactly_the_open_deviations(
    drawn: tuple[Programme, Period],
) -> None:
    programme, period = drawn
    report = _build("status", programme, period=period, language=Language.NB)
    shown = [
        (row["title"], row["reported_in"])
        for s in report.sections_for("deviation_log")
        for row in s.rows
    ]
    wanted = [(d.title, d.reported_in) for d in programme.deviations if d.open_in(period)]
    assert sorted(shown, key=str) == sorted(wanted, key=str)
    names = {o.id: o.name for o in programme.organisations}
    for section in report.sections_for("deviation_log"):
        assert {row.get("participant") for row in section.rows} <= {None, *names.values()}


def _by_currency(rows: Iterable[Mapping[str, object]], key: str) -> dict[str, Decimal]:
    found: dict[str, Decimal] = {}
    for row in rows:
        value = row.get(key)
        if isinstance(value, Money):
            found[value.currency] = found.get(value.currency, Decimal(0)) + value.amount
    return found


def _cooperation_lines(programme: Programme, lines: Iterable[BudgetLine]) -> list[BudgetLine]:
    keyed = {o.id for o in programme.organisations if any(m.cost_share for m in o.members)}
    return [x for x in lines if x.organisation in keyed]


@given(_programme_and_period())
def test_over_every_programme_the_members_shares_sum_to_the_lines(
    drawn: tuple[Programme, Period],
) -> None:
    programme, period = drawn
    sums = {"Sum kostnader", "Sum tilskudd"}
    status = _build("status", programme, period=period, language=Language.NB)
    begun = [x for x in programme.economy if x.period.start() <= period.end()]
    now = [x for x in begun if x.period.end() >= period.start()]
    assert bool(status.sections_for("economy")) == bool(begun)
    assert bool(status.sections_for("economy_lines")) == bool(now)
    shares = [r for s in status.sections_for("cost_shares") for r in s.rows]
    assert any(r.get("budget_text") or r.get("actual_text") for r in shares) or (
        _by_currency([r for r in shares if r["item"] not in sums], "budget")
        == _by_currency([{"b": x.budget} for x in _cooperation_lines(programme, now)], "b")
    )
    # the final report as of the period: the actual of lines whose period has ended
    ended = [x for x in begun if x.period.end() <= period.end()]
    final = _build("final-report", programme, period=period, language=Language.NB)
    borne = [r for s in final.sections_for("cost_shares") for r in s.rows]
    assert any(r.get("budget_text") or r.get("actual_text") for r in borne) or (
        _by_currency([r for r in borne if r["item"] not in sums], "actual")
        == _by_currency([{"a": x.actual} for x in _cooperation_lines(programme, ended)], "a")
    )


@given(_programme_and_period())
def test_over_every_programme_only_the_periods_lines_are_its_sums(
    drawn: tuple[Programme, Period],
) -> None:
    programme, period = drawn
    status = _build("status", programme, period=period, language=Language.NB)
    within = [
        x
        for x in programme.economy
        if period.start() <= x.period.start() and x.period.end() <= period.end()
    ]
    beyond = [
        x
        for x in programme.economy
        if x not in within and x.period.start() <= period.end() and x.period.end() >= period.start()
    ]
    for section in status.sections_for("economy_beyond"):
        assert all(row.get("period") is not None for row in section.rows)
    assert len(_items(status, "economy_beyond", "kind")) == len(beyond)
    assert len(_items(status, "economy_lines", "kind")) == len(within)
    # the actual of a line beyond the period only where the line's period has ended
    ended = [x for x in beyond if x.period.end() <= period.end() and x.actual is not None]
    assert len([a for a in _items(status, "economy_beyond", "actual") if a]) == len(ended)
    rows = [r for s in status.sections_for("economy") for r in s.rows]
    if not any(r.get("budget_text") for r in rows):
        costs = [x for x in within if x.kind is not BudgetKind.GRANT]
        kinds = {x.kind for x in costs}
        wanted = _by_currency([{"b": x.budget} for x in costs], "b")
        shown = [r for r in rows if r["item"] in {BUDGET_KIND[k].get(Language.NB) for k in kinds}]
        assert _by_currency(shown, "budget") == wanted
    names = [r.get("organisation") for s in status.sections_for("economy_lines") for r in s.rows]
    ids = [x.organisation for x in within if x.organisation != programme.owner]
    assert len({n for n in names if n}) == len({i for i in ids if i})

"""The benefits realisation plan (``benefits-plan``, gevinstrealiseringsplan): each
benefit with its owner, indicator, baseline, target and latest measurement, the
chart of how far each has come, and the measurements per period, also after the
programme's end; over a hand-made merger and over every programme drawn."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from omstilling.builtin.markdown import to_markdown
from omstilling.cli import cli
from omstilling.files import dumps_report, loads, loads_report, save
from omstilling.hookspecs import BuildRequest
from omstilling.model import (
    Benefit,
    BenefitKind,
    Indicator,
    IndicatorValue,
    Language,
    Period,
    Programme,
)
from omstilling.report import ChartKind, Report
from omstilling.templates import TEMPLATES, benefits
from omstilling.templates.benefits import realisation
from omstilling.testing import strategies as ost

MERGER = """\
schema_version: 3
id: ny-kommune
name: Sammenslåing av Bø og Sauherad
owner: midt-telemark
language: nb
period: {start: 2017-06, end: 2019-12}
organisations:
  - {id: midt-telemark, name: Midt-Telemark kommune}
  - {id: bo, name: Bø kommune}
  - {id: sauherad, name: Sauherad kommune}
participants:
  - organisation: bo
  - organisation: sauherad
subprojects:
  - {id: ikt, name: Felles IKT-plattform}
  - {id: tjenester, name: Tjenesteutvikling}
measures:
  - {id: felles-arkiv, title: Felles sak- og arkivsystem}
  - {id: innkjop, title: Samordnet innkjøp}
indicators:
  - id: sykefravaer
    name: Sykefravær i helse og omsorg
    unit: "%"
    higher_is_better: false
    baseline: 8.5
    baseline_period: 2017
    target: 6.5
    target_period: 2022
    values:
      - {period: 2018, actual: 8.1}
      - {period: 2020, actual: 7.3, target: 7.5}
      - {period: 2022, actual: 6.4, note: målt etter programmets slutt}
  - id: driftsutgifter
    name: Reduserte driftsutgifter i administrasjonen
    unit: NOK
    baseline: 0
    target: 5000000
    target_period: 2021
    values:
      - {period: 2019-H1, target: 1000000, actual: 800000}
      - {period: 2020, target: 3000000, actual: 2500000}
  - id: ventetid
    name: Ventetid på byggesak
    unit: dager
    target: 21
benefits:
  - id: lavere-sykefravaer
    title: Lavere sykefravær
    kind: quality
    description: Bedre arbeidsmiljø i de sammenslåtte enhetene.
    owner: Kommunalsjef helse og omsorg
    indicator: sykefravaer
    subprojects: [tjenester]
    participant: bo
  - id: innsparing-administrasjon
    title: Innsparing i administrasjonen
    kind: economic
    owner: Økonomisjef
    indicator: driftsutgifter
    measures: [felles-arkiv, innkjop]
    subprojects: [ikt]
  - id: kortere-ventetid
    title: Kortere ventetid på byggesak
    kind: time
    owner: Leder plan og bygg
    indicator: ventetid
    participant: sauherad
  - id: sterkere-fagmiljo
    title: Sterkere fagmiljøer
"""
"""Bø and Sauherad becoming Midt-Telemark (2017-2019), with benefits in per cent, in
kroner and in days, one measured after the programme's end, one never measured and
one without an indicator."""


@pytest.fixture(scope="module")
def merger() -> Programme:
    return loads(MERGER)


def _rows(report: Report, key: str) -> list[dict[str, object]]:
    return [dict(row) for section in report.sections_for(key) for row in section.rows]


def test_every_benefit_with_its_owner_indicator_and_numbers(merger: Programme) -> None:
    report = benefits.build(merger, BuildRequest())
    assert loads_report(dumps_report(report)) == report
    sections = report.sections_for("benefit")
    assert [s.title for s in sections] == [
        "Lavere sykefravær",
        "Innsparing i administrasjonen",
        "Kortere ventetid på byggesak",
        "Sterkere fagmiljøer",
    ]
    sick = sections[0].values
    assert sick["kind"] == "Kvalitet"
    assert sick["owner"] == "Kommunalsjef helse og omsorg"
    assert sick["participant"] == "Bø kommune"
    assert (sick["indicator"], sick["unit"]) == ("Sykefravær i helse og omsorg", "%")
    assert (sick["baseline"], sick["baseline_period"]) == (Decimal("8.5"), Period.parse("2017"))
    assert (sick["target"], sick["target_period"]) == (Decimal("6.5"), Period.parse("2022"))
    # measured in 2022, after the programme ended in 2019
    assert (sick["latest"], sick["latest_period"]) == (Decimal("6.4"), Period.parse("2022"))
    assert sick["subprojects"] == ("Tjenesteutvikling",)
    savings = sections[1].values
    assert savings["measures"] == ("Felles sak- og arkivsystem", "Samordnet innkjøp")
    assert savings["kind"] == "Økonomisk"
    assert sections[3].values == {"kind": "Annet"}
    (totals,) = report.sections_for("totals")
    assert totals.values == {"benefits": 4, "measured": 2, "reached": 1}


def test_the_chart_compares_realisation_not_units(merger: Programme) -> None:
    report = benefits.build(merger, BuildRequest())
    chart = report.schema.section("realisation").chart
    assert chart is not None
    assert chart.kind is ChartKind.TARGET_ACTUAL
    rows = _rows(report, "realisation")
    # sick leave 8.5 -> 6.4 of the way to 6.5: 105 %; savings 2.5 of 5 million: 50 %;
    # waiting time (never measured) and the benefit without an indicator are left out
    assert [(r["benefit"], r["target"], r["realised"]) for r in rows] == [
        ("Lavere sykefravær", Decimal(100), Decimal("105.0")),
        ("Innsparing i administrasjonen", Decimal(100), Decimal("50.0")),
    ]


def test_a_period_limits_the_measurements(merger: Programme) -> None:
    report = benefits.build(merger, BuildRequest(period=Period.parse("2019-H2")))
    rows = _rows(report, "measurements")
    # each benefit named with its unit
    assert [(r["benefit"], str(r["period"])) for r in rows] == [
        ("Lavere sykefravær (%)", "2018"),
        ("Innsparing i administrasjonen (NOK)", "2019-H1"),
    ]
    realised = _rows(report, "realisation")
    assert [r["realised"] for r in realised] == [Decimal("20.0"), Decimal("16.0")]
    everything = _rows(benefits.build(merger, BuildRequest()), "measurements")
    assert len(everything) == 5
    assert everything[2]["note"] == "målt etter programmets slutt"


def test_a_participant_sees_its_own_benefits(merger: Programme) -> None:
    report = benefits.build(merger, BuildRequest(participant="sauherad"))
    assert [s.title for s in report.sections_for("benefit")] == ["Kortere ventetid på byggesak"]
    assert report.sections_for("realisation") == ()


@pytest.mark.parametrize(
    ("language", "kind", "heading"),
    [
        (Language.NN, "Kvalitet", "## Gevinstrealisering"),
        (Language.EN, "Quality", "# Benefits realisation plan"),
    ],
)
def test_the_plan_in_nynorsk_and_english(
    merger: Programme, language: Language, kind: str, heading: str
) -> None:
    report = benefits.build(merger, BuildRequest(language=language))
    assert report.sections_for("benefit")[0].values["kind"] == kind
    assert heading in to_markdown(report).decode()


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "share"),
    [
        ("8.5", "6.5", "7.5", "50.0"),  # lower is better
        ("10", "20", "25", "150.0"),
        (None, "200", "50", None),  # no baseline: no way to count from
        (None, "6", "8", None),  # "down to 6 %" at 8 % is not 133 % reached
        ("10", "20", "5", "-50.0"),  # worse than at the start
        ("5", "5", "7", None),  # the target is the baseline: no way to go
        ("1", None, "7", None),
        ("0", "1E-29", "1E+30", None),  # beyond what a number holds
    ],
)
def test_realisation_is_the_share_of_the_way_from_baseline_to_target(
    baseline: str | None, target: str | None, actual: str, share: str | None
) -> None:
    indicator = Indicator(
        id="i",
        name="I",
        baseline=None if baseline is None else Decimal(baseline),
        target=None if target is None else Decimal(target),
        values=(IndicatorValue(period=Period.parse("2020"), actual=Decimal(actual)),),
    )
    assert realisation(indicator, None) == (None if share is None else Decimal(share))
    assert realisation(indicator, Period.parse("2019")) is None


def test_a_benefit_without_a_baseline_is_not_in_the_chart(merger: Programme) -> None:
    # sick leave measured 6.4 against a target of 6.5, with the baseline unknown
    indicators = tuple(
        attrs.evolve(i, baseline=None) if i.id == "sykefravaer" else i for i in merger.indicators
    )
    report = benefits.build(attrs.evolve(merger, indicators=indicators), BuildRequest())
    assert [r["benefit"] for r in _rows(report, "realisation")] == ["Innsparing i administrasjonen"]
    (totals,) = report.sections_for("totals")
    assert totals.values["reached"] == 0
    assert report.sections_for("benefit")[0].values["latest"] == Decimal("6.4")


def test_the_baseline_is_when_it_was_measured_in_english() -> None:
    fields = {c.key: c for c in benefits.SCHEMA.section("benefit").fields}
    assert fields["baseline_period"].label.get(Language.EN) == "Baseline measured"


def test_the_template_is_registered_and_needs_no_period() -> None:
    (found,) = [t for t in TEMPLATES if t.id == "benefits-plan"]
    assert not found.needs_period


# --- over every programme ------------------------------------------------------------


@st.composite
def _with_benefits(draw: st.DrawFn) -> tuple[Programme, Period | None]:
    """A programme as the kit draws it (benefits too), wide or realistic, or one
    given more benefits here, naming its indicators, measures, subprojects and
    participants; and a period (or none)."""
    programme = draw(ost.programmes(realistic=draw(st.booleans())))
    if draw(st.booleans()):
        programme = _more_benefits(draw, programme)
    periods = sorted({v.period for i in programme.indicators for v in i.values})
    choices = st.sampled_from(periods) if periods else st.nothing()
    return programme, draw(st.none() | choices | ost.periods())


def _more_benefits(draw: st.DrawFn, programme: Programme) -> Programme:
    def some(ids: list[str]) -> tuple[str, ...]:
        return tuple(draw(st.lists(st.sampled_from(ids), unique=True, max_size=2))) if ids else ()

    def one(ids: list[str]) -> str | None:
        return draw(st.none() | st.sampled_from(ids)) if ids else None

    taken = {b.id for b in programme.benefits}
    ids = draw(st.lists(ost.ids().filter(lambda i: i not in taken), unique=True, max_size=4))
    drawn = tuple(
        Benefit(
            id=benefit_id,
            title=draw(st.sampled_from(["Lavere sykefravær", "Innsparing", "Kortere ventetid"])),
            kind=draw(st.sampled_from(list(BenefitKind))),
            owner=draw(st.none() | st.just("Kommunalsjef")),
            indicator=one([i.id for i in programme.indicators]),
            measures=some([m.id for m in programme.measures]),
            subprojects=some([s.id for s in programme.subprojects]),
            participant=one([p.organisation for p in programme.participants]),
        )
        for benefit_id in ids
    )
    return attrs.evolve(programme, benefits=(*programme.benefits, *drawn))


@settings(deadline=None)
@given(_with_benefits())
def test_every_benefit_appears_once(drawn: tuple[Programme, Period | None]) -> None:
    programme, period = drawn
    report = benefits.build(programme, BuildRequest(period=period))
    assert [s.title for s in report.sections_for("benefit")] == [
        b.title for b in programme.benefits
    ]
    (totals,) = report.sections_for("totals")
    assert totals.value("benefits") == len(programme.benefits)
    indicators = {i.id: i for i in programme.indicators}
    expected = [
        (b.title, v.period, indicators[b.indicator].unit)
        for b in programme.benefits
        if b.indicator
        for v in sorted(indicators[b.indicator].values, key=lambda v: v.period)
        if period is None or v.period.start() <= period.end()
    ]
    shown = [(r["benefit"], r["period"]) for r in _rows(report, "measurements")]
    assert shown == [(f"{t} ({u})" if u else t, p) for t, p, u in expected]
    charted = [r["benefit"] for r in _rows(report, "realisation")]
    assert len(charted) <= len(programme.benefits)
    assert all(r["target"] == 100 for r in _rows(report, "realisation"))
    assert loads_report(dumps_report(report)) == report


# --- through the command line ----------------------------------------------------------


def _render(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["render", *args])
    return result.exit_code, result.output


def test_the_cli_renders_the_plan_to_every_file_type(merger: Programme, tmp_path: Path) -> None:
    source = tmp_path / "merger.yaml"
    save(merger, source)
    for suffix in (".docx", ".xlsx", ".md"):
        out = tmp_path / f"plan{suffix}"
        code, output = _render("--template", "benefits-plan", str(source), "-o", str(out))
        assert code == 0, output
        assert out.stat().st_size > 0
    markdown = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Gevinstrealiseringsplan")
    assert "| Lavere sykefravær (%) | 2022 |  | 6,4 | målt etter programmets slutt |" in markdown
    out = tmp_path / "period.md"
    code, output = _render(
        "--template", "benefits-plan", "--period", "2019-H2", str(source), "-o", str(out)
    )
    assert code == 0, output
    assert "6,4" not in out.read_text(encoding="utf-8")


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LOUD SKIP: LibreOffice or poppler is not installed: documents NOT checked",
)
def test_the_document_passes_the_checker(merger: Programme, tmp_path: Path) -> None:
    from omstilling.testing.documents import check_documents

    source = tmp_path / "merger.yaml"
    save(merger, source)
    documents = {}
    for language in ("nb", "en"):
        out = tmp_path / f"plan-{language}.docx"
        code, output = _render(
            "--template", "benefits-plan", "--lang", language, str(source), "-o", str(out)
        )
        assert code == 0, output
        documents[out] = benefits.build(merger, BuildRequest(language=Language(language)))
    assert check_documents(documents) == []

"""``stifinneren.status`` with omstilling's public kit: registration, and building over
any valid programme and period."""

from __future__ import annotations

from pathlib import Path

import omstilling_stifinneren
from hypothesis import given
from hypothesis import strategies as st

from omstilling.files import load
from omstilling.hookspecs import BuildRequest
from omstilling.model import PartialDate, Period, PeriodKind, Programme
from omstilling.report import as_bool, as_text
from omstilling.testing import check_format_round_trip, check_plugin
from omstilling.testing import strategies as ost

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "stifinneren-2004.yaml"
FORMAT = omstilling_stifinneren.FORMAT


def test_plugin_registers_cleanly() -> None:
    plugins = check_plugin(omstilling_stifinneren, "stifinneren")
    assert plugins.format("stifinneren.status") is FORMAT
    assert FORMAT.needs_period
    assert FORMAT.parse is None  # write-only
    assert FORMAT.schema.based_on == "status"


def _half(date: PartialDate) -> Period:
    """The half-year ``date`` falls in (the first, if it has no month)."""
    return Period(date.year, PeriodKind.HALF, 1 if (date.month or 1) <= 6 else 2)


@st.composite
def programmes_and_requests(draw: st.DrawFn) -> tuple[Programme, BuildRequest]:
    """A programme and a request: a drawn period, or one the programme has status,
    events or documents for (so reported participants, visits, gatherings and the
    "STATUS PR." document are exercised), and sometimes one participant."""
    programme = draw(ost.programmes())
    reported = sorted({e.period for e in programme.status_entries})
    periods: set[Period] = set()
    for event in programme.events:
        if event.period is not None:
            periods.add(event.period)
        if event.start is not None:
            periods.add(_half(event.start))
    for document in programme.documents:
        # the status report comes after its period (the year 1000 has none before it)
        if document.date is not None and document.date.year > 1000:
            periods.add(_half(document.date).previous())
    choices = [ost.periods()]
    if reported:
        choices.append(st.sampled_from(reported))
    if periods:
        choices.append(st.sampled_from(sorted(periods)))
    period = draw(st.one_of(*choices))
    participant = None
    one: bool = draw(st.booleans())
    if one and programme.participants:
        participant = draw(st.sampled_from([p.organisation for p in programme.participants]))
    return programme, BuildRequest(period=period, participant=participant)


@given(programmes_and_requests())
def test_builds_every_valid_programme(drawn: tuple[Programme, BuildRequest]) -> None:
    programme, request = drawn
    report = check_format_round_trip(FORMAT, programme, request)
    assert request.period is not None
    keys = [s.key for s in report.sections]
    # the seed's order, with the summary table last
    firsts = [keys.index(k) for k in ("status", "innledning", "kommuner")]
    firsts += [keys.index(k) for k in ("felles", "evaluering", "oversikt")]
    assert firsts == sorted(firsts)
    assert keys[-1] == "oversikt"
    participants = [
        p.organisation
        for p in programme.participants
        if request.participant is None or p.organisation == request.participant
    ]
    assert len(report.sections_for("kommune")) == len(participants)
    rows = report.sections_for("oversikt")[0].rows
    assert len(rows) == len(participants)
    for organisation, row, section in zip(
        participants, rows, report.sections_for("kommune"), strict=True
    ):
        reported = programme.status_for(organisation, request.period) is not None
        assert as_bool(row["rapportert"]) is reported
        assert (row.get("merknad") is None) is reported
        assert (section.value("merknad") is None) is reported
        assert (section.title or "").endswith(":")


@given(ost.programmes(), ost.periods())
def test_builds_with_any_period(programme: Programme, period: Period) -> None:
    check_format_round_trip(FORMAT, programme, BuildRequest(period=period))


def test_the_example_in_the_seeds_words() -> None:
    report = FORMAT.build(load(EXAMPLE), BuildRequest(period=Period.parse("2004-H1")))
    assert report.title == "STIFINNEREN"
    status = report.sections_for("status")[0]
    assert status.title == "STATUS PR. AUGUST 2004"
    assert status.note == "Behandlet i ledermøte 6. september 2004."
    titles = [s.title for s in report.sections_for("kommune")]
    assert titles == [
        "Vadsø kommune:",
        "Molde kommune:",
        "Tingvoll kommune:",
        "Herøy kommune:",
        "Sogndal kommune:",
        "Bømlo kommune:",
        "Porsgrunn kommune:",
        "Bydel Alna, Oslo kommune:",
    ]
    vadso = report.sections_for("kommune")[0]
    assert vadso.value("styringsgruppemoter") == 6
    assert [s.title for s in report.sections_for("besok")] == ["KRDs besøk våren 2004"] * 8
    assert report.sections_for("felles")[0].title == "Felles aktiviteter 1. halvår"
    assert [s.title for s in report.sections_for("samling")] == [
        "19.–20. april 2004 på Gardermoen",
        "15.–16. juni 2004 på Klækken",
    ]
    molde = report.sections_for("kommune")[1]
    assert molde.value("skifte_av_prosjektleder") is True
    rows = report.sections_for("oversikt")[0].rows
    assert all(row["rapportert"] is True for row in rows)
    assert [as_text(row["deltaker"]) for row in rows][-1] == "Bydel Alna, Oslo kommune"


def test_a_period_nobody_reported_flags_everyone() -> None:
    report = FORMAT.build(load(EXAMPLE), BuildRequest(period=Period.parse("2004-H2")))
    assert report.sections_for("status")[0].title == "STATUS PR. DESEMBER 2004"
    for section in report.sections_for("kommune"):
        assert section.value("merknad") == "Ikke rapportert for 2. halvår 2004"
        assert section.value("status") is None
    rows = report.sections_for("oversikt")[0].rows
    assert len(rows) == 8
    assert all(row["rapportert"] is False for row in rows)
    assert all(row["merknad"] == "Ikke rapportert for 2. halvår 2004" for row in rows)
    assert report.sections_for("innledning")[0].value("rapportert") == 0


def test_one_participant() -> None:
    request = BuildRequest(period=Period.parse("2004-H1"), participant="alna")
    report = FORMAT.build(load(EXAMPLE), request)
    assert report.title == "STIFINNEREN: Bydel Alna, Oslo kommune"
    assert [s.title for s in report.sections_for("kommune")] == ["Bydel Alna, Oslo kommune:"]

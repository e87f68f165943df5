"""The format with omstilling's public kit: registration, the entry point, and build
over any programme (it is write-only, so the round trip is build and schema)."""

from __future__ import annotations

from pathlib import Path

import omstilling_kongsvinger
import pytest
from hypothesis import given
from hypothesis import strategies as st
from omstilling_kongsvinger import FORMAT, SCHEMA, case_decision, case_number, item_label

from omstilling.files import load
from omstilling.hookspecs import BuildRequest
from omstilling.model import CaseReference, DecisionKind, Language, Programme
from omstilling.plugins import load_plugins
from omstilling.report import Report, as_texts
from omstilling.testing import check_export_round_trip, check_format_round_trip, check_plugin
from omstilling.testing import strategies as ost

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "kongsvinger-omstilling-2012.yaml"
PLUGINS = check_plugin(omstilling_kongsvinger, "kongsvinger")


def test_plugin_registers_the_format() -> None:
    assert PLUGINS.format("kongsvinger.vedtak") is FORMAT
    assert FORMAT.schema is SCHEMA
    assert FORMAT.parse is None  # write-only: a case document is not read back
    assert not FORMAT.needs_period
    assert not FORMAT.needs_participant


def test_found_through_its_entry_point() -> None:
    plugins = load_plugins()
    assert plugins.format_plugin("kongsvinger.vedtak") == "kongsvinger"
    assert not [f for f in plugins.failures if f.name == "kongsvinger"]


@given(ost.programmes())
def test_builds_every_programme(programme: Programme) -> None:
    report = check_format_round_trip(FORMAT, programme)
    keys = [s.key for s in report.sections]
    for key in ("sak", "saksopplysninger", "vurdering", "vedtak"):
        assert keys.count(key) == 1
    case = case_decision(programme.decisions)
    # every other decision is quoted, with all its items; the case's items are the decision
    quoted = report.sections_for("behandling")
    assert len(quoted) == len(programme.decisions) - (case is not None)
    assert sum(len(s.rows) for s in quoted) == sum(
        len(d.items) for d in programme.decisions if d is not case
    )
    decided = report.sections_for("vedtakspunkter")
    assert sum(len(s.rows) for s in decided) == (len(case.items) if case else 0)
    assert [s.title for s in decided] == list(case.groups if case else ())
    ranked = report.sections_for("tiltak")
    priorities = sorted(m.priority for m in programme.measures if m.priority is not None)
    assert [row["nr"] for s in ranked for row in s.rows] == priorities


@st.composite
def _requests(draw: st.DrawFn, programme: Programme) -> BuildRequest:
    participants = [p.organisation for p in programme.participants]
    return BuildRequest(
        period=draw(st.none() | ost.periods()),
        participant=draw(st.none() | st.sampled_from(participants)) if participants else None,
        language=draw(st.none() | st.sampled_from(Language)),
    )


@given(st.data())
def test_builds_for_any_participant_period_and_language(data: st.DataObject) -> None:
    programme = data.draw(ost.programmes())
    request = data.draw(_requests(programme))
    report = check_format_round_trip(FORMAT, programme, request)
    assert report.participant == request.participant
    assert report.period == request.period
    assert report.language is (request.language or Language.NB)
    own = [
        d
        for d in programme.decisions
        if request.participant is None or d.participant == request.participant
    ]
    case = case_decision(own)
    assert len(report.sections_for("behandling")) == len(own) - (case is not None)
    titles = [s.title for s in report.sections_for("vedtakspunkter")]
    assert titles == list(case.groups if case else ())


@given(ost.reports(SCHEMA))
def test_reports_survive_the_json_files(report: Report) -> None:
    exporter = PLUGINS.exporter(".json")
    importer = PLUGINS.importer(".json")
    assert check_export_round_trip(report, exporter, importer) == report


# --- the example ---------------------------------------------------------------------


def test_the_example_case_is_the_delegated_decision() -> None:
    programme = load(EXAMPLE)
    case = case_decision(programme.decisions)
    assert case is not None
    assert case.id == "delegert-769-12"
    assert case.kind is DecisionKind.DELEGATED
    report = FORMAT.build(programme, BuildRequest())
    assert report.title == "Kongsvinger kommune – Delegert sak"
    header = report.sections_for("sak")[0]
    assert header.title == "Organisasjonsendringer - administrasjon 2012 - Omstillingsprosjektet"
    assert header.values == {
        "saksansvarlig": "Torleif Lindahl",
        "arkiv": "K1-034",
        "arkivsaknr": "12/1728",
    }
    assert header.rows[0]["utvalg"] == "Rådmannen, ref. i Formannskapet"
    assert header.rows[0]["saksnr"] == "769/12"
    assert str(header.rows[0]["motedato"]) == "2012-12-11"
    quoted = report.sections_for("behandling")
    assert [s.value("saksnr") for s in quoted] == [None, "KST-sak 139/12", None]
    assert [row["punkt"] for row in quoted[1].rows] == [f"{c})" for c in "abcdefghij"]
    groups = [s.title for s in report.sections_for("vedtakspunkter")]
    assert groups == [
        "Vedtak samhandling",
        "Vedtak oppvekst",
        "Vedtak helse og omsorg",
        "Vedtak Samfunn",
        "Vedtak stab/støtte/ledelse/organisering",
    ]
    samfunn = report.sections_for("vedtakspunkter")[3]
    assert [row["punkt"] for row in samfunn.rows] == [f"{n}." for n in range(8, 15)]
    assert "\n\na) Det nedsettet et strategisk forum" in str(samfunn.rows[-1]["tekst"])
    ranked = report.sections_for("tiltak")[0].rows
    assert [row["nr"] for row in ranked] == list(range(1, 12))
    assert ranked[8]["effekt"] == "10 stillinger (15\u00a0%)"


def test_the_example_areas_and_subprojects() -> None:
    report = FORMAT.build(load(EXAMPLE), BuildRequest())
    rows = report.sections_for("prosjektomrader")[0].rows
    assert [row["omrade"] for row in rows] == [
        "Oppvekst",
        "Helse og omsorg",
        "Samfunn",
        "Stab, støtte, ledelse og konsernfunksjoner",
    ]
    subprojects = [as_texts(row.get("delprosjekter")) for row in rows]
    assert sum(len(names) for names in subprojects) == 22
    assert subprojects[1][4] == "5. Rushåndtering (involverer også Samfunn og Oppvekst)"
    organisation = report.sections_for("organisering")[0]
    assert organisation.title == "Organisering av prosjekt Omstilling 2012"
    assert [row["funksjon"] for row in organisation.rows] == [
        "Styringsgruppe for Omstilling 2012",
        "Prosjektleder",
    ]
    assert organisation.rows[1]["hvem"] == ("Lars Gillund",)


# --- the pieces ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "written"),
    [("a", "a)"), ("1", "1."), ("14", "14."), ("b)", "b)"), ("3.", "3."), ("14 a", "14 a)")],
)
def test_item_labels(label: str, written: str) -> None:
    assert item_label(label) == written


@pytest.mark.parametrize(
    ("text", "written"),
    [("12/1728", "12/1728"), ("2012/1728", "12/1728"), ("2006/696-2", "06/696-2")],
)
def test_case_numbers_have_two_digit_years(text: str, written: str) -> None:
    assert case_number(CaseReference.parse_case_number(text)) == written
    assert case_number(CaseReference(raw=text)) is None

"""The decision follow-up (vedtaksoppfølging): the ``decision-follow-up`` view of
the decision register, and the status report's items due and not done, over a
hand-made merger and over every programme the strategies draw."""

from __future__ import annotations

import shutil
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
    Decision,
    DecisionItem,
    FollowUp,
    FollowUpStatus,
    Language,
    PartialDate,
    Period,
    Programme,
)
from omstilling.report import Report
from omstilling.templates import TEMPLATES, follow_up, status
from omstilling.templates._follow_up_sections import CLOSED, item_label
from omstilling.testing import strategies as ost

H2_2018 = Period.parse("2018-H2")

MERGER = """\
schema_version: 3
id: ny-kommune
name: Sammenslåing av Bø og Sauherad
owner: fellesnemnda
language: nb
period: {start: 2017-06, end: 2019-12}
organisations:
  - {id: midt-telemark, name: Midt-Telemark kommune}
  - {id: bo, name: Bø kommune}
  - {id: sauherad, name: Sauherad kommune}
participants:
  - organisation: bo
  - organisation: sauherad
bodies:
  - {id: fellesnemnda, name: Fellesnemnda, kind: other}
  - {id: bo-ks, name: Kommunestyret i Bø, kind: council, organisation: bo}
  - {id: sauherad-ks, name: Kommunestyret i Sauherad, kind: council, organisation: sauherad}
status_entries:
  - {participant: bo, period: 2018-H1, overall: green}
  - {participant: bo, period: 2018-H2, overall: green}
decisions:
  - id: intensjonsavtale
    title: Intensjonsavtale om sammenslåing
    body: bo-ks
    joint_bodies: [sauherad-ks]
    kind: political
    date: 2016-06-16
    case: {raw: KST-sak 45/16, meeting_body: KST, meeting_case_number: 45, meeting_case_year: 2016}
    items:
      - label: a)
        text: Bø og Sauherad slås sammen til én kommune fra 1.1.2020.
      - label: b)
        text: Det opprettes en fellesnemnd med 15 medlemmer.
        responsible: Rådmannen i Bø
        participant: bo
        due: 2017-03
        follow_up:
          - {period: 2017-H1, status: done, comment: Fellesnemnda konstituert 2.3.2017.}
      - label: c)
        text: Det utredes felles IKT-plattform.
        participant: sauherad
        due: 2018-06
        follow_up:
          - {period: 2018-H1, status: in-progress, comment: Anbud ute.}
  - id: fn-12-17
    title: Plan for lokaliseringer
    body: fellesnemnda
    kind: political
    date: 2017-09-20
    items:
      - label: "1"
        text: Rådhuset legges til Bø.
        responsible: Prosjektleder
        due: 2018-12
      - label: "2"
        text: Servicetorg i Sauherad videreføres.
        due: 2019
        follow_up:
          - {period: 2018-H1, status: not-started}
      - label: "3"
        text: Biblioteket i Gvarv flyttes.
        due: 2018-03
        follow_up:
          - {period: 2018-H1, status: not-to-be-done, comment: Vedtatt endret i sak 30/18.}
"""
"""Bø and Sauherad becoming Midt-Telemark: a decision made by both councils, one by
the joint committee (fellesnemnda), items done, in progress, not started, not to be
done and never reported on."""


@pytest.fixture(scope="module")
def merger() -> Programme:
    return loads(MERGER)


def _rows(report: Report, key: str) -> list[dict[str, object]]:
    return [dict(row) for section in report.sections_for(key) for row in section.rows]


def test_the_view_gives_every_item_followed_up_with_its_status(merger: Programme) -> None:
    report = follow_up.build(merger, BuildRequest(period=H2_2018))
    assert loads_report(dumps_report(report)) == report
    (totals,) = report.sections_for("totals")
    assert totals.values == {
        "items": 5,
        "not_started": 1,
        "in_progress": 1,
        "done": 1,
        "not_to_be_done": 1,
        "not_reported": 1,
        "overdue": 2,
    }
    decisions = report.sections_for("decision")
    assert [d.title for d in decisions] == [
        "Intensjonsavtale om sammenslåing",
        "Plan for lokaliseringer",
    ]
    assert decisions[0].value("bodies") == "Kommunestyret i Bø og Kommunestyret i Sauherad"
    assert decisions[0].value("case") == "KST-sak 45/16"
    assert decisions[1].value("bodies") == "Fellesnemnda"
    rows = _rows(report, "items")
    # item a) has no follow-up, no one responsible and no due date
    assert [r["label"] for r in rows] == ["b)", "c)", "1", "2", "3"]
    assert [r["status"] for r in rows] == [
        "Utført",
        "Under arbeid",
        "Ikke rapportert",
        "Ikke startet",
        "Skal ikke utføres",
    ]
    assert [r.get("overdue") for r in rows] == [None, True, True, None, None]
    assert rows[0]["responsible"] == "Rådmannen i Bø (Bø kommune)"
    assert rows[1]["responsible"] == "Sauherad kommune"
    assert rows[1]["comment"] == "Anbud ute."
    # reported for an earlier period: which one is said
    assert rows[1]["reported_for"] == Period.parse("2018-H1")
    assert [s.title for s in report.sections_for("items")] == [
        "Punkter KST 45/16",
        "Punkter 20. september 2017",
    ]


def test_the_follow_up_is_as_it_stood_in_the_period(merger: Programme) -> None:
    early = follow_up.build(merger, BuildRequest(period=Period.parse("2017-H2")))
    rows = _rows(early, "items")
    assert [r["status"] for r in rows] == ["Utført"] + ["Ikke rapportert"] * 4
    # due in June 2018 and March 2018 / December 2018: none is due by the end of 2017
    assert [r.get("overdue") for r in rows] == [None] * 5


def test_an_item_is_named_within_its_group(merger: Programme) -> None:
    grouped = attrs.evolve(
        merger,
        decisions=tuple(
            attrs.evolve(
                d, items=tuple(attrs.evolve(i, group="Vedtak lokalisering") for i in d.items)
            )
            if d.id == "fn-12-17"
            else d
            for d in merger.decisions
        ),
    )
    view = follow_up.build(grouped, BuildRequest(period=H2_2018))
    assert [r["label"] for r in _rows(view, "items")][2:] == [
        "Vedtak lokalisering, 1",
        "Vedtak lokalisering, 2",
        "Vedtak lokalisering, 3",
    ]
    report = status.build(grouped, BuildRequest(period=H2_2018))
    assert [r["label"] for r in _rows(report, "follow_up_due")] == ["c)", "Vedtak lokalisering, 1"]


def test_a_participant_sees_its_own_items(merger: Programme) -> None:
    report = follow_up.build(merger, BuildRequest(period=H2_2018, participant="sauherad"))
    assert [r["label"] for r in _rows(report, "items")] == ["c)"]
    assert [s.title for s in report.sections_for("decision")] == [
        "Intensjonsavtale om sammenslåing"
    ]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (Language.NN, ["Utført", "Under arbeid", "Ikkje rapportert", "Ikkje starta"]),
        (Language.EN, ["Done", "In progress", "Not reported", "Not started"]),
    ],
)
def test_the_view_in_nynorsk_and_english(
    merger: Programme, language: Language, words: list[str]
) -> None:
    report = follow_up.build(merger, BuildRequest(period=H2_2018, language=language))
    assert [r["status"] for r in _rows(report, "items")][:4] == words


def test_the_status_report_lists_items_due_and_not_done(merger: Programme) -> None:
    report = status.build(merger, BuildRequest(period=H2_2018))
    (section,) = report.sections_for("follow_up_due")
    assert [(r["decision"], r["label"], r["status"]) for r in section.rows] == [
        ("KST 45/16: Intensjonsavtale om sammenslåing", "c)", "Under arbeid"),
        ("20. september 2017: Plan for lokaliseringer", "1", "Ikke rapportert"),
    ]
    markdown = to_markdown(report).decode()
    assert "## Vedtaksoppfølging" in markdown
    assert "Anbud ute." in markdown
    # ... and for one participant, that participant's only
    one = status.build(merger, BuildRequest(period=H2_2018, participant="bo"))
    assert one.sections_for("follow_up_due") == ()


def test_a_programme_without_items_due_renders_as_before(merger: Programme) -> None:
    without = attrs.evolve(
        merger,
        decisions=tuple(
            attrs.evolve(d, items=tuple(attrs.evolve(i, due=None) for i in d.items))
            for d in merger.decisions
        ),
    )
    report = status.build(without, BuildRequest(period=H2_2018))
    assert report.sections_for("follow_up_due") == ()
    assert "Vedtaksoppfølging" not in to_markdown(report).decode()


def test_no_example_has_a_follow_up_section_it_did_not_ask_for(
    examples: dict[str, Programme],
) -> None:
    for programme in examples.values():
        if any(i.due for d in programme.decisions for i in d.items):
            continue
        report = status.build(programme, BuildRequest(period=Period.parse("2004-H1")))
        assert report.sections_for("follow_up_due") == ()


def test_the_template_is_registered_and_needs_a_period() -> None:
    (found,) = [t for t in TEMPLATES if t.id == "decision-follow-up"]
    assert found.needs_period
    with pytest.raises(ValueError, match="needs a period"):
        found.build(loads(MERGER), BuildRequest())


# --- over every programme ------------------------------------------------------------

_STATUSES = st.sampled_from(list(FollowUpStatus))


@st.composite
def _followed_up(draw: st.DrawFn) -> tuple[Programme, Period]:
    """A programme as the kit draws it (its items' due dates, responsibles and
    follow-ups too), wide or realistic, or one whose items are given more of them
    here, around a few periods; and a period to report on: one the items were
    followed up in or are due in, or any."""
    programme = draw(ost.programmes(realistic=draw(st.booleans())))
    if draw(st.booleans()):
        programme = _more_follow_up(draw, programme)
    items = [i for d in programme.decisions for i in d.items]
    candidates = {f.period for i in items for f in i.follow_up}
    candidates |= {Period.parse(str(i.due.first_day().year)) for i in items if i.due}
    choices = st.sampled_from(sorted(candidates)) if candidates else st.nothing()
    return programme, draw(choices | ost.periods())


def _more_follow_up(draw: st.DrawFn, programme: Programme) -> Programme:
    participants = [p.organisation for p in programme.participants]
    periods = draw(st.lists(ost.periods(2000, 2030), min_size=1, max_size=4, unique=True))

    def item(original: DecisionItem) -> DecisionItem:
        reported = draw(st.lists(st.sampled_from(periods), unique=True, max_size=3))
        return attrs.evolve(
            original,
            due=draw(st.none() | ost.partial_dates(2000, 2030)),
            responsible=draw(st.none() | st.sampled_from(["Rådmannen", "Kommunalsjef"])),
            participant=draw(st.none() | st.sampled_from(participants)) if participants else None,
            follow_up=tuple(
                FollowUp(period=p, status=draw(_STATUSES), comment=draw(st.none() | st.just("x")))
                for p in reported
            ),
        )

    decisions: list[Decision] = [
        attrs.evolve(d, items=tuple(item(i) for i in d.items)) for d in programme.decisions
    ]
    return attrs.evolve(programme, decisions=tuple(decisions))


@settings(deadline=None)
@given(_followed_up())
def test_the_status_report_lists_exactly_the_items_due_and_not_done(
    drawn: tuple[Programme, Period],
) -> None:
    programme, period = drawn
    expected = []
    for decision in programme.decisions:
        if not _made_by(decision, period):
            continue
        for item in decision.items:
            last = item.follow_up_in(period)
            due = item.due is not None and item.due.last_day() <= period.end()
            if due and (last is None or last.status not in CLOSED):
                expected.append((item_label(item), item.text))
    report = status.build(programme, BuildRequest(period=period))
    shown = [(r["label"], r["text"]) for r in _rows(report, "follow_up_due")]
    assert sorted(shown) == sorted(expected)
    if not expected:
        assert report.sections_for("follow_up_due") == ()


@settings(deadline=None)
@given(_followed_up())
def test_the_view_shows_every_item_followed_up_once(drawn: tuple[Programme, Period]) -> None:
    programme, period = drawn
    report = follow_up.build(programme, BuildRequest(period=period))
    followed = [
        (item_label(item), item.text)
        for decision in programme.decisions
        if _made_by(decision, period)
        for item in decision.items
        if item.follow_up or item.due or item.responsible or item.participant
    ]
    rows = _rows(report, "items")
    assert sorted((r["label"], r["text"]) for r in rows) == sorted(followed)
    (totals,) = report.sections_for("totals")
    assert totals.value("items") == len(followed)
    assert totals.value("overdue") == sum(1 for r in rows if r.get("overdue"))
    assert loads_report(dumps_report(report)) == report


def _made_by(decision: Decision, period: Period) -> bool:
    return decision.date is None or decision.date.first_day() <= period.end()


def test_decisions_made_after_the_period_are_left_out(merger: Programme) -> None:
    # the decision of 20 September 2017 is not followed up in the spring of 2017
    report = follow_up.build(merger, BuildRequest(period=Period.parse("2017-H1")))
    assert [d.title for d in report.sections_for("decision")] == [
        "Intensjonsavtale om sammenslåing"
    ]
    (totals,) = report.sections_for("totals")
    assert totals.value("items") == 2
    # nor in a year's part that ends the day before it was made
    dated = attrs.evolve(merger.decisions[1], date=PartialDate(2017, 7, 1))
    later = attrs.evolve(merger, decisions=(merger.decisions[0], dated))
    report = follow_up.build(later, BuildRequest(period=Period.parse("2017-H1")))
    assert len(report.sections_for("decision")) == 1
    report = follow_up.build(later, BuildRequest(period=Period.parse("2017-H2")))
    assert len(report.sections_for("decision")) == 2


# --- through the command line ----------------------------------------------------------


def _render(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["render", *args])
    return result.exit_code, result.output


def test_the_cli_renders_the_view_and_the_status_to_every_file_type(
    merger: Programme, tmp_path: Path
) -> None:
    source = tmp_path / "merger.yaml"
    save(merger, source)
    for suffix in (".docx", ".xlsx", ".md"):
        for template in ("decision-follow-up", "status"):
            out = tmp_path / f"{template}{suffix}"
            code, output = _render("--template", template, str(source), "-o", str(out))
            assert code == 0, output
            assert out.stat().st_size > 0
    # without --period, the latest period with status, as for the status report
    markdown = (tmp_path / "decision-follow-up.md").read_text(encoding="utf-8")
    assert "2. halvår 2018" in markdown
    assert "Rådmannen i Bø (Bø kommune)" in markdown
    assert "Vedtaksoppfølging" in (tmp_path / "status.md").read_text(encoding="utf-8")


def test_without_status_or_period_the_cli_names_the_periods(
    merger: Programme, tmp_path: Path
) -> None:
    source = tmp_path / "merger.yaml"
    save(attrs.evolve(merger, status_entries=()), source)
    out = tmp_path / "out.md"
    code, output = _render("--template", "decision-follow-up", str(source), "-o", str(out))
    assert code == 2
    assert "decision-follow-up" in output
    assert "2018-H2" in output
    assert not out.exists()


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LOUD SKIP: LibreOffice or poppler is not installed: documents NOT checked",
)
def test_the_documents_pass_the_checker(merger: Programme, tmp_path: Path) -> None:
    from omstilling.testing.documents import check_documents

    source = tmp_path / "merger.yaml"
    save(merger, source)
    documents = {}
    for template, title in (("decision-follow-up", "Vedtaksoppfølging"), ("status", None)):
        out = tmp_path / f"{template}.docx"
        code, output = _render("--template", template, str(source), "-o", str(out))
        assert code == 0, output
        documents[out] = title or "Statusrapport"
    assert check_documents(documents) == []

"""A programme's structure shows in its reports, rendered through the command line to
Markdown and Word: a decision made by several bodies names them all, a body may own
the programme, a person may write a document, subprojects stand under their parent,
and a merged municipality says what it was made from and from when."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from omstilling.builtin.markdown import to_markdown
from omstilling.cli import cli
from omstilling.files import loads
from omstilling.hookspecs import BuildRequest
from omstilling.model import Body, BodyKind, Language, Period, Programme
from omstilling.plugins import load_plugins
from omstilling.summary import summarise
from omstilling.templates.common import participant_name, subprojects_in_order
from omstilling.testing import strategies as ost

MERGER = """\
schema_version: 3
id: nye-asker
name: Nye Asker
owner: fellesnemnda
organisations:
- id: asker-gammel
  name: Asker kommune
  short_name: Asker
  municipality_numbers: [{number: '0220', valid_to: '2019-12-31'}]
  successor: asker
  successor_from: '2020-01-01'
- id: royken
  name: Røyken kommune
  short_name: Røyken
  municipality_numbers: [{number: '0627', valid_to: '2019-12-31'}]
  successor: asker
  successor_from: '2020-01-01'
- id: hurum
  name: Hurum kommune
  short_name: Hurum
  municipality_numbers: [{number: '0628', valid_to: '2019-12-31'}]
  successor: asker
  successor_from: '2020-01-01'
- id: asker
  name: Asker kommune
  municipality_numbers: [{number: '3025', valid_from: '2020-01-01'}]
  predecessors: [asker-gammel, royken, hurum]
people:
- {id: prosjektleder, name: Kari Nordmann}
bodies:
- {id: fellesnemnda, name: Fellesnemnda for nye Asker, kind: other}
- {id: asker-ks, name: Asker kommunestyre, kind: council}
- {id: royken-ks, name: Røyken kommunestyre, kind: council}
- {id: hurum-ks, name: Hurum kommunestyre, kind: council}
participants:
- {organisation: royken}
- {organisation: asker}
subprojects:
- {id: helse, name: Helse og omsorg}
- {id: skole, name: Arbeidsgruppe skole, parent: oppvekst}
- {id: oppvekst, name: Oppvekst}
- {id: rektorer, name: Rektorforum, parent: skole}
- {id: barnehage, name: Arbeidsgruppe barnehage, parent: oppvekst}
milestones:
- {id: m1, title: Skolestruktur vedtatt, subproject: skole, estimated_finish: '2018-06'}
decisions:
- id: intensjonsavtale
  title: Intensjonsavtale om sammenslåing
  body: asker-ks
  joint_bodies: [royken-ks, hurum-ks]
  kind: political
  date: '2016-06-14'
  items:
  - {label: a, text: Kommunene slås sammen fra 1. januar 2020.}
documents:
- {id: plan, title: Prosjektplan for nye Asker, author: prosjektleder, date: '2017-03'}
"""
"""Three municipalities merged into one by a joint committee's programme (the 2020
reform's Asker, Røyken and Hurum, shortened)."""

ALL_BODIES = "Asker kommunestyre, Røyken kommunestyre og Hurum kommunestyre"
MERGED = "Asker kommune (fra 1. januar 2020; av Asker, Røyken og Hurum)"
BECAME = "Røyken kommune (del av Asker kommune fra 1. januar 2020)"
OWNER = "Fellesnemnda for nye Asker"


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("| " + " | ".join(cell.text for cell in row.cells) + " |")
        lines.append("")  # where the table ends
    return "\n".join(lines)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    """Every template below rendered from the merger to .md and .docx through the
    command line, by (template, suffix): the text a reader sees."""
    folder = tmp_path_factory.mktemp("merger")
    source = folder / "nye-asker.yaml"
    source.write_text(MERGER, encoding="utf-8")
    runner = CliRunner()
    found: dict[tuple[str, str], str] = {}
    for template in ("project-plan", "final-report", "decision-register", "milestone-plan"):
        for suffix in ("md", "docx"):
            out = folder / f"{template}.{suffix}"
            result = runner.invoke(
                cli, ["render", str(source), "--template", template, "-o", str(out)]
            )
            assert result.exit_code == 0, result.output
            if suffix == "md":
                found[template, suffix] = out.read_text(encoding="utf-8")
            else:
                found[template, suffix] = _docx_text(out)
    return found


@pytest.mark.parametrize("suffix", ["md", "docx"])
def test_a_joint_decision_names_every_body(
    rendered: dict[tuple[str, str], str], suffix: str
) -> None:
    text = rendered["decision-register", suffix]
    # in the overview and in the decision's own section
    assert text.count(ALL_BODIES) == 2
    assert "Kommunestyre" in text  # one kind of body, said once


@pytest.mark.parametrize("suffix", ["md", "docx"])
@pytest.mark.parametrize(
    "template", ["project-plan", "final-report", "decision-register", "milestone-plan"]
)
def test_a_body_as_owner_is_named_in_the_title_block(
    rendered: dict[tuple[str, str], str], template: str, suffix: str
) -> None:
    # the title, the programme's name, the issuer: before any section
    title_block = rendered[template, suffix].splitlines()[:6]
    assert OWNER in title_block


@pytest.mark.parametrize("suffix", ["md", "docx"])
def test_a_person_as_author_is_shown_by_name(
    rendered: dict[tuple[str, str], str], suffix: str
) -> None:
    lines = [
        line for line in rendered["project-plan", suffix].splitlines() if "Prosjektplan for" in line
    ]
    assert len(lines) == 1
    assert "Kari Nordmann" in lines[0]
    assert "prosjektleder" not in lines[0]


def _rows(text: str, first: str) -> list[list[str]]:
    """The table rows of ``text`` from the one whose first cell is ``first`` on, as
    cells, until the table ends."""
    rows: list[list[str]] = []
    for line in text.splitlines():
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [c.strip() for c in line.strip()[1:-1].split("|")]
        rule = all(set(c) == {"-"} for c in cells)  # a Markdown table's
        if (cells[0] == first or rows) and not rule:
            rows.append(cells)
    return rows


@pytest.mark.parametrize("suffix", ["md", "docx"])
@pytest.mark.parametrize("template", ["project-plan", "final-report"])
def test_subprojects_stand_under_their_parent(
    rendered: dict[tuple[str, str], str], template: str, suffix: str
) -> None:
    rows = _rows(rendered[template, suffix], "Delprosjekt")
    heading, *body = rows
    name, part_of = heading.index("Delprosjekt"), heading.index("Del av")
    assert [(r[name], r[part_of]) for r in body] == [
        ("Helse og omsorg", ""),
        ("Oppvekst", ""),
        ("Arbeidsgruppe skole", "Oppvekst"),
        ("Rektorforum", "Arbeidsgruppe skole"),
        ("Arbeidsgruppe barnehage", "Oppvekst"),
    ]


@pytest.mark.parametrize("suffix", ["md", "docx"])
def test_a_milestone_plan_names_a_subproject_after_its_parents(
    rendered: dict[tuple[str, str], str], suffix: str
) -> None:
    assert "Oppvekst / Arbeidsgruppe skole" in rendered["milestone-plan", suffix]


@pytest.mark.parametrize("suffix", ["md", "docx"])
def test_participants_say_what_they_were_made_from_and_became(
    rendered: dict[tuple[str, str], str], suffix: str
) -> None:
    rows = _rows(rendered["project-plan", suffix], "Deltaker")
    assert [r[0] for r in rows[1:]] == [BECAME, MERGED]


def test_succession_in_nynorsk_and_english() -> None:
    programme = loads(MERGER)
    assert participant_name(programme, "asker", Language.NN) == (
        "Asker kommune (frå 1. januar 2020; av Asker, Røyken og Hurum)"
    )
    assert participant_name(programme, "hurum", Language.EN) == (
        "Hurum kommune (part of Asker kommune from 1 January 2020)"
    )
    # predecessors that name no date, or different ones, give none
    undated = programme.with_item("organisations", "hurum", successor_from=None)
    assert participant_name(undated, "asker", Language.NB) == (
        "Asker kommune (av Asker, Røyken og Hurum)"
    )


def test_the_summary_names_a_body_as_owner() -> None:
    assert summarise(loads(MERGER)).owner == OWNER


def test_subprojects_in_order_keeps_every_one_once() -> None:
    programme = loads(MERGER)
    order = [(s.id, depth) for s, depth in subprojects_in_order(programme)]
    assert order == [
        ("helse", 0),
        ("oppvekst", 0),
        ("skole", 1),
        ("rektorer", 2),
        ("barnehage", 1),
    ]


@st.composite
def _owned_by_a_body(draw: st.DrawFn) -> Programme:
    """A drawn programme whose owner is one of its bodies (a new one, if it has none).

    The strategies draw a body as owner now and then; this makes it so every time."""
    programme = draw(ost.programmes())
    if not programme.bodies:
        fellesnemnd = Body(id="fellesnemnd", name="Fellesnemnda", kind=BodyKind.OTHER)
        programme = programme.adding("bodies", fellesnemnd)
    body = draw(st.sampled_from([b.id for b in programme.bodies]))
    return programme.replace(owner=body)


FORMATS = load_plugins().formats()


@given(_owned_by_a_body(), ost.periods())
def test_a_programme_owned_by_a_body_renders_every_format(
    programme: Programme, period: Period
) -> None:
    owner = next(b.name for b in programme.bodies if b.id == programme.owner)
    for format_id, report_format in FORMATS.items():
        report = report_format.build(programme, BuildRequest(period=period))
        to_markdown(report)
        if format_id in {"project-plan", "final-report", "status", "decision-register"}:
            assert report.owner == owner, format_id

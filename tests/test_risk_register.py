"""The risk register (template ``risk-register``), its 5×5 matrix in every exporter,
and the status report's risk sections."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import example as with_example
from hypothesis import find, given
from hypothesis import strategies as st

from omstilling.builtin.markdown import to_markdown
from omstilling.cli import cli
from omstilling.files import loads
from omstilling.hookspecs import BuildRequest
from omstilling.model import Language, Period, Programme, Risk, RiskAssessment, RiskStatus
from omstilling.report import Report, Section
from omstilling.riskmatrix import cell_lines, level_rag, matrix_description, risk_matrix
from omstilling.templates import TEMPLATES, risks, status
from omstilling.templates._risk_sections import TOP, risk_sections
from omstilling.testing import strategies as ost

PROGRAMME = """\
schema_version: 3
id: nordby-omstilling
name: Omstilling i Nordby
owner: nordby
language: nb
organisations:
  - {id: nordby, name: Nordby kommune, kind: municipality}
  - {id: sorby, name: Sørby kommune, kind: municipality}
participants:
  - organisation: nordby
  - organisation: sorby
subprojects:
  - {id: it, name: Felles IKT, participant: sorby}
risks:
  - id: r1
    title: Nøkkelpersoner slutter
    cause: Usikkerhet om arbeidsplass
    effect: Forsinkelser
    probability: 3
    consequence: 4
    owner: Rådmannen
    identified: 2020-H1
    participant: nordby
    actions:
      - {action: Informasjonsmøter, responsible: HR, deadline: 2020-09-01}
    assessments:
      - {period: 2020-H2, probability: 4, consequence: 5}
  - id: r2
    title: IKT-systemene snakker ikke sammen
    probability: 2
    consequence: 2
    identified: 2020-H1
    subproject: it
    assessments:
      - {period: 2020-H2, probability: 2, consequence: 1}
  - id: r3
    title: Budsjettet sprekker
    probability: 5
    consequence: 3
    identified: 2020-H2
  - id: r4
    title: Lokalisering strides om
    probability: 3
    consequence: 3
    identified: 2020-H1
    status: closed
    closed_in: 2020-H2
    assessments:
      - {period: 2020-H2, probability: 3, consequence: 3, status: closed}
"""
H1, H2 = Period.parse("2020-H1"), Period.parse("2020-H2")


@pytest.fixture(scope="module")
def programme() -> Programme:
    return loads(PROGRAMME)


def _register(
    programme: Programme,
    period: Period | None = None,
    *,
    participant: str | None = None,
    language: Language | None = None,
) -> Report:
    request = BuildRequest(period=period, participant=participant, language=language)
    return risks.build(programme, request)


def _rows(report: Report, key: str) -> list[dict[str, object]]:
    return [dict(row) for s in report.sections_for(key) for row in s.rows]


def _matrix_of(report: Report) -> dict[tuple[int, int], tuple[str, ...]]:
    (section,) = report.sections_for("register")
    matrix = risk_matrix(report, report.schema.section("register"), section.rows)
    assert matrix is not None
    return dict(matrix.cells)


def test_the_template_is_listed() -> None:
    assert "risk-register" in [t.id for t in TEMPLATES]
    result = CliRunner().invoke(cli, ["plugins", "--json"])
    assert result.exit_code == 0, result.output
    assert '"risk-register"' in result.output


def test_the_matrix_places_each_open_risk_in_its_cell(programme: Programme) -> None:
    report = _register(programme, H2)
    assert _matrix_of(report) == {(4, 5): ("r1",), (5, 3): ("r3",), (2, 1): ("r2",)}
    rows = _rows(report, "register")
    # the highest level first
    assert [(r["id"], r["level"], r["rating"]) for r in rows] == [
        ("r1", 20, level_rag(20)),
        ("r3", 15, level_rag(15)),
        ("r2", 2, level_rag(2)),
    ]
    first = rows[0]
    assert first["concerns"] == "Nordby kommune"
    assert first["actions"] == ("Informasjonsmøter (HR, frist 1. september 2020)",)
    assert rows[2]["concerns"] == "Felles IKT"  # a name, never the id


def test_levels_colour_green_yellow_red() -> None:
    colours = {level: level_rag(level).value for level in (1, 4, 5, 10, 12, 25)}
    assert colours == {1: "green", 4: "green", 5: "amber", 10: "amber", 12: "red", 25: "red"}


def test_the_trend_since_the_previous_period(programme: Programme) -> None:
    trends = {r["id"]: r["trend"] for r in _rows(_register(programme, H2), "register")}
    assert trends == {"r1": "Økt", "r3": "Ny", "r2": "Redusert"}
    # in the first period every risk is new
    trends = {r["id"]: r["trend"] for r in _rows(_register(programme, H1), "register")}
    assert set(trends.values()) == {"Ny"}


def test_closed_risks_follow_in_their_own_table_outside_the_matrix(programme: Programme) -> None:
    report = _register(programme, H2)
    assert [s.key for s in report.sections] == ["register", "closed"]
    (closed,) = _rows(report, "closed")
    assert (closed["id"], closed["status"], closed["level"]) == ("r4", "Lukket", 9)
    assert closed["closed_in"] == H2
    assert "closed_in" not in [c.key for c in report.schema.section("register").columns]
    assert "r4" not in [label for cell in _matrix_of(report).values() for label in cell]


def test_scores_as_they_stood_in_the_period(programme: Programme) -> None:
    report = _register(programme, H1)
    # r3 was entered after 2020-H1; r4 was still open then
    assert _matrix_of(report) == {(3, 4): ("r1",), (2, 2): ("r2",), (3, 3): ("r4",)}
    assert not report.sections_for("closed")


def test_without_a_period_the_latest_scores(programme: Programme) -> None:
    report = _register(programme)
    assert _matrix_of(report) == {(4, 5): ("r1",), (5, 3): ("r3",), (2, 1): ("r2",)}
    trends = {r["id"]: r.get("trend") for r in _rows(report, "register")}
    # into the latest period the register records, 2020-H2: as with that period
    assert trends == {"r1": "Økt", "r3": "Ny", "r2": "Redusert"}
    assert [r["id"] for r in _rows(report, "closed")] == ["r4"]


def test_a_risk_closed_without_saying_when_has_no_closing_period(programme: Programme) -> None:
    r4 = programme.risks[3]
    report = _register(programme.replace(risks=(attrs.evolve(r4, closed_in=None),)))
    (closed,) = _rows(report, "closed")
    assert closed.get("closed_in") is None
    # closed in a period after the one reported on: open then, and no closing shown
    later = attrs.evolve(r4, closed_in=Period.parse("2021-H1"), assessments=())
    report = _register(programme.replace(risks=(later,)), H2)
    assert [r["id"] for r in _rows(report, "register")] == ["r4"]
    assert risks.closed_in(later, H2) is None
    assert risks.closed_in(later, None) == later.closed_in


def test_the_words_are_prosjektveiviserens() -> None:
    columns = {c.key: c for c in risks.SCHEMA.section("register").columns}
    assert columns["effect"].label.get(Language.NB) == "Mulig konsekvens"
    assert columns["rating"].label.get(Language.EN) == "Level"
    top = status.SCHEMA.section("risks")
    assert {c.key: c for c in top.columns}["rating"].label.get(Language.EN) == "Level"


def test_a_risk_unscored_before_has_no_trend_and_no_change(programme: Programme) -> None:
    # open in 2020-H1 with no scores, scored in 2020-H2: nothing to compare, so no
    # trend in the register and no change in the status report, both alike
    plain = programme.replace(risks=(_UNSCORED_BEFORE,))
    (row,) = _rows(_register(plain, H2), "register")
    assert row.get("trend") is None
    assert not _rows(_status(plain, H2), "risk_changes")


def test_a_register_with_no_open_risk_says_so(programme: Programme) -> None:
    report = _register(programme.replace(risks=()), H2, language=Language.NN)
    (section,) = report.sections
    assert (section.key, section.rows, section.note) == ("register", (), "Ingen risikoar er opne.")
    assert "Ingen risikoar er opne." in to_markdown(report).decode()


def test_a_participants_register(programme: Programme) -> None:
    report = _register(programme, H2, participant="sorby")
    assert [r["id"] for r in _rows(report, "register")] == ["r2"]  # through its subproject


def test_the_scale_is_explained_with_the_matrix(programme: Programme) -> None:
    for language, words in (
        (Language.NB, ("skala fra 1 til 5", "grønn 1–4", "gul 5–10", "rød 12–25")),
        (Language.NN, ("skala frå 1 til 5", "grøn 1–4", "raud 12–25")),
        (Language.EN, ("scored from 1 to 5", "green 1–4", "red 12–25")),
    ):
        report = _register(programme, H2, language=language)
        text = to_markdown(report).decode()
        assert all(w in text for w in words), (language, text[:800])
        # the description stands above the matrix, the matrix above the table
        assert text.index(words[0]) < text.index("| 5 |") < text.index("| r1 |")


def test_the_markdown_matrix_is_a_table_of_ids(programme: Programme) -> None:
    text = to_markdown(_register(programme, H2)).decode()
    lines = text.splitlines()
    start = lines.index("| Konsekvens / Sannsynlighet | 1 | 2 | 3 | 4 | 5 |")
    assert lines[start + 2 : start + 7] == [
        "| 5 |  |  |  | r1 |  |",
        "| 4 |  |  |  |  |  |",
        "| 3 |  |  |  |  | r3 |",
        "| 2 |  |  |  |  |  |",
        "| 1 |  | r2 |  |  |  |",
    ]


def test_the_markdown_matrix_escapes_its_labels() -> None:
    report = Report(
        schema=risks.SCHEMA,
        title="Prøve",
        programme="p",
        sections=(
            Section(
                key="register",
                rows=(
                    {"id": "<b>x</b>|*y*", "title": "t", "probability": 1, "consequence": 2},
                    {"id": "ok", "title": "t", "probability": 1, "consequence": 2},
                ),
            ),
        ),
    )
    text = to_markdown(report).decode()
    assert "<b>" not in text
    assert r"| 2 | \<b\>x\</b\>\|\*y\*, ok |  |  |  |  |" in text


@given(
    st.lists(st.from_regex(r"[a-z][a-z0-9\-]{0,30}", fullmatch=True), max_size=40),
    st.integers(4, 30),
    st.integers(1, 6),
)
def test_a_crowded_cell_says_how_many_more(labels: list[str], width: int, lines: int) -> None:
    found = cell_lines(labels, width, lines)
    assert len(found) <= lines
    assert all(len(line) <= width for line in found)
    shown = [label for line in found for label in re.split(r", | ", line) if label]
    more = sum(int(label[1:]) for label in shown if label.startswith("+"))
    placed = [label for label in shown if not label.startswith("+")]
    assert len(placed) + more == len(labels)
    # shown in order, cut (…) where longer than a line
    for label, written in zip(labels, placed, strict=False):
        assert written == label or (written.endswith("…") and label.startswith(written[:-1]))


@given(ost.programmes(), ost.periods() | st.none())
def test_every_open_risk_once_in_the_matrix_and_the_table(
    programme: Programme, period: Period | None
) -> None:
    report = _register(programme, period)
    open_ = [r for r in programme.risks if r.open_in(period) and _entered(r, period)]
    assert sorted(str(r["id"]) for r in _rows(report, "register")) == sorted(r.id for r in open_)
    scored = sorted(r.id for r in open_ if r.scores(period) is not None)
    sections = report.sections_for("register")
    if not scored:
        return
    (section,) = sections
    matrix = risk_matrix(report, report.schema.section("register"), section.rows)
    assert matrix is not None
    assert sorted(matrix.placed) == scored
    for risk in open_:
        scores = risk.scores(period)
        if scores is not None:
            assert matrix.at(*scores).count(risk.id) == 1
    text = matrix_description(report, matrix, "Risikomatrise")
    for label in matrix.placed:
        assert re.search(rf"[ :,]{re.escape(label)}[,.]", text), (label, text)
    # closed ones are in their own table, never in the matrix
    closed = {r["id"] for r in _rows(report, "closed")}
    assert not closed & set(matrix.placed)


@given(ost.programmes(), ost.periods() | st.none())
def test_the_closed_table_holds_every_risk_entered_and_not_open(
    programme: Programme, period: Period | None
) -> None:
    report = _register(programme, period)
    rows = _rows(report, "closed")
    expected = [r for r in programme.risks if r.entered_by(period) and not r.open_in(period)]
    assert [row["id"] for row in rows] == [r.id for r in expected]
    for row, risk in zip(rows, expected, strict=True):
        shown = row.get("closed_in")
        assert shown is None or shown == risk.closed_in
        if shown is not None and period is not None:
            assert isinstance(shown, Period)
            assert shown.start() <= period.end()


@given(ost.programmes(), ost.periods() | st.none())
def test_without_a_period_the_trend_is_that_into_the_registers_latest_period(
    programme: Programme, period: Period | None
) -> None:
    latest = risks.register_period(programme.risks)
    report = _register(programme, language=Language.NB)
    trends = {r["id"]: r.get("trend") for r in _rows(report, "register")}
    for risk in programme.risks:
        if risk.id not in trends:
            continue
        expected = risks.trend_of(risk, latest) if latest is not None else None
        words = risks.TREND[expected].get(Language.NB) if expected is not None else None
        assert trends[risk.id] == words, risk


_CHANGE_OF = {"Ny": "Ny risiko", "Økt": "Økt risiko", "Redusert": "Redusert risiko"}


_UNSCORED_BEFORE = Risk(
    id="u1",
    title="Uavklart",
    identified=H1,
    assessments=(RiskAssessment(period=H2, probability=2, consequence=2),),
)


@given(ost.programmes(), ost.periods())
@with_example(loads(PROGRAMME).replace(risks=(_UNSCORED_BEFORE,)), H2)
def test_the_status_report_and_the_register_agree_on_each_trend(
    programme: Programme, period: Period
) -> None:
    top = {
        row["id"]: row.get("trend")
        for s in risk_sections(programme, period, Language.NB, None)
        if s.key == "risks"
        for row in s.rows
    }
    changes = {
        row["id"]: row["change"]
        for s in risk_sections(programme, period, Language.NB, None)
        if s.key == "risk_changes"
        for row in s.rows
    }
    for key, trend in top.items():
        assert changes.get(key) == _CHANGE_OF.get(str(trend)), (key, trend, changes)


@given(ost.risks(), ost.periods())
@with_example(
    Risk(id="r", title="t", probability=2, consequence=2, identified=Period.parse("2016-H2")),
    Period.parse("2016"),
)
def test_a_risk_open_in_a_period_has_its_scores_there(risk: Risk, period: Period) -> None:
    # entered is entered for both: a risk identified in 2016-H2 is open in 2016 and
    # scored in it
    if risk.open_in(period) and risk.probability is not None:
        assert risk.scores(period) is not None


def test_the_strategies_draw_closed_risks_with_their_closing_period() -> None:
    risk = find(ost.risks(), lambda r: r.closed_in is not None and r.identified is not None)
    assert risk.status is RiskStatus.CLOSED
    assert risk.closed_in is not None
    assert risk.identified is not None
    assert not risk.closed_in < risk.identified


def _entered(risk: Risk, period: Period | None) -> bool:
    return period is None or risk.identified is None or risk.identified.start() <= period.end()


# --- the status report -----------------------------------------------------------------


def _status(
    programme: Programme,
    period: Period,
    *,
    participant: str | None = None,
    language: Language | None = None,
) -> Report:
    request = BuildRequest(period=period, participant=participant, language=language)
    return status.build(programme, request)


def test_status_shows_the_top_risks_and_what_changed(programme: Programme) -> None:
    report = _status(programme, H2)
    top = _rows(report, "risks")
    assert [(r["id"], r["level"], r["trend"]) for r in top] == [
        ("r1", 20, "Økt"),
        ("r3", 15, "Ny"),
        ("r2", 2, "Redusert"),
    ]
    changes = [
        (r["id"], r["change"], r.get("before"), r.get("after"))
        for r in _rows(report, "risk_changes")
    ]
    assert changes == [
        ("r3", "Ny risiko", None, 15),
        ("r4", "Lukket", 9, None),
        ("r1", "Økt risiko", 12, 20),
        ("r2", "Redusert risiko", 4, 2),
    ]
    one = _status(programme, H2, participant="nordby")
    assert [r["id"] for r in _rows(one, "risks")] == ["r1"]


def test_status_lists_at_most_five_risks(programme: Programme) -> None:
    many = programme.replace(
        risks=tuple(
            Risk(id=f"x{n}", title=f"Risiko {n}", probability=1 + n % 5, consequence=3)
            for n in range(8)
        )
    )
    (section,) = _status(many, H2).sections_for("risks")
    assert len(section.rows) == TOP
    assert [r["level"] for r in section.rows] == [15, 12, 9, 9, 6]
    assert section.note == "3 åpne risikoer til står i risikoregisteret."


@given(ost.programmes(), ost.periods())
def test_status_lists_the_highest_open_risks_first(programme: Programme, period: Period) -> None:
    report = _status(programme, period)
    top = _rows(report, "risks")
    open_ = {r.id: r for r in programme.risks if r.open_in(period)}
    assert len(top) == min(TOP, len(open_))
    assert all(row["id"] in open_ for row in top)
    levels = [level if isinstance(level := row.get("level"), int) else 0 for row in top]
    assert levels == sorted(levels, reverse=True)
    # those left out are no higher than the last listed
    listed = {row["id"] for row in top}
    left = [_level_of(r, period) for key, r in open_.items() if key not in listed]
    assert all(level <= (levels[-1] if levels else 0) for level in left)
    if not programme.risks:
        assert not report.sections_for("risk_changes")


def _level_of(risk: Risk, period: Period) -> int:
    scores = risk.scores(period)
    return 0 if scores is None else scores[0] * scores[1]


def test_status_without_risks_has_no_risk_sections(examples: dict[str, Programme]) -> None:
    for name, example in examples.items():
        if example.risks:
            continue
        report = _status(example, Period.parse("2004-H1"))
        assert not {"risks", "risk_changes"} & {s.key for s in report.sections}, name
    bare = loads(PROGRAMME).replace(risks=())
    assert not {"risks", "risk_changes"} & {s.key for s in _status(bare, H2).sections}


# --- through the command line, in every exporter -----------------------------------------


def _render(tmp_path: Path, suffix: str, *extra: str) -> Path:
    source = tmp_path / "programme.yaml"
    source.write_text(PROGRAMME, encoding="utf-8")
    out = tmp_path / f"register{suffix}"
    args = ["render", str(source), "--template", "risk-register", "--period", "2020-H2"]
    result = CliRunner().invoke(cli, [*args, *extra, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return out


def test_word_draws_the_matrix_with_alt_text(tmp_path: Path) -> None:
    path = _render(tmp_path, ".docx")
    with zipfile.ZipFile(path) as archive:
        document = archive.read("word/document.xml").decode()
        pictures = [n for n in archive.namelist() if n.startswith("word/media/")]
    assert len(pictures) == 1
    (alt,) = re.findall(r'descr="([^"]*)"', document)
    assert alt.startswith("Risikomatrise.")
    assert "Sannsynlighet 4, konsekvens 5 (rød): r1." in alt
    assert "Sannsynlighet 5, konsekvens 3 (rød): r3." in alt
    assert "Sannsynlighet 2, konsekvens 1 (grønn): r2." in alt
    assert "r4" not in alt


def test_excel_has_the_matrix_as_a_grid_of_cells(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = _render(tmp_path, ".xlsx")
    workbook = load_workbook(io.BytesIO(path.read_bytes()))
    assert workbook.sheetnames[:3] == ["Oversikt", "Risikomatrise", "Åpne risikoer"]
    grid = workbook["Risikomatrise"]
    assert [grid.cell(3, c).value for c in range(2, 7)] == [1, 2, 3, 4, 5]
    assert [grid.cell(r, 1).value for r in range(4, 9)] == [5, 4, 3, 2, 1]
    assert grid["E4"].value == "r1"  # probability 4, consequence 5
    assert grid["F6"].value == "r3"
    assert grid["C8"].value == "r2"
    assert grid["E4"].fill.start_color.rgb.endswith("FFC7CE")  # red
    assert grid["C8"].fill.start_color.rgb.endswith("C6EFCE")  # green
    assert grid["D6"].fill.start_color.rgb.endswith("FFEB9C")  # yellow: 3 × 3


def test_markdown_through_the_command_line(tmp_path: Path) -> None:
    text = _render(tmp_path, ".md", "--lang", "en").read_text(encoding="utf-8")
    assert text.startswith("# Risk register")
    assert "| Consequence / Probability | 1 | 2 | 3 | 4 | 5 |" in text
    assert "## Closed risks" in text


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LOUD SKIP: LibreOffice or poppler is not installed: the register was NOT checked",
)
def test_the_document_checker_passes_on_the_register(tmp_path: Path) -> None:
    from omstilling.testing.documents import check_documents

    path = _render(tmp_path, ".docx")
    findings = check_documents({path: "Risikoregister"}, timeout=300)
    assert findings == []


def test_every_example_renders_the_register(examples: dict[str, Programme]) -> None:
    for example in examples.values():
        report = _register(example, None)
        assert report.schema.id == "risk-register"
        assert to_markdown(report).decode().startswith("# ")

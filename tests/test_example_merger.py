"""The sixth example, examples/nye-asker-2020.yaml: Asker, Røyken and Hurum merged into
Asker kommune on 1 January 2020, steered by a fellesnemnd. It is the example that uses
all the steering structures of a programme file (predecessors and successor, a body as
owner, a decision made jointly by three councils, subprojects within subprojects, the
risk register, deviations, benefits, the programme's economy, decision follow-up, a
person as author), and every common template renders it, through the command line, to
Word, Excel and Markdown; the Word documents pass the kit's document checker."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

from omstilling.cli import cli
from omstilling.files import SCHEMA_FILE, dumps, load, load_report, loads
from omstilling.model import (
    BodyKind,
    BudgetKind,
    FollowUpStatus,
    PartialDate,
    Period,
    Programme,
    RiskStatus,
    Role,
)
from omstilling.report import Report
from omstilling.templates import TEMPLATES
from omstilling.testing.documents import DocumentCheckError, check_documents

from .conftest import EXAMPLES

EXAMPLE = EXAMPLES / "nye-asker-2020.yaml"
PERIOD = "2017-H1"
"""A period the example has status for (its latest)."""
SUFFIXES = (".docx", ".xlsx", ".md")

needs_libreoffice = pytest.mark.skipif(
    (shutil.which("soffice") or shutil.which("libreoffice")) is None
    or shutil.which("pdftotext") is None
    or shutil.which("pdfimages") is None,
    reason="LOUD SKIP: LibreOffice or poppler is not installed, so the merger example's "
    "documents were NOT checked page by page",
)


@pytest.fixture(scope="module")
def programme() -> Programme:
    return load(EXAMPLE)


def _cli(*args: str | Path) -> Any:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


# ---- the file ----


def test_the_file_validates_strictly_and_loads(programme: Programme) -> None:
    result = _cli("validate", "--strict", EXAMPLE)
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("nye-asker-2020.yaml: valid")
    assert programme.id == "nye-asker-2020"
    # what is written is what is read: the programme survives a save and a load
    assert loads(dumps(programme)) == programme


def _yaml_1_2() -> YAML:
    """ruamel.yaml's safe reader without the implicit dates YAML 1.2 does not have."""

    class Core(SafeConstructor):
        pass

    Core.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
    reader = YAML(typ="safe", pure=True)
    reader.Constructor = Core
    return reader


def test_the_file_matches_the_json_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = _yaml_1_2().load(EXAMPLE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []
    # the structures of issue 14 are all in the file, so the schema checked them
    for key in ("risks", "deviations", "benefits", "economy", "indicators", "decisions"):
        assert data[key], key


def test_the_file_cites_its_documents() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    # every source is named with its address, and what the documents do not give is said
    assert text.count("https://") + text.count("http://") >= 20
    assert "Styringsdokument for gjennomføring av kommunesammenslåing" in text
    assert "Skårene er ikke fra dokumentene" in text


# ---- the merger as the model holds it ----


def test_three_municipalities_become_one(programme: Programme) -> None:
    new = programme.organisation("nye-asker")
    assert new.predecessors == ("asker", "royken", "hurum")
    merger = PartialDate.parse("2020-01-01")
    for old, number in (("asker", "0220"), ("royken", "0627"), ("hurum", "0628")):
        organisation = programme.organisation(old)
        assert organisation.successor == "nye-asker"
        assert organisation.successor_from == merger
        assert organisation.municipality_number(PartialDate.parse("2019-12-31")) == number
        assert organisation.municipality_number(merger) is None
    assert new.municipality_number(PartialDate.parse("2019-12-31")) is None
    assert new.municipality_number(merger) == "3025"
    assert new.municipality_number(PartialDate.parse("2024-01-01")) == "3203"
    assert new.municipality_number() == "3203"
    assert [p.organisation for p in programme.participants] == ["asker", "royken", "hurum"]


def test_the_fellesnemnd_owns_the_programme(programme: Programme) -> None:
    (owner,) = [b for b in programme.bodies if b.id == programme.owner]
    assert owner.kind is BodyKind.COMMITTEE
    assert owner.id not in {o.id for o in programme.organisations}
    members = [
        r for r in programme.roles if r.body == owner.id and r.role in (Role.CHAIR, Role.MEMBER)
    ]
    assert len(members) == 9


def test_the_councils_decided_once_together(programme: Programme) -> None:
    decision = next(d for d in programme.decisions if d.id == "sammenslaing-2016")
    assert decision.bodies == ("asker-kommunestyre", "royken-kommunestyre", "hurum-kommunestyre")
    assert {b.organisation for b in programme.bodies if b.id in decision.bodies} == {
        "asker",
        "royken",
        "hurum",
    }
    first, _second, third = decision.items
    h2, h1 = Period.parse("2016-H2"), Period.parse("2017-H1")
    # followed up per period: in progress in 2016-H2, done in 2017-H1
    statuses = [f.status if f else None for f in (first.follow_up_in(h2), first.follow_up_in(h1))]
    assert statuses == [FollowUpStatus.IN_PROGRESS, FollowUpStatus.DONE]
    founded = third.follow_up_in(h2)
    assert founded is not None
    assert founded.status is FollowUpStatus.DONE
    followed = [item for d in programme.decisions for item in d.items if item.follow_up]
    assert len(followed) == 6


def test_subprojects_nest_three_deep(programme: Programme) -> None:
    parents = {s.id: s.parent for s in programme.subprojects}
    chain: list[str] = []
    current: str | None = "a1-1-arbeidsgrupper"
    while current is not None:
        chain.append(current)
        current = parents[current]
    assert chain == ["a1-1-arbeidsgrupper", "a1-1", "a1"]
    assert sorted(s for s, parent in parents.items() if parent == "a1") == [
        "a1-1",
        "a1-2",
        "a1-3",
        "a1-4",
        "a1-5",
    ]


def test_the_risk_register_has_a_trend(programme: Programme) -> None:
    h2, h1 = Period.parse("2016-H2"), Period.parse("2017-H1")
    trended = [r for r in programme.risks if {a.period for a in r.assessments} >= {h2, h1}]
    assert {r.id for r in trended} == {"r1", "r2"}
    numbers = next(r for r in trended if r.id == "r2")  # a new municipality number
    assert numbers.scores(h2) == (3, 3)
    assert numbers.scores(h1) == (4, 3)
    assert all(r.status is RiskStatus.OPEN for r in programme.risks)
    # no score is from the documents, and every assessment says so
    assert all(
        "ikke fra dokumentene" in (a.note or "") for r in programme.risks for a in r.assessments
    )


def test_deviations_benefits_and_economy(programme: Programme) -> None:
    h1 = Period.parse("2017-H1")
    assert [d.id for d in programme.deviations if d.open_in(h1)] == [
        "ap1-p3-utsatt",
        "a3-prosjektleder",
    ]
    indicators = {i.id: i for i in programme.indicators}
    for benefit in programme.benefits:
        assert benefit.indicator is not None
        assert indicators[benefit.indicator].values, benefit.id
    # measured after the programme ended
    assert programme.period is not None
    end = programme.period.end
    assert end is not None
    assert any(
        v.period.start() > end.last_day()
        for b in programme.benefits
        for v in indicators[b.indicator or ""].values
    )
    grants = [line for line in programme.economy if line.kind is BudgetKind.GRANT]
    assert {line.grantor for line in grants} == {"kmd"}
    reform = next(line for line in grants if line.period == Period.parse("2020"))
    assert reform.actual is not None
    assert reform.actual.amount == 33_471_000


def test_what_the_documents_do_not_give_is_said_where_it_is_given(
    programme: Programme,
) -> None:
    # neither deviation is called one in the documents
    assert programme.deviations
    for deviation in programme.deviations:
        assert "eksempelets" in (deviation.note or ""), deviation.id
    # no document reports a follow-up per period
    followed = [d for d in programme.decisions if any(i.follow_up for i in d.items)]
    assert followed
    for decision in followed:
        note = decision.note or ""
        assert "status" in note, decision.id
        assert "eksempelets" in note, decision.id
    # the joint decision's dates: Asker's is inferred, and said to be
    joint = next(d for d in programme.decisions if d.joint_bodies)
    assert "slutning" in (joint.note or "")
    assert "Asker 14. juni" not in (joint.note or "")
    # identified before the 2017 report it cites
    numbers = next(r for r in programme.risks if r.id == "r2")
    assert "eksempelets" in (numbers.description or "")


def test_people_author_documents(programme: Programme) -> None:
    people = {p.id for p in programme.people}
    authored = {d.id: d.author for d in programme.documents if d.author in people}
    assert authored == {"status-presentasjon": "lene-conradi", "bygge-ny-kommune": "lars-bjerke"}
    periods = sorted({str(e.period) for e in programme.status_entries})
    assert periods == ["2016-H2", "2017-H1"]


# ---- every template, through the command line ----


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Every registered template rendered to Word, Excel, Markdown and the report
    file (.json), each by ``omstilling render``."""
    out = tmp_path_factory.mktemp("merger")
    files: dict[str, dict[str, Path]] = {}
    for template in TEMPLATES:
        files[template.id] = {}
        for suffix in (*SUFFIXES, ".json"):
            path = out / f"{template.id}{suffix}"
            result = _cli(
                "render", EXAMPLE, "--template", template.id, "--period", PERIOD, "-o", path
            )
            assert result.exit_code == 0, f"{template.id}{suffix}: {result.output}"
            files[template.id][suffix] = path
    return files


def test_every_template_renders_to_every_type(rendered: dict[str, dict[str, Path]]) -> None:
    assert sorted(rendered) == sorted(t.id for t in TEMPLATES)
    assert {"risk-register", "status", "project-plan", "final-report"} <= set(rendered)
    for template, files in rendered.items():
        markdown = files[".md"].read_text(encoding="utf-8")
        assert "Bygging av nye Asker kommune" in markdown, template
        assert files[".docx"].read_bytes()[:2] == b"PK", template
        workbook = load_workbook(files[".xlsx"], read_only=True)
        try:
            assert workbook.sheetnames, template
        finally:
            workbook.close()


def _markdown(rendered: dict[str, dict[str, Path]], template: str) -> str:
    assert template in rendered, f"the {template} template is not registered"
    return rendered[template][".md"].read_text(encoding="utf-8")


def test_the_status_report_carries_the_merger(rendered: dict[str, dict[str, Path]]) -> None:
    status = _markdown(rendered, "status")
    for name in ("Asker kommune", "Røyken kommune", "Hurum kommune"):
        assert name in status
    assert "innstilte Lars Bjerke som rådmann" in status
    assert "Kostnadene ved nytt kommunenummer blir høyere enn anslått" in status
    assert "Medlemmer til A/P1 Kommuneplan og P3 Forberedelse til valg 2019" in status


def test_the_steering_views_show_their_entries(rendered: dict[str, dict[str, Path]]) -> None:
    risks = _markdown(rendered, "risk-register")
    for risk in ("Lokalsamfunnene i Hurum og Røyken svekkes", "Like veinavn i de tre kommunene"):
        assert risk in risks
    assert "regionsentertilskuddet" not in risks  # not identified until 2017-H2
    follow_up = _markdown(rendered, "decision-follow-up")
    for council in ("Kommunestyret i Asker", "Kommunestyret i Røyken", "Kommunestyret i Hurum"):
        assert council in follow_up
    benefits = _markdown(rendered, "benefits-plan")
    assert "Styrket lokaldemokrati" in benefits
    plan = _markdown(rendered, "project-plan")
    assert "Arbeidsgrupper og referansegrupper for organisasjonsplanen" in plan


@needs_libreoffice
def test_the_word_documents_read_well(rendered: dict[str, dict[str, Path]]) -> None:
    documents: dict[Path, Report] = {
        files[".docx"]: load_report(files[".json"]) for files in rendered.values()
    }
    findings = check_documents(documents)
    if findings:
        raise DocumentCheckError(findings)

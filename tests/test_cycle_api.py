"""The reporting cycle as library functions, tested without a command line: argument
checks, publishing, workbook naming, report-file detection."""

from __future__ import annotations

import threading
from pathlib import Path

import attrs
import pytest

from omstilling.cycle import (
    language_of,
    participant_of,
    participants_of,
    period_of,
    publication_day,
    publish,
    workbook_targets,
    write_workbooks,
)
from omstilling.errors import ArgumentError, NotInProgramme, OmstillingError
from omstilling.files import dumps, is_report_file, load_any, load_report
from omstilling.model import Language, PartialDate, Period, Programme, Subproject

from .conftest import EXAMPLES

STIFINNEREN = EXAMPLES / "stifinneren-2004.yaml"


@pytest.fixture(scope="module")
def stifinneren() -> Programme:
    from omstilling.files import load

    return load(STIFINNEREN)


def test_arguments_are_checked_in_one_place(stifinneren: Programme) -> None:
    assert period_of("2004-H1") == Period.parse("2004-H1")
    assert period_of(None) is None
    assert language_of("NN") is Language.NN
    with pytest.raises(ArgumentError, match=r"not a period .*'2004-H3'") as caught:
        period_of("2004-H3")
    assert caught.value.argument == "period"
    assert caught.value.exit_status == 2
    with pytest.raises(ArgumentError, match=r"not a language \(nb, nn, en\): 'de'"):
        language_of("de")
    assert participant_of(stifinneren, "molde") == "molde"
    assert participants_of(stifinneren, ["molde", "vadso", "molde"]) == ("molde", "vadso")
    assert participants_of(stifinneren) == tuple(p.organisation for p in stifinneren.participants)
    with pytest.raises(NotInProgramme, match=r"'stifinneren' has no participant 'oslo'"):
        participants_of(stifinneren, ["molde", "oslo"])


def test_publication_day(stifinneren: Programme) -> None:
    assert publication_day("2004-08-31") == PartialDate(2004, 8, 31)
    with pytest.raises(ArgumentError, match=r"date"):
        publication_day("31/08")


def test_a_published_report_is_frozen_and_never_overwritten(
    stifinneren: Programme, tmp_path: Path
) -> None:
    target = tmp_path / "status.json"
    report = publish(stifinneren, "status", target, period="2004-H1", published="2004-08-31")
    assert report.published == PartialDate(2004, 8, 31)
    assert is_report_file(target)
    assert load_report(target) == report
    assert load_any(target) == report
    first = target.read_bytes()
    with pytest.raises(OmstillingError, match="exists already") as caught:
        publish(stifinneren, "status", target, period="2004-H1")
    assert caught.value.problems[0].code == "conflict"
    assert target.read_bytes() == first
    publish(stifinneren, "status", target, period="2004-H1", published="2004-09-01", force=True)
    assert load_report(target).published == PartialDate(2004, 9, 1)
    with pytest.raises(ArgumentError, match=r"\.json"):
        publish(stifinneren, "status", tmp_path / "status.docx", period="2004-H1")


def test_of_two_publishes_to_one_file_exactly_one_wins(
    stifinneren: Programme, tmp_path: Path
) -> None:
    for trial in range(5):
        target = tmp_path / f"race-{trial}.json"
        outcomes: list[str] = []
        start = threading.Barrier(2)

        def one(
            day: str,
            target: Path = target,
            outcomes: list[str] = outcomes,
            start: threading.Barrier = start,
        ) -> None:
            start.wait()
            try:
                publish(stifinneren, "measure-overview", target, published=day)
                outcomes.append(day)
            except OmstillingError:
                outcomes.append("refused")

        threads = [threading.Thread(target=one, args=(d,)) for d in ("2004-08-30", "2004-08-31")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes)[-1] == "refused"
        (winner,) = [o for o in outcomes if o != "refused"]
        assert str(load_report(target).published) == winner
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(f"race-{trial}")) == [
            target.name
        ]


def test_a_programme_file_is_not_a_report_file(stifinneren: Programme, tmp_path: Path) -> None:
    # a programme with "report_format" in its text (an id may be that word) is still a
    # programme: the file is parsed, not searched
    odd = attrs.evolve(
        stifinneren,
        subprojects=(
            *stifinneren.subprojects,
            Subproject(id="report_format", name="Rapportformat"),
        ),
    )
    programme = tmp_path / "plan.json"
    programme.write_text(dumps(odd, "json"), encoding="utf-8")
    assert '"report_format"' in programme.read_text(encoding="utf-8")
    assert not is_report_file(programme)
    assert load_any(programme) == odd
    assert not is_report_file(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert not is_report_file(broken)
    published = tmp_path / "r.json"
    report = publish(stifinneren, "status", published, period="2004-H1")
    as_yaml = tmp_path / "report.yaml"
    as_yaml.write_text(published.read_text(encoding="utf-8"), encoding="utf-8")
    assert is_report_file(as_yaml)  # JSON is YAML too
    assert load_any(as_yaml) == report


def test_workbooks_are_named_and_never_overwrite(stifinneren: Programme, tmp_path: Path) -> None:
    one = workbook_targets(stifinneren, "2004-H2", tmp_path / "molde.xlsx", ["molde"])
    assert one == {"molde": tmp_path / "molde.xlsx"}
    several = workbook_targets(stifinneren, "2004-H2", tmp_path / "ut", ["molde", "vadso"])
    assert several == {
        "molde": tmp_path / "ut" / "stifinneren-2004-H2-molde.xlsx",
        "vadso": tmp_path / "ut" / "stifinneren-2004-H2-vadso.xlsx",
    }
    everyone = workbook_targets(stifinneren, "2004-H2", tmp_path / "ut")
    assert len(everyone) == len(stifinneren.participants)
    key = bytes(range(32))
    items = write_workbooks(
        stifinneren, "2004-H2", tmp_path / "ut", key=key, participants=["molde", "vadso"]
    )
    assert [(i.participant, i.error) for i in items] == [("molde", None), ("vadso", None)]
    assert all(i.path.read_bytes().startswith(b"PK") for i in items)
    (tmp_path / "ut" / "stifinneren-2004-H2-vadso.xlsx").write_bytes(b"filled in")
    with pytest.raises(OmstillingError, match="exists already") as caught:
        write_workbooks(
            stifinneren, "2004-H2", tmp_path / "ut", key=key, participants=["molde", "vadso"]
        )
    assert [p.source for p in caught.value.problems] == [
        str(tmp_path / "ut" / "stifinneren-2004-H2-molde.xlsx"),
        str(tmp_path / "ut" / "stifinneren-2004-H2-vadso.xlsx"),
    ]
    assert (tmp_path / "ut" / "stifinneren-2004-H2-vadso.xlsx").read_bytes() == b"filled in"
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    with pytest.raises(OmstillingError, match="not a directory"):
        workbook_targets(stifinneren, "2004-H2", tmp_path / "fil", ["molde", "vadso"])

"""The document checker (:mod:`omstilling.testing.documents`) and what it says about
every document omstilling renders: every template over every example programme in
bokmål, nynorsk and English, and every shipped format over its own example, checked
in one LibreOffice run: the report type on page 1, no word or amount broken across
lines, no near-empty middle page, alt text on every picture.

LibreOffice and poppler are installed by CI (.ci/run). Where they are missing the
tests that need them skip with a message saying the documents were NOT checked."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import warnings
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omstilling.cycle import latest_status_period, period_choices, render
from omstilling.formatting import format_value
from omstilling.model import Language, Money, Programme
from omstilling.plugins import Plugins, load_plugins
from omstilling.report import FieldType, Report
from omstilling.templates import TEMPLATES
from omstilling.testing._pages import Segment, amounts_in, words_in
from omstilling.testing.documents import (
    DocumentCheckError,
    Finding,
    OfficeSuiteMissing,
    _broken_word,
    _Vocabulary,
    check_documents,
    summary,
)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None or shutil.which("pdfimages") is None,
    reason="LOUD SKIP: LibreOffice or poppler is not installed, so the rendered documents "
    "were NOT checked page by page (CI installs them; locally: apt-get install "
    "libreoffice-writer-nogui poppler-utils)",
)
FORMATS = {
    "kongsvinger.vedtak": "kongsvinger-omstilling-2012",
    "stifinneren.status": "stifinneren-2004",
    "hammerfest.prosjektplan": "hammerfest-sjumilssteget",
    "hammerfest.milepaelsplan": "hammerfest-sjumilssteget",
}
"""Every shipped municipality's format, and the example programme it is made for."""

LETTERS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåABCÆØÅ", min_size=2, max_size=20)


# ---- the rules, without LibreOffice ----


@given(st.lists(LETTERS, min_size=1, max_size=8))
def test_words_written_with_spaces_are_one_run(words: list[str]) -> None:
    assert list(words_in(" \u00a0".join(words))) == [[w.casefold() for w in words]]


@given(LETTERS, LETTERS, st.sampled_from("-/,.;:()"))
def test_punctuation_ends_a_run(left: str, right: str, mark: str) -> None:
    runs = list(words_in(f"{left}{mark}{right}"))
    assert [word for run in runs for word in run] == [left.casefold(), right.casefold()]
    assert all(len(run) == 1 for run in runs)


@given(
    st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(list(Language)),
)
def test_every_amount_as_the_exporters_write_it_is_known(
    amount: Decimal, language: Language
) -> None:
    written = format_value(Money(amount), FieldType.MONEY, language)
    found = amounts_in(f"Mål for innsparing: {written}.")
    assert " ".join(written.split()) in found


def _segment(*words: str, y: float = 0) -> Segment:
    return Segment(words=words, x0=0, x1=50, y0=y, y1=y + 12, height=12)


@given(LETTERS.filter(lambda w: len(w) >= 3), st.data())
def test_a_known_word_split_over_lines_is_broken(word: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(1, len(word) - 1))
    vocabulary = _Vocabulary.of([f"Om {word} i dag"])
    chain = [_segment("Om", word[:cut]), _segment(word[cut:], "i", "dag", y=13)]
    assert _broken_word(chain, vocabulary) == f"{word[:cut]}|{word[cut:]}"


@given(LETTERS, LETTERS)
def test_two_words_written_apart_are_not_broken(left: str, right: str) -> None:
    vocabulary = _Vocabulary.of([f"{left} {right}", left + right])
    chain = [_segment(left), _segment(right, y=13)]
    assert _broken_word(chain, vocabulary) is None


@given(LETTERS, LETTERS)
def test_a_compound_split_at_its_hyphen_is_not_broken(left: str, right: str) -> None:
    vocabulary = _Vocabulary.of([f"{left}-{right}"])
    assert _broken_word([_segment(f"{left}-"), _segment(right, y=13)], vocabulary) is None


def test_rows_of_one_letter_are_not_a_broken_word() -> None:
    vocabulary = _Vocabulary.of(["d Ny driftsmodell", "e Kommunestyret", "de", "dem"])
    assert _broken_word([_segment("d"), _segment("e", y=13)], vocabulary) is None
    assert _broken_word([_segment("d"), _segment("em", y=13)], vocabulary) is None


def test_a_word_longer_than_twenty_letters_may_break() -> None:
    vocabulary = _Vocabulary.of(["hverdagsrehabilitering"])  # 22 letters
    chain = [_segment("hverdagsrehab"), _segment("ilitering", y=13)]
    assert _broken_word(chain, vocabulary) is None


def test_findings_read_as_a_list() -> None:
    findings = [
        Finding(document="a.docx", rule="broken-word", page=2, detail="Delprosjek|t"),
        Finding(document="a.docx", rule="alt-text", page=None, detail="Picture 1"),
    ]
    assert str(findings[0]) == "a.docx, page 2: broken-word: Delprosjek|t"
    assert summary(findings) == {
        "title": 0,
        "broken-word": 1,
        "near-empty-page": 0,
        "alt-text": 1,
        "conversion": 0,
    }
    lines = str(DocumentCheckError(findings)).splitlines()
    assert lines[0] == "2 findings (broken-word: 1, alt-text: 1)"
    assert lines[1:] == [str(f) for f in findings]
    assert isinstance(DocumentCheckError(findings), AssertionError)


def test_without_libreoffice_the_checker_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = tmp_path / "a.docx"
    document.write_bytes(b"")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(OfficeSuiteMissing, match="apt-get install libreoffice-writer-nogui"):
        check_documents([document])
    command = [sys.executable, "-m", "omstilling.testing.documents", str(document)]
    result = subprocess.run(
        command, capture_output=True, text=True, check=False, env={**os.environ}
    )
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "LibreOffice is needed" in result.stderr


@pytest.mark.skipif(os.name != "posix", reason="the stand-in programs are shell scripts")
@pytest.mark.parametrize(
    ("pdftotext", "said"),
    [
        (
            "echo 'Syntax Error: Couldn'\\''t read xref table' >&2; exit 3",
            "pdftotext failed reading its PDF (exit status 3): Syntax Error: Couldn't read "
            "xref table",
        ),
        (
            f"exec {shutil.which('sleep')} 30",
            "pdftotext took longer than 1 s reading its PDF and was stopped",
        ),
        ("", "pdftotext could not be started: Exec format error"),
    ],
    ids=["fails", "too-slow", "not-a-program"],
)
def test_a_poppler_failure_is_one_line_naming_the_document(
    pdftotext: str,
    said: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import docx

    from omstilling.testing import documents

    programs = tmp_path / "bin"
    programs.mkdir()
    for name, body in {"soffice": "exit 0", "pdfimages": "exit 0", "pdftotext": pdftotext}.items():
        program = programs / name
        program.write_text(f"#!/bin/sh\n{body}\n" if body else "", encoding="utf-8")
        program.chmod(0o755)
    monkeypatch.setenv("PATH", str(programs))
    document = tmp_path / "status.docx"
    docx.Document().save(str(document))

    def convert_to_pdf(
        sources: list[Path], outdir: Path, *, timeout: float
    ) -> dict[Path, Path | None]:
        pdf = Path(outdir, "status.pdf")
        pdf.write_bytes(b"%PDF-1.4\n")
        return dict.fromkeys(sources, pdf)

    monkeypatch.setattr(documents, "convert_to_pdf", convert_to_pdf)
    assert documents.main(["--timeout", "1", str(document)]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [f"error: status.docx: {said}"]
    assert captured.out == ""


# ---- small documents made to break the rules (and one that keeps them) ----


def _png(width: int = 40, height: int = 30) -> bytes:
    raw = b"".join(b"\x00" + b"\xc8\x1e\x1e" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


TEXT = 3 * (
    "Programmet skal gi bedre tjenester til innbyggerne gjennom samarbeid mellom "
    "kommunene, felles systemer og en organisasjon som lærer av erfaringene. "
)


def _bad(path: Path) -> None:
    """No report type on page 1, a word and an amount broken in a narrow column, a
    near-empty page 4 of 6, and a picture without alt text."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm

    document = docx.Document()
    document.add_heading("Omstilling i Eksempel kommune", 0)
    table = document.add_table(rows=2, cols=2)
    table.autofit = False
    table.columns[0].width, table.columns[1].width = Cm(1.3), Cm(12)
    rows = [("Kvalitetslosen", "Delprosjekt"), ("3 500 000 kr", "Mål")]
    for row, texts in zip(table.rows, rows, strict=True):
        row.cells[0].width, row.cells[1].width = Cm(1.3), Cm(12)
        row.cells[0].text, row.cells[1].text = texts
    for _ in range(12):
        document.add_paragraph(TEXT)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Bare én linje her.")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for _ in range(8):
        document.add_paragraph(TEXT)
    document.add_picture(io.BytesIO(_png()), width=Cm(2))
    document.save(str(path))


def _good(path: Path) -> None:
    """The report type on page 1, a compound that breaks at its hyphen, an amount with
    no-break spaces and a picture with alt text."""
    import docx
    from docx.shared import Cm

    document = docx.Document()
    document.add_heading("Statusrapport", 0)
    document.add_paragraph("Omstilling i Eksempel kommune, 1. halvår 2024")
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    table.columns[0].width, table.columns[1].width = Cm(4.2), Cm(10)
    cells = table.rows[0].cells
    cells[0].width, cells[1].width = Cm(4.2), Cm(10)
    cells[0].text = "Helse-og-omsorgstjenesten"
    cells[1].text = "Mål for innsparing: 3\u00a0500\u00a0000\u00a0kr"
    document.add_picture(io.BytesIO(_png()), width=Cm(2))
    document.inline_shapes[0]._inline.docPr.set("descr", "Rødt felt")
    document.save(str(path))


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("samples")
    _bad(out / "bad.docx")
    _good(out / "good.docx")
    return out / "bad.docx", out / "good.docx"


@needs_libreoffice
def test_the_checker_finds_what_is_wrong_and_only_that(samples: tuple[Path, Path]) -> None:
    bad, good = samples
    findings = check_documents({bad: "Statusrapport", good: "Statusrapport"})
    found = {(f.document, f.rule, f.page, f.detail) for f in findings}
    assert found == {
        ("bad.docx", "title", 1, "'Statusrapport' is not on page 1"),
        ("bad.docx", "broken-word", 1, "Kval|itets|lose|n"),
        ("bad.docx", "broken-word", 1, "3|500 000 kr"),
        ("bad.docx", "near-empty-page", 4, "content fills 2% of the page"),
        ("bad.docx", "alt-text", None, "Picture 1"),
    }


@needs_libreoffice
def test_a_file_that_is_not_a_word_document_is_a_finding(tmp_path: Path) -> None:
    text = tmp_path / "notes.docx"
    text.write_text("Statusrapport\n", encoding="utf-8")
    (finding,) = check_documents({text: "Statusrapport"})
    assert (finding.document, finding.rule, finding.page) == ("notes.docx", "conversion", None)
    assert finding.detail.startswith("not a Word document (.docx) that can be read: ")


@needs_libreoffice
def test_the_checker_runs_from_the_command_line(samples: tuple[Path, Path], tmp_path: Path) -> None:
    command = [sys.executable, "-m", "omstilling.testing.documents", *map(str, samples)]
    command += ["--pdf-dir", str(tmp_path / "pdf")]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert "bad.docx, page 1: broken-word: Kval|itets|lose|n" in lines
    assert "2 documents, 4 findings" in lines
    assert "  title: 0 (not checked: give --title)" in lines
    assert "  broken-word: 2" in lines
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == ["0000-bad.pdf", "0001-good.pdf"]


# ---- every document omstilling renders ----


def _period(programme: Programme) -> str:
    """The latest period with status, as ``omstilling render`` takes without
    --period; for a programme with none, its first period."""
    latest = latest_status_period(programme)
    return str(latest) if latest is not None else period_choices(programme).split(", ")[0]


@pytest.fixture(scope="module")
def rendered(
    examples: dict[str, Programme], tmp_path_factory: pytest.TempPathFactory
) -> dict[Path, Report]:
    out = tmp_path_factory.mktemp("documents")
    plugins: Plugins = load_plugins()
    jobs: list[tuple[str, str, str | None]] = [
        (name, template.id, language)
        for name in examples
        for template in TEMPLATES
        for language in ("nb", "nn", "en")
    ]
    jobs += [(example, format_id, None) for format_id, example in FORMATS.items()]
    reports: dict[Path, Report] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporters' own tests check their warnings
        for name, format_id, language in jobs:
            programme = examples[name]
            needs = plugins.format(format_id).needs_period
            path = out / f"{name}.{format_id}.{language or 'own'}.docx"
            reports[path] = render(
                programme,
                format_id,
                path,
                period=_period(programme) if needs else None,
                language=language,
                plugins=plugins,
            )
    return reports


def test_every_template_example_language_and_format_renders(
    rendered: dict[Path, Report], examples: dict[str, Programme]
) -> None:
    assert len(rendered) == len(examples) * len(TEMPLATES) * 3 + len(FORMATS)


@needs_libreoffice
def test_every_document_reads_well(rendered: dict[Path, Report]) -> None:
    findings = check_documents(rendered)
    counts = summary(findings)
    print(f"{len(rendered)} documents:", ", ".join(f"{r}: {n}" for r, n in counts.items()))
    if findings:
        raise DocumentCheckError(findings)

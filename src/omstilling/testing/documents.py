"""The document checker: rendered Word documents converted to PDF by LibreOffice and
looked at the way a reader would, page by page.

It checks that a report reads well on paper: its title where a reader looks first,
no word or amount broken across lines, no page left nearly empty, alt text on every
picture, and a document that converts at all. The rules (the ``rule`` of a
:class:`Finding`):

``title``
    The report type ("Statusrapport", "Milepælsplan" ...: the report schema's title
    in the report's language) is on page 1.
``broken-word``
    No word of 3 to 20 letters and no amount ("3 500 000 kr") is broken across
    lines. The words and amounts the document holds are known (from its own text
    and from the report), so a line that ends with a piece of one and a next line
    that starts with the rest is found wherever it is: in a paragraph or a table
    cell. A compound split at its hyphen (or slash) is not broken, nor is a column of
    one-letter cells ("d" above "e": a table's rows).
``near-empty-page``
    No page but the first and the last holds less than about a fifth of a page of
    content (running headers and footers aside); a page with a picture is full.
``alt-text``
    Every picture in the document has alt text (``wp:docPr/@descr``), as the
    universal design rules ask.
``conversion``
    The document is a Word document that can be read, and LibreOffice could convert
    it at all.

Use it from a plugin's tests (it needs LibreOffice, ``soffice``, and poppler's
``pdftotext`` and ``pdfimages`` on the ``PATH``)::

    from omstilling import load, render
    from omstilling.testing.documents import assert_documents

    def test_my_status_report_reads_well(tmp_path):
        path = tmp_path / "status.docx"
        report = render(load("programme.yaml"), "my-status", path, period="2024-T1")
        assert_documents({path: report})

Every document given in one call is converted in one LibreOffice run. From the
command line, with a summary count per rule::

    python -m omstilling.testing.documents --title Statusrapport status.docx

.. versionadded:: 0.2
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import attrs

from .._office import convert, find_soffice
from ..errors import OmstillingError, Problem
from ..formatting import format_value
from ..report import Report
from ._pages import Page, Segment, amounts_in, continuations, read_pages, words_in

__all__ = [
    "RULES",
    "DocumentCheckError",
    "Finding",
    "OfficeSuiteMissing",
    "assert_documents",
    "check_documents",
    "convert_to_pdf",
    "main",
    "summary",
]

RULES = ("title", "broken-word", "near-empty-page", "alt-text", "conversion")
"""The rules a document is checked against, in the order a summary lists them.

.. versionadded:: 0.2
"""

LONGEST_WORD = 20
"""Words of more letters than this may break where a column is narrow."""

NEAR_EMPTY = 0.2
"""A middle page whose content fills less than this share of the page is near-empty."""

_INSTALL = (
    "LibreOffice is needed to check documents: install it (Debian/Ubuntu: "
    "apt-get install libreoffice-writer-nogui poppler-utils; elsewhere "
    "https://www.libreoffice.org/download/) so that 'soffice' is on the PATH"
)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_SPACES = re.compile(r"\s+")

StrPath = str | os.PathLike[str]
Expected = Report | str | None
"""What a document is expected to be: the report it was rendered from, the title of
its report type, or nothing (the title is then not checked)."""
Documents = Mapping[Path, Expected] | Mapping[str, Expected] | Iterable[StrPath]
"""Documents to check: each mapped to what it is expected to be, or only named."""


@attrs.frozen(kw_only=True)
class Finding:
    """One thing wrong with one document.

    .. versionadded:: 0.2
    """

    document: str
    """The document's file name."""
    rule: str
    """One of :data:`RULES`."""
    page: int | None
    """The page (from 1) of the PDF it is on; ``None`` for the document as a whole."""
    detail: str
    """What was found, as a reader would say it: ``'Delprosjek|t'``."""

    def __str__(self) -> str:
        where = self.document if self.page is None else f"{self.document}, page {self.page}"
        return f"{where}: {self.rule}: {self.detail}"


class DocumentCheckError(OmstillingError, AssertionError):
    """Documents that break the checker's rules, with every finding (an
    :class:`AssertionError` too, so that test runners report it as a failure).

    .. versionadded:: 0.2
    """

    code = "document"

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        counts = ", ".join(f"{rule}: {n}" for rule, n in summary(findings).items() if n)
        problems = [Problem("", f"{len(findings)} findings ({counts})", "document")]
        problems += [Problem("", str(finding), "document") for finding in findings]
        super().__init__(problems)


class OfficeSuiteMissing(OmstillingError, RuntimeError):
    """LibreOffice (or poppler) is not installed: the message says what to install.

    .. versionadded:: 0.2
    """

    code = "environment"


def summary(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings there are of each rule, every rule of :data:`RULES` listed.

    .. versionadded:: 0.2
    """
    counts = Counter(finding.rule for finding in findings)
    return {rule: counts[rule] for rule in RULES}


def _soffice() -> str:
    found = find_soffice()
    if found is None:
        raise OfficeSuiteMissing(_INSTALL)
    return found


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise OfficeSuiteMissing(
            f"poppler's {name!r} is needed to check documents: install poppler "
            "(Debian/Ubuntu: apt-get install poppler-utils)"
        )
    return found


def convert_to_pdf(
    documents: Iterable[StrPath], outdir: StrPath, *, timeout: float = 900
) -> dict[Path, Path | None]:
    """Convert every document to PDF in ``outdir``, in one LibreOffice run with a
    profile of its own; returns each document's PDF, ``None`` where LibreOffice
    could not convert it.

    Raises :class:`OfficeSuiteMissing` where LibreOffice is not installed.

    .. versionadded:: 0.2
    """
    soffice = _soffice()
    outdir = Path(outdir)
    sources = [Path(document) for document in documents]
    result: dict[Path, Path | None] = {}
    if not sources:
        return result
    with tempfile.TemporaryDirectory(prefix="omstilling-lo-") as work:
        # unique names: two documents named alike must not give the same PDF
        inputs = []
        for number, source in enumerate(sources):
            copy = Path(work) / f"{number:04d}-{source.stem}{source.suffix}"
            shutil.copyfile(source, copy)
            inputs.append(copy)
        try:
            run = convert(
                soffice,
                inputs,
                to="pdf",
                outdir=Path(work),
                profile=Path(work, "profile"),
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise OmstillingError(
                f"{Path(soffice).name} took longer than {timeout:g} s and was stopped"
            ) from None
        outdir.mkdir(parents=True, exist_ok=True)
        for source, copy in zip(sources, inputs, strict=True):
            pdf = copy.with_suffix(".pdf")
            if pdf.exists() and pdf.stat().st_size > 0:
                target = outdir / f"{copy.stem}.pdf"
                shutil.move(pdf, target)
                result[source] = target
            else:
                result[source] = None
        if run.returncode != 0 and all(pdf is None for pdf in result.values()):
            raise OmstillingError(f"LibreOffice failed: {run.stderr.strip() or run.stdout}")
    return result


# ---- what the document holds ----


def _docx_parts(path: Path) -> Iterator[bytes]:
    """The main document, headers and footers of a .docx, as XML bytes."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                yield archive.read(name)


def _docx_texts(parts: Sequence[bytes]) -> Iterator[str]:
    """The text of every paragraph of the document, table cells' included."""
    from defusedxml import ElementTree

    for xml in parts:
        root = ElementTree.fromstring(xml)
        for paragraph in root.iter(f"{_W}p"):
            pieces = []
            for element in paragraph.iter():
                if element.tag == f"{_W}t":
                    pieces.append(element.text or "")
                elif element.tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
                    pieces.append(" ")
            yield "".join(pieces)


def _pictures_without_alt_text(parts: Sequence[bytes]) -> Iterator[str]:
    from defusedxml import ElementTree

    for xml in parts:
        for shape in ElementTree.fromstring(xml).iter(f"{_WP}docPr"):
            if not (shape.get("descr") or "").strip():
                yield shape.get("name") or f"picture {shape.get('id', '?')}"


def _report_texts(report: Report) -> Iterator[str]:
    """Every text the report holds, as the exporters write it."""
    yield report.title
    yield report.label(report.schema.title)
    for schema in report.schema.sections:
        yield report.label(schema.title)
        for column in (*schema.fields, *schema.columns):
            yield report.label(column.label)
    for section in report.sections:
        try:
            schema = report.schema.section(section.key)
        except KeyError:
            continue
        yield from (text for text in (section.title, section.note) if text)
        for key, value in section.values.items():
            try:
                yield format_value(value, schema.field(key).type, report.language)
            except KeyError:
                yield str(value)
        for row in section.rows:
            for key, value in row.items():
                try:
                    yield format_value(value, schema.column(key).type, report.language)
                except KeyError:
                    yield str(value)


@attrs.frozen
class _Vocabulary:
    """The words (case-folded), pairs of words written one after the other, and
    amounts a document holds."""

    words: frozenset[str]
    prefixes: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    amounts: frozenset[str]

    @classmethod
    def of(cls, texts: Iterable[str]) -> _Vocabulary:
        words: set[str] = set()
        pairs: set[tuple[str, str]] = set()
        amounts: set[str] = set()
        for text in texts:
            for token_words in words_in(text):
                words.update(token_words)
                pairs.update(itertools.pairwise(token_words))
            amounts.update(amounts_in(text))
        words = {word for word in words if 3 <= len(word) <= LONGEST_WORD}
        prefixes = {word[:n] for word in words for n in range(1, len(word))}
        return cls(frozenset(words), frozenset(prefixes), frozenset(pairs), frozenset(amounts))


# ---- the rules ----


def _letters_at_end(token: str) -> str:
    match = re.search(r"[^\W\d_]+$", token)
    return match.group(0) if match else ""


def _letters_at_start(token: str) -> str:
    match = re.match(r"[^\W\d_]+", token)
    return match.group(0) if match else ""


def _broken_word(chain: Sequence[Segment], vocabulary: _Vocabulary) -> str | None:
    """``'Delprosjek|t'`` where the lines of ``chain`` break a word, else ``None``."""
    first, *rest = chain
    tail = _letters_at_end(first.words[-1])
    if not tail or not rest or (first.words == (tail,) and len(tail) == 1):
        return None  # a cell of one letter ("d" above "e"): a table's rows, not a break
    pieces = [first.words[-1]]
    joined = tail.casefold()
    for segment in rest:
        head = _letters_at_start(segment.words[0])
        if not head:
            return None
        pieces.append(segment.words[0])
        candidate = joined + head.casefold()
        if candidate in vocabulary.words and (joined, head.casefold()) not in vocabulary.pairs:
            return "|".join(pieces)
        whole = len(segment.words) == 1 and head == segment.words[0]
        if not whole or candidate not in vocabulary.prefixes:
            return None
        joined = candidate
    return None


def _broken_amount(chain: Sequence[Segment], vocabulary: _Vocabulary) -> str | None:
    """``'3 500|000 kr'`` where the lines of ``chain`` break an amount, else ``None``."""
    if not vocabulary.amounts:
        return None
    first = chain[0].words[-4:]
    rest = [word for segment in chain[1:] for word in segment.words][:8]
    for start in range(len(first)):
        left = " ".join(first[start:]).lstrip("([«\"'")
        for end in range(1, len(rest) + 1):
            right = " ".join(rest[:end]).rstrip(")]»\"'.,;:!?")
            for joined in (f"{left} {right}", left + right):
                if _SPACES.sub(" ", joined) in vocabulary.amounts:
                    return f"{left}|{right}"
    return None


def _check_pages(name: str, pages: Sequence[Page], vocabulary: _Vocabulary) -> Iterator[Finding]:
    seen: set[tuple[int, str]] = set()
    for page in pages:
        for chain in continuations(page):
            broken = _broken_word(chain, vocabulary) or _broken_amount(chain, vocabulary)
            if broken and (page.number, broken) not in seen:
                seen.add((page.number, broken))
                yield Finding(document=name, rule="broken-word", page=page.number, detail=broken)
    for page in pages[1:-1]:
        if not page.images and page.fill < NEAR_EMPTY:
            yield Finding(
                document=name,
                rule="near-empty-page",
                page=page.number,
                detail=f"content fills {page.fill:.0%} of the page",
            )


def _check_title(name: str, pages: Sequence[Page], title: str) -> Iterator[Finding]:
    wanted = _SPACES.sub(" ", title).strip().casefold()
    first = _SPACES.sub(" ", pages[0].text if pages else "").casefold()
    if not re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", first):
        yield Finding(document=name, rule="title", page=1, detail=f"{title!r} is not on page 1")


def _expected_title(expected: Expected) -> str | None:
    if isinstance(expected, Report):
        return expected.label(expected.schema.title)
    return expected


def check_documents(
    documents: Documents,
    *,
    timeout: float = 900,
    pdf_dir: StrPath | None = None,
) -> list[Finding]:
    """Check the rendered .docx ``documents`` against :data:`RULES`: converted to PDF
    in one LibreOffice run, then read with poppler.

    ``documents`` maps each file to the :class:`~omstilling.report.Report` it was
    rendered from (or the title of its report type, or ``None`` for a document whose
    title is not to be checked); a plain list of files checks no titles. The PDFs are
    kept in ``pdf_dir`` where one is given. Raises :class:`OfficeSuiteMissing` where
    LibreOffice or poppler is not installed.

    .. versionadded:: 0.2
    """
    if isinstance(documents, Mapping):
        expected: dict[Path, Expected] = {Path(k): v for k, v in documents.items()}
    else:
        expected = {Path(document): None for document in documents}
    _soffice()  # LibreOffice first: what to install, before any work
    pdftotext, pdfimages = _tool("pdftotext"), _tool("pdfimages")
    findings: list[Finding] = []
    read: dict[Path, tuple[list[str], list[str]]] = {}  # texts, pictures without alt text
    for path in expected:
        try:
            parts = list(_docx_parts(path))
            read[path] = list(_docx_texts(parts)), list(_pictures_without_alt_text(parts))
        except (OSError, zipfile.BadZipFile, ValueError, SyntaxError) as exc:
            detail = f"not a Word document (.docx) that can be read: {exc}"
            findings.append(
                Finding(document=path.name, rule="conversion", page=None, detail=detail)
            )
    with tempfile.TemporaryDirectory(prefix="omstilling-pdf-") as work:
        pdfs = convert_to_pdf(read, pdf_dir or work, timeout=timeout)
        for path, (texts, pictures) in read.items():
            name, report = path.name, expected[path]
            for picture in pictures:
                findings.append(Finding(document=name, rule="alt-text", page=None, detail=picture))
            pdf = pdfs[path]
            if pdf is None:
                detail = "LibreOffice could not convert it to PDF"
                findings.append(Finding(document=name, rule="conversion", page=None, detail=detail))
                continue
            pages = read_pages(
                pdf, pdftotext=pdftotext, pdfimages=pdfimages, timeout=timeout, document=name
            )
            title = _expected_title(report)
            if title:
                findings += _check_title(name, pages, title)
            if isinstance(report, Report):
                texts += _report_texts(report)
            findings += _check_pages(name, pages, _Vocabulary.of(texts))
    return findings


def assert_documents(documents: Documents, *, timeout: float = 900) -> None:
    """Check ``documents`` as :func:`check_documents` does and raise
    :class:`DocumentCheckError` (an :class:`AssertionError`) listing every finding,
    one per line, if there are any.

    .. versionadded:: 0.2
    """
    findings = check_documents(documents, timeout=timeout)
    if findings:
        raise DocumentCheckError(findings)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m omstilling.testing.documents [--title TITLE] [--pdf-dir DIR]
    FILE.docx...``: print every finding and a count per rule; exit 1 if there are
    findings.

    .. versionadded:: 0.2
    """
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m omstilling.testing.documents",
        description="Check rendered Word documents the way a reader sees them (as PDF).",
    )
    parser.add_argument("documents", nargs="+", type=Path, metavar="FILE.docx")
    parser.add_argument(
        "--title", help="the report type every document must show on page 1 (else not checked)"
    )
    parser.add_argument("--timeout", type=float, default=900, help="seconds (default 900)")
    parser.add_argument("--pdf-dir", type=Path, help="keep the PDFs in this directory")
    arguments = parser.parse_args(argv)
    missing = [str(path) for path in arguments.documents if not path.is_file()]
    if missing:
        print(f"error: no such file: {', '.join(missing)}", file=sys.stderr)
        return 1
    try:
        findings = check_documents(
            dict.fromkeys(arguments.documents, arguments.title),
            timeout=arguments.timeout,
            pdf_dir=arguments.pdf_dir,
        )
    except OmstillingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for finding in findings:
        print(finding)
    print(f"{len(arguments.documents)} documents, {len(findings)} findings")
    for rule, count in summary(findings).items():
        note = " (not checked: give --title)" if rule == "title" and not arguments.title else ""
        print(f"  {rule}: {count}{note}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())

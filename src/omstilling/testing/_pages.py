"""The pages of a PDF as poppler reads them: words with their boxes, grouped into
lines and the line pieces of each column, the pictures on each page, and how far down
each page its content reaches."""

from __future__ import annotations

import re
import statistics
import subprocess
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

from ..errors import OmstillingError

__all__ = ["Page", "Segment", "amounts_in", "continuations", "read_pages", "words_in"]

_XHTML = "{http://www.w3.org/1999/xhtml}"
_LETTERS = re.compile(r"[^\W\d_]+")
_SPACES = re.compile(r"\s+")
_UNIT = r"(?:kr|NOK|MNOK|mill\. kr|mill\.|mrd\. kr|mrd\.)"
_GROUPED = r"-?\d{1,3}(?:[ ,]\d{3})+(?:[.,]\d+)?"
_PLAIN = r"-?\d+(?:[.,]\d+)?"
_AMOUNT = re.compile(
    rf"(?<![\w,.-])(?:(?:kr|NOK|MNOK) (?:{_GROUPED}|{_PLAIN})"
    rf"|(?:{_GROUPED}|{_PLAIN}) {_UNIT}|{_GROUPED})(?![\w])"
)
"""An amount: a number with a currency before or after it ("3 500 000 kr",
"NOK 1,234.50", "35 mill. kr"), or a number in groups of thousands ("12 000")."""

GAP = 0.45
"""A gap wider than this many word heights between two words on a line separates
two pieces of the line (table cells, columns)."""


def words_in(text: str) -> Iterator[list[str]]:
    """The words (runs of letters, case-folded) of ``text``, in runs of words that
    stand one after the other separated by white space only."""
    run: list[str] = []
    after_letter = False
    for token in text.split():
        pieces = _LETTERS.findall(token)
        if not pieces or not (after_letter and _LETTERS.match(token)):
            if run:
                yield run
            run = []
        for number, piece in enumerate(pieces):
            if number and run:
                yield run
                run = []
            run.append(piece.casefold())
        after_letter = bool(pieces) and token[-1:].isalpha()
    if run:
        yield run


def amounts_in(text: str) -> set[str]:
    """The amounts ("3 500 000 kr", "12 000", "kr 250") in ``text``, white space as
    single spaces."""
    return set(_AMOUNT.findall(_SPACES.sub(" ", text)))


@attrs.frozen
class Segment:
    """A piece of a line: words with no wide gap between them (a table cell's line)."""

    words: tuple[str, ...]
    x0: float
    x1: float
    y0: float
    y1: float
    height: float


@attrs.frozen
class Page:
    """One page: its number (from 1), its size, its text in reading order, its line
    pieces, how many large pictures it holds, and how much of it the content fills."""

    number: int
    width: float
    height: float
    text: str
    segments: tuple[Segment, ...]
    images: int
    fill: float


@attrs.frozen
class _Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def _rows(words: Sequence[_Word]) -> list[list[_Word]]:
    """The words of a page in lines, top to bottom, each left to right."""
    rows: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.y0, w.x0)):
        height = word.y1 - word.y0
        if rows and abs(rows[-1][0].y0 - word.y0) < 0.3 * height:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def _segments(row: Sequence[_Word]) -> Iterator[Segment]:
    piece = [row[0]]
    for word in row[1:]:
        height = max(word.y1 - word.y0, piece[-1].y1 - piece[-1].y0)
        if word.x0 - piece[-1].x1 > GAP * height:
            yield _segment(piece)
            piece = []
        piece.append(word)
    yield _segment(piece)


def _segment(words: Sequence[_Word]) -> Segment:
    return Segment(
        words=tuple(w.text for w in words),
        x0=min(w.x0 for w in words),
        x1=max(w.x1 for w in words),
        y0=min(w.y0 for w in words),
        y1=max(w.y1 for w in words),
        height=statistics.median(w.y1 - w.y0 for w in words),
    )


def _next_line(segment: Segment, segments: Sequence[Segment]) -> Segment | None:
    """The piece of the next line that continues ``segment``: just below it, and
    overlapping it from left to right (the same cell or column)."""
    best: tuple[float, float] | None = None
    found = None
    for other in segments:
        step = other.y0 - segment.y0
        if not 0.5 * segment.height < step < 1.8 * segment.height:
            continue
        overlap = min(other.x1, segment.x1) - max(other.x0, segment.x0)
        if overlap <= 0:
            continue
        key = (step, -overlap)
        if best is None or key < best:
            best, found = key, other
    return found


def continuations(page: Page, longest: int = 4) -> Iterator[list[Segment]]:
    """Every line piece with the pieces that continue it on the next lines (up to
    ``longest`` pieces in all), where it has one."""
    following = {s: _next_line(s, page.segments) for s in page.segments}
    for segment in page.segments:
        chain = [segment]
        while len(chain) < longest:
            after = following[chain[-1]]
            if after is None or after in chain:
                break
            chain.append(after)
        if len(chain) > 1:
            yield chain


def _key(words: Sequence[_Word]) -> str:
    return re.sub(r"\d+", "#", " ".join(w.text for w in words))


def _running(pages: Sequence[list[list[_Word]]], index: int) -> Counter[str]:
    """How often each (digit-free) text is the first (``index`` 0) or last (-1)
    line of a page: running headers and footers are."""
    return Counter(_key(rows[index]) for rows in pages if rows)


def _poppler(command: Sequence[str], timeout: float, document: str) -> bytes:
    """What poppler's ``command`` writes; :class:`~omstilling.errors.OmstillingError`,
    one line naming ``document``, where it fails, cannot start or takes too long."""
    program = Path(command[0]).name
    try:
        return subprocess.run(command, capture_output=True, timeout=timeout, check=True).stdout
    except subprocess.TimeoutExpired:
        said = f"{program} took longer than {timeout:g} s reading its PDF and was stopped"
    except subprocess.CalledProcessError as exc:
        output = exc.stderr.decode("utf-8", "replace") if exc.stderr else ""
        detail = " ".join(output.split())[:300]
        said = f"{program} failed reading its PDF (exit status {exc.returncode})" + (
            f": {detail}" if detail else ""
        )
    except OSError as exc:
        said = f"{program} could not be started: {exc.strerror or exc}"
    raise OmstillingError(said, source=document)


def _images(pdf: Path, pdfimages: str, timeout: float, document: str) -> dict[int, list[float]]:
    """The displayed area (in square points) of each picture, per page."""
    listing = _poppler([pdfimages, "-list", str(pdf)], timeout, document).decode("utf-8", "replace")
    areas: dict[int, list[float]] = {}
    for line in listing.splitlines()[2:]:
        fields = line.split()
        if len(fields) < 14 or fields[2] != "image":
            continue
        try:
            width, height = int(fields[3]), int(fields[4])
            x_ppi, y_ppi = float(fields[12]), float(fields[13])
        except ValueError:
            continue
        area = (width / max(x_ppi, 1) * 72) * (height / max(y_ppi, 1) * 72)
        areas.setdefault(int(fields[0]), []).append(area)
    return areas


def read_pages(
    pdf: Path, *, pdftotext: str, pdfimages: str, timeout: float, document: str | None = None
) -> list[Page]:
    """Every page of ``pdf``, read with poppler's ``pdftotext -bbox`` and
    ``pdfimages -list``. Where poppler fails or takes longer than ``timeout`` seconds
    the :class:`~omstilling.errors.OmstillingError` names ``document`` (the file the
    PDF was made from; the PDF itself where not given)."""
    from defusedxml import ElementTree

    document = document or pdf.name
    xhtml = _poppler([pdftotext, "-bbox", str(pdf), "-"], timeout, document)
    root = ElementTree.fromstring(xhtml)
    raw: list[tuple[float, float, list[_Word]]] = []
    for page in root.iter(f"{_XHTML}page"):
        words = [
            _Word(
                text=word.text or "",
                x0=float(word.get("xMin", 0)),
                y0=float(word.get("yMin", 0)),
                x1=float(word.get("xMax", 0)),
                y1=float(word.get("yMax", 0)),
            )
            for word in page.iter(f"{_XHTML}word")
            if (word.text or "").strip()
        ]
        raw.append((float(page.get("width", 0)), float(page.get("height", 0)), words))
    images = _images(pdf, pdfimages, timeout, document)
    rows = [_rows(words) for _, _, words in raw]
    heads, feet = _running(rows, 0), _running(rows, -1)
    pages = []
    for number, ((width, height, words), page_rows) in enumerate(zip(raw, rows, strict=True), 1):
        body = list(page_rows)
        # a line that starts or ends several pages, at the edge, runs (page numbers)
        if body and feet[_key(body[-1])] > 1 and body[-1][0].y0 > 0.8 * height:
            body.pop()
        if body and heads[_key(body[0])] > 1 and body[0][-1].y1 < 0.2 * height:
            body.pop(0)
        if body and height:
            top = min(w.y0 for w in body[0])
            bottom = max(w.y1 for w in body[-1])
            fill = min(1.0, (bottom - top) / (0.8 * height))
        else:
            fill = 0.0
        large = [a for a in images.get(number, []) if a >= 0.05 * width * height]
        pages.append(
            Page(
                number=number,
                width=width,
                height=height,
                text=" ".join(w.text for w in words),
                segments=tuple(s for row in page_rows for s in _segments(row)),
                images=len(large),
                fill=fill,
            )
        )
    return pages

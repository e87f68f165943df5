"""Reading the XML of an untrusted workbook without building it: the patterns, the
counting of text and shared texts, and the scan of a sheet for what must be refused
before it is parsed."""

from __future__ import annotations

import re
import zipfile
import zlib
from array import array
from collections.abc import Iterator

import attrs

from .._messages import _
from ..errors import OmstillingError

_MIB = 1024 * 1024


class ArchiveError(OmstillingError):
    """The file is not a workbook that can be read safely; the message says why."""

    code = "unsafe"


_XML_SUFFIXES = (".xml", ".rels", ".vml")
_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
"""An element's namespace prefix, if it has one (``x:c``)."""
_TEXT = re.compile(rb">([^<]+)")
"""Character data: what follows a tag up to the next one (a cell's text, mostly)."""
_ENTITY = re.compile(rb"&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);")
_CDATA = b"<![CDATA["
_SHARED_INDEX = re.compile(rb'\bt="s"[^>]*>\s*<' + _PREFIX + rb"v>([0-9]{1,10})</")
"""A cell that refers to a shared text, and the number of the text."""
_SHARED_ITEM = re.compile(rb"<(/?)" + _PREFIX + rb"si(?=[\s/>])[^>]*?(/?)>")
_SHARED_ENTRY_BYTES = 24
"""What a reader keeps for each shared text, even an empty one, at the least."""
_SHARED_ROOT = re.compile(rb"<" + _PREFIX + rb"sst(?=[\s/>])[^>]*>")
_SHARED_COUNT = re.compile(rb"""(?<![\w:.-])((?:unique)?[Cc]ount)\s*=\s*["']\s*([0-9]+)""")
_LOOSE_TAG = re.compile(
    rb"<" + _PREFIX + rb'(?:c|row)(?=[\s/>])(?!(?:\s++[\w:.-]++="[^"<]*+")*+\s*+/?>)'
)
"""A cell or row whose attributes are not all written ``name="value"``."""
_CELL_AT = re.compile(rb'<c\s[^>]*?\br="([A-Za-z]{1,3}[0-9]{1,7})"')


def _local(tag: str) -> str:
    """An element's or attribute's name without its namespace."""
    return tag.rpartition("}")[2]


def _chars(text: bytes) -> int:
    """The characters XML character data ``text`` stands for."""
    references = _ENTITY.findall(text)
    return len(text.decode("utf-8", "replace")) - sum(len(r) - 1 for r in references)


def _loose(text: bytes) -> bool:
    """Whether a cell or row in ``text`` has an attribute that is not written
    ``name="value"`` (single quotes, spaces around the ``=``), which a reader would
    understand but the scan's patterns would not see. Excel, LibreOffice and openpyxl
    never write one, so counting settles it; text that merely looks like one goes
    through the exact (slower) pattern."""
    if (
        text.count(b"=") == text.count(b'="')
        and b' ="' not in text
        and b'\t="' not in text
        and b'\n="' not in text
        and b'\r="' not in text
    ):
        return False
    return _LOOSE_TAG.search(text) is not None


@attrs.frozen
class SharedTexts:
    """The table of shared texts (``xl/sharedStrings.xml``) as far as the limits
    need it: each text's length as stored."""

    lengths: array[int] = attrs.Factory(lambda: array("q"))
    longest: int = 0
    cost: int = 0
    """What the table counts against :attr:`Limits.max_text_bytes`."""


def _mb(size: int) -> str:
    return f"{size / _MIB:,.0f} MB"


def _is_text(piece: bytes) -> bool:
    """Whether a long piece of XML (see :func:`_chunks`) is a tag and then text, not
    one long tag."""
    return 0 < piece.find(b">") < len(piece) - 1


def _last_cell(text: bytes) -> str | None:
    start = text.rfind(b"<c ")
    found = _CELL_AT.match(text, start) if start >= 0 else None
    return found.group(1).decode().upper() if found else None


def _chunks(zf: zipfile.ZipFile, part: str) -> Iterator[tuple[bytes, bool]]:
    """The XML of ``part`` in pieces of about 4 MB, each cut just before a tag, so
    no tag and no text is split between two. A piece of more than 1 MB that holds
    no tag after its first is given with ``True``, and ends the pieces: a tag that
    long, or a tag and then that much text."""
    try:
        with zf.open(part) as stream:
            pending = b""
            first = True
            for chunk in iter(lambda: stream.read(4 * _MIB), b""):
                if first:
                    _check_xml_head(part, chunk[:4096])
                    first = False
                text = pending + chunk
                cut = text.rfind(b"<")
                if cut > 0:
                    text, pending = text[:cut], text[cut:]
                    yield text, False
                else:
                    pending = text
                if len(pending) > _MIB:
                    yield pending, True
                    return
            if pending:
                yield pending, False
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
        raise ArchiveError(_damaged(exc)) from None


def _damaged(exc: BaseException) -> str:
    """The refusal of a workbook whose zip archive ``exc`` found damaged."""
    return _("the workbook's zip archive is damaged: {reason}").format(reason=exc)


@attrs.define
class SheetScan:
    """What :meth:`Archive.scan` found in a sheet."""

    outside: str | None = None
    """The first cell found beyond the allowed columns."""
    rows: int | None = None
    """The highest row beyond the allowed rows."""
    unplaced: bool = False
    """Whether a cell or row has no position (``r``) of its own."""
    loose: bool = False
    """Whether a cell or row has an attribute in single quotes or with spaces around
    its ``=``, as no spreadsheet program writes one."""
    cdata: bool = False
    """Whether the sheet has a CDATA section (``<![CDATA[…]]>``), which no
    spreadsheet program writes."""
    too_long: bool = False
    """Whether a cell holds more than :attr:`Limits.max_cell_chars` characters."""
    long_cell: str | None = None
    """That cell, where it could be told."""
    long_chars: int | None = None
    """Its length, if it is less than 1 MB."""
    text_bytes: int = 0
    """The sheet's text, counted as :attr:`Limits.max_text_bytes` counts it."""
    over_budget: int | None = None
    """The workbook's text counted so far, if that is more than a workbook may hold."""
    has_formula: bool = False
    formulas: list[str] = attrs.Factory(list)
    """The cells holding a formula."""

    @property
    def refused(self) -> bool:
        """Whether the sheet must not be read."""
        return bool(
            self.outside is not None
            or self.rows is not None
            or self.unplaced
            or self.loose
            or self.cdata
            or self.too_long
            or self.over_budget is not None
        )


_UNPLACED = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?(?:c|row)(?=[\s/>])(?![^>]*\br=")')


_ODD_CELL_TAG = re.compile(rb"<(?:c|row)[>/\t\n\r]")
_PREFIXED_CELL_TAG = re.compile(rb":(?:c|row)[\s>/]")
_FORMULA_TAG = re.compile(rb"<f[\s>/]")
_PREFIXED_FORMULA_TAG = re.compile(rb":f[\s>/]")


def _unplaced(text: bytes) -> bool:
    """Whether a cell or row in ``text`` has no position. Excel, LibreOffice and
    openpyxl write the position first (``<c r="A1"``), so counting settles it; any
    other writing goes through the exact (slower) pattern."""
    if (
        text.count(b"<c ") == text.count(b'<c r="')
        and text.count(b"<row ") == text.count(b'<row r="')
        and _ODD_CELL_TAG.search(text) is None
        and _PREFIXED_CELL_TAG.search(text) is None
    ):
        return False
    return _UNPLACED.search(text) is not None


def _mentions_formula(text: bytes) -> bool:
    """Whether ``text`` may hold a formula element (``<f>``, ``<f t="shared" …/>``)."""
    return bool(_FORMULA_TAG.search(text) or _PREFIXED_FORMULA_TAG.search(text))


def _entries(zf: zipfile.ZipFile) -> Iterator[zipfile.ZipInfo]:
    yield from zf.infolist()


_PROLOG_NOISE = re.compile(rb"<!--.*?-->|<\?.*?\?>", re.DOTALL)


def _check_xml_head(name: str, head: bytes) -> None:
    """Refuse an XML part whose prolog (what comes before the root element) declares
    a document type or entities, or is not in the first 4 KB at all."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:200]:
        raise ArchiveError(
            _("the part {part} is not UTF-8 XML; Office files always are").format(part=name)
        )
    if not head.strip():
        return
    text = _PROLOG_NOISE.sub(b"", head.removeprefix(b"\xef\xbb\xbf")).lstrip()
    if not re.match(rb"<[A-Za-z_]", text):
        raise ArchiveError(
            _(
                "the part {part} declares a document type or entities before its content, "
                "which Office files never do (an XML entity bomb?)"
            ).format(part=name)
        )

"""Opening workbooks that come from outside: the zip and its XML are checked before any
part of it is parsed, so zip bombs and XML entity bombs are refused in bounded memory,
and formulas are found without ever being evaluated."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator

import attrs

from ..errors import OmstillingError

__all__ = ["Archive", "ArchiveError", "Limits", "open_archive"]

_MIB = 1024 * 1024


@attrs.frozen(kw_only=True)
class Limits:
    """How much an imported workbook may hold. The defaults are far above what a
    filled workbook needs (a workbook of 100,000 milestones is about 10 MB unpacked)
    and far below what would exhaust an ordinary laptop.

    .. versionadded:: 0.1
    """

    max_file_bytes: int = 100 * _MIB
    """The largest .xlsx file read, packed."""
    max_entries: int = 1000
    """The most parts (files) in the zip."""
    max_unpacked_bytes: int = 300 * _MIB
    """The most bytes all parts may unpack to, together."""
    max_ratio: int = 200
    """The highest packing ratio of a part larger than 1 MiB unpacked."""
    max_rows: int = 200_000
    """The most rows read from any sheet."""


class ArchiveError(OmstillingError):
    """The file is not a workbook that can be read safely; the message says why."""

    code = "unsafe"


_XML_SUFFIXES = (".xml", ".rels", ".vml")
_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


class Archive:
    """An .xlsx file whose zip structure and XML headers have been checked."""

    def __init__(self, data: bytes, zf: zipfile.ZipFile) -> None:
        self.data = data
        self._zip = zf
        self._sheet_parts: dict[str, str] | None = None

    def sheet_parts(self) -> dict[str, str]:
        """Each sheet's name and the zip part that holds it."""
        if self._sheet_parts is None:
            self._sheet_parts = self._read_sheet_parts()
        return self._sheet_parts

    def _read_sheet_parts(self) -> dict[str, str]:
        from defusedxml import ElementTree

        try:
            workbook = ElementTree.fromstring(self._zip.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(self._zip.read("xl/_rels/workbook.xml.rels"))
        except KeyError:
            raise ArchiveError(
                "not an Excel workbook (.xlsx): it has no xl/workbook.xml (an .ods or another "
                "kind of file?)"
            ) from None
        except Exception as exc:
            raise ArchiveError(f"not an Excel workbook: {exc}") from None
        targets = {
            r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{_NS_PKG_REL}}}Relationship")
        }
        parts: dict[str, str] = {}
        for sheet in workbook.iter(f"{{{_NS_MAIN}}}sheet"):
            target = targets.get(sheet.get(f"{{{_NS_REL}}}id"), "")
            if not target:
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            parts[sheet.get("name", "")] = posixpath.normpath(path)
        return parts

    def scan(self, sheet: str, max_rows: int, max_column: int) -> SheetScan:
        """Scan ``sheet``'s XML, without building it, for what must be refused before
        the sheet is read into memory: cells beyond row ``max_rows`` or column
        ``max_column`` (a single far-away cell would make a reader allocate the whole
        grid up to it), cells or rows without a position, and formulas. A formula is
        found, never evaluated."""
        part = self.sheet_parts().get(sheet)
        if part is None:
            return SheetScan()
        if max_column > 26:  # pragma: no cover - every form is narrower
            raise ValueError(max_column)
        # Every pattern starts with a literal, so the regular-expression engine skips
        # ahead to it; a 100,000-row sheet is scanned in a fraction of its reading time.
        # A position is r="..." (cells: letters and digits; rows: digits).
        beyond = chr(ord("A") + max_column)
        outside_column = re.compile(rb'r="((?:[%s-Z]|[A-Z]{2,3})\d+)"' % beyond.encode())
        digits = len(str(max_rows))
        many_digits = re.compile(rb'r="[A-Z]{0,3}(\d{%d,})"' % (digits + 1))
        as_many_digits = re.compile(rb'r="[A-Z]{0,3}(\d{%d})"' % digits)
        scan = SheetScan()
        try:
            with self._zip.open(part) as stream:
                carry = b""
                first = True
                for chunk in iter(lambda: stream.read(4 * _MIB), b""):
                    if first:
                        _check_xml_head(part, chunk[:4096])
                        first = False
                    text = carry + chunk
                    cut = text.rfind(b">") + 1
                    text, carry = text[:cut], text[cut:]
                    if len(carry) > _MIB:
                        raise ArchiveError(f"the part {part} has a tag longer than 1 MB")
                    if scan.outside is None and (found := outside_column.search(text)):
                        scan.outside = found.group(1).decode()
                    rows = [int(m.group(1)) for m in many_digits.finditer(text)]
                    rows += [int(m.group(1)) for m in as_many_digits.finditer(text)]
                    if rows and max(rows) > max_rows:
                        scan.rows = max(scan.rows or 0, max(rows))
                    if not scan.unplaced and _unplaced(text):
                        scan.unplaced = True
                    if not scan.has_formula and _mentions_formula(text):
                        scan.has_formula = True
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
            raise ArchiveError(f"the workbook's zip archive is damaged: {exc}") from None
        if scan.has_formula and not (scan.outside or scan.rows or scan.unplaced):
            scan.formulas = self._formula_cells(part)
        return scan

    def _formula_cells(self, part: str) -> list[str]:
        from defusedxml import ElementTree

        cells: list[str] = []
        cell_tag, formula_tag = f"{{{_NS_MAIN}}}c", f"{{{_NS_MAIN}}}f"
        try:
            with self._zip.open(part) as stream:
                for _event, element in ElementTree.iterparse(stream):
                    if element.tag == cell_tag:
                        if element.find(formula_tag) is not None:
                            cells.append(element.get("r", "?"))
                        element.clear()
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
            raise ArchiveError(f"the workbook's zip archive is damaged: {exc}") from None
        except Exception as exc:  # defusedxml's refusals and XML syntax errors
            raise ArchiveError(f"the part {part} is not well-formed XML: {exc}") from None
        return cells


@attrs.define
class SheetScan:
    """What :meth:`Archive.scan` found in a sheet."""

    outside: str | None = None
    """The first cell found beyond the allowed columns."""
    rows: int | None = None
    """The highest row beyond the allowed rows."""
    unplaced: bool = False
    """Whether a cell or row has no position (``r``) of its own."""
    has_formula: bool = False
    formulas: list[str] = attrs.Factory(list)
    """The cells holding a formula."""


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


def open_archive(data: bytes, limits: Limits) -> Archive:
    """Check ``data`` as an .xlsx zip within ``limits`` and open it.

    Refused, with :class:`ArchiveError`: a file that is not a zip, that is larger than
    allowed, has too many parts, unpacks to too much or at too high a ratio (a zip
    bomb), or has an XML part with a document type declaration or entity
    definitions (an XML entity bomb; Office files never have one) or in an encoding
    other than UTF-8.
    """
    if len(data) > limits.max_file_bytes:
        raise ArchiveError(
            f"the file is {len(data) / _MIB:.0f} MB; the most a workbook may be is "
            f"{limits.max_file_bytes / _MIB:.0f} MB"
        )
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ArchiveError(
            "the workbook is password protected (or an old .xls); save it as .xlsx without "
            "a password"
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ArchiveError("not an Excel workbook (.xlsx): the file is not a zip archive") from None
    entries = list(_entries(zf))
    if len(entries) > limits.max_entries:
        raise ArchiveError(
            f"the workbook has {len(entries)} parts; at most {limits.max_entries} are read"
        )
    total = sum(e.file_size for e in entries)
    if total > limits.max_unpacked_bytes:
        raise ArchiveError(
            f"the workbook unpacks to {total / _MIB:.0f} MB; at most "
            f"{limits.max_unpacked_bytes / _MIB:.0f} MB are read (is it a zip bomb?)"
        )
    for entry in entries:
        if entry.file_size > _MIB and entry.file_size > limits.max_ratio * max(
            entry.compress_size, 1
        ):
            ratio = entry.file_size // max(entry.compress_size, 1)
            raise ArchiveError(
                f"the part {entry.filename} unpacks {ratio} "
                f"times its packed size; at most {limits.max_ratio} is allowed (is it a zip bomb?)"
            )
        if entry.flag_bits & 0x1:
            raise ArchiveError(
                "the workbook is encrypted (password protected); save it without a password"
            )
    if "xl/workbook.xml" not in {e.filename for e in entries}:
        raise ArchiveError(
            "not an Excel workbook (.xlsx): it has no xl/workbook.xml (an .ods or another "
            "kind of file?)"
        )
    try:
        for entry in entries:
            with zf.open(entry) as stream:
                head = stream.read(4096)
            # every part that is XML, whatever it is called; images and the like are not
            if entry.filename.lower().endswith(_XML_SUFFIXES) or head.lstrip()[:1] == b"<":
                _check_xml_head(entry.filename, head)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
        raise ArchiveError(f"the workbook's zip archive is damaged: {exc}") from None
    return Archive(data, zf)


_PROLOG_NOISE = re.compile(rb"<!--.*?-->|<\?.*?\?>", re.DOTALL)


def _check_xml_head(name: str, head: bytes) -> None:
    """Refuse an XML part whose prolog (what comes before the root element) declares
    a document type or entities, or is not in the first 4 KB at all."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:200]:
        raise ArchiveError(f"the part {name} is not UTF-8 XML; Office files always are")
    if not head.strip():
        return
    text = _PROLOG_NOISE.sub(b"", head.removeprefix(b"\xef\xbb\xbf")).lstrip()
    if not re.match(rb"<[A-Za-z_]", text):
        raise ArchiveError(
            f"the part {name} declares a document type or entities before its content, "
            "which Office files never do (an XML entity bomb?)"
        )

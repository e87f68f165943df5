"""Opening workbooks that come from outside: the zip and its XML are checked before any
part of it is parsed, so zip bombs and XML entity bombs are refused in bounded memory,
and formulas are found without ever being evaluated."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from array import array

import attrs

from .._messages import _
from ._xmlscan import (
    _CDATA,
    _CELL_AT,
    _NS_MAIN,
    _NS_REL,
    _SHARED_COUNT,
    _SHARED_ENTRY_BYTES,
    _SHARED_INDEX,
    _SHARED_ITEM,
    _SHARED_ROOT,
    _TEXT,
    _XML_SUFFIXES,
    ArchiveError,
    SharedTexts,
    SheetScan,
    _chars,
    _check_xml_head,
    _chunks,
    _damaged,
    _entries,
    _is_text,
    _last_cell,
    _local,
    _loose,
    _mb,
    _mentions_formula,
    _unplaced,
)

__all__ = ["Archive", "ArchiveError", "Limits", "open_archive"]

_MIB = 1024 * 1024


def _no_workbook_part() -> str:
    return _(
        "not an Excel workbook (.xlsx): it has no xl/workbook.xml (an .ods or another "
        "kind of file?)"
    )


def _long_tag(part: str) -> str:
    return _("the part {part} has a tag longer than 1 MB").format(part=part)


def _two(first: str, second: str) -> str:
    """Two names that differ only in case."""
    return _("{first!r} and {second!r}").format(first=first, second=second)


def _too_large(size: int, limits: Limits) -> str:
    """The refusal of a file of ``size`` bytes, larger than a workbook may be."""
    return _("the file is {size} MB; the most a workbook may be is {most} MB").format(
        size=f"{size / _MIB:.0f}", most=f"{limits.max_file_bytes / _MIB:.0f}"
    )


@attrs.frozen(kw_only=True)
class Limits:
    """How much an imported workbook may hold, and what the process that reads it may
    use. The defaults are far above what a filled workbook needs (a workbook of
    100,000 milestones is 7 MB packed, 77 MB unpacked, with 19 MB of text) and far
    below what would exhaust an ordinary laptop.

    The first limits are checked before anything in the workbook is parsed; the
    last four bound the reader itself, which runs in a child process of its own (see
    :func:`read_workbook`'s ``cage``).

    .. versionadded:: 0.1
    """

    max_file_bytes: int = 100 * _MIB
    """The largest .xlsx file read, packed: 100 MiB."""
    max_entries: int = 1000
    """The most parts (files) in the zip: 1,000."""
    max_unpacked_bytes: int = 300 * _MIB
    """The most bytes all parts may unpack to, together: 300 MiB."""
    max_ratio: int = 200
    """The highest packing ratio of a part larger than 1 MiB unpacked: 200."""
    max_rows: int = 200_000
    """The most rows read from any sheet: 200,000."""
    max_cell_chars: int = 32_767
    """The most characters one cell may hold: 32,767, as in Excel. A cell holding
    more is refused, naming the cell; so is a shared text (one that cells refer to)
    longer than that."""
    max_text_bytes: int = 64 * _MIB
    """The most text read from one workbook: 64 MiB, counted as stored (UTF-8) and
    before anything is read. It counts the text of every cell of the sheets read,
    the table of shared texts (each entry at least 24 bytes, what a reader keeps for
    even an empty one), and a shared text once more for each cell that refers to it,
    so one long text referred to by thousands of cells counts thousands of times."""
    max_memory_bytes: int = 1024 * _MIB
    """The most memory (address space) the reading process may use: 1 GiB. Where
    the operating system cannot limit it (Windows), it is not limited."""
    max_reader_seconds: int = 60
    """The most processor time the reading of one workbook may take: 60 seconds
    (and four times that in time on the clock)."""
    max_reply_bytes: int = 128 * _MIB
    """The most the reading process may send back for one workbook (the values of
    its cells): 128 MiB."""


class Archive:
    """An .xlsx file whose zip structure and XML headers have been checked."""

    def __init__(self, data: bytes, zf: zipfile.ZipFile, limits: Limits | None = None) -> None:
        self.data = data
        self._zip = zf
        self.limits = limits or Limits()
        # OPC part names are compared ignoring case, and so does calamine; a zip with
        # two names that differ only in case is refused by open_archive
        self._names = {name.lower(): name for name in zf.namelist()}
        self._sheet_parts: dict[str, str] | None = None
        self.shared = SharedTexts()
        self.text_used = 0
        """The text counted so far against :attr:`Limits.max_text_bytes`."""

    def part(self, name: str) -> str | None:
        """The zip name of the part ``name`` (ignoring case), if the workbook has it."""
        return self._names.get(name.lower())

    def _read(self, name: str) -> bytes:
        found = self.part(name)
        if found is None:
            raise KeyError(name)
        return self._zip.read(found)

    def sheet_parts(self) -> dict[str, str]:
        """Each sheet's name and the zip part that holds it."""
        if self._sheet_parts is None:
            self._sheet_parts = self._read_sheet_parts()
        return self._sheet_parts

    def _read_sheet_parts(self) -> dict[str, str]:
        from defusedxml import ElementTree

        try:
            workbook = ElementTree.fromstring(self._read("xl/workbook.xml"))
            listed = self._read("xl/_rels/workbook.xml.rels")
            rels = ElementTree.fromstring(listed)
        except KeyError:
            raise ArchiveError(_no_workbook_part()) from None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
            raise ArchiveError(_damaged(exc)) from None
        except Exception as exc:
            raise ArchiveError(_("not an Excel workbook: {reason}").format(reason=exc)) from None
        if b"&" in listed:
            # readers differ in whether they resolve references in an Id or a Target
            raise ArchiveError(
                _(
                    "the workbook's list of parts (xl/_rels/workbook.xml.rels) has character "
                    "references, which spreadsheet programs never write"
                )
            )
        targets: dict[str, tuple[str, bool]] = {}
        for relationship in rels.iter():
            if _local(relationship.tag) != "Relationship":
                continue
            rid = relationship.get("Id", "")
            if rid in targets:
                raise ArchiveError(
                    _("the workbook's list of parts has the Id {rid!r} twice").format(rid=rid)
                )
            external = relationship.get("TargetMode", "Internal") != "Internal"
            targets[rid] = (relationship.get("Target", ""), external)
        parts: dict[str, str] = {}
        seen: dict[str, str] = {}
        # every element called sheet, in any namespace: as calamine finds them
        for sheet in workbook.iter():
            if _local(sheet.tag) != "sheet":
                continue
            name = sheet.get("name", "")
            twin = seen.get(name.casefold())
            if twin is not None:
                names = repr(name) if twin == name else _two(twin, name)
                raise ArchiveError(
                    _(
                        "the workbook has two sheets named {names}, which Excel counts as the "
                        "same name; a spreadsheet program never saves that"
                    ).format(names=names)
                )
            seen[name.casefold()] = name
            parts[name] = self._sheet_part(name, sheet.attrib, targets)
        return parts

    def _sheet_part(
        self, name: str, attributes: dict[str, str], targets: dict[str, tuple[str, bool]]
    ) -> str:
        """The part the sheet ``name`` points to, resolved as the Open Packaging
        Conventions say: relative to the folder of the workbook part (``xl/``), or
        from the package's root if it starts with ``/``."""
        ids = [key for key in attributes if _local(key) == "id"]
        rid = attributes.get(f"{{{_NS_REL}}}id")
        if len(ids) > 1:
            raise ArchiveError(
                _("the sheet {name!r} has {count} relationships; it may have one").format(
                    name=name, count=len(ids)
                )
            )
        target, external = targets.get(rid or "", ("", False))
        if not target:
            raise ArchiveError(
                _("the sheet {name!r} points nowhere (no part is given for it)").format(name=name)
            )
        if external:
            raise ArchiveError(
                _("the sheet {name!r} points outside the workbook ({target!r})").format(
                    name=name, target=target
                )
            )
        if "\\" in target:
            raise ArchiveError(
                _(
                    "the sheet {name!r} points to {target!r}; a part's name has no backslashes"
                ).format(name=name, target=target)
            )
        plain = target[1:] if target.startswith("/") else f"xl/{target}"
        resolved = posixpath.normpath(plain)
        found = self.part(resolved)
        if found is None:
            if target.startswith("/"):
                missing = _(
                    "the sheet {name!r} points to {target!r}, which is not a part of the workbook"
                )
            else:
                missing = _(
                    "the sheet {name!r} points to {target!r}, which is not a part of the "
                    "workbook ({resolved}: relative to xl/)"
                )
            raise ArchiveError(missing.format(name=name, target=target, resolved=resolved))
        if resolved != plain or target.lower().startswith("xl/"):
            # readers that join the folder and the target without resolving it (as
            # calamine does) would read another part than the one checked here
            raise ArchiveError(
                _(
                    "the sheet {name!r} points to {target!r}, which readers may take for "
                    "different parts; save the workbook with Excel or Calc"
                ).format(name=name, target=target)
            )
        return found

    def read_shared_texts(self) -> SharedTexts:
        """Measure the table of shared texts, which a reader loads whole when it opens
        the workbook: refused if one text is longer than a cell may be, or if the
        table alone is more text than a workbook may hold."""
        part = self.part("xl/sharedStrings.xml")
        if part is None:
            return self.shared
        limits = self.limits
        lengths: array[int] = array("q")
        longest = 0
        total = 0
        inside = False
        pieces: list[bytes] = []

        def finish() -> None:
            nonlocal longest, total
            size = sum(map(len, pieces))
            if size > limits.max_cell_chars:
                chars = sum(map(_chars, pieces))
                if chars > limits.max_cell_chars:
                    raise ArchiveError(
                        _(
                            "the shared texts ({part}) hold a text of {chars} characters; "
                            "a cell holds at most {limit} characters"
                        ).format(part=part, chars=f"{chars:,}", limit=f"{limits.max_cell_chars:,}")
                    )
            lengths.append(size)
            longest = max(longest, size)
            total += size
            pieces.clear()

        def take(text: bytes) -> None:
            nonlocal inside
            if _CDATA in text:
                raise ArchiveError(
                    _(
                        "the part {part} has a CDATA section, which spreadsheet programs never "
                        "write"
                    ).format(part=part)
                )
            position = 0
            for item in _SHARED_ITEM.finditer(text):
                if inside:
                    pieces.extend(_TEXT.findall(text, position, item.start()))
                closing, empty = item.group(1), item.group(2)
                if closing and inside:
                    finish()
                    inside = False
                elif empty:
                    finish()
                elif not closing:
                    inside = True
                position = item.end()
            if inside:
                pieces.extend(_TEXT.findall(text, position))
            if total + _SHARED_ENTRY_BYTES * len(lengths) > limits.max_text_bytes:
                raise ArchiveError(
                    _(
                        "the workbook's shared texts ({part}) come to more than {size} of text, "
                        "at most what a workbook may hold"
                    ).format(part=part, size=_mb(limits.max_text_bytes))
                )

        first = True
        for text, long_text in _chunks(self._zip, part):
            if first:
                self._check_declared_count(part, text)
                first = False
            if long_text and inside and _is_text(text):
                raise ArchiveError(
                    _(
                        "the shared texts ({part}) hold a text of more than 1 MB; a cell "
                        "holds at most {limit} characters"
                    ).format(part=part, limit=f"{limits.max_cell_chars:,}")
                )
            if long_text:
                raise ArchiveError(_long_tag(part))
            take(text)
        self.shared = SharedTexts(
            lengths=lengths, longest=longest, cost=total + _SHARED_ENTRY_BYTES * len(lengths)
        )
        self.text_used += self.shared.cost
        return self.shared

    def _check_declared_count(self, part: str, text: bytes) -> None:
        """Refuse a table of shared texts that says it has more texts than a workbook
        may hold: a reader makes room for as many as it says before reading one."""
        root = _SHARED_ROOT.search(text)
        if root is None:
            return
        for _name, value in _SHARED_COUNT.findall(root.group(0)):
            declared = int(value[:30])
            if declared * _SHARED_ENTRY_BYTES > self.limits.max_text_bytes:
                most = self.limits.max_text_bytes // _SHARED_ENTRY_BYTES
                raise ArchiveError(
                    _(
                        "the shared texts ({part}) say they are {declared}; a workbook may "
                        "hold {most} at most"
                    ).format(part=part, declared=f"{declared:,}", most=f"{most:,}")
                )

    def scan(self, sheet: str, max_rows: int, max_column: int) -> SheetScan:
        """Scan ``sheet``'s XML, without building it, for what must be refused before
        the sheet is read into memory: cells beyond row ``max_rows`` or column
        ``max_column`` (a single far-away cell would make a reader allocate the whole
        grid up to it; positions are compared ignoring case, as readers take them),
        cells or rows without a position or written as no spreadsheet program writes
        them, a cell longer than :attr:`Limits.max_cell_chars`, more text than
        :attr:`Limits.max_text_bytes` together with the sheets scanned before (a
        shared text counted for each cell that refers to it), and formulas. A formula
        is found, never evaluated."""
        part = self.sheet_parts().get(sheet)
        if part is None:
            raise ArchiveError(
                _("the sheet {sheet!r} is not in the workbook's list of parts").format(sheet=sheet)
            )
        if max_column > 26:  # pragma: no cover - every form is narrower
            raise ValueError(max_column)
        # Every pattern starts with a literal, so the regular-expression engine skips
        # ahead to it; a 100,000-row sheet is scanned in a fraction of its reading time.
        # A position is r="..." (cells: letters and digits; rows: digits).
        beyond = chr(ord("A") + max_column).encode()
        outside_column = re.compile(
            rb'r="((?:[%s-Z%s-z]|[A-Za-z]{2,3})\d+)"' % (beyond, beyond.lower())
        )
        digits = len(str(max_rows))
        many_digits = re.compile(rb'r="[A-Za-z]{0,3}(\d{%d,})"' % (digits + 1))
        as_many_digits = re.compile(rb'r="[A-Za-z]{0,3}(\d{%d})"' % digits)
        limits = self.limits
        scan = SheetScan()
        last_cell: str | None = None
        for text, long_text in _chunks(self._zip, part):
            if long_text and not _is_text(text):
                raise ArchiveError(_long_tag(part))
            if long_text:
                scan.long_cell, scan.too_long = last_cell, True
                break
            if scan.outside is None and (found := outside_column.search(text)):
                scan.outside = found.group(1).decode().upper()
            rows = [int(m.group(1)) for m in many_digits.finditer(text)]
            rows += [int(m.group(1)) for m in as_many_digits.finditer(text)]
            if rows and max(rows) > max_rows:
                scan.rows = max(scan.rows or 0, max(rows))
            if not scan.unplaced and _unplaced(text):
                scan.unplaced = True
            if not scan.loose and _loose(text):
                scan.loose = True
            if not scan.has_formula and _mentions_formula(text):
                scan.has_formula = True
            if _CDATA in text:
                scan.cdata = True
            texts = _TEXT.findall(text)
            size = sum(map(len, texts))
            if texts and max(map(len, texts)) > limits.max_cell_chars:
                self._long_cell(scan, text, last_cell)
            if self.shared.lengths and b't="s"' in text:
                size += self._shared_size(text)
            scan.text_bytes += size
            self.text_used += size
            if self.text_used > limits.max_text_bytes:
                scan.over_budget = self.text_used
            if scan.refused:
                break
            last_cell = _last_cell(text) or last_cell
        if scan.has_formula and not scan.refused:
            scan.formulas = self._formula_cells(part)
        return scan

    def _long_cell(self, scan: SheetScan, text: bytes, last_cell: str | None) -> None:
        """Note the first text in ``text`` longer than a cell may hold, and its cell."""
        limit = self.limits.max_cell_chars
        for found in _TEXT.finditer(text):
            if len(found.group(1)) > limit and (chars := _chars(found.group(1))) > limit:
                start = text.rfind(b"<c", 0, found.start())
                cell = _CELL_AT.match(text, start) if start >= 0 else None
                scan.long_cell = cell.group(1).decode().upper() if cell else last_cell
                scan.too_long, scan.long_chars = True, chars
                return

    def _shared_size(self, text: bytes) -> int:
        """The length of the shared texts the cells in ``text`` refer to, each counted
        once per cell; a cell whose reference is not plain counts the longest text."""
        lengths = self.shared.lengths
        count = len(lengths)
        size = 0
        plain = 0
        for index in map(int, _SHARED_INDEX.findall(text)):
            plain += 1
            if index < count:
                size += lengths[index]
        mentions = text.count(b't="s"')
        return size + max(0, mentions - plain) * self.shared.longest

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
            raise ArchiveError(_damaged(exc)) from None
        except Exception as exc:  # defusedxml's refusals and XML syntax errors
            raise ArchiveError(
                _("the part {part} is not well-formed XML: {reason}").format(part=part, reason=exc)
            ) from None
        return cells


def open_archive(data: bytes, limits: Limits) -> Archive:
    """Check ``data`` as an .xlsx zip within ``limits`` and open it.

    Refused, with :class:`ArchiveError`: a file that is not a zip, that is larger than
    allowed, has too many parts, two parts of one name (ignoring case) or a part
    whose name has a backslash, unpacks to too much or at too high a ratio (a zip
    bomb), has an XML part with a document type declaration or entity definitions
    (an XML entity bomb; Office files never have one) or in an encoding other than
    UTF-8, or has shared texts longer than a cell may hold or more of them than a
    workbook may hold (see :class:`Limits`).
    """
    if len(data) > limits.max_file_bytes:
        raise ArchiveError(_too_large(len(data), limits))
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ArchiveError(
            _(
                "the workbook is password protected (or an old .xls); save it as .xlsx without "
                "a password"
            )
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ArchiveError(
            _("not an Excel workbook (.xlsx): the file is not a zip archive")
        ) from None
    entries = list(_entries(zf))
    if len(entries) > limits.max_entries:
        raise ArchiveError(
            _("the workbook has {count} parts; at most {most} are read").format(
                count=len(entries), most=limits.max_entries
            )
        )
    names: dict[str, str] = {}
    for entry in entries:
        # readers find a part by its name ignoring case (as the packaging conventions
        # compare names), some the first of two, some the last: a name may be there once
        name = entry.filename
        twin = names.get(name.lower())
        names[name.lower()] = name
        if twin is not None:
            names_of = repr(name) if twin == name else _two(twin, name)
            raise ArchiveError(
                _(
                    "the workbook has two parts named {names}, which a spreadsheet program "
                    "never writes"
                ).format(names=names_of)
            )
        if "\\" in name:
            raise ArchiveError(
                _(
                    "the workbook has a part named {name!r}; a part's name has no backslashes"
                ).format(name=name)
            )
    total = sum(e.file_size for e in entries)
    if total > limits.max_unpacked_bytes:
        raise ArchiveError(
            _(
                "the workbook unpacks to {size} MB; at most {most} MB are read (is it a zip bomb?)"
            ).format(size=f"{total / _MIB:.0f}", most=f"{limits.max_unpacked_bytes / _MIB:.0f}")
        )
    for entry in entries:
        if entry.file_size > _MIB and entry.file_size > limits.max_ratio * max(
            entry.compress_size, 1
        ):
            ratio = entry.file_size // max(entry.compress_size, 1)
            raise ArchiveError(
                _(
                    "the part {part} unpacks {ratio} times its packed size; at most {most} is "
                    "allowed (is it a zip bomb?)"
                ).format(part=entry.filename, ratio=ratio, most=limits.max_ratio)
            )
        if entry.flag_bits & 0x1:
            raise ArchiveError(
                _("the workbook is encrypted (password protected); save it without a password")
            )
    if "xl/workbook.xml" not in names:
        raise ArchiveError(_no_workbook_part())
    try:
        for entry in entries:
            with zf.open(entry) as stream:
                head = stream.read(4096)
            # every part that is XML, whatever it is called; images and the like are not
            if entry.filename.lower().endswith(_XML_SUFFIXES) or head.lstrip()[:1] == b"<":
                _check_xml_head(entry.filename, head)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
        raise ArchiveError(_damaged(exc)) from None
    archive = Archive(data, zf, limits)
    archive.read_shared_texts()
    return archive

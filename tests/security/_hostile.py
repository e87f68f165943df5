"""Hostile fill-in workbooks, each made from a real filled one by editing its zip: the
shared ground of the regression tests of the reader's holes and of the workbook
mutator. Nothing here touches the binding token: every workbook keeps the valid token
of the participant it was made for, as a hostile participant's own workbook would."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree import ElementTree

from omstilling import fillin
from omstilling.files import load
from omstilling.fillin import binding_key
from omstilling.model import Period, Programme, Rag

from ..conftest import EXAMPLES, ROOT
from ..test_cycle import _filling

H2 = Period.parse("2004-H2")
PLAN = "plan.yaml"

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_SST_TYPE = REL + "/sharedStrings"

Edit = Callable[[str, bytes], bytes | None]
"""Given a part's name and content, its new content (``None``: leave the part out)."""


def office(folder: Path) -> Path:
    """A programme office in ``folder``: the Stifinneren programme file and its key."""
    shutil.copy(EXAMPLES / "stifinneren-2004.yaml", folder / PLAN)
    binding_key(folder / PLAN, create=True)
    return folder / PLAN


def filled(plan: Path, participant: str = "molde") -> bytes:
    """``participant``'s workbook for 2004-H2, made by the office and filled in."""
    from omstilling.testing import fill_workbook

    programme = load(plan)
    data = fillin.make_workbook(programme, participant, H2, key=binding_key(plan))
    filling = _filling(programme, participant, overall=Rag.GREEN, progress=Rag.GREEN)
    return fill_workbook(data, filling)


def programme_of(plan: Path) -> Programme:
    return load(plan)


# --- editing a workbook's zip ---------------------------------------------------------


def rewrite(
    data: bytes,
    edit: Edit = lambda _name, content: content,
    *,
    before: dict[str, bytes] | None = None,
    after: dict[str, bytes] | None = None,
    level: int = 6,
) -> bytes:
    """``data`` with each part passed through ``edit``, and the parts ``before`` put
    first and ``after`` last (in place of the parts of the same names)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    added = {**(before or {}), **(after or {})}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for name, content in (before or {}).items():
            target.writestr(name, content)
        for item in source.infolist():
            if item.filename in added:
                continue
            edited = edit(item.filename, source.read(item))
            if edited is not None:
                target.writestr(item.filename, edited)
        for name, content in (after or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def parts(data: bytes) -> dict[str, bytes]:
    source = zipfile.ZipFile(io.BytesIO(data))
    return {item.filename: source.read(item) for item in source.infolist()}


def sheet_part(data: bytes, sheet: str) -> str:
    """The zip part of ``sheet`` (the workbooks omstilling makes name absolute parts)."""
    files = parts(data)
    workbook = ElementTree.fromstring(files["xl/workbook.xml"])
    rels = ElementTree.fromstring(files["xl/_rels/workbook.xml.rels"])
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    for element in workbook.iter(f"{{{MAIN}}}sheet"):
        if element.get("name") == sheet:
            target = targets[element.get(f"{{{REL}}}id")]
            if not target.startswith("/xl/") or target[1:] not in files:
                raise KeyError(target)  # not as omstilling writes it
            return target[1:]
    raise KeyError(sheet)


def edit_part(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    return rewrite(data, lambda name, content: change(content) if name == part else content)


def add_rows(data: bytes, sheet: str, rows: str | bytes) -> bytes:
    """``data`` with ``rows`` (XML) added at the end of ``sheet``'s data."""
    xml = rows.encode() if isinstance(rows, str) else rows
    return edit_part(
        data, sheet_part(data, sheet), lambda c: c.replace(b"</sheetData>", xml + b"</sheetData>")
    )


# --- the holes ---------------------------------------------------------------------------


def lower_case_cell(data: bytes, position: str = "xfd1048576", row: int = 19) -> bytes:
    """A cell whose position is written in lower case, in a row of its own."""
    cell = f'<row r="{row}"><c r="{position}" t="inlineStr"><is><t>x</t></is></c></row>'
    return add_rows(data, "Status", cell)


def hidden_twin(data: bytes, sheet: str = "Status") -> bytes:
    """A second, hidden sheet also named ``sheet``, listed first, in a part of its own
    that spans A1 to XFD1048576."""
    twin = (
        f'<worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>z</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()

    def edit(name: str, content: bytes) -> bytes:
        if name == "xl/workbook.xml":
            entry = (
                f'<sheet xmlns:r="{REL}" name="{sheet}" sheetId="99" state="hidden" r:id="rId99"/>'
            ).encode()
            return content.replace(b"<sheets>", b"<sheets>" + entry)
        if name == "xl/_rels/workbook.xml.rels":
            rel = (
                f'<Relationship Type="{REL}/worksheet" '
                'Target="/xl/worksheets/sheet99.xml" Id="rId99"/>'
            ).encode()
            return content.replace(b"</Relationships>", rel + b"</Relationships>")
        return content

    return rewrite(data, edit, after={"xl/worksheets/sheet99.xml": twin})


def shared_string_flood(data: bytes, cells: int, length: int = 1024 * 1024 - 4096) -> bytes:
    """One shared string of ``length`` characters (just under 1 MiB: the ratio check
    only looks at parts over 1 MiB) referred to by ``cells`` cells of the events
    sheet (A to F, from row 5 down)."""
    sst = (
        f'<sst xmlns="{MAIN}" count="{cells}" uniqueCount="1"><si><t>'.encode()
        + b"A" * length
        + b"</t></si></sst>"
    )
    part = sheet_part(data, "Hendelser")
    first = 5
    rows = -(-cells // 6)
    xml = b"".join(
        b'<row r="%d">' % row
        + b"".join(
            b'<c r="%s%d" t="s"><v>0</v></c>' % (column, row)
            for n, column in enumerate((b"A", b"B", b"C", b"D", b"E", b"F"))
            if (row - first) * 6 + n < cells
        )
        + b"</row>"
        for row in range(first, first + rows)
    )

    def edit(name: str, content: bytes) -> bytes:
        if name == part:
            # the form's own rows from row 5 on make way for the flood
            start = content.index(b'<row r="%d"' % first)
            return content[:start] + xml + content[content.index(b"</sheetData>") :]
        if name == "xl/_rels/workbook.xml.rels":
            return content.replace(b"</Relationships>", sst_relationship() + b"</Relationships>")
        return content

    return rewrite(data, edit, after={"xl/sharedStrings.xml": sst}, level=9)


def declared_shared_count(data: bytes, count: int = 4_000_000_000) -> bytes:
    """A table of one shared text that says it has ``count``: a reader that makes room
    for as many as it says before reading one asks for ``24 * count`` bytes."""
    sst = (f'<sst xmlns="{MAIN}" count="1" uniqueCount="{count}"><si><t>a</t></si></sst>').encode()

    def edit(name: str, content: bytes) -> bytes:
        if name == "xl/_rels/workbook.xml.rels":
            return content.replace(b"</Relationships>", sst_relationship() + b"</Relationships>")
        return content

    return rewrite(data, edit, after={"xl/sharedStrings.xml": sst})


def sst_relationship() -> bytes:
    return f'<Relationship Type="{_SST_TYPE}" Target="sharedStrings.xml" Id="rId98"/>'.encode()


def _big_text(megabytes: int) -> Iterator[bytes]:
    """``megabytes`` MiB of text that packs about 20 to 1 (fast deflate): well within
    the packing ratio a workbook may have. One character in 64 is another than 'a',
    among them '>', which text may hold as it is."""
    table = bytes(ord("a") if b < 0xFC else b"bc>d"[b & 0x03] for b in range(256))
    letters = os.urandom(1 << 20).translate(table)
    for n in range(megabytes):
        yield letters[n:] + letters[:n]


def huge_text_cell(
    data: bytes, megabytes: int = 250, *, cell: str = "C15", shared: bool = False
) -> bytes:
    """The status sheet's ``cell`` (the narrative) holding ``megabytes`` MiB of text,
    inline or as the one shared string, streamed into the zip so the test itself
    stays small."""
    part = sheet_part(data, "Status")
    source = zipfile.ZipFile(io.BytesIO(data))
    content = source.read(part)
    found = re.search(rb'<c r="%s"[^>]*>.*?</c>' % cell.encode(), content)
    assert found is not None
    if shared:
        sheet = content[: found.start()] + b'<c r="%s" t="s"><v>0</v></c>' % cell.encode()
        sheet += content[found.end() :]
        big = "xl/sharedStrings.xml"
        head = f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode()
        tail = b"</t></si></sst>"
    else:
        sheet = b""
        big = part
        head = content[: found.start()] + b'<c r="%s" t="inlineStr"><is><t>' % cell.encode()
        tail = b"</t></is></c>" + content[found.end() :]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for item in source.infolist():
            if item.filename == part and not shared:
                continue
            content = source.read(item)
            if item.filename == part:
                content = sheet
            elif item.filename == "xl/_rels/workbook.xml.rels" and shared:
                content = content.replace(
                    b"</Relationships>", sst_relationship() + b"</Relationships>"
                )
            target.writestr(item.filename, content)
        with target.open(big, "w", force_zip64=True) as stream:
            stream.write(head)
            for block in _big_text(megabytes):
                stream.write(block)
            stream.write(tail)
    return out.getvalue()


def retarget(data: bytes, sheet: str, target: str | None) -> bytes:
    """``sheet``'s relationship pointing to ``target`` (``None``: no target at all)."""
    part = sheet_part(data, sheet)

    def edit(name: str, content: bytes) -> bytes:
        if name != "xl/_rels/workbook.xml.rels":
            return content
        old = f'Target="/{part}"'.encode()
        assert old in content
        new = b"" if target is None else f'Target="{target}"'.encode()
        return content.replace(old, new)

    return rewrite(data, edit)


# --- running the command line in a child with a memory limit ------------------------------

# The child's own peak and its children's (the reader's cage): VmHWM belongs to the
# child's address space; RUSAGE_CHILDREN gives the largest peak of any child it waited
# for (an upper bound: on Linux it includes what the child had when it was started).
_CAPPED_CLI = """
import resource, sys
limit = int(sys.argv.pop(1))
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
from omstilling.cli import main
code = 0
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
with open("/proc/self/status") as status:
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"peak {peak} {children}", file=sys.stderr)
sys.exit(code)
"""

GIB = 1 << 30


def run_capped(
    *args: str | Path, memory: int = 4 * GIB, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """``omstilling ARGS`` in a child whose address space is limited to ``memory``;
    its standard error ends with a line ``peak OWN CHILDREN`` (kB) if it got that far."""
    return subprocess.run(
        [sys.executable, "-c", _CAPPED_CLI, str(memory), *map(str, args)],
        capture_output=True,
        text=True,
        errors="replace",
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )


def peak_mb(result: subprocess.CompletedProcess[str]) -> int:
    """The peak memory (MB) of the whole import: the command line's and its reader's
    cage's added, as if both had peaked at the same moment (an upper bound)."""
    last = result.stderr.splitlines()[-1] if result.stderr else ""
    assert last.startswith("peak "), f"the command line died: {result.returncode}"
    own, children = (int(n) for n in last.split()[1:])
    return (own + children) // 1024

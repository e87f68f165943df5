"""The workbook mutator: hypothesis edits a real filled fill-in workbook the way an
attacker (or a broken program) might, and ``omstilling import`` must take every
mutant calmly: exit status 0 or 1, never a traceback or a crash, and the programme
file byte-identical unless the import succeeded.

Each example is an import in a child process whose address space is limited to
1.5 GiB, so the budget is fixed whatever the hypothesis profile: 25 examples, no
deadline (docs/testing.rst, "The workbook mutator")."""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from . import _hostile as hostile

EXAMPLES = 25
"""Mutants per run, in every profile: each is an import in a process of its own."""

MEMORY = 3 * hostile.GIB // 2
TIMEOUT = 180

SHEETS = ["Veiledning", "Status", "Milepæler", "Tiltak", "Hendelser", "_omstilling"]
READ = SHEETS[1:]
"""The sheets the import reads."""

Draw = Callable[[st.SearchStrategy[Any]], Any]
_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"')
_CELL_ELEMENT = re.compile(rb'<c r="[A-Z]{1,3}[0-9]+"[^>]*?(?:/>|>.*?</c>)', re.DOTALL)


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The office's programme file (and key), with Molde's filled workbook beside it
    as ``filled.xlsx`` (a path, not the bytes: hypothesis shows a failing example's
    arguments)."""
    plan = hostile.office(tmp_path_factory.mktemp("office"))
    plan.with_name("filled.xlsx").write_bytes(hostile.filled(plan))
    return plan


# --- the mutations -----------------------------------------------------------------------


def _pick(draw: Draw, items: list[Any]) -> Any:
    return draw(st.sampled_from(items))


def _in_sheet(data: bytes, draw: Draw, change: Callable[[bytes], bytes]) -> bytes:
    return hostile.edit_part(data, hostile.sheet_part(data, _pick(draw, READ)), change)


def _one_match(draw: Draw, found: list[re.Match[bytes]]) -> re.Match[bytes] | None:
    return found[draw(st.integers(0, len(found) - 1))] if found else None


def _ref(cell: re.Match[bytes]) -> bytes:
    """The position of the cell ``cell`` matched."""
    found = _CELL.match(cell[0])
    assert found is not None
    return found[1] + found[2]


def _drawn(draw: Draw, size: int) -> bytes:
    """Any text, escaped for XML (control characters and lone surrogates included)."""
    return escape(draw(st.text(max_size=size))).encode("utf-8", "surrogatepass")


def _text(draw: Draw) -> bytes:
    """A text for a cell: short or long, plain, escaped, multibyte, or odd."""
    kind = _pick(draw, ["drawn", "long", "escaped", "multibyte", "angle"])
    length: int = _pick(draw, [1, 100, 32_767, 32_768, 40_000, 2_000_000])
    if kind == "drawn":
        return _drawn(draw, 40)
    if kind == "escaped":
        return b"&amp;&#248;&#x10FFFF;" * (length // 3 + 1)
    if kind == "multibyte":
        return "ø".encode() * length
    if kind == "angle":
        return b"a>" * (length // 2 + 1)
    return b"A" * length


def case_of_positions(data: bytes, draw: Draw) -> bytes:
    """A cell's position in lower or mixed case, where it was or far away."""
    style = _pick(draw, ["lower", "mixed"])
    far = draw(st.booleans())

    def change(content: bytes) -> bytes:
        found = _one_match(draw, list(_CELL.finditer(content)))
        if found is None:
            return content
        column, row = found[1], found[2]
        if far:
            column = _pick(draw, [b"XFD", b"AA", b"Z", b"J"])
            row = str(draw(st.integers(1, 1_048_576))).encode()
        column = column.lower() if style == "lower" else column[:1].lower() + column[1:]
        return content[: found.start()] + b'<c r="' + column + row + b'"' + content[found.end() :]

    return _in_sheet(data, draw, change)


def twin_sheets(data: bytes, draw: Draw) -> bytes:
    """A second sheet named like one of the sheets (in any case), first or last."""
    name = _pick(draw, SHEETS)
    twin = _pick(draw, [name, name.upper(), name.lower()])
    if draw(st.booleans()):
        return hostile.hidden_twin(data, twin)
    # the twin points at another sheet's part, and is listed last
    part = hostile.sheet_part(data, _pick(draw, SHEETS))
    entry = (
        f'<sheet xmlns:r="{hostile.REL}" name="{escape(twin)}" sheetId="98" r:id="rId97"/>'
    ).encode()
    rel = (f'<Relationship Type="{hostile.REL}/worksheet" Target="/{part}" Id="rId97"/>').encode()

    def edit(name: str, content: bytes) -> bytes:
        if name == "xl/workbook.xml":
            return content.replace(b"</sheets>", entry + b"</sheets>")
        if name == "xl/_rels/workbook.xml.rels":
            return content.replace(b"</Relationships>", rel + b"</Relationships>")
        return content

    return hostile.rewrite(data, edit)


def targets(data: bytes, draw: Draw) -> bytes:
    """A sheet's relationship pointing somewhere else, or written another way."""
    sheet = _pick(draw, SHEETS)
    part = hostile.sheet_part(data, sheet)
    relative = part.removeprefix("xl/")
    target = _pick(
        draw,
        [
            f"/{part}",
            relative,
            part,
            relative.replace("/", "\\"),
            part.replace("/", "\\"),
            None,
            "/xl/worksheets/nowhere.xml",
            f"../{part}",
            f"worksheets/./{relative.split('/')[-1]}",
            f"/{part.upper()}",
            "/xl/styles.xml",
            "/[Content_Types].xml",
            f"{relative}&amp;",
        ],
    )
    data = hostile.retarget(data, sheet, target)
    if draw(st.booleans()):
        data = hostile.rewrite(
            data,
            lambda name, content: (
                content.replace(b"/>", b' TargetMode="External"/>', 1)
                if name == "xl/_rels/workbook.xml.rels"
                else content
            ),
        )
    return data


def long_texts(data: bytes, draw: Draw) -> bytes:
    """A cell holding a long text: inline, in runs, or as a plain value."""
    text = _text(draw)
    form = _pick(draw, ["inline", "runs", "str"])

    def change(content: bytes) -> bytes:
        found = _one_match(draw, list(_CELL_ELEMENT.finditer(content)))
        if found is None:
            return content
        ref = _ref(found)
        if form == "inline":
            cell = b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)
        elif form == "runs":
            runs = b"".join(b"<r><t>%s</t></r>" % text for _ in range(draw(st.integers(1, 3))))
            cell = b'<c r="%s" t="inlineStr"><is>%s</is></c>' % (ref, runs)
        else:
            cell = b'<c r="%s" t="str"><v>%s</v></c>' % (ref, text)
        return content[: found.start()] + cell + content[found.end() :]

    return _in_sheet(data, draw, change)


def many_cells(data: bytes, draw: Draw) -> bytes:
    """Many rows of cells at the end of a sheet: inside the form's columns or not."""
    rows = draw(st.integers(1, 3000))
    first = draw(st.integers(5, 600))
    columns = _pick(draw, [[b"A"], [b"A", b"B", b"C"], [b"A", b"F", b"I"], [b"Z"]])
    value = _pick(draw, [b"<v>1</v>", b"<is><t>x</t></is>", b"<is><t>Ja</t></is>"])
    kind = b"n" if value.startswith(b"<v>") else b"inlineStr"
    xml = b"".join(
        b'<row r="%d">' % row
        + b"".join(b'<c r="%s%d" t="%s">%s</c>' % (c, row, kind, value) for c in columns)
        + b"</row>"
        for row in range(first, first + rows)
    )
    return _in_sheet(data, draw, lambda c: c.replace(b"</sheetData>", xml + b"</sheetData>"))


def shared_texts(data: bytes, draw: Draw) -> bytes:
    """A table of shared texts, cells of a sheet referring to it (in range or not),
    and a count it declares (true or not)."""
    texts = draw(st.lists(st.sampled_from([0, 1, 50, 32_767, 40_000, 1_100_000]), max_size=4))
    declared = _pick(draw, [len(texts), 0, 10**6, 4 * 10**9, 10**30])
    items = b"".join(b"<si><t>%s</t></si>" % (b"s" * n) for n in texts)
    sst = (
        f'<sst xmlns="{hostile.MAIN}" count="{len(texts)}" uniqueCount="{declared}">'.encode()
        + items
        + b"</sst>"
    )
    index = _pick(draw, [b"0", b"1", b"3", b"5", b"99999999999", b"-1", b"+1", b" 0", b"x"])
    cells = draw(st.integers(1, 600))

    def shared(cell: re.Match[bytes]) -> bytes:
        return b'<c r="%s" t="s"><v>%s</v></c>' % (_ref(cell), index)

    def change(content: bytes) -> bytes:
        return _CELL_ELEMENT.sub(shared, content, count=cells)

    data = _in_sheet(data, draw, change)
    return hostile.rewrite(
        data,
        lambda name, content: (
            content.replace(b"</Relationships>", hostile.sst_relationship() + b"</Relationships>")
            if name == "xl/_rels/workbook.xml.rels"
            else content
        ),
        after={"xl/sharedStrings.xml": sst},
    )


def positions(data: bytes, draw: Draw) -> bytes:
    """A cell far away, one without a position, one with two, or one written loosely."""
    kind = _pick(draw, ["far", "unplaced", "twice", "loose", "zeros", "reference"])
    if kind == "far":
        column = _pick(draw, ["XFD", "AMJ", "J", "Z"])
        row = draw(st.integers(1, 1_048_576))
        cell = f'<row r="{row}"><c r="{column}{row}" t="inlineStr"><is><t>x</t></is></c></row>'
        return _in_sheet(
            data, draw, lambda c: c.replace(b"</sheetData>", cell.encode() + b"</sheetData>")
        )
    replacement: Callable[[re.Match[bytes]], bytes] = {
        "unplaced": lambda m: b"<c",
        "twice": lambda m: m[0] + b' r="XFD1048576"',
        "loose": lambda m: b"<c r = '%s%s'" % (m[1], m[2]),
        "zeros": lambda m: b'<c r="%s000%s"' % (m[1], m[2]),
        "reference": lambda m: b'<c r="&#88;FD%s"' % m[2],
    }[kind]

    def change(content: bytes) -> bytes:
        found = _one_match(draw, list(_CELL.finditer(content)))
        if found is None:
            return content
        return content[: found.start()] + replacement(found) + content[found.end() :]

    return _in_sheet(data, draw, change)


def metadata(data: bytes, draw: Draw) -> bytes:
    """A value of the hidden metadata sheet changed: to other text, a long text, a
    number, or nothing."""
    part = hostile.sheet_part(data, "_omstilling")
    value = _pick(draw, ["drawn", "long", "number", "empty", "formula"])

    def change(content: bytes) -> bytes:
        found = _one_match(draw, list(_CELL_ELEMENT.finditer(content)))
        if found is None:
            return content
        ref = _ref(found)
        if value == "number":
            cell = b'<c r="%s" t="n"><v>1e308</v></c>' % ref
        elif value == "empty":
            cell = b""
        elif value == "formula":
            cell = b'<c r="%s"><f>1+1</f><v>2</v></c>' % ref
        else:
            text = _text(draw) if value == "long" else _drawn(draw, 30)
            cell = b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)
        return content[: found.start()] + cell + content[found.end() :]

    return hostile.edit_part(data, part, change)


def damage(data: bytes, draw: Draw) -> bytes:
    """A part cut short, or one byte of it changed."""
    files = hostile.parts(data)
    name = _pick(draw, sorted(files))
    content = files[name]
    if not content:
        return data
    at = draw(st.integers(0, len(content) - 1))
    if draw(st.booleans()):
        changed = content[:at]
    else:
        changed = content[:at] + bytes([draw(st.integers(0, 255))]) + content[at + 1 :]
    return hostile.rewrite(data, lambda n, c: changed if n == name else c)


MUTATIONS: dict[str, Callable[[bytes, Draw], bytes]] = {
    f.__name__: f
    for f in (
        case_of_positions,
        twin_sheets,
        targets,
        long_texts,
        many_cells,
        shared_texts,
        positions,
        metadata,
        damage,
    )
}


# --- the property ------------------------------------------------------------------------


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    # a failing mutant is reported as found: shrinking it, an import at a time, would
    # take many minutes
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_no_mutant_crashes_the_import(plan: Path, data: st.DataObject) -> None:
    workbook = plan.with_name("filled.xlsx").read_bytes()
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        name = data.draw(st.sampled_from(sorted(MUTATIONS)), label="mutation")
        # an earlier mutation may have left nothing for this one to change
        with contextlib.suppress(KeyError, zipfile.BadZipFile, ElementTree.ParseError):
            workbook = MUTATIONS[name](workbook, data.draw)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / plan.name
        for name in (plan.name, f".{plan.name}.key"):
            shutil.copy(plan.with_name(name), Path(folder) / name)
        original = copy.read_bytes()
        mutant = Path(folder) / "mutant.xlsx"
        mutant.write_bytes(workbook)
        note(f"mutant: {len(workbook):,} bytes")
        result = hostile.run_capped(
            "import", mutant, "--into", copy, memory=MEMORY, timeout=TIMEOUT
        )
        output = result.stdout + result.stderr
        note(output[-2000:])
        assert result.returncode in (0, 1), result.returncode
        assert "Traceback" not in output
        assert "panicked" not in output
        if result.returncode != 0:
            assert copy.read_bytes() == original
            assert not list(Path(folder).glob(f"{plan.name}.~*~"))

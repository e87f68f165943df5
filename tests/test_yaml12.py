"""YAML is read with YAML 1.2's core schema, by the fast parser where a document is
plain and by the safe event-stream path otherwise: both give the same data, and the
guarantees (unique keys, depth and alias limits, errors with lines) hold on both."""

from __future__ import annotations

import math
import subprocess
import sys
from typing import Any

import pytest
from benchmarks.national import national_programme
from hypothesis import given
from hypothesis import strategies as st

from omstilling.files import ProgrammeFileError, _fastyaml, _text, loads, to_data
from omstilling.files._text import MAX_NODES, TextFormatError, dump_yaml, parse_yaml
from omstilling.model import Programme
from omstilling.testing import strategies as ost

needs_fast = pytest.mark.skipif(_fastyaml.fast_loads() is None, reason="yaml-rs is not installed")

# scalars whose reading differs between YAML 1.1, YAML 1.2 and the fast parser's own
# number rules
_WORDS = """
    yes no on off y n Y N Yes NO On OFF true false True TRUE tRue False FALSE
    ~ null Null NULL nULL 0o17 0O17 +0o17 -0o17 017 08 00 -0 +12 0x1F 0X1F -0x1F
    0b101 -0b1 1_000 _1 1__0 1_ 1_000.5 .inf -.inf +.inf .Inf .INF .iNf .nan .NaN
    -.nan .nAn 1e3 1E3 1.5e3 1.e3 .5 -.5 1. 1e 1e+ 6.8523015e+5 685.230_15e+03
    2014-02-30 2014-02-03 2014-02-03T10:00:00 12:30:00 1:20 = << 1,5 0,001
"""
EDGE_SCALARS = [
    *str.split(_WORDS),
    "'1e3'",
    '"1e3"',
    "'yes'",
    '"0o17"',
    "'2014-02-03'",
    "12345678901234567890123",
    "9" * 5000,
    "x y",
    "Hva nå?",
    "Tom & Jerry",
    "50 %",
]

_scalars = st.one_of(
    st.sampled_from(EDGE_SCALARS),
    st.from_regex(r"[-+]?[0-9_.eEoOxXbB]{1,6}", fullmatch=True),
    st.text(st.sampled_from("ab01_.-+:eoxXB "), min_size=1, max_size=6).map(str.strip),
)


def _same(text: str) -> tuple[str, str]:
    """What the combined reader and the safe path make of ``text``: the data's
    ``repr`` (which tells 1 from 1.0 and True, and shows nan), or the error."""

    def read(parse: Any) -> str:
        try:
            return repr(parse(text))
        except TextFormatError as exc:
            return f"error: {exc}"

    return read(parse_yaml), read(_text._parse_safe)


@st.composite
def _documents(draw: st.DrawFn) -> str:
    scalars = draw(st.lists(_scalars, min_size=1, max_size=8))
    shape = draw(st.sampled_from(["mapping", "list", "keys", "nested"]))
    if shape == "mapping":
        return "".join(f"k{index}: {scalar}\n" for index, scalar in enumerate(scalars))
    if shape == "list":
        return "".join(f"- {scalar}\n" for scalar in scalars)
    if shape == "keys":
        return "".join(f"{scalar}: {index}\n" for index, scalar in enumerate(scalars))
    return "top:\n" + "".join(f"  - k: {scalar}\n    v: [] \n" for scalar in scalars)


@given(_documents())
def test_the_fast_and_the_safe_path_read_every_document_alike(text: str) -> None:
    combined, safe = _same(text)
    assert combined == safe


@given(st.text(st.sampled_from("ab01_.:- \n\t'\"#|>[]{},?&*!%~\\"), max_size=40))
def test_any_text_is_read_alike_or_refused_alike(text: str) -> None:
    combined, safe = _same(text)
    assert combined == safe


@needs_fast
@given(_documents())
def test_the_fast_parser_agrees_wherever_it_is_used(text: str) -> None:
    fast = _fastyaml.parse_fast(text, MAX_NODES)
    if fast is not _fastyaml.NOT_FAST:
        assert repr(fast) == repr(_text._parse_safe(text))


@needs_fast
@given(ost.programmes())
def test_programme_files_read_the_same_on_either_path(programme: Programme) -> None:
    text = dump_yaml(to_data(programme))
    fast = _fastyaml.parse_fast(text, MAX_NODES)
    if fast is not _fastyaml.NOT_FAST:  # a text like "0B" or "x?" sends it to the safe path
        assert repr(fast) == repr(_text._parse_safe(text))
    assert loads(text) == programme


@needs_fast
def test_a_national_programme_takes_the_fast_path() -> None:
    programme = national_programme(participants=3, subprojects=2, milestones=2, measures=1)
    text = dump_yaml(to_data(programme))
    fast = _fastyaml.parse_fast(text, MAX_NODES)
    assert fast is not _fastyaml.NOT_FAST
    assert repr(fast) == repr(_text._parse_safe(text))
    assert loads(text) == programme


@needs_fast
def test_the_edge_scalars_mostly_take_the_fast_path() -> None:
    texts = [f"a: {scalar}\n" for scalar in EDGE_SCALARS]
    fast = [
        text for text in texts if _fastyaml.parse_fast(text, MAX_NODES) is not _fastyaml.NOT_FAST
    ]
    assert len(fast) > len(texts) // 2  # the agreement tests above are not vacuous
    for text in texts:
        combined, safe = _same(text)
        assert combined == safe, text


@pytest.mark.parametrize(
    "text",
    [
        "- :\n",  # an empty key, which libyaml refuses
        ": x\n",
        "a: 1\n\t\n",  # a tab for indentation
        "\ta",
        "\r:",  # a line break the line patterns do not see
        "a: |\n",  # an empty block scalar at the end
        "a: | # c\n",
        "a: |\n  # c",  # no line break after the last line of a block scalar
        ">\n0\n",  # a document that is one block scalar
        "{}:",  # an empty flow collection as a key
        "[]: x",
        "! 0",  # the non-specific tag
        "k0: 0xB_\n",  # a number with an underscore
        "a: " + "7" * 4301 + "\n",
    ],
)
def test_what_the_fast_parser_reads_otherwise_goes_to_the_safe_path(text: str) -> None:
    assert not _fastyaml.plain_enough(text, MAX_NODES)
    combined, safe = _same(text)
    assert combined == safe


@pytest.mark.parametrize(
    ("scalar", "value"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("Off", "Off"),
        ("y", "y"),
        ("n", "n"),
        ("True", True),
        ("FALSE", False),
        ("tRue", "tRue"),
        ("0o17", 15),
        ("017", 17),
        ("0x1F", 31),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("12:30:00", "12:30:00"),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("1e3", 1000.0),
        ("'1e3'", "1e3"),
        ("2014-02-30", "2014-02-30"),
        ("2014-02-03", "2014-02-03"),
        ("~", None),
        ("", None),
        ("=", "="),
    ],
)
def test_scalars_are_read_as_yaml_1_2_says(scalar: str, value: object) -> None:
    for text in (f"a: {scalar}\n", f"%YAML 1.1\n---\na: {scalar}\n"):
        data = parse_yaml(text)
        assert isinstance(data, dict)
        assert type(data["a"]) is type(value)
        assert data["a"] == value


def test_nan_is_a_number() -> None:
    data = parse_yaml("a: .NaN\n")
    assert isinstance(data, dict)
    assert math.isnan(data["a"])


def test_merge_keys_are_plain_keys_and_other_tags_are_refused() -> None:
    assert parse_yaml("<<:\n  a: 1\nb: 2\n") == {"<<": {"a": 1}, "b": 2}
    assert parse_yaml("a: &x {b: 1}\nc:\n  <<: *x\n") == {"a": {"b": 1}, "c": {"<<": {"b": 1}}}
    for text in ("a: !!binary aGk=\n", "a: !!timestamp 2014-01-01\n", "a: !!set {b}\n"):
        with pytest.raises(TextFormatError, match="could not determine a constructor"):
            parse_yaml(text)
    tagged = "a: !!int '12'\nb: !!str 12\nc: !!float 1\n"
    assert parse_yaml(tagged) == {
        "a": 12,
        "b": "12",
        "c": 1.0,
    }
    with pytest.raises(TextFormatError, match=r"not a whole number: '0b1' \(line 1, column 4\)"):
        parse_yaml("a: !!int 0b1\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\nb: 2\na: 3\n", r"duplicate key 'a' \(line 3, column 1\)"),
        ("1: a\n1.0: b\n", r"duplicate key 1.0 \(line 2, column 1\)"),
        ("true: a\n1: b\n", r"duplicate key 1 \(line 2, column 1\)"),
        ("x:\n  - a: 1\n    a: 2\n", r"duplicate key 'a' \(line 3, column 5\)"),
        ("a: b\n c: d\n", r"not valid YAML: .*\(line 2, column 3\)"),
        ("a: [\n", r"not valid YAML: .*\(line 2, column 1\)"),
        ("--- 1\n--- 2\n", r"found another document \(line 2, column 1\)"),
        ("a: " + "9" * 5000 + "\n", "a number has more digits than can be read"),
        ("a: -" + "9" * 4301 + "\nb: " + "1" * 4300 + "\n", "more digits than can be read"),
        ("a: x\x07y\n", "control characters are not allowed"),
    ],
)
def test_errors_name_their_line_on_every_path(text: str, message: str) -> None:
    with pytest.raises(TextFormatError, match=message):
        parse_yaml(text)


def test_saved_text_that_yaml_would_misread_is_quoted() -> None:
    data = {"a": "08", "b": "1e3", "c": "yes", "d": "2014-01-20", "e": "0o17", "f": "True"}
    text = dump_yaml({**data, "n": 8, "x": 1.5, "t": True, "z": None})
    for value in data.values():
        assert f"'{value}'" in text
    assert parse_yaml(text) == {**data, "n": 8, "x": 1.5, "t": True, "z": None}


def _in_a_child(code: str) -> subprocess.CompletedProcess[str]:
    # a parser that overflowed its stack would take the test run down with it
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize(
    "document",
    [
        "''.join(' ' * i + 'k:\\n' for i in range(20_000)) + ' ' * 20_000 + 'k: 1\\n'",
        "'- ' * 100_000 + 'x\\n'",
        "'a: ' + '[' * 100_000 + ']' * 100_000",
    ],
)
def test_deep_documents_are_refused_with_a_message_not_a_crash(document: str) -> None:
    result = _in_a_child(
        "from omstilling.files import loads, ProgrammeFileError\n"
        f"try:\n    loads({document})\n"
        "except ProgrammeFileError as exc:\n    print(exc.lines()[0])\n"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "nested more than 100 levels deep" in result.stdout


@pytest.mark.parametrize(
    "char", ["\x00", "\x08", "\x0b", "\x1f", "\x7f", "\x85", "\x9f", "\u2028", "\u2029"]
)
@pytest.mark.parametrize("wide", ["", "’", "\U0001f600"], ids=["latin-1", "ucs-2", "ucs-4"])
def test_characters_yaml_does_not_allow_take_the_safe_path(char: str, wide: str) -> None:
    """Looked for in the text's bytes, as Latin-1 or as UTF-8: each is found in a text
    of one byte a character and in one with wider characters elsewhere."""
    plain = f"a: Tromsø {wide}\nb: x\n"
    assert _fastyaml.plain_enough(plain, MAX_NODES)
    text = plain.replace("b: x", f"b: x{char}y")
    assert not _fastyaml.plain_enough(text, MAX_NODES)
    combined, safe = _same(text)
    assert combined == safe


@pytest.mark.parametrize("char", [chr(0xD800), chr(0xDFFF), "\ufffe", "\uffff"])
def test_surrogates_and_non_characters_take_the_safe_path(char: str) -> None:
    assert not _fastyaml.plain_enough(f"a: x{char}\n", MAX_NODES)
    assert not _fastyaml.plain_enough(f"a: ’x{char}\n", MAX_NODES)


def test_a_nesting_the_fast_parser_is_not_given_is_still_read() -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(60)) + " " * 60 + "end: 1\n"
    assert not _fastyaml.plain_enough(text, MAX_NODES)
    data: Any = parse_yaml(text)
    for level in range(60):
        data = data[f"k{level}"]
    assert data == {"end": 1}


def test_an_alias_bomb_is_refused_on_the_safe_path() -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{name}: &{name} [{', '.join([f'*{prev}'] * 10)}]\n"
        for prev, name in zip("abcdefg", "bcdefgh", strict=True)
    )
    assert not _fastyaml.plain_enough(laughs, MAX_NODES)
    with pytest.raises(ProgrammeFileError, match="aliases are expanded"):
        loads(laughs)


def test_without_the_fast_parser_the_safe_path_reads_everything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_fastyaml, "fast_loads", lambda: None)
    assert parse_yaml("a: yes\nb: 017\n") == {"a": "yes", "b": 17}
    with pytest.raises(TextFormatError, match="duplicate key 'a'"):
        parse_yaml("a: 1\na: 2\n")


@pytest.mark.parametrize("space", ["\xa0", "\u2003", "\u3000", "\u1680", "\u2028", "\x85"])
def test_anchors_named_with_a_space_python_knows_take_the_safe_path(space: str) -> None:
    """YAML's white space is the space and the tab only: ``&\\xa0a`` is an anchor
    (named ``\\xa0a``), though Python's ``\\s`` matches its first character. A bomb
    of such anchors and aliases is refused like any other."""
    levels = [f"a0: &{space}a0 {'x' * 2000}\n"]
    for level in range(1, 6):
        aliases = "".join(f"  - *{space}a{level - 1}\n" for _ in range(10))
        levels.append(f"a{level}: &{space}a{level}\n{aliases}")
    bomb = "".join(levels)
    assert not _fastyaml.plain_enough(bomb, MAX_NODES)
    with pytest.raises(TextFormatError, match="not valid YAML"):
        parse_yaml(bomb)
    small = f"a: &{space}n 1\nb: *{space}n\n"
    assert _same(small)[0] == _same(small)[1]

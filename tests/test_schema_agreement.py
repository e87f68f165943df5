"""One schema: the published JSON Schema and the loader agree on every value.

A value is put at one field of a small valid programme; the programme must be valid
against the schema file exactly when :func:`omstilling.files.from_data` accepts it.
The values are drawn for each kind of field (money, dates and months, periods,
decimals, percentages, ids, whole numbers with bounds, enums, free and required
text), from near misses of the field's own forms as well as from values of every
JSON type.

The values are JSON values: the schema describes JSON data. So no NaN (JSON has
none) and no lone surrogates (not text in JSON Schema's data model); the loader's
acceptance of ``datetime.date`` objects from Python callers is outside the schema.

The schema's patterns are ECMA-262 regular expressions, where ``$`` matches only at
the end of the text; python-jsonschema matches them with Python's :func:`re.search`,
where ``$`` also matches before a final newline. The validator here gives ``$`` its
ECMA-262 meaning, as editors and ``check-jsonschema`` do.
"""

from __future__ import annotations

import copy
import decimal
import json
import re
import typing
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema.exceptions import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

from omstilling.files import SCHEMA_VERSION, ProgrammeFileError, from_data, json_schema
from omstilling.files._schema import (
    _BY_VALIDATOR,
    _SCALARS,
    SCHEMA_FILE,
    SCHEMA_ID,
    _validators,
    schema_text,
)
from omstilling.model import MAX_INTEGER, Programme

from .conftest import EXAMPLES, ROOT

REGENERATE = "omstilling schema -o src/omstilling/files/programme.schema.json"


def _ecma_pattern(
    validator: Any, pattern: str, instance: object, schema: dict[str, Any]
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "string"):
        return
    assert isinstance(instance, str)
    expression = pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern
    if not re.search(expression, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator: Any = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator, {"pattern": _ecma_pattern}
)
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
VALIDATOR = _Validator(SCHEMA)


def _base() -> dict[str, Any]:
    """A small valid programme with one object at each host field below."""
    return {
        "schema_version": SCHEMA_VERSION,
        "id": "p",
        "name": "P",
        "owner": "o",
        "organisations": [
            {
                "id": "o",
                "name": "O",
                "municipality_numbers": [{"number": "0301"}],
                "offices": [{"name": "Kontor"}],
            },
            {"id": "o2", "name": "O2", "organisation_number": "974760673"},
            {
                "id": "o3",
                "name": "O3",
                "kind": "inter-municipal",
                "members": [
                    {"organisation": "o", "cost_share": 60},
                    {"organisation": "o2", "cost_share": 40},
                ],
            },
        ],
        "bodies": [{"id": "b", "name": "Kommunestyret"}],
        "milestones": [{"id": "m", "title": "M"}],
        "measures": [
            {
                "id": "t",
                "title": "T",
                "economic_effects": [{"period": 2013, "target": 1}],
                "staffing_effect": {"fte": 1},
            }
        ],
        "indicators": [{"id": "i", "name": "I", "baseline": 1, "values": [{"period": 2013}]}],
        "decisions": [
            {
                "id": "d",
                "title": "D",
                "body": "b",
                "kind": "political",
                "case": {"case_year": 2012, "case_sequence": 1728, "archive_code": "K1-034"},
            }
        ],
        "events": [{"id": "e", "kind": "meeting", "title": "E", "count": 1}],
        "risks": [
            {
                "id": "r",
                "title": "R",
                "probability": 3,
                "consequence": 3,
                "assessments": [{"period": 2020, "probability": 3, "consequence": 3}],
            }
        ],
        "deviations": [{"id": "v", "title": "V", "reported_in": "2020-T1"}],
        "economy": [{"period": 2020, "kind": "one-off", "budget": 1000}],
    }


_CASE_YEAR = ("decisions", 0, "case", "case_year")
_RISK_PROBABILITY = ("risks", 0, "probability")

# Where each kind of value goes: paths into _base().
HOSTS: dict[str, list[tuple[Any, ...]]] = {
    "money": [("measures", 0, "economic_effects", 0, "target"), ("economy", 0, "budget")],
    "date": [("milestones", 0, "estimated_finish"), ("decisions", 0, "date")],
    "period": [
        ("indicators", 0, "baseline_period"),
        ("measures", 0, "economic_effects", 0, "period"),
        ("deviations", 0, "reported_in"),
        ("economy", 0, "period"),
    ],
    "decimal": [("indicators", 0, "baseline"), ("measures", 0, "staffing_effect", "fte")],
    "percentage": [("organisations", 2, "members", 0, "cost_share")],
    "id": [("id",), ("milestones", 0, "id"), ("status_dimensions", 0), ("risks", 0, "id")],
    "municipality-number": [("organisations", 0, "municipality_numbers", 0, "number")],
    "whole": [
        ("measures", 0, "priority"),
        ("events", 0, "count"),
        ("organisations", 0, "offices", 0, "days_open_per_week"),
        _CASE_YEAR,
    ],
    "score": [("risks", 0, "assessments", 0, "consequence"), _RISK_PROBABILITY],
    "enum": [("language",), ("cadence",), ("bodies", 0, "kind"), ("risks", 0, "status")],
    "text": [("description",), ("name",), ("milestones", 0, "title"), ("legal_basis", 0)],
    "bool": [("milestones", 0, "done")],
}


def _put(data: dict[str, Any], path: tuple[Any, ...], value: object) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    parent: Any = changed
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif not parent:  # a list the base leaves empty by default (status_dimensions)
        parent.append(value)
    else:
        parent[last] = value
    return changed


def _rest_of_100(value: object) -> str | None:
    """The other member's cost share, so that the two sum to 100 % (the model's rule
    across members) wherever ``value`` is a number at all, and none where it is none
    (either every member has one or none has)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return "40"
    try:
        with decimal.localcontext(prec=200):
            share = Decimal(repr(value) if isinstance(value, float) else value)
            rest = Decimal(100) - share
    except (decimal.InvalidOperation, ValueError):
        return "40"
    return format(rest, "f") if rest.is_finite() else "40"


def _with(path: tuple[Any, ...], value: object) -> dict[str, Any]:
    """The base programme, with no more than the host needs, with ``value`` at
    ``path``."""
    keep = {"schema_version", "id", "name", "owner", "organisations", path[0]}
    if path[0] == "decisions":
        keep.add("bodies")
    base = {key: value for key, value in _base().items() if key in keep}
    if path[0] != "organisations":
        base["organisations"] = [{"id": "o", "name": "O"}]
    if path[0] in ("status_dimensions", "legal_basis"):
        base[path[0]] = []
    if path == HOSTS["percentage"][0]:
        base["organisations"][2]["members"][1]["cost_share"] = _rest_of_100(value)
    if path == _CASE_YEAR and value is None:  # the year and the number go together
        del base["decisions"][0]["case"]["case_sequence"]
    if path == _RISK_PROBABILITY and value is None:  # both scores or neither
        del base["risks"][0]["consequence"]
    return _put(base, path, value)


def _loads(data: dict[str, Any]) -> bool:
    try:
        from_data(data)
    except ProgrammeFileError:
        return False
    return True


def _schema_valid(data: dict[str, Any]) -> bool:
    return bool(VALIDATOR.is_valid(data))


# --- the values -----------------------------------------------------------------------

_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
_FLOATS = st.floats(allow_nan=False)
_BOUNDARY_NUMBERS: list[object] = [
    0,
    0.0,
    -0.0,
    1e-14,
    -1e-14,
    9.999999999999999e-15,
    1e-15,
    1.2345678901234567e-20,
    1e-30,
    5e-324,
    0.5,
    1.0,
    2.0,
    0.001,
    1200.5,
    1e30,
    9.999999999999999e30,
    1e31,
    -1e31,
    10**30,
    10**31 - 1,
    10**31,
    -(10**31),
    2**53 + 1,
    float(2**63),
    float("inf"),
    float("-inf"),
    MAX_INTEGER,
    MAX_INTEGER + 1,
    float(MAX_INTEGER),
    1000,
    999,
    9999,
    10000,
    1899,
    1900,
    2999,
    3000,
    7,
    8,
    -1,
    1,
    True,
    False,
]
_ANY_JSON = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(10**32), 10**32),
    _FLOATS,
    st.sampled_from(_BOUNDARY_NUMBERS),
    _TEXT,
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(st.sampled_from(["a", "id"]), st.integers(), max_size=1),
)


def _joined(*parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(*parts).map("".join)


_SPACES = st.sampled_from(["", " ", "  ", "\u00a0", "\u202f", "\t", "\n"])
_SIGN = st.sampled_from(["", "", "-", "+", "−"])
_DIGITS = st.text("0123456789", min_size=1, max_size=34)
_DIGIT_RUN = st.text("0123456789", max_size=4)


def _grouped(draw_digits: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Digits, often grouped in threes by a separator (and sometimes not quite)."""
    groups = st.lists(st.text("0123456789", min_size=2, max_size=4), min_size=1, max_size=11)
    sep = st.sampled_from([" ", "\u00a0", "\u202f", ".", ",", "_", "  "])
    return st.one_of(
        draw_digits,
        st.tuples(st.text("0123456789", min_size=1, max_size=3), groups, sep).map(
            lambda t: t[0] + "".join(t[2] + g for g in t[1])
        ),
        st.tuples(st.text("123456789", min_size=1, max_size=3), st.integers(0, 11), sep).map(
            lambda t: t[0] + (t[2] + "000") * t[1]
        ),
    )


_FRACTION = st.one_of(
    st.just(""),
    _joined(st.sampled_from([".", ","]), st.text("0123456789", max_size=4)),
    _joined(st.just("."), st.text("0123456789", min_size=28, max_size=34)),
)
_EXPONENT = st.sampled_from(["", "", "", "e3", "E+2", "e-5", "E"])

_NUMBERS = st.one_of(
    st.sampled_from(_BOUNDARY_NUMBERS),
    _FLOATS,
    st.floats(-1e-13, 1e-13),
    st.integers(),
    st.integers(-(10**32), 10**32),
)
_NUMBER_TEXT = st.one_of(
    _joined(_SPACES, _SIGN, _grouped(_DIGITS), _FRACTION, _EXPONENT, _SPACES),
    _joined(_SIGN, st.text("0", max_size=3), _FRACTION),
    st.sampled_from(["NaN", "Infinity", "-inf", "1_000", "١٢٣", ".", "-.", "1.", ".5", "+.0"]),
    st.decimals(allow_nan=False, allow_infinity=False).map(lambda d: format(d, "f")),
    st.decimals(allow_nan=True).map(str),
    _FLOATS.map(repr),
)

_CURRENCY = st.sampled_from(
    [
        "",
        "",
        " kr",
        " KR",
        " Kr",
        "kr",
        " NOK",
        " EUR",
        " eur",
        " Eur",
        " ab",
        " EURO",
        " €",
        " kr.",
    ]
)
_MONEY_TEXT = st.one_of(
    _joined(_SPACES, _SIGN, _grouped(_DIGITS), _FRACTION, _EXPONENT, _CURRENCY, _SPACES),
    st.sampled_from(
        [
            *("1,234", "1.234", "0.001", "1e3", " 5", "5 ", "800.000", "35 000 000 kr"),
            *("800000,50", "1200.50 EUR", "1200EUR", "1 2 3", "12 345,6", "kr 100", "1200 ßa"),
        ]
    ),
)

_DATE_TEXT = st.one_of(
    st.dates().map(str),
    st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}"),
    st.integers(0, 10999).map(str),
    _joined(
        _SPACES,
        st.text("0123456789", min_size=3, max_size=5),
        st.sampled_from(["-", "-", "/", "."]),
        st.text("0123456789", min_size=1, max_size=3),
        st.sampled_from(["", "-", "T"]),
        _DIGIT_RUN,
        _SPACES,
    ),
    st.sampled_from(
        [
            *("2016-02-29", "2014-02-29", "2000-02-29", "1900-02-29", "2100-02-29", "2400-02-29"),
            *("2014-04-31", "2014-13", "2014-00", "2014-01-00", "0999", "2014-1-5", "20.12.2013"),
        ]
    ),
)
_PERIOD_TEXT = st.one_of(
    _joined(
        _SPACES,
        st.text("0123456789", min_size=3, max_size=5),
        st.sampled_from(["", "-", " "]),
        st.sampled_from(["", "H", "T", "Q", "h", "K", "X"]),
        _DIGIT_RUN,
        _SPACES,
    ),
    st.sampled_from(["2004-H1", "2004-H3", "2012-T3", "2012-T4", "2024-Q4", "2024-Q0", "2004-"]),
)
_ID_TEXT = st.one_of(
    st.from_regex(r"[a-z0-9._\-A-Zæ \n]{0,70}", fullmatch=True),
    st.from_regex(r"[a-z0-9][a-z0-9._-]{60,66}\n?", fullmatch=True),
)
_MUNICIPALITY_TEXT = st.from_regex(r"[0-9 a]{2,6}\n?", fullmatch=True)
_REQUIRED_TEXT = st.one_of(
    _TEXT,
    st.text(
        st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2007\u2028\u202f\u3000\ufeffa"),
        max_size=4,
    ),
)
_BOUNDS = [-1, 0, 1, 7, 8, 1899, 1900, 2999, 3000, MAX_INTEGER, MAX_INTEGER + 1]
_WHOLE = st.one_of(
    st.sampled_from(_BOUNDS),
    st.sampled_from(_BOUNDS).map(float),
    st.integers(-5, 12),
    st.integers(1890, 3010),
    st.integers(MAX_INTEGER - 3, MAX_INTEGER + 3),
    st.sampled_from([0.5, 1.5, 7.5, 1899.5, 2999.5, MAX_INTEGER + 0.5]),
)
_ENUM_TEXT = st.sampled_from(
    [
        *("nb", "nn", "en", "NB", " nb", "annual", "tertial", "half-yearly", "council", "other"),
        *("x", "open", "closed", "Open", "closed ", "one-off", "grant"),
    ]
)

KINDS: dict[str, st.SearchStrategy[object]] = {
    "money": st.one_of(_MONEY_TEXT, _NUMBERS),
    "date": _DATE_TEXT,
    "period": _PERIOD_TEXT,
    "decimal": st.one_of(_NUMBER_TEXT, _NUMBERS),
    "percentage": st.one_of(
        _NUMBER_TEXT,
        _NUMBERS,
        st.decimals(-5, 105, places=3).map(str),
        st.sampled_from(
            ["100", "100.0", "100.01", "-0", "-0.0", "-.0", "-1", "0", "99.99", "0100"]
        ),
        st.floats(-1, 101),
    ),
    "id": _ID_TEXT,
    "municipality-number": _MUNICIPALITY_TEXT,
    "whole": _WHOLE,
    "score": _WHOLE,
    "enum": _ENUM_TEXT,
    "text": _REQUIRED_TEXT,
    "bool": st.sampled_from([True, False, 0, 1, "true", "yes"]),
}


PLACES = [(kind, path) for kind, paths in HOSTS.items() for path in paths]


def _place_id(place: object) -> str:
    if isinstance(place, str):
        return place
    return ".".join(map(str, place)) if isinstance(place, tuple) else repr(place)


def test_the_base_programme_is_valid_both_ways() -> None:
    assert _loads(_base())
    assert list(VALIDATOR.iter_errors(_base())) == []


@pytest.mark.parametrize(("kind", "path"), PLACES, ids=_place_id)
@given(data=st.data())
def test_schema_valid_if_and_only_if_the_loader_accepts(
    kind: str, path: tuple[Any, ...], data: st.DataObject
) -> None:
    value = data.draw(st.one_of(KINDS[kind], KINDS[kind], KINDS[kind], _ANY_JSON), "value")
    assert _agree(path, value)


_FIXED_TEXT = [None, "", " 5", "5", "1e3", "1,234", "1.234", "0.001", "2014", "abc", "abc\n"]
_NUMERIC = {"money", "decimal", "percentage", "whole", "score", "date", "period"}


def _agree(path: tuple[Any, ...], value: object) -> bool:
    placed = _with(path, value)
    return _schema_valid(placed) == _loads(placed)


@pytest.mark.parametrize(("kind", "path"), PLACES, ids=_place_id)
def test_schema_and_loader_agree_at_the_bounds(kind: str, path: tuple[Any, ...]) -> None:
    values = _FIXED_TEXT + (_BOUNDARY_NUMBERS if kind in _NUMERIC else [0, 1.5, True])
    assert [value for value in values if not _agree(path, value)] == []


# Values whose verdict is the choice documented in docs/files.rst.
@pytest.mark.parametrize(
    ("kind", "value", "valid"),
    [
        ("money", 35000000, True),
        ("money", "35 000 000 kr", True),
        ("money", "35\u00a0000\u00a0000 kr", True),
        ("money", "800000,50", True),
        ("money", "1200.50 EUR", True),
        ("money", "-250000", True),
        ("money", 35000000.0, True),
        ("money", "1,234", False),  # a thousands separator or a decimal mark?
        ("money", "1.234", False),
        ("money", "0.001", False),  # money is whole øre
        ("money", "1e3", False),  # no exponents
        ("money", " 5", False),  # no spaces around the amount
        ("money", "5 ", False),
        ("money", "1200EUR", False),  # a space before the currency
        ("money", "35 0000", False),  # groups of three
        ("money", 1200.5, False),  # øre as text: '1200.50'
        ("decimal", 33.5, True),
        ("decimal", "33.5", True),
        ("decimal", "1e3", False),
        ("decimal", " 5", False),
        ("decimal", "33,5", False),
        ("decimal", "1_000", False),
        ("decimal", 1e-20, False),  # that small only as text
        ("decimal", "0.00000000000000000001", True),
        ("date", "2016-02-29", True),
        ("date", "2014-02-29", False),
        ("date", "0999", False),
        ("date", " 2014", False),
        ("date", 2014, True),
        ("period", "2012-T3", True),
        ("period", "2012-T4", False),
        ("whole", 2.0, True),
        ("whole", 2.5, False),
        ("score", 1, True),
        ("score", 5, True),
        ("score", 5.0, True),
        ("score", 0, False),  # the scale is 1 to 5
        ("score", 6, False),
        ("score", "3", False),
        ("id", "abc\n", False),
    ],
)
def test_chosen_forms(kind: str, value: object, valid: bool) -> None:
    data = _with(HOSTS[kind][0], value)
    assert _loads(data) is valid
    assert _schema_valid(data) is valid


@given(st.from_regex(r"[0-9]{9}", fullmatch=True))
def test_organisation_numbers_the_loader_accepts_are_schema_valid(number: str) -> None:
    # the one value the schema checks less than the loader: the mod-11 check digit
    data = _put(_base(), ("organisations", 1, "organisation_number"), number)
    assert _schema_valid(data)
    if not _loads(data):
        with pytest.raises(ProgrammeFileError, match="organisation number"):
            from_data(data)


# --- the file, its $id, the examples ---------------------------------------------------


def test_the_schema_file_is_what_json_schema_gives() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        f"{SCHEMA_FILE} is out of date: run `{REGENERATE}`"
    )
    assert json.loads(schema_text()) == json_schema()


def test_the_schema_has_what_a_programme_office_steers_by() -> None:
    defs = SCHEMA["$defs"]
    for name, fields in {
        "Risk": ("probability", "consequence", "owner", "actions", "assessments", "status"),
        "RiskAssessment": ("period", "probability", "consequence", "status"),
        "MitigationAction": ("action", "responsible", "deadline", "done"),
        "Deviation": ("cause", "consequence", "corrective_action", "reported_in", "closed_in"),
        "Benefit": ("kind", "owner", "indicator", "measures", "subprojects"),
        "BudgetLine": ("period", "kind", "budget", "actual", "organisation", "grantor"),
        "FollowUp": ("period", "status", "comment"),
        "DecisionItem": ("participant", "responsible", "due", "follow_up"),
        "Decision": ("joint_bodies",),
        "Organisation": ("predecessors", "successor", "successor_from"),
        "Subproject": ("parent",),
    }.items():
        assert set(fields) <= set(defs[name]["properties"]), name
    for collection, item in {
        "risks": "Risk",
        "deviations": "Deviation",
        "benefits": "Benefit",
        "economy": "BudgetLine",
    }.items():
        assert SCHEMA["properties"][collection]["items"] == {"$ref": f"#/$defs/{item}"}
    assert defs["RiskAssessment"]["required"] == ["period", "probability", "consequence"]
    assert defs["RiskAssessment"]["properties"]["probability"]["minimum"] == 1
    assert defs["RiskAssessment"]["properties"]["probability"]["maximum"] == 5
    assert defs["Deviation"]["required"] == ["id", "title", "reported_in"]
    assert defs["BudgetLine"]["properties"]["kind"] == {"enum": ["operations", "one-off", "grant"]}


def test_the_schema_has_a_stable_id_per_version() -> None:
    assert SCHEMA["$id"] == SCHEMA_ID
    assert SCHEMA_ID.endswith(f"/programme-{SCHEMA_VERSION}.schema.json")
    assert SCHEMA_ID.startswith("https://omstilling.readthedocs.io/schema/")
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def _yaml_1_2() -> YAML:
    """A YAML 1.2 reader (ruamel.yaml's safe loader) without implicit dates, which the
    YAML 1.2 core schema does not have and ruamel.yaml adds."""

    class Core(SafeConstructor):
        pass

    Core.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)
    reader = YAML(typ="safe", pure=True)
    reader.Constructor = Core
    return reader


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_names_the_schema_and_validates_as_yaml_1_2(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path.name}: the first line names no schema"
    assert (path.parent / match[1]).resolve() == SCHEMA_FILE.resolve()
    data = _yaml_1_2().load(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert errors == []
    assert _loads(data)


def test_the_examples_exist() -> None:
    assert len(EXAMPLE_FILES) >= 5
    assert SCHEMA_FILE.is_relative_to(ROOT)


def test_numbers_read_exactly() -> None:
    data = _with(HOSTS["decimal"][0], 33.5)
    assert from_data(data).indicators[0].baseline == Decimal("33.5")
    data = _with(HOSTS["money"][0], "35 000 000 kr")
    target = from_data(data).measures[0].economic_effects[0].target
    assert target is not None
    assert target.amount == 35_000_000


def _model_classes() -> Iterator[type]:
    """Every class a programme file holds, but the values written as one scalar."""
    seen: set[type] = set()
    pending: list[Any] = [Programme]
    while pending:
        tp = pending.pop()
        if typing.get_origin(tp) is not None:
            pending.extend(typing.get_args(tp))
            continue
        if not (isinstance(tp, type) and attrs.has(tp)) or tp in seen or tp in _SCALARS:
            continue
        seen.add(tp)
        yield tp
        pending.extend(typing.get_type_hints(tp).values())


def _is_type_check(validator: object) -> bool:
    code = getattr(validator, "__code__", None)
    return code is not None and code.co_filename.startswith("<type check of ")


def test_every_validator_of_a_file_field_is_in_the_schema() -> None:
    # a new validator on a field must be given its schema (in _BY_VALIDATOR), or the
    # schema would accept what the loader refuses
    unknown = []
    for cls in _model_classes():
        for field in attrs.fields(cls):
            chain = list(_validators(field))
            if any(_known(v) for v in chain):
                continue
            if all(_is_type_check(v) for v in chain):
                continue
            unknown.append(f"{cls.__name__}.{field.name}")
    assert unknown == []


def _known(validator: object) -> bool:
    try:
        return validator in _BY_VALIDATOR
    except TypeError:
        return False

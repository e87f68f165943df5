"""The ``.. model-reference::`` directive: the field-by-field reference of the model.

Everything on the page is read from the code when the docs are built, so it cannot
drift from it:

- the types are the attrs classes and enums of :mod:`omstilling.model`
  (``__all__``), their fields from :func:`attrs.fields` with the resolved type hints,
  defaults and validators;
- a field's meaning is its docstring (a string literal under the field, as for any
  attribute Sphinx documents), else the sentence of the class's docstring that names
  it; the validators add what they check where that is cheap to say;
- which fields are ids of what comes from the reference rules of
  :func:`omstilling.model.reference_problems` itself: the rules are run once
  against a stand-in programme whose collections hold one item each, whose id is
  the collection's name, and each rule is recorded with the collection it checks
  against (see :func:`reference_fields`);
- every enum is listed with all its values and their docstrings.

:func:`reference_rst` returns the page's reStructuredText; the tests read it.
"""

from __future__ import annotations

import enum
import inspect
import re
import types
import typing
from collections.abc import Iterable, Iterator, Set
from decimal import Decimal
from typing import Any
from unittest import mock

import attrs
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

import omstilling.model as model
from omstilling.model import _integrity, _values

__all__ = ["model_classes", "model_enums", "reference_fields", "reference_rst", "setup"]

# --------------------------------------------------------------------------- what is listed


def model_classes() -> list[type]:
    """The attrs classes of :mod:`omstilling.model`, the programme first, then in the
    order a programme file reaches them, then the others by name."""
    public = {getattr(model, name) for name in model.__all__}
    classes = {c for c in public if inspect.isclass(c) and attrs.has(c)}
    ordered: list[type] = []
    queue: list[type] = [model.Programme]
    while queue:
        cls = queue.pop(0)
        if cls in ordered or cls not in classes:
            continue
        ordered.append(cls)
        for hint in typing.get_type_hints(cls).values():
            queue.extend(c for c in _leaves(hint) if c in classes)
    return ordered + sorted(classes - set(ordered), key=lambda c: c.__name__)


def model_enums() -> list[type[enum.Enum]]:
    """Every enum of :mod:`omstilling.model`, by name."""
    found = [getattr(model, name) for name in model.__all__]
    return sorted(
        (c for c in found if inspect.isclass(c) and issubclass(c, enum.Enum)),
        key=lambda c: c.__name__,
    )


def _leaves(hint: Any) -> Iterator[Any]:
    """The classes a type hint is made of (``tuple[X, ...] | None`` -> X)."""
    args = typing.get_args(hint)
    if not args:
        if hint is not type(None):
            yield hint
        return
    for arg in args:
        if arg is not Ellipsis:
            yield from _leaves(arg)


# --------------------------------------------------------------------------- references


@attrs.frozen
class Reference:
    """The field ``field`` of ``cls`` holds the id (``many``: ids) of an item of the
    programme's collection ``collection``."""

    cls: type
    field: str
    collection: str
    many: bool


class _Stand:
    """A stand-in for an item or a programme: each collection of the stand-in
    programme holds one item, whose ``id`` and ``organisation`` are the collection's
    name, so the set of ids a rule checks against says which collection it is."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, name: str) -> Any:
        if self._name != "programme":
            return self._name  # id, organisation: the collection the item is in
        if name == "owner":
            return "owner"
        if name == "status_dimensions":
            return ("status_dimensions",)
        if name == "evaluation":
            return types.SimpleNamespace(evaluators=("evaluators",), deliverables=())
        return (_Stand(name),)


def reference_fields() -> list[Reference]:
    """Every field that holds ids of another collection, as the reference rules of
    :func:`omstilling.model.reference_problems` check them, in their order."""
    found: list[tuple[str, Set[str], bool]] = []

    class Recorder(_integrity._Checker):
        def unique(self, *args: Any, **kwargs: Any) -> None:
            pass

        def acyclic(self, path: str, items: Any) -> None:
            pass

        def ref(self, path: str, value: str | None, known: Set[str], what: str) -> None:
            found.append((path, known, "[" in path))

        def refs(self, path: str, items: Any, rules: tuple[Any, ...]) -> None:
            for rule in rules:
                if isinstance(rule, _integrity._Each):
                    self.refs(f"{path}.{rule.name}", (), rule.refs)
                else:
                    found.append((f"{path}.{rule.name}", rule.known, rule.many))

    with mock.patch.object(_integrity, "_Checker", Recorder):
        # a stand-in, not a Programme: it answers every field the rules read
        _integrity.reference_problems(_Stand("programme"))  # type: ignore[arg-type]
    references = []
    for path, known, many in found:
        # a field may refer to one of several collections: the owner is an
        # organisation or a body ("organisations or bodies")
        collection = " or ".join(sorted(known, key=lambda c: (c != "organisations", c)))
        *parents, field = re.sub(r"\[\d+\]", "", path).split(".")
        cls: type = model.Programme
        for parent in parents:
            (cls,) = (c for c in _leaves(typing.get_type_hints(cls)[parent]) if attrs.has(c))
        references.append(Reference(cls, field, collection, many))
    return references


# --------------------------------------------------------------------------- the page

_SIMPLE = {
    str: "text",
    int: "whole number",
    bool: "true or false",
    Decimal: "decimal number",
    object: "any value",
}

_VALIDATORS = {
    "check_text": "must not be empty",
    "check_organisation_number": "9 digits with a valid mod-11 check digit",
    "check_finite": "finite, within ±1E+30",
    "check_positive": f"1 to {model.MAX_INTEGER:,}",
    "check_not_negative": f"0 to {model.MAX_INTEGER:,}",
}


def _type_text(hint: Any) -> str:
    """How the reference writes a type: ``list of Milestone``, ``text``."""
    args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    if origin is tuple:
        return f"list of {_type_text(args[0])}"
    if origin in (typing.Union, types.UnionType):
        kinds = [_type_text(a) for a in args if a is not type(None)]
        return " or ".join(kinds)
    if hint in _SIMPLE:
        return _SIMPLE[hint]
    if inspect.isclass(hint) and hint.__module__.startswith("omstilling."):
        return f":ref:`{hint.__name__} <model-{hint.__name__.lower()}>`"
    return f"``{getattr(hint, '__name__', hint)}``"


def _written(value: Any) -> str:
    """A default as a programme file writes it."""
    if isinstance(value, enum.Enum):
        return f"``{value.value}``"
    if isinstance(value, bool):
        return f"``{str(value).lower()}``"
    if isinstance(value, tuple):
        if not value:
            return "empty"
        return "``[" + ", ".join(str(_plain(v)) for v in value) + "]``"
    return f"``{_plain(value)}``"


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _default(field: attrs.Attribute[Any]) -> str:
    if field.default is attrs.NOTHING:
        return "**required**"
    # attrs' stubs declare Factory as a function; at run time it is the class of defaults
    if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
        return "empty"
    if field.default is None:
        return "optional"
    return f"default {_written(field.default)}"


def _validator_names(validator: Any) -> Iterator[str]:
    if validator is None:
        return
    inner = getattr(validator, "_validators", None)
    if inner is not None:
        for each in inner:
            yield from _validator_names(each)
    elif validator is _values.check_positive:
        yield "check_positive"
    elif validator is _values.check_not_negative:
        yield "check_not_negative"
    else:
        yield getattr(validator, "__name__", "")


def _docs(cls: type) -> dict[tuple[str, str], list[str]]:
    return ModuleAnalyzer.for_module(cls.__module__).find_attr_docs()


def _one_line(lines: Iterable[str]) -> str:
    return " ".join(line.strip() for line in lines if line.strip())


def _first_paragraph(doc: str | None) -> str:
    text = inspect.cleandoc(doc or "")
    return _one_line(text.split("\n\n")[0].splitlines())


def _class_mentions(cls: type, field: str) -> str:
    """The sentence of the class's docstring that names the field, if any."""
    text = " ".join(inspect.cleandoc(cls.__doc__ or "").split())
    for sentence in re.split(r"(?<=[.;:])\s+", text):
        if f"``{field}``" in sentence and ".. versionadded" not in sentence:
            return sentence
    return ""


def _references_to(reference: Reference) -> str:
    if reference.collection == "participants":
        what = "ids of participants'" if reference.many else "the id of a participant's"
        return f"{what} organisation (``participants``)"
    if reference.collection == "status_dimensions":
        return "one of the programme's ``status_dimensions``"
    what = "ids of items" if reference.many else "the id of an item"
    return f"{what} of {_collections(reference)}"


def _collections(reference: Reference) -> str:
    """``organisations``, or ``organisations`` or ``bodies``."""
    return " or ".join(f"``{c}``" for c in reference.collection.split(" or "))


def _field_rows(cls: type, references: dict[tuple[type, str], Reference]) -> list[str]:
    hints = typing.get_type_hints(cls)
    docs = _docs(cls)
    rows = []
    for field in attrs.fields(cls):
        reference = references.get((cls, field.name))
        hint = hints[field.name]
        kind = _type_text(hint)
        checks = [_VALIDATORS[n] for n in _validator_names(field.validator) if n in _VALIDATORS]
        if reference is not None:
            kind = f"{'ids' if reference.many else 'id'} → {_collections(reference)}"
            checks = []
        elif field.name == "id" and cls is not model.Programme:
            kind, checks = "id, unique in its collection", []
        elif any(n.endswith(("_id", "_ids")) for n in _validator_names(field.validator)):
            kind = "ids" if typing.get_origin(hint) is tuple else "id"
        elif kind in ("text", "list of text"):
            kind = "free text" if kind == "text" else "list of free text"
        meaning = _one_line(docs.get((cls.__name__, field.name), []))
        meaning = meaning or _class_mentions(cls, field.name).rstrip(";:,")
        if not meaning and field.name == "id":
            meaning = "What other items refer to it by."
        if reference is not None:
            meaning = meaning.rstrip(" .;:,") + ". " if meaning else ""
            meaning += _references_to(reference)[0].upper() + _references_to(reference)[1:] + "."
        rows += [
            f"   * - ``{field.name}``",
            f"     - {kind}" + (f" ({'; '.join(checks)})" if checks else ""),
            f"     - {_default(field)}",
            f"     - {meaning}",
        ]
    return rows


def _title(text: str, underline: str) -> list[str]:
    return [text, underline * len(text), ""]


def reference_rst() -> str:
    """The reStructuredText of the model reference: a table per type, then every
    enum with every value."""
    references = {(r.cls, r.field): r for r in reference_fields()}
    lines: list[str] = []
    lines += _title("Types", "-")
    for cls in model_classes():
        name = cls.__name__
        lines += [f".. _model-{name.lower()}:", ""]
        lines += _title(name, "~")
        lines += [_first_paragraph(cls.__doc__) + f" (:class:`omstilling.model.{name}`)", ""]
        if hasattr(cls, "parse"):
            # the written form: the class's second paragraph says it
            paragraphs = inspect.cleandoc(cls.__doc__ or "").split("\n\n")
            said = _one_line(paragraphs[1].splitlines()) if len(paragraphs) > 2 else ""
            lines += [
                f"{said} A programme file writes it in that form (see"
                ' "Building model objects" in :doc:`model`); the fields are its parts'
                " in Python.".strip(),
                "",
            ]
        lines += [
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 18 30 14 38",
            "",
            "   * - field",
            "     - type",
            "     - required",
            "     - meaning",
            *_field_rows(cls, references),
            "",
        ]
    lines += _title("Enumerations", "-")
    lines += [
        "A programme file writes an enum member as its value (``steering-group``,",
        "``half-yearly``); these are all the values each field of the type accepts.",
        "",
    ]
    for cls in model_enums():
        name = cls.__name__
        docs = _docs(cls)
        lines += [f".. _model-{name.lower()}:", ""]
        lines += _title(name, "~")
        lines += [
            _first_paragraph(cls.__doc__) + f" (:class:`omstilling.model.{name}`)",
            "",
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 25 25 50",
            "",
            "   * - value",
            "     - member",
            "     - meaning",
        ]
        for member in cls:
            lines += [
                f"   * - ``{member.value}``",
                f"     - ``{member.name}``",
                f"     - {_one_line(docs.get((name, member.name), []))}",
            ]
        lines.append("")
    return "\n".join(lines) + "\n"


class ModelReference(SphinxDirective):
    """``.. model-reference::``: the generated reference, in place."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        for module in {cls.__module__ for cls in (*model_classes(), *model_enums())}:
            self.env.note_dependency(inspect.getfile(__import__(module, fromlist=["_"])))
        container = nodes.section()
        nested_parse_with_titles(
            self.state, StringList(reference_rst().splitlines(), "<model-reference>"), container
        )
        return list(container.children)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("model-reference", ModelReference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

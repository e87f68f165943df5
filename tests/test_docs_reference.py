"""The generated docs say what the code does: the model reference lists every type,
field and enum value, and the references the integrity rules check; the embedding
how-to's examples run as they stand."""

from __future__ import annotations

import enum
import importlib.util
import inspect
import os
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest

import omstilling.model as model

from .conftest import EXAMPLES, ROOT

DOCS = ROOT / "docs"


def _extension() -> Any:
    """docs/_ext/model_reference.py, the Sphinx extension that writes the reference."""
    spec = importlib.util.spec_from_file_location(
        "model_reference", DOCS / "_ext" / "model_reference.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def reference() -> Any:
    return _extension()


@pytest.fixture(scope="module")
def sections(reference: Any) -> dict[str, str]:
    """The generated reStructuredText, by the title of each type's or enum's section."""
    found: dict[str, str] = {}
    parts = re.split(r"^(\w+)\n~+\n", reference.reference_rst(), flags=re.MULTILINE)
    for title, body in zip(parts[1::2], parts[2::2], strict=True):
        assert title not in found, title
        found[title] = body
    return found


def _public(kind: str) -> list[Any]:
    """The public enums, or attrs classes, of omstilling.model, found here, not by the
    extension."""
    found = [getattr(model, name) for name in model.__all__]
    classes = [c for c in found if inspect.isclass(c)]
    if kind == "enum":
        return [c for c in classes if issubclass(c, enum.Enum)]
    return [c for c in classes if attrs.has(c)]


def _values_listed(section: str) -> set[str]:
    return set(re.findall(r"^   \* - ``([^`]*)``$", section, flags=re.MULTILINE))


def test_the_reference_is_the_directive_on_its_page() -> None:
    page = (DOCS / "model-reference.rst").read_text(encoding="utf-8")
    assert ".. model-reference::" in page
    assert "model-reference" in (DOCS / "index.rst").read_text(encoding="utf-8")


@pytest.mark.parametrize("cls", _public("enum"), ids=lambda c: c.__name__)
def test_every_value_of_every_enum_is_listed(
    cls: type[enum.Enum], sections: dict[str, str]
) -> None:
    listed = _values_listed(sections[cls.__name__])
    assert {str(member.value) for member in cls} == listed - {"value"}


@pytest.mark.parametrize("cls", _public("attrs"), ids=lambda c: c.__name__)
def test_every_field_of_every_type_is_listed(cls: type, sections: dict[str, str]) -> None:
    listed = _values_listed(sections[cls.__name__])
    assert {field.name for field in attrs.fields(cls)} == listed - {"field"}


def test_a_missing_value_would_be_found(sections: dict[str, str]) -> None:
    """The check above can fail: without its last row, Rag's section lacks a value."""
    rag = sections["Rag"]
    cut = rag[: rag.rindex("   * - ``")]
    assert {str(m.value) for m in model.Rag} - _values_listed(cut) == {"not-assessed"}


def test_enum_members_keep_their_docstrings(sections: dict[str, str]) -> None:
    assert "Tillitsvalgt." in sections["Role"]
    assert "Hovedmål." in sections["GoalKind"]


def _row(section: str, field: str) -> str:
    start = section.index(f"   * - ``{field}``\n")
    end = section.find("   * - ``", start + 1)
    return section[start : end if end != -1 else None]


def test_ids_say_what_they_refer_to_and_free_text_says_so(sections: dict[str, str]) -> None:
    assert "id → ``organisations``" in _row(sections["Document"], "author")
    assert "ids → ``organisations``" in _row(sections["Document"], "copies_to")
    assert "id → ``participants``" in _row(sections["Milestone"], "participant")
    assert "ids → ``measures``" in _row(sections["DecisionItem"], "measures")
    assert "id → ``status_dimensions``" in _row(sections["DimensionStatus"], "dimension")
    responsible = _row(sections["Measure"], "responsible")
    assert "free text" in responsible
    assert "→" not in responsible


def test_required_fields_and_defaults(sections: dict[str, str]) -> None:
    assert "**required**" in _row(sections["Milestone"], "title")
    assert "default ``false``" in _row(sections["Milestone"], "done")
    assert "optional" in _row(sections["Milestone"], "note")
    assert "default ``other``" in _row(sections["Body"], "kind")


def test_the_recorded_references_are_the_ones_the_programme_checks(reference: Any) -> None:
    """Each recorded reference, broken in a programme that is valid without it, is
    refused by the programme with the recorded field's path."""
    found = {(r.cls.__name__, r.field): r.collection for r in reference.reference_fields()}
    assert found[("Document", "author")] == "organisations or people"
    assert found[("Programme", "owner")] == "organisations or bodies"
    assert found[("Measure", "decisions")] == "decisions"
    assert found[("Subproject", "leader")] == "people"
    assert ("Measure", "responsible") not in found
    assert ("Milestone", "responsible") not in found
    programme = model.Programme(
        id="p",
        name="P",
        owner="o",
        organisations=(model.Organisation(id="o", name="O"),),
    )
    document = model.Document(id="d", title="D", author="nobody")
    with pytest.raises(model.InvalidProgramme, match=r"documents\[0\]\.author"):
        programme.replace(documents=(document,))
    assert programme.replace(documents=(attrs.evolve(document, author="o"),)).documents


def test_each_recorded_reference_is_checked(reference: Any, examples: dict[str, Any]) -> None:
    """In every example, each recorded reference field of the first item of every
    collection, set to an id nobody has, makes the programme refuse it, at that path."""
    by_class: dict[type, list[Any]] = {}
    for ref in reference.reference_fields():
        by_class.setdefault(ref.cls, []).append(ref)
    tried = set()
    for programme in examples.values():
        for collection in attrs.fields(model.Programme):
            items = getattr(programme, collection.name)
            if not isinstance(items, tuple) or not items or not attrs.has(type(items[0])):
                continue
            for ref in by_class.get(type(items[0]), []):
                broken = ("no-such-id",) if ref.many else "no-such-id"
                try:
                    changed = (attrs.evolve(items[0], **{ref.field: broken}), *items[1:])
                except ValueError:  # the item's own rules refuse it (a grantor of a cost)
                    continue
                path = f"{collection.name}[0].{ref.field}" + ("[0]" if ref.many else "")
                with pytest.raises(model.InvalidProgramme, match=re.escape(path)):
                    programme.replace(**{collection.name: changed})
                tried.add((ref.cls, ref.field))
    assert len(tried) >= 30


def _python_blocks(page: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = re.findall(r"^\.\. code-block:: python\n\n((?:   .*\n|\n)+)", text, re.MULTILINE)
    return [re.sub(r"^   ", "", block, flags=re.MULTILINE) for block in blocks]


def test_the_embedding_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _python_blocks("embedding.rst")
    assert len(blocks) >= 7
    os.symlink(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    for number, block in enumerate(blocks):
        exec(compile(block, f"embedding.rst, example {number + 1}", "exec"), namespace)
    assert (tmp_path / "milestones.md").exists()


def _conf(monkeypatch: pytest.MonkeyPatch, offline: str) -> Any:
    monkeypatch.setenv("OMSTILLING_DOCS_OFFLINE", offline)
    spec = importlib.util.spec_from_file_location("docs_conf", DOCS / "conf.py")
    assert spec is not None
    assert spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_intersphinx_offline_keeps_the_build_green_and_online_links(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    offline = _conf(monkeypatch, "1")
    assert offline.intersphinx_mapping == {}
    required = _conf(monkeypatch, "0")
    projects = required.INTERSPHINX_PROJECTS
    assert {"python", "attrs", "cattrs", "hypothesis", "pluggy", "openpyxl", "docx"} <= set(
        projects
    )
    assert required.intersphinx_mapping == {name: (url, None) for name, url in projects.items()}
    # probed: only the projects whose inventory answers are linked
    conf = _conf(monkeypatch, "1")
    monkeypatch.setenv("OMSTILLING_DOCS_OFFLINE", "")
    monkeypatch.setattr(conf, "_reachable", lambda url: "python.org" in url)
    assert conf._intersphinx_mapping() == {"python": ("https://docs.python.org/3", None)}


def test_the_install_page_names_every_extra() -> None:
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    page = (DOCS / "install.rst").read_text(encoding="utf-8")
    assert extras
    for extra, requirements in extras.items():
        assert f"``omstilling[{extra}]``" in page, extra
        for requirement in requirements:
            name = re.match(r"[A-Za-z0-9_.-]+", requirement)
            assert name is not None
            if name.group(0).startswith("omstilling-"):
                assert f"``{name.group(0)}``" in page, requirement

"""Messages in bokmål, nynorsk and English: chosen by ``--lang`` or the locale, an
imported workbook's errors in its own language, and catalogues that are complete
and up to date with the code."""

from __future__ import annotations

import ast
import contextvars
import os
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import omstilling
from omstilling import _messages
from omstilling._messages import (
    language_from_environment,
    language_of,
    message_language,
    set_message_language,
)
from omstilling.errors import ProgrammeFileError

from .conftest import EXAMPLES, ROOT, THREE_ERRORS

SOURCE = ROOT / "src" / "omstilling"
LOCALE = SOURCE / "locale"
CATALOGUES = {lang: LOCALE / lang / "LC_MESSAGES" / "omstilling.po" for lang in ("nb", "nn")}

BROKEN = """\
schema_version: 2
id: x
name: X
owner: o
organisations: [{id: o, name: O, kind: kommune}]
milestones:
- {id: m1, title: Ferdig, estimated_finish: '31.13.2014'}
bogus: 1
"""
"""A programme file with three problems, in the order the lines report them."""

LINES = {
    "en": [
        "organisations[0].kind: not one of municipality, city-district, county, "
        "inter-municipal, state, other: 'kommune'",
        "milestones[0].estimated_finish: not a date: '31.13.2014'",
        "bogus: unknown key",
    ],
    "nb": [
        "organisations[0].kind: ikke en av municipality, city-district, county, "
        "inter-municipal, state, other: 'kommune'",
        "milestones[0].estimated_finish: ikke en dato: '31.13.2014'",
        "bogus: ukjent nøkkel",
    ],
    "nn": [
        "organisations[0].kind: ikkje ein av municipality, city-district, county, "
        "inter-municipal, state, other: 'kommune'",
        "milestones[0].estimated_finish: ikkje ein dato: '31.13.2014'",
        "bogus: ukjend nøkkel",
    ],
}


def _omstilling(
    *args: str | Path, lang: str | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """The command line in a subprocess, with the locale ``LANG=lang`` alone."""
    env = {k: v for k, v in os.environ.items() if k not in _messages._LOCALE_VARIABLES}
    env.pop("LC_CTYPE", None)
    if lang is not None:
        env["LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "omstilling", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


# --- the command line ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "options", "expected"),
    [
        ("nb_NO.UTF-8", [], "nb"),
        ("nn_NO.UTF-8", [], "nn"),
        ("no_NO", [], "nb"),
        ("C", [], "en"),
        ("C.UTF-8", [], "en"),
        ("en_US.UTF-8", [], "en"),
        (None, [], "en"),
        ("nb_NO.UTF-8", ["--lang", "en"], "en"),
        ("nb_NO.UTF-8", ["--lang", "nn"], "nn"),
        ("C", ["--lang", "nb"], "nb"),
    ],
)
def test_validate_speaks_the_language_of_lang_or_the_locale(
    broken: Path, lang: str | None, options: list[str], expected: str
) -> None:
    result = _omstilling("validate", *options, broken, lang=lang)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{broken}: {line}" for line in LINES[expected]]
    assert "Traceback" not in result.stderr


def test_the_command_line_s_own_words_are_translated(tmp_path: Path) -> None:
    good = tmp_path / "plan.yaml"
    shutil.copy(EXAMPLES / "alna-2006.yaml", good)
    assert _omstilling("validate", good, lang="nb_NO.UTF-8").stdout == f"{good}: gyldig\n"
    assert _omstilling("validate", good, lang="nn_NO.UTF-8").stdout == f"{good}: gyldig\n"
    assert _omstilling("validate", good, lang="C").stdout == f"{good}: valid\n"
    missing = _omstilling("validate", tmp_path / "nowhere.yaml", "--lang", "nn")
    assert missing.stderr == f"{tmp_path / 'nowhere.yaml'}: fila finst ikkje\n"
    # --lang of the report chooses the messages too
    render = _omstilling(
        "render",
        good,
        "--template",
        "status",
        "--period",
        "2004-X1",
        "--lang",
        "nb",
        "-o",
        "x.md",
        cwd=tmp_path,
    )
    assert render.returncode == 2
    assert "ikke en periode (2005, 2004-H1, 2012-T2, 2024-Q3): '2004-X1'" in render.stderr


def test_a_workbook_s_import_errors_are_in_its_language_unless_lang_is_given(
    tmp_path: Path,
) -> None:
    from openpyxl import load_workbook

    from omstilling import fillin
    from omstilling.files import load
    from omstilling.fillin import _layout as layout
    from omstilling.model import Language

    plan = tmp_path / "stifinneren.yaml"
    shutil.copy(EXAMPLES / "stifinneren-2004.yaml", plan)
    programme = load(plan)
    key = fillin.binding_key(plan, create=True)
    workbook = tmp_path / "molde.xlsx"
    workbook.write_bytes(
        fillin.make_workbook(programme, "molde", "2004-H2", key=key, language="nn")
    )
    wb = load_workbook(workbook)
    sheet = wb[layout.SHEETS["status"].get(Language.NN)]
    (row,) = [cell.row for cell in sheet["A"] if cell.value == "reported_on"]
    sheet[f"C{row}"] = "snart"
    wb.save(workbook)
    where = f"{workbook}: {sheet.title}!C{row}"

    # the locale says English (or bokmål), the workbook nynorsk: nynorsk
    for lang in ("en_US.UTF-8", "nb_NO.UTF-8"):
        result = _omstilling("import", workbook, "--into", plan, lang=lang)
        assert result.returncode == 1
        assert f"{where}: venta ein dato (15.09.2004), fann teksten 'snart'" in result.stderr
    chosen = _omstilling("import", workbook, "--into", plan, "--lang", "en", lang="nn_NO.UTF-8")
    assert chosen.returncode == 1
    assert chosen.stderr.splitlines() == [
        f"{where}: expected a date (15.09.2004), found the text 'snart'",
        f"{plan}: not changed",
    ]
    # a library caller that chose no language reads English
    with pytest.raises(fillin.WorkbookError) as caught:
        fillin.read_workbook(workbook, programme, key=key)
    assert "expected a date (15.09.2004), found the text 'snart'" in str(caught.value)


def test_a_refused_workbook_is_refused_in_the_language_chosen(tmp_path: Path) -> None:
    """The refusal is made in the reader's child process, in the parent's language."""
    from omstilling import fillin

    plan = tmp_path / "stifinneren.yaml"
    shutil.copy(EXAMPLES / "stifinneren-2004.yaml", plan)
    fillin.binding_key(plan, create=True)
    workbook = tmp_path / "molde.xlsx"
    workbook.write_bytes(b"not a zip archive at all")
    expected = {
        "nb": ["ikke en Excel-arbeidsbok (.xlsx): filen er ikke et zip-arkiv", "ikke endret"],
        "nn": ["ikkje ei Excel-arbeidsbok (.xlsx): fila er ikkje eit zip-arkiv", "ikkje endra"],
    }
    for lang, (refusal, unchanged) in expected.items():
        result = _omstilling("import", workbook, "--into", plan, "--lang", lang, lang="C")
        assert result.returncode == 1
        assert result.stderr.splitlines() == [f"{workbook}: {refusal}", f"{plan}: {unchanged}"]


# --- the library ------------------------------------------------------------------------


def test_library_callers_get_english_unless_they_choose(broken: Path) -> None:
    with pytest.raises(ProgrammeFileError) as caught:
        omstilling.loads(THREE_ERRORS, source="plan.yaml")
    assert "milestones[0].estimated_finish: not a date: '31.13.2014'" in str(caught.value)
    with omstilling.message_language("nn"):
        problems = omstilling.validate(broken)
        assert _messages.active_language() == "nn"
    assert _messages.active_language() == "en"
    assert [f"{p.path}: {p.message}" for p in problems] == LINES["nn"]


def test_a_language_set_in_one_context_stays_there() -> None:
    def in_bokmal() -> str:
        set_message_language("nb")
        return _messages._("unknown key")

    assert contextvars.copy_context().run(in_bokmal) == "ukjent nøkkel"
    assert _messages._("unknown key") == "unknown key"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="not a message language"), message_language("de"):
        pass  # pragma: no cover


def test_plural_messages() -> None:
    with message_language("nb"):
        assert _messages.ngettext("{count} file", "{count} files", 1) == "{count} fil"
        assert _messages.ngettext("{count} file", "{count} files", 3) == "{count} filer"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("nb_NO.UTF-8", "nb"),
        ("nb", "nb"),
        ("no_NO", "nb"),
        ("no", "nb"),
        ("nn_NO", "nn"),
        ("nn_NO.utf8@euro", "nn"),
        ("en_US", "en"),
        ("sv_SE.UTF-8", "en"),
        ("C", "en"),
        ("", None),
        (None, None),
    ],
)
def test_language_of_a_locale_name(name: str | None, expected: str | None) -> None:
    assert language_of(name) == expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "nb_NO.UTF-8"}, "nb"),
        ({"LANG": "nb_NO.UTF-8", "LC_MESSAGES": "nn_NO.UTF-8"}, "nn"),
        ({"LANG": "nn_NO.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "nb:en"}, "nb"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LC_ALL": "POSIX", "LANG": "nb_NO.UTF-8"}, None),
        ({}, None),
    ],
)
def test_language_from_the_environment(environ: dict[str, str], expected: str | None) -> None:
    assert language_from_environment(environ) == expected


# --- the catalogues ----------------------------------------------------------------------


def _catalogue(lang: str) -> Catalog:
    with CATALOGUES[lang].open("rb") as file:
        return read_po(file, locale=lang)


def _messages_of(catalog: Catalog) -> list[Message]:
    return [message for message in catalog if message.id]


def _fields(text: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(text) if name}


def _forms(message: Message) -> tuple[list[str], list[str]]:
    ids = list(message.id) if isinstance(message.id, tuple | list) else [message.id]
    strings = message.string
    texts = list(strings) if isinstance(strings, tuple | list) else [strings]
    return ids, [text or "" for text in texts]


@pytest.mark.parametrize("lang", sorted(CATALOGUES))
def test_every_message_has_a_translation_with_the_same_placeholders(lang: str) -> None:
    catalog = _catalogue(lang)
    assert catalog.num_plurals == 2
    untranslated, wrong = [], []
    for message in _messages_of(catalog):
        ids, texts = _forms(message)
        if message.fuzzy or not all(texts):
            untranslated.append(ids[0])
            continue
        wanted = set().union(*map(_fields, ids))
        for text in texts:
            if _fields(text) != wanted:
                wrong.append((ids[0], text))
            # every translation formats: no stray brace
            text.format(**dict.fromkeys(wanted, "x"))
    assert untranslated == []
    assert wrong == []


def _in_code() -> set[str | tuple[str, ...]]:
    """Every message the code marks, extracted as ``pybabel extract`` does."""
    found: set[str | tuple[str, ...]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")]
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def _ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in _messages_of(catalog)}


def test_the_catalogues_are_up_to_date_with_the_code() -> None:
    """A message added or changed in the code without a translation fails here: run
    the commands in docs/languages.rst and translate what they add."""
    in_code = _in_code()
    with (LOCALE / "omstilling.pot").open("rb") as file:
        template = read_po(file)
    assert sorted(map(str, in_code - _ids(template))) == [], "not in omstilling.pot"
    assert sorted(map(str, _ids(template) - in_code)) == [], "no longer in the code"
    for lang in CATALOGUES:
        assert sorted(map(str, in_code ^ _ids(_catalogue(lang)))) == [], lang


def test_the_catalogues_are_read_from_the_package() -> None:
    """The .po files are what the package holds (no compiled .mo files in git): the
    catalogue is compiled in memory, once per language."""
    assert sorted(p.name for p in LOCALE.rglob("*.mo")) == []
    translations = _messages._translations("nn")
    assert translations is _messages._translations("nn")
    assert translations.gettext("no such file") == "fila finst ikkje"


def test_no_function_hides_the_translation_function() -> None:
    """``_`` is the translation function wherever it is imported: a parameter or loop
    variable named ``_`` in a function that translates would call the wrong thing
    (``type("…")`` makes no error, and mypy cannot tell)."""
    hidden = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not any(
            isinstance(node, ast.ImportFrom) and any(a.name == "_" for a in node.names)
            for node in ast.walk(tree)
        ):
            continue
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            arguments = function.args
            names = [a.arg for a in (*arguments.posonlyargs, *arguments.args)]
            names += [a.arg for a in arguments.kwonlyargs]
            binds = "_" in names or any(
                isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store)
                for node in ast.walk(function)
            )
            calls = any(
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                for node in ast.walk(function)
            )
            if binds and calls:
                hidden.append(f"{path.relative_to(ROOT)}:{function.lineno} {function.name}")
    assert hidden == []


def test_the_docs_tell_how_to_update_the_catalogues() -> None:
    text = (ROOT / "docs" / "languages.rst").read_text(encoding="utf-8")
    assert "pybabel extract -F babel.cfg" in text
    assert "pybabel update" in text
    assert "--lang" in text


def test_json_output_finds_the_line_and_column_in_any_language(tmp_path: Path) -> None:
    import json

    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n", encoding="utf-8")
    for lang in ("nb", "nn", "en"):
        result = _omstilling("validate", "--json", "--lang", lang, bad)
        (problem,) = json.loads(result.stdout)["files"][0]["problems"]
        assert (problem["line"], problem["column"]) == (2, 1), problem["message"]


def test_summary_labels_are_translated_and_aligned() -> None:
    english = _omstilling("summary", EXAMPLES / "alna-2006.yaml", lang="C").stdout.splitlines()
    bokmal = _omstilling("summary", "--lang", "nb", EXAMPLES / "alna-2006.yaml").stdout
    lines = bokmal.splitlines()
    assert "  owner:         Bydel Alna" in english
    assert "  eier:          Bydel Alna" in lines
    assert "  milepæler:     4 (1 utført)" in lines
    # every value starts in one column
    assert {len(line) - len(line.split(":", 1)[1].lstrip()) for line in lines[1:]} == {17}


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--lang", "nn"],
        ["validate", "--lang", "nn", "--json"],
        ["validate", "--lang", "nb", "--no-such-option"],  # a usage error after --lang
        ["summary", "--lang", "nn"],
    ],
)
def test_lang_is_undone_when_the_command_ends(broken: Path, args: list[str]) -> None:
    from click.testing import CliRunner

    from omstilling.cli import cli, main

    before = _messages._ACTIVE.get()
    with pytest.raises(SystemExit):
        main([*args, str(broken)])
    assert _messages._ACTIVE.get() == before
    result = CliRunner().invoke(cli, [*args, str(broken)])
    assert result.exit_code in (1, 2), result.output
    assert _messages._ACTIVE.get() == before
    assert _messages._("unknown key") == "unknown key"


def test_the_tests_speak_english_under_a_norwegian_locale() -> None:
    env = {k: v for k, v in os.environ.items() if k not in _messages._LOCALE_VARIABLES}
    env.update(LANG="nb_NO.UTF-8", LANGUAGE="nb:en", LC_MESSAGES="nb_NO.UTF-8")
    tests = "tests/test_cli.py::test_three_errors_three_lines_exit_1"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", tests, "-q", "-p", "no:cacheprovider"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:]


def test_the_locale_is_pinned_for_each_test() -> None:
    assert language_from_environment() is None
    assert _messages._ACTIVE.get() == ("en", _messages._UNSET)


def test_json_output_takes_no_place_from_what_the_message_quotes(tmp_path: Path) -> None:
    import json

    # a value that reads like a place, in a file that is well formed
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        THREE_ERRORS.replace("'31.13.2014'", "'(uke 3, dag 4)'").replace(
            "'kanskje'", "'(line 5, column 6)'"
        ),
        encoding="utf-8",
    )
    for lang in ("nb", "en"):
        result = _omstilling("validate", "--json", "--lang", lang, bad)
        assert result.returncode == 1, result.stderr
        problems = json.loads(result.stdout)["files"][0]["problems"]
        assert len(problems) == 3
        assert any("(uke 3, dag 4)" in p["message"] for p in problems)
        assert all((p["line"], p["column"]) == (None, None) for p in problems), problems
    # a JSON file that is not well formed: the place is the parser's
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x",\n  "name": }', encoding="utf-8")
    result = _omstilling("validate", "--json", broken)
    (problem,) = json.loads(result.stdout)["files"][0]["problems"]
    assert (problem["line"], problem["column"]) == (2, 11), problem["message"]


def test_a_syntax_problem_carries_its_place() -> None:
    with pytest.raises(ProgrammeFileError) as caught:
        omstilling.loads("id: x\nname: [\n", source="plan.yaml")
    (problem,) = caught.value.problems
    assert problem.code == "syntax"
    assert (problem.line, problem.column) == (3, 1)
    assert "(line 3, column 1)" in problem.message


def test_the_docs_say_the_languages_are_the_model_s() -> None:
    import click

    from omstilling.cli import cli
    from omstilling.model import Language

    text = (ROOT / "docs" / "languages.rst").read_text(encoding="utf-8")
    assert "plus its name in ``omstilling._messages.LANGUAGES``" not in text
    assert ":class:`omstilling.model.Language`" in text
    languages = {language.value for language in Language}
    assert set(_messages.LANGUAGES) == languages
    assert language_of("se_NO.UTF-8") == "en"
    offered = [
        set(param.type.choices)
        for command in cli.commands.values()
        for param in command.params
        if "--lang" in getattr(param, "opts", ()) and isinstance(param.type, click.Choice)
    ]
    assert offered
    assert all(choices == languages for choices in offered)

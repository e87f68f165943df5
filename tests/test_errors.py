"""One error family: every public exception class is an OmstillingError carrying its
problems as data, with codes from the documented list."""

from __future__ import annotations

import importlib
import inspect
import pickle
import pkgutil

import pytest

import omstilling
from omstilling.errors import (
    CODES,
    ArgumentError,
    FieldError,
    InvalidProgramme,
    OmstillingError,
    Problem,
    ProgrammeFileError,
    WorkbookError,
)
from omstilling.fillin import CellProblem


def _public_exceptions() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(omstilling.__path__, "omstilling."):
        if info.name.endswith("__main__"):
            continue  # running it runs the command line
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, BaseException)
                and not issubclass(obj, Warning)  # warnings are warned, not raised
                and obj.__module__.startswith("omstilling")
                and not name.startswith("_")
            ):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found


def test_every_public_exception_is_an_omstilling_error() -> None:
    exceptions = _public_exceptions()
    assert len(exceptions) >= 10  # the walk found the family
    assert [name for name, cls in exceptions.items() if not issubclass(cls, OmstillingError)] == []


def test_every_code_a_class_gives_is_documented() -> None:
    codes = {cls.code for cls in _public_exceptions().values() if issubclass(cls, OmstillingError)}
    assert codes <= set(CODES)


def test_problems_say_where_what_and_which_code() -> None:
    error = ProgrammeFileError(
        "plan.yaml", [Problem("milestones[0].title", "must not be empty", "invalid")]
    )
    (problem,) = error.problems
    assert (problem.source, problem.path, problem.code) == (
        "plan.yaml",
        "milestones[0].title",
        "invalid",
    )
    assert error.lines() == ["plan.yaml: milestones[0].title: must not be empty"]
    assert str(error) == "plan.yaml: milestones[0].title: must not be empty"


def test_a_field_error_is_a_value_error_naming_its_field() -> None:
    error = FieldError("done", "expected true or false", "type")
    assert isinstance(error, ValueError)
    assert str(error) == "done: expected true or false"
    assert error.problems == (Problem("done", "expected true or false", "type"),)


def test_a_cell_problem_is_a_problem_in_a_workbook() -> None:
    problem = CellProblem("molde.xlsx", "Status", "C7", "not a date: 'i går'")
    assert isinstance(problem, Problem)
    assert (problem.source, problem.path, problem.code) == ("molde.xlsx", "Status!C7", "workbook")
    assert str(problem) == "molde.xlsx: Status!C7: not a date: 'i går'"
    assert str(CellProblem("molde.xlsx", None, None, "encrypted")) == "molde.xlsx: encrypted"
    assert WorkbookError([problem]).lines() == [str(problem)]


def test_a_bad_argument_exits_2_and_everything_else_1() -> None:
    assert ArgumentError("not a period: 'x'", argument="period").exit_status == 2
    assert (
        InvalidProgramme([Problem("owner", "unknown organisation 'x'", "reference")]).exit_status
        == 1
    )


@pytest.mark.parametrize(
    "error",
    [
        FieldError("id", "not an id"),
        ProgrammeFileError("a.yaml", [Problem("x", "y", "type")]),
        InvalidProgramme([Problem("owner", "unknown", "reference")]),
        ArgumentError("not a language", argument="lang"),
        WorkbookError([CellProblem("a.xlsx", "Status", "C5", "not a date")]),
    ],
)
def test_errors_cross_process_boundaries_whole(error: OmstillingError) -> None:
    # the batch's worker processes send errors back pickled
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert copy.problems == error.problems
    assert str(copy) == str(error)
    assert vars(copy) == vars(error)

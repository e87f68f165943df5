"""A new plugin package for a municipality's own report format, ready to install and
test: what ``omstilling new-plugin`` writes.

The files are made from the templates in ``_scaffold/`` (plain text with
``{{name}}``-style places), so that what a plugin author gets can be read there as
it is.

.. versionadded:: 0.2
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from importlib import resources
from pathlib import Path

import attrs

from .._version import __version__
from ..errors import ArgumentError, OmstillingError, Problem

__all__ = ["NewPlugin", "core_requirement", "new_plugin", "plugin_files", "plugin_name"]

_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_MAX_NAME = 40
_PLACE_RE = re.compile(r"\{\{[a-z_]+\}\}")

# what is written (a path in the package) and the template it is made from
_FILES = (
    ("LICENSE", "LICENSE.tmpl"),
    ("README.md", "README.md.tmpl"),
    ("docs.rst", "docs.rst.tmpl"),
    ("pyproject.toml", "pyproject.toml.tmpl"),
    ("src/{package}/__init__.py", "package.py.tmpl"),
    ("src/{package}/py.typed", None),
    ("tests/conftest.py", "conftest.py.tmpl"),
    ("tests/test_{module}.py", "test_format.py.tmpl"),
)


@attrs.frozen
class NewPlugin:
    """What :func:`new_plugin` wrote: the plugin's ``name`` (its entry point, and the
    first part of its format's id), its ``distribution`` (``omstilling-NAME``), its
    ``package`` (``omstilling_NAME``), the id of its format, the ``directory`` it is
    in and the ``files`` written there (paths relative to it, ``/``-separated).

    .. versionadded:: 0.2
    """

    name: str
    distribution: str
    package: str
    format_id: str
    directory: Path
    files: tuple[str, ...]


def plugin_name(name: str) -> str:
    """``name`` if it can name a plugin: a lower-case word of letters and digits,
    starting with a letter, or several joined by single hyphens (``testkommune``,
    ``nord-fron``), at most 40 characters. Raises
    :class:`~omstilling.errors.ArgumentError` otherwise.

    .. versionadded:: 0.2
    """
    if not isinstance(name, str) or not _NAME_RE.match(name) or len(name) > _MAX_NAME:
        msg = (
            f"not a plugin name: {name!r}: use lower-case letters a-z and digits, "
            "starting with a letter, words joined by single hyphens, at most "
            f"{_MAX_NAME} characters (e.g. 'testkommune' or 'nord-fron')"
        )
        raise ArgumentError(msg, argument="name")
    return name


def core_requirement(version: str = __version__) -> str:
    """The version bound a new plugin puts on omstilling: this version or a later one
    of the same minor release (``>=0.2.0.dev0,<0.3``; ``<2`` from 1.0 on).

    .. versionadded:: 0.2
    """
    found = re.match(r"^(\d+)\.(\d+)", version)
    if found is None:
        return ""
    major, minor = int(found.group(1)), int(found.group(2))
    upper = f"{major}.{minor + 1}" if major == 0 else f"{major + 1}"
    return f">={version},<{upper}"


def _template(name: str) -> str:
    return (resources.files(__package__) / "_scaffold" / name).read_text(encoding="utf-8")


def plugin_files(name: str, *, core_version: str = __version__) -> dict[str, str]:
    """The files of a new plugin named ``name``: each path in the package
    (``/``-separated) and its text, in order of path. ``core_version`` is the
    omstilling version it is made for (this one).

    .. versionadded:: 0.2
    """
    plugin_name(name)
    package = "omstilling_" + name.replace("-", "_")
    distribution = f"omstilling-{name}"
    title = f"{name}: milestone list ({distribution})"
    places = {
        "name": name,
        "package": package,
        "distribution": distribution,
        "core_version": core_version,
        "core_bound": core_requirement(core_version),
        "underline": "=" * len(title),
    }
    files = {}
    for path, template in _FILES:
        text = _template(template) if template else ""
        for place, value in places.items():
            text = text.replace("{{" + place + "}}", value)
        left = _PLACE_RE.search(text)
        if left:  # pragma: no cover - a template naming a place that is not filled in
            msg = f"{template}: unknown place {left.group()}"
            raise AssertionError(msg)
        files[path.format(package=package, module=name.replace("-", "_"))] = text
    return dict(sorted(files.items()))


def _refused(directory: Path, message: str) -> OmstillingError:
    return OmstillingError([Problem("", message, "conflict", source=str(directory))])


def _write_all(directory: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        target = directory.joinpath(*path.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))


def new_plugin(
    name: str, directory: str | os.PathLike[str] | None = None, *, force: bool = False
) -> NewPlugin:
    """Write a new plugin package named ``name`` into ``directory`` (default:
    ``omstilling-NAME`` in the current directory): the distribution
    ``omstilling-NAME`` with the package ``omstilling_NAME`` and the entry point
    ``NAME``, one report format ``NAME.milepaeler`` (a milestone list that reads
    back), its tests (with omstilling's kit, loading plugins strictly), a docs page,
    a README and an MIT licence. It installs and passes its tests as it is.

    ``name`` must pass :func:`plugin_name` (else
    :class:`~omstilling.errors.ArgumentError`). A directory that exists and is not
    empty is refused (an :class:`~omstilling.errors.OmstillingError` of code
    ``conflict``) unless ``force``: then the package's files are written over and
    every other file is left alone. A new package appears whole or not at all.

    .. versionadded:: 0.2
    """
    files = plugin_files(name)
    target = Path(directory) if directory is not None else Path(f"omstilling-{name}")
    made = NewPlugin(
        name=name,
        distribution=f"omstilling-{name}",
        package="omstilling_" + name.replace("-", "_"),
        format_id=f"{name}.milepaeler",
        directory=target,
        files=tuple(files),
    )
    if target.exists() and not target.is_dir():
        raise _refused(target, "exists and is not a directory")
    if target.is_dir() and any(target.iterdir()):
        if not force:
            msg = "is not empty: give another directory, or --force to write the package into it"
            raise _refused(target, msg)
        from ..files import atomic_write

        for path, text in files.items():
            file = target.joinpath(*path.split("/"))
            if file.is_dir():
                raise _refused(file, "is a directory")
            file.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(file, text.encode("utf-8"))
        return made
    # a new package: written beside its place, then moved there in one step
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        _write_all(staging, files)
        os.chmod(staging, 0o777 & ~_umask())
        os.replace(staging, target)  # over an empty directory too
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        raise
    return made


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

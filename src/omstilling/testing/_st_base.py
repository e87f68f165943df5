"""The building blocks every strategy of :mod:`omstilling.testing.strategies` uses:
ids, texts, optional values, references into pools of ids, and the choice between
wide and realistic values."""

from __future__ import annotations

import contextlib
import contextvars
import enum
import functools
import operator
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from ..model import MAX_INTEGER

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

# Strategies are built once and reused: building a strategy costs more than drawing
# from it, so the building blocks are cached and whole objects are drawn by plain
# functions that take ``draw``.

_NORWEGIAN = "abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789 .,;:-–()/%§'\"\n"
_ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"

# Wide or realistic: every strategy reads the choice when it draws, so that a
# programme drawn with ``realistic=True`` draws all its parts realistically too.
# ``None`` in a strategy's ``realistic`` argument means "as the strategy around me".
_REALISTIC: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "omstilling_testing_realistic", default=False
)


def _is_realistic() -> bool:
    return _REALISTIC.get()


@contextlib.contextmanager
def _drawing(realistic: bool | None) -> Iterator[None]:
    if realistic is None:
        yield
        return
    token = _REALISTIC.set(realistic)
    try:
        yield
    finally:
        _REALISTIC.reset(token)


@functools.cache
def _styled(fn: Callable[..., T]) -> Callable[..., st.SearchStrategy[T]]:
    """A strategy factory from ``fn(draw, *args)``; the factory takes ``realistic``
    first and draws with that choice (``None``: as around it)."""

    def run(draw: st.DrawFn, realistic: bool | None, *args: Any) -> T:
        with _drawing(realistic):
            return fn(draw, *args)

    run.__name__ = run.__qualname__ = fn.__name__
    return _composite(run)


@functools.cache
def _ids_of(max_size: int) -> st.SearchStrategy[str]:
    return st.builds(
        operator.add,
        st.sampled_from(_ID_CHARS),
        st.text(alphabet=_ID_CHARS + "._-", max_size=max_size),
    )


def _draw_id(draw: st.DrawFn) -> str:
    return draw(_ids_of(15 if _is_realistic() else 63))


@functools.cache
def ids(*, realistic: bool | None = None) -> st.SearchStrategy[str]:
    """Identifiers: lower-case ASCII letters, digits, ``.``, ``_`` and ``-``, up to
    the 64 characters :data:`~omstilling.model.ID_PATTERN` allows (16 when
    realistic)."""
    return _styled(_draw_id)(realistic)


# Any character a UTF-8 file can hold: control characters (NUL, tab, carriage
# return, form feed …) included, lone surrogates not.
_ANY_CHARACTER = st.characters(codec="utf-8")
_AWKWARD = [
    "",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\x00",
    "\x1f",
    "\x7f",
    "\u2028",
    "\ufeff",
    " æ ",
    "'",
    '"',
]


@functools.cache
def _realistic_texts(max_size: int) -> st.SearchStrategy[str]:
    norwegian = st.text(alphabet=_NORWEGIAN, min_size=1, max_size=max_size)
    anything = st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        min_size=1,
        max_size=max_size,
    )
    return st.one_of(norwegian, anything).filter(lambda s: s.strip() != "")


@functools.cache
def _wide_texts(max_size: int) -> st.SearchStrategy[str]:
    norwegian = st.text(alphabet=_NORWEGIAN, min_size=1, max_size=max_size)
    anything = st.text(alphabet=_ANY_CHARACTER, min_size=1, max_size=max_size)
    padded = st.builds(
        lambda a, b, c: a + b + c, st.sampled_from(_AWKWARD), norwegian, st.sampled_from(_AWKWARD)
    )
    return st.one_of(norwegian, anything, padded).filter(lambda s: s.strip() != "")


@functools.cache
def _wide_optional_texts(max_size: int) -> st.SearchStrategy[str | None]:
    blank = st.sampled_from(_AWKWARD[:7])
    anything = st.text(alphabet=_ANY_CHARACTER, max_size=max_size)
    return st.one_of(st.none(), blank, anything, _wide_texts(max_size))


def _draw_text(draw: st.DrawFn, max_size: int) -> str:
    if _is_realistic():
        return draw(_realistic_texts(max_size))
    return draw(_wide_texts(max_size))


@functools.cache
def texts(*, max_size: int = 40, realistic: bool | None = None) -> st.SearchStrategy[str]:
    """Text with something visible in it, as a required text field holds.

    Wide (the default): Norwegian letters (æøå) and punctuation, any Unicode a UTF-8
    file can hold, control characters (NUL, tab, carriage return …), leading and
    trailing blanks. Realistic: Norwegian letters and punctuation or printable
    Unicode, no control characters.
    """
    return _styled(_draw_text)(realistic, max_size)


def _draw_optional_text(draw: st.DrawFn, max_size: int) -> str | None:
    if _is_realistic():
        return draw(_maybe(_realistic_texts(max_size)))
    return draw(_wide_optional_texts(max_size))


@functools.cache
def optional_texts(
    *, max_size: int = 40, realistic: bool | None = None
) -> st.SearchStrategy[str | None]:
    """What an optional text field holds: ``None`` or text. Wide (the default), the
    text may also be empty or only blanks; realistic, it is ``None`` or as
    :func:`texts`.

    .. versionadded:: 0.2
    """
    return _styled(_draw_optional_text)(realistic, max_size)


@functools.cache
def _maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _opt(draw: st.DrawFn, strategy: st.SearchStrategy[T]) -> T | None:
    return draw(_maybe(strategy))


def _text(draw: st.DrawFn, max_size: int = 40) -> str | None:
    return _draw_optional_text(draw, max_size)


def _whole(draw: st.DrawFn, least: int, realistic_most: int) -> int:
    """A whole number from ``least``: up to ``realistic_most`` when realistic, else up
    to :data:`~omstilling.model.MAX_INTEGER`, the model's bound."""
    most = realistic_most if _is_realistic() else MAX_INTEGER
    value: int = draw(st.integers(least, most))
    return value


def _opt_whole(draw: st.DrawFn, least: int, realistic_most: int) -> int | None:
    return None if draw(st.booleans()) else _whole(draw, least, realistic_most)


def _required_text(draw: st.DrawFn, max_size: int = 40) -> str:
    return _draw_text(draw, max_size)


@functools.cache
def _pick_strategy(pool: tuple[str, ...]) -> st.SearchStrategy[str | None]:
    return _maybe(st.sampled_from(pool)) if pool else st.none()


def _ref(draw: st.DrawFn, pool: Sequence[str]) -> str | None:
    return draw(_pick_strategy(tuple(pool)))


@functools.cache
def _subset_strategy(pool: tuple[str, ...], max_size: int) -> st.SearchStrategy[list[str]]:
    if not pool:
        return st.just([])
    return st.lists(st.sampled_from(pool), max_size=max_size, unique=True)


def _refs(draw: st.DrawFn, pool: Sequence[str], max_size: int = 3) -> tuple[str, ...]:
    return tuple(draw(_subset_strategy(tuple(pool), max_size)))


def _many(draw: st.DrawFn, strategy: st.SearchStrategy[T], max_size: int = 3) -> tuple[T, ...]:
    return tuple(draw(st.lists(strategy, max_size=max_size)))


def _enum(draw: st.DrawFn, cls: type[E]) -> E:
    member: E = draw(st.sampled_from(cls))
    return member


@functools.cache
def _composite(fn: Callable[..., T]) -> Callable[..., st.SearchStrategy[T]]:
    """A strategy factory from a function ``fn(draw, *args, **kwargs)``."""
    return st.composite(fn)


@attrs.frozen
class _Pools:
    """The ids each kind of reference may point at."""

    organisations: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    subprojects: tuple[str, ...] = ()
    milestones: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()


def _pools(**kwargs: Sequence[str]) -> _Pools:
    return _Pools(**{key: tuple(value) for key, value in kwargs.items()})


def _unique_ids(draw: st.DrawFn, max_size: int, min_size: int = 0) -> tuple[str, ...]:
    ids_now = _ids_of(15 if _is_realistic() else 63)
    return tuple(draw(st.lists(ids_now, min_size=min_size, max_size=max_size, unique=True)))

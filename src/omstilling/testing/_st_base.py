"""The building blocks every strategy of :mod:`omstilling.testing.strategies` uses:
ids, texts, optional values, references into pools of ids."""

from __future__ import annotations

import enum
import functools
import operator
from collections.abc import Callable, Sequence
from typing import TypeVar

import attrs
from hypothesis import strategies as st

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

# Strategies are built once and reused: building a strategy costs more than drawing
# from it, so the building blocks are cached and whole objects are drawn by plain
# functions that take ``draw``.

_NORWEGIAN = "abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789 .,;:-–()/%§'\"\n"
_ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


@functools.cache
def ids() -> st.SearchStrategy[str]:
    """Identifiers: lower-case ASCII letters, digits, ``.``, ``_`` and ``-``."""
    return st.builds(
        operator.add,
        st.sampled_from(_ID_CHARS),
        st.text(alphabet=_ID_CHARS + "._-", max_size=15),
    )


@functools.cache
def texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank text, mostly Norwegian letters (æøå) and punctuation, sometimes any
    printable Unicode."""
    norwegian = st.text(alphabet=_NORWEGIAN, min_size=1, max_size=max_size)
    anything = st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        min_size=1,
        max_size=max_size,
    )
    return st.one_of(norwegian, anything).filter(lambda s: s.strip() != "")


@functools.cache
def _maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _opt(draw: st.DrawFn, strategy: st.SearchStrategy[T]) -> T | None:
    return draw(_maybe(strategy))


def _text(draw: st.DrawFn, max_size: int = 40) -> str | None:
    return draw(_maybe(texts(max_size=max_size)))


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
    return tuple(draw(st.lists(ids(), min_size=min_size, max_size=max_size, unique=True)))

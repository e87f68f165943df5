"""Strategies for events, status entries and documents."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from ..model import (
    DEFAULT_DIMENSIONS,
    DimensionStatus,
    Document,
    DocumentKind,
    Event,
    EventKind,
    Period,
    Rag,
    StatusEntry,
)
from ._st_base import (
    _draw_id,
    _enum,
    _many,
    _opt,
    _opt_whole,
    _Pools,
    _pools,
    _ref,
    _refs,
    _required_text,
    _styled,
    _text,
    texts,
)
from ._st_values import case_references, partial_dates, periods


def _draw_event(draw: st.DrawFn, own: str | None, pools: _Pools) -> Event:
    start = _opt(draw, partial_dates())
    end = _opt(draw, partial_dates())
    if start is not None and end is not None and end < start:
        start, end = end, start
    return Event(
        id=own or _draw_id(draw),
        kind=_enum(draw, EventKind),
        title=_required_text(draw),
        start=start,
        end=end,
        when=_text(draw),
        period=_opt(draw, periods()),
        place=_text(draw),
        participants=_refs(draw, pools.participants),
        organisations=_refs(draw, pools.organisations),
        people=_refs(draw, pools.people),
        audience=_text(draw),
        focus=_many(draw, texts()),
        description=_text(draw, 200),
        count=_opt_whole(draw, 1, 50),
    )


def events(
    event_id: str | None = None,
    *,
    participants: Sequence[str] = (),
    organisations: Sequence[str] = (),
    people: Sequence[str] = (),
    realistic: bool | None = None,
) -> st.SearchStrategy[Event]:
    """Visits, gatherings, meetings and seminars; the end is never before the start."""
    pools = _pools(participants=participants, organisations=organisations, people=people)
    return _styled(_draw_event)(realistic, event_id, pools)


def _draw_status_entry(
    draw: st.DrawFn,
    period: Period | None,
    participant: str | None,
    subproject: str | None,
    dimensions: Sequence[str],
) -> StatusEntry:
    if participant is None and subproject is None:
        participant = _draw_id(draw)
    chosen = draw(st.lists(st.sampled_from(dimensions), unique=True)) if dimensions else []
    return StatusEntry(
        period=period or draw(periods()),
        participant=participant,
        subproject=subproject,
        reported_on=_opt(draw, partial_dates()),
        source=_text(draw),
        overall=_opt(draw, st.sampled_from(Rag)),
        dimensions=tuple(
            DimensionStatus(dimension=d, rag=_enum(draw, Rag), comment=_text(draw)) for d in chosen
        ),
        narrative=_text(draw, 300),
        steering_group_meetings=_opt_whole(draw, 0, 30),
        next_steps=_many(draw, texts()),
        risks=_many(draw, texts()),
    )


def status_entries(
    *,
    period: Period | None = None,
    participant: str | None = None,
    subproject: str | None = None,
    dimensions: Sequence[str] = DEFAULT_DIMENSIONS,
    realistic: bool | None = None,
) -> st.SearchStrategy[StatusEntry]:
    """Status entries with at most one RAG per dimension. Without ``participant``
    and ``subproject`` the entry belongs to a generated participant id."""
    return _styled(_draw_status_entry)(
        realistic, period, participant, subproject, tuple(dimensions)
    )


def _draw_document(draw: st.DrawFn, own: str | None, pools: _Pools) -> Document:
    return Document(
        id=own or _draw_id(draw),
        title=_required_text(draw),
        kind=_enum(draw, DocumentKind),
        date=_opt(draw, partial_dates()),
        url=_text(draw),
        author=_ref(draw, (*pools.organisations, *pools.people)),
        recipient=_ref(draw, pools.organisations),
        copies_to=_refs(draw, pools.organisations),
        signed_by=_ref(draw, pools.people),
        case_officer=_ref(draw, pools.people),
        our_ref=_opt(draw, case_references()),
        their_ref=_opt(draw, case_references()),
        received=_opt(draw, partial_dates()),
        received_ref=_opt(draw, case_references()),
        summary=_text(draw),
    )


def documents(
    document_id: str | None = None,
    *,
    organisations: Sequence[str] = (),
    people: Sequence[str] = (),
    realistic: bool | None = None,
) -> st.SearchStrategy[Document]:
    """Documents and links, with letter metadata now and then; the author is one of
    ``organisations`` or of ``people``, or none.

    .. versionchanged:: 0.2
       A person as author.
    """
    return _styled(_draw_document)(
        realistic, document_id, _pools(organisations=organisations, people=people)
    )

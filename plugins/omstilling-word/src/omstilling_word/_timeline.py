"""Timelines: a table section's rows drawn as a Gantt-style picture with matplotlib:
a bar per row with a start and a finish, a diamond per row with only one of them, a
lane per group (by the group's full name, however long).

Drawn on a bare :class:`~matplotlib.figure.Figure` with the Agg canvas: no pyplot, no
global backend switch, nothing shown on a display, safe to call from any thread.
Imported only when a report is exported (matplotlib is heavy).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Mapping, Sequence

import attrs
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, FuncFormatter, Locator, MaxNLocator

from omstilling.formatting import format_value, locale_of
from omstilling.model import Language, PartialDate
from omstilling.report import FieldType, Labels, Report, SectionSchema, Timeline, Value

from ._charts import (
    DPI,
    MAX_LABEL,
    WIDTH_INCHES,
    Picture,
    literal,
    one_line,
    picture_of,
    png_of,
)
from ._words import DONE, NO_GROUP, NOT_DONE, clean, timeline_description

_TODO_COLOUR = "#2F5597"
_DONE_COLOUR = "#A6A6A6"
_DONE_HATCH = "////"
_MAX_HEIGHT_INCHES = 8.5
_BAR_LABEL_SIZE = 6.5
_MAX_BAR_LABELS = 150
_SHORTEST_AXIS = 92
"""Days the time axis spans at least (about three months)."""
ONE_DATE = Labels("Milepæl (én dato)", "Milepæl (éin dato)", "Milestone (one date)")
"""The legend's label of the diamond drawn for a row with one date."""


@attrs.frozen
class Bar:
    """One row of the table as a bar: its label, lane (the group it belongs to, in
    full: two groups whose names begin alike are two lanes), first and last day. A
    row with only one date is a ``point`` (a milestone drawn as a diamond); ``when``
    is its dates as the table writes them."""

    label: str
    lane: str
    start: dt.date
    finish: dt.date
    done: bool
    point: bool = False
    when: str = ""


def _dates(
    start: Value, finish: Value, language: Language
) -> tuple[dt.date, dt.date, bool, str] | None:
    """The first and last day a row's dates cover, whether it is a point (one date
    only), and the dates as text; ``None`` without either date."""
    begins = start if isinstance(start, PartialDate) else None
    ends = finish if isinstance(finish, PartialDate) else None
    if begins is not None and ends is not None:
        first, last = begins.first_day(), ends.last_day()
        if last < first:  # a finish before the start: draw the span the two dates cover
            first, last = ends.first_day(), begins.last_day()
        written = [format_value(begins, FieldType.DATE, language)]
        if ends != begins:
            written.append(format_value(ends, FieldType.DATE, language))
        return first, last, False, " – ".join(written)
    one = ends or begins
    if one is None:
        return None
    day = one.last_day() if one is ends else one.first_day()
    return day, day, True, format_value(one, FieldType.DATE, language)


def bars(
    report: Report,
    timeline: Timeline,
    rows: Sequence[Mapping[str, Value]],
    where: str,
) -> tuple[list[Bar], int]:
    """The bars of ``rows`` that have a start or a finish date (with one only, a
    point), and how many rows were left out for want of both."""
    result: list[Bar] = []
    skipped = 0
    other = report.label(NO_GROUP)
    for number, row in enumerate(rows, start=1):
        dates = _dates(row.get(timeline.start), row.get(timeline.finish), report.language)
        if dates is None:
            skipped += 1
            continue
        label = row.get(timeline.label)
        group = row.get(timeline.group) if timeline.group else None
        at = f"{where}, row {number}, timeline"
        result.append(
            Bar(
                label=one_line(clean(label, at)) if isinstance(label, str) else "",
                lane=" ".join(clean(group, at).split()) if isinstance(group, str) else other,
                start=dates[0],
                finish=dates[1],
                done=row.get(timeline.done) is True if timeline.done else False,
                point=dates[2],
                when=clean(dates[3], at),
            )
        )
    return result, skipped


def lane_labels(lanes: Sequence[str]) -> dict[str, str]:
    """The label of each lane: its group's name, shortened to fit beside the picture
    where long, and told apart from the others where the shortened names would be the
    same (the start and the end of the name, then a number)."""
    labels = {lane: one_line(lane) for lane in lanes}
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    head = MAX_LABEL // 2
    for lane, label in labels.items():
        if counts[label] > 1 and len(lane) > MAX_LABEL:
            labels[lane] = lane[:head] + "…" + lane[-(MAX_LABEL - head - 1) :]
    seen: dict[str, int] = {}
    for lane, label in labels.items():
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[lane] = f"{label} ({seen[label]})"
    return labels


def _date_text(day: dt.date, language: Language) -> str:
    return format_value(PartialDate.from_date(day), FieldType.DATE, language)


def describe(
    report: Report, timeline: Timeline, lead: str, drawn: Sequence[Bar], skipped: int
) -> str:
    """The alt text of the timeline of ``drawn`` bars (not empty)."""
    return timeline_description(
        report.language,
        lead=lead,
        count=len(drawn),
        first=_date_text(min(b.start for b in drawn), report.language),
        last=_date_text(max(b.finish for b in drawn), report.language),
        groups=len({b.lane for b in drawn}) if timeline.group else None,
        done=sum(b.done for b in drawn) if timeline.done else None,
        skipped=skipped,
        entries=[(b.label, b.when, b.done if timeline.done else None) for b in drawn],
    )


@attrs.frozen
class _Layout:
    """Where each bar goes: its picture row, and for a grouped timeline which side
    of the bar its label stands on ("right", "left"; "" for none). ``rows`` are the
    labels of the picture's rows."""

    positions: list[int]
    sides: list[str]
    rows: list[str]


def _layout(
    drawn: Sequence[Bar],
    grouped: bool,
    extent: Callable[[Bar], float],
    start: float,
    end: float,
) -> _Layout:
    """Ungrouped, every bar has its own row, labelled with the bar's label.

    Grouped, each group (in order of first appearance) gets as few rows as its bars
    and their labels need not to overlap, its name on the first; a bar's label
    (``extent`` days wide, 0 for none) stands right of the bar, or left of it where
    it would run past ``end`` and not past ``start``.
    """
    if not grouped:
        return _Layout(list(range(len(drawn))), [""] * len(drawn), [b.label for b in drawn])
    members: dict[str, list[int]] = {}
    for index, bar in enumerate(drawn):
        members.setdefault(bar.lane, []).append(index)
    positions, sides = [0] * len(drawn), [""] * len(drawn)
    rows: list[str] = []
    names = lane_labels(list(members))
    for lane, indexes in members.items():
        spans: list[tuple[float, float, int]] = []
        for index in indexes:
            bar = drawn[index]
            left, right = float(bar.start.toordinal()), float(bar.finish.toordinal() + 1)
            width = extent(bar)
            if width and right + width > end and left - width >= start:
                sides[index] = "left"
                spans.append((left - width, right, index))
            else:
                sides[index] = "right" if width else ""
                spans.append((left, right + width, index))
        spans.sort()
        ends: list[tuple[float, int]] = []  # (where the row is free from, row number)
        count = 0
        for begin, finish, index in spans:  # interval partitioning: fewest rows
            if ends and ends[0][0] <= begin:
                _, row = heapq.heappop(ends)
            else:
                row, count = count, count + 1
            positions[index] = len(rows) + row
            heapq.heappush(ends, (finish, row))
        rows += [names[lane]] + [""] * (count - 1)
    return _Layout(positions, sides, rows)


def _date_locator(first: dt.date, last: dt.date) -> Locator:
    """Ticks on the first of months (or of years, over more than three years), at
    most about seven; over two months or less, on days."""
    span = (last - first).days
    if span <= 62:
        return MaxNLocator(nbins=7, integer=True)
    yearly = span > 3 * 366
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    count = last.year - first.year + 1 if yearly else months
    step = max(1, -(-count // 7))
    ticks = []
    year, month = first.year, first.month
    for number in range(count):
        if number % step == 0:
            day = dt.date(year, 1, 1) if yearly else dt.date(year, month, 1)
            if first <= day <= last or (yearly and day.year > first.year):
                ticks.append(day.toordinal())
        if yearly:
            year += 1
        else:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return FixedLocator(ticks)


def _date_formatter(first: dt.date, last: dt.date, language: Language) -> FuncFormatter:
    from babel.dates import format_date

    span = (last - first).days
    locale = locale_of(language)
    if span > 3 * 366:
        pattern = "y"
    elif span > 62:
        pattern = "LLL y"
    else:
        pattern = "d MMM" if language is Language.EN else "d. MMM"

    def label(value: float, position: int | None = None) -> str:
        # the axis reaches past the last day; no label where no date exists
        if not 1 <= round(value) <= dt.date.max.toordinal():
            return ""
        day = dt.date.fromordinal(round(value))
        return str(format_date(day, format=pattern, locale=locale))

    return FuncFormatter(label)


def _label_extent(
    drawn: Sequence[Bar], grouped: bool, shown_days: float, width: float
) -> Callable[[Bar], float]:
    """How many days of the x axis a bar's label takes up (0: no labels; only grouped
    timelines of not too many bars label their bars)."""
    if not grouped or len(drawn) > _MAX_BAR_LABELS:
        return lambda bar: 0.0
    lane_chars = max(len(label) for label in lane_labels([b.lane for b in drawn]).values())
    axes_inches = max(1.0, width - lane_chars * 8 * 0.6 / 72 - 0.3)
    days_per_inch = shown_days / axes_inches
    return lambda bar: (len(bar.label) * _BAR_LABEL_SIZE * 0.6 / 72 + 0.1) * days_per_inch


def draw(
    report: Report,
    drawn: Sequence[Bar],
    *,
    grouped: bool,
    legend: bool,
    width: float = WIDTH_INCHES,
) -> bytes:
    """The PNG of :func:`figure`."""
    chart = figure(report, drawn, grouped=grouped, legend=legend, width=width)
    return png_of(chart)


def figure(
    report: Report,
    drawn: Sequence[Bar],
    *,
    grouped: bool,
    legend: bool,
    width: float = WIDTH_INCHES,
) -> Figure:
    """A Gantt-style chart of ``drawn`` (not empty), ``width`` inches wide: a bar
    per row with both dates, a diamond per row with one (and per bar too short to
    see).

    The x axis counts days (proleptic Gregorian ordinals, as :meth:`datetime.date.toordinal`),
    so a bar runs from the start of its first day to the end of its last.
    """
    first = min(b.start for b in drawn)
    last = max(b.finish for b in drawn)
    start_day, end_day = first.toordinal(), last.toordinal() + 1
    short = _SHORTEST_AXIS - (end_day - start_day)
    if short > 0:  # a few days only (milestones on one day): the months around them
        start_day = max(1, start_day - short // 2)
        end_day = min(dt.date.max.toordinal(), start_day + _SHORTEST_AXIS)
        start_day = max(1, end_day - _SHORTEST_AXIS)
        first, last = dt.date.fromordinal(start_day), dt.date.fromordinal(end_day - 1)
    margin = max(1.0, (end_day - start_day) * 0.02)
    extent = _label_extent(drawn, grouped, (end_day - start_day) + 2 * margin, width)
    layout = _layout(drawn, grouped, extent, start_day - margin, end_day + margin)
    labels = layout.rows
    if grouped and {b.lane for b in drawn} == {report.label(NO_GROUP)}:
        labels = [""] * len(labels)  # one lane, of rows without a group: no name to give
    rows = len(labels)
    per_row = min(0.28, (_MAX_HEIGHT_INCHES - 1.0) / rows)
    height = max(1.6, 1.0 + per_row * rows)
    font_size = min(8.0, per_row * 72 * 0.6)

    chart = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(chart)
    axes = chart.add_subplot()
    todo_boxes: list[list[tuple[float, float]]] = []
    done_boxes: list[list[tuple[float, float]]] = []
    points: list[tuple[float, float, bool]] = []
    thickness = 0.7
    for bar, y, side in zip(drawn, layout.positions, layout.sides, strict=True):
        left, right = float(bar.start.toordinal()), float(bar.finish.toordinal() + 1)
        if side:
            axes.text(
                right + 0.3 * margin if side == "right" else left - 0.3 * margin,
                y,
                literal(bar.label),
                ha="left" if side == "right" else "right",
                va="center",
                fontsize=_BAR_LABEL_SIZE,
            )
        if bar.point:  # one date: a milestone, a diamond on its day
            points.append(((left + right) / 2, y, bar.done))
            continue
        box = [
            (left, y - thickness / 2),
            (right, y - thickness / 2),
            (right, y + thickness / 2),
            (left, y + thickness / 2),
        ]
        (done_boxes if bar.done else todo_boxes).append(box)
        if right - left < (end_day - start_day) / 150:  # too short to see: mark it
            points.append(((left + right) / 2, y, bar.done))
    axes.add_collection(PolyCollection(todo_boxes, facecolors=_TODO_COLOUR, linewidths=0))
    axes.add_collection(
        PolyCollection(
            done_boxes,
            facecolors=_DONE_COLOUR,
            edgecolors="#595959",
            linewidths=0.3,
            hatch=_DONE_HATCH,
        )
    )
    if points:
        axes.scatter(
            [p[0] for p in points],
            [p[1] for p in points],
            marker="D",
            s=24,
            c=[_DONE_COLOUR if p[2] else _TODO_COLOUR for p in points],
            edgecolors="#404040",
            linewidths=0.4,
            zorder=3,
        )
    axes.set_xlim(start_day - margin, end_day + margin)
    axes.set_ylim(rows - 0.5, -0.5)  # the first row of the table on top
    axes.xaxis.set_major_locator(_date_locator(first, last))
    axes.xaxis.set_major_formatter(_date_formatter(first, last, report.language))
    axes.tick_params(axis="x", labelsize=7)
    if font_size >= 4:
        axes.set_yticks(
            list(range(rows)), labels=[literal(label) for label in labels], fontsize=font_size
        )
    else:  # too many rows to label: the table says what each bar is
        axes.set_yticks([])
    axes.tick_params(axis="y", length=0)
    if grouped:  # a thin line between groups
        for row, label in enumerate(labels):
            if label and row:
                axes.axhline(row - 0.5, color="#BFBFBF", linewidth=0.5)
    axes.grid(axis="x", linewidth=0.4, alpha=0.5)
    axes.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    if legend:
        handles: list[Patch | Line2D] = [
            Patch(facecolor=_TODO_COLOUR, label=report.label(NOT_DONE)),
            Patch(
                facecolor=_DONE_COLOUR,
                edgecolor="#595959",
                hatch=_DONE_HATCH,
                label=report.label(DONE),
            ),
        ]
        if any(bar.point for bar in drawn):  # the diamond too, where one is drawn
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="",
                    marker="D",
                    markersize=5,
                    markerfacecolor=_TODO_COLOUR,
                    markeredgecolor="#404040",
                    markeredgewidth=0.4,
                    label=report.label(ONE_DATE),
                )
            )
        axes.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.08 if rows > 8 else -0.2),
            ncol=len(handles),
            frameon=False,
            fontsize=7,
        )
    return chart


def picture(
    report: Report,
    schema: SectionSchema,
    rows: Sequence[Mapping[str, Value]],
    lead: str,
    where: str,
    width: float = WIDTH_INCHES,
) -> Picture | None:
    """The timeline of a table section's ``rows``, or ``None`` if no row has a start
    or a finish date. ``lead`` starts its alt text; ``width`` is the text width of the
    page in inches."""
    timeline = schema.timeline
    if timeline is None:
        return None
    drawn, skipped = bars(report, timeline, rows, where)
    if not drawn:
        return None
    png = draw(
        report,
        drawn,
        grouped=timeline.group is not None,
        legend=timeline.done is not None,
        width=min(width, 10.0),
    )
    return picture_of(png, describe(report, timeline, lead, drawn, skipped))

"""Timelines: a table section's rows drawn as a Gantt-style picture with matplotlib.

Drawn on a bare :class:`~matplotlib.figure.Figure` with the Agg canvas: no pyplot, no
global backend switch, nothing shown on a display, safe to call from any thread.
Imported only when a report is exported (matplotlib is heavy).
"""

from __future__ import annotations

import datetime as dt
import heapq
import io
import warnings
from collections.abc import Callable, Mapping, Sequence

import attrs
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from omstilling.formatting import format_value, locale_of
from omstilling.model import Language, PartialDate
from omstilling.report import FieldType, Report, SectionSchema, Timeline, Value

from ._words import DONE, NO_GROUP, NOT_DONE, clean, timeline_description

DPI = 150
WIDTH_INCHES = 6.3
"""The figure's usual width: the text width of an A4 page with 2.5 cm margins."""

_TODO_COLOUR = "#2F5597"
_DONE_COLOUR = "#A6A6A6"
_DONE_HATCH = "////"
_MAX_LABEL = 40
_MAX_HEIGHT_INCHES = 8.5
_BAR_LABEL_SIZE = 6.5
_MAX_BAR_LABELS = 150


@attrs.frozen
class Bar:
    """One row of the table as a bar: its label, lane, first and last day."""

    label: str
    lane: str
    start: dt.date
    finish: dt.date
    done: bool


@attrs.frozen
class Picture:
    """A drawn timeline: PNG bytes, its size in inches and its alt text."""

    png: bytes
    width_inches: float
    height_inches: float
    alt_text: str


def _day_range(start: Value, finish: Value) -> tuple[dt.date, dt.date] | None:
    if not isinstance(start, PartialDate) or not isinstance(finish, PartialDate):
        return None
    first, last = start.first_day(), finish.last_day()
    if last < first:  # a finish before the start: draw the span the two dates cover
        first, last = finish.first_day(), start.last_day()
    return first, last


def bars(
    report: Report,
    timeline: Timeline,
    rows: Sequence[Mapping[str, Value]],
    where: str,
) -> tuple[list[Bar], int]:
    """The bars of ``rows`` that have both a start and a finish date, and how many
    rows were left out for want of one."""
    result: list[Bar] = []
    skipped = 0
    other = report.label(NO_GROUP)
    for number, row in enumerate(rows, start=1):
        days = _day_range(row.get(timeline.start), row.get(timeline.finish))
        if days is None:
            skipped += 1
            continue
        label = row.get(timeline.label)
        group = row.get(timeline.group) if timeline.group else None
        at = f"{where}, row {number}, timeline"
        result.append(
            Bar(
                label=_one_line(clean(label, at)) if isinstance(label, str) else "",
                lane=_one_line(clean(group, at)) if isinstance(group, str) else other,
                start=days[0],
                finish=days[1],
                done=row.get(timeline.done) is True if timeline.done else False,
            )
        )
    return result, skipped


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_LABEL else text[: _MAX_LABEL - 1] + "…"


def _literal(text: str) -> str:
    """``text`` as matplotlib shows it literally: ``$`` would start mathtext."""
    return text.replace("$", r"\$")


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
    drawn: Sequence[Bar], grouped: bool, extent: Callable[[Bar], float], end: float
) -> _Layout:
    """Ungrouped, every bar has its own row, labelled with the bar's label.

    Grouped, each group (in order of first appearance) gets as few rows as its bars
    and their labels need not to overlap, its name on the first; a bar's label
    (``extent`` days wide, 0 for none) stands right of the bar, or left of it where
    it would run past ``end``.
    """
    if not grouped:
        return _Layout(list(range(len(drawn))), [""] * len(drawn), [b.label for b in drawn])
    members: dict[str, list[int]] = {}
    for index, bar in enumerate(drawn):
        members.setdefault(bar.lane, []).append(index)
    positions, sides = [0] * len(drawn), [""] * len(drawn)
    rows: list[str] = []
    for lane, indexes in members.items():
        spans: list[tuple[float, float, int]] = []
        for index in indexes:
            bar = drawn[index]
            left, right = float(bar.start.toordinal()), float(bar.finish.toordinal() + 1)
            width = extent(bar)
            if width and right + width > end:
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
        rows += [lane] + [""] * (count - 1)
    return _Layout(positions, sides, rows)


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
    lane_chars = max(len(b.lane) for b in drawn)
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
    """The PNG of a Gantt-style chart of ``drawn`` (not empty), ``width`` inches wide.

    The x axis counts days (proleptic Gregorian ordinals, as :meth:`datetime.date.toordinal`),
    so a bar runs from the start of its first day to the end of its last.
    """
    first = min(b.start for b in drawn)
    last = max(b.finish for b in drawn)
    start_day, end_day = first.toordinal(), last.toordinal() + 1
    margin = max(1.0, (end_day - start_day) * 0.02)
    extent = _label_extent(drawn, grouped, (end_day - start_day) + 2 * margin, width)
    layout = _layout(drawn, grouped, extent, end_day + margin)
    labels = layout.rows
    rows = len(labels)
    per_row = min(0.28, (_MAX_HEIGHT_INCHES - 1.0) / rows)
    height = max(1.6, 1.0 + per_row * rows)
    font_size = min(8.0, per_row * 72 * 0.6)

    figure = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
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
                _literal(bar.label),
                ha="left" if side == "right" else "right",
                va="center",
                fontsize=_BAR_LABEL_SIZE,
            )
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
            s=14,
            c=[_DONE_COLOUR if p[2] else _TODO_COLOUR for p in points],
            zorder=3,
        )
    axes.set_xlim(start_day - margin, end_day + margin)
    axes.set_ylim(rows - 0.5, -0.5)  # the first row of the table on top
    axes.xaxis.set_major_locator(MaxNLocator(nbins=7, integer=True))
    axes.xaxis.set_major_formatter(_date_formatter(first, last, report.language))
    axes.tick_params(axis="x", labelsize=7)
    if font_size >= 4:
        axes.set_yticks(
            list(range(rows)), labels=[_literal(label) for label in labels], fontsize=font_size
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
        axes.legend(
            handles=[
                Patch(facecolor=_TODO_COLOUR, label=report.label(NOT_DONE)),
                Patch(
                    facecolor=_DONE_COLOUR,
                    edgecolor="#595959",
                    hatch=_DONE_HATCH,
                    label=report.label(DONE),
                ),
            ],
            loc="upper center",
            bbox_to_anchor=(0.5, -0.08 if rows > 8 else -0.2),
            ncol=2,
            frameon=False,
            fontsize=7,
        )
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # Labels in scripts DejaVu Sans lacks draw as boxes; the table has the text.
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        warnings.filterwarnings("ignore", message="Matplotlib currently does not support")
        figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.05)
    return buffer.getvalue()


def picture(
    report: Report,
    schema: SectionSchema,
    rows: Sequence[Mapping[str, Value]],
    lead: str,
    where: str,
    width: float = WIDTH_INCHES,
) -> Picture | None:
    """The timeline of a table section's ``rows``, or ``None`` if no row has both a
    start and a finish date. ``lead`` starts its alt text; ``width`` is the text width
    of the page in inches."""
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
    width = int.from_bytes(png[16:20], "big") / DPI  # the PNG header's IHDR chunk
    height = int.from_bytes(png[20:24], "big") / DPI
    return Picture(
        png=png,
        width_inches=width,
        height_inches=height,
        alt_text=describe(report, timeline, lead, drawn, skipped),
    )

"""The status report's risk sections (risikostatus): the top risks open in the
period, the highest level first, at most :data:`TOP`; and what changed since the
previous period: risks new in it, closed in it, and those whose level went up or
down. Only where the programme (or the participant reported on) has risks; a
programme without any gets neither section.

.. versionadded:: 0.2
"""

from __future__ import annotations

from ..model import Language, Period, Programme, Risk
from ..report import FieldType as T
from ..report import Labels, Section, SectionSchema, Value
from ._summary import previous_period
from .common import L, col
from .risks import Trend, by_level, level_of, register_period, risk_row, risks_of, trend_of

__all__ = ["RISK_CHANGE", "RISK_SCHEMAS", "TOP", "risk_sections"]

TOP = 5
"""The most risks the status report lists; the register has them all."""

RISK_SCHEMAS = (
    SectionSchema(
        key="risks",
        title=L("Risiko", "Risiko", "Risks"),
        description=L(
            "De høyeste risikoene som er åpne i perioden (inntil fem), høyeste risiko "
            "(S×K: sannsynlighet ganger konsekvens, 1–25) først. Hele "
            "risikoregisteret har alle.",
            "Dei høgaste risikoane som er opne i perioden (inntil fem), høgaste risiko "
            "(S×K: sannsyn gonger konsekvens, 1–25) først. Heile risikoregisteret har "
            "alle.",
            "The highest risks open in the period (at most five), the highest "
            "(P×C: probability times consequence, 1–25) first. The risk register has "
            "them all.",
        ),
        columns=(
            col("id", T.TEXT, "Nr.", "Nr.", "No.", required=True),
            col("title", T.TEXT, "Risiko", "Risiko", "Risk", required=True),
            col("concerns", T.TEXT, "Gjelder", "Gjeld", "Concerning"),
            col("scores", T.TEXT, "S×K", "S×K", "P×C"),
            col("rating", T.RAG, "Nivå", "Nivå", "Level"),
            col("trend", T.TEXT, "Utvikling", "Utvikling", "Trend"),
            col("owner", T.TEXT, "Risikoeier", "Risikoeigar", "Risk owner"),
            col("level", T.INTEGER, "Risiko", "Risiko", "Risk", hidden=True),
        ),
    ),
    SectionSchema(
        key="risk_changes",
        title=L(
            "Endringer i risiko siden forrige periode",
            "Endringar i risiko sidan førre periode",
            "Changes in risks since the previous period",
        ),
        level=2,
        columns=(
            col("id", T.TEXT, "Nr.", "Nr.", "No.", required=True),
            col("title", T.TEXT, "Risiko", "Risiko", "Risk", required=True),
            col("change", T.TEXT, "Endring", "Endring", "Change", required=True),
            col("before", T.INTEGER, "Risiko før", "Risiko før", "Risk before"),
            col("after", T.INTEGER, "Risiko nå", "Risiko no", "Risk now"),
        ),
    ),
)
"""The sections, in the order the status report has them."""

RISK_CHANGE: dict[str, Labels] = {
    "new": L("Ny risiko", "Ny risiko", "New risk"),
    "closed": L("Lukket", "Lukka", "Closed"),
    "up": L("Økt risiko", "Auka risiko", "Risk up"),
    "down": L("Redusert risiko", "Redusert risiko", "Risk down"),
}
"""The words for each kind of change, in the order the section lists them."""

_MORE = L(
    "{count} åpne risikoer til står i risikoregisteret.",
    "{count} opne risikoar til står i risikoregisteret.",
    "{count} more open risks are in the risk register.",
)
_KEYS = ("id", "title", "concerns", "scores", "level", "rating")


_CHANGE = {Trend.NEW: "new", Trend.UP: "up", Trend.DOWN: "down"}


def _change(risk: Risk, period: Period, previous: Period | None) -> str | None:
    now = risk.open_in(period)
    if previous is not None and risk.open_in(previous) and not now:
        return "closed"
    if not now:
        return None
    trend = trend_of(risk, period)
    return _CHANGE.get(trend) if trend is not None else None


def _changes(risks: list[Risk], period: Period, language: Language) -> tuple[dict[str, Value], ...]:
    previous = previous_period(period)
    found: dict[str, list[dict[str, Value]]] = {kind: [] for kind in RISK_CHANGE}
    for risk in risks:
        kind = _change(risk, period, previous)
        if kind is None:
            continue
        found[kind].append(
            {
                "id": risk.id,
                "title": risk.title,
                "change": RISK_CHANGE[kind].get(language),
                "before": level_of(risk, previous) if previous and kind != "new" else None,
                "after": level_of(risk, period) if kind != "closed" else None,
            }
        )
    return tuple(row for rows in found.values() for row in rows)


def risk_sections(
    programme: Programme, period: Period | None, language: Language, participant: str | None
) -> list[Section]:
    """The risk sections of the status of ``participant`` (of the whole programme,
    without one) in ``period`` (now, without one)."""
    risks = risks_of(programme, participant)
    if not risks:
        return []
    sections = []
    open_ = by_level([r for r in risks if r.open_in(period)], period)
    trend_in = period or register_period(r for r in risks if r.entered_by(period))
    if open_:
        top = []
        for risk in open_[:TOP]:
            row = risk_row(programme, risk, period, language, trend_in=trend_in)
            top.append({key: row[key] for key in (*_KEYS, "trend", "owner")})
        more = len(open_) - TOP
        note = _MORE.get(language).format(count=more) if more > 0 else None
        sections.append(Section(key="risks", rows=tuple(top), note=note))
    if period is not None:
        changed = _changes(risks, period, language)
        if changed:
            sections.append(Section(key="risk_changes", rows=changed))
    return sections

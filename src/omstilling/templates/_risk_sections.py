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
from .common import L, col
from .risks import by_level, is_open, risk_row, risks_of

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
            col("rating", T.RAG, "Nivå", "Nivå", "Rating"),
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


def _level(risk: Risk, period: Period) -> int | None:
    scores = risk.scores(period)
    return None if scores is None else scores[0] * scores[1]


def _change(risk: Risk, period: Period, previous: Period | None) -> str | None:
    now = is_open(risk, period)
    before = previous is not None and is_open(risk, previous)
    if now and not before:
        return "new"
    if before and not now:
        return "closed"
    if not now or previous is None:
        return None
    after_level, before_level = _level(risk, period), _level(risk, previous)
    if after_level is None or before_level is None or after_level == before_level:
        return None
    return "up" if after_level > before_level else "down"


def _changes(risks: list[Risk], period: Period, language: Language) -> tuple[dict[str, Value], ...]:
    try:
        previous: Period | None = period.previous()
    except ValueError:
        previous = None
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
                "before": _level(risk, previous) if previous and kind != "new" else None,
                "after": _level(risk, period) if kind != "closed" else None,
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
    open_ = by_level([r for r in risks if is_open(r, period)], period)
    if open_:
        top = []
        for risk in open_[:TOP]:
            row = risk_row(programme, risk, period, language)
            top.append({key: row[key] for key in (*_KEYS, "trend", "owner")})
        more = len(open_) - TOP
        note = _MORE.get(language).format(count=more) if more > 0 else None
        sections.append(Section(key="risks", rows=tuple(top), note=note))
    if period is not None:
        changed = _changes(risks, period, language)
        if changed:
            sections.append(Section(key="risk_changes", rows=changed))
    return sections

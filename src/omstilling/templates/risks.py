"""``risk-register``: the risk register (risikoregister) as Prosjektveiviseren keeps
it, opened by a 5×5 risk matrix (risikomatrise) with the ids of the open risks in
their cells, then a row per open risk, the highest level first: what it is, whose it
is, its cause and possible effects, its probability (sannsynlighet) and consequence
(konsekvens) on the scale of :data:`~omstilling.model.SCORE_SCALE` and its level,
written "S×K" ("4×5 = 20"; the numbers and the colour, :mod:`omstilling.riskmatrix`,
are hidden columns too, for the matrix and for data formats), its trend since the
previous period, its owner and what is done about it. Closed risks follow in a
table of their own, with the period each was closed in, and stand outside the
matrix. Participant and subproject are given by name in one column ("Gjelder").

With a period, every score is as it stood in that period
(:meth:`~omstilling.model.Risk.scores`) and a risk is open as it was then
(:meth:`~omstilling.model.Risk.open_in`); risks first entered after it are left
out. Without one, the latest scores and status, and the trend is that into the
latest period the register records anything in (:func:`register_period`).

.. versionadded:: 0.2
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence

from ..formatting import format_value
from ..hookspecs import BuildRequest, ReportFormat
from ..model import Language, MitigationAction, Period, Programme, Risk, RiskStatus, of_participant
from ..report import (
    Chart,
    ChartKind,
    Labels,
    Report,
    ReportSchema,
    Section,
    SectionSchema,
    Value,
)
from ..report import FieldType as T
from ..riskmatrix import level_rag
from ._summary import previous_period
from .common import L, col, language_of, make_report, organisation_name

__all__ = [
    "FORMAT",
    "SCHEMA",
    "TREND",
    "Trend",
    "build",
    "by_level",
    "closed_in",
    "level_of",
    "register_period",
    "risk_row",
    "risks_of",
    "scores_text",
    "trend_of",
]


class Trend(enum.StrEnum):
    """How a risk's level moved since the previous period.

    .. versionadded:: 0.2
    """

    NEW = "new"
    UP = "up"
    DOWN = "down"
    SAME = "same"


TREND: dict[Trend, Labels] = {
    Trend.NEW: L("Ny", "Ny", "New"),
    Trend.UP: L("Økt", "Auka", "Up"),
    Trend.DOWN: L("Redusert", "Redusert", "Down"),
    Trend.SAME: L("Uendret", "Uendra", "Same"),
}
"""The words for each trend."""

STATUS: dict[RiskStatus, Labels] = {
    RiskStatus.OPEN: L("Åpen", "Open", "Open"),
    RiskStatus.CLOSED: L("Lukket", "Lukka", "Closed"),
}
_DONE = L("utført", "utført", "done")
_DEADLINE = L("frist", "frist", "due")

SCALE_NOTE = L(
    "Sannsynlighet (S) og konsekvens (K) er vurdert på en skala fra 1 til 5. Sannsynlighet: "
    "1 svært lite sannsynlig, 2 lite sannsynlig, 3 mulig, 4 sannsynlig, 5 svært "
    "sannsynlig. Konsekvens: 1 ubetydelig, 2 liten, 3 moderat, 4 alvorlig, 5 kritisk. "
    "Risiko er S×K: grønn 1–4 (lav), gul 5–10 (middels), "
    "rød 12–25 (høy). Matrisen viser de åpne risikoene; lukkede står i egen tabell.",
    "Sannsyn (S) og konsekvens (K) er vurderte på ein skala frå 1 til 5. Sannsyn: 1 svært lite "
    "sannsynleg, 2 lite sannsynleg, 3 mogleg, 4 sannsynleg, 5 svært sannsynleg. "
    "Konsekvens: 1 ubetydeleg, 2 liten, 3 moderat, 4 alvorleg, 5 kritisk. Risiko er "
    "S×K: grøn 1–4 (låg), gul 5–10 (middels), raud 12–25 (høg). "
    "Matrisa viser dei opne risikoane; lukka står i eigen tabell.",
    "Probability (P) and consequence (C) are scored from 1 to 5. Probability: 1 very unlikely, "
    "2 unlikely, 3 possible, 4 likely, 5 very likely. Consequence: 1 insignificant, "
    "2 small, 3 moderate, 4 serious, 5 critical. The risk is "
    "P×C: green 1–4 (low), amber 5–10 (medium), red 12–25 (high). The matrix "
    "shows the open risks; closed ones have a table of their own.",
)
"""The scale, as the register explains it with its matrix."""

NONE_OPEN = L("Ingen risikoer er åpne.", "Ingen risikoar er opne.", "No risks are open.")
"""What the register says where no risk is open."""

COLUMNS = (
    col("id", T.TEXT, "Nr.", "Nr.", "No.", required=True),
    col("title", T.TEXT, "Risiko", "Risiko", "Risk", required=True),
    col("concerns", T.TEXT, "Gjelder", "Gjeld", "Concerning"),
    col("cause", T.PARAGRAPHS, "Årsak", "Årsak", "Cause"),
    # konsekvens in words; the score of the same name is the hidden column below
    col(
        "effect",
        T.PARAGRAPHS,
        "Mulig konsekvens",
        "Mogleg konsekvens",
        "Possible consequence",
    ),
    col("scores", T.TEXT, "S×K", "S×K", "P×C"),
    col("trend", T.TEXT, "Utvikling", "Utvikling", "Trend"),
    col("owner", T.TEXT, "Risikoeier", "Risikoeigar", "Risk owner"),
    col("actions", T.TEXT_LIST, "Tiltak", "Tiltak", "Mitigation"),
    col("status", T.TEXT, "Status", "Status", "Status"),
    # the scores as numbers, for the matrix and for data formats; a reader reads them
    # in "scores"
    col("probability", T.INTEGER, "Sannsynlighet", "Sannsyn", "Probability", hidden=True),
    col("consequence", T.INTEGER, "Konsekvens", "Konsekvens", "Consequence", hidden=True),
    col("level", T.INTEGER, "Risiko", "Risiko", "Risk", hidden=True),
    # its colour: the matrix above the table shows it
    col("rating", T.RAG, "Nivå", "Nivå", "Level", hidden=True),
)
"""The columns of the register's tables."""

CLOSED_COLUMNS = (
    *COLUMNS,
    col("closed_in", T.PERIOD, "Lukket i", "Lukka i", "Closed in"),
)
"""The columns of the closed risks' table: the register's, and the period each was
closed in."""

SCHEMA = ReportSchema(
    id="risk-register",
    title=L("Risikoregister", "Risikoregister", "Risk register"),
    sections=(
        SectionSchema(
            key="register",
            title=L("Åpne risikoer", "Opne risikoar", "Open risks"),
            description=SCALE_NOTE,
            columns=COLUMNS,
            chart=Chart(
                kind=ChartKind.RISK_MATRIX,
                label="id",
                values=("probability", "consequence"),
                title=L("Risikomatrise", "Risikomatrise", "Risk matrix"),
            ),
        ),
        SectionSchema(
            key="closed",
            title=L("Lukkede risikoer", "Lukka risikoar", "Closed risks"),
            columns=CLOSED_COLUMNS,
        ),
    ),
)


def level_of(risk: Risk, period: Period | None) -> int | None:
    """``risk``'s level (probability times consequence) as it stood in ``period``
    (now, without one); ``None`` where it had no scores then."""
    scores = risk.scores(period)
    return None if scores is None else scores[0] * scores[1]


def register_period(risks: Iterable[Risk]) -> Period | None:
    """The latest period ``risks`` record anything in: an entry, an assessment or a
    closing; the period "now" is for a register given no period. ``None`` where
    they record no period."""
    periods = [
        period
        for risk in risks
        for period in (risk.identified, risk.closed_in, *(a.period for a in risk.assessments))
        if period is not None
    ]
    return max(periods) if periods else None


def trend_of(risk: Risk, period: Period) -> Trend | None:
    """How ``risk``'s level moved into ``period`` from the period before it (of the
    same kind): new where it was not open then; ``None`` where it has no scores in
    either period, there being nothing to compare."""
    previous = previous_period(period)
    if previous is None or not risk.open_in(previous):
        return Trend.NEW
    now, before = level_of(risk, period), level_of(risk, previous)
    if now is None or before is None:
        return None
    if now > before:
        return Trend.UP
    if now < before:
        return Trend.DOWN
    return Trend.SAME


def closed_in(risk: Risk, period: Period | None) -> Period | None:
    """The period ``risk`` was closed in, where the register says and it had begun
    by the end of ``period`` (any, without one)."""
    found = risk.closed_in
    if found is None or (period is not None and found.start() > period.end()):
        return None
    return found


def scores_text(scores: tuple[int, int] | None) -> str | None:
    """Probability, consequence and level as the tables write them: "4×5 = 20",
    kept on one line."""
    if scores is None:
        return None
    probability, consequence = scores
    return f"{probability}×{consequence}\u00a0=\u00a0{probability * consequence}"


def risks_of(programme: Programme, participant: str | None) -> list[Risk]:
    """The risks of ``participant`` (its own and its subprojects'), or every risk."""
    if participant is None:
        return list(programme.risks)
    return list(of_participant(programme, participant, programme.risks))


def _action(action: MitigationAction, language: Language) -> str:
    details = []
    if action.responsible:
        details.append(action.responsible)
    if action.deadline is not None:
        deadline = format_value(action.deadline, T.DATE, language)
        details.append(f"{_DEADLINE.get(language)} {deadline}")
    if action.done:
        details.append(_DONE.get(language))
    return f"{action.action} ({', '.join(details)})" if details else action.action


def risk_row(
    programme: Programme,
    risk: Risk,
    period: Period | None,
    language: Language,
    *,
    trend_in: Period | None = None,
) -> dict[str, Value]:
    """The row of ``risk`` as it stood in ``period`` (now, without one), an open
    one's trend that into ``trend_in`` (``period``, if not given)."""
    subprojects = {s.id: s.name for s in programme.subprojects}
    scores = risk.scores(period)
    level = level_of(risk, period)
    closed = not risk.open_in(period)
    trend_in = trend_in or period
    trend = None if closed or trend_in is None else trend_of(risk, trend_in)
    concerns = [
        organisation_name(programme, risk.participant),
        subprojects.get(risk.subproject or ""),
    ]
    return {
        "id": risk.id,
        "title": risk.title,
        "concerns": " – ".join(name for name in concerns if name) or None,
        "cause": risk.cause,
        "effect": risk.effect,
        "scores": scores_text(scores),
        "probability": scores[0] if scores else None,
        "consequence": scores[1] if scores else None,
        "level": level,
        "rating": level_rag(level) if level is not None else None,
        "trend": TREND[trend].get(language) if trend is not None else None,
        "owner": risk.owner,
        "actions": tuple(_action(a, language) for a in risk.actions) or None,
        # the open risks' table says they are open in its heading
        "status": STATUS[RiskStatus.CLOSED].get(language) if closed else None,
        "closed_in": closed_in(risk, period) if closed else None,
    }


def by_level(risks: Sequence[Risk], period: Period | None) -> list[Risk]:
    """``risks``, the highest level first (then the higher consequence), unscored
    last, in register order where equal."""

    def key(risk: Risk) -> tuple[int, int]:
        scores, level = risk.scores(period), level_of(risk, period)
        return (0, 0) if scores is None or level is None else (-level, -scores[1])

    return sorted(risks, key=key)


def build(programme: Programme, request: BuildRequest) -> Report:
    """The register of every risk (of ``request.participant``, if given) as it
    stood in ``request.period`` (now, without one)."""
    language = language_of(programme, request)
    period = request.period
    entered = [r for r in risks_of(programme, request.participant) if r.entered_by(period)]
    open_ = [r for r in entered if r.open_in(period)]
    closed = [r for r in entered if not r.open_in(period)]
    trend_in = period or register_period(entered)
    sections = []
    if open_:
        rows = tuple(
            risk_row(programme, r, period, language, trend_in=trend_in)
            for r in by_level(open_, period)
        )
        sections.append(Section(key="register", rows=rows))
    else:
        sections.append(Section(key="register", note=NONE_OPEN.get(language)))
    if closed:
        rows = tuple(risk_row(programme, r, period, language) for r in closed)
        sections.append(Section(key="closed", rows=rows))
    return make_report(SCHEMA, programme, request, sections, participant=request.participant)


FORMAT = ReportFormat(
    id="risk-register",
    schema=SCHEMA,
    build=build,
    description="Risk register: a 5×5 risk matrix and every risk with its mitigation",
)

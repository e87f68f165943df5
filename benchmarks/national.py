"""A seeded generator of national-scale programmes, for benchmarks.

It uses the public model only (no hypothesis, no test fixtures), so its output is the
same on every run for the same arguments.
"""

from __future__ import annotations

import random
from decimal import Decimal

from omstilling.model import (
    Body,
    BodyKind,
    Cadence,
    Decision,
    DecisionItem,
    DecisionKind,
    DimensionStatus,
    EconomicEffect,
    Measure,
    Milestone,
    Money,
    Organisation,
    PartialDate,
    Participant,
    Period,
    Programme,
    ProjectArea,
    Rag,
    StatusEntry,
    Subproject,
)

WORDS = [
    "omstilling",
    "tjenester",
    "barnehage",
    "skole",
    "helse",
    "omsorg",
    "økonomi",
    "stab",
    "støtte",
    "ledelse",
    "innsatsteam",
    "forvaltning",
    "digitalisering",
    "hverdagsrehabilitering",
    "velferdsteknologi",
    "samhandling",
    "frivillighet",
    "eiendom",
    "kultur",
    "teknisk",
    "bolig",
    "rus",
    "psykisk",
    "helse",
    "NAV",
]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def national_programme(
    participants: int = 357,
    subprojects: int = 20,
    milestones: int = 10,
    measures: int = 5,
    seed: int = 2024,
    *,
    decisions: int = 0,
) -> Programme:
    """A programme with ``participants`` municipalities, each with ``subprojects``
    subprojects of ``milestones`` milestones, ``measures`` measures, two years of
    half-yearly status and, with ``decisions``, a council making that many decisions
    of three items each."""
    rng = random.Random(seed)
    areas = tuple(
        ProjectArea(id=f"omrade-{i}", name=name)
        for i, name in enumerate(["Oppvekst", "Helse og omsorg", "Samfunn", "Stab og støtte"])
    )
    orgs = [Organisation(id="dep", name="Departementet")]
    parts, subs, stones, meas, status = [], [], [], [], []
    bodies: list[Body] = []
    decided: list[Decision] = []
    periods = [Period.parse(p) for p in ("2023-H1", "2023-H2", "2024-H1", "2024-H2")]
    for k in range(participants):
        kid = f"k{k:03d}"
        orgs.append(Organisation(id=kid, name=f"{_text(rng, 1)} kommune"))
        parts.append(Participant(organisation=kid))
        for s in range(subprojects):
            sid = f"{kid}-d{s:02d}"
            subs.append(
                Subproject(
                    id=sid,
                    name=_text(rng, 4),
                    code=str(s + 1),
                    area=rng.choice(areas).id,
                    participant=kid,
                    mandate=_text(rng, 30),
                    deadline=PartialDate(2024, rng.randint(1, 12)),
                )
            )
            for m in range(milestones):
                start = PartialDate(2023, rng.randint(1, 12), rng.randint(1, 28))
                stones.append(
                    Milestone(
                        id=f"{sid}-m{m:02d}",
                        title=_text(rng, 8),
                        subproject=sid,
                        estimated_start=start,
                        estimated_finish=PartialDate(2024, rng.randint(1, 12), rng.randint(1, 28)),
                        done=rng.random() < 0.4,
                        report_status_text=_text(rng, 10) if rng.random() < 0.5 else None,
                    )
                )
        for t in range(measures):
            meas.append(
                Measure(
                    id=f"{kid}-t{t}",
                    title=_text(rng, 6),
                    participant=kid,
                    priority=t + 1,
                    economic_effects=tuple(
                        EconomicEffect(
                            period=Period(year),
                            target=Money(Decimal(rng.randint(1, 500)) * 10_000),
                            realised=Money(Decimal(rng.randint(0, 500)) * 10_000),
                        )
                        for year in (2023, 2024)
                    ),
                )
            )
        for period in periods:
            status.append(
                StatusEntry(
                    period=period,
                    participant=kid,
                    dimensions=tuple(
                        DimensionStatus(dimension=d, rag=rng.choice(list(Rag)))
                        for d in ("progress", "economy", "quality", "risk")
                    ),
                    narrative=_text(rng, 80),
                )
            )
        if decisions:
            council = f"{kid}-kst"
            bodies.append(
                Body(id=council, name="Kommunestyret", kind=BodyKind.COUNCIL, organisation=kid)
            )
        for d in range(decisions):
            decided.append(
                Decision(
                    id=f"{kid}-v{d:02d}",
                    title=_text(rng, 6),
                    body=council,
                    kind=DecisionKind.POLITICAL,
                    date=PartialDate(2023 + d % 2, rng.randint(1, 12), rng.randint(1, 28)),
                    participant=kid,
                    items=tuple(
                        DecisionItem(
                            label=label,
                            text=_text(rng, 20),
                            measures=(f"{kid}-t{d % measures}",) if measures else (),
                            milestones=(f"{kid}-d00-m{d % milestones:02d}",)
                            if subprojects and milestones
                            else (),
                        )
                        for label in "abc"
                    ),
                )
            )
    return Programme(
        id="nasjonalt",
        name="Nasjonalt omstillingsprogram",
        owner="dep",
        cadence=Cadence.HALF_YEARLY,
        organisations=tuple(orgs),
        participants=tuple(parts),
        project_areas=areas,
        bodies=tuple(bodies),
        subprojects=tuple(subs),
        milestones=tuple(stones),
        decisions=tuple(decided),
        measures=tuple(meas),
        status_entries=tuple(status),
    )

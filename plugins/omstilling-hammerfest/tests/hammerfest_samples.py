"""What the Hammerfest tests share: the example programme, the seed's text and the
seed's table rows."""

from __future__ import annotations

from pathlib import Path

from omstilling.files import load
from omstilling.model import Programme

HERE = Path(__file__).parent
EXAMPLE = HERE.parents[2] / "examples" / "hammerfest-sjumilssteget.yaml"
SEED = HERE / "hammerfest_seed_002.txt"
"""A byte-for-byte copy of seed 002 (/work/shared/seeds/002_8452a9bc478f8450.txt)."""

PROGRESS_HEADER = ("Fase 1", "Kartlegging og analyse", "Tid", "Ansvar", "Utført", "Kommentarer")
MILESTONE_HEADER = (
    "Antatt start-tidspunkt",
    "Antatt ferdig tidspunkt",
    "Milepæler",
    "Rapport dato",
    "Rapporttekst status",
    "Utført",
)
HEADER_LINE = "Prosjektnavn: Sjumilssteget Koordinator: Grethe Nissen"


def example() -> Programme:
    """The example programme made from seed 002."""
    return load(EXAMPLE)


def seed_text() -> str:
    """The seed's text."""
    return SEED.read_text(encoding="utf-8")


def seed_table(heading: str) -> list[list[str]]:
    """The tab-separated rows of the seed's table under the line starting with
    ``heading`` ("Fremdriftsplan", "Milepælsplan"), up to the first blank line after
    its first row."""
    lines = seed_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.split("\t")[0] == heading)
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if not line.strip():
            if rows:
                break
            continue
        rows.append(line.split("\t"))
    return rows

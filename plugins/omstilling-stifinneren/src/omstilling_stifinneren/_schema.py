"""The schema of ``stifinneren.status``: the sections of KRD's "Stifinneren – status
pr. august 2004", in the original's order, with a participant summary table at the end."""

from __future__ import annotations

from omstilling.report import FieldType, Labels, ReportSchema, SectionSchema
from omstilling.templates.common import col
from omstilling.templates.status import DIMENSIONS

__all__ = ["DIMENSIONS", "FORMAT_ID", "SCHEMA"]

FORMAT_ID = "stifinneren.status"
"""The id of the format and of its schema."""

T = FieldType


SCHEMA = ReportSchema(
    id=FORMAT_ID,
    title=Labels("Stifinneren – status", "Stifinnaren – status", "Stifinneren – status"),
    based_on="status",
    sections=(
        # The title block: the report's title is the programme's short name in capitals
        # ("STIFINNEREN"); this section's heading is "STATUS PR. AUGUST 2004" and its
        # note "Behandlet i ledermøte 6. september 2004." where the programme holds it.
        SectionSchema(
            key="status",
            title=Labels("Status", "Status", "Status"),
        ),
        SectionSchema(
            key="innledning",
            title=Labels("Innledning", "Innleiing", "Introduction"),
            fields=(
                col("om_programmet", T.PARAGRAPHS, "Om programmet", "Om programmet", "About"),
                col(
                    "rapporteringspraksis",
                    T.TEXT_LIST,
                    "Rapporteringsgrunnlag",
                    "Rapporteringsgrunnlag",
                    "How the participants report",
                ),
                col("periode", T.PERIOD, "Rapporteringsperiode", "Rapporteringsperiode", "Period"),
                col(
                    "deltakere",
                    T.INTEGER,
                    "Antall deltakerkommuner",
                    "Tal på deltakarkommunar",
                    "Participants",
                ),
                col(
                    "rapportert",
                    T.INTEGER,
                    "Antall som har rapportert",
                    "Tal som har rapportert",
                    "Reported",
                ),
                col(
                    "samarbeid",
                    T.TEXT_LIST,
                    "Samarbeid med Fylkesmannen, KS og andre",
                    "Samarbeid med Fylkesmannen, KS og andre",
                    "Other parties",
                ),
            ),
        ),
        SectionSchema(
            key="kommuner",
            title=Labels(
                "Status i den enkelte Stifinnerkommune",
                "Status i den einskilde Stifinnarkommunen",
                "Status of each participant",
            ),
        ),
        SectionSchema(
            key="kommune",
            title=Labels("Deltakerkommune", "Deltakarkommune", "Participant"),
            level=2,
            repeat=True,
            fields=(
                col("merknad", T.TEXT, "Merknad", "Merknad", "Note"),
                col("lokalt_navn", T.TEXT, "Lokalt navn", "Lokalt namn", "Local name"),
                col("status", T.PARAGRAPHS, "Status", "Status", "Status"),
                col(
                    "styringsgruppemoter",
                    T.INTEGER,
                    "Møter i styringsgruppen i perioden",
                    "Møte i styringsgruppa i perioden",
                    "Steering-group meetings in the period",
                ),
                col(
                    "skifte_av_prosjektleder",
                    T.BOOLEAN,
                    "Skifte av prosjektleder",
                    "Skifte av prosjektleiar",
                    "Change of project leader",
                ),
                col("prosjektledelse", T.TEXT_LIST, "Prosjektledelse", "Prosjektleiing", "Leaders"),
                col("videre_arbeid", T.TEXT_LIST, "Videre arbeid", "Vidare arbeid", "Next steps"),
                col("risiko", T.TEXT_LIST, "Risiko", "Risiko", "Risks"),
                col("grunnlag", T.TEXT, "Grunnlag", "Grunnlag", "Based on"),
                col("rapportert", T.DATE, "Rapportert", "Rapportert", "Reported on"),
            ),
        ),
        SectionSchema(
            key="besok",
            title=Labels("KRDs besøk", "KRDs besøk", "KRD's visit"),
            level=3,
            repeat=True,
            fields=(
                col("fokus", T.TEXT_LIST, "Hadde fokus på", "Hadde fokus på", "Focus"),
                col("fra_krd", T.TEXT_LIST, "Fra KRD deltok", "Frå KRD deltok", "From KRD"),
                col("andre", T.TEXT_LIST, "Andre som deltok", "Andre som deltok", "Others"),
                col("om_besoket", T.PARAGRAPHS, "Om besøket", "Om besøket", "About the visit"),
            ),
        ),
        SectionSchema(
            key="felles",
            title=Labels("Felles aktiviteter", "Felles aktivitetar", "Joint activities"),
            fields=(
                col(
                    "fellessamlinger",
                    T.INTEGER,
                    "Antall fellessamlinger",
                    "Tal på fellessamlingar",
                    "Joint gatherings",
                ),
            ),
        ),
        SectionSchema(
            key="samling",
            title=Labels("Fellessamling", "Fellessamling", "Joint gathering"),
            level=2,
            repeat=True,
            fields=(
                col("samling", T.TEXT, "Samling", "Samling", "Gathering", required=True),
                col("tidspunkt", T.TEXT, "Tidspunkt", "Tidspunkt", "When"),
                col("sted", T.TEXT, "Sted", "Stad", "Place"),
                col("malgruppe", T.TEXT, "Målgruppe", "Målgruppe", "Audience"),
                col("tema", T.TEXT_LIST, "Tema", "Tema", "Topics"),
                col("bidrag", T.TEXT_LIST, "Bidrag fra", "Bidrag frå", "Contributions from"),
                col("beskrivelse", T.PARAGRAPHS, "Beskrivelse", "Skildring", "Description"),
            ),
        ),
        SectionSchema(
            key="evaluering",
            title=Labels(
                "Evaluering av Stifinnerprogrammet",
                "Evaluering av Stifinnarprogrammet",
                "Evaluation of the programme",
            ),
            fields=(
                col("evaluatorer", T.TEXT_LIST, "Evalueres av", "Blir evaluert av", "Evaluators"),
                col("status", T.PARAGRAPHS, "Status", "Status", "Status"),
                col("formal", T.PARAGRAPHS, "Formål", "Føremål", "Purpose"),
            ),
            columns=(
                col("leveranse", T.TEXT, "Leveranse", "Leveranse", "Deliverable", required=True),
                col("frist", T.DATE, "Skal foreligge", "Skal liggje føre", "Due"),
                col(
                    "frist_tekst",
                    T.TEXT,
                    "Frist (som skrevet)",
                    "Frist (som skrive)",
                    "Due (as written)",
                ),
                col("levert", T.DATE, "Levert", "Levert", "Delivered"),
            ),
        ),
        SectionSchema(
            key="oversikt",
            title=Labels(
                "Oversikt over deltakerkommunene",
                "Oversikt over deltakarkommunane",
                "Participants at a glance",
            ),
            columns=(
                col(
                    "deltaker",
                    T.TEXT,
                    "Deltakerkommune",
                    "Deltakarkommune",
                    "Participant",
                    required=True,
                ),
                col("rapportert", T.BOOLEAN, "Rapportert", "Rapportert", "Reported", required=True),
                col("samlet", T.RAG, "Samlet", "Samla", "Overall"),
                *(
                    col(key, T.RAG, labels.nb, labels.nn, labels.en)
                    for key, labels in DIMENSIONS.items()
                ),
                col("andre", T.TEXT_LIST, "Andre forhold", "Andre forhold", "Other dimensions"),
                col("merknad", T.TEXT, "Merknad", "Merknad", "Note"),
            ),
        ),
    ),
)
"""The sections in order: the title block, Innledning, Status i den enkelte
Stifinnerkommune (a level-2 section per participant, each followed by level-3 sections
for KRD's visits), Felles aktiviteter (a level-2 section per gathering), Evaluering av
Stifinnerprogrammet, and the summary table."""

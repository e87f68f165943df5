"""The schema of ``stifinneren.status``: the sections of KRD's "Stifinneren – status
pr. august 2004", in the seed's order, with a participant summary table at the end."""

from __future__ import annotations

from omstilling.report import Column, FieldType, Labels, ReportSchema, SectionSchema

__all__ = ["DIMENSIONS", "FORMAT_ID", "SCHEMA"]

FORMAT_ID = "stifinneren.status"
"""The id of the format and of its schema."""

T = FieldType


def _col(
    key: str,
    kind: FieldType,
    nb: str,
    nn: str | None = None,
    en: str | None = None,
    *,
    required: bool = False,
) -> Column:
    """A field or column with its labels."""
    return Column(key=key, type=kind, label=Labels(nb, nn, en), required=required)


DIMENSIONS: dict[str, Labels] = {
    "progress": Labels("Framdrift", "Framdrift", "Progress"),
    "economy": Labels("Økonomi", "Økonomi", "Economy"),
    "quality": Labels("Kvalitet", "Kvalitet", "Quality"),
    "risk": Labels("Risiko", "Risiko", "Risk"),
}
"""The common status dimensions, each a RAG column of the summary table."""

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
                _col("om_programmet", T.PARAGRAPHS, "Om programmet", "Om programmet", "About"),
                _col(
                    "rapporteringspraksis",
                    T.TEXT_LIST,
                    "Rapporteringsgrunnlag",
                    "Rapporteringsgrunnlag",
                    "How the participants report",
                ),
                _col("periode", T.PERIOD, "Rapporteringsperiode", "Rapporteringsperiode", "Period"),
                _col(
                    "deltakere",
                    T.INTEGER,
                    "Antall deltakerkommuner",
                    "Tal på deltakarkommunar",
                    "Participants",
                ),
                _col(
                    "rapportert",
                    T.INTEGER,
                    "Antall som har rapportert",
                    "Tal som har rapportert",
                    "Reported",
                ),
                _col(
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
                _col("merknad", T.TEXT, "Merknad", "Merknad", "Note"),
                _col("lokalt_navn", T.TEXT, "Lokalt navn", "Lokalt namn", "Local name"),
                _col("status", T.PARAGRAPHS, "Status", "Status", "Status"),
                _col(
                    "styringsgruppemoter",
                    T.INTEGER,
                    "Møter i styringsgruppen i perioden",
                    "Møte i styringsgruppa i perioden",
                    "Steering-group meetings in the period",
                ),
                _col(
                    "skifte_av_prosjektleder",
                    T.BOOLEAN,
                    "Skifte av prosjektleder",
                    "Skifte av prosjektleiar",
                    "Change of project leader",
                ),
                _col(
                    "prosjektledelse", T.TEXT_LIST, "Prosjektledelse", "Prosjektleiing", "Leaders"
                ),
                _col("videre_arbeid", T.TEXT_LIST, "Videre arbeid", "Vidare arbeid", "Next steps"),
                _col("risiko", T.TEXT_LIST, "Risiko", "Risiko", "Risks"),
                _col("grunnlag", T.TEXT, "Grunnlag", "Grunnlag", "Based on"),
                _col("rapportert", T.DATE, "Rapportert", "Rapportert", "Reported on"),
            ),
        ),
        SectionSchema(
            key="besok",
            title=Labels("KRDs besøk", "KRDs besøk", "KRD's visit"),
            level=3,
            repeat=True,
            fields=(
                _col("fokus", T.TEXT_LIST, "Hadde fokus på", "Hadde fokus på", "Focus"),
                _col("fra_krd", T.TEXT_LIST, "Fra KRD deltok", "Frå KRD deltok", "From KRD"),
                _col("andre", T.TEXT_LIST, "Andre som deltok", "Andre som deltok", "Others"),
                _col("om_besoket", T.PARAGRAPHS, "Om besøket", "Om besøket", "About the visit"),
            ),
        ),
        SectionSchema(
            key="felles",
            title=Labels("Felles aktiviteter", "Felles aktivitetar", "Joint activities"),
            fields=(
                _col(
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
                _col("samling", T.TEXT, "Samling", "Samling", "Gathering", required=True),
                _col("tidspunkt", T.TEXT, "Tidspunkt", "Tidspunkt", "When"),
                _col("sted", T.TEXT, "Sted", "Stad", "Place"),
                _col("malgruppe", T.TEXT, "Målgruppe", "Målgruppe", "Audience"),
                _col("tema", T.TEXT_LIST, "Tema", "Tema", "Topics"),
                _col("bidrag", T.TEXT_LIST, "Bidrag fra", "Bidrag frå", "Contributions from"),
                _col("beskrivelse", T.PARAGRAPHS, "Beskrivelse", "Skildring", "Description"),
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
                _col("evaluatorer", T.TEXT_LIST, "Evalueres av", "Blir evaluert av", "Evaluators"),
                _col("status", T.PARAGRAPHS, "Status", "Status", "Status"),
                _col("formal", T.PARAGRAPHS, "Formål", "Føremål", "Purpose"),
            ),
            columns=(
                _col("leveranse", T.TEXT, "Leveranse", "Leveranse", "Deliverable", required=True),
                _col("frist", T.DATE, "Skal foreligge", "Skal liggje føre", "Due"),
                _col(
                    "frist_tekst",
                    T.TEXT,
                    "Frist (som skrevet)",
                    "Frist (som skrive)",
                    "Due (as written)",
                ),
                _col("levert", T.DATE, "Levert", "Levert", "Delivered"),
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
                _col(
                    "deltaker",
                    T.TEXT,
                    "Deltakerkommune",
                    "Deltakarkommune",
                    "Participant",
                    required=True,
                ),
                _col(
                    "rapportert", T.BOOLEAN, "Rapportert", "Rapportert", "Reported", required=True
                ),
                _col("samlet", T.RAG, "Samlet", "Samla", "Overall"),
                *(
                    _col(key, T.RAG, labels.nb, labels.nn, labels.en)
                    for key, labels in DIMENSIONS.items()
                ),
                _col("andre", T.TEXT_LIST, "Andre forhold", "Andre forhold", "Other dimensions"),
                _col("merknad", T.TEXT, "Merknad", "Merknad", "Note"),
            ),
        ),
    ),
)
"""The sections in order: the title block, Innledning, Status i den enkelte
Stifinnerkommune (a level-2 section per participant, each followed by level-3 sections
for KRD's visits), Felles aktiviteter (a level-2 section per gathering), Evaluering av
Stifinnerprogrammet, and the summary table."""

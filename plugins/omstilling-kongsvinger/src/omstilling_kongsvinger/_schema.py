"""The report schema of ``kongsvinger.vedtak``: the sections of Kongsvinger kommune's
case document in the order of the original (delegert sak 769/12, arkivsaknr. 12/1728).

Section by section, with the common template each borrows from:

- ``sak``: the case title as heading, "Saksansv.", "Arkiv" and "Arkivsaknr.", and
  the "Skal behandles i" table (Utvalg, Møtedato, Saksnr, Saksbehandler);
- ``saksopplysninger`` with ``mandat`` ("Mandat for Omstilling 2012"),
  ``organisering`` ("Organisering av prosjekt Omstilling 2012"),
  ``prosjektomrader`` (Prosjektområder, Effektmål, Delprosjekter) and one
  ``behandling`` per earlier decision quoted in the case (KST-sak 139/12 with its
  items a) to j)): background, mandate and organisation as in ``project-plan``,
  the decisions as in ``decision-register``;
- ``vurdering`` with ``tiltak``, the prioritised list of measures (1. to 11.);
- ``vedtak`` and one ``vedtakspunkter`` per item group ("Vedtak samhandling", …),
  as ``decision-register`` gives a decision and its grouped items.
"""

from __future__ import annotations

from omstilling.report import Column, FieldType, Labels, ReportSchema, SectionSchema

__all__ = ["FORMAT_ID", "SCHEMA"]

FORMAT_ID = "kongsvinger.vedtak"
"""The format's id."""


def _col(
    key: str,
    kind: FieldType,
    nb: str,
    nn: str | None = None,
    en: str | None = None,
    *,
    required: bool = False,
) -> Column:
    return Column(key=key, type=kind, label=Labels(nb, nn, en), required=required)


T = FieldType

_ITEM_COLUMNS = (
    _col("punkt", T.TEXT, "Punkt", "Punkt", "Item", required=True),
    _col("tekst", T.PARAGRAPHS, "Vedtak", "Vedtak", "Decision", required=True),
)
"""A decision's items: "a)" or "1." and the text, lettered sub-items as paragraphs
of their own under it (item 14 a, b, c of "Vedtak Samfunn")."""

SCHEMA = ReportSchema(
    id=FORMAT_ID,
    title=Labels("Saksframlegg", "Saksframlegg", "Case document"),
    sections=(
        SectionSchema(
            key="sak",
            title=Labels("Sak", "Sak", "Case"),
            fields=(
                _col("saksansvarlig", T.TEXT, "Saksansv.", "Saksansv.", "Responsible"),
                _col("arkiv", T.TEXT, "Arkiv", "Arkiv", "Archive code"),
                _col("arkivsaknr", T.TEXT, "Arkivsaknr.", "Arkivsaknr.", "Archive case no."),
            ),
            columns=(
                _col("utvalg", T.TEXT, "Utvalg", "Utval", "Body", required=True),
                _col("motedato", T.DATE, "Møtedato", "Møtedato", "Meeting date"),
                _col("saksnr", T.TEXT, "Saksnr", "Saksnr", "Case no."),
                _col("saksbehandler", T.TEXT, "Saksbehandler", "Sakshandsamar", "Case officer"),
            ),
        ),
        SectionSchema(
            key="saksopplysninger",
            title=Labels("Saksopplysninger", "Saksopplysningar", "Facts of the case"),
            level=2,
            fields=(
                _col("bakgrunn", T.PARAGRAPHS, "Bakgrunn", "Bakgrunn", "Background"),
                _col("prosjektet", T.PARAGRAPHS, "Prosjektet", "Prosjektet", "The project"),
            ),
        ),
        SectionSchema(
            key="mandat",
            title=Labels("Mandat", "Mandat", "Mandate"),
            level=3,
            fields=(
                _col("mandat", T.PARAGRAPHS, "Mandat", "Mandat", "Mandate"),
                _col("hovedmal", T.TEXT_LIST, "Hovedmål", "Hovudmål", "Main goals"),
            ),
        ),
        SectionSchema(
            key="organisering",
            title=Labels("Organisering", "Organisering", "Organisation"),
            level=3,
            columns=(
                _col("funksjon", T.TEXT, "Funksjon", "Funksjon", "Function", required=True),
                _col("hvem", T.TEXT_LIST, "Hvem", "Kven", "Who"),
            ),
        ),
        SectionSchema(
            key="prosjektomrader",
            title=Labels(
                "Prosjektområder og delprosjekter",
                "Prosjektområde og delprosjekt",
                "Project areas and subprojects",
            ),
            level=3,
            columns=(
                _col(
                    "omrade",
                    T.TEXT,
                    "Prosjektområder",
                    "Prosjektområde",
                    "Project areas",
                    required=True,
                ),
                _col("effektmal", T.PARAGRAPHS, "Effektmål", "Effektmål", "Effect goals"),
                _col("delprosjekter", T.TEXT_LIST, "Delprosjekter", "Delprosjekt", "Subprojects"),
            ),
        ),
        SectionSchema(
            key="behandling",
            title=Labels("Behandling", "Handsaming", "Consideration"),
            level=3,
            repeat=True,
            fields=(
                _col("organ", T.TEXT, "Organ", "Organ", "Body", required=True),
                _col("dato", T.DATE, "Dato", "Dato", "Date"),
                _col("saksnr", T.TEXT, "Saksnr", "Saksnr", "Case no."),
                _col("tekst", T.PARAGRAPHS, "Vedtak", "Vedtak", "Decision"),
                _col("dissens", T.TEXT_LIST, "Dissens", "Dissens", "Dissent"),
                _col("merknad", T.PARAGRAPHS, "Merknad", "Merknad", "Note"),
            ),
            columns=_ITEM_COLUMNS,
        ),
        SectionSchema(
            key="vurdering",
            title=Labels("Vurdering", "Vurdering", "Assessment"),
            level=2,
            fields=(_col("vurdering", T.PARAGRAPHS, "Vurdering", "Vurdering", "Assessment"),),
        ),
        SectionSchema(
            key="tiltak",
            title=Labels(
                "Prioriterte omstillingstiltak",
                "Prioriterte omstillingstiltak",
                "Prioritised measures",
            ),
            level=3,
            columns=(
                _col("nr", T.INTEGER, "Nr.", "Nr.", "No.", required=True),
                _col("tiltak", T.TEXT, "Tiltak", "Tiltak", "Measure", required=True),
                _col("effekt", T.TEXT, "Effekt", "Effekt", "Effect"),
            ),
        ),
        SectionSchema(
            key="vedtak",
            title=Labels("Vedtak", "Vedtak", "Decision"),
            level=2,
            fields=(
                _col("innledning", T.PARAGRAPHS, "Vedtakstekst", "Vedtakstekst", "Preamble"),
                _col("dissens", T.TEXT_LIST, "Dissens", "Dissens", "Dissent"),
            ),
        ),
        SectionSchema(
            key="vedtakspunkter",
            title=Labels("Vedtakspunkter", "Vedtakspunkt", "Items"),
            level=3,
            repeat=True,
            columns=_ITEM_COLUMNS,
        ),
    ),
)
"""The schema of ``kongsvinger.vedtak``, in bokmål with nynorsk and English labels."""

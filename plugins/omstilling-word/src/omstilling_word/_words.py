"""The words the Word exporter adds to a report, and the one way text enters a document.

Light on purpose: no python-docx or matplotlib here.
"""

from __future__ import annotations

from omstilling.formatting import xml_safe
from omstilling.model import Language
from omstilling.report import Labels

LANGUAGE_TAGS: dict[Language, str] = {
    Language.NB: "nb-NO",
    Language.NN: "nn-NO",
    Language.EN: "en-GB",
}
"""The BCP 47 tag Word and LibreOffice use for each report language."""

PAGE = Labels("Side", "Side", "Page")
PERIOD = Labels("Periode", "Periode", "Period")
PUBLISHED = Labels("Publisert", "Publisert", "Published")
DONE = Labels("Ferdig", "Ferdig", "Done")
NOT_DONE = Labels("Ikke ferdig", "Ikkje ferdig", "Not done")
NO_GROUP = Labels("Uten gruppe", "Utan gruppe", "No group")
TIMELINE_OF = Labels("Tidslinje for", "Tidsline for", "Timeline of")


def clean(text: str, where: str) -> str:
    """``text`` as it may stand in a Word document: line ends made ``\\n`` (python-docx
    turns them into line breaks) and every character XML cannot hold replaced, with an
    :class:`~omstilling.formatting.ExportWarning` naming ``where``."""
    return xml_safe(text.replace("\r\n", "\n").replace("\r", "\n"), where=where)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def timeline_description(
    language: Language,
    *,
    lead: str,
    count: int,
    first: str,
    last: str,
    groups: int | None,
    done: int | None,
    skipped: int,
) -> str:
    """The alt text of a timeline picture: what it shows, in one or two sentences.

    ``lead`` names the picture ("Tidslinje for Milepælsplan", or the timeline's own
    title); ``first`` and ``last`` are formatted dates; ``groups`` is the number of lanes when
    bars are grouped, ``done`` the number of done bars when the timeline knows, and
    ``skipped`` the rows left out for want of a start or a finish.
    """
    if language is Language.EN:
        text = f"{lead}: {_plural(count, 'entry', 'entries')} from {first} to {last}"
        if groups is not None:
            text += f" in {_plural(groups, 'group', 'groups')}"
        if done is not None:
            text += f", {done} of them done"
        text += "."
        if skipped:
            text += (
                f" {_plural(skipped, 'row', 'rows')} without both a start and a finish date"
                f" {'is' if skipped == 1 else 'are'} not shown."
            )
        return text
    nn = language is Language.NN
    entries = _plural(count, "oppføring", "oppføringar" if nn else "oppføringer")
    text = f"{lead}: {entries} {'frå' if nn else 'fra'} {first} til {last}"
    if groups is not None:
        text += f" i {_plural(groups, 'gruppe', 'grupper')}"
    if done is not None:
        text += f", {done} av {'dei' if nn else 'dem'} {'ferdig' if done == 1 else 'ferdige'}"
    text += "."
    if skipped:
        rows = _plural(skipped, "rad", "rader")
        if nn:
            text += f" {rows} utan både start- og sluttdato er ikkje med."
        else:
            text += f" {rows} uten både start- og sluttdato er ikke med."
    return text

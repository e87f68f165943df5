"""What changed between two versions of a programme, entity by entity and field by
field, in words a programme office reads::

    Milepæl m07 «Innføring av nytt sak/arkiv»: ferdig 20. november 2018 (var: ikke ferdig)
    Nytt tiltak t12 «Felles innkjøp»
    Status for Alna, 1. halvår 2006: samlet status Gul (var: Grønn)

The two programmes are compared as models, not as text: a moved key, a comment or
another quoting is no change. Items are matched by their id (participants and
stakeholders by their organisation, status entries by participant, subproject and
period, lines of the economy without an id by period, kind, organisation,
participant and description); their order is not compared.

.. versionadded:: 0.2
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any, Literal

import attrs

from ..files import get_converter
from ..formatting import format_value
from ..model import (
    CaseReference,
    DateRange,
    Language,
    Money,
    PartialDate,
    Period,
    Programme,
    Rag,
)
from ..report import FieldType, Labels

__all__ = ["Difference", "diff_programmes"]

ChangeOf = Literal["added", "removed", "changed"]


@attrs.frozen(kw_only=True)
class Difference:
    """One thing that differs between two versions of a programme.

    - ``kind``: the kind of entity (``"milestone"``, ``"status_entry"``,
      ``"programme"`` …, the singular of the programme's collection;
      ``"budget_line"`` for a line of its ``economy``);
    - ``id``: the entity's id (a status entry's is ``participant subproject period``,
      its parts that are set); the programme's id for the programme's own fields;
    - ``change``: ``"added"`` or ``"removed"`` for a whole entity, else ``"changed"``;
    - ``field``: the path of the field inside the entity (``"done"``,
      ``"economic_effects[2006-H1].realised"``), ``None`` for a whole entity;
    - ``old`` and ``new``: the values as a programme file writes them (``None`` where
      there is none);
    - ``text``: the change in words, in the language asked for.

    .. versionadded:: 0.2
    """

    kind: str
    id: str
    change: ChangeOf
    field: str | None
    old: Any
    new: Any
    text: str

    def to_data(self) -> dict[str, Any]:
        """This difference as plain data for JSON, with the keys always in this
        order: ``kind``, ``id``, ``change``, ``field``, ``old``, ``new``, ``text``."""
        return {
            "kind": self.kind,
            "id": self.id,
            "change": self.change,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "text": self.text,
        }


def _l(nb: str, nn: str, en: str) -> Labels:
    return Labels(nb, nn, en)


# -- the words -------------------------------------------------------------------------

_ENTITIES: dict[str, tuple[str, Labels, bool]] = {
    # collection: (kind, the noun, whether the noun is neuter: "nytt" not "ny")
    "organisations": ("organisation", _l("organisasjon", "organisasjon", "organisation"), False),
    "people": ("person", _l("person", "person", "person"), False),
    "participants": ("participant", _l("deltaker", "deltakar", "participant"), False),
    "stakeholders": ("stakeholder", _l("interessent", "interessent", "stakeholder"), False),
    "bodies": ("body", _l("organ", "organ", "body"), True),
    "roles": ("role", _l("rolle", "rolle", "role"), False),
    "phases": ("phase", _l("fase", "fase", "phase"), False),
    "project_areas": ("project_area", _l("prosjektområde", "prosjektområde", "project area"), True),
    "goals": ("goal", _l("mål", "mål", "goal"), True),
    "subprojects": ("subproject", _l("delprosjekt", "delprosjekt", "subproject"), True),
    "milestones": ("milestone", _l("milepæl", "milepæl", "milestone"), False),
    "activities": ("activity", _l("aktivitet", "aktivitet", "activity"), False),
    "decisions": ("decision", _l("vedtak", "vedtak", "decision"), True),
    "measures": ("measure", _l("tiltak", "tiltak", "measure"), True),
    "indicators": ("indicator", _l("indikator", "indikator", "indicator"), False),
    "events": ("event", _l("hendelse", "hending", "event"), False),
    "status_entries": ("status_entry", _l("status", "status", "status"), False),
    "risks": ("risk", _l("risiko", "risiko", "risk"), False),
    "deviations": ("deviation", _l("avvik", "avvik", "deviation"), True),
    "benefits": ("benefit", _l("gevinst", "gevinst", "benefit"), False),
    "economy": ("budget_line", _l("budsjettlinje", "budsjettlinje", "budget line"), False),
    "documents": ("document", _l("dokument", "dokument", "document"), True),
    "lessons": ("lesson", _l("erfaring", "erfaring", "lesson"), False),
    "evaluation": ("evaluation", _l("evaluering", "evaluering", "evaluation"), False),
}

_PROGRAMME = _l("Program", "Program", "Programme")
_NEW = (_l("Ny", "Ny", "New"), _l("Nytt", "Nytt", "New"))
_REMOVED = _l("Fjernet", "Fjerna", "Removed")
_ADDED = _l("lagt til", "lagt til", "added")
_WAS = _l("var", "var", "was")
_UNSET = _l("ikke satt", "ikkje sett", "not set")
_DONE = _l("ferdig", "ferdig", "done")
_NOT_DONE = _l("ikke ferdig", "ikkje ferdig", "not done")
_STATUS_FOR = _l("Status for", "Status for", "Status of")
_THE_PROGRAMME = _l("programmet", "programmet", "the programme")

_FIELDS: dict[str, Labels] = {
    "name": _l("navn", "namn", "name"),
    "title": _l("tittel", "tittel", "title"),
    "owner": _l("eier", "eigar", "owner"),
    "language": _l("språk", "språk", "language"),
    "description": _l("beskrivelse", "skildring", "description"),
    "background": _l("bakgrunn", "bakgrunn", "background"),
    "mandate": _l("mandat", "mandat", "mandate"),
    "target_group": _l("målgruppe", "målgruppe", "target group"),
    "period": _l("periode", "periode", "period"),
    "cadence": _l("rapportering", "rapportering", "reporting cadence"),
    "status_dimensions": _l("statusområder", "statusområde", "status dimensions"),
    "success_factors": _l("suksessfaktorer", "suksessfaktorar", "success factors"),
    "legal_basis": _l("hjemmel", "heimel", "legal basis"),
    "done_on": _l("ferdig dato", "ferdig dato", "done on"),
    "estimated_start": _l("antatt start", "antatt start", "estimated start"),
    "estimated_finish": _l("antatt ferdig", "antatt ferdig", "estimated finish"),
    "report_date": _l("rapportdato", "rapportdato", "report date"),
    "report_status_text": _l("rapporttekst status", "rapporttekst status", "status report"),
    "responsible": _l("ansvar", "ansvar", "responsible"),
    "subproject": _l("delprosjekt", "delprosjekt", "subproject"),
    "participant": _l("deltaker", "deltakar", "participant"),
    "phase": _l("fase", "fase", "phase"),
    "note": _l("merknad", "merknad", "note"),
    "status": _l("status", "status", "status"),
    "priority": _l("prioritet", "prioritet", "priority"),
    "area": _l("område", "område", "area"),
    "economic_effects": _l("økonomisk effekt", "økonomisk effekt", "economic effect"),
    "staffing_effect": _l("effekt på bemanning", "effekt på bemanning", "staffing effect"),
    "target": _l("mål", "mål", "target"),
    "realised": _l("realisert", "realisert", "realised"),
    "actual": _l("faktisk", "faktisk", "actual"),
    "overall": _l("samlet status", "samla status", "overall status"),
    "dimensions": _l("statusområde", "statusområde", "dimension"),
    "rag": _l("status", "status", "status"),
    "comment": _l("kommentar", "kommentar", "comment"),
    "narrative": _l("rapporttekst", "rapporttekst", "narrative"),
    "next_steps": _l("neste steg", "neste steg", "next steps"),
    "risks": _l("risikoer", "risikoar", "risks"),
    "reported_on": _l("rapportert", "rapportert", "reported on"),
    "date": _l("dato", "dato", "date"),
    "text": _l("tekst", "tekst", "text"),
    "kind": _l("type", "type", "kind"),
    "body": _l("organ", "organ", "body"),
    "case": _l("sak", "sak", "case"),
    "items": _l("punkt", "punkt", "item"),
    "deadline": _l("frist", "frist", "deadline"),
    "due": _l("frist", "frist", "due"),
    "delivered": _l("levert", "levert", "delivered"),
    "leader": _l("leder", "leiar", "leader"),
    "comments": _l("kommentarer", "kommentarar", "comments"),
    "activity": _l("aktivitet", "aktivitet", "activity"),
    "values": _l("verdi", "verdi", "value"),
    "baseline": _l("utgangsverdi", "utgangsverdi", "baseline"),
    "unit": _l("enhet", "eining", "unit"),
    "start": _l("start", "start", "start"),
    "end": _l("slutt", "slutt", "end"),
    "place": _l("sted", "stad", "place"),
    "local_name": _l("lokalt navn", "lokalt namn", "local name"),
    "joined": _l("med fra", "med frå", "joined"),
    "left": _l("ute fra", "ute frå", "left"),
    "probability": _l("sannsynlighet", "sannsyn", "probability"),
    "consequence": _l("konsekvens", "konsekvens", "consequence"),
    "effect": _l("konsekvens", "konsekvens", "effect"),
    "cause": _l("årsak", "årsak", "cause"),
    "corrective_action": _l("korrigerende tiltak", "korrigerande tiltak", "corrective action"),
    "assessments": _l("vurdering", "vurdering", "assessment"),
    "actions": _l("tiltak", "tiltak", "action"),
    "identified": _l("identifisert", "identifisert", "identified"),
    "reported_in": _l("rapportert i", "rapportert i", "reported in"),
    "closed_in": _l("lukket i", "lukka i", "closed in"),
    "indicator": _l("indikator", "indikator", "indicator"),
    "budget": _l("budsjett", "budsjett", "budget"),
    "grantor": _l("tilskuddsgiver", "tilskotsgivar", "grantor"),
    "follow_up": _l("oppfølging", "oppfølging", "follow-up"),
    "joint_bodies": _l("likelydende vedtak i", "likelydande vedtak i", "jointly made by"),
    "predecessors": _l("forgjengere", "forgjengarar", "predecessors"),
    "successor": _l("etterfølger", "etterfølgjar", "successor"),
    "successor_from": _l("etterfølger fra", "etterfølgjar frå", "successor from"),
    "parent": _l("del av", "del av", "part of"),
}

# -- matching items ----------------------------------------------------------------------

_KEYS: dict[str, tuple[str, ...]] = {
    "participants": ("organisation",),
    "stakeholders": ("organisation",),
    "status_entries": ("participant", "subproject", "period"),
    "roles": ("role", "person", "holder", "organisation", "body", "subproject", "start"),
    "lessons": ("kind", "text"),
    # inside items
    "economic_effects": ("period",),
    "values": ("period",),
    "dimensions": ("dimension",),
    "deliverables": ("id",),
    "items": ("label",),
    "subitems": ("label",),
    "municipality_numbers": ("number",),
    "members": ("organisation",),
    "offices": ("name",),
    "dissents": ("by", "concerning"),
    "assessments": ("period",),
    "actions": ("action",),
    "follow_up": ("period",),
}

# A line of the programme's economy is known by its id where it has one (a line a
# participant's workbook added); else by what it is (the period, the kind, whose
# budget, who reports it, and its description), so that a changed amount is a change
# of the line, not another line. Ids have no spaces and these keys always do (the
# period and the kind are always there), so the two kinds of key never meet.
_BUDGET_LINE = ("period", "kind", "organisation", "participant", "description")

_LEAVES = (PartialDate, Period, Money, DateRange, CaseReference)
"""Model values compared and shown whole, not field by field."""


def _key_fields(collection: str, item: Any) -> tuple[str, ...] | None:
    if collection == "economy":
        return ("id",) if getattr(item, "id", None) else _BUDGET_LINE
    if collection in _KEYS:
        return _KEYS[collection]
    if attrs.has(type(item)) and "id" in attrs.fields_dict(type(item)):
        return ("id",)
    return None


def _key_of(fields: tuple[str, ...], item: Any) -> str:
    parts = (getattr(item, name) for name in fields)
    return " ".join(str(part) for part in parts if part is not None and part != "")


def _keyed(collection: str, items: Sequence[Any]) -> dict[str, Any] | None:
    """The items by key (a repeated key numbered from its second time: ``k #2``), or
    ``None`` if they have no key."""
    if not items:
        return {}
    if _key_fields(collection, items[0]) is None or not all(
        attrs.has(type(item)) for item in items
    ):
        return None
    found: dict[str, Any] = {}
    for item in items:
        key = base = _key_of(_key_fields(collection, item) or (), item)
        count = 1
        while key in found:
            count += 1
            key = f"{base} #{count}"
        found[key] = item
    return found


# -- values as people read them ------------------------------------------------------------

_SHORT = 80


def _quoted(text: str) -> str:
    line = " ".join(text.split())
    return f"«{line if len(line) <= _SHORT else line[: _SHORT - 1] + '…'}»"


def _shown(value: Any, language: Language) -> str:
    if value is None or value == ():
        return _UNSET.get(language)
    if isinstance(value, Rag | Money | PartialDate | Period | bool | int | Decimal):
        return format_value(value, FieldType.TEXT, language)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, DateRange):
        ends = [format_value(end, FieldType.DATE, language) for end in (value.start, value.end)]
        shown = "–".join(end for end in ends if end) if any(ends) else ""
        return " ".join(part for part in (shown, value.text and _quoted(value.text)) if part)
    if isinstance(value, CaseReference):
        return value.raw or value.meeting_case or value.case_number or ""
    if isinstance(value, str):
        return _quoted(value)
    if isinstance(value, tuple):
        return _quoted("; ".join(_plain(item) for item in value))
    return _plain(value)


def _plain(value: Any) -> str:
    if attrs.has(type(value)) and not isinstance(value, _LEAVES):
        fields = _key_fields("", value) or tuple(attrs.fields_dict(type(value)))[:1]
        return _key_of(fields, value)
    return str(value)


def _field_label(name: str, language: Language) -> str:
    labels = _FIELDS.get(name)
    return labels.get(language) if labels else name.replace("_", " ")


def _data(value: Any) -> Any:
    return None if value is None else get_converter().unstructure(value)


# -- comparing ---------------------------------------------------------------------------------


@attrs.frozen
class _Leaf:
    field: str
    label: str
    old: Any
    new: Any
    whole: bool = False
    """Whether this is an item added or removed inside an entity (``old`` and ``new``
    are then plain data already)."""


def _compare(old: Any, new: Any, field: str, label: str, language: Language) -> Iterator[_Leaf]:
    """The fields that differ between ``old`` and ``new`` (the same field of two
    versions), each with its path and its words."""
    if old == new:
        return
    kind = type(old)
    if type(new) is kind and attrs.has(kind) and not isinstance(old, _LEAVES):
        for name in attrs.fields_dict(kind):
            here = f"{field}.{name}" if field else name
            words = _field_label(name, language)
            words = f"{label}, {words}" if label else words
            yield from _compare(getattr(old, name), getattr(new, name), here, words, language)
        return
    if isinstance(old, tuple) and isinstance(new, tuple):
        name = field.rsplit(".", 1)[-1]
        before, after = _keyed(name, old), _keyed(name, new)
        if before is not None and after is not None:
            # "punkt 1, oppfølging" -> "punkt 1, oppfølging 2024-T1": the item it is in stays
            within, _comma, noun = label.rpartition(", ") if label else ("", "", name)
            for key in [*before, *(k for k in after if k not in before)]:
                here = f"{field}[{key}]"
                words = f"{within}, {noun} {key}" if within else f"{noun} {key}"
                if key in before and key in after:
                    yield from _compare(before[key], after[key], here, words, language)
                else:
                    old_data, new_data = _data(before.get(key)), _data(after.get(key))
                    yield _Leaf(here, words, old_data, new_data, whole=True)
            return
    yield _Leaf(field, label, old, new)


def _title_field(item: Any) -> str | None:
    for name in ("title", "name", "activity", "text"):
        if isinstance(getattr(item, name, None), str):
            return name
    return None


def _describe(
    collection: str,
    key: str,
    item: Any,
    names: Callable[[str], str],
    language: Language,
    *,
    titled: bool = True,
) -> str:
    """The entity in words: ``milepæl m07 «Innføring av nytt sak/arkiv»`` (no capital;
    without its title unless ``titled``)."""
    if collection == "status_entries":
        who = names(item.participant) if item.participant else _THE_PROGRAMME.get(language)
        if item.subproject:
            who += f", {_field_label('subproject', language)} {item.subproject}"
        period = format_value(item.period, FieldType.PERIOD, language)
        return f"{_STATUS_FOR.get(language).lower()} {who}, {period}"
    _kind, noun, _neuter = _ENTITIES[collection]
    words = noun.get(language)
    if collection in ("participants", "stakeholders"):
        return f"{words} {names(key)}" if names(key) != key else f"{words} {key}"
    title = _title_field(item)
    ident = "" if collection in ("lessons", "evaluation") else f" {key}"
    if title is None or not (titled or not ident):
        return f"{words}{ident}"
    return f"{words}{ident} {_quoted(getattr(item, title))}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(leaf: _Leaf, language: Language, entity: Any) -> str:
    last = leaf.field.rsplit(".", 1)[-1]
    was = _WAS.get(language)
    if last == "done" and isinstance(leaf.new, bool | None) and isinstance(leaf.old, bool | None):
        new = _DONE.get(language) if leaf.new else _NOT_DONE.get(language)
        done_on = getattr(entity, "done_on", None)
        if leaf.new and done_on is not None:
            new += " " + format_value(done_on, FieldType.DATE, language)
        old = _DONE.get(language) if leaf.old else _NOT_DONE.get(language)
        return f"{new} ({was}: {old})"
    if leaf.whole:
        done = _ADDED if leaf.old is None else _REMOVED
        return f"{leaf.label} {done.get(language).lower()}"
    return f"{leaf.label} {_shown(leaf.new, language)} ({was}: {_shown(leaf.old, language)})"


def _entities(programme: Programme, collection: str) -> dict[str, Any]:
    value = getattr(programme, collection)
    if collection == "evaluation":
        return {} if value is None else {"": value}
    return _keyed(collection, value) or {}


def _namer(old: Programme, new: Programme) -> Callable[[str], str]:
    names = {o.id: o.name for o in old.organisations}
    names.update({o.id: o.name for o in new.organisations})
    return lambda organisation: names.get(organisation, organisation)


def diff_programmes(
    old: Programme, new: Programme, *, language: Language | str | None = None
) -> list[Difference]:
    """What differs between ``old`` and ``new``, two versions of a programme: the
    programme's own fields first, then each collection's entities in the order of
    the programme (``old``'s order, then what ``new`` added), field by field.

    ``language`` (``nb``, ``nn`` or ``en``; default: ``new``'s language) is the
    language of each :attr:`Difference.text`. An empty list means the two are the
    same programme.

    .. versionadded:: 0.2
    """
    from ._args import language_of

    lang = language_of(language) or new.language
    names = _namer(old, new)
    found: list[Difference] = []
    for name in attrs.fields_dict(Programme):
        if name in _ENTITIES:
            continue
        for leaf in _compare(getattr(old, name), getattr(new, name), name, "", lang):
            words = attrs.evolve(leaf, label=_field_label(leaf.field.split("[")[0], lang))
            text = f"{_PROGRAMME.get(lang)} {new.id}: {_sentence(words, lang, new)}"
            found.append(_difference("programme", new.id, leaf, text))
    for collection, (kind, _noun, neuter) in _ENTITIES.items():
        if getattr(old, collection) == getattr(new, collection):
            continue  # the common case, and quick: the same items are the same objects
        olds, news = _entities(old, collection), _entities(new, collection)
        for key in [*olds, *(k for k in news if k not in olds)]:
            ident = key or new.id
            if key not in news:
                what = _describe(collection, key, olds[key], names, lang)
                text = f"{_REMOVED.get(lang)} {what}"
                found.append(
                    Difference(
                        kind=kind,
                        id=ident,
                        change="removed",
                        field=None,
                        old=_data(olds[key]),
                        new=None,
                        text=text,
                    )
                )
            elif key not in olds:
                what = _describe(collection, key, news[key], names, lang)
                text = f"{_NEW[neuter].get(lang)} {what}"
                found.append(
                    Difference(
                        kind=kind,
                        id=ident,
                        change="added",
                        field=None,
                        old=None,
                        new=_data(news[key]),
                        text=text,
                    )
                )
            else:
                entity = news[key]
                for leaf in _compare(olds[key], entity, "", "", lang):
                    titled = leaf.field != _title_field(entity)
                    what = _describe(collection, key, entity, names, lang, titled=titled)
                    text = f"{_capital(what)}: {_sentence(leaf, lang, entity)}"
                    found.append(_difference(kind, ident, leaf, text))
    return found


def _difference(kind: str, ident: str, leaf: _Leaf, text: str) -> Difference:
    return Difference(
        kind=kind,
        id=ident,
        change="changed",
        field=leaf.field,
        old=leaf.old if leaf.whole else _data(leaf.old),
        new=leaf.new if leaf.whole else _data(leaf.new),
        text=text,
    )

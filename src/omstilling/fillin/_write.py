"""Writing a fill-in workbook for one participant and one period."""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from ..formatting import ExportWarning, xml_safe
from ..model import Language, Money, PartialDate, Period, Programme, StatusEntry
from ..report import Labels
from ..templates.common import L
from . import _layout as layout
from ._binding import make_token
from ._types import FILLIN_FORMAT, FILLIN_VERSION

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["make_workbook"]

_MAX_CELL_TEXT = 32767
"""The most characters a spreadsheet cell holds."""
_ESCAPE = re.compile("_x[0-9A-Fa-f]{4}_")
"""Text that Excel's file format reads as an escaped character."""
_INPUT_FILL = "FFF2CC"
_HEADER_FILL = "D9D9D9"
_DATE_FORMAT = "DD.MM.YYYY"
_MONEY_FORMAT = "#,##0.00"
_LAST_ROW_FOR_EVENTS = layout.HEADER_ROW + layout.MAX_EVENT_ROWS


_STYLES = {
    # name: (number format, unlocked and yellow, wrapped)
    "Utfylling": (None, True, True),
    "Utfylling tall": (None, True, False),
    "Utfylling dato": (_DATE_FORMAT, True, False),
    "Utfylling beløp": (_MONEY_FORMAT, True, False),
    "Dato": (_DATE_FORMAT, False, False),
    "Beløp": (_MONEY_FORMAT, False, False),
}
"""The workbook's named styles. A named style is set on a cell in one step, several
times faster than setting fill, protection and format one by one."""

_INPUT_STYLE = {
    "text": "Utfylling",
    "paragraphs": "Utfylling",
    "lines": "Utfylling",
    "rag": "Utfylling tall",
    "bool": "Utfylling tall",
    "whole": "Utfylling tall",
    "date": "Utfylling dato",
    "money": "Utfylling beløp",
}


def _add_styles(wb: Any) -> None:
    from openpyxl.styles import Alignment, NamedStyle, PatternFill, Protection

    for name, (number_format, unlocked, wrapped) in _STYLES.items():
        style = NamedStyle(name=name)
        if number_format is not None:
            style.number_format = number_format
        if unlocked:
            style.fill = PatternFill("solid", fgColor=_INPUT_FILL)
            style.protection = Protection(locked=False)
        if wrapped:
            style.alignment = Alignment(wrap_text=True, vertical="top")
        wb.add_named_style(style)


class _Sheet:
    """A worksheet being written, with the styles and validations it shares."""

    def __init__(self, ws: Worksheet, language: Language) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.ws = ws
        self.language = language
        self.header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
        self.bold = Font(bold=True)
        self.title_font = Font(bold=True, size=14)
        self.wrap = Alignment(wrap_text=True, vertical="top")

    def cell(self, row: int, column: int) -> Cell:
        # the sheets have no merged cells, so every cell is a plain one
        return cast("Cell", self.ws.cell(row=row, column=column))

    def text(
        self, row: int, column: int, value: str | None, *, where: str = "", cut: bool = False
    ) -> Cell:
        """A cell holding ``value`` as text, never as a formula, and read back as
        written: ``_x0041_`` would be read as an escaped "A", so its underscore is
        escaped (``_x005F_``) in turn."""
        cell = self.cell(row, column)
        if value is not None:
            if len(value) > _MAX_CELL_TEXT and cut:
                warnings.warn(
                    f"cut {where or 'a text'} to the {_MAX_CELL_TEXT} characters a cell holds",
                    ExportWarning,
                    stacklevel=2,
                )
                value = value[:_MAX_CELL_TEXT]
            elif len(value) > _MAX_CELL_TEXT:
                raise ValueError(
                    f"{where or 'a text'} has {len(value)} characters; a spreadsheet cell "
                    f"holds at most {_MAX_CELL_TEXT}, so it cannot go into a fill-in workbook"
                )
            cell.value = _ESCAPE.sub(r"_x005F\g<0>", xml_safe(value, where=where))
            cell.data_type = "s"
            if value.startswith("="):
                cell.quotePrefix = True
        return cell

    def value(self, row: int, column: int, value: object, *, where: str = "") -> Cell:
        """A cell holding a date, a number, a status word or text."""
        cell = self.cell(row, column)
        if value is None:
            return cell
        if isinstance(value, PartialDate):
            if value.is_exact and value.year >= 1900:
                cell.value = value.first_day()
                cell.style = "Dato"
            else:
                return self.text(row, column, str(value), where=where)
        elif isinstance(value, Money):
            cell.value = value.amount
            cell.style = "Beløp"
        elif isinstance(value, bool):
            return self.text(row, column, (layout.YES if value else layout.NO).get(self.language))
        elif isinstance(value, int | Decimal):
            cell.value = value
        elif isinstance(value, dt.date):
            cell.value = value
            cell.style = "Dato"
        else:
            return self.text(row, column, str(value), where=where)
        return cell

    def make_input(self, cell: Cell, kind: str) -> None:
        """Make ``cell`` an input cell for a value of ``kind``: unlocked, yellow."""
        cell.style = _INPUT_STYLE[kind]

    def heading(self, title: str, subtitle: str, *, column: int = 2) -> None:
        """The sheet's title and subtitle, above the table (column A holds the
        hidden keys of most sheets, so they go in B)."""
        self.text(1, column, title).font = self.title_font
        self.text(2, column, subtitle)
        setup = self.ws.page_setup
        setup.orientation = "landscape"
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        # openpyxl always makes pageSetUpPr, but its stubs say it may be None
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
        self.ws.print_title_rows = f"{layout.HEADER_ROW}:{layout.HEADER_ROW}"

    def headers(self, columns: layout.Columns) -> None:
        from openpyxl.utils import get_column_letter

        for number, (_key, label, width, _input) in enumerate(columns, start=1):
            cell = self.text(layout.HEADER_ROW, number, label.get(self.language))
            cell.font = self.bold
            cell.fill = self.header_fill
            cell.alignment = self.wrap
            self.ws.column_dimensions[get_column_letter(number)].width = width
        self.ws.column_dimensions["A"].hidden = True
        self.ws.freeze_panes = self.cell(layout.HEADER_ROW + 1, 2)

    def protect(self) -> None:
        protection = self.ws.protection
        protection.sheet = True
        # resizing rows and columns stays allowed; everything else is locked
        protection.formatColumns = False
        protection.formatRows = False

    def validate(self, kind: str, cells: str) -> None:
        """Data validation of ``kind`` on the cell range ``cells``."""
        from openpyxl.worksheet.datavalidation import DataValidation

        words = _VALIDATION_WORDS[kind]
        if kind == "rag":
            choices = ",".join(layout.rag_words(self.language).values())
            rule = DataValidation(type="list", formula1=f'"{choices}"')
        elif kind == "bool":
            choices = f"{layout.YES.get(self.language)},{layout.NO.get(self.language)}"
            rule = DataValidation(type="list", formula1=f'"{choices}"')
        elif kind == "event-kind":
            choices = ",".join(w.get(self.language) for w in layout.EVENT_KIND.values())
            rule = DataValidation(type="list", formula1=f'"{choices}"')
        elif kind == "date":
            # 1 January 1900 to 31 December 9999 as Excel serials
            rule = DataValidation(type="date", operator="between", formula1="1", formula2="2958465")
        elif kind == "money":
            rule = DataValidation(
                type="decimal",
                operator="between",
                formula1="-999999999999999",
                formula2="999999999999999",
            )
        elif kind == "whole":
            rule = DataValidation(type="whole", operator="between", formula1="0", formula2="100000")
        else:  # pragma: no cover - every kind is listed above
            raise ValueError(kind)
        rule.allow_blank = True
        rule.showErrorMessage = True
        rule.showInputMessage = True
        rule.errorTitle = words[0].get(self.language)
        rule.error = words[1].get(self.language)
        rule.promptTitle = words[0].get(self.language)
        rule.prompt = words[1].get(self.language)
        self.ws.add_data_validation(rule)
        for cell_range in cells.split():
            rule.add(cell_range)


_VALIDATION_WORDS: dict[str, tuple[Labels, Labels]] = {
    "rag": (
        L("Status", "Status", "Status"),
        L(
            "Velg Grønn, Gul, Rød eller Ikke vurdert fra listen.",
            "Vel Grøn, Gul, Raud eller Ikkje vurdert frå lista.",
            "Choose Green, Amber, Red or Not assessed from the list.",
        ),
    ),
    "bool": (
        L("Ferdig", "Ferdig", "Done"),
        L("Velg Ja eller Nei.", "Vel Ja eller Nei.", "Choose Yes or No."),
    ),
    "event-kind": (
        L("Type", "Type", "Kind"),
        L("Velg en type fra listen.", "Vel ein type frå lista.", "Choose a kind from the list."),
    ),
    "date": (
        L("Dato", "Dato", "Date"),
        L(
            "Skriv en dato, f.eks. 15.09.2004.",
            "Skriv ein dato, t.d. 15.09.2004.",
            "Enter a date, e.g. 15.09.2004.",
        ),
    ),
    "money": (
        L("Beløp", "Beløp", "Amount"),
        L("Skriv et beløp i kroner.", "Skriv eit beløp i kroner.", "Enter an amount in kroner."),
    ),
    "whole": (
        L("Antall", "Tal", "Number"),
        L("Skriv et helt tall.", "Skriv eit heilt tal.", "Enter a whole number."),
    ),
}


_INSTRUCTIONS = {
    Language.NB: (
        "Slik fyller du ut arbeidsboken:",
        "1. Fyll bare ut de gule cellene; de andre er låst.",
        "2. Status: velg status fra listen og skriv hva som har skjedd i perioden.",
        "3. Milepæler: rapportdato, en kort statustekst, og om den er ferdig (og når).",
        "4. Tiltak: hvor mye tiltaket har spart i perioden, i kroner.",
        "5. Hendelser: besøk, møter og seminarer i perioden, én per rad.",
        "6. Risiko: vurder sannsynlighet og konsekvens (1-5) for hver åpen risiko; nye "
        "risikoer skrives i de tomme radene under.",
        "7. Avvik: velg Ja for et avvik som er lukket i perioden; nye avvik i de tomme radene.",
        "8. Økonomi: regnskap for hver budsjettlinje; nye linjer i de tomme radene.",
        "9. Vedtaksoppfølging: status og kommentar for hvert vedtakspunkt du følger opp.",
        "10. Datoer skrives som 15.09.2004.",
        "11. Ikke legg til, slett, flytt eller gi nytt navn til ark, rader eller kolonner.",
        "12. Lagre filen som .xlsx og send den tilbake til programkontoret.",
    ),
    Language.NN: (
        "Slik fyller du ut arbeidsboka:",
        "1. Fyll berre ut dei gule cellene; dei andre er låste.",
        "2. Status: vel status frå lista og skriv kva som har skjedd i perioden.",
        "3. Milepælar: rapportdato, ein kort statustekst, og om han er ferdig (og når).",
        "4. Tiltak: kor mykje tiltaket har spart i perioden, i kroner.",
        "5. Hendingar: besøk, møte og seminar i perioden, éi per rad.",
        "6. Risiko: vurder sannsyn og konsekvens (1-5) for kvar open risiko; nye risikoar "
        "skriv du i dei tomme radene under.",
        "7. Avvik: vel Ja for eit avvik som er lukka i perioden; nye avvik i dei tomme radene.",
        "8. Økonomi: rekneskap for kvar budsjettline; nye liner i dei tomme radene.",
        "9. Vedtaksoppfølging: status og kommentar for kvart vedtakspunkt du følgjer opp.",
        "10. Datoar skriv du som 15.09.2004.",
        "11. Ikkje legg til, slett, flytt eller gi nytt namn til ark, rader eller kolonnar.",
        "12. Lagre fila som .xlsx og send ho tilbake til programkontoret.",
    ),
    Language.EN: (
        "How to fill in this workbook:",
        "1. Fill in the yellow cells only; the other cells are locked.",
        "2. Status: choose each status from the list and say what happened in the period.",
        "3. Milestones: the report date, a short status text, and whether it is done (when).",
        "4. Measures: what the measure has saved in the period, in kroner.",
        "5. Events: visits, meetings and seminars of the period, one per row.",
        "6. Risks: assess probability and consequence (1-5) of each open risk; write new "
        "risks in the empty rows below them.",
        "7. Deviations: choose Yes for a deviation closed in the period; new ones in the "
        "empty rows.",
        "8. Economy: the actual amount of each budget line; new lines in the empty rows.",
        "9. Decision follow-up: the status and a comment for each decision item you follow up.",
        "10. Write dates as 15.09.2004.",
        "11. Do not add, delete, move or rename sheets, rows or columns.",
        "12. Save the file as .xlsx and send it back to the programme office.",
    ),
}


def _instructions(
    language: Language, participant: str, period: Period, programme: str
) -> list[str]:
    head = {
        Language.NB: (f"Statusrapport for {participant}, {period}", f"Program: {programme}"),
        Language.NN: (f"Statusrapport for {participant}, {period}", f"Program: {programme}"),
        Language.EN: (f"Status report for {participant}, {period}", f"Programme: {programme}"),
    }[language]
    return [*head, "", *_INSTRUCTIONS[language]]


def _status_value(entry: StatusEntry | None, key: str, language: Language) -> object:
    """What ``entry`` holds for the status row ``key``, as the cell shows it."""
    if entry is None:
        return None
    if key.startswith(("dimension.", "comment.")):
        kind, dimension = key.split(".", 1)
        for d in entry.dimensions:
            if d.dimension == dimension:
                return layout.rag_words(language)[d.rag] if kind == "dimension" else d.comment
        return None
    if key == "overall":
        return None if entry.overall is None else layout.rag_words(language)[entry.overall]
    value = getattr(entry, key)
    if isinstance(value, tuple):
        return "\n".join(value) or None
    return value


def make_workbook(
    programme: Programme,
    participant: str,
    period: Period | str,
    *,
    key: bytes | None,
    language: Language | str | None = None,
) -> bytes:
    """A fill-in workbook (.xlsx) for ``participant``'s status report for ``period``.

    The workbook is pre-filled with what the programme knows: the participant's
    milestones with their planned dates, its measures with their targets, last
    period's status for reference, and whatever it has already reported for
    ``period`` (so a workbook made after an import shows the imported values). Only
    the input cells are unlocked; each has a data validation (a list, a date, a
    number). A hidden sheet says which programme, participant, period and layout
    version the workbook is for, so :func:`read_workbook` knows what it reads.

    ``key`` binds the workbook to the programme office: the hidden sheet gets a token,
    an HMAC-SHA256 under ``key`` of the programme, participant, period and layout
    version, which :func:`read_workbook` checks with the same key, so a workbook made
    for one participant cannot be passed off as another's. The programme office's
    key is :func:`binding_key`; ``None`` makes a workbook without a token, which a
    reader given a key refuses.

    Raises :class:`KeyError` if ``participant`` is not a participant of the programme,
    and :class:`ValueError` for a key shorter than 16 bytes.

    .. versionadded:: 0.1
    """
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    period = Period.parse(period) if isinstance(period, str) else period
    language = Language(language) if language is not None else programme.language
    if not any(p.organisation == participant for p in programme.participants):
        raise KeyError(participant)
    names = {o.id: o.name for o in programme.organisations}
    subprojects = {s.id: s.name for s in programme.subprojects}
    name = names.get(participant, participant)
    title = f"{programme.name} – {name} – {period}"

    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]  # a new workbook always has its sheet
    _add_styles(wb)
    meta: list[tuple[str, str, object]] = [
        ("format", FILLIN_FORMAT, None),
        ("version", str(FILLIN_VERSION), None),
        ("schema", "status", None),
        ("programme", programme.id, None),
        ("participant", participant, None),
        ("period", str(period), None),
        ("language", language.value, None),
    ]
    if key is not None:
        token = make_token(key, FILLIN_VERSION, programme.id, participant, str(period))
        meta.append(("binding", token, None))

    # --- instructions
    sheet = _Sheet(wb.create_sheet(layout.SHEETS["instructions"].get(language)), language)
    for number, line in enumerate(_instructions(language, name, period, programme.name), start=1):
        sheet.text(number, 1, line, where="the instructions")
    sheet.ws["A1"].font = sheet.title_font
    sheet.ws.column_dimensions["A"].width = 110
    sheet.protect()

    # --- status
    sheet = _Sheet(wb.create_sheet(layout.SHEETS["status"].get(language)), language)
    sheet.heading(title, programme.name)
    sheet.headers(layout.STATUS_COLUMNS)
    try:
        previous_period: Period | None = period.previous()
    except ValueError:  # the first period of year 1000 has none before it
        previous_period = None
    sheet.text(
        layout.HEADER_ROW, 4, f"{layout.STATUS_COLUMNS[3][1].get(language)} ({previous_period})"
    )
    current = programme.status_for(participant, period)
    previous = programme.status_for(participant, previous_period) if previous_period else None
    for row, (question, label, kind) in enumerate(
        layout.status_rows(programme), start=layout.HEADER_ROW + 1
    ):
        sheet.text(row, 1, question)
        sheet.text(row, 2, label.get(language)).alignment = sheet.wrap
        value = _status_value(current, question, language)
        cell = sheet.value(row, 3, value, where=f"the status's {question}")
        sheet.make_input(cell, kind)
        if kind in ("rag", "date", "whole"):
            sheet.validate(kind, cell.coordinate)
        old = _status_value(previous, question, language)
        if old is not None:
            shown = sheet.text(row, 4, str(old), where="the previous status", cut=True)
            shown.alignment = sheet.wrap
        if kind in ("paragraphs", "lines"):
            sheet.ws.row_dimensions[row].height = 90
        meta.append(("row", "status", question))
    sheet.protect()

    # --- milestones
    sheet = _Sheet(wb.create_sheet(layout.SHEETS["milestones"].get(language)), language)
    sheet.heading(title, layout.SHEETS["milestones"].get(language))
    sheet.headers(layout.MILESTONE_COLUMNS)
    milestones = layout.milestones_of(programme, participant)
    first = layout.HEADER_ROW + 1
    for row, m in enumerate(milestones, start=first):
        sheet.text(row, 1, m.id)
        sheet.text(row, 2, subprojects.get(m.subproject or ""), where=f"milestone {m.id}")
        sheet.text(row, 3, m.title, where=f"milestone {m.id}", cut=True).alignment = sheet.wrap
        sheet.value(row, 4, m.estimated_start)
        sheet.value(row, 5, m.estimated_finish)
        sheet.make_input(sheet.value(row, 6, m.report_date), "date")
        sheet.make_input(
            sheet.value(row, 7, m.report_status_text, where=f"milestone {m.id}'s status text"),
            "text",
        )
        sheet.make_input(sheet.value(row, 8, m.done), "bool")
        sheet.make_input(sheet.value(row, 9, m.done_on), "date")
        meta.append(("row", "milestones", m.id))
    if milestones:
        last = first + len(milestones) - 1
        sheet.validate("date", f"F{first}:F{last} I{first}:I{last}")
        sheet.validate("bool", f"H{first}:H{last}")
    sheet.protect()

    # --- measures
    sheet = _Sheet(wb.create_sheet(layout.SHEETS["measures"].get(language)), language)
    sheet.heading(title, layout.SHEETS["measures"].get(language))
    sheet.headers(layout.MEASURE_COLUMNS)
    measures = layout.measures_of(programme, participant)
    for row, measure in enumerate(measures, start=first):
        effect = layout.effect_for(measure, period)
        sheet.text(row, 1, measure.id)
        sheet.text(
            row, 2, measure.title, where=f"measure {measure.id}", cut=True
        ).alignment = sheet.wrap
        sheet.text(row, 3, subprojects.get(measure.subproject or ""))
        sheet.value(row, 4, None if effect is None else effect.target)
        sheet.text(row, 5, layout.currency_of(measure))
        realised = None if effect is None else effect.realised
        sheet.make_input(sheet.value(row, 6, realised), "money")
        meta.append(("row", "measures", measure.id))
    if measures:
        sheet.validate("money", f"F{first}:F{first + len(measures) - 1}")
    sheet.protect()

    # --- events
    sheet = _Sheet(wb.create_sheet(layout.SHEETS["events"].get(language)), language)
    sheet.heading(title, layout.SHEETS["events"].get(language), column=1)
    sheet.headers(layout.EVENT_COLUMNS)
    sheet.ws.column_dimensions["A"].hidden = False
    sheet.ws.freeze_panes = None
    events = [e for e in programme.events if layout.is_workbook_event(e, participant, period)]
    rows = min(len(events) + layout.EVENT_ROWS, layout.MAX_EVENT_ROWS)
    kinds = {kind: words.get(language) for kind, words in layout.EVENT_KIND.items()}
    for row in range(first, first + rows):
        index = row - first
        event = events[index] if index < len(events) else None
        values: tuple[object, ...] = (None,) * 6
        if event is not None:
            values = (
                kinds[event.kind],
                event.title,
                event.start,
                event.end,
                event.place,
                event.description,
            )
        for column, (value, (_key, _label, _width, _input)) in enumerate(
            zip(values, layout.EVENT_COLUMNS, strict=True), start=1
        ):
            kind = "date" if column in (3, 4) else "text"
            where = f"event {event.id}" if event is not None else ""
            sheet.make_input(sheet.value(row, column, value, where=where), kind)
    last = first + rows - 1
    sheet.validate("event-kind", f"A{first}:A{last}")
    sheet.validate("date", f"C{first}:D{last}")
    sheet.protect()

    # --- risks, deviations, economy and decision follow-up
    from . import _steering_layout as steer
    from ._steering_write import write_steering

    def new_sheet(which: str) -> _Sheet:
        return _Sheet(wb.create_sheet(steer.STEERING_SHEETS[which].get(language)), language)

    write_steering(new_sheet, programme, participant, period, title, meta)

    # --- metadata
    ws = wb.create_sheet(layout.META_SHEET)
    sheets = {**layout.SHEETS, **steer.STEERING_SHEETS}
    meta.extend(("sheet", which, labels.get(language)) for which, labels in sheets.items())
    for row, (field, value, extra) in enumerate(meta, start=1):
        ws.cell(row=row, column=1, value=field).data_type = "s"
        cell = ws.cell(row=row, column=2, value=value)
        cell.data_type = "s"
        if extra is not None:
            ws.cell(row=row, column=3, value=str(extra)).data_type = "s"
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True

    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()

"""Nothing in a report's text becomes Markdown markup: rendered by a CommonMark
renderer, every text of a report (title, section titles, labels, descriptions, field
values of every text type, list items, table cells, notes) gives only text, and the
HTML has only the elements the exporter makes for the report's structure."""

from __future__ import annotations

import functools
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from omstilling.builtin.markdown import to_markdown
from omstilling.report import (
    Column,
    FieldType,
    Labels,
    Report,
    ReportSchema,
    Section,
    SectionSchema,
)

PLACEHOLDER = "Plasshalder"
"""Stands where the text under test goes, to find the report's own structure."""

KINDS = (
    "title",
    "section-title",
    "section-label",
    "description",
    "label",
    "list-label",
    "column-label",
    "text",
    "paragraphs",
    "text-list",
    "cell",
    "cell-paragraphs",
    "note",
)
"""Every place a report's text goes."""

MUST_HAVE_TEXT = {
    "title",
    "section-title",
    "section-label",
    "description",
    "label",
    "list-label",
    "column-label",
    "note",
}
"""Places that take only text with something visible in it (labels, the title), and
places where blank text is no text: a blank note is none, a blank section title gives
the schema's title (see test_blank_notes_and_titles_are_left_out)."""

HAS_PARAGRAPHS = {"paragraphs", "description"}
"""Places where blank lines make paragraphs of their own."""

ALLOWED_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "p",
    "strong",
    "em",
    "ul",
    "li",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
"""The elements the exporter makes: headings, paragraphs, labels (strong), notes (em),
lists, line breaks and tables."""

RENDERERS = {
    "commonmark": MarkdownIt("commonmark"),
    "commonmark+tables": MarkdownIt("commonmark").enable("table"),
}

SAMPLES = (
    "Innledning\n===",
    "Innledning\n---",
    "Innledning\n=",
    "Innledning\n-",
    "# Overskrift",
    "###### Overskrift ##",
    "#",
    "- punkt",
    "+ punkt",
    "* punkt",
    "-",
    "1. punkt",
    "1) punkt",
    "2.",
    "123456789) punkt",
    "a\n- punkt\n+ punkt\n1. punkt",
    "> sitat",
    ">",
    "```\nkode\n```",
    "~~~python\nkode\n~~~",
    "``` ",
    "    innrykket kode",
    "\tinnrykket kode",
    "a\n\n    innrykket kode",
    "<div>blokk</div>",
    "<script>alert(1)</script>",
    "<!-- kommentar -->",
    "<?php ?>",
    "<![CDATA[x]]>",
    "<!DOCTYPE html>",
    "<b>fet</b>",
    "a | b",
    "| a | b |\n| --- | --- |\n| c | d |",
    "a\\|b",
    "a\\\\|b|",
    "---",
    "***",
    "___",
    "- - -",
    " * * *",
    "[a]: https://example.com",
    "[a]\n\n[a]: /url",
    "[lenke](https://example.com)",
    "![bilde](x.png)",
    "<https://example.com>",
    "<post@example.com>",
    "*kursiv* _kursiv_ **fet** __fet__",
    "`kode`",
    "``kode``",
    "~~strek~~",
    "&amp; &lt; &#42; &#x2a; &copy;",
    "slutt\\",
    "linje  \nbrudd",
    "linje\\\nbrudd",
    "a\r===",
    "a\r\n---",
    "a\n\n\n===",
    "\n\n# Overskrift\n\n",
    "   # Overskrift",
    "a\n   ===",
    "Tabell\n|---|",
    "a\x00b",
    "a\u2028b\u2029c\x85d\x0be\x0cf",
    "\xa0\n===",
    "«sitat»: 1 000 kr.",
)
"""Each block-level and inline construct of CommonMark (and GitHub's tables), and
line endings of every kind."""


def _pick(kind: str, text: str, where: str, default: str) -> str:
    return text if kind == where else default


def _report(kind: str, text: str) -> Report:
    """A report with ``text`` in the place ``kind`` and known plain text elsewhere."""
    schema = ReportSchema(
        id="sikker",
        title=Labels("Sikker"),
        sections=(
            SectionSchema(
                key="felt",
                title=Labels(_pick(kind, text, "section-label", "Felt")),
                level=2,
                description=Labels(_pick(kind, text, "description", "Om feltene")),
                fields=(
                    Column(
                        key="tekst",
                        type=FieldType.TEXT,
                        label=Labels(_pick(kind, text, "label", "Tekst")),
                    ),
                    Column(key="avsnitt", type=FieldType.PARAGRAPHS, label=Labels("Avsnitt")),
                    Column(
                        key="liste",
                        type=FieldType.TEXT_LIST,
                        label=Labels(_pick(kind, text, "list-label", "Liste")),
                    ),
                    Column(key="tall", type=FieldType.INTEGER, label=Labels("Tall")),
                ),
            ),
            SectionSchema(
                key="tabell",
                title=Labels("Tabell"),
                repeat=True,
                columns=(
                    Column(
                        key="navn",
                        type=FieldType.TEXT,
                        label=Labels(_pick(kind, text, "column-label", "Navn")),
                    ),
                    Column(key="omtale", type=FieldType.PARAGRAPHS, label=Labels("Omtale")),
                ),
            ),
        ),
    )
    return Report(
        schema=schema,
        title=_pick(kind, text, "title", "Rapport"),
        programme="p",
        sections=(
            Section(
                key="felt",
                values={
                    "tekst": _pick(kind, text, "text", "Første"),
                    "avsnitt": _pick(kind, text, "paragraphs", "Andre"),
                    "liste": ("Før", _pick(kind, text, "text-list", "Midt"), "Etter"),
                    "tall": 3,
                },
                note=_pick(kind, text, "note", "Merknad"),
            ),
            Section(
                key="tabell",
                title=_pick(kind, text, "section-title", "Kongsvinger"),
                rows=(
                    {
                        "navn": _pick(kind, text, "cell", "Alna"),
                        "omtale": _pick(kind, text, "cell-paragraphs", "Lang"),
                    },
                    {"navn": "Molde", "omtale": "Kort"},
                ),
            ),
        ),
    )


class _Html(HTMLParser):
    """The elements of rendered HTML, and its visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag + "".join(f" {name}={value!r}" for name, value in attrs))
        self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(f"/{tag}")
        self.text.append(" ")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.tags.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.tags.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.tags.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.tags.append(f"<![{data}]>")


def _parse(html: str) -> _Html:
    parser = _Html()
    parser.feed(html)
    parser.close()
    return parser


def _normal(text: str) -> str:
    return " ".join(text.split())


def _structure(tags: list[str], kind: str) -> str:
    """The elements but line breaks (as many as the text has lines); where blank lines
    make paragraphs, one paragraph stands for any number."""
    shape: list[str] = []
    for tag in tags:
        if tag in {"br", "/br"}:
            continue
        if kind in HAS_PARAGRAPHS and tag == "p" and shape and shape[-1] == "/p":
            shape.pop()
            continue
        shape.append(tag)
    return " ".join(shape)


@functools.cache
def _reference(kind: str, renderer: str) -> _Html:
    """The report with the placeholder in the place ``kind``, rendered."""
    return _parse(RENDERERS[renderer].render(to_markdown(_report(kind, PLACEHOLDER)).decode()))


_FIELD_KEYS = {"text": "tekst", "paragraphs": "avsnitt"}


def _check(kind: str, text: str) -> None:
    if text == "" and kind in _FIELD_KEYS:
        # an empty text is no value: the field is left out, as if it had none
        report = _report(kind, text)
        first = report.sections[0]
        values = {k: v for k, v in first.values.items() if k != _FIELD_KEYS[kind]}
        without = report.with_sections((attrs.evolve(first, values=values), *report.sections[1:]))
        assert to_markdown(report) == to_markdown(without)
        return
    markdown = to_markdown(_report(kind, text)).decode("utf-8")
    # CommonMark replaces U+0000 with U+FFFD; every renderer shows it so
    expected_text = _normal(text.replace("\x00", "\ufffd"))
    for name, renderer in RENDERERS.items():
        rendered, reference = _parse(renderer.render(markdown)), _reference(kind, name)
        context = f"{name} of {kind} {text!r}:\n{markdown}"
        assert {tag.split(" ")[0].lstrip("/") for tag in rendered.tags} <= ALLOWED_TAGS, context
        assert _structure(rendered.tags, kind) == _structure(reference.tags, kind), context
        visible = _normal("".join(rendered.text))
        wanted = _normal("".join(reference.text).replace(PLACEHOLDER, expected_text))
        assert visible == wanted, context


def test_a_line_of_equals_signs_under_text_is_no_heading() -> None:
    markdown = to_markdown(_report("paragraphs", "Innledning\n===")).decode("utf-8")
    html = MarkdownIt("commonmark").render(markdown)
    assert "<h1>Innledning</h1>" not in html
    assert "<p>Innledning<br />\n===</p>" in html


@pytest.mark.parametrize("blank", ["", " ", "\n", "\t\r\n", "\xa0\u2028"])
def test_blank_notes_and_titles_are_left_out(blank: str) -> None:
    assert to_markdown(_report("note", blank)) == to_markdown(_report("note", ""))
    assert "*" not in to_markdown(_report("note", blank)).decode("utf-8").replace("**", "")
    titled = to_markdown(_report("section-title", blank)).decode("utf-8")
    assert "\n## Tabell\n" in titled


@pytest.mark.parametrize("text", SAMPLES)
def test_every_construct_stays_text_everywhere(text: str) -> None:
    for kind in KINDS:
        if kind not in MUST_HAVE_TEXT or text.strip():
            _check(kind, text)


_PIECES = st.sampled_from(
    [
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        " ",
        "    ",
        "\t",
        "=",
        "===",
        "-",
        "---",
        "+",
        "*",
        "_",
        "#",
        "1.",
        "1)",
        ">",
        "```",
        "~~~",
        "<",
        ">",
        "<div>",
        "</p>",
        "<!--",
        "|",
        "\\",
        "[a]",
        ":",
        "(",
        ")",
        "!",
        "&",
        "&amp;",
        ";",
        "`",
        "~",
        "a",
        "Innledning",
    ]
)
MARKDOWNISH = st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=12).map("".join)
"""Text made of the pieces of Markdown's syntax, in any order."""


@pytest.mark.parametrize("kind", KINDS)
@given(text=st.one_of(st.text(), MARKDOWNISH))
def test_any_text_stays_text_everywhere(kind: str, text: str) -> None:
    assume(kind not in MUST_HAVE_TEXT or text.strip())
    _check(kind, text)

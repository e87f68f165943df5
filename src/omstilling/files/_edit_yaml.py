"""Editing YAML text in place: the edits that turn a document into one holding new
data, made in the text itself at the places libyaml gives every node, so that all
the text that holds no changed value stays as it is (see :mod:`._edit`)."""

from __future__ import annotations

from typing import Any

from ._edit_data import _Unsafe, key_plan, pairs, same_data
from ._text import TextFormatError, _dumper, parse_yaml

__all__ = ["edit_yaml"]

_WIDTH = 1_000_000_000
"""The emitter's line width: a scalar is never folded over lines unless asked to."""


def edit_yaml(text: str, old: object, new: object) -> str:
    """``text``, a YAML document holding ``old``, edited to hold ``new``; raises
    :class:`_Unsafe` where it cannot be edited in place. The caller reads the result
    back before it trusts it."""
    crlf = "\r\n" in text and text.count("\n") == text.count("\r\n")
    if not crlf:
        return _YamlEdit(text).run(old, new)
    # a file with Windows line ends keeps them; in a scalar, CR LF is one line break
    result = _YamlEdit(text.replace("\r\n", "\n")).run(old, new)
    return result.replace("\n", "\r\n")


def _yaml() -> Any:
    import yaml

    return yaml


class _YamlEdit:
    """The edits that turn one YAML text into another holding new data."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.edits: list[tuple[int, int, str]] = []
        self.seen: set[int] = set()
        self.seq_offset = 2
        yaml = _yaml()
        self.yaml = yaml
        self.loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        # quotes every text a YAML 1.2 or a YAML 1.1 reader would misread, as a full
        # write does: an edited title 'yes' or '2012-09-30' is quoted too
        self.dumper = _dumper()

    # the text

    def run(self, old: object, new: object) -> str:
        yaml = self.yaml
        try:
            root = yaml.compose(self.text, Loader=self.loader)
        except yaml.YAMLError as exc:
            raise _Unsafe(str(exc)) from None
        if not isinstance(root, yaml.MappingNode) or not isinstance(old, dict):
            raise _Unsafe("not a mapping")
        self.seq_offset = self._detect_seq_offset(root)
        self.node(root, old, new, None)
        return self._apply()

    def _apply(self) -> str:
        text = self.text
        parts: list[str] = []
        at = len(text)
        # from the end, so that the places of the earlier edits stay right; of two
        # inserts at one place, the one made first ends up first
        for start, end, new, _order in sorted(
            ((s, e, n, i) for i, (s, e, n) in enumerate(self.edits)),
            key=lambda edit: (edit[0], edit[3]),
            reverse=True,
        ):
            if end > at:
                raise _Unsafe("overlapping edits")
            parts.append(text[end:at])
            parts.append(new)
            at = start
        parts.append(text[:at])
        return "".join(reversed(parts))

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _line_end(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end

    def _at_line_start(self, index: int) -> bool:
        start = self._line_start(index)
        return not self.text[start:index].strip(" ")

    def _end(self, node: Any) -> int:
        """Where the text of ``node`` ends: for a block collection, at its last value
        (libyaml's own end is the start of what follows, past comments)."""
        yaml = self.yaml
        while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style:
            if not node.value:
                break
            last = node.value[-1]
            node = last[1] if isinstance(node, yaml.MappingNode) else last
        end: int = node.end_mark.index
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            end = node.start_mark.index + len(self.text[node.start_mark.index : end].rstrip())
        return end

    def _detect_seq_offset(self, root: Any) -> int:
        yaml = self.yaml
        stack = [root]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if (
                        isinstance(value, yaml.SequenceNode)
                        and not value.flow_style
                        and value.value
                    ):
                        return max(0, int(value.start_mark.column - key.start_mark.column))
                    stack.append(value)
        return 2

    def _dash(self, item: Any) -> int:
        """Where the ``-`` of a block sequence's item is."""
        index = item.start_mark.index - 1
        while index >= 0 and self.text[index] in " \t\r\n":
            index -= 1
        if index < 0 or self.text[index] != "-":
            raise _Unsafe("no dash before an item")
        return int(index)

    def _entry_start(self, index: int) -> int:
        return self._line_start(index) if self._at_line_start(index) else index

    def _cut(self, starts: list[int], ends: list[int], position: int) -> None:
        """Remove the entry at ``position`` of a block collection whose entries start
        at ``starts`` and end at ``ends``."""
        begin = starts[position]
        if self._at_line_start(begin):
            # its own lines, to the end of its last one: the blank lines and comments
            # after it belong to what follows
            cut_to = self._line_end(ends[position])
            cut_to += 1 if cut_to < len(self.text) else 0
            self.edits.append((self._line_start(begin), cut_to, ""))
        elif position + 1 < len(starts):  # the first key after a dash: the next moves up
            self.edits.append((begin, starts[position + 1], ""))
        else:
            raise _Unsafe("the only entry after a dash")

    # the nodes

    def node(self, node: Any, old: object, new: object, place: Any) -> None:
        """Change ``node``, which holds ``old``, to hold ``new``; ``place`` is the key
        node of a mapping value, ``"item"`` for a sequence item, or ``None``."""
        if id(node) in self.seen:
            raise _Unsafe("an alias")
        self.seen.add(id(node))
        node._place = place
        if same_data(old, new):
            return
        yaml = self.yaml
        if isinstance(node, yaml.MappingNode) and isinstance(old, dict):
            if isinstance(new, dict) and new:
                self._mapping(node, old, new)
                return
        elif isinstance(node, yaml.SequenceNode) and isinstance(old, list):
            if isinstance(new, list) and new:
                self._sequence(node, old, new)
                return
        elif isinstance(node, yaml.ScalarNode) and not isinstance(new, dict | list):
            indent = self._block_indent(node, place)
            flow = self._in_flow(node)
            text = self._scalar(new, node.style, indent, flow=flow)
            start, end = node.start_mark.index, self._end(node)
            if start == end and not flow:  # an empty value (``note:``, a bare ``-``)
                text = " " + text
            self.edits.append((start, end, text))
            return
        self._replace(node, new, place)

    def _in_flow(self, node: Any) -> bool:
        return bool(getattr(node, "_in_flow", False))

    def _block_indent(self, node: Any, place: Any) -> int:
        """The indentation for the lines of a block scalar at ``node``."""
        if node.style in ("|", ">"):
            first = self.text.find("\n", node.start_mark.index) + 1
            line = self.text[first : self._line_end(first)]
            if line.strip():
                return len(line) - len(line.lstrip(" "))
        if place is None or place == "item":
            return int(node.start_mark.column) + (0 if place == "item" else 2)
        return int(place.start_mark.column) + 2

    def _replace(self, node: Any, new: object, place: Any) -> None:
        """Write ``new`` in place of all of ``node``."""
        yaml = self.yaml
        if place is None:
            raise _Unsafe("the whole document")
        flow = self._in_flow(node) or (
            isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.flow_style
        )
        if place == "item" or flow:
            column = node.start_mark.column
            text = self._value(new, column, template=node, flow=flow, block_indent=column)
            self.edits.append((node.start_mark.index, self._end(node), text))
            return
        # a value of a block mapping: from the colon after the key
        colon = place.end_mark.index
        while colon < len(self.text) and self.text[colon] in " \t":
            colon += 1
        if self.text[colon : colon + 1] != ":":
            raise _Unsafe("no colon after a key")
        text = self._after_key(new, place.start_mark.column, template=node)
        self.edits.append((colon, self._end(node), text))

    def _mapping(self, node: Any, old: dict[str, Any], new: dict[str, Any]) -> None:
        yaml = self.yaml
        keys = []
        for key, _value in node.value:
            if (
                not isinstance(key, yaml.ScalarNode)
                or key.value not in old
                or key.tag.endswith(":merge")
            ):
                raise _Unsafe("a key that is not plain text")
            keys.append(key.value)
        if len(set(keys)) != len(old):
            raise _Unsafe("keys differ from the data")
        renamed, removed, added = key_plan(keys, list(new))
        flow = bool(node.flow_style) or self._in_flow(node)
        if flow and (removed or added or renamed):
            self._replace(node, new, node._place)
            return
        for key, value in node.value:
            if flow:
                value._in_flow = True
            name = renamed.get(key.value, key.value)
            if name in new:
                if name != key.value:
                    text = self._scalar(name, key.style, 0, flow=flow, key=True)
                    self.edits.append((key.start_mark.index, key.end_mark.index, text))
                self.node(value, old[key.value], new[name], key)
        starts = [key.start_mark.index for key, _ in node.value]
        ends = [self._end(value) for _, value in node.value]
        for position, key in enumerate(keys):
            if key in removed:
                self._cut(starts, ends, position)
        order = list(new)
        kept = {renamed.get(k, k): n for n, k in enumerate(keys) if k not in removed}
        column = node.value[0][0].start_mark.column
        for name in added:
            before = [k for k in order[: order.index(name)] if k in kept]
            entry = self._scalar(name, None, 0, flow=False, key=True)
            entry += self._after_key(new[name], column, template=None)
            if before:
                at = kept[before[-1]]
                index = self._line_end(ends[at])
                self.edits.append((index, index, "\n" + " " * column + entry))
            else:
                index = starts[0]
                self.edits.append((index, index, entry + "\n" + " " * column))

    def _sequence(self, node: Any, old: list[Any], new: list[Any]) -> None:
        matched = list(pairs(old, new))
        flow = bool(node.flow_style) or self._in_flow(node)
        items = node.value
        if flow:
            if any(i is None or j is None for i, j in matched) or any(i != j for i, j in matched):
                self._replace(node, new, node._place)
                return
            for item in items:
                item._in_flow = True
        if not flow:
            dashes = [self._dash(item) for item in items]
            ends = [self._end(item) for item in items]
        for i, j in matched:
            if i is not None and j is not None:
                self.node(items[i], old[i], new[j], "item")
        if flow:
            return
        for i, j in matched:
            if j is None and i is not None:
                self._cut(dashes, ends, i)
        column = self.text.rfind("\n", 0, dashes[0]) + 1
        column = dashes[0] - column
        last_kept: int | None = None
        first_kept = next((i for i, j in matched if i is not None and j is not None), None)
        pending: list[str] = []
        for i, j in matched:
            if i is not None and j is not None:
                if pending and last_kept is None:
                    self._insert_before(dashes[i], pending, column)
                pending = []
                last_kept = i
                continue
            if j is None:
                continue
            template = items[last_kept if last_kept is not None else (first_kept or 0)]
            entry = "- " + self._value(
                new[j],
                column + 2,
                template=template,
                flow=bool(getattr(template, "flow_style", False)),
                block_indent=column + 2,
            )
            if last_kept is not None:
                index = self._line_end(ends[last_kept])
                self.edits.append((index, index, "\n" + " " * column + entry))
            else:
                pending.append(entry)
        if pending:  # every old item was removed
            self._insert_before(dashes[0], pending, column)

    def _insert_before(self, dash: int, entries: list[str], column: int) -> None:
        if not self._at_line_start(dash):
            raise _Unsafe("an item after a dash")
        text = "".join(entry + "\n" + " " * column for entry in entries)
        self.edits.append((dash, dash, text))

    # writing new values

    def _scalar(
        self, value: object, style: str | None, indent: int, *, flow: bool, key: bool = False
    ) -> str:
        """``value`` as one scalar, in ``style`` where it can be."""
        yaml = self.yaml
        if isinstance(value, str) and not key and not flow:
            multiline = "\n" in value.rstrip("\n")
            if style in ("|", ">") or (multiline and style not in ("'", '"')):
                block = self._block_scalar(value, style if style in ("|", ">") else "|", indent)
                # the block's own line break ends it in the file, so the probe has it
                fits = block is not None and self._reads_as(f"{block}\n", value, False, False)
                if block is not None and fits and indent > 0:
                    return block
        if (
            isinstance(value, str)
            and style not in ("'", '"')
            and value
            and value == value.strip()
            and "\n" not in value
            and value[0] not in "'\""
            and self._reads_as(value, value, flow, key)
            and self._plain_everywhere(value)
        ):
            return value
        first = style if style in ("'", '"') and isinstance(value, str) else None
        for chosen in (first, "'", '"'):
            text: str = yaml.dump(
                value, Dumper=self.dumper, default_style=chosen, allow_unicode=True, width=_WIDTH
            )
            text = text.removesuffix("\n").removesuffix("\n...").removesuffix("\n")
            if "\n" not in text and self._reads_as(text, value, flow, key):
                return text
        raise _Unsafe("a scalar that does not read back")

    def _plain_everywhere(self, value: str) -> bool:
        """Whether ``value`` is written plain by a full write, unquoted: as text by a
        YAML 1.2 and by a YAML 1.1 reader (``yes``, ``2012-09-30`` are not)."""
        written: str = self.yaml.dump(value, Dumper=self.dumper, allow_unicode=True, width=_WIDTH)
        return not written.startswith(("'", '"'))

    def _reads_as(self, text: str, value: object, flow: bool, key: bool) -> bool:
        """Whether the scalar ``text`` reads back as ``value`` (as the loader reads)."""
        expected: object
        if flow:
            probe, expected = f"[{text}]", [value]
        elif key:
            probe, expected = f"{text}: 0", {value: 0}
        else:
            probe, expected = f"k: {text}", {"k": value}
        try:
            back = parse_yaml(probe)
        except TextFormatError:
            return False
        return same_data(back, expected)

    def _block_scalar(self, value: str, style: str, indent: int) -> str | None:
        text: str = self.yaml.dump(
            value,
            Dumper=self.dumper,
            default_style=style,
            allow_unicode=True,
            width=100 if style == ">" else _WIDTH,
        )
        header, _, body = text.partition("\n")
        if header[:1] not in ("|", ">") or any(c.isdigit() for c in header):
            return None
        lines = body.split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            return None
        strip = min(len(line) - len(line.lstrip(" ")) for line in lines if line.strip())
        body = "\n".join(" " * indent + line[strip:] if line.strip() else "" for line in lines)
        return header + "\n" + body

    def _flow(self, value: object) -> str:
        text: str = self.yaml.dump(
            value,
            Dumper=self.dumper,
            default_flow_style=True,
            allow_unicode=True,
            width=_WIDTH,
            sort_keys=False,
        )
        text = text.removesuffix("\n").removesuffix("\n...").removesuffix("\n")
        if "\n" in text:
            raise _Unsafe("a flow value over several lines")
        return text

    def _after_key(self, value: object, column: int, template: Any) -> str:
        """What follows a key at ``column`` in a block mapping to give it ``value``."""
        yaml = self.yaml
        flow = isinstance(template, yaml.MappingNode | yaml.SequenceNode) and bool(
            template.flow_style
        )
        if isinstance(value, dict) and value and not flow:
            inner = column + 2
            if isinstance(template, yaml.MappingNode) and template.value:
                inner = template.value[0][0].start_mark.column
            return ":\n" + " " * inner + self._value(value, inner, template, False, inner)
        if isinstance(value, list) and value and not flow:
            inner = column + self.seq_offset
            if isinstance(template, yaml.SequenceNode) and template.value:
                inner = self._dash(template.value[0]) - self._line_start(
                    self._dash(template.value[0])
                )
            return ":\n" + " " * inner + self._value(value, inner, template, False, inner)
        return ": " + self._value(value, column + 2, template, flow, column + 2)

    def _value(
        self, value: object, column: int, template: Any, flow: bool, block_indent: int
    ) -> str:
        """``value`` written from ``column`` on: its first line without indentation,
        the others indented; in flow style if ``flow``; nested values in the style of
        the same place in ``template`` (a node of a neighbour), where it has one."""
        yaml = self.yaml
        if flow and isinstance(value, dict | list):
            return self._flow(value)
        if isinstance(value, dict) and value:
            if isinstance(template, yaml.MappingNode):  # the neighbour's key order
                order = {k.value: n for n, (k, _) in enumerate(template.value)}
                keys = sorted(value, key=lambda k: order.get(k, len(order)))
                value = {k: value[k] for k in keys}
            entries = []
            for key, item in value.items():
                sub = None
                if isinstance(template, yaml.MappingNode):
                    sub = next((v for k, v in template.value if k.value == key), None)
                entries.append(
                    self._scalar(key, None, 0, flow=False, key=True)
                    + self._after_key(item, column, sub)
                )
            return ("\n" + " " * column).join(entries)
        if isinstance(value, list) and value:
            sub = (
                template.value[0]
                if isinstance(template, yaml.SequenceNode) and template.value
                else None
            )
            sub_flow = bool(getattr(sub, "flow_style", False))
            return ("\n" + " " * column).join(
                "- " + self._value(item, column + 2, sub, sub_flow, column + 2) for item in value
            )
        if isinstance(value, dict | list):
            return "{}" if isinstance(value, dict) else "[]"
        style = template.style if isinstance(template, yaml.ScalarNode) else None
        if style in ("|", ">"):
            style = None
        return self._scalar(value, style, block_indent, flow=flow)

"""The nested value types: a mapping with its own fields (a notice, a menu
entry, a form, an attachment) and a list of them. Each nested value keeps its
own line, so a mistake inside one points at the line where it is written."""

from __future__ import annotations

import re
from typing import Any

from ..problems import hint
from .source import Value
from .types import Context, FieldType, Invalid, closest, yaml_scalar


class Mapping(FieldType):
    """A nested mapping with its own fields (a form, a menu entry, a notice)."""

    def __init__(self, fields: dict[str, FieldType], required: tuple[str, ...], example: str,
                 from_text: str | None = None, labels: dict[str, str] | None = None, each_alone: bool = False):
        """each_alone: a key whose value is wrong is left out alone (reported), the others kept
        (addresses that stand each on its own: site.yaml's services)."""
        self.fields = fields
        self.required = required
        self.example = example
        self.from_text = from_text
        self.labels = labels or {}  # Vietnamese name of each key, for forms (the admin page)
        self.each_alone = each_alone

    def parse(self, value: Value, context: Context) -> dict[str, Any]:
        data = value.data
        if isinstance(data, str) and self.from_text:
            data = {self.from_text: Value(data, value.line, value.column)}
        if not isinstance(data, dict):
            raise Invalid("expected-mapping", key=context.key, example=self.example)
        result: dict[str, Any] = {}
        left_out: Invalid | None = None
        for name, item in data.items():
            if name not in self.fields:
                suggestion = closest(name, list(self.fields))
                if not re.fullmatch(r"[A-Za-z_]+", name):  # words: a comma cut a value in two
                    extra = hint("comma-in-value", keys=", ".join(self.fields))
                elif suggestion:
                    extra = hint("did-you-mean", suggestion=suggestion)
                else:
                    extra = hint("known-keys", keys=", ".join(self.fields))
                raise Invalid("unknown-key", key=f"{context.key} › {name}", kind=context.key, hint=extra)
            if item.data in (None, "", []):
                continue  # an empty optional key, as forms (the admin page) may write it
            sub = Context(context.path, f"{context.key} › {name}", context.site_files, context.refused,
                          context.shift)
            try:
                result[name] = self.fields[name].parse(item, sub)
            except Invalid as invalid:
                if invalid.line is None:  # point at the nested key's own line
                    invalid.line, invalid.column = item.line, item.column
                if not self.each_alone or invalid.fixed is not None:
                    raise
                if left_out is None:
                    left_out = invalid
                else:
                    left_out.also.append(invalid)
        if left_out is not None:
            left_out.fixed = result  # the keys that were right are used
            raise left_out
        for name in self.required:
            if result.get(name) in (None, ""):
                raise Invalid("missing-field", key=f"{context.key} › {name}", help="",
                              example=yaml_scalar(getattr(self.fields[name], "example", "...")))
        return result

    def scaffold(self, example: Any) -> str:
        return str(example)


class MappingList(FieldType):
    """A list of nested mappings (forms, menu).

    withhold: the key naming an item's file (a document's attachments, a
    procedure's forms). An item whose file cannot be published is then left
    out alone, as {'withheld': the file as written}, and the others are kept:
    one refused attachment must not take the signed PDF with it."""

    def __init__(self, item: Mapping, example: str, max_items: int = 50, withhold: str | None = None):
        self.item = item
        self.example = example
        self.max_items = max_items
        self.withhold = withhold

    def parse(self, value: Value, context: Context) -> tuple[dict[str, Any], ...]:
        data = value.data
        if data is None:
            return ()
        if not isinstance(data, list):
            data = [value]
        if len(data) > self.max_items:
            raise Invalid("too-many-items", key=context.key, count=len(data), limit=self.max_items)
        if self.withhold is None:
            return tuple(self.item.parse(item, context) for item in data)
        return self._each_alone(data, context)

    def _each_alone(self, data: list, context: Context) -> tuple[dict[str, Any], ...]:
        kept: list[dict[str, Any]] = []
        first: Invalid | None = None
        for item in data:
            try:
                kept.append(self.item.parse(item, context))
            except Invalid as invalid:
                written = self._written(item)
                if invalid.code not in ("missing-file", "refused-file-used", "bad-path") or not written:
                    raise
                kept.append({"withheld": written})
                first = first or invalid
        if first is None:
            return tuple(kept)
        why = hint("why-missing" if first.code == "missing-file" else "why-refused")
        withheld = Invalid("attachment-withheld", fixed=tuple(kept), key=context.key,
                           value=first.params.get("value", ""), why=why)
        withheld.line, withheld.column = first.line, first.column
        raise withheld

    def _written(self, item: Value) -> str:
        """The item's file as the editor wrote it ('' when there is none)."""
        data = item.data
        if isinstance(data, str) and self.item.from_text == self.withhold:
            return data.strip()
        found = data.get(self.withhold) if isinstance(data, dict) else None
        return str(found.data).strip() if isinstance(found, Value) and found.data else ""

    def scaffold(self, example: Any) -> str:
        return str(example)

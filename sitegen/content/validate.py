"""Checking one file's fields against its kind's declaration.

A bad optional field is reported and left out; a missing or bad required
field makes the item unusable but is still fully reported; an unknown key
is a warning with "did you mean". Messages name the file, line and column.
"""

from __future__ import annotations

from typing import Any

from ..problems import Problem, Severity, hint, problem
from .dates import NO_SHIFT, DateShift
from .kind import Kind
from .source import Value
from .types import Context, Invalid, closest, yaml_scalar


def validate(kind: Kind, fields: dict[str, Value], path: str,
             site_files: frozenset[str], refused: frozenset[str] = frozenset(), shift: DateShift = NO_SHIFT
             ) -> tuple[dict[str, Any], dict[str, int], list[Problem], bool]:
    """Check fields against a kind: values (defaults filled), lines, problems, usable.

    A bad optional field is reported and left out; a missing or bad required
    field makes the item unusable (usable=False) but is still fully reported.
    """
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for name, value in fields.items():
        declared = kind.field(name)
        if declared is None:
            problems.append(_unknown_key(kind, name, value, path))
            continue
        lines[name] = value.line
        if value.data in (None, "", []):
            continue
        try:
            values[name] = declared.type.parse(value, Context(path, name, site_files, refused, shift))
        except Invalid as invalid:
            for found in (invalid, *invalid.also):
                line, column = (found.line, found.column) if found.line else (value.line, value.column)
                problems.append(problem(path, line, found.code, found.severity, column=column, **found.params))
            if invalid.fixed is not None:  # the value used instead (a warning's, or the items kept)
                values[name] = invalid.fixed
            elif declared.required:
                lines[name] = -value.line  # reported already: not "missing" too
    usable = True
    for declared in kind.fields:
        if values.get(declared.name) not in (None, ""):
            continue
        if not declared.required:
            values[declared.name] = declared.default
            continue
        usable = False
        line = lines.get(declared.name)
        if line is None or line > 0:
            problems.append(problem(path, line or _first_line(fields), "missing-field",
                                    key=declared.name, help=declared.help,
                                    example=yaml_scalar(declared.example_value())))
    return values, {k: abs(v) for k, v in lines.items()}, problems, usable


def _unknown_key(kind: Kind, name: str, value: Value, path: str) -> Problem:
    suggestion = closest(name.lower(), kind.names)
    extra = (hint("did-you-mean", suggestion=suggestion) if suggestion
             else hint("known-keys", keys=", ".join(kind.names)))
    return problem(path, value.line, "unknown-key", Severity.WARNING, column=value.column,
                   key=name, kind=kind.label, hint=extra)


def _first_line(fields: dict[str, Value]) -> int:
    """Where a missing key belongs: the line of the first key written, else line 1."""
    return min((v.line for v in fields.values()), default=1)

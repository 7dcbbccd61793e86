"""One type for every mistake the build finds, and how a message is worded.

A Problem names the file, line and column and carries a code plus the values
its message needs. The wording of every code lives in the message catalogue
(sitegen/messages/), in Vietnamese (for editors, the default) and English, so
the checker, the build, the live preview and the webmaster's report all say
the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from .messages.editors import HINTS, MESSAGES, SEVERITIES


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_WORDS = {lang: {severity: SEVERITIES[severity.value][index] for severity in Severity}
                  for index, lang in enumerate(("vi", "en"))}  # lang -> severity -> its word


@dataclass(frozen=True)
class Problem:
    """A mistake (or a note) about one place in the editors' files."""

    path: str
    line: int | None
    column: int | None
    severity: Severity
    code: str
    params: tuple[tuple[str, str], ...] = field(default=())

    def message(self, lang: str = "vi") -> str:
        return worded(MESSAGES, self.code, self.params, lang)

    def location(self) -> str:
        parts = [_UNPRINTABLE.sub(_escaped, self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self, lang: str = "vi") -> str:
        """'path:line:column: lỗi: message'; a message's further lines (an example,
        a value written on several lines) are indented and control characters
        shown escaped, so nothing an editor writes (in a file or its name) can
        pass for another problem or drive the webmaster's terminal."""
        word = SEVERITY_WORDS["en" if lang == "en" else "vi"][self.severity]
        message = "\n    ".join(_UNPRINTABLE.sub(_escaped, line) for line in self.message(lang).split("\n"))
        return f"{self.location()}: {word}: {message}"

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.column or 0, self.code)


def problem(
    path: str,
    line: int | None,
    code: str,
    /,
    severity: Severity = Severity.ERROR,
    column: int | None = None,
    **params: object,
) -> Problem:
    """path, line and code come first and are never keywords, so a message may
    itself have a value named 'code' or 'path' (a procedure code, a file)."""
    if code not in MESSAGES:
        raise KeyError(f"no wording for problem code {code!r}")
    return Problem(path, line, column, severity, code, tuple((k, _as_param(v)) for k, v in params.items()))


def worded(catalogue: dict[str, tuple[str, str]], key: str, params: tuple[tuple[str, object], ...],
           lang: str = "vi") -> str:
    """A catalogue's message in a language, its placeholders filled."""
    vi, en = catalogue[key]
    template = en if lang == "en" else vi
    values = {name: _localised(value, lang) for name, value in params}
    return template.format_map(_Defaulting(values))


def params_of(values: dict[str, object]) -> tuple[tuple[str, object], ...]:
    """A message's values as a problem keeps them: texts, or words in both languages."""
    return tuple((k, _as_param(v)) for k, v in values.items())


def hint(name: str, **params: object) -> "Hint":
    """A hint appended to a message (did-you-mean ...), localised when shown."""
    return Hint(name, tuple((k, _as_param(v)) for k, v in params.items()))


@dataclass(frozen=True)
class Hint:
    name: str
    params: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Words:
    """A piece of a message written in both languages (e.g. a YAML hint)."""

    vi: str
    en: str


def _as_param(value: object) -> object:
    if isinstance(value, (Hint, Words)):
        return value
    return str(value)


def _localised(value: object, lang: str) -> str:
    if isinstance(value, Words):
        return value.en if lang == "en" else value.vi
    if isinstance(value, Hint):
        vi, en = HINTS[value.name]
        return (en if lang == "en" else vi).format(**dict(value.params))
    return str(value)


# Control characters and line breaks in a file's name, shown as \n, \x1b ...
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escaped(match: re.Match) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return ""


def count(problems, severity: Severity) -> int:
    return sum(1 for p in problems if p.severity == severity)

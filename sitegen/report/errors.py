"""The report's two refusals, light to import: the command line checks its
arguments with them before any build starts."""

from __future__ import annotations

from ..messages.console import Said, both, say


class ReportError(Said, OSError):
    """The report folder cannot be written; message(lang) says why."""


class RequiredError(ValueError):
    """The required-items file cannot be used; message(lang) names the file and the key."""

    def __init__(self, source: str, code: str, **values: object):
        super().__init__(f"{source}: {both(code, **values)}")
        self.source = source
        self.code = code
        self.values = values

    def message(self, lang: str = "vi") -> str:
        return f"{self.source}: {say(self.code, lang, **self.values)}"

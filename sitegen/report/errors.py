"""The report's two refusals, light to import: the command line checks its
arguments with them before any build starts."""

from __future__ import annotations

from ..messages.console import Said


class ReportError(Said, OSError):
    """The report folder cannot be written; message(lang) says why."""


class RequiredError(Said, ValueError):
    """The required-items file cannot be used; message(lang) names the file and the key."""

    def __init__(self, source: str, code: str, **values: object):
        super().__init__(code, **values)
        self.source = source

    def message(self, lang: str = "vi") -> str:
        return f"{self.source}: {super().message(lang)}"

    def __str__(self) -> str:
        return f"{self.source}: {super().__str__()}"

"""The report's two refusals, light to import: the command line checks its
arguments with them before any build starts."""

from __future__ import annotations

from ..messages.console import Said


class ReportError(Said, OSError):
    """The report folder cannot be written; message(lang) says why."""


class RequiredError(ValueError):
    """The required-items file cannot be used; the message names the key, in both languages."""

    def __init__(self, source: str, vi: str, en: str):
        super().__init__(f"{source}: {vi} / {en}")
        self.source = source
        self.vi = vi
        self.en = en

    def message(self, lang: str = "vi") -> str:
        return f"{self.source}: {self.en if lang == 'en' else self.vi}"

"""Progress while building dozens to hundreds of sites.

In a terminal: a bar per phase (rich). Elsewhere (CI logs, a file): a plain
line when a phase starts, at every tenth of the way and when it ends.
"""

from __future__ import annotations

import sys
from typing import TextIO

from .messages.console import CONSOLE, say


def _phase(phase: str, lang: str) -> str:
    """A phase's name ('read', 'render') in the language asked for."""
    return say(f"phase-{phase}", lang) if f"phase-{phase}" in CONSOLE else phase


class PlainProgress:
    def __init__(self, stream: TextIO, lang: str):
        self.stream = stream
        self.lang = lang
        self._last: dict[str, int] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        step = max(1, total // 10)
        last = self._last.get(phase, 0)
        if done == total or done - last >= step or (done == 1 and not last):
            print(f"{_phase(phase, self.lang)}: {done}/{total} {say('progress-sites', self.lang)}",
                  file=self.stream, flush=True)
            self._last[phase] = done

    def close(self) -> None:
        pass


class BarProgress:
    def __init__(self, stream: TextIO, lang: str):
        self.stream = stream
        self.lang = lang
        self.progress = None  # made at the first step: a build with nothing to do shows none
        self.tasks: dict[str, int] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        if self.progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), console=Console(file=self.stream))
            self.progress.start()
        if phase not in self.tasks:
            self.tasks[phase] = self.progress.add_task(_phase(phase, self.lang), total=total)
        self.progress.update(self.tasks[phase], completed=done, total=total)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def progress_for(stream: TextIO | None = None, lang: str = "vi"):
    stream = stream or sys.stdout
    if stream.isatty():
        return BarProgress(stream, lang)
    return PlainProgress(stream, lang)

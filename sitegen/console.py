"""What the commands print of the editors' problems in the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

from .messages.console import say
from .problems import Problem, Severity

PRINTED = 100  # problems printed at most; the rest are counted (the report lists them all)


def print_problems(problems: list[Problem], lang: str, notes: bool = False, report: Path | None = None) -> None:
    """Errors, then warnings (and notes, when asked), at most PRINTED of them: a
    province with thousands of problems must not flood the terminal."""
    sys.stdout.flush()
    shown = [p for p in problems if notes or p.severity != Severity.INFO]
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    shown.sort(key=lambda p: order[p.severity])  # stable: by file within each severity
    for found in shown[:PRINTED]:
        print(found.format(lang), file=sys.stderr)
    if len(shown) > PRINTED:
        where = say("more-in-report", lang, report=report / "index.html") if report else say("more-by-site", lang)
        print(say("more-problems", lang, more=len(shown) - PRINTED, where=where), file=sys.stderr)


def counts(problems: list[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for p in problems if p.severity == Severity.ERROR)
    return errors, sum(1 for p in problems if p.severity == Severity.WARNING)

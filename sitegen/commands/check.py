"""`check`: read and validate everything, write nothing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..problems import Problem
from ..portal.read import read_portal


def check(sites: Path, now: datetime, only: tuple[str, ...] = ()) -> list[Problem]:
    _portal, problems = read_portal(sites, now)
    if only:
        folders = tuple(str(sites / slug) for slug in only)
        problems = [p for p in problems
                    if p.path in folders or p.path.startswith(tuple(f + "/" for f in folders))]
    return sorted(problems, key=Problem.sort_key)

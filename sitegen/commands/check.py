"""`check`: read and validate everything, write nothing."""

from __future__ import annotations

from datetime import datetime

from ..content import Trees, find_site
from ..content.kind import Registry
from ..content.kinds import DEFAULT
from ..portal.read import read_portal
from ..problems import Problem


def check(sites: Trees, now: datetime, only: tuple[str, ...] = (), kinds: Registry = DEFAULT,
          root: str | None = None) -> list[Problem]:
    _portal, problems = read_portal(sites, now, kinds=kinds, root=root)
    if only:
        folders = tuple(str(find_site(sites, slug) or slug) for slug in only)
        problems = [p for p in problems
                    if p.path in folders or p.path.startswith(tuple(f + "/" for f in folders))]
    return sorted(problems, key=Problem.sort_key)

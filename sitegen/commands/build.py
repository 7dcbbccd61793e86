"""`build`: the whole portal, as a recipe of named steps.

read content → build the portal → plan each site's outputs → render →
write into a staging folder → swap it in. Every content problem is
collected and reported; everything valid is still published.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..content import load_sites
from ..content.types import LOCAL_TZ
from ..outputs.plan import plan_site
from ..portal.model import Portal, build_portal
from ..problems import Problem, Severity
from ..publish.staging import Staging
from ..render.renderer import Renderer
from ..render.theme import Theme


@dataclass(frozen=True)
class BuildSettings:
    sites: Path
    out: Path
    now: datetime


@dataclass
class BuildResult:
    sites: int = 0
    pages: int = 0
    feeds: int = 0
    files: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == Severity.WARNING)


def build_time(text: str | None = None) -> datetime:
    """The build's 'now': given, else SOURCE_DATE_EPOCH (reproducible builds), else the clock."""
    if text:
        from ..content.types import parse_when

        return parse_when(text).moment
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).astimezone(LOCAL_TZ)
    return datetime.now(LOCAL_TZ).replace(microsecond=0)


def read_portal(sites: Path, now: datetime) -> tuple[Portal | None, list[Problem]]:
    """The first two stages, shared by build, check, serve and report."""
    contents, problems = load_sites(sites, now)
    portal, portal_problems = build_portal(contents, now)
    return portal, problems + portal_problems


def build(settings: BuildSettings) -> BuildResult:
    started = time.perf_counter()
    result = BuildResult()
    portal, problems = read_portal(settings.sites, settings.now)
    result.problems.extend(problems)
    if portal is None:
        result.seconds = time.perf_counter() - started
        return result
    theme = Theme.load()
    renderer = Renderer(theme)
    with Staging(settings.out, protect=(settings.sites,)) as stage:
        written: set[str] = set()
        for site in portal.sites:
            for output in plan_site(site, theme.static_files):
                if output.path in written:
                    continue  # slugs are made unique per site; never overwrite
                written.add(output.path)
                _publish(stage, renderer, output, site.folder, theme)
                _count(result, output.renderer)
        result.problems.extend(renderer.problems)
        stage.commit({"generator": "sitegen"})
    result.sites = len(portal.sites)
    result.problems.sort(key=Problem.sort_key)
    result.seconds = time.perf_counter() - started
    return result


def _publish(stage: Staging, renderer: Renderer, output, site_folder: str, theme: Theme) -> None:
    if output.renderer == "copy":
        stage.copy(output.path, Path(site_folder) / output.source)
    elif output.renderer == "theme":
        stage.copy(output.path, theme.static_path(output.source))
    else:
        stage.write(output.path, renderer.render(output))


def _count(result: BuildResult, renderer: str) -> None:
    if renderer == "page":
        result.pages += 1
    elif renderer in ("feed", "calendar"):
        result.feeds += 1
    elif renderer in ("copy", "theme"):
        result.files += 1

"""Reading the whole portal: every site folder (in parallel), then the tree.

The first two stages of every command that looks at content (build, check,
serve, report): read and validate each site folder into a SiteContent, then
build the Portal from them. A site folder's files are read again only when
their bytes changed since the last build (the cache keeps each file's result).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Callable

from ..content import Trees, site_folders
from ..content.dates import NO_SHIFT, DateShift
from ..content.kind import Registry
from ..content.kinds import DEFAULT
from ..problems import Problem

Progress = Callable[[str, int, int], None]  # (phase, done, total)


def read_portal(sites: Trees, now: datetime, cache=None, workers: int | None = None,
                progress: Progress | None = None, kinds: Registry = DEFAULT, root: str | None = None):
    """Every site read and put in its tree: (portal or None, problems). root: the
    root portal's folder when the webmaster names it (--root)."""
    from .model import build_portal

    rules = root_rules(sites, now, root, kinds)
    contents, problems = read_sites(sites, now, cache, workers, progress, kinds=kinds,
                                    grants=rules.grants, shift=rules.shift)
    portal, portal_problems = build_portal(contents, now, kinds, root)
    return portal, [p for found in problems.values() for p in found] + portal_problems


@dataclass(frozen=True)
class _ReadJob:
    sites: Trees
    now: datetime
    cache: object  # incremental.cache.BuildCache, or None
    kinds: Registry
    grants: frozenset[str]  # the folders of the sites the root lets write raw HTML
    shift: DateShift = NO_SHIFT  # a sample portal's dates moved (root_rules)


@dataclass(frozen=True)
class RootRules:
    """What the root portal's site.yaml decides for every site before any site is read."""
    grants: frozenset[str] = frozenset()  # the folders allowed raw HTML (its allow_html_sites)
    shift: DateShift = NO_SHIFT  # how a sample portal's dates move (its sample_dated)


def root_rules(sites: Trees, now: datetime, root: str | None = None, kinds: Registry = DEFAULT) -> RootRules:
    """The root's rules, from one reading of every site.yaml, the root found as the
    portal will find it. Only the root's allow_html_sites counts, so a commune's
    editor cannot grant raw HTML to their own site."""
    config = _root_config(sites, root, kinds)
    if config is None:
        return RootRules()
    return RootRules(frozenset(config.allow_html_sites), _date_shift(config.sample_dated, now))


def _date_shift(dated: datetime | None, now: datetime) -> DateShift:
    """How a sample portal's dates move: from the week of the root's sample_dated
    to this week, in whole weeks (a Monday's events stay on a Monday), never
    back; only the items the sample wrote (a date before the Monday after its
    week) move: what an editor writes in it since keeps its dates (DateShift).
    A real portal (no sample_dated) does not move."""
    if dated is None:
        return NO_SHIFT
    monday = datetime.combine(dated.date() - timedelta(days=dated.weekday()), time(), dated.tzinfo)
    weeks = (now.astimezone(dated.tzinfo).date() - monday.date()).days // 7
    if weeks <= 0:
        return NO_SHIFT
    return DateShift(timedelta(weeks=weeks), monday + timedelta(weeks=1))


def _root_config(sites: Trees, root: str | None, kinds: Registry):
    """The root portal's site.yaml (None when there are no sites), found as the portal finds it."""
    from ..content.loader import read_site_config
    from .model import find_root

    configs = {}
    for folder in site_folders(sites):
        config = read_site_config(folder, kinds)
        if config is not None:
            configs[config.slug] = config
    return configs[find_root(configs, root)] if configs else None


def read_sites(sites: Trees, now: datetime, cache, workers: int | None, progress: Progress | None,
               skip: frozenset[str] = frozenset(), kinds: Registry = DEFAULT,
               grants: frozenset[str] = frozenset(), shift: DateShift = NO_SHIFT
               ) -> tuple[list, dict[str, list[Problem]]]:
    """Read every site folder but those in skip: the contents, and the problems by
    folder name; grants and shift: the root's rules (root_rules)."""
    from ..content import portal_trees
    from ..parallel import run_all
    from ..problems import problem

    folders = site_folders(sites)
    if not folders:
        shown = ", ".join(str(tree) for tree in portal_trees(sites))
        return [], {"": [problem(shown, None, "no-sites", folder=shown)]}
    folders = [f for f in folders if f.name not in skip]
    contents, problems = {}, {}
    job = _ReadJob(sites, now, cache, kinds, grants, shift)
    for done, (folder, loaded) in enumerate(run_all(_read_one_site, job, folders, workers), 1):
        content, found = loaded
        problems[folder.name] = found
        if content is not None:
            contents[folder] = content
        if progress:
            progress("read", done, len(folders))
    return [contents[f] for f in folders if f in contents], problems


def _read_one_site(job: _ReadJob, folder: Path):
    from ..content.loader import load_site
    from ..content.markdown import MarkdownRenderer

    earlier = job.cache.site_files(folder.name) if job.cache else {}
    texts = job.cache.site_texts(folder.name) if job.cache else {}
    result = load_site(folder, str(folder), job.now, MarkdownRenderer(), earlier, job.kinds,
                       html_allowed=folder.name in job.grants, texts=texts, shift=job.shift)
    if job.cache is not None and result.cache != earlier:
        job.cache.save_site_files(folder.name, result.cache)
    if job.cache is not None and result.texts != texts:
        job.cache.save_site_texts(folder.name, result.texts)
    return result.content, result.problems

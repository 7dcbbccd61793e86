"""The build of the whole portal, as a recipe of named steps (the `build`
command, the preview and the tests run it).

  1. nothing changed?  the inputs' fingerprint equals the last build's: done
  2. read             every site folder, in parallel, reusing unchanged files; a site
                      whose folder is unchanged is taken as last published
  3. portal           the tree of sites, inheritance, aggregation
  4. plan and render  every site's outputs, in parallel, into a staging folder; a
                      site whose inputs are unchanged keeps its files, an output
                      whose fingerprint is unchanged is linked; Pagefind writes
                      each changed index (or shard of one) while other sites render
  5. publish          swap the staging folder in at once
  6. report           the webmaster's report, beside the output
  7. remember         what was built, for the next build

--site SLUG makes steps 2 and 4 take every other site as last published.
The decisions of steps 1, 2 and 4 are the incremental engine's
(sitegen/incremental/, one Increment passed along); the result
is the same, byte for byte, whatever the cache held. Every content problem
is collected and reported; everything valid is still published.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .content.kind import Registry
from .content.kinds import DEFAULT
from .parallel import collector_paused
from .portal.read import Progress
from .problems import Problem, Severity
from .incremental import Increment, SiteBuild, Sources, next_change, next_changes
from .incremental.decisions import render_order
from .render import DEFAULT_THEME

if TYPE_CHECKING:
    from .portal.model import Portal

SMALL_PORTAL_FILES = 400  # below this, one process builds faster than several


@dataclass(frozen=True)
class BuildSettings:
    sites: Path | tuple[Path, ...]  # the folder of site folders, or several (--sites, repeatable)
    out: Path
    now: datetime
    workers: int | None = None  # None: every core
    use_cache: bool = True
    report: Path | None = None  # where to write the webmaster's report; None: none
    required: Path | None = None  # the webmaster's own list of required items
    only: tuple[str, ...] = ()  # --site: these site folders (and the sites above them); others kept
    search: bool = True  # False: keep each site's last search index (serve, until the editor pauses)
    kinds: Registry = DEFAULT
    root: str | None = None  # --root: the root portal's folder (else the one site without a parent)


@dataclass
class BuildResult:
    sites: int = 0
    pages: int = 0
    feeds: int = 0
    files: int = 0
    rendered: int = 0  # outputs rendered this time (the rest were unchanged)
    unchanged: bool = False  # nothing to do: the inputs are as last time
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    published: frozenset[str] | None = None  # every output's path, once published
    next_change: datetime | None = None  # when the same input next gives other output (scheduled news ...)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == Severity.WARNING)


def build(settings: BuildSettings, progress: Progress | None = None) -> BuildResult:
    from .portal.read import root_rules

    started = time.perf_counter()
    rules = root_rules(settings.sites, settings.now, settings.root, settings.kinds)
    # A sample portal's dates move each week: what was read and made under another shift is stale.
    increment = Increment.start(settings.sites, settings.out, f"{settings.kinds.signature()};{rules.shift.by.days}",
                                DEFAULT_THEME, settings.use_cache)
    if settings.workers is None and increment.inputs.count < SMALL_PORTAL_FILES:
        settings = replace(settings, workers=1)  # starting workers would cost more than it saves
    earlier = increment.as_last_built(settings.out, settings.now)
    if earlier is not None:  # 1. nothing changed
        return _as_published(settings, increment.cache, earlier, started)
    result = BuildResult()
    with collector_paused():
        sources = _read(settings, increment, progress, rules)  # 2. read
        portal, ledger = _portal(settings, sources, result)  # 3. portal
        gc.freeze()  # all that lives until the build ends: later passes of the collector skip it
    try:
        prepared = _render_and_publish(portal, settings, increment, ledger, result, progress) \
            if portal is not None else None  # 4, 5 (and 6 made while the search index is)
    finally:
        gc.unfreeze()
    result.problems.sort(key=Problem.sort_key)
    if portal is not None:
        _write_report(settings, portal, result.problems, result.published, prepared)  # 6. report
        _remember(settings, increment, portal, result)  # 7. remember
    result.seconds = time.perf_counter() - started
    return result


def _as_published(settings: BuildSettings, cache, earlier: dict, started: float) -> BuildResult:
    """Nothing changed: the published portal stands; the report, which counts
    days (stale news), is made anew once a day."""
    result = BuildResult(**earlier, unchanged=True, next_change=cache.state().get("until"))
    if settings.report and cache.state().get("report_day") != settings.now.date():
        from .portal.read import read_portal

        portal, _problems = read_portal(settings.sites, settings.now, cache, settings.workers,
                                        kinds=settings.kinds, root=settings.root)
        _write_report(settings, portal, result.problems)
        cache.save_state({**cache.state(), "report_day": settings.now.date()})
    result.seconds = time.perf_counter() - started
    return result


def _read(settings: BuildSettings, increment: Increment, progress: Progress | None, rules) -> Sources:
    """Every site's content: read from its folder, or as last published when that still holds."""
    from .portal.read import read_sites

    kept = increment.not_to_read(settings.now, settings.only, rules.grants)
    contents, problems = read_sites(settings.sites, settings.now, increment.cache, settings.workers, progress,
                                    skip=frozenset(kept), kinds=settings.kinds, grants=rules.grants,
                                    shift=rules.shift)
    for name, snapshot in kept.items():
        contents.append(snapshot.content)
        problems[name] = list(snapshot.problems)
    contents.sort(key=lambda c: c.folder)
    return increment.read(contents, problems, kept)


def _portal(settings: BuildSettings, sources: Sources, result: BuildResult):
    """The tree of sites (None when there is no usable root), and the ledger of first publication."""
    from .portal.model import build_portal
    from .publish.ledger import read_ledger

    ledger = read_ledger(settings.out)  # when each document first appeared, kept in the output
    portal, problems = build_portal(sources.contents, settings.now, settings.kinds, settings.root, ledger)
    result.problems.extend(sources.all_problems() + problems)
    if portal is not None:
        result.sites = len(portal.sites)
    return portal, ledger


def _render_and_publish(portal: Portal, settings: BuildSettings, increment: Increment, ledger: dict,
                        result: BuildResult, progress: Progress | None):
    """Steps 4 and 5: every site into a staging folder, then the swap. Returns the
    report, made while Pagefind indexes (None when the indexing added a problem)."""
    from .content import portal_trees
    from .publish.staging import Staging
    from .render.sites import RenderJob
    from .render.theme import Theme

    theme = Theme.load(DEFAULT_THEME)
    increment.decide(portal, settings.now, settings.only, settings.search)
    with Staging(settings.out, protect=portal_trees(settings.sites)) as stage:
        job = RenderJob(portal, settings.kinds, theme, stage, increment, settings.now,
                        next_changes(portal, settings.kinds, settings.now), settings.search,
                        theme.template_fingerprints(),
                        increment.cache.folder / "templates" if increment.cache else None)
        now_built, indexer, indexed = _render_sites(job, settings, result, progress)
        result.published = frozenset(path for record in now_built.values() for path in record.outputs)
        rendering = [found for record in now_built.values() for found in record.problems]
        prepared = _prepare_report(settings, portal, result.problems + rendering, result.published,
                                   increment.cache)
        errors = _finish_search(job, indexer, indexed, now_built, settings)
        _count(now_built, result)
        if increment.cache is not None:
            increment.cache.forget_state()  # until the swap is done, the old state does not hold
        _commit(stage, ledger, portal)
    increment.published(now_built)
    return None if errors else prepared


def _render_sites(job, settings: BuildSettings, result: BuildResult, progress: Progress | None):
    """Every site rendered (in workers), Pagefind writing each changed index as its site is done."""
    from .parallel import run_all
    from .render.sites import render_site
    from .search.indexer import SearchIndexer

    keep = job.increment.keep
    # Kept sites are only linked: with two sites or fewer to make, starting
    # workers would cost more than they save (a one-edit rebuild, a preview).
    workers = 1 if len(job.portal.sites) - len(keep) <= 2 else settings.workers
    slugs = render_order(job.portal, keep, in_process=workers == 1)
    now_built: dict[str, SiteBuild] = {}
    indexer = SearchIndexer()
    indexed: dict[str, list[Path]] = {}
    for done, (slug, outcome) in enumerate(run_all(render_site, job, slugs, workers), 1):
        now_built[slug] = outcome.built
        result.rendered += outcome.rendered
        for run in outcome.index:  # Pagefind writes the site's index while the others render
            indexer.request(run)
            indexed.setdefault(slug, []).append(run.folder)
        if progress:
            progress("render", done, len(slugs))
    return now_built, indexer, indexed


def _finish_search(job, indexer, indexed: dict[str, list[Path]], now_built: dict[str, SiteBuild],
                   settings: BuildSettings) -> dict[str, str]:
    """Wait for Pagefind; a site whose index failed gets a warning. The indexes
    written anew get their compressed copies. Returns the failures by site."""
    from .parallel import workers_available
    from .problems import problem
    from .render.sites import compressor

    errors = indexer.finish(settings.workers or workers_available())
    for slug, error in errors.items():
        found = problem(job.portal.site(slug).folder, None, "search-index", Severity.WARNING, detail=error)
        now_built[slug] = replace(now_built[slug], problems=now_built[slug].problems + (found,))
        indexed.pop(slug, None)
    for folders in indexed.values():  # the indexes' entry and scripts, written anew: their compressed copies
        for folder in folders:
            compressor(job).folder(job.stage, folder.relative_to(job.stage.folder).as_posix())
    return errors


def _count(now_built: dict[str, SiteBuild], result: BuildResult) -> None:
    for record in now_built.values():
        result.problems.extend(record.problems)
        for counted, number in record.counts.items():
            setattr(result, counted, getattr(result, counted) + number)


def _commit(stage, ledger: dict, portal: Portal) -> None:
    """The ledger of first publication beside the pages, then the swap."""
    from .publish.ledger import NAME as LEDGER, ledger_bytes, updated

    stage.write(LEDGER, ledger_bytes(updated(ledger, portal)))
    stage.commit({"generator": "sitegen"})


def _prepare_report(settings: BuildSettings, portal, problems: list[Problem], published: frozenset[str],
                    cache):
    """The webmaster's report, made but not written yet (None when there is none to write)."""
    if settings.report is None or portal is None:
        return None
    from .render.theme import Theme
    from .report.make import prepare_for_build

    return prepare_for_build(portal, sorted(problems, key=Problem.sort_key), settings.report, settings.now,
                             Theme.load(DEFAULT_THEME).static_files, sites=settings.sites, out=settings.out,
                             required=settings.required, kinds=settings.kinds, published=published,
                             compiled=cache.folder / "templates" / "report" if cache else None)


def _write_report(settings: BuildSettings, portal, problems: list[Problem],
                  published: frozenset[str] | None = None, prepared=None) -> None:
    """The webmaster's report, beside the output (never inside it): as prepared
    during the build, or made now. published: every output's path, when this
    build has them (else the report plans them)."""
    if settings.report is None or portal is None:
        return
    if prepared is None:
        prepared = _prepare_report(settings, portal, problems, published, None)
    prepared.write()


def _remember(settings: BuildSettings, increment: Increment, portal: Portal, result: BuildResult) -> None:
    """What the next build compares with. After a --site build, or one that left
    search indexes behind, the output lags the input: the next build must look again."""
    result.next_change = next_change(portal, settings.kinds, settings.now)
    increment.remember(not settings.only and settings.search, settings.now, result.next_change, settings.out,
                       {"sites": result.sites, "pages": result.pages, "feeds": result.feeds, "files": result.files},
                       result.problems)

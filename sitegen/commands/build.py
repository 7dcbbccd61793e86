"""`build`: the whole portal, as a recipe of named steps.

  1. nothing changed?  the inputs' fingerprint equals the last build's: done
  2. read             every site folder, in parallel, reusing unchanged files
  3. portal           the tree of sites, inheritance, aggregation
  4. render           every site's outputs, in parallel, into a staging folder;
                      an output whose fingerprint is unchanged is linked, not rendered
  5. publish          swap the staging folder in; remember what was built

Every content problem is collected and reported; everything valid is still
published. The result is the same, byte for byte, whatever the cache held.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

from ..content import site_folders
from ..content.pictures import RASTER
from ..content.source import MAX_FILE_BYTES
from ..portal import paths
from ..outputs.pictures import PictureError
from ..problems import Problem, Severity
from ..render import DEFAULT_THEME

TEXT_SUFFIXES = (".md", ".markdown", ".yaml", ".yml", ".html", ".css", ".js", ".txt")
SMALL_PORTAL_FILES = 400
PICTURE_WEIGHT = 20  # below this, one process builds faster than several

Progress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass(frozen=True)
class BuildSettings:
    sites: Path
    out: Path
    now: datetime
    workers: int | None = None  # None: every core
    use_cache: bool = True
    report: Path | None = None  # where to write the webmaster's report; None: none
    required: Path | None = None  # the webmaster's own list of required items


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

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == Severity.WARNING)


def read_portal(sites: Path, now: datetime, cache=None, workers: int | None = None,
                progress: Progress | None = None):
    """Steps 2 and 3, shared by build, check, serve and report: (portal, problems)."""
    from ..portal.model import build_portal

    contents, problems = _read_sites(sites, now, cache, workers, progress)
    portal, portal_problems = build_portal(contents, now)
    return portal, problems + portal_problems


def build(settings: BuildSettings, progress: Progress | None = None) -> BuildResult:
    started = time.perf_counter()
    from ..publish.cache import BuildCache, program_version

    version = program_version()
    cache = BuildCache(settings.out, version) if settings.use_cache else None
    inputs, file_count = _input_fingerprint(settings, DEFAULT_THEME, version)
    if settings.workers is None and file_count < SMALL_PORTAL_FILES:
        settings = replace(settings, workers=1)  # starting workers would cost more than it saves
    if cache is not None:
        earlier = _unchanged(cache, settings, inputs)
        if earlier is not None:
            result = BuildResult(**earlier, unchanged=True)
            if settings.report and cache.state().get("report_day") != settings.now.date():
                # Same output, but the report counts days (stale news): make it anew.
                portal, _problems = read_portal(settings.sites, settings.now, cache, settings.workers)
                _write_report(settings, portal, result.problems)
                cache.save_state({**cache.state(), "report_day": settings.now.date()})
            result.seconds = time.perf_counter() - started
            return result
    from ..render.theme import Theme

    theme = Theme.load(DEFAULT_THEME)
    result = BuildResult()
    portal, problems = read_portal(settings.sites, settings.now, cache, settings.workers, progress)
    result.problems.extend(problems)
    if portal is not None:
        _render_and_publish(portal, settings, theme, cache, version, result, progress)
        result.sites = len(portal.sites)
    result.problems.sort(key=Problem.sort_key)
    if portal is not None:
        _write_report(settings, portal, result.problems)
    if cache is not None and portal is not None:
        cache.save_state({"inputs": inputs, "until": _next_change(portal, settings.now),
                          "out": str(settings.out), "result": _summary(result),
                          "report_day": settings.now.date()})
    result.seconds = time.perf_counter() - started
    return result


def _write_report(settings: BuildSettings, portal, problems: list[Problem]) -> None:
    """The webmaster's report, beside the output (never inside it)."""
    if settings.report is None or portal is None:
        return
    from ..render.theme import Theme
    from .report import write_for_build

    write_for_build(portal, problems, settings.report, settings.now, Theme.load(DEFAULT_THEME).static_files,
                    sites=settings.sites, out=settings.out, required=settings.required)


# Step 1 ---------------------------------------------------------------------

def _input_fingerprint(settings: BuildSettings, theme_folder: Path, version: str) -> tuple[str, int]:
    """Every input file's path and bytes, the theme and the program; and how many files.

    Text (what editors save, often twice within the clock's tick) counts by its
    bytes; pictures and attachments, which may weigh gigabytes, and text files
    too large to be read at all, by size and time.
    """
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{version}\0{os.path.abspath(settings.sites)}\0".encode())
    count = 0
    for top in (settings.sites, theme_folder):
        for directory, subdirs, names in os.walk(top):
            subdirs.sort()
            for name in sorted(names):
                path = os.path.join(directory, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                if not stat.S_ISREG(info.st_mode):
                    continue  # a named pipe or a device: the loader skips it too
                digest.update(f"{path}\0{info.st_size}\0".encode())
                if name.lower().endswith(TEXT_SUFFIXES) and info.st_size <= MAX_FILE_BYTES:
                    _hash_file(digest, path)
                else:
                    digest.update(f"{info.st_mtime_ns}\0".encode())
                # A picture to encode in several sizes weighs like many pages.
                count += PICTURE_WEIGHT if name.lower().endswith(RASTER) else 1
    return digest.hexdigest(), count


def _hash_file(digest, path: str) -> None:
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 16), b""):
                digest.update(block)
    except OSError:
        digest.update(b"unreadable")


def _unchanged(cache, settings: BuildSettings, inputs: str) -> dict | None:
    """The last build's summary if nothing it depends on has changed since."""
    from ..publish.staging import MARKER

    state = cache.state()
    if not state or state.get("inputs") != inputs or state.get("out") != str(settings.out):
        return None
    until = state.get("until")
    if until is not None and settings.now >= until:
        return None  # a scheduled item is due, a notice starts or ends, a new week began
    if not (settings.out / MARKER).is_file():
        return None
    return state["result"]


def _summary(result: BuildResult) -> dict:
    return {"sites": result.sites, "pages": result.pages, "feeds": result.feeds, "files": result.files,
            "problems": list(result.problems)}


def _next_change(portal, now: datetime) -> datetime:
    """The first moment after now at which the same input gives other output."""
    monday = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    moments = [monday + timedelta(days=7)]
    for site in portal.sites:
        moments.extend(m for m in site.scheduled if m > now)
        notice = site.config.notice
        if notice:
            moments.extend(m for m in (notice.start, notice.until) if m and m > now)
    return min(moments)


# Step 2 ---------------------------------------------------------------------

@dataclass(frozen=True)
class _ReadJob:
    sites: Path
    now: datetime
    cache: object


def _read_sites(sites: Path, now: datetime, cache, workers: int | None,
                progress: Progress | None) -> tuple[list, list[Problem]]:
    from ..parallel import run_all
    from ..problems import problem

    folders = site_folders(sites)
    if not folders:
        return [], [problem(str(sites), None, "no-sites", folder=str(sites))]
    contents, problems = {}, []
    job = _ReadJob(sites, now, cache)
    for done, (folder, loaded) in enumerate(run_all(_read_one_site, job, folders, workers), 1):
        content, found = loaded
        problems.extend(found)
        if content is not None:
            contents[folder] = content
        if progress:
            progress("read", done, len(folders))
    return [contents[f] for f in folders if f in contents], problems


def _read_one_site(job: _ReadJob, folder: Path):
    from ..content.loader import load_site
    from ..content.markdown import MarkdownRenderer

    earlier = job.cache.site_files(folder.name) if job.cache else {}
    result = load_site(folder, str(job.sites / folder.name), job.now, MarkdownRenderer(), earlier)
    if job.cache is not None and result.cache != earlier:
        job.cache.save_site_files(folder.name, result.cache)
    return result.content, result.problems


# Steps 4 and 5 --------------------------------------------------------------

@dataclass(frozen=True)
class _RenderJob:
    portal: object
    theme: object
    stage: object
    manifest: dict
    salt: str
    templates: dict  # each theme template's fingerprint
    compiled: Path | None  # where compiled templates are kept
    tools: dict = field(default_factory=dict)  # per process: the renderers, made once


@dataclass
class _SiteOutcome:
    manifest: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    rendered: int = 0
    pages_rendered: int = 0
    problems: list = field(default_factory=list)


def _render_and_publish(portal, settings: BuildSettings, theme, cache, version: str,
                        result: BuildResult, progress: Progress | None) -> None:
    from ..parallel import run_all
    from ..publish.staging import Staging

    with Staging(settings.out, protect=(settings.sites,)) as stage:
        job = _RenderJob(portal, theme, stage, cache.manifest() if cache else {}, version,
                         theme.template_fingerprints(), cache.folder / "templates" if cache else None)
        manifest: dict[str, str] = {}
        slugs = [site.slug for site in portal.sites]
        for done, (_slug, outcome) in enumerate(run_all(_render_one_site, job, slugs, settings.workers), 1):
            manifest.update(outcome.manifest)
            result.problems.extend(outcome.problems)
            result.rendered += outcome.rendered
            for kind, number in outcome.counts.items():
                setattr(result, kind, getattr(result, kind) + number)
            if progress:
                progress("render", done, len(slugs))
        if cache is not None:
            cache.forget_state()  # until the swap is done, the old state does not hold
        stage.commit({"generator": "sitegen"})
    if cache is not None:
        cache.save_manifest(manifest)


_COUNTED = {"page": "pages", "feed": "feeds", "calendar": "feeds", "copy": "files", "theme": "files",
            "picture": "files"}


def _render_one_site(job: _RenderJob, slug: str) -> _SiteOutcome:
    from ..outputs.fingerprint import Fingerprinter
    from ..outputs.plan import plan_site
    from ..render.renderer import Renderer

    site = job.portal.site(slug)
    theme = job.theme
    if "renderer" not in job.tools:
        job.tools["renderer"] = Renderer(theme, {s.slug: Path(s.folder) / "templates"
                                                 for s in job.portal.sites if s.has_templates},
                                         job.compiled)
        job.tools["fingerprints"] = Fingerprinter(job.templates, job.salt)
    renderer, fingerprints = job.tools["renderer"], job.tools["fingerprints"]
    reported = len(renderer.problems)
    outcome = _SiteOutcome()
    written: set[str] = set()
    own_folders: set[str] = set()
    for output in plan_site(site, theme.static_files):
        if output.path in written:
            continue  # slugs are made unique per site; never overwrite
        written.add(output.path)
        key = _fingerprint(output, site, theme, fingerprints)
        # A site with its own templates may show anything: always render it.
        if site.has_templates or job.manifest.get(output.path) != key or not job.stage.reuse(output.path):
            _publish(job.stage, renderer, output, site.folder, theme)
            outcome.rendered += 1
            outcome.pages_rendered += output.renderer == "page"
        if output.renderer == "page" and "/" in output.path[len(site.ref.prefix):]:
            own_folders.add(output.path[len(site.ref.prefix):].split("/", 1)[0])
        outcome.manifest[output.path] = key
        kind = _COUNTED.get(output.renderer)
        if kind:
            outcome.counts[kind] = outcome.counts.get(kind, 0) + 1
    outcome.problems = renderer.problems[reported:]
    _search_index(job, site, outcome, tuple(own_folders))
    return outcome


def _search_index(job: _RenderJob, site, outcome: _SiteOutcome, own_folders: tuple[str, ...]) -> None:
    """The site's Pagefind index: made again only when one of its pages changed."""
    from ..outputs.search import index_site
    from ..problems import problem

    index = site.ref.prefix + paths.SEARCH_INDEX
    if not outcome.pages_rendered and job.stage.reuse_tree(index):
        return
    error = index_site(job.stage.folder / site.ref.prefix, own_folders if site.children else None)
    if error:
        outcome.problems.append(problem(f"{site.folder}", None, "search-index", Severity.WARNING,
                                        detail=error))


def _fingerprint(output, site, theme, fingerprints) -> str:
    if output.renderer in ("copy", "theme", "picture"):
        source = theme.static_path(output.source) if output.renderer == "theme" else Path(site.folder) / output.source
        try:
            stat = source.stat()
        except OSError:
            return ""
        variant = f":{output.data.width}:{output.data.kind}" if output.renderer == "picture" else ""
        return f"{output.renderer}:{source}:{stat.st_size}:{stat.st_mtime_ns}{variant}"
    return fingerprints.output(output)


def _publish(stage, renderer, output, site_folder: str, theme) -> None:
    if output.renderer == "copy":
        stage.copy(output.path, Path(site_folder) / output.source)
    elif output.renderer == "picture":
        try:
            stage.write(output.path, renderer.pictures.encode(Path(site_folder), output.data))
        except PictureError as error:
            renderer.problems.append(error.problem)
            stage.copy(output.path, Path(site_folder) / output.source)
    elif output.renderer == "theme":
        stage.copy(output.path, theme.static_path(output.source))
    else:
        stage.write(output.path, renderer.render(output))

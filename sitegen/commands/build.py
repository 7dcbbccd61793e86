"""`build`: the whole portal, as a recipe of named steps.

  1. nothing changed?  the inputs' fingerprint equals the last build's: done
  2. read             every site folder, in parallel, reusing unchanged files; a site
                      whose folder is unchanged is taken as last published
  3. portal           the tree of sites, inheritance, aggregation
  4. render           every site's outputs, in parallel, into a staging folder: a site
                      whose inputs (its own content, its parent's procedures, its
                      sub-sites' content) are unchanged keeps its files; otherwise
                      an output whose fingerprint is unchanged is linked, not
                      rendered; Pagefind indexes each changed site while the
                      others render
  5. publish          swap the staging folder in; remember what was built

--site SLUG makes steps 2 and 4 take every other site as last published.

Every content problem is collected and reported; everything valid is still
published. The result is the same, byte for byte, whatever the cache held.
"""

from __future__ import annotations

import gc
import hashlib
import os
import stat
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

from ..content import MAX_FILE_BYTES, site_folders
from ..content.pictures import RASTER
from ..portal import paths
from ..outputs.pictures import PictureError
from ..outputs.search import SEARCH_MARK
from ..parallel import collector_paused
from ..portal.read import Progress, read_portal, read_sites
from ..problems import Problem, Severity
from ..render import DEFAULT_THEME

TEXT_SUFFIXES = (".md", ".markdown", ".yaml", ".yml", ".html", ".css", ".js", ".txt")
SMALL_PORTAL_FILES = 400
PICTURE_WEIGHT = 20  # below this, one process builds faster than several

@dataclass(frozen=True)
class BuildSettings:
    sites: Path
    out: Path
    now: datetime
    workers: int | None = None  # None: every core
    use_cache: bool = True
    report: Path | None = None  # where to write the webmaster's report; None: none
    required: Path | None = None  # the webmaster's own list of required items
    only: tuple[str, ...] = ()  # --site: these site folders (and the sites above them); others kept
    search: bool = True  # False: keep each site's last search index (serve, until the editor pauses)


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


def build(settings: BuildSettings, progress: Progress | None = None) -> BuildResult:
    started = time.perf_counter()
    from ..publish.cache import BuildCache, program_version

    version = program_version()
    cache = BuildCache(settings.out, version) if settings.use_cache else None
    inputs = _input_fingerprint(settings, DEFAULT_THEME, version, cache)
    if settings.workers is None and inputs.count < SMALL_PORTAL_FILES:
        settings = replace(settings, workers=1)  # starting workers would cost more than it saves
    if cache is not None:
        earlier = _unchanged(cache, settings, inputs.digest)
        if earlier is not None:
            result = BuildResult(**earlier, unchanged=True)
            if settings.report and cache.state().get("report_day") != settings.now.date():
                # Same output, but the report counts days (stale news): make it anew.
                portal, _problems = read_portal(settings.sites, settings.now, cache, settings.workers)
                _write_report(settings, portal, result.problems)
                cache.save_state({**cache.state(), "report_day": settings.now.date()})
            result.seconds = time.perf_counter() - started
            return result
    from ..portal.model import build_portal
    from ..render.theme import Theme

    theme = Theme.load(DEFAULT_THEME)
    result = BuildResult()
    with collector_paused():
        sources = _read_contents(settings, cache, inputs, progress)
        portal, portal_problems = build_portal(sources.contents, settings.now)
        gc.freeze()  # all that lives until the build ends: later passes of the collector skip it
    try:
        result.problems.extend([p for found in sources.problems.values() for p in found] + portal_problems)
        if portal is not None:
            _render_and_publish(portal, settings, theme, cache, version, sources, result, progress)
            result.sites = len(portal.sites)
    finally:
        gc.unfreeze()
    result.problems.sort(key=Problem.sort_key)
    if portal is not None:
        _write_report(settings, portal, result.problems)
    if cache is not None and portal is not None:
        # After a --site build, or one that left search indexes behind, the output
        # lags the input: the next build must look again.
        complete = not settings.only and settings.search
        cache.save_file_hashes(inputs.hashes.to_keep())
        cache.save_problems(result.problems)  # apart: a build that finds a change never reads them
        cache.save_state({"inputs": inputs.digest if complete else None, "since": settings.now,
                          "until": _next_change(portal, settings.now), "out": str(settings.out),
                          "result": _summary(result), "report_day": settings.now.date()})
    result.seconds = time.perf_counter() - started
    return result


def _write_report(settings: BuildSettings, portal, problems: list[Problem]) -> None:
    """The webmaster's report, beside the output (never inside it)."""
    if settings.report is None or portal is None:
        return
    from ..render.theme import Theme
    from ..report.make import write_for_build

    write_for_build(portal, problems, settings.report, settings.now, Theme.load(DEFAULT_THEME).static_files,
                    sites=settings.sites, out=settings.out, required=settings.required)


# Step 1 ---------------------------------------------------------------------

@dataclass(frozen=True)
class Inputs:
    """Fingerprints of what a build reads: each site folder apart, so a site
    whose folders did not change can keep its pages."""

    digest: str  # everything: the program, the theme, every site folder
    count: int  # how many files (a picture counts as several pages)
    theme: str
    folders: dict  # site folder name -> fingerprint of its files
    hashes: "FileHashes"


class FileHashes:
    """Each text file's digest by its size, time and inode, kept from build to build.

    Hashing every file of a large province takes longer than a one-edit
    build. A file is hashed again when its stat differs, or when it changed
    less than a second before the build that hashed it: a second save within
    the clock's tick would leave its time as it was (git's 'racy' rule).
    """

    def __init__(self, known: dict | None = None):
        self.known = (known or {}).get("files", {})
        self.settled_ns = (known or {}).get("settled_ns", 0)
        self.started_ns = time.time_ns()
        self.seen: dict[str, tuple] = {}

    def digest(self, path: str, info: os.stat_result) -> bytes:
        stamp = (info.st_size, info.st_mtime_ns, info.st_ino)
        entry = self.known.get(path)
        if entry is not None and entry[:3] == stamp and info.st_mtime_ns < self.settled_ns:
            digest = entry[3]
        else:
            digest = _hash_file(path)
        self.seen[path] = (*stamp, digest)
        return digest

    def to_keep(self) -> dict:
        return {"files": self.seen, "settled_ns": self.started_ns - 1_000_000_000}


def _input_fingerprint(settings: BuildSettings, theme_folder: Path, version: str, cache) -> Inputs:
    """Every input file's path and bytes, the theme and the program; and how many files.

    Text (what editors save, often twice within the clock's tick) counts by its
    bytes; pictures and attachments, which may weigh gigabytes, and text files
    too large to be read at all, by size and time.
    """
    hashes = FileHashes(cache.file_hashes() if cache is not None else None)
    theme, count = _folder_fingerprint(theme_folder, hashes)
    folders = {}
    try:
        names = sorted(entry.name for entry in os.scandir(settings.sites) if entry.is_dir())
    except OSError:
        names = []
    for name in names:
        folders[name], files = _folder_fingerprint(os.path.join(settings.sites, name), hashes)
        count += files
    everything = hashlib.blake2b(digest_size=20)
    everything.update(f"{version}\0{os.path.abspath(settings.sites)}\0{theme}\0".encode())
    for name, digest in folders.items():
        everything.update(f"{name}\0{digest}\0".encode())
    return Inputs(everything.hexdigest(), count, theme, folders, hashes)


def _folder_fingerprint(top: str | Path, hashes: FileHashes) -> tuple[str, int]:
    digest = hashlib.blake2b(digest_size=20)
    count = 0
    start = len(os.path.join(top, ""))
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
            digest.update(f"{path[start:]}\0{info.st_size}\0".encode())
            if name.lower().endswith(TEXT_SUFFIXES) and info.st_size <= MAX_FILE_BYTES:
                digest.update(hashes.digest(path, info))
            else:
                digest.update(f"{info.st_mtime_ns}\0".encode())
            # A picture to encode in several sizes weighs like many pages.
            count += PICTURE_WEIGHT if name.lower().endswith(RASTER) else 1
    return digest.hexdigest(), count


def _hash_file(path: str) -> bytes:
    digest = hashlib.blake2b(digest_size=20)
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 16), b""):
                digest.update(block)
    except OSError:
        digest.update(b"unreadable")
    return digest.digest()


def _unchanged(cache, settings: BuildSettings, inputs: str) -> dict | None:
    """The last build's summary if nothing it depends on has changed since."""
    from ..publish.staging import MARKER

    state = cache.state()
    if not state or state.get("inputs") != inputs or state.get("out") != str(settings.out):
        return None
    if not _still_valid(state.get("since"), state.get("until"), settings.now):
        return None  # a scheduled item is due, a notice starts or ends, a new week began
    if not (settings.out / MARKER).is_file():
        return None
    return {**state["result"], "problems": cache.problems()}


def _still_valid(since: datetime | None, until: datetime | None, now: datetime) -> bool:
    """Output made at 'since' is still what 'now' would give: no scheduled moment between."""
    return since is not None and until is not None and since <= now < until


def _summary(result: BuildResult) -> dict:
    return {"sites": result.sites, "pages": result.pages, "feeds": result.feeds, "files": result.files}


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

def _read_contents(settings: BuildSettings, cache, inputs: Inputs, progress: Progress | None) -> "_Sources":
    """Every site's content: read from its folder, or as last published when that still holds."""
    kept = _kept_contents(cache, settings, inputs)
    contents, problems = read_sites(settings.sites, settings.now, cache, settings.workers, progress,
                                     skip=frozenset(kept))
    for name, snapshot in kept.items():
        contents.append(snapshot.content)
        problems[name] = list(snapshot.problems)
    contents.sort(key=lambda c: c.folder)
    return _Sources(contents, inputs, kept, problems)


@dataclass(frozen=True)
class _Snapshot:
    """A site's content as it was when its pages were last made."""

    digest: str  # the SiteBuild it was made with
    tag: str  # the fingerprint of its folder then
    content: object  # SiteContent
    problems: tuple  # found while reading it


@dataclass
class _Sources:
    """Each site's content, read from its folder now or taken from a snapshot."""

    contents: list  # SiteContent, as built into the portal
    inputs: Inputs
    kept: dict  # folder name -> _Snapshot
    problems: dict  # folder name -> what reading it found

    def tag(self, content) -> str:
        name = Path(content.folder).name
        snapshot = self.kept.get(name)
        return snapshot.tag if snapshot else self.inputs.folders.get(name, "")


def _kept_contents(cache, settings: BuildSettings, inputs: Inputs) -> dict[str, _Snapshot]:
    """The sites not to read again, by folder name: their content as last published.

    A site whose folder is as it was, while the clock has crossed no scheduled
    moment, reads the same. With --site, every site not named is taken as last
    published, changed or not; a site never published yet is read and built
    like the named ones: a portal with holes in it is never published.
    """
    if cache is None:
        return {}
    built = cache.built()
    kept = {}
    for name, folder_digest in inputs.folders.items():
        snapshot = cache.snapshot(name)
        record = built.get(snapshot.content.slug) if isinstance(snapshot, _Snapshot) else None
        if record is None or record.digest != snapshot.digest:
            continue
        if settings.only and name not in settings.only:
            kept[name] = snapshot
        elif snapshot.tag == folder_digest and _still_valid(record.since, record.until, settings.now):
            kept[name] = snapshot
    return kept


# Steps 4 and 5 --------------------------------------------------------------

@dataclass(frozen=True)
class SiteBuild:
    """What the last build published for one site, to keep it when nothing it
    depends on has changed (or when --site leaves it out)."""

    digest: str  # _site_digests: the site's inputs and everything it shows of others
    since: datetime  # the build's clock
    until: datetime  # the next moment at which the clock alone changes pages
    outputs: dict  # path -> fingerprint of each file
    counts: dict
    problems: tuple  # those found while rendering (reading reports its own each time)
    indexed: bool = True  # its search index is made from these pages
    searched: frozenset = frozenset()  # its pages Pagefind reads (marked as search bodies)


@dataclass(frozen=True)
class _RenderJob:
    portal: object
    theme: object
    stage: object
    built: dict  # slug -> SiteBuild of the last build
    keep: frozenset  # slugs whose published files are taken as they are
    digests: dict  # slug -> its digest now
    snapshots: dict  # slug -> _Snapshot to save when the site is made anew
    cache: object
    now: datetime
    until: datetime
    search: bool
    salt: str
    templates: dict  # each theme template's fingerprint
    compiled: Path | None  # where compiled templates are kept
    tools: dict = field(default_factory=dict)  # per process: the renderers, made once


@dataclass
class _SiteOutcome:
    built: SiteBuild | None = None
    rendered: int = 0
    pages_rendered: int = 0
    index: tuple | None = None  # to index: (site folder in the output, its own top folders or None, seeded)


def _render_and_publish(portal, settings: BuildSettings, theme, cache, version: str, sources: _Sources,
                        result: BuildResult, progress: Progress | None) -> None:
    from ..outputs.search import SearchIndexer
    from ..parallel import run_all, workers_available
    from ..problems import problem
    from ..publish.staging import Staging

    built = cache.built() if cache else {}
    digests = _site_digests(portal, sources, version)
    chosen = _chosen_sites(portal, settings.only) if settings.only else None
    keep = frozenset(s.slug for s in portal.sites if _can_keep(s, built.get(s.slug), digests[s.slug],
                                                              settings, chosen))
    with Staging(settings.out, protect=(settings.sites,)) as stage:
        snapshots = {c.slug: _Snapshot(digests.get(c.slug, ""), sources.tag(c), c,
                                       tuple(sources.problems.get(Path(c.folder).name, ())))
                     for c in sources.contents}
        job = _RenderJob(portal, theme, stage, built, keep, digests, snapshots,
                         cache, settings.now, _next_change(portal, settings.now), settings.search, version,
                         theme.template_fingerprints(), cache.folder / "templates" if cache else None)
        now_built: dict[str, SiteBuild] = {}
        indexer = SearchIndexer()
        # Kept sites are only linked: with two sites or fewer to make, starting
        # workers would cost more than they save (a one-edit rebuild, a preview).
        workers = 1 if len(portal.sites) - len(keep) <= 2 else settings.workers
        slugs = _render_order(portal, keep, in_process=workers == 1)
        indexed = {}
        for done, (slug, outcome) in enumerate(run_all(_render_one_site, job, slugs, workers), 1):
            now_built[slug] = outcome.built
            result.rendered += outcome.rendered
            if outcome.index is not None:  # Pagefind reads the site while the others render
                prefix, own_folders, seeded = outcome.index
                indexer.request(slug, stage.folder / prefix, own_folders, seeded)
                indexed[slug] = prefix + paths.SEARCH_INDEX
            if progress:
                progress("render", done, len(slugs))
        for slug, error in indexer.finish(settings.workers or workers_available()).items():
            found = problem(portal.site(slug).folder, None, "search-index", Severity.WARNING, detail=error)
            now_built[slug] = replace(now_built[slug], problems=now_built[slug].problems + (found,))
            indexed.pop(slug, None)
        for index in indexed.values():  # the index's scripts, written anew: their compressed copies
            _compressor(job).folder(stage, index)
        for record in now_built.values():
            result.problems.extend(record.problems)
            for kind, number in record.counts.items():
                setattr(result, kind, getattr(result, kind) + number)
        if cache is not None:
            cache.forget_state()  # until the swap is done, the old state does not hold
        stage.commit({"generator": "sitegen"})
    if cache is not None:
        cache.save_built(now_built)


def _site_digests(portal, sources: _Sources, version: str) -> dict[str, str]:
    """For each site, a fingerprint of everything its pages are made from.

    A site shows its own content, the procedures its parent passes down, the
    news its sub-sites send up, and the names and places of every site
    (menus, links, the search's merged indexes). Equal digest, equal pages,
    as long as the clock crosses no scheduled moment. (portal.model builds
    each site from exactly these.)
    """
    from ..outputs.fingerprint import Fingerprinter

    tags = {c.slug: sources.tag(c) for c in sources.contents}
    contents = {c.slug: c for c in sources.contents}
    records = Fingerprinter({}, version)
    shape = hashlib.blake2b(digest_size=20)
    shape.update(f"{version}\0{sources.inputs.theme}\0".encode())
    for site in portal.sites:
        shape.update(repr((site.ref, site.parent and site.parent.slug, site.has_templates)).encode())
    digests = {}
    for site in portal.sites:
        digest = hashlib.blake2b(shape.digest(), digest_size=20)
        digest.update(f"{site.slug}\0{tags.get(site.slug, '')}\0".encode())
        if site.parent and site.parent.slug in contents:
            digest.update(b"inherits\0" + records.value(contents[site.parent.slug].procedures))
        for child in site.children:
            digest.update(f"{child.slug}\0{tags.get(child.slug, '')}\0".encode())
        digests[site.slug] = digest.hexdigest()
    return digests


def _render_order(portal, keep: frozenset, in_process: bool) -> list[str]:
    """Sites to make first, so their search indexing overlaps the linking of the others.

    Workers take the largest first, the root and the parents above their
    communes (the portal's order), so no long site starts last. In this
    process the deepest go first: an edit is most often a commune's, and its
    parent's index seldom changes with it.
    """
    depth: dict[str, int] = {}
    for site in portal.sites:  # the root comes first: each parent is done before its children
        depth[site.slug] = depth[site.parent.slug] + 1 if site.parent else 0
    slugs = [site.slug for site in portal.sites]
    if in_process:
        return sorted(slugs, key=lambda slug: (slug in keep, -depth[slug]))
    return sorted(slugs, key=lambda slug: slug in keep)


def _chosen_sites(portal, only: tuple[str, ...]) -> frozenset[str]:
    """--site: the named sites (by folder) and every site above them, which shows their news."""
    chosen = set()
    by_slug = {s.slug: s for s in portal.sites}
    for site in portal.sites:
        if Path(site.folder).name in only:
            while site is not None and site.slug not in chosen:
                chosen.add(site.slug)
                site = by_slug.get(site.parent.slug) if site.parent else None
    return frozenset(chosen)


def _can_keep(site, record: SiteBuild | None, digest: str, settings: BuildSettings, chosen) -> bool:
    if record is None or site.has_templates:
        return False  # a site's own templates may show anything: always render them
    if chosen is not None and site.slug not in chosen:
        return True
    if settings.search and not record.indexed:
        return False
    return record.digest == digest and _still_valid(record.since, record.until, settings.now)


_COUNTED = {"page": "pages", "feed": "feeds", "calendar": "feeds", "copy": "files", "theme": "files",
            "picture": "files"}


def _render_one_site(job: _RenderJob, slug: str) -> _SiteOutcome:
    site = job.portal.site(slug)
    if slug in job.keep:
        kept = _keep_site(job, site, job.built[slug])
        if kept is not None:
            return kept
    outcome = _make_site(job, site)
    if job.cache is not None and slug in job.snapshots:
        job.cache.save_snapshot(Path(site.folder).name, job.snapshots[slug])
    return outcome


def _keep_site(job: _RenderJob, site, record: SiteBuild) -> _SiteOutcome | None:
    """Take the site's published files as they are; None if one is missing."""
    compressor = _compressor(job)
    for path in record.outputs:
        if not job.stage.reuse(path):
            return None
        compressor.kept(job.stage, path)
    index = site.ref.prefix + paths.SEARCH_INDEX
    if not job.stage.reuse_tree(index) and (job.stage.out / index).exists():
        return None
    return _SiteOutcome(built=record)


def _compressor(job: _RenderJob):
    """This process's maker of compressed copies (publish.compress)."""
    if "compressor" not in job.tools:
        from ..publish.compress import Compressor

        job.tools["compressor"] = Compressor()
    return job.tools["compressor"]


def _make_site(job: _RenderJob, site) -> _SiteOutcome:
    """Render the site's outputs, linking those whose fingerprint is unchanged."""
    from ..outputs.fingerprint import Fingerprinter
    from ..outputs.plan import plan_site
    from ..render.renderer import Renderer

    theme = job.theme
    if "renderer" not in job.tools:
        job.tools["renderer"] = Renderer(theme, {s.slug: Path(s.folder) / "templates"
                                                 for s in job.portal.sites if s.has_templates},
                                         job.compiled)
        job.tools["fingerprints"] = Fingerprinter(job.templates, job.salt)
    renderer, fingerprints, compressor = job.tools["renderer"], job.tools["fingerprints"], _compressor(job)
    earlier = job.built.get(site.slug)
    earlier_outputs = earlier.outputs if earlier else {}
    earlier_searched = earlier.searched if earlier else frozenset()
    reported = len(renderer.problems)
    outcome = _SiteOutcome()
    outputs: dict[str, str] = {}
    counts: dict[str, int] = {}
    own_folders: set[str] = set()
    searched: set[str] = set()
    searched_rendered = False
    for output in plan_site(site, theme.static_files):
        if output.path in outputs:
            continue  # slugs are made unique per site; never overwrite
        key = _fingerprint(output, site, theme, fingerprints)
        # A site with its own templates may show anything: always render it.
        if site.has_templates or earlier_outputs.get(output.path) != key or not job.stage.reuse(output.path):
            data = _publish(job.stage, renderer, output, site.folder, theme)
            compressor.made(job.stage, output.path, data or None, shared=output.renderer == "theme")
            outcome.rendered += 1
            outcome.pages_rendered += output.renderer == "page"
            if output.renderer == "page" and SEARCH_MARK in data:
                searched.add(output.path)
                searched_rendered = True
        else:
            compressor.kept(job.stage, output.path)
            if output.path in earlier_searched:
                searched.add(output.path)
        if output.renderer == "page" and "/" in output.path[len(site.ref.prefix):]:
            own_folders.add(output.path[len(site.ref.prefix):].split("/", 1)[0])
        outputs[output.path] = key
        kind = _COUNTED.get(output.renderer)
        if kind:
            counts[kind] = counts.get(kind, 0) + 1
    stale = (_search_stale(searched, earlier_searched, searched_rendered, outcome.pages_rendered,
                           set(earlier_outputs) - set(outputs))
             or not (earlier and earlier.indexed))
    outcome.index, indexed = _search_index(job, site, stale, tuple(own_folders))
    outcome.built = SiteBuild(job.digests[site.slug], job.now, job.until, outputs, counts,
                              tuple(renderer.problems[reported:]), indexed, frozenset(searched))
    return outcome


def _search_stale(searched: set[str], earlier_searched: frozenset, searched_rendered: bool,
                  pages_rendered: int, removed: set[str]) -> bool:
    """Whether the site's search index no longer matches its pages.

    Pagefind reads only the pages marked as search bodies (items, not lists),
    so a new article that changes the news lists but no other item leaves the
    other sites' indexes as they are. A site with no marked page at all has
    every page read.
    """
    if not searched and not earlier_searched:
        return pages_rendered > 0 or bool(removed)
    return searched_rendered or searched != earlier_searched


def _search_index(job: _RenderJob, site, stale: bool, own_folders: tuple[str, ...]) -> tuple[tuple | None, bool]:
    """What Pagefind must index for the site (or None), and whether the site's index
    will then match its pages. A stale index is kept when search is put off."""
    index = site.ref.prefix + paths.SEARCH_INDEX
    own = own_folders if site.children else None
    if stale and job.search:
        return (site.ref.prefix, own, _seed_index(job.stage, index)), True
    if not job.stage.reuse_tree(index):
        return (site.ref.prefix, own, False), True  # no index yet: make one now
    return None, not stale


def _seed_index(stage, index: str) -> bool:
    """Give Pagefind the published index's files named by their content, which
    it then need not compress again; whether there were any."""
    from ..outputs.search import seed_files

    seeded = False
    for name in seed_files(stage.out / index):
        seeded = stage.reuse(index + name) or seeded
    return seeded


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


def _publish(stage, renderer, output, site_folder: str, theme) -> bytes:
    """Put the output in the staging folder: the bytes written, or b'' for a copied file."""
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
        data = renderer.render(output)
        stage.write(output.path, data)
        return data
    return b""

"""Rendering each site's outputs into the staging folder (in workers).

A site whose pages' inputs did not change keeps its published files (hard
links, no copy); otherwise every output of its plan is rendered, except
those whose fingerprint equals the last build's, which are linked too.
Afterwards it says which of the site's search indexes Pagefind must write
again (site_search): only those holding a page it reads (an item page, not
a list) that changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..content import paths
from ..content.kind import Registry
from ..outputs.plan import OutputKind, plan_site
from ..search.shards import SearchShards
from ..incremental import SiteBuild
from ..search.indexer import SEARCH_MARK
from ..search.site import SearchPages, search_runs
from .writers.pictures import PictureError

if TYPE_CHECKING:
    from ..incremental import Increment
    from ..portal.model import Portal
    from ..publish.staging import Staging
    from .theme import Theme

SHARED = (OutputKind.THEME, OutputKind.BUNDLE)  # the theme's files: the same bytes on every site
COUNTED = {OutputKind.PAGE: "pages", OutputKind.FEED: "feeds", OutputKind.CALENDAR: "feeds",
           OutputKind.COPY: "files", OutputKind.THEME: "files", OutputKind.PICTURE: "files"}


@dataclass(frozen=True)
class RenderJob:
    """What every worker needs to render any site (inherited by forked workers)."""

    portal: Portal
    kinds: Registry
    theme: Theme
    stage: Staging
    increment: Increment  # what each site keeps of the last build, and remembers of this one
    now: datetime
    until: dict[str, datetime]  # by site: the next moment the clock alone changes one of its pages
    search: bool
    templates: dict[str, str]  # each theme template's fingerprint
    compiled: Path | None  # where compiled templates are kept
    tools: dict = field(default_factory=dict)  # per process: the renderer, made once


@dataclass
class SiteOutcome:
    built: SiteBuild | None = None
    rendered: int = 0
    pages_rendered: int = 0
    index: tuple = ()  # search.IndexRun: the site's indexes (or shards) Pagefind must write


def render_site(job: RenderJob, slug: str) -> SiteOutcome:
    """Put one site's files into the staging folder."""
    site = job.portal.site(slug)
    if slug in job.increment.keep:
        kept = _keep_site(job, site, job.increment.built[slug])
        if kept is not None:
            return kept
    outcome = _make_site(job, site)
    cache, snapshots = job.increment.cache, job.increment.snapshots
    if cache is not None and slug in snapshots:
        cache.save_snapshot(Path(site.folder).name, snapshots[slug])
    return outcome


def _keep_site(job: RenderJob, site, record: SiteBuild) -> SiteOutcome | None:
    """Take the site's published files as they are; None if one is missing."""
    copies = compressor(job)
    for path in record.outputs:
        if not job.stage.reuse(path):
            return None
        copies.kept(job.stage, path)
    index = site.ref.prefix + paths.SEARCH_INDEX  # with its shards inside it
    if not job.stage.reuse_tree(index) and (job.stage.out / index).exists():
        return None
    return SiteOutcome(built=record)


def compressor(job: RenderJob):
    """This process's maker of compressed copies (publish.compress), made once."""
    if "compressor" not in job.tools:
        from ..publish.compress import Compressor

        job.tools["compressor"] = Compressor()
    return job.tools["compressor"]


def _tools(job: RenderJob):
    """The renderer and fingerprinter of this process, made once."""
    if "renderer" not in job.tools:
        from ..incremental.fingerprint import Fingerprinter
        from .renderer import Renderer

        job.tools["renderer"] = Renderer(job.theme, {s.slug: Path(s.folder) / "templates"
                                                     for s in job.portal.sites if s.has_templates},
                                         job.compiled, job.kinds)
        job.tools["fingerprints"] = Fingerprinter(job.templates, job.increment.version)
    return job.tools["renderer"], job.tools["fingerprints"]


def _make_site(job: RenderJob, site) -> SiteOutcome:
    """Render the site's outputs, linking those whose fingerprint is unchanged."""
    renderer, fingerprints = _tools(job)
    copies = compressor(job)
    theme = job.theme
    earlier = job.increment.built.get(site.slug)
    earlier_outputs = earlier.outputs if earlier else {}
    earlier_searched = earlier.searched if earlier else {}
    reported = len(renderer.problems)
    outcome = SiteOutcome()
    outputs: dict[str, str] = {}
    counts: dict[str, int] = {}
    seen = SearchPages(site.search.get(site.slug, SearchShards()), site.ref.prefix)
    for output in plan_site(site, theme.static_files, job.kinds, theme.admin_files):
        if output.path in outputs:
            continue  # slugs are made unique per site; never overwrite
        key = _fingerprint(output, site, theme, fingerprints)
        # A site with its own templates may show anything: always render it.
        if site.has_templates or earlier_outputs.get(output.path) != key or not job.stage.reuse(output.path):
            if output.kind in SHARED:  # alike on every site: one file on disk, linked from each
                copies.shared(job.stage, output.path, job.stage.share(output.path, _source(output, site, theme)))
                data, same = b"", False
            else:
                data = _publish(job.stage, renderer, output, site.folder, theme)
                same = copies.made(job.stage, output.path, data or None)
            outcome.rendered += 1
            outcome.pages_rendered += output.kind is OutputKind.PAGE
            if output.kind is OutputKind.PAGE and SEARCH_MARK in data:
                # The same bytes as published (a neighbour's title shown again): its index stands.
                seen.add(output.path, rendered=not same)
        else:
            copies.kept(job.stage, output.path)
            if output.path in earlier_searched:
                seen.add(output.path, rendered=False)
        outputs[output.path] = key
        counted = COUNTED.get(output.kind)
        if counted:
            counts[counted] = counts.get(counted, 0) + 1
    changed = outcome.pages_rendered > 0 or not set(earlier_outputs) <= set(outputs)
    outcome.index, behind = search_runs(job, site, seen, earlier, list(outputs), changed)
    outcome.built = SiteBuild(job.increment.digests[site.slug], job.now, job.until[site.slug], outputs, counts,
                              tuple(renderer.problems[reported:]), behind, seen.searched)
    return outcome


def _fingerprint(output, site, theme, fingerprints) -> str:
    """What an output is made from: a copied file by its stat, the rest by value."""
    if output.kind.copied:
        source = _source(output, site, theme)
        try:
            info = source.stat()
        except OSError:
            return ""
        variant = f":{output.data.width}:{output.data.kind}" if output.kind is OutputKind.PICTURE else ""
        return f"{output.kind.value}:{source}:{info.st_size}:{info.st_mtime_ns}{variant}"
    return fingerprints.output(output)


def _source(output, site, theme) -> Path:
    """The file a copied output is made from."""
    if output.kind is OutputKind.THEME:
        return theme.static_path(output.source)
    if output.kind is OutputKind.BUNDLE:
        return theme.admin_path(output.source)
    return Path(site.folder) / output.source


def _publish(stage, renderer, output, site_folder: str, theme) -> bytes:
    """Put the output in the staging folder: the bytes written, or b'' for a copied file."""
    if output.kind is OutputKind.COPY:
        stage.copy(output.path, Path(site_folder) / output.source)
    elif output.kind is OutputKind.PICTURE:
        try:
            stage.write(output.path, renderer.pictures.encode(Path(site_folder), output.data))
        except PictureError as error:
            renderer.problems.append(error.problem)
            stage.copy(output.path, Path(site_folder) / output.source)
    else:
        data = renderer.render(output)
        stage.write(output.path, data)
        return data
    return b""

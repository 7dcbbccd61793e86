"""Which of a site's search indexes Pagefind must write again, once its pages are made.

A site's index is one folder, or a core and shards (search.shards).
Each is written again only when a page it holds was rendered anew with other
bytes than published, or the pages it holds are not those of the last build
(one added, gone or moved to another shard); the others keep their
published files. Lists are not search
bodies, so a new article that changes the news lists but no other item
leaves the other shards, and the other sites' indexes, as they are. A site
with no marked page at all has every page read, into its core.

When search is put off (serve, until the editor pauses), a stale index keeps
its published files and is remembered as behind; it is made at once when it
has none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.paths import VIETNAMESE
from .shards import CORE, SearchShards
from .indexer import IndexRun
from .files import reuse_index, seed_files


@dataclass
class SearchPages:
    """What the render loop saw of a site's search bodies (paths under the output)."""

    shards: SearchShards
    prefix: str  # the site's folder under the output
    searched: dict = field(default_factory=dict)  # search body -> its index folder (under the site)
    rendered: set = field(default_factory=set)  # index folders with a search body rendered anew

    def add(self, path: str, rendered: bool) -> None:
        folder = self.shards.folder_of(path[len(self.prefix):])
        self.searched[path] = folder
        if rendered:
            self.rendered.add(folder)


def search_runs(job, site, seen: SearchPages, earlier, pages: list[str], changed: bool
                ) -> tuple[tuple[IndexRun, ...], frozenset]:
    """The indexes to write for a site, and the folders left behind.

    earlier: the site's SiteBuild of the last build (or None); pages: every
    page it publishes now; changed: a page was rendered anew or removed.
    """
    earlier_searched = earlier.searched if earlier else {}
    runs, behind = [], set()
    for folder in seen.shards.indexes:
        own = sorted(p for p, f in seen.searched.items() if f == folder)
        if not seen.searched and not earlier_searched:
            if folder != CORE:
                continue  # its pages (by its own templates) mark nothing: all are read into the core
            own = [p for p in pages if p.endswith(".html")]
            stale = changed
        else:
            stale = folder in seen.rendered or own != sorted(p for p, f in earlier_searched.items() if f == folder)
        stale = stale or earlier is None or folder in earlier.behind
        index = seen.prefix + folder
        if stale and job.search:
            runs.append(_run(job, site.slug, seen, folder, own, _seed_index(job.stage, index)))
        elif not reuse_index(job.stage, index):
            runs.append(_run(job, site.slug, seen, folder, own, seeded=False))  # none yet: make it now
        elif stale:
            behind.add(folder)
    return tuple(runs), frozenset(behind)


def _run(job, slug: str, seen: SearchPages, folder: str, pages: list[str], seeded: bool) -> IndexRun:
    """One index to write; the core and the English pages' index are read alone (with
    Pagefind's scripts), a shard is merged into the core."""
    stage: Path = job.stage.folder
    prefix, language = seen.prefix, seen.shards.language(folder)
    return IndexRun(slug, stage / (prefix + folder), tuple((p[len(prefix):], stage / p) for p in pages),
                    seeded, scripts=folder == CORE or language != VIETNAMESE, language=language)


def _seed_index(stage, index: str) -> bool:
    """Take the published index's files named by their content, which the new
    index keeps where it names them too (same inode: a deploy skips them);
    whether there were any."""
    seeded = False
    for name in seed_files(stage.out / index):
        seeded = stage.reuse(index + name) or seeded
    return seeded

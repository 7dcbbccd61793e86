"""The search index of a site, written by Pagefind after its pages.

Each site gets its own index in <site>/pagefind/, so a sub-site served alone
on its own domain can still be searched; a parent's search page merges its
sub-sites' indexes in the browser. A site with many years of news has its
index split into shards (search.shards): the news of some years each,
in folders inside pagefind/, so an edit makes one of them again. Only item
pages (articles, procedures, fixed pages, people, events) mark their content
with data-pagefind-body, so lists and the home page do not crowd the results.

Pagefind runs as a service (search/pagefind.py), one per core, and is given
the pages sitegen has just published, sorted by path: the index is the same
bytes whatever order a file system lists them in.

Pagefind names most of its files by a hash of their content. An index made
again is seeded with the published index's hash-named files (search/files.py),
which keep their inode and time, so a deploy does not send them again; those
the new index does not name are pruned after.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from ..linux import death_signal
from .pagefind import PagefindError, Service, pagefind_executable
from .body import search_body
from .files import clear_index, prune_index, store_index, strip_scripts

SEARCH_MARK = b"data-pagefind-body"  # once one page carries it, only the pages that do are indexed
LANGUAGE = "vi"  # every page of an index is in its language (Vietnamese, or English), whatever its lang says

__all__ = ["SEARCH_MARK", "IndexRun", "SearchIndexer", "pagefind_executable"]


@dataclass(frozen=True)
class IndexRun:
    """One index to write: a site's, or one shard of it."""

    key: str  # whose warning a failure becomes (the site's slug)
    folder: Path  # where Pagefind writes it, in the staging tree
    pages: tuple[tuple[str, Path], ...]  # (path under the site's folder, the published file), sorted by path
    seeded: bool = False  # folder holds the last index's hash-named files (files.seed_files)
    scripts: bool = True  # a site's main index keeps Pagefind's scripts; a shard merged into it needs none
    language: str = LANGUAGE  # its pages' language (the English pages' index: 'en', with its stemming)


class SearchIndexer:
    """Pagefind services writing indexes beside the rendering.

    request() never waits: one thread works while sites still render, so the
    build's memory stays bounded; finish() starts as many as asked, waits for
    every index and gives the errors by key. Each thread starts a service for
    each index it writes and ends it once written.
    """

    def __init__(self, parallel: int = 1):
        self._executable = pagefind_executable()
        self._preexec = death_signal() if self._executable else None
        self._runs: queue.Queue = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._parallel = max(1, parallel)
        self.errors: dict[str, str] = {}

    def request(self, run: IndexRun) -> None:
        if self._executable is None:
            self.errors[run.key] = "pagefind not found"
            return
        self._runs.put(replace(run, pages=tuple(sorted(run.pages))))
        self._start(self._parallel)

    def finish(self, parallel: int = 1) -> dict[str, str]:
        self._start(min(max(1, parallel), self._runs.qsize() + len(self._threads)))
        for _thread in self._threads:
            self._runs.put(None)
        for thread in self._threads:
            thread.join()
        self._threads.clear()
        return self.errors

    def _start(self, wanted: int) -> None:
        while len(self._threads) < wanted:
            thread = threading.Thread(target=self._work, name="pagefind", daemon=True)
            self._threads.append(thread)
            thread.start()

    def _work(self) -> None:
        # A service per index: one that wrote several keeps the memory of them
        # all (two reached 100 MB each on ten communes), and starting one takes
        # 10 ms. A failed index so never leaves a broken service to the next.
        while (run := self._runs.get()) is not None:
            service = None
            try:
                service = Service(self._executable, self._preexec)
                _write(service, run)
            except Exception as error:  # noqa: BLE001 - a failed index is a warning, never a failed build
                message = str(error) if isinstance(error, (PagefindError, OSError)) else repr(error)
                self.errors[run.key] = message.strip()[-500:] or type(error).__name__
            finally:
                if service is not None:
                    service.close()


def _write(service: Service, run: IndexRun) -> None:
    """Give the service the run's pages in their order, and write the index."""
    index = service.new_index(run.language)
    for source, path in run.pages:
        index.add_html_file(search_body(path.read_bytes().decode("utf-8", "replace")), source)
    files = index.get_files()
    index.delete()
    store_index(run.folder, files)
    if not run.scripts:
        strip_scripts(run.folder)
    if run.seeded and not prune_index(run.folder):
        # The new index could not be read back: make it again from nothing.
        clear_index(run.folder)
        _write(service, replace(run, seeded=False))

"""The search index of a site, written by Pagefind after its pages.

Each site gets its own index in <site>/pagefind/, so a sub-site served alone
on its own domain can still be searched; a parent's search page merges its
sub-sites' indexes in the browser. Only item pages (articles, procedures,
fixed pages, people, events) mark their content with data-pagefind-body, so
lists and the home page do not crowd the results.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..parallel import die_with_parent
from ..portal import paths


def pagefind_executable() -> str | None:
    """The binary the 'pagefind[bin]' package ships, else one on PATH."""
    try:
        from pagefind_bin import get_executable

        return str(get_executable())
    except Exception:  # the package is missing or has no binary for this platform
        return shutil.which("pagefind")


class SearchIndexer:
    """Pagefind runs for several sites at once, beside the rendering.

    start() returns at once; finish() waits for every run and gives the
    errors by site folder. At most `parallel` runs go at a time (each is
    itself multi-threaded).
    """

    def __init__(self, parallel: int):
        self.parallel = max(1, parallel)
        self._running: list[tuple[str, subprocess.Popen]] = []
        self.errors: dict[str, str] = {}

    def start(self, key: str, site_folder: Path, own_folders: tuple[str, ...] | None) -> None:
        """Index the pages under site_folder (the site's folder in the staging tree).

        own_folders: for a parent, the top folders that are its own (its sub-sites
        live in folders beside them and have their own index); None: everything.
        """
        executable = pagefind_executable()
        if executable is None:
            self.errors[key] = "pagefind not found"
            return
        if own_folders is not None and not own_folders:
            return
        while len(self._running) >= self.parallel:
            self._wait_one()
        glob = "**/*.html" if own_folders is None else "{" + ",".join(sorted(own_folders)) + "}/**/*.html"
        process = subprocess.Popen(
            [executable, "--site", str(site_folder), "--output-subdir", paths.SEARCH_INDEX.rstrip("/"),
             "--force-language", "vi", "--glob", glob, "--silent"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=die_with_parent)
        self._running.append((key, process))

    def finish(self) -> dict[str, str]:
        while self._running:
            self._wait_one()
        return self.errors

    def _wait_one(self) -> None:
        key, process = self._running.pop(0)
        output, _ = process.communicate()
        if process.returncode != 0:
            self.errors[key] = (output or "").strip()[-500:] or f"pagefind exited with {process.returncode}"


def index_site(site_folder: Path, own_folders: tuple[str, ...] | None) -> str | None:
    """Index one site and wait: an error text, or None when the index was written."""
    indexer = SearchIndexer(1)
    indexer.start("", site_folder, own_folders)
    return indexer.finish().get("")

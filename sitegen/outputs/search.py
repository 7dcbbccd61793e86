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

SEARCH_MARK = b"data-pagefind-body"  # once one page carries it, Pagefind reads only those that do


def pagefind_executable() -> str | None:
    """The binary the 'pagefind[bin]' package ships, else one on PATH."""
    try:
        from pagefind_bin import get_executable

        return str(get_executable())
    except Exception:  # the package is missing or has no binary for this platform
        return shutil.which("pagefind")


class SearchIndexer:
    """Pagefind runs for several sites, beside the rendering.

    request() never waits: a run starts when fewer than `parallel` are going
    (one while sites still render, so the build's memory stays bounded; as
    many as asked once they are done). finish() waits for every run and gives
    the errors by key.
    """

    def __init__(self, parallel: int = 1):
        self.parallel = max(1, parallel)
        self._waiting: list[tuple[str, list[str]]] = []
        self._running: list[tuple[str, subprocess.Popen]] = []
        self.errors: dict[str, str] = {}

    def request(self, key: str, site_folder: Path, own_folders: tuple[str, ...] | None) -> None:
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
        glob = "**/*.html" if own_folders is None else "{" + ",".join(sorted(own_folders)) + "}/**/*.html"
        self._waiting.append((key, [executable, "--site", str(site_folder), "--output-subdir",
                                    paths.SEARCH_INDEX.rstrip("/"), "--force-language", "vi", "--glob", glob,
                                    "--silent"]))
        self._advance()

    def finish(self, parallel: int = 1) -> dict[str, str]:
        self.parallel = max(1, parallel)
        while self._waiting or self._running:
            self._advance()
            if self._running:
                self._collect(self._running.pop(0))
        return self.errors

    def _advance(self) -> None:
        for running in [r for r in self._running if r[1].poll() is not None]:
            self._running.remove(running)
            self._collect(running)
        while self._waiting and len(self._running) < self.parallel:
            key, command = self._waiting.pop(0)
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                       preexec_fn=die_with_parent)
            self._running.append((key, process))

    def _collect(self, running: tuple[str, subprocess.Popen]) -> None:
        key, process = running
        output, _ = process.communicate()
        if process.returncode != 0:
            self.errors[key] = (output or "").strip()[-500:] or f"pagefind exited with {process.returncode}"


def index_site(site_folder: Path, own_folders: tuple[str, ...] | None) -> str | None:
    """Index one site and wait: an error text, or None when the index was written."""
    indexer = SearchIndexer()
    indexer.request("", site_folder, own_folders)
    return indexer.finish().get("")

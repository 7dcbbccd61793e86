"""The search index of a site, written by Pagefind after its pages.

Each site gets its own index in <site>/pagefind/, so a sub-site served alone
on its own domain can still be searched; a parent's search page merges its
sub-sites' indexes in the browser. Only item pages (articles, procedures,
fixed pages, people, events) mark their content with data-pagefind-body, so
lists and the home page do not crowd the results.

Pagefind names most of its files by a hash of their content and does not
write one that exists; compressing them at its best level is most of its
time. A site indexed again is therefore seeded with its published index's
hash-named files, and those the new index does not name are pruned after.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..parallel import die_with_parent
from ..content import paths

SEARCH_MARK = b"data-pagefind-body"  # once one page carries it, Pagefind reads only those that do
HASHED_FOLDERS = ("fragment", "index", "filter")  # inside an index: files named by their content's hash
_META_PREFIX = b"pagefind_dcd"  # before the CBOR of a decompressed .pf_meta file


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
        self._waiting: list[_Run] = []
        self._running: list[tuple[_Run, subprocess.Popen]] = []
        self.errors: dict[str, str] = {}

    def request(self, key: str, site_folder: Path, own_folders: tuple[str, ...] | None,
                seeded: bool = False) -> None:
        """Index the pages under site_folder (the site's folder in the staging tree).

        own_folders: for a parent, the top folders that are its own (its sub-sites
        live in folders beside them and have their own index); None: everything.
        seeded: the index folder holds the last index's hash-named files (seed_files).
        """
        executable = pagefind_executable()
        if executable is None:
            self.errors[key] = "pagefind not found"
            return
        if own_folders is not None and not own_folders:
            return
        glob = "**/*.html" if own_folders is None else "{" + ",".join(sorted(own_folders)) + "}/**/*.html"
        command = [executable, "--site", str(site_folder), "--output-subdir", paths.SEARCH_INDEX.rstrip("/"),
                   "--force-language", "vi", "--glob", glob, "--silent"]
        self._waiting.append(_Run(key, command, site_folder / paths.SEARCH_INDEX, seeded))
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
            run = self._waiting.pop(0)
            process = subprocess.Popen(run.command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                       preexec_fn=die_with_parent)
            self._running.append((run, process))

    def _collect(self, running: tuple[_Run, subprocess.Popen]) -> None:
        run, process = running
        output, _ = process.communicate()
        if process.returncode != 0:
            self.errors[run.key] = (output or "").strip()[-500:] or f"pagefind exited with {process.returncode}"
        elif run.seeded and not prune_index(run.index):
            # The new index could not be read back: make it again from nothing.
            shutil.rmtree(run.index, ignore_errors=True)
            self._waiting.append(_Run(run.key, run.command, run.index, seeded=False))


@dataclass(frozen=True)
class _Run:
    key: str
    command: list[str]
    index: Path  # the folder Pagefind writes
    seeded: bool


def seed_files(index: Path) -> Iterator[str]:
    """The hash-named files of a published index, relative to it: Pagefind will
    not write them again if they are there, and they cannot change."""
    for folder in HASHED_FOLDERS:
        try:
            names = sorted(entry.name for entry in os.scandir(index / folder) if entry.is_file())
        except OSError:
            continue
        yield from (f"{folder}/{name}" for name in names)
    yield from sorted(path.name for path in index.glob("pagefind.*.pf_meta"))


def prune_index(index: Path) -> bool:
    """Delete the hash-named files the index just written does not name (seeds
    of pages since changed or gone). False if the index could not be read."""
    import cbor2  # Pagefind's own format for its metadata

    try:
        entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
        metas = {f"pagefind.{language['hash']}.pf_meta" for language in entry["languages"].values()}
        named: set[str] = set()
        for meta in metas:
            data = gzip.decompress((index / meta).read_bytes())
            if not data.startswith(_META_PREFIX):
                return False
            named.update(_strings(cbor2.loads(data[len(_META_PREFIX):])))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError, cbor2.CBORDecodeError):
        return False
    for folder in HASHED_FOLDERS:
        for path in (index / folder).glob("*"):
            if path.stem not in named:
                path.unlink()
    for path in index.glob("pagefind.*.pf_meta"):
        if path.name not in metas:
            path.unlink()
    return True


def _strings(value) -> Iterator[str]:
    """Every text in a decoded .pf_meta: among them, the hash of every file it uses."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.items():
            yield from _strings(item)

"""What a build reads, fingerprinted, and whether anything changed since the last.

  input fingerprints  every input file's digest (text by its bytes, kept by its
                      stat between builds), each site folder apart
  nothing changed     the inputs and the clock's scheduled moments as last time:
                      the published portal stands as it is
  next change         the first moment the clock alone changes a page
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..content import MAX_FILE_BYTES, portal_trees
from ..content.pictures import RASTER

TEXT_SUFFIXES = (".md", ".markdown", ".yaml", ".yml", ".html", ".css", ".js", ".txt")
PICTURE_WEIGHT = 20  # a picture to encode in several sizes weighs like many pages
NO_CHANGE_FOR = timedelta(days=3650)  # when no kind's page changes with the clock alone


# Input fingerprints ----------------------------------------------------------

@dataclass(frozen=True)
class Inputs:
    """Fingerprints of what a build reads: each site folder apart, so a site
    whose folders did not change can keep its pages."""

    digest: str  # everything: the program, the kinds, the theme, every site folder
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


def fingerprint_inputs(sites, theme_folder: Path, version: str, cache) -> Inputs:
    """Every input file's path and bytes, the theme and the program (version
    covers sitegen's own code and its kinds); and how many files.

    Text (what editors save, often twice within the clock's tick) counts by its
    bytes; pictures and attachments, which may weigh gigabytes, and text files
    too large to be read at all, by size and time.
    """
    hashes = FileHashes(cache.file_hashes() if cache is not None else None)
    theme, count = _folder_fingerprint(theme_folder, hashes)
    trees = portal_trees(sites)
    places: dict[str, str] = {}
    for tree in trees:  # a name in two trees: the first tree's (the command line refuses it)
        try:
            for entry in os.scandir(tree):
                if entry.is_dir():
                    places.setdefault(entry.name, os.path.join(tree, entry.name))
        except OSError:
            continue
    folders = {}
    for name in sorted(places):
        folders[name], files = _folder_fingerprint(places[name], hashes)
        count += files
    everything = hashlib.blake2b(digest_size=20)
    where = "\0".join(os.path.abspath(tree) for tree in trees)
    everything.update(f"{version}\0{where}\0{theme}\0".encode())
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


# Nothing changed ---------------------------------------------------------------

def unchanged(cache, out: Path, inputs: str, now: datetime) -> dict | None:
    """The last build's summary and problems if nothing it depends on has changed since."""
    from ..publish.staging import MARKER

    state = cache.state()
    if not state or state.get("inputs") != inputs or state.get("out") != str(out):
        return None
    if not still_valid(state.get("since"), state.get("until"), now):
        return None  # a scheduled item is due, a notice starts or ends, a new week began
    if not (out / MARKER).is_file():
        return None
    return {**state["result"], "problems": cache.problems()}


def still_valid(since: datetime | None, until: datetime | None, now: datetime) -> bool:
    """Output made at 'since' is still what 'now' would give: no scheduled moment between."""
    return since is not None and until is not None and since <= now < until


def next_change(portal, kinds, now: datetime) -> datetime:
    """The first moment after now at which the same input gives other output
    anywhere in the portal (the clock's next build)."""
    return min(next_changes(portal, kinds, now).values(), default=now + NO_CHANGE_FOR)


def next_changes(portal, kinds, now: datetime) -> dict[str, datetime]:
    """For each site, the first moment after now at which the clock alone changes
    its pages: its own scheduled news falls due, a notice starts or ends, a
    kind's page changes with the clock (this week's schedule), or the same in a
    site above it (what it passes down) or below it (what it sends up). One
    commune's scheduled article leaves the other communes' pages standing."""
    own = {site.slug: _own_next_change(site, kinds, now) for site in portal.sites}
    parents = {site.slug: site.parent.slug if site.parent else None for site in portal.sites}
    below = dict(own)  # each site's own moment and its sub-sites', deepest first
    for site in reversed(portal.sites):  # the portal's order puts each parent before its children
        parent = parents[site.slug]
        if parent in below:
            below[parent] = min(below[parent], below[site.slug])
    above: dict[str, datetime] = {}  # the sites above each one: their own moments (not their other children's)
    whole = {}
    for site in portal.sites:
        parent = parents[site.slug]
        if parent is not None:
            above[site.slug] = min(own[parent], above.get(parent, own[parent]))
        whole[site.slug] = min(below[site.slug], above.get(site.slug, below[site.slug]))
    return whole


def _own_next_change(site, kinds, now: datetime) -> datetime:
    moments = [now + NO_CHANGE_FOR]
    moments.extend(m for m in site.scheduled if m > now)
    notice = site.config.notice
    if notice:
        moments.extend(m for m in (notice.start, notice.until) if m and m > now)
    for kind in kinds:
        if kind.changes is not None:
            moments.extend(m for m in kind.changes(site.of(kind.name), now) if m > now)
    return min(moments)

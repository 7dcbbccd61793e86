"""What a build can take from the last one: the decisions of an incremental build.

  input fingerprints  every input file's digest (text by its bytes, kept by its
                      stat between builds), each site folder apart
  nothing changed     the inputs and the clock's scheduled moments as last time:
                      the published portal stands as it is
  snapshots           a site whose folder did not change is not read again: its
                      content is taken as last published
  site digests        a site whose pages' inputs (its content, what its parent
                      passes down, what its sub-sites send up) did not change
                      keeps its published files

Each decision errs towards doing the work: the result is byte for byte the
same as a clean build (tests/test_incremental.py proves it over random edits).
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass, field
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
    from .staging import MARKER

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
    """The first moment after now at which the same input gives other output:
    scheduled news falls due, a notice starts or ends, a kind's page changes
    with the clock (this week's schedule)."""
    moments = [now + NO_CHANGE_FOR]
    for site in portal.sites:
        moments.extend(m for m in site.scheduled if m > now)
        notice = site.config.notice
        if notice:
            moments.extend(m for m in (notice.start, notice.until) if m and m > now)
        for kind in kinds:
            if kind.changes is not None:
                moments.extend(m for m in kind.changes(site.of(kind.name), now) if m > now)
    return min(moments)


# Snapshots: sites not read again ----------------------------------------------

@dataclass(frozen=True)
class Snapshot:
    """A site's content as it was when its pages were last made."""

    digest: str  # the site digest it was made with (SiteBuild.digest)
    folder_digest: str  # the fingerprint of its folder then
    content: object  # SiteContent
    problems: tuple  # found while reading it


@dataclass
class Sources:
    """Each site's content, read from its folder now or taken from a snapshot."""

    contents: list  # SiteContent, as built into the portal
    inputs: Inputs
    kept: dict  # folder name -> Snapshot
    problems: dict  # folder name -> what reading it found

    def folder_digest(self, content) -> str:
        name = Path(content.folder).name
        snapshot = self.kept.get(name)
        return snapshot.folder_digest if snapshot else self.inputs.folders.get(name, "")

    def all_problems(self) -> list:
        return [p for found in self.problems.values() for p in found]


def kept_contents(cache, inputs: Inputs, now: datetime, only: tuple[str, ...],
                  grants: frozenset[str] = frozenset()) -> dict[str, Snapshot]:
    """The sites not to read again, by folder name: their content as last published.

    A site whose folder is as it was, while the clock has crossed no scheduled
    moment, reads the same. With --site, every site not named is taken as last
    published, changed or not; a site never published yet is read and built
    like the named ones: a portal with holes in it is never published. A site
    whose grant of raw HTML changed (grants: the root's allow_html_sites) is
    read again: its bodies are sanitised differently.
    """
    if cache is None:
        return {}
    built = cache.built()
    kept = {}
    for name, folder_digest in inputs.folders.items():
        snapshot = cache.snapshot(name)
        record = built.get(snapshot.content.slug) if isinstance(snapshot, Snapshot) else None
        if record is None or record.digest != snapshot.digest:
            continue
        if snapshot.content.html_allowed != (name in grants):
            continue
        if only and name not in only:
            kept[name] = snapshot
        elif snapshot.folder_digest == folder_digest and still_valid(record.since, record.until, now):
            kept[name] = snapshot
    return kept


# Site digests: sites that keep their pages ---------------------------------------

@dataclass(frozen=True)
class SiteBuild:
    """What the last build published for one site, to keep it when nothing it
    depends on has changed (or when --site leaves it out)."""

    digest: str  # site_digests: the site's inputs and everything it shows of others
    since: datetime  # the build's clock
    until: datetime  # the next moment at which the clock alone changes pages
    outputs: dict  # path -> fingerprint of each file
    counts: dict
    problems: tuple  # those found while rendering (reading reports its own each time)
    behind: frozenset = frozenset()  # its search index folders not made from these pages (search put off)
    searched: dict = field(default_factory=dict)  # its pages Pagefind reads (search bodies) -> their index folder

    @property
    def indexed(self) -> bool:
        """Its whole search index is made from these pages."""
        return not self.behind


def site_digests(portal, sources: Sources, version: str) -> dict[str, str]:
    """For each site, a fingerprint of everything its pages are made from.

    A site shows its own content, what its parent passes down (procedures),
    what its sub-sites send up (news: so a commune's other edits leave its
    parent as it is), the names and places of every site (menus, links, the
    search's merged indexes) and, in its admin page, where the root's `cms:`
    block says it saves. Equal digest, equal pages,
    as long as the clock crosses no scheduled moment. (portal.model builds
    each site from exactly these.)
    """
    from ..outputs.fingerprint import Fingerprinter

    # A site's folder, and whether the root lets it write raw HTML (its bodies depend on it).
    folders = {c.slug: f"{sources.folder_digest(c)}:{c.html_allowed}" for c in sources.contents}
    contents = {c.slug: c for c in sources.contents}
    records = Fingerprinter({}, version)
    shape = hashlib.blake2b(digest_size=20)
    shape.update(f"{version}\0{sources.inputs.theme}\0".encode())
    for site in portal.sites:
        shape.update(repr((site.ref, site.parent and site.parent.slug, site.has_templates)).encode())
    digests = {}
    for site in portal.sites:
        digest = hashlib.blake2b(shape.digest(), digest_size=20)
        digest.update(f"{site.slug}\0{folders.get(site.slug, '')}\0".encode())
        digest.update(b"cms\0" + records.value(site.cms))  # the root's cms: block, as it applies here
        if site.parent and site.parent.slug in contents:
            parent = contents[site.parent.slug]
            for kind in site.inherited:
                digest.update(b"inherits\0" + records.value(parent.of(kind)))
        for kind, items in sorted(site.sent_up_items.items()):  # all it shows of its sub-sites' content
            digest.update(kind.encode() + b"\0" + records.value(items))
        for key, moment in sorted(site.first_published.items()):
            digest.update(f"{key}\0{moment.isoformat()}\0".encode())
        digests[site.slug] = digest.hexdigest()
    return digests


def chosen_sites(portal, only: tuple[str, ...]) -> frozenset[str]:
    """--site: the named sites (by folder) and every site above them, which shows their news."""
    chosen = set()
    by_slug = {s.slug: s for s in portal.sites}
    for site in portal.sites:
        if Path(site.folder).name in only:
            while site is not None and site.slug not in chosen:
                chosen.add(site.slug)
                site = by_slug.get(site.parent.slug) if site.parent else None
    return frozenset(chosen)


def can_keep(site, record: SiteBuild | None, digest: str, now: datetime, search: bool,
             chosen: frozenset[str] | None) -> bool:
    """Whether a site's published files can stand as they are."""
    if record is None or site.has_templates:
        return False  # a site's own templates may show anything: always render them
    if chosen is not None and site.slug not in chosen:
        return True
    if search and not record.indexed:
        return False
    return record.digest == digest and still_valid(record.since, record.until, now)


def render_order(portal, keep: frozenset, in_process: bool) -> list[str]:
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

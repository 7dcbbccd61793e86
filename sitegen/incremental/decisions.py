"""What a build can take from the last one, site by site.

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
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .inputs import Inputs, still_valid


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
    search's merged indexes), the public-service addresses it takes from its
    parents' `services:` and, in its admin page, where the root's `cms:`
    block says it saves. Equal digest, equal pages,
    as long as the clock crosses no scheduled moment. (portal.model builds
    each site from exactly these.)
    """
    from .fingerprint import Fingerprinter

    # A site's folder, and whether the root lets it write raw HTML (its bodies depend on it).
    folders = {c.slug: f"{sources.folder_digest(c)}:{c.html_allowed}" for c in sources.contents}
    contents = {c.slug: c for c in sources.contents}
    records = Fingerprinter({}, version)
    shape = hashlib.blake2b(digest_size=20)
    shape.update(f"{version}\0{sources.inputs.theme}\0".encode())
    for site in portal.sites:  # its languages too: a parent's English search merges its sub-sites' English
        shape.update(repr((site.ref, site.parent and site.parent.slug, site.has_templates, site.languages)).encode())
    digests = {}
    for site in portal.sites:
        digest = hashlib.blake2b(shape.digest(), digest_size=20)
        digest.update(f"{site.slug}\0{folders.get(site.slug, '')}\0".encode())
        digest.update(b"cms\0" + records.value(site.cms))  # the root's cms: block, as it applies here
        digest.update(b"services\0" + records.value(site.services))  # its parent's services: where it names none
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

"""The incremental engine: what a build takes from the last one.

  cache.py        the cache beside the output (.public.cache/): what the last
                  build read, made and published
  inputs.py       the inputs' fingerprints, whether anything changed, and the
                  next moment the clock alone changes a page
  decisions.py    the sites not read again (snapshots) and those that keep their
                  published files (site digests)
  fingerprint.py  each output's fingerprint: an output made from the same
                  values as last time is linked, not rendered

Increment is the one object the build's recipe (sitegen/pipeline.py) passes
along: made from the cache, it says whether anything changed, which sites to
read again and which to keep, and remembers the build at the end. Whatever
the cache holds, the result is byte for byte a clean build's
(tests/test_incremental.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .decisions import SiteBuild, Snapshot, Sources, can_keep, chosen_sites, kept_contents, site_digests
from .inputs import Inputs, fingerprint_inputs, next_change, next_changes, unchanged

if TYPE_CHECKING:
    from .cache import BuildCache

__all__ = ["Increment", "SiteBuild", "Snapshot", "Sources", "next_change", "next_changes"]


@dataclass
class Increment:
    cache: BuildCache | None  # None: a build that neither reads nor writes one (--no-cache)
    version: str  # the program's and the kinds' version: part of every fingerprint
    inputs: Inputs
    sources: Sources | None = None  # step 2: each site's content, read now or taken from a snapshot
    built: dict[str, SiteBuild] = field(default_factory=dict)  # the last build's record of each site
    digests: dict[str, str] = field(default_factory=dict)  # each site's digest now
    keep: frozenset[str] = frozenset()  # the sites whose published files stand as they are
    snapshots: dict[str, Snapshot] = field(default_factory=dict)  # to save for each site made anew

    @classmethod
    def start(cls, sites, out: Path, kinds_signature: str, theme: Path, use_cache: bool) -> Increment:
        from .cache import BuildCache, program_version

        version = f"{program_version()};{kinds_signature}"
        cache = BuildCache(out, version) if use_cache else None
        return cls(cache, version, fingerprint_inputs(sites, theme, version, cache))

    def as_last_built(self, out: Path, now: datetime) -> dict | None:
        """The last build's summary and problems, when nothing it depends on changed since."""
        return unchanged(self.cache, out, self.inputs.digest, now) if self.cache is not None else None

    def not_to_read(self, now: datetime, only: tuple[str, ...], grants: frozenset[str]) -> dict[str, Snapshot]:
        """The sites whose content is taken as last published, by folder name."""
        return kept_contents(self.cache, self.inputs, now, only, grants)

    def read(self, contents: list, problems: dict, kept: dict[str, Snapshot]) -> Sources:
        self.sources = Sources(contents, self.inputs, kept, problems)
        return self.sources

    def decide(self, portal, now: datetime, only: tuple[str, ...], search: bool) -> None:
        """Which sites keep their published files, and what each one made anew will remember."""
        self.built = self.cache.built() if self.cache is not None else {}
        self.digests = site_digests(portal, self.sources, self.version)
        chosen = chosen_sites(portal, only) if only else None
        self.keep = frozenset(s.slug for s in portal.sites
                              if can_keep(s, self.built.get(s.slug), self.digests[s.slug], now, search, chosen))
        self.snapshots = {c.slug: Snapshot(self.digests.get(c.slug, ""), self.sources.folder_digest(c), c,
                                           tuple(self.sources.problems.get(Path(c.folder).name, ())))
                          for c in self.sources.contents}

    def published(self, now_built: dict[str, SiteBuild]) -> None:
        """The staging folder is swapped in: what each site published is the record now."""
        if self.cache is not None:
            self.cache.save_built(now_built)

    def remember(self, complete: bool, now: datetime, until: datetime, out: Path, counts: dict,
                 problems: list) -> None:
        """What the next build compares with. complete: the output does not lag the
        input (no --site, no search index left behind); else the next build looks again."""
        if self.cache is None:
            return
        self.cache.save_file_hashes(self.inputs.hashes.to_keep())
        self.cache.save_problems(problems)  # apart: a build that finds a change never reads them
        self.cache.save_state({"inputs": self.inputs.digest if complete else None, "since": now, "until": until,
                               "out": str(out), "result": counts, "report_day": now.date()})

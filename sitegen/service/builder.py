"""The service's builds: after every change to the published branch, and at
every moment the portal changes by itself, with no one to run them.

One thread owns the work tree: it brings it to the published branch's tip
(never while a build reads it), builds, and records for each site what is
live and what went wrong. A publish asks for its own site only (the
incremental build renders just that site and those above it); the clock
asks for the whole portal at the build's next_change: a news item's future
date, a draft's comment deadline, a document coming into force or expiring,
the schedule's new week. A build that fails keeps the last good portal up
(the atomic swap), and its errors are shown to the site's editors.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

from ..content.dates import LOCAL_TZ
from ..messages.console import say
from ..problems import SEVERITY_WORDS, Problem, Severity

ALL = "*"
SHOWN_PROBLEMS = 20  # per site, in the admin page's status
RETRY_AFTER = timedelta(minutes=1)  # a failed build is tried again (a full disk may clear)


@dataclass
class SiteStatus:
    saved: str = ""  # the published branch's tip after this site's last change
    live: str = ""  # the tip of the last build that published this site
    live_at: datetime | None = None
    problems: list[str] = field(default_factory=list)  # the site's errors, then warnings, worded
    failed: str = ""  # why the last build did not publish at all ('' if it did)

    def as_json(self) -> dict:
        pending = bool(self.saved) and self.saved != self.live
        return {"pending": pending, "live_at": self.live_at.isoformat() if self.live_at else None,
                "problems": self.problems, "failed": self.failed, "commit": self.live}


class Builder:
    def __init__(self, sync: Callable[[], str], tip: Callable[[], str], sites: Path, build: Callable,
                 log: Callable[[str], None], after: Callable[[], None] | None = None, lang: str = "vi"):
        """sync(): bring the work tree to the published tip, give it; tip(): that tip now;
        build(only: tuple[str, ...], now) -> BuildResult; after(): run when a build published (deploys)."""
        self.sync = sync
        self.tip = tip
        self.sites = Path(sites).resolve()
        self.build = build
        self.log = log
        self.after = after
        self.lang = lang
        self.statuses: dict[str, SiteStatus] = {}
        self.next_change: datetime | None = None
        self.builds = 0
        self.portal_live, self.portal_live_at = "", None  # the last build of the whole portal
        self._wanted: set[str] = {ALL}  # the first build: the whole portal
        self._cond = threading.Condition()
        self._stop = False
        self._thread = threading.Thread(target=self._loop, name="builder", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, wait: float = 60.0) -> None:
        """Stop after the build in hand (it publishes whole or not at all)."""
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        self._thread.join(wait)

    def changed(self, site: str) -> None:
        """A commit reached the published branch for this site: build it soon."""
        tip = self.tip()
        with self._cond:
            if site != ALL:
                self.statuses.setdefault(site, SiteStatus()).saved = tip
            self._wanted.add(site)
            self._cond.notify_all()

    def status(self, site: str) -> dict:
        with self._cond:
            status = self.statuses.setdefault(site, SiteStatus())
            if status.live_at is None and self.portal_live_at is not None:  # live since the whole portal's build
                status.live, status.live_at = self.portal_live, self.portal_live_at
            return status.as_json()

    def wait_idle(self, timeout: float) -> bool:
        """Until nothing is asked and no build runs (tests, the benchmark)."""
        end = time.monotonic() + timeout
        with self._cond:
            while self._wanted or self._busy:
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    _busy = False

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._stop and not self._wanted and not self._due():
                    self._cond.wait(self._seconds_to_next())
                if self._stop:
                    return
                wanted = set(self._wanted) if self._wanted else {ALL}  # nothing asked: the clock's turn
                self._wanted.clear()
                self._busy = True
            try:
                self._build(wanted)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def _due(self) -> bool:
        return self.next_change is not None and datetime.now(LOCAL_TZ) >= self.next_change

    def _seconds_to_next(self) -> float | None:
        if self.next_change is None:
            return None
        return max(0.05, min(3600.0, (self.next_change - datetime.now(LOCAL_TZ)).total_seconds() + 0.2))

    def _build(self, wanted: set[str]) -> None:
        only = () if ALL in wanted else tuple(sorted(wanted))
        started = time.perf_counter()
        try:
            tip = self.sync()
            result = self.build(only, datetime.now(LOCAL_TZ))
        except Exception as error:  # the last good portal stays up; say why to every site asked
            self.log(say("service-build-failed", self.lang, error=error))
            with self._cond:
                for site in (wanted - {ALL}) or set(self.statuses):
                    self.statuses.setdefault(site, SiteStatus()).failed = str(error)
                self.next_change = datetime.now(LOCAL_TZ) + RETRY_AFTER
            return
        self.builds += 1
        self._record(wanted, tip, result)
        self.log(say("service-built", self.lang, sites=", ".join(only) or "*", rendered=result.rendered,
                     seconds=f"{time.perf_counter() - started:.2f}", errors=result.errors))
        if self.after is not None and result.rendered:
            try:
                self.after()
            except Exception as error:
                self.log(say("service-deploy-failed", self.lang, error=error))

    def _record(self, wanted: set[str], tip: str, result) -> None:
        by_site: dict[str, list[Problem]] = {}
        for found in result.problems:
            if found.severity != Severity.INFO:
                by_site.setdefault(self._site_of(found.path), []).append(found)
        now = datetime.now(LOCAL_TZ)
        with self._cond:
            self.next_change = getattr(result, "next_change", None)
            if ALL in wanted:
                self.portal_live, self.portal_live_at = tip, now
            names = set(self.statuses) | set(by_site) if ALL in wanted else wanted | set(by_site)
            for site in names - {"", ALL}:
                status = self.statuses.setdefault(site, SiteStatus())
                if ALL in wanted or site in wanted:
                    status.live, status.live_at, status.failed = tip, now, ""
                status.problems = [self._worded(p) for p in by_site.get(site, [])[:SHOWN_PROBLEMS]]

    def _site_of(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.sites).parts[0]
        except (ValueError, IndexError):
            return ""

    def _worded(self, found: Problem) -> str:
        """'news/x.md:3: lỗi: ...', the path from the site's folder (no server path shown)."""
        try:
            relative = Path(found.path).resolve().relative_to(self.sites)
            shown = "/".join(relative.parts[1:]) or relative.as_posix()
        except ValueError:
            shown = Path(found.path).name
        line = f":{found.line}" if found.line else ""
        word = SEVERITY_WORDS["en" if self.lang == "en" else "vi"][found.severity]
        return f"{shown}{line}: {word}: {found.message(self.lang)}"

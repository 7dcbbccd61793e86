"""From a read portal to the webmaster's report: what each site lacks.

analyse() looks at every Site as the build sees it (published items only)
and at the build's problems, and writes one SiteReport per site: how current
it is (each kind's own checks: stale news, no schedule this week ...), which
required items are missing, its content errors, broken internal links and
pictures, and one score. Nothing is rendered or written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from ..content import site_folders
from ..content.kind import Kind, Registry
from ..content.kinds import DEFAULT
from ..content.kinds.site import SITE
from ..outputs.plan import plan_site
from ..portal.model import Portal, Site
from ..problems import Problem, Severity, Words
from .codes import report_codes
from .model import PortalReport, ReportProblem, SiteReport
from .required import Required, RequiredItem, load_required
from .scan import LineFinder, heavy_pictures, links_and_pictures, menu_links

# The build's own warnings that the report states in its own words
# (as missing-required with the item), so they are not listed twice.
COVERED_CODES = frozenset({"leader-no-biography", "leader-no-duties"})


def analyse(portal: Portal | None, problems: Iterable[Problem], now: datetime,
            required: Required | None = None, *, theme_files: tuple[str, ...] = (),
            sites_dir: Path | None = None, kinds: Registry = DEFAULT,
            published: frozenset[str] | None = None) -> PortalReport:
    """The report of every site of the portal, worst first.

    problems are the build's (read_portal's, and the renderer's if any);
    theme_files are the theme's static files (plan_site's second argument);
    sites_dir, when given, also gives a row to every folder that did not
    become a site (no or broken site.yaml), named by the folder; published,
    every output's path when a build has just made them (else they are planned).
    """
    required = required or load_required(kinds=kinds)
    codes = report_codes(kinds)
    sites = portal.sites if portal else ()
    problems = [p for p in problems if p.severity in (Severity.ERROR, Severity.WARNING)]
    folders = {site.folder: site for site in sites}
    unbuilt = _unbuilt_folders(sites, sites_dir)
    by_folder = _group_by_folder(problems, [*folders, *unbuilt])
    if published is None:
        published = frozenset(o.path for site in sites for o in plan_site(site, theme_files, kinds))
    context = _Context(now, required, kinds, codes, published, LineFinder())
    rows = [_SiteAnalysis(site, by_folder.get(site.folder, []), context).report() for site in sites]
    rows.extend(_unbuilt_report(folder, by_folder.get(folder, []), context) for folder in unbuilt)
    # Worst first: by score; among equals, a site that published nothing first.
    rows.sort(key=lambda r: (r.score, not r.of("empty"), r.slug))
    return PortalReport(now, tuple(rows), required, codes)


class _Context:
    """What the analysis of every site shares."""

    def __init__(self, now: datetime, required: Required, kinds: Registry, codes: tuple,
                 published: frozenset[str], lines: LineFinder):
        self.now = now
        self.required = required
        self.kinds = kinds
        self.rank = {code.code: index for index, code in enumerate(codes)}
        self.behind = frozenset(code.code for code in codes if code.behind)
        self.published = published
        self.lines = lines
        self.item_rank = {item.id: index for index, item in enumerate(required.items)}


def _unbuilt_folders(sites: tuple[Site, ...], sites_dir) -> list[str]:
    if sites_dir is None:
        return []
    built = {site.folder for site in sites}
    return [str(folder) for folder in site_folders(sites_dir) if str(folder) not in built]


def _group_by_folder(problems: list[Problem], folders: list[str]) -> dict[str, list[Problem]]:
    """Each problem under the site folder its path lies in (the longest match)."""
    ordered = sorted(folders, key=len, reverse=True)
    grouped: dict[str, list[Problem]] = {}
    for found in problems:
        for folder in ordered:
            if found.path == folder or found.path.startswith((folder + "/", folder + os.sep)):
                grouped.setdefault(folder, []).append(found)
                break
    return grouped


def last_months(now: datetime, count: int = 12) -> list[str]:
    """'YYYY-MM' of the `count` months ending at now's month, oldest first."""
    year, month = now.year, now.month
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


class _SiteAnalysis:
    def __init__(self, site: Site, problems: list[Problem], context: _Context):
        self.site = site
        self.build_problems = problems
        self.context = context
        self.now = context.now
        self.required = context.required
        self.lines = context.lines
        self.found: list[ReportProblem] = []

    def add(self, code: str, message: str, /, *, item: str | None = None, path: str | None = None,
            line: int | None = None, warning: bool = False, **params) -> None:
        self.found.append(ReportProblem.of(code, message, item=item, path=path, line=line, warning=warning,
                                           **params))

    def report(self) -> SiteReport:
        site = self.site
        kinds = self.context.kinds
        empty = not any(site.own(kind.name) for kind in kinds)
        if empty:
            self.add("empty", "report-empty")
        for kind in kinds:
            for check in kind.report:
                check(KindView(self, kind))
        for item in self.required.for_kind(site.config.kind):
            self.required_item(item)
        self.content_problems()
        links_and_pictures(self, [(record.source, record.body) for kind in kinds
                                  for record in site.own(kind.name) if getattr(record, "body", None)])
        menu_links(self, site)
        heavy_pictures(self, site, self.required.image_max_bytes)
        ordered = tuple(sorted(self.found, key=self._order))
        news = next((kind for kind in kinds if kind.activity), None)
        dates = sorted((news.activity(item) for item in site.of(news.name)), reverse=True) if news else []
        return SiteReport(
            slug=site.slug, name=site.config.name, kind=site.config.kind,
            score=score(ordered, self.required, empty),
            last_news=dates[0].date() if dates else None,
            months=self.months(dates), counts=self.counts(), problems=ordered,
            short_name=site.ref.short_name, url=site.ref.url, folder=site.folder,
            missing=tuple(dict.fromkeys(p.item for p in ordered if p.code == "missing-required")),
            behind_codes=self.context.behind,
        )

    def _order(self, found: ReportProblem) -> tuple:
        """By code, required items in the file's order, errors before warnings, file, line."""
        item_rank = self.context.item_rank
        return (self.context.rank[found.code], item_rank.get(found.item or "", len(item_rank)), found.warning,
                found.path or "", found.line or 0)

    def months(self, dates: list[datetime]) -> tuple[tuple[str, int], ...]:
        """News per month, for the last twelve months."""
        counts = dict.fromkeys(last_months(self.now), 0)
        for moment in dates:
            key = f"{moment.year:04d}-{moment.month:02d}"
            if key in counts:
                counts[key] += 1
        return tuple(counts.items())

    def counts(self) -> dict[str, int]:
        site = self.site
        counts: dict[str, int] = {}
        for kind in self.context.kinds:
            if kind.counts:
                counts.update(kind.counts(site.of(kind.name), site))
        counts["images"] = sum(1 for f in site.files if f.startswith("images/"))
        counts.update(_problem_counts(self.build_problems))
        return counts

    def required_item(self, item: RequiredItem) -> None:
        """Check a required item: the report's own check, or that of every kind declaring
        it (each on its own records: English asks of the site's pages and its staff)."""
        if item.check == "site-yaml":
            self.site_yaml(item)
            return
        for kind in self.context.kinds:
            check = kind.required_checks.get(item.check)
            if check is not None:
                check(KindView(self, kind), item)

    def site_yaml(self, item: RequiredItem) -> None:
        site = self.site
        absent = [key for key in item.keys if not str(getattr(site.config, key, "") or "").strip()]
        if absent:
            fields = [SITE.field(key) for key in absent]
            self.missing(item, "report-site-yaml-missing", path=f"{site.folder}/site.yaml",
                         words=", ".join(f"{f.help if f else k} ({k})" for f, k in zip(fields, absent)),
                         keys=", ".join(absent), key=absent[0],
                         example=str(fields[0].example_value()) if fields[0] else "...")

    def missing(self, item: RequiredItem, message: str, /, *, path: str | None = None, line: int | None = None,
                **params) -> None:
        self.add("missing-required", message, item=item.id, path=path, line=line, label=item.label,
                 label_en=item.label_en, **params)

    def content_problems(self) -> None:
        for found in sorted(self.build_problems, key=Problem.sort_key):
            if found.code in COVERED_CODES:
                continue
            warning = found.severity == Severity.WARNING
            self.add("content-error", "report-content-warning" if warning else "report-content-error",
                     path=found.path, line=found.line, warning=warning,
                     message=Words(found.message("vi"), found.message("en")))

    def exists(self, target: str) -> bool:
        """Does a site-relative link lead to a planned output of the portal?"""
        path = target.split("#", 1)[0].split("?", 1)[0]
        full = self.site.ref.prefix + path
        published = self.context.published
        if full == "" or full.endswith("/"):
            return full + "index.html" in published
        return full in published or full + "/index.html" in published


class KindView:
    """What a kind's report check sees: the site's records of the kind, and
    ways to report what is missing or stale."""

    def __init__(self, analysis: _SiteAnalysis, kind: Kind):
        self.kind = kind
        self.site = analysis.site
        self.items = analysis.site.of(kind.name)
        self.now = analysis.now
        self.required = analysis.required
        self.add = analysis.add
        self.missing = analysis.missing
        self.line = analysis.lines.find


def _problem_counts(problems: list[Problem]) -> dict[str, int]:
    return {"errors": sum(1 for p in problems if p.severity == Severity.ERROR),
            "warnings": sum(1 for p in problems if p.severity == Severity.WARNING)}


def _unbuilt_report(folder: str, problems: list[Problem], context: _Context) -> SiteReport:
    """A folder that did not become a site: its errors, and that nothing is published."""
    name = Path(folder).name
    found = [ReportProblem.of("empty", "report-unbuilt", path=f"{folder}/site.yaml", name=name)]
    for problem_found in sorted(problems, key=Problem.sort_key):
        warning = problem_found.severity == Severity.WARNING
        found.append(ReportProblem.of(
            "content-error", "report-content-warning" if warning else "report-content-error",
            path=problem_found.path, line=problem_found.line, warning=warning,
            message=Words(problem_found.message("vi"), problem_found.message("en"))))
    return SiteReport(
        slug=name, name=name, kind="", score=0, last_news=None,
        months=tuple((m, 0) for m in last_months(context.now)), counts=_problem_counts(problems),
        problems=tuple(found), short_name=name, folder=folder, built=False, behind_codes=context.behind,
    )


def score(problems: tuple[ReportProblem, ...], required: Required, empty: bool) -> int:
    """100 less the weighted penalties, 0–100; an empty site at most empty_max."""
    weights = required.penalties
    counted: dict[str, int] = {}
    for found in problems:
        key = "content-warning" if found.code == "content-error" and found.warning else found.code
        counted[key] = counted.get(key, 0) + 1
    missing_items = len({p.item for p in problems if p.code == "missing-required"})
    penalty = 0.0
    for key, weight in weights.items():
        if key == "missing-required":  # once per item, however many leaders lack it
            penalty += weight.penalty(missing_items)
        else:
            penalty += weight.penalty(counted.get(key, 0))
    value = max(0, min(100, round(100 - penalty)))
    if empty:
        value = min(value, required.empty_max)
    return int(value)

"""From a read portal to the webmaster's report: what each site lacks.

analyse() looks at every Site as the build sees it (published items only)
and at the build's problems, and writes one SiteReport per site: how current
it is, which required items are missing, its content errors, broken
internal links and pictures, and one score. Nothing is rendered or written.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

from ..content import site_folders
from ..content.kinds.site import SITE
from ..content.kinds.schedule import weeks as _weeks
from ..content.records import Body
from ..content.source import SITE_ROOT_MARK
from ..outputs.plan import plan_site
from ..portal.model import Portal, Site
from ..problems import Problem, Severity
from ..vietnamese import format_date, format_number
from .model import CODES, Counts, PortalReport, ReportProblem, SiteReport
from .required import Required, RequiredItem, load_required

# The build's own warnings that the report states in its own words
# (as missing-required with the item), so they are not listed twice.
COVERED_CODES = frozenset({"leader-no-biography", "leader-no-duties"})


def analyse(portal: Portal | None, problems: Iterable[Problem], now: datetime,
            required: Required | None = None, *, theme_files: tuple[str, ...] = (),
            sites_dir: Path | None = None) -> PortalReport:
    """The report of every site of the portal, worst first.

    problems are the build's (read_portal's, and the renderer's if any);
    theme_files are the theme's static files (plan_site's second argument);
    sites_dir, when given, also gives a row to every folder that did not
    become a site (no or broken site.yaml), named by the folder.
    """
    required = required or load_required()
    sites = portal.sites if portal else ()
    problems = [p for p in problems if p.severity in (Severity.ERROR, Severity.WARNING)]
    folders = {site.folder: site for site in sites}
    unbuilt = _unbuilt_folders(sites, sites_dir)
    by_folder = _group_by_folder(problems, [*folders, *unbuilt])
    planned = {site.slug: frozenset(o.path for o in plan_site(site, theme_files)) for site in sites}
    published = frozenset().union(*planned.values()) if planned else frozenset()
    lines = _LineFinder()
    rows = [_SiteAnalysis(site, by_folder.get(site.folder, []), now, required, published, lines).report()
            for site in sites]
    rows.extend(_unbuilt_report(folder, by_folder.get(folder, []), now) for folder in unbuilt)
    # Worst first: by score; among equals, a site that published nothing first.
    rows.sort(key=lambda r: (r.score, not r.of("empty"), r.slug))
    return PortalReport(now, tuple(rows), required)


def _unbuilt_folders(sites: tuple[Site, ...], sites_dir: Path | None) -> list[str]:
    if sites_dir is None or not Path(sites_dir).is_dir():
        return []
    built = {site.folder for site in sites}
    return [str(Path(sites_dir) / folder.name) for folder in site_folders(Path(sites_dir))
            if str(Path(sites_dir) / folder.name) not in built]


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
    def __init__(self, site: Site, problems: list[Problem], now: datetime, required: Required,
                 published: frozenset[str], lines: "_LineFinder"):
        self.site = site
        self.build_problems = problems
        self.now = now
        self.required = required
        self.published = published
        self.lines = lines
        self.found: list[ReportProblem] = []
        self.missing: list[str] = []

    def add(self, code: str, vi: str, en: str, item: str | None = None, path: str | None = None,
            line: int | None = None, warning: bool = False) -> None:
        self.found.append(ReportProblem(code, vi, item, path, line, en, warning))

    def report(self) -> SiteReport:
        site = self.site
        own_procedures = tuple(p for p in site.of("procedure") if p.origin in ("", site.slug))
        empty = not (site.of("news") or site.of("page") or site.of("staff") or site.of("event") or own_procedures)
        if empty:
            self.add("empty",
                     "Trang chưa đăng nội dung nào: không có tin bài, trang giới thiệu, cán bộ, "
                     "lịch công tác hay thủ tục riêng.",
                     "The site has published nothing: no news, pages, staff, schedule or own "
                     "procedures.")
        self.news()
        self.schedule()
        if not site.of("staff"):
            self.add("no-staff",
                     "Chưa có danh sách cán bộ, công chức: thư mục staff/ chưa có ai "
                     "(mỗi người một tệp).",
                     "No staff list: the staff/ folder has nobody yet (one file a person).",
                     path=f"{site.folder}/staff")
        for item in self.required.for_kind(site.config.kind):
            self.required_item(item)
        self.content_problems()
        self.links_and_pictures(own_procedures)
        self.heavy_images()
        counts = Counts(
            articles=len(site.of("news")), pages=len(site.of("page")), people=len(site.of("staff")),
            leaders=sum(1 for p in site.of("staff") if p.leader), events=len(site.of("event")),
            events_this_week=len(_weeks(site.of('event'), self.now.date())[1].events), procedures=len(site.of("procedure")),
            own_procedures=len(own_procedures),
            images=sum(1 for f in site.files if f.startswith("images/")),
            errors=sum(1 for p in self.build_problems if p.severity == Severity.ERROR),
            warnings=sum(1 for p in self.build_problems if p.severity == Severity.WARNING),
        )
        ranks = {item.id: index for index, item in enumerate(self.required.items)}
        ordered = tuple(sorted(self.found, key=lambda p: _problem_order(p, ranks)))
        return SiteReport(
            slug=site.slug, name=site.config.name, kind=site.config.kind,
            score=score(ordered, self.required, empty),
            last_news=site.of("news")[0].date.date() if site.of("news") else None,
            months=self.months(), counts=counts, problems=ordered,
            short_name=site.ref.short_name, url=site.ref.url, folder=site.folder,
            missing=tuple(dict.fromkeys(p.item for p in ordered if p.code == "missing-required")),
        )

    # Staleness

    def months(self) -> tuple[tuple[str, int], ...]:
        months = last_months(self.now)
        counts = dict.fromkeys(months, 0)
        for article in self.site.of("news"):
            key = f"{article.date.year:04d}-{article.date.month:02d}"
            if key in counts:
                counts[key] += 1
        return tuple(counts.items())

    def news(self) -> None:
        days = self.required.stale_news_days
        if not self.site.of("news"):
            self.add("stale-news", "Chưa đăng tin bài nào (thư mục news/ trống).",
                     "No news published yet (the news/ folder is empty).",
                     path=f"{self.site.folder}/news")
            return
        last = self.site.of("news")[0]
        if last.date >= self.now - timedelta(days=days):
            return
        ago = (self.now.date() - last.date.date()).days
        self.add("stale-news",
                 f"Không có tin mới {ago} ngày (quá {days} ngày): tin gần nhất ngày "
                 f"{format_date(last.date)}.",
                 f"No news for {ago} days (over {days}): the latest is of {last.date:%d/%m/%Y}.",
                 path=last.source)

    def schedule(self) -> None:
        site = self.site
        week = _weeks(site.of('event'), self.now.date())[1]
        if week.events:
            return
        ahead = self.required.next_week_schedule_from
        next_monday = week.monday + timedelta(days=7)
        if ahead is not None and self.now.weekday() >= ahead and any(
                next_monday <= e.start.date() < next_monday + timedelta(days=7) for e in site.of("event")):
            return
        span = f"{format_date(week.monday)}–{format_date(week.sunday)}"
        also = " và tuần tới" if ahead is not None and self.now.weekday() >= ahead else ""
        also_en = " nor for next week" if also else ""
        self.add("no-schedule-this-week",
                 f"Chưa có lịch công tác, lịch họp tuần này ({span}){also}.",
                 f"No work or meeting schedule for this week ({span}){also_en}.",
                 path=f"{site.folder}/schedule")

    # Completeness

    def required_item(self, item: RequiredItem) -> None:
        site = self.site
        if item.check == "page":
            if not any(page.topic == item.topic for page in site.of("page")):
                self.missing_item(
                    item,
                    f"Thiếu mục bắt buộc: {item.label}. Hãy viết một trang trong thư mục pages/ có "
                    f"dòng 'topic: {item.topic}' (ví dụ: python build.py new page \"{item.label}\" "
                    f"--site {site.slug}).",
                    f"Missing required item: {item.label_en}. Write a page in pages/ with the line "
                    f"'topic: {item.topic}'.",
                    path=f"{site.folder}/pages")
        elif item.check in ("leader-biography", "leader-duties"):
            self.leaders(item)
        elif item.check == "procedures":
            if not site.of("procedure"):
                self.missing_item(
                    item,
                    f"Thiếu mục bắt buộc: {item.label}: trang chưa có thủ tục nào, kể cả thủ tục "
                    "nhận từ cấp trên. Hãy viết thủ tục trong thư mục procedures/.",
                    f"Missing required item: {item.label_en}: the site has no procedure, inherited "
                    "ones included. Write procedures in procedures/.",
                    path=f"{site.folder}/procedures")
        elif item.check == "site-yaml":
            absent = [key for key in item.keys if not str(getattr(site.config, key, "") or "").strip()]
            if absent:
                words = ", ".join(f"{_site_key_help(k)} ({k})" for k in absent)
                self.missing_item(
                    item,
                    f"Thiếu mục bắt buộc: {item.label}: site.yaml chưa có {words}. "
                    f"Hãy thêm, ví dụ: {absent[0]}: {_site_key_example(absent[0])}",
                    f"Missing required item: {item.label_en}: site.yaml lacks "
                    f"{', '.join(absent)}.",
                    path=f"{site.folder}/site.yaml")

    def leaders(self, item: RequiredItem) -> None:
        site = self.site
        leaders = [p for p in site.of("staff") if p.leader]
        biography = item.check == "leader-biography"
        if not leaders:
            self.missing_item(
                item,
                f"Thiếu mục bắt buộc: {item.label}: chưa có cán bộ nào được ghi 'leader: true' "
                "(lãnh đạo) trong thư mục staff/.",
                f"Missing required item: {item.label_en}: no staff file says 'leader: true'.",
                path=f"{site.folder}/staff")
            return
        for person in leaders:
            if biography and not _has_text(person.body):
                self.missing_item(
                    item,
                    f"Thiếu mục bắt buộc: {item.label}: {person.name} ({person.position}) chưa có "
                    "lý lịch tóm tắt. Hãy viết lý lịch sau dòng '---' thứ hai của tệp.",
                    f"Missing required item: {item.label_en}: {person.name} has no short "
                    "biography. Write it after the second '---' line.",
                    path=person.source, line=self.lines.find(person.source, "leader:"))
            elif not biography and not person.duties:
                self.missing_item(
                    item,
                    f"Thiếu mục bắt buộc: {item.label}: {person.name} ({person.position}) chưa có "
                    "'duties'. Hãy thêm, ví dụ: duties: [Lãnh đạo chung, Phụ trách nội chính]",
                    f"Missing required item: {item.label_en}: {person.name} has no 'duties'. "
                    "Add e.g. duties: [General leadership, Internal affairs]",
                    path=person.source, line=self.lines.find(person.source, "leader:"))

    def missing_item(self, item: RequiredItem, vi: str, en: str, path: str | None = None,
                     line: int | None = None) -> None:
        self.add("missing-required", vi, en, item=item.id, path=path, line=line)

    # The build's problems

    def content_problems(self) -> None:
        for found in sorted(self.build_problems, key=Problem.sort_key):
            if found.code in COVERED_CODES:
                continue
            warning = found.severity == Severity.WARNING
            self.add("content-error",
                     ("Cảnh báo: " if warning else "") + found.message("vi"),
                     ("Warning: " if warning else "") + found.message("en"),
                     path=found.path, line=found.line, warning=warning)

    # Links and pictures

    def links_and_pictures(self, own_procedures: tuple) -> None:
        site = self.site
        sources = [(a.source, a.body) for a in site.of("news")]
        sources += [(p.source, p.body) for p in site.of("page")]
        sources += [(p.source, p.body) for p in site.of("staff")]
        sources += [(e.source, e.body) for e in site.of("event")]
        sources += [(p.source, p.body) for p in own_procedures]
        seen_links: set[tuple[str, str]] = set()
        for source, body in sources:
            if not body.html:
                continue
            scan = _BodyScan()
            scan.feed(body.html)
            scan.close()
            for href in scan.links:
                if href.startswith(SITE_ROOT_MARK):
                    target = href[len(SITE_ROOT_MARK):]
                    if not self.exists(target) and (source, target) not in seen_links:
                        seen_links.add((source, target))
                        shown = "/" + target
                        self.add("broken-link",
                                 f"Liên kết hỏng: '{shown}' không dẫn tới trang nào của cổng. "
                                 "Hãy sửa lại đường dẫn hoặc bỏ liên kết.",
                                 f"Broken link: '{shown}' leads to no page of the portal. "
                                 "Correct the path or remove the link.",
                                 path=source, line=self.lines.find(source, _needle(target)))
            for src, alt in scan.images:
                if alt is None or not alt.strip():
                    shown = src[len(SITE_ROOT_MARK):] if src.startswith(SITE_ROOT_MARK) else src
                    self.add("image-no-alt",
                             f"Ảnh '{shown}' không có lời mô tả (alt) cho người khiếm thị. Hãy viết "
                             f"mô tả trong ngoặc vuông, ví dụ: ![Quang cảnh hội nghị]({shown})",
                             f"The picture '{shown}' has no alternative text. Write it in the "
                             f"brackets, e.g. ![The meeting hall]({shown})",
                             path=source, line=self.lines.find(source, shown))
        for article in site.of("news"):
            if article.image and not article.image_caption.strip():
                self.add("image-no-alt",
                         f"Ảnh đại diện '{article.image}' chưa có chú thích: hãy thêm dòng "
                         "'image_caption: ...' (chú thích cũng là lời mô tả ảnh cho người khiếm thị).",
                         f"The lead picture '{article.image}' has no caption: add "
                         "'image_caption: ...' (the caption is also its alternative text).",
                         path=article.source, line=self.lines.find(article.source, "image:"))
        for link in site.menu:
            if link.path is None or link.key:
                continue
            if not self.exists(link.path):
                shown = "/" + link.path
                path = f"{site.folder}/site.yaml"
                self.add("broken-link",
                         f"Trình đơn: mục '{link.title}' trỏ tới '{shown}' nhưng không có trang này. "
                         "Hãy sửa 'url:' trong site.yaml hoặc viết trang đó.",
                         f"Menu: the entry '{link.title}' points to '{shown}', which does not exist. "
                         "Correct its 'url:' in site.yaml or write that page.",
                         path=path, line=self.lines.find(path, _needle(link.path)))

    def exists(self, target: str) -> bool:
        """Does a site-relative link lead to a planned output of the portal?"""
        path = target.split("#", 1)[0].split("?", 1)[0]
        full = self.site.ref.prefix + path
        if full == "" or full.endswith("/"):
            return full + "index.html" in self.published
        return full in self.published or full + "/index.html" in self.published

    def heavy_images(self) -> None:
        site = self.site
        limit = self.required.image_max_bytes
        for name in site.files:
            if not name.startswith("images/"):
                continue
            try:
                size = (Path(site.folder) / name).stat().st_size
            except OSError:
                continue
            if size > limit:
                path = f"{site.folder}/{name}"
                self.add("image-too-heavy",
                         f"Ảnh '{name}' nặng {_size(size, 'vi')} (tối đa {_size(limit, 'vi')}): người "
                         "dân dùng điện thoại sẽ chờ lâu. Hãy thu nhỏ ảnh (ví dụ rộng 1200 điểm ảnh, "
                         "JPEG chất lượng 80%) rồi chép lại.",
                         f"The picture '{name}' weighs {_size(size, 'en')} (at most "
                         f"{_size(limit, 'en')}). Scale it down (e.g. 1200 pixels wide, JPEG quality "
                         "80%) and copy it again.",
                         path=path)


def _unbuilt_report(folder: str, problems: list[Problem], now: datetime) -> SiteReport:
    """A folder that did not become a site: its errors, and that nothing is published."""
    name = Path(folder).name
    found = [ReportProblem(
        "empty",
        f"Thư mục '{name}' không được xuất bản vì site.yaml bị thiếu hoặc có lỗi (xem lỗi bên dưới).",
        None, f"{folder}/site.yaml", None,
        f"The folder '{name}' is not published: its site.yaml is missing or broken (see below).")]
    for problem_found in sorted(problems, key=Problem.sort_key):
        warning = problem_found.severity == Severity.WARNING
        found.append(ReportProblem(
            "content-error", ("Cảnh báo: " if warning else "") + problem_found.message("vi"), None,
            problem_found.path, problem_found.line,
            ("Warning: " if warning else "") + problem_found.message("en"), warning))
    return SiteReport(
        slug=name, name=name, kind="", score=0, last_news=None,
        months=tuple((m, 0) for m in last_months(now)),
        counts=Counts(errors=sum(1 for p in problems if p.severity == Severity.ERROR),
                      warnings=sum(1 for p in problems if p.severity == Severity.WARNING)),
        problems=tuple(found), short_name=name, folder=folder, built=False,
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


def _problem_order(found: ReportProblem, ranks: dict[str, int]) -> tuple:
    """By code (CODES order), required items in the file's order, errors before warnings, file, line."""
    return (CODES.index(found.code), ranks.get(found.item or "", len(ranks)), found.warning,
            found.path or "", found.line or 0)


def _has_text(body: Body) -> bool:
    return bool(re.sub(r"<[^>]+>|\s", "", body.html))


def _site_key_help(key: str) -> str:
    declared = SITE.field(key)
    return declared.help if declared else key


def _site_key_example(key: str) -> str:
    declared = SITE.field(key)
    return str(declared.example_value()) if declared else "..."


def _needle(target: str) -> str:
    """What an editor most likely wrote for a site link: the path without the end slash."""
    return target.split("#", 1)[0].split("?", 1)[0].rstrip("/") or target


def _size(size: int, lang: str) -> str:
    if size >= 1024 * 1024:
        value = round(size / (1024 * 1024), 1)
        return f"{format_number(value) if lang == 'vi' else value} MB"
    return f"{round(size / 1024)} KB"


class _BodyScan(HTMLParser):
    """The links and pictures of one stored body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.images: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        elif tag == "img":
            self.images.append((values.get("src") or "", values.get("alt")))

    handle_startendtag = handle_starttag


class _LineFinder:
    """The first line of an editor's file that holds a piece of text (for the report's path:line)."""

    def __init__(self) -> None:
        self._files: dict[str, list[str] | None] = {}

    def find(self, path: str, needle: str) -> int | None:
        if not needle:
            return None
        if path not in self._files:
            try:
                text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
                self._files[path] = unicodedata.normalize("NFC", text).splitlines()
            except OSError:
                self._files[path] = None
        lines = self._files[path]
        if lines is None:
            return None
        return next((number for number, line in enumerate(lines, 1) if needle in line), None)

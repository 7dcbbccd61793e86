"""The webmaster's report as plain, frozen data.

A PortalReport holds one SiteReport per site, worst first. Each problem has
a code from CODES (the promise made to report.json readers), a message in
Vietnamese (and its English wording) and, where it applies, the required
item it is about and the file and line to open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .required import Required

# Every problem code of report.json, in the order problems are listed in a
# site's row (the first one is the site's "top problem").
CODES = (
    "empty", "stale-news", "no-schedule-this-week", "no-staff", "missing-required",
    "content-error", "broken-link", "image-no-alt", "image-too-heavy",
)
# Codes that say the site is behind (on the rules or the leaders' deadlines),
# as opposed to quality problems (errors, links, pictures).
BEHIND_CODES = frozenset({"empty", "stale-news", "no-schedule-this-week", "no-staff",
                          "missing-required"})

# Short names of the codes, for headings and the terminal: (Vietnamese, English).
CODE_LABELS: dict[str, tuple[str, str]] = {
    "empty": ("Trang trống", "Empty site"),
    "stale-news": ("Tin cũ", "Stale news"),
    "no-schedule-this-week": ("Chưa có lịch tuần này", "No schedule this week"),
    "no-staff": ("Chưa có danh sách cán bộ", "No staff list"),
    "missing-required": ("Thiếu mục bắt buộc", "Missing required items"),
    "content-error": ("Lỗi nội dung", "Content errors"),
    "broken-link": ("Liên kết hỏng", "Broken links"),
    "image-no-alt": ("Ảnh thiếu lời mô tả", "Pictures without alternative text"),
    "image-too-heavy": ("Ảnh quá nặng", "Pictures too heavy"),
}

# Grades by score, so the score is never told by colour alone.
# Tốt: complete and current, at most small faults; a site missing one required
# item or with stale news is no better than Trung bình.
GRADES = ((95, "good", "Tốt", "Good"), (80, "fair", "Khá", "Fair"),
          (50, "poor", "Trung bình", "Poor"), (0, "bad", "Kém", "Bad"))


def grade(score: int) -> tuple[str, str, str]:
    """(css name, Vietnamese label, English label) of a score."""
    for floor, name, vi, en in GRADES:
        if score >= floor:
            return name, vi, en
    return GRADES[-1][1:]


@dataclass(frozen=True)
class ReportProblem:
    code: str  # one of CODES
    message: str  # Vietnamese
    item: str | None = None  # missing-required: the required item's id
    path: str | None = None  # the file to open, as the build names it
    line: int | None = None
    message_en: str = ""
    warning: bool = False  # content-error only: the build's warning rather than error

    def text(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" and self.message_en else self.message

    def location(self) -> str:
        if not self.path:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Counts:
    articles: int = 0
    pages: int = 0
    people: int = 0
    leaders: int = 0
    events: int = 0
    events_this_week: int = 0
    procedures: int = 0  # published on the site, inherited ones included
    own_procedures: int = 0
    images: int = 0
    errors: int = 0  # the build's errors in this site's files
    warnings: int = 0


@dataclass(frozen=True)
class SiteReport:
    slug: str
    name: str
    kind: str  # province | district | commune | ward | town; '' for a folder that is no site
    score: int  # 0–100
    last_news: date | None
    months: tuple[tuple[str, int], ...]  # ('YYYY-MM', items) for 12 months ending at now's month
    counts: Counts
    problems: tuple[ReportProblem, ...]
    short_name: str = ""
    url: str = ""
    folder: str = ""
    built: bool = True  # False: the folder did not become a site (no or broken site.yaml)
    missing: tuple[str, ...] = ()  # ids of the required items missing

    @property
    def behind(self) -> bool:
        return any(p.code in BEHIND_CODES for p in self.problems)

    def of(self, code: str) -> tuple[ReportProblem, ...]:
        return tuple(p for p in self.problems if p.code == code)


@dataclass(frozen=True)
class PortalReport:
    generated: datetime
    sites: tuple[SiteReport, ...]  # worst first
    required: Required = field(compare=False)

    @property
    def behind(self) -> tuple[SiteReport, ...]:
        return tuple(s for s in self.sites if s.behind)

    def site(self, slug: str) -> SiteReport:
        return next(s for s in self.sites if s.slug == slug)

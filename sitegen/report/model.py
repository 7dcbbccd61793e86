"""The webmaster's report as plain, frozen data.

A PortalReport holds one SiteReport per site, worst first. Each problem has
a code (report/codes.py: the promise made to report.json readers), a
message from the report's catalogue (sitegen/messages/report.py) with its
values and, where it applies, the required item it is about and the file
and line to open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ..content.kind import ReportCode
from ..content.kinds import DEFAULT
from ..messages.report import REPORT_MESSAGES
from ..problems import params_of, worded
from .codes import report_codes
from .required import Required

# Every problem code of the default kinds, in the order problems are listed in
# a site's row (the first one is the site's "top problem").
CODES = tuple(code.code for code in report_codes(DEFAULT))


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
    code: str  # one of the report's codes
    message: str  # the key of its wording in the report's message catalogue
    params: tuple = ()  # the wording's values
    item: str | None = None  # missing-required: the required item's id
    path: str | None = None  # the file to open, as the build names it
    line: int | None = None
    warning: bool = False  # content-error only: the build's warning rather than error

    @classmethod
    def of(cls, code: str, message: str, /, *, item: str | None = None, path: str | None = None,
           line: int | None = None, warning: bool = False, **params) -> "ReportProblem":
        return cls(code, message, params_of(params), item, path, line, warning)

    def text(self, lang: str = "vi") -> str:
        return worded(REPORT_MESSAGES, self.message, self.params, lang)

    def location(self) -> str:
        if not self.path:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class SiteReport:
    slug: str
    name: str
    kind: str  # province | district | commune | ward | special-zone | town; '' for a folder that is no site
    score: int  # 0–100
    last_news: date | None
    months: tuple[tuple[str, int], ...]  # ('YYYY-MM', items) for 12 months ending at now's month
    counts: dict[str, int]  # report.json's counts: each kind's, then images, errors, warnings
    problems: tuple[ReportProblem, ...]
    short_name: str = ""
    url: str = ""
    folder: str = ""
    built: bool = True  # False: the folder did not become a site (no or broken site.yaml)
    missing: tuple[str, ...] = ()  # ids of the required items missing

    behind_codes: frozenset[str] = frozenset()  # the codes that say a site is behind

    @property
    def behind(self) -> bool:
        return any(p.code in self.behind_codes for p in self.problems)

    def of(self, code: str) -> tuple[ReportProblem, ...]:
        return tuple(p for p in self.problems if p.code == code)


@dataclass(frozen=True)
class PortalReport:
    generated: datetime
    sites: tuple[SiteReport, ...]  # worst first
    required: Required = field(compare=False)
    codes: tuple[ReportCode, ...] = field(default=report_codes(DEFAULT), compare=False)  # in rank order

    def label(self, code: str, lang: str = "vi") -> str:
        """A code's short name, for headings and the terminal."""
        found = next((c for c in self.codes if c.code == code), None)
        return (found.en if lang == "en" else found.vi) if found else code

    @property
    def behind(self) -> tuple[SiteReport, ...]:
        return tuple(s for s in self.sites if s.behind)

    def site(self, slug: str) -> SiteReport:
        return next(s for s in self.sites if s.slug == slug)

"""What the webmaster's report asks of a site's documents (the law's deadlines).

- A commune publishes its budget's execution every quarter, within 15 days
  of the quarter's end (Law on Grassroots Democracy, Art. 11): a commune,
  ward or town with no budget disclosure for the last quarter whose deadline
  has passed is listed with the quarter it misses.
- A draft put out for comment whose deadline passed 30 days ago and still
  has no summary of the comments (consultation.result) is listed.
The days are thresholds of the required-items file.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ...vietnamese import fold, format_date
from ..vocabulary import may_have_sub_sites

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(r"(?:quy|q)\s*([ivx]+|[1-4])\b\D*?(\d{4})")


def quarter_of(period: str) -> tuple[int, int] | None:
    """(year, quarter) of a period as editors write it: 'Quý III/2026', 'quý 3 năm 2026', 'Q3/2026'."""
    match = _QUARTER.search(fold(period))
    if not match:
        return None
    number = ROMAN.get(match.group(1)) or (int(match.group(1)) if match.group(1).isdigit() else None)
    return (int(match.group(2)), number) if number else None


def _quarter_end(year: int, quarter: int) -> date:
    month = quarter * 3
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def last_due_quarter(now: datetime, grace_days: int) -> tuple[int, int, date]:
    """The latest quarter whose disclosure is due by now: (year, quarter, due date)."""
    year, quarter = now.year, (now.month - 1) // 3 + 1
    while True:
        due = _quarter_end(year, quarter) + timedelta(days=grace_days)
        if due < now.date():
            return year, quarter, due
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def _covers(document, year: int, quarter: int) -> bool:
    """A budget disclosure for the quarter: by its period, else issued in the quarter after."""
    written = quarter_of(document.period) if document.period else None
    if written is not None:
        return written == (year, quarter)
    if document.issued is None:
        return False  # a draft for comment with no date of its own
    end = _quarter_end(year, quarter)
    return end < document.issued.date() <= _quarter_end(*_next(year, quarter))


def _next(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter + 1) if quarter < 4 else (year + 1, 1)


def budget_disclosure(view) -> None:
    site = view.site
    if may_have_sub_sites(site.config.kind):
        return  # the duty is a commune's (a district publishes under its own rules)
    year, quarter, due = last_due_quarter(view.now, view.required.budget_disclosure_days)
    if any(d.section == "budget" and _covers(d, year, quarter) for d in view.items):
        return
    view.add("no-budget-disclosure", "report-no-budget-disclosure", path=f"{site.folder}/documents",
             quarter=f"{'I II III IV'.split()[quarter - 1]}/{year}", due=format_date(due))


def consultation_results(view) -> None:
    days = view.required.consultation_result_days
    for document in view.items:
        consultation = document.consultation
        if consultation and not consultation.result and consultation.until + timedelta(days=days) < view.now:
            view.add("consultation-no-result", "report-consultation-no-result", path=document.source,
                     line=view.line(document.source, "until:"), number=document.number,
                     until=format_date(consultation.until), days=days)

"""The date forms editors write, read into moments of the portal's time zone,
and the build's own 'now'.

Apart from the field types, so that the command line can read --now without
loading the content machinery (YAML, Babel): a build that finds nothing
changed needs none of it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from ..problems import Words

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")  # the portal's time zone: UTC+7, no daylight saving


_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[ T]+(?P<H>\d{1,2})[:hH](?P<M>\d{2})?(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_VIETNAMESE = re.compile(
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"(?:[ ,]+(?:lúc\s+)?(?P<H>\d{1,2})(?:[:hH]|\s*giờ\s*)(?P<M>\d{2})?(?::(?P<S>\d{2}))?\s*(?:phút)?)?"
)
_TIME_FIRST = re.compile(
    r"(?P<H>\d{1,2})[:hH](?P<M>\d{2})?(?:\s*(?:ngày)?\s*|,\s*)"
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
)


@dataclass(frozen=True)
class When:
    """A moment written by an editor; all_day when no time was given."""

    moment: datetime
    all_day: bool


def parse_when(text: str) -> When:
    """Read the date forms editors write; raise ValueError with a reason."""
    text = " ".join(text.strip().split())
    for pattern in (_ISO, _VIETNAMESE, _TIME_FIRST):
        match = pattern.fullmatch(text)
        if match:
            return _build_when(match.groupdict())
    raise ValueError("format")


def _build_when(parts: dict[str, str | None]) -> When:
    year, month, day = int(parts["y"]), int(parts["m"]), int(parts["d"])
    hour = int(parts["H"]) if parts.get("H") else None
    minute = int(parts["M"]) if parts.get("M") else 0
    second = int(parts["S"]) if parts.get("S") else 0
    _check_calendar(year, month, day, hour, minute, second)
    moment = datetime(year, month, day, hour or 0, minute, second)
    offset = parts.get("tz")
    if offset:
        moment = moment.replace(tzinfo=_fixed_offset(offset)).astimezone(LOCAL_TZ)
    else:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    return When(moment, all_day=hour is None)


def _fixed_offset(text: str) -> timezone:
    if text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


@dataclass(frozen=True)
class DateShift:
    """A sample portal's dates moved to the current week (portal.read.root_rules).

    The sample's own items are those with a date before `before`, the Monday
    after the week the sample was written for: such an item moves whole, by
    `by`, its later dates too (a draft's deadline stays after its issue date).
    An item with no date that early is an editor's, written in the sample or a
    training portal since, and keeps its dates: it never jumps into the future."""

    by: timedelta = timedelta(0)
    before: datetime | None = None  # None: every date moves (an item found to be the sample's)

    def apply(self, when: When) -> When:
        if not self.by or (self.before is not None and when.moment >= self.before):
            return when
        return When(when.moment + self.by, when.all_day)

    def for_item(self, values: object, named: str = "") -> "DateShift":
        """The shift of one item, from its raw values (and the date its file name
        starts with, 'named'): all of it moves, or none of it."""
        if not self.by or self.before is None:
            return self
        if any(when.moment < self.before for when in _dates_in([values, named[:10]])):
            return DateShift(self.by)
        return NO_SHIFT


def _dates_in(data: object):
    """Every date written anywhere in raw front matter (Value, dict, list, text, YAML date)."""
    data = getattr(data, "data", data)
    if isinstance(data, dict):
        for value in data.values():
            yield from _dates_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from _dates_in(value)
    elif isinstance(data, (str, date)):
        text = data if isinstance(data, str) else data.isoformat()
        if 8 <= len(text) <= 40:  # a date, not a title or a body
            try:
                yield parse_when(text)
            except ValueError:
                pass


NO_SHIFT = DateShift()


class ImpossibleDate(ValueError):
    def __init__(self, vi: str, en: str):
        super().__init__(en)
        self.words = Words(vi, en)


def _check_calendar(year: int, month: int, day: int, hour: int | None, minute: int, second: int) -> None:
    if not 1 <= month <= 12:
        raise ImpossibleDate(f"không có tháng {month}", f"there is no month {month}")
    if not 1900 <= year <= 2200:
        raise ImpossibleDate(f"năm {year} nằm ngoài khoảng hợp lý", f"the year {year} is out of range")
    days = _days_in_month(year, month)
    if not 1 <= day <= days:
        raise ImpossibleDate(f"tháng {month}/{year} chỉ có {days} ngày", f"{month}/{year} has only {days} days")
    if hour is not None and not 0 <= hour <= 23:
        raise ImpossibleDate("giờ phải từ 0 đến 23", "the hour must be 0 to 23")
    if not 0 <= minute <= 59 or not 0 <= second <= 59:
        raise ImpossibleDate("phút phải từ 0 đến 59", "minutes must be 0 to 59")


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def build_time(text: str | None = None) -> datetime:
    """The build's 'now': given, else SOURCE_DATE_EPOCH (reproducible builds), else the clock."""
    if text:
        return parse_when(text).moment
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).astimezone(LOCAL_TZ)
    return datetime.now(LOCAL_TZ).replace(microsecond=0)

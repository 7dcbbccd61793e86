"""The schedule (lịch công tác, lịch họp): schedule/*.md, one event a file,
or schedule/*.yaml with a week's events under `events:`.

Citizens see this week at lich-cong-tac/, every week with an event at
lich-cong-tac/<year>-tuan-<nn>/, laid out by weekday, morning and afternoon,
each event at lich-cong-tac/su-kien/<slug>/, and can subscribe to
lich-cong-tac/lich.ics. A cancelled event stays, marked as such. The
sessions of citizen reception (`kind: reception`) also have their own page,
tiep-cong-dan/, and calendar (reception.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ...problems import Severity, problem
from ...vietnamese import format_date, slugify
from ..kind import Crumb, Entry, Field, ItemPage, Kind, Listed, ListPage, Making, Publishing, ReportCode, Scaffold
from ..records import Body
from ..types import AssetPath, Boolean, Choice, DateTime, Reference, Text, TextList
from ..vocabulary import EVENT_KINDS
from . import reception
from .common import DRAFT, slug_field, text

SECTION = "lich-cong-tac/"
EVENTS = SECTION + "su-kien/"
CALENDAR = SECTION + "lich.ics"
HOME_EVENTS = 6

FIELDS = (
    Field("title", Text(400), "nội dung công việc, cuộc họp", required=True,
          example="Hội nghị triển khai nhiệm vụ xây dựng chính quyền điện tử"),
    Field("start", DateTime(), "bắt đầu", required=True, example="25/11/2019 08:00"),
    Field("end", DateTime(), "kết thúc", example="25/11/2019 11:00"),
    Field("location", Text(300), "địa điểm", example="Hội trường UBND tỉnh"),
    # Chosen on the admin page among the site's staff, as 'Họ tên - Chức vụ'; any text in a file.
    Field("chair", Reference("staff", "{name} - {position}"), "chủ trì",
          example="Nguyễn Thành Mạnh - Chủ tịch UBND tỉnh"),
    Field("participants", TextList(("Lãnh đạo các phòng, ban", "Chủ tịch UBND các xã, phường"),
                                   split=False), "thành phần", default=()),
    Field("kind", Choice(EVENT_KINDS), "loại: meeting (mời họp) | work (lịch công tác) | reception (tiếp "
          "công dân: chair là người tiếp)", default="work", example="meeting"),
    Field("invitation", AssetPath("files", "files/giay-moi.pdf"), "giấy mời (tệp đính kèm)",
          example="files/giay-moi-25-11.pdf"),
    Field("cancelled", Boolean(), "true: đã hoãn/hủy (vẫn hiện, có ghi rõ)", default=False,
          example=False),
    DRAFT,
    slug_field("tạo từ ngày và nội dung", "hoi-nghi"),
)


@dataclass(frozen=True)
class Event:
    source: str
    slug: str
    title: str
    start: datetime
    end: datetime | None
    all_day: bool
    location: str
    chair: str
    participants: tuple[str, ...]
    kind: str
    invitation: str | None
    cancelled: bool
    body: Body


def make(entry: Entry, making: Making) -> Event:
    values = entry.values
    start, end = values["start"], values["end"]
    slug = values["slug"] or f"{start.moment:%Y-%m-%d}-{slugify(values['title'])}"[:90].rstrip("-")
    return Event(
        source=entry.path, slug=slug, title=values["title"], start=start.moment,
        end=end.moment if end else None, all_day=start.all_day, location=text(values["location"]),
        chair=text(values["chair"]), participants=values["participants"], kind=values["kind"],
        invitation=values["invitation"], cancelled=values["cancelled"], body=entry.body,
    )


def check_end(document, values: dict, lines: dict, problems: list) -> None:
    start, end = values["start"], values["end"]
    if end is not None and end.moment < start.moment:
        problems.append(problem(document.path, lines.get("end"), "end-before-start", Severity.WARNING,
                                start=start.moment.strftime("%d/%m/%Y %H:%M"),
                                end=end.moment.strftime("%d/%m/%Y %H:%M")))
        values["end"] = None


# Weeks --------------------------------------------------------------------

@dataclass(frozen=True)
class Day:
    day: date
    morning: tuple[Event, ...]
    afternoon: tuple[Event, ...]

    @property
    def empty(self) -> bool:
        return not self.morning and not self.afternoon


@dataclass(frozen=True)
class Week:
    monday: date
    path: str
    days: tuple[Day, ...]
    previous: str | None
    next: str | None
    current: bool

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def number(self) -> int:
        return self.monday.isocalendar()[1]

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(e for d in self.days for e in (*d.morning, *d.afternoon))


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_path(monday: date) -> str:
    year, number, _ = monday.isocalendar()
    return f"{SECTION}{year}-tuan-{number:02d}/"


def weeks(events: tuple[Event, ...], today: date) -> tuple[tuple[Week, ...], Week]:
    """A page for every week with an event, and for the current week."""
    this_monday = monday_of(today)
    by_week: dict[date, list[Event]] = defaultdict(list)
    for event in events:
        by_week[monday_of(event.start.date())].append(event)
    mondays = sorted(set(by_week) | {this_monday})
    found = []
    for index, monday in enumerate(mondays):
        days = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            todays = [e for e in by_week[monday] if e.start.date() == day]
            days.append(Day(day, tuple(e for e in todays if e.start.hour < 12),
                            tuple(e for e in todays if e.start.hour >= 12)))
        found.append(Week(
            monday=monday, path=week_path(monday), days=tuple(days),
            previous=week_path(mondays[index - 1]) if index > 0 else None,
            next=week_path(mondays[index + 1]) if index + 1 < len(mondays) else None,
            current=monday == this_monday,
        ))
    return tuple(found), next(w for w in found if w.current)


def current_week(listed: Listed) -> Week:
    return listed.memo("weeks", lambda: weeks(listed.items, listed.now.date()))[1]


def week_pages(listed: Listed):
    every, current = listed.memo("weeks", lambda: weeks(listed.items, listed.now.date()))
    crumb = Crumb(SECTION, key="schedule")
    context = {"current_week_path": current.path}
    yield ListPage(SECTION, "week", "week.html", title_key="schedule", crumbs=(crumb,),
                   context={"week": current, "schema_items": current.events, **context})
    for week in every:
        yield ListPage(week.path, "week", "week.html", title_key="schedule_week",
                       crumbs=(crumb, Crumb(week.path, f"{week.number}/{week.monday.year}")),
                       context={"week": week, "schema_items": week.events, **context})


def schema(event: Event, ld) -> list[dict]:
    site = ld.site
    data = {
        "@type": "Event", "name": event.title, "url": ld.url(event),
        "startDate": event.start.date().isoformat() if event.all_day else event.start.isoformat(),
        "eventStatus": ld.CONTEXT + ("/EventCancelled" if event.cancelled else "/EventScheduled"),
        "eventAttendanceMode": ld.CONTEXT + "/OfflineEventAttendanceMode",
        "organizer": {"@id": ld.organisation["@id"]},
        "location": {"@type": "Place", "name": event.location or site.config.address or site.config.name,
                     "address": site.config.address or site.config.name},
    }
    if event.end:
        data["endDate"] = event.end.isoformat()
    if event.chair or event.participants:
        data["description"] = "; ".join(filter(None, [event.chair, *event.participants]))
    return [data]


def next_week_starts(items: tuple, now: datetime):
    """This week's page changes when the next week begins."""
    monday = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    yield monday + timedelta(days=7)


def changes(items: tuple, now: datetime):
    """The moments the clock alone changes the schedule's pages: a new week, a
    reception session's day ending."""
    yield from next_week_starts(items, now)
    yield from reception.changes(items, now)


# The report ---------------------------------------------------------------

def no_schedule(view) -> None:
    """Nothing scheduled this week (nor next week, once the week nears its end)."""
    week = weeks(view.items, view.now.date())[1]
    if week.events:
        return
    ahead = view.required.next_week_schedule_from
    next_monday = week.monday + timedelta(days=7)
    looking_ahead = ahead is not None and view.now.weekday() >= ahead
    if looking_ahead and any(next_monday <= e.start.date() < next_monday + timedelta(days=7)
                             for e in view.items):
        return
    span = f"{format_date(week.monday)}–{format_date(week.sunday)}"
    view.add("no-schedule-this-week",
             "report-no-schedule-weeks" if looking_ahead else "report-no-schedule",
             path=f"{view.site.folder}/{SCHEDULE.folder}", span=span)


def counts(items: tuple, site) -> dict:
    return {"events": len(items), "events_this_week": len(weeks(items, site.now.date())[1].events)}


SCHEDULE = Kind(
    "event", "lịch công tác, lịch họp", "schedule", FIELDS, record=Event, make=make,
    extensions=(".md", ".markdown", ".yaml", ".yml"), body_help="ghi chú thêm (không bắt buộc)",
    yaml_list="events", checks=(check_end,),
    order=lambda e: (e.start, e.title, e.source),
    publishing=Publishing(
        SECTION, section_key="schedule",
        item=ItemPage("event.html", "event", "event", description=lambda e: f"{e.location}",
                      context=lambda event, index, listed: {
                          "week_path": week_path(monday_of(event.start.date()))},
                      folder=EVENTS, dc_type="Event"),
        listings=(week_pages, reception.page), items_after=1, menu=4, schema=schema,
        home=lambda listed: {"week": current_week(listed),
                             "week_events": current_week(listed).events[:HOME_EVENTS], **reception.home(listed)},
        data_files=lambda listed: ((CALENDAR, "calendar", {"events": listed.items}), *reception.calendar(listed)),
        also=(reception.SECTION,), menu_group=(reception.MENU,),
        paths={"calendar": CALENDAR, "reception": reception.SECTION, "reception_calendar": reception.CALENDAR},
    ),
    scaffold=Scaffold(lambda title, now, slug, taken: {"title": title, "start": f"{now:%d/%m/%Y} 08:00",
                                                       "end": f"{now:%d/%m/%Y} 11:00", "kind": "work",
                                                       "slug": ""},
                      dated=True),
    changes=changes,
    report_codes=(ReportCode("no-schedule-this-week", "Chưa có lịch tuần này", "No schedule this week",
                             rank=20),
                  ReportCode("no-reception", "Chưa có lịch tiếp công dân", "No citizen reception scheduled",
                             rank=21)),
    report=(no_schedule, reception.no_reception),
    counts=counts,
)

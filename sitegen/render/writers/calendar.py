"""The site's schedule as an iCalendar feed that calendar apps subscribe to.

Times are written with TZID=Asia/Ho_Chi_Minh and its VTIMEZONE; a cancelled
event stays in the feed with STATUS:CANCELLED so subscribers see the change.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from icalendar import Calendar, Event as CalendarEvent

from ...content.vocabulary import EVENT_KINDS

if TYPE_CHECKING:
    from ...outputs.plan import Chrome
    from ..links import Linker

DEFAULT_LENGTH = timedelta(hours=1)


def render_calendar(site: "Chrome", events: tuple, linker: "Linker", wording: dict[str, str],
                    title_key: str = "schedule") -> bytes:
    """The events as an iCalendar file (linker makes absolute URLs), named by
    the wording's title_key (the schedule's, or the reception sessions')."""
    calendar = Calendar()
    calendar.add("prodid", "-//sitegen//lich-cong-tac//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{wording[title_key]} - {site.config.name}")
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    host = linker.absolute(site.ref, "").split("//", 1)[-1].split("/", 1)[0]
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"{event.slug}.{site.slug}@{host}")
        entry.add("dtstamp", event.start)
        entry.add("summary", event.title)
        if event.all_day:
            entry.add("dtstart", event.start.date())
            last = (event.end or event.start).date()
            entry.add("dtend", last + timedelta(days=1))
        else:
            entry.add("dtstart", event.start)
            entry.add("dtend", event.end or event.start + DEFAULT_LENGTH)
        if event.location:
            entry.add("location", event.location)
        entry.add("description", _description(event, wording))
        entry.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
        entry.add("categories", [EVENT_KINDS.label(event.kind)])
        entry.add("url", linker.absolute(site.ref, linker.item_path(event)))
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _description(event, wording: dict[str, str]) -> str:
    lines = []
    if event.cancelled:
        lines.append(wording["cancelled_note"])
    if event.chair:
        lines.append(f"{wording.get('chair_' + event.kind) or wording['chair']}: {event.chair}")
    if event.participants:
        lines.append(f"{wording['participants']}: {'; '.join(event.participants)}")
    return "\n".join(lines)

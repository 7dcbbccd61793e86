"""Citizen reception (tiếp công dân): the schedule's events with `kind: reception`.

The Law on Citizen Reception (2013) has the chairman of a commune's people's
committee receive citizens at least one day a week (a district's two days a
month, a province's one), and the schedule of reception made public. Every
site has tiep-cong-dan/, made from its schedule: the sessions to come
(today's included), soonest first, then the latest ones held, newest first,
each with who receives (the event's `chair`), when and where, a cancelled
one marked as such. A site with no session yet says so on the page, and the
webmaster's report names it. tiep-cong-dan/lich.ics holds the sessions only,
for a citizen's calendar.

A session moves from "to come" to "held" at the midnight after its day: the
moments the clock alone changes the page (see `changes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ...vietnamese import format_date
from ..kind import Crumb, Listed, ListPage, MenuPlace

KIND = "reception"  # the event kind (vocabulary.EVENT_KINDS)
SECTION = "tiep-cong-dan/"
CALENDAR = SECTION + "lich.ics"
RECENT = 10  # sessions held that the page still lists (every one stays on its week's page)
MENU = MenuPlace(SECTION, "reception", rank=3)


@dataclass(frozen=True)
class Sessions:
    upcoming: tuple  # from today on, soonest first
    recent: tuple  # before today, newest first, at most RECENT

    @property
    def next(self):
        """The next session held as planned (not cancelled), or None."""
        return next((event for event in self.upcoming if not event.cancelled), None)


def receptions(events: tuple) -> tuple:
    """The reception sessions among a site's events (in the schedule's order)."""
    return tuple(event for event in events if event.kind == KIND)


def sessions(events: tuple, today: date) -> Sessions:
    found = receptions(events)
    held = [event for event in found if event.start.date() < today]
    return Sessions(tuple(event for event in found if event.start.date() >= today),
                    tuple(reversed(held))[:RECENT])


def _sessions(listed: Listed) -> Sessions:
    return listed.memo("reception", lambda: sessions(listed.items, listed.now.date()))


def page(listed: Listed):
    """tiep-cong-dan/: the sessions to come and the latest held."""
    found = _sessions(listed)
    yield ListPage(SECTION, "reception", "reception.html", title_key="reception",
                   crumbs=(Crumb(SECTION, key="reception"),),
                   context={"upcoming": found.upcoming, "recent": found.recent,
                            "schema_items": found.upcoming})


def calendar(listed: Listed):
    """tiep-cong-dan/lich.ics: every reception session, for a calendar app."""
    yield CALENDAR, "calendar", {"events": receptions(listed.items), "title_key": "reception_calendar"}


def home(listed: Listed) -> dict:
    """What the home page says of reception: the next session."""
    return {"next_reception": _sessions(listed).next}


def changes(events: tuple, now: datetime):
    """Each session to come leaves the list of those to come at the midnight after its day."""
    for event in receptions(events):
        if event.start.date() >= now.date():
            yield event.start.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)


def no_reception(view) -> None:
    """The report: no reception session from today on."""
    found = sessions(receptions(view.items), view.now.date())
    if found.upcoming:
        return
    path = f"{view.site.folder}/schedule"
    if found.recent:
        view.add("no-reception", "report-no-reception-ahead", path=path,
                 last=format_date(found.recent[0].start))
    else:
        view.add("no-reception", "report-no-reception", path=path)

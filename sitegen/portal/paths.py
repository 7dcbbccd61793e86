"""Where every page of a site lives, relative to the site's own root.

Paths end in '/' for a folder page (written as index.html) or name a file.
Section names are Vietnamese without diacritics, like the rest of the URLs.
"""

from __future__ import annotations

from datetime import date

NEWS = "tin-tuc/"
CATEGORIES = "chuyen-muc/"
TAGS = "the/"
STAFF = "can-bo/"
SCHEDULE = "lich-cong-tac/"
PROCEDURES = "thu-tuc/"
SUBSITES = "don-vi/"
CHILD_NEWS = "tin-co-so/"
SEARCH = "tim-kiem/"
ASSETS = "assets/"
SEARCH_INDEX = "pagefind/"  # written by Pagefind after the pages
NOT_FOUND = "404.html"
FEED_RSS = "rss.xml"
FEED_ATOM = "atom.xml"
CALENDAR = SCHEDULE + "lich.ics"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def page_number(base: str, number: int) -> str:
    """Page 1 of a list is the list itself; later pages are 'trang-N/'."""
    return base if number <= 1 else f"{base}trang-{number}/"


def article(slug: str) -> str:
    return f"{NEWS}{slug}/"


def category(slug: str) -> str:
    return f"{CATEGORIES}{slug}/"


def tag(slug: str) -> str:
    return f"{TAGS}{slug}/"


def person(slug: str) -> str:
    return f"{STAFF}{slug}/"


def event(slug: str) -> str:
    return f"{SCHEDULE}su-kien/{slug}/"


def week(monday: date) -> str:
    year, number, _ = monday.isocalendar()
    return f"{SCHEDULE}{year}-tuan-{number:02d}/"


def procedure(slug: str) -> str:
    return f"{PROCEDURES}{slug}/"


def page(slug: str) -> str:
    return f"{slug}/"


def output_file(path: str) -> str:
    """The file written for a path: folder pages become index.html."""
    return path + "index.html" if path.endswith("/") or path == "" else path


# The section paths by name, for templates: link(paths.news).
SECTIONS = {
    "news": NEWS, "categories": CATEGORIES, "tags": TAGS, "staff": STAFF, "schedule": SCHEDULE,
    "procedures": PROCEDURES, "subsites": SUBSITES, "child_news": CHILD_NEWS, "search": SEARCH,
    "assets": ASSETS, "search_index": SEARCH_INDEX, "rss": FEED_RSS, "atom": FEED_ATOM, "calendar": CALENDAR,
}

"""Fixed pages (trang cố định): pages/*.md, each at the site's root as
<slug>/ (giới thiệu, cơ cấu tổ chức, liên hệ ...).

A page with `menu:` joins the main menu at that place; a page with `topic:`
is the item the rules require a portal to publish (introduction,
organisation, map, nature, history, heritage, contact), which the
webmaster's report looks for.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...vietnamese import collation_key, slugify
from ..kind import Entry, Field, ItemPage, Kind, Listed, Making, Publishing, Scaffold
from ..records import Body
from ..types import Choice, Integer, Text
from ..vocabulary import TOPICS
from .common import ALIASES, DRAFT, slug_field, warn_if_empty


@dataclass(frozen=True)
class Page:
    source: str
    slug: str
    title: str
    menu: int | None
    topic: str | None
    body: Body
    aliases: tuple[str, ...] = ()  # old addresses sent here (301)


@dataclass(frozen=True)
class PageLink:
    """A page as other pages link to it: its title and where it is."""

    title: str
    path: str


FIELDS = (
    Field("title", Text(300), "tiêu đề trang", required=True, example="Giới thiệu"),
    Field("menu", Integer(), "vị trí trong trình đơn chính (bỏ trống: không đưa vào)", example=1),
    Field("topic", Choice(TOPICS), "mục bắt buộc mà trang này đáp ứng: " + " | ".join(TOPICS.keys),
          example="introduction"),
    DRAFT,
    ALIASES,
    slug_field("lấy tên tệp", "gioi-thieu"),
)


def make(entry: Entry, making: Making) -> Page:
    values = entry.values
    warn_if_empty(entry, making)
    return Page(source=entry.path, slug=values["slug"] or slugify(entry.stem), title=values["title"],
                menu=values["menu"], topic=values["topic"], body=entry.body)


def menu_entries(pages: tuple[Page, ...]):
    """Pages with 'menu:' in the main menu, at their place: (place, title, path)."""
    for page in sorted((p for p in pages if p.menu is not None), key=lambda p: p.menu):
        yield page.menu, page.title, f"{page.slug}/"


def home(listed: Listed) -> dict:
    return {"pages": tuple(PageLink(p.title, f"{p.slug}/") for p in listed.items)}


def required_topic(view, item) -> None:
    if not any(page.topic == item.topic for page in view.items):
        view.missing(item, "report-no-topic-page", path=f"{view.site.folder}/{PAGES.folder}",
                     topic=item.topic, site=view.site.slug)


PAGES = Kind(
    "page", "trang cố định", "pages", FIELDS, record=Page, make=make, body_help="nội dung trang",
    order=lambda p: (p.menu if p.menu is not None else 10_000, collation_key(p.title)),
    publishing=Publishing(
        "", item=ItemPage("page.html", "page", "page", description=lambda p: p.body.first_paragraph[:300]),
        home=home, menu_entries=menu_entries,
    ),
    scaffold=Scaffold(lambda title, now, slug, taken: {"title": title, "slug": slug},
                      body="Viết nội dung trang ở đây.\n"),
    required_checks={"page": required_topic},
    counts=lambda items, site: {"pages": len(items)},
)

"""The content records: plain, frozen data read from one site folder.

Paths to pictures and attachments are relative to the site folder
('images/x.jpg'); body_html is sanitised HTML in which links to the site's
own files start with SITE_ROOT_MARK (resolved per page when rendering).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str


@dataclass(frozen=True)
class Notice:
    text: str
    start: datetime | None
    until: datetime | None


@dataclass(frozen=True)
class SiteConfig:
    slug: str
    name: str
    kind: str
    short_name: str = ""
    parent: str | None = None
    base_url: str | None = None
    owner: str = ""
    responsible: str = ""
    licence: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    menu: tuple[MenuItem, ...] = ()
    allow_html: bool = False
    feedback_url: str = ""
    notice: Notice | None = None

    @property
    def level(self) -> str:
        """The procedure level (cấp thực hiện) this site works at."""
        return {"province": "province", "district": "district"}.get(self.kind, "commune")


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    text: str


@dataclass(frozen=True, init=False)
class Body:
    """A text's HTML, kept compressed.

    Bodies are most of a portal's memory (a long Vietnamese article is some
    25 KB as a Python string); a province of 40,000 articles holds them all
    until every site is rendered. Compressed they take about a sixth of
    that, and each is unpacked only while a page that shows it is rendered.
    """

    packed: bytes
    first_paragraph: str = ""
    headings: tuple[Heading, ...] = ()
    images: tuple[str, ...] = ()  # site files the body shows, for the report

    def __init__(self, html: str, first_paragraph: str = "", headings: tuple[Heading, ...] = (),
                 images: tuple[str, ...] = ()):
        object.__setattr__(self, "packed", zlib.compress(html.encode("utf-8", "surrogatepass"), 1))
        object.__setattr__(self, "first_paragraph", first_paragraph)
        object.__setattr__(self, "headings", headings)
        object.__setattr__(self, "images", images)

    @property
    def html(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8", "surrogatepass")


@dataclass(frozen=True)
class Article:
    source: str
    slug: str
    title: str
    date: datetime
    categories: tuple[str, ...]
    author: str
    summary: str
    image: str | None
    image_caption: str
    tags: tuple[str, ...]
    featured: bool
    to_parent: bool
    body: Body
    has_time: bool = True  # False when the editor wrote a date without a time
    lead: str = ""  # the summary as the editor wrote it ('' when taken from the body)


@dataclass(frozen=True)
class Person:
    source: str
    slug: str
    name: str
    position: str
    unit: str
    order: int
    leader: bool
    photo: str | None
    phone: str
    email: str
    duties: tuple[str, ...]
    body: Body


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


@dataclass(frozen=True)
class Form:
    title: str
    file: str | None


@dataclass(frozen=True)
class Procedure:
    source: str
    slug: str
    code: str
    title: str
    field: str
    level: str
    online: str
    processing_time: str
    fee: str
    agency: str
    applicants: str
    result: str
    forms: tuple[Form, ...]
    legal_basis: tuple[str, ...]
    online_url: str
    body: Body
    origin: str = ""  # the site whose file this is (set when inherited)


@dataclass(frozen=True)
class Page:
    source: str
    slug: str
    title: str
    menu: int | None
    topic: str | None
    body: Body


@dataclass(frozen=True)
class SiteContent:
    """Everything read from one site folder, published items only."""

    slug: str
    folder: str
    config: SiteConfig
    articles: tuple[Article, ...] = ()
    people: tuple[Person, ...] = ()
    events: tuple[Event, ...] = ()
    procedures: tuple[Procedure, ...] = ()
    pages: tuple[Page, ...] = ()
    files: tuple[str, ...] = ()  # images/ and files/, copied as they are
    pictures: tuple = ()  # content.pictures.Picture of each picture in images/
    has_templates: bool = False
    held_back: tuple[str, ...] = field(default=())  # drafts and scheduled items' sources
    scheduled: tuple[datetime, ...] = ()  # when scheduled news becomes due

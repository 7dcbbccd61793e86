"""What one site publishes: every output file, described as plain data.

plan_site() lists the pages (template + context), feeds, calendars, sitemap
and copied files of one Site. For each kind it asks the kind's declaration:
the pages that list its records (ListPages) and each record's own page.
Nothing is rendered or written here, so the list can be compared with a
previous build, split across processes or checked for clashes before any
byte is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, Iterator

from ..content import paths
from ..content.kind import Crumb, Kind, Listed, ListPage, Registry
from ..content.kinds import DEFAULT
from ..content.listing import ChildItem
from ..content.records import SiteConfig
from ..content.vocabulary import SITE_KINDS
from ..portal.model import MenuLink, Site, SiteRef
from ..search.shards import SearchShards
from ..content.listing import FeedEntry
from . import english, opendata
from .feeds import FEED_ITEMS, FeedSpec, feed_entry, feed_pair
from .pictures import variants

NOT_FOUND = "not-found"  # the page type of a site's 404.html


class OutputKind(str, Enum):
    """How an output is made: rendered from a template or a data writer, or copied."""

    PAGE = "page"  # a Jinja template and its context
    FEED = "feed"
    CALENDAR = "calendar"
    SITEMAP = "sitemap"
    ROBOTS = "robots"
    JSON = "json"  # data for a page's script (the documents register's filter), and open data
    CSV = "csv"  # open data for spreadsheets (outputs/opendata.py)
    COPY = "copy"  # a site's file, as it is
    PICTURE = "picture"  # one size and format of a site's picture
    THEME = "theme"  # a theme's static file
    ADMIN = "admin"  # the admin page (the theme's admin.html): no menu, no search, no sitemap entry
    CMS_CONFIG = "cms-config"  # the admin page's CMS configuration, from the kinds (outputs/cms.py)
    BUNDLE = "bundle"  # a file of the CMS the theme ships (its admin/ folder), alike on every site

    @property
    def copied(self) -> bool:
        """Made from one file on disk rather than rendered from data."""
        return self in (OutputKind.COPY, OutputKind.PICTURE, OutputKind.THEME, OutputKind.BUNDLE)


@dataclass(frozen=True)
class Meta:
    """What every page knows about itself, for the head, breadcrumb and report."""

    path: str  # site-relative
    page_type: str  # home, article, news, category, staff, person, week, event, ...
    title: str = ""
    title_key: str = ""
    description: str = ""
    crumbs: tuple[Crumb, ...] = ()
    image: str | None = None
    feeds: tuple[FeedSpec, ...] = ()
    modified: Any = None  # when its content last changed: the sitemap's lastmod (a record's date), DC.date
    dc_type: str = "Text"  # Dublin Core type: Text, Collection, Event, Service ...
    in_sitemap: bool = True  # False for pages dated by the site as a whole, not by a record
    lang: str = paths.VIETNAMESE  # the language it is written in (English: under en/, outputs/english.py)
    alternates: tuple[tuple[str, str], ...] = ()  # (language, path) of it and its translation, if it has one
    other: tuple[str, str] | None = None  # the language switch: (language, path); None: one language

    @property
    def not_found(self) -> bool:
        """The not-found page is served at any address: no canonical link, no
        sitemap entry, links from the server's root."""
        return self.page_type == NOT_FOUND


@dataclass(frozen=True)
class Chrome:
    """What every page of a site shows around its own content: header, menu,
    notice, footer. Pages see the site only through this, so a page depends on
    exactly its chrome and its own context (what incremental builds compare)."""

    ref: SiteRef
    config: SiteConfig
    parent: SiteRef | None
    root: SiteRef
    children: tuple[SiteRef, ...]
    menu: tuple[MenuLink, ...]
    notice_active: bool
    pictures: tuple  # every picture of the site with its sizes: pages show them in <picture>
    lang: str = paths.VIETNAMESE  # the language of the pages it is around (outputs/english.py)
    name: str = ""  # the site's name in that language
    home: str = ""  # that language's home page and search page
    search: str = paths.SEARCH

    @classmethod
    def of(cls, site: Site) -> "Chrome":
        return cls(site.ref, site.config, site.parent, site.root, site.children, site.menu,
                   site.notice_active, site.pictures, name=site.config.name)

    @property
    def slug(self) -> str:
        return self.ref.slug

    @property
    def short_name(self) -> str:
        """The site's name after a page's title: its short name (in English, its English name)."""
        return self.config.short_name or self.name if self.lang == paths.VIETNAMESE else self.name

    @property
    def sub_site_units(self) -> str:
        """What its sub-sites are, in the list's order: 'xã, phường' (a province's 'các xã, phường')."""
        present = {child.kind for child in self.children}
        return ", ".join(SITE_KINDS.label(kind).lower() for kind in SITE_KINDS.keys if kind in present)


@dataclass(frozen=True)
class Output:
    """One file to publish under <out>."""

    path: str  # relative to <out>
    site: str
    kind: OutputKind
    template: str = ""
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    source: str = ""  # a copied file: where it comes from
    data: Any = None


def plan_site(site: Site, theme_files: tuple[str, ...], kinds: Registry = DEFAULT,
              admin_files: tuple[str, ...] = ()) -> Iterator[Output]:
    """Every output of one site, pages first; admin_files: the CMS files the
    theme ships for the admin page."""
    planner = _Planner(site, kinds)
    sitemap: list[tuple[str, Any]] = []
    for output in planner.pages():
        meta = output.context["meta"]
        if not meta.not_found:
            sitemap.append((meta.path, meta.modified if meta.in_sitemap else None))
        yield output
    yield from planner.data_files(tuple(sitemap))
    yield from planner.admin(admin_files, theme_files)
    for name in theme_files:
        yield Output(site.ref.prefix + paths.ASSETS + name, site.slug, OutputKind.THEME, source=name)
    pictures = {picture.path: picture for picture in site.pictures}
    for name in site.files:
        if name in pictures:
            for path, variant in variants(pictures[name]):
                yield Output(site.ref.prefix + path, site.slug, OutputKind.PICTURE, source=name, data=variant)
        else:
            yield Output(site.ref.prefix + name, site.slug, OutputKind.COPY, source=name)


class _Planner:
    def __init__(self, site: Site, kinds: Registry):
        self.site = site
        self.kinds = kinds
        self.chrome = Chrome.of(site)
        self.chromes = {paths.VIETNAMESE: self.chrome}
        if paths.ENGLISH in site.languages:
            self.chromes[paths.ENGLISH] = english.in_english(self.chrome, site, kinds)
        self.alternates = english.alternates(site, kinds) if len(site.languages) > 1 else {}
        self.listed = {kind.name: Listed(site.of(kind.name), site, kind) for kind in kinds}
        self.feeds: dict[str, tuple[FeedSpec, ...]] = {}  # by path: each feed once
        self.feed_data: list[Output] = []
        self.main_feeds: tuple[FeedSpec, ...] = ()
        self._find_main_feed()
        self.updated = self._newest(self.kinds, ((k, site.of(k.name)) for k in kinds))  # the site's newest record

    @staticmethod
    def _newest(kinds: Registry, found) -> Any:
        """The latest date among records (by their kinds' dates), or None."""
        dates = [kind.publishing.item.modified(item.item if isinstance(item, ChildItem) else item)
                 for kind, items in found
                 if kind.publishing and kind.publishing.item and kind.publishing.item.modified for item in items]
        return max((d for d in dates if d is not None), default=None)  # a record may have none (a draft's)

    def page(self, meta: Meta, template: str, **context: Any) -> Output:
        if not meta.feeds:
            meta = replace(meta, feeds=self.main_feeds)
        if meta.modified is None and not meta.not_found:
            meta = replace(meta, modified=self.updated, in_sitemap=False)
        meta = english.placed(meta, self.alternates, self.site.languages)
        context.update(site=self.chromes[meta.lang], meta=meta)
        return Output(self.site.ref.prefix + paths.output_file(meta.path), self.site.slug, OutputKind.PAGE,
                      template=template, context=context)

    @staticmethod
    def crumbs(*steps: Crumb, lang: str = paths.VIETNAMESE) -> tuple[Crumb, ...]:
        return (Crumb(paths.language_root(lang), key="home"), *steps)

    def pages(self) -> Iterator[Output]:
        yield self.home()
        for kind in self.kinds:
            yield from self.kind_pages(kind)
        if self.site.children:
            yield self.page(Meta(paths.SUBSITES, "subsites", title_key="subsites",
                                 crumbs=self.crumbs(Crumb(paths.SUBSITES, key="subsites"))), "subsites.html")
        yield self.search()
        if paths.ENGLISH in self.site.languages:
            yield from self.english()
        yield self.page(Meta(paths.NOT_FOUND, NOT_FOUND, title_key="not_found_title"), "404.html")

    def english(self) -> Iterator[Output]:
        """The site's own pages in English: its home, organisation and search (outputs/english.py)."""
        for own in english.own_pages(self.site, self.kinds, self.listed):
            crumbs = self.crumbs(Crumb(own.path, own.title, own.title_key), lang=paths.ENGLISH) \
                if own.path != paths.EN else ()
            meta = Meta(own.path, own.page_type, title=own.title, title_key=own.title_key, crumbs=crumbs,
                        dc_type=own.dc_type, lang=paths.ENGLISH)
            yield self.page(meta, own.template, **own.context)

    def home(self) -> Output:
        site = self.site
        context: dict[str, Any] = {}
        for kind in self.kinds:
            if kind.publishing and kind.publishing.home:
                context.update(kind.publishing.home(self.listed[kind.name]))
        meta = Meta("", "home", title=site.config.name, description=_site_description(site), dc_type="Collection")
        return self.page(meta, "home.html", **context)

    def kind_pages(self, kind: Kind) -> Iterator[Output]:
        publishing = kind.publishing
        if publishing is None:
            return
        listed = self.listed[kind.name]
        listings = publishing.listings
        for listing in listings[:publishing.items_after]:
            yield from self.listing(kind, listing(listed))
        if publishing.item is not None:
            yield from self.items(kind, listed)
        for listing in listings[publishing.items_after:]:
            yield from self.listing(kind, listing(listed))

    def listing(self, kind: Kind, pages) -> Iterator[Output]:
        for list_page in pages:
            feeds = self.feed(list_page) if list_page.feed else ()
            newest = self._newest(self.kinds, ((kind, list_page.context.get("items", ())),))
            meta = Meta(list_page.path, list_page.page_type, title=list_page.title,
                        title_key=list_page.title_key, crumbs=self.crumbs(*list_page.crumbs), feeds=feeds,
                        modified=newest, dc_type="Collection", in_sitemap=False)
            yield self.page(meta, list_page.template, **list_page.context)

    def items(self, kind: Kind, listed: Listed) -> Iterator[Output]:
        publishing = kind.publishing
        item_page = publishing.item
        named = publishing.section_key or publishing.title
        section = (Crumb(publishing.section, publishing.title, publishing.section_key),) if named else ()
        for index, item in enumerate(listed.items):
            path = kind.item_path(item)
            title = item_page.title(item)
            lang = kind.language(item)
            extra = item_page.crumbs(item, listed) if item_page.crumbs else ()
            meta = Meta(path, item_page.page_type, title=title, description=item_page.description(item),
                        image=item_page.image(item), lang=lang,
                        crumbs=self.crumbs(*section, *extra, Crumb(path, title), lang=lang),
                        modified=item_page.modified(item) if item_page.modified else None,
                        dc_type=item_page.dc_type)
            context = item_page.context(item, index, listed) if item_page.context else {}
            yield self.page(meta, item_page.template, **{item_page.name: item}, **context,
                            schema_items=(item,))

    def search(self) -> Output:
        """The search page: Pagefind when JavaScript runs, what the kinds list
        without it (procedures A–Z). It merges the shards of the site's index
        (search.shards) and, on a parent, its sub-sites' indexes; each
        index is numbered by its site (0: this one), which search.js needs."""
        site = self.site
        up = _up(paths.SEARCH)
        shards = site.search.get(site.slug, SearchShards())
        merge = [{"bundle": up + folder, "root": up, "site": 0} for folder in shards.folders[1:]]
        for number, child in enumerate(site.children, 1):
            root = up + _down(child.prefix, site.ref.prefix)
            merge.extend({"bundle": root + folder, "root": root, "site": number}
                         for folder in site.search.get(child.slug, SearchShards()).folders)
        context: dict[str, Any] = {"merge": tuple(merge)}
        for kind in self.kinds:
            if kind.publishing and kind.publishing.search:
                context.update(kind.publishing.search(self.listed[kind.name]))
        meta = Meta(paths.SEARCH, "search", title_key="search", crumbs=self.crumbs(Crumb(paths.SEARCH, key="search")),
                    dc_type="InteractiveResource")
        return self.page(meta, "search.html", **context)

    # Feeds ------------------------------------------------------------------

    def _find_main_feed(self) -> None:
        """The site's main feed (at its root) is announced by every page: find it
        before planning the pages."""
        for kind in self.kinds:
            for listing in (kind.publishing.listings if kind.publishing else ()):
                for list_page in listing(self.listed[kind.name]):
                    if list_page.feed is not None and list_page.feed.path == "":
                        self.main_feeds = feed_pair(list_page.feed)
                        return
                    break  # a listing's first page tells whether it has the main feed

    def feed(self, list_page: ListPage) -> tuple[FeedSpec, ...]:
        """The feed a list page announces; planned once, with the listing's newest items."""
        specs = feed_pair(list_page.feed)
        if list_page.feed.path not in self.feeds:
            self.feeds[list_page.feed.path] = specs
            entries = tuple(self.entry(item) for item in list_page.feed_items[:FEED_ITEMS])
            for spec in specs:
                self.feed_data.append(Output(self.site.ref.prefix + spec.path, self.site.slug, OutputKind.FEED,
                                             data=spec, context={"site": self.chrome, "entries": entries}))
        return specs

    def entry(self, item) -> tuple[SiteRef, str, FeedEntry]:
        """A feed's entry: the site it belongs to, its page and what the feed says of it."""
        owner, record = (item.site, item.item) if isinstance(item, ChildItem) else (self.site.ref, item)
        kind = self.kinds.of(record)
        return owner, kind.item_path(record), feed_entry(record, kind)

    def data_files(self, sitemap: tuple[tuple[str, Any], ...]) -> Iterator[Output]:
        site = self.site
        prefix = site.ref.prefix
        chrome = self.chrome
        yield from self.feed_data
        for kind in self.kinds:
            if kind.publishing and kind.publishing.data_files:
                for path, writer, context in kind.publishing.data_files(self.listed[kind.name]):
                    yield Output(prefix + path, site.slug, OutputKind(writer), context={"site": chrome, **context})
        for path, writer, data in opendata.plan(site, self.kinds, chrome):
            yield Output(prefix + path, site.slug, OutputKind(writer), context={"site": chrome, "data": data})
        yield Output(prefix + paths.SITEMAP, site.slug, OutputKind.SITEMAP, data=sitemap,
                     context={"site": chrome, "alternates": self.alternates})  # the pages' translations
        yield Output(prefix + paths.ROBOTS, site.slug, OutputKind.ROBOTS, data=site.children,
                     context={"site": chrome})


    def admin(self, files: tuple[str, ...], theme_files: tuple[str, ...] = ()) -> Iterator[Output]:
        """The admin page where the site's editors write in the browser, its CMS
        configuration and the CMS itself (see outputs/cms.py); the page that opens
        a saved file's page, and what it reads to find it."""
        site = self.site
        if site.cms is None:
            return
        from .cms import admin_policy, page_addresses, service_url, site_config, site_form

        prefix = site.ref.prefix + paths.ADMIN
        policy = admin_policy(site.cms)
        yield Output(prefix + "index.html", site.slug, OutputKind.ADMIN, template="admin.html",
                     context={"site": self.chrome, "policy": policy, "service": service_url(site.cms)})
        logo = next((f"../{paths.ASSETS}{name}" for name in theme_files
                     if re.fullmatch(r"favicon\.[0-9a-f]+\.svg", name)), "")  # the theme's, by its content
        form = site_form(site, self.kinds, logo)
        yield Output(site.ref.prefix + paths.ADMIN_CONFIG, site.slug, OutputKind.CMS_CONFIG,
                     data=site_config(site.cms, site.ref.url, self.kinds, form), context={"site": self.chrome})
        yield Output(site.ref.prefix + paths.ADMIN_VIEW, site.slug, OutputKind.ADMIN, template="admin_view.html",
                     context={"site": self.chrome, "policy": policy})
        yield Output(site.ref.prefix + paths.ADMIN_PAGES, site.slug, OutputKind.JSON,
                     context={"site": self.chrome, "data": page_addresses(site, self.kinds)})
        for name in files:
            yield Output(prefix + name, site.slug, OutputKind.BUNDLE, source=name)


def _up(path: str) -> str:
    """From a folder page at path back to its site's root: 'tim-kiem/' → '../'."""
    return "../" * path.count("/")


def _down(child_prefix: str, own_prefix: str) -> str:
    """From a site's root to a sub-site's root (sub-sites sit beside or below the root)."""
    return child_prefix if own_prefix == "" else "../" * own_prefix.count("/") + child_prefix


def _site_description(site: Site) -> str:
    parts = [site.config.owner, site.config.address]
    return " · ".join(p for p in parts if p)

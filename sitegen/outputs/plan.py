"""What one site publishes: every output file, described as plain data.

plan_site() lists the pages (template + context), feeds, calendar, sitemap
and copied files of one Site. Nothing is rendered or written here, so the
list can be compared with a previous build, split across processes or
checked for clashes before any byte is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta
from math import ceil
from typing import Any, Iterator

from ..content.records import SiteConfig
from ..portal import paths
from ..portal.model import MenuLink, Site, SiteRef, Term
from ..vietnamese import collation_key, initial
from .feeds import FeedSpec, feed_entries, site_feeds
from .pictures import variants

NEWS_PER_PAGE = 20
HOME_LATEST = 8
HOME_CHILD_NEWS = 6
RELATED = 5


@dataclass(frozen=True)
class Crumb:
    """A breadcrumb step: a title, or a wording key the theme translates."""

    path: str
    title: str = ""
    key: str = ""


@dataclass(frozen=True)
class Meta:
    """What every page knows about itself, for the head, breadcrumb and report."""

    path: str  # site-relative
    kind: str  # home, article, list, category, tag, staff, person, week, event, ...
    title: str = ""
    title_key: str = ""
    description: str = ""
    crumbs: tuple[Crumb, ...] = ()
    image: str | None = None
    feeds: tuple[FeedSpec, ...] = ()


@dataclass(frozen=True)
class PageLink:
    title: str
    slug: str


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
    pages: tuple[PageLink, ...]
    procedure_count: int
    current_week_path: str
    pictures: tuple  # every picture of the site with its sizes: pages show them in <picture>

    @classmethod
    def of(cls, site: Site) -> "Chrome":
        return cls(site.ref, site.config, site.parent, site.root, site.children, site.menu,
                   site.notice_active, tuple(PageLink(p.title, p.slug) for p in site.pages),
                   len(site.procedures), site.current_week.path, site.pictures)

    @property
    def slug(self) -> str:
        return self.ref.slug


@dataclass(frozen=True)
class Pagination:
    number: int
    total: int
    base: str

    def path(self, number: int) -> str:
        return paths.page_number(self.base, number)

    @property
    def previous(self) -> str | None:
        return self.path(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.path(self.number + 1) if self.number < self.total else None

    @property
    def numbers(self) -> range:
        return range(1, self.total + 1)


@dataclass(frozen=True)
class Output:
    """One file to publish under <out>.

    renderer: 'page' (template + context), 'feed', 'calendar', 'sitemap',
    'robots', 'copy' (a site file, copied as it is) or 'theme' (a theme file).
    """

    path: str  # relative to <out>
    site: str
    renderer: str
    template: str = ""
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    source: str = ""
    data: Any = None


def plan_site(site: Site, theme_files: tuple[str, ...]) -> Iterator[Output]:
    """Every output of one site, pages first."""
    planner = _Planner(site)
    sitemap: list[tuple[str, Any]] = []
    for output in planner.pages():
        meta = output.context["meta"]
        if meta.kind != "not-found":
            article = output.context.get("article")
            sitemap.append((meta.path, article.date if article else None))
        yield output
    yield from planner.data_files(tuple(sitemap))
    for name in theme_files:
        yield Output(site.ref.prefix + paths.ASSETS + name, site.slug, "theme", source=name)
    pictures = {picture.path: picture for picture in site.pictures}
    for name in site.files:
        if name in pictures:
            for path, variant in variants(pictures[name]):
                yield Output(site.ref.prefix + path, site.slug, "picture", source=name, data=variant)
        else:
            yield Output(site.ref.prefix + name, site.slug, "copy", source=name)


class _Planner:
    def __init__(self, site: Site):
        self.site = site
        self.chrome = Chrome.of(site)
        self.feeds = site_feeds(site)

    def page(self, meta: Meta, template: str, **context: Any) -> Output:
        if not meta.feeds:
            meta = replace(meta, feeds=self.feeds.main)
        context.update(site=self.chrome, meta=meta)
        return Output(self.site.ref.prefix + paths.output_file(meta.path), self.site.slug, "page",
                      template=template, context=context)

    def crumbs(self, *steps: Crumb) -> tuple[Crumb, ...]:
        return (Crumb("", key="home"), *steps)

    def pages(self) -> Iterator[Output]:
        yield self.home()
        yield from self.news()
        yield from self.terms()
        yield from self.staff()
        yield from self.schedule()
        yield from self.procedures()
        for page in self.site.pages:
            meta = Meta(paths.page(page.slug), "page", title=page.title,
                        description=page.body.first_paragraph[:300],
                        crumbs=self.crumbs(Crumb(paths.page(page.slug), page.title)))
            yield self.page(meta, "page.html", page=page)
        if self.site.children:
            yield from self.subsites()
        yield self.search()
        yield self.page(Meta(paths.NOT_FOUND, "not-found", title_key="not_found_title"), "404.html")

    def home(self) -> Output:
        site = self.site
        featured = tuple(a for a in site.articles if a.featured)[:3]
        latest = tuple(a for a in site.articles if a not in featured)[:HOME_LATEST]
        meta = Meta("", "home", title=site.config.name, description=_site_description(site),
                    feeds=self.feeds.main)
        return self.page(meta, "home.html", featured=featured, latest=latest,
                         week=site.current_week, child_news=site.child_news[:HOME_CHILD_NEWS],
                         leaders=tuple(p for p in site.people if p.leader)[:4])

    def news(self) -> Iterator[Output]:
        site = self.site
        yield from self.paginated(site.articles, paths.NEWS, "list.html", "news",
                                  title_key="news", crumb=Crumb(paths.NEWS, key="news"),
                                  feeds=self.feeds.main)
        articles = site.articles
        for index, article in enumerate(articles):
            term = site.category_of(article.categories[0]) if article.categories else None
            related = tuple(a for a in term.articles if a is not article)[:RELATED] if term else ()
            crumbs = [Crumb(paths.NEWS, key="news")]
            if term:
                crumbs.append(Crumb(paths.category(term.slug), term.name))
            crumbs.append(Crumb(paths.article(article.slug), article.title))
            meta = Meta(paths.article(article.slug), "article", title=article.title,
                        description=article.summary[:300], image=article.image,
                        crumbs=self.crumbs(*crumbs), feeds=self.feeds.main)
            yield self.page(meta, "article.html", article=article, related=related,
                            newer=articles[index - 1] if index > 0 else None,
                            older=articles[index + 1] if index + 1 < len(articles) else None)
        if site.children:
            items = site.child_news
            yield from self.paginated(items, paths.CHILD_NEWS, "child_news.html", "child-news",
                                      title_key="child_news",
                                      crumb=Crumb(paths.CHILD_NEWS, key="child_news"),
                                      feeds=self.feeds.children)

    def terms(self) -> Iterator[Output]:
        for kind, base, terms, index_key in (
            ("category", paths.CATEGORIES, self.site.categories, "categories"),
            ("tag", paths.TAGS, self.site.tags, "tags"),
        ):
            meta = Meta(base, f"{kind}-index", title_key=index_key,
                        crumbs=self.crumbs(Crumb(base, key=index_key)))
            yield self.page(meta, "terms.html", terms=terms, kind=kind)
            for term in terms:
                term_path = paths.category(term.slug) if kind == "category" else paths.tag(term.slug)
                feeds = self.feeds.categories.get(term.slug, ()) if kind == "category" else ()
                yield from self.paginated(term.articles, term_path, "list.html", kind, title=term.name,
                                          crumb=Crumb(base, key=index_key), feeds=feeds,
                                          term=term, last_crumb=Crumb(term_path, term.name))

    def paginated(self, items: tuple, base: str, template: str, kind: str, *, title: str = "",
                  title_key: str = "", crumb: Crumb, feeds: tuple = (), term: Term | None = None,
                  last_crumb: Crumb | None = None) -> Iterator[Output]:
        total = max(1, ceil(len(items) / NEWS_PER_PAGE))
        for number in range(1, total + 1):
            pagination = Pagination(number, total, base)
            steps = (crumb,) if last_crumb is None else (crumb, last_crumb)
            meta = Meta(pagination.path(number), kind, title=title, title_key=title_key,
                        crumbs=self.crumbs(*steps), feeds=feeds)
            chunk = items[(number - 1) * NEWS_PER_PAGE: number * NEWS_PER_PAGE]
            yield self.page(meta, template, items=chunk, pagination=pagination, term=term)

    def staff(self) -> Iterator[Output]:
        site = self.site
        crumb = Crumb(paths.STAFF, key="staff")
        yield self.page(Meta(paths.STAFF, "staff", title_key="staff", crumbs=self.crumbs(crumb)),
                        "staff.html", units=site.units)
        for person in site.people:
            meta = Meta(paths.person(person.slug), "person", title=person.name,
                        description=f"{person.position}", image=person.photo,
                        crumbs=self.crumbs(crumb, Crumb(paths.person(person.slug), person.name)))
            yield self.page(meta, "person.html", person=person)

    def schedule(self) -> Iterator[Output]:
        site = self.site
        crumb = Crumb(paths.SCHEDULE, key="schedule")
        yield self.page(Meta(paths.SCHEDULE, "week", title_key="schedule", crumbs=self.crumbs(crumb)),
                        "week.html", week=site.current_week)
        for week in site.weeks:
            meta = Meta(week.path, "week", title_key="schedule_week",
                        crumbs=self.crumbs(crumb, Crumb(week.path, f"{week.number}/{week.monday.year}")))
            yield self.page(meta, "week.html", week=week)
        for event in site.events:
            week_path = paths.week(event.start.date() - timedelta(days=event.start.weekday()))
            meta = Meta(paths.event(event.slug), "event", title=event.title,
                        description=f"{event.location}",
                        crumbs=self.crumbs(crumb, Crumb(paths.event(event.slug), event.title)))
            yield self.page(meta, "event.html", event=event, week_path=week_path)

    def procedures(self) -> Iterator[Output]:
        site = self.site
        crumb = Crumb(paths.PROCEDURES, key="procedures")
        yield self.page(Meta(paths.PROCEDURES, "procedures", title_key="procedures_catalogue",
                             crumbs=self.crumbs(crumb)),
                        "procedures.html", by_field=_group(site.procedures, lambda p: p.field),
                        by_level=_group(site.procedures, lambda p: p.level, _LEVEL_ORDER))
        for procedure in site.procedures:
            origin = None
            if procedure.origin != site.slug and site.parent and site.parent.slug == procedure.origin:
                origin = site.parent
            meta = Meta(paths.procedure(procedure.slug), "procedure", title=procedure.title,
                        description=f"{procedure.code} · {procedure.field}",
                        crumbs=self.crumbs(crumb, Crumb(paths.procedure(procedure.slug), procedure.title)))
            yield self.page(meta, "procedure.html", procedure=procedure, origin=origin)

    def search(self) -> Output:
        """The search page: Pagefind when JavaScript runs, an A–Z list of procedures always.
        A parent also searches its sub-sites' indexes."""
        site = self.site
        merge = tuple({"bundle": f"{_up(paths.SEARCH)}{_down(child.prefix, site.ref.prefix)}{paths.SEARCH_INDEX}",
                       "root": f"{_up(paths.SEARCH)}{_down(child.prefix, site.ref.prefix)}"}
                      for child in site.children)
        meta = Meta(paths.SEARCH, "search", title_key="search",
                    crumbs=self.crumbs(Crumb(paths.SEARCH, key="search")))
        fields = sorted({p.field for p in site.procedures if p.field}, key=collation_key)
        levels = sorted({p.level for p in site.procedures}, key=lambda level: _LEVEL_ORDER.get(level, 9))
        return self.page(meta, "search.html", letters=_by_initial(site.procedures), merge=merge,
                         fields=tuple(fields), levels=tuple(levels))

    def subsites(self) -> Iterator[Output]:
        meta = Meta(paths.SUBSITES, "subsites", title_key="subsites",
                    crumbs=self.crumbs(Crumb(paths.SUBSITES, key="subsites")))
        yield self.page(meta, "subsites.html")

    def data_files(self, sitemap: tuple[tuple[str, Any], ...]) -> Iterator[Output]:
        site = self.site
        prefix = site.ref.prefix
        chrome = self.chrome
        for spec in self.feeds.all():
            yield Output(prefix + spec.path, site.slug, "feed", data=spec,
                         context={"site": chrome, "entries": feed_entries(spec, site)})
        yield Output(prefix + paths.CALENDAR, site.slug, "calendar",
                     context={"site": chrome, "events": site.events})
        yield Output(prefix + paths.SITEMAP, site.slug, "sitemap", data=sitemap, context={"site": chrome})
        yield Output(prefix + paths.ROBOTS, site.slug, "robots", data=site.children, context={"site": chrome})


_LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2}


def _group(items, key, order: dict[str, int] | None = None) -> tuple[tuple[str, tuple], ...]:
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    if order:
        names = sorted(groups, key=lambda n: order.get(n, 99))
    else:
        # An empty field ('') sorts last: shown as "other fields".
        names = sorted(groups, key=lambda n: (n == "", collation_key(n)))
    return tuple((name, tuple(groups[name])) for name in names)


def _by_initial(procedures) -> tuple[tuple[str, tuple], ...]:
    """Procedures filed A–Z by the first letter of their title, in Vietnamese order."""
    letters: dict[str, list] = {}
    for procedure in sorted(procedures, key=lambda p: collation_key(p.title)):
        letters.setdefault(initial(procedure.title), []).append(procedure)
    return tuple((letter, tuple(items)) for letter, items in letters.items())


def _up(path: str) -> str:
    """From a folder page at path back to its site's root: 'tim-kiem/' → '../'."""
    return "../" * path.count("/")


def _down(child_prefix: str, own_prefix: str) -> str:
    """From a site's root to a sub-site's root (sub-sites sit beside or below the root)."""
    return child_prefix if own_prefix == "" else "../" * own_prefix.count("/") + child_prefix


def _site_description(site: Site) -> str:
    parts = [site.config.owner, site.config.address]
    return " · ".join(p for p in parts if p)

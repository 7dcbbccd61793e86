"""The portal: the tree of sites, what flows down (procedures) and up (news).

Takes the SiteContent of every folder and gives one Site per published site,
each complete for rendering on its own: its items sorted, its categories,
tags, weeks and staff units grouped, the procedures it inherits from its
parent, and (on a parent) the news its children send up. A Site refers to
other sites only through small SiteRef summaries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..content.records import (
    Article, Event, Page, Person, Procedure, SiteConfig, SiteContent,
)
from ..problems import Problem, Severity, problem
from ..vietnamese import collation_key, fold, person_key, slugify
from . import paths

# Names under the root portal's folder that a sub-site folder must not take.
RESERVED_SITE_SLUGS = frozenset(
    p.strip("/") for p in (paths.NEWS, paths.CATEGORIES, paths.TAGS, paths.STAFF, paths.SCHEDULE,
                           paths.PROCEDURES, paths.SUBSITES, paths.CHILD_NEWS, paths.SEARCH,
                           paths.ASSETS, paths.SEARCH_INDEX, "images", "files")
)
PLACEHOLDER_URL = "https://example.invalid/"
PARENT_KINDS = ("province", "district")  # communes, wards and towns have no sub-sites


@dataclass(frozen=True)
class SiteRef:
    """Enough about a site to link to it from another one."""

    slug: str
    name: str
    short_name: str
    kind: str
    prefix: str  # '' for the root, 'slug/' below it: the site's folder under <out>
    url: str  # absolute, ends with '/'
    own_domain: bool  # has its own base_url, so it may be served alone


@dataclass(frozen=True)
class Term:
    """A category or a tag with its articles, newest first."""

    name: str
    slug: str
    articles: tuple[Article, ...]


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


@dataclass(frozen=True)
class Unit:
    name: str
    people: tuple[Person, ...]


@dataclass(frozen=True)
class MenuLink:
    """A main-menu entry: a built-in section (key), a site path or an outside URL."""

    title: str
    path: str | None = None
    external: str | None = None
    key: str | None = None  # built-in entry, titled by the theme's wording


@dataclass(frozen=True)
class ChildArticle:
    site: SiteRef
    article: Article


@dataclass(frozen=True)
class Site:
    ref: SiteRef
    config: SiteConfig
    folder: str
    files: tuple[str, ...]
    pictures: tuple  # content.pictures.Picture, published in several widths
    has_templates: bool
    parent: SiteRef | None
    root: SiteRef
    children: tuple[SiteRef, ...]
    articles: tuple[Article, ...]
    categories: tuple[Term, ...]
    tags: tuple[Term, ...]
    people: tuple[Person, ...]
    units: tuple[Unit, ...]
    events: tuple[Event, ...]
    weeks: tuple[Week, ...]
    current_week: Week
    procedures: tuple[Procedure, ...]
    pages: tuple[Page, ...]
    menu: tuple[MenuLink, ...]
    child_news: tuple[ChildArticle, ...]
    notice_active: bool
    scheduled: tuple[datetime, ...]
    now: datetime

    @property
    def slug(self) -> str:
        return self.ref.slug

    @property
    def is_root(self) -> bool:
        return self.parent is None

    def category_of(self, name: str) -> Term | None:
        key = slugify(name)
        return next((t for t in self.categories if t.slug == key), None)


@dataclass(frozen=True)
class Portal:
    root: str
    sites: tuple[Site, ...]  # the root first, then its sub-sites in Vietnamese order
    refs: dict[str, SiteRef] = field(hash=False, compare=False)

    def site(self, slug: str) -> Site:
        return next(s for s in self.sites if s.slug == slug)


def build_portal(contents: list[SiteContent], now: datetime) -> tuple[Portal | None, list[Problem]]:
    problems: list[Problem] = []
    by_slug = {c.slug: c for c in contents}
    if not by_slug:
        return None, problems
    root = _find_root(by_slug, problems)
    parents = _resolve_parents(by_slug, root, problems)
    refs = _site_refs(by_slug, parents, root, problems)
    children: dict[str, list[str]] = defaultdict(list)
    for slug, parent in parents.items():
        if parent is not None:
            children[parent].append(slug)
    order = _tree_order(root, children, refs)
    sites = []
    for slug in order:
        content = by_slug[slug]
        parent = parents[slug]
        child_refs = tuple(sorted((refs[c] for c in children[slug]), key=_site_sort_key))
        inherited = _inherited(content, by_slug[parent]) if parent else ()
        child_news = _child_news([by_slug[c] for c in children[slug]], refs)
        pages = _pages_clear_of_sites(content, child_refs, problems) if slug == root else content.pages
        sites.append(_site(content, refs[slug], refs[parent] if parent else None, refs[root],
                           child_refs, inherited, child_news, pages, now))
    return Portal(root, tuple(sites), refs), problems


def _find_root(by_slug: dict[str, SiteContent], problems: list[Problem]) -> str:
    """The root portal: of the sites without a parent, the one the most sites name
    as theirs (so one commune's editor cannot take over OUT/ by deleting its
    'parent:'), then the highest kind."""
    named = defaultdict(int)
    for content in by_slug.values():
        if content.config.parent:
            named[content.config.parent] += 1
    roots = [s for s, c in by_slug.items() if not c.config.parent]
    candidates = roots or list(by_slug)
    chosen = min(candidates, key=lambda s: (-named[s], _kind_rank(by_slug[s].config.kind), s))
    if not roots:
        problems.append(problem(_site_yaml(by_slug[chosen]), None, "no-root"))
    for other in roots:
        if other != chosen:
            problems.append(problem(_site_yaml(by_slug[other]), None, "several-roots", root=chosen))
    return chosen


def _kind_rank(kind: str) -> int:
    return {"province": 0, "district": 1}.get(kind, 2)


def _site_yaml(content: SiteContent) -> str:
    return f"{content.folder}/site.yaml"


def _resolve_parents(by_slug: dict[str, SiteContent], root: str,
                     problems: list[Problem]) -> dict[str, str | None]:
    """Each site's parent; an unknown parent or a cycle is reported and the root used."""
    parents: dict[str, str | None] = {}
    for slug, content in by_slug.items():
        named = content.config.parent
        if slug == root:
            parents[slug] = None
        elif named in by_slug and named != slug and by_slug[named].config.kind in PARENT_KINDS:
            parents[slug] = named
        else:
            parents[slug] = root
            if named in by_slug and named != slug:
                problems.append(problem(_site_yaml(content), None, "parent-not-allowed", parent=named,
                                        root=root))
            elif named:
                problems.append(problem(_site_yaml(content), None, "unknown-parent", parent=named,
                                        sites=", ".join(sorted(by_slug))))
    for slug in by_slug:
        seen = []
        current: str | None = slug
        while current is not None and current not in seen:
            seen.append(current)
            current = parents[current]
        if current is not None:  # came back to a site already seen: a cycle
            cycle = seen[seen.index(current):]
            problems.append(problem(_site_yaml(by_slug[min(cycle)]), None, "parent-cycle",
                                    cycle=" → ".join(cycle + [current])))
            parents[min(cycle)] = root  # break it, so every site is still published
    return parents


def _site_refs(by_slug: dict[str, SiteContent], parents: dict[str, str | None], root: str,
               problems: list[Problem]) -> dict[str, SiteRef]:
    root_config = by_slug[root].config
    root_url = root_config.base_url
    if not root_url:
        problems.append(problem(_site_yaml(by_slug[root]), None, "no-base-url"))
        root_url = PLACEHOLDER_URL
    refs = {}
    for slug, content in by_slug.items():
        config = content.config
        prefix = "" if slug == root else f"{slug}/"
        if slug != root and slug in RESERVED_SITE_SLUGS:
            prefix = f"don-vi-{slug}/"
            problems.append(problem(_site_yaml(content), None, "bad-site-folder", folder=slug,
                                    slug=prefix.rstrip("/")))
        url = config.base_url or root_url + prefix
        refs[slug] = SiteRef(slug, config.name, config.short_name or config.name, config.kind,
                             prefix, url, own_domain=bool(config.base_url) and slug != root)
    return refs


def _site_sort_key(ref: SiteRef) -> tuple:
    return collation_key(ref.short_name), ref.slug


def _tree_order(root: str, children: dict[str, list[str]], refs: dict[str, SiteRef]) -> list[str]:
    order = [root]
    for slug in order:
        order.extend(sorted(children[slug], key=lambda s: _site_sort_key(refs[s])))
    return order


def _inherited(content: SiteContent, parent: SiteContent) -> tuple[Procedure, ...]:
    """The parent's procedures of this site's level that the site does not write itself."""
    own = {p.code for p in content.procedures}
    level = content.config.level
    return tuple(p for p in parent.procedures if p.level == level and p.code not in own)


def _child_news(children: list[SiteContent], refs: dict[str, SiteRef]) -> tuple[ChildArticle, ...]:
    items = [ChildArticle(refs[c.slug], a) for c in children for a in c.articles if a.to_parent]
    items.sort(key=lambda c: (c.article.date, c.site.slug, c.article.slug), reverse=True)
    return tuple(items)


def _pages_clear_of_sites(content: SiteContent, children: tuple[SiteRef, ...],
                          problems: list[Problem]) -> tuple[Page, ...]:
    """A root page may not take the folder name of a sub-site."""
    from dataclasses import replace

    taken = {c.prefix.strip("/") for c in children}
    result = []
    for page in content.pages:
        if page.slug in taken:
            new_slug = f"{page.slug}-trang"
            problems.append(problem(page.source, None, "reserved-slug", Severity.WARNING,
                                    slug=page.slug, new_slug=new_slug))
            page = replace(page, slug=new_slug)
        result.append(page)
    return tuple(result)


def _site(content: SiteContent, ref: SiteRef, parent: SiteRef | None, root: SiteRef,
          children: tuple[SiteRef, ...], inherited: tuple[Procedure, ...],
          child_news: tuple[ChildArticle, ...], pages: tuple[Page, ...], now: datetime) -> Site:
    articles = tuple(sorted(content.articles, key=lambda a: (a.date, a.source), reverse=True))
    events = tuple(sorted(content.events, key=lambda e: (e.start, e.title, e.source)))
    people = tuple(sorted(content.people, key=lambda p: (p.order, person_key(p.name))))
    weeks, current = _weeks(events, now.date())
    config = content.config
    notice = config.notice
    return Site(
        ref=ref,
        config=config,
        folder=content.folder,
        files=content.files,
        pictures=content.pictures,
        has_templates=content.has_templates,
        parent=parent,
        root=root,
        children=children,
        articles=articles,
        categories=_terms(articles, lambda a: a.categories),
        tags=_terms(articles, lambda a: a.tags),
        people=people,
        units=_units(people),
        events=events,
        weeks=weeks,
        current_week=current,
        procedures=tuple(sorted(content.procedures + inherited,
                                key=lambda p: (collation_key(p.field), collation_key(p.title), p.code))),
        pages=tuple(sorted(pages, key=lambda p: (p.menu if p.menu is not None else 10_000,
                                                  collation_key(p.title)))),
        menu=_menu(config, pages, is_root=parent is None, has_children=bool(children)),
        child_news=child_news,
        notice_active=bool(notice and (notice.start is None or notice.start <= now)
                           and (notice.until is None or now <= notice.until)),
        scheduled=content.scheduled,
        now=now,
    )


def _terms(articles: tuple[Article, ...], names_of) -> tuple[Term, ...]:
    """Group articles by category or tag; spellings that differ only in case or
    diacritic form share one page, named as most articles write it."""
    grouped: dict[str, list[Article]] = defaultdict(list)
    spellings: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for article in articles:
        keys = set()  # an article naming one term twice (two spellings) is listed once
        for name in names_of(article):
            key = slugify(name)
            if key not in keys:
                keys.add(key)
                grouped[key].append(article)
            spellings[key][name] += 1
    terms = []
    for key, items in grouped.items():
        name = max(sorted(spellings[key]), key=lambda n: spellings[key][n])
        terms.append(Term(name, key, tuple(items)))
    return tuple(sorted(terms, key=lambda t: collation_key(t.name)))


_UNIT_RANK = (
    ("dang uy", "huyen uy", "tinh uy", "thanh uy", "thi uy", "chi bo", "ban thuong vu", "dang"),
    ("hoi dong nhan dan", "hdnd"),
    ("uy ban nhan dan", "ubnd"),
    ("mat tran", "mttq", "uy ban mat tran"),
)


def _unit_rank(name: str) -> int:
    folded = fold(name)
    for rank, starts in enumerate(_UNIT_RANK):
        if folded.startswith(starts):
            return rank
    return len(_UNIT_RANK)


def _units(people: tuple[Person, ...]) -> tuple[Unit, ...]:
    """Staff by unit: the Party committee, People's Council, People's Committee and
    Fatherland Front first (the order of every local portal), then others A–Z."""
    grouped: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        grouped[person.unit].append(person)
    names = sorted(grouped, key=lambda n: (_unit_rank(n), collation_key(n)))
    return tuple(Unit(n, tuple(grouped[n])) for n in names)


def _weeks(events: tuple[Event, ...], today: date) -> tuple[tuple[Week, ...], Week]:
    """A page for every week with an event, and for the current week."""
    def monday_of(day: date) -> date:
        return day - timedelta(days=day.weekday())

    this_monday = monday_of(today)
    by_week: dict[date, list[Event]] = defaultdict(list)
    for event in events:
        by_week[monday_of(event.start.date())].append(event)
    mondays = sorted(set(by_week) | {this_monday})
    weeks = []
    for index, monday in enumerate(mondays):
        days = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            todays = [e for e in by_week[monday] if e.start.date() == day]
            days.append(Day(day, tuple(e for e in todays if e.start.hour < 12),
                            tuple(e for e in todays if e.start.hour >= 12)))
        weeks.append(Week(
            monday=monday,
            path=paths.week(monday),
            days=tuple(days),
            previous=paths.week(mondays[index - 1]) if index > 0 else None,
            next=paths.week(mondays[index + 1]) if index + 1 < len(mondays) else None,
            current=monday == this_monday,
        ))
    current = next(w for w in weeks if w.current)
    return tuple(weeks), current


def _menu(config: SiteConfig, pages: tuple[Page, ...], is_root: bool,
          has_children: bool) -> tuple[MenuLink, ...]:
    """site.yaml's menu if given, else the standard one; pages with 'menu:' join either."""
    if config.menu:
        links = [_menu_link(item.title, item.url) for item in config.menu]
    else:
        links = [MenuLink("", paths.NEWS, key="news"), MenuLink("", paths.PROCEDURES, key="procedures"),
                 MenuLink("", paths.SCHEDULE, key="schedule"), MenuLink("", paths.STAFF, key="staff")]
        if is_root and has_children:
            links.append(MenuLink("", paths.SUBSITES, key="subsites"))
    listed = {link.path for link in links}
    for page in sorted((p for p in pages if p.menu is not None), key=lambda p: p.menu):
        path = paths.page(page.slug)
        if path not in listed:
            links.insert(min(max(page.menu - 1, 0), len(links)), MenuLink(page.title, path))
            listed.add(path)
    return tuple(links)


def _menu_link(title: str, url: str) -> MenuLink:
    if url.startswith("/"):
        path = url.lstrip("/")
        return MenuLink(title, path)
    return MenuLink(title, external=url)

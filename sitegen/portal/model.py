"""The portal: the tree of sites, what flows down (procedures) and up (news).

Takes the SiteContent of every folder and gives one Site per published site,
each complete for rendering on its own: the records of every kind in the
kind's order, what it inherits from its parent (procedures of its level),
what its sub-sites send up (news marked to_parent), its menu and the shards
of its search index (with its sub-sites', which its search page merges). A
Site refers to other sites only through small SiteRef summaries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from ..content.kind import Registry
from ..content.kinds import DEFAULT
from ..content.listing import ChildItem
from ..content import paths
from ..content.records import CmsTarget, SiteConfig, SiteContent
from ..content.types import SLUG
from ..content.vocabulary import SITE_KINDS, may_have_sub_sites
from ..problems import Problem, Severity, problem
from ..content.national import Services
from ..search.shards import plan_shards
from . import menu_group
from .services import with_services
from ..vietnamese import collation_key

PLACEHOLDER_URL = "https://example.invalid/"


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
class MenuLink:
    """A main-menu entry: a built-in section (key), a site path or an outside URL."""

    title: str
    path: str | None = None
    external: str | None = None
    key: str | None = None  # built-in entry, titled by the theme's wording
    children: tuple["MenuLink", ...] = ()  # a group's entries (menu_group.py), opened under it


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
    items: dict[str, tuple]  # kind name -> its records (its own and inherited), in the kind's order
    inherited: dict[str, tuple]  # kind name -> the records its parent passes down
    sent_up_items: dict[str, tuple[ChildItem, ...]]  # kind name -> what its sub-sites send up, newest first
    first_published: dict[tuple[str, str], datetime]  # (kind, identity) -> when it first appeared here
    menu: tuple[MenuLink, ...]
    notice_active: bool
    scheduled: tuple[datetime, ...]
    now: datetime
    cms: CmsTarget | None = None  # where its admin page saves; None: no admin page (folder not a slug)
    search: dict = field(default_factory=dict)  # slug -> SearchShards, of this site and of each sub-site
    services: Services = Services()  # its public-service addresses, its parent's where it names none
    languages: tuple[str, ...] = (paths.VIETNAMESE,)  # and English: its pages under en/ (Registry.languages)

    @property
    def slug(self) -> str:
        return self.ref.slug

    @property
    def is_root(self) -> bool:
        return self.parent is None

    def of(self, kind: str) -> tuple:
        return self.items.get(kind, ())

    def own(self, kind: str) -> tuple:
        """The site's own records of a kind, without what its parent passes down."""
        inherited = self.inherited.get(kind, ())
        return tuple(i for i in self.of(kind) if i not in inherited) if inherited else self.of(kind)

    def sent_up(self, kind: str) -> tuple[ChildItem, ...]:
        return self.sent_up_items.get(kind, ())


@dataclass(frozen=True)
class Portal:
    root: str
    sites: tuple[Site, ...]  # the root first, then its sub-sites in Vietnamese order
    refs: dict[str, SiteRef] = field(hash=False, compare=False)

    def site(self, slug: str) -> Site:
        return next(s for s in self.sites if s.slug == slug)


def build_portal(contents: list[SiteContent], now: datetime, kinds: Registry = DEFAULT,
                 root: str | None = None, ledger: dict | None = None) -> tuple[Portal | None, list[Problem]]:
    """root: the root portal's folder when the webmaster names it (--root); ledger:
    when records were first published ((site, kind, identity) -> moment)."""
    problems: list[Problem] = []
    by_slug = {c.slug: c for c in contents}
    if not by_slug:
        return None, problems
    root = find_root({slug: c.config for slug, c in by_slug.items()}, root, problems,
                     {slug: _site_yaml(c) for slug, c in by_slug.items()})
    _check_html_grants(by_slug, root, problems)
    _check_cms(by_slug, root, problems)
    parents = _resolve_parents(by_slug, root, problems)
    refs = _site_refs(by_slug, parents, root, kinds, problems)
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
        own = _clear_of_sites(content, child_refs, kinds, problems) if slug == root else content.items
        inherited = _inherited(content, by_slug[parent], kinds) if parent else {}
        sent_up = _sent_up([by_slug[c] for c in children[slug]], refs, kinds)
        sites.append(_site(content, own, inherited, sent_up, refs[slug], refs[parent] if parent else None,
                           refs[root], child_refs, kinds, now, ledger or {},
                           _cms_target(content, by_slug[root].config)))
    return Portal(root, _with_search_shards(with_services(sites), kinds), refs), problems


def _with_search_shards(sites: list[Site], kinds: Registry) -> tuple[Site, ...]:
    """Each site with its languages and its search index's shards, and its sub-sites',
    which its search page merges (known once every site has its records)."""
    sites = [replace(site, languages=kinds.languages(site.config, site.items)) for site in sites]
    shards = {site.slug: plan_shards(site.items, kinds, english=paths.ENGLISH in site.languages) for site in sites}
    return tuple(replace(site, search={s: shards[s] for s in (site.slug, *(c.slug for c in site.children))})
                 for site in sites)


def find_root(configs: dict[str, SiteConfig], named: str | None = None, problems: list[Problem] | None = None,
              places: dict[str, str] | None = None) -> str:
    """The root portal: the one the webmaster names (--root), else, of the sites
    without a parent, the one the most sites name as theirs (so one commune's
    editor cannot take over OUT/ by deleting its 'parent:'), then the highest
    kind. Any other site without a parent is reported (at places[slug])."""
    problems = [] if problems is None else problems
    places = places or {}
    counted = defaultdict(int)
    for config in configs.values():
        if config.parent:
            counted[config.parent] += 1
    roots = [s for s, c in configs.items() if not c.parent]
    if named in configs:
        chosen = named
        if configs[named].parent:
            problems.append(problem(places.get(named, named), None, "named-root-has-parent", Severity.WARNING,
                                    parent=configs[named].parent))
    else:
        candidates = roots or list(configs)
        chosen = min(candidates, key=lambda s: (-counted[s], _kind_rank(configs[s].kind), s))
        if not roots:
            problems.append(problem(places.get(chosen, chosen), None, "no-root"))
    for other in roots:
        if other != chosen:
            problems.append(problem(places.get(other, other), None, "several-roots", root=chosen))
    return chosen


def _check_html_grants(by_slug: dict[str, SiteContent], root: str, problems: list[Problem]) -> None:
    """Only the root portal grants raw HTML, and only to sites that exist."""
    for slug, content in by_slug.items():
        granted = content.config.allow_html_sites
        if slug != root and granted:
            problems.append(problem(_site_yaml(content), None, "allow-html-sites-not-root", Severity.WARNING,
                                    root=root))
        if slug != root and content.config.sample_dated:  # a commune cannot move the portal's dates
            problems.append(problem(_site_yaml(content), None, "sample-dated-not-root", Severity.WARNING, root=root))
        elif slug == root:
            for name in granted:
                if name not in by_slug:
                    problems.append(problem(_site_yaml(content), None, "unknown-html-site", Severity.WARNING,
                                            site=name, sites=", ".join(sorted(by_slug))))


def _check_cms(by_slug: dict[str, SiteContent], root: str, problems: list[Problem]) -> None:
    """Only the root portal says where the admin pages save, and names only sites that exist."""
    for slug, content in by_slug.items():
        cms = content.config.cms
        if cms is None:
            continue
        if slug != root:
            problems.append(problem(_site_yaml(content), None, "cms-not-root", Severity.WARNING, root=root))
            continue
        if not cms.complete:
            problems.append(problem(_site_yaml(content), None, "cms-forge-incomplete", Severity.ERROR,
                                    backend=cms.backend))
        folders = {Path(c.folder).name for c in by_slug.values()}
        for entry in cms.sites:
            if entry.site not in folders:
                problems.append(problem(_site_yaml(content), None, "unknown-cms-site", Severity.WARNING,
                                        site=entry.site, sites=", ".join(sorted(folders))))


def _cms_target(content: SiteContent, root: SiteConfig) -> CmsTarget | None:
    """Where the site's admin page saves: its own folder (sites/<folder>/) of the
    repository the root names. A folder whose name is not a slug gets no admin page
    (reported as bad-site-folder): the CMS could not name it safely."""
    folder = Path(content.folder).name
    if not SLUG.fullmatch(folder):
        return None
    return root.cms.target(folder) if root.cms and root.cms.complete else CmsTarget(folder)


def _kind_rank(kind: str) -> int:
    """Provinces, then districts, then every other kind alike."""
    return min(SITE_KINDS.rank(kind), 2)


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
        elif named in by_slug and named != slug and may_have_sub_sites(by_slug[named].config.kind):
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
               kinds: Registry, problems: list[Problem]) -> dict[str, SiteRef]:
    root_config = by_slug[root].config
    root_url = root_config.base_url
    if not root_url:
        problems.append(problem(_site_yaml(by_slug[root]), None, "no-base-url"))
        root_url = PLACEHOLDER_URL
    refs = {}
    taken = kinds.top_folders()  # a sub-site's folder may not take the name of a section
    for slug, content in by_slug.items():
        config = content.config
        prefix = "" if slug == root else f"{slug}/"
        if slug != root and slug in taken:
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


def _inherited(content: SiteContent, parent: SiteContent, kinds: Registry) -> dict[str, tuple]:
    """What the parent passes down: its records of the site's level (procedures)
    that the site does not write itself, by kind."""
    found = {}
    for kind in kinds:
        if kind.inherit is None:
            continue
        own = {kind.inherit.key(item) for item in content.of(kind.name)}
        found[kind.name] = tuple(item for item in parent.of(kind.name)
                                 if kind.inherit.applies(item, content.config)
                                 and kind.inherit.key(item) not in own)
    return found


def _sent_up(children: list[SiteContent], refs: dict[str, SiteRef], kinds: Registry) -> dict[str, tuple]:
    """What the sub-sites send up to show on their parent (news marked to_parent), newest first."""
    found = {}
    for kind in kinds:
        if kind.send_up is None:
            continue
        items = [ChildItem(refs[c.slug], item) for c in children for item in c.of(kind.name)
                 if kind.send_up(item)]
        items.sort(key=kind.sent_up_order, reverse=True)
        found[kind.name] = tuple(items)
    return found


def _clear_of_sites(content: SiteContent, children: tuple[SiteRef, ...], kinds: Registry,
                    problems: list[Problem]) -> dict[str, tuple]:
    """The root's records whose pages sit at its root (fixed pages) may not take
    the folder name of a sub-site."""
    taken = {c.prefix.strip("/") for c in children}
    items = dict(content.items)
    for kind in kinds:
        if kind.publishing is None or kind.publishing.item_folder() != "":
            continue
        cleared = []
        for item in content.of(kind.name):
            if item.slug in taken:
                new_slug = f"{item.slug}-trang"
                problems.append(problem(item.source, None, "reserved-slug", Severity.WARNING,
                                        slug=item.slug, new_slug=new_slug))
                item = replace(item, slug=new_slug)
            cleared.append(item)
        items[kind.name] = tuple(cleared)
    return items


def _site(content: SiteContent, own: dict[str, tuple], inherited: dict[str, tuple],
          sent_up: dict[str, tuple], ref: SiteRef, parent: SiteRef | None, root: SiteRef,
          children: tuple[SiteRef, ...], kinds: Registry, now: datetime, ledger: dict,
          cms: CmsTarget | None) -> Site:
    items = {}
    first_published = {}
    for kind in kinds:
        records = own.get(kind.name, ()) + inherited.get(kind.name, ())
        items[kind.name] = tuple(sorted(records, key=kind.order, reverse=kind.newest_first))
        if kind.ledger is not None:
            for record in own.get(kind.name, ()):
                identity = kind.ledger(record)
                first_published[(kind.name, identity)] = ledger.get((ref.slug, kind.name, identity), now)
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
        items=items,
        inherited=inherited,
        sent_up_items=sent_up,
        first_published=first_published,
        menu=_menu(config, items, kinds, is_root=parent is None, has_children=bool(children)),
        notice_active=bool(notice and (notice.start is None or notice.start <= now)
                           and (notice.until is None or now <= notice.until)),
        scheduled=content.scheduled,
        now=now,
        cms=cms,
    )


def _menu(config: SiteConfig, items: dict[str, tuple], kinds: Registry, is_root: bool,
          has_children: bool) -> tuple[MenuLink, ...]:
    """site.yaml's menu if given, else the sections of the kinds in their declared
    places; records that ask for a place (pages with 'menu:') join either."""
    if config.menu:
        links = [_menu_link(item.title, item.url) for item in config.menu]
    else:
        sections = sorted((k.publishing for k in kinds if k.publishing and k.publishing.menu is not None),
                          key=lambda publishing: publishing.menu)
        links = [MenuLink(publishing.title, publishing.section, key=publishing.section_key or None)
                 for publishing in sections]
        if is_root and has_children:
            links.append(MenuLink("", paths.SUBSITES, key="subsites"))
    listed = {link.path for link in links}
    for kind in kinds:
        entries = kind.publishing.menu_entries if kind.publishing else None
        for place, title, path in (entries(items[kind.name]) if entries else ()):
            # A page in English (en/) is in the menu of the English pages (outputs/english.py).
            if path not in listed and paths.language_of(path) == paths.VIETNAMESE:
                links.insert(min(max(place - 1, 0), len(links)), MenuLink(_menu_title(title, config), path))
                listed.add(path)
    found = menu_group.group(kinds, [link.path for link in links])
    if found:
        links.insert(found[0], MenuLink("", key=menu_group.GROUP_KEY,
                                        children=tuple(MenuLink("", p.path, key=p.key) for p in found[1])))
    return tuple(links)


def _menu_title(title: str, config: SiteConfig) -> str:
    """A record's title as the main menu says it: without the site's own name at
    its end, which the header above already shows ('Giới thiệu xã An Bình' in
    the menu of xã An Bình is 'Giới thiệu'). A title that is only the name stays."""
    short = config.short_name or ""
    kind = SITE_KINDS.get(config.kind)
    names = [f"{kind.vi} {short}", short] if kind is not None and short else [short]
    lowered = title.casefold()
    if any(lowered == name.casefold() for name in names):
        return title
    for name in filter(None, names):
        if lowered.endswith(" " + name.casefold()):
            shorter = title[:-len(name)].rstrip(" -–,:")
            if shorter and (kind is None or shorter.casefold() != kind.vi.casefold()):
                return shorter
    return title


def _menu_link(title: str, url: str) -> MenuLink:
    if url.startswith("/"):
        path = url.lstrip("/")
        return MenuLink(title, path)
    return MenuLink(title, external=url)

"""What a content kind is: one declaration the whole pipeline reads.

A Kind says where its files live and which fields they have (read and
validated by the loader, written by `new`, documented by the field
reference), how a validated file becomes a record, how records are ordered,
passed down to sub-sites or sent up to the parent, where each record's page
lives and what other pages list them, what the structured data says of a
record, and what the webmaster's report checks. Each stage interprets the
part it needs; none of them names a kind. The kinds themselves are declared
in sitegen/content/kinds/, one module each, and gathered in a Registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Iterable

from . import paths
from .dates import NO_SHIFT, DateShift
from .types import FieldType

MARKDOWN = (".md", ".markdown")


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    help: str  # Vietnamese, one line: shown in scaffolds, the guide and messages
    required: bool = False
    default: Any = None
    example: Any = None
    label: str = ""  # what citizens read beside the value on a generic page ('' : not shown)
    prefill: Any = None  # what the admin form writes into a new file (a missing key still means `default`)
    sub_sites_only: bool = False  # only a sub-site's file means anything by it: the root's admin form hides it

    def example_value(self) -> Any:
        return self.example if self.example is not None else self.type.example


@dataclass(frozen=True)
class Crumb:
    """A breadcrumb step: a title, or a wording key the theme translates."""

    path: str
    title: str = ""
    key: str = ""


@dataclass(frozen=True)
class FeedOf:
    """A listing's feed: RSS and Atom of its newest items, at `path` ('' : the site's
    main feed at its root, announced by every page)."""

    path: str
    title_key: str  # wording: feed_title_site, feed_title_category ...
    category: str = ""  # for the title of a category's feed


@dataclass(frozen=True)
class ListPage:
    """One page that lists items: what a kind's listing gives the planner."""

    path: str  # site-relative, ends with '/'
    page_type: str  # the theme's page type (body class, description, ...)
    template: str
    title: str = ""
    title_key: str = ""
    crumbs: tuple[Crumb, ...] = ()  # after the home page's
    feed: FeedOf | None = None  # the feed this page announces (None: the site's main feed)
    feed_items: tuple = ()  # the feed's entries: records, or (SiteRef, record) pairs
    context: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Listed:
    """What a listing is given: the site's items of its kind and the site around them."""

    items: tuple  # the site's own (and inherited) items, in the kind's order
    site: Any  # portal.model.Site
    kind: "Kind"
    _memo: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def now(self) -> datetime:
        return self.site.now

    def memo(self, key: str, make: Callable[[], Any]) -> Any:
        """A grouping of the items worked out once for all the pages that need it."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]


Listing = Callable[[Listed], Iterable[ListPage]]


@dataclass(frozen=True)
class ItemPage:
    """The page of one record."""

    template: str
    page_type: str  # 'article', 'person' ...
    name: str  # the record's name in the template's context: 'article'
    title: Callable[[Any], str] = lambda item: item.title
    description: Callable[[Any], str] = lambda item: ""
    image: Callable[[Any], str | None] = lambda item: None
    crumbs: Callable[[Any, Listed], tuple[Crumb, ...]] | None = None  # between the section and the item
    context: Callable[[Any, int, Listed], dict] | None = None  # more for the template (related, ...)
    modified: Callable[[Any], datetime | None] | None = None  # the sitemap's lastmod
    folder: str | None = None  # where item pages live; None: the kind's section
    dc_type: str = "Text"  # the Dublin Core type of the page (Text, Event, Service ...)
    # The language a record's page is written in: one in another language than Vietnamese
    # lives under that language's folder (paths.language_root: en/gioi-thieu/).
    lang: Callable[[Any], str] = lambda item: paths.VIETNAMESE
    # Pairs (Vietnamese record, its translation) of the kind's records: one page in two
    # languages, each linking to the other (hreflang, the header's language switch).
    twins: Callable[[tuple], Iterable[tuple[Any, Any]]] | None = None


@dataclass(frozen=True)
class MenuPlace:
    """A list page of a kind in the main menu's group of what the law makes
    public to citizens (công khai, lấy ý kiến, tiếp công dân): every site's
    menu has the group, whatever its site.yaml lists."""

    path: str  # the list page, site-relative
    key: str  # the wording of its menu entry (menu_<key>, else <key>)
    rank: int  # its place in the group


@dataclass(frozen=True)
class Taxonomy:
    """Terms a kind's records are filed under (categories, tags): one page each."""

    name: str  # 'categories'
    base: str  # 'chuyen-muc/'
    terms: Callable[[Any], tuple[str, ...]]  # the names a record is filed under
    # The admin form offers the site's terms as a choice in these fields (a text: one, a list:
    # several): those its site.yaml lists (`listed`, from its SiteConfig) and those its records use.
    chosen_in: tuple[str, ...] = ()
    listed: Callable[[Any], tuple[str, ...]] | None = None


@dataclass(frozen=True)
class Publishing:
    section: str  # the kind's folder in every site: 'tin-tuc/' ('' : pages at the site's root)
    section_key: str = ""  # wording key of the section's name (menu, breadcrumb)
    title: str = ""  # the section's name, when the theme's wording has no key for it
    item: ItemPage | None = None
    listings: tuple[Listing, ...] = ()  # pages listing the items, in the order they are planned
    items_after: int = 0  # how many listings come before the item pages
    taxonomies: tuple[Taxonomy, ...] = ()
    menu: int | None = None  # place in the default main menu (None: not in it)
    menu_group: tuple[MenuPlace, ...] = ()  # its list pages in the menu's group of public information
    searched: bool = True  # item pages are search results
    search_year: Callable[[Any], int] | None = None  # items that pile up: a large site's index is split by year
    schema: Callable[[Any, Any], list[dict]] | None = None  # JSON-LD of a record (record, ld helper)
    home: Callable[[Listed], dict] | None = None  # what the home page shows of the kind
    english: Callable[[Listed], dict] | None = None  # what the site's English pages show (en/: outputs/english.py)
    search: Callable[[Listed], dict] | None = None  # what the search page shows without JavaScript
    feed_entry: Callable[[Any], Any] | None = None  # what a feed says of a record (outputs.feeds.FeedEntry)
    menu_entries: Callable[[tuple], Iterable[tuple[int, str, str]]] | None = None  # records in the menu
    data_files: Callable[[Listed], Iterable[tuple[str, str, dict]]] | None = None  # (path, writer, context)
    also: tuple[str, ...] = ()  # other top folders its listings take (a parent's 'tin-co-so/')
    paths: dict[str, str] = field(default_factory=dict, hash=False, compare=False)  # for templates

    def item_folder(self) -> str:
        if self.item is not None and self.item.folder is not None:
            return self.item.folder
        return self.section


@dataclass(frozen=True)
class Making:
    """What turning one validated file into a record may need: the clock, the
    site, and where to report what is held back."""

    now: datetime
    site: str  # the site's slug
    level: str  # the procedure level the site works at
    problems: list
    held_back: list  # sources of items not published (yet)
    scheduled: list  # moments at which a held-back item becomes due
    folder: Any = None  # the site's folder (a Path): its files' sizes
    owner: str = ""  # the site's owning body (cơ quan chủ quản)
    extract: Callable[[str], Any] | None = None  # a site file's text (content.extract.Extracted), cached
    display: str = ""  # the site's folder as problems name it ('sites/an-binh')
    shift: DateShift = NO_SHIFT  # a sample portal's dates moved to this week (portal.read.root_rules)


@dataclass(frozen=True)
class Entry:
    """One item read from a file, before the build's clock is applied."""

    kind: str
    path: str  # as shown to the editor
    stem: str  # the file name without its extension
    values: dict[str, Any]
    lines: dict[str, int]
    body: Any  # records.Body


@dataclass(frozen=True)
class Inheritance:
    """Records a parent passes down to its sub-sites (procedures of their level)."""

    applies: Callable[[Any, Any], bool]  # (record, the sub-site's SiteConfig)
    key: Callable[[Any], str]  # a sub-site's own record with the same key wins


@dataclass(frozen=True)
class ReportCode:
    """A problem code the report gives for this kind, with its short name."""

    code: str
    vi: str
    en: str
    rank: int  # where it is listed among the report's codes
    behind: bool = True  # the site is behind the rules (not only a quality problem)


@dataclass(frozen=True)
class Scaffold:
    """What `new` writes."""

    values: Callable[[str, datetime, str, frozenset], dict]  # (title, now, slug, taken keys)
    body: str = ""
    dated: bool = False  # the file name starts with today's date
    taken: str | None = None  # a field whose values must not repeat (the procedure code)
    comments: dict[str, str] = field(default_factory=dict, hash=False, compare=False)  # instead of the help


@dataclass(frozen=True)
class Kind:
    name: str  # as `new` and the code call it: 'news'
    label: str  # Vietnamese name of the kind, as editors call it
    folder: str  # its folder in a site folder
    fields: tuple[Field, ...]
    record: type | None = None
    make: Callable[[Entry, Making], Any] | None = None  # None: not published (site.yaml)
    extensions: tuple[str, ...] = MARKDOWN
    has_body: bool = True
    body_help: str = ""
    body_required: bool = False  # the admin form asks for a body (the build warns of an empty one)
    yaml_list: str | None = None  # a .yaml file may hold many items under this key
    checks: tuple[Callable, ...] = ()  # (document, values, lines, problems): rules across fields
    unique: str = "slug"  # 'slug': a clash gets '-2'; another field: a repeat is refused
    reserved: Callable[[str], Any] | None = None  # slugs a built-in page takes
    order: Callable[[Any], Any] = lambda item: item.slug
    newest_first: bool = False
    inherit: Inheritance | None = None
    send_up: Callable[[Any], bool] | None = None  # shown on the parent's pages too
    sent_up_order: Callable[[Any], Any] | None = None  # (ChildItem) -> key, newest first
    publishing: Publishing | None = None
    scaffold: Scaffold | None = None
    changes: Callable[[tuple, datetime], Iterable[datetime]] | None = None  # moments the clock changes pages
    report_codes: tuple[ReportCode, ...] = ()
    report: tuple[Callable, ...] = ()  # (ReportView) -> findings
    required_checks: dict[str, Callable] = field(default_factory=dict, hash=False, compare=False)
    counts: Callable[[tuple, Any], dict] | None = None  # report.json counts (items, site)
    activity: Callable[[Any], datetime] | None = None  # the site's news: the report's "last news" and chart
    ledger: Callable[[Any], str] | None = None  # a record's identity in the ledger of first publication

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def language(self, item: Any) -> str:
        """The language a record's page is written in."""
        item_page = self.publishing.item if self.publishing else None
        return item_page.lang(item) if item_page else paths.VIETNAMESE

    def item_path(self, item: Any) -> str:
        """Where a record's page lives in its site."""
        return paths.language_root(self.language(item)) + self.publishing.item_folder() + item.slug + "/"


class Registry:
    """The kinds a build knows: site.yaml's fields and the content kinds, in order."""

    def __init__(self, site: Kind, kinds: tuple[Kind, ...]):
        self.site = site
        self.kinds = tuple(kinds)
        self._by_name = {k.name: k for k in self.kinds}
        self._by_record = {k.record: k for k in self.kinds if k.record is not None}
        self._taxonomies = {t.name: (k, t) for k in self.kinds if k.publishing
                            for t in k.publishing.taxonomies}

    def __iter__(self):
        return iter(self.kinds)

    def __getitem__(self, name: str) -> Kind:
        return self._by_name[name]

    def get(self, name: str) -> Kind | None:
        return self._by_name.get(name)

    def of(self, record: Any) -> Kind:
        """The kind a record belongs to."""
        return self._by_record[type(record)]

    def taxonomy(self, name: str) -> Taxonomy:
        return self._taxonomies[name][1]

    def with_kind(self, kind: Kind) -> "Registry":
        """This registry and one more kind (or one replaced, by name)."""
        kinds = [k for k in self.kinds if k.name != kind.name] + [kind]
        return Registry(self.site, tuple(kinds))

    def top_folders(self) -> frozenset[str]:
        """The names a site's own pages and (on the root) its sub-sites may not take:
        the kinds' sections and the folders every site has."""
        found = set(paths.SITE_FOLDERS)
        for kind in self.kinds:
            publishing = kind.publishing
            if publishing:
                folders = (publishing.section, publishing.item_folder(), *publishing.also,
                           *(t.base for t in publishing.taxonomies))
                found.update(p.split("/")[0] for p in folders)
        found.discard("")
        return frozenset(found)

    def template_paths(self) -> dict[str, str]:
        """Every path templates name: link(paths.news), link(paths.search) ..."""
        found = dict(paths.SECTIONS)
        for kind in self.kinds:
            if kind.publishing:
                if kind.publishing.section_key:
                    found[kind.publishing.section_key] = kind.publishing.section
                found.update(kind.publishing.paths)
        return found

    def languages(self, config: Any, items: dict[str, tuple]) -> tuple[str, ...]:
        """The languages a site publishes in: Vietnamese, and English when its site.yaml
        names it in English (name_en) or a record's page is written in English."""
        found = {paths.VIETNAMESE}
        if getattr(config, "name_en", ""):
            found.add(paths.ENGLISH)
        for kind in self.kinds:
            if kind.publishing and kind.publishing.item:
                found.update(kind.language(item) for item in items.get(kind.name, ()))
        return tuple(sorted(found, key=lambda lang: (lang != paths.VIETNAMESE, lang)))

    def signature(self) -> str:
        """The kinds' names and fields: part of what a cached build depends on."""
        return ";".join(f"{k.name}:{k.folder}:{','.join(k.names)}" for k in (self.site, *self.kinds))

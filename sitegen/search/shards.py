"""How a site's search index is split, so that an edit makes a small part again.

Pagefind has no way to take one page out of an index or to update one in a
file: an edited article means writing the whole index again. A site with
many years of news therefore gets its index in shards: the core (every item
page but the news: procedures, people, fixed pages, documents ...) in
pagefind/, with Pagefind's scripts, and the news in groups of consecutive
years, each in pagefind/<section>-<first year>/. The search page merges them.

Shards cost the citizen some quality, so they stay few and large. Pagefind
scores a page against its own index's statistics, and a query word an index
does not know is dropped for that index, so a small shard both ranks its
pages out of step with the others and matches pages on the other words only
(search.js drops those, see the theme). Hence every shard holds at least
NEWS_PER_SHARD pages: a core smaller than that takes the newest group of
news in (a commune's five procedures alone scored "Đăng ký khai sinh" below
six articles about it), and a site is split only when its news make two
groups: the sample portal and communes of a few hundred articles keep one
index.

A site with pages in English has their own index, in pagefind/en/, which
its English search page (en/search/) reads alone: search stays in the
language of the page it starts from.

Years are grouped from the oldest: a group closes once it holds enough
articles, and the newest years, until they do, join the group before them.
New articles then change the newest group only; the group before it is
split again once, the year the newest have enough of their own. Each shard
is named by its first year, which growth never changes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from ..content import paths

NEWS_PER_SHARD = 150  # articles: below this a shard's statistics and vocabulary drift from the site's
CORE = paths.SEARCH_INDEX  # the core shard's folder, the site's main index


@dataclass(frozen=True)
class SearchShards:
    """A site's search index folders and which page goes in which."""

    folders: tuple[str, ...] = (CORE,)  # under the site's folder: the core first, then newest first
    dated: dict = field(default_factory=dict)  # page file under the site's folder -> its shard's folder
    english: str = ""  # the index of its pages in English, searched apart ('' : none)

    def folder_of(self, page: str) -> str:
        if self.english and paths.language_of(page) == paths.ENGLISH:
            return self.english
        return self.dated.get(page, CORE)

    @property
    def indexes(self) -> tuple[str, ...]:
        """Every index folder the site writes: its shards, then its English pages'."""
        return (*self.folders, self.english) if self.english else self.folders

    def language(self, folder: str) -> str:
        return paths.ENGLISH if self.english and folder == self.english else paths.VIETNAMESE

    @property
    def split(self) -> bool:
        return len(self.folders) > 1


def plan_shards(items: dict[str, tuple], kinds, english: bool = False) -> SearchShards:
    """The shards of a site whose published records are items (kind name -> records);
    english: it has pages in English, indexed apart."""
    shards = _shards(items, kinds)
    return replace(shards, english=paths.EN_SEARCH_INDEX) if english else shards


def _shards(items: dict[str, tuple], kinds) -> SearchShards:
    core = 0
    years: dict[str, dict[str, int]] = {}  # kind -> page -> year, for kinds split by year
    for kind in kinds:
        publishing = kind.publishing
        if publishing is None or publishing.item is None or not publishing.searched:
            continue
        records = items.get(kind.name, ())
        if publishing.search_year is None:
            core += sum(1 for r in records if kind.language(r) == paths.VIETNAMESE)  # English: apart
        else:
            years[kind.name] = {paths.output_file(kind.item_path(r)): publishing.search_year(r) for r in records}
    folders: list[str] = []
    dated: dict[str, str] = {}
    for name, pages in years.items():
        groups = _year_groups(Counter(pages.values()))
        if len(groups) < 2:
            core += len(pages)
            continue
        section = kinds[name].publishing.section.strip("/")
        named = [f"{CORE}{section}-{group[0]}/" for group in groups]
        if core < NEWS_PER_SHARD:  # a small core would score its pages out of step: the newest join it
            core += sum(1 for year in pages.values() if year in groups[-1])
            named[-1] = CORE
        folder_of_year = {year: folder for group, folder in zip(groups, named) for year in group}
        folders.extend(folder for folder in reversed(named) if folder != CORE)
        dated.update((page, folder_of_year[year]) for page, year in pages.items() if folder_of_year[year] != CORE)
    if not folders:
        return SearchShards()
    return SearchShards((CORE, *folders), dated)


def _year_groups(counts: Counter) -> list[list[int]]:
    """Consecutive years, oldest first, in groups of at least NEWS_PER_SHARD articles."""
    groups: list[list[int]] = []
    current: list[int] = []
    held = 0
    for year in sorted(counts):
        current.append(year)
        held += counts[year]
        if held >= NEWS_PER_SHARD:
            groups.append(current)
            current, held = [], 0
    if current:
        if groups:
            groups[-1].extend(current)
        else:
            groups.append(current)
    return groups

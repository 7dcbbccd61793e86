"""Building blocks for the pages that list a kind's records: pagination,
terms (categories, tags), records a sub-site sends up, grouping.

Kinds put these together in their declarations; the planner turns the
ListPages they give into outputs. Plain data, no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from math import ceil
from typing import Any, Callable, Iterator

from ..vietnamese import collation_key, slugify
from .kind import Crumb, FeedOf, ListPage

PER_PAGE = 20


def page_path(base: str, number: int) -> str:
    """Page 1 of a list is the list itself; later pages are 'trang-N/'."""
    return base if number <= 1 else f"{base}trang-{number}/"


@dataclass(frozen=True)
class Pagination:
    number: int
    total: int
    base: str

    def path(self, number: int) -> str:
        return page_path(self.base, number)

    @property
    def previous(self) -> str | None:
        return self.path(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.path(self.number + 1) if self.number < self.total else None

    @property
    def numbers(self) -> range:
        return range(1, self.total + 1)


def paginated(items: tuple, base: str, *, page_type: str, template: str, title: str = "",
              title_key: str = "", crumbs: tuple[Crumb, ...] = (), feed: FeedOf | None = None,
              per_page: int = PER_PAGE, **context: Any) -> Iterator[ListPage]:
    """The items over as many pages as they need (one at least, maybe empty)."""
    total = max(1, ceil(len(items) / per_page))
    for number in range(1, total + 1):
        chunk = items[(number - 1) * per_page: number * per_page]
        yield ListPage(page_path(base, number), page_type, template, title=title, title_key=title_key,
                       crumbs=crumbs, feed=feed, feed_items=items if feed else (),
                       context={"items": chunk, "pagination": Pagination(number, total, base), **context})


@dataclass(frozen=True)
class FeedEntry:
    """What a feed says of one record."""

    title: str
    date: Any  # datetime
    author: str = ""
    categories: tuple[str, ...] = ()
    summary: str = ""
    body: Any = None  # records.Body: the full text


@dataclass(frozen=True)
class ChildItem:
    """A record a sub-site sends up to its parent, with the sub-site it belongs to."""

    site: Any  # portal.model.SiteRef
    item: Any


@dataclass(frozen=True)
class Term:
    """A category or a tag with its records, in the kind's order."""

    name: str
    slug: str
    items: tuple


def group_terms(items: tuple, names_of: Callable[[Any], tuple[str, ...]]) -> tuple[Term, ...]:
    """Group records by category or tag; spellings that differ only in case or
    diacritic form share one page, named as most records write it."""
    grouped: dict[str, list] = defaultdict(list)
    spellings: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for item in items:
        keys = set()  # a record naming one term twice (two spellings) is listed once
        for name in names_of(item):
            key = slugify(name)
            if key not in keys:
                keys.add(key)
                grouped[key].append(item)
            spellings[key][name] += 1
    terms = []
    for key, members in grouped.items():
        name = max(sorted(spellings[key]), key=lambda n: spellings[key][n])
        terms.append(Term(name, key, tuple(members)))
    return tuple(sorted(terms, key=lambda t: collation_key(t.name)))


def terms_pages(items: tuple, base: str, names_of: Callable[[Any], tuple[str, ...]], *,
                page_type: str, index_key: str, taxonomy: str,
                feed_title_key: str | None = None) -> Iterator[ListPage]:
    """A taxonomy's pages: the index of its terms, then each term's list."""
    terms = group_terms(items, names_of)
    index_crumb = Crumb(base, key=index_key)
    yield ListPage(base, f"{page_type}-index", "terms.html", title_key=index_key, crumbs=(index_crumb,),
                   context={"terms": terms, "taxonomy": taxonomy})
    for term in terms:
        path = f"{base}{term.slug}/"
        feed = FeedOf(path, feed_title_key, term.name) if feed_title_key else None
        yield from paginated(term.items, path, page_type=page_type, template="list.html", title=term.name,
                             crumbs=(index_crumb, Crumb(path, term.name)), feed=feed, term=term)


def grouped(items, key: Callable[[Any], str], order: Callable[[str], Any] | None = None
            ) -> tuple[tuple[str, tuple], ...]:
    """Records by a key, as (key, records) pairs; by `order`, else Vietnamese
    order with the empty key ('': "other") last."""
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    if order:
        names = sorted(groups, key=order)
    else:
        names = sorted(groups, key=lambda n: (n == "", collation_key(n)))
    return tuple((name, tuple(groups[name])) for name in names)

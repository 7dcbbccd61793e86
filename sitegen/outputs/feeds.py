"""RSS 2.0 and Atom feeds, written with feedgen.

Each site has a feed of its news and one per category; a parent also has
one of the news its children send up (to_parent). Links are absolute,
times carry +07:00, each entry has the summary and the full text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..content.dates import LOCAL_TZ
from ..portal import paths

if TYPE_CHECKING:
    from ..portal.model import Site
    from .plan import Chrome
    from ..render.links import Linker

FEED_ITEMS = 20
EMPTY_FEED_DATE = datetime(2000, 1, 1, tzinfo=LOCAL_TZ)  # a feed with no entry yet


@dataclass(frozen=True)
class FeedSpec:
    path: str  # site-relative
    format: str  # 'rss' or 'atom'
    source: str  # 'site', 'children' or a category slug
    title_key: str  # wording: feed_title_site / feed_title_category / feed_title_children
    category: str = ""

    @property
    def media_type(self) -> str:
        return "application/rss+xml" if self.format == "rss" else "application/atom+xml"


@dataclass(frozen=True)
class SiteFeeds:
    main: tuple[FeedSpec, ...]
    children: tuple[FeedSpec, ...]
    categories: dict[str, tuple[FeedSpec, ...]]

    def all(self) -> list[FeedSpec]:
        found = [*self.main, *self.children]
        for specs in self.categories.values():
            found.extend(specs)
        return found


def _pair(base: str, source: str, title_key: str, category: str = "") -> tuple[FeedSpec, ...]:
    return (FeedSpec(base + paths.FEED_RSS, "rss", source, title_key, category),
            FeedSpec(base + paths.FEED_ATOM, "atom", source, title_key, category))


def site_feeds(site: "Site") -> SiteFeeds:
    return SiteFeeds(
        main=_pair("", "site", "feed_title_site"),
        children=_pair(paths.CHILD_NEWS, "children", "feed_title_children") if site.children else (),
        categories={t.slug: _pair(paths.category(t.slug), t.slug, "feed_title_category", t.name)
                    for t in site.categories},
    )


def feed_title(spec: FeedSpec, site: "Site | Chrome", wording: dict[str, str]) -> str:
    return wording[spec.title_key].format(site=site.config.name, category=spec.category)


def render_feed(spec: FeedSpec, entries: tuple, site: "Chrome", linker: "Linker",
                wording: dict[str, str]) -> bytes:
    """The feed as bytes; entries are (owner SiteRef, Article); linker makes absolute URLs."""
    from feedgen.feed import FeedGenerator  # with lxml, a tenth of a second to import: only when a feed is due

    feed = FeedGenerator()
    feed.load_extension("dc")
    title = feed_title(spec, site, wording)
    home = linker.absolute(site.ref, "")
    feed.id(linker.absolute(site.ref, spec.path))
    feed.title(title)
    feed.subtitle(site.config.owner or site.config.name)
    feed.link(href=home, rel="alternate")
    feed.link(href=linker.absolute(site.ref, spec.path), rel="self")
    feed.language("vi")
    newest = max((article.date for _, article in entries), default=EMPTY_FEED_DATE)
    feed.updated(newest)
    feed.lastBuildDate(newest)
    feed.generator("sitegen")
    for owner, article in entries:
        entry = feed.add_entry(order="append")
        url = linker.absolute(owner, paths.article(article.slug))
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(article.title)
        entry.link(href=url)
        entry.published(article.date)
        entry.updated(article.date)
        if article.author:
            entry.author(name=article.author)
        for name in article.categories:
            entry.category(term=name)
        # RSS readers read <description> as HTML: the plain summary is escaped for it.
        entry.description(html.escape(article.summary or article.title))
        content = linker.absolute_body(article.body, owner)
        if spec.format == "rss":
            entry.content(content, type="CDATA")
        else:
            entry.summary(article.summary or article.title)
            entry.content(content, type="html")
    if spec.format == "rss":
        feed.description(html.escape(site.config.owner or site.config.name))
        return feed.rss_str(pretty=True)
    return feed.atom_str(pretty=True)


def feed_entries(spec: FeedSpec, site: "Site") -> tuple:
    """The newest articles a feed shows, each with the site it belongs to."""
    if spec.source == "children":
        return tuple((c.site, c.article) for c in site.child_news[:FEED_ITEMS])
    if spec.source == "site":
        articles = site.articles
    else:
        term = next((t for t in site.categories if t.slug == spec.source), None)
        articles = term.articles if term else ()
    return tuple((site.ref, a) for a in articles[:FEED_ITEMS])

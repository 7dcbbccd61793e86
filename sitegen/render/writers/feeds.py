"""RSS 2.0 and Atom feeds, written with feedgen.

Links are absolute, times carry +07:00, each entry has the summary and the
full text. What each feed lists is planned in outputs/feeds.py.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING

from ...content.dates import LOCAL_TZ
from ...outputs.feeds import FeedSpec, feed_title

if TYPE_CHECKING:
    from ...outputs.plan import Chrome
    from ..links import Linker

EMPTY_FEED_DATE = datetime(2000, 1, 1, tzinfo=LOCAL_TZ)  # a feed with no entry yet


def render_feed(spec: FeedSpec, entries: tuple, site: "Chrome", linker: "Linker",
                wording: dict[str, str]) -> bytes:
    """The feed as bytes; entries are (owner SiteRef, page path, FeedEntry);
    linker makes absolute URLs."""
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
    newest = max((item.date for _, _, item in entries), default=EMPTY_FEED_DATE)
    feed.updated(newest)
    feed.lastBuildDate(newest)
    feed.generator("sitegen")
    for owner, path, item in entries:
        entry = feed.add_entry(order="append")
        url = linker.absolute(owner, path)
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(item.title)
        entry.link(href=url)
        entry.published(item.date)
        entry.updated(item.date)
        if item.author:
            entry.author(name=item.author)
        for name in item.categories:
            entry.category(term=name)
        # RSS readers read <description> as HTML: the plain summary is escaped for it.
        entry.description(html.escape(item.summary or item.title))
        content = linker.absolute_body(item.body, owner) if item.body is not None else ""
        if spec.format == "rss":
            entry.content(content, type="CDATA")
        else:
            entry.summary(item.summary or item.title)
            entry.content(content, type="html")
    if spec.format == "rss":
        feed.description(html.escape(site.config.owner or site.config.name))
        return feed.rss_str(pretty=True)
    return feed.atom_str(pretty=True)

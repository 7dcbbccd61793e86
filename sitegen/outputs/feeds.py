"""The feeds a site publishes, as plain data: where each is and what it lists.

A listing may have a feed (RSS 2.0 and Atom of its newest items): a site's
news at its root, each category's, a parent's news from its sub-sites. The
writer (render/writers/feeds.py) turns a FeedSpec and its entries into bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..content import paths
from ..content.kind import FeedOf
from ..content.listing import FeedEntry

FEED_ITEMS = 20


@dataclass(frozen=True)
class FeedSpec:
    path: str  # site-relative
    format: str  # 'rss' or 'atom'
    title_key: str  # wording: feed_title_site / feed_title_category / feed_title_children
    category: str = ""

    @property
    def media_type(self) -> str:
        return "application/rss+xml" if self.format == "rss" else "application/atom+xml"


def feed_pair(feed: FeedOf) -> tuple[FeedSpec, FeedSpec]:
    return (FeedSpec(feed.path + paths.FEED_RSS, "rss", feed.title_key, feed.category),
            FeedSpec(feed.path + paths.FEED_ATOM, "atom", feed.title_key, feed.category))


def feed_entry(record: Any, kind: Any = None) -> FeedEntry:
    """What a feed says of a record: as its kind declares, else from the
    fields a dated record has (title, date, author, categories, summary, body)."""
    if kind is not None and kind.publishing.feed_entry is not None:
        return kind.publishing.feed_entry(record)
    return FeedEntry(record.title, record.date, getattr(record, "author", ""),
                     tuple(getattr(record, "categories", ())), getattr(record, "summary", ""),
                     getattr(record, "body", None))


def feed_title(spec: FeedSpec, site: Any, wording: dict[str, str]) -> str:
    return wording[spec.title_key].format(site=site.config.name, category=spec.category)

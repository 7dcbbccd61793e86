"""The feeds a site publishes, as plain data: where each is and what it lists.

A listing may have a feed (RSS 2.0 and Atom of its newest items): a site's
news at its root, each category's, a parent's news from its sub-sites. The
writer (render/writers/feeds.py) turns a FeedSpec and its entries into bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..content import paths
from ..content.kind import FeedOf

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


@dataclass(frozen=True)
class FeedEntry:
    """What a feed says of one record."""

    title: str
    date: datetime
    author: str = ""
    categories: tuple[str, ...] = ()
    summary: str = ""
    body: Any = None  # records.Body: the full text


def feed_entry(record: Any) -> FeedEntry:
    """A record's entry, from the fields every dated record may have."""
    return FeedEntry(record.title, record.date, getattr(record, "author", ""),
                     tuple(getattr(record, "categories", ())), getattr(record, "summary", ""),
                     getattr(record, "body", None))


def feed_title(spec: FeedSpec, site: Any, wording: dict[str, str]) -> str:
    return wording[spec.title_key].format(site=site.config.name, category=spec.category)

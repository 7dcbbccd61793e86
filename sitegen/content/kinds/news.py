"""News (tin bài): news/*.md, one article a file.

Published newest first at tin-tuc/ (20 a page), each at tin-tuc/<slug>/,
filed under categories (chuyen-muc/, each with its own feed) and tags
(the/). A date in the future holds an article back until a build on or
after it. A commune's article marked to_parent is also listed on its
parent's "Tin từ cơ sở" (tin-co-so/, with its own feed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from ...problems import Severity, problem
from ...vietnamese import format_date, slugify
from ..dates import parse_when
from ..kind import (
    Crumb, Entry, FeedOf, Field, ItemPage, Kind, Listed, Making, Publishing, ReportCode, Scaffold,
    Taxonomy,
)
from ..listing import paginated, terms_pages
from ..records import Body
from ..types import AssetPath, Boolean, DateTime, Text, TextList
from .common import ALIASES, DRAFT, slug_field, warn_if_empty

SECTION = "tin-tuc/"
CATEGORIES = "chuyen-muc/"
TAGS = "the/"
CHILD_NEWS = "tin-co-so/"
HOME_LATEST = 8
HOME_FEATURED = 3
HOME_CHILD_NEWS = 6
RELATED = 5
FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")
RESERVED = re.compile(r"trang-\d+")  # the list's later pages

FIELDS = (
    Field("title", Text(300), "tiêu đề bài", required=True,
          example="Tình hình ứng dụng CNTT phát triển chính quyền điện tử"),
    Field("date", DateTime(), "ngày giờ đăng (giờ Việt Nam); ngày trong tương lai là hẹn giờ đăng",
          example="27/06/2019 17:00"),
    Field("category", Text(120), "chuyên mục", example="Tin tổng hợp"),
    Field("categories", TextList(("Tin tổng hợp", "Chuyển đổi số"), max_items=10),
          "chuyên mục khác (khi bài thuộc nhiều chuyên mục)", default=()),
    Field("author", Text(120), "tác giả", example="Thùy An"),
    Field("summary", Text(2000, multiline=True), "tóm tắt (bỏ trống thì lấy đoạn đầu)",
          example="6 tháng đầu năm 2026, UBND tỉnh ..."),
    Field("image", AssetPath("images", "images/mot-cua.jpg"), "ảnh đại diện",
          example="images/mot-cua.jpg"),
    Field("image_caption", Text(500), "chú thích ảnh", example="Trung tâm Phục vụ hành chính công tỉnh"),
    Field("tags", TextList(("chuyển đổi số", "một cửa"), max_items=30, max_length=80), "từ khóa",
          default=()),
    Field("featured", Boolean(), "true: ghim lên trang chủ", default=False, example=False),
    Field("to_parent", Boolean(), "true: đưa bài lên cả mục \"Tin từ cơ sở\" của cổng cấp trên (chỉ dùng ở "
          "trang cấp dưới, như trang xã)", default=False, example=False,
          prefill=True, sub_sites_only=True),
    DRAFT,
    ALIASES,
    slug_field("tạo từ tiêu đề", "tinh-hinh-ung-dung-cntt"),
)


@dataclass(frozen=True)
class Article:
    source: str
    slug: str
    title: str
    date: datetime
    categories: tuple[str, ...]
    author: str
    summary: str
    image: str | None
    image_caption: str
    tags: tuple[str, ...]
    featured: bool
    to_parent: bool
    body: Body
    has_time: bool = True  # False when the editor wrote a date without a time
    lead: str = ""  # the summary as the editor wrote it ('' when taken from the body)
    aliases: tuple[str, ...] = ()  # old addresses sent here (301)


def make(entry: Entry, making: Making) -> Article | None:
    """An article, once its date is known and has come; else None (reported)."""
    values = entry.values
    when = values["date"]
    dated = FILE_DATE.match(entry.stem)
    if when is None and dated:
        try:
            when = parse_when(dated.group(1))
            when = making.shift.apply(when)
        except ValueError:
            when = None
        if when is not None and "date" in entry.lines:  # its 'date' is not a date: say which one is used
            making.problems.append(problem(entry.path, entry.lines["date"], "date-from-file-name", Severity.WARNING,
                                           date=when.moment.strftime("%d/%m/%Y")))
    if when is None and "date" in entry.lines:
        return None  # written but not a date: reported as such already
    if when is None:
        date_field = FIELDS[1]
        making.problems.append(problem(entry.path, min(entry.lines.values(), default=1), "missing-field",
                                       key="date", help=date_field.help, example=date_field.example_value()))
        return None
    if when.moment > making.now:
        making.problems.append(problem(entry.path, entry.lines.get("date"), "scheduled", Severity.INFO,
                                       date=when.moment.strftime("%d/%m/%Y %H:%M")))
        making.held_back.append(entry.path)
        making.scheduled.append(when.moment)
        return None
    body = entry.body
    warn_if_empty(entry, making)
    categories = _categories(values["category"], values["categories"])
    return Article(
        source=entry.path,
        slug=values["slug"] or slugify(values["title"]),
        title=values["title"],
        date=when.moment,
        categories=categories,
        author=values["author"] or "",
        summary=values["summary"] or body.first_paragraph,
        image=values["image"],
        image_caption=values["image_caption"] or "",
        tags=values["tags"],
        featured=values["featured"],
        to_parent=values["to_parent"],
        body=body,
        has_time=not when.all_day,
        lead=values["summary"] or "",
    )


def _categories(category: str | None, others: tuple[str, ...]) -> tuple[str, ...]:
    """'category' and 'categories' together, the first one first, each once."""
    found = [category] if category else []
    found += [name for name in others if name.casefold() not in {f.casefold() for f in found}]
    return tuple(found)


# Pages --------------------------------------------------------------------

CATEGORY_TAXONOMY = Taxonomy("categories", CATEGORIES, lambda a: a.categories,
                             chosen_in=("category", "categories"), listed=lambda config: config.categories)
TAG_TAXONOMY = Taxonomy("tags", TAGS, lambda a: a.tags)
SITE_FEED = FeedOf("", "feed_title_site")


def news_list(listed: Listed):
    yield from paginated(listed.items, SECTION, page_type="news", template="list.html", title_key="news",
                         crumbs=(Crumb(SECTION, key="news"),), feed=SITE_FEED)


def child_news(listed: Listed):
    """On a parent: the news its sub-sites send up."""
    if not listed.site.children:
        return
    items = listed.site.sent_up(listed.kind.name)
    yield from paginated(items, CHILD_NEWS, page_type="child-news", template="child_news.html",
                         title_key="child_news", crumbs=(Crumb(CHILD_NEWS, key="child_news"),),
                         feed=FeedOf(CHILD_NEWS, "feed_title_children"))


def categories(listed: Listed):
    yield from terms_pages(listed.items, CATEGORIES, CATEGORY_TAXONOMY.terms, page_type="category",
                           index_key="categories", taxonomy="categories",
                           feed_title_key="feed_title_category")


def tags(listed: Listed):
    yield from terms_pages(listed.items, TAGS, TAG_TAXONOMY.terms, page_type="tag", index_key="tags",
                           taxonomy="tags")


def _first_category(article: Article, listed: Listed):
    """The article's first category as a term (its name as most articles write it)."""
    if not article.categories:
        return None
    terms = listed.memo("categories", lambda: {t.slug: t for t in _category_terms(listed)})
    return terms.get(slugify(article.categories[0]))


def _category_terms(listed: Listed):
    from ..listing import group_terms

    return group_terms(listed.items, CATEGORY_TAXONOMY.terms)


def article_crumbs(article: Article, listed: Listed) -> tuple[Crumb, ...]:
    term = _first_category(article, listed)
    return (Crumb(f"{CATEGORIES}{term.slug}/", term.name),) if term else ()


def article_context(article: Article, index: int, listed: Listed) -> dict:
    """Related articles (the same first category), and the newer and older one."""
    articles = listed.items
    term = _first_category(article, listed)
    related = tuple(a for a in term.items if a is not article)[:RELATED] if term else ()
    return {"related": related,
            "newer": articles[index - 1] if index > 0 else None,
            "older": articles[index + 1] if index + 1 < len(articles) else None}


def home(listed: Listed) -> dict:
    articles = listed.items
    featured = tuple(a for a in articles if a.featured)[:HOME_FEATURED]
    return {"featured": featured,
            "latest": tuple(a for a in articles if a not in featured)[:HOME_LATEST],
            "child_news": listed.site.sent_up(listed.kind.name)[:HOME_CHILD_NEWS]}


def schema(article: Article, ld) -> list[dict]:
    url = ld.url(article)
    data = {
        "@type": "NewsArticle", "headline": article.title, "url": url, "mainEntityOfPage": url,
        "datePublished": article.date.isoformat(), "dateModified": article.date.isoformat(),
        "inLanguage": "vi", "publisher": {"@id": ld.organisation["@id"]},
    }
    if article.summary:
        data["description"] = article.summary
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    if article.image:
        data["image"] = ld.file(article.image)
    if article.categories:
        data["articleSection"] = list(article.categories)
    if article.tags:
        data["keywords"] = ", ".join(article.tags)
    return [data]


# The report ---------------------------------------------------------------

def stale(view) -> None:
    """No news for longer than the required-items file allows."""
    days = view.required.stale_news_days
    articles = view.items
    if not articles:
        view.add("stale-news", "report-no-news", path=f"{view.site.folder}/{NEWS.folder}")
        return
    last = articles[0]
    if last.date >= view.now - timedelta(days=days):
        return
    view.add("stale-news", "report-stale-news", path=last.source, ago=(view.now.date() - last.date.date()).days,
             days=days, date=format_date(last.date))


def lead_pictures(view) -> None:
    """A lead picture's caption is also its description for the blind."""
    for article in view.items:
        if article.image and not article.image_caption.strip():
            view.add("image-no-alt", "report-lead-image-no-caption", path=article.source,
                     line=view.line(article.source, "image:"), image=article.image)


NEWS = Kind(
    "news", "tin bài", "news", FIELDS, record=Article, make=make, body_help="nội dung bài viết",
    body_required=True,
    reserved=RESERVED.fullmatch,
    order=lambda a: (a.date, a.source), newest_first=True,
    send_up=lambda a: a.to_parent,
    sent_up_order=lambda child: (child.item.date, child.site.slug, child.item.slug),
    publishing=Publishing(
        SECTION, section_key="news",
        item=ItemPage("article.html", "article", "article",
                      description=lambda a: a.summary[:300], image=lambda a: a.image,
                      crumbs=article_crumbs, context=article_context, modified=lambda a: a.date),
        listings=(news_list, child_news, categories, tags), items_after=1,
        taxonomies=(CATEGORY_TAXONOMY, TAG_TAXONOMY),
        menu=1, schema=schema, home=home, also=(CHILD_NEWS,), paths={"child_news": CHILD_NEWS},
        search_year=lambda a: a.date.year,
    ),
    scaffold=Scaffold(lambda title, now, slug, taken: {"title": title, "date": f"{now:%d/%m/%Y %H:%M}",
                                                       "slug": slug},
                      body="Viết nội dung bài ở đây. Đoạn đầu tiên được dùng làm tóm tắt nếu bạn không viết "
                           "'summary'.\n\n## Tiêu đề mục\n\nNội dung mục.\n",
                      dated=True),
    report_codes=(ReportCode("stale-news", "Tin cũ", "Stale news", rank=10),),
    report=(stale, lead_pictures),
    counts=lambda items, site: {"news": len(items)},
    activity=lambda a: a.date,
)

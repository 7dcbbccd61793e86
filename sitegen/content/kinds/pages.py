"""Fixed pages (trang cố định): pages/*.md, each at the site's root as
<slug>/ (giới thiệu, cơ cấu tổ chức, liên hệ ...).

A page with `menu:` joins the main menu at that place; a page with `topic:`
is the item the rules require a portal to publish (introduction,
organisation, map, nature, history, heritage, contact), which the
webmaster's report looks for.

A page written in English (`lang: en`, or a file named like
pages/gioi-thieu.en.md) is published under en/ (en/gioi-thieu/), in the
site's English pages; the English twin of a Vietnamese page (the same file
name without '.en', else the same slug) links to it and back, and takes its
topic when it names none.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...vietnamese import collation_key, latin, slugify
from .. import paths
from ..kind import Entry, Field, ItemPage, Kind, Listed, Making, Publishing, Scaffold
from ..records import Body
from ..types import Choice, Integer, Text
from ..vocabulary import LANGUAGES, SITE_KINDS, TOPICS
from .common import ALIASES, DRAFT, slug_field, warn_if_empty


@dataclass(frozen=True)
class Page:
    source: str
    slug: str
    title: str
    menu: int | None
    topic: str | None
    body: Body
    aliases: tuple[str, ...] = ()  # old addresses sent here (301)
    lang: str = paths.VIETNAMESE  # the language it is written in
    name: str = ""  # its file name without '.md' and '.en': what its twin in the other language shares

    @property
    def path(self) -> str:
        """Where it is published in its site: 'gioi-thieu/', 'en/gioi-thieu/'."""
        return f"{paths.language_root(self.lang)}{self.slug}/"


@dataclass(frozen=True)
class PageLink:
    """A page as other pages link to it: its title and where it is."""

    title: str
    path: str


FIELDS = (
    Field("title", Text(300), "tiêu đề trang", required=True, example="Giới thiệu"),
    Field("menu", Integer(), "vị trí trong trình đơn chính (bỏ trống: không đưa vào)", example=1),
    Field("topic", Choice(TOPICS), "mục bắt buộc mà trang này đáp ứng: " + " | ".join(TOPICS.keys),
          example="introduction"),
    Field("lang", Choice(LANGUAGES, code="bad-lang"), "ngôn ngữ của trang: vi (tiếng Việt) | en (tiếng Anh, "
          "đăng ở en/); bỏ trống: theo tên tệp (tệp tên đuôi .en.md là trang tiếng Anh)", example="en"),
    DRAFT,
    ALIASES,
    slug_field("lấy tên tệp", "gioi-thieu"),
)


ENGLISH_SUFFIX = ".en"  # pages/gioi-thieu.en.md: the English page of pages/gioi-thieu.md
ENGLISH_TOPIC = "introduction"  # the English page the rules ask for: the body, its functions and duties


def make(entry: Entry, making: Making) -> Page:
    values = entry.values
    warn_if_empty(entry, making)
    english_name = entry.stem.lower().endswith(ENGLISH_SUFFIX)
    name = entry.stem[:-len(ENGLISH_SUFFIX)] if english_name else entry.stem
    lang = values["lang"] or (paths.ENGLISH if english_name else paths.VIETNAMESE)
    return Page(source=entry.path, slug=values["slug"] or slugify(name), title=values["title"],
                menu=values["menu"], topic=values["topic"], body=entry.body, lang=lang, name=name)


def twins(pages: tuple[Page, ...]):
    """Each page in another language with its Vietnamese original: the page of the same
    file name without '.en' (gioi-thieu.en.md and gioi-thieu.md), else of the same slug."""
    originals = [p for p in pages if p.lang == paths.VIETNAMESE]
    by_name = {p.name: p for p in originals}
    by_slug = {p.slug: p for p in originals}
    paired = set()
    for page in pages:
        original = None if page.lang == paths.VIETNAMESE else by_name.get(page.name) or by_slug.get(page.slug)
        if original is not None and (original.source, page.lang) not in paired:
            paired.add((original.source, page.lang))
            yield original, page


def menu_entries(pages: tuple[Page, ...]):
    """Pages with 'menu:' in the main menu of their language, at their place: (place, title, path)."""
    for page in sorted((p for p in pages if p.menu is not None), key=lambda p: p.menu):
        yield page.menu, page.title, page.path


def home(listed: Listed) -> dict:
    return {"pages": tuple(PageLink(p.title, p.path) for p in listed.items if p.lang == paths.VIETNAMESE)}


def english(listed: Listed) -> dict:
    return {"english_pages": tuple(PageLink(p.title, p.path) for p in listed.items if p.lang == paths.ENGLISH)}


def required_topic(view, item) -> None:
    if not any(page.topic == item.topic and page.lang == paths.VIETNAMESE for page in view.items):
        view.missing(item, "report-no-topic-page", path=f"{view.site.folder}/{PAGES.folder}",
                     topic=item.topic, site=view.site.slug)


def required_english(view, item) -> None:
    """What Decree 42/2022 (Art. 7) asks in English of the site itself: its name
    (site.yaml's name_en) and a page introducing the body, its functions and duties."""
    site = view.site
    if not site.config.name_en:
        view.missing(item, "report-no-english-name", path=f"{site.folder}/site.yaml",
                     line=view.line(f"{site.folder}/site.yaml", "name:"), name=latin(site.ref.short_name),
                     kind=SITE_KINDS.label(site.config.kind, "en"))
    originals = {page.source: original for original, page in twins(view.items)}
    if not any(page.lang == paths.ENGLISH and ENGLISH_TOPIC in (page.topic, getattr(originals.get(page.source),
                                                                                    "topic", None))
               for page in view.items):
        original = next((p for p in view.items if p.lang == paths.VIETNAMESE and p.topic == ENGLISH_TOPIC), None)
        name = original.name if original else "gioi-thieu"
        view.missing(item, "report-no-english-introduction", path=f"{site.folder}/{PAGES.folder}",
                     file=f"{PAGES.folder}/{name}{ENGLISH_SUFFIX}.md", original=f"{PAGES.folder}/{name}.md")


PAGES = Kind(
    "page", "trang cố định", "pages", FIELDS, record=Page, make=make, body_help="nội dung trang",
    body_required=True,
    order=lambda p: (p.menu if p.menu is not None else 10_000, collation_key(p.title)),
    publishing=Publishing(
        "", item=ItemPage("page.html", "page", "page", description=lambda p: p.body.first_paragraph[:300],
                          lang=lambda p: p.lang, twins=twins),
        home=home, menu_entries=menu_entries, english=english,
    ),
    scaffold=Scaffold(lambda title, now, slug, taken: {"title": title, "slug": slug},
                      body="Viết nội dung trang ở đây.\n"),
    required_checks={"page": required_topic, "english": required_english},
    counts=lambda items, site: {"pages": sum(p.lang == paths.VIETNAMESE for p in items),
                                "english_pages": sum(p.lang == paths.ENGLISH for p in items)},
)

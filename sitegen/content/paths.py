"""Where the pages every site has, whatever its kinds, live in the site.

Paths are relative to the site's own root; they end in '/' for a folder
page (written as index.html) or name a file. Section names are Vietnamese
without diacritics, like the rest of the URLs. Each kind declares its own
section (sitegen/content/kinds/).
"""

from __future__ import annotations

SUBSITES = "don-vi/"
SEARCH = "tim-kiem/"
ASSETS = "assets/"
SEARCH_INDEX = "pagefind/"  # written by Pagefind after the pages
NOT_FOUND = "404.html"
FEED_RSS = "rss.xml"
FEED_ATOM = "atom.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
PICTURES = "images/"
FILES = "files/"
ADMIN = "quan-tri/"  # the admin page (Decap CMS): kept out of the sitemap, the search and robots
ADMIN_CONFIG = ADMIN + "config.yml"  # what Decap loads beside its page
ADMIN_VIEW = ADMIN + "xem.html"  # "Xem trên trang" after saving: opens the saved item's page once it is built
ADMIN_PAGES = ADMIN + "trang.json"  # for it: each of the site's files (kind/name) and the page it makes

# The site in English (Decree 42/2022, Art. 7: the organisation, its functions and
# duties and its officials' contacts in English too): a page written in English
# lives under en/ (pages/gioi-thieu.en.md at en/gioi-thieu/), beside its own home,
# the organisation and contacts made from the staff files, and its own search, whose
# index (the English pages only) is a folder of the site's.
VIETNAMESE = "vi"
ENGLISH = "en"
EN = "en/"
EN_ORGANISATION = EN + "organisation/"
EN_SEARCH = EN + "search/"
EN_SEARCH_INDEX = SEARCH_INDEX + "en/"
EN_FOLDERS = frozenset({"organisation", "search"})  # names under en/ an English page may not take

# Names at a site's root that its own pages and (on the root) its sub-sites
# may not take: the folders above, and the names of list pages ('trang-2').
SITE_FOLDERS = frozenset(p.strip("/") for p in (SUBSITES, SEARCH, ASSETS, SEARCH_INDEX, PICTURES, FILES,
                                                ADMIN, EN)) \
    | {"trang", "404"}


def output_file(path: str) -> str:
    """The file written for a path: folder pages become index.html."""
    return path + "index.html" if path.endswith("/") or path == "" else path


def language_root(lang: str) -> str:
    """Where a language's pages live in a site: '' for Vietnamese, 'en/' for English."""
    return "" if lang == VIETNAMESE else f"{lang}/"


def language_of(path: str) -> str:
    """The language of the page at a site-relative path."""
    return ENGLISH if path.startswith(EN) else VIETNAMESE


# The site-wide paths by name, for templates: link(paths.search).
SECTIONS = {
    "subsites": SUBSITES, "search": SEARCH, "assets": ASSETS, "search_index": SEARCH_INDEX,
    "rss": FEED_RSS, "atom": FEED_ATOM,
    "en_home": EN, "en_organisation": EN_ORGANISATION, "en_search": EN_SEARCH, "en_search_index": EN_SEARCH_INDEX,
}
